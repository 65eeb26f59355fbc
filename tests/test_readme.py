"""The README's generated parts (command reference, settings, figure tables) match the code."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_generated_blocks_are_current() -> None:
    """`cog --check` reruns every generator in README.md; `make readme` rewrites them."""
    done = subprocess.run([sys.executable, "-m", "cogapp", "--check", "-I", str(ROOT), "README.md"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"README.md is out of date; run `make readme`\n{done.stdout}{done.stderr}"


def test_every_command_and_setting_section_is_generated() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("list", "show", "diff", "tag", "history", "report", "import"):
        assert f"#### `cow-compare {command}`\n\n```\nUsage: cow-compare {command} [OPTIONS]" in readme
    assert "| `align.min_score` | `0.5` |" in readme
    assert "from cow_compare import Workspace" in readme

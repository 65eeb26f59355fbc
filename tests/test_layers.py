"""The package tree shows the flow: each stage imports only the base modules and the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "cow_compare"
BASE = {"model", "errors", "settings", "cachefiles", "csvcells"}
STAGES = ["intake", "alignment", "changes", "tags", "decisions", "render"]
"""In the order data flows; a stage may import the base and any stage before it, never after."""
APPLICATION = {"pipeline", "comparisons", "workspace", "history", "threads", "reports", "cli", "server", "__init__", "__main__"}


def _area(module: str) -> str:
    """The stage, base module or application module a dotted module path (within the package) belongs to."""
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    """The package-internal modules a file imports, as dotted paths relative to cow_compare."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level]) if path.name != "__init__.py" else list(
                    here[: len(here) - node.level + 1])
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # `from .. import __version__`: a name of the package itself
                    found.add("__init__")
                else:
                    found.add(".".join(target))
            elif node.module and node.module.startswith("cow_compare."):
                found.add(node.module.removeprefix("cow_compare."))
    return found


def test_stages_import_only_what_comes_before_them() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        area = _area(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if area in APPLICATION or area in BASE:
            allowed = None if area in APPLICATION else BASE | {"__init__"}
        else:
            assert area in STAGES, f"{path}: not a known stage; add it to STAGES in its place in the flow"
            allowed = BASE | set(STAGES[: STAGES.index(area) + 1]) | {"__init__"}
        for imported in _imports(path):
            target = _area(imported)
            if allowed is not None and target not in allowed:
                problems.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert problems == []


def test_renderers_import_no_computing_module() -> None:
    for path in sorted((PACKAGE / "render").glob("*.py")):
        # csvcells is how a cell is written (the decisions backup writes and reads cells the same way).
        assert {_area(m) for m in _imports(path)} <= {"model", "render", "__init__", "csvcells"}, path.name


def test_the_layer_test_sees_real_imports() -> None:
    """The checker itself: it must find the aligner's import of intake and the workspace's of the pipeline."""
    assert "intake.normalize" in _imports(PACKAGE / "alignment" / "similarity.py")
    assert any(_area(m) == "intake" for m in _imports(PACKAGE / "workspace.py"))

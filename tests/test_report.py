"""HTML reports without a browser: content, escaping, the security policy, determinism, files."""

from __future__ import annotations

import html
import re
from pathlib import Path

from cow_compare import Corpus, Workspace
from cow_compare.pipeline import compare
from cow_compare.render.html_format import pair_page, safe_url
from cow_compare.reports import write_all
from tests.conftest import FIXTURES, MARKUP, PROPOSALS, REDRAFT, ROOT, run_cli

XSS = FIXTURES / "xss"


def test_pair_report_shows_header_summary_and_every_change(corpus: Corpus) -> None:
    report = compare(corpus.resolve("us-28"), corpus.resolve("eu-e3"))
    page = pair_page(report)
    assert "<title>us-28-2025-11-20 → eu-e3-2025-11-23: what changed</title>" in page
    assert "European (E3) mark-up of the US 28-point plan" in page and "United Kingdom, France, Germany" in page
    assert page.count('<tr class="change"') == len(report.changes)
    # Point 6: the number is struck and the new one underlined, and the facts stand beside it.
    assert "<del>600,000</del><ins>800,000</ins>" in page
    assert "<li>number: 600,000 -&gt; 800,000</li>" in page
    # Permalinks for both sides, and deleted slot text struck.
    assert 'id="us-28-2025-11-20:8"' in page and 'id="eu-e3-2025-11-23:8"' in page
    assert '<span class="struck">Russia is expected not to invade' in page


def test_split_and_merged_rows_link_their_counterparts(frozen: Corpus) -> None:
    page = pair_page(compare(frozen.documents[MARKUP], frozen.documents[REDRAFT]))
    assert f'split into <a href="#{REDRAFT}:5">5</a>, <a href="#{REDRAFT}:6">6</a></div>' in page
    assert f'merged from <a href="#{MARKUP}:4">4</a>, <a href="#{MARKUP}:5">5</a></div>' in page


def test_nothing_is_loaded_from_anywhere(corpus: Corpus) -> None:
    page = pair_page(compare(corpus.resolve("us-28"), corpus.resolve("eu-e3")))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(part.strip().split(" ", 1) for part in html.unescape(policy.group(1)).split(";"))
    assert rules["default-src"] == "'none'" and rules["connect-src"] == "'none'"
    assert rules["script-src"].startswith("'sha256-") and rules["style-src"].startswith("'sha256-")
    # No element that loads anything: no src attributes, no stylesheet links, no @import or url().
    assert not re.search(r"\ssrc=|<link\s|@import|url\(", page)


def test_hostile_text_is_shown_literally(tmp_path: Path) -> None:
    written = write_all(Workspace(XSS), tmp_path)
    pages = "\n".join(path.read_text(encoding="utf-8") for path in written)
    assert pages.count("<script>") == len(written) - 2  # only the one script block of each pair report
    for hostile in ("<img", "<svg", "<iframe", "<b>nothing", 'href="javascript:', 'href="data:'):
        assert hostile not in pages, hostile
    assert "&lt;script&gt;alert(&#39;one&#39;)&lt;/script&gt;" in pages
    assert 'href="https://example.org/plan?a=1&amp;b=2"' in pages
    assert "not an http or https address, not linked" in pages


def test_only_http_and_https_sources_are_links() -> None:
    assert safe_url("https://www.reuters.com/world/x") and safe_url("http://example.org")
    for url in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example", "file:///etc/passwd",
                "https://a.example/\"onmouseover=x", " https://a.example"):
        assert not safe_url(url), url


def test_same_input_same_bytes(corpus: Corpus, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    names = [p.name for p in write_all(Workspace(PROPOSALS), first)]
    write_all(Workspace(PROPOSALS), second)
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_committed_reports_are_what_the_code_writes(corpus: Corpus, tmp_path: Path) -> None:
    """reports/ in the repository must be byte-identical to a fresh `cow-compare report --all`."""
    fresh = {p.name: p.read_bytes() for p in write_all(Workspace(PROPOSALS), tmp_path)}
    committed = {p.name: p.read_bytes() for p in (ROOT / "reports").glob("*.html")}
    assert sorted(committed) == sorted(fresh), "regenerate with: make reports"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"stale reports {stale}; regenerate with: make reports"


def test_report_command_writes_files_and_fails_cleanly(tmp_path: Path) -> None:
    result = run_cli("report", "us-28", "eu-e3", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "out" / "us-28-2025-11-20__eu-e3-2025-11-23.html"
    assert result.stdout.strip() == str(written) and written.stat().st_mode & 0o644 == 0o644
    for args, expected in [
        (("report",), "give two versions"),
        (("report", "us-28", "eu-e3", "--all"), "give two versions"),
        (("report", "us-28"), "needs a second version"),
        (("report", "us-28", "nope-99"), "is not a corpus id"),
    ]:
        failed = run_cli(*args, "-o", str(tmp_path / "never"))
        assert failed.returncode == 2 and failed.stdout == "", args
        assert len(failed.stderr.strip().splitlines()) == 1 and expected in failed.stderr, failed.stderr
    assert not (tmp_path / "never").exists()
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    failed = run_cli("report", "us-28", "eu-e3", "-o", str(blocked))
    assert failed.returncode == 2 and "cannot write there" in failed.stderr

"""HTML reports in a real browser: Playwright driving Debian's Chromium over file:// URLs.

Playwright's own browser download cannot work here, so the tests launch /usr/bin/chromium (or
$COW_COMPARE_CHROMIUM). `make test` installs it where it can. In CI (CI set) these tests must
run: a missing browser fails them. Elsewhere they skip with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cow_compare import Workspace
from cow_compare.reports import write_all
from tests.conftest import BASE, FIXTURES, FROZEN, MARKUP, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports of the frozen corpus, whose counts never change."""
    folder = tmp_path_factory.mktemp("reports")
    write_all(Workspace(FROZEN), folder)
    return folder


MARKUP_PAGE = f"{BASE}__{MARKUP}.html"


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    opened = context.new_page()
    opened.problems = []  # console errors, page errors, dialogs and network requests seen
    opened.on("console", lambda m: opened.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(f"page error: {e}"))
    opened.on("dialog", lambda d: (opened.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def route(r: Any) -> None:
        if not r.request.url.startswith("file://"):
            opened.problems.append(f"network: {r.request.url}")
            r.abort()
        else:
            r.continue_()

    opened.route("**/*", route)
    yield opened
    context.close()


def _rows(page: Any, selector: str = "tr.change") -> list[str]:
    return page.eval_on_selector_all(selector, "rows => rows.filter(r => !r.hidden).map(r => r.dataset.kind)")


def test_report_filters_and_screenshot(page: Any, reports: Path) -> None:
    page.goto((reports / MARKUP_PAGE).as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dcg-10__nm-10.png"))
    # "changes only" is on: the 11 identical provisions are hidden, the 5 changes shown.
    assert sorted(set(_rows(page))) == ["deleted", "modified", "reworded"]
    assert len(_rows(page)) == 5 and page.inner_text("#shown") == "5 of 16 shown"
    page.uncheck("input[name=kind][value=deleted]")
    assert "deleted" not in _rows(page) and len(_rows(page)) == 4
    page.uncheck("#changes-only")
    assert _rows(page).count("identical") == 11
    page.fill("#search", "peacetime")
    texts = page.eval_on_selector_all("tr.change", "rows => rows.filter(r => !r.hidden).map(r => r.textContent)")
    assert texts and all("peacetime" in t.lower() for t in texts)
    assert page.problems == []


def test_tag_filter_and_implications_first(page: Any, reports: Path) -> None:
    page.goto((reports / MARKUP_PAGE).as_uri())
    first = page.locator("ul.shifts li").first
    assert "4 → 4" in first.inner_text() and "MNF-U: prohibits -> limits" in first.inner_text()
    page.select_option("#tag-filter", "MNF-U")
    tags = page.eval_on_selector_all("tr.change", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.tags)")
    assert tags and all("MNF-U" in t.split() for t in tags)
    shown = page.eval_on_selector_all("tr.change", "rows => rows.filter(r => !r.hidden).map("
                                      "r => r.querySelector('[data-provision]').id)")
    assert shown == [f"{BASE}:4"]
    # Clicking the summary's link lands on point 4's row.
    first.locator("a").click()
    box = page.locator(f'[id="{MARKUP}:4"]').bounding_box()
    assert box is not None and 0 < box["y"] < 1000
    page.check("#evidence")
    assert page.locator("mark.evidence").count() > 0
    assert page.problems == []


def test_keyboard_moves_between_changes(page: Any, reports: Path) -> None:
    page.goto((reports / MARKUP_PAGE).as_uri())
    current = "document.querySelector('tr.current') && document.querySelector('tr.current').dataset.kind"
    labels = "document.querySelector('tr.current [data-provision]').id"
    page.keyboard.press("j")
    first = page.evaluate(labels)
    page.keyboard.press("j")
    second = page.evaluate(labels)
    assert first != second and page.evaluate(current) != "identical"
    page.keyboard.press("k")
    assert page.evaluate(labels) == first
    # Keys typed into the search box are text, not navigation.
    page.focus("#search")
    page.keyboard.press("j")
    assert page.input_value("#search") == "j" and page.evaluate(labels) == first
    assert page.problems == []


def test_permalink_scrolls_to_its_provision(page: Any, reports: Path) -> None:
    url = (reports / MARKUP_PAGE).as_uri()
    for fragment, target in ((f"#{MARKUP}:10", f"{MARKUP}:10"), ("#dcg-10:9.b", f"{BASE}:9.b")):
        page.goto(url + fragment)
        box = page.locator(f'[id="{target}"]').bounding_box()
        bar = page.locator("#filters").bounding_box()
        # In view, and not hidden under the sticky filter bar.
        assert box is not None and bar is not None and bar["y"] + bar["height"] <= box["y"] <= 1000, (fragment, box, bar)
    assert page.problems == []


def test_any_hash_is_tolerated(page: Any, reports: Path) -> None:
    """Broken percent-encoding, quotes and brackets a selector would choke on, a bare colon, a very
    long hash: the page throws nothing and still answers its keys."""
    url = (reports / MARKUP_PAGE).as_uri()
    for fragment in ("#%", "#%E0%A4%A", "#us-28%ZZ:8", "#a'\"]:9", "#:", "#x]:[y", "#" + "9" * 50_000 + ":1"):
        page.goto(url + fragment)
        page.evaluate("window.dispatchEvent(new HashChangeEvent('hashchange'))")
    page.goto(url + "#%E0%A4%A")
    page.keyboard.press("j")
    assert page.evaluate("document.querySelector('tr.change.current') !== null")
    assert page.problems == []


def test_hostile_corpus_runs_nothing(page: Any, tmp_path: Path) -> None:
    write_all(Workspace(FIXTURES / "xss"), tmp_path)
    for name in ("hostile-old-2025-01-01__hostile-new-2025-02-01.html", "index.html", "lineage.html"):
        page.goto((tmp_path / name).as_uri())
        page.wait_for_timeout(100)
    page.goto((tmp_path / "hostile-old-2025-01-01__hostile-new-2025-02-01.html").as_uri())
    assert "<script>alert('one')</script>" in page.inner_text("body")
    assert page.locator("img, iframe, svg").count() == 0
    assert page.problems == []


def test_lineage_matrix_opens_a_cell(page: Any, reports: Path) -> None:
    page.goto((reports / "lineage.html").as_uri())
    row = page.locator(f'[id="{BASE}:4"]')
    cell = row.locator("td details").nth(1)
    cell.locator("summary").click()
    assert "permanently" in cell.inner_text() and "modified" in cell.inner_text().lower()
    assert page.problems == []


def test_rows_are_all_there_without_javascript(browser: Any, reports: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto((reports / MARKUP_PAGE).as_uri())
    assert len(_rows(plain)) == 16
    context.close()

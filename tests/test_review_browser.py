"""The review page in a real browser: Playwright driving Debian's Chromium against a server the tests
start on 127.0.0.1 (a free port) and stop.

What needs a page that runs script is here: the keyboard flow checked against the store, the token
and CSRF checks as a browser meets them, the hostile corpus with script on, two analysts writing at
once, and a screenshot of the queue (tests/artifacts/review-queue.png). Routes alone are tested in
test_review_server.py. Like test_browser.py, these skip without Chromium and fail under CI.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cow_compare import Workspace
from cow_compare.server import ReviewSettings, create_app
from cow_compare.server.serve import address, bind
from tests.conftest import FIXTURES, FROZEN
from tests.test_browser import ARTIFACTS

TOKEN = "browser-test-token"
DOC = "dcg-10-2031-03-02"


class Server:
    """The review app served by uvicorn in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, corpus: Path, store: Path) -> None:
        import uvicorn

        self.store = store
        workspace = Workspace(corpus, store=store)
        workspace.writable_store()
        self.sock = bind("127.0.0.1", 0)
        self.url = address(self.sock, "127.0.0.1", TOKEN).split("?")[0]
        app = create_app(workspace, ReviewSettings(token=TOKEN, analyst="alex"))
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()

    def events(self) -> list[tuple[str, str, str, str, str]]:
        with sqlite3.connect(self.store) as db:
            return [tuple(r) for r in db.execute(
                "SELECT analyst, action, doc || ':' || label, tag, polarity FROM events ORDER BY rowid")]


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(FROZEN, tmp_path / "decisions.sqlite")
    yield running
    running.stop()


def _page(browser: Any, url: str) -> Any:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def route(r: Any) -> None:
        if not r.request.url.startswith(url):
            page.problems.append(f"network: {r.request.url}")
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    return page


def expect(locator: Any) -> Any:
    """Playwright's auto-waiting assertions (imported here: the module loads without Playwright)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _press(page: Any, key: str, path: str = "/api/") -> Any:
    with page.expect_response(lambda r: path in r.url) as response:
        page.keyboard.press(key)
    return response.value


def _focused(page: Any) -> tuple[str, str, str]:
    return page.evaluate("(() => { const c = document.activeElement.closest('.call');"
                         " return [c.closest('.item').dataset.id, c.dataset.tag, c.dataset.polarity]; })()")


def test_the_keyboard_flow_is_stored(browser: Any, server: Server) -> None:
    page = _page(browser, server.url)
    page.goto(f"{server.url}?token={TOKEN}&doc={DOC}&state=unjudged")
    first = _focused(page)
    assert _press(page, "a").status == 200
    assert server.events()[-1] == ("alex", "confirm", *first)
    expect(page.locator(f'[id="{first[0]}"]')).to_contain_text("confirmed by alex")

    page.keyboard.press("j")
    second = _focused(page)
    assert second[0] != first[0]
    _press(page, "x")
    assert server.events()[-1] == ("alex", "reject", *second)

    page.keyboard.press("j")
    third = _focused(page)
    page.keyboard.press("p")
    expect(page.locator("#editor-polarity")).to_be_focused()  # the editor takes focus once it opens; waits without eval, which the CSP forbids
    new = page.evaluate("document.activeElement.options[0].value")
    with page.expect_response(lambda r: "/api/decide" in r.url):
        page.keyboard.press("Tab")  # to Save
        page.keyboard.press("Enter")
    assert server.events()[-2:] == [("alex", "reject", *third),
                                    ("alex", server.events()[-1][1], third[0], third[1], new)]
    assert server.events()[-1][1] in ("add", "confirm")

    page.keyboard.press("t")
    expect(page.locator("#editor-tag")).to_be_focused()  # the editor takes focus once it opens; waits without eval, which the CSP forbids
    page.select_option("#editor-tag", "territory")
    page.select_option("#editor-polarity", "defers")
    page.focus("#editor-evidence")
    with page.expect_response(lambda r: "/api/decide" in r.url):
        page.keyboard.press("Enter")
    added = server.events()[-1]
    assert added[:2] == ("alex", "add") and added[3:] == ("territory", "defers")

    assert _press(page, "u").status == 200
    assert server.events()[-1][:2] == ("alex", "retract")
    expect(page.locator("#status")).to_contain_text("retract territory defers")
    assert len(server.events()) == 6

    page.keyboard.press("?")
    assert page.is_visible("#keys")
    page.keyboard.press("/")
    expect(page.locator("#search")).to_be_focused()  # the search box takes focus; waits without eval, which the CSP forbids
    assert page.problems == []


def test_every_action_has_a_button(browser: Any, server: Server) -> None:
    page = _page(browser, server.url)
    page.goto(f"{server.url}?token={TOKEN}&doc={DOC}&state=unjudged")
    first = page.locator("li.call").first
    ref = (first.locator("xpath=ancestor::article").get_attribute("data-id"), first.get_attribute("data-tag"),
           first.get_attribute("data-polarity"))
    with page.expect_response(lambda r: "/api/decide" in r.url):
        first.get_by_role("button", name="Reject (x)").click()
    assert server.events() == [("alex", "reject", *ref)]
    assert page.locator("button", has_text="Add tag (t)").count() > 0
    assert page.problems == []


def test_a_provisions_thread_opens_in_place(browser: Any, server: Server) -> None:
    page = _page(browser, server.url)
    page.goto(f"{server.url}?token={TOKEN}&doc={DOC}")
    item = page.locator("article.item").first
    item.locator("details.thread-inline summary").focus()
    page.keyboard.press("Enter")
    rows = item.locator("table.thread tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 2
    assert DOC in rows.first.inner_text()
    assert page.problems == []


def test_the_token_and_csrf_as_a_browser_meets_them(browser: Any, server: Server) -> None:
    page = _page(browser, server.url)
    assert page.goto(server.url).status == 403
    assert page.goto(f"{server.url}?token=wrong").status == 403
    assert page.goto(f"{server.url}?token={TOKEN}").status == 200
    forged = page.evaluate("""fetch('/api/decide', {method: 'POST', headers: {'content-type': 'application/json'},
        body: JSON.stringify({provision: 'dcg-10-2031-03-02:2', action: 'confirm', tag: 'DMZ'})}).then(r => r.status)""")
    assert forged == 403 and server.events() == []
    page.problems = [p for p in page.problems if "403" not in p]
    assert page.problems == []


def test_a_hostile_corpus_runs_nothing(browser: Any, tmp_path: Path) -> None:
    running = Server(FIXTURES / "xss", tmp_path / "decisions.sqlite")
    try:
        page = _page(browser, running.url)
        page.goto(f"{running.url}?token={TOKEN}")
        text = page.inner_text("#queue")
        assert "<script>alert('one')</script>" in text
        assert "onerror=alert('two')" in text and "javascript:alert('three')" in text
        assert page.locator("#queue img, #queue iframe, #queue svg").count() == 0
        page.keyboard.press("a")
        expect(page.locator("#status")).to_contain_text(" on hostile-")
        assert page.problems == []
    finally:
        running.stop()


def test_two_analysts_at_once_are_both_stored(browser: Any, server: Server) -> None:
    alex, lena = _page(browser, server.url), _page(browser, server.url)
    alex.goto(f"{server.url}?token={TOKEN}&doc={DOC}&state=unjudged")
    lena.goto(f"{server.url}?token={TOKEN}&doc={DOC}&state=unjudged&analyst=lena")
    assert _focused(alex) == _focused(lena)
    ref = _focused(alex)
    with alex.expect_response(lambda r: "/api/decide" in r.url), \
            lena.expect_response(lambda r: "/api/decide" in r.url):
        alex.keyboard.press("a")
        lena.keyboard.press("x")
    assert sorted(server.events()) == [("alex", "confirm", *ref), ("lena", "reject", *ref)]
    later = lena if server.events()[-1][0] == "lena" else alex
    expect(later.locator(f'[id="{ref[0]}"] li.decision')).to_have_count(2)
    shown = later.locator(f'[id="{ref[0]}"] li.decision').all_inner_texts()
    assert sorted(s.split(":")[0] for s in shown) == ["alex", "lena"]
    assert alex.problems == [] and lena.problems == []


def test_screenshot_of_the_queue(browser: Any, server: Server) -> None:
    page = _page(browser, server.url)
    page.goto(f"{server.url}?token={TOKEN}")
    page.keyboard.press("j")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))
    assert (ARTIFACTS / "review-queue.png").stat().st_size > 10_000
    assert page.problems == []

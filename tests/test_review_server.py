"""The review page's routes through Starlette's TestClient: the guard, the queue, writes, the hostile corpus.

Each test builds the app with the factory over the frozen corpus (or the hostile one) and a store of
its own in a temporary folder, so nothing touches the user's store. The browser tests
(test_review_browser.py) cover what needs a page that runs script.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from lxml import html as lhtml
from starlette.testclient import TestClient

from cow_compare import Workspace
from cow_compare.server import ReviewSettings, create_app
from cow_compare.server.queue import GROUPS
from cow_compare.server.serve import is_loopback
from tests.conftest import FIXTURES, FROZEN, ROOT

TOKEN = "test-token"


def _client(corpus: Path, store: Path, analyst: str = "alex") -> TestClient:
    ws = Workspace(corpus, store=store)
    ws.writable_store()
    return TestClient(create_app(ws, ReviewSettings(token=TOKEN, analyst=analyst)))


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return _client(FROZEN, tmp_path / "decisions.sqlite")


def _csrf(page: str) -> str:
    found = re.search(r'<meta name="csrf" content="([^"]+)">', page)
    assert found is not None
    return found.group(1)


def _calls(page: str) -> list[tuple[str, str, str]]:
    tree = lhtml.fromstring(page)
    return [(li.xpath("ancestor::article")[0].get("data-id"), li.get("data-tag"), li.get("data-polarity"))
            for li in tree.xpath("//li[contains(@class, 'call')]")]


def _events(store: Path) -> list[tuple[str, str, str, str, str, str]]:
    with sqlite3.connect(store) as db:
        return [tuple(row) for row in db.execute(
            "SELECT analyst, action, doc, label, tag, polarity FROM events ORDER BY rowid")]


def test_every_route_needs_the_token(client: TestClient) -> None:
    for path in ("/", "/thread?p=dcg-10:2", "/lineage", "/?token=wrong"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "token" in response.text
    assert client.post("/api/decide", json={}).status_code == 403
    assert client.get(f"/?token={TOKEN}").status_code == 200


def test_the_token_becomes_a_strict_cookie(client: TestClient) -> None:
    response = client.get(f"/?token={TOKEN}")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/").status_code == 200  # the cookie alone now


def test_writes_need_the_pages_csrf_token(client: TestClient, tmp_path: Path) -> None:
    page = client.get(f"/?token={TOKEN}").text
    ref, tag, polarity = _calls(page)[0]
    body = {"provision": ref, "action": "confirm", "tag": tag, "polarity": polarity}
    assert client.post("/api/decide", json=body).status_code == 403
    assert client.post("/api/decide", json=body, headers={"x-csrf-token": "made.up"}).status_code == 403
    assert _events(tmp_path / "decisions.sqlite") == []
    ok = client.post("/api/decide", json=body, headers={"x-csrf-token": _csrf(page)})
    assert ok.status_code == 200
    assert ok.json()["events"][0]["analyst"] == "alex"


def test_the_policy_allows_no_outside_source_and_only_the_pages_script(client: TestClient) -> None:
    response = client.get(f"/?token={TOKEN}")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert "http" not in policy and "unsafe" not in policy
    tree = lhtml.fromstring(response.text)
    assert not tree.xpath("//*[@src] | //link[@href]")  # nothing loaded from anywhere
    inline = [s for s in tree.xpath("//script") if s.get("type") != "application/json"]
    assert len(inline) == 1
    assert client.get("/lineage").headers["content-security-policy"].startswith("default-src 'none'")


def test_the_queue_puts_unjudged_calls_before_judged_ones_and_counts(client: TestClient) -> None:
    page = client.get(f"/?token={TOKEN}").text
    before = int(lhtml.fromstring(page).get_element_by_id("judged").text)
    ref, tag, polarity = _calls(page)[0]
    client.post("/api/decide", json={"provision": ref, "action": "reject", "tag": tag, "polarity": polarity},
                headers={"x-csrf-token": _csrf(page)})
    after = client.get("/").text
    tree = lhtml.fromstring(after)
    groups = [a.get("class").split()[1].removeprefix("group-") for a in tree.xpath("//article")]
    assert groups == sorted(groups, key=GROUPS.index)
    assert tree.xpath(f"//article[@data-id='{ref}']")[0].get("class") == "item group-done"
    # The rejection stands here and is inherited by the provision's unchanged counterparts later on.
    assert int(tree.get_element_by_id("judged").text) > before


def test_filters_by_document_tag_and_state(client: TestClient) -> None:
    page = client.get(f"/?token={TOKEN}&doc=nm-10-2031-03-09&tag=dmz&state=unjudged").text
    articles = lhtml.fromstring(page).xpath("//article")
    assert articles and all(a.get("data-id").startswith("nm-10-2031-03-09:") for a in articles)
    assert all("group-unjudged" in a.get("class") for a in articles)
    assert all(a.xpath(".//li[@data-tag='DMZ']") for a in articles)


def test_change_polarity_add_and_undo_are_stored(client: TestClient, tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    page = client.get(f"/?token={TOKEN}").text
    headers = {"x-csrf-token": _csrf(page)}
    ref, tag, polarity = _calls(page)[0]
    changed = client.post("/api/decide", headers=headers, json={
        "provision": ref, "action": "polarity", "tag": tag, "polarity": polarity, "new_polarity": "monitors"})
    assert changed.status_code == 200, changed.text
    doc, label = ref.split(":")
    assert _events(store)[-2:] == [("alex", "reject", doc, label, tag, polarity), ("alex", "add", doc, label, tag,
                                                                                   "monitors")]
    added = client.post("/api/decide", headers=headers, json={
        "provision": ref, "action": "add", "tag": "territory", "polarity": "freezes", "evidence": []})
    assert added.status_code == 200, added.text
    undone = client.post("/api/undo", headers=headers, json={})
    assert [e["action"] for e in undone.json()["events"]] == ["retract"]
    assert _events(store)[-1][:2] == ("alex", "retract")
    refused = client.post("/api/decide", headers=headers, json={
        "provision": ref, "action": "add", "tag": "DMZ", "polarity": "nonsense"})
    assert refused.status_code == 400 and "not a polarity" in refused.json()["error"]


def test_two_analysts_on_one_provision_both_stand(tmp_path: Path) -> None:
    store = tmp_path / "decisions.sqlite"
    first, second = _client(FROZEN, store, "alex"), _client(FROZEN, store, "lena")
    page = first.get(f"/?token={TOKEN}").text
    ref, tag, polarity = _calls(page)[0]
    body = {"provision": ref, "tag": tag, "polarity": polarity}
    first.post("/api/decide", json={**body, "action": "confirm"}, headers={"x-csrf-token": _csrf(page)})
    other = second.get(f"/?token={TOKEN}").text
    shown = second.post("/api/decide", json={**body, "action": "reject"}, headers={"x-csrf-token": _csrf(other)})
    assert [e[:2] for e in _events(store)] == [("alex", "confirm"), ("lena", "reject")]
    decisions = lhtml.fromstring(shown.json()["html"]).xpath("//li[@class='decision']")
    assert sorted(d.text_content().split(":")[0] for d in decisions) == ["alex", "lena"]


def test_the_thread_shows_each_version_with_its_change(client: TestClient) -> None:
    page = client.get(f"/?token={TOKEN}")
    ref = _calls(page.text)[0][0]
    thread = lhtml.fromstring(client.get(f"/thread?p={ref}").text)
    rows = thread.xpath("//table[@class='thread']/tbody/tr")
    assert len(rows) >= 2
    assert rows[0].xpath("td")[0].text == ref.split(":")[0]


def test_a_hostile_corpus_is_shown_literally(tmp_path: Path) -> None:
    client = _client(FIXTURES / "xss", tmp_path / "decisions.sqlite")
    response = client.get(f"/?token={TOKEN}")
    tree = lhtml.fromstring(response.text)
    assert len(tree.xpath("//script")) == 2  # the page's own script and its JSON data, nothing from the corpus
    assert not tree.xpath("//img | //iframe | //svg | //*[@onerror] | //*[@onload]")
    assert "<script>alert('one')</script>" in tree.text_content()
    assert "onerror=alert('two')" in tree.text_content()
    assert "javascript:alert('three')" in tree.text_content()
    assert not tree.xpath("//a[starts-with(@href, 'javascript')]")
    for path in ("/thread?p=hostile-new:2", "/thread?p=hostile-new:2&fragment=1", "/lineage"):
        other = lhtml.fromstring(client.get(path).text)
        assert not other.xpath("//script | //img | //iframe | //svg | //*[@onerror] | //*[@onload]"), path
        assert path == "/lineage" or "onerror=alert('two')" in other.text_content(), path  # lineage cells: no text


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                                ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_lineage_page_has_threads_as_rows_with_tag_badges(client: TestClient) -> None:
    response = client.get(f"/lineage?token={TOKEN}")
    tree = lhtml.fromstring(response.text)
    versions = [th.text_content() for th in tree.xpath("//table[@class='matrix']/thead//th")][1:]
    assert versions == sorted(versions, key=lambda v: v.split("-2031-")[1])  # by date
    rows = tree.xpath("//table[@class='matrix']/tbody/tr")
    assert len(rows) > 10 and all(len(r.xpath("td")) == len(versions) for r in rows)
    badges = [b.text_content() for b in tree.xpath("//span[contains(@class, 'badge')]")]
    assert badges and all(b.split()[-1] in ("rule", "analyst", "inherited") for b in badges)
    quiet = tree.xpath("//td[@class='quiet']")
    assert quiet and all("not-reported" in td.text_content() for td in quiet)
    assert "content-security-policy" in response.headers


def _started(corpus: Path, store: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COW_COMPARE_STORE": str(store), "COW_COMPARE_ANALYST": "alex", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "cow_compare", "review", "--corpus", str(corpus), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def test_the_command_prints_a_loopback_address_with_a_token_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    server = _started(FROZEN, tmp_path / "decisions.sqlite")
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r"Review page for alex: (http://127\.0\.0\.1:\d+/)\?token=([\w-]{20,})$", line.strip())
        assert found, line
        base, token = found.groups()
        assert httpx.get(base).status_code == 403
        assert httpx.get(f"{base}?token={token}").status_code == 200
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 0, err
    assert "Review server stopped." in out and "Traceback" not in err


def test_a_host_other_than_loopback_is_warned_about(tmp_path: Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning, then a one-line error.
    server = _started(FROZEN, tmp_path / "decisions.sqlite", "--host", "192.0.2.1")
    out, err = server.communicate(timeout=60)
    assert server.returncode == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith("cow-compare: warning: --host 192.0.2.1 makes the review page reachable")
    assert lines[1].startswith("cow-compare: error: cannot listen on 192.0.2.1:0") and len(lines) == 2

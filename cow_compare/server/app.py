"""The review page's routes, built by `create_app` over one workspace (its corpus and decisions store).

    GET  /               the queue (filters: doc, tag, polarity, state, q)
    GET  /thread?p=ID    one provision's thread through the versions, with the word diff at each step
                         (`&fragment=1`: the table alone, which the queue opens in place)
    GET  /lineage        the lineage page: threads as rows, versions as columns
    POST /api/decide     confirm, reject, change polarity or add; answers with the provision redrawn
    POST /api/undo       retract the last decision this analyst made through this server

Every request needs the access token, every POST the page's CSRF token as well (`guard`). Decisions
go through the same library functions as `cow-compare annotate` (`decisions.record`), so the store
sees no difference between a page and a command. The workspace and its SQLite connection are used
from the event loop's thread only: handlers are `async` and short, and nothing runs in a thread pool.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..errors import CowCompareError
from ..model import Decision, Document
from ..render.html_format import marked, redline
from ..workspace import Workspace
from . import guard
from .queue import GROUPS, Item, build, item


@dataclass
class ReviewSettings:
    """What one review server is given besides its workspace."""

    token: str = field(default_factory=guard.new_token)
    """The access token every request must carry (in the address once, then a cookie)."""
    analyst: str = ""
    """The analyst a page decides as unless its own field says otherwise."""
    docs: tuple[str, ...] = ()
    """The versions to review (ids or prefixes); empty: every version of the corpus."""


@cache
def _environment() -> Environment:
    from ..render.html_format import finalize

    return Environment(loader=PackageLoader("cow_compare.server", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True), finalize=finalize)


@cache
def _asset(package: str, name: str) -> str:
    return resources.files(package).joinpath("templates", name).read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _policy(style: str, script: str | None) -> str:
    """A Content-Security-Policy: nothing from the network, style and script only the page's own (by hash)."""
    scripts = _digest(script) if script else "'none'"
    return (f"default-src 'none'; style-src {_digest(style)}; script-src {scripts}; "
            "connect-src 'self'; form-action 'self'; img-src 'none'; font-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")


def _secured(response: Response, policy: str) -> Response:
    response.headers["content-security-policy"] = policy
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["referrer-policy"] = "no-referrer"
    response.headers["cache-control"] = "no-store"
    return response


def create_app(workspace: Workspace, settings: ReviewSettings) -> Starlette:
    """The review page's ASGI app over `workspace`'s corpus and decisions store."""
    secret = secrets.token_bytes(32)
    docs: list[Document] = ([workspace.resolve(d) for d in settings.docs] if settings.docs
                            else workspace.documents())
    undo: dict[str, list[list[Decision]]] = {}
    css, js = _asset("cow_compare.server", "review.css"), _asset("cow_compare.server", "review.js")
    page_policy = _policy(css, js)

    def render(template: str, **context: Any) -> HTMLResponse:
        text = _environment().get_template(template).render(css=Markup(css), script=Markup(js), **context)
        return HTMLResponse(text)

    def fragment(entry: Item) -> str:
        return str(_environment().get_template("item.html.j2").render(item=entry, marked=_marked,
                                                                      polarities=_polarities(workspace)))

    def item_of(ref: str) -> Item:
        doc_id, _, label = ref.rpartition(":")
        doc = workspace.resolve(doc_id)
        store = workspace.decisions
        decided = store.current([doc.id], by_analyst=True) if store is not None else []
        return item(workspace, doc, workspace.tag(doc).tags_of(label), decided)

    async def queue_page(request: Request) -> Response:
        q = request.query_params
        chosen = [d for d in docs if d.id == q.get("doc")] if q.get("doc") else docs
        tag = workspace.tag_name(q.get("tag") or None)
        polarity = q.get("polarity") or None
        state = q.get("state") if q.get("state") in GROUPS else None
        queue = build(workspace, chosen, tag=tag, polarity=polarity, state=state, text=q.get("q") or None)
        return render("review.html.j2", queue=queue, docs=docs, filters=dict(q), groups=GROUPS,
                      categories=list(workspace.ruleset.categories), polarities=_polarities(workspace),
                      marked=_marked, csrf=guard.csrf_token(secret),
                      analyst=q.get("analyst") or settings.analyst)

    async def thread_page(request: Request) -> Response:
        ref = request.query_params.get("p", "")
        thread = workspace.history(ref)
        steps = [{"doc": s.doc.id, "labels": s.labels, "kind": s.kind, "compared_with": s.compared_with,
                  "diff": redline(s.change.ops) if s.change is not None else None,
                  "start": s is thread.start} for s in thread.steps]
        if request.query_params.get("fragment"):
            return HTMLResponse(_environment().get_template("thread_table.html.j2").render(steps=steps))
        return render("thread.html.j2", ref=ref, steps=steps)

    async def lineage(request: Request) -> Response:
        matrix = workspace.lineage_matrix()
        tagged = {v.id: workspace.tag(v) for v in matrix.versions}

        def tags(doc: str, labels: tuple[str, ...]) -> list[Any]:
            return [t for label in labels for t in tagged[doc].tags_of(label).own]

        rows = [{"start": row.start,
                 "cells": [None if (c := row.cells.get(v.id)) is None else
                           {"labels": c.labels, "kind": c.kind, "tags": tags(v.id, c.labels)}
                           for v in matrix.versions]}
                for row in matrix.rows]
        return render("lineage.html.j2", versions=matrix.versions, rows=rows)

    async def decide(request: Request) -> Response:
        body = await request.json()
        from ..decisions.record import decide as record

        ref, action, tag = str(body.get("provision", "")), str(body.get("action", "")), str(body.get("tag", ""))
        polarity = body.get("polarity") or None
        who = str(body.get("analyst") or settings.analyst)
        why = str(body.get("why") or "")
        if action == "confirm" or action == "reject":
            events = record(workspace, "confirm" if action == "confirm" else "reject", ref, tag, polarity,
                            analyst=who, why=why)
        elif action == "add":
            evidence = [str(e) for e in body.get("evidence") or [] if str(e).strip()]
            events = record(workspace, "add", ref, tag, polarity, analyst=who, why=why, evidence=evidence)
        elif action == "polarity":
            new = str(body.get("new_polarity") or "")
            events = record(workspace, "reject", ref, tag, polarity, analyst=who, why=why)
            shown = {(c.tag.tag, c.tag.polarity, c.tag.source) for c in item_of(ref).calls}
            if (tag, new, "rule") in shown:
                events += record(workspace, "confirm", ref, tag, new, analyst=who, why=why)
            else:
                kept = [e.text for t in events for e in t.evidence]
                events += record(workspace, "add", ref, tag, new, analyst=who, why=why, evidence=kept)
        else:
            return JSONResponse({"error": f"unknown action {action!r}"}, status_code=400)
        undo.setdefault(who, []).append(events)
        return JSONResponse({"events": [_event(e) for e in events], "id": ref, "html": fragment(item_of(ref))})

    async def undo_last(request: Request) -> Response:
        body = await request.json()
        from ..decisions.record import retract

        who = str(body.get("analyst") or settings.analyst)
        stack = undo.get(who) or []
        if not stack:
            return JSONResponse({"error": f"nothing to undo for {who}"}, status_code=400)
        events = stack.pop()
        done = [retract(workspace, e.uid, analyst=who, why="undo") for e in reversed(events)]
        ref = f"{events[0].doc}:{events[0].label}"
        return JSONResponse({"events": [_event(e) for e in done], "id": ref, "html": fragment(item_of(ref))})

    class Guard(BaseHTTPMiddleware):
        async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
            given = request.query_params.get("token") or request.cookies.get(guard.COOKIE)
            if not guard.same(given, settings.token):
                return _secured(PlainTextResponse("403: this page needs the token the server printed", 403),
                                page_policy)
            if request.method != "GET" and not guard.csrf_valid(secret, request.headers.get(guard.CSRF_HEADER)):
                return _secured(PlainTextResponse("403: the request has no valid CSRF token; reload the page",
                                                  403), page_policy)
            try:
                response = await call_next(request)
            except CowCompareError as exc:
                response = JSONResponse({"error": str(exc)}, status_code=400)
            if "content-security-policy" not in response.headers:
                _secured(response, page_policy)
            if request.query_params.get("token"):
                response.set_cookie(guard.COOKIE, settings.token, httponly=True, samesite="strict")
            return response

    routes = [Route("/", queue_page), Route("/thread", thread_page), Route("/lineage", lineage),
              Route("/api/decide", decide, methods=["POST"]), Route("/api/undo", undo_last, methods=["POST"])]
    return Starlette(routes=routes, middleware=[Middleware(Guard)])


def _polarities(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    return {name: workspace.ruleset.polarities(name) for name in workspace.ruleset.categories}


def _marked(entry: Item) -> Markup:
    return marked(entry.tags.provision.text, [e.text for c in entry.calls for e in c.tag.evidence])


def _event(e: Decision) -> dict[str, Any]:
    return {"event": e.event, "uid": e.uid, "at": e.at, "analyst": e.analyst, "action": e.action,
            "provision": f"{e.doc}:{e.label}", "tag": e.tag, "polarity": e.polarity}


__all__ = ["ReviewSettings", "create_app"]

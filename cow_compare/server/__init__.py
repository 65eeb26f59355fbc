"""The local review page: a Starlette app over one workspace and its decisions store.

    queue      the provisions to review, in order (needs review, unjudged rule calls, the rest), filtered
    guard      the access token (every request) and the per-page CSRF token (every write)
    app        the routes: the queue, one provision's thread, the lineage page, decide and undo
    serve      the `cow-compare review` server: loopback, a free port, the address printed with its token

Nothing here runs at import of the package's command line: `cow-compare review` imports it.
"""

from __future__ import annotations

from .app import ReviewSettings, create_app

__all__ = ["ReviewSettings", "create_app"]

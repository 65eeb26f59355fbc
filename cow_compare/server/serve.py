"""`cow-compare review`'s server: uvicorn on a socket bound to a free port, the address printed with its token."""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from collections.abc import Callable

from ..errors import InputError
from ..workspace import Workspace
from .app import ReviewSettings, create_app

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one the system picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); give --host an address of this "
                         "machine (default 127.0.0.1) and --port a free port, or 0 for any") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket, host: str, token: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def serve(workspace: Workspace, settings: ReviewSettings, *, host: str = LOOPBACK, port: int = 0,
          open_browser: bool = False, say: Callable[[str], None] = print) -> None:
    """Serve the review page until interrupted (Ctrl-C stops it cleanly)."""
    import uvicorn

    app = create_app(workspace, settings)
    sock = bind(host, port)
    url = address(sock, host, settings.token)
    say(f"Review page for {settings.analyst}: {url}")
    say("Keep the address to yourself: the token in it is the key. Ctrl-C stops the server.")
    if open_browser:
        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn shuts down on Ctrl-C, then raises it again for the caller: stopping is this command's
        # normal end, not an interruption (exit 0).
        pass
    finally:
        sock.close()
    say("Review server stopped.")

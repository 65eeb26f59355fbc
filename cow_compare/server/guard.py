"""The access token every request must carry, and the CSRF token every write must carry.

The access token is random per server and travels in the printed address (`?token=`) once; the
page then holds it in a cookie scoped to the server (HttpOnly, SameSite=Strict). A CSRF token is
issued with each page: a random nonce signed with a per-server secret, so any page the server
rendered can write and nothing else can.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

COOKIE = "cow_review_token"
CSRF_HEADER = "x-csrf-token"


def new_token() -> str:
    """A fresh random access token (URL-safe, 192 bits)."""
    return secrets.token_urlsafe(24)


def same(given: str | None, expected: str) -> bool:
    """Whether `given` is the expected token, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def csrf_token(secret: bytes) -> str:
    """A per-page CSRF token: a nonce and its signature."""
    nonce = secrets.token_urlsafe(12)
    return f"{nonce}.{_sign(secret, nonce)}"


def csrf_valid(secret: bytes, token: str | None) -> bool:
    """Whether a CSRF token was issued by this server."""
    if not token or "." not in token:
        return False
    nonce, _, signature = token.partition(".")
    return hmac.compare_digest(signature, _sign(secret, nonce))


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

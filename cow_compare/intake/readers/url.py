"""Fetches a web address for `import` with httpx: a timeout, a size cap, a redirect limit, and a type check.

The only module that touches the network. A server's answer is accepted when it is a page, a
text, a PDF or a DOCX (by its Content-Type, or by its first bytes when the server says only
`application/octet-stream`); anything else, an error status, a timeout or a redirect loop is
refused in one line that says what happened and what to try.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ...errors import FetchError
from ...settings import IntakeSettings
from . import choose
from .encoding import declared_charset

ACCEPTED: dict[str, str] = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "text/markdown": "text",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
"""Content types `import` reads, and the reader for each."""


@dataclass(frozen=True)
class Fetched:
    """A web address's answer: the bytes, the reader its type calls for, and where it finally came from."""

    data: bytes
    reader: str
    charset: str | None
    url: str
    """The address after any redirects."""
    name: str
    """A file name for the answer: the last part of its path, or the host."""


def is_url(source: str) -> bool:
    """True for an http:// or https:// address."""
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: IntakeSettings) -> Fetched:
    """Return the answer at `url`; raise FetchError saying what went wrong and what to try."""
    import httpx

    limit = settings.url_max_bytes
    try:
        with httpx.Client(timeout=settings.url_timeout, follow_redirects=True,
                          max_redirects=settings.url_max_redirects,
                          headers={"User-Agent": "cow-compare (import of a plan's original text)"}) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: the server answered {response.status_code} "
                                 f"{response.reason_phrase or ''}".rstrip() + "; check the address in a browser")
            content_type = response.headers.get("content-type", "")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limit:
                raise FetchError(f"{url}: is {declared:,} bytes, over the {limit:,}-byte limit "
                                 "([intake] url_max_bytes); download it and import the file")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url}: is over the {limit:,}-byte limit ([intake] url_max_bytes); download "
                                     "it and import the file")
                chunks.append(chunk)
            final = str(response.url)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {settings.url_timeout:g} s ([intake] url_timeout); try again "
                         "later, or download the page and import the file") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: redirects more than {settings.url_max_redirects} times ([intake] "
                         "url_max_redirects), probably in a loop; open it in a browser and import the final "
                         "address") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"{url}: is not a web address that can be fetched ({exc}); check it") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc}); check the address and the "
                         "connection") from None
    data = b"".join(chunks)
    name = urlsplit(final).path.rstrip("/").rsplit("/", 1)[-1] or urlsplit(final).hostname or "page"
    return Fetched(data, _reader(url, content_type, data, name), declared_charset(content_type), final, name)


def _reader(url: str, content_type: str, data: bytes, name: str) -> str:
    """The reader the answer's Content-Type calls for; its first bytes decide for a server that does not say."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ACCEPTED:
        sniffed = choose(data, name)
        # A server that calls a PDF text/plain is wrong more often than the PDF's own first bytes are.
        return sniffed if sniffed in ("pdf", "docx") else ACCEPTED[kind]
    if kind in ("", "application/octet-stream", "binary/octet-stream"):
        sniffed = choose(data, name)
        if sniffed in ("pdf", "docx", "html"):
            return sniffed
    raise FetchError(f"{url}: is {kind or 'of no stated type'}, not a web page, a text, a PDF or a DOCX; "
                     "give the address of the plan's page or document")

"""Compressed sources are held to [limits] max_unpacked_bytes while they unpack, not after.

A DOCX is a zip, a PDF's pages are compressed streams and a web server may send its page gzipped:
each can be small on disk and huge unpacked. Each case below is a small file that unpacks past a
limit set low with --settings; each asserts the exit code, the one line naming the limit, that
nothing was written, and that the source was refused before it was unpacked whole (a DOCX by its
zip directory, a PDF at the page that crosses the limit, a web page as it streams).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from cow_compare.errors import LimitError
from cow_compare.intake.readers import read_source
from cow_compare.settings import load_settings

from .conftest import run_cli
from .localsite import serving
from .test_import import build_docx, build_pdf

PLAN_LINES = [f"{n}. The parties agree on point {n} of the framework, in full." for n in range(1, 40)]


def _settings(tmp_path: Path, **limits: int) -> Path:
    path = tmp_path / "limits.toml"
    path.write_text("[limits]\n" + "".join(f"{k} = {v}\n" for k, v in limits.items())
                    + "[intake]\nurl_timeout = 5\n", encoding="utf-8")
    return path


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def _docx_bomb(padding: int) -> bytes:
    """A real Word document with one more part: `padding` zero bytes, which deflate to almost nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx())) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("word/media/padding.bin", bytes(padding))
    return buffer.getvalue()


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def test_a_docx_that_unpacks_past_the_limit_is_refused_from_its_zip_directory(tmp_path: Path,
                                                                             corpus_dir: Path) -> None:
    bomb = tmp_path / "framework.docx"
    bomb.write_bytes(_docx_bomb(3_000_000))
    assert bomb.stat().st_size < 60_000  # a 37 kB document; its 3 MB of padding deflates to 3 kB
    settings = _settings(tmp_path, max_unpacked_bytes=2_000_000)
    result = run_cli("import", str(bomb), "--corpus", str(corpus_dir), "--date", "2025-11-20",
                     "--settings", str(settings))
    assert result.returncode == 2 and result.stdout == ""
    line = _one_line(result.stderr)
    assert f"{bomb}: is a DOCX whose parts unpack to 3," in line
    assert "more than the limit of 2,000,000 ([limits] max_unpacked_bytes)" in line
    assert list(corpus_dir.iterdir()) == []
    shown = run_cli("show", str(bomb), "--settings", str(settings))
    assert shown.returncode == 2 and "([limits] max_unpacked_bytes)" in _one_line(shown.stderr)
    # Under the shipped limit the same document reads as it should, padding and all.
    assert run_cli("show", str(bomb)).returncode == 0


def test_the_docx_check_reads_the_declared_sizes_without_inflating_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _docx_bomb(2_000_000)
    inflated: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        inflated.append(str(getattr(name, "filename", name)))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    limits = load_settings(None).limits
    tight = type(limits)(**{**limits.__dict__, "max_unpacked_bytes": 1_000_000})
    with pytest.raises(LimitError, match="max_unpacked_bytes"):
        read_source(bomb, "bomb.docx", limits=tight)
    assert inflated == []


def test_a_pdf_whose_text_passes_the_limit_stops_at_that_page(tmp_path: Path, corpus_dir: Path) -> None:
    pages = [PLAN_LINES[:30] for _ in range(12)]
    pdf = tmp_path / "framework.pdf"
    pdf.write_bytes(build_pdf(pages))
    settings = _settings(tmp_path, max_unpacked_bytes=5_000)
    result = run_cli("import", str(pdf), "--corpus", str(corpus_dir), "--date", "2025-11-20",
                     "--settings", str(settings))
    assert result.returncode == 2 and result.stdout == ""
    line = _one_line(result.stderr)
    assert f"{pdf}: is a PDF whose text passes 5,000 bytes by page 3," in line
    assert "([limits] max_unpacked_bytes)" in line
    assert list(corpus_dir.iterdir()) == []
    assert run_cli("show", str(pdf)).returncode == 0


class _GzipSite(BaseHTTPRequestHandler):
    """One page, sent gzipped: 6 MB of plan text in a body of a few kilobytes."""

    def do_GET(self) -> None:  # noqa: N802  # the name http.server calls
        body = gzip.compress(("<html><body><ol>" + "<li>The parties agree.</li>" * 250_000 + "</ol></body></html>")
                             .encode("utf-8"))
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  # quiet
        return


@pytest.fixture()
def gzip_site() -> Iterator[str]:
    with serving(_GzipSite) as url:
        yield url


def test_a_gzipped_page_is_counted_as_it_unpacks(gzip_site: str, tmp_path: Path, corpus_dir: Path) -> None:
    settings = tmp_path / "web.toml"
    settings.write_text("[intake]\nurl_timeout = 5\nurl_max_bytes = 1000000\n", encoding="utf-8")
    result = run_cli("import", f"{gzip_site}/plan.html", "--corpus", str(corpus_dir), "--date", "2025-11-20",
                     "--settings", str(settings))
    assert result.returncode == 2 and result.stdout == ""
    assert "is over the 1,000,000-byte limit ([intake] url_max_bytes)" in _one_line(result.stderr)
    assert list(corpus_dir.iterdir()) == []

"""Importing originals: each reader on a realistic source, the corpus document written, and every bad input refused.

Sources are fixtures in tests/fixtures/import/ (a news page, a Windows-1251 text, a UTF-16 text)
or built here (DOCX with Word's automatic numbering, PDF with hard wraps and running headers),
so each test shows what goes in. Web addresses are served by a local server on 127.0.0.1 that
each test starts and stops.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import docx
import jsonschema
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF

from cow_compare import load_corpus, parse_text
from cow_compare.errors import SourceFileError
from cow_compare.intake.importer import import_source
from cow_compare.intake.readers import choose, read_source
from cow_compare.intake.readers.pdflines import undo_layout
from cow_compare.render.json_format import schema
from tests.conftest import FIXTURES, PROPOSALS, run_cli
from tests.localsite import serving

IMPORT = FIXTURES / "import"


def _labels(text: str) -> list[str]:
    return [p.label for p in parse_text(text, "source.txt").provisions]


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cow-compare: error: ") and "Traceback" not in stderr, stderr
    return lines[0]


# --- HTML ---------------------------------------------------------------------------------


def test_a_news_page_keeps_its_numbering_and_loses_its_furniture() -> None:
    extracted = read_source((IMPORT / "news-page.html").read_bytes(), "news-page.html")
    assert extracted.reader == "html" and extracted.encoding == "utf-8"
    assert extracted.title == "Draft framework: the points as circulated"
    lines = extracted.text.splitlines()
    assert "2. A ceasefire takes effect once both sides accept the framework." in lines
    assert "    a. Monitoring of the line is carried out by an international mission." in lines
    assert "5. A reconstruction fund is created with frozen assets." in lines  # <ol start="5">
    assert "    Its board includes European members." in lines  # the <br> line hangs under its item
    for furniture in ("Jane Example", "1.2K", "Tweet", "Read also", "Most read", "Storm hits", "Privacy", "Home"):
        assert furniture not in extracted.text, furniture
    notes = " | ".join(extracted.notes)
    assert "byline 'By Jane Example" in notes and "share 'Share 1.2K Tweet 348'" in notes
    assert "read also 'Read also: What the meeting in Geneva changed'" in notes

    doc = parse_text(extracted.text, "news-page.html")
    assert [p.label for p in doc.provisions] == ["preamble", "1", "2", "2.a", "2.b", "3", "5", "6", "closing"]
    assert doc.provision("5").text == "A reconstruction fund is created with frozen assets. Its board includes " \
                                      "European members."
    assert doc.title == "Draft framework: the points as circulated"


@pytest.mark.parametrize(("body", "expected"), [
    ('<ol type="I" start="3"><li>Third.</li><li>Fourth.</li></ol>', ["III. Third.", "IV. Fourth."]),
    ("<ol reversed><li>Last.</li><li>First.</li></ol>", ["2. Last.", "1. First."]),
    ('<ol><li>One.</li><li value="7">Seven.</li><li>Eight.</li></ol>', ["1. One.", "7. Seven.", "8. Eight."]),
    ("<ul><li>1) Printed by the outlet.</li><li>2) Also printed.</li></ul>", ["1) Printed by the outlet.",
                                                                                "2) Also printed."]),
    ('<ol style="list-style-type: lower-alpha"><li>Styled.</li><li>Lettered.</li></ol>', ["a. Styled.", "b. Lettered."]),
    ("<p>1. Glued by breaks.<br>2. Second line.<br>3. Third line.</p>",
     ["1. Glued by breaks.", "2. Second line.", "3. Third line."]),
    ("<ul><li>A bullet.<ul><li>A sub-bullet.</li></ul></li></ul>", ["- A bullet.", "    - A sub-bullet."]),
], ids=["roman-start", "reversed", "value", "printed-markers", "css-type", "br-lines", "nested-bullets"])
def test_html_list_markers_are_the_ones_a_browser_shows(body: str, expected: list[str]) -> None:
    page = f"<html><body><article><p>The points as published by the ministry today.</p>{body}</article></body></html>"
    lines = [line for line in read_source(page.encode(), "page.html").text.splitlines() if line.strip()]
    assert lines[1:] == expected


def test_an_html_page_declared_in_windows_1251_is_decoded_by_its_meta() -> None:
    page = ('<html><head><meta charset="windows-1251"></head><body><ol><li>Мир.</li><li>Перемир\'я.</li></ol>'
            "</body></html>").encode("cp1251")
    extracted = read_source(page, "page.html")
    assert extracted.encoding == "windows-1251" and "1. Мир." in extracted.text


# --- text ---------------------------------------------------------------------------------


def test_a_windows_1251_text_is_detected_and_reported() -> None:
    extracted = read_source((IMPORT / "framework-uk-1251.txt").read_bytes(), "framework-uk-1251.txt")
    assert extracted.encoding == "windows-1251"
    assert "read as windows-1251, detected by charset-normalizer" in extracted.notes[0]
    assert "\r" not in extracted.text and "1. Сторони підтверджують суверенітет України." in extracted.text
    assert _labels(extracted.text) == ["preamble", "1", "2", "3"]


def test_a_utf16_text_is_read_by_its_byte_order_mark() -> None:
    extracted = read_source((IMPORT / "framework-utf16.txt").read_bytes(), "framework-utf16.txt")
    assert extracted.encoding == "utf-16" and "byte-order mark" in extracted.notes[0]
    assert _labels(extracted.text) == ["preamble", "1", "2", "2.a", "3"]


def test_latin_1_and_utf8_with_bom() -> None:
    latin = read_source("1. The parties meet in Genève.\n2. Talks go on in Zürich.\n".encode("latin-1"), "l.txt")
    assert latin.encoding == "latin-1" and "Genève" in latin.text
    bom = read_source(b"\xef\xbb\xbf1. One.\n", "b.md")
    assert bom.encoding == "utf-8" and bom.text == "1. One.\n"
    plain = read_source(b"1. One.\n", "p.md")
    assert plain.encoding == "utf-8" and plain.notes == ()


def test_the_reader_is_chosen_by_content_before_extension() -> None:
    assert choose(b"%PDF-1.7 ...", "plan.txt") == "pdf"
    assert choose(b"<!DOCTYPE html><html><body>x</body></html>", "plan.txt") == "html"
    assert choose(b"1. One.", "plan.html") == "html"
    assert choose(b"1. One.", "plan.md") == "text"
    assert choose(b"not a zip", "plan.docx") == "docx"
    with pytest.raises(SourceFileError, match="zip archive but not a Word document"):
        choose(_zip_without_word(), "plan.docx")


def _zip_without_word() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    return buffer.getvalue()


# --- DOCX ---------------------------------------------------------------------------------


def _numbered(document: docx.document.Document, text: str, level: int, num_id: int = 90) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def build_docx() -> bytes:
    """A framework as Word writes one: a two-level list (1. / a)) whose numbers are not in the text,
    a second list restarted at 5 by a startOverride, a 'List Number' list, a tracked insertion and
    deletion, and a comment."""
    document = docx.Document()
    document.core_properties.title = "Framework for talks"
    document.add_paragraph("Framework for talks", style="Title")
    document.add_paragraph("The negotiators set down the following points.")
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'''<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
        <w:multiLevelType w:val="multilevel"/>
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
      </w:abstractNum>'''))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'''<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'''))
    _numbered(document, "Sovereignty is confirmed.", 0)
    _numbered(document, "A ceasefire begins when both sides sign.", 0)
    _numbered(document, "Monitors watch the line of contact.", 1)
    _numbered(document, "Reports go to a joint commission.", 1)
    capped = document.add_paragraph("Forces are capped at ")
    capped._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    capped._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="Drafter" w:date="2025-11-23T00:00:00Z">'
                               "<w:r><w:delText>600,000</w:delText></w:r></w:del>"))
    capped._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="Drafter" w:date="2025-11-23T00:00:00Z">'
                               "<w:r><w:t>800,000 in peacetime</w:t></w:r></w:ins>"))
    capped.add_run(".")
    document.add_comment(capped.runs, text="Check the figure against the E3 text", author="Analyst")
    document.add_paragraph("Economic matters follow.")
    _numbered(document, "A reconstruction fund is created.", 0, num_id=91)
    _numbered(document, "Sanctions are lifted in stages.", 0, num_id=91)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_automatic_numbering_is_written_out() -> None:
    extracted = read_source(build_docx(), "framework.docx")
    assert extracted.reader == "docx" and extracted.title == "Framework for talks"
    lines = extracted.text.splitlines()
    assert "1. Sovereignty is confirmed." in lines
    assert "    b) Reports go to a joint commission." in lines
    assert "3. Forces are capped at 800,000 in peacetime." in lines  # insertion accepted, deletion gone
    assert "5. A reconstruction fund is created." in lines  # startOverride restarts at 5
    doc = parse_text(extracted.text, "framework.docx")
    assert [p.label for p in doc.provisions] == ["preamble", "1", "2", "2.a", "2.b", "3", "5", "6"]
    assert doc.provision("3").notes == ("Economic matters follow.",)
    notes = " | ".join(extracted.notes)
    assert "1 insertion(s) read as accepted, 1 deletion(s) read as gone" in notes
    assert "tracked insertion: '800,000 in peacetime'" in notes and "tracked deletion: '600,000'" in notes
    assert "comment by Analyst: 'Check the figure against the E3 text'" in notes
    assert "Check the figure" not in extracted.text and "600,000" not in extracted.text


def test_docx_list_number_styles_number_without_numpr() -> None:
    document = docx.Document()
    document.add_paragraph("First point.", style="List Number")
    document.add_paragraph("Second point.", style="List Number")
    document.add_paragraph("A bullet under it.", style="List Bullet 2")
    document.add_paragraph("Third point.", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_source(buffer.getvalue(), "styles.docx").text
    assert text.splitlines() == ["1. First point.", "2. Second point.", "    - A bullet under it.", "3. Third point."]
    assert _labels(text) == ["1", "2", "2.p1", "3"]


# --- PDF ----------------------------------------------------------------------------------

PDF_PAGES = [
    ["The framework below was handed to both delegations.",
     "1. The parties confirm the sovereignty of Ukraine and agree that",
     "all ambiguities of the last thirty years are settled.",
     "2. A ceasefire takes effect as soon as both sides accept the frame-",
     "work, along the line of contact.",
     "a) Monitoring is carried out by an international mission.",
     "b) Violations are reported within 24 hours."],
    ["3. Ukraine's armed forces are limited to 800,000 personnel in peace-",
     "time, and the cap is reviewed after five years.",
     "4. Territorial questions are left to the presidents."],
    ["5. The agreement is legally binding and its implementation is watched",
     "by a Peace Council chaired by the United States."],
]


def build_pdf(pages: list[list[str]] = PDF_PAGES, *, password: str | None = None) -> bytes:
    """Pages with a running header, a page number at the foot, and lines hard-wrapped by hand."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Framework for talks")
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.set_font("Helvetica", size=11)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_xy(20, 10)
        pdf.cell(0, 6, "Draft framework - for discussion only - not for circulation")
        y = 30.0
        for line in lines:
            pdf.set_xy(20, y)
            pdf.cell(0, 6, line)
            y += 6
        pdf.set_xy(100, 280)
        pdf.cell(0, 6, f"Page {number} of {len(pages)}")
    return bytes(pdf.output())


def test_a_pdf_is_read_without_its_layout() -> None:
    extracted = read_source(build_pdf(), "framework.pdf")
    assert extracted.reader == "pdf" and extracted.title == "Framework for talks"
    lines = extracted.text.splitlines()
    assert "2. A ceasefire takes effect as soon as both sides accept the framework, along the line of contact." in lines
    assert ("3. Ukraine's armed forces are limited to 800,000 personnel in peacetime, and the cap is reviewed "
            "after five years.") in lines
    assert "5. The agreement is legally binding and its implementation is watched by a Peace Council chaired by " \
           "the United States." in lines
    assert "Draft framework" not in extracted.text and "Page " not in extracted.text
    notes = " | ".join(extracted.notes)
    assert "3 page(s)" in notes
    assert "running header or footer dropped on 3 page(s): 'Draft framework - for discussion only" in notes
    assert "page numbers dropped on 3 page(s)" in notes and "2 word(s) hyphenated at a line end rejoined" in notes
    assert _labels(extracted.text) == ["preamble", "1", "2", "2.a", "2.b", "3", "4", "5"]


def test_page_layout_rules_on_plain_lines() -> None:
    pages = ["Header of the draft\n1. A point that the layout wrapped\nonto a second line.\n- 1 -",
             "Header of the draft\n2. A Russia-\nUkraine commission meets.\n\nA closing paragraph.\n- 2 -"]
    text, notes = undo_layout(pages, running_share=0.5, short_share=0.8)
    assert text.splitlines() == ["1. A point that the layout wrapped onto a second line.",
                                 "2. A Russia-Ukraine commission meets.", "", "A closing paragraph."]
    assert any("Header of the draft" in note for note in notes)


# --- the import itself --------------------------------------------------------------------


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "my-corpus"
    folder.mkdir()
    return folder


def test_import_writes_a_corpus_document_and_keeps_the_original(corpus_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "framework.pdf"
    source.write_bytes(build_pdf())
    result = import_source(source, corpus_dir, date="2025-11-24", parties=("United States", "Ukraine"),
                           today=dt.date(2026, 1, 10))
    assert result.path == corpus_dir / "framework-2025-11-24.md"
    assert result.original.read_bytes() == source.read_bytes()
    assert result.original.name == "framework-2025-11-24.orig.pdf"
    written = result.path.read_text(encoding="utf-8")
    assert 'rendition = "original"' in written and "retrieved = 2026-01-10" in written
    assert f'sha256 = "{result.sha256}"' in written and 'file = "framework.pdf"' in written
    corpus = load_corpus(corpus_dir)
    doc = corpus.documents["framework-2025-11-24"]
    assert doc.rendition == "original" and doc.date == dt.date(2025, 11, 24) and doc.title == "Framework for talks"
    assert doc.parties == ("United States", "Ukraine")
    assert [p.label for p in doc.provisions] == ["preamble", "1", "2", "2.a", "2.b", "3", "4", "5"]
    report = result.report
    assert (report.points, report.first, report.last, report.sub_items) == (5, "1", "5", 2)
    assert report.gaps == () and report.struck == ()
    assert report.lead == ("The framework below was handed to both delegations.",)
    assert any("running header" in note for note in report.reader_notes)
    assert sorted(p.name for p in corpus_dir.iterdir()) == ["framework-2025-11-24.md",
                                                            "framework-2025-11-24.orig.pdf"]


def test_the_numbering_report_names_gaps_struck_slots_and_glued_points(corpus_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "leak-2025-11-20.txt"
    source.write_text("Outlet's introduction to the leak.\n\n1. One.\n2. [deleted]\n3. Three. 4. Four.\n"
                      "7. Seven.\n    a. Sub.\n\nOutlet's commentary between points.\n\n8. Eight.\n", encoding="utf-8")
    result = run_cli("import", str(source), "--corpus", str(corpus_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, schema("import"))
    numbering = payload["numbering"]
    assert payload["document"]["id"] == "leak-2025-11-20" and payload["document"]["date"] == "2025-11-20"
    assert (numbering["points"], numbering["sub_items"]) == (6, 1)
    assert numbering["gaps"] == ["5-6 (between 4 and 7)"]
    assert numbering["struck"] == ["2"] and numbering["glued_lines"] == [19]
    assert numbering["lead"] == ["Outlet's introduction to the leak."]
    # Commentary after a sub-item goes with the innermost open provision, as the parser keeps it.
    assert numbering["editorial_notes"] == [{"label": "7.a", "note": "Outlet's commentary between points."}]
    text = run_cli("import", str(source), "--corpus", str(corpus_dir), "--force").stdout
    assert "gaps            5-6 (between 4 and 7)" in text and "struck slots    2" in text
    assert "glued, split    line 19" in text and "line 20: numbers jump from 4 to 7" in text


def test_import_then_show_and_diff_the_imported_id(corpus_dir: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "framework.docx", tmp_path / "page.html"
    first.write_bytes(build_docx())
    second.write_bytes((IMPORT / "news-page.html").read_bytes())
    ok = run_cli("import", str(first), "--corpus", str(corpus_dir), "--date", "2025-11-23", "--id", "draft-a")
    assert ok.returncode == 0, ok.stderr
    assert "imported draft-a  Framework for talks" in ok.stdout
    assert "tracked changes: 1 insertion(s)" in ok.stdout
    ok = run_cli("import", str(second), "--corpus", str(corpus_dir), "--date", "2025-11-24",
                 "--derived-from", "draft-a")
    assert ok.returncode == 0, ok.stderr
    shown = run_cli("show", "draft-a", "--corpus", str(corpus_dir))
    assert shown.returncode == 0
    assert re.search(r"^5 +A reconstruction fund is created\.$", shown.stdout, re.M), shown.stdout
    diff = run_cli("diff", "draft-a", "page", "--corpus", str(corpus_dir), "--no-tags", "--format", "json")
    assert diff.returncode == 1, diff.stderr
    payload = json.loads(diff.stdout)
    assert payload["to"]["id"] == "page-2025-11-24"
    kinds = {c["kind"] for c in payload["changes"]}
    assert kinds & {"reworded", "modified", "identical"}


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".docx", ".txt"])
def test_show_reads_any_format_directly(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    data = {".html": (IMPORT / "news-page.html").read_bytes(), ".pdf": build_pdf(), ".docx": build_docx(),
            ".txt": (IMPORT / "framework-uk-1251.txt").read_bytes()}[suffix]
    path.write_bytes(data)
    result = run_cli("show", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    labels = [p["label"] for p in payload["provisions"]]
    assert "1" in labels and "2" in labels
    reader = {".html": "html", ".pdf": "pdf", ".docx": "docx", ".txt": "text"}[suffix]
    assert any(w["message"].startswith(f"{reader} reader: ") for w in payload["warnings"])


def test_an_id_that_clashes_is_refused_unless_forced(corpus_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan-2025-12-01.md"
    source.write_text("1. One.\n2. Two.\n", encoding="utf-8")
    assert run_cli("import", str(source), "--corpus", str(corpus_dir)).returncode == 0
    before = (corpus_dir / "plan-2025-12-01.md").read_bytes()
    source.write_text("1. One, changed.\n2. Two.\n", encoding="utf-8")
    clash = run_cli("import", str(source), "--corpus", str(corpus_dir))
    assert clash.returncode == 2 and "already holds id 'plan-2025-12-01'; add --force" in _one_line(clash.stderr)
    assert (corpus_dir / "plan-2025-12-01.md").read_bytes() == before
    forced = run_cli("import", str(source), "--corpus", str(corpus_dir), "--force")
    assert forced.returncode == 0 and "One, changed." in (corpus_dir / "plan-2025-12-01.md").read_text()
    # An .md original is kept as .txt: every *.md in the folder is read as a corpus document.
    assert sorted(p.name for p in corpus_dir.iterdir()) == ["plan-2025-12-01.md", "plan-2025-12-01.orig.txt"]


def test_the_date_is_never_guessed(corpus_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("1. One.\n", encoding="utf-8")
    undated = run_cli("import", str(source), "--corpus", str(corpus_dir))
    assert undated.returncode == 2 and "give --date YYYY-MM-DD (or --date today), or --id" in _one_line(undated.stderr)
    bad = run_cli("import", str(source), "--corpus", str(corpus_dir), "--date", "23/11/2025")
    assert bad.returncode == 2 and "--date '23/11/2025' is not a date" in _one_line(bad.stderr)
    today = run_cli("import", str(source), "--corpus", str(corpus_dir), "--date", "today", "--format", "json")
    assert json.loads(today.stdout)["document"]["id"] == f"plan-{dt.date.today().isoformat()}"
    no_date = run_cli("import", str(source), "--corpus", str(corpus_dir), "--id", "plan-undated", "--format", "json")
    assert json.loads(no_date.stdout)["document"]["date"] is None


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda d: d / "missing.pdf", "missing.pdf: no such file"),
    (lambda d: (d / "x.bin").write_bytes(b"\x00\x01\x02\x03") and d / "x.bin", "is a binary file"),
    (lambda d: (d / "x.docx").write_bytes(b"1. Not a zip at all.") and d / "x.docx", "is not a DOCX file"),
    (lambda d: (d / "x.docx").write_bytes(_zip_without_word()) and d / "x.docx", "zip archive but not a Word"),
    (lambda d: (d / "x.pdf").write_bytes(build_pdf()[:-400]) and d / "x.pdf", "is a PDF cut short"),
    (lambda d: (d / "x.pdf").write_bytes(b"%PDF-1.4\n" + b"garbage " * 50 + b"\n%%EOF\n") and d / "x.pdf",
     "is a damaged PDF"),
    (lambda d: (d / "x.pdf").write_bytes(build_pdf(password="secret")) and d / "x.pdf", "password-protected PDF"),
    (lambda d: (d / "x.html").write_bytes(b"<html><body><script>var a = 1;</script></body></html>") and d / "x.html",
     "is an HTML page with no text"),
    (lambda d: (d / "x.txt").write_bytes(b"\n\n") and d / "x.txt", "is empty"),
    (lambda d: (d / "x.txt").write_bytes(b"Just a sentence\n") and d / "x.txt", "--date"),
], ids=["missing", "binary", "docx-not-zip", "zip-not-docx", "pdf-truncated", "pdf-corrupt", "pdf-encrypted",
        "html-no-text", "empty", "no-date"])
def test_bad_sources_are_one_line_and_write_nothing(corpus_dir: Path, tmp_path: Path, make, fragment: str) -> None:  # type: ignore[no-untyped-def]
    source = make(tmp_path)
    result = run_cli("import", str(source), "--corpus", str(corpus_dir), *(("--date", "2025-11-20") if fragment
                                                                          != "--date" else ()))
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in _one_line(result.stderr)
    assert list(corpus_dir.iterdir()) == []


def test_bad_corpus_folders(tmp_path: Path) -> None:
    source = tmp_path / "plan-2025-11-20.txt"
    source.write_text("1. One.\n", encoding="utf-8")
    env_without = {k: v for k, v in __import__("os").environ.items() if k != "COW_COMPARE_CORPUS"}
    none = run_cli("import", str(source), env=env_without)
    assert none.returncode == 2
    assert f"mkdir my-corpus && cow-compare import {source} --corpus my-corpus" in _one_line(none.stderr)
    shipped = run_cli("import", str(source), "--corpus", str(PROPOSALS))
    assert shipped.returncode == 2 and "is the shipped corpus, which import never changes" in _one_line(shipped.stderr)
    missing = run_cli("import", str(source), "--corpus", str(tmp_path / "nope"))
    assert missing.returncode == 2 and f"start it with mkdir {tmp_path / 'nope'}" in _one_line(missing.stderr)
    a_file = run_cli("import", str(source), "--corpus", str(source))
    assert a_file.returncode == 2 and "is a file, not a corpus folder" in _one_line(a_file.stderr)
    derived = tmp_path / "c"
    derived.mkdir()
    unknown = run_cli("import", str(source), "--corpus", str(derived), "--derived-from", "us-28")
    assert unknown.returncode == 2 and "--derived-from 'us-28' is not an id in" in _one_line(unknown.stderr)
    assert list(derived.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, a folder no one can write into")
def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "plan-2025-11-20.txt"
    source.write_text("1. One.\n", encoding="utf-8")
    result = run_cli("import", str(source), "--corpus", "/proc/self")
    assert result.returncode == 2 and "/proc/self: cannot be written into" in _one_line(result.stderr)


def test_front_matter_of_an_original_is_checked(tmp_path: Path) -> None:
    good = ('+++\nid = "x"\nrendition = "original"\nsources = [{ outlet = "o", file = "x.pdf", retrieved = 2026-01-01, '
            f'sha256 = "{"ab" * 32}", original = "x.orig.pdf" }}]\n+++\n1. One.\n')
    assert parse_text(good, "x.md").rendition == "original"
    for bad, fragment in (('rendition = "verbatim"', "`rendition` is 'verbatim'; use one of paraphrase, original"),
                          ('sources = [{ outlet = "o", sha256 = "abc" }]', "sha256 must be 64 hex digits"),
                          ('sources = [{ outlet = "o", retrieved = "yesterday" }]', "retrieved is 'yesterday'")):
        with pytest.raises(Exception, match=fragment):
            parse_text(f"+++\n{bad}\n+++\n1. One.\n", "x.md")
    assert all(d.rendition == "paraphrase" for d in load_corpus(PROPOSALS).documents.values())


# --- web addresses ------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    """A site with a plan page, a missing page, a slow page, a redirect loop and an image."""

    def do_GET(self) -> None:  # noqa: N802  # the name http.server calls
        if self.path == "/plan.html":
            self._answer(200, "text/html; charset=utf-8", (IMPORT / "news-page.html").read_bytes())
        elif self.path == "/slow.html":
            time.sleep(3)  # longer than the 0.5 s the test allows
            self._answer(200, "text/html", b"<html><body><ol><li>Late.</li></ol></body></html>")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/map.png":
            self._answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
        elif self.path == "/big.txt":
            self._answer(200, "text/plain", b"1. One.\n" * 20000)
        else:
            self._answer(404, "text/html", b"<html><body>Not found</body></html>")

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test): nothing to answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  # quiet
        return


@pytest.fixture()
def site() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url


@pytest.fixture()
def quick_settings(tmp_path: Path) -> Path:
    path = tmp_path / "quick.toml"
    path.write_text("[intake]\nurl_timeout = 0.5\nurl_max_redirects = 3\nurl_max_bytes = 100000\n", encoding="utf-8")
    return path


def test_a_page_is_fetched_and_imported(site: str, corpus_dir: Path, quick_settings: Path) -> None:
    result = run_cli("import", f"{site}/plan.html", "--corpus", str(corpus_dir), "--date", "2025-11-24",
                     "--settings", str(quick_settings), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["document"]["id"] == "draft-framework-the-points-as-circulated-2025-11-24"
    assert payload["reader"]["name"] == "html" and payload["numbering"]["gaps"] == ["4 (between 3 and 5)"]
    written = Path(payload["document"]["path"]).read_text(encoding="utf-8")
    assert f'url = "{site}/plan.html"' in written and 'outlet = "127.0.0.1:' in written
    assert Path(payload["document"]["original"]).read_bytes() == (IMPORT / "news-page.html").read_bytes()


@pytest.mark.parametrize(("path", "fragment"), [
    ("/gone.html", "the server answered 404 Not Found"),
    ("/slow.html", "no answer within 0.5 s ([intake] url_timeout)"),
    ("/loop", "redirects more than 3 times ([intake] url_max_redirects)"),
    ("/map.png", "is image/png, not a web page, a text, a PDF or a DOCX"),
    ("/big.txt", "over the 100,000-byte limit ([intake] url_max_bytes)"),
], ids=["404", "timeout", "redirect-loop", "binary-type", "too-big"])
def test_a_web_address_that_fails_is_one_line(site: str, corpus_dir: Path, quick_settings: Path, path: str,
                                               fragment: str) -> None:
    result = run_cli("import", f"{site}{path}", "--corpus", str(corpus_dir), "--date", "2025-11-24",
                     "--settings", str(quick_settings))
    assert result.returncode == 2 and result.stdout == ""
    assert fragment in _one_line(result.stderr)
    assert list(corpus_dir.iterdir()) == []


def test_a_corpus_file_imported_keeps_its_own_front_matter_as_defaults(corpus_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "mine.md"
    source.write_text('+++\nid = "mine-2025-12-01"\ntitle = "My own rendition"\ndate = 2025-12-01\n'
                      'parties = ["Ukraine"]\n+++\n1. One.\n2. Two.\n', encoding="utf-8")
    result = import_source(source, corpus_dir)
    assert result.document.id == "mine-2025-12-01" and result.document.title == "My own rendition"
    assert result.document.parties == ("Ukraine",) and result.document.rendition == "original"
    written = result.path.read_text(encoding="utf-8")
    assert written.count("+++") == 2 and [p.label for p in result.document.provisions] == ["1", "2"]


def test_intake_settings_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[intake]\nurl_timeout = 0\n", encoding="utf-8")
    result = run_cli("import", "https://example.invalid/", "--corpus", str(tmp_path), "--settings", str(path))
    assert result.returncode == 2 and "[intake] url_timeout 0.0 must be a number above 0" in _one_line(result.stderr)
    assert [p.name for p in tmp_path.iterdir()] == ["bad.toml"]

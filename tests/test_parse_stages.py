"""The parser's stages on their own: lines, outline, unnumbered text, labels and statuses."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from cow_compare import Warning_, parse_text
from cow_compare.intake import statuses
from cow_compare.intake.labels import Keys
from cow_compare.intake.lines import classify, take_title
from cow_compare.intake.markers import Reading
from cow_compare.intake.outline import Outline
from cow_compare.settings import shipped_settings

from .conftest import ROOT

SETTINGS = shipped_settings().parse


def test_lines_are_classified_and_the_title_heading_taken() -> None:
    body = ["# Peace framework", "", "Editor's note: translated from Russian.", "1. Ukraine's sovereignty",
            "will be confirmed.", "II. Security", "1. A non-aggression agreement."]
    lines = classify(body, 4, SETTINGS)
    assert [(line.number, line.kind) for line in lines] == [
        (4, "heading"), (5, "blank"), (6, "editorial"), (7, "marker"), (8, "text"), (9, "heading"), (10, "marker"),
    ]
    assert take_title(lines) == "Peace framework"
    assert lines[0].kind == "blank"


def test_outline_keeps_a_restarted_sequence_under_its_point_and_warns_on_a_jump() -> None:
    outline = Outline(SETTINGS)
    body = ["5. Security guarantees:", "  1. NATO does not expand.", "  2. No foreign troops.", "6. Elections.",
            "8. Sanctions are lifted in stages."]
    for line in classify(body, 1, SETTINGS):
        outline.place(line)
    assert [(item.key, item.depth, item.parent) for item in outline.items] == [
        ("5", 0, None), ("1", 1, 0), ("2", 1, 0), ("6", 0, None), ("8", 0, None),
    ]
    assert outline.warnings == [Warning_(2, "sub-items numbered 1. again under point 5"),
                                Warning_(5, "numbers jump from 6 to 8")]
    assert outline.numbered


def test_a_large_number_opening_a_wrapped_line_is_read_as_a_year() -> None:
    doc = parse_text("1. Elections are held in\n2026. The date is set by Kyiv.\n2. Amnesty.\n", "t.md")
    assert [p.label for p in doc.provisions] == ["1", "2"]
    assert doc.provisions[0].text == "Elections are held in 2026. The date is set by Kyiv."
    stricter = replace(SETTINGS, max_point_number=3000)
    assert [p.label for p in parse_text("1. Held in\n2026. Set.\n", "t.md", settings=stricter).provisions] == [
        "1", "2026"]


def test_unnumbered_bullets_are_labelled_p1_to_pn_in_document_order() -> None:
    doc = parse_text("- Ceasefire along the line of contact.\n- Prisoners are exchanged all for all.\n"
                     "- Elections within 100 days.\n", "bullets.md")
    assert [p.label for p in doc.provisions] == ["p1", "p2", "p3"]
    assert not doc.numbered
    assert [w.message for w in doc.warnings] == ["no printed numbers: provisions labelled p1 to p3 in document order"]


def test_bullets_under_a_point_are_keyed_p1_p2_under_that_point() -> None:
    doc = parse_text("1. Security:\n   - no NATO troops;\n   - a joint commission.\n2. Elections.\n", "t.md")
    assert [p.label for p in doc.provisions] == ["1", "1.p1", "1.p2", "2"]
    assert doc.numbered and doc.warnings == ()


def test_text_around_the_points_is_preamble_commentary_and_closing() -> None:
    text = ("The parties agree as follows.\n\n1. A ceasefire.\n\nThe outlet notes that point 2 was disputed.\n\n"
            "2. An amnesty.\n\nThis plan is legally binding.\n")
    doc = parse_text(text, "t.md")
    assert [(p.label, p.notes) for p in doc.provisions] == [
        ("preamble", ()), ("1", ("The outlet notes that point 2 was disputed.",)), ("2", ()), ("closing", ()),
    ]
    assert [w.message for w in doc.warnings] == [
        "unnumbered text between points kept as an editorial note, not as provision text"]


def test_paragraph_keys_count_each_kind_apart() -> None:
    keys = Keys()
    assert [keys.paragraph("preamble"), keys.paragraph("closing"), keys.paragraph("preamble")] == [
        "preamble", "closing", "preamble-2"]
    assert [keys.unnumbered(None), keys.unnumbered(3), keys.unnumbered(None)] == ["p1", "p1", "p2"]


def test_numbering_restarting_in_each_section_takes_the_section_key() -> None:
    doc = parse_text("I. Security\n1. A ceasefire.\n2. Observers.\nII. Economy\n1. Sanctions relief.\n", "t.md")
    assert [p.label for p in doc.provisions] == ["I.1", "I.2", "II.1"]


def test_numbering_restarting_after_a_plain_heading_is_a_second_list_with_a_warning() -> None:
    doc = parse_text("1. A ceasefire.\n2. Observers.\n\n## Annex\n\n1. Sanctions relief.\n", "plan.md")
    assert [p.label for p in doc.provisions] == ["1", "2", "s2.1"]
    assert [w.message for w in doc.warnings] == [
        "numbering restarts after a heading at '1.': read as list 2 of the page, its labels prefixed"]


def test_status_recognisers_are_a_named_table_tried_in_order() -> None:
    assert [name for name, _ in statuses.RECOGNISERS] == ["struck-slot", "removed-slot", "option", "bracketed"]
    option = Reading("option", 0, "a")
    assert statuses.status_of("[deleted]", None, SETTINGS) == ("deleted", "")
    assert statuses.status_of("Removed: Ukraine joins NATO.", None, SETTINGS) == ("deleted", "Ukraine joins NATO.")
    assert statuses.status_of("[Removed: Ukraine joins NATO.]", option, SETTINGS) == (
        "deleted", "Ukraine joins NATO.")
    assert statuses.status_of("Troops [up to 800,000] remain.", option, SETTINGS) == (
        "option", "Troops [up to 800,000] remain.")
    assert statuses.status_of("[Frozen assets are used.]", None, SETTINGS) == ("bracketed", "Frozen assets are used.")
    assert statuses.status_of("A ceasefire.", None, SETTINGS) == ("active", "A ceasefire.")


def test_struck_words_come_from_the_settings() -> None:
    own = replace(SETTINGS, struck_words=("withdrawn",))
    assert statuses.status_of("Withdrawn.", None, own) == ("deleted", "")
    assert statuses.status_of("[deleted]", None, own) == ("bracketed", "deleted")


def test_editorial_notes_on_their_own_line_and_inline() -> None:
    assert statuses.is_editorial_line("*Editors note: the text below is a translation.*", SETTINGS)
    assert statuses.is_editorial_line("(The Kremlin denies this - Ed.)", SETTINGS)
    assert not statuses.is_editorial_line("1. Ed. Smith chairs the commission.", SETTINGS)
    assert statuses.editorial_note("*Editor's note: the text below is a translation.*") == (
        "the text below is a translation.")
    assert statuses.take_inline_notes("Troops are capped at 600,000 (was 800,000 - Ed.).") == (
        "Troops are capped at 600,000.", ["was 800,000"])


def test_importing_the_parser_leaves_markdown_it_unloaded() -> None:
    # Start-up: the Markdown reader is built on first use, not when the parser is imported.
    probe = "import sys, cow_compare.intake.parse; print('markdown_it' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"

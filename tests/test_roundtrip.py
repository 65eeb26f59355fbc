"""Hypothesis: any document, written out by `show --format markdown`, parses back to the same provisions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cow_compare import Document, Provision, parse_text
from cow_compare.intake import writer as markdown_format
from cow_compare.intake.normalize import fingerprint

WORDS = st.sampled_from(
    ["Ukraine", "Russia", "NATO", "troops", "will", "not", "be", "stationed", "in", "the", "line", "of", "contact", "frozen", "800,000", "$100", "billion", "50%", "Zaporizhzhia", "ceasefire", "monitoring", "buffer", "zone", "referendum", "*starred*", "under_score", "back`tick", "a\\b", "(note)", "[agreed]", "Option:", "-", "10.", "2025", "de", "facto"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws).replace("[agreed]", "agreed"))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    provisions: list[Provision] = []

    def add(label: str, parent: str | None, depth: int, status: str, text: str, section: str = "") -> None:
        provisions.append(Provision("gen", label, "", text, parent, depth, status, (1, 1),  # type: ignore[arg-type]
                                    fingerprint(text), section))

    if draw(st.booleans()):
        add("preamble", None, 0, "active", draw(SENTENCE))
    numbered = draw(st.booleans())
    for n in range(1, draw(st.integers(1, 8)) + 1):
        label = str(n) if numbered else f"p{n}"
        status = draw(st.sampled_from(["active", "active", "deleted", "bracketed"]))
        add(label, None, 0, status, "" if status == "deleted" and draw(st.booleans()) else draw(SENTENCE))
        kind = draw(st.sampled_from(["none", "letters", "options"]))
        for k in range(draw(st.integers(1, 4)) if kind != "none" else 0):
            if kind == "letters":
                add(f"{label}.{'abcd'[k]}", label, 1, "active", draw(SENTENCE))
            else:
                add(f"{label}.option-{'abcd'[k]}", label, 1, "option", draw(SENTENCE))
    if draw(st.booleans()):
        add("closing", None, 0, "active", draw(SENTENCE))
    return Document(id="gen-1", title="Generated", date=dt.date(2025, 11, 20), parties=("Ukraine",),
                    kind="peace-plan", status="leaked", source_path="gen.md", provisions=tuple(provisions),
                    numbered=numbered)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_markdown_round_trip(doc: Document) -> None:
    again = parse_text(markdown_format.document(doc), "again.md")
    assert [(p.label, p.parent, p.depth, p.status, p.text) for p in again.provisions] == [
        (p.label, p.parent, p.depth, p.status, p.text) for p in doc.provisions
    ]
    assert again.id == doc.id and again.date == doc.date and again.parties == doc.parties

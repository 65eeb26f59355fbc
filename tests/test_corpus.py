"""The shipped corpus keeps its own promises; the loader and resolver are checked on the frozen corpus.

Promises of proposals/ hold for every file in it, however many there are: each parses, is the
project's sourced paraphrase, is named by its unique id, and holds what CATALOG.md says of it.
Exact figures about particular documents (labels, warnings, prefixes, edges) come from the frozen
test corpus in tests/corpus, so adding a version to proposals/ never breaks them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cow_compare import Corpus, CorpusError, UnknownDocumentError, load_corpus, parse_text

from .conftest import BASE, BRIEF, FROZEN, MARKUP, OTHER, PROPOSALS, REDRAFT

SHIPPED_FILES = sorted(path.name for path in PROPOSALS.glob("*.md"))

# From ../shared/corpus/CATALOG.md: id -> (numbered top-level points, numbered or not).
# The 24-point plan's items 13-24 are known only from summaries and stand as unnumbered items;
# the post-Geneva draft and the ZN.UA package were never published and have no numbering at all.
CATALOG_POINTS = {
    "us-28-2025-11-20": 28,
    "eu-e3-2025-11-23": 28,
    "eu-24-2025-11-23": 12,
    "usua-19-2025-11-23": 0,
    "us-20-2025-12-10-znua": 0,
    "ua-20-2025-12-23": 20,
    "eu-berlin-2025-12-15": 0,
    "cotw-paris-2026-01-06": 5,
    "cotw-paris-draft-2026-01-05": 5,
}


# -- the promises of every file in proposals/ ------------------------------------------------


def test_the_shipped_corpus_has_files() -> None:
    # A guard for the parametrized tests below, which would pass vacuously on an empty folder.
    assert len(SHIPPED_FILES) >= len(CATALOG_POINTS)


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_every_file_parses_with_only_the_warnings_it_should_raise(name: str) -> None:
    doc = parse_text((PROPOSALS / name).read_text(encoding="utf-8"), name)
    assert doc.provisions
    messages = [w.message for w in doc.warnings]
    if doc.numbered:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0].startswith("no printed numbers")


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_every_file_is_named_by_its_id(corpus: Corpus, name: str) -> None:
    doc_id = name.removesuffix(".md")
    doc = corpus.documents[doc_id]
    assert doc.source_path == f"proposals/{name}"
    # <party>-<points>-<yyyy-mm-dd>[-<qualifier>], the date being the version's own.
    match = re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*?-(\d{4}-\d{2}-\d{2})(?:-[a-z0-9]+)*", doc_id)
    assert match is not None and doc.date is not None and match.group(1) == doc.date.isoformat(), doc_id


def test_ids_are_unique(corpus: Corpus) -> None:
    # The loader refuses a clash (test_clashing_ids_are_an_error); every file is loaded under its own id.
    assert sorted(f"{doc_id}.md" for doc_id in corpus.documents) == SHIPPED_FILES


@pytest.mark.parametrize("name", SHIPPED_FILES)
def test_front_matter_is_complete(corpus: Corpus, name: str) -> None:
    doc = corpus.documents[name.removesuffix(".md")]
    assert doc.rendition == "paraphrase"
    assert doc.title and doc.date and doc.parties
    assert doc.sources and all(s.url.startswith("https://") and s.outlet for s in doc.sources)
    if doc.status in ("reported", "reconstructed") or doc.partial:
        assert doc.missing, "an unpublished or partly known version must say what is unknown"


# -- what CATALOG.md says proposals/ holds ---------------------------------------------------


def _numbered_points(corpus: Corpus, doc_id: str) -> list[str]:
    return [p.label for p in corpus.documents[doc_id].top_level if p.label.isdigit()]


def test_every_catalogued_version_is_in_the_corpus(corpus: Corpus) -> None:
    # More versions may be imported; none of the catalogued ones may go missing.
    assert set(CATALOG_POINTS) <= set(corpus.documents)


@pytest.mark.parametrize("doc_id", sorted(CATALOG_POINTS))
def test_point_count_matches_the_catalog(corpus: Corpus, doc_id: str) -> None:
    points = _numbered_points(corpus, doc_id)
    assert len(points) == CATALOG_POINTS[doc_id]
    assert points == [str(n) for n in range(1, len(points) + 1)]


def test_us_28_sub_items(corpus: Corpus) -> None:
    doc = corpus.documents["us-28-2025-11-20"]
    subs = {p.label for p in doc.provisions if p.depth == 1}
    expected = {f"{n}.{c}" for n, letters in
                {10: "abcd", 12: "abcdef", 13: "abc", 20: "abc", 21: "abcd", 24: "abcd"}.items() for c in letters}
    assert subs == expected
    assert "600,000" in doc.provision("6").text
    assert "NATO troops will not be stationed in Ukraine" in doc.provision("8").text


def test_e3_struck_slots(corpus: Corpus) -> None:
    doc = corpus.documents["eu-e3-2025-11-23"]
    assert doc.provision("3").status == "deleted"
    assert doc.provision("10.d").status == "deleted"
    assert doc.provision("26").status == "deleted"
    assert "800,000" in doc.provision("6").text


def test_e3_copies_unchanged_us_points_word_for_word(corpus: Corpus) -> None:
    us, e3 = corpus.documents["us-28-2025-11-20"], corpus.documents["eu-e3-2025-11-23"]
    for label in ("1", "11", "16", "17", "18", "19", "22", "23", "27"):
        assert us.provision(label).fingerprint == e3.provision(label).fingerprint, label


def test_ua_20_options(corpus: Corpus) -> None:
    doc = corpus.documents["ua-20-2025-12-23"]
    for point in ("12", "14"):
        options = [p for p in doc.children(point) if p.status == "option"]
        assert [p.label for p in options] == [f"{point}.option-a", f"{point}.option-b"]
        assert options[0].text.startswith("United States") and options[1].text.startswith("Ukraine")
    assert [p.label for p in doc.children("5")] == ["5.a", "5.b", "5.c"]


def test_unpublished_versions_say_so(corpus: Corpus) -> None:
    for doc_id in ("usua-19-2025-11-23", "us-20-2025-12-10-znua", "cotw-paris-draft-2026-01-05"):
        assert corpus.documents[doc_id].status == "reported"


def test_lineage(corpus: Corpus) -> None:
    pairs = {(e.parent, e.child) for e in corpus.edges}
    assert ("us-28-2025-11-20", "eu-e3-2025-11-23") in pairs
    assert ("usua-19-2025-11-23", "ua-20-2025-12-23") in pairs
    assert ("cotw-paris-draft-2026-01-05", "cotw-paris-2026-01-06") in pairs


# -- the frozen test corpus: what the loader makes of known documents -------------------------


def test_frozen_corpus_documents_and_lineage(frozen: Corpus) -> None:
    assert frozen.ids == [BASE, MARKUP, BRIEF, REDRAFT, OTHER]
    assert {(e.parent, e.child) for e in frozen.edges} == {(BASE, MARKUP), (MARKUP, BRIEF), (BRIEF, REDRAFT)}
    assert all(doc.rendition == "paraphrase" and doc.sources for doc in frozen.documents.values())


def test_numbered_points_sub_items_and_preamble(frozen: Corpus) -> None:
    base = frozen.documents[BASE]
    assert [p.label for p in base.top_level] == ["preamble", *[str(n) for n in range(1, 11)]]
    assert [(p.label, p.parent, p.depth) for p in base.provisions if p.depth] == [
        ("2.a", "2", 1), ("2.b", "2", 1), ("2.c", "2", 1), ("9.a", "9", 1), ("9.b", "9", 1)]
    assert base.numbered and base.warnings == () and not base.partial
    assert base.provision("5").text == "Ukraine's armed forces will be capped at 500,000 personnel."


def test_a_struck_slot_keeps_its_number(frozen: Corpus) -> None:
    markup = frozen.documents[MARKUP]
    assert [p.label for p in markup.provisions] == [p.label for p in frozen.documents[BASE].provisions]
    assert [p.label for p in markup.provisions if p.status == "deleted"] == ["8"]
    assert markup.provision("8").text.startswith("The reference to later negotiations")


def test_a_summary_is_unnumbered_partial_and_keeps_brackets(frozen: Corpus) -> None:
    brief = frozen.documents[BRIEF]
    assert brief.coverage == "summary" and brief.partial and brief.missing
    assert [(p.label, p.status) for p in brief.provisions] == [
        ("p1", "active"), ("p2", "active"), ("p3", "bracketed"), ("p4", "active")]
    assert [w.message for w in brief.warnings] == ["no printed numbers: provisions labelled p1 to p4 in document order"]


def test_unnumbered_warning_counts_only_unnumbered_items(frozen: Corpus) -> None:
    # Two preamble paragraphs, five commitments, one closing paragraph.
    doc = frozen.documents[OTHER]
    assert [w.message for w in doc.warnings] == ["no printed numbers: provisions labelled p1 to p5 in document order"]
    assert [p.label for p in doc.provisions] == [
        "preamble", "preamble-2", "p1", "p2", "p3", "p4", "p5", "closing"
    ]


# -- finding documents ----------------------------------------------------------------------


def test_resolve_by_id_prefix_and_path(frozen: Corpus) -> None:
    assert frozen.resolve("dcg-10").id == BASE
    assert frozen.resolve(MARKUP).id == MARKUP
    assert frozen.resolve(str(FROZEN / f"{REDRAFT}.md")).id == REDRAFT


def test_ambiguous_prefix_lists_candidates(frozen: Corpus) -> None:
    with pytest.raises(UnknownDocumentError, match=f"'dcg' matches several documents: {BASE}, {REDRAFT}, {BRIEF}; "
                                                   "give more of the id"):
        frozen.resolve("dcg")


def test_unknown_id_suggests_close_ones(frozen: Corpus) -> None:
    with pytest.raises(UnknownDocumentError, match=f"did you mean {BASE} or "):
        frozen.resolve("dcg-10-2031-03-20")


def _copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FROZEN, target)
    return target


def test_clashing_ids_are_an_error(tmp_path: Path) -> None:
    folder = _copy_corpus(tmp_path)
    shutil.copy(folder / f"{BASE}.md", folder / "dcg-copy.md")
    with pytest.raises(CorpusError, match=rf"dcg-copy\.md: id '{BASE}' is already used by corpus/{BASE}\.md"):
        load_corpus(folder)


def test_lineage_naming_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    folder = _copy_corpus(tmp_path)
    with (folder / "lineage.toml").open("a", encoding="utf-8") as fh:
        fh.write(f'\n[[edge]]\nfrom = "{BASE}"\nto = "dcg-99-2031-06-01"\n')
    with pytest.raises(CorpusError, match=r"lineage\.toml: edge 4 names unknown id 'dcg-99-2031-06-01' in `to`"):
        load_corpus(folder)


def test_derived_from_naming_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.md").write_text('+++\nid = "a"\nderived_from = ["ghost"]\n+++\n1. One.\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="derived_from names unknown id 'ghost'"):
        load_corpus(folder)

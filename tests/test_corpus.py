"""The shipped corpus: every version present, shaped as CATALOG.md says, in the project's own words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cow_compare import Corpus, CorpusError, UnknownDocumentError, load_corpus

from .conftest import PROPOSALS

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


def _numbered_points(corpus: Corpus, doc_id: str) -> list[str]:
    return [p.label for p in corpus.documents[doc_id].top_level if p.label.isdigit()]


def test_every_catalogued_version_is_in_the_corpus(corpus: Corpus) -> None:
    assert sorted(corpus.documents) == sorted(CATALOG_POINTS)


@pytest.mark.parametrize("doc_id", sorted(CATALOG_POINTS))
def test_point_count_matches_the_catalog(corpus: Corpus, doc_id: str) -> None:
    points = _numbered_points(corpus, doc_id)
    assert len(points) == CATALOG_POINTS[doc_id]
    assert points == [str(n) for n in range(1, len(points) + 1)]


@pytest.mark.parametrize("doc_id", sorted(CATALOG_POINTS))
def test_parses_with_only_the_warnings_it_should_raise(corpus: Corpus, doc_id: str) -> None:
    doc = corpus.documents[doc_id]
    messages = [w.message for w in doc.warnings]
    if doc.numbered:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0].startswith("no printed numbers")


@pytest.mark.parametrize("doc_id", sorted(CATALOG_POINTS))
def test_front_matter_is_complete(corpus: Corpus, doc_id: str) -> None:
    doc = corpus.documents[doc_id]
    assert doc.rendition == "paraphrase"
    assert doc.title and doc.date and doc.parties
    assert doc.sources and all(s.url.startswith("https://") and s.outlet for s in doc.sources)
    if doc.status in ("reported", "reconstructed"):
        assert doc.missing, "an unpublished version must say what is unknown"


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


# -- finding documents ----------------------------------------------------------------------


def test_resolve_by_id_prefix_and_path(corpus: Corpus) -> None:
    assert corpus.resolve("us-28").id == "us-28-2025-11-20"
    assert corpus.resolve("eu-e3-2025-11-23").id == "eu-e3-2025-11-23"
    assert corpus.resolve(str(PROPOSALS / "ua-20-2025-12-23.md")).id == "ua-20-2025-12-23"


def test_ambiguous_prefix_lists_candidates(corpus: Corpus) -> None:
    with pytest.raises(UnknownDocumentError, match="'eu' matches several documents: eu-24-2025-11-23, eu-berlin"):
        corpus.resolve("eu")


def test_unknown_id_suggests_close_ones(corpus: Corpus) -> None:
    with pytest.raises(UnknownDocumentError, match="did you mean us-28-2025-11-20"):
        corpus.resolve("us-82-2025-11-20")


def _copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(PROPOSALS, target)
    return target


def test_clashing_ids_are_an_error(tmp_path: Path) -> None:
    folder = _copy_corpus(tmp_path)
    shutil.copy(folder / "us-28-2025-11-20.md", folder / "us-28-copy.md")
    with pytest.raises(CorpusError, match=r"us-28-copy\.md: id 'us-28-2025-11-20' is already used by"):
        load_corpus(folder)


def test_lineage_naming_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    folder = _copy_corpus(tmp_path)
    with (folder / "lineage.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[edge]]\nfrom = "us-28-2025-11-20"\nto = "us-99-2026-01-01"\n')
    with pytest.raises(CorpusError, match=r"lineage\.toml: edge 7 names unknown id 'us-99-2026-01-01' in `to`"):
        load_corpus(folder)


def test_derived_from_naming_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.md").write_text('+++\nid = "a"\nderived_from = ["ghost"]\n+++\n1. One.\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="derived_from names unknown id 'ghost'"):
        load_corpus(folder)


def test_unnumbered_warning_counts_only_unnumbered_items(corpus: Corpus) -> None:
    # Berlin: three preamble paragraphs, six commitments, two closing paragraphs.
    doc = corpus.documents["eu-berlin-2025-12-15"]
    assert [w.message for w in doc.warnings] == ["no printed numbers: provisions labelled p1 to p6 in document order"]
    assert [p.label for p in doc.provisions] == [
        "preamble", "preamble-2", "preamble-3", "p1", "p2", "p3", "p4", "p5", "p6", "closing", "closing-2"
    ]

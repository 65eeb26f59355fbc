"""Properties that must hold for any plan text, drawn wide (tests/plans.py): what issue 14 found by hand.

- Any text is a document or a one-line refusal, never another exception.
- A version compared with itself is identical throughout, even with provisions that hold no word.
- Swapping the versions swaps added and deleted (struck slots, repeated texts, moved points), also
  for two unrelated garbled texts.
- The word operations rebuild both texts, in the exact diff and in the bounded one.
- `show --format markdown` parses back to the same provisions, also for a garbled text.

CI draws the same examples on every run (the derandomized 'ci' profile in tests/conftest.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cow_compare import parse_text
from cow_compare.changes.words import rebuild, word_ops
from cow_compare.errors import CowCompareError, LimitError
from cow_compare.intake import writer
from cow_compare.model import Document
from cow_compare.pipeline import compare
from tests.plans import garbled_texts, plan_pairs, plan_texts, sentences

wide = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def parsed(text: str, name: str) -> Document | None:
    """The document a text holds, or None when it is refused (in one line: a CowCompareError)."""
    try:
        return parse_text(text, name)
    except CowCompareError as exc:
        assert "\n" not in str(exc).strip()
        return None


@wide
@given(plan_texts())
def test_any_text_is_a_document_or_a_one_line_refusal(text: str) -> None:
    try:
        parse_text(text, "any.md")
    except LimitError as exc:
        assert "[limits]" in str(exc) and "--settings" in str(exc)
    except CowCompareError as exc:
        assert "\n" not in str(exc).strip()


@wide
@given(plan_texts())
def test_a_version_compared_with_itself_is_identical(text: str) -> None:
    doc = parsed(text, "plan.md")
    if doc is None:
        return
    report = compare(doc, doc)
    assert {c.kind for c in report.changes} == {"identical"}
    assert not report.changed


@wide
@given(plan_pairs())
def test_swapping_the_versions_swaps_added_and_deleted(pair: tuple[str, str]) -> None:
    old, new = parsed(pair[0], "old.md"), parsed(pair[1], "new.md")
    if old is None or new is None:
        return
    forward, backward = compare(old, new), compare(new, old)
    assert {c.link.to_labels for c in backward.changes if c.kind == "added"} == {
        c.link.from_labels for c in forward.changes if c.kind == "deleted"}
    assert {c.link.from_labels for c in backward.changes if c.kind == "deleted"} == {
        c.link.to_labels for c in forward.changes if c.kind == "added"}
    by_old, by_new = {p.label: p.text for p in old.provisions}, {p.label: p.text for p in new.provisions}
    for change in forward.changes:
        assert rebuild(change.ops, "-") == " ".join(by_old[x] for x in change.link.from_labels)
        assert rebuild(change.ops, "+") == " ".join(by_new[x] for x in change.link.to_labels)


@settings(wide, max_examples=150)
@given(garbled_texts(), garbled_texts())
def test_two_garbled_texts_compare_alike_both_ways_and_each_with_itself(old_text: str, new_text: str) -> None:
    """Two unrelated garbled texts: links across levels and texts printed twice, which edited pairs
    rarely hold, found the in-order pass asymmetric (about one pair in 250)."""
    old, new = parsed(old_text, "old.md"), parsed(new_text, "new.md")
    if old is None or new is None:
        return
    assert {c.kind for c in compare(old, old).changes} == {"identical"}
    forward, backward = compare(old, new), compare(new, old)
    assert {c.link.to_labels for c in backward.changes if c.kind == "added"} == {
        c.link.from_labels for c in forward.changes if c.kind == "deleted"}
    assert {c.link.from_labels for c in backward.changes if c.kind == "deleted"} == {
        c.link.to_labels for c in forward.changes if c.kind == "added"}


@wide
@given(st.lists(sentences(), min_size=1, max_size=6), st.lists(sentences(), min_size=1, max_size=6),
       st.sampled_from([4, 40, 400]))
def test_word_operations_rebuild_both_texts_exact_or_bounded(old: list[str], new: list[str], exact: int) -> None:
    a, b = " ".join(old), " ".join(old[: len(old) // 2] + new + old[len(old) // 2 :])
    ops = word_ops(a, b, exact_tokens=exact)
    assert rebuild(ops, "-") == a and rebuild(ops, "+") == b
    assert all(op.text for op in ops) and all(x.op != y.op for x, y in zip(ops, ops[1:], strict=False))
    assert word_ops(a, b, exact_tokens=exact) == ops  # the same texts, the same operations


def _round_trips(text: str) -> None:
    doc = parsed(text, "plan.md")
    if doc is None:
        return
    again = parse_text(writer.document(doc), "again.md")

    def rows(d: Document) -> list[tuple[object, ...]]:
        return [(p.label, p.parent, p.depth, p.status, p.text, p.section, p.notes) for p in d.provisions]

    assert rows(again) == rows(doc)


@wide
@given(plan_texts())
def test_show_markdown_parses_back_to_the_same_provisions(text: str) -> None:
    _round_trips(text)


@settings(wide, max_examples=400)
@given(garbled_texts())
def test_show_markdown_parses_back_to_the_same_provisions_of_a_garbled_text(text: str) -> None:
    """Marker styles mixed line by line, marker-like lines the parser takes in one place and not in
    another, wrapped lines, moved indents and blanks: about one text in forty failed before the
    writer learnt them, so CI's fixed draw of 400 meets several of those layouts."""
    _round_trips(text)

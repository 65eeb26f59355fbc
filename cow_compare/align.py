"""Links the provisions of an old version to those of a new one: 1:1, split, merged, deleted, added.

Passes, in order; each only sees what earlier passes left unlinked, and each is named in the
link's `matched_by`:

1. exact       same fingerprint (same words, whatever the number), same label preferred on ties;
2. label       a struck slot kept at its number, or the same label with text LABEL_SIMILAR alike;
3. fuzzy       the best pairs over a similarity matrix of the rest (rapidfuzz `cdist`), greedily
               from the highest; label, parent, depth and position only break near-ties (PRIOR_WEIGHT);
4. positional  a point rewritten in place: same label, a neighbour that kept its number too (run
               before the fuzzy pass as well when the new version keeps the old numbering);
5. split       one provision against consecutive provisions on the other side, concatenated
   merge       (and the mirror image), when the whole fits clearly better than any single part;
6. none        what is left is deleted (old side) or added (new side).

Scores are text similarity in [0, 1] on normalised content words, rounded to 3 places so that
output never depends on floating-point noise. Ties are broken by document order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .model import Document, Link, Provision
from .normalize import for_matching

LABEL_SIMILAR = 0.75
"""Same label and at least this similar: linked before the global pass."""
PRIOR_WEIGHT = 0.08
"""How much label, parent, depth and position may add to a pair's rank (never to its score)."""
SPLIT_GAIN = 0.08
"""How much better the concatenation must fit than the best single part to call a split or merge."""
SPLIT_FLOOR = 0.65
"""A split or merge needs at least this score: a loose fit is a rewrite, not a redistribution."""
POSITIONAL_FLOOR = 0.2
"""A rewritten point kept at its number, between linked neighbours, needs only this much in common."""
PART_FLOOR = 0.55
"""Each part of a split or merge must share at least this much with the whole (partial match)."""
DEFAULT_MIN_SCORE = 0.5

_STOPWORDS = frozenset(
    "a an the and or of to in on at by for with from as is are be been will shall would this that these "
    "those its it their they them which who all any each such than then there also into upon".split()
)
_WORD = re.compile(r"[\w$%€£]+(?:[.,:'][\w]+)*")


def content_words(text: str) -> str:
    """Return the normalised words that carry meaning, in order, joined by spaces."""
    return " ".join(w for w in _WORD.findall(for_matching(text)) if w not in _STOPWORDS)


def similarity(a: str, b: str) -> float:
    """Return how alike two content-word strings are, in [0, 1].

    The mean of token-sort (same words overall) and token-set (one contains the other) ratios: a
    provision that keeps its words and adds a clause stays close to its old self, while two
    unrelated provisions that share a few words score low on both.
    """
    return round((fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 200.0, 3)


@dataclass
class _Side:
    """One version's provisions with what matching needs, precomputed once."""

    provisions: Sequence[Provision]
    words: list[str]
    index: dict[str, int]
    linked: dict[int, int]
    """Provision index -> index of its link in the pending list."""
    siblings: dict[str | None, list[int]]
    """Parent label -> indices of its children in order (None: the top level)."""

    @classmethod
    def of(cls, doc: Document) -> _Side:
        provisions = doc.provisions
        siblings: dict[str | None, list[int]] = defaultdict(list)
        for i, p in enumerate(provisions):
            siblings[p.parent].append(i)
        return cls(
            provisions,
            [content_words(p.text) for p in provisions],
            {p.label: i for i, p in enumerate(provisions)},
            {},
            siblings,
        )

    def free(self, i: int) -> bool:
        return i not in self.linked

    def position(self, i: int) -> float:
        return i / max(1, len(self.provisions) - 1)

    def matchable(self, i: int) -> bool:
        """A struck slot or an empty text has no words to match on."""
        return self.provisions[i].status != "deleted" and bool(self.words[i])


@dataclass
class _Pending:
    old: list[int]
    new: list[int]
    score: float
    matched_by: str
    reason: str


class _Aligner:
    def __init__(self, old: Document, new: Document, min_score: float) -> None:
        self.a = _Side.of(old)
        self.b = _Side.of(new)
        self.min_score = min_score
        self.links: list[_Pending] = []

    def link(self, old: list[int], new: list[int], score: float, matched_by: str, reason: str) -> None:
        index = len(self.links)
        self.links.append(_Pending(old, new, round(score, 3), matched_by, reason))
        for i in old:
            self.a.linked[i] = index
        for j in new:
            self.b.linked[j] = index

    def relink(self, index: int, old: list[int], new: list[int], score: float, matched_by: str, reason: str) -> None:
        self.links[index] = _Pending(old, new, round(score, 3), matched_by, reason)
        for i in old:
            self.a.linked[i] = index
        for j in new:
            self.b.linked[j] = index

    # -- passes ---------------------------------------------------------------------------

    def exact(self) -> None:
        by_fingerprint: dict[str, list[int]] = defaultdict(list)
        for j, p in enumerate(self.b.provisions):
            if self.b.matchable(j):
                by_fingerprint[p.fingerprint].append(j)
        for i, p in enumerate(self.a.provisions):
            if not self.a.matchable(i):
                continue
            candidates = [j for j in by_fingerprint.get(p.fingerprint, []) if self.b.free(j)]
            if not candidates:
                continue
            same_label = [j for j in candidates if self.b.provisions[j].label == p.label]
            j = (same_label or candidates)[0]
            where = "" if self.b.provisions[j].label == p.label else f" now numbered {self.b.provisions[j].label}"
            self.link([i], [j], 1.0, "exact", f"same words{where}")

    def by_label(self) -> None:
        for j, q in enumerate(self.b.provisions):
            i = self.a.index.get(q.label)
            if i is None or not self.b.free(j) or not self.a.free(i):
                continue
            if q.status == "deleted":
                if self.a.provisions[i].status == "deleted":
                    self.link([i], [j], 1.0, "label", f"struck in both versions at number {q.label}")
                else:
                    self.link([i], [j], 1.0, "label", f"struck; the slot is kept at number {q.label}")
                continue
            if not (self.a.matchable(i) and self.b.matchable(j)):
                continue
            score = similarity(self.a.words[i], self.b.words[j])
            if score >= LABEL_SIMILAR:
                self.link([i], [j], score, "label", f"same number, text {score:.0%} alike")

    def fuzzy(self) -> None:
        rows = [i for i in range(len(self.a.provisions)) if self.a.free(i) and self.a.matchable(i)]
        cols = [j for j in range(len(self.b.provisions)) if self.b.free(j) and self.b.matchable(j)]
        if not rows or not cols:
            return
        cutoff = int(self.min_score * 100)
        candidates: list[tuple[float, int, int, float]] = []
        # Row blocks keep memory flat on large documents: never a full dense matrix.
        block = max(1, 2_000_000 // len(cols))
        col_words = [self.b.words[j] for j in cols]
        for start in range(0, len(rows), block):
            chunk = rows[start : start + block]
            queries = [self.a.words[i] for i in chunk]
            # Each ratio must reach 2*cutoff-100 for their mean to reach the cutoff.
            floor = max(0, 2 * cutoff - 100)
            sort = process.cdist(queries, col_words, scorer=fuzz.token_sort_ratio, score_cutoff=floor,
                                 dtype="uint8", workers=-1)
            both = sort.astype("uint16") + process.cdist(
                queries, col_words, scorer=fuzz.token_set_ratio, score_cutoff=floor, dtype="uint8", workers=-1
            )
            for r, c in zip(*(both >= 2 * cutoff).nonzero(), strict=True):
                i, j = chunk[int(r)], cols[int(c)]
                score = round(float(both[r, c]) / 200.0, 3)
                candidates.append((score + PRIOR_WEIGHT * self.prior(i, j), i, j, score))
        candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
        for _rank, i, j, score in candidates:
            if self.a.free(i) and self.b.free(j):
                self.link([i], [j], score, "fuzzy", f"text {score:.0%} alike")

    def prior(self, i: int, j: int) -> float:
        """Structural agreement in [0, 1]: same label, linked parents, same depth, near position."""
        p, q = self.a.provisions[i], self.b.provisions[j]
        same_label = 1.0 if p.label == q.label else 0.0
        parents_linked = 0.0
        if p.parent is not None and q.parent is not None:
            pi, qj = self.a.index[p.parent], self.b.index[q.parent]
            if pi in self.a.linked and qj in self.links[self.a.linked[pi]].new:
                parents_linked = 1.0
        same_depth = 1.0 if p.depth == q.depth else 0.0
        near = 1.0 - abs(self.a.position(i) - self.b.position(j))
        return (same_label + parents_linked + same_depth + near) / 4.0

    def keeps_numbering(self) -> bool:
        """True when most top-level points already linked kept their number: a mark-up, not a redraft."""
        tops = [i for i, p in enumerate(self.a.provisions) if p.depth == 0 and p.label.isdigit()]
        same = sum(
            1 for i in tops
            if i in self.a.linked and [self.b.provisions[j].label for j in self.links[self.a.linked[i]].new]
            == [self.a.provisions[i].label]
        )
        return bool(tops) and same >= 0.6 * len(tops)

    def positional(self) -> None:
        """A point rewritten in place: same label, both unlinked, and a neighbour kept its number too."""
        for j, q in enumerate(self.b.provisions):
            i = self.a.index.get(q.label)
            if i is None or not (self.a.free(i) and self.b.free(j)):
                continue
            if not (self.a.matchable(i) and self.b.matchable(j)):
                continue
            score = similarity(self.a.words[i], self.b.words[j])
            if score < POSITIONAL_FLOOR or not self._neighbour_kept_number(i, j):
                continue
            self.link([i], [j], score, "positional", f"rewritten at the same number {q.label} ({score:.0%} alike)")

    def _neighbour_kept_number(self, i: int, j: int) -> bool:
        siblings = self.a.siblings[self.a.provisions[i].parent]
        at = siblings.index(i)
        for k in siblings[max(0, at - 1) : at] + siblings[at + 1 : at + 2]:
            if k in self.a.linked:
                held = self.links[self.a.linked[k]]
                if len(held.new) == 1 and self.b.provisions[held.new[0]].label == self.a.provisions[k].label:
                    return True
        return False

    def splits_and_merges(self) -> None:
        """A provision spread over consecutive ones on the other side (split), or the reverse (merge)."""
        self._spread(self.a, self.b, split=True)
        self._spread(self.b, self.a, split=False)

    def _spread(self, whole_side: _Side, part_side: _Side, *, split: bool) -> None:
        for w in range(len(whole_side.provisions)):
            if not whole_side.matchable(w):
                continue
            current = self.links[whole_side.linked[w]] if not whole_side.free(w) else None
            if current is not None and (len(current.old) != 1 or len(current.new) != 1 or current.score >= 0.9):
                continue
            best = self._best_run(w, whole_side, part_side, current)
            if best is None:
                continue
            run, score = best
            label = " + ".join(part_side.provisions[k].label for k in run)
            kind = "split" if split else "merge"
            reason = (f"its words are spread over {label} ({score:.0%} together)" if split
                      else f"{label} were combined here ({score:.0%} together)")
            old, new = ([w], run) if split else (run, [w])
            # Parts that had their own 1:1 links give them up to the split or merge.
            replaced = {part_side.linked[k] for k in run if not part_side.free(k)}
            if current is not None:
                replaced.add(whole_side.linked[w])
            for index in sorted(replaced):
                self._dissolve(index)
            self.link(old, new, score, kind, reason)

    def _best_run(self, w: int, whole_side: _Side, part_side: _Side, current: _Pending | None) -> tuple[list[int], float] | None:
        whole = whole_side.words[w]
        single = current.score if current is not None else 0.0
        # Candidate parts: free, or held by a weak 1:1 link; near the provision the whole is linked to.
        def available(k: int) -> bool:
            if not part_side.matchable(k):
                return False
            # A part may be free, or held by the whole's own 1:1 link; never taken from another good link.
            return part_side.free(k) or (current is not None and self.links[part_side.linked[k]] is current)

        best: tuple[list[int], float] | None = None
        n = len(part_side.provisions)
        starts = range(n)
        for start in starts:
            if not available(start):
                continue
            if fuzz.partial_token_set_ratio(whole, part_side.words[start]) / 100.0 < PART_FLOOR:
                continue
            run = [start]
            for k in range(start + 1, min(n, start + 4)):
                if not available(k) or fuzz.partial_token_set_ratio(whole, part_side.words[k]) / 100.0 < PART_FLOOR:
                    break
                run = [*run, k]
                joined = " ".join(part_side.words[x] for x in run)
                score = similarity(whole, joined)
                parts_best = max(similarity(whole, part_side.words[x]) for x in run)
                if score >= max(self.min_score, SPLIT_FLOOR) and score >= max(single, parts_best) + SPLIT_GAIN and (
                    best is None or score > best[1]
                ):
                    best = (list(run), score)
        return best

    def _dissolve(self, index: int) -> None:
        pending = self.links[index]
        for i in pending.old:
            self.a.linked.pop(i, None)
        for j in pending.new:
            self.b.linked.pop(j, None)
        self.links[index] = _Pending([], [], 0.0, "dissolved", "")

    def leftovers(self) -> None:
        for i in range(len(self.a.provisions)):
            if self.a.free(i):
                self.link([i], [], 0.0, "none", f"nothing in the new version is {self.min_score:.0%} alike")
        for j in range(len(self.b.provisions)):
            if self.b.free(j):
                self.link([], [j], 0.0, "none", f"nothing in the old version is {self.min_score:.0%} alike")

    # -- result ---------------------------------------------------------------------------

    def result(self) -> tuple[Link, ...]:
        live = [p for p in self.links if p.old or p.new]
        one_to_one = [p for p in live if len(p.old) == 1 and len(p.new) == 1]
        in_order = _longest_increasing([(p.old[0], p.new[0]) for p in sorted(one_to_one, key=lambda p: p.old[0])])
        live.sort(key=self._order_key)
        links = []
        for p in live:
            old_labels = tuple(self.a.provisions[i].label for i in p.old)
            new_labels = tuple(self.b.provisions[j].label for j in p.new)
            renumbered = moved = False
            if len(p.old) == 1 and len(p.new) == 1:
                renumbered = old_labels != new_labels
                moved = (p.old[0], p.new[0]) not in in_order
            links.append(Link(old_labels, new_labels, p.score, p.matched_by, p.reason, renumbered, moved))
        return tuple(links)

    def _order_key(self, p: _Pending) -> tuple[float, float]:
        """New-version order; a deleted provision goes right after whatever its old predecessor became."""
        if p.new:
            return (float(min(p.new)), float(min(p.old)) if p.old else -1.0)
        i = min(p.old)
        for k in range(i - 1, -1, -1):
            if k in self.a.linked and self.links[self.a.linked[k]].new:
                return (max(self.links[self.a.linked[k]].new) + 0.5, float(i))
        return (-0.5, float(i))


def _longest_increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Return the pairs on a longest run whose new positions increase with the old (patience sort)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_old, new) in enumerate(pairs):
        at = bisect.bisect_left(tails, new)
        if at == len(tails):
            tails.append(new)
            tail_index.append(k)
        else:
            tails[at] = new
            tail_index[at] = k
        previous[k] = tail_index[at - 1] if at > 0 else -1
    keep: set[tuple[int, int]] = set()
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        keep.add(pairs[k])
        k = previous[k]
    return keep


def align(old: Document, new: Document, *, min_score: float = DEFAULT_MIN_SCORE) -> tuple[Link, ...]:
    """Return links covering every provision of both versions, in the new version's order."""
    aligner = _Aligner(old, new, min_score)
    aligner.exact()
    aligner.by_label()
    if aligner.keeps_numbering():
        # A mark-up that keeps the numbering: a point rewritten in place is still that point.
        aligner.positional()
    aligner.fuzzy()
    aligner.positional()
    aligner.splits_and_merges()
    aligner.leftovers()
    return aligner.result()

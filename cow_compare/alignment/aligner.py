"""Links the provisions of an old version to those of a new one: 1:1, split, merged, deleted, added.

Passes, in order; each only sees what earlier passes left unlinked, and each is named in the
link's `matched_by`:

1. exact       same fingerprint (same words, whatever the number), same label preferred on ties;
2. label       a struck slot kept at its number, or the same label with text `label_similar` alike;
3. positional  a point rewritten in place: same label, a neighbour that kept its number too (run
               only when the new version keeps the old numbering: a mark-up, not a redraft);
4. fuzzy       the best one-to-one pairing (maximum total weight) of pairs scoring at least
               `min_score`; label, parent, depth and position only break near-ties (`prior_weight`);
5. merge/split a provision whose words are spread over several siblings on the other side
               (10.b and 10.d became 5.b), added one at a time while each makes the fit better;
6. positional  order as evidence: between two linked neighbours, provisions left over on both
               sides are paired in order when they share a fifth of what `min_score` asks
               (`gap_share`); sub-items are paired within their parents' links;
7. split/merge across levels: a point without sub-items linked to one with sub-items takes those
               sub-items that speak to its matter (24 and its items a, b, d became point 17);
8. none        what is left is deleted (old side) or added (new side).

Scores are `similarity.Topics` weighted overlaps of stems and topics, in [0, 1], rounded to 3
places so that output never depends on floating-point noise. Ties are broken by document order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Document, Link, MatchedBy, Provision
from ..settings import AlignSettings, shipped_settings
from .assignment import best_assignment
from .similarity import Topics, bag, content_words, stem, text_similarity


@dataclass
class _Side:
    """One version's provisions with what matching needs, precomputed once."""

    provisions: Sequence[Provision]
    bags: list[frozenset[str]]
    words: list[str]
    index: dict[str, int]
    linked: dict[int, int]
    """Provision index -> index of its link in the pending list."""
    siblings: dict[str | None, list[int]]
    """Parent label -> indices of its children in order (None: the top level)."""
    surface: dict[str, str]
    """Stem -> the first word of this version with that stem, to show evidence in words."""
    sibling_at: dict[int, int]
    """Provision index -> its place among its siblings."""

    @classmethod
    def of(cls, doc: Document) -> _Side:
        provisions = doc.provisions
        siblings: dict[str | None, list[int]] = defaultdict(list)
        for i, p in enumerate(provisions):
            siblings[p.parent].append(i)
        words = [content_words(p.text) for p in provisions]
        surface: dict[str, str] = {}
        for text in words:
            for w in text.split():
                surface.setdefault(stem(w), w)
        sibling_at = {i: at for group in siblings.values() for at, i in enumerate(group)}
        return cls(provisions, [bag(p.text, words=w) for p, w in zip(provisions, words, strict=True)], words,
                   {p.label: i for i, p in enumerate(provisions)}, {}, siblings, surface, sibling_at)

    def free(self, i: int) -> bool:
        return i not in self.linked

    def position(self, i: int) -> float:
        return i / max(1, len(self.provisions) - 1)

    def matchable(self, i: int) -> bool:
        """A struck slot or an empty text has no words to match on."""
        return self.provisions[i].status != "deleted" and bool(self.words[i])

    def children(self, i: int) -> list[int]:
        return self.siblings.get(self.provisions[i].label, [])


@dataclass
class _Pending:
    old: list[int]
    new: list[int]
    score: float
    matched_by: MatchedBy | Literal["dissolved"]
    """The pass that made the link, or `dissolved` for a slot a split or merge replaced."""
    reason: str


class _Aligner:
    def __init__(self, old: Document, new: Document, settings: AlignSettings) -> None:
        self.a = _Side.of(old)
        self.b = _Side.of(new)
        self.settings = settings
        self.min_score = settings.min_score
        self.topics = Topics([*self.a.bags, *self.b.bags])
        self.links: list[_Pending] = []

    def score(self, old: Sequence[int], new: Sequence[int]) -> float:
        """Weighted overlap of the provisions' words and topics (several: their union)."""
        left = frozenset().union(*(self.a.bags[i] for i in old))
        right = frozenset().union(*(self.b.bags[j] for j in new))
        return self.topics.similarity(left, right)

    def evidence(self, old: Sequence[int], new: Sequence[int]) -> str:
        """The heaviest shared words and topics, as an analyst reads them: 'nuclear, plant, [energy]'."""
        left = frozenset().union(*(self.a.bags[i] for i in old))
        right = frozenset().union(*(self.b.bags[j] for j in new))
        shown = []
        for token in self.topics.shared(left, right):
            shown.append(f"[{token[6:]}]" if token.startswith("topic:") else self.b.surface.get(token, token))
        return ", ".join(shown) if shown else "nothing in common"

    def link(self, old: list[int], new: list[int], score: float, matched_by: MatchedBy, reason: str) -> None:
        index = len(self.links)
        self.links.append(_Pending(old, new, round(score, 3), matched_by, reason))
        for i in old:
            self.a.linked[i] = index
        for j in new:
            self.b.linked[j] = index

    def _dissolve(self, index: int) -> None:
        pending = self.links[index]
        for i in pending.old:
            self.a.linked.pop(i, None)
        for j in pending.new:
            self.b.linked.pop(j, None)
        self.links[index] = _Pending([], [], 0.0, "dissolved", "")

    def partner(self, side: _Side, i: int) -> _Pending | None:
        return None if side.free(i) else self.links[side.linked[i]]

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
            score = self.score([i], [j])
            if score >= self.settings.label_similar:
                self.link([i], [j], score, "label", f"same number, {score:.0%} alike")

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
        floor = self.settings.positional_share * self.min_score
        for j, q in enumerate(self.b.provisions):
            i = self.a.index.get(q.label)
            if i is None or not (self.a.free(i) and self.b.free(j)):
                continue
            if not (self.a.matchable(i) and self.b.matchable(j)):
                continue
            wording = text_similarity(self.a.words[i], self.b.words[j])
            if wording < floor or not self._neighbour_kept_number(i):
                continue
            self.link([i], [j], self.score([i], [j]), "positional",
                      f"rewritten at the same number {q.label}, between neighbours that kept theirs")

    def _neighbour_kept_number(self, i: int) -> bool:
        siblings = self.a.siblings[self.a.provisions[i].parent]
        at = self.a.sibling_at[i]
        for k in siblings[max(0, at - 1) : at] + siblings[at + 1 : at + 2]:
            held = self.partner(self.a, k)
            if held is not None and len(held.new) == 1 and self.b.provisions[held.new[0]].label == self.a.provisions[k].label:
                return True
        return False

    def best_pairs(self) -> None:
        """The best one-to-one pairing of what is left (`assignment.best_assignment`).

        Each candidate pair (score at least `min_score`) weighs its score plus `prior_weight` times
        its structural prior, so structure decides only between near-equal texts.
        """
        scores = self.candidate_scores()
        weights = {pair: score + self.settings.prior_weight * self.prior(*pair) for pair, score in scores.items()}
        for i, j in best_assignment(weights, exact_limit=self.settings.exact_limit):
            score = scores[(i, j)]
            self.link([i], [j], score, "fuzzy", f"{score:.0%} alike; shares {self.evidence([i], [j])}")

    def candidate_scores(self) -> dict[tuple[int, int], float]:
        """Unlinked pairs scoring at least `min_score`, found without trying every pair."""
        rows = [i for i in range(len(self.a.provisions)) if self.a.free(i) and self.a.matchable(i)]
        cols = [j for j in range(len(self.b.provisions)) if self.b.free(j) and self.b.matchable(j)]
        found = self.topics.candidates([self.a.bags[i] for i in rows], [self.b.bags[j] for j in cols], self.min_score)
        return {(rows[r], cols[c]): score for r, c, score in found}

    def closeness(self, i: int, j: int) -> float:
        """1.0 when two provisions sit at the same relative place in their versions, 0.0 at opposite ends."""
        return 1.0 - abs(self.a.position(i) - self.b.position(j))

    def steadiness(self, i: int, j: int) -> float:
        """How good an anchor a link is, in [0, 1]: close in place and well matched.

        Decides which of two provisions that swapped places is the one that moved: the one that
        travelled farther, or if they travelled as far, the one matched less well.
        """
        held = self.partner(self.a, i)
        score = held.score if held is not None else 0.0
        return (self.closeness(i, j) + score) / 2.0

    def prior(self, i: int, j: int) -> float:
        """Structural agreement in [0, 1]: same label, linked parents, same depth, near position."""
        p, q = self.a.provisions[i], self.b.provisions[j]
        same_label = 1.0 if p.label == q.label else 0.0
        parents_linked = 0.0
        if p.parent is not None and q.parent is not None:
            held = self.partner(self.a, self.a.index[p.parent])
            if held is not None and self.b.index[q.parent] in held.new:
                parents_linked = 1.0
        same_depth = 1.0 if p.depth == q.depth else 0.0
        near = self.closeness(i, j)
        return (same_label + parents_linked + same_depth + near) / 4.0

    def sibling_groups(self) -> None:
        """Merges and splits among siblings: 10.b and 10.d became 5.b.

        Each round proposes a group for every weak 1:1 link, on both sides, then applies them
        best first, skipping any that touch a provision an earlier one changed. Proposing from
        both sides at once, and repeating while anything changes, keeps the answer the same
        whichever version is called old.
        """
        for _round in range(self.settings.group_rounds):
            proposals = [*self._proposals(self.b, self.a, split=False), *self._proposals(self.a, self.b, split=True)]
            proposals.sort(key=lambda t: (-t[0], -len(t[3]), t[1], t[2], t[3]))
            touched: set[tuple[bool, int]] = set()  # (on the old side?, index)
            changed = False
            for score, split, w, parts in proposals:
                whole_on_old = split
                keys = {(whole_on_old, w), *((not whole_on_old, k) for k in parts)}
                held = [self.partner(self.b if split else self.a, k) for k in parts]
                for link in (h for h in held if h is not None):
                    keys.update((True, i) for i in link.old)
                    keys.update((False, j) for j in link.new)
                if keys & touched:
                    continue
                touched.update(keys)
                part_side = self.b if split else self.a
                for k in parts:
                    if not part_side.free(k) and self.partner(part_side, k) is not self.partner(
                            self.a if split else self.b, w):
                        self._dissolve(part_side.linked[k])
                self._regroup((self.a if split else self.b).linked[w], w, parts, score, split)
                changed = True
            if not changed:
                break

    def _proposals(self, whole_side: _Side, part_side: _Side, *, split: bool) -> list[tuple[float, bool, int, list[int]]]:
        """For each weak 1:1 link of a whole, the group of nearby parts that fits it best, if any.

        Parts are added one at a time, the best fit first (near-ties to the part nearer the seed),
        while each makes the fit better. Nothing is changed here.
        """
        found = []
        for w in range(len(whole_side.provisions)):
            held = self.partner(whole_side, w)
            if held is None or len(held.old) != 1 or len(held.new) != 1 or held.score >= self.settings.strong:
                continue
            seed = (held.new if split else held.old)[0]
            whole = whole_side.bags[w]
            siblings = part_side.siblings[part_side.provisions[seed].parent]
            at = part_side.sibling_at[seed]
            # The parts of a merge or split sit near each other: look a few siblings either way.
            nearby = siblings[max(0, at - self.settings.group_reach) : at + self.settings.group_reach + 1]
            family = [k for k in nearby
                      if k != seed and part_side.matchable(k) and self._spare(w, k, split)
                      and self.topics.containment(part_side.bags[k], whole) >= self.settings.part_floor]
            parts = [seed]
            score = held.score
            while family:
                tried = []
                for k in family:
                    fit = self._group_score(w, [*parts, k], split)
                    near = 1.0 / abs(part_side.sibling_at[k] - at)
                    tried.append((fit + self.settings.prior_weight * near, fit, -k))
                _rank, best, k = max(tried)
                k = -k
                if best <= score:
                    break
                parts.append(k)
                family.remove(k)
                score = best
            if len(parts) > 1:
                found.append((score, split, w, sorted(parts)))
        return found

    def _spare(self, w: int, k: int, split: bool) -> bool:
        """Whether part k may join whole w: free, or held by a weaker claim it gives up.

        A same-number positional link is the weakest evidence there is. A 1:1 link by similarity
        gives its part up when the part fits this whole better than its present partner: with
        repeated boilerplate, half of a split provision can look like some other provision.
        """
        side = self.b if split else self.a
        held = self.partner(side, k)
        if held is None:
            return True
        if len(held.old) != 1 or len(held.new) != 1 or held.matched_by not in ("positional", "fuzzy"):
            return False
        if held.matched_by == "positional":
            return True
        return (self.score([w], [k]) if split else self.score([k], [w])) > held.score

    def _group_score(self, w: int, parts: list[int], split: bool) -> float:
        return self.score([w], parts) if split else self.score(parts, [w])

    def _regroup(self, held: int, w: int, parts: list[int], score: float, split: bool) -> None:
        """Replace link number `held` (the whole's 1:1 link) by a split or merge of w with its parts."""
        side = self.b if split else self.a
        labels = " + ".join(side.provisions[k].label for k in parts)
        old, new = ([w], parts) if split else (parts, [w])
        self._dissolve(held)
        evidence = self.evidence(old, new)
        if split:
            self.link(old, new, score, "split", f"its matter is spread over {labels} ({score:.0%} together; shares {evidence})")
        else:
            self.link(old, new, score, "merge", f"{labels} were combined here ({score:.0%} together; shares {evidence})")

    def within_parents(self) -> None:
        """Sub-items of two linked points pair up at a lower bar, in any order: they kept their parent."""
        floor = self.settings.parent_share * self.min_score
        for held in list(self.links):
            if len(held.old) != 1 or len(held.new) != 1:
                continue
            olds = [i for i in self.a.children(held.old[0]) if self.a.free(i) and self.a.matchable(i)]
            news = [j for j in self.b.children(held.new[0]) if self.b.free(j) and self.b.matchable(j)]
            pairs = sorted(((self.score([i], [j]), i, j) for i in olds for j in news), key=lambda t: (-t[0], t[1], t[2]))
            for score, i, j in pairs:
                if score >= floor and self.a.free(i) and self.b.free(j):
                    parents = f"{self.a.provisions[held.old[0]].label} and {self.b.provisions[held.new[0]].label}"
                    self.link([i], [j], score, "fuzzy",
                              f"sub-items of linked points {parents}; {score:.0%} alike, shares {self.evidence([i], [j])}")

    def in_order(self) -> None:
        """Pair what is left between linked neighbours, in order: the top level, then within linked parents."""
        levels: list[tuple[str | None, str | None]] = [(None, None)]
        done = set()
        while levels:
            level = levels.pop(0)
            if level in done:
                continue
            done.add(level)
            old_parent, new_parent = level
            olds = self.a.siblings.get(old_parent, [])
            self._fill(olds, self.b.siblings.get(new_parent, []))
            for i in olds:
                held = self.partner(self.a, i)
                if held is not None and len(held.old) == 1 and len(held.new) == 1:
                    j = held.new[0]
                    if self.a.children(i) and self.b.children(j):
                        levels.append((self.a.provisions[i].label, self.b.provisions[j].label))

    def _fill(self, olds: list[int], news: list[int]) -> None:
        floor = self.settings.gap_share * self.min_score
        old_at = {i: k for k, i in enumerate(olds)}
        new_at = {j: k for k, j in enumerate(news)}
        anchors = set()
        for i in olds:
            held = self.partner(self.a, i)
            if held is None:
                continue
            js = [new_at[j] for j in held.new if j in new_at]
            last_old = max(old_at[k] for k in held.old if k in old_at)
            if js and old_at[i] == last_old:
                # A split or merge bounds the gaps by its last members: a sub-item lying between
                # the parts of a merge may still pair with what precedes it on the other side.
                anchors.add((last_old, max(js)))
        # Only links that agree with each other's order bound a gap: a moved provision does not.
        kept = sorted(_longest_increasing(sorted(anchors), lambda o, n: self.steadiness(olds[o], news[n])))
        bounds = [(-1, -1), *kept, (len(olds), len(news))]
        for (o0, n0), (o1, n1) in zip(bounds, bounds[1:], strict=False):
            gap_old = [i for i in olds[o0 + 1 : o1] if self.a.free(i) and self.a.matchable(i)]
            gap_new = [j for j in news[n0 + 1 : n1] if self.b.free(j) and self.b.matchable(j)]
            if not gap_old or not gap_new or len(gap_old) * len(gap_new) > self.settings.gap_cells:
                continue
            before = f"after {self.a.provisions[olds[o0]].label}" if o0 >= 0 else ""
            after = f"before {self.a.provisions[olds[o1]].label}" if o1 < len(olds) else ""
            where = " and ".join(x for x in (before, after) if x)
            where = f"in order between linked neighbours ({where})" if where else "in the same order (nothing around it linked)"
            for i, j, score in _best_in_order(gap_old, gap_new, lambda i, j: self.score([i], [j]), floor):
                self.link([i], [j], score, "positional",
                          f"{where}; {score:.0%} alike, shares {self.evidence([i], [j])}")

    def across_levels(self) -> None:
        """A point without sub-items, linked to one with sub-items, takes the sub-items on its matter."""
        for index, held in enumerate(list(self.links)):
            if len(held.old) != 1 or len(held.new) != 1:
                continue
            i, j = held.old[0], held.new[0]
            old_kids, new_kids = self.a.children(i), self.b.children(j)
            if old_kids and not new_kids:
                parts = [i, *(k for k in old_kids if self.a.free(k) and self.a.matchable(k)
                              and self.score([k], [j]) >= self._child_floor(self.a.provisions[k]))]
                if len(parts) > 1:
                    self._regroup(index, j, parts, self.score(parts, [j]), split=False)
            elif new_kids and not old_kids:
                parts = [j, *(k for k in new_kids if self.b.free(k) and self.b.matchable(k)
                              and self.score([i], [k]) >= self._child_floor(self.b.provisions[k]))]
                if len(parts) > 1:
                    self._regroup(index, i, parts, self.score([i], parts), split=True)

    def _child_floor(self, child: Provision) -> float:
        return self.settings.gap_share * self.min_score if child.status == "option" else self.settings.child_floor

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
        in_order = _longest_increasing([(p.old[0], p.new[0]) for p in sorted(one_to_one, key=lambda p: p.old[0])],
                                       self.steadiness)
        live.sort(key=self._order_key)
        links = []
        for p in live:
            assert p.matched_by != "dissolved"  # `live` holds only links still standing
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


def _best_in_order(olds: list[int], news: list[int], score_of: Callable[[int, int], float],
                   floor: float) -> list[tuple[int, int, float]]:
    """The pairs, in order on both sides, with the greatest total score; each pair at least `floor`.

    Needleman-Wunsch without gap penalties: leaving a provision unpaired costs nothing, so only
    pairs that add evidence are kept.
    """
    m, n = len(olds), len(news)
    scores = [[0.0] * n for _ in range(m)]
    for r in range(m):
        for c in range(n):
            s = score_of(olds[r], news[c])
            scores[r][c] = s if s >= floor else 0.0
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for r in range(m - 1, -1, -1):
        for c in range(n - 1, -1, -1):
            take = scores[r][c] + best[r + 1][c + 1] if scores[r][c] else 0.0
            best[r][c] = max(take, best[r + 1][c], best[r][c + 1])
    pairs = []
    r = c = 0
    while r < m and c < n:
        if scores[r][c] and best[r][c] == scores[r][c] + best[r + 1][c + 1]:
            pairs.append((olds[r], news[c], scores[r][c]))
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return pairs


def _longest_increasing(pairs: list[tuple[int, int]], steadiness: Callable[[int, int], float] | None = None,
                        ) -> set[tuple[int, int]]:
    """Return the pairs on a longest run whose new positions increase with the old.

    Among runs of equal length, the one whose pairs are steadiest (in [0, 1]) wins: when point 16
    jumps to 6, it is 16 that moved, not 11 to 15 that all shifted down. The bonus
    of every pair together stays below 1, so length always comes first. A Fenwick tree over the
    new positions keeps it O(n log n).
    """
    if not pairs:
        return set()
    bonus = 1.0 / (len(pairs) + 1)
    ranks = {new: r for r, new in enumerate(sorted({new for _old, new in pairs}), 1)}
    tree: list[tuple[float, int]] = [(0.0, -1)] * (len(ranks) + 1)
    best: list[tuple[float, int]] = []
    for k, (old, new) in enumerate(pairs):
        weight = 1.0 + (bonus * steadiness(old, new) if steadiness else 0.0)
        # Best run ending strictly below this new position.
        found, r = (0.0, -1), ranks[new] - 1
        while r > 0:
            found = max(found, tree[r], key=lambda t: (t[0], -t[1]))
            r -= r & -r
        here = (found[0] + weight, k)
        best.append((here[0], found[1]))
        r = ranks[new]
        while r < len(tree):
            tree[r] = max(tree[r], here, key=lambda t: (t[0], -t[1]))
            r += r & -r
    k = max(range(len(pairs)), key=lambda x: (best[x][0], -x))
    keep: set[tuple[int, int]] = set()
    while k >= 0:
        keep.add(pairs[k])
        k = best[k][1]
    return keep


def align(old: Document, new: Document, *, settings: AlignSettings | None = None) -> tuple[Link, ...]:
    """Return links covering every provision of both versions, in the new version's order."""
    aligner = _Aligner(old, new, settings if settings is not None else shipped_settings().align)
    aligner.exact()
    aligner.by_label()
    if aligner.keeps_numbering():
        # A mark-up that keeps the numbering: a point rewritten in place is still that point.
        aligner.positional()
    aligner.best_pairs()
    aligner.sibling_groups()
    aligner.within_parents()
    aligner.in_order()
    aligner.across_levels()
    aligner.leftovers()
    return aligner.result()

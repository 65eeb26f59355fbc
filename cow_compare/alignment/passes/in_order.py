"""In order: links what is left between linked neighbours, in order, since order is evidence there.

Between two links that agree with each other's order, provisions left over on both sides are
paired in order when they share `gap_share` of what `min_score` asks: the top level first, then
within each pair of linked parents. Pairing a gap in order compares every provision of one side
with every one of the other, so a gap is paired only when that costs at most `gap_cells` in all
and `gap_cells_per_provision` per provision in it: the pass then costs time in proportion to the
documents' length, however the links fall.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from ...settings import AlignSettings
from ..ledger import Ledger
from ..runs import longest_increasing
from ..scoring import Scoring


def run(ledger: Ledger, scoring: Scoring, settings: AlignSettings) -> None:
    old, new = ledger.old, ledger.new
    done: set[tuple[str | None, str | None]] = set()
    while True:
        # The top level, then the children of every pair of linked parents, wherever the pair was
        # linked (a point linked to a sub-item of the other version too): levels found from either
        # side alike, so swapping the versions visits the same levels. Levels share no provision,
        # so the order they are filled in does not matter; linking children may open new levels.
        levels = [level for level in [(None, None), *_linked_parents(ledger)] if level not in done]
        if not levels:
            return
        for old_parent, new_parent in levels:
            done.add((old_parent, new_parent))
            _fill(ledger, scoring, settings, old.siblings.get(old_parent, []), new.siblings.get(new_parent, []))


def _linked_parents(ledger: Ledger) -> list[tuple[str | None, str | None]]:
    """(old label, new label) of every one-to-one link whose two provisions both have children."""
    old, new = ledger.old, ledger.new
    levels: list[tuple[str | None, str | None]] = []
    for i in range(len(old.provisions)):
        held = ledger.partner(old, i)
        if held is not None and held.one_to_one and old.children(i) and new.children(held.new[0]):
            levels.append((old.provisions[i].label, new.provisions[held.new[0]].label))
    return levels


def _fill(ledger: Ledger, scoring: Scoring, settings: AlignSettings, olds: list[int], news: list[int]) -> None:
    """Pair the left-over siblings `olds` and `news` in the gaps between their linked ones."""
    old, new = ledger.old, ledger.new
    floor = settings.gap_share * settings.min_score
    old_at = {i: k for k, i in enumerate(olds)}
    new_at = {j: k for k, j in enumerate(news)}
    anchors = set()
    for i in olds:
        held = ledger.partner(old, i)
        if held is None:
            continue
        js = [new_at[j] for j in held.new if j in new_at]
        last_old = max(old_at[k] for k in held.old if k in old_at)
        if js and old_at[i] == last_old:
            # A split or merge bounds the gaps by its last members: a sub-item lying between
            # the parts of a merge may still pair with what precedes it on the other side.
            anchors.add((last_old, max(js)))
    # Only links that agree with each other's order bound a gap: a moved provision does not.
    kept = sorted(longest_increasing(sorted(anchors), lambda o, n: scoring.steadiness(olds[o], news[n])))
    bounds = [(-1, -1), *kept, (len(olds), len(news))]
    for (o0, n0), (o1, n1) in zip(bounds, bounds[1:], strict=False):
        gap_old = old.open(olds[o0 + 1 : o1])
        gap_new = new.open(news[n0 + 1 : n1])
        if not gap_old or not gap_new or len(gap_old) * len(gap_new) > min(
                settings.gap_cells, settings.gap_cells_per_provision * (len(gap_old) + len(gap_new))):
            continue  # too costly to pair in order; the other passes have had their say
        before = f"after {old.provisions[olds[o0]].label}" if o0 >= 0 else ""
        after = f"before {old.provisions[olds[o1]].label}" if o1 < len(olds) else ""
        where = " and ".join(x for x in (before, after) if x)
        where = f"in order between linked neighbours ({where})" if where else "in the same order (nothing around it linked)"
        def score_of(i: int, j: int) -> float:
            return scoring.score([i], [j])

        def tie(i: int, j: int) -> float:
            return _tie(old.provisions[i].label, new.provisions[j].label)

        for i, j, score in _best_in_order(gap_old, gap_new, score_of, floor, tie):
            ledger.link([i], [j], score, "positional", f"{where}; {score:.0%} alike, shares {scoring.evidence([i], [j])}")


_TIE = 1e-9
"""Weights far below any difference of scores, which only break ties between equal totals."""


def _tie(old_label: str, new_label: str) -> float:
    """The last tie-break, the same for a pair whichever version is old: a number drawn from the two
    labels. (Taking the first of equal pairs, as a traceback does, would flip with the sides.)"""
    return _TIE / 1000 * (zlib.crc32("\x00".join(sorted((old_label, new_label))).encode()) / 2**32)


def _best_in_order(olds: list[int], news: list[int], score_of: Callable[[int, int], float],
                   floor: float, tie: Callable[[int, int], float] = lambda i, j: 0.0) -> list[tuple[int, int, float]]:
    """The pairs, in order on both sides, with the greatest total score; each pair at least `floor`.

    Needleman-Wunsch without gap penalties: leaving a provision unpaired costs nothing, so only
    pairs that add evidence are kept. `tie` adds to each pair's weight (not its score) what breaks
    ties between equal totals.
    """
    m, n = len(olds), len(news)
    scores = [[0.0] * n for _ in range(m)]
    weights = [[0.0] * n for _ in range(m)]
    for r in range(m):
        for c in range(n):
            s = score_of(olds[r], news[c])
            scores[r][c] = s if s >= floor else 0.0
            # Of two provisions with one text that fit a third equally well, the one at the nearer
            # place in its gap is paired (the measure is the same with the versions swapped).
            nearer = 1.0 - abs((r + 0.5) / m - (c + 0.5) / n)
            weights[r][c] = s + _TIE * nearer + tie(olds[r], news[c]) if s >= floor else 0.0
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for r in range(m - 1, -1, -1):
        for c in range(n - 1, -1, -1):
            take = weights[r][c] + best[r + 1][c + 1] if weights[r][c] else 0.0
            best[r][c] = max(take, best[r + 1][c], best[r][c + 1])
    pairs = []
    r = c = 0
    while r < m and c < n:
        if weights[r][c] and best[r][c] == weights[r][c] + best[r + 1][c + 1]:
            pairs.append((olds[r], news[c], scores[r][c]))
            r, c = r + 1, c + 1
        elif best[r][c] == best[r + 1][c]:
            r += 1
        else:
            c += 1
    return pairs

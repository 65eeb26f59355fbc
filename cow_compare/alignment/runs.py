"""Which links keep their order: the longest run of pairs whose new positions increase with the old.

The in-order pass bounds its gaps by such a run; the assembly marks every 1:1 link off it as moved.
"""

from __future__ import annotations

from collections.abc import Callable


def longest_increasing(pairs: list[tuple[int, int]], steadiness: Callable[[int, int], float]) -> set[tuple[int, int]]:
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
        weight = 1.0 + bonus * steadiness(old, new)
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

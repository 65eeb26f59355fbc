"""The best one-to-one pairing of old and new provisions: a maximum-weight bipartite matching.

Greedy pairing (take the best pair, then the best of what is left) can lose: if A fits X at 0.90
and Y at 0.85 while B fits only X at 0.88, greedy gives A-X and leaves B unpaired (0.90 in all),
where A-Y and B-X make 1.73. The candidate pairs fall apart into small connected groups (a
provision competes only with those it shares rare words with), so each group is solved exactly
with the Hungarian method. A group larger than `exact_limit` a side (`align.exact_limit` in the
settings), which real plans do not produce, is paired greedily so that a pathological input
cannot take cubic time.
"""

from __future__ import annotations

from collections import defaultdict

Pair = tuple[int, int]


def best_assignment(weights: dict[Pair, float], *, exact_limit: int) -> list[Pair]:
    """Return pairs (old, new), each index at most once, with the greatest total weight.

    `exact_limit`: the largest group, in provisions a side, solved exactly (the Hungarian method
    is cubic); larger ones are paired greedily.

    Ties are broken towards lower indices, so the result depends only on the weights.
    """
    chosen: list[Pair] = []
    for group in _groups(weights):
        rows = sorted({i for i, _ in group})
        cols = sorted({j for _, j in group})
        if max(len(rows), len(cols)) > exact_limit:
            chosen.extend(_greedy({pair: weights[pair] for pair in group}))
        else:
            chosen.extend(_hungarian(rows, cols, weights))
    return sorted(chosen)


def _groups(weights: dict[Pair, float]) -> list[list[Pair]]:
    """Connected groups of the candidate graph (union-find over rows and columns)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in weights:
        a, b = find(("old", i)), find(("new", j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, int], list[Pair]] = defaultdict(list)
    for pair in sorted(weights):
        groups[find(("old", pair[0]))].append(pair)
    return [groups[key] for key in sorted(groups)]


def _greedy(weights: dict[Pair, float]) -> list[Pair]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen = []
    for (i, j), _w in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            chosen.append((i, j))
    return chosen


def _hungarian(rows: list[int], cols: list[int], weights: dict[Pair, float]) -> list[Pair]:
    """Exact maximum-weight matching of one group by the Hungarian method (potentials, O(n^3)).

    The matrix is made square with zero-weight cells; a pair that is not a candidate weighs zero
    and is dropped from the answer, so leaving a provision unpaired is always allowed. A tiny
    penalty by position makes ties resolve towards lower indices, deterministically.
    """
    n = max(len(rows), len(cols))
    tie = 1e-9 / (n * n + 1)
    cost = [[0.0] * (n + 1) for _ in range(n + 1)]
    for r, i in enumerate(rows, 1):
        for c, j in enumerate(cols, 1):
            w = weights.get((i, j))
            # Minimising cost = maximising weight; the tie term prefers the lower (r, c).
            cost[r][c] = -w + tie * (r + c) if w is not None else 0.0
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row
    way = [0] * (n + 1)
    for r in range(1, n + 1):
        match[0] = r
        col = 0
        least = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[col] = True
            row = match[col]
            delta, nxt = inf, 0
            for c in range(1, n + 1):
                if used[c]:
                    continue
                reduced = cost[row][c] - u[row] - v[c]
                if reduced < least[c]:
                    least[c], way[c] = reduced, col
                if least[c] < delta:
                    delta, nxt = least[c], c
            for c in range(n + 1):
                if used[c]:
                    u[match[c]] += delta
                    v[c] -= delta
                else:
                    least[c] -= delta
            col = nxt
            if match[col] == 0:
                break
        while col:
            prev = way[col]
            match[col] = match[prev]
            col = prev
    chosen = []
    for c in range(1, n + 1):
        r = match[c]
        if r <= len(rows) and c <= len(cols) and (rows[r - 1], cols[c - 1]) in weights:
            chosen.append((rows[r - 1], cols[c - 1]))
    return chosen

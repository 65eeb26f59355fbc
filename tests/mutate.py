"""Mutated versions of a corpus document, with the true alignment known.

`mutate` takes a document's provision texts as a flat numbered list and makes a new version the
way drafters do: it deletes, rewords (synonyms), splits a provision at a clause boundary, merges
two neighbours, moves some provisions far from where they were, and inserts provisions taken from
an unrelated plan. Every later point is renumbered by the edits before it. The truth records which
old labels became which new labels, and how, so tests can measure recall per kind of edit.
Used by tests/test_mutations.py and benchmarks/bench_diff.py.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

SYNONYMS = {
    "will": "shall", "reliable": "robust", "agreement": "accord", "ensure": "guarantee",
    "receive": "obtain", "immediately": "at once", "remain": "stay", "provide": "give",
    "conclude": "sign", "establish": "set up", "support": "back", "within": "inside",
    "all": "every", "fully": "entirely", "confirmed": "reaffirmed", "strong": "solid",
    "international": "global", "formed": "set up", "allowed": "permitted", "agreed": "settled",
}
_SPLIT_AT = re.compile(r"; |, and |, with |, while |, so that | and ")

Link = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass
class Mutant:
    old: str
    new: str
    truth: dict[Link, str] = field(default_factory=dict)
    """Every link joining both sides, with how it came about: same, reworded, moved, split, merged."""

    def of_kind(self, *kinds: str) -> set[Link]:
        return {link for link, kind in self.truth.items() if kind in kinds}

    def renumbered(self) -> set[Link]:
        """1:1 links whose label changed and that were not moved on purpose."""
        return {link for link, kind in self.truth.items()
                if kind in ("same", "reworded") and link[0] != link[1]}


@dataclass
class _Item:
    old_labels: tuple[str, ...]
    texts: list[str]
    kind: str


def reword(text: str) -> str:
    """Swap every word that has a synonym in SYNONYMS (whole words, case kept for the first letter)."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = SYNONYMS.get(word.lower())
        if other is None:
            return word
        return other[0].upper() + other[1:] if word[0].isupper() else other
    return re.sub(r"[A-Za-z]+", swap, text)


def split_text(text: str) -> tuple[str, str] | None:
    """Cut a sentence at the clause boundary nearest its middle; None when no part would have 4 words."""
    best = None
    for match in _SPLIT_AT.finditer(text):
        first, second = text[: match.start()].rstrip(",;"), text[match.end():]
        if len(first.split()) >= 4 and len(second.split()) >= 4:
            balance = abs(len(first) - len(second))
            if best is None or balance < best[0]:
                best = (balance, first, second)
    if best is None:
        return None
    _, first, second = best
    return f"{first}.", second[0].upper() + second[1:]


def merge_texts(first: str, second: str) -> str:
    return f"{first.rstrip('.')}; {second[0].lower()}{second[1:]}"


def numbered(texts: list[str]) -> str:
    return "".join(f"{k}. {text}\n" for k, text in enumerate(texts, 1))


def mutate(texts: list[str], pool: list[str], seed: int, *, rate: float = 0.08) -> Mutant:
    """Return an old version (the texts, numbered) and a mutated new version, with the truth."""
    rng = random.Random(seed)
    items: list[_Item] = []
    k = 0
    while k < len(texts):
        label = str(k + 1)
        roll = rng.random()
        if roll < rate:
            k += 1  # deleted
            continue
        if roll < 2 * rate and reword(texts[k]) != texts[k]:
            items.append(_Item((label,), [reword(texts[k])], "reworded"))
        elif roll < 3 * rate and (parts := split_text(texts[k])) is not None:
            items.append(_Item((label,), list(parts), "split"))
        elif roll < 4 * rate and k + 1 < len(texts):
            items.append(_Item((label, str(k + 2)), [merge_texts(texts[k], texts[k + 1])], "merged"))
            k += 1
        else:
            items.append(_Item((label,), [texts[k]], "same"))
        k += 1
    # Moves: a provision taken out and put back at least a quarter of the document away.
    movable = [n for n, item in enumerate(items) if item.kind == "same"]
    for n in rng.sample(movable, k=min(len(movable), max(1, round(rate * len(items))))):
        item = items[n]
        if item.kind != "same" or len(items) < 8:
            continue
        start = items.index(item)
        far = [p for p in range(len(items)) if abs(p - start) >= len(items) // 4]
        if not far:
            continue
        items.remove(item)
        items.insert(min(rng.choice(far), len(items)), _Item(item.old_labels, item.texts, "moved"))
    # Inserts: provisions from an unrelated plan.
    for text in rng.sample(pool, k=min(len(pool), max(1, round(rate * len(items) / 2)))):
        items.insert(rng.randrange(len(items) + 1), _Item((), [text], "added"))
    new_texts: list[str] = []
    truth: dict[Link, str] = {}
    for item in items:
        labels = tuple(str(len(new_texts) + n + 1) for n in range(len(item.texts)))
        new_texts.extend(item.texts)
        if item.old_labels:
            truth[(item.old_labels, labels)] = item.kind
    return Mutant(numbered(texts), numbered(new_texts), truth)


# -- documents with sub-items ------------------------------------------------------------------

Outline = list[tuple[str, list[str]]]
"""A plan as its points in order, each with the texts of its sub-items (a., b., ...)."""


@dataclass
class _Piece:
    """One provision of the new version: where it came from, and how."""

    source: tuple[str, ...]
    text: str
    kind: str
    group: int
    """Pieces of one split share a group."""


@dataclass
class _Point:
    piece: _Piece
    subs: list[_Piece] = field(default_factory=list)


def outlined(outline: Outline) -> str:
    """The plan as text: numbered points, sub-items lettered and indented under them."""
    lines = []
    for n, (text, subs) in enumerate(outline, 1):
        lines.append(f"{n}. {text}\n")
        lines.extend(f"    {chr(ord('a') + k)}. {sub}\n" for k, sub in enumerate(subs))
    return "".join(lines)


def mutate_nested(outline: Outline, pool: list[str], seed: int, *, rate: float = 0.15) -> Mutant:
    """Return an old version (the outline) and a new one edited the way drafters edit sub-items, with the truth.

    Edits, each at `rate` where it can apply: a sub-item split in two at a clause boundary
    ("split"), two neighbouring sub-items merged ("merged"), a point's last sub-item promoted to a
    point of its own after it ("promoted"), a point without sub-items demoted to the last sub-item
    of the point before ("demoted"), and a new sub-item from an unrelated plan put first, so that
    every letter after it shifts. Promotions and demotions renumber every later point and its
    sub-items. The truth's kind for an unedited provision is "same", whatever its new label.
    """
    rng = random.Random(seed)
    groups = iter(range(10**9))
    points: list[_Point] = []
    for n, (text, subs) in enumerate(outline, 1):
        label = str(n)
        if not subs and points and rng.random() < rate:
            points[-1].subs.append(_Piece((label,), text, "demoted", next(groups)))
            continue
        point = _Point(_Piece((label,), text, "same", next(groups)))
        points.append(point)
        if subs and rng.random() < rate:
            point.subs.append(_Piece((), rng.choice(pool), "added", next(groups)))
        letters = [f"{label}.{chr(ord('a') + k)}" for k in range(len(subs))]
        promoted = None
        k = 0
        while k < len(subs):
            roll = rng.random()
            if roll < rate and (parts := split_text(subs[k])) is not None:
                group = next(groups)
                point.subs += [_Piece((letters[k],), part, "split", group) for part in parts]
            elif roll < 2 * rate and k + 1 < len(subs):
                point.subs.append(_Piece((letters[k], letters[k + 1]), merge_texts(subs[k], subs[k + 1]), "merged",
                                         next(groups)))
                k += 1
            elif roll < 3 * rate and k == len(subs) - 1:
                promoted = _Piece((letters[k],), subs[k], "promoted", next(groups))
            else:
                point.subs.append(_Piece((letters[k],), subs[k], "same", next(groups)))
            k += 1
        if promoted is not None:
            points.append(_Point(promoted))
    new_outline: Outline = []
    placed: dict[int, tuple[_Piece, list[str]]] = {}
    for n, point in enumerate(points, 1):
        new_outline.append((point.piece.text, [sub.text for sub in point.subs]))
        placed.setdefault(point.piece.group, (point.piece, []))[1].append(str(n))
        for k, sub in enumerate(point.subs):
            placed.setdefault(sub.group, (sub, []))[1].append(f"{n}.{chr(ord('a') + k)}")
    truth = {(piece.source, tuple(labels)): piece.kind for piece, labels in placed.values() if piece.source}
    return Mutant(outlined(outline), outlined(new_outline), truth)

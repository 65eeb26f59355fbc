"""How alike two provisions are: in their words (text) and in what they are about (topic).

Two measures, because they fail differently:

- `text_similarity` compares the content words themselves (rapidfuzz token ratios). It is exact
  about small edits but generous to unrelated sentences that happen to share common words:
  "The United States and Russia will ..." looks half like any other provision with those names.
- `Topics.similarity` compares bags of word stems and topics (`data/topics.toml`), each weighted
  by how rare it is in the two versions compared (inverse document frequency). Words every
  provision uses count for little; a rare shared word or topic counts for much. It finds a point
  rewritten in other words ("rebuilt" -> "funds for recovery") and vetoes coincidental matches.
"""

from __future__ import annotations

import math
import re
import tomllib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..intake.normalize import for_matching

_WORD = re.compile(r"[\w$%€£]+(?:[.,:'-][\w]+)*")


def content_words(text: str) -> str:
    """Return the normalised words that carry meaning, in order, joined by spaces."""
    stopwords = _stopwords()
    return " ".join(w for w in _WORD.findall(for_matching(text)) if w not in stopwords)


def text_similarity(a: str, b: str) -> float:
    """Return how alike two content-word strings are, in [0, 1].

    The mean of token-sort (same words overall) and token-set (one contains the other) ratios: a
    provision that keeps its words and adds a clause stays close to its old self.
    """
    from rapidfuzz import fuzz  # on first use: only the positional pass needs it

    return round((fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 200.0, 3)


@cache
def stem(word: str) -> str:
    """Reduce an English word to a crude stem so that forms of one word meet.

    Deliberately small (plural, -ed, -ing, -ly, final e): it only has to make "guarantees",
    "guaranteed" and "guarantee" agree, and both sides of a comparison go through it alike.
    """
    w = word.lower().replace("'s", "")
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") or w.endswith("ied"):
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def stems(text: str) -> list[str]:
    """The stems of a text's content words, in order."""
    return [stem(w) for w in content_words(text).split()]


@cache
def _data() -> dict[str, Any]:
    """data/topics.toml: the stopwords and the topics (read by path: start-up counts)."""
    return tomllib.loads((Path(__file__).resolve().parent.parent / "data" / "topics.toml").read_text(encoding="utf-8"))


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(_data()["stopwords"])


@cache
def _topic_table() -> tuple[tuple[str, frozenset[str], tuple[tuple[str, ...], ...]], ...]:
    """Each topic: its name, its one-word stems and its phrases (tuples of stems)."""
    raw = _data()
    table = []
    for name, terms in sorted(raw["topics"].items()):
        words, phrases = set(), []
        for term in terms:
            parts = tuple(stems(term))
            if len(parts) == 1:
                words.add(parts[0])
            elif parts:
                phrases.append(parts)
        table.append((name, frozenset(words), tuple(phrases)))
    return tuple(table)


def topics_of(words: Sequence[str]) -> list[str]:
    """The topics a sequence of stems touches, as `topic:NAME` tokens."""
    present = set(words)
    found = []
    for name, singles, phrases in _topic_table():
        if present & singles or any(_contains(words, phrase) for phrase in phrases):
            found.append(f"topic:{name}")
    return found


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[k : k + n]) == phrase for k in range(len(words) - n + 1) if words[k] == phrase[0])


def bag(text: str, *, words: str | None = None) -> frozenset[str]:
    """A provision's evidence: its stems and its topics (`words`: its content words, if known)."""
    found = [stem(w) for w in words.split()] if words is not None else stems(text)
    return frozenset(found) | frozenset(topics_of(found))


class Topics:
    """Weighted overlap of evidence bags, with weights from the provisions of both versions."""

    def __init__(self, bags: Iterable[frozenset[str]]) -> None:
        bags = list(bags)
        frequency = Counter(token for b in bags for token in b)
        n = len(bags)
        # Squared, smoothed inverse document frequency. Squaring sharpens the contrast between
        # "United States" (in many provisions) and "Zaporizhzhia" (in two): measured on the gold
        # links in tests/gold, it halves the false pairs above 0.2 and keeps the area under the
        # ROC curve (0.986).
        self.weight = {token: math.log(1.0 + n / count) ** 2 for token, count in frequency.items()}
        self._masses: dict[frozenset[str], float] = {}

    def mass(self, b: frozenset[str]) -> float:
        """Total weight of a bag; cached, since each provision's bag is weighed against many others."""
        found = self._masses.get(b)
        if found is None:
            found = self._masses[b] = sum(self.weight.get(t, 0.0) for t in b)
        return found

    def _shared_mass(self, a: frozenset[str], b: frozenset[str]) -> float:
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        weight = self.weight
        return sum(weight.get(t, 0.0) for t in small if t in large)

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice coefficient in [0, 1]: twice the shared weight over the total."""
        total = self.mass(a) + self.mass(b)
        if not total:
            return 0.0
        return round(2.0 * self._shared_mass(a, b) / total, 3)

    def containment(self, part: frozenset[str], whole: frozenset[str]) -> float:
        """How much of a part's weight the whole shares: 1.0 when every word of it is there."""
        mass = self.mass(part)
        return self.mass(part & whole) / mass if mass else 0.0

    def candidates(self, rows: Sequence[frozenset[str]], cols: Sequence[frozenset[str]], threshold: float, *,
                   reach: int | None = None, row_places: Sequence[float] | None = None,
                   col_places: Sequence[float] | None = None) -> Iterator[tuple[int, int, float]]:
        """Yield (row, col, score) for every pair scoring at least `threshold`, without trying all pairs.

        Prefix filtering: order every bag's tokens heaviest first by one global order. A pair can
        reach the threshold only if they share a token in both prefixes, where a prefix stops once
        the weight left after it is too small to make up the overlap the threshold needs
        (overlap >= threshold * mass / (2 - threshold)). Rare tokens come first, so the postings
        probed are short and long documents never need a full matrix.

        `reach` bounds the work when a token sits in the prefixes of very many provisions (a text
        repeated throughout, boilerplate): through such a token each provision proposes only the
        `reach` provisions of the other side nearest to it in place (`row_places`, `col_places`,
        in [0, 1]; default: the place in the list), nearer first, the earlier on a tie. Both sides
        propose, and a pair proposed by either is scored, so the candidates do not depend on which
        side is which, and there are at most about 2 * reach per prefix token and provision.
        Without `reach`, every pair sharing a prefix token is scored.
        """
        # Scores are rounded to 3 places: a pair just under the threshold may round up to it.
        floor = max(0.0, threshold - 0.001)

        def prefix(b: frozenset[str]) -> list[str]:
            order = sorted(b, key=lambda t: (-self.weight.get(t, 0.0), t))
            left = self.mass(b)
            bound = floor * left / (2.0 - floor)
            kept = []
            for token in order:
                if floor > 0.0 and left < bound - 1e-9:
                    break
                kept.append(token)
                left -= self.weight.get(token, 0.0)
            return kept

        row_prefixes = [prefix(b) for b in rows]
        col_prefixes = [prefix(b) for b in cols]
        pairs: set[tuple[int, int]] = set()
        if reach is None:
            postings = _postings(col_prefixes)
            for r, tokens in enumerate(row_prefixes):
                for token in tokens:
                    pairs.update((r, c) for c in postings.get(token, ()))
        else:
            rows_at = list(row_places) if row_places is not None else _places(len(rows))
            cols_at = list(col_places) if col_places is not None else _places(len(cols))
            for r, c in _nearest_through(row_prefixes, rows_at, col_prefixes, cols_at, reach):
                pairs.add((r, c))
            for c, r in _nearest_through(col_prefixes, cols_at, row_prefixes, rows_at, reach):
                pairs.add((r, c))
        # Equal bags (a repeated text) are scored once: they are the same objects when the caller interns them.
        known: dict[tuple[int, int], float] = {}
        for r, c in sorted(pairs):
            key = (id(rows[r]), id(cols[c]))
            score = known.get(key)
            if score is None:
                score = known[key] = self.similarity(rows[r], cols[c])
            if score >= threshold:
                yield r, c, score

    def shared(self, a: frozenset[str], b: frozenset[str], limit: int = 4) -> list[str]:
        """The heaviest shared words and topics, heaviest first: the evidence for a link."""
        return sorted(a & b, key=lambda t: (-self.weight.get(t, 0.0), t))[:limit]


def _postings(prefixes: Sequence[list[str]]) -> dict[str, list[int]]:
    """Token -> the indices whose prefix holds it, in order."""
    postings: dict[str, list[int]] = {}
    for k, tokens in enumerate(prefixes):
        for token in tokens:
            postings.setdefault(token, []).append(k)
    return postings


def _places(n: int) -> list[float]:
    return [k / max(1, n - 1) for k in range(n)]


def _nearest_through(probes: Sequence[list[str]], probe_at: Sequence[float], targets: Sequence[list[str]],
                     target_at: Sequence[float], reach: int) -> Iterator[tuple[int, int]]:
    """(probe, target) pairs sharing a prefix token; through a token more than `reach` targets hold,
    only the `reach` targets nearest the probe in place (the earlier on a tie)."""
    postings = _postings(targets)
    ordered: dict[str, tuple[list[float], list[int]]] = {}
    for token, held in postings.items():
        if len(held) > reach:
            held.sort(key=lambda k: (target_at[k], k))
            ordered[token] = ([target_at[k] for k in held], held)
    for p, tokens in enumerate(probes):
        x = probe_at[p]
        for token in tokens:
            if token not in postings:
                continue
            if token not in ordered:
                for t in postings[token]:
                    yield p, t
                continue
            places, held = ordered[token]
            hi = bisect_left(places, x)
            lo = hi - 1
            for _ in range(reach):
                if lo >= 0 and (hi >= len(held) or x - places[lo] <= places[hi] - x):
                    yield p, held[lo]
                    lo -= 1
                elif hi < len(held):
                    yield p, held[hi]
                    hi += 1
                else:
                    break

"""How far analysts agree with each other and with the rules: Cohen's kappa per tag.

The unit is a provision and a tag. An analyst has judged it when they decided on any polarity of
that tag there (the latest call of theirs in force, on the words the provision has now). Their
answer is the set of the tag's polarities they hold for the provision: the rules' polarities,
less those they rejected, plus those they confirmed or added; "(none)" when nothing is left.
The rules' answer is the rules' polarities. Two analysts are compared on the provisions both
judged; an analyst and the rules on every provision the analyst judged. Kappa corrects the share
of agreement for the agreement chance alone would give; it is undefined (None) when both sides
gave every provision one and the same answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from ..model import Agreement, Disagreement
from .view import direct

if TYPE_CHECKING:
    from .context import Context

RULES = "rules"
"""The name the rules go by in a pair."""


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' categories for the same items; None when it is undefined."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    a, b = Counter(first), Counter(second)
    chance = sum(a[k] * b[k] for k in a) / (n * n)
    if chance >= 1.0:
        return None
    return round((observed - chance) / (1.0 - chance), 3)


def agreement(workspace: Context, tag: str | None = None) -> list[Agreement]:
    """Every pair of analysts, then each analyst and the rules, for each tag (rule-set order)."""
    store = workspace.decisions
    if store is None:
        return []
    documents = workspace.corpus.documents
    decisions = [d for d in store.current(by_analyst=True) if d.doc in documents and (tag is None or d.tag == tag)]
    # (analyst, tag) -> provision -> polarities held, from that analyst's calls in force on unchanged words
    calls: Calls = {}
    for doc_id in sorted({d.doc for d in decisions}):
        for s in direct([d for d in decisions if d.doc == doc_id], documents[doc_id]):
            if s.state == "stale":
                continue
            e = s.event
            said = calls.setdefault((e.analyst, e.tag), {}).setdefault(e.provision, (set(), set()))
            said[1 if e.action == "reject" else 0].add(e.polarity)
    rules = _rule_polarities(workspace, {p.split(":")[0] for judged in calls.values() for p in judged})
    order = list(workspace.ruleset.categories)
    tags = sorted({t for _, t in calls}, key=lambda t: (order.index(t) if t in order else len(order), t))
    analysts = sorted({a for a, _ in calls})
    pairs = []
    for name in tags:
        polarity_order = workspace.ruleset.categories.get(name, ())
        sides: list[tuple[str, str | None]] = [(a, a) for a in analysts if (a, name) in calls]
        matchups = [*combinations(sides, 2), *((side, (RULES, None)) for side in sides)]
        for (first, a), (second, b) in matchups:
            mine = calls[(first, name)]
            items = sorted(set(mine) & set(calls[(second, name)]) if b is not None else mine)
            left = [_answer(rules, calls, p, name, a, polarity_order) for p in items]
            right = [_answer(rules, calls, p, name, b, polarity_order) for p in items]
            differ = tuple(Disagreement(p, x, y) for p, x, y in zip(items, left, right, strict=True) if x != y)
            pairs.append(Agreement(name, first, second, len(items), len(items) - len(differ), cohen_kappa(left, right),
                              differ))
    return pairs


Calls = dict[tuple[str, str], dict[str, tuple[set[str], set[str]]]]


def _answer(rules: dict[tuple[str, str], tuple[str, ...]], calls: Calls, provision: str, tag: str,
            analyst: str | None, order: Sequence[str]) -> str:
    """One side's polarities of `tag` for a provision, in rule-set order: the rules', or an analyst's."""
    held = set(rules.get((provision, tag), ()))
    if analyst is not None:
        agreed, rejected = calls[(analyst, tag)][provision]
        held = (held - rejected) | agreed
    rank = {polarity: k for k, polarity in enumerate(order)}
    return ", ".join(sorted(held, key=lambda x: (rank.get(x, len(rank)), x))) or "(none)"


def _rule_polarities(workspace: Context, doc_ids: set[str]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(provision id, tag) -> the rules' polarities in the provision's own words."""
    out: dict[tuple[str, str], list[str]] = {}
    for doc_id in sorted(doc_ids):
        for p in workspace.tagger.tag_document(workspace.corpus.documents[doc_id]).provisions:
            for t in p.own:
                out.setdefault((p.provision.id, t.tag), []).append(t.polarity)
    return {key: tuple(value) for key, value in out.items()}

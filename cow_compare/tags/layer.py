"""A learned layer behind the rules: it revises the polarities the rules gave a tag and adds a tag
the rules missed, each with the words that carried it (implications.v6 on v5's rules, v8 on v7's).

Why it exists: hand-written rules reached about 0.85 F1 on wording nobody here wrote, and further
rounds of rules only raised the fit on what they were written from. Four writers who never saw the
rules labelled 1,683 texts (tests/tagsets-heldout6 to -heldout9); logistic models trained on where
the rules went wrong there, with settings chosen by leaving one writer out at a time, carry over to
writers they never saw (docs/learned-layer-spike.md, README: accuracy). The rules stay the evidence:
every feature names what the rules saw (which rules fired, with which polarity, whether a negation
reached them, which lexicon words the text holds) or, for a tag the rules missed, a word of the text;
a polarity the layer brings back after the rules dropped it carries the words of the rules that voted
for it; any other polarity or tag it adds, the words of the features that weighed most.

Inference is a sum of weights per model and a logistic; the weights are a JSON file shipped beside
the rule sets and named by the rule set's header (`layer`), written by tools/train_tag_layer.py on
the branch `learn-layer`. The features here must stay exactly the ones it was trained with.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..errors import RuleSetError
from ..model import Evidence, Tag
from .polarity import Match

Span = tuple[int, int, str]
"""(start_char, end_char, text) of the words a feature rests on."""
Features = dict[str, list[Span]]
"""Feature name -> the spans of words that carry it (empty for a feature of no words)."""

STOP = frozenset("a an the of to in on and or for by with at from as be is are was were will would shall "
                 "should could may might it its this that these those their there than then into over".split())
"""Words the add models' word features skip."""


Word = tuple[int, Span, tuple[str, ...], str]
"""A token that can carry a feature: its place, its span, the lexicons that list it, and its lemma
when it is a content word (the add models' word features), else ''. A plain tuple: every text makes
a score of them."""


def words_of(doc: Doc, lexicon_of: Mapping[str, tuple[str, ...]]) -> list[Word]:
    """The tokens of a text that a lexicon lists or that are content words, read once for all categories."""
    out: list[Word] = []
    for k, token in enumerate(doc):
        lower = token.lower_
        names = lexicon_of.get(lower, ())
        lemma = "" if lower in STOP else token.lemma_
        if names or lemma.isalpha():
            text = token.text
            out.append((k, (token.idx, token.idx + len(text), text), names, lemma if lemma.isalpha() else ""))
    return out


def features(category: str, tags: Sequence[Tag], matches: Sequence[Match], clause_of: Sequence[int],
             reached: Mapping[int, Any], doc: Doc, text_words: Sequence[Word], *, words: bool = False) -> Features:
    """The features of one category of a text: what the rules did about it and the words around.

    `tags` are all the rules' tags of the text; `clause_of` the clause of every token; `reached`
    token -> the negation that reaches it; `text_words` the text's `words_of`; `words`: also each
    content word's lemma (for a category the rules did not find).
    """
    out: Features = {"bias": []}

    def add(name: str, span: Span | None = None) -> None:
        spans = out.setdefault(name, [])
        if span is not None:
            spans.append(span)

    own = [t for t in tags if t.tag == category]
    for t in own:
        add(f"pol:{t.polarity}")
        if t.confidence < 1:
            add("split-vote")
    add(f"npol:{min(len(own), 3)}")
    for t in tags:
        if t.tag != category:
            add(f"other:{t.tag}:{t.polarity}")
    tag_clauses: set[int] = set()
    for m in matches:
        rule = m.rule
        if rule.role != "cue" or rule.tag != category:
            continue
        span = (m.start_char, m.end_char, m.text)
        tag_clauses.add(clause_of[m.start])
        negated = any(k in reached for k in range(m.start, m.end))
        if rule.topic:
            add(f"topic:{rule.id}", span)
            continue
        polarity = (rule.negated if negated else rule.polarity) or "none"
        add(f"rule:{rule.id}", span)
        add(f"vote:{polarity}", span)
        if negated:
            add("negated", span)
            add(f"negvote:{polarity}", span)
        add(f"fam:{rule.id.rsplit('.', 1)[0]}", span)
    for index, span, names, lemma in text_words:
        inside = clause_of[index] in tag_clauses
        for name in names:
            add(f"lex:{name}", span)
            if inside:
                add(f"clex:{name}", span)
        if words and lemma:
            add(f"w:{lemma}", span)
    if reached:
        add("any-negation")
    add(f"len:{min(len(doc) // 15, 4)}")
    add(f"clauses:{min(clause_of[-1] + 1 if clause_of else 0, 3)}")
    return out


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


@dataclass(frozen=True)
class Model:
    """One logistic model: a weight per feature name, and the probability it decides at."""

    weights: dict[str, float]
    threshold: float

    def probability(self, present: Iterable[str], also: Iterable[str] = ()) -> float:
        """P(yes) given the features present (and `also`, more of them: a polarity's own)."""
        w = self.weights
        return _sigmoid(sum(map(w.get, present, repeat(0.0))) + sum(map(w.get, also, repeat(0.0))))


@dataclass(frozen=True)
class Layer:
    """The polarity models ((tag, polarity) -> is it right) and the add models (tag -> is it there,
    for a text the rules found it not in; (tag, polarity) -> which polarity an added tag takes)."""

    name: str
    polarity: dict[tuple[str, str], Model]
    add: dict[str, Model]
    add_polarity: dict[tuple[str, str], Model]
    evidence_words: int = 3
    voted_only: bool = False
    """Add a polarity only where a rule voted for it and the rules then dropped it (its words are the
    evidence), never one that rests on the model's features alone, and add no tag (implications.v9)."""

    def revise(self, tags: tuple[Tag, ...], order: Mapping[str, Sequence[str]], found: Mapping[str, Features],
               absent: Mapping[str, Features], narrowed: Mapping[tuple[str, str], tuple[str, ...]] | None = None
               ) -> tuple[Tag, ...]:
        """The tags of the categories in `order` after the layer: each found category (`found`: its
        features) keeps the polarities its models keep and gains those they add; each category the
        rules did not find (`absent`) may be added. A found tag never loses its last polarity."""
        out: list[Tag] = []
        for category, polarities in order.items():
            own = [t for t in tags if t.tag == category]
            if not own:
                added = self._added(category, polarities, absent.get(category))
                if added is not None:
                    out.append(added)
                continue
            given = {t.polarity: t for t in own}
            chosen: list[Tag] = []
            scored: list[tuple[float, str]] = []
            # a polarity a refining rule decided ('whether ... is still open' defers) stands, and what it narrowed stays out
            kept = {p for p in given if (category, p) in (narrowed or {})}
            barred = {q for p in kept for q in (narrowed or {})[(category, p)]}
            for p in polarities:
                model = self.polarity.get((category, p))
                if model is None or p in kept or p in barred:
                    if p in given:
                        chosen.append(given[p])
                    continue
                # the category's features and this polarity's own few, without copying the former
                mine = _own(found[category], p, p in given)
                probability = model.probability(found[category], mine)
                scored.append((probability, p))
                if probability < model.threshold:
                    continue
                if p in given:
                    chosen.append(given[p])
                elif spans := (self._voted(mine) or
                               (() if self.voted_only else self._evidence(model, {**found[category], **mine}))):
                    chosen.append(Tag(tag=category, polarity=p, evidence=spans, rule=f"{self.name}:layer.{category}.{p}",
                                      source="rule", confidence=round(probability, 2)))
            if not chosen:
                best = max((sp for sp in scored if sp[1] in given), default=None)
                chosen.append(given[best[1]] if best else own[0])
            rank = {p: k for k, p in enumerate(polarities)}
            out += sorted(chosen, key=lambda t: rank.get(t.polarity, len(rank)))
        return tuple(out)

    def _added(self, category: str, polarities: Sequence[str], feats: Features | None) -> Tag | None:
        model = self.add.get(category)
        if model is None or feats is None or self.voted_only:
            return None
        present = {f: s for f, s in feats.items() if not f.startswith(("pol:", "npol:", "split-vote"))}
        probability = model.probability(present)
        if probability < model.threshold:
            return None
        spans = self._evidence(model, present)
        scored = [(m.probability(present), p) for p in polarities if (m := self.add_polarity.get((category, p)))]
        if not spans or not scored:
            return None
        polarity = max(scored)[1]
        return Tag(tag=category, polarity=polarity, evidence=spans, rule=f"{self.name}:layer.add.{category}.{polarity}",
                   source="rule", confidence=round(probability, 2))

    @staticmethod
    def _voted(present: Features) -> tuple[Evidence, ...]:
        """The words of the rules that voted for a polarity the rules then dropped (an override, a
        narrowing): where the layer brings such a polarity back, those are what an analyst checks."""
        return _outermost(set(present.get("self-vote", ())))

    def _evidence(self, model: Model, present: Features) -> tuple[Evidence, ...]:
        """The words of the (at most `evidence_words`) heaviest positive features that rest on words."""
        spans: set[Span] = set()
        taken = 0
        for weight, name in sorted(((model.weights.get(f, 0.0), f) for f in present), reverse=True):
            if weight <= 0 or taken >= self.evidence_words:
                break
            if present[name]:
                spans.update(present[name])
                taken += 1
        return _outermost(spans)


def _outermost(spans: set[Span]) -> tuple[Evidence, ...]:
    """The spans no other span holds, in text order, as evidence."""
    kept = {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
    return tuple(Evidence(a, b, t) for a, b, t in sorted(kept))


def _own(feats: Features, polarity: str, given: bool) -> Features:
    """What a polarity model sees beside the category's features: what the rules did about this
    polarity: `given` (they gave it), `self-vote` (a cue voted for it), `self-dropped` (voted for,
    then overridden), `self-negated` (a negated cue voted for it)."""
    out: Features = {}
    if given:
        out["given"] = []
    votes = feats.get(f"vote:{polarity}")
    if votes is not None:
        out["self-vote"] = votes
        if not given:
            out["self-dropped"] = votes
    if f"negvote:{polarity}" in feats:
        out["self-negated"] = feats[f"negvote:{polarity}"]
    return out


def load_layer(path: Path, owner: str, *, voted_only: bool = False) -> Layer:
    """Read a layer's weights; `owner` is the rule set whose header names it (its tags' rule prefix);
    `voted_only`: the set's header says `layer_adds: voted`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {key: {name: Model({str(f): float(w) for f, w in m["weights"].items()}, float(m["threshold"]))
                        for name, m in data.get(key, {}).items()}
                  for key in ("polarity", "add", "add_polarity")}
        pairs = {key: {tuple(name.split("/", 1)): m for name, m in models[key].items()}
                 for key in ("polarity", "add_polarity")}
        return Layer(owner, pairs["polarity"], models["add"], pairs["add_polarity"],
                     int(data.get("evidence_words", 3)), voted_only)
    except OSError as exc:
        raise RuleSetError(f"{path}: the layer {owner} names cannot be read ({exc.strerror}); reinstall the package") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleSetError(f"{path}: is not a layer's weights ({type(exc).__name__}: {exc}); "
                           "write it again with tools/train_tag_layer.py") from None

"""Scores a tagger against labelled items: per tag precision, recall and F1, and polarity accuracy.

A tag counts as found when an item carries it at all, whatever its polarities. Polarity accuracy
is measured on correctly found tags only, over (tag, polarity) pairs: for each such tag, the pairs
both sides give are right and the pairs only one side gives are wrong (a missed second polarity
and an extra one both count against it); accuracy = right / (right + wrong), summed over items.

Both halves are fit since round 2 (implications.v2 was retuned on all of them), and so is
tests/tagsets-heldout/ since round 3 (implications.v3 was tuned on it too): it was the held-out
set of round 2 only.

Usage:
    python -m tests.tagsets.score [--rules NAME]          figures on dev, test, both and the corpus gold
    python -m tests.tagsets.score --misses [--half H]     the items of a half (dev, test or all) the tagger gets wrong
    python -m tests.tagsets.score --write [--rules NAME]  record the figures in figures.json
    python -m tests.tagsets.score --items FILE [--misses]  figures (or misses) on another labelled JSONL file
                                                          ({id, text, labels: [{tag, polarity}]} a line), e.g. a
                                                          new set's DEV half (round 4: /work/r4/dev-half.jsonl)
"""

from __future__ import annotations

import argparse
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .split import FOLDER, Half, Item, load

if TYPE_CHECKING:
    from cow_compare.tags.engine import Tagger

TAGS = ("MNF-U", "DMZ", "territory")
Calls = Mapping[str, frozenset[tuple[str, str]]]
"""Item id -> the (tag, polarity) pairs it carries."""
FIGURES = FOLDER / "figures.json"
ROOT = FOLDER.parent.parent
LABELS = ROOT / "tests" / "labels" / "implications.toml"


@dataclass(frozen=True)
class TagScore:
    """How one tag fared: counts of items and the figures made from them."""

    tag: str
    both: int
    only_gold: int
    only_tagger: int
    polarity_right: int
    polarity_wrong: int

    @property
    def precision(self) -> float:
        return self.both / (self.both + self.only_tagger) if self.both + self.only_tagger else 1.0

    @property
    def recall(self) -> float:
        return self.both / (self.both + self.only_gold) if self.both + self.only_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def polarity(self) -> float:
        total = self.polarity_right + self.polarity_wrong
        return self.polarity_right / total if total else 1.0


@dataclass(frozen=True)
class Scores:
    """Every tag's score on one set of items."""

    name: str
    items: int
    tags: tuple[TagScore, ...]

    @property
    def polarity(self) -> float:
        right = sum(t.polarity_right for t in self.tags)
        wrong = sum(t.polarity_wrong for t in self.tags)
        return right / (right + wrong) if right + wrong else 1.0

    def by_tag(self, tag: str) -> TagScore:
        return next(t for t in self.tags if t.tag == tag)

    def record(self) -> dict[str, Any]:
        """Rounded figures for figures.json and the README."""
        return {
            "items": self.items, "polarity": round(self.polarity, 3),
            "tags": {t.tag: {"precision": round(t.precision, 3), "recall": round(t.recall, 3), "f1": round(t.f1, 3),
                             "polarity": round(t.polarity, 3), **{k: v for k, v in asdict(t).items() if k != "tag"}}
                     for t in self.tags},
        }

    def lines(self) -> list[str]:
        out = [f"{self.name} ({self.items} items)"]
        for t in self.tags:
            out.append(f"  {t.tag:<9} precision {t.precision:.3f} recall {t.recall:.3f} F1 {t.f1:.3f} "
                       f"polarity {t.polarity:.3f} ({t.polarity_right}/{t.polarity_right + t.polarity_wrong})")
        out.append(f"  polarity accuracy {self.polarity:.3f}")
        return out


def score(name: str, gold: Calls, predicted: Calls, tags: Iterable[str] = TAGS) -> Scores:
    """Return the scores of `predicted` against `gold` (same keys)."""
    out = []
    for tag in tags:
        both = only_gold = only_tagger = right = wrong = 0
        for key, pairs in gold.items():
            g = {p for t, p in pairs if t == tag}
            q = {p for t, p in predicted.get(key, frozenset()) if t == tag}
            if g and q:
                both += 1
                right += len(g & q)
                wrong += len(g ^ q)
            elif g:
                only_gold += 1
            elif q:
                only_tagger += 1
        out.append(TagScore(tag, both, only_gold, only_tagger, right, wrong))
    return Scores(name, len(gold), tuple(out))


def predict(tagger: Tagger, items: list[Item]) -> dict[str, frozenset[tuple[str, str]]]:
    """Return item id -> the pairs the tagger gives its text (only the three implication tags)."""
    return {item.id: frozenset((t.tag, t.polarity) for t in tags if t.tag in TAGS)
            for item, tags in zip(items, tagger.tag_texts(i.text for i in items), strict=True)}


def gold_of(items: list[Item]) -> dict[str, frozenset[tuple[str, str]]]:
    return {item.id: frozenset(item.labels) for item in items}


def half_scores(tagger: Tagger, which: Half) -> Scores:
    items = load(which)
    return score(which, gold_of(items), predict(tagger, items))


def corpus_calls(tagger: Tagger) -> tuple[dict[str, frozenset[tuple[str, str]]], dict[str, frozenset[tuple[str, str]]]]:
    """Return (gold, predicted) for every provision of the shipped corpus, keyed `doc:label`."""
    from cow_compare import load_corpus

    table = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    gold = {f"{e['doc']}:{e['label']}": frozenset((t["tag"], t["polarity"]) for t in e["tags"])
            for e in table["provision"]}
    corpus = load_corpus(ROOT / "proposals")
    predicted: dict[str, frozenset[tuple[str, str]]] = {}
    labelled = {e["doc"] for e in table["provision"]}
    for doc_id in (i for i in corpus.ids if i in labelled):
        for p in tagger.tag_document(corpus.documents[doc_id]).provisions:
            predicted[f"{doc_id}:{p.provision.label}"] = frozenset((t.tag, t.polarity) for t in p.own if t.tag in TAGS)
    return gold, predicted


def corpus_scores(tagger: Tagger) -> Scores:
    gold, predicted = corpus_calls(tagger)
    return score("corpus", gold, predicted)


def all_scores(tagger: Tagger, *, as_written: bool = False) -> dict[str, Scores]:
    """Each half, both halves together and the corpus gold: since round 2 all of them are fit.

    `as_written`: against the labels the writers gave, before later relabelling (split.labels_of).
    """
    dev, test = load("dev", as_written=as_written), load("test", as_written=as_written)
    both = dev + test
    return {"test": score("test", gold_of(test), predict(tagger, test)),
            "dev": score("dev", gold_of(dev), predict(tagger, dev)),
            "all": score("all", gold_of(both), predict(tagger, both)),
            "corpus": corpus_scores(tagger)}


def write(ruleset: str, scores: dict[str, Scores]) -> None:
    """Record one rule set's figures in figures.json (other rule sets' entries are kept)."""
    recorded = json.loads(FIGURES.read_text(encoding="utf-8")) if FIGURES.exists() else {}
    recorded[ruleset] = {name: s.record() for name, s in scores.items()}
    FIGURES.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def misses(tagger: Tagger, which: Half | None = "dev") -> list[str]:
    """Return one line per item of a half (both when None) the tagger gets wrong."""
    items = load(which) if which is not None else [*load("dev"), *load("test")]
    predicted = predict(tagger, items)
    out = []
    for item in items:
        if frozenset(item.labels) != predicted[item.id]:
            gold = sorted(item.labels)
            out.append(f"{item.id} gold {gold} tagger {sorted(predicted[item.id])}\n    {item.text}")
    return out


def file_calls(tagger: Tagger, path: str) -> tuple[list[dict[str, Any]], Calls, Calls]:
    """Return (items, gold, predicted) for a labelled JSONL file outside the tag sets."""
    with open(path, encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    gold = {i["id"]: frozenset((label["tag"], label["polarity"]) for label in i["labels"]) for i in items}
    predicted = {i["id"]: frozenset((t.tag, t.polarity) for t in tags if t.tag in TAGS)
                 for i, tags in zip(items, tagger.tag_texts(i["text"] for i in items), strict=True)}
    return items, gold, predicted


def main() -> None:
    from cow_compare.tags import make_tagger
    from cow_compare.tags.rules import load_named

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="a shipped base rule set, e.g. implications.v1")
    parser.add_argument("--misses", action="store_true", help="list the items the tagger gets wrong")
    parser.add_argument("--half", choices=("dev", "test", "all"), default="all", help="the half --misses lists")
    parser.add_argument("--write", action="store_true", help="record the figures in figures.json")
    parser.add_argument("--items", default=None, help="score a labelled JSONL file instead (a new set's DEV half)")
    args = parser.parse_args()
    rules = load_named(args.rules) if args.rules else None
    tagger = make_tagger(rules=rules)
    if args.items:
        items, gold, predicted = file_calls(tagger, args.items)
        if args.misses:
            print("\n".join(f"{i['id']} gold {sorted(gold[i['id']])} tagger {sorted(predicted[i['id']])}\n    {i['text']}"
                            for i in items if gold[i["id"]] != predicted[i["id"]]))
        else:
            print("\n".join(score(args.items, gold, predicted).lines()))
        return
    if args.misses:
        print("\n".join(misses(tagger, None if args.half == "all" else args.half)))
        return
    scores = all_scores(tagger)
    for s in scores.values():
        print("\n".join(s.lines()))
    if args.write:
        write(tagger.rules.name, scores)


if __name__ == "__main__":
    main()

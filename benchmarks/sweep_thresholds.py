"""Sweeps the main thresholds against the gold links of tests/gold, on a held-out half (not part of the test run).

Usage: PYTHONPATH=. .venv/bin/python benchmarks/sweep_thresholds.py

The gold links are split once into a DEVELOPMENT half and a TEST half by a salted SHA-256 of
"pair-file:from-labels->to-labels" (first byte even: DEV, odd: TEST). The split depends on nothing
but the gold files and the salt below, so it is fixed before anything is measured. A value is
picked on DEV by the rule printed with each sweep; the TEST figure at that value is the one to
believe. docs/thresholds.md reads these tables.

Swept: align.min_score, align.gap_share, align.label_similar (link precision, recall, F1, derived
and non-derived pairs apart) and changes.rewrite_below, changes.clause_words (change-kind
accuracy on the gold links the tool also made). Everything else stays at data/settings.toml.
Prints Markdown tables to stdout and writes nothing.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cow_compare.changes.facts import _words, carried_over  # noqa: E402
from cow_compare.intake.corpus import Corpus, load_corpus  # noqa: E402
from cow_compare.model import Change, Document  # noqa: E402
from cow_compare.pipeline import compare  # noqa: E402
from cow_compare.settings import Settings, shipped_settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
CORPUS_DIR = ROOT / "proposals"

SALT = "cow_compare/sweep_thresholds/v1:"
"""Fixed before the first measurement; changing it re-deals the halves (do not tune it)."""

HALVES = ("DEV", "TEST")
GROUPS = ("derived", "non-derived")
EPS = 1e-9

Labels = tuple[str, ...]
LinkKey = tuple[Labels, Labels]


@dataclass(frozen=True)
class GoldLink:
    pair: str
    """The gold file's stem, `old__new`."""
    old: str
    new: str
    from_labels: Labels
    to_labels: Labels
    kind: str

    @property
    def key(self) -> str:
        return f"{self.pair}:{','.join(self.from_labels)}->{','.join(self.to_labels)}"

    @property
    def half(self) -> str:
        return HALVES[hashlib.sha256((SALT + self.key).encode("utf-8")).digest()[0] % 2]

    @property
    def linked(self) -> bool:
        return bool(self.from_labels and self.to_labels)


@dataclass(frozen=True)
class Pair:
    name: str
    old: Document
    new: Document
    derived: bool
    gold: tuple[GoldLink, ...]
    owner: dict[str, str]
    """Old-version label -> the half of the gold link that holds it (every label is in one)."""

    @property
    def group(self) -> str:
        return GROUPS[0] if self.derived else GROUPS[1]


# -- inputs ---------------------------------------------------------------------------------


def descends(corpus: Corpus, old: str, new: str) -> bool:
    """True when lineage (lineage.toml plus derived_from) leads from old to new in any number of steps."""
    children: dict[str, list[str]] = {}
    for edge in corpus.edges:
        children.setdefault(edge.parent, []).append(edge.child)
    seen, todo = {old}, [old]
    while todo:
        for child in children.get(todo.pop(), []):
            if child == new:
                return True
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return False


def load_pairs(corpus: Corpus) -> list[Pair]:
    pairs = []
    for path in sorted(GOLD_DIR.glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        old, new = table["from"], table["to"]
        gold = tuple(GoldLink(path.stem, old, new, tuple(link["from"]), tuple(link["to"]), link["kind"])
                     for link in table["link"])
        owner = {label: g.half for g in gold for label in g.from_labels}
        pairs.append(Pair(path.stem, corpus.documents[old], corpus.documents[new], descends(corpus, old, new),
                          gold, owner))
    return pairs


def run(pairs: list[Pair], settings: Settings) -> dict[str, dict[LinkKey, Change]]:
    """Each pair's changes under these settings, keyed by (from labels, to labels)."""
    out = {}
    for pair in pairs:
        report = compare(pair.old, pair.new, settings=settings)
        out[pair.name] = {(c.link.from_labels, c.link.to_labels): c for c in report.changes}
    return out


# -- alignment: link precision / recall / F1 --------------------------------------------------


@dataclass
class Tally:
    hits: int = 0
    got: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def link_tallies(pairs: list[Pair], result: dict[str, dict[LinkKey, Change]]) -> dict[tuple[str, str], Tally]:
    """(group, half) -> Tally, counting links with provisions on both sides, as tests/test_alignment_accuracy.py.

    A gold link counts in its own half. A tool link counts in the half of the gold link that holds
    its first old label, so a link that matches gold counts where that gold link does, and a false
    link counts where the provision it wrongly took lives. Halves sum to the whole.
    """
    tallies = {(g, h): Tally() for g in (*GROUPS, "all") for h in (*HALVES, "all")}
    for pair in pairs:
        gold = {(g.from_labels, g.to_labels): g.half for g in pair.gold if g.linked}
        got = {key: pair.owner[key[0][0]] for key in result[pair.name] if key[0] and key[1]}
        for group in (pair.group, "all"):
            for half in (*HALVES, "all"):
                t = tallies[(group, half)]
                t.gold += sum(1 for h in gold.values() if half in (h, "all"))
                t.got += sum(1 for h in got.values() if half in (h, "all"))
                t.hits += sum(1 for k, h in got.items() if k in gold and half in (h, "all"))
    return tallies


def sweep_alignment(pairs: list[Pair], base: Settings, key: str, values: Iterable[float],
                    per_pair: bool = False) -> None:
    shipped = getattr(base.align, key)
    rows = []
    pair_f1: list[tuple[float, list[float]]] = []
    for value in values:
        settings = replace(base, align=replace(base.align, **{key: value}))
        result = run(pairs, settings)
        rows.append((value, link_tallies(pairs, result)))
        pair_f1.append((value, [link_tallies([p], result)[("all", "all")].f1 for p in pairs]))
    print(f"\n### align.{key} (shipped {shipped:g}): link precision / recall / F1\n")
    for group in GROUPS:
        n = {h: rows[0][1][(group, h)].gold for h in HALVES}
        print(f"{group} pairs (gold links: DEV {n['DEV']}, TEST {n['TEST']}):\n")
        print("| value | DEV P | DEV R | DEV F1 | TEST P | TEST R | TEST F1 | TEST hits/got/gold |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for value, t in rows:
            d, e = t[(group, "DEV")], t[(group, "TEST")]
            mark = " (shipped)" if abs(value - shipped) < EPS else ""
            print(f"| {value:.2f}{mark} | {d.precision:.3f} | {d.recall:.3f} | {d.f1:.3f} | {e.precision:.3f} | "
                  f"{e.recall:.3f} | {e.f1:.3f} | {e.hits}/{e.got}/{e.gold} |")
        print()
    # The rule, fixed before measuring: best DEV F1 on the derived pairs; ties (to 3 places) go to
    # the better DEV F1 on the non-derived pairs, then to the value nearest the shipped one.
    def rank(row: tuple[float, dict[tuple[str, str], Tally]]) -> tuple[float, float, float]:
        value, t = row
        return (round(t[("derived", "DEV")].f1, 3), round(t[("non-derived", "DEV")].f1, 3), -abs(value - shipped))

    if per_pair:
        print("Per gold file, both halves together (descriptive only, not used to pick):\n")
        print("| value | " + " | ".join(f"{p.name} ({p.group})" for p in pairs) + " |")
        print("| --- |" + " --- |" * len(pairs))
        for value, f1s in pair_f1:
            print(f"| {value:.2f} | " + " | ".join(f"{f:.3f}" for f in f1s) + " |")
        print()
    best_value, best = max(rows, key=rank)
    ship = next(t for v, t in rows if abs(v - shipped) < EPS) if any(abs(v - shipped) < EPS for v, _ in rows) else None
    plateau = [v for v, t in rows if round(t[("derived", "DEV")].f1, 3) == round(best[("derived", "DEV")].f1, 3)]
    print(f"DEV picks {key} = {best_value:g} (DEV derived F1 {best[('derived', 'DEV')].f1:.3f}, equal from "
          f"{min(plateau):g} to {max(plateau):g}: {', '.join(f'{v:g}' for v in plateau)}).")
    for group in GROUPS:
        line = f"  TEST {group} F1 at the pick {best[(group, 'TEST')].f1:.3f}"
        if ship is not None:
            line += f", at shipped {shipped:g} {ship[(group, 'TEST')].f1:.3f}"
        print(line)


# -- change kinds -----------------------------------------------------------------------------


@dataclass
class KindTally:
    matched: int = 0
    correct: int = 0
    rw_mod: int = 0
    """Matched gold links whose gold kind is reworded or modified."""
    rw_mod_correct: int = 0
    confusion: Counter[tuple[str, str]] | None = None
    """(gold kind, tool kind) for gold reworded/modified links."""

    def recall_of(self, kind: str) -> float:
        assert self.confusion is not None
        total = sum(n for (g, _t), n in self.confusion.items() if g == kind)
        return self.confusion[(kind, kind)] / total if total else 0.0

    @property
    def balanced(self) -> float:
        """Mean of reworded recall and modified recall."""
        return (self.recall_of("reworded") + self.recall_of("modified")) / 2

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0

    def n(self, gold: str, tool: str) -> int:
        assert self.confusion is not None
        return self.confusion[(gold, tool)]

    def other(self, gold: str) -> int:
        assert self.confusion is not None
        return sum(n for (g, t), n in self.confusion.items() if g == gold and t not in ("reworded", "modified"))


def agrees(gold: GoldLink, tool_kind: str, pair: Pair) -> bool:
    """Gold `deleted` (`added`) matches the tool's `not-reported` when the new (old) version is partial."""
    if tool_kind == gold.kind:
        return True
    if tool_kind == "not-reported":
        return (gold.kind == "deleted" and pair.new.partial) or (gold.kind == "added" and pair.old.partial)
    return False


def kind_tallies(pairs: list[Pair], result: dict[str, dict[LinkKey, Change]]) -> dict[str, KindTally]:
    tallies = {h: KindTally(confusion=Counter()) for h in (*HALVES, "all")}
    for pair in pairs:
        changes = result[pair.name]
        for g in pair.gold:
            change = changes.get((g.from_labels, g.to_labels))
            if change is None:
                continue  # an alignment miss: not held against the classifier
            for half in (g.half, "all"):
                t = tallies[half]
                assert t.confusion is not None
                ok = agrees(g, change.kind, pair)
                t.matched += 1
                t.correct += ok
                if g.kind in ("reworded", "modified"):
                    t.rw_mod += 1
                    t.rw_mod_correct += ok
                    t.confusion[(g.kind, change.kind)] += 1
    return tallies


def print_kind_rows(rows: list[tuple[str, dict[str, KindTally]]], shipped: str) -> None:
    print("| value | DEV acc | DEV rw/mod acc | DEV balanced | TEST acc | TEST rw/mod acc | TEST balanced | "
          "TEST rw->rw/mod | TEST mod->mod/rw |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for value, t in rows:
        d, e = t["DEV"], t["TEST"]
        mark = " (shipped)" if value == shipped else ""
        print(f"| {value}{mark} | {d.accuracy:.3f} ({d.correct}/{d.matched}) | {d.rw_mod_correct}/{d.rw_mod} | "
              f"{d.balanced:.3f} | {e.accuracy:.3f} ({e.correct}/{e.matched}) | {e.rw_mod_correct}/{e.rw_mod} | "
              f"{e.balanced:.3f} | {e.n('reworded', 'reworded')}/{e.n('reworded', 'modified')} | "
              f"{e.n('modified', 'modified')}/{e.n('modified', 'reworded')} |")


def pick_kind(rows: list[tuple[float, dict[str, KindTally]]], shipped: float,
              name: str) -> tuple[float, dict[str, KindTally]]:
    # The rule, fixed before measuring: most DEV kinds right; ties go to the better DEV balanced
    # accuracy (reworded and modified recall weighed alike), then to the value nearest the shipped one.
    value, best = max(rows, key=lambda r: (r[1]["DEV"].correct, round(r[1]["DEV"].balanced, 6), -abs(r[0] - shipped)))
    tied = [v for v, t in rows if t["DEV"].correct == best["DEV"].correct]
    ship = next(t for v, t in rows if abs(v - shipped) < EPS)
    print(f"\nDEV picks {name} = {value:g} ({best['DEV'].correct}/{best['DEV'].matched} right; as many right at "
          f"{', '.join(f'{v:g}' for v in tied)}).")
    print(f"  TEST at the pick: {best['TEST'].correct}/{best['TEST'].matched} right, reworded/modified "
          f"{best['TEST'].rw_mod_correct}/{best['TEST'].rw_mod}, balanced {best['TEST'].balanced:.3f}; at shipped "
          f"{shipped:g}: {ship['TEST'].correct}/{ship['TEST'].matched}, {ship['TEST'].rw_mod_correct}/"
          f"{ship['TEST'].rw_mod}, balanced {ship['TEST'].balanced:.3f}")
    return value, best


def sweep_changes(pairs: list[Pair], base: Settings, key: str, values: Iterable[float],
                  fmt: Callable[[float], str]) -> None:
    shipped = getattr(base.changes, key)
    rows = []
    for value in values:
        settings = replace(base, changes=replace(base.changes, **{key: value}))
        rows.append((value, kind_tallies(pairs, run(pairs, settings))))
    print(f"\n### changes.{key} (shipped {fmt(shipped)}): change-kind accuracy on gold links the tool also made\n")
    print_kind_rows([(fmt(v), t) for v, t in rows], fmt(shipped))
    pick_kind(rows, shipped, key)


def grid_changes(pairs: list[Pair], base: Settings, rewrites: list[float], clauses: list[int]) -> None:
    """Both change settings at once: reworded/modified errors on DEV and on TEST per cell."""
    cells: dict[tuple[float, int], dict[str, KindTally]] = {}
    for r in rewrites:
        for c in clauses:
            settings = replace(base, changes=replace(base.changes, rewrite_below=r, clause_words=c))
            cells[(r, c)] = kind_tallies(pairs, run(pairs, settings))
    print("\n### changes.rewrite_below x changes.clause_words: kind errors DEV / TEST "
          "(all matched links; shipped cell starred)\n")
    print("| rewrite_below \\ clause_words | " + " | ".join(str(c) for c in clauses) + " |")
    print("| --- |" + " --- |" * len(clauses))
    for r in rewrites:
        cols = []
        for c in clauses:
            t = cells[(r, c)]
            star = "*" if abs(r - base.changes.rewrite_below) < EPS and c == base.changes.clause_words else ""
            cols.append(f"{t['DEV'].matched - t['DEV'].correct}/{t['TEST'].matched - t['TEST'].correct}{star}")
        print(f"| {r:.2f} | " + " | ".join(cols) + " |")
    ship = (base.changes.rewrite_below, base.changes.clause_words)
    (br, bc), best = max(cells.items(), key=lambda kv: (kv[1]["DEV"].correct, round(kv[1]["DEV"].balanced, 6),
                                                          -abs(kv[0][0] - ship[0]) - abs(kv[0][1] - ship[1]) / 20))
    tied = sorted(k for k, t in cells.items() if t["DEV"].correct == best["DEV"].correct)
    print(f"\nDEV picks rewrite_below = {br:g}, clause_words = {bc} ({best['DEV'].correct}/{best['DEV'].matched} "
          f"right; {len(tied)} of {len(cells)} cells as good); TEST there {best['TEST'].correct}/"
          f"{best['TEST'].matched}, at shipped {cells[ship]['TEST'].correct}/{cells[ship]['TEST'].matched}.")


def print_sensitive(pairs: list[Pair], result: dict[str, dict[LinkKey, Change]]) -> None:
    """The matched links whose kind the two change thresholds can decide: reworded or modified, with no
    fact other than `rewrite` or `clause`. Every other link's kind is fixed by its facts or its shape."""
    print("\nMatched links the change thresholds can flip (no fact but rewrite/clause; shipped settings):\n")
    print("| half | gold file | link | gold | tool | carried over | net words |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for pair in pairs:
        for g in pair.gold:
            change = result[pair.name].get((g.from_labels, g.to_labels))
            if change is None or change.kind not in ("reworded", "modified"):
                continue
            if any(f.kind not in ("rewrite", "clause") for f in change.facts):
                continue
            net = sum(_words(o.text) for o in change.ops if o.op == "+") - sum(
                _words(o.text) for o in change.ops if o.op == "-")
            print(f"| {g.half} | {pair.name} | {','.join(g.from_labels)} -> {','.join(g.to_labels)} | {g.kind} | "
                  f"{change.kind} | {carried_over(change.ops):.3f} | {net:+d} |")


# -- report -----------------------------------------------------------------------------------


def print_split(pairs: list[Pair]) -> None:
    print(f"## The split (salt {SALT!r}; sha256(salt + 'pair-file:from->to'), first byte even = DEV)\n")
    print("| gold file | relation | DEV links | TEST links | DEV linked (both sides) | TEST linked |")
    print("| --- | --- | --- | --- | --- | --- |")
    totals: Counter[str] = Counter()
    for pair in pairs:
        c = Counter(g.half for g in pair.gold)
        lk = Counter(g.half for g in pair.gold if g.linked)
        totals.update({f"{h}": c[h] for h in HALVES})
        totals.update({f"{h} linked": lk[h] for h in HALVES})
        print(f"| {pair.name} | {pair.group} | {c['DEV']} | {c['TEST']} | {lk['DEV']} | {lk['TEST']} |")
    print(f"| all | | {totals['DEV']} | {totals['TEST']} | {totals['DEV linked']} | {totals['TEST linked']} |")
    # Gold links that join the same words on both sides in two gold files (E3 keeps most of the US
    # text, so eu-e3 -> ua-20 repeats much of us-28 -> ua-20): a twin in the other half leaks.
    texts = {}
    for pair in pairs:
        old_text = {p.label: p.text for p in pair.old.provisions}
        new_text = {p.label: p.text for p in pair.new.provisions}
        for g in pair.gold:
            texts[(pair.name, g.key)] = (tuple(old_text[x] for x in g.from_labels),
                                         tuple(new_text[x] for x in g.to_labels))
    twins: dict[tuple[Labels, Labels], list[str]] = {}
    for pair in pairs:
        for g in pair.gold:
            twins.setdefault(texts[(pair.name, g.key)], []).append(g.half)
    repeated = [h for h in twins.values() if len(h) > 1]
    print(f"\nGold links whose words on both sides repeat in another gold file: {sum(map(len, repeated))} links in "
          f"{len(repeated)} groups; {sum(1 for h in repeated if len(set(h)) > 1)} groups have members in both halves "
          "(the halves are not fully independent).")
    kinds = sorted({g.kind for p in pairs for g in p.gold})
    print("\nGold kinds per half:\n")
    print("| kind | " + " | ".join(kinds) + " |")
    print("| --- |" + " --- |" * len(kinds))
    for half in HALVES:
        c = Counter(g.kind for p in pairs for g in p.gold if g.half == half)
        print(f"| {half} | " + " | ".join(str(c[k]) for k in kinds) + " |")


def frange(start: float, stop: float, step: float) -> list[float]:
    n = round((stop - start) / step)
    return [round(start + k * step, 4) for k in range(n + 1)]


def main() -> None:
    base = shipped_settings()
    corpus = load_corpus(CORPUS_DIR)
    pairs = load_pairs(corpus)
    print_split(pairs)
    print("\nDerived: lineage.toml (with derived_from) leads from old to new in any number of steps. Partial "
          "versions (coverage summary/partial): "
          + ", ".join(sorted({d.id for p in pairs for d in (p.old, p.new) if d.partial})) + ".")

    print("\n## Alignment")
    shipped_tallies = link_tallies(pairs, run(pairs, base))
    print("\nShipped settings, per group and half (hits/got/gold, F1):\n")
    print("| group | DEV | TEST | all |")
    print("| --- | --- | --- | --- |")
    for group in (*GROUPS, "all"):
        cells = [shipped_tallies[(group, h)] for h in (*HALVES, "all")]
        print(f"| {group} | " + " | ".join(f"{t.hits}/{t.got}/{t.gold}, {t.f1:.3f}" for t in cells) + " |")
    sweep_alignment(pairs, base, "min_score", frange(0.20, 0.80, 0.05), per_pair=True)
    sweep_alignment(pairs, base, "gap_share", [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0])
    sweep_alignment(pairs, base, "label_similar", [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])

    print("\n## Change kinds")
    print("\nOn the gold links the tool also made at shipped alignment settings (same labels on both sides). Gold "
          "`deleted` matches the tool's `not-reported` when the new version is partial (gold `added` likewise when "
          "the old one is). 'rw/mod acc' counts gold reworded/modified links only; 'balanced' is the mean of "
          "reworded recall and modified recall; 'rw->rw/mod' is gold reworded called reworded/modified, "
          "'mod->mod/rw' gold modified called modified/reworded.")
    shipped_run = run(pairs, base)
    shipped_kinds = kind_tallies(pairs, shipped_run)
    print("\nShipped settings, confusion of gold reworded/modified (all halves; rows gold, columns tool):\n")
    conf = shipped_kinds["all"].confusion
    assert conf is not None
    tools = sorted({t for (_g, t) in conf})
    print("| gold \\ tool | " + " | ".join(tools) + " |")
    print("| --- |" + " --- |" * len(tools))
    for g in ("reworded", "modified"):
        print(f"| {g} | " + " | ".join(str(conf[(g, t)]) for t in tools) + " |")
    wrong = Counter((g.kind, c.kind) for p in pairs for g in p.gold
                    if (c := shipped_run[p.name].get((g.from_labels, g.to_labels))) is not None
                    and not agrees(g, c.kind, p))
    print("\nShipped settings, every disagreement (gold kind -> tool kind: count): "
          + (", ".join(f"{g} -> {t}: {n}" for (g, t), n in sorted(wrong.items())) or "none"))
    print_sensitive(pairs, shipped_run)
    sweep_changes(pairs, base, "rewrite_below", frange(0.30, 0.90, 0.05), lambda v: f"{v:.2f}")
    sweep_changes(pairs, base, "clause_words", list(range(2, 13)), lambda v: f"{int(v)}")
    grid_changes(pairs, base, frange(0.30, 0.90, 0.05), list(range(2, 13)))


if __name__ == "__main__":
    main()

"""Alignment of plans with sub-items against nested mutations whose true alignment is known.

`tests.mutate.mutate_nested` splits and merges sub-items, promotes a sub-item to a point, demotes
a point to a sub-item and shifts the letters of sub-items, renumbering what follows. Over many
mutants of plans with sub-items, recall is counted per kind of edit and precision over every
link the aligner makes (and over the links that touch an edited provision, where mistakes
gather). The figures are printed on every run; the floors are the levels measured when the test
was written, so a change to the aligner that loses ground fails here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from cow_compare import Corpus, Document, align, parse_text
from cow_compare.pipeline import compare
from tests.mutate import Link, Mutant, Outline, mutate_nested, outlined

from .conftest import BASE, OTHER

# Plans with sub-items, and the unrelated plan that new sub-items come from.
SHIPPED_BASES = {
    "us-28-2025-11-20": "cotw-paris-2026-01-06",
    "eu-e3-2025-11-23": "eu-berlin-2025-12-15",
    "ua-20-2025-12-23": "eu-24-2025-11-23",
}
SEEDS = range(40)

# Measured when the test was written (see the printed figures); the floors keep that level.
# Splits and merges miss where the larger part alone is at least align.strong (0.9) alike to the
# whole: that 1:1 link is never reopened, so "Infrastructure will be developed." merged into a long
# neighbour leaves a 1:1 link with the neighbour and the short sub-item unlinked.
RECALL_FLOORS = {
    "split sub-item": 0.79,  # 65/82
    "merged sub-items": 0.86,  # 247/287
    "promoted": 1.0,  # 194/194
    "demoted": 1.0,  # 422/422
    "renumbered sub-item": 1.0,  # 930/930
    "renumbered point": 1.0,  # 1684/1684
    "all": 0.98,  # 5016/5073
}
PRECISION_FLOOR = 0.98  # 5016/5073
PRECISION_NEAR_EDITS_FLOOR = 0.96  # 1595/1652
EDITS = ("split", "merged", "promoted", "demoted")


def outline_of(doc: Document) -> Outline:
    """A document's live numbered points, each with its live lettered sub-items (options left out)."""
    return [(p.text, [c.text for c in doc.children(p.label) if c.status == "active" and c.text])
            for p in doc.provisions
            if p.depth == 0 and p.label.isdigit() and p.status != "deleted" and p.text]


def pool_of(doc: Document) -> list[str]:
    return [p.text for p in doc.provisions if p.status != "deleted" and p.text]


def mutants(corpus: Corpus, frozen: Corpus) -> Iterator[Mutant]:
    bases = [(corpus.documents[base], corpus.documents[donor]) for base, donor in sorted(SHIPPED_BASES.items())]
    bases.append((frozen.documents[BASE], frozen.documents[OTHER]))
    for (base, donor), seed in itertools.product(bases, SEEDS):
        yield mutate_nested(outline_of(base), pool_of(donor), seed)


def groups_of(mutant: Mutant) -> dict[str, set[Link]]:
    """The true links by the kind of edit that made them; unedited provisions by whether their label moved."""
    groups: dict[str, set[Link]] = {name: set() for name in RECALL_FLOORS}
    names = {"split": "split sub-item", "merged": "merged sub-items", "promoted": "promoted", "demoted": "demoted"}
    for link, kind in mutant.truth.items():
        groups["all"].add(link)
        if kind in names:
            groups[names[kind]].add(link)
        elif kind == "same" and link[0] != link[1]:
            groups["renumbered sub-item" if "." in link[0][0] else "renumbered point"].add(link)
    return groups


def links_of(mutant: Mutant) -> set[Link]:
    old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
    return {(link.from_labels, link.to_labels) for link in align(old, new) if link.from_labels and link.to_labels}


def test_nested_recall_and_precision(corpus: Corpus, frozen: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    found = {name: [0, 0] for name in RECALL_FLOORS}
    made = correct = near = near_correct = 0
    for mutant in mutants(corpus, frozen):
        got = links_of(mutant)
        truth = set(mutant.truth)
        for name, links in groups_of(mutant).items():
            found[name][0] += len(links & got)
            found[name][1] += len(links)
        made += len(got)
        correct += len(got & truth)
        edited = {label for link, kind in mutant.truth.items() if kind in EDITS for side in link for label in side}
        touching = {link for link in got if edited & {label for side in link for label in side}}
        near += len(touching)
        near_correct += len(touching & truth)
    recall = {name: hits / total for name, (hits, total) in found.items()}
    precision, precision_near = correct / made, near_correct / near
    with capsys.disabled():
        print("\n  nested mutation recall: " + ", ".join(
            f"{name} {recall[name]:.3f} ({found[name][0]}/{found[name][1]})" for name in found))
        print(f"  nested mutation precision: all links {precision:.3f} ({correct}/{made}), "
              f"links touching an edit {precision_near:.3f} ({near_correct}/{near})")
    assert all(total >= 25 for _hits, total in found.values()), found
    for name, floor in RECALL_FLOORS.items():
        assert recall[name] >= floor, f"{name} recall {recall[name]:.3f} is below {floor}"
    assert precision >= PRECISION_FLOOR
    assert precision_near >= PRECISION_NEAR_EDITS_FLOOR


def test_the_truth_is_whole(corpus: Corpus, frozen: Corpus) -> None:
    """The generator's own check: every old provision is in exactly one true link (nested mutants
    delete nothing), and every new one is too, except the sub-items brought in from another plan."""
    for mutant in mutants(corpus, frozen):
        old, new = parse_text(mutant.old, "old.md"), parse_text(mutant.new, "new.md")
        olds = sorted(label for link in mutant.truth for label in link[0])
        news = sorted(label for link in mutant.truth for label in link[1])
        assert olds == sorted(p.label for p in old.provisions)
        assert len(news) == len(set(news)) and set(news) <= {p.label for p in new.provisions}
        brought_in = {p.label for p in new.provisions if p.label not in news}
        assert all(new.provision(label).depth == 1 and label.endswith(".a") for label in brought_in), brought_in


# -- one of each edit, by hand ------------------------------------------------------------------

ZONE = "A demilitarized buffer zone 15 kilometres wide will be created along the line of contact:"
ARTILLERY = "Heavy artillery will be withdrawn at least 30 kilometres from the line of contact."
ARMOUR = "Armoured vehicles will be withdrawn at least 20 kilometres from the line of contact."
MINES = "Mines will be cleared from every road that crosses the zone."
CROSSINGS = "Civilians will be able to cross the line of contact at five agreed crossing points."
MISSION = "An international monitoring mission of 400 unarmed observers will verify the ceasefire."
SANCTIONS = "Sanctions on Russia will be lifted in stages while the ceasefire holds:"
STAGES = ["In the first stage, restrictions on agricultural exports will be lifted.",
          "In the second stage, restrictions on spare parts for civil aviation will be lifted.",
          "In the third stage, the ban on Russian ships in European ports will be lifted."]
CEASEFIRE = ("Russia and Ukraine will cease all hostilities on land, at sea and in the air from the day this "
             "framework is signed.")


def test_each_nested_edit_is_linked_and_classified() -> None:
    old: Outline = [
        (CEASEFIRE, []),
        (ZONE, [ARTILLERY, f"{ARMOUR[:-1]}, and m{MINES[1:]}", CROSSINGS]),
        (MISSION, []),
        (SANCTIONS, STAGES),
    ]
    new: Outline = [
        (CEASEFIRE, []),
        # 2.b split in two, the monitoring point demoted under the zone, the crossings promoted after it.
        (ZONE, [ARTILLERY, ARMOUR, MINES, MISSION]),
        (CROSSINGS, []),
        # A first stage put before the others shifts their letters; the last two are merged.
        (SANCTIONS, ["Before any stage, the joint commission will confirm that the ceasefire has held for 30 days.",
                     STAGES[0], f"{STAGES[1][:-1]}; {STAGES[2][0].lower()}{STAGES[2][1:]}"]),
    ]
    old_doc, new_doc = parse_text(outlined(old), "old.md"), parse_text(outlined(new), "new.md")
    kinds = {(c.link.from_labels, c.link.to_labels): c.kind for c in compare(old_doc, new_doc).changes}
    assert kinds == {
        (("1",), ("1",)): "identical",
        (("2",), ("2",)): "identical",
        (("2.a",), ("2.a",)): "identical",
        (("2.b",), ("2.b", "2.c")): "split",
        # The promoted crossings left their neighbours behind; the demoted mission kept its place in order.
        (("2.c",), ("3",)): "moved",
        (("3",), ("2.d",)): "renumbered",
        (("4",), ("4",)): "identical",
        ((), ("4.a",)): "added",
        (("4.a",), ("4.b",)): "renumbered",
        (("4.b", "4.c"), ("4.c",)): "merged",
    }

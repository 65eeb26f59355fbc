"""The generated parts of README.md, for cog (https://nedbatchelder.com/code/cog).

Each block in the README between `[[[cog` and `[[[end]]]` calls one function here, so the
command reference, the settings table and the figure tables come from the code and the data,
never from a hand edit. `tests/test_readme.py` runs `cog --check` so CI fails when they drift;
`make readme` rewrites them.

Figures that cost time to measure (start-up) are read from the JSON a benchmark wrote into
benchmarks/results/; figures that are cheap and deterministic (alignment F1) are computed here.
"""

from __future__ import annotations

import io
import json
import os
import tomllib
from contextlib import redirect_stdout, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("list", "show", "diff", "tag", "history", "report", "import", "annotate", "review")
ANNOTATE = ("confirm", "reject", "add", "retract", "list", "log", "export", "import", "agreement")


def _out(text: str) -> None:
    import cog  # type: ignore[import-not-found]  # provided by cogapp while it runs

    cog.out(text)


def command_help(command: str) -> str:
    """`cow-compare COMMAND --help` as printed at 100 columns (COMMAND may be `annotate confirm`)."""
    from typer.main import get_command

    from cow_compare.cli import app

    os.environ["COLUMNS"] = "100"
    buffer = io.StringIO()
    with redirect_stdout(buffer), suppress(SystemExit):
        get_command(app).main(args=[*command.split(), "--help"], prog_name="cow-compare", standalone_mode=False)
    return buffer.getvalue()


def command_reference() -> None:
    """One fenced help text per command, and per `annotate` command."""
    for command in (*COMMANDS, *(f"annotate {name}" for name in ANNOTATE)):
        _out(f"\n#### `cow-compare {command}`\n\n```\n{command_help(command).rstrip()}\n```\n")


def settings_table() -> None:
    """Every setting of data/settings.toml with its shipped value and the comment that explains it."""
    path = ROOT / "cow_compare" / "data" / "settings.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    _out("\n| setting | shipped value | what it does |\n| --- | --- | --- |\n")
    for section, values in table.items():
        if not isinstance(values, dict):
            continue
        for key, value in values.items():
            anchor = f"[{section}.{key}]" if isinstance(value, dict) else f"{key} ="
            at = next(i for i, line in enumerate(lines) if line.startswith(anchor))
            comment = []
            while at > 0 and lines[at - 1].startswith("#"):
                at -= 1
                comment.insert(0, lines[at].lstrip("# "))
            shown = _shown(value)
            _out(f"| `{section}.{key}` | {shown} | {' '.join(comment)} |\n")


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return f"{len(value)} entries"
    if isinstance(value, list):
        return f"{len(value)} words" if len(value) > 4 else ", ".join(f"`{v}`" for v in value)
    return f"`{value}`"


def alignment_table() -> None:
    """Link precision, recall and F1 against every gold file in tests/gold."""
    from cow_compare import Workspace

    ws = Workspace(ROOT / "proposals", tags=False)
    _out("\n| pair | relation | precision | recall | F1 |\n| --- | --- | --- | --- | --- |\n")
    for path in sorted((ROOT / "tests" / "gold").glob("*.toml")):
        gold_table = tomllib.loads(path.read_text(encoding="utf-8"))
        gold = {(tuple(link["from"]), tuple(link["to"])) for link in gold_table["link"]
                if link["from"] and link["to"]}
        report = ws.compare(gold_table["from"], gold_table["to"])
        got = {(c.link.from_labels, c.link.to_labels) for c in report.changes
               if c.link.from_labels and c.link.to_labels}
        hits = len(gold & got)
        precision = hits / len(got) if got else 0.0
        recall = hits / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        short = " -> ".join("-".join(x.split("-")[:2]) for x in (gold_table["from"], gold_table["to"]))
        _out(f"| {short} | {report.relation} | {precision:.3f} | {recall:.3f} | {f1:.3f} |\n")


def startup_table() -> None:
    """The figures benchmarks/bench_startup.py last wrote to benchmarks/results/startup.json."""
    figures = json.loads((ROOT / "benchmarks" / "results" / "startup.json").read_text(encoding="utf-8"))
    _out("\n| command | CPU time (median) | x `python -c pass` | target |\n| --- | --- | --- | --- |\n")
    for name, row in figures.items():
        target = f"under {row['target']:g}x" if row["target"] else ""
        _out(f"| `{name}` | {row['cpu_ms']:.0f} ms | {row['ratio']:.1f}x | {target} |\n")


def diff_speed_table() -> None:
    """The figures benchmarks/bench_diff.py last wrote to benchmarks/results/diff.json."""
    rows = json.loads((ROOT / "benchmarks" / "results" / "diff.json").read_text(encoding="utf-8"))
    _out("\n| provisions | parse | align + diff | peak memory | link recall / precision |\n"
         "| --- | --- | --- | --- | --- |\n")
    for row in rows:
        _out(f"| {row['old']:,} x {row['new']:,} | {row['parse_s']:.2f} s | {row['align_diff_s']:.2f} s | "
             f"{row['peak_mb']} MB | {row['recall']:.3f} / {row['precision']:.3f} |\n")


def tagging_table() -> None:
    """Tagging figures from tests/tagsets/figures.json: round 1's one held-out TEST measure, then the default's fit."""
    from cow_compare.tags.rules import DEFAULT_RULESET

    figures = json.loads((ROOT / "tests" / "tagsets" / "figures.json").read_text(encoding="utf-8"))
    now, v2, r1 = figures[DEFAULT_RULESET], figures["implications.v2"], figures["implications.v2.round1"]
    _out(f"\n| tag | round 1 TEST F1 (held out) | {DEFAULT_RULESET} dev+test precision | recall | F1 | "
         "TEST F1 | DEV F1 | corpus F1 | implications.v2 dev+test F1 (round 2) |\n"
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    for tag in ("MNF-U", "DMZ", "territory"):
        t = now["all"]["tags"][tag]
        _out(f"| {tag} | **{r1['test']['tags'][tag]['f1']:.3f}** | {t['precision']:.3f} | {t['recall']:.3f} | "
             f"{t['f1']:.3f} | {now['test']['tags'][tag]['f1']:.3f} | {now['dev']['tags'][tag]['f1']:.3f} | "
             f"{now['corpus']['tags'][tag]['f1']:.3f} | {v2['all']['tags'][tag]['f1']:.3f} |\n")
    _out(f"| polarity accuracy | **{r1['test']['polarity']:.3f}** | | | {now['all']['polarity']:.3f} | "
         f"{now['test']['polarity']:.3f} | {now['dev']['polarity']:.3f} | {now['corpus']['polarity']:.3f} | "
         f"{v2['all']['polarity']:.3f} |\n")
    _out(f"\nItems: TEST {now['test']['items']}, DEV {now['dev']['items']}, corpus {now['corpus']['items']} "
         "provisions. Every column but the first is fit on development data. The corpus gold gives one "
         "polarity per tag, so a second one the rules find (the E3's swaps and non-force) counts against it there.\n")


def heldout3_tagging_table() -> None:
    """tests/tagsets-heldout3: the TEST half beside the DEV half (rounds 4, 5 and 7 read it, so it
    is fit), implications.v5 on the TEST half (the default before round 8) and a second labeller."""
    _held_out_table("tagsets-heldout3", "rounds 4, 5 and 7 read it", "implications.v5", "a second labeller")


def heldout4_tagging_table() -> None:
    """tests/tagsets-heldout4: the TEST half beside the DEV half (rounds 6 and 7 read it, so it is
    fit), implications.v5 on the TEST half and a second reader."""
    _held_out_table("tagsets-heldout4", "rounds 6 and 7 read it", "implications.v5", "a second reader")


def heldout5_tagging_table() -> None:
    """tests/tagsets-heldout5: the TEST half beside the DEV half (round 7 read it, so it is fit),
    implications.v5 on the TEST half (round 8 read none of the set) and a second reader."""
    _held_out_table("tagsets-heldout5", "round 7 read it", "implications.v5", "a second reader")


def _f1s(scores: Any) -> str:
    """F1 of the three tags of a tests.tagsets.score.Scores, MNF-U / DMZ / territory."""
    return " / ".join(f"{scores.by_tag(t).f1:.3f}" for t in ("MNF-U", "DMZ", "territory"))


def new_writers_table() -> None:
    """tests/tagsets-heldout6 to -heldout15, computed now: ten writers who wrote after implications.v5.
    Round 8 read the DEV halves of heldout-6 to -9 and round 9 those of heldout-10 and -11, so their
    TEST halves are held out (the DEV half's fit beside); no rule was written from heldout-12 to -15,
    so each whole set is. The default's rules (implications.v7: the default's tags on every text) beside
    implications.v5 (the default before round 8) and a second reader of the same texts; the default's
    polarity beside, marked fit where its layer was trained on the set (heldout-6 to -9)."""
    import sys

    sys.path.insert(0, str(ROOT))
    from cow_compare.tags import DEFAULT_RULESET, load_named, make_tagger
    from tests.tagsets import heldout

    default = make_tagger()
    now, before = make_tagger(rules=load_named("implications.v7")), make_tagger(rules=load_named("implications.v5"))
    _out("\n| set (register) | held out | items | implications.v7 F1 MNF-U / DMZ / territory | polarity "
         f"| {DEFAULT_RULESET} polarity | precision (lowest) | implications.v5 F1 | polarity "
         "| DEV half F1 (fit: round 8 or 9 read it) | a second reader F1 | polarity |\n"
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    registers = {6: "news copy", 7: "legal drafting", 8: "translated and spoken", 9: "analysis and social posts",
                 10: "official and diplomatic", 11: "translated, spoken and posted", 12: "analysis and testimony",
                 13: "security coverage", 14: "explainers and reference", 15: "headlines, alerts and bulletins"}
    for n, register in registers.items():
        where = ROOT / "tests" / f"tagsets-heldout{n}"
        held = "test" if n <= 11 else None
        a, b = heldout.half_scores(now, where, held), heldout.half_scores(before, where, held)
        layered = heldout.half_scores(default, where, held).polarity
        shown = f"{layered:.3f} (fit: its layer was trained on the set)" if where.name in heldout.LAYER_SEEN \
            else f"**{layered:.3f}**"
        people = heldout.second_labeller_scores(where, held)
        fit = _f1s(heldout.half_scores(now, where, "dev")) if held else "none read"
        lowest = min(a.by_tag(t).precision for t in ("MNF-U", "DMZ", "territory"))
        _out(f"| heldout-{n} ({register}) | {'TEST half' if held else 'whole set'} | {a.items} | **{_f1s(a)}** | "
             f"{a.polarity:.3f} | {shown} | {lowest:.3f} | {_f1s(b)} | {b.polarity:.3f} | {fit} | {_f1s(people)} | "
             f"{people.polarity:.3f} |\n")


def pooled_table() -> None:
    """Every held-out item at once, computed now. On the parts no learned layer was trained on
    (tests.tagsets.heldout.UNSEEN_BY_LAYER): the default (v7's rules, v8's layer held to the
    polarities a rule voted for), v7 alone and v8. On every held-out part (HELD_OUT): v7, whose tags
    the default shows on every text, v5 and a second reader."""
    import sys

    sys.path.insert(0, str(ROOT))
    from cow_compare.tags import DEFAULT_RULESET, load_named, make_tagger
    from tests.tagsets import heldout

    unseen = heldout.UNSEEN_BY_LAYER
    v7 = make_tagger(rules=load_named("implications.v7"))
    rows = [(f"**{DEFAULT_RULESET}** (the default: v7's rules, v8's layer held to their votes)",
             heldout.pooled_scores(make_tagger(), unseen), "no layer's"),
            ("implications.v7 (the rules alone)", heldout.pooled_scores(v7, unseen), "no layer's"),
            ("implications.v8 (v7 and the layer unheld)",
             heldout.pooled_scores(make_tagger(rules=load_named("implications.v8")), unseen), "no layer's"),
            ("implications.v7 (the default's tags)", heldout.pooled_scores(v7), "all"),
            ("implications.v5", heldout.pooled_scores(make_tagger(rules=load_named("implications.v5"))), "all"),
            ("a second reader of the same texts", heldout.pooled_scores(None, labels="second-labeller.jsonl"), "all")]
    _out("\n| tagger | held-out parts | items | MNF-U P / R / F1 | DMZ P / R / F1 | territory P / R / F1 | polarity |\n"
         "| --- | --- | --- | --- | --- | --- | --- |\n")
    for name, s, parts in rows:
        cells = " | ".join(f"{s.by_tag(t).precision:.3f} / {s.by_tag(t).recall:.3f} / **{s.by_tag(t).f1:.3f}**"
                           for t in ("MNF-U", "DMZ", "territory"))
        where = f"all {len(heldout.HELD_OUT)}" if parts == "all" else f"the {len(unseen)} no layer was trained on"
        _out(f"| {name} | {where} | {s.items:,} | {cells} | **{s.polarity:.3f}** |\n")


def layer_table(layered: str = "implications.v6", rules: str = "implications.v5") -> None:
    """A set with a learned layer (implications.v6: v5's rules and a layer over their polarities;
    implications.v8: the same on v7's) against its rules alone, on the TEST halves neither the layer
    nor its trainer saw, and on heldout-10 to -15, written after it was trained, computed now."""
    import sys

    sys.path.insert(0, str(ROOT))
    from cow_compare.tags import load_named, make_tagger
    from tests.tagsets import heldout

    new, old = (make_tagger(rules=load_named(name)) for name in (layered, rules))
    short, base = layered.removeprefix("implications."), rules.removeprefix("implications.")
    _out(f"\n| held out | items | polarity accuracy {base} | **{short}** | MNF-U | DMZ | territory ({short} polarity per "
         "tag) | F1 MNF-U / DMZ / territory (both) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
    for n in (3, 4, 5, 10, 11, 12, 13, 14, 15):
        where = ROOT / "tests" / f"tagsets-heldout{n}"
        held = "test" if n <= 5 else None  # heldout-10 to -15 arrived after the layers were trained
        a, b = heldout.half_scores(new, where, held), heldout.half_scores(old, where, held)
        per_tag = " | ".join(f"{a.by_tag(t).polarity:.3f}" for t in ("MNF-U", "DMZ", "territory"))
        _out(f"| heldout-{n} {'TEST half' if held else 'whole set'} | {a.items} | {b.polarity:.3f} | **{a.polarity:.3f}** | "
             f"{per_tag} | {_f1s(a)} |\n")


def _held_out_table(folder: str, dev_read_by: str, before_rules: str, second: str) -> None:
    """A held-out set's table, computed now: the default rule set on the TEST half (the accuracy the
    README reports), the DEV half's fit, an earlier rule set on the TEST half, and how far a second
    person agrees with the writer on the TEST half."""
    import sys

    sys.path.insert(0, str(ROOT))
    from cow_compare.tags import DEFAULT_RULESET, load_named, make_tagger
    from tests.tagsets import heldout

    where = ROOT / "tests" / folder
    tagger = make_tagger()
    test, dev = heldout.half_scores(tagger, where, "test"), heldout.half_scores(tagger, where, "dev")
    before = heldout.half_scores(make_tagger(rules=load_named(before_rules)), where, "test")
    people = heldout.second_labeller_scores(where, "test")
    _out(f"\n| tag | {DEFAULT_RULESET} on the TEST half: P / R / F1 (held out) | DEV half F1 (fit: {dev_read_by}) "
         f"| {before_rules} on the TEST half: F1 | {second} on the TEST half: F1 | target |\n"
         "| --- | --- | --- | --- | --- | --- |\n")
    for tag in ("MNF-U", "DMZ", "territory"):
        t = test.by_tag(tag)
        _out(f"| {tag} | {t.precision:.3f} / {t.recall:.3f} / **{t.f1:.3f}** | {dev.by_tag(tag).f1:.3f} | "
             f"{before.by_tag(tag).f1:.3f} | {people.by_tag(tag).f1:.3f} | 0.90 |\n")
    _out(f"| polarity accuracy | **{test.polarity:.3f}** | {dev.polarity:.3f} | {before.polarity:.3f} | "
         f"{people.polarity:.3f} | 0.90 |\n")
    _out(f"\nTEST half {test.items} items, DEV half {dev.items} items.\n")


def heldout_tagging_table() -> None:
    """tests/tagsets-heldout, computed now: implications.v2's one unseen measure (round 2), and the default's fit.

    The set was held out in round 2 only; round 3 tuned the default rule set on it, so its column
    is fit, and the table says so.
    """
    import sys

    sys.path.insert(0, str(ROOT))
    from cow_compare.tags import DEFAULT_RULESET, load_named, make_tagger
    from tests.test_tags_heldout import heldout_scores

    then = heldout_scores(make_tagger(rules=load_named("implications.v2")), as_written=True)
    now = heldout_scores(make_tagger())
    _out(f"\n| tag | implications.v2 P / R / F1 (round 2: held out, measured once) | "
         f"{DEFAULT_RULESET} P / R / F1 (fit: tuned on it) |\n| --- | --- | --- |\n")
    for tag in ("MNF-U", "DMZ", "territory"):
        t, u = then.by_tag(tag), now.by_tag(tag)
        _out(f"| {tag} | {t.precision:.3f} / {t.recall:.3f} / **{t.f1:.3f}** | "
             f"{u.precision:.3f} / {u.recall:.3f} / {u.f1:.3f} |\n")
    _out(f"| polarity accuracy | **{then.polarity:.3f}** | {now.polarity:.3f} |\n")
    _out(f"\n{now.items} items. Only the first column was ever measured unseen (on the labels as written then;\n"
         "the second is on the labels since relabelled under settled definitions: tagsets.split.labels_of).\n")


def decisions_speed_table() -> None:
    """The figures benchmarks/bench_decisions.py last wrote to benchmarks/results/decisions.json."""
    figures = json.loads((ROOT / "benchmarks" / "results" / "decisions.json").read_text(encoding="utf-8"))
    _out(f"\n| command | no store | {figures['decisions']:,} decisions, store unchanged since the last run | "
         "the store just changed | target |\n| --- | --- | --- | --- | --- |\n")
    for row in figures["commands"]:
        _out(f"| `{row['command']}` | {row['without_ms']:.0f} ms | {row['unchanged_ms']:.0f} ms "
             f"({row['unchanged_added']:+.1%}) | {row['changed_ms']:.0f} ms ({row['changed_added']:+.1%}) | "
             f"under {row['target']:.0%} |\n")


def review_speed_table() -> None:
    """The figures benchmarks/bench_review.py last wrote to benchmarks/results/review.json."""
    f = json.loads((ROOT / "benchmarks" / "results" / "review.json").read_text(encoding="utf-8"))
    _out(f"\n| request ({f['provisions']} provisions of {f['versions']} versions) | median | worst of {f['runs']} | "
         "target |\n| --- | --- | --- | --- |\n"
         f"| the queue page | {f['queue_ms']:.0f} ms | {f['queue_max_ms']:.0f} ms | under {f['queue_target_ms']} ms |\n"
         f"| the queue page right after a decision | {f['queue_after_decision_ms']:.0f} ms | | "
         f"under {f['queue_target_ms']} ms |\n"
         f"| a decision's round trip | {f['decide_ms']:.0f} ms | {f['decide_max_ms']:.0f} ms | "
         f"under {f['decide_target_ms']} ms |\n")


_ADVERSARIAL = {
    "identical-self": "a document whose provisions all say the same, against itself",
    "repeated-reworded": "the same, against every copy reworded and renumbered",
    "huge-vs-small": "a long document against its first ten provisions",
    "long-dissimilar": "two long provisions, same words in another order",
    "many-tokens": "one provision of more distinct tokens than characters can map",
}


def adversarial_table() -> None:
    """The figures benchmarks/bench_adversarial.py last wrote to benchmarks/results/adversarial.json."""
    rows = json.loads((ROOT / "benchmarks" / "results" / "adversarial.json").read_text(encoding="utf-8"))
    _out("\n| case | sizes | time | exponent |\n| --- | --- | --- | --- |\n")
    for row in rows:
        small, large = row["sizes"]
        unit = "distinct tokens" if row["unit"].startswith("distinct") else row["unit"]
        first, second = row["total_s"]
        _out(f"| {_ADVERSARIAL.get(row['case'], row['case'])} | {small:,} / {large:,} {unit} | "
             f"{first:.1f} s / {second:.1f} s | {row['exponent']:.2f} |\n")

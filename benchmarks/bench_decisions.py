"""What applying analysts' decisions costs `tag` and `diff`, with 10,000 decisions in the store.

A copy of the shipped corpus gets a store of generated decisions (five analysts confirming,
rejecting and adding tags on every version, changing their minds, retracting some), and each
command is run as a whole process, with and without the store (`--store off`) back to back, many
times, timing CPU (user + system, from wait4) as bench_startup.py does, with compiled modules
cached as an installation has them. With the store, twice: unchanged since the last run (the
standings come from the cache, `decisions/cache.py`) and just changed (the cache holds nothing for
it: the store is read and the decisions carried through the lineage). The times shown are medians;
the share added is the median of each run's ratio to the run without decisions beside it, which
the machine's changing load affects far less than a ratio of medians.

    python benchmarks/bench_decisions.py [--decisions 10000] [--runs 15] [--json FILE]

Target from the issue: decisions add under 10% to `tag` and `diff`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_startup import cpu_seconds  # noqa: E402
from cow_compare import Workspace  # noqa: E402
from cow_compare.decisions.record import new_uid  # noqa: E402
from cow_compare.decisions.store import DecisionStore  # noqa: E402
from cow_compare.model import TAG_POLARITIES, Decision  # noqa: E402

COMMANDS: dict[str, list[str]] = {
    "tag us-28": ["tag", "us-28"],
    "tag ua-20": ["tag", "ua-20"],
    "diff us-28 eu-e3": ["diff", "us-28", "eu-e3"],
    "diff usua-19 ua-20": ["diff", "usua-19", "ua-20"],
}
TARGET = 0.10
ANALYSTS = ("alice", "bob", "carol", "dana", "eve")


def fill(store: Path, corpus: Path, count: int, seed: int = 7) -> int:
    """Write `count` events on the corpus's provisions into a new store; return how many were retractions."""
    ws = Workspace(corpus, store="off")
    rng = random.Random(seed)
    choices = []
    for doc in ws.documents():
        for p in ws.tag(doc).provisions:
            for t in p.own:
                choices.append((p.provision, t.tag, t.polarity, t.rule, True))
            tag = rng.choice(sorted(TAG_POLARITIES))
            choices.append((p.provision, tag, rng.choice(TAG_POLARITIES[tag]), "", False))
    events: list[Decision] = []
    retracted = 0
    for n in range(count):
        provision, tag, polarity, rule, by_rule = rng.choice(choices)
        at = f"2025-12-{1 + n * 28 // count:02d}T{n % 24:02d}:{n % 60:02d}:00.{n:06d}Z"
        if events and rng.random() < 0.05:
            target = rng.choice(events)
            if target.action != "retract":
                events.append(Decision(0, new_uid(), at, target.analyst, "retract", target.doc, target.label,
                                       target.fingerprint, target.tag, target.polarity, retracts=target.uid))
                retracted += 1
                continue
        action = rng.choice(("confirm", "reject")) if by_rule else "add"
        events.append(Decision(0, new_uid(), at, rng.choice(ANALYSTS), action, provision.doc,  # type: ignore[arg-type]
                               provision.label, provision.fingerprint, tag, polarity, rule=rule,
                               ruleset="implications.v1", why="generated"))
    with DecisionStore(store, write=True) as db:
        for at in range(0, len(events), 1000):
            db.append(events[at:at + 1000])
    return retracted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cow-bench-decisions-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(ROOT / "proposals", corpus)
        store = work / "decisions.sqlite"
        # As installed: compiled modules are cached (PYTHONDONTWRITEBYTECODE would compile every import).
        env = {k: v for k, v in os.environ.items() if not k.startswith("COW_COMPARE_") and k != "PYTHONDONTWRITEBYTECODE"}
        env["COW_COMPARE_CACHE"] = str(work / "cache")
        env["COW_COMPARE_CORPUS"] = str(corpus)
        env["PYTHONPATH"] = str(ROOT)
        retracted = fill(store, corpus, args.decisions)
        python = sys.executable
        runs: dict[tuple[str, str], list[float]] = {}
        cache = work / "cache"
        variants = {"without": ["--store", "off"], "unchanged": ["--store", str(store)],
                    "changed": ["--store", str(store)]}

        def run(extra: list[str], variant: str) -> float:
            if variant == "changed":  # as right after a decision: the standings cache holds nothing for it
                for entry in cache.glob("dec-*.json"):
                    entry.unlink()
            return cpu_seconds([python, "-m", "cow_compare", *extra, *variants[variant]], env)

        for extra in COMMANDS.values():  # warm the caches (tags, comparisons) and the OS file cache
            for variant in variants:
                run(extra, variant)
        added: dict[tuple[str, str], list[float]] = {}
        for n in range(args.runs):
            for name, extra in COMMANDS.items():
                # Runs back to back, in alternating order: the machine's load drifts, and each ratio to
                # the run without decisions beside it cancels what the drift does to both.
                order = list(variants) if n % 2 == 0 else list(reversed(variants))
                times = {variant: run(extra, variant) for variant in order}
                for variant, seconds in times.items():
                    runs.setdefault((name, variant), []).append(seconds)
                for variant in ("unchanged", "changed"):
                    added.setdefault((name, variant), []).append(times[variant] / times["without"] - 1)
        print(f"{args.decisions:,} decisions ({retracted} retractions) by {len(ANALYSTS)} analysts on every version")
        print(f"{'command':<20} {'no store':>9} {'unchanged store':>16} {'just changed':>14} {'target':>7}")
        figures = []
        for name in COMMANDS:
            row: dict[str, object] = {"command": name, "target": TARGET}
            cells = []
            for variant in variants:
                median = statistics.median(runs[(name, variant)])
                row[f"{variant}_ms"] = round(median * 1000, 1)
                if variant == "without":
                    cells.append(f"{median * 1000:>6.0f} ms")
                    continue
                share = statistics.median(added[(name, variant)])
                row[f"{variant}_added"] = round(share, 3)
                cells.append(f"{median * 1000:>4.0f} ms {share:>+6.1%}")
            ok = max(float(row["unchanged_added"]), float(row["changed_added"])) < TARGET  # type: ignore[arg-type]
            print(f"{name:<20} {cells[0]:>9} {cells[1]:>16} {cells[2]:>14} {'ok' if ok else 'MISSED':>7}")
            figures.append(row)
        if args.json:
            args.json.write_text(json.dumps({"decisions": args.decisions, "runs": args.runs, "commands": figures},
                                            indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

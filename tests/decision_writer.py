"""A process that records decisions in a store, for the concurrency and crash tests (run as a script).

    python -m tests.decision_writer STORE WRITER COUNT BATCH [--stall-after N]

Writes COUNT confirm events as analyst `writer-WRITER`, BATCH to a transaction, on the provisions
of the shipped US draft in turn. With --stall-after N it prints "stalled" after N events of its
second batch and sleeps inside the open transaction, so a test can kill it mid-write.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cow_compare.decisions.record import new_uid, now
from cow_compare.decisions.store import DecisionStore
from cow_compare.intake.corpus import load_corpus
from cow_compare.model import Decision

ROOT = Path(__file__).resolve().parent.parent


def events(writer: int, first: int, count: int, labels: list[tuple[str, str]], stall_after: int | None) -> Iterator[Decision]:
    for n in range(first, first + count):
        if stall_after is not None and n - first == stall_after:
            sys.stdout.write("stalled\n")
            sys.stdout.flush()
            time.sleep(120)
        label, fingerprint = labels[n % len(labels)]
        yield Decision(0, new_uid(), now(), f"writer-{writer}", "confirm", "us-28-2025-11-20", label, fingerprint,
                       "MNF-U", "prohibits", why=f"{writer}/{n}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("writer", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("batch", type=int)
    parser.add_argument("--stall-after", type=int)
    args = parser.parse_args()
    doc = load_corpus(ROOT / "proposals").documents["us-28-2025-11-20"]
    labels = [(p.label, p.fingerprint) for p in doc.provisions]
    with DecisionStore(args.store, write=True) as store:
        for batch, first in enumerate(range(0, args.count, args.batch)):
            stall = args.stall_after if batch == 1 else None
            store.append(events(args.writer, first, min(args.batch, args.count - first), labels, stall))
    sys.stdout.write("done\n")


if __name__ == "__main__":
    main()

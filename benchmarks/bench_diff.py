"""Times alignment plus diff on generated documents of N provisions (not part of the test run).

Usage: .venv/bin/python benchmarks/bench_diff.py 200 2000 [20000] [--json FILE]

The old version is N of the corpus's own sentences, each made distinct by a seeded place and
day at its start and a schedule number at its end.
The new version comes from the tests' mutation generator (tests/mutate.py): about 8% each of
deletions, synonym rewordings, splits and merges, moves far across the document, and inserts.
Recall against the generator's truth is printed beside the times.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cow_compare import load_corpus, parse_text  # noqa: E402
from cow_compare.pipeline import compare  # noqa: E402
from tests.mutate import mutate  # noqa: E402

PLACES = ["Kharkiv", "Sumy", "Kherson", "Donetsk", "Luhansk", "Mykolaiv", "Odesa", "Crimea", "Poltava", "Chernihiv"]


def documents(n: int, seed: int = 7) -> tuple[str, str, set[tuple[tuple[str, ...], tuple[str, ...]]]]:
    rng = random.Random(seed)
    corpus = load_corpus().documents
    sentences = [p.text for d in corpus.values() for p in d.provisions if len(p.text) > 40]
    # Real plans do not repeat a sentence; the marker at both ends keeps both halves of a split
    # as distinct as the provisions of a real plan are.
    old = [f"In {rng.choice(PLACES)} from day {k}: {rng.choice(sentences)} (Schedule {k}.)" for k in range(n)]
    pool = [f"A new provision on {rng.choice(PLACES)} number {rng.randrange(10**6)}." for _ in range(max(4, n // 10))]
    mutant = mutate(old, pool, seed)
    return mutant.old, mutant.new, set(mutant.truth)


def main() -> None:
    args = sys.argv[1:]
    out = Path(args.pop(args.index("--json") + 1)) if "--json" in args else None
    args = [a for a in args if a != "--json"]
    rows = []
    for n in [int(a) for a in args] or [200, 2000]:
        old_text, new_text, truth = documents(n)
        start = time.perf_counter()
        old, new = parse_text(old_text, "old.md"), parse_text(new_text, "new.md")
        parsed = time.perf_counter()
        report = compare(old, new)
        done = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        got = {(c.link.from_labels, c.link.to_labels) for c in report.changes if c.link.from_labels and c.link.to_labels}
        recall, precision = len(truth & got) / len(truth), len(truth & got) / len(got)
        print(f"{n:>6} x {len(new.provisions):>6}: parse {parsed - start:6.2f} s, align+diff {done - parsed:6.2f} s, "
              f"peak memory {peak:6.0f} MB, link recall {recall:.3f}, precision {precision:.3f}")
        rows.append({"old": n, "new": len(new.provisions), "parse_s": round(parsed - start, 2),
                     "align_diff_s": round(done - parsed, 2), "peak_mb": round(peak), "recall": round(recall, 3),
                     "precision": round(precision, 3)})
    if out is not None:
        out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

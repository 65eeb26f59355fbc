"""Times parse + align + word diff on adversarial inputs at two sizes and prints the growth exponent.

Usage: .venv/bin/python benchmarks/bench_adversarial.py [--json FILE] [--quick]

The cases are those of issue 14 that used to take quadratic time or worse:

- `identical-self`: a document whose provisions all say the same thing, compared with itself;
- `repeated-reworded`: the same, against a version with every copy reworded and renumbered, so
  that no pass but the fuzzy one can link them (every provision a candidate of every other);
- `huge-vs-small`: a long document against one holding only its first ten provisions;
- `long-dissimilar`: two long provisions at the same number with the same words in another
  order, linked to each other and diffed word by word;
- `many-tokens`: a provision of more distinct tokens than diff-match-patch's character mapping
  can hold (over 137,000), against itself with every fiftieth token changed.

Each case runs at two sizes; the exponent is log(t2 / t1) / log(n2 / n1) of the CPU time of
parse + compare (1.0: linear; 2.0: quadratic), the smallest of three runs, with the garbage
collector paused while a run is timed (as `timeit` does), so that other work on the machine and
collection pauses weigh as little as they can. The limits are raised for
the long-provision cases (`[limits]` would refuse them by default). The figures are written to
benchmarks/results/adversarial.json with --json.
"""

from __future__ import annotations

import gc
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cow_compare import parse_text  # noqa: E402
from cow_compare.pipeline import compare  # noqa: E402
from cow_compare.settings import shipped_settings  # noqa: E402

SENTENCE = "The parties will observe the ceasefire along the line of contact in Zaporizhzhia."
LIMITS = replace(shipped_settings().limits, max_provision_characters=10**8, max_file_bytes=10**9)
"""Raised, so that the long-provision cases reach the diff instead of being refused."""


def identical_self(n: int) -> tuple[str, str]:
    text = "".join(f"{k}. {SENTENCE}\n" for k in range(1, n + 1))
    return text, text


def repeated_reworded(n: int) -> tuple[str, str]:
    old = "".join(f"{k}. {SENTENCE}\n" for k in range(1, n + 1))
    new = "".join(f"- {SENTENCE.replace('observe', 'respect')}\n" for _ in range(n))
    return old, new


def huge_vs_small(n: int) -> tuple[str, str]:
    rng = random.Random(3)
    places = ["Kharkiv", "Sumy", "Kherson", "Donetsk", "Luhansk", "Mykolaiv", "Odesa", "Poltava"]
    old = "".join(f"{k}. In {rng.choice(places)}, crossing point {k} opens for civilians on day {k * 7}.\n"
                  for k in range(1, n + 1))
    return old, "".join(line + "\n" for line in old.splitlines()[:10])


def long_dissimilar(n: int) -> tuple[str, str]:
    rng = random.Random(5)
    words = [f"w{rng.randrange(n)}" for _ in range(n)]
    shuffled = words[:]
    rng.shuffle(shuffled)
    return "1. " + " ".join(words) + "\n", "1. " + " ".join(shuffled) + "\n"


def many_tokens(n: int) -> tuple[str, str]:
    words = [f"t{k}" for k in range(n)]
    changed = [f"u{k}" if k % 50 == 0 else w for k, w in enumerate(words)]
    return "1. " + " ".join(words) + "\n", "1. " + " ".join(changed) + "\n"


CASES: list[tuple[str, Callable[[int], tuple[str, str]], str, tuple[int, int]]] = [
    ("identical-self", identical_self, "provisions", (8_000, 32_000)),
    ("repeated-reworded", repeated_reworded, "provisions", (2_000, 8_000)),
    ("huge-vs-small", huge_vs_small, "provisions", (8_000, 32_000)),
    ("long-dissimilar", long_dissimilar, "words", (20_000, 80_000)),
    ("many-tokens", many_tokens, "distinct tokens", (40_000, 160_000)),
]


def measure(make: Callable[[int], tuple[str, str]], n: int) -> tuple[float, float, Counter[str]]:
    """(parse seconds, compare seconds, kinds) in CPU time, the smallest of three runs."""
    old_text, new_text = make(n)
    best: tuple[float, float, Counter[str]] | None = None
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            old, new = parse_text(old_text, "old.md", limits=LIMITS), parse_text(new_text, "new.md", limits=LIMITS)
            parsed = time.process_time()
            report = compare(old, new)
            done = time.process_time()
        finally:
            gc.enable()
        run = (parsed - start, done - parsed, Counter(c.kind for c in report.changes))
        if best is None or run[0] + run[1] < best[0] + best[1]:
            best = run
    assert best is not None
    return best


def main() -> None:
    args = sys.argv[1:]
    out = Path(args.pop(args.index("--json") + 1)) if "--json" in args else None
    quick = "--quick" in args
    rows = []
    print(f"{'case':<18} {'size':>16} {'parse':>8} {'compare':>8} {'total':>8}   exponent   result")
    for name, make, unit, (small, large) in CASES:
        if quick:
            small, large = small // 8, large // 8
        figures = []
        for n in (small, large):
            parse_s, compare_s, kinds = measure(make, n)
            figures.append((n, parse_s, compare_s, kinds))
        (n1, p1, c1, _), (n2, p2, c2, kinds) = figures
        exponent = math.log((p2 + c2) / (p1 + c1)) / math.log(n2 / n1)
        for n, parse_s, compare_s, found in figures:
            mark = f"{exponent:8.2f}" if n == n2 else " " * 8
            shown = ", ".join(f"{count} {kind}" for kind, count in found.most_common(2))
            print(f"{name:<18} {n:>10,} {unit[:5]:<5} {parse_s:7.2f}s {compare_s:7.2f}s {parse_s + compare_s:7.2f}s"
                  f"   {mark}   {shown}")
        rows.append({"case": name, "unit": unit, "sizes": [n1, n2],
                     "parse_s": [round(p1, 2), round(p2, 2)], "compare_s": [round(c1, 2), round(c2, 2)],
                     "total_s": [round(p1 + c1, 2), round(p2 + c2, 2)], "exponent": round(exponent, 2),
                     "result": dict(kinds.most_common())})
    if out is not None:
        out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

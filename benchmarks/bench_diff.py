"""Times alignment plus diff on generated documents of N provisions (not part of the test run).

Usage: .venv/bin/python benchmarks/bench_diff.py 200 2000 [20000]

Each document is built from the corpus's own sentences, varied by a seeded generator so every
provision is distinct; the new version renumbers, rewords, deletes and inserts about 10% of them.
"""

from __future__ import annotations

import random
import resource
import sys
import time

from cow_compare import load_corpus, parse_text
from cow_compare.pipeline import compare

PLACES = ["Kharkiv", "Sumy", "Kherson", "Donetsk", "Luhansk", "Mykolaiv", "Odesa", "Crimea", "Poltava", "Chernihiv"]


def documents(n: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    sentences = [p.text for d in load_corpus().documents.values() for p in d.provisions if len(p.text) > 40]
    old = [f"{rng.choice(sentences)} This applies in {rng.choice(PLACES)} from day {k}." for k in range(n)]
    new = []
    for text in old:
        roll = rng.random()
        if roll < 0.03:
            continue  # deleted
        if roll < 0.06:
            new.append(text.replace(" will ", " may ", 1))  # modality changed
        elif roll < 0.09:
            new.append(f"{text} Monitors report weekly.")  # clause added
        else:
            new.append(text)
        if rng.random() < 0.02:
            new.append(f"A new provision on {rng.choice(PLACES)} number {rng.randrange(10**6)}.")
    body = lambda texts: "\n".join(f"{k}. {t}" for k, t in enumerate(texts, 1)) + "\n"  # noqa: E731
    return body(old), body(new)


def main() -> None:
    for n in [int(a) for a in sys.argv[1:]] or [200, 2000]:
        old_text, new_text = documents(n)
        start = time.perf_counter()
        old, new = parse_text(old_text, "old.md"), parse_text(new_text, "new.md")
        parsed = time.perf_counter()
        report = compare(old, new)
        done = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>6} x {len(new.provisions):>6}: parse {parsed - start:6.2f} s, align+diff {done - parsed:6.2f} s, "
              f"peak memory {peak:6.0f} MB, {sum(1 for c in report.changes if c.kind != 'identical')} changes")


if __name__ == "__main__":
    main()

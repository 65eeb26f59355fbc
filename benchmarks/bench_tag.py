"""Times tagging (not part of the test run): the whole corpus in a fresh process, spaCy's start
included, and throughput on generated provisions tagged with `nlp.pipe`.

Usage: .venv/bin/python benchmarks/bench_tag.py [N ...]     (default N = 10000)

The generated provisions are the corpus's own sentences with a place and a clause varied by a seeded
generator, so every one is distinct and about as long as a real provision.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time

from cow_compare import load_corpus

PLACES = ["Kharkiv", "Sumy", "Kherson", "Donetsk", "Luhansk", "Mykolaiv", "Odesa", "Crimea", "Poltava", "Chernihiv"]
CLAUSES = ["", " This applies from day {k}.", " Monitors report weekly on {place}.",
           " Foreign troops will not be stationed in {place}.", " Russian forces leave {place} within {k} days."]

WHOLE_CORPUS = """
import time
start = time.perf_counter()
from cow_compare import load_corpus
from cow_compare.tags import make_tagger
corpus = load_corpus()
tagger = make_tagger()
built = time.perf_counter()
count = sum(len(tagger.tag_document(corpus.documents[i]).provisions) for i in corpus.ids)
done = time.perf_counter()
print(f"{count} {built - start:.3f} {done - built:.3f}")
"""


def generated(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    sentences = [p.text for d in load_corpus().documents.values() for p in d.provisions if len(p.text) > 40]
    return [rng.choice(sentences) + rng.choice(CLAUSES).format(k=k, place=rng.choice(PLACES)) for k in range(n)]


def whole_corpus() -> None:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", WHOLE_CORPUS], capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    count, setup, tagging = out.split()
    print(f"whole corpus, fresh process: {wall:.2f} s wall ({count} provisions; imports, spaCy and rule "
          f"compilation {float(setup):.2f} s, tagging {float(tagging):.2f} s)")


def throughput(n: int) -> None:
    from cow_compare.tags import make_tagger

    tagger = make_tagger()
    texts = generated(n)
    start = time.perf_counter()
    tagged = sum(1 for tags in tagger.tag_texts(texts) if tags)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:>7} generated provisions: {seconds:6.2f} s, {n / seconds:8.0f} provisions/s, "
          f"{tagged} tagged, peak memory {peak:4.0f} MB")


def main() -> None:
    whole_corpus()
    for n in [int(a) for a in sys.argv[1:]] or [10000]:
        throughput(n)


if __name__ == "__main__":
    main()

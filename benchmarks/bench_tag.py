"""Times tagging (not part of the test run): the whole corpus in a fresh process, spaCy's start
included, a warm run answered by the tag cache (spaCy not loaded), and throughput on generated
provisions tagged with `nlp.pipe`.

Usage: .venv/bin/python benchmarks/bench_tag.py [--rules implications.v1] [N ...]     (default N = 10000)

The generated provisions are the corpus's own sentences with a place and a clause varied by a seeded
generator, so every one is distinct and about as long as a real provision.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time

from cow_compare import load_corpus

PLACES = ["Kharkiv", "Sumy", "Kherson", "Donetsk", "Luhansk", "Mykolaiv", "Odesa", "Crimea", "Poltava", "Chernihiv"]
CLAUSES = ["", " This applies from day {k}.", " Monitors report weekly on {place}.",
           " Foreign troops will not be stationed in {place}.", " Russian forces leave {place} within {k} days."]

WHOLE_CORPUS = """
import sys, time
start = time.perf_counter()
from cow_compare import load_corpus
from cow_compare.tags import load_with_extras
from cow_compare.tags.cache import CachedTagger
corpus = load_corpus()
tagger = CachedTagger(load_with_extras(sys.argv[1:]))
built = time.perf_counter()
count = sum(len(tagger.tag_document(corpus.documents[i]).provisions) for i in corpus.ids)
done = time.perf_counter()
print(f"{count} {built - start:.3f} {done - built:.3f} {'spacy' in sys.modules}")
"""


def generated(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    sentences = [p.text for d in load_corpus().documents.values() for p in d.provisions if len(p.text) > 40]
    return [rng.choice(sentences) + rng.choice(CLAUSES).format(k=k, place=rng.choice(PLACES)) for k in range(n)]


def whole_corpus(rules: list[str]) -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "COW_COMPARE_CACHE": cache}
        for run in ("cold", "warm"):
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", WHOLE_CORPUS, *rules], capture_output=True, text=True,
                                 check=True, env=env).stdout
            wall = time.perf_counter() - start
            count, setup, tagging, spacy = out.split()
            print(f"whole corpus, fresh process, {run} tag cache: {wall:.2f} s wall ({count} provisions; imports and "
                  f"rules {float(setup):.2f} s, tagging {float(tagging):.2f} s; spaCy "
                  f"{'loaded' if spacy == 'True' else 'not loaded'})")


def throughput(n: int, rules: list[str]) -> None:
    from cow_compare.tags import make_tagger

    tagger = make_tagger(rules)
    texts = generated(n)
    start = time.perf_counter()
    tagged = sum(1 for tags in tagger.tag_texts(texts) if tags)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:>7} generated provisions ({tagger.rules.name}): {seconds:6.2f} s, {n / seconds:8.0f} provisions/s, "
          f"{tagged} tagged, peak memory {peak:4.0f} MB")


def main() -> None:
    args = sys.argv[1:]
    rules = [args.pop(args.index("--rules") + 1)] if "--rules" in args else []
    args = [a for a in args if a != "--rules"]
    whole_corpus(rules)
    for n in [int(a) for a in args] or [10000]:
        throughput(n, rules)


if __name__ == "__main__":
    main()

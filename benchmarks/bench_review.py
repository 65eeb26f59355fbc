"""How fast the review page answers on the whole shipped corpus: the queue page, and a decision's round trip.

The app is built by `create_app` over a copy of the shipped corpus with a store of its own, and
requests go through Starlette's TestClient (the ASGI app in process: no socket, no browser), so the
time is the server's own, plus the client's small share. The first queue request tags every version
(or reads the tag cache) and is not counted. A round trip is one POST /api/decide (a confirmation,
then a rejection, alternating on the first provisions of the queue) answered with the provision
redrawn; every write reaches SQLite before the answer. The queue is timed again right after
a decision, when the decisions in force are read and carried through the lineage afresh.

    python benchmarks/bench_review.py [--runs 30] [--json FILE]

Targets from the issue: the queue page under 200 ms, a decision's round trip under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from cow_compare import Workspace  # noqa: E402
from cow_compare.server import ReviewSettings, create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "review.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "proposals", corpus)
        ws = Workspace(corpus, store=Path(tmp) / "decisions.sqlite")
        ws.writable_store()
        client = TestClient(create_app(ws, ReviewSettings(token="t", analyst="bench")))
        first = client.get("/?token=t").text
        csrf = re.search(r'<meta name="csrf" content="([^"]+)">', first)
        assert csrf is not None
        calls = re.findall(r'<article [^>]*data-id="([^"]+)".*?<li class="call[^"]*" tabindex="0" '
                           r'data-tag="([^"]+)" data-polarity="([^"]+)"', first, re.S)
        provisions = first.count("<article ")
        queue_ms = []
        for _ in range(args.runs):
            start = time.perf_counter()
            assert client.get("/").status_code == 200
            queue_ms.append((time.perf_counter() - start) * 1000)
        decide_ms = []
        for k in range(args.runs):
            ref, tag, polarity = calls[k % min(len(calls), 10)]
            body = {"provision": ref, "tag": tag, "polarity": polarity, "action": ("confirm", "reject")[k % 2]}
            start = time.perf_counter()
            response = client.post("/api/decide", json=body, headers={"x-csrf-token": csrf.group(1)})
            decide_ms.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.text
        after_ms = []
        for k in range(max(5, args.runs // 3)):
            ref, tag, polarity = calls[k % min(len(calls), 10)]
            client.post("/api/decide", json={"provision": ref, "tag": tag, "polarity": polarity, "action": "confirm"},
                        headers={"x-csrf-token": csrf.group(1)})
            start = time.perf_counter()
            assert client.get("/").status_code == 200
            after_ms.append((time.perf_counter() - start) * 1000)
    figures = {"provisions": provisions, "versions": len(ws.documents()), "runs": args.runs,
               "queue_ms": round(statistics.median(queue_ms), 1), "queue_max_ms": round(max(queue_ms), 1),
               "queue_after_decision_ms": round(statistics.median(after_ms), 1),
               "decide_ms": round(statistics.median(decide_ms), 1), "decide_max_ms": round(max(decide_ms), 1),
               "queue_target_ms": 200, "decide_target_ms": 100}
    print(f"queue page ({provisions} provisions of {figures['versions']} versions): median "
          f"{figures['queue_ms']} ms, worst {figures['queue_max_ms']} ms (target 200 ms)")
    print(f"queue page right after a decision (decisions carried again): median "
          f"{figures['queue_after_decision_ms']} ms")
    print(f"decision round trip: median {figures['decide_ms']} ms, worst {figures['decide_max_ms']} ms "
          "(target 100 ms)")
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

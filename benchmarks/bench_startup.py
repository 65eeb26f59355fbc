"""Start-up cost of the command line, side by side with a bare `python -c pass`.

Most of a corpus diff is start-up, so each command is run as a whole process, several times in
turn with the baseline, and its CPU time (user + system of the child, from wait4) is compared
with the baseline's. CPU time, not wall time: it does not count waiting for a busy machine.

    python benchmarks/bench_startup.py [--runs 15] [--json FILE]

Targets from the issue: `--help` under 5x the baseline; `list` and `diff --no-tags` on the
shipped corpus under 6x.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "list": ["list"],
    "diff --no-tags": ["diff", "us-28", "eu-e3", "--no-tags"],
    "diff (tags, warm cache)": ["diff", "us-28", "eu-e3"],
    "history": ["history", "us-28:8"],
}
TARGETS = {"--help": 5.0, "list": 6.0, "diff --no-tags": 6.0}


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Run a process to the end with its output discarded; return its user + system CPU seconds."""
    pid = os.fork()
    if pid == 0:  # the child: silence it and become the command
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execve(argv[0], argv, env)
    _pid, _status, usage = os.wait4(pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k not in ("COW_COMPARE_CORPUS", "COW_COMPARE_SETTINGS")}
    env["COW_COMPARE_CACHE"] = tempfile.mkdtemp(prefix="cow-bench-cache-")
    baseline_argv = [python, "-c", "pass"]
    runs: dict[str, list[float]] = {name: [] for name in ["python -c pass", *COMMANDS]}
    for extra in COMMANDS.values():  # warm the caches and the OS file cache
        cpu_seconds([python, "-m", "cow_compare", *extra], env)
    for _ in range(args.runs):
        runs["python -c pass"].append(cpu_seconds(baseline_argv, env))
        for name, extra in COMMANDS.items():
            runs[name].append(cpu_seconds([python, "-m", "cow_compare", *extra], env))
    base = statistics.median(runs["python -c pass"])
    figures = {}
    print(f"{'command':<26} {'CPU median':>11} {'x baseline':>11} {'target':>8}")
    for name, times in runs.items():
        median = statistics.median(times)
        ratio = median / base
        target = TARGETS.get(name)
        mark = "" if target is None else (f"< {target:g}x " + ("ok" if ratio < target else "MISSED"))
        print(f"{name:<26} {median * 1000:>9.0f} ms {ratio:>10.1f}x {mark:>8}")
        figures[name] = {"cpu_ms": round(median * 1000, 1), "ratio": round(ratio, 1), "target": target}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Times HTML reports (not part of the test run).

Usage: .venv/bin/python benchmarks/bench_report.py

1. `cow-compare report --all` on the shipped corpus, as a whole process.
2. A report of two generated 2,000-provision documents (the diff benchmark's generator): the time
   to write it, its size, and in Chromium the time to open it and to answer a filter click
   (unchecking "modified" until the rows are hidden).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_diff import documents  # noqa: E402

from cow_compare import parse_text  # noqa: E402
from cow_compare.pipeline import compare  # noqa: E402
from cow_compare.reports import write_pair  # noqa: E402

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv/bin/cow-compare"), "report", "--all", "-o", folder],
                       check=True, capture_output=True)
        print(f"report --all on the shipped corpus: {time.perf_counter() - start:.2f} s")

        old_text, new_text, _truth = documents(2000)
        start = time.perf_counter()
        report = compare(parse_text(old_text, "old.md"), parse_text(new_text, "new.md"))
        path = write_pair(report, Path(folder))
        print(f"2,000-provision report: written in {time.perf_counter() - start:.2f} s, "
              f"{path.stat().st_size / 1e6:.1f} MB, {len(report.changes)} rows")

        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("#shown:not(:empty)")
            opened = time.perf_counter() - start
            start = time.perf_counter()
            page.uncheck("input[name=kind][value=modified]")
            page.wait_for_function("!Array.from(document.querySelectorAll('tr.change[data-kind=modified]'))"
                                   ".some(r => !r.hidden)")
            clicked = time.perf_counter() - start
            browser.close()
        print(f"in Chromium: opened in {opened:.2f} s, a filter click answered in {clicked:.2f} s")


if __name__ == "__main__":
    main()

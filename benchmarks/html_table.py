#!/usr/bin/env python3
"""The HTML ranking of many regions in headless Chromium: DOM size, load, sort and paging time.

    python benchmarks/html_table.py                  # 10,000 regions of the bundled Kominfo set
    python benchmarks/html_table.py --files 2000 --runs 5

Goal (issue 16): the ranking of 10,000 regions stays responsive. Three forms of the same
report are measured:

- `whole`: every row in the table and no paging (`data-page` beyond the number of rows):
  the report as it was before paging;
- `paged, rows live`: every row in the table as parsed, the script then keeps one page of
  100 rows in the document (the first form of paging);
- `paged, template`: the report as written now, the rows after the first page inside a
  `<template>` (parsed but never laid out), the script paging through all of them.

Each run opens the page once and records, in the page itself:

- `nodes`: elements in the document once the script ran;
- `load`: milliseconds from navigation to the end of the first layout (the probe runs last
  and forces layout);
- `sort`: one click on the Region heading (a text sort of every row) and the layout after
  it; `resort`: a second click (the order reversed, keys already computed);
- `next`: the next page (paged only).

Runs alternate between the forms, and each figure is the median over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the helpers of benchmarks/run.py)

PROBE = """<script>
(function () {
  function layout() { return document.body.offsetHeight; }
  function timed(action) {
    var start = performance.now();
    action();
    layout();
    return performance.now() - start;
  }
  layout();
  var figures = {load: performance.now(), nodes: document.getElementsByTagName("*").length};
  var heads = document.querySelectorAll("th button");
  figures.sort = timed(function () { heads[1].click(); });
  figures.resort = timed(function () { heads[1].click(); });
  var next = document.querySelector(".page-next");
  figures.next = next ? timed(function () { next.click(); }) : null;
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(figures);
  document.body.appendChild(out);
})();
</script>"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise SystemExit("headless Chromium is needed (Debian: apt-get install chromium)")
    return found


def report(regions: Path, criteria: Path, out: Path) -> Path:
    """The ranking of `regions` as HTML, written by the tool under test."""
    command = [*run.default_tool(), "rank", str(regions), "-c", str(criteria)]
    subprocess.run([*command, "-f", "html", "-o", str(out)], check=True, capture_output=True)
    return out


FORMS = ("whole", "paged, rows live", "paged, template")


def probed(page: Path, form: str, folder: Path) -> Path:
    """`page` in one of `FORMS`, with the probe after the report's script."""
    source = page.read_text(encoding="utf-8")
    if form != "paged, template":
        source, count = re.subn(r" *</?template[^>]*>\n", "", source)
        assert count == 2, "the ranking no longer puts its later rows in a <template>"
    if form == "whole":
        source = source.replace('data-page="100"', 'data-page="1000000000"', 1)
    target = folder / (form.replace(", ", "-").replace(" ", "-") + ".html")
    target.write_text(source.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    return target


def measure(page: Path, profile: Path) -> dict[str, float]:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--dump-dom",
        page.as_uri(),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        out, _ = process.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    found = re.search(rb'<pre id="probe">([^<]*)</pre>', out)
    if found is None:
        raise SystemExit(f"the probe did not run in {page}")
    figures: dict[str, float] = json.loads(found.group(1).decode().replace("&quot;", '"'))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--criteria", type=Path, default=HERE.parent / "criteria" / "kominfo-readiness-2022.yaml"
    )
    parser.add_argument("--cache", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    regions = run.dataset(args.criteria.resolve(), args.files, args.seed, args.cache.resolve())
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        page = report(regions, args.criteria, folder / "report.html")
        pages = {form: probed(page, form, folder) for form in FORMS}
        rows: dict[str, list[dict[str, float]]] = {form: [] for form in FORMS}
        for _ in range(args.runs):
            for form, path in pages.items():
                rows[form].append(measure(path, folder / "profile"))
    keys = ["nodes", "load", "sort", "resort", "next"]
    lines = [f"{args.files:,} regions, median of {args.runs} runs (ms; nodes: elements)"]
    for form in FORMS:
        cells = []
        for key in keys:
            values = [r[key] for r in rows[form] if r[key] is not None]
            cells.append(f"{key} {statistics.median(values):,.0f}" if values else f"{key} —")
        lines.append(f"{form:>16}: " + ", ".join(cells))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

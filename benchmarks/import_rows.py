#!/usr/bin/env python3
"""`import` of a large Kobo export against writing the same region files with PyYAML.

    PYTHONPATH=src python benchmarks/import_rows.py                 # 10,000 and 75,000 rows
    PYTHONPATH=src python benchmarks/import_rows.py --rows 2000

Goal (issue 12): the cost per row of `import EXPORT --into DIR` is at most 1.5x that of
writing the same region files with PyYAML's C emitter (the baseline: one process that
loads the files' data, then dumps and writes each), and the peak memory grows slowly
with the rows. The export repeats the six rows of `examples/forms/kobo-export.csv` with a
new region id each. Both run as child processes, so their peak RSS is their own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "forms" / "kobo-export.csv"
BASELINE = """
import sys, yaml
from pathlib import Path
source, target = Path(sys.argv[1]), Path(sys.argv[2])
docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.yaml"))]
data = [(name, yaml.load(text, Loader=yaml.CSafeLoader)) for name, text in docs]
for name, item in data:
    text = yaml.dump(item, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    (target / name).write_text(text, encoding="utf-8")
"""


def export(rows: int, path: Path) -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[2:]  # the rejected first submission left out
    out = [header]
    for index in range(rows):
        cells = body[index % len(body)].split(";")
        cells[2] = f"region-{index}"
        out.append(";".join(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def measure(command: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def run(rows: int, folder: Path) -> None:
    source = folder / f"export-{rows}.csv"
    export(rows, source)
    imported, written = folder / f"in-{rows}", folder / f"baseline-{rows}"
    for target in (imported, written):
        shutil.rmtree(target, ignore_errors=True)
    written.mkdir()
    tool = [sys.executable, "-m", "smartcity_score", "import", str(source), "--into", str(imported)]
    seconds, peak = measure(tool)
    base, base_peak = measure([sys.executable, "-c", BASELINE, str(imported), str(written)])
    print(
        f"{rows:>7,} rows: import {seconds:6.2f} s ({seconds / rows * 1e3:.3f} ms/row, peak "
        f"{peak / 1024:.0f} MiB); PyYAML {base:6.2f} s ({base / rows * 1e3:.3f} ms/row, peak "
        f"{base_peak / 1024:.0f} MiB); ratio {seconds / base:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="rows (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows or [10_000, 75_000]:
            run(rows, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())

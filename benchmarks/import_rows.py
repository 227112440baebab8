#!/usr/bin/env python3
"""`import` of a large Kobo export against writing the same region files with PyYAML.

    PYTHONPATH=src python benchmarks/import_rows.py                 # 10,000 and 75,000 rows
    PYTHONPATH=src python benchmarks/import_rows.py --rows 2000 --xlsx
    PYTHONPATH=src python benchmarks/import_rows.py --rows 10000 --prepare DIR

Goal (issue 12): the cost per row of `import EXPORT --into DIR` is at most 1.5x that of
writing the same region files with PyYAML's C emitter (`import_baseline.py`: one process
that unpickles the files' data, then dumps and writes each, byte for byte the files
`import` writes), and the peak memory does not grow with the rows. The export repeats
the six rows of `examples/forms/kobo-export.csv` with a new region id each. Both run as
child processes, so their peak RSS is their own. `--prepare DIR` only writes the
exports and the baseline's data into DIR, for timing the two commands by other means.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "forms" / "kobo-export.csv"
BASELINE = Path(__file__).resolve().parent / "import_baseline.py"


def rows_of(rows: int) -> tuple[list[str], list[list[str]]]:
    """The header and `rows` rows, each with its own region id."""
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[2:]  # the rejected first submission left out
    out = []
    for index in range(rows):
        cells = body[index % len(body)].split(";")
        cells[2] = f"region-{index}"
        out.append(cells)
    return header.split(";"), out


def export(rows: int, path: Path) -> None:
    header, body = rows_of(rows)
    lines = [";".join(header), *(";".join(cells) for cells in body)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def export_xlsx(rows: int, path: Path) -> None:
    """The same export as a workbook, every cell text as in the CSV (empty: no cell)."""
    import openpyxl

    header, body = rows_of(rows)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(header)
    for cells in body:
        sheet.append([cell or None for cell in cells])
    book.save(path)


def baseline_data(imported: Path, path: Path) -> None:
    """What the baseline writes: every file `import` wrote, as name, first line, data."""
    files = []
    for item in sorted(imported.glob("*.yaml")):
        text = item.read_text(encoding="utf-8")
        comment = text[: text.index("\n") + 1]
        files.append((item.name, comment, yaml.load(text, Loader=yaml.CSafeLoader)))
    with path.open("wb") as stream:
        pickle.dump(files, stream, protocol=pickle.HIGHEST_PROTOCOL)


def tool(source: Path, into: Path) -> list[str]:
    return [sys.executable, "-m", "smartcity_score", "import", str(source), "--into", str(into)]


def prepare(rows: int, folder: Path, xlsx: bool) -> list[Path]:
    """The exports (CSV, and XLSX if asked) and the baseline's data; checks that the
    baseline writes exactly the files `import` writes."""
    sources = [folder / f"export-{rows}.csv"]
    export(rows, sources[0])
    if xlsx:
        sources.append(folder / f"export-{rows}.xlsx")
        export_xlsx(rows, sources[1])
    reference = folder / f"reference-{rows}"
    shutil.rmtree(reference, ignore_errors=True)
    subprocess.run(tool(sources[0], reference), check=True, capture_output=True)
    data = folder / f"baseline-{rows}.pickle"
    baseline_data(reference, data)
    written = folder / f"check-{rows}"
    shutil.rmtree(written, ignore_errors=True)
    written.mkdir()
    subprocess.run([sys.executable, str(BASELINE), str(data), str(written)], check=True)
    names = sorted(p.name for p in reference.iterdir())
    same, different, missing = filecmp.cmpfiles(reference, written, names, shallow=False)
    if different or missing or len(same) != rows:
        raise SystemExit(f"the baseline does not write the files of import: {different[:3]}")
    shutil.rmtree(written)
    shutil.rmtree(reference)
    return sources


def measure(command: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def run(rows: int, folder: Path, xlsx: bool) -> None:
    data = folder / f"baseline-{rows}.pickle"
    for source in prepare(rows, folder, xlsx):
        imported, written = folder / f"in-{rows}", folder / f"baseline-{rows}"
        for target in (imported, written):
            shutil.rmtree(target, ignore_errors=True)
        written.mkdir()
        seconds, peak = measure(tool(source, imported))
        base, _ = measure([sys.executable, str(BASELINE), str(data), str(written)])
        print(
            f"{rows:>7,} rows {source.suffix[1:]:4}: import {seconds:6.2f} s "
            f"({seconds / rows * 1e3:.3f} ms/row, peak {peak / 1024:.0f} MiB); PyYAML "
            f"{base:6.2f} s ({base / rows * 1e3:.3f} ms/row); ratio {seconds / base:.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="rows (repeatable)")
    parser.add_argument("--xlsx", action="store_true", help="also import the export as XLSX")
    parser.add_argument("--prepare", type=Path, metavar="DIR", help="only write the data")
    args = parser.parse_args()
    if args.prepare:
        args.prepare.mkdir(parents=True, exist_ok=True)
        for rows in args.rows or [10_000, 75_000]:
            prepare(rows, args.prepare, args.xlsx)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows or [10_000, 75_000]:
            run(rows, Path(folder), args.xlsx)
    return 0


if __name__ == "__main__":
    sys.exit(main())

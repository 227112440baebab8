#!/usr/bin/env python3
"""`sensitivity` on many regions: peak RSS of the whole process tree, wall and CPU time.

    python benchmarks/sensitivity_memory.py                        # 75,000 regions, 50 samples
    python benchmarks/sensitivity_memory.py --folder /tmp/sens75k --samples 10000
    python benchmarks/sensitivity_memory.py --files 10000 --samples 50 --workers 1

Goal (issue 14): at 75,000 regions the tree stays under 400 MB, for any number of samples
(the peak is set by the regions, not the samples). The data set is generated once by
generate.py and cached under benchmarks/out/ unless `--folder` names one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the helpers of benchmarks/run.py)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=75_000, help="regions (75000)")
    parser.add_argument("--size", type=int, default=1400, help="mean file size (1400 bytes)")
    parser.add_argument("--folder", type=Path, help="an existing folder of region files")
    parser.add_argument("--samples", type=int, default=50, help="--samples (50)")
    parser.add_argument("--workers", type=int, help="--workers N (default: the tool's)")
    parser.add_argument("--criteria", type=Path, default=run.DEFAULT_CRITERIA)
    parser.add_argument("--cache", type=Path, default=HERE / "out", help="data set folder")
    parser.add_argument("--tool", help="command to measure (default: smartcity-score)")
    args = parser.parse_args(argv)
    run.ENV.update(run.environment(args.cache))
    folder = args.folder or run.dataset(args.criteria, args.files, 0, args.cache, args.size)
    tool = args.tool.split() if args.tool else run.default_tool()
    with tempfile.TemporaryDirectory(prefix="smartcity-sens-") as scratch:
        command = [*tool, "sensitivity", str(folder), "--criteria", str(args.criteria)]
        command += ["--samples", str(args.samples), "-f", "json", "-o", f"{scratch}/out.json"]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        before = os.getloadavg()[0]
        sample = run.checked(run.measure(command), command)
    tree = run.mb(sample.tree_rss_kb)
    print(f"command: {' '.join(command)}")
    print(f"load average: {before:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"wall {sample.seconds:.1f} s, CPU {sample.cpu_seconds:.1f} s")
    print(f"peak RSS: tree {tree:.1f} MB, largest process {run.mb(sample.max_process_kb):.1f} MB")
    figure = run.Figure("peak RSS of the tree", tree, run.GOAL_RSS_MB, " MB")
    print(figure.line())
    return 0 if figure.met else 1


if __name__ == "__main__":
    sys.exit(main())

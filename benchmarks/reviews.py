#!/usr/bin/env python3
"""`rank --reviews` against `rank` on the same regions: time per file and peak memory.

    python benchmarks/reviews.py                      # 10,000 regions, 5 reviews each
    python benchmarks/reviews.py --files 2000 --pairs 3

Goal (issue 13): reviews do not change the cost class. The time per file of
`rank DIR --reviews REVIEWS` (regions and review files counted) is at most 1.2x
the time per file of `rank DIR` (regions only), and the whole process tree stays
under 400 MB. Runs alternate, tool with reviews and without, so both see the same
machine; the review files are generated once per data set and cached beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the helpers of benchmarks/run.py)

GOAL_PER_FILE = 1.2
PER_REGION = 5
ANSWERS_PER_REVIEW = 10


def reviews_for(regions: Path, seed: int) -> Path:
    """`PER_REGION` review files per region file of `regions`, most answers confirmed."""
    stamp_text = hashlib.sha256(
        Path(__file__).read_bytes() + str(sorted(p.name for p in regions.rglob("*.yaml"))).encode()
    ).hexdigest()
    folder = regions.with_name(regions.name + "-reviews")
    stamp = folder.with_name(folder.name + ".stamp")
    if folder.is_dir() and stamp.is_file() and stamp.read_text() == stamp_text:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(seed)
    for path in sorted(regions.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        answers = {k: v for k, v in (data.get("answers") or {}).items() if v is not None}
        keys = sorted(answers)
        chosen = rng.sample(keys, min(ANSWERS_PER_REVIEW, len(keys)))
        for k in range(PER_REGION):
            lines = [
                "schema: smartcity-score/review/v1",
                f"criteria: {data['criteria']}",
                f"region: {data['region']['id']}",
                f"assessor: asesor-{k + 1:02d}",
                "answers:",
            ]
            for key in sorted(chosen):
                value = answers[key] if rng.random() < 0.9 else None
                lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
            target = folder / f"asesor-{k + 1:02d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stamp.write_text(stamp_text)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="region files (default 10,000)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--criteria", type=Path, default=run.DEFAULT_CRITERIA)
    parser.add_argument("--cache", type=Path, default=HERE / "out")
    parser.add_argument("--tool", nargs="+", default=run.default_tool())
    args = parser.parse_args(argv)
    run.ENV.update(run.environment(args.cache))
    regions = run.dataset(args.criteria, args.files, args.seed, args.cache)
    reviews = reviews_for(regions, args.seed)
    run.warm(regions)
    run.warm(reviews)
    out = args.cache / "reviews-rank.json"
    plain = [
        *args.tool,
        "rank",
        str(regions),
        "-c",
        str(args.criteria),
        "-f",
        "json",
        "-o",
        str(out),
    ]
    with_reviews = [*plain, "--reviews", str(reviews)]
    print(f"without: {' '.join(plain)}\nwith:    {' '.join(with_reviews)}")
    summary = run.warm_up(plain, with_reviews)[1].stderr.strip().splitlines()
    print(f"warm-up run with reviews says: {' / '.join(summary[-2:])}")
    review_files = args.files * PER_REGION
    ratios, peaks = [], []
    for first, second in run.alternate(args.pairs, plain, with_reviews, print):
        per_plain = first.seconds / args.files
        per_reviewed = second.seconds / (args.files + review_files)
        ratios.append(per_reviewed / per_plain)
        peaks.append(run.mb(second.tree_rss_kb))
        print(
            f"    per file: {per_plain * 1e3:.3f} ms without, {per_reviewed * 1e3:.3f} ms with "
            f"({args.files + review_files} files); ratio {ratios[-1]:.2f}; "
            f"peak RSS {peaks[-1]:.0f} MB (without: {run.mb(first.tree_rss_kb):.0f} MB)"
        )
    ratio, most = statistics.median(ratios), max(peaks)
    met = ratio <= GOAL_PER_FILE and most < run.GOAL_RSS_MB
    print(
        f"time per file, with reviews / without: {ratio:.2f}x (goal <= {GOAL_PER_FILE}); "
        f"peak RSS {most:.0f} MB (goal < {run.GOAL_RSS_MB:.0f}): {'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

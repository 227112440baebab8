#!/usr/bin/env python3
"""Write a criteria file with N indicators and one region file answering all of them.

    python benchmarks/wide_criteria.py --indicators 10000 --out /tmp/wide [--groups 20]

The files are `OUT/criteria.yaml` and `OUT/regions/wide.yaml`. Indicators cycle through
every type (boolean, choice, multi, scale, number with linear and with band scoring) and
are spread over `--groups` dimensions of two sub-dimensions each, so the tree is neither
flat nor one deep chain. One boolean is required and gated, and the criteria have levels,
a selection and a tie-breaker, so every part of `assess`, `rank` and `check` has work to
do. Answers are deterministic and leave every seventh question unanswered.

What it measures: `assess`, `rank` and `check` must grow linearly with the number of
indicators (issue 16, class 3). Time them at 1k, 2k, 4k and 10k:

    for n in 1000 2000 4000 10000; do
        python benchmarks/wide_criteria.py --indicators $n --out /tmp/wide-$n
        time smartcity-score assess /tmp/wide-$n/regions/wide.yaml -c /tmp/wide-$n/criteria.yaml
    done
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

KINDS = ("boolean", "choice", "multi", "scale", "linear", "bands")


def indicator(number: int) -> tuple[dict[str, Any], Any]:
    """Indicator `number` of the file and the region's answer to it (None: unanswered)."""
    kind = KINDS[number % len(KINDS)]
    spec: dict[str, Any] = {
        "id": f"i{number}",
        "question": f"Q{number}",
    }
    if number % 3:
        spec["weight"] = 1 + number % 3
    answer: Any
    if kind == "boolean":
        spec["type"] = "boolean"
        answer = number % 4 != 0
    elif kind == "choice":
        spec["type"] = "choice"
        spec["options"] = [{"id": f"o{k}", "score": 50 * k} for k in range(3)]
        answer = f"o{number % 3}"
    elif kind == "multi":
        spec["type"] = "multi"
        spec["options"] = [{"id": f"m{k}", "score": 60} for k in range(2)]
        answer = [f"m{k}" for k in range(number % 3)]
    elif kind == "scale":
        spec.update(type="scale", min=1, max=5, labels={5: "top"})
        answer = 1 + number % 5
    elif kind == "linear":
        spec["type"] = "number"
        spec["scoring"] = {"method": "linear", "worst": 0, "best": 100}
        answer = (number * 37) % 101
    else:
        spec["type"] = "number"
        bands = [{"from": 10, "score": 50}, {"from": 50, "score": 100}]
        spec["scoring"] = {"method": "bands", "bands": bands}
        answer = (number * 13) % 80
    if number == 0:
        spec["required"] = True
        answer = True
    elif number % 7 == 3:
        answer = None
    return spec, answer


def build(count: int, groups: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The criteria and the region, as plain data."""
    pairs = [indicator(n) for n in range(count)]
    per_leaf = -(-count // (2 * groups))  # ceiling: every leaf group gets a share
    leaves = [pairs[k : k + per_leaf] for k in range(0, count, per_leaf)]
    dimensions = []
    for g in range(0, len(leaves), 2):
        subgroups = [
            {
                "id": f"g{g + s:03d}",
                "title": f"Group {g + s}",
                "weight": 1 + (g + s) % 4,
                "indicators": [spec for spec, _ in leaf],
            }
            for s, leaf in enumerate(leaves[g : g + 2])
        ]
        dimensions.append(
            {"id": f"d{g // 2:03d}", "title": f"Dimension {g // 2}", "dimensions": subgroups}
        )
    criteria = {
        "schema": "smartcity-score/criteria/v1",
        "id": f"wide-{count}",
        "version": "1",
        "title": f"{count} indicators",
        "dimensions": dimensions,
        "gates": [{"id": "commitment", "answer": "i0", "equals": True}],
        "levels": [
            {"id": "high", "at_least": 70, "label": "High"},
            {"id": "mid", "above": 40, "label": "Middle"},
            {"id": "low", "at_least": 0, "label": "Low"},
        ],
        "tie_breakers": ["d000"],
        "selection": {"count": 1},
    }
    region = {
        "schema": "smartcity-score/region/v1",
        "criteria": criteria["id"],
        "region": {"id": "kota-lebar", "name": "Kota Lebar", "kind": "kota"},
        "answers": {spec["id"]: answer for spec, answer in pairs},
    }
    return criteria, region


def flow(data: Any) -> str:
    """One value as a single line of flow-style YAML."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    line: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, default_flow_style=True, width=10**9
    )
    return line.strip()


def dump_criteria(criteria: dict[str, Any]) -> str:
    """The criteria with one line per indicator, so 10,000 of them stay under 1 MiB."""
    lines = [f"{key}: {flow(value)}" for key, value in criteria.items() if key != "dimensions"]
    lines.append("dimensions:")
    for dimension in criteria["dimensions"]:
        lines += [f"- id: {dimension['id']}", f"  title: {flow(dimension['title'])}"]
        lines.append("  dimensions:")
        for group in dimension["dimensions"]:
            lines.append(f"  - id: {group['id']}")
            lines.append(f"    title: {flow(group['title'])}")
            lines.append(f"    weight: {group['weight']}")
            lines.append("    indicators:")
            lines += [f"    - {flow(spec)}" for spec in group["indicators"]]
    return "\n".join(lines) + "\n"


def dump_region(region: dict[str, Any]) -> str:
    """The region with one line per answer."""
    head = "".join(f"{key}: {flow(value)}\n" for key, value in region.items() if key != "answers")
    answers = "".join(f"  {key}: {flow(value)}\n" for key, value in region["answers"].items())
    return f"{head}answers:\n{answers}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=20, help="top-level dimensions")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    criteria, region = build(args.indicators, args.groups)
    (args.out / "regions").mkdir(parents=True, exist_ok=True)
    (args.out / "criteria.yaml").write_text(dump_criteria(criteria))
    (args.out / "regions" / "wide.yaml").write_text(dump_region(region))


if __name__ == "__main__":
    main()

"""`sensitivity --vary`: assumptions beyond the weights, and which one moves the selection.

Three regions, one seat, two one-indicator dimensions a and b (weight 1 each, arithmetic,
missing answers scored 0):

| region | a | b | arithmetic | geometric total | b excluded |
|---|---|---|---|---|---|
| p | 100 | 0 | 50 | 0 | 50 |
| q | 40 | 40 | 40 | 40 | 40 |
| r | 60 | — | 30 | 0 | 60 |

Nominally p takes the seat. Weights alone (±20%) keep p in front: its total stays in
[40, 60] while q's is 40 and r's at most 36, so no sample changes. A geometric total (drawn
with probability ½ per sample) gives the seat to q; `exclude` (probability ½) gives it to r.
With one seat, a changed sample changes exactly one seat.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import Result

CRITERIA = """
schema: smartcity-score/criteria/v1
id: trio
version: "1"
title: Trio
dimensions:
  - id: a
    title: A
    indicators:
      - {id: ia, question: A, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
  - id: b
    title: B
    indicators:
      - {id: ib, question: B, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
selection:
  count: 1
"""

REGIONS = {"p": "{ia: 100, ib: 0}", "q": "{ia: 40, ib: 40}", "r": "{ia: 60, ib: null}"}
SAMPLES = 200
NODES = 4  # a, ia, b, ib: the aggregation draws one column per node, then the total's


@pytest.fixture
def folder(tmp_path: Path, write: Callable[[str, str], Path]) -> Path:
    write("criteria.yaml", CRITERIA)
    for rid, answers in REGIONS.items():
        write(
            f"applicants/{rid}.yaml",
            f"schema: smartcity-score/region/v1\nregion: {{id: {rid}, name: R {rid}}}\n"
            f"answers: {answers}\n",
        )
    return tmp_path


def run(cli: Callable[..., Result], folder: Path, *args: str) -> Result:
    return cli(
        "sensitivity",
        folder / "applicants",
        "-c",
        folder / "criteria.yaml",
        "--samples",
        str(SAMPLES),
        *args,
    )


def share_drawn(stream: int, column: int) -> float:
    """The share of samples whose draw on `stream` (1 aggregation, 2 missing) is the flip."""
    generator = np.random.Generator(np.random.PCG64([0, stream]))
    width = NODES + 1 if stream == 1 else 1
    return float(np.mean(generator.random((SAMPLES, width))[:, column] < 0.5))


def test_attribution_by_hand(folder: Path, cli: Callable[..., Result]) -> None:
    result = run(cli, folder, "--vary", "aggregation", "--vary", "missing", "-f", "json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    assert data["settings"]["vary"] == ["aggregation", "missing"]
    found = {a["assumption"]: a for a in data["attribution"]}
    assert list(found) == ["weights", "aggregation", "missing", "all"]
    assert found["weights"] == {
        "assumption": "weights",
        "samples_changed": 0.0,
        "mean_seats_changed": 0.0,
    }
    geometric_total = share_drawn(1, -1)
    excluded = share_drawn(2, 0)
    assert 0.35 < geometric_total < 0.65 and 0.35 < excluded < 0.65
    assert found["aggregation"]["samples_changed"] == round(geometric_total, 6)
    assert found["aggregation"]["mean_seats_changed"] == round(geometric_total, 6)
    assert found["missing"]["samples_changed"] == round(excluded, 6)
    # Together: p keeps the seat only with an arithmetic total and b scored 0.
    kept = float(np.mean(~(geometric_draws() | exclude_draws())))
    assert found["all"]["samples_changed"] == round(1 - kept, 6)


def geometric_draws() -> np.ndarray:
    generator = np.random.Generator(np.random.PCG64([0, 1]))
    return generator.random((SAMPLES, NODES + 1))[:, -1] < 0.5


def exclude_draws() -> np.ndarray:
    return np.random.Generator(np.random.PCG64([0, 2])).random((SAMPLES, 1))[:, 0] < 0.5


def test_without_vary_no_attribution(folder: Path, cli: Callable[..., Result]) -> None:
    data = json.loads(run(cli, folder, "-f", "json").out)
    assert "attribution" not in data and "vary" not in data["settings"]


def test_markdown_and_table(folder: Path, cli: Callable[..., Result]) -> None:
    share = f"{100 * share_drawn(1, -1):.1f}%"
    mean = f"{share_drawn(1, -1):.2f}"
    markdown = run(cli, folder, "--vary", "aggregation", "-f", "markdown").out
    assert "### Which assumption moves the selection most (each varied alone)\n" in markdown
    assert "| weights | 0.0% | 0.00 |\n" in markdown
    assert f"| aggregation | {share} | {mean} |\n" in markdown
    assert "\nMoves the selection most: aggregation.\n" in markdown
    table = run(cli, folder, "--vary", "aggregation", "--lang", "id").out
    assert "Paling menggeser seleksi: agregasi." in table


def test_unknown_assumption_is_usage_error(folder: Path, cli: Callable[..., Result]) -> None:
    result = run(cli, folder, "--vary", "weather")
    assert result.code == 2
    assert "--vary takes one of: aggregation, missing, reviews (not weather)" in result.err


# q's indicator ia is disputed: assessor a1 verified 0, a2 100 (a spread of 100 ≥ the default
# 50), so its verified score is the median 50 and q's total 45, behind p's 50. Drawn at a1's
# score q totals 20; at a2's, 70, and takes the seat.
REVIEWS = {"a1": 0, "a2": 100}


@pytest.fixture
def panel(folder: Path, write: Callable[[str, str], Path]) -> Path:
    for assessor, value in REVIEWS.items():
        write(
            f"reviews/{assessor}.yaml",
            f"schema: smartcity-score/review/v1\nregion: q\nassessor: {assessor}\n"
            f"answers: {{ia: {value}}}\n",
        )
    return folder / "reviews"


def second_reviewer_share() -> float:
    draws = np.random.Generator(np.random.PCG64([0, 3])).integers(0, 2, size=SAMPLES)
    return float(np.mean(draws == 1))


def test_disputed_reviews_by_hand(folder: Path, panel: Path, cli: Callable[..., Result]) -> None:
    share = second_reviewer_share()
    assert 0.35 < share < 0.65
    args = ("--reviews", str(panel), "--vary", "reviews", "-f", "json")
    fixed = json.loads(run(cli, folder, "--spread", "0", *args).out)
    chances = {e["region"]["id"]: e["p_selected"] for e in fixed["results"]}
    assert chances == {"p": round(1 - share, 6), "q": round(share, 6), "r": 0.0}
    assert fixed["attribution"] == []  # one assumption varied: nothing to compare
    data = json.loads(run(cli, folder, *args).out)
    found = {a["assumption"]: a for a in data["attribution"]}
    assert list(found) == ["weights", "reviews", "all"]
    assert found["reviews"]["samples_changed"] == round(share, 6)
    assert found["reviews"]["mean_seats_changed"] == round(share, 6)


def test_vary_reviews_needs_reviews(folder: Path, cli: Callable[..., Result]) -> None:
    result = run(cli, folder, "--vary", "reviews")
    assert result.code == 2
    assert "--vary reviews needs --reviews PATH" in result.err

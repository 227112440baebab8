"""`sensitivity` end to end, on small hand-made folders where the answer is known."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Result

# Two dimensions of one indicator each, so a region's total is (w_a·a + w_b·b) / (w_a + w_b).
CRITERIA = """
schema: smartcity-score/criteria/v1
id: duo
version: "1"
title: Duo
dimensions:
  - id: a
    title: A
    indicators:
      - {id: ia, question: A, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
  - id: b
    title: B
    indicators:
      - {id: ib, question: B, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
      - {id: commit, question: Commitment, type: boolean, weight: 0}
gates:
  - {id: commitment, answer: commit, equals: true}
selection:
  count: 2
"""

# total: top 100 (far above the cut); x and y 50 each, tied at the cut (x wins by id);
# low 5 (far below); nocommit 100 but fails the answer gate, so it can never be selected.
REGIONS = {
    "top": (100, 100, True),
    "x": (80, 20, True),
    "y": (20, 80, True),
    "low": (0, 10, True),
    "nocommit": (100, 100, False),
}


def region(rid: str, a: float, b: float, commit: bool) -> str:
    return f"""
schema: smartcity-score/region/v1
region: {{id: {rid}, name: Region {rid}}}
answers: {{ia: {a}, ib: {b}, commit: {str(commit).lower()}}}
"""


@pytest.fixture
def folder(tmp_path: Path, write: Callable[[str, str], Path]) -> Path:
    write("criteria.yaml", CRITERIA)
    for rid, values in REGIONS.items():
        write(f"applicants/{rid}.yaml", region(rid, *values))
    return tmp_path


def run_json(cli: Callable[..., Result], folder: Path, *args: str) -> dict[str, Any]:
    result = cli(
        "sensitivity", folder / "applicants", "-c", folder / "criteria.yaml", "-f", "json", *args
    )
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["region"]["id"]: entry for entry in data["results"]}


def test_far_above_is_certain_and_a_tie_at_the_cut_is_not(
    folder: Path, cli: Callable[..., Result]
) -> None:
    data = run_json(cli, folder, "--samples", "400")
    results = by_id(data)
    assert [e["region"]["id"] for e in data["results"]] == ["nocommit", "top", "x", "y", "low"]
    assert results["top"]["p_selected"] == 1.0
    assert results["top"]["rank_interval"] == [1, 1]  # always tied with nocommit, at 100
    assert 0 < results["x"]["p_selected"] < 1
    assert 0 < results["y"]["p_selected"] < 1
    # One seat is left after `top`, and exactly one of x and y takes it in every sample.
    assert results["x"]["p_selected"] + results["y"]["p_selected"] == pytest.approx(1.0)
    assert results["low"]["p_selected"] == 0.0
    # A failed answer gate stays failed whatever the weights.
    assert results["nocommit"]["p_selected"] == 0.0
    assert results["nocommit"]["eligible"] is False
    assert [b["region"] for b in data["bubble"]] == sorted(
        ["x", "y"], key=lambda r: -results[r]["p_selected"]
    )
    assert data["settings"] == {
        "method": "uniform",
        "samples": 400,
        "spread": 0.2,
        "seed": 0,
        "seats": 2,
    }


def test_one_at_a_time_drops_each_dimension(folder: Path, cli: Callable[..., Result]) -> None:
    data = run_json(cli, folder, "--samples", "10")
    assert data["one_at_a_time"] == [
        # Without A only B counts: y (80) beats x (20) for the second seat.
        {"dimension": "a", "changed": 1, "entering": ["y"], "leaving": ["x"]},
        {"dimension": "b", "changed": 0, "entering": [], "leaving": []},
    ]


def test_same_seed_same_bytes_and_another_seed_differs(
    folder: Path, cli: Callable[..., Result]
) -> None:
    args = ("sensitivity", folder / "applicants", "-c", folder / "criteria.yaml", "-f", "json")
    first = cli(*args, "--samples", "200", "--seed", "7", "--workers", "1")
    again = cli(*args, "--samples", "200", "--seed", "7", "--workers", "2")
    other = cli(*args, "--samples", "200", "--seed", "8")
    assert first.code == again.code == other.code == 0
    assert first.out == again.out
    assert first.out != other.out


def test_dirichlet_method(folder: Path, cli: Callable[..., Result]) -> None:
    data = run_json(cli, folder, "--samples", "300", "--method", "dirichlet", "--spread", "0.5")
    results = by_id(data)
    assert results["top"]["p_selected"] == 1.0
    assert 0 < results["x"]["p_selected"] < 1
    assert results["x"]["p_selected"] + results["y"]["p_selected"] == pytest.approx(1.0)
    assert data["settings"]["method"] == "dirichlet"


def test_spread_zero_reproduces_rank_exactly(cli: Callable[..., Result]) -> None:
    """On the example applicants: ties, an ineligible region, and both kinds of quota."""
    folder = EXAMPLES / "applicants-2022"
    ranked = json.loads(cli("rank", folder, "-f", "json", "--workers", "1").out)
    result = cli(
        "sensitivity", folder, "-f", "json", "--spread", "0", "--samples", "5", "--workers", "1"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    expected = [
        (e["region"]["id"], e["rank"], e["selected"], e["selected_by"]) for e in ranked["results"]
    ]
    assert [
        (e["region"]["id"], e["rank"], e["selected"], e["selected_by"]) for e in data["results"]
    ] == expected
    for entry in data["results"]:
        assert entry["median_rank"] == entry["rank"]
        assert entry["rank_interval"] == [entry["rank"], entry["rank"]]
        assert entry["p_selected"] == (1.0 if entry["selected"] else 0.0)
    assert data["bubble"] == []
    assert data["warnings"] == ranked["warnings"]


def test_no_seats_warns(folder: Path, cli: Callable[..., Result]) -> None:
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text().replace("selection:\n  count: 2\n", ""))
    data = run_json(cli, folder, "--samples", "10")
    assert all(e["p_selected"] == 0.0 for e in data["results"])
    assert data["one_at_a_time"] == []
    assert data["warnings"][-1].startswith("no seats to fill")
    with_seats = run_json(cli, folder, "--samples", "10", "--select", "1")
    assert by_id(with_seats)["top"]["p_selected"] == 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--spread", "1.5"], "--spread takes a number from 0 to 1"),
        (["--samples", "0"], "--samples takes a whole number from 1 to 100000"),
        (["--method", "normal"], "--method takes one of: uniform, dirichlet"),
        (["--select", "0"], "--select takes a whole number of at least 1"),
        (["-f", "github"], "--format github is not available here"),
    ],
)
def test_bad_options_exit_2(
    folder: Path, cli: Callable[..., Result], args: list[str], message: str
) -> None:
    result = cli("sensitivity", folder / "applicants", "-c", folder / "criteria.yaml", *args)
    assert result.code == 2
    assert message in result.err


def test_invalid_region_file_exits_1_and_the_rest_is_analysed(
    folder: Path, cli: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    write("applicants/broken.yaml", region("broken", 50, 500, True))
    result = cli("sensitivity", folder / "applicants", "-c", folder / "criteria.yaml", "-f", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert len(data["results"]) == 5
    assert [e["file"].rsplit("/", 1)[-1] for e in data["errors"]] == ["broken.yaml"]


def test_table_csv_and_markdown(folder: Path, cli: Callable[..., Result]) -> None:
    args = ("sensitivity", folder / "applicants", "-c", folder / "criteria.yaml")
    table = cli(*args, "--samples", "50")
    assert table.code == 0
    assert "The bubble: 2 region(s) selected only sometimes" in table.out
    assert "One dimension left out" in table.out
    assert "5 file(s): 5 ranked, 0 invalid; 2 region(s) in the bubble" in table.err
    csv_out = cli(*args, "--samples", "50", "-f", "csv").out.splitlines()
    assert csv_out[0] == (
        "rank,region_id,name,kind,province,file,score,eligible,selected,"
        "median_rank,rank_p5,rank_p95,p_selected"
    )
    assert csv_out[1].startswith("1,nocommit,Region nocommit,,,")
    assert len(csv_out) == 6
    markdown = cli(*args, "--samples", "50", "-f", "markdown").out
    assert "### The bubble" in markdown
    assert "| `a` | 1 | y | x |" in markdown
    assert "| Region y | 3 | 3 | 3–4 | 62.0% |" in markdown  # the bubble, 50 samples, seed 0
    assert "| 1 | Region top | 100.00 | ✔ | 1 | 1–1 | 100.0% |" in markdown

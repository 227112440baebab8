"""`compare` end to end: the same applicants under two criteria files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CRITERIA as BUNDLED
from tests.conftest import EXAMPLES, Result

CRITERIA = """
schema: smartcity-score/criteria/v1
id: duo
version: "{version}"
title: Duo
dimensions:
  - id: a
    title: A
    weight: {weight_a}
    indicators:
      - {{id: ia, question: A, type: number, min: 0, max: 100, scoring: {{method: linear, worst: 0, best: 100}}}}
  - id: b
    title: B
    weight: {weight_b}
    indicators:
      - {{id: ib, question: B, type: number, min: 0, max: 100, scoring: {{method: linear, worst: 0, best: 100}}}}
selection:
  count: 2
"""

# weights 1:1 → top 100, x 55, y 50, low 5: top and x are selected.
# weights 1:3 → top 100, x 47.5, y 55, low 7.5: y takes x's seat.
REGIONS = {"top": (100, 100), "x": (70, 40), "y": (40, 60), "low": (0, 10)}


@pytest.fixture
def folder(tmp_path: Path, write: Callable[[str, str], Path]) -> Path:
    write("old.yaml", CRITERIA.format(version="1", weight_a=1, weight_b=1))
    write("new.yaml", CRITERIA.format(version="2", weight_a=1, weight_b=3))
    for rid, (a, b) in REGIONS.items():
        write(
            f"applicants/{rid}.yaml",
            f"""
            schema: smartcity-score/region/v1
            region: {{id: {rid}, name: Region {rid}}}
            answers: {{ia: {a}, ib: {b}}}
            """,
        )
    return tmp_path


def compare_json(cli: Callable[..., Result], *args: str | Path) -> tuple[Result, dict[str, Any]]:
    result = cli("compare", *args, "-f", "json", "--workers", "1")
    return result, json.loads(result.out)


def test_a_criteria_file_against_itself_changes_nothing(cli: Callable[..., Result]) -> None:
    criteria = BUNDLED / "kominfo-readiness-2022.yaml"
    result, data = compare_json(cli, criteria, criteria, EXAMPLES / "applicants-2022")
    assert result.code == 0
    assert data["changed"] is False
    assert data["selection"]["entering"] == data["selection"]["leaving"] == []
    assert data["rank_changes"] == []
    assert all(d["regions_changed"] == 0 for d in data["dimensions"])
    assert all(e["rank_change"] == 0 for e in data["results"])
    assert data["summary"] == (
        "Comparing kominfo-readiness-2022 2022.1 with kominfo-readiness-2022 2022.1 on 88 "
        "region(s): no change. The same 50 region(s) are selected, and every rank and score "
        "is the same."
    )


def test_a_weight_change_swaps_one_region(folder: Path, cli: Callable[..., Result]) -> None:
    result, data = compare_json(
        cli, folder / "old.yaml", folder / "new.yaml", folder / "applicants"
    )
    assert result.code == 0
    assert data["changed"] is True
    assert data["selection"] == {
        "old_seats": 2,
        "new_seats": 2,
        "entering": ["y"],
        "leaving": ["x"],
    }
    assert data["rank_changes"] == [  # equal moves: in new rank order
        {"region": "y", "old_rank": 3, "new_rank": 2, "change": 1},
        {"region": "x", "old_rank": 2, "new_rank": 3, "change": -1},
    ]
    total, a, b = data["dimensions"]
    assert total["mean_change"] == pytest.approx((0 - 7.5 + 5 + 2.5) / 4)
    assert total["lowest"] == {"change": -7.5, "region": "x"}
    assert total["highest"] == {"change": 5.0, "region": "y"}
    assert (a["old_weight_share"], a["new_weight_share"]) == (0.5, 0.25)
    assert (b["old_weight_share"], b["new_weight_share"]) == (0.5, 0.75)
    assert a["regions_changed"] == b["regions_changed"] == 0  # the scores themselves stay
    assert [e["region"]["id"] for e in data["results"]] == ["top", "y", "x", "low"]
    assert data["summary"] == (
        "Comparing duo 1 with duo 2 on 4 region(s): 1 of 2 selected region(s) change "
        "(Region y enters; Region x leaves). 2 region(s) change rank; the largest move is "
        "Region y, from 3 to 2. Totals change by +0.00 points on average (from -7.50 to "
        "+5.00). Weight shares in the total change: a 50.0% → 25.0%, b 50.0% → 75.0%."
    )


def test_github_notices(folder: Path, cli: Callable[..., Result]) -> None:
    result = cli(
        "compare", folder / "old.yaml", folder / "new.yaml", folder / "applicants", "-f", "github"
    )
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:2] == [
        "::notice title=Enters the selection::Region y (y): rank 3 → 2, total 50.00 → 55.00: "
        "total rose 50.00 → 55.00 and passed the cut of 55.00; moved from rank 3 to 2",
        "::notice title=Leaves the selection::Region x (x): rank 2 → 3, total 55.00 → 47.50: "
        "total fell 55.00 → 47.50, below the cut of 55.00; moved from rank 2 to 3",
    ]
    assert lines[2].startswith("::notice title=Criteria comparison::Comparing duo 1 with duo 2")
    assert "50.0%25 → 25.0%25" in lines[2]  # '%' escaped as GitHub requires
    # Old ranks top 1, x 2, y 3, low 4; new: x and y swap. Over all four, rho = 1 - 6·2/60,
    # tau-b = (5 - 1)/6 and r_W = 1 - 6·(1·(3 + 2) + 1·(2 + 3))/300 = 0.8. Over the three
    # selected under either (N = 3): rho = 1 - 6·2/24, tau-b = (2 - 1)/3 and
    # r_W = 1 - 6·(1·(2 + 1) + 1·(1 + 2))/96 = 0.625.
    assert lines[3] == (
        "::notice title=Rank similarity::Ranked under both, 4 region(s): Spearman ρ 0.8000, "
        "Kendall τ-b 0.6667, Weighted Spearman r_W 0.8000. Selected under either, 3 region(s): "
        "Spearman ρ 0.5000, Kendall τ-b 0.3333, Weighted Spearman r_W 0.6250."
    )
    assert len(lines) == 4


def test_markdown_for_a_pull_request(folder: Path, cli: Callable[..., Result]) -> None:
    old, new = folder / "old.yaml", folder / "new.yaml"
    result = cli("compare", old, new, folder / "applicants", "-f", "markdown")
    assert result.code == 0
    out = result.out
    assert out.startswith("## Criteria change: who is selected\n")
    assert "|  | Region | Rank (old → new) | Total (old → new) | Reason |\n" in out
    assert (
        "| ➕ enters | Region y | 3 → 2 | 50.00 → 55.00 | total rose 50.00 → 55.00 and passed "
        "the cut of 55.00; moved from rank 3 to 2 |\n"
    ) in out
    assert (
        "| ➖ leaves | Region x | 2 → 3 | 55.00 → 47.50 | total fell 55.00 → 47.50, below the "
        "cut of 55.00; moved from rank 2 to 3 |\n"
    ) in out
    assert "| `b` | 50.0% → 75.0% | +0.00 | — | — | 0 |" in out
    assert "<details><summary>2 region(s) change rank</summary>" in out
    table = cli("compare", old, new, folder / "applicants")
    assert table.code == 0
    assert "+ enters  Region y      3 → 2  50.00 → 55.00  total rose 50.00 → 55.00 and" in table.out
    assert "4 file(s): 0 invalid; 1 enter, 1 leave the selection" in table.err


def test_dimensions_added_and_removed(
    folder: Path, cli: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    renamed = (folder / "new.yaml").read_text().replace("id: b\n", "id: bb\n")
    write("renamed.yaml", renamed)
    _, data = compare_json(cli, folder / "old.yaml", folder / "renamed.yaml", folder / "applicants")
    assert data["added_dimensions"] == ["bb"]
    assert data["removed_dimensions"] == ["b"]
    assert [d["id"] for d in data["dimensions"]] == ["total", "a"]
    assert data["summary"].endswith("The new criteria adds bb and removes b.")


def test_a_file_invalid_under_one_criteria(
    folder: Path, cli: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    strict = (folder / "new.yaml").read_text().replace("min: 0, max: 100", "min: 0, max: 60")
    write("strict.yaml", strict)
    result, data = compare_json(
        cli, folder / "old.yaml", folder / "strict.yaml", folder / "applicants"
    )
    assert result.code == 1  # as `rank` would under the new criteria
    assert [
        (e["file"].rsplit("/", 1)[-1], e["message"].endswith("(new criteria only)"))
        for e in data["errors"]
    ] == [
        ("top.yaml", True),
        ("top.yaml", True),
        ("x.yaml", True),
    ]
    leaving = {e["region"]["id"]: e for e in data["results"]}
    assert leaving["top"]["new"] is None
    assert leaving["top"]["leaves"] is True
    assert "top" in data["selection"]["leaving"]
    # Rank similarity leaves out top and x, ranked under the old criteria only: y (3 → 1) and
    # low (4 → 2) keep their order, among all regions and among the selected (both, now).
    similarity = data["similarity"]
    assert (similarity["n"], similarity["spearman"], similarity["weighted_spearman"]) == (2, 1, 1)
    assert (similarity["selected"]["n"], similarity["selected"]["kendall_tau_b"]) == (2, 1)


def test_bad_criteria_exits_2(folder: Path, cli: Callable[..., Result]) -> None:
    (folder / "bad.yaml").write_text("schema: nope\n")
    result = cli("compare", folder / "old.yaml", folder / "bad.yaml", folder / "applicants")
    assert result.code == 2
    assert "the criteria file is invalid" in result.err
    unknown = cli("compare", folder / "old.yaml", "no-such-set", folder / "applicants")
    assert unknown.code == 2

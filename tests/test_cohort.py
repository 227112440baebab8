"""Cohort scoring (SPEC §1 v1.1, `method: minmax`), through the real command line.

The hand computation used throughout, for regions a, b, c:

    cover (higher, weight 1): answers 20, 50, 80  -> goalposts 20 → 80 -> 0, 50, 100
    cost (lower, weight 3):   answers 5, 10, 25   -> goalposts 25 → 5  -> 100, 75, 0
    infra = (cover + 3 cost) / 4                  -> 75, 68.75, 25
    plan (boolean):           yes, no, yes        -> 100, 0, 100
    total = (infra + plan) / 2                    -> 87.5, 34.375, 62.5
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.cohort import Cohort, minmax_indicators, raw, rescore, resolve
from smartcity_score.engine import Scorer, rounded
from smartcity_score.models import Criteria
from smartcity_score.ranking import Outcome
from tests.conftest import Result

Cli = Callable[..., Result]
Write = Callable[[str, str], Path]

CRITERIA = """
schema: smartcity-score/criteria/v1
id: cohort-test
version: "1"
title: Cohort test
dimensions:
  - id: infra
    title: Infrastructure
    indicators:
      - id: cover
        question: 4G coverage (%)
        type: number
        min: 0
        max: 100
        scoring: {method: minmax, direction: higher}
      - id: cost
        question: Monthly cost of 10 Mbit/s
        type: number
        weight: 3
        scoring: {method: minmax, direction: lower}
  - id: gov
    title: Governance
    indicators:
      - id: plan
        question: A smart-city master plan?
        type: boolean
gates:
  - {id: infra-half, score: infra, at_least: 50}
levels:
  - {id: high, at_least: 60, label: High}
  - {id: low, at_least: 0, label: Low}
"""

REGIONS = {"a": (20, 5, "true"), "b": (50, 10, "false"), "c": (80, 25, "true")}


def region(region_id: str, cover: object, cost: object, plan: str) -> str:
    return (
        "schema: smartcity-score/region/v1\n"
        f"region: {{id: {region_id}, name: Region {region_id}}}\n"
        f"answers: {{cover: {cover}, cost: {cost}, plan: {plan}}}\n"
    )


@pytest.fixture
def files(write: Write) -> Path:
    """criteria.yaml and regions/{a,b,c}.yaml; returns the folder holding them."""
    criteria = write("criteria.yaml", CRITERIA)
    for region_id, (cover, cost, plan) in REGIONS.items():
        write(f"regions/{region_id}.yaml", region(region_id, cover, cost, plan))
    return criteria.parent


def as_json(result: Result) -> dict[str, Any]:
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["region"]["id"]: entry for entry in data["results"]}


def test_rank_scores_against_the_goalposts_of_the_valid_regions(cli: Cli, files: Path) -> None:
    data = as_json(cli("rank", "-c", files / "criteria.yaml", files / "regions", "-f", "json"))

    assert data["cohort"] == {
        "size": 3,
        "goalposts": {"cover": {"worst": 20.0, "best": 80.0}, "cost": {"worst": 25.0, "best": 5.0}},
    }
    results = by_id(data)
    expected = {
        "a": (87.5, 0.0, 100.0, 75.0, "high", True, 1),
        "c": (62.5, 100.0, 0.0, 25.0, "high", False, 2),
        "b": (34.375, 50.0, 75.0, 68.75, "low", True, 3),
    }
    for region_id, (total, cover, cost, infra, level, eligible, rank) in expected.items():
        entry = results[region_id]
        assert entry["score"] == pytest.approx(total, abs=1e-6)
        assert entry["scores"]["cover"] == pytest.approx(cover, abs=1e-6)
        assert entry["scores"]["cost"] == pytest.approx(cost, abs=1e-6)
        assert entry["scores"]["infra"] == pytest.approx(infra, abs=1e-6)
        # Levels and score gates are read again on the cohort's scores.
        assert (entry["level"], entry["eligible"], entry["rank"]) == (level, eligible, rank)
    assert results["c"]["failed_gates"] == ["infra-half"]


def test_an_invalid_region_is_not_in_the_cohort(cli: Cli, files: Path, write: Write) -> None:
    write("regions/z.yaml", region("z", 1000, 0, "true"))  # cover above its max: invalid

    result = cli("rank", "-c", files / "criteria.yaml", files / "regions", "-f", "json")

    assert result.code == 1
    data = json.loads(result.out)
    assert data["cohort"]["size"] == 3
    assert data["cohort"]["goalposts"]["cover"] == {"worst": 20.0, "best": 80.0}


def test_every_output_names_the_cohort(cli: Cli, files: Path) -> None:
    line = "Cohort: 3 region(s); goalposts (worst → best): cover 20 → 80, cost 25 → 5"
    args = ("rank", "-c", files / "criteria.yaml", files / "regions")

    table = cli(*args)
    markdown = cli(*args, "-f", "markdown")
    csv = cli(*args, "-f", "csv")

    assert line in table.out.splitlines()
    assert f"{line}\n\n" in markdown.out
    assert csv.err.splitlines()[0] == line  # a CSV holds regions only: the summary says it
    indonesian = cli(*args, "--lang", "id")
    assert "Kohort: 3 daerah; batas (terburuk → terbaik): cover 20 → 80, cost 25 → 5" in (
        indonesian.out
    )


def test_when_every_answer_is_equal_each_scores_100(cli: Cli, write: Write) -> None:
    criteria = write("criteria.yaml", CRITERIA)
    write("r/a.yaml", region("a", 40, 7, "true"))
    write("r/b.yaml", region("b", 40, "null", "false"))

    data = as_json(cli("rank", "-c", criteria, criteria.parent / "r", "-f", "json"))

    assert data["cohort"]["goalposts"] == {
        "cover": {"worst": 40.0, "best": 40.0},
        "cost": {"worst": 7.0, "best": 7.0},
    }
    results = by_id(data)
    assert results["a"]["scores"] == {
        "infra": 100.0,
        "cover": 100.0,
        "cost": 100.0,
        "gov": 100.0,
        "plan": 100.0,
    }
    # An unanswered indicator stays missing (scored 0 by `missing: zero`).
    assert results["b"]["scores"]["cost"] == 0.0
    assert results["b"]["missing"] == ["cost"]
    assert results["b"]["scores"]["infra"] == 25.0


def test_an_indicator_no_region_answered_has_no_goalposts(cli: Cli, write: Write) -> None:
    criteria = write("criteria.yaml", CRITERIA)
    write("r/a.yaml", region("a", 40, "null", "true"))

    data = as_json(cli("rank", "-c", criteria, criteria.parent / "r", "-f", "json"))

    assert data["cohort"]["goalposts"]["cost"] is None
    assert cli("rank", "-c", criteria, criteria.parent / "r").out.count("cost —") == 1


def test_assess_alone_is_its_own_cohort(cli: Cli, files: Path) -> None:
    args = ("assess", "-c", files / "criteria.yaml", files / "regions" / "b.yaml", "-f", "json")

    data = as_json(cli(*args))

    assert data["cohort"]["size"] == 1
    assert data["results"][0]["scores"]["cover"] == 100.0
    assert data["results"][0]["scores"]["cost"] == 100.0


def test_assess_with_cohort_scores_as_rank_does(cli: Cli, files: Path) -> None:
    args = ("-c", files / "criteria.yaml")
    ranked = by_id(as_json(cli("rank", *args, files / "regions", "-f", "json")))

    # b is also under --cohort: that file is replaced by the one assessed (the same here).
    data = as_json(
        cli(
            "assess",
            *args,
            files / "regions" / "b.yaml",
            "--cohort",
            files / "regions",
            "-f",
            "json",
        )
    )

    assert data["cohort"]["size"] == 3
    assert data["results"][0]["scores"] == ranked["b"]["scores"]
    assert data["results"][0]["score"] == ranked["b"]["score"]


def test_assess_a_region_outside_the_cohorts_range(cli: Cli, files: Path, write: Write) -> None:
    """d answers beyond every cohort answer: it moves the goalposts, and so b's scores."""
    d = write("d.yaml", region("d", 95, 2, "false"))
    args = ("assess", "-c", files / "criteria.yaml", d, files / "regions" / "b.yaml")

    data = as_json(cli(*args, "--cohort", files / "regions", "-f", "json"))

    assert data["cohort"] == {
        "size": 4,
        "goalposts": {"cover": {"worst": 20.0, "best": 95.0}, "cost": {"worst": 25.0, "best": 2.0}},
    }
    d_scores, b_scores = (entry["scores"] for entry in data["results"])
    assert (d_scores["cover"], d_scores["cost"], data["results"][0]["score"]) == (100, 100, 50)
    assert b_scores["cover"] == pytest.approx(100 * 30 / 75, abs=1e-6)  # 40
    assert b_scores["cost"] == pytest.approx(100 * 15 / 23, abs=1e-6)  # 65.217391
    assert b_scores["infra"] == pytest.approx((40 + 3 * 100 * 15 / 23) / 4, abs=1e-6)
    table = cli(*args, "--cohort", files / "regions")
    assert "Cohort: 4 region(s); goalposts (worst → best): cover 20 → 95, cost 25 → 2" in (
        table.out
    )


def test_assess_with_reviews_clamps_against_the_cohort(cli: Cli, files: Path, write: Write) -> None:
    review = "schema: smartcity-score/review/v1\nregion: b\nassessor: a1\nanswers: {cover: 10}\n"
    write("reviews/b.yaml", review)
    b = files / "regions" / "b.yaml"
    args = ("assess", "-c", files / "criteria.yaml", b, "--cohort", files / "regions")

    data = as_json(cli(*args, "--reviews", files / "reviews", "--workers", "2", "-f", "json"))

    assert data["cohort"]["goalposts"]["cover"] == {"worst": 20.0, "best": 80.0}
    entry = data["results"][0]
    assert (entry["scores"]["cover"], entry["self_score"]) == (0.0, 34.375)
    assert entry["score"] == pytest.approx(((0 + 3 * 75) / 4 + 0) / 2, abs=1e-6)  # 28.125


def test_assess_reports_an_invalid_cohort_file(cli: Cli, files: Path, write: Write) -> None:
    write("more/bad.yaml", region("bad", "lots", 1, "true"))

    result = cli(
        "assess",
        "-c",
        files / "criteria.yaml",
        files / "regions" / "a.yaml",
        "--cohort",
        files / "more",
        "-f",
        "json",
    )

    assert result.code == 1
    data = json.loads(result.out)
    assert [e["file"].endswith("bad.yaml") for e in data["errors"]] == [True]
    assert data["cohort"]["size"] == 1


def test_a_reviewed_value_beyond_the_goalposts_is_clamped(
    cli: Cli, files: Path, write: Write
) -> None:
    write(
        "reviews/b.yaml",
        "schema: smartcity-score/review/v1\nregion: b\nassessor: asesor-01\n"
        "answers: {cover: 100, cost: 1}\n",
    )
    args = ("rank", "-c", files / "criteria.yaml", files / "regions", "-f", "json")

    data = as_json(cli(*args, "--reviews", files / "reviews"))

    # Goalposts from the region files only, never from reviews (SPEC §6).
    assert data["cohort"]["goalposts"]["cover"] == {"worst": 20.0, "best": 80.0}
    b = by_id(data)["b"]
    assert (b["scores"]["cover"], b["scores"]["cost"], b["score"]) == (100.0, 100.0, 50.0)
    assert b["self_score"] == 34.375


def test_rank_in_parallel_gives_the_same_bytes(cli: Cli, write: Write) -> None:
    """Enough files for the worker pool: the parent rescores what the workers return."""
    criteria = write("criteria.yaml", CRITERIA)
    rng = random.Random(14)
    answers = {}
    for i in range(300):
        cover, cost = rng.randint(0, 100), rng.choice(["null", rng.randint(1, 500)])
        answers[f"r{i:03d}"] = (cover, cost)
        write(f"r/r{i:03d}.yaml", region(f"r{i:03d}", cover, cost, "true"))
    args = ("rank", "-c", criteria, criteria.parent / "r", "-f", "json")

    one, two = cli(*args, "--workers", "1"), cli(*args, "--workers", "2")

    assert one.out == two.out
    data = as_json(one)
    covers = [c for c, _ in answers.values()]
    costs = [c for _, c in answers.values() if c != "null"]
    assert data["cohort"]["goalposts"] == {
        "cover": {"worst": min(covers), "best": max(covers)},
        "cost": {"worst": max(costs), "best": min(costs)},
    }
    for region_id, entry in by_id(data).items():
        cover, cost = answers[region_id]
        expected = 100 * (cover - min(covers)) / (max(covers) - min(covers))
        assert entry["scores"]["cover"] == pytest.approx(expected, abs=1e-6)
        if cost == "null":
            assert entry["scores"]["cost"] == 0.0


def test_sensitivity_and_compare_keep_the_cohort(cli: Cli, files: Path, write: Write) -> None:
    criteria = files / "criteria.yaml"
    ranked = by_id(as_json(cli("rank", "-c", criteria, files / "regions", "-f", "json")))
    other = write("other.yaml", CRITERIA.replace("weight: 3", "weight: 1"))

    sampled = as_json(
        cli("sensitivity", "-c", criteria, files / "regions", "--samples", "20", "-f", "json")
    )
    compared = as_json(cli("compare", criteria, other, files / "regions", "-f", "json"))

    assert sampled["cohort"]["size"] == 3
    for entry in sampled["results"]:
        assert entry["score"] == ranked[entry["region"]["id"]]["score"]
    assert compared["old"]["cohort"] == compared["new"]["cohort"] == sampled["cohort"]
    new_b = next(r for r in compared["results"] if r["region"]["id"] == "b")
    assert new_b["new"]["score"] == pytest.approx(((50 + 75) / 2 + 0) / 2, abs=1e-6)


def test_criteria_show_says_scores_depend_on_the_cohort(cli: Cli, files: Path) -> None:
    result = cli("criteria", "show", files / "criteria.yaml")

    assert result.out.splitlines()[2:4] == [  # wrapped at the 120 columns of a pipe
        "cohort scoring (minmax): cover (higher is better), cost (lower is better); "
        "a region's score depends on the other regions",
        "    scored with it",
    ]


def test_minmax_takes_no_goalposts_in_the_file(cli: Cli, write: Write) -> None:
    criteria = write(
        "criteria.yaml",
        CRITERIA.replace("{method: minmax, direction: higher}", "{method: minmax, worst: 0}"),
    )

    result = cli("check", "--format", "text", criteria)

    assert result.code == 1
    assert "direction" in result.out and "worst" in result.out


# --- the engine, without files ----------------------------------------------------------

MODEL = Criteria.model_validate(
    {
        "schema": "smartcity-score/criteria/v1",
        "id": "p",
        "version": "1",
        "title": "P",
        "aggregation": "geometric",
        "dimensions": [
            {
                "id": "d",
                "title": "D",
                "indicators": [
                    {
                        "id": "up",
                        "question": "Q",
                        "type": "number",
                        "scoring": {"method": "minmax", "direction": "higher"},
                    },
                    {
                        "id": "down",
                        "question": "Q",
                        "type": "number",
                        "weight": 2,
                        "scoring": {"method": "minmax", "direction": "lower"},
                    },
                ],
            }
        ],
    }
)

finite = st.floats(allow_nan=False, allow_infinity=False) | st.none()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(finite, finite), min_size=1, max_size=12),
    st.sampled_from(["zero", "exclude"]),
)
def test_rescoring_in_the_parent_equals_scoring_against_the_cohort(
    rows: list[tuple[float | None, float | None]], missing: str
) -> None:
    """The two steps of `rank` give the floats of scoring each region under the resolved
    criteria; scores stay in [0, 100]; the cohort's best scores 100 and its worst 0."""
    model = MODEL.model_copy(update={"missing": missing})
    indicators = minmax_indicators(model)
    answers = [{"up": up, "down": down} for up, down in rows]
    cohort = Cohort.of(indicators, [raw(a, indicators) for a in answers])
    resolved = resolve(model, cohort)
    direct, first = Scorer(resolved), Scorer(model)
    outcomes = [_outcome(f"f{i}", first, a) for i, a in enumerate(answers)]
    raws = {o.file: raw(a, indicators) for o, a in zip(outcomes, answers, strict=True)}
    rescored = rescore(outcomes, raws, resolved, direct)
    for outcome, region_answers in zip(rescored, answers, strict=True):
        scores = direct.score(region_answers)
        assert outcome.total == scores.total
        assert [None if v != v else v for v in outcome.scores] == list(scores.nodes.values())
        assert 0.0 <= rounded(scores.total) <= 100.0  # geometric: exp(ln 100) is 100 + noise
    for k, node in enumerate(["up", "down"]):
        present = [row[k] for row in rows if row[k] is not None]
        if len(set(present)) > 1:
            best = max(present) if node == "up" else min(present)
            worst = min(present) if node == "up" else max(present)
            assert direct.score({node: best}).nodes[node] == 100.0
            assert direct.score({node: worst}).nodes[node] == 0.0


def _outcome(file: str, scorer: Scorer, answers: dict[str, Any]) -> Outcome:
    from array import array

    scores = scorer.score(answers)
    values = array("d", [float("nan") if v is None else v for v in scores.nodes.values()])
    return Outcome(
        file, file, file, None, None, (), scores.total, values, (), scores.missing, True, (), None
    )


def test_assess_cohort_is_not_read_without_minmax(cli: Cli, write: Write) -> None:
    criteria = write(
        "criteria.yaml",
        CRITERIA.replace(
            "method: minmax, direction: higher", "method: linear, worst: 0, best: 100"
        ).replace("method: minmax, direction: lower", "method: linear, worst: 100, best: 0"),
    )
    one = write("r/a.yaml", region("a", 20, 5, "true"))
    write("more/bad.yaml", "not: [a region")

    result = cli("assess", "-c", criteria, one, "--cohort", criteria.parent / "more", "-f", "json")

    assert result.code == 0
    assert "cohort" not in json.loads(result.out)
    assert result.err.splitlines()[-1] == (
        "--cohort not read: these criteria score no indicator against a cohort"
    )


def test_trend_names_each_rounds_cohort(cli: Cli, files: Path, write: Write) -> None:
    write("later/a.yaml", region("a", 30, 5, "true"))
    write("later/b.yaml", region("b", 60, 10, "true"))
    args = ("trend", "-c", files / "criteria.yaml", files / "regions", files / "later")

    data = as_json(cli(*args, "-f", "json"))
    table = cli(*args)

    first, second = (r["cohort"] for r in data["rounds"])
    assert first["goalposts"]["cover"] == {"worst": 20.0, "best": 80.0}
    assert second == {
        "size": 2,
        "goalposts": {"cover": {"worst": 30.0, "best": 60.0}, "cost": {"worst": 10.0, "best": 5.0}},
    }
    assert "Cohort: 2 region(s); goalposts (worst → best): cover 30 → 60, cost 10 → 5" in (
        " ".join(table.out.split())
    )


def test_html_and_workbook_name_the_cohort(cli: Cli, files: Path, tmp_path: Path) -> None:
    import openpyxl

    line = "Cohort: 3 region(s); goalposts (worst → best): cover 20 → 80, cost 25 → 5"
    args = ("rank", "-c", files / "criteria.yaml", files / "regions", "-o")

    assert cli(*args, tmp_path / "r.html").code == 0
    assert cli(*args, tmp_path / "r.xlsx").code == 0

    assert f'<span class="cohort">{line}</span>' in (tmp_path / "r.html").read_text("utf-8")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[-1]
    assert [cell.value for cell in sheet[1]][-1] == "Cohort"
    assert [cell.value for cell in sheet[2]][-1] == line

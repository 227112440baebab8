"""`rank -f json` writes its plain results by hand: the bytes `json.dumps` gives each
`result_dict`, whatever the names, scores and selection hold."""

from __future__ import annotations

import json
from array import array

import pytest

from smartcity_score.jobs import rank_job
from smartcity_score.render import Options
from smartcity_score.render.json_ import _head, document, rank
from smartcity_score.report import RankReport, problem_dicts, rank_dicts
from smartcity_score.schemas import OUTPUT_SCHEMA
from tests.conftest import CRITERIA, EXAMPLES

SETS = ["applicants-2022", "applicants-2023", "spbe-2020", "idm-village", "smart-city-6d"]


def _by_json_dumps(report: RankReport) -> str:
    head = {"schema": OUTPUT_SCHEMA, **_head(report.loaded)}
    tail = {"errors": problem_dicts(report.errors, False, None), "warnings": report.warnings}
    return "".join(document(head, rank_dicts(report), tail))


def _same(report: RankReport) -> None:
    assert "".join(rank(report, Options())) == _by_json_dumps(report)


@pytest.mark.parametrize("name", SETS)
def test_every_example_set_is_written_as_json_dumps_writes_it(name: str) -> None:
    criteria = CRITERIA / f"{name}.yaml"
    for select in (None, 2):
        report = rank_job(
            [str(EXAMPLES / name)], str(criteria) if criteria.exists() else None, select=select
        )
        assert report.placed
        _same(report)


def test_odd_names_missing_scores_and_negative_zero() -> None:
    report = rank_job([str(EXAMPLES / "applicants-2022")], None, select=3)
    nan, odd = float("nan"), 'Kab "Ñ"\\ \u2028 \x7f \ud800 \n\t'
    placed = []
    for number, one in enumerate(report.placed):
        values = [nan, -0.0, 1 / 3] * len(one.outcome.scores)
        scores = array("d", values[: len(one.outcome.scores)])
        outcome = one.outcome._replace(
            file=f"{odd}/{number}.yaml",
            name=odd,
            kind=None,
            province=odd if number % 2 else None,
            scores=scores,
            missing=("a", odd),
            failed_gates=(odd,) if number % 2 else (),
            level=None if number % 2 else odd,
            total=nan if number == 0 else -0.0 if number == 1 else one.outcome.total,
        )
        placed.append(one._replace(outcome=outcome, reason=odd if number % 2 else None))
    report.placed = placed
    _same(report)
    text = "".join(rank(report, Options()))
    assert "\ud800" not in text and json.loads(text)["results"][0]["score"] is None


def test_results_are_chunked_without_changing_a_byte() -> None:
    report = rank_job([str(EXAMPLES / "applicants-2022")], None)
    report.placed = report.placed * 300  # more than one chunk of lines
    _same(report)

"""`smartcity_score.api`: the same results as the command line, as flat records."""

from __future__ import annotations

import json
from collections.abc import Callable

import yaml

from smartcity_score import api
from tests.conftest import EXAMPLES, Result

APPLICANTS = EXAMPLES / "applicants-2022"


def test_rank_gives_the_command_lines_results_as_flat_records(
    cli: Callable[..., Result],
) -> None:
    ranking = api.rank(APPLICANTS)
    shown = json.loads(cli("rank", APPLICANTS, "-f", "json").out)
    assert len(ranking.records) == len(shown["results"]) == 88
    for record, entry in zip(ranking.records, shown["results"], strict=True):
        assert (record["rank"], record["region_id"], record["score"]) == (
            entry["rank"], entry["region"]["id"], entry["score"],
        )  # fmt: skip
        assert record["score_kepemimpinan"] == entry["scores"]["kepemimpinan"]
        assert record["selected"] is entry["selected"]
    # Flat: every value is a plain scalar, as a DataFrame column wants it.
    kinds = {type(v) for record in ranking.records for v in record.values()}
    assert kinds <= {str, int, float, bool, type(None)}
    assert ranking.criteria["id"] == "kominfo-readiness-2022"
    assert ranking.errors == []


def test_region_records_are_read_like_files_and_named_in_problems() -> None:
    good = yaml.safe_load((APPLICANTS / "kota-pariaman.yaml").read_text(encoding="utf-8"))
    bad = {"schema": "smartcity-score/region/v1", "region": {"id": "x", "name": "X"}}
    ranking = api.rank([good, bad])
    assert [r["region_id"] for r in ranking.records] == ["kota-pariaman"]
    assert ranking.records[0]["file"] == "record 1"
    assert ranking.records[0]["score"] == 88.38314
    assert {e["file"] for e in ranking.errors} == {"record 2"}
    assert ranking.errors[0]["message"] == "required indicator 'ipm' is not answered"


def test_assess_and_validate() -> None:
    cards = api.assess(APPLICANTS / "kota-pariaman.yaml", reviews=[EXAMPLES / "reviews-2022"])
    assert len(cards.records) == 1
    card = cards.records[0]
    assert (card["score"], card["self_score"], card["reviewers"]) == (87.028973, 88.38314, 3)
    assert card["rank"] is None
    assert api.validate(APPLICANTS) == []
    assert api.load_criteria("spbe-2020").criteria.id == "spbe-2020"

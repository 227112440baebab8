"""The vectorised re-scoring behind `sensitivity` agrees with the engine (SPEC §3, §4)."""

from __future__ import annotations

import copy
import math
import random
from array import array
from typing import Any

import numpy as np
import pytest

from smartcity_score import batch
from smartcity_score.engine import TOTAL, Scorer
from smartcity_score.jobs import load
from smartcity_score.models import Criteria
from smartcity_score.ranking import Outcome, rank
from smartcity_score.sensitivity import Reranker, Settings, WeightDraws, WeightScorer, round6
from tests.conftest import EXAMPLES


def number(id: str, weight: float = 1) -> dict[str, Any]:
    scoring = {"method": "linear", "worst": 0, "best": 100}
    return {"id": id, "question": id, "type": "number", "weight": weight, "scoring": scoring}


def nested(aggregation: str, missing: str) -> dict[str, Any]:
    """Groups three deep, geometric and arithmetic, with a zero weight in each kind."""
    return {
        "schema": "smartcity-score/criteria/v1",
        "id": "nested",
        "version": "1",
        "title": "Nested",
        "aggregation": aggregation,
        "missing": missing,
        "dimensions": [
            {
                "id": "d1",
                "title": "D1",
                "weight": 2,
                "aggregation": "geometric",
                "indicators": [number("i1"), number("i2", 3), number("i3", 0)],
            },
            {
                "id": "d2",
                "title": "D2",
                "dimensions": [
                    {"id": "g1", "title": "G1", "indicators": [number("i4"), number("i5", 0.5)]},
                    {
                        "id": "g2",
                        "title": "G2",
                        "weight": 3,
                        "aggregation": "geometric",
                        "indicators": [number("i6"), number("i7", 2)],
                    },
                ],
            },
            {"id": "d3", "title": "D3", "weight": 0.5, "indicators": [number("i8")]},
        ],
    }


def reweighted(data: dict[str, Any], weights: dict[str, float]) -> Criteria:
    """The criteria `data` with every group and indicator weight replaced."""
    data = copy.deepcopy(data)

    def walk(group: dict[str, Any]) -> None:
        group["weight"] = weights[group["id"]]
        for child in group.get("indicators", []):
            child["weight"] = weights[child["id"]]
        for child in group.get("dimensions", []):
            walk(child)

    for dimension in data["dimensions"]:
        walk(dimension)
    return Criteria.model_validate(data)


def outcome(region_id: str, scorer: Scorer, answers: dict[str, Any]) -> Outcome:
    scores = scorer.score(answers)
    values = array("d", (math.nan if v is None else v for v in scores.nodes.values()))
    return Outcome(
        f"{region_id}.yaml", region_id, region_id, None, None, (), scores.total, values, (),
        scores.missing, True, (), None,
    )  # fmt: skip


def test_a_geometric_group_by_hand() -> None:
    """exp((3·ln 25 + 1·ln 100) / 4) = 25^¾ · 100^¼ = 25·√2; a zero child makes it 0."""
    data = nested("arithmetic", "exclude")
    scorer = Scorer(Criteria.model_validate(data))
    outcomes = [
        outcome("r", scorer, {"i1": 100, "i2": 25, "i4": 50, "i8": 10}),
        outcome("z", scorer, {"i1": 0, "i2": 25}),
    ]
    vectorised = WeightScorer(scorer, outcomes)
    weights = vectorised.nominal()
    weights[0, scorer.index["i1"]] = 1.0
    weights[0, scorer.index["i2"]] = 3.0
    values = vectorised.scores(weights, ["d1", "d2", "g2", TOTAL])
    assert values["d1"][0, 0] == pytest.approx(25 * math.sqrt(2), rel=1e-12)
    assert values["d1"][0, 1] == 0.0
    assert values["d2"][0, 0] == 50.0  # g2 is missing (all excluded), so d2 is g1 alone
    assert math.isnan(values["g2"][0, 0])
    # total = (2·25√2 + 1·50 + 0.5·10) / 3.5; for z: d1 = 0, d2 and d3 missing → 0
    assert values[TOTAL][0, 0] == pytest.approx((2 * 25 * math.sqrt(2) + 50 + 5) / 3.5)
    assert values[TOTAL][0, 1] == 0.0


@pytest.mark.parametrize(
    ("aggregation", "missing"),
    [("arithmetic", "exclude"), ("geometric", "exclude"), ("arithmetic", "zero")],
)
def test_random_weights_match_the_engine(aggregation: str, missing: str) -> None:
    data = nested(aggregation, missing)
    scorer = Scorer(Criteria.model_validate(data))
    generator = random.Random(11)
    choices: list[float | None] = [None, None, 0.0, 25.0, 100.0]
    outcomes = []
    answers = []
    for i in range(40):
        given = {f"i{k}": generator.choice([*choices, generator.uniform(0, 100)]) for k in range(9)}
        answers.append(given)
        outcomes.append(outcome(f"r{i}", scorer, given))
    ids = list(scorer.index)
    rows = []
    for _ in range(25):
        weights = {node: generator.choice([0.0, generator.uniform(0, 5)]) for node in ids}
        rows.append([weights[node.id] for node in scorer.nodes])
        engine = Scorer(reweighted(data, weights))
        expected = [engine.score(a) for a in answers]
        got = WeightScorer(scorer, outcomes).scores(np.array([rows[-1]]), [*ids, TOTAL])
        for r, scores in enumerate(expected):
            assert got[TOTAL][0, r] == pytest.approx(scores.total, rel=1e-12, abs=1e-12)
            for node in ids:
                value = scores.nodes[node]
                if value is None:
                    assert math.isnan(got[node][0, r]), node
                else:
                    assert got[node][0, r] == pytest.approx(value, rel=1e-12, abs=1e-12), node
    # Many weightings at once give what each gives alone.
    together = WeightScorer(scorer, outcomes).scores(np.array(rows), [TOTAL])[TOTAL]
    alone = [
        WeightScorer(scorer, outcomes).scores(np.array([row]), [TOTAL])[TOTAL][0] for row in rows
    ]
    assert np.array_equal(together, np.array(alone))


def test_nominal_weights_rank_and_select_exactly_as_rank() -> None:
    """No shortcut: the vectorised path itself, on the examples' ties, gates and quotas."""
    loaded, path = load(None)
    files, _ = batch.discover([str(EXAMPLES / "applicants-2022")])
    outcomes = batch.run(files, loaded, path, 1).outcomes
    criteria = loaded.criteria
    expected = rank(outcomes, criteria.selection)
    assert criteria.selection is not None
    vectorised = WeightScorer(loaded.scorer, outcomes)
    reranker = Reranker(criteria, outcomes, criteria.selection.count)
    values = vectorised.scores(vectorised.nominal(), reranker.wanted)
    # Bit for bit on Python 3.11; 3.12's compensated sum() in the engine may differ by an ulp.
    assert values[TOTAL][0].tolist() == pytest.approx([o.total for o in outcomes], rel=1e-13)
    ranks, selected = reranker.run(values)
    position = {o.region_id: i for i, o in enumerate(outcomes)}
    for placed in expected.placed:
        i = position[placed.outcome.region_id]
        assert (ranks[0, i], selected[0, i]) == (placed.rank, placed.selected)


def test_round6_is_pythons_round() -> None:
    generator = random.Random(3)
    tricky = [0.0078125, 1.0000005, 2.6749995, 0.1234565, 50.0000005, 99.9999995, 100.0]
    values = tricky + [generator.uniform(0, 100) for _ in range(2000)]
    values += [round(generator.uniform(0, 100), 7) for _ in range(2000)]  # many near halves
    assert round6(np.array(values)).tolist() == [round(v, 6) for v in values]
    assert math.isnan(round6(np.array([math.nan]))[0])


def draw_weights(scorer: Scorer, settings: Settings, chunk: int = 1000) -> np.ndarray:
    return np.concatenate(list(WeightDraws(scorer, settings).chunks(chunk)))


def test_draws() -> None:
    scorer = Scorer(Criteria.model_validate(nested("arithmetic", "zero")))
    nominal = np.array([node.weight for node in scorer.nodes])
    uniform = draw_weights(scorer, Settings(samples=500, spread=0.3, seed=1))
    factors = uniform[:, nominal > 0] / nominal[nominal > 0]
    assert factors.min() >= 0.7 and factors.max() <= 1.3
    assert (uniform[:, nominal == 0] == 0).all()
    again = draw_weights(scorer, Settings(samples=500, spread=0.3, seed=1))
    assert np.array_equal(uniform, again)
    dirichlet = draw_weights(scorer, Settings(samples=500, spread=0.3, method="dirichlet"))
    assert (dirichlet[:, nominal == 0] == 0).all()
    for siblings in [scorer.roots, *(n.children for n in scorer.nodes if n.children)]:
        sums = dirichlet[:, list(siblings)].sum(axis=1)
        assert sums == pytest.approx(nominal[list(siblings)].sum())
    shares = (
        dirichlet[:, list(scorer.roots)] / dirichlet[:, list(scorer.roots)].sum(axis=1)[:, None]
    )
    expected = nominal[list(scorer.roots)] / nominal[list(scorer.roots)].sum()
    assert shares.mean(axis=0) == pytest.approx(expected, abs=0.02)


@pytest.mark.parametrize("method", ["uniform", "dirichlet"])
def test_draws_in_chunks_are_the_draws_at_once(method: str) -> None:
    """Every pass draws chunk by chunk: the chunking must not change a single weight."""
    scorer = Scorer(Criteria.model_validate(nested("arithmetic", "zero")))
    settings = Settings(samples=301, spread=0.3, seed=5, method=method)
    whole = draw_weights(scorer, settings, chunk=301)
    for chunk in (1, 7, 300):
        assert np.array_equal(draw_weights(scorer, settings, chunk=chunk), whole)

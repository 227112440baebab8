"""SPEC §3 scoring, case by case, with the arithmetic written out."""

from __future__ import annotations

import math
from typing import Any

import pytest

from smartcity_score.engine import Scorer, aggregate, gate_passes, level_of, score_indicator
from smartcity_score.models import Criteria, Gate

TypeAdapterInput = dict[str, Any]


def criteria(dimensions: list[dict[str, Any]], **extra: Any) -> Criteria:
    data = {
        "schema": "smartcity-score/criteria/v1",
        "id": "t",
        "version": "1",
        "title": "T",
        "dimensions": dimensions,
        **extra,
    }
    return Criteria.model_validate(data)


def indicator(id: str, type: str, weight: float = 1, **fields: Any) -> dict[str, Any]:
    return {"id": id, "question": id, "type": type, "weight": weight, **fields}


def one(ind: dict[str, Any]) -> Any:
    """The indicator model of a one-indicator criteria file."""
    return Scorer(criteria([{"id": "g", "title": "G", "indicators": [ind]}])).indicators[ind["id"]]


OPTIONS = [{"id": "a", "score": 10}, {"id": "b", "score": 55.5}, {"id": "c", "score": 70}]


@pytest.mark.parametrize(
    ("ind", "answer", "expected"),
    [
        (indicator("x", "boolean"), True, 100.0),
        (indicator("x", "boolean"), False, 0.0),
        (indicator("x", "boolean", score_yes=80, score_no=20), False, 20.0),
        (indicator("x", "choice", options=OPTIONS), "b", 55.5),
        (indicator("x", "multi", options=OPTIONS), [], 0.0),
        (indicator("x", "multi", options=OPTIONS), ["a", "b"], 65.5),  # 10 + 55.5
        (indicator("x", "multi", options=OPTIONS), ["b", "c"], 100.0),  # min(100, 125.5)
        (indicator("x", "scale", min=1, max=5), 1, 0.0),
        (indicator("x", "scale", min=1, max=5), 4, 75.0),  # 100 * (4 - 1) / (5 - 1)
        (indicator("x", "scale", min=0, max=3), 1, 100 / 3),
        # linear, higher is better: 100 * (87.5 - 50) / (100 - 50) = 75
        (
            indicator("x", "number", scoring={"method": "linear", "worst": 50, "best": 100}),
            87.5,
            75.0,
        ),
        (indicator("x", "number", scoring={"method": "linear", "worst": 50, "best": 100}), 20, 0.0),
        (
            indicator("x", "number", scoring={"method": "linear", "worst": 50, "best": 100}),
            120,
            100.0,
        ),
        # linear, lower is better: 100 * (30 - 60) / (10 - 60) = 60
        (indicator("x", "number", scoring={"method": "linear", "worst": 60, "best": 10}), 30, 60.0),
        (indicator("x", "number", scoring={"method": "linear", "worst": 60, "best": 10}), 5, 100.0),
    ],
)
def test_indicator_scores(ind: dict[str, Any], answer: Any, expected: float) -> None:
    assert score_indicator(one(ind), answer) == pytest.approx(expected, abs=1e-12)


BANDS = {
    "method": "bands",
    "bands": [{"from": 10, "score": 25}, {"from": 20, "score": 50}, {"from": 40, "score": 100}],
}


@pytest.mark.parametrize(
    ("x", "expected"),
    [(5, 0.0), (10, 25.0), (19.999, 25.0), (20, 50.0), (39, 50.0), (40, 100.0), (1e9, 100.0)],
)
def test_bands_take_the_last_band_reached(x: float, expected: float) -> None:
    assert score_indicator(one(indicator("x", "number", scoring=BANDS)), x) == expected


def test_arithmetic_and_geometric_aggregation() -> None:
    # arithmetic: (1*40 + 3*80) / 4 = 70
    assert aggregate([(1, 40.0), (3, 80.0)], geometric=False) == pytest.approx(70.0)
    # geometric: exp((1*ln 40 + 3*ln 80) / 4) = 40^0.25 * 80^0.75
    expected = 40**0.25 * 80**0.75
    assert aggregate([(1, 40.0), (3, 80.0)], geometric=True) == pytest.approx(expected)
    assert aggregate([(1, 0.0), (3, 80.0)], geometric=True) == 0.0
    # weight 0 children are skipped; missing ones too; nothing left = missing
    assert aggregate([(0, 10.0), (2, 50.0), (1, None)], geometric=False) == 50.0
    assert aggregate([(0, 10.0), (1, None)], geometric=False) is None


NESTED = [
    {
        "id": "infra",
        "title": "Infra",
        "weight": 2,
        "dimensions": [
            {
                "id": "digital",
                "title": "Digital",
                "weight": 3,
                "indicators": [
                    indicator(
                        "cov", "number", scoring={"method": "linear", "worst": 0, "best": 100}
                    ),
                    indicator("apps", "multi", weight=2, options=OPTIONS),
                ],
            },
            {
                "id": "social",
                "title": "Social",
                "aggregation": "geometric",
                "indicators": [
                    indicator("ipm", "scale", min=1, max=5),
                    indicator("hdi", "scale", min=1, max=5, weight=3),
                ],
            },
        ],
    },
    {
        "id": "policy",
        "title": "Policy",
        "indicators": [indicator("perda", "choice", options=OPTIONS), indicator("sign", "boolean")],
    },
]


def test_nested_tree_with_a_geometric_subgroup() -> None:
    scorer = Scorer(criteria(NESTED))
    s = scorer.score(
        {"cov": 90, "apps": ["a", "c"], "ipm": 3, "hdi": 5, "perda": "b", "sign": True}
    )
    # digital = (1*90 + 2*80) / 3 = 83.333...
    assert s.nodes["digital"] == pytest.approx(250 / 3)
    # social (geometric) = exp((1*ln 50 + 3*ln 100) / 4) = 50^0.25 * 100^0.75
    social = 50**0.25 * 100**0.75
    assert s.nodes["social"] == pytest.approx(social)
    # infra = (3*digital + 1*social) / 4
    infra = (3 * 250 / 3 + social) / 4
    assert s.nodes["infra"] == pytest.approx(infra)
    # policy = (55.5 + 100) / 2 = 77.75 ; total = (2*infra + 1*77.75) / 3
    assert s.nodes["policy"] == pytest.approx(77.75)
    assert s.total == pytest.approx((2 * infra + 77.75) / 3)
    assert s.missing == ()


def test_missing_zero_scores_zero_and_lists_the_answer() -> None:
    scorer = Scorer(criteria(NESTED))
    s = scorer.score({"cov": 90, "apps": ["a", "c"], "ipm": 3, "hdi": 5, "perda": "b"})
    assert s.nodes["sign"] == 0.0
    assert s.nodes["policy"] == pytest.approx(55.5 / 2)
    assert s.missing == ("sign",)


def test_missing_exclude_renormalises_and_propagates_up() -> None:
    scorer = Scorer(criteria(NESTED, missing="exclude"))
    s = scorer.score({"cov": 90, "perda": "b", "sign": None})
    # digital = cov only = 90 ; social has no answer → missing ; infra = digital = 90
    assert s.nodes["apps"] is None
    assert s.nodes["digital"] == 90.0
    assert s.nodes["social"] is None
    assert s.nodes["infra"] == 90.0
    # policy = perda only = 55.5 ; total = (2*90 + 55.5) / 3
    assert s.total == pytest.approx((180 + 55.5) / 3)
    assert s.missing == ("apps", "ipm", "hdi", "sign")


def test_a_missing_root_scores_zero() -> None:
    s = Scorer(criteria(NESTED, missing="exclude")).score({})
    assert s.total == 0.0
    assert all(value is None for value in s.nodes.values())


def test_zero_weight_children_are_scored_but_skipped() -> None:
    dims = [
        {
            "id": "g",
            "title": "G",
            "indicators": [indicator("a", "boolean", weight=0), indicator("b", "boolean")],
        }
    ]
    s = Scorer(criteria(dims)).score({"a": True, "b": False})
    assert s.nodes["a"] == 100.0
    assert s.total == 0.0


def test_kominfo_evaluation_index_reproduces_published_figures() -> None:
    """DOMAIN.md: weights 10/20/30/20/20 on a 0–5 scale; total / 20 is the published index."""
    names = ["baseline", "output", "outcome", "impact", "quick_win"]
    weights = [10, 20, 30, 20, 20]
    linear = {"method": "linear", "worst": 0, "best": 5}
    dims = [
        {
            "id": n,
            "title": n,
            "weight": w,
            "indicators": [indicator(f"{n}_mark", "number", min=0, max=5, scoring=linear)],
        }
        for n, w in zip(names, weights, strict=True)
    ]
    scorer = Scorer(criteria(dims))

    def index(marks: list[float]) -> float:
        answers = {f"{n}_mark": m for n, m in zip(names, marks, strict=True)}
        return scorer.score(answers).total / 20

    # Kota Jambi 2024: (10*3.84 + 20*3.18 + 30*3.53 + 20*3.63 + 20*3.35) / 100 = 3.475
    jambi = index([3.84, 3.18, 3.53, 3.63, 3.35])
    assert jambi == pytest.approx(3.475, abs=1e-9)
    assert round(jambi + 1e-9, 2) == 3.48
    # Kota Kediri 2022: (36.0 + 64.2 + 96.9 + 61.4 + 73.0) / 100 = 3.315 → published 3.31
    kediri = index([3.60, 3.21, 3.23, 3.07, 3.65])
    assert kediri == pytest.approx(3.315, abs=1e-9)
    assert math.floor(kediri * 100 + 1e-9) / 100 == 3.31


def test_gates_on_answers_and_scores() -> None:
    scorer = Scorer(criteria(NESTED))
    answers = {"cov": 40, "apps": ["a"], "ipm": 5, "hdi": 5, "perda": "c", "sign": True}
    s = scorer.score(answers)

    def gate(**fields: Any) -> Gate:
        return Gate.model_validate({"id": "g", **fields})

    assert gate_passes(gate(answer="sign", equals=True), answers, s)
    assert not gate_passes(gate(answer="sign", equals=False), answers, s)
    assert gate_passes(gate(answer="perda", **{"in": ["b", "c"]}), answers, s)
    assert gate_passes(gate(answer="cov", at_least=40), answers, s)
    assert not gate_passes(gate(answer="cov", at_most=39.9), answers, s)
    assert gate_passes(gate(answer="apps", equals="a"), answers, s)  # multi: chosen
    assert not gate_passes(gate(answer="apps", equals="c"), answers, s)
    # a missing answer fails every answer gate
    assert not gate_passes(gate(answer="sign", equals=False), {**answers, "sign": None}, s)
    # social = 100 ; policy = (70 + 100) / 2 = 85
    assert gate_passes(gate(score="policy", at_least=85), answers, s)
    assert not gate_passes(gate(score="policy", at_least=85, at_most=84), answers, s)
    assert gate_passes(gate(score="total", at_most=100), answers, s)
    # true is not 1
    assert not gate_passes(gate(answer="sign", equals=1), answers, s)


def test_levels_compare_at_six_decimals() -> None:
    c = criteria(
        NESTED,
        levels=[
            {"id": "high", "at_least": 80, "label": "High"},
            {"id": "low", "at_least": 0, "label": "Low"},
        ],
    )
    assert level_of(c.levels, 79.99999999999999).id == "high"  # type: ignore[union-attr]
    assert level_of(c.levels, 79.9999994).id == "low"  # type: ignore[union-attr]
    assert level_of([], 50) is None


def test_nodes_are_stored_in_the_criteria_files_order() -> None:
    """JSON `scores` and every table rely on it: each group, then its children, depth first."""
    scorer = Scorer(criteria(NESTED))
    assert list(scorer.index) == [
        "infra",
        "digital",
        "cov",
        "apps",
        "social",
        "ipm",
        "hdi",
        "policy",
        "perda",
        "sign",
    ]

"""Invariants of the scoring engine over random criteria trees and answers (hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.engine import Scorer
from smartcity_score.models import Criteria

weights = st.sampled_from([0, 0.5, 1, 2, 3.5, 10])
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def indicators(draw: st.DrawFn, name: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["boolean", "choice", "multi", "scale", "linear", "bands"]))
    base: dict[str, Any] = {"id": name, "question": name, "weight": draw(weights)}
    if kind == "boolean":
        return {**base, "type": "boolean", "score_yes": draw(scores), "score_no": draw(scores)}
    if kind in ("choice", "multi"):
        count = draw(st.integers(2, 4))
        options = [{"id": f"o{i}", "score": draw(scores)} for i in range(count)]
        return {**base, "type": kind, "options": options}
    if kind == "scale":
        low = draw(st.integers(-3, 3))
        return {**base, "type": "scale", "min": low, "max": low + draw(st.integers(1, 6))}
    if kind == "linear":
        worst, best = draw(st.sampled_from([(0, 100), (100, 0), (10, 60), (60, 10)]))
        scoring = {"method": "linear", "worst": worst, "best": best}
        return {**base, "type": "number", "min": 0, "max": 100, "scoring": scoring}
    starts = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=4)))
    bands = [{"from": f, "score": draw(scores)} for f in starts]
    scoring = {"method": "bands", "bands": bands}
    return {**base, "type": "number", "min": 0, "max": 100, "scoring": scoring}


@st.composite
def trees(draw: st.DrawFn) -> dict[str, Any]:
    counter = iter(range(1000))
    aggregation = st.sampled_from(["arithmetic", "geometric"])

    def group(depth: int) -> dict[str, Any]:
        gid = f"g{next(counter)}"
        node: dict[str, Any] = {"id": gid, "title": gid, "weight": draw(weights)}
        if draw(st.booleans()):
            node["aggregation"] = draw(aggregation)
        if depth < 2 and draw(st.booleans()):
            node["dimensions"] = [group(depth + 1) for _ in range(draw(st.integers(1, 3)))]
        else:
            count = draw(st.integers(1, 4))
            node["indicators"] = [draw(indicators(f"i{next(counter)}")) for _ in range(count)]
        return node

    return {
        "schema": "smartcity-score/criteria/v1",
        "id": "p",
        "version": "1",
        "title": "P",
        "aggregation": draw(aggregation),
        "missing": draw(st.sampled_from(["zero", "exclude"])),
        "dimensions": [group(0) for _ in range(draw(st.integers(1, 3)))],
    }


def answer_for(draw: st.DrawFn, ind: dict[str, Any]) -> Any:
    kind = ind["type"]
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "choice":
        return draw(st.sampled_from([o["id"] for o in ind["options"]]))
    if kind == "multi":
        ids = [o["id"] for o in ind["options"]]
        return draw(st.lists(st.sampled_from(ids), unique=True))
    if kind == "scale":
        return draw(st.integers(ind["min"], ind["max"]))
    return draw(st.floats(0, 100, allow_nan=False))


def all_indicators(tree: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = list(tree["dimensions"])
    while stack:
        node = stack.pop()
        stack.extend(node.get("dimensions", []))
        found.extend(node.get("indicators", []))
    return found


@st.composite
def cases(draw: st.DrawFn, allow_missing: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    tree = draw(trees())
    answers: dict[str, Any] = {}
    for ind in all_indicators(tree):
        if allow_missing and draw(st.integers(0, 4)) == 0:
            continue
        answers[ind["id"]] = answer_for(draw, ind)
    return tree, answers


def scored(tree: dict[str, Any], answers: dict[str, Any]) -> Any:
    return Scorer(Criteria.model_validate(tree)).score(answers)


@settings(max_examples=150, deadline=None)
@given(cases())
def test_every_score_is_within_0_and_100(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    result = scored(*case)
    assert 0.0 <= result.total <= 100.0 + 1e-9
    for value in result.nodes.values():
        assert value is None or -1e-9 <= value <= 100.0 + 1e-9


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_a_better_answer_never_lowers_any_score(
    case: tuple[dict[str, Any], dict[str, Any]], data: st.DataObject
) -> None:
    tree, answers = case
    scorer = Scorer(Criteria.model_validate(tree))
    before = scorer.score(answers)
    candidates = [i for i in all_indicators(tree) if i["id"] in answers]
    if not candidates:
        return
    ind = data.draw(st.sampled_from(candidates))
    improved = answer_for(data.draw, ind)
    after_answers = {**answers, ind["id"]: improved}
    after = scorer.score(after_answers)
    if (after.nodes[ind["id"]] or 0) < (before.nodes[ind["id"]] or 0):
        before, after = after, before  # make "after" the better of the two answers
    for node, value in after.nodes.items():
        old = before.nodes[node]
        if value is not None and old is not None:
            assert value >= old - 1e-9, node
    assert after.total >= before.total - 1e-9


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from([0.25, 3.0, 7.5]), st.data())
def test_scaling_one_parents_weights_changes_nothing(
    case: tuple[dict[str, Any], dict[str, Any]], factor: float, data: st.DataObject
) -> None:
    tree, answers = case
    before = scored(tree, answers)
    scaled = copy.deepcopy(tree)
    parents: list[list[dict[str, Any]]] = [scaled["dimensions"]]
    stack = list(scaled["dimensions"])
    while stack:
        node = stack.pop()
        children = node.get("dimensions") or node.get("indicators")
        parents.append(children)
        stack.extend(node.get("dimensions", []))
    for child in data.draw(st.sampled_from(parents)):
        child["weight"] = child["weight"] * factor
    after = scored(scaled, answers)
    assert abs(after.total - before.total) < 1e-9
    for node, value in before.nodes.items():
        other = after.nodes[node]
        assert (value is None) == (other is None)
        if value is not None and other is not None:
            assert abs(value - other) < 1e-9


def _with_aggregation(tree: dict[str, Any], aggregation: str) -> dict[str, Any]:
    changed = copy.deepcopy(tree)
    changed["aggregation"] = aggregation
    stack = list(changed["dimensions"])
    while stack:
        node = stack.pop()
        node.pop("aggregation", None)
        stack.extend(node.get("dimensions", []))
    return changed


@settings(max_examples=150, deadline=None)
@given(cases())
def test_geometric_never_exceeds_arithmetic(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    tree, answers = case
    arithmetic = scored(_with_aggregation(tree, "arithmetic"), answers)
    geometric = scored(_with_aggregation(tree, "geometric"), answers)
    assert geometric.total <= arithmetic.total + 1e-9


@settings(max_examples=150, deadline=None)
@given(cases(allow_missing=False))
def test_exclude_equals_zero_when_everything_is_answered(
    case: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    tree, answers = case
    zero = scored({**tree, "missing": "zero"}, answers)
    exclude = scored({**tree, "missing": "exclude"}, answers)
    assert zero.total == exclude.total
    assert zero.nodes == exclude.nodes

"""Issue 16, class 3 (and its "speed" section): every command is linear in indicators.

`assess` used to re-score the region for every candidate answer of every indicator
(quadratic); it now estimates each gain along the indicator's path and computes only
the few that matter exactly. The first tests pin that the gains are the very same
floats as the brute-force re-score; the hostile cases run the commands on wide criteria.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import Scorer, Scores, rounded
from smartcity_score.explain import TOP_GAINS, Gain, answer_text, best_answers, gains
from smartcity_score.models import Criteria, text

from .conftest import REPO

_spec = importlib.util.spec_from_file_location("wide", REPO / "benchmarks" / "wide_criteria.py")
assert _spec is not None and _spec.loader is not None
wide = importlib.util.module_from_spec(_spec)
sys.modules["wide"] = wide
_spec.loader.exec_module(wide)


def brute_force(scorer: Scorer, answers: Mapping[str, Any], scores: Scores) -> list[Gain]:
    """The definition of a gain: re-score the region with one answer replaced."""
    found = []
    for indicator_id, indicator in scorer.indicators.items():
        if indicator.weight <= 0:
            continue
        current = answers.get(indicator_id)
        best: tuple[float, Any] | None = None
        for candidate in best_answers(indicator, current):
            if candidate == current:
                continue
            delta = scorer.score({**answers, indicator_id: candidate}).total - scores.total
            if rounded(delta) > 0 and (best is None or delta > best[0]):
                best = (delta, candidate)
        if best is not None:
            found.append(
                Gain(
                    indicator_id,
                    text(indicator.question),
                    answer_text(indicator, current, None),
                    answer_text(indicator, best[1], None),
                    best[0],
                )
            )
    found.sort(key=lambda g: (-rounded(g.points), g.indicator))
    return found[:TOP_GAINS]


WEIGHTS = (0, 0.5, 1, 1, 3, 1 / 3, 7.25, 1e-3, 2e-7, 1e6)


def random_criteria(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random tree (any aggregation, weights of every size, zero weights) and answers."""
    counter = iter(range(10**6))
    answers: dict[str, Any] = {}

    def indicator() -> dict[str, Any]:
        ident = f"i{next(counter)}"
        spec: dict[str, Any] = {"id": ident, "question": ident, "weight": rng.choice(WEIGHTS)}
        kind = rng.choice(("boolean", "choice", "scale", "linear", "bands", "multi"))
        if kind == "boolean":
            spec["type"] = "boolean"
            answer: Any = rng.random() < 0.5
        elif kind in ("choice", "multi"):
            spec["type"] = kind
            spec["options"] = [
                {"id": f"o{k}", "score": rng.choice((0, 1, 33.3, 50, 50, 99.9999995, 100))}
                for k in range(rng.randint(2, 4))
            ]
            ids = [o["id"] for o in spec["options"]]
            answer = rng.choice(ids) if kind == "choice" else rng.sample(ids, rng.randint(0, 2))
        elif kind == "scale":
            spec.update(type="scale", min=0, max=rng.choice((3, 7, 10)))
            answer = rng.randint(0, spec["max"])
        elif kind == "linear":
            spec.update(type="number", scoring={"method": "linear", "worst": 0, "best": 3})
            answer = rng.choice((0, 0.1, 1, 2.9999999, 3, 5))
        else:
            bands = [{"from": 1, "score": 40}, {"from": 2, "score": 100}]
            spec.update(type="number", scoring={"method": "bands", "bands": bands})
            answer = rng.choice((0, 1, 1.5, 2))
        if rng.random() < 0.2:
            answer = None
        answers[ident] = answer
        return spec

    def group(depth: int) -> dict[str, Any]:
        spec: dict[str, Any] = {"id": f"g{next(counter)}", "title": "g"}
        spec["weight"] = rng.choice(WEIGHTS)
        if rng.random() < 0.3:
            spec["aggregation"] = rng.choice(("arithmetic", "geometric"))
        if depth < 2 and rng.random() < 0.5:
            spec["dimensions"] = [group(depth + 1) for _ in range(rng.randint(1, 3))]
        else:
            spec["indicators"] = [indicator() for _ in range(rng.randint(1, 6))]
        return spec

    criteria = {
        "schema": "smartcity-score/criteria/v1",
        "id": "random",
        "version": "1",
        "title": "random",
        "aggregation": rng.choice(("arithmetic", "arithmetic", "geometric")),
        "missing": rng.choice(("zero", "exclude")),
        "dimensions": [group(0) for _ in range(rng.randint(1, 4))],
    }
    return criteria, answers


@pytest.mark.parametrize("seed", range(400))
def test_gains_are_the_floats_of_a_full_rescore(seed: int) -> None:
    criteria, answers = random_criteria(random.Random(seed))
    model = Criteria.model_validate(criteria)
    loaded = LoadedCriteria(model, None, "")  # type: ignore[arg-type]  # gains reads the scorer
    scores = loaded.scorer.score(answers)
    assert gains(loaded, answers, scores, None) == brute_force(loaded.scorer, answers, scores)


def test_gains_at_a_rounding_boundary() -> None:
    """A gain of exactly half a millionth: the estimate cannot decide, the exact value does."""
    criteria = {
        "schema": "smartcity-score/criteria/v1",
        "id": "edge",
        "version": "1",
        "title": "edge",
        "dimensions": [
            {
                "id": "d",
                "title": "d",
                "indicators": [
                    {"id": "a", "question": "a", "type": "boolean", "weight": 1},
                    {"id": "b", "question": "b", "type": "boolean", "weight": 199_999_999},
                ],
            }
        ],
    }
    for scale in (1, 0.1, 3, 1e-3):
        criteria["dimensions"][0]["indicators"][0]["score_yes"] = 0.1 * scale  # type: ignore[index]
        loaded = LoadedCriteria(Criteria.model_validate(criteria), None, "")  # type: ignore[arg-type]
        answers = {"a": False, "b": True}
        scores = loaded.scorer.score(answers)
        assert gains(loaded, answers, scores, None) == brute_force(loaded.scorer, answers, scores)


def wide_files(tmp_path: Path, indicators: int, groups: int) -> tuple[Path, Path]:
    criteria, region = wide.build(indicators, groups)
    (tmp_path / "regions").mkdir()
    (tmp_path / "criteria.yaml").write_text(wide.dump_criteria(criteria))
    good = tmp_path / "regions" / "wide.yaml"
    good.write_text(wide.dump_region(region))
    return tmp_path / "criteria.yaml", good


def count_scores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the region scorings, the unit of work that used to grow with the indicators."""
    calls = [0]
    original = Scorer.score

    def counted(self: Scorer, answers: Mapping[str, Any]) -> Scores:
        calls[0] += 1
        return original(self, answers)

    monkeypatch.setattr(Scorer, "score", counted)
    return calls


# (command, format, indicators, top-level groups): groups=1 is two groups of N/2.
WIDE = [
    pytest.param("assess", "json", 3000, 20, id="c3-assess-json-3000-indicators"),
    pytest.param("assess", "table", 1000, 20, id="c3-assess-table-1000-indicators"),
    pytest.param("assess", "markdown", 1000, 20, id="c3-assess-markdown-1000-indicators"),
    pytest.param("assess", "json", 3000, 1, id="c3-assess-3000-indicators-in-two-groups"),
    pytest.param("rank", "json", 2000, 20, id="c3-rank-2000-indicators"),
    pytest.param("check", None, 2000, 20, id="c3-check-2000-indicators"),
]


@pytest.mark.parametrize(("command", "fmt", "indicators", "groups"), WIDE)
def test_wide_criteria_cost_one_scoring(
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    fmt: str | None,
    indicators: int,
    groups: int,
) -> None:
    criteria, good = wide_files(tmp_path, indicators, groups)
    bad = good.parent / "bad.yaml"
    bad.write_text(good.read_text().replace("i0: true", "i0: 400", 1))
    calls = count_scores(monkeypatch)
    if command == "check":
        result = cli("check", criteria)
        assert result.code == 0
        # The first 100 problems are listed and the rest counted: none is dropped.
        assert result.out.count("[missing-help]") >= 80
        listed = result.out.count("\n") - 1
        assert listed == 100
        unlisted = int(result.out.split("… and ")[1].split()[0])
        assert listed + unlisted >= indicators
        assert result.err == (
            f"1 file(s) checked: 0 error(s), {listed} warning(s) listed, "
            f"{unlisted} more problem(s) not listed\n"
        )
        return
    monkeypatch.chdir(tmp_path)  # short labels: a table does not wrap the message
    targets = ["regions"] if command == "rank" else ["regions/wide.yaml", "regions/bad.yaml"]
    result = cli(command, *targets, "-c", "criteria.yaml", "-f", fmt)
    assert result.code == 1
    message = "'i0' must be true or false, found 400 (a whole number)"
    if fmt == "json":
        report = json.loads(result.out)
        assert report["errors"] == [
            {"file": "regions/bad.yaml", "line": 5, "column": 7, "message": message}
        ]
        assert [r["region"]["id"] for r in report["results"]] == ["kota-lebar"]
    else:
        assert message in result.out
        assert "Kota Lebar" in result.out
    assert calls[0] <= 2  # one scoring of the region, whatever the number of indicators

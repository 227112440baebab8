"""Cohort scoring (SPEC §1 v1.1, `method: minmax`): goalposts from the run's regions.

A `minmax` indicator scores an answer against the lowest and highest present answers
of the cohort, so no score is known before every region of the cohort is read. The
commands do it in two steps, and stay linear:
1. Every region is validated and scored as usual (in the workers for `rank`), with each
   `minmax` indicator at a placeholder score, and its raw `minmax` answers are kept:
   one float (or None) per such indicator and region, a few bytes.
2. The goalposts are the minimum and maximum of those answers (`Cohort.of`), the
   criteria are resolved with them (`resolve`: each `minmax` scoring gets its goalposts,
   so every later step, reviews and score cards included, scores as with `linear`),
   and each outcome is rescored from its node scores (`rescore`): the `minmax` entries
   replaced, the groups and the total recomputed, score gates, level and tie-breakers
   re-read. That costs one pass over the nodes per region, in the parent, without
   reading any file again.
Criteria without `minmax` skip all of this: their scoring path is unchanged.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smartcity_score.engine import Scorer, Scores, cohort_rule, gate_passes, level_of
from smartcity_score.models import (
    CohortScoring,
    Criteria,
    Gate,
    Group,
    Indicator,
    MinmaxScoring,
    NumberIndicator,
)
from smartcity_score.ranking import Outcome

# A region's raw answers to the `minmax` indicators, in criteria order (None = unanswered).
Raw = tuple[float | None, ...]
# An indicator's goalposts: (worst, best); None when no region of the cohort answered it.
Goalposts = tuple[float, float] | None


def minmax_indicators(criteria: Criteria) -> tuple[NumberIndicator, ...]:
    """The criteria's `minmax` indicators, in criteria order."""
    return tuple(
        indicator
        for indicator in _indicators(criteria.dimensions)
        if isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, MinmaxScoring)
    )


def _indicators(groups: Sequence[Group]) -> Iterable[Indicator]:
    for group in groups:
        if group.dimensions is not None:
            yield from _indicators(group.dimensions)
        else:
            yield from group.indicators or ()


def raw(answers: Mapping[str, Any], indicators: Sequence[NumberIndicator]) -> Raw:
    """One region's valid answers to the `minmax` indicators, as floats."""
    found = [answers.get(indicator.id) for indicator in indicators]
    return tuple(None if answer is None else float(answer) for answer in found)


@dataclass(frozen=True)
class Cohort:
    """The regions that set the goalposts: how many, and each `minmax` indicator's
    goalposts by id (criteria order)."""

    size: int
    goalposts: dict[str, Goalposts]

    @classmethod
    def of(cls, indicators: Sequence[NumberIndicator], answers: Sequence[Raw]) -> Cohort:
        """The cohort of regions with these raw answers (SPEC §1: `worst` and `best` are
        the lowest and highest present answers, swapped for `direction: lower`)."""
        goalposts: dict[str, Goalposts] = {}
        for k, indicator in enumerate(indicators):
            present = [x for x in (row[k] for row in answers) if x is not None]
            low, high = min(present, default=None), max(present, default=None)
            if low is None or high is None:
                goalposts[indicator.id] = None
            elif _direction(indicator) == "lower":
                goalposts[indicator.id] = (high, low)
            else:
                goalposts[indicator.id] = (low, high)
        return cls(len(answers), goalposts)


def _direction(indicator: NumberIndicator) -> str:
    scoring = indicator.scoring
    return scoring.direction if isinstance(scoring, MinmaxScoring) else "higher"


def resolve(criteria: Criteria, cohort: Cohort) -> Criteria:
    """The criteria with each `minmax` scoring given the cohort's goalposts."""
    return criteria.model_copy(
        update={"dimensions": [_resolved(group, cohort) for group in criteria.dimensions]}
    )


def _resolved(group: Group, cohort: Cohort) -> Group:
    if group.dimensions is not None:
        return group.model_copy(
            update={"dimensions": [_resolved(child, cohort) for child in group.dimensions]}
        )
    indicators = [_with_goalposts(indicator, cohort) for indicator in group.indicators or ()]
    return group.model_copy(update={"indicators": indicators})


def _with_goalposts(indicator: Indicator, cohort: Cohort) -> Indicator:
    if not isinstance(indicator, NumberIndicator) or not isinstance(
        indicator.scoring, MinmaxScoring
    ):
        return indicator
    posts = cohort.goalposts.get(indicator.id)
    worst, best = posts if posts is not None else (None, None)
    scoring = CohortScoring(
        method="minmax", direction=indicator.scoring.direction, worst=worst, best=best
    )
    return indicator.model_copy(update={"scoring": scoring})


def rescore(
    outcomes: Sequence[Outcome], answers: Mapping[str, Raw], criteria: Criteria, scorer: Scorer
) -> list[Outcome]:
    """Outcomes scored with a placeholder for each `minmax` indicator, scored again under
    `criteria` resolved for the cohort (and its `scorer`), from each file's raw answers:
    the same floats as scoring the regions' answers under them."""
    indicators = minmax_indicators(criteria)
    positions = [scorer.index[indicator.id] for indicator in indicators]
    rules = [cohort_rule(i.scoring) for i in indicators if isinstance(i.scoring, MinmaxScoring)]
    ids = [node.id for node in scorer.nodes]
    return [
        _rescored(o, answers[o.file], positions, rules, ids, criteria, scorer) for o in outcomes
    ]


def _rescored(
    outcome: Outcome,
    answers: Raw,
    positions: Sequence[int],
    rules: Sequence[Callable[[float], float]],
    ids: Sequence[str],
    criteria: Criteria,
    scorer: Scorer,
) -> Outcome:
    values: list[float | None] = [None if math.isnan(v) else v for v in outcome.scores]
    for i, rule, answer in zip(positions, rules, answers, strict=True):
        if answer is not None:
            values[i] = rule(answer)
    total, nodes = scorer.rescore(values)
    scores = Scores(total, dict(zip(ids, nodes, strict=True)), outcome.missing)
    failed = tuple(g.id for g in criteria.gates if _fails(g, outcome.failed_gates, scores))
    level = level_of(criteria.levels, total)
    return outcome._replace(
        total=total,
        scores=array("d", [math.nan if v is None else v for v in nodes]),
        tie_scores=tuple(scores.of(node) for node in criteria.tie_breakers),
        eligible=not failed,
        failed_gates=failed,
        level=level.id if level else None,
    )


def _fails(gate: Gate, failed_before: tuple[str, ...], scores: Scores) -> bool:
    """Whether a gate fails on the rescored scores. An answer gate tests the raw answer,
    which the cohort does not change: it fails as it did."""
    if gate.answer is not None:
        return gate.id in failed_before
    return not gate_passes(gate, {}, scores)

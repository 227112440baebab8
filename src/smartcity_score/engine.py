"""Scoring (SPEC.md §3): pure functions from validated answers to scores.

Everything is float64 with no rounding inside; rounding to 6 decimals happens
only where SPEC §4 compares scores (ranking) and where we compare a score with
a published cut point (levels, score gates), so that 79.99999999999999 from
float noise reaches a level at 80 as a person computing by hand would expect.

Numbers at the edges of float64 never make a score non-finite:
- Weights are relative (SPEC §3.5), so the scorer scales the weights of each set
  of siblings once, when it is built, by the power of two that brings the largest
  into [0.5, 1). Every weight is then below 1 and a weighted sum below 100 per
  child: weights of `1.0e+307` or `1.7e+308` give exactly the shares of equal
  weights `1` (and their scores), where the raw sums overflow to `inf` (every
  region ranked 1) or `nan` (null scores). Scaling by a power of two is exact, so
  everyday weights give bit for bit the scores they gave unscaled. A weight below
  its largest sibling's by more than float64's range (a factor of about 1e-308)
  becomes 0: it counts for nothing, as it nearly did.
- Linear scoring whose `best - worst` overflows (`worst: -1.0e+308`,
  `best: 1.0e+308`) is computed on halved values, which is exact.
- A scale score is computed on whole numbers, exact whatever the scale's size.
Numbers beyond float64 (a 400-digit integer) are refused when files are read
(`smartcity_score.models`), so they never reach this module.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from smartcity_score.models import (
    BandsScoring,
    BooleanIndicator,
    ChoiceIndicator,
    CohortScoring,
    Criteria,
    Gate,
    Group,
    Indicator,
    Level,
    LinearScoring,
    MinmaxScoring,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
)

TOTAL = "total"
DECIMALS = 6


def rounded(value: float) -> float:
    """A score as SPEC §4 compares it: rounded to 6 decimals."""
    return round(value, DECIMALS)


def score_indicator(indicator: Indicator, answer: Any) -> float:
    """The 0–100 score of one valid, present answer."""
    if isinstance(indicator, BooleanIndicator):
        return indicator.score_yes if answer else indicator.score_no
    if isinstance(indicator, ChoiceIndicator):
        return next(float(option.score) for option in indicator.options if option.id == answer)
    if isinstance(indicator, MultiIndicator):
        chosen = set(answer)
        total = 0.0
        for option in indicator.options:  # a plain loop, not `sum`: see `aggregate`
            if option.id in chosen:
                total += option.score
        return min(100.0, total)
    if isinstance(indicator, ScaleIndicator):
        # Integer arithmetic, divided once: exact, and no overflow converting a
        # difference of two huge ends to float (the quotient is within 0–100).
        return 100 * (int(answer) - indicator.min) / (indicator.max - indicator.min)
    return score_number(indicator, float(answer))


def score_number(indicator: NumberIndicator, x: float) -> float:
    scoring = indicator.scoring
    if isinstance(scoring, BandsScoring):
        starts = [band.from_ for band in scoring.bands]
        index = bisect.bisect_right(starts, x) - 1
        return scoring.bands[index].score if index >= 0 else 0.0
    if isinstance(scoring, MinmaxScoring):
        return score_cohort(scoring, x)
    return linear(scoring.worst, scoring.best, x)


def linear(worst: float, best: float, x: float) -> float:
    """SPEC §1 `linear`: `100 * clamp((x - worst) / (best - worst), 0, 1)`, worst ≠ best."""
    span = best - worst
    if math.isfinite(span):
        fraction = (x - worst) / span  # an infinite numerator is clamped below
    else:  # goalposts far apart: halving every term is exact and keeps them finite
        fraction = (x / 2 - worst / 2) / (best / 2 - worst / 2)
    return 100.0 * min(1.0, max(0.0, fraction))


def score_cohort(scoring: MinmaxScoring, x: float) -> float:
    """SPEC §1 `minmax` on the cohort's goalposts: the `linear` formula between them.

    When every answer of the cohort is equal (worst = best) each of them scores 100, and
    a value beyond them (a reviewed one) is clamped: 100 on the good side, 0 on the other.
    Without goalposts (no region of the cohort answered, or the criteria not yet resolved
    for a cohort: a worker's first pass) nothing is better or worse, so 100.
    """
    return cohort_rule(scoring)(x)


def cohort_rule(scoring: MinmaxScoring) -> Callable[[float], float]:
    """`score_cohort` for one scoring, its goalposts looked up once: the same floats."""
    if not isinstance(scoring, CohortScoring) or scoring.worst is None or scoring.best is None:
        return lambda x: 100.0
    worst, best = scoring.worst, scoring.best
    if worst != best:
        return lambda x: linear(worst, best, x)
    if scoring.direction == "higher":
        return lambda x: 100.0 if x >= best else 0.0
    return lambda x: 100.0 if x <= best else 0.0


class Node(NamedTuple):  # a NamedTuple, cheaper than a frozen dataclass to define at start
    """One group or indicator in evaluation order (children before parents)."""

    id: str
    weight: float
    children: tuple[int, ...]  # indexes into Scorer.nodes; empty for an indicator
    geometric: bool  # how this group aggregates its children
    indicator: Indicator | None
    parent: int  # -1 for a top-level dimension


class Scores(NamedTuple):
    """Every node's score (None = missing and excluded), the total, and what was unanswered."""

    total: float
    nodes: dict[str, float | None]
    missing: tuple[str, ...]

    def of(self, node_id: str) -> float | None:
        return self.total if node_id == TOTAL else self.nodes.get(node_id)


class Scorer:
    """A criteria file compiled for fast, repeated scoring."""

    def __init__(self, criteria: Criteria) -> None:
        self.criteria = criteria
        self.exclude_missing = criteria.missing == "exclude"
        self.nodes: list[Node] = []
        self.roots = tuple(
            self._add(group, criteria.aggregation, -1) for group in criteria.dimensions
        )
        self.root_geometric = criteria.aggregation == "geometric"
        self.nodes = _relative_weights(self.nodes, self.roots)
        self.index = {node.id: i for i, node in enumerate(self.nodes)}
        self.indicators: dict[str, Indicator] = {
            node.id: node.indicator for node in self.nodes if node.indicator is not None
        }
        self._ids = [node.id for node in self.nodes]
        self._roots = tuple((r, self.nodes[r].weight) for r in self.roots)
        self._plan: list[_Step] | None = None

    def _add(self, group: Group, inherited: str, parent: int) -> int:
        aggregation = group.aggregation or inherited
        # Reserve the group's place after its children: evaluation runs in list order.
        children: list[int] = []
        placeholder = len(self.nodes)
        self.nodes.append(Node(group.id, group.weight, (), False, None, parent))
        if group.dimensions is not None:
            for child in group.dimensions:
                children.append(self._add(child, aggregation, placeholder))
        else:
            for indicator in group.indicators or ():
                children.append(len(self.nodes))
                self.nodes.append(
                    Node(indicator.id, indicator.weight, (), False, indicator, placeholder)
                )
        self.nodes[placeholder] = Node(
            group.id, group.weight, tuple(children), aggregation == "geometric", None, parent
        )
        return placeholder

    def score(self, answers: Mapping[str, Any]) -> Scores:
        """Score one region's validated answers (absent or None = unanswered)."""
        if self._plan is None:
            self._plan = _plan(self)
        values: list[float | None] = [None] * len(self.nodes)
        missing: list[str] = []
        unanswered = None if self.exclude_missing else 0.0
        # The plan lists children before their group: the list of nodes, backwards.
        for i, node_id, rule, children, geometric in self._plan:
            if rule is None:
                values[i] = _aggregate(values, children, geometric)
                continue
            answer = answers.get(node_id)
            if answer is None:
                missing.append(node_id)
                values[i] = unanswered
            else:
                values[i] = rule(answer)
        total = _aggregate(values, self._roots, self.root_geometric)
        missing.reverse()  # found backwards: now in criteria order
        return Scores(
            0.0 if total is None else total,
            dict(zip(self._ids, values, strict=True)),
            tuple(missing),
        )

    def rescore(self, values: Sequence[float | None]) -> tuple[float, list[float | None]]:
        """The total and every node's score from given indicator scores (node order; the
        groups' entries are recomputed), with the same arithmetic as `score`."""
        if self._plan is None:
            self._plan = _plan(self)
        nodes = list(values)
        for i, _, rule, children, geometric in self._plan:
            if rule is None:
                nodes[i] = _aggregate(nodes, children, geometric)
        total = _aggregate(nodes, self._roots, self.root_geometric)
        return (0.0 if total is None else total), nodes

    def effective_weights(self, scores: Scores) -> dict[str, float]:
        """Each node's share of the total: the product of its weight shares up the tree.

        Exact for arithmetic aggregation; for geometric groups it is the weight
        share of the exponent, which is what a person reads the weight as.
        """
        shares: dict[str, float] = {}
        for siblings in (self.roots, *(n.children for n in self.nodes if n.children)):
            present = [
                c
                for c in siblings
                if self.nodes[c].weight > 0 and scores.nodes[self.nodes[c].id] is not None
            ]
            total_weight = sum(self.nodes[c].weight for c in present)
            counted = set(present)  # membership in O(1): a group may hold 10,000 indicators
            for c in siblings:
                node = self.nodes[c]
                share = node.weight / total_weight if c in counted and total_weight > 0 else 0.0
                shares[node.id] = share
        result: dict[str, float] = {}
        for node in self.nodes:
            weight = shares[node.id]
            parent = node.parent
            while parent >= 0 and weight:
                weight *= shares[self.nodes[parent].id]
                parent = self.nodes[parent].parent
            result[node.id] = weight
        return result


def _relative_weights(nodes: list[Node], roots: tuple[int, ...]) -> list[Node]:
    """The nodes with the weights of each set of siblings scaled, exactly, by the power of
    two that brings the largest into [0.5, 1).

    Shares are unchanged (SPEC §3.5), and a sum of weighted scores can no longer
    overflow, whatever the weights (see the module docstring).
    """
    weights = [node.weight for node in nodes]
    for siblings in (roots, *(node.children for node in nodes if node.children)):
        for c, weight in zip(siblings, scaled([nodes[c].weight for c in siblings]), strict=True):
            weights[c] = weight
    return [node._replace(weight=w) for node, w in zip(nodes, weights, strict=True)]


def scaled(weights: Sequence[float]) -> list[float]:
    """Sibling weights times the power of two that brings the largest into [0.5, 1): the same
    shares, computed exactly, and sums that cannot overflow (see the module docstring)."""
    largest = max(weights, default=0.0)
    if largest <= 0:
        return list(weights)
    shift = math.frexp(largest)[1]
    return [math.ldexp(weight, -shift) for weight in weights]


def shares(weights: Sequence[float]) -> list[float]:
    """Each weight's share of their sum (weights below 0 count as 0; all 0 when none is
    positive), finite and exact for weights up to the largest float."""
    positive = scaled([max(weight, 0.0) for weight in weights])
    total = 0.0
    for weight in positive:  # a plain loop, as in `aggregate`
        total += weight
    return [weight / total if total > 0 else 0.0 for weight in positive]


# (node index, node id, scoring rule of an indicator or None for a group,
#  a group's (child index, weight) pairs, whether the group is geometric)
_Step = tuple[int, str, "Callable[[Any], float] | None", tuple[tuple[int, float], ...], bool]


def _plan(scorer: Scorer) -> list[_Step]:
    plan: list[_Step] = []
    for i in range(len(scorer.nodes) - 1, -1, -1):
        node = scorer.nodes[i]
        rule = None if node.indicator is None else _rule(node.indicator)
        children = tuple((c, scorer.nodes[c].weight) for c in node.children)
        plan.append((i, node.id, rule, children, node.geometric))
    return plan


def _rule(indicator: Indicator) -> Callable[[Any], float]:
    """`score_indicator` for one indicator, its look-ups done once: the same floats."""
    if isinstance(indicator, ChoiceIndicator):
        scores: dict[str, float] = {}
        for option in indicator.options:
            scores.setdefault(option.id, float(option.score))
        return scores.__getitem__
    if isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, BandsScoring):
        starts = [band.from_ for band in indicator.scoring.bands]
        bands = indicator.scoring.bands

        def banded(answer: Any) -> float:
            index = bisect.bisect_right(starts, float(answer)) - 1
            return bands[index].score if index >= 0 else 0.0

        return banded
    if isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, LinearScoring):
        worst, best = indicator.scoring.worst, indicator.scoring.best
        return lambda answer: linear(worst, best, float(answer))
    if isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, MinmaxScoring):
        rule = cohort_rule(indicator.scoring)
        return lambda answer: rule(float(answer))
    return functools.partial(score_indicator, indicator)


def _aggregate(
    values: list[float | None], children: Sequence[tuple[int, float]], geometric: bool
) -> float | None:
    """`aggregate` of `(weight, values[c])`: the same loop, without building the pairs."""
    if geometric:
        return aggregate([(w, values[c]) for c, w in children], geometric)
    total_weight = 0.0
    weighted = 0.0
    for c, weight in children:
        score = values[c]
        if score is None or weight <= 0:
            continue
        total_weight += weight
        weighted += weight * score
    if total_weight <= 0:
        return None
    return weighted / total_weight


def aggregate(children: Sequence[tuple[float, float | None]], geometric: bool) -> float | None:
    """SPEC §3.3: weighted mean of present children with weight > 0; None if there are none.

    Sums run left to right in a plain loop: the built-in `sum` of floats is compensated
    from Python 3.12 on, and a score must not depend on the Python version.
    """
    total_weight = 0.0
    weighted = 0.0
    for weight, score in children:
        if score is None or weight <= 0:
            continue
        if geometric and score <= 0:
            return 0.0
        total_weight += weight
        weighted += weight * (math.log(score) if geometric else score)
    if total_weight <= 0:
        return None
    mean = weighted / total_weight
    return math.exp(mean) if geometric else mean


def gate_passes(gate: Gate, answers: Mapping[str, Any], scores: Scores) -> bool:
    """SPEC §1 gates. A missing answer or missing score fails.

    On a `multi` answer (a list), `equals: X` passes when X is among the chosen
    options and `in: [...]` when any chosen option is listed.
    """
    if gate.answer is not None:
        answer = answers.get(gate.answer)
        if answer is None:
            return False
        if gate.equals is not None:
            if isinstance(answer, list):
                return any(_same(item, gate.equals) for item in answer)
            return _same(answer, gate.equals)
        if gate.in_ is not None:
            items = answer if isinstance(answer, list) else [answer]
            return any(_same(item, allowed) for item in items for allowed in gate.in_)
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        if gate.at_least is not None:
            return answer >= gate.at_least
        return gate.at_most is None or answer <= gate.at_most
    assert gate.score is not None
    value = scores.of(gate.score)
    if value is None:
        return False
    value = rounded(value)
    if gate.at_least is not None and value < gate.at_least:
        return False
    return not (gate.at_most is not None and value > gate.at_most)


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps YAML's types apart: `true` is not `1`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def level_of(levels: Sequence[Level], total: float) -> Level | None:
    """The first level that holds for the total (`at_least` ≤, `above` <; at 6 decimals)."""
    value = rounded(total)
    return next((level for level in levels if level.holds(value)), None)

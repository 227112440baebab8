"""Why a region scored what it did, and what would raise the score most.

Everything here is computed by the engine: a gain is the exact change in the
total when one answer is replaced by a better one and the region re-scored.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import (
    DECIMALS,
    Scorer,
    Scores,
    aggregate,
    gate_passes,
    level_of,
    rounded,
    score_indicator,
)
from smartcity_score.i18n import numeral, t
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
    MinmaxScoring,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
    text,
)
from smartcity_score.regions import Region

if TYPE_CHECKING:  # reviews, which formats with this module's helpers, imports it
    from smartcity_score.reviews import Reviewed, Verification

TOP_GAINS = 5

# The lines of a card are NamedTuples, not frozen dataclasses: defining five of those cost a
# cold `assess` some 3 ms, more than building and drawing the card (issue 16).


class IndicatorLine(NamedTuple):
    id: str
    question: str
    type: str
    answer: Any
    answer_text: str
    score: float | None
    weight: float  # share of the total
    points: float  # what this answer contributes to the total
    lost: float  # what it leaves on the table
    missing: bool
    evidence: str | None


class GroupLine(NamedTuple):
    id: str
    title: str
    depth: int
    score: float | None
    weight: float
    indicators: tuple[IndicatorLine, ...]


class Gain(NamedTuple):
    indicator: str
    question: str
    before: str
    after: str
    points: float


class GateLine(NamedTuple):
    id: str
    description: str
    passed: bool
    detail: str


class NextLevel(NamedTuple):
    id: str
    label: str
    at_least: float
    points_needed: float
    sign: str = "≥"


@dataclass
class Card:
    """A region's score card: everything `assess` shows."""

    region: Region
    scores: Scores
    level: Level | None
    next_level: NextLevel | None
    gates: list[GateLine]
    groups: list[GroupLine]
    gains: list[Gain]
    missing: list[str] = field(default_factory=list)
    panel: Verification | None = None  # with reviews: how the panel verified the answers
    published: str | None = None  # the total on the criteria's published scale: "SPBE (1–5): 4.56"

    @property
    def eligible(self) -> bool:
        return all(gate.passed for gate in self.gates)


def card(
    loaded: LoadedCriteria,
    region: Region,
    lang: str | None,
    panel: tuple[Scores, Verification] | None = None,
) -> Card:
    """The region's score card; with `panel` (the verified scores and how the panel got
    them, SPEC §6), on the verified scores, each answer the panel changed shown as
    `claimed → verified`, and no gains (they would be gains on answers not verified)."""
    criteria = loaded.criteria
    scorer = loaded.scorer
    scores = scorer.score(region.answers) if panel is None else panel[0]
    shares = scorer.effective_weights(scores)
    reviewed = {} if panel is None else {one.indicator: one for one in panel[1].indicators}
    groups = list(_group_lines(criteria.dimensions, 0, region, scores, shares, lang, reviewed))
    gates = [_gate_line(g, region.answers, scores, loaded, lang) for g in criteria.gates]
    if panel is not None:
        failed = set(panel[1].failed_gates)
        gates = [gate._replace(passed=gate.id not in failed) for gate in gates]
    level = level_of(criteria.levels, scores.total)
    return Card(
        region=region,
        scores=scores,
        level=level,
        next_level=_next_level(criteria.levels, level, scores.total, lang),
        gates=gates,
        groups=groups,
        gains=gains(loaded, region.answers, scores, lang) if panel is None else [],
        missing=list(scores.missing),
        panel=None if panel is None else panel[1],
        published=_published(criteria, scores.total, lang),
    )


def published_name(criteria: Criteria, lang: str | None) -> str | None:
    """The published figure's name, with its range: `Indeks SPBE (1–5)`; None without one."""
    scale = criteria.published
    if scale is None:
        return None
    name = text(scale.name, lang) or t("published", lang)
    return f"{name} ({scale.min:g}–{scale.max:g})"


def _published(criteria: Criteria, total: float, lang: str | None) -> str | None:
    name = published_name(criteria, lang)
    if name is None or criteria.published is None:
        return None
    # Read by people only (the JSON has its own number): the decimal mark of `lang`.
    return f"{name}: {numeral(criteria.published.shown(rounded(total)), lang)}"


def _group_lines(
    groups: list[Group],
    depth: int,
    region: Region,
    scores: Scores,
    shares: Mapping[str, float],
    lang: str | None,
    reviewed: Mapping[str, Reviewed],
) -> Iterator[GroupLine]:
    for group in groups:
        lines = tuple(
            _indicator_line(i, region, scores, shares, lang, reviewed.get(i.id))
            for i in group.indicators or ()
        )
        yield GroupLine(
            group.id,
            text(group.title, lang),
            depth,
            scores.nodes[group.id],
            shares[group.id],
            lines,
        )
        if group.dimensions is not None:
            yield from _group_lines(
                group.dimensions, depth + 1, region, scores, shares, lang, reviewed
            )


def _indicator_line(
    indicator: Indicator,
    region: Region,
    scores: Scores,
    shares: Mapping[str, float],
    lang: str | None,
    reviewed: Reviewed | None = None,
) -> IndicatorLine:
    answer = region.answers.get(indicator.id)
    shown = answer_text(indicator, answer, lang)
    if reviewed is not None and any(value != answer for _, value, _ in reviewed.values):
        found = " / ".join(answer_text(indicator, value, lang) for _, value, _ in reviewed.values)
        shown = f"{shown} → {found}"
    score = scores.nodes[indicator.id]
    weight = shares[indicator.id]
    value = score or 0.0
    return IndicatorLine(
        id=indicator.id,
        question=text(indicator.question, lang),
        type=indicator.type,
        answer=answer,
        answer_text=shown,
        score=score,
        weight=weight,
        points=weight * value,
        lost=weight * (100.0 - value) if score is not None else 0.0,
        missing=answer is None,
        evidence=region.evidence.get(indicator.id),
    )


def answer_text(indicator: Indicator, answer: Any, lang: str | None) -> str:
    """An answer as a person reads it: option labels, scale labels, units."""
    if answer is None:
        return "—"
    if isinstance(indicator, BooleanIndicator):
        return _yes_no(bool(answer), lang)
    if isinstance(indicator, ChoiceIndicator):
        return _option_label(indicator, str(answer), lang)
    if isinstance(indicator, MultiIndicator):
        if not answer:
            return "∅"
        return ", ".join(_option_label(indicator, str(item), lang) for item in answer)
    if isinstance(indicator, ScaleIndicator):
        label = text((indicator.labels or {}).get(int(answer)), lang)
        return f"{answer} ({label})" if label else str(answer)
    unit = f" {indicator.unit}" if indicator.unit else ""
    return f"{format_number(float(answer))}{unit}"


def answer_for_people(line: IndicatorLine, lang: str | None) -> str:
    """`line.answer_text` with the decimal mark of `lang` on a number answer (`18,5 %` in
    Indonesian), for the terminal, Markdown and HTML; JSON keeps `answer_text` as it is."""
    answer = line.answer
    if line.type != "number" or not isinstance(answer, int | float) or isinstance(answer, bool):
        return line.answer_text
    number = format_number(float(answer))  # `answer_text` is this number, then the unit
    return numeral(number, lang) + line.answer_text[len(number) :]


def _yes_no(value: bool, lang: str | None) -> str:
    return t("yes", lang) if value else t("no", lang)


def _option_label(
    indicator: ChoiceIndicator | MultiIndicator, option_id: str, lang: str | None
) -> str:
    for option in indicator.options:
        if option.id == option_id:
            return text(option.label, lang) or option.id
    return option_id


def format_number(value: float) -> str:
    """A number without float noise: 87.5, 12, 0.333333 (1.7e+308, not its 309 digits)."""
    if abs(value) >= 1e15:
        return repr(float(value))
    shown = f"{rounded(value):.6f}".rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def best_answers(indicator: Indicator, answer: Any) -> list[Any]:
    """Candidate better answers for `indicator`: one per reachable improvement."""
    if isinstance(indicator, BooleanIndicator):
        return [True, False]
    if isinstance(indicator, ChoiceIndicator):
        return [option.id for option in indicator.options]
    if isinstance(indicator, MultiIndicator):
        chosen = list(answer) if isinstance(answer, list) else []
        return [[*chosen, option.id] for option in indicator.options if option.id not in chosen]
    if isinstance(indicator, ScaleIndicator):
        return [indicator.max]
    return _number_candidates(indicator)


def _number_candidates(indicator: NumberIndicator) -> list[float]:
    low = indicator.min if indicator.min is not None else float("-inf")
    high = indicator.max if indicator.max is not None else float("inf")
    scoring = indicator.scoring
    if isinstance(scoring, BandsScoring):
        starts = [band.from_ for band in scoring.bands]
    elif isinstance(scoring, CohortScoring):  # the cohort's best, when the cohort has one
        starts = [] if scoring.best is None else [scoring.best]
    elif isinstance(scoring, MinmaxScoring):
        starts = []
    else:
        starts = [scoring.best]
    return [min(high, max(low, x)) for x in starts]


def gains(
    loaded: LoadedCriteria, answers: Mapping[str, Any], scores: Scores, lang: str | None
) -> list[Gain]:
    """The best single-answer improvement of each indicator, largest first (ties by id).

    A gain is the change in the total when one answer is replaced and the region
    re-scored. Re-scoring the whole region for every candidate is quadratic in the
    number of indicators, so `_Deltas` estimates each change along the indicator's
    path to the root in constant time per level, and computes it exactly (the same
    float operations as a full re-score, hence the same bits) only where the estimate
    could decide differently: near a rounding boundary, between two close candidates,
    under a geometric group, and for every gain that is finally shown.
    """
    scorer = loaded.scorer
    deltas = _Deltas(scorer, scores)
    found: list[tuple[float, str, Any, bool]] = []  # (delta, indicator id, answer, exact)
    for indicator_id, indicator in scorer.indicators.items():
        if indicator.weight <= 0:
            continue
        current = answers.get(indicator_id)
        trials = [
            (deltas.estimate(indicator_id, score), score, candidate)
            for candidate in best_answers(indicator, current)
            if candidate != current
            for score in (score_indicator(indicator, candidate),)
        ]
        exact = any(d is None or deltas.unsure(d) for d, _, _ in trials) or _close(trials, deltas)
        best: tuple[float, Any] | None = None
        for estimate, score, candidate in trials:
            delta = deltas.exact(indicator_id, score) if exact else estimate
            assert delta is not None
            if rounded(delta) > 0 and (best is None or delta > best[0]):
                best = (delta, candidate)
        if best is not None:
            found.append((best[0], indicator_id, best[1], exact))
    found.sort(key=lambda g: (-rounded(g[0]), g[1]))
    shown = []
    for delta, indicator_id, candidate, exact in found[:TOP_GAINS]:
        indicator = scorer.indicators[indicator_id]
        if not exact:  # the estimate chose it; the exact change is what is printed
            delta = deltas.exact(indicator_id, score_indicator(indicator, candidate))
        current = answers.get(indicator_id)
        shown.append(
            Gain(
                indicator_id,
                text(indicator.question, lang),
                answer_text(indicator, current, lang),
                answer_text(indicator, candidate, lang),
                delta,
            )
        )
    return shown


def _close(trials: list[tuple[float | None, float, Any]], deltas: _Deltas) -> bool:
    """Whether two candidates with different scores have estimates too close to order."""
    ordered = sorted((d, score) for d, score, _ in trials if d is not None)
    return any(
        b - a <= 2 * deltas.error and s != t for (a, s), (b, t) in itertools.pairwise(ordered)
    )


class _Deltas:
    """Changes of a region's total when one indicator's score changes.

    `exact` re-aggregates the indicator's ancestors with the engine's own `aggregate`
    over the stored scores of every other node: the same operations in the same order
    as `Scorer.score`, so the same float, but its cost is the size of every group on
    the path. `estimate` updates each ancestor's weighted sum in constant time instead;
    it differs from the exact change by float rounding only, bounded by `error`.
    """

    def __init__(self, scorer: Scorer, scores: Scores) -> None:
        self.nodes = scorer.nodes
        self.total = scores.total
        self.values = [scores.nodes[node.id] for node in self.nodes]
        self.position = scorer.index
        # A group's children as the engine aggregates them; -1 stands for the root.
        self.children: dict[int, tuple[tuple[int, float], ...]] = {
            i: tuple((c, self.nodes[c].weight) for c in node.children)
            for i, node in enumerate(self.nodes)
            if node.indicator is None
        }
        self.children[-1] = tuple((r, self.nodes[r].weight) for r in scorer.roots)
        self.geometric = {i: node.geometric for i, node in enumerate(self.nodes)}
        self.geometric[-1] = scorer.root_geometric
        # (weighted sum, weight) of each group's present children with weight > 0
        self.sums = {i: self._sums(children) for i, children in self.children.items()}
        # Each sum of k terms of at most 100 x weight is off by at most k ulps of 100:
        # a hundredfold margin over every node of the tree.
        self.error = 1e-12 * (len(self.nodes) + 16)

    def _sums(self, children: tuple[tuple[int, float], ...]) -> tuple[float, float]:
        weighted = total_weight = 0.0
        for c, weight in children:
            value = self.values[c]
            if value is not None and weight > 0:
                weighted += weight * value
                total_weight += weight
        return weighted, total_weight

    def unsure(self, delta: float) -> bool:
        """Whether rounding to 6 decimals could tell the estimate from the exact value."""
        if not math.isfinite(delta):
            return True
        step = 10.0**-DECIMALS
        scaled = abs(delta) / step
        return abs(scaled - math.floor(scaled) - 0.5) * step <= self.error

    def estimate(self, indicator_id: str, score: float) -> float | None:
        """The change in the total, up to `error`; None where only `exact` will do."""
        i = self.position[indicator_id]
        old, new = self.values[i], score
        if old == new:
            return 0.0  # nothing changes: a re-score gives the very same total
        while True:
            node = self.nodes[i]
            if node.weight <= 0:
                return 0.0  # its parent skips it: the total cannot move
            parent = node.parent
            if self.geometric[parent]:
                return None
            weighted, total_weight = self.sums[parent]
            if old is None:
                weighted, total_weight = weighted + node.weight * new, total_weight + node.weight
            else:
                weighted += node.weight * (new - old)
            mean = weighted / total_weight
            if parent < 0:
                return mean - self.total
            old, new, i = self.values[parent], mean, parent

    def exact(self, indicator_id: str, score: float) -> float:
        """The change in the total exactly as a full re-score computes it."""
        i = self.position[indicator_id]
        saved = [(i, self.values[i])]
        self.values[i] = score
        while (parent := self.nodes[i].parent) >= 0:
            saved.append((parent, self.values[parent]))
            self.values[parent] = aggregate(self._pairs(parent), self.geometric[parent])
            i = parent
        total = aggregate(self._pairs(-1), self.geometric[-1])
        for node, value in reversed(saved):
            self.values[node] = value
        return (0.0 if total is None else total) - self.total

    def _pairs(self, group: int) -> list[tuple[float, float | None]]:
        return [(weight, self.values[c]) for c, weight in self.children[group]]


def _gate_line(
    gate: Gate,
    answers: Mapping[str, Any],
    scores: Scores,
    loaded: LoadedCriteria,
    lang: str | None,
) -> GateLine:
    passed = gate_passes(gate, answers, scores)
    return GateLine(
        gate.id,
        text(gate.description, lang),
        passed,
        gate_detail(gate, answers, scores, loaded, lang),
    )


def gate_detail(
    gate: Gate,
    answers: Mapping[str, Any],
    scores: Scores,
    loaded: LoadedCriteria,
    lang: str | None,
) -> str:
    """The gate's rule next to the value it was tested on."""
    if gate.answer is not None:
        indicator = loaded.scorer.indicators[gate.answer]
        found = answer_text(indicator, answers.get(gate.answer), lang)
        if gate.equals is not None:
            rule = f"= {answer_text(indicator, gate.equals, lang)}"
        elif gate.in_ is not None:
            allowed = ", ".join(answer_text(indicator, v, lang) for v in gate.in_)
            rule = f"{t('one_of', lang)} {allowed}"
        elif gate.at_least is not None:
            rule = f"≥ {format_number(gate.at_least)}"
        else:
            rule = f"≤ {format_number(gate.at_most or 0.0)}"
        return f"{gate.answer} {rule} ({t('answer_word', lang)}: {found})"
    assert gate.score is not None
    value = scores.of(gate.score)
    shown = t("missing_value", lang) if value is None else format_number(value)
    bounds = []
    if gate.at_least is not None:
        bounds.append(f"≥ {format_number(gate.at_least)}")
    if gate.at_most is not None:
        bounds.append(f"≤ {format_number(gate.at_most)}")
    joined = f" {t('and', lang)} ".join(bounds)
    return f"{gate.score} {joined} ({t('score_word', lang)}: {shown})"


def _next_level(
    levels: list[Level], level: Level | None, total: float, lang: str | None
) -> NextLevel | None:
    if level is None:
        return None
    index = levels.index(level)
    if index == 0:
        return None
    target = levels[index - 1]
    # For an `above` level the points shown take the total to the cut point; any
    # gain past it then reaches the level.
    needed = max(0.0, target.threshold - total)
    sign = ">" if target.strict else "≥"
    return NextLevel(target.id, text(target.label, lang), target.threshold, needed, sign)

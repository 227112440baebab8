"""Verification by a panel of assessors (SPEC.md §6): review files and what they change.

A region's own answers are its self-assessment. Each assessor who verified them
writes one review file per region: the value they found for each indicator they
checked. The verified score of a reviewed indicator is the median (or mean) of
its reviewers' scores; groups, total, gates, levels, ranking and selection then
use the verified scores. Verification works on the compact `Outcome` of each
region (every node's score), so it costs one pass over the nodes per reviewed
region and never needs the region's file again.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from smartcity_score.engine import Scorer, Scores, gate_passes, level_of, rounded, score_indicator
from smartcity_score.escape import excerpt
from smartcity_score.explain import format_number
from smartcity_score.i18n import LANGUAGES, numeral, t
from smartcity_score.loader import Document, LoadFailed, load_path
from smartcity_score.messages import msg
from smartcity_score.models import (
    CRITERIA_SCHEMA,
    REGION_SCHEMA,
    SLUG_PATTERN,
    Criteria,
    Gate,
    Indicator,
    ReviewFile,
    Selection,
)
from smartcity_score.problems import Problem, cap_per_file
from smartcity_score.ranking import Outcome, Selector, sort_key
from smartcity_score.regions import check_answers, check_keyed_texts
from smartcity_score.validation import problems_from

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True, slots=True)
class Review:
    """A valid review file: who reviewed which region, and the values they verified."""

    file: str
    region: str
    assessor: str
    answers: Mapping[str, Any]  # indicator id -> verified value (None: not evidenced)
    notes: Mapping[str, str]
    path: str  # the file as opened, to find where `region` stands if a problem needs it

    @property
    def region_mark(self) -> tuple[int, int]:
        """Where `region` stands in the file (read again: only a problem needs it, and
        positions cost as much as the parse)."""
        try:
            return load_path(Path(self.path), self.file).where(("region",))
        except LoadFailed:  # the file changed since it was read
            return (1, 1)


def load_review(
    path: Path, criteria: Criteria, indicators: Mapping[str, Indicator], label: str
) -> Review | list[Problem]:
    """One review file, validated: the review, or every problem of the file."""
    try:
        document = load_path(path, label)
    except LoadFailed as failed:
        return cap_per_file(failed.problems)
    return validate_review(document, criteria, indicators, str(path))


def validate_review(
    document: Document,
    criteria: Criteria,
    indicators: Mapping[str, Indicator],
    path: str | None = None,
) -> Review | list[Problem]:
    data = document.data
    schema = data.get("schema")
    if schema in (CRITERIA_SCHEMA, REGION_SCHEMA):
        message = msg("review_is_criteria" if schema == CRITERIA_SCHEMA else "review_is_region")
        return [document.problem(("schema",), message, "schema-version")]
    problems: list[Problem] = list(document.problems)
    envelope: ReviewFile | None = None
    try:
        envelope = ReviewFile.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from(error, document, ReviewFile))
    assessor = data.get("assessor")
    if isinstance(assessor, str) and assessor in {t("review_assessor", x) for x in LANGUAGES}:
        message = msg("review_placeholder", value=assessor)
        problems.append(document.problem(("assessor",), message, "not-filled-in"))
    for key in ("region", "assessor"):
        value = data.get(key)
        if isinstance(value, str) and not _SLUG.match(value):
            message = msg("review_invalid_id", key=key, value=excerpt(value))
            problems.append(document.problem((key,), message, "invalid-id"))
    named = data.get("criteria")
    if isinstance(named, str) and named != criteria.id:
        message = msg("review_criteria_mismatch", named=excerpt(named), used=criteria.id)
        problems.append(document.problem(("criteria",), message, "criteria-mismatch"))
    answers = data.get("answers")
    answers = answers if isinstance(answers, dict) else {}
    problems.extend(check_answers(document, answers, indicators, required=False))
    problems.extend(check_keyed_texts(document, "notes", indicators))
    if problems or envelope is None:
        return cap_per_file(problems)
    return Review(
        document.file,
        envelope.region,
        envelope.assessor,
        answers,
        envelope.notes or {},
        document.file if path is None else path,
    )


@dataclass(frozen=True, slots=True)
class Reviewed:
    """One reviewed indicator of one region."""

    indicator: str
    claimed: Any  # the region's own answer
    claimed_score: float | None  # None: unanswered and excluded
    verified: float
    # (assessor, value, score) of each reviewer, by assessor
    values: tuple[tuple[str, Any, float], ...]

    @property
    def spread(self) -> float:
        """Highest minus lowest reviewer's score."""
        scores = [score for _, _, score in self.values]
        return max(scores) - min(scores)


@dataclass(frozen=True, slots=True)
class Verification:
    """What the panel made of one region: its self-assessed result and the verified one."""

    claimed: Outcome  # scored on the region's own answers
    reviewers: tuple[str, ...]  # distinct assessors, sorted
    indicators: tuple[Reviewed, ...]  # criteria order
    disagreements: tuple[str, ...]  # indicator ids, criteria order
    failed_gates: tuple[str, ...]  # on the verified result
    notes: tuple[tuple[str, str, str], ...] = ()  # (indicator, assessor, text)


@dataclass
class PanelResult:
    """The outcome of verification over a run."""

    outcomes: list[Outcome]  # verified where reviewed, else as they were
    by_file: dict[str, Verification] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    files: int = 0  # review files found
    used: int = 0  # valid review files applied
    ignored: int = 0  # valid reviews of regions not in the run (`assess`)
    # Files of the regions that the ranking on their own answers would select (`rank`).
    claimed_selected: set[str] | None = None
    agreement: Agreement | None = None
    # (file, "lowest" | "highest"): selections that hang on a disagreement (`rank`)
    at_risk: list[tuple[str, str]] = field(default_factory=list)


def median(values: Sequence[float]) -> float:
    """The middle value; the mean of the two middle values for an even count."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def mean(values: Sequence[float]) -> float:
    total = 0.0
    for value in values:  # a plain loop: `sum` of floats differs across Python versions
        total += value
    return total / len(values)


def reviewer_score(indicator: Indicator, value: Any) -> float:
    """A reviewer's value scored by the indicator's rules; null (not evidenced) scores 0."""
    return 0.0 if value is None else score_indicator(indicator, value)


def verify(
    outcomes: Sequence[Outcome],
    reviews: Iterable[Review],
    scorer: Scorer,
    *,
    claimed_answers: Callable[[Outcome], Mapping[str, Any]] | None = None,
    unknown_is_error: bool = True,
) -> PanelResult:
    """Apply the valid `reviews` to the scored `outcomes` (SPEC §6).

    A review of a region that is not among `outcomes` is a problem of the review file
    (`rank`), or only counted (`assess`, `unknown_is_error=False`); every review file of
    a repeated (region, assessor) pair is a problem. `claimed_answers` gives a region's
    own answers, to show what it claimed beside what the panel found.
    """
    panel = PanelResult(list(outcomes))
    by_region: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_region[review.region].append(review)
    index = {outcome.region_id: i for i, outcome in enumerate(outcomes)}
    for region_id in sorted(by_region):
        kept = _without_repeats(by_region[region_id], panel.errors)
        if not kept:
            continue
        i = index.get(region_id)
        if i is None:
            if unknown_is_error:
                for review in kept:
                    line, column = review.region_mark
                    message = msg("review_unknown_region", id=region_id)
                    panel.errors.append(
                        Problem.of(review.file, line, column, message, "review-unknown-region")
                    )
            else:
                panel.ignored += len(kept)
            continue
        claimed = outcomes[i]
        answers = claimed_answers(claimed) if claimed_answers else {}
        verified, verification = _verified(claimed, kept, scorer, answers)
        panel.outcomes[i] = verified
        panel.by_file[claimed.file] = verification
        panel.used += len(kept)
    panel.errors.sort()
    return panel


def _without_repeats(reviews: list[Review], errors: list[Problem]) -> list[Review]:
    """The reviews of one region, less every file of an assessor who wrote several."""
    by_assessor: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_assessor[review.assessor].append(review)
    kept: list[Review] = []
    for assessor, files in sorted(by_assessor.items()):
        if len(files) == 1:
            kept.append(files[0])
            continue
        for review in files:
            others = ", ".join(sorted(r.file for r in files if r is not review))
            line, column = review.region_mark
            message = msg("review_repeated", assessor=assessor, region=review.region, others=others)
            errors.append(Problem.of(review.file, line, column, message, "duplicate-review"))
    return kept


def _verified(
    claimed: Outcome, reviews: list[Review], scorer: Scorer, answers: Mapping[str, Any]
) -> tuple[Outcome, Verification]:
    """The region's outcome on the verified scores, and how it got there."""
    criteria = scorer.criteria
    aggregate = median if criteria.panel.aggregate == "median" else mean
    threshold = criteria.panel.disagreement
    values: list[float | None] = [None if v != v else v for v in claimed.scores]
    reviewed: list[Reviewed] = []
    notes: list[tuple[str, str, str]] = []
    for i, node in enumerate(scorer.nodes):
        indicator = node.indicator
        if indicator is None:
            continue
        found = tuple(
            (r.assessor, r.answers[node.id], reviewer_score(indicator, r.answers[node.id]))
            for r in reviews
            if node.id in r.answers
        )
        notes.extend((node.id, r.assessor, r.notes[node.id]) for r in reviews if node.id in r.notes)
        if not found:
            continue
        verified = aggregate([score for _, _, score in found])
        reviewed.append(Reviewed(node.id, answers.get(node.id), values[i], verified, found))
    outcome = outcome_with(claimed, reviewed, scorer)
    # One reviewer cannot disagree with themself, whatever the threshold.
    disagreements = tuple(
        one.indicator
        for one in reviewed
        if len(one.values) > 1 and rounded(one.spread) >= threshold
    )
    reviewers = tuple(sorted({r.assessor for r in reviews}))
    verification = Verification(
        claimed, reviewers, tuple(reviewed), disagreements, outcome.failed_gates, tuple(notes)
    )
    return outcome, verification


def outcome_with(
    claimed: Outcome,
    reviewed: Sequence[Reviewed],
    scorer: Scorer,
    scores: Mapping[str, float] | None = None,
) -> Outcome:
    """The region's outcome with each reviewed indicator at its verified score (or at the
    score `scores` gives it): groups, total, gates and level recomputed."""
    criteria = scorer.criteria
    values: list[float | None] = [None if v != v else v for v in claimed.scores]
    index = scorer.index
    for one in reviewed:
        score = one.verified if scores is None else scores.get(one.indicator, one.verified)
        values[index[one.indicator]] = score
    total, values = scorer.rescore(values)
    ids = [node.id for node in scorer.nodes]
    verified = Scores(total, dict(zip(ids, values, strict=True)), ())
    by_indicator = {one.indicator: one for one in reviewed}
    failed = tuple(
        gate.id
        for gate in criteria.gates
        if not _gate_passes(gate, claimed, by_indicator.get(gate.answer or ""), verified)
    )
    level = level_of(criteria.levels, total)
    nan = float("nan")
    return claimed._replace(
        total=total,
        scores=type(claimed.scores)("d", [nan if v is None else v for v in values]),
        tie_scores=tuple(verified.of(node) for node in criteria.tie_breakers),
        missing=tuple(m for m in claimed.missing if m not in by_indicator),
        eligible=not failed,
        failed_gates=failed,
        level=level.id if level else None,
    )


def flip_risks(
    panel: PanelResult,
    scorer: Scorer,
    selection: Selection | None,
    count: int | None,
    selected: set[str],
) -> list[tuple[str, str]]:
    """Regions whose selection would flip if their disputed indicators all took the lowest
    (a selected region) or the highest (one left out) reviewer's score: (file, "lowest" or
    "highest"), in the run's order. `selected` are the files the verified ranking selects.

    Only that one region's scores change in each trial; answer gates keep the panel's
    majority. A trial moves the region to its new place in the order and selects again
    with one `Selector` for the whole run (SPEC §4, as `rank` selects), so it costs one
    pass over the regions, not a sort.
    """
    risks: list[tuple[str, str]] = []
    seats = count if count is not None else (selection.count if selection else None)
    if not selected or seats is None:
        return risks
    outcomes = list(panel.outcomes)
    selector = Selector(outcomes, selection.quotas if selection else [])
    keyed = sorted((sort_key(o), o.region_id, i) for i, o in enumerate(outcomes))
    totals = [(o.file in selected, o.eligible, rounded(o.total)) for o in outcomes]
    lowest_in = min(total for chosen, _, total in totals if chosen)
    best_out = max((t for chosen, ok, t in totals if ok and not chosen), default=-math.inf)
    for i, outcome in enumerate(panel.outcomes):
        verification = panel.by_file.get(outcome.file)
        if verification is None or not verification.disagreements:
            continue
        was = outcome.file in selected
        pick = min if was else max
        disputed = [
            one for one in verification.indicators if one.indicator in verification.disagreements
        ]
        extreme = {one.indicator: pick(score for _, _, score in one.values) for one in disputed}
        changed = outcome_with(verification.claimed, verification.indicators, scorer, extreme)
        total = rounded(changed.total)
        # Try only where the seat can change: a selected region still eligible and ahead
        # of every region left out and of the last seat keeps it; a region left out that
        # is ineligible, or still behind every selected one, stays out.
        if was and changed.eligible and total > best_out and total > lowest_in:
            continue
        if not was and (not changed.eligible or total < lowest_in):
            continue
        order = [index for _, _, index in keyed if index != i]
        others = [entry for entry in keyed if entry[2] != i]
        order.insert(bisect.bisect_left(others, (sort_key(changed), changed.region_id, -1)), i)
        outcomes[i] = changed  # the selector reads each region's eligibility from here
        chosen, _ = selector.run(order, seats)
        outcomes[i] = outcome
        if (i in chosen) != was:
            risks.append((outcome.file, "lowest" if was else "highest"))
    return risks


def scores_of(outcome: Outcome, scorer: Scorer) -> Scores:
    """An outcome's scores as the engine gives them."""
    values = [None if v != v else v for v in outcome.scores]
    nodes = dict(zip([node.id for node in scorer.nodes], values, strict=True))
    return Scores(outcome.total, nodes, outcome.missing)


def _gate_passes(gate: Gate, claimed: Outcome, reviewed: Reviewed | None, scores: Scores) -> bool:
    """A gate on the verified result: an answer gate on a reviewed indicator passes when more
    than half of its reviewers' values pass it; one on an unreviewed indicator keeps the
    region's own result; a score gate tests the verified scores."""
    if gate.answer is None:
        return gate_passes(gate, {}, scores)
    if reviewed is None:
        return gate.id not in claimed.failed_gates
    passing = sum(
        1 for _, value, _ in reviewed.values if gate_passes(gate, {gate.answer: value}, scores)
    )
    return 2 * passing > len(reviewed.values)


def disagreement_warnings(
    panel: PanelResult, ranks: Mapping[str, int], lang: str | None
) -> list[str]:
    """One warning per region with disagreements, in rank (else file) order."""
    warnings: list[tuple[int, str, str]] = []
    for outcome in panel.outcomes:
        verification = panel.by_file.get(outcome.file)
        if verification is None or not verification.disagreements:
            continue
        by_id = {one.indicator: one for one in verification.indicators}
        parts = []
        for indicator in verification.disagreements:
            one = by_id[indicator]
            shown = ", ".join(
                f"{assessor} {numeral(format_number(score), lang)}"
                for assessor, _, score in one.values
            )
            parts.append(f"{indicator} ({shown})")
        rank = ranks.get(outcome.file)
        shown_parts = "; ".join(parts)
        if rank is None:
            message = t(
                "warn_disagreement_unranked", lang, name=outcome.name, indicators=shown_parts
            )
        else:
            message = t(
                "warn_disagreement", lang, name=outcome.name, rank=rank, indicators=shown_parts
            )
        warnings.append((rank if rank is not None else 0, outcome.file, message))
    return [message for *_, message in sorted(warnings)]


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far the panel agrees: Krippendorff's alpha (interval metric) over the 0–100
    scores of every region × indicator with two or more reviewers, and each assessor's
    mean offset from the panel's median on those (positive: lenient, negative: harsh)."""

    alpha: float | None  # None: fewer than two pairable values, or no variation at all
    units: int  # region × indicator pairs with two or more reviewers
    values: int  # reviewer scores in those units
    dimensions: tuple[tuple[str, float | None, int], ...]  # (dimension, alpha, units)
    assessors: tuple[tuple[str, int, float], ...]  # (assessor, units, mean offset)


def krippendorff_alpha(units: Sequence[Sequence[float]]) -> float | None:
    """Krippendorff's alpha with the interval metric, δ² = (a − b)².

    `units` hold each unit's values (any number of coders, missing ones left out);
    units with fewer than two values are not pairable and are dropped. With n
    pairable values, D_o = Σ_u Σ_{i≠j} δ²/(m_u − 1) / n and D_e = Σ_{i≠j} δ² /
    (n (n − 1)) over all n; Σ_{i≠j} (v_i − v_j)² = 2 (m Σv² − (Σv)²) makes both
    linear in n (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").
    """
    import numpy as np

    pairable = [unit for unit in units if len(unit) >= 2]
    if not pairable:
        return None
    sizes = np.array([len(unit) for unit in pairable], dtype=np.float64)
    flat = np.array([value for unit in pairable for value in unit], dtype=np.float64)
    starts = np.concatenate(([0], np.cumsum(sizes[:-1]).astype(np.int64)))
    sums = np.add.reduceat(flat, starts)
    squares = np.add.reduceat(flat * flat, starts)
    n = float(flat.size)
    observed = float(np.sum(2 * (sizes * squares - sums * sums) / (sizes - 1))) / n
    spread = 2 * (n * float(np.sum(flat * flat)) - float(np.sum(flat)) ** 2)
    expected = spread / (n * (n - 1))
    if expected <= 1e-12 * max(1.0, float(np.max(np.abs(flat))) ** 2):
        return None  # every value alike: agreement is not measurable
    return 1.0 - observed / expected


def agreement(panel: PanelResult, scorer: Scorer) -> Agreement:
    """The panel's agreement over every reviewed region of a run (see `Agreement`)."""
    dimension = _dimension_of(scorer)
    units: list[list[float]] = []
    by_dimension: dict[str, list[list[float]]] = {g.id: [] for g in scorer.criteria.dimensions}
    offsets: dict[str, list[float]] = defaultdict(list)
    for file in sorted(panel.by_file):
        for one in panel.by_file[file].indicators:
            if len(one.values) < 2:
                continue
            scores = [score for _, _, score in one.values]
            units.append(scores)
            by_dimension[dimension[one.indicator]].append(scores)
            middle = median(scores)
            for assessor, _, score in one.values:
                offsets[assessor].append(score - middle)
    return Agreement(
        krippendorff_alpha(units),
        len(units),
        sum(len(unit) for unit in units),
        tuple((d, krippendorff_alpha(found), len(found)) for d, found in by_dimension.items()),
        tuple((a, len(found), mean(found)) for a, found in sorted(offsets.items())),
    )


def _dimension_of(scorer: Scorer) -> dict[str, str]:
    """Each indicator's top-level dimension."""
    found: dict[str, str] = {}
    for node in scorer.nodes:
        if node.indicator is None:
            continue
        top = node
        while top.parent >= 0:
            top = scorer.nodes[top.parent]
        found[node.id] = top.id
    return found

"""What the commands hand to the renderers, and its JSON shape (SPEC.md §5).

Every renderer reads these objects; `*_dict` functions give the JSON form,
which the markdown, CSV and HTML renderers reuse so they can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smartcity_score import explain
from smartcity_score.checks import num
from smartcity_score.cohort import Cohort
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import rounded
from smartcity_score.explain import Card, answer_text
from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.ranking import Outcome, Placed

if TYPE_CHECKING:  # a report without a panel (a cold `assess`) never loads reviews
    from smartcity_score.reviews import Agreement, PanelResult, Reviewed, Verification


def published(loaded: LoadedCriteria, total: float) -> float | None:
    """The total on the scale the criteria publish it on (`published`), or None."""
    scale = loaded.criteria.published
    return None if scale is None else scale.of(rounded(total))


def published_name(loaded: LoadedCriteria, lang: str | None) -> str | None:
    """The published figure's name, with its range: `Indeks SPBE (1–5)`."""
    return explain.published_name(loaded.criteria, lang)


def level_label(loaded: LoadedCriteria, level: str | None, lang: str | None) -> str:
    """The name of the level with id `level` in `lang`, for people (`Sangat siap`, not
    `sangat_siap`); its id when it has no label, and "" for no level."""
    if level is None:
        return ""
    found = next((one for one in loaded.criteria.levels if one.id == level), None)
    return (text(found.label, lang) if found is not None else "") or level


def _beside_score(entry: dict[str, Any], value: float | None) -> dict[str, Any]:
    """`entry` with `published` right after `score`, where a reader looks for it."""
    ordered: dict[str, Any] = {}
    for key, item in entry.items():
        ordered[key] = item
        if key == "score":
            ordered["published"] = value
    return ordered


def number(value: float | None) -> float | None:
    """A score as printed: rounded to 6 decimals (SPEC: implementations agree to 1e-6)."""
    if value is None or math.isnan(value):
        return None
    return rounded(value) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass
class RankReport:
    loaded: LoadedCriteria
    placed: list[Placed]
    errors: list[Problem]
    warnings: list[str]
    files: int
    lang: str | None = None
    group_by: str | None = None
    group_ranks: dict[str, int] = field(default_factory=dict)
    panel: PanelResult | None = None

    @property
    def invalid_regions(self) -> int:
        """Region files listed as invalid (`errors` also holds the review files' problems,
        which the panel's own summary counts)."""
        reviews = {p.file for p in self.panel.errors} if self.panel is not None else set()
        return len({p.file for p in self.errors} - reviews)

    @property
    def dimensions(self) -> list[str]:
        return [group.id for group in self.loaded.criteria.dimensions]


@dataclass
class AssessReport:
    loaded: LoadedCriteria
    cards: list[Card]
    outcomes: list[Outcome]
    errors: list[Problem]
    warnings: list[str]
    files: int
    lang: str | None = None
    panel: PanelResult | None = None


@dataclass
class ProblemReport:
    """`check` and `validate`: problems of many files."""

    problems: list[Problem]
    files: int
    with_rule: bool = True

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def criteria_dict(loaded: LoadedCriteria) -> dict[str, Any]:
    criteria = loaded.criteria
    return {"id": criteria.id, "version": criteria.version, "sha256": loaded.sha256}


def cohort_dict(cohort: Cohort | None) -> dict[str, Any] | None:
    """The documented `cohort` of criteria with `minmax` indicators (SPEC §1 v1.1): its
    size and each such indicator's goalposts, as read (null: no answer)."""
    if cohort is None:
        return None
    goalposts = {
        node: None if posts is None else {"worst": posts[0], "best": posts[1]}
        for node, posts in cohort.goalposts.items()
    }
    return {"size": cohort.size, "goalposts": goalposts}


def cohort_line(cohort: Cohort | None, lang: str | None) -> str | None:
    """The cohort for people: its size and each `minmax` indicator's goalposts."""
    if cohort is None:
        return None
    shown = ", ".join(
        f"{node} —" if posts is None else f"{node} {num(posts[0])} → {num(posts[1])}"
        for node, posts in cohort.goalposts.items()
    )
    return t("cohort_line", lang, size=cohort.size, goalposts=shown)


def result_dict(
    outcome: Outcome, ids: Sequence[str], placed: Placed | None = None
) -> dict[str, Any]:
    """One entry of `results`; `ids` are the nodes as the scorer stores them, which is the
    file's order (each group, then its children), so `scores` reads like the criteria file."""
    return {
        "file": outcome.file,
        "region": {
            "id": outcome.region_id,
            "name": outcome.name,
            "kind": outcome.kind,
            "province": outcome.province,
        },
        "score": number(outcome.total),
        "level": outcome.level,
        "rank": placed.rank if placed else None,
        "eligible": outcome.eligible,
        "failed_gates": list(outcome.failed_gates),
        "selected": placed.selected if placed else None,
        "selected_by": placed.selected_by if placed else None,
        "reason": placed.reason if placed else None,
        # `number`, inlined: this runs for every node of every region
        "scores": {
            node: None if v != v else rounded(v) + 0.0
            for node, v in zip(ids, outcome.scores, strict=True)
        },
        "missing": list(outcome.missing),
    }


def panel_dict(
    outcome: Outcome, verification: Verification | None, claimed_selected: bool | None = None
) -> dict[str, Any]:
    """SPEC §6's keys of a result with reviews, and the documented extra `panel`: the
    assessors, the indicators whose score the panel changed or disagreed on, and (`rank`)
    whether the region would be selected on its own answers."""
    extra: dict[str, Any] = {"assessors": [], "changed": []}
    if claimed_selected is not None:
        extra["selected_on_claims"] = claimed_selected
    if verification is None:
        return {
            "self_score": number(outcome.total),
            "reviewers": 0,
            "disagreements": [],
            "panel": extra,
        }
    disputed = set(verification.disagreements)
    notes: dict[str, dict[str, str]] = {}
    for indicator, assessor, note in verification.notes:
        notes.setdefault(indicator, {})[assessor] = note
    changed = [
        {
            "id": one.indicator,
            "claimed_answer": one.claimed,
            "claimed_score": number(one.claimed_score),
            "verified_score": number(one.verified),
            "reviewers": {assessor: number(score) for assessor, _, score in one.values},
            "answers": {assessor: value for assessor, value, _ in one.values},
            "notes": notes.get(one.indicator, {}),
            "disagreement": one.indicator in disputed,
        }
        for one in verification.indicators
        if one.indicator in disputed or number(one.claimed_score) != number(one.verified)
    ]
    extra["assessors"] = list(verification.reviewers)
    extra["changed"] = changed
    return {
        "self_score": number(verification.claimed.total),
        "reviewers": len(verification.reviewers),
        "disagreements": list(verification.disagreements),
        "panel": extra,
    }


def _seat_changes(report: RankReport) -> tuple[list[Placed], list[Placed]]:
    """Regions whose selection the verification changed, in rank order: selected on their
    own answers but not on the verified ones, and the reverse."""
    claimed = report.panel.claimed_selected if report.panel is not None else None
    if claimed is None:
        return [], []
    lost = [p for p in report.placed if p.outcome.file in claimed and not p.selected]
    won = [p for p in report.placed if p.selected and p.outcome.file not in claimed]
    return lost, won


def panel_lists(report: RankReport, lang: str | None) -> list[tuple[str, list[str]]]:
    """The panel's lists for people, each a heading and the regions by name and verified
    rank: seats lost and won through the verification, and the selections that hang on
    a disagreement (selected regions that would lose their seat at the lowest reviewer's
    scores, and regions left out that would win one at the highest)."""

    def named(placed: Iterable[Placed]) -> list[str]:
        return [t("name_rank", lang, name=p.outcome.name, rank=p.rank) for p in placed]

    lost, won = _seat_changes(report)
    at = {p.outcome.file: p for p in report.placed}
    risks = report.panel.at_risk if report.panel is not None else []
    return [
        (t("lost_seat", lang), named(lost)),
        (t("won_seat", lang), named(won)),
        (t("at_risk_lowest", lang), named(at[f] for f, side in risks if side == "lowest")),
        (t("at_risk_highest", lang), named(at[f] for f, side in risks if side == "highest")),
    ]


def panel_moves(report: RankReport, limit: int = 10) -> list[tuple[str, float, float, str]]:
    """The regions the panel moved most (name, claimed total, verified total, the three
    indicators it changed most: `id claimed → verified`), largest change first."""
    panel = report.panel
    if panel is None:
        return []
    moved = []
    for placed in report.placed:
        verification = panel.by_file.get(placed.outcome.file)
        if verification is None:
            continue
        claimed, verified = verification.claimed.total, placed.outcome.total
        if number(claimed) == number(verified):
            continue
        changed = sorted(
            verification.indicators,
            key=lambda one: (-abs(one.verified - (one.claimed_score or 0.0)), one.indicator),
        )
        shown = "; ".join(
            _move(report, one)
            for one in changed[:3]
            if number(one.claimed_score or 0.0) != number(one.verified)
        )
        moved.append(
            (abs(verified - claimed), placed.rank, placed.outcome.name, claimed, verified, shown)
        )
    moved.sort(key=lambda item: (-item[0], item[1]))
    return [
        (name, claimed, verified, shown) for _, _, name, claimed, verified, shown in moved[:limit]
    ]


def _move(report: RankReport, one: Reviewed) -> str:
    """`id: claimed → each reviewer's answer (score → score)`, as a person reads answers."""
    indicator = report.loaded.scorer.indicators[one.indicator]
    claimed = answer_text(indicator, one.claimed, report.lang)
    found = " / ".join(answer_text(indicator, value, report.lang) for _, value, _ in one.values)
    scores = f"{one.claimed_score or 0.0:.0f} → {one.verified:.0f}"
    return f"{one.indicator}: {claimed} → {found} ({scores})"


def panel_summary(report: RankReport) -> dict[str, Any]:
    """The run-level `panel` of the JSON (documented extra): the panel's settings, the
    review files, and the regions whose selection the verification changed (ids)."""
    panel = report.panel
    assert panel is not None
    settings = report.loaded.criteria.panel
    ids = {p.outcome.file: p.outcome.region_id for p in report.placed}
    lost, won = ([p.outcome.region_id for p in side] for side in _seat_changes(report))
    return {
        "aggregate": settings.aggregate,
        "disagreement": settings.disagreement,
        "review_files": panel.files,
        "reviews_used": panel.used,
        "regions_reviewed": len(panel.by_file),
        "lost_seat": lost,
        "won_seat": won,
        "agreement": agreement_dict(panel.agreement),
        "at_risk": [
            {"region": ids[file], "selected": side == "lowest", "flips_at": side}
            for file, side in panel.at_risk
        ],
    }


def agreement_dict(found: Agreement | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "metric": "krippendorff_alpha_interval",
        "alpha": number(found.alpha),
        "units": found.units,
        "values": found.values,
        "dimensions": {d: {"alpha": number(a), "units": n} for d, a, n in found.dimensions},
        "assessors": [
            {"id": a, "units": n, "mean_offset": number(offset)} for a, n, offset in found.assessors
        ],
    }


def agreement_lines(found: Agreement | None, lang: str | None) -> list[str]:
    """The agreement figures for people: alpha overall and by dimension, then each
    assessor's mean offset from the panel's median."""
    if found is None or not found.units:
        return []

    def shown(alpha: float | None) -> str:
        return "—" if alpha is None else f"{alpha:.3f}"

    dims = ", ".join(f"{d} {shown(a)}" for d, a, n in found.dimensions if n)
    lines = [
        t("agreement_line", lang, alpha=shown(found.alpha), units=found.units, dims=dims),
    ]
    offsets = ", ".join(f"{a} {offset:+.1f}" for a, _, offset in found.assessors)
    lines.append(t("assessor_offsets", lang, offsets=offsets))
    return lines


def rank_dicts(report: RankReport) -> Iterator[dict[str, Any]]:
    ids = list(report.loaded.scorer.index)
    panel = report.panel
    for placed in report.placed:
        entry = result_dict(placed.outcome, ids, placed)
        if report.loaded.criteria.published is not None:
            entry = _beside_score(entry, published(report.loaded, placed.outcome.total))
        if panel is not None:
            file = placed.outcome.file
            verification = panel.by_file.get(file)
            on_claims = None
            if panel.claimed_selected is not None:
                on_claims = file in panel.claimed_selected
            entry.update(panel_dict(placed.outcome, verification, on_claims))
        if report.group_by is not None:
            entry["group"] = {
                "field": report.group_by,
                "value": placed.outcome.field(report.group_by),
                "rank": report.group_ranks.get(placed.outcome.file),
            }
        yield entry


def card_dict(card: Card) -> dict[str, Any]:
    """The extra, explanatory part of an `assess` result."""
    return {
        "level_label": None,
        "next_level": None
        if card.next_level is None
        else {
            "id": card.next_level.id,
            "label": card.next_level.label,
            # The level's own cut-point key: `above` for a strict level, else `at_least`.
            ("above" if card.next_level.sign == ">" else "at_least"): card.next_level.at_least,
            "points_needed": number(card.next_level.points_needed),
        },
        "gates": [
            {"id": g.id, "passed": g.passed, "detail": g.detail, "description": g.description}
            for g in card.gates
        ],
        "indicators": [
            {
                "id": line.id,
                "group": group.id,
                "question": line.question,
                "answer": line.answer,
                "answer_text": line.answer_text,
                "score": number(line.score),
                "weight": number(line.weight),
                "points": number(line.points),
                "lost": number(line.lost),
                "evidence": line.evidence,
            }
            for group in card.groups
            for line in group.indicators
        ],
        "gains": [
            {
                "indicator": gain.indicator,
                "from": gain.before,
                "to": gain.after,
                "points": number(gain.points),
            }
            for gain in card.gains
        ],
    }


def assess_dicts(report: AssessReport) -> Iterator[dict[str, Any]]:
    ids = list(report.loaded.scorer.index)
    for card, outcome in zip(report.cards, report.outcomes, strict=True):
        entry = result_dict(outcome, ids)
        if report.loaded.criteria.published is not None:
            entry = _beside_score(entry, published(report.loaded, outcome.total))
        if report.panel is not None:
            entry.update(panel_dict(outcome, report.panel.by_file.get(outcome.file)))
        extra = card_dict(card)
        extra["level_label"] = text(card.level.label, report.lang) if card.level else None
        entry["explanation"] = extra
        yield entry


def problem_dicts(
    problems: list[Problem], with_rule: bool = True, lang: str | None = None
) -> list[dict[str, object]]:
    """The problems as JSON objects, their messages in `lang`."""
    return [p.as_dict(with_rule=with_rule, lang=lang) for p in problems]

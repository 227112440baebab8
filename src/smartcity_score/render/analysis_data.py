"""The JSON shapes of `sensitivity` and `compare`, which every other format reuses.

The renderer registry hands reports over untyped; `sensitivity_report` and
`comparison` check what arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartcity_score.compare import Comparison, DimensionChange, RegionChange
from smartcity_score.engine import TOTAL
from smartcity_score.ranking import Outcome, Placed
from smartcity_score.report import criteria_dict, number
from smartcity_score.sensitivity import RegionSensitivity, SensitivityReport


def sensitivity_report(report: object) -> SensitivityReport:
    if not isinstance(report, SensitivityReport):
        raise TypeError(f"expected a SensitivityReport, got {type(report).__name__}")
    return report


def comparison(report: object) -> Comparison:
    if not isinstance(report, Comparison):
        raise TypeError(f"expected a Comparison, got {type(report).__name__}")
    return report


def region_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.region_id,
        "name": outcome.name,
        "kind": outcome.kind,
        "province": outcome.province,
    }


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{100 * value:.{digits}f}%"


def rank_text(value: float) -> str:
    """A median rank: whole when it is one, else with its half."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def ranks_text(region: RegionChange) -> str:
    old = str(region.old.rank) if region.old else "—"
    new = str(region.new.rank) if region.new else "—"
    return f"{old} → {new}"


def totals_text(region: RegionChange) -> str:
    old, new = region.scores[TOTAL]
    return f"{number_text(old)} → {number_text(new)}"


def number_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def signed(value: float) -> str:
    return f"{value:+.2f}"


# --- sensitivity ---------------------------------------------------------------------------


def settings_dict(report: SensitivityReport) -> dict[str, Any]:
    s = report.settings
    return {
        "method": s.method,
        "samples": s.samples,
        "spread": s.spread,
        "seed": s.seed,
        "seats": report.seats,
    }


def settings_text(report: SensitivityReport) -> str:
    """The settings in one line, e.g. `1000 samples, every weight × U[0.8, 1.2], seed 0`."""
    s = report.settings
    if s.method == "uniform":
        how = f"every weight × uniform [{1 - s.spread:g}, {1 + s.spread:g}]"
    else:
        how = f"weight shares from Dirichlet distributions (spread {s.spread:g})"
    seats = f"{report.seats} seats" if report.seats is not None else "no seats"
    return f"{s.samples} samples, {how}, seed {s.seed}; {seats}"


def sensitivity_entry(item: RegionSensitivity) -> dict[str, Any]:
    placed = item.placed
    outcome = placed.outcome
    return {
        "file": outcome.file,
        "region": region_dict(outcome),
        "score": number(outcome.total),
        "rank": placed.rank,
        "eligible": outcome.eligible,
        "selected": placed.selected,
        "selected_by": placed.selected_by,
        "median_rank": item.median_rank,
        "rank_interval": [item.low_rank, item.high_rank],
        "p_selected": round(item.p_selected, 6),
    }


def sensitivity_tail(report: SensitivityReport) -> dict[str, Any]:
    return {
        "bubble": [
            {"region": r.placed.outcome.region_id, "p_selected": round(r.p_selected, 6)}
            for r in report.bubble
        ],
        "one_at_a_time": [
            {
                "dimension": drop.dimension,
                "changed": drop.changed,
                "entering": list(drop.entering),
                "leaving": list(drop.leaving),
            }
            for drop in report.drops
        ],
        "errors": [p.as_dict(with_rule=False) for p in report.errors],
        "warnings": report.warnings,
    }


# --- compare -------------------------------------------------------------------------------


def side_dict(placed: Placed | None, dimensions: list[str], index: dict[str, int]) -> Any:
    if placed is None:
        return None
    outcome = placed.outcome
    return {
        "file": outcome.file,
        "rank": placed.rank,
        "score": number(outcome.total),
        "eligible": outcome.eligible,
        "selected": placed.selected,
        "selected_by": placed.selected_by,
        "scores": {d: number(outcome.scores[index[d]]) for d in dimensions},
    }


def change_entry(report: Comparison, region: RegionChange) -> dict[str, Any]:
    common = [d.id for d in report.dimensions if d.id != TOTAL]
    old_index, new_index = report.old.scorer.index, report.new.scorer.index
    either = region.new or region.old
    assert either is not None
    return {
        "region": region_dict(either.outcome),
        "old": side_dict(region.old, common, old_index),
        "new": side_dict(region.new, common, new_index),
        "rank_change": region.rank_change,
        "enters": region.enters,
        "leaves": region.leaves,
        "score_changes": {node: delta(old, new) for node, (old, new) in region.scores.items()},
    }


def delta(old: float | None, new: float | None) -> float | None:
    if old is None or new is None:
        return None
    return number(new - old)


def dimension_dict(change: DimensionChange) -> dict[str, Any]:
    def extreme(item: tuple[float, str] | None) -> Any:
        return None if item is None else {"change": number(item[0]), "region": item[1]}

    return {
        "id": change.id,
        "old_weight_share": number(change.old_share),
        "new_weight_share": number(change.new_share),
        "mean_change": number(change.mean),
        "lowest": extreme(change.lowest),
        "highest": extreme(change.highest),
        "regions_changed": change.regions_changed,
    }


def comparison_head(report: Comparison) -> dict[str, Any]:
    return {
        "old": {**criteria_dict(report.old), "file": report.old_label},
        "new": {**criteria_dict(report.new), "file": report.new_label},
        "changed": report.changed,
        "summary": report.summary,
        "selection": {
            "old_seats": report.old_seats,
            "new_seats": report.new_seats,
            "entering": [r.region_id for r in report.entering],
            "leaving": [r.region_id for r in report.leaving],
        },
        "rank_changes": [
            {
                "region": r.region_id,
                "old_rank": r.old.rank if r.old else None,
                "new_rank": r.new.rank if r.new else None,
                "change": r.rank_change,
            }
            for r in report.moves
        ],
        "dimensions": [dimension_dict(d) for d in report.dimensions],
        "added_dimensions": report.added,
        "removed_dimensions": report.removed,
    }


def comparison_entries(report: Comparison) -> Iterator[dict[str, Any]]:
    for region in report.regions:
        yield change_entry(report, region)


def comparison_tail(report: Comparison) -> dict[str, Any]:
    return {
        "errors": [p.as_dict(with_rule=False) for p in report.errors],
        "warnings": report.warnings,
    }

"""`trend` for machines and documents: JSON, CSV and Markdown (called from their renderers).

The JSON form (`trend_head`, `trend_entry`, `trend_tail`) is the one the CSV, Markdown
and HTML renderers read, so no two formats can disagree about a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartcity_score.i18n import number_text, numeral, t
from smartcity_score.ranking import Placed
from smartcity_score.render.analysis_data import signed
from smartcity_score.report import cohort_dict, cohort_line, criteria_dict, number
from smartcity_score.trend import MOVES, Move, RegionTrend, Trend


def trend_report(report: object) -> Trend:
    assert isinstance(report, Trend)
    return report


def point_dict(placed: Placed | None) -> dict[str, Any] | None:
    """A region in one round, or None where the round has no valid file of it."""
    if placed is None:
        return None
    o = placed.outcome
    return {
        "rank": placed.rank,
        "total": number(o.total),
        "level": o.level,
        "eligible": o.eligible,
        "selected": placed.selected,
        "file": o.file,
    }


def trend_entry(report: Trend, region: RegionTrend) -> dict[str, Any]:
    return {
        "region_id": region.region_id,
        "name": region.name,
        "rounds": [point_dict(p) for p in region.points],
        "rank_change": region.rank_change,
        "total_change": region.total_change,
        "absent_from": [report.labels[i] for i in region.absent],
    }


def move_dict(move: Move | None) -> dict[str, Any] | None:
    if move is None:
        return None
    change: float = int(move.change) if move.kind.startswith("rank") else move.change
    return {"change": change, "regions": [r.region_id for r in move.regions]}


def trend_head(report: Trend) -> dict[str, Any]:
    return {
        "criteria": criteria_dict(report.loaded),
        "rounds": [
            {
                "label": r.label,
                "files": r.files,
                "ranked": len(r.ranking.placed),
                "invalid": r.invalid,
                "selected": r.selected,
                **({} if r.cohort is None else {"cohort": cohort_dict(r.cohort)}),
            }
            for r in report.rounds
        ],
        "regions": len(report.regions),
        "moved_most": {kind: move_dict(report.moves[kind]) for kind in MOVES},
    }


def trend_tail(report: Trend, lang: str | None = None) -> dict[str, Any]:
    return {
        "errors": [p.as_dict(with_rule=False, lang=lang) for p in report.errors],
        "warnings": report.warnings,
    }


def note(report: Trend, region: RegionTrend, lang: str | None) -> str:
    """'only in 2022' or 'not in 2023' for a region missing from some rounds, else ''."""
    absent = region.absent
    if not absent:
        return ""
    present = [label for i, label in enumerate(report.labels) if i not in absent]
    if len(present) < len(absent):
        return t("trend_only_in", lang, rounds=", ".join(present))
    return t("trend_not_in", lang, rounds=", ".join(report.labels[i] for i in absent))


def change_texts(region: RegionTrend, lang: str | None = None) -> tuple[str, str]:
    """The rank and total changes as shown to people: signed, or — when not in both."""
    ranks, totals = region.rank_change, region.total_change
    rank_text = "—" if ranks is None else (f"{ranks:+d}" if ranks else "0")
    zero = numeral("0.00", lang)
    total_text = "—" if totals is None else (signed(totals, lang) if totals else zero)
    return rank_text, total_text


def move_lines(report: Trend, lang: str | None) -> Iterator[tuple[str, str]]:
    """(heading, text) for each kind of largest move: names, change, first → last."""
    for kind in MOVES:
        move = report.moves[kind]
        if move is None:
            yield t(f"move_{kind}", lang), t("none", lang)
            continue
        by_rank = kind.startswith("rank")
        change = f"{int(move.change):+d}" if by_rank else signed(move.change, lang)
        names = []
        for region in move.regions:
            first, last = region.points[0], region.points[-1]
            assert first is not None and last is not None  # a change needs both rounds
            if by_rank:
                span = f"{first.rank} → {last.rank}"
            else:
                old, new = first.outcome.total, last.outcome.total
                span = f"{number_text(old, lang)} → {number_text(new, lang)}"
            names.append(f"{region.name} ({span})")
        yield t(f"move_{kind}", lang), f"{change}: {'; '.join(names)}"


def round_lines(report: Trend, lang: str | None) -> list[str]:
    return [
        t(
            "trend_round_line",
            lang,
            label=r.label,
            files=r.files,
            ranked=len(r.ranking.placed),
            invalid=r.invalid,
            selected=r.selected,
        )
        + ("" if r.cohort is None else f"; {cohort_line(r.cohort, lang)}")
        for r in report.rounds
    ]

"""`trend` for machines and documents: JSON, CSV and Markdown (called from their renderers).

The JSON form (`trend_head`, `trend_entry`, `trend_tail`) is the one the CSV, Markdown
and HTML renderers read, so no two formats can disagree about a number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartcity_score.escape import markdown_cell, markdown_text
from smartcity_score.i18n import t
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import number_text, signed
from smartcity_score.render.analysis_text import _notes
from smartcity_score.render.csv_ import _rows
from smartcity_score.render.json_ import document
from smartcity_score.render.markdown import header, row
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


def trend_tail(report: Trend) -> dict[str, Any]:
    return {
        "errors": [p.as_dict(with_rule=False) for p in report.errors],
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


def change_texts(region: RegionTrend) -> tuple[str, str]:
    """The rank and total changes as shown to people: signed, or — when not in both."""
    ranks, totals = region.rank_change, region.total_change
    rank_text = "—" if ranks is None else (f"{ranks:+d}" if ranks else "0")
    total_text = "—" if totals is None else (signed(totals) if totals else "0.00")
    return rank_text, total_text


def move_lines(report: Trend, lang: str | None) -> Iterator[tuple[str, str]]:
    """(heading, text) for each kind of largest move: names, change, first → last."""
    for kind in MOVES:
        move = report.moves[kind]
        if move is None:
            yield t(f"move_{kind}", lang), t("none", lang)
            continue
        by_rank = kind.startswith("rank")
        change = f"{int(move.change):+d}" if by_rank else signed(move.change)
        names = []
        for region in move.regions:
            first, last = region.points[0], region.points[-1]
            assert first is not None and last is not None  # a change needs both rounds
            if by_rank:
                span = f"{first.rank} → {last.rank}"
            else:
                span = f"{number_text(first.outcome.total)} → {number_text(last.outcome.total)}"
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


def trend_json(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    entries = (trend_entry(r, region) for region in r.regions)
    return document(trend_head(r), entries, trend_tail(r))


def trend_csv(report: object, options: Options) -> Iterator[str]:
    """One row per region; per round its rank, total, level and selection, then the changes."""
    r = trend_report(report)

    def rows() -> Iterator[list[object]]:
        head: list[object] = ["region_id", "name"]
        for label in r.labels:
            head += [f"{label}_rank", f"{label}_total", f"{label}_level", f"{label}_selected"]
        yield [*head, "rank_change", "total_change", "absent_from"]
        for region in r.regions:
            values: list[object] = [region.region_id, region.name]
            for placed in region.points:
                point = point_dict(placed)
                if point is None:
                    values += ["", "", "", ""]
                else:
                    values += [
                        point["rank"],
                        point["total"],
                        point["level"] or "",
                        point["selected"],
                    ]
            values += ["" if region.rank_change is None else region.rank_change]
            values += ["" if region.total_change is None else region.total_change]
            yield [*values, " ".join(r.labels[i] for i in region.absent)]

    return _rows(rows())


def trend_markdown(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    yield f"## {t('trend_title', lang)}\n\n"
    head = t(
        "trend_head", lang, count=len(r.regions), rounds=len(r.rounds), labels=" → ".join(r.labels)
    )
    yield f"`{criteria.id}` {markdown_cell(criteria.version)} · {markdown_cell(head)}\n\n"
    for line in round_lines(r, lang):
        yield f"- {markdown_text(line)}\n"
    yield f"\n### {t('moved_most', lang)}\n\n"
    for heading, line in move_lines(r, lang):
        yield f"- **{heading}:** {markdown_cell(line)}\n"
    yield f"\n### {t('regions', lang)}\n\n"
    names = [t("region", lang)]
    for label in r.labels:
        names += [f"{label} {t('rank', lang)}", f"{label} {t('total', lang)}", t("level", lang)]
    names += [t("rank_change", lang), t("total_change", lang), t("note", lang)]
    per_round = len(r.labels) * 3
    right = {i for i in range(1, per_round + 3) if (i - 1) % 3 != 2 or i > per_round}
    yield header(names, right)
    for region in r.regions:
        cells: list[object] = [region.name]
        for placed in region.points:
            if placed is None:
                cells += ["—", "—", ""]
            else:
                o = placed.outcome
                mark = " ✔" if placed.selected else ""
                cells += [f"{placed.rank}{mark}", number_text(o.total), o.level or ""]
        cells += [*change_texts(region), note(r, region, lang)]
        yield row(cells)
    yield from _notes(r.errors, r.warnings, lang)

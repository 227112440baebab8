"""The ranking as a table for people, drawn with rich."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import rounded
from smartcity_score.escape import terminal, visible
from smartcity_score.i18n import decimal, number_text, numeral, selected_by_text, t
from smartcity_score.models import text
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.render.layout import Column, Plan, fitted, hanging, packed, plan, table
from smartcity_score.render.terminal import errors_and_warnings, print_parts
from smartcity_score.report import (
    RankReport,
    agreement_lines,
    cohort_line,
    level_label,
    panel_lists,
    panel_moves,
    published_name,
)


def _yes_no(value: bool, lang: str | None) -> str:
    return t("yes", lang) if value else t("no", lang)


def _rank_columns(report: RankReport, lang: str | None) -> list[Column]:
    dimensions = report.loaded.criteria.dimensions
    positions = report.loaded.scorer.index
    placed = report.placed
    columns = [
        Column("rank", t("rank", lang), [str(p.rank) for p in placed], number=True, short="#"),
        Column("region", t("region", lang), [terminal(p.outcome.name) for p in placed]),
        Column(
            "province",
            t("province", lang),
            [terminal(p.outcome.province or "") for p in placed],
            optional=3,
        ),
        Column(
            "kind", t("kind", lang), [terminal(p.outcome.kind or "") for p in placed], optional=2
        ),
        Column(
            "total",
            t("total", lang),
            [decimal(p.outcome.total, 2, lang) for p in placed],
            number=True,
        ),
        Column(
            "level",
            t("level", lang),
            [terminal(level_label(report.loaded, p.outcome.level, lang)) for p in placed],
            whole=True,  # as its id was: a level name is not split over two lines
            optional=1,
        ),
    ]
    scale = report.loaded.criteria.published
    if scale is not None:
        cells = [numeral(scale.shown(rounded(p.outcome.total)), lang) for p in placed]
        name = published_name(report.loaded, lang) or ""
        short = t("published_short", lang)
        columns.insert(5, Column("published", name, cells, number=True, short=short))
    if report.panel is not None:
        by_file = report.panel.by_file
        cells = [
            decimal(by_file[p.outcome.file].claimed.total, 2, lang)
            if p.outcome.file in by_file
            else ""
            for p in placed
        ]
        columns.append(Column("claimed", t("self_score", lang), cells, number=True))
    for n, group in enumerate(dimensions, 1):
        cells = [number_text(_stored(p.outcome.scores[positions[group.id]]), lang) for p in placed]
        columns.append(Column(group.id, group.id, cells, number=True, short=f"D{n}"))
    if report.group_by:
        cells = [str(report.group_ranks.get(p.outcome.file, "")) for p in placed]
        columns.append(Column("group", t("group_rank", lang), cells, number=True))
    status = [_status(p, lang) for p in placed]
    if any(status):  # criteria that select nobody, and exclude nobody, get no empty column
        columns.append(Column("status", t("selected", lang), status))
    return columns


def _status(placed: Placed, lang: str | None) -> str:
    """`✔ merit`, `✔ quota kabupaten-min`, `✗ not eligible`, or nothing: left out."""
    chosen = terminal(selected_by_text(placed.selected_by, lang))
    return chosen or ("" if placed.outcome.eligible else "✗ " + t("not_eligible", lang))


def _style(placed: Placed) -> str | None:
    return "bold" if placed.selected else ("dim" if not placed.outcome.eligible else None)


def rank(report: RankReport, options: Options) -> Iterator[str]:
    lang = options.lang
    criteria = report.loaded.criteria
    title = (
        f"{t('ranking_title', lang)}: {terminal(text(criteria.title, lang))} "
        f"({criteria.id} {terminal(criteria.version)})"
    )
    parts: list[RenderableType] = [Text(title, style="bold")]
    columns = _rank_columns(report, lang)
    found = plan(columns, options.width)
    if found is None:
        parts.append(_rank_blocks(report, columns, options.width))
    else:
        parts.extend(_rank_table(report, found))
    parts.extend(_reason_lines(report, lang, options.width))
    selected = sum(1 for p in report.placed if p.selected)
    eligible = sum(1 for p in report.placed if p.outcome.eligible)
    parts.append(
        Text(
            f"{t('applicants', lang)}: {report.files}   {t('valid', lang)}: {len(report.placed)}   "
            f"{t('invalid', lang)}: {report.invalid_regions}   "
            f"{t('eligible', lang)}: {eligible}   {t('selected', lang)}: {selected}"
        )
    )
    parts.extend(_cohort_parts(report.loaded, lang))
    if report.panel is not None:
        parts.extend(_panel_parts(report, lang, options.width))
    parts.extend(errors_and_warnings(report.errors, report.warnings, lang, options.width))
    yield print_parts(parts, options)


def _rank_table(report: RankReport, found: Plan) -> list[RenderableType]:
    """The ranking as a table, and the legend of any short header it uses."""
    grid = table(found)
    last_selected = max((i for i, p in enumerate(report.placed) if p.selected), default=-1)
    for i, placed in enumerate(report.placed):
        row = [column.cells[i] for column in found.columns]
        grid.add_row(*row, style=_style(placed), end_section=i == last_selected)
    parts: list[RenderableType] = [grid]
    # "#" needs no legend; a dimension's short header D1 does: the legend names its id.
    shortened = [c for c in found.columns if found.short and c.short and c.key != "rank"]
    full = {"published": published_name(report.loaded, report.lang) or ""}  # a name, not an id
    legend = [f"{c.short} {full.get(c.key, c.key)}" for c in shortened]
    if legend:
        parts.append(Text("   ".join(legend) + "\n"))
    return parts


def _rank_blocks(report: RankReport, columns: list[Column], width: int) -> Table:
    """Too narrow for a table: each region as a block, its rank beside its lines."""
    by_key = {c.key: c for c in columns}
    rank_width = by_key["rank"].widest
    body = width - rank_width - 2
    grid = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False)
    grid.padding = (0, 1, 0, 0)
    grid.add_column(justify="right", no_wrap=True, width=rank_width)
    grid.add_column(overflow="fold", width=body)
    figures = [c for c in columns if c.number and c.key not in ("rank", "total")]
    last_selected = max((i for i, p in enumerate(report.placed) if p.selected), default=-1)
    for i, placed in enumerate(report.placed):
        head = [by_key["region"].cells[i], by_key["total"].cells[i], by_key["status"].cells[i]]
        where = [by_key[k].cells[i] for k in ("province", "kind", "level") if by_key[k].cells[i]]
        lines = ["   ".join(x for x in head if x), " · ".join(where)]
        pieces = [f"{c.header} {c.cells[i]}" for c in figures if c.cells[i]]
        lines += packed(pieces, body, "   ")
        grid.add_row(
            by_key["rank"].cells[i],
            "\n".join(line for line in lines if line),
            style=_style(placed),
            end_section=True,
        )
        if i == last_selected:
            grid.add_row("", "─" * min(body, 20))
    return grid


def _reason_lines(report: RankReport, lang: str | None, width: int) -> list[RenderableType]:
    """Why each region out of merit order is where it is; the rest are below the cut."""
    below = t("reason_below_cut", lang)
    named = [p for p in report.placed if p.reason and p.reason != below]
    lines: list[RenderableType] = []
    if named:
        lines.append(Text(f"{t('reasons_heading', lang)}:", style="bold"))
        indent = max(len(str(p.rank)) for p in named) + 4
        for placed in named:
            reason = visible(f"{placed.outcome.name}: {placed.reason}")
            lines.append(Text(hanging(f"  {placed.rank:>{indent - 4}}  ", reason, width)))
    if any(p.reason == below for p in report.placed):
        lines.append(Text(t("reasons_rest", lang) + "\n"))
    return lines


def _panel_parts(report: RankReport, lang: str | None, width: int) -> list[RenderableType]:
    """What the panel changed: whose selection, who moved most, and how far it agrees."""
    assert report.panel is not None
    parts: list[RenderableType] = [Text(f"\n{t('panel_title', lang)}", style="bold")]
    for label, names in panel_lists(report, lang):
        shown = visible(", ".join(names)) or t("none", lang)
        parts.append(Text(hanging("  ", f"{label}: {shown}", width, "    ")))
    moved = panel_moves(report, limit=5)
    if moved:
        columns = [
            Column("region", t("region", lang), [terminal(m[0]) for m in moved]),
            Column(
                "claimed",
                t("self_score", lang),
                [decimal(m[1], 2, lang) for m in moved],
                number=True,
            ),
            Column(
                "verified",
                t("verified_score", lang),
                [decimal(m[2], 2, lang) for m in moved],
                number=True,
            ),
            Column("indicator", t("indicator", lang), [terminal(m[3]) for m in moved]),
        ]
        parts.append(fitted(columns, width))
    parts.extend(Text(line) for line in agreement_lines(report.panel.agreement, lang))
    return parts


def _stored(value: float) -> float | None:
    return None if value != value else value  # NaN marks a missing (excluded) score


def _cohort_parts(loaded: LoadedCriteria, lang: str | None) -> list[RenderableType]:
    line = cohort_line(loaded.cohort, lang)
    return [] if line is None else [Text(visible(line))]

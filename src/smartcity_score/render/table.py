"""Tables for people, drawn with rich (the only renderer that imports it)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import terminal, visible
from smartcity_score.explain import Card, format_number
from smartcity_score.i18n import selected_by_text, t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.render import Options
from smartcity_score.render import text as text_renderer
from smartcity_score.report import (
    AssessReport,
    ProblemReport,
    RankReport,
    agreement_lines,
    at_risk_names,
    cohort_line,
    panel_moves,
    selection_changes,
)


def print_parts(parts: list[RenderableType], options: Options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    return buffer.getvalue()


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _yes_no(value: bool, lang: str | None) -> str:
    return t("yes", lang) if value else t("no", lang)


@dataclass(frozen=True)
class _Column:
    key: str
    header: str
    cells: list[str]
    right: bool = False
    optional: int = 0  # dropped first when the table is too wide: higher = dropped sooner

    @property
    def width(self) -> int:
        return max(len(self.header), *(len(c) for c in self.cells)) if self.cells else 0


def _rank_columns(report: RankReport, lang: str | None) -> list[_Column]:
    dimensions = report.loaded.criteria.dimensions
    positions = report.loaded.scorer.index
    placed = report.placed
    columns = [
        _Column("rank", t("rank", lang), [str(p.rank) for p in placed], right=True),
        _Column("region", t("region", lang), [terminal(p.outcome.name) for p in placed]),
        _Column(
            "province",
            t("province", lang),
            [terminal(p.outcome.province or "") for p in placed],
            optional=3,
        ),
        _Column(
            "kind", t("kind", lang), [terminal(p.outcome.kind or "") for p in placed], optional=2
        ),
        _Column("total", t("total", lang), [f"{p.outcome.total:.2f}" for p in placed], right=True),
        _Column(
            "level", t("level", lang), [terminal(p.outcome.level or "") for p in placed], optional=1
        ),
    ]
    if report.panel is not None:
        by_file = report.panel.by_file
        cells = [
            f"{by_file[p.outcome.file].claimed.total:.2f}" if p.outcome.file in by_file else ""
            for p in placed
        ]
        columns.append(_Column("claimed", t("self_score", lang), cells, right=True))
    for group in dimensions:
        cells = [_score(_stored(p.outcome.scores[positions[group.id]])) for p in placed]
        columns.append(_Column(group.id, group.id, cells, right=True))
    if report.group_by:
        cells = [str(report.group_ranks.get(p.outcome.file, "")) for p in placed]
        columns.append(_Column("group", t("group_rank", lang), cells, right=True))
    status = [
        terminal(selected_by_text(p.selected_by, lang))
        or ("" if p.outcome.eligible else "✗ " + t("not_eligible", lang))
        for p in placed
    ]
    columns.append(_Column("status", t("selected", lang), status))
    return columns


def _fit(columns: list[_Column], width: int) -> list[_Column]:
    """Drop optional columns, most optional first, until the table fits `width`."""
    kept = list(columns)
    for level in (3, 2, 1):
        if sum(c.width + 3 for c in kept) <= width:
            break
        kept = [c for c in kept if c.optional != level]
    return kept


def _min_width(column: _Column, header: str) -> int:
    """Numbers never shrink (a cut "9…" misleads); names may, down to a readable width."""
    if column.right:
        return max(len(header), *(len(c) for c in column.cells)) if column.cells else len(header)
    return 14 if column.key == "region" else min(column.width, 9)


def rank(report: RankReport, options: Options) -> Iterator[str]:
    lang = options.lang
    criteria = report.loaded.criteria
    title = (
        f"{t('ranking_title', lang)}: {terminal(text(criteria.title, lang))} "
        f"({criteria.id} {terminal(criteria.version)})"
    )
    columns = _fit(_rank_columns(report, lang), options.width)
    dimension_ids = {g.id for g in criteria.dimensions}
    crowded = sum(c.width + 3 for c in columns) > options.width
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for column in columns:
        header = column.header
        if crowded and column.key in dimension_ids and len(header) > 8:
            header = header[:7] + "…"  # the full ids are in the JSON, CSV and markdown reports
        table.add_column(
            header,
            justify="right" if column.right else "left",
            no_wrap=True,
            overflow="ellipsis",
            min_width=_min_width(column, header),
        )
    last_selected = max((i for i, p in enumerate(report.placed) if p.selected), default=-1)
    for i, placed in enumerate(report.placed):
        style = "bold" if placed.selected else ("dim" if not placed.outcome.eligible else None)
        row = [column.cells[i] for column in columns]
        table.add_row(*row, style=style, end_section=i == last_selected)
    parts: list[RenderableType] = [table]
    selected = sum(1 for p in report.placed if p.selected)
    eligible = sum(1 for p in report.placed if p.outcome.eligible)
    parts.append(
        Text(
            f"{t('applicants', lang)}: {report.files}   {t('valid', lang)}: {len(report.placed)}   "
            f"{t('invalid', lang)}: {len({e.file for e in report.errors})}   "
            f"{t('eligible', lang)}: {eligible}   {t('selected', lang)}: {selected}"
        )
    )
    parts.extend(_cohort_parts(report.loaded, lang))
    if report.panel is not None:
        parts.extend(_panel_parts(report, lang))
    parts.extend(errors_and_warnings(report.errors, report.warnings, lang))
    yield print_parts(parts, options)


def _panel_parts(report: RankReport, lang: str | None) -> list[RenderableType]:
    """What the panel changed: whose selection, who moved most, and how far it agrees."""
    assert report.panel is not None
    parts: list[RenderableType] = [Text(f"\n{t('panel_title', lang)}", style="bold")]
    for key, names in selection_changes(report).items():
        shown = visible(", ".join(names)) or t("none", lang)
        parts.append(Text(f"  {t(key, lang)}: {shown}"))
    for side, names in at_risk_names(report).items():
        shown = visible(", ".join(names)) or t("none", lang)
        parts.append(Text(f"  {t('at_risk_' + side, lang)}: {shown}"))
    moved = panel_moves(report, limit=5)
    if moved:
        table = Table(box=box.SIMPLE_HEAD)
        table.add_column(t("region", lang), overflow="fold")
        table.add_column(t("self_score", lang), justify="right", no_wrap=True)
        table.add_column(t("verified_score", lang), justify="right", no_wrap=True)
        table.add_column(t("indicator", lang), overflow="fold")
        for name, claimed, verified, indicators in moved:
            table.add_row(terminal(name), f"{claimed:.2f}", f"{verified:.2f}", terminal(indicators))
        parts.append(table)
    parts.extend(Text(line) for line in agreement_lines(report.panel.agreement, lang))
    return parts


def _stored(value: float) -> float | None:
    return None if value != value else value  # NaN marks a missing (excluded) score


def errors_and_warnings(
    errors: list[Problem], warnings: list[str], lang: str | None
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if errors:
        listing = Table(title=t("invalid_files", lang), box=box.SIMPLE_HEAD, title_justify="left")
        listing.add_column(t("file", lang), overflow="fold")
        listing.add_column(t("line", lang), justify="right")
        listing.add_column(t("column", lang), justify="right")
        listing.add_column(t("message", lang), overflow="fold")
        for problem in errors:
            listing.add_row(
                terminal(problem.file),
                str(problem.line),
                str(problem.column),
                terminal(problem.message),
            )
        parts.append(listing)
    if warnings:
        parts.append(Text(f"{t('warnings', lang)}:", style="bold yellow"))
        parts.extend(Text(f"  • {visible(warning)}", style="yellow") for warning in warnings)
    return parts


def _cohort_parts(loaded: LoadedCriteria, lang: str | None) -> list[RenderableType]:
    line = cohort_line(loaded.cohort, lang)
    return [] if line is None else [Text(visible(line))]


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    lang = options.lang
    for card in report.cards:
        yield print_parts(_card_parts(card, lang), options)
    tail = [*_cohort_parts(report.loaded, lang)]
    tail += errors_and_warnings(report.errors, report.warnings, lang)
    if tail:
        yield print_parts(tail, options)


def _card_parts(card: Card, lang: str | None) -> list[RenderableType]:
    info = card.region.info
    where = visible(", ".join(x for x in (info.kind, info.province) if x))
    level = visible(text(card.level.label, lang)) if card.level else "—"
    file = visible(card.region.file)
    head = Text()
    head.append(f"{t('score_card', lang)}: {visible(info.name)}", style="bold")
    head.append(f"  ({where})  {file}\n" if where else f"  {file}\n")
    head.append(f"{t('total', lang)}: ")
    head.append(f"{card.scores.total:.2f} / 100", style="bold")
    head.append(f"   {t('level', lang)}: {level}")
    eligible = t("eligible", lang) if card.eligible else t("not_eligible", lang)
    head.append(f"   [{eligible}]", style="green" if card.eligible else "bold red")
    if card.panel is not None:
        line = t(
            "panel_line",
            lang,
            claimed=f"{card.panel.claimed.total:.2f}",
            count=len(card.panel.reviewers),
            assessors=visible(", ".join(card.panel.reviewers)),
        )
        head.append(f"\n{line}")
        if card.panel.disagreements:
            disputed = visible(", ".join(card.panel.disagreements))
            head.append(f"\n{t('disagreements', lang)}: {disputed}", style="yellow")
    if card.next_level is not None:
        head.append(
            f"\n{t('next_level', lang)}: {visible(card.next_level.label)} ({card.next_level.sign} "
            f"{format_number(card.next_level.at_least)}): "
            f"+{card.next_level.points_needed:.2f} {t('points_needed', lang)}"
        )
    parts: list[RenderableType] = [head]
    if card.gates:
        gates = Table(
            title=t("gates", lang), box=box.SIMPLE, title_justify="left", show_header=False
        )
        gates.add_column("")
        gates.add_column("", overflow="fold")
        for gate in card.gates:
            mark = (
                Text(t("passed", lang), style="green")
                if gate.passed
                else Text(t("failed", lang), style="bold red")
            )
            gates.add_row(
                mark,
                terminal(gate.description) + "\n" + terminal(gate.detail)
                if gate.description
                else terminal(gate.detail),
            )
        parts.append(gates)
    parts.append(_score_table(card, lang))
    if card.gains:
        gains = Table(title=t("gains", lang), box=box.SIMPLE_HEAD, title_justify="left")
        gains.add_column(t("indicator", lang), overflow="fold")
        gains.add_column(t("change", lang), overflow="fold")
        gains.add_column(t("gain", lang), justify="right")
        for gain in card.gains:
            gains.add_row(
                terminal(gain.indicator),
                f"{terminal(gain.before)} → {terminal(gain.after)}",
                f"+{gain.points:.2f}",
            )
        parts.append(gains)
    if card.missing:
        parts.append(Text(f"{t('missing_answers', lang)}: {visible(', '.join(card.missing))}\n"))
    return parts


def _score_table(card: Card, lang: str | None) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(f"{t('dimension', lang)} / {t('indicator', lang)}", no_wrap=True)
    table.add_column(t("answer", lang), overflow="fold", min_width=12)
    for name in ("score", "weight", "points", "lost"):
        table.add_column(t(name, lang), justify="right", no_wrap=True)
    for group in card.groups:
        indent = "  " * group.depth
        table.add_row(
            Text(f"{indent}{group.id}", style="bold"),
            "",
            Text(_score(group.score), style="bold"),
            f"{100 * group.weight:.1f}%",
            "",
            "",
        )
        for line in group.indicators:
            table.add_row(
                f"{indent}  {line.id}",
                Text(visible(line.answer_text), style="yellow" if line.missing else ""),
                _score(line.score),
                f"{100 * line.weight:.1f}%",
                f"{line.points:.2f}",
                f"{line.lost:.2f}",
            )
    return table


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    return text_renderer.problems(report, options)


__all__ = ["Group", "assess", "problems", "rank"]


def sensitivity(report: object, options: Options) -> Iterator[str]:
    """`sensitivity` (issue 7); drawn in render.analysis_table."""
    from smartcity_score.render.analysis_table import sensitivity_table

    return sensitivity_table(report, options)


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare` (issue 7); drawn in render.analysis_table."""
    from smartcity_score.render.analysis_table import compare_table

    return compare_table(report, options)


def trend(report: object, options: Options) -> Iterator[str]:
    """`trend` (issue 14); drawn in render.trend_table."""
    from smartcity_score.render.trend_table import trend_table

    return trend_table(report, options)

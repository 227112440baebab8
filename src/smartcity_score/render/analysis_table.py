"""`sensitivity` and `compare` as tables for people (rich; called from render.table)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.text import Text

from smartcity_score.compare import Comparison
from smartcity_score.engine import TOTAL
from smartcity_score.escape import terminal, visible
from smartcity_score.i18n import number_text, t
from smartcity_score.models import text
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    attribution_rows,
    cohort_lines,
    comparison,
    most_moving,
    percent,
    rank_text,
    ranks_text,
    sensitivity_report,
    settings_text,
    signed,
    similarity_cells,
    similarity_reasons,
    similarity_rows,
    summary,
    totals_text,
)
from smartcity_score.render.layout import Column, fitted, hanging, plan, two_lines
from smartcity_score.render.terminal import errors_and_warnings, print_parts


def _heading(line: str) -> Text:
    """A heading above a table: a table title would wrap to the table's width."""
    return Text(line, style="bold")


def _number(key: str, header: str, cells: list[str]) -> Column:
    """A column of figures: never wrapped; its header may go on two lines."""
    return Column(key, header, cells, number=True, short=two_lines(header))


def sensitivity_table(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    lang = options.lang
    width = options.width
    criteria = r.loaded.criteria
    title = (
        f"{t('sensitivity_title', lang)}: {terminal(text(criteria.title, lang))} "
        f"({criteria.id} {terminal(criteria.version)})"
    )
    regions = r.regions
    marks = [
        "✔" if x.placed.selected else ("" if x.placed.outcome.eligible else t("not_eligible", lang))
        for x in regions
    ]
    columns = [
        _number("rank", t("rank", lang), [str(x.placed.rank) for x in regions]),
        Column("region", t("region", lang), [terminal(x.placed.outcome.name) for x in regions]),
        _number(
            "total", t("total", lang), [number_text(x.placed.outcome.total, lang) for x in regions]
        ),
        Column("selected", t("selected", lang), marks),
        _number(
            "median", t("median_rank", lang), [rank_text(x.median_rank, lang) for x in regions]
        ),
        _number(
            "interval", t("rank_interval", lang), [f"{x.low_rank}–{x.high_rank}" for x in regions]
        ),
        _number("p", t("p_selected", lang), [percent(x.p_selected, lang) for x in regions]),
    ]
    styles = [
        "bold" if x.placed.selected else (None if x.placed.outcome.eligible else "dim")
        for x in regions
    ]
    last_selected = max((i for i, x in enumerate(regions) if x.placed.selected), default=-1)
    parts: list[RenderableType] = [Text(visible(settings_text(r, lang)))]
    parts += [Text(visible(line)) for line in cohort_lines(r, lang)]
    parts += [_heading(title), fitted(columns, width, styles, last_selected, lead=2)]
    bubble = r.bubble
    if bubble:
        parts.append(_heading(t("bubble_heading", lang, count=len(bubble))))
        listing = [
            Column("region", t("region", lang), [terminal(x.placed.outcome.name) for x in bubble]),
            _number("rank", t("rank", lang), [str(x.placed.rank) for x in bubble]),
            _number(
                "interval",
                t("rank_interval", lang),
                [f"{x.low_rank}–{x.high_rank}" for x in bubble],
            ),
            _number("p", t("p_selected", lang), [percent(x.p_selected, lang) for x in bubble]),
        ]
        parts.append(fitted(listing, width))
    elif r.seats is not None:
        parts.append(Text(t("bubble_empty", lang) + "\n"))
    if r.drops:
        parts.append(_heading(t("drops_heading", lang)))
        drops = [
            Column("dimension", t("dimension", lang), [terminal(d.dimension) for d in r.drops]),
            _number("changes", t("changes", lang), [str(d.changed) for d in r.drops]),
            Column(
                "enter", t("enter", lang), [terminal(", ".join(d.entering)) or "—" for d in r.drops]
            ),
            Column(
                "leave", t("leave", lang), [terminal(", ".join(d.leaving)) or "—" for d in r.drops]
            ),
        ]
        parts.append(fitted(drops, width))
    most = most_moving(r)
    if most is not None:
        parts.append(_heading(t("attribution", lang)))
        rows = attribution_rows(r, lang)
        parts.append(
            fitted(
                [
                    Column("assumption", t("assumption", lang), [row[0] for row in rows]),
                    _number("changed", t("samples_changed", lang), [row[1] for row in rows]),
                    _number("seats", t("mean_seats_changed", lang), [row[2] for row in rows]),
                ],
                width,
            )
        )
        name = t(f"assumption_{most.assumption}", lang)
        parts.append(Text(t("attribution_most", lang, name=name) + "\n"))
    parts.extend(errors_and_warnings(r.errors, r.warnings, lang, width))
    yield print_parts(parts, options)


# A reason squeezed narrower than this reads as a column of single words: it goes under
# the table instead, one hanging paragraph per region.
REASON_WIDTH = 36


def _with_reasons(columns: list[Column], width: int, styles: list[str]) -> Iterator[RenderableType]:
    """The selection table, its last column the reasons when they have room beside the
    numbers, else the table without them and each reason below, under its region's name."""
    found = plan(columns, width)
    reason = columns[-1]
    if found is not None and reason in found.columns:
        room = found.widths[found.columns.index(reason)]
        if room >= min(REASON_WIDTH, reason.widest):
            yield fitted(columns, width, styles, lead=2)
            return
    yield fitted(columns[:-1], width, styles, lead=2)
    for mark, name, why, style in zip(
        columns[0].cells, columns[1].cells, reason.cells, styles, strict=True
    ):
        if why:
            yield Text.from_markup(hanging(f"{mark} {name}: ", why, width, "    "), style=style)


def compare_table(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    lang = options.lang
    width = options.width
    old, new = c.old.criteria, c.new.criteria
    head = Text()
    head.append(f"{t('criteria_change', lang)}: ", style="bold")
    head.append(
        visible(f"{old.id} {old.version} ({c.old_label}) → {new.id} {new.version} ({c.new_label})")
        + "\n"
    )
    head.append(visible(summary(c, lang)) + "\n")
    for line in cohort_lines(c, lang):
        head.append(visible(line) + "\n")
    parts: list[RenderableType] = [head]
    changes = [*c.entering, *c.leaving]
    if changes:
        parts.append(_heading(t("selection", lang)))
        marks = [
            f"+ {t('enters', lang)}" if x.enters else f"- {t('leaves', lang)}" for x in changes
        ]
        columns = [
            Column("mark", "", marks, whole=True),
            Column("region", t("region", lang), [terminal(x.name) for x in changes]),
            _number("ranks", t("rank_old_new", lang), [ranks_text(x) for x in changes]),
            _number("totals", t("total_old_new", lang), [totals_text(x, lang) for x in changes]),
            Column("reason", t("reason", lang), [terminal(x.reason or "") for x in changes]),
        ]
        styles = ["green" if x.enters else "red" for x in changes]
        parts.extend(_with_reasons(columns, width, styles))
    if c.changed or c.added or c.removed:
        parts.append(_heading(t("scores_by_dimension", lang)))
        dims = c.dimensions
        columns = [
            Column("dimension", t("dimension", lang), [d.id for d in dims], whole=True),
            _number(
                "weight",
                t("weight_old_new", lang),
                [
                    ""
                    if d.id == TOTAL
                    else f"{percent(d.old_share, lang)} → {percent(d.new_share, lang)}"
                    for d in dims
                ],
            ),
            _number("mean", t("mean_change", lang), [signed(d.mean, lang) for d in dims]),
            Column("lowest", t("lowest", lang), [_extreme(d.lowest, lang) for d in dims]),
            Column("highest", t("highest", lang), [_extreme(d.highest, lang) for d in dims]),
            _number("regions", t("regions_changed", lang), [str(d.regions_changed) for d in dims]),
        ]
        parts.append(fitted(columns, width))
    parts.extend(_similarity_parts(c, lang, width))
    moves = c.moves
    if moves:
        parts.append(_heading(t("rank_changes", lang, count=len(moves))))
        columns = [
            Column("region", t("region", lang), [terminal(x.name) for x in moves]),
            _number("ranks", t("rank_old_new", lang), [ranks_text(x) for x in moves]),
            _number("change", t("change", lang), [f"{x.rank_change:+d}" for x in moves]),
            _number("totals", t("total_old_new", lang), [totals_text(x, lang) for x in moves]),
        ]
        parts.append(fitted(columns, width))
    parts.extend(errors_and_warnings(c.errors, c.warnings, lang, width))
    yield print_parts(parts, options)


def _extreme(found: tuple[float, str] | None, lang: str | None) -> str:
    """`-1.76 kabupaten-pohuwato`: the change and the region it happens to."""
    return f"{signed(found[0], lang)} {terminal(found[1])}" if found else "—"


def _similarity_parts(c: Comparison, lang: str | None, width: int) -> Iterator[RenderableType]:
    yield _heading(t("rank_similarity", lang))
    rows = similarity_rows(c, lang)
    cells = [[label, str(s.n), *similarity_cells(s, lang)] for label, s in rows]
    keys = ("regions", "spearman", "kendall_tau_b", "weighted_spearman")
    columns = [Column("label", "", [row[0] for row in cells])]
    columns += [_number(k, t(k, lang), [row[n] for row in cells]) for n, k in enumerate(keys, 1)]
    yield fitted(columns, width)
    reasons = similarity_reasons(c, lang)
    if reasons:
        yield Text("\n".join(reasons))

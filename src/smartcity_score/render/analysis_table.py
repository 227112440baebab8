"""`sensitivity` and `compare` as tables for people (rich; called from render.table)."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.compare import Comparison
from smartcity_score.engine import TOTAL
from smartcity_score.escape import terminal, visible
from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    cohort_lines,
    comparison,
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
from smartcity_score.render.table import errors_and_warnings, print_parts


def _table(title: str | None = None) -> Table:
    return Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")


def _heading(line: str) -> Text:
    """A heading above a table: a table title would wrap to the table's width."""
    return Text(line, style="bold")


def sensitivity_table(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    title = (
        f"{t('sensitivity_title', lang)}: {terminal(text(criteria.title, lang))} "
        f"({criteria.id} {terminal(criteria.version)})"
    )
    table = _table(title)
    table.add_column(t("rank", lang), justify="right")
    table.add_column(t("region", lang), overflow="fold")
    table.add_column(t("total", lang), justify="right")
    table.add_column(t("selected", lang))
    table.add_column(t("median_rank", lang), justify="right")
    table.add_column(t("rank_interval", lang), justify="right")
    table.add_column(t("p_selected", lang), justify="right")
    last_selected = max((i for i, x in enumerate(r.regions) if x.placed.selected), default=-1)
    for i, item in enumerate(r.regions):
        placed = item.placed
        eligible = placed.outcome.eligible
        table.add_row(
            str(placed.rank),
            terminal(placed.outcome.name),
            f"{placed.outcome.total:.2f}",
            "✔" if placed.selected else ("" if eligible else t("not_eligible", lang)),
            rank_text(item.median_rank),
            f"{item.low_rank}–{item.high_rank}",
            percent(item.p_selected),
            style="bold" if placed.selected else (None if eligible else "dim"),
            end_section=i == last_selected,
        )
    parts: list[RenderableType] = [Text(visible(settings_text(r, lang)))]
    parts += [Text(visible(line)) for line in cohort_lines(r, lang)]
    parts.append(table)
    bubble = r.bubble
    if bubble:
        parts.append(_heading(t("bubble_heading", lang, count=len(bubble))))
        listing = _table()
        listing.add_column(t("region", lang), overflow="fold")
        listing.add_column(t("rank", lang), justify="right")
        listing.add_column(t("rank_interval", lang), justify="right")
        listing.add_column(t("p_selected", lang), justify="right")
        for item in bubble:
            listing.add_row(
                terminal(item.placed.outcome.name),
                str(item.placed.rank),
                f"{item.low_rank}–{item.high_rank}",
                percent(item.p_selected),
            )
        parts.append(listing)
    elif r.seats is not None:
        parts.append(Text(t("bubble_empty", lang) + "\n"))
    if r.drops:
        parts.append(_heading(t("drops_heading", lang)))
        drops = _table()
        drops.add_column(t("dimension", lang), overflow="fold")
        drops.add_column(t("changes", lang), justify="right")
        drops.add_column(t("enter", lang), overflow="fold")
        drops.add_column(t("leave", lang), overflow="fold")
        for drop in r.drops:
            drops.add_row(
                terminal(drop.dimension),
                str(drop.changed),
                terminal(", ".join(drop.entering)) or "—",
                terminal(", ".join(drop.leaving)) or "—",
            )
        parts.append(drops)
    parts.extend(errors_and_warnings(r.errors, r.warnings, lang))
    yield print_parts(parts, options)


def compare_table(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    lang = options.lang
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
        selection = _table()
        selection.add_column("")
        selection.add_column(t("region", lang), overflow="fold")
        selection.add_column(t("rank_old_new", lang), justify="right")
        selection.add_column(t("total_old_new", lang), justify="right")
        for region in changes:
            mark = (
                Text(f"+ {t('enters', lang)}", style="green")
                if region.enters
                else Text(f"- {t('leaves', lang)}", "red")
            )
            selection.add_row(mark, terminal(region.name), ranks_text(region), totals_text(region))
        parts.append(selection)
    if c.changed or c.added or c.removed:
        parts.append(_heading(t("scores_by_dimension", lang)))
        dims = _table()
        dims.add_column(t("dimension", lang), overflow="fold")
        dims.add_column(t("weight_old_new", lang), justify="right")
        dims.add_column(t("mean_change", lang), justify="right")
        dims.add_column(t("lowest", lang), justify="right", overflow="fold")
        dims.add_column(t("highest", lang), justify="right", overflow="fold")
        dims.add_column(t("regions_changed", lang), justify="right")
        for d in c.dimensions:
            weight = "" if d.id == TOTAL else f"{percent(d.old_share)} → {percent(d.new_share)}"
            low = f"{signed(d.lowest[0])} {terminal(d.lowest[1])}" if d.lowest else "—"
            high = f"{signed(d.highest[0])} {terminal(d.highest[1])}" if d.highest else "—"
            dims.add_row(d.id, weight, signed(d.mean), low, high, str(d.regions_changed))
        parts.append(dims)
    parts.extend(_similarity_parts(c, lang))
    moves = c.moves
    if moves:
        parts.append(_heading(t("rank_changes", lang, count=len(moves))))
        ranks = _table()
        ranks.add_column(t("region", lang), overflow="fold")
        ranks.add_column(t("rank_old_new", lang), justify="right")
        ranks.add_column(t("change", lang), justify="right")
        ranks.add_column(t("total_old_new", lang), justify="right")
        for region in moves:
            ranks.add_row(
                terminal(region.name),
                ranks_text(region),
                f"{region.rank_change:+d}",
                totals_text(region),
            )
        parts.append(ranks)
    parts.extend(errors_and_warnings(c.errors, c.warnings, lang))
    yield print_parts(parts, options)


def _similarity_parts(c: Comparison, lang: str | None) -> Iterator[RenderableType]:
    yield _heading(t("rank_similarity", lang))
    coefficients = _table()
    coefficients.add_column("")
    for key in ("regions", "spearman", "kendall_tau_b", "weighted_spearman"):
        coefficients.add_column(t(key, lang), justify="right")
    for label, s in similarity_rows(c, lang):
        coefficients.add_row(label, str(s.n), *similarity_cells(s))
    yield coefficients
    reasons = similarity_reasons(c, lang)
    if reasons:
        yield Text("\n".join(reasons))

"""`sensitivity` and `compare` as tables for people (rich; called from render.table)."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.engine import TOTAL
from smartcity_score.models import text
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    comparison,
    percent,
    rank_text,
    ranks_text,
    sensitivity_report,
    settings_text,
    signed,
    totals_text,
)
from smartcity_score.render.table import _errors_and_warnings, _print


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
        f"Sensitivity of the selection: {text(criteria.title, lang)} "
        f"({criteria.id} {criteria.version})"
    )
    table = _table(title)
    table.add_column("Rank", justify="right")
    table.add_column("Region", overflow="fold")
    table.add_column("Total", justify="right")
    table.add_column("Selected")
    table.add_column("Median rank", justify="right")
    table.add_column("Rank 5–95%", justify="right")
    table.add_column("P(selected)", justify="right")
    last_selected = max((i for i, x in enumerate(r.regions) if x.placed.selected), default=-1)
    for i, item in enumerate(r.regions):
        placed = item.placed
        eligible = placed.outcome.eligible
        table.add_row(
            str(placed.rank),
            placed.outcome.name,
            f"{placed.outcome.total:.2f}",
            "✔" if placed.selected else ("" if eligible else "not eligible"),
            rank_text(item.median_rank),
            f"{item.low_rank}–{item.high_rank}",
            percent(item.p_selected),
            style="bold" if placed.selected else (None if eligible else "dim"),
            end_section=i == last_selected,
        )
    parts: list[RenderableType] = [Text(settings_text(r)), table]
    bubble = r.bubble
    if bubble:
        parts.append(_heading(f"The bubble: {len(bubble)} region(s) selected only sometimes"))
        listing = _table()
        listing.add_column("Region", overflow="fold")
        listing.add_column("Rank", justify="right")
        listing.add_column("Rank 5–95%", justify="right")
        listing.add_column("P(selected)", justify="right")
        for item in bubble:
            listing.add_row(
                item.placed.outcome.name,
                str(item.placed.rank),
                f"{item.low_rank}–{item.high_rank}",
                percent(item.p_selected),
            )
        parts.append(listing)
    elif r.seats is not None:
        parts.append(Text("The bubble is empty: every P(selected) is 0 or 1.\n"))
    if r.drops:
        parts.append(_heading("One dimension left out (the others' weights renormalised)"))
        drops = _table()
        drops.add_column("Dimension", overflow="fold")
        drops.add_column("Changes", justify="right")
        drops.add_column("Enter", overflow="fold")
        drops.add_column("Leave", overflow="fold")
        for drop in r.drops:
            drops.add_row(
                drop.dimension,
                str(drop.changed),
                ", ".join(drop.entering) or "—",
                ", ".join(drop.leaving) or "—",
            )
        parts.append(drops)
    parts.extend(_errors_and_warnings(r.errors, r.warnings, lang))
    yield _print(parts, options)


def compare_table(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    old, new = c.old.criteria, c.new.criteria
    head = Text()
    head.append("Criteria change: ", style="bold")
    head.append(
        f"{old.id} {old.version} ({c.old_label}) → {new.id} {new.version} ({c.new_label})\n"
    )
    head.append(c.summary + "\n")
    parts: list[RenderableType] = [head]
    changes = [*c.entering, *c.leaving]
    if changes:
        parts.append(_heading("Selection"))
        selection = _table()
        selection.add_column("")
        selection.add_column("Region", overflow="fold")
        selection.add_column("Rank (old → new)", justify="right")
        selection.add_column("Total (old → new)", justify="right")
        for region in changes:
            mark = Text("+ enters", style="green") if region.enters else Text("- leaves", "red")
            selection.add_row(mark, region.name, ranks_text(region), totals_text(region))
        parts.append(selection)
    if c.changed or c.added or c.removed:
        parts.append(_heading("Scores by dimension"))
        dims = _table()
        dims.add_column("Dimension", overflow="fold")
        dims.add_column("Weight (old → new)", justify="right")
        dims.add_column("Mean change", justify="right")
        dims.add_column("Lowest", justify="right", overflow="fold")
        dims.add_column("Highest", justify="right", overflow="fold")
        dims.add_column("Regions changed", justify="right")
        for d in c.dimensions:
            weight = "" if d.id == TOTAL else f"{percent(d.old_share)} → {percent(d.new_share)}"
            low = f"{signed(d.lowest[0])} {d.lowest[1]}" if d.lowest else "—"
            high = f"{signed(d.highest[0])} {d.highest[1]}" if d.highest else "—"
            dims.add_row(d.id, weight, signed(d.mean), low, high, str(d.regions_changed))
        parts.append(dims)
    moves = c.moves
    if moves:
        parts.append(_heading(f"Rank changes ({len(moves)}), largest first"))
        ranks = _table()
        ranks.add_column("Region", overflow="fold")
        ranks.add_column("Rank (old → new)", justify="right")
        ranks.add_column("Change", justify="right")
        ranks.add_column("Total (old → new)", justify="right")
        for region in moves:
            ranks.add_row(
                region.name, ranks_text(region), f"{region.rank_change:+d}", totals_text(region)
            )
        parts.append(ranks)
    parts.extend(_errors_and_warnings(c.errors, c.warnings, options.lang))
    yield _print(parts, options)

"""`sensitivity` and `compare` as JSON, CSV, Markdown and GitHub annotations.

The registry modules (json_, csv_, markdown, github) expose thin `sensitivity`
and `compare` functions that call these.
"""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.engine import TOTAL
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    comparison,
    comparison_entries,
    comparison_head,
    comparison_tail,
    percent,
    rank_text,
    ranks_text,
    sensitivity_entry,
    sensitivity_report,
    sensitivity_tail,
    settings_dict,
    settings_text,
    signed,
    totals_text,
)
from smartcity_score.render.csv_ import _rows
from smartcity_score.render.github import _escape_data, _escape_property
from smartcity_score.render.json_ import document
from smartcity_score.render.markdown import cell, header, row
from smartcity_score.report import criteria_dict
from smartcity_score.sensitivity import RegionSensitivity


def sensitivity_json(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    head = {"criteria": criteria_dict(r.loaded), "settings": settings_dict(r)}
    return document(head, (sensitivity_entry(item) for item in r.regions), sensitivity_tail(r))


def sensitivity_csv(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)

    def rows() -> Iterator[list[object]]:
        yield [
            "rank",
            "region_id",
            "name",
            "kind",
            "province",
            "file",
            "score",
            "eligible",
            "selected",
            "median_rank",
            "rank_p5",
            "rank_p95",
            "p_selected",
        ]
        for item in r.regions:
            entry = sensitivity_entry(item)
            region = entry["region"]
            yield [
                entry["rank"],
                region["id"],
                region["name"],
                region["kind"] or "",
                region["province"] or "",
                entry["file"],
                entry["score"],
                entry["eligible"],
                entry["selected"],
                entry["median_rank"],
                item.low_rank,
                item.high_rank,
                entry["p_selected"],
            ]

    return _rows(rows())


def sensitivity_markdown(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    criteria = r.loaded.criteria
    yield f"## Sensitivity of the selection: {cell(text(criteria.title, options.lang))}\n\n"
    yield (
        f"Criteria: `{criteria.id}` {criteria.version} (sha256 `{r.loaded.sha256[:12]}…`). "
        f"{settings_text(r)}.\n\n"
    )
    names = ["Region", "Rank", "Median rank", "Rank 5–95%", "P(selected)"]
    bubble = r.bubble
    yield "### The bubble\n\n"
    if not bubble:
        yield "No region's selection depends on the weights: every P(selected) is 0 or 1.\n"
    else:
        yield f"{len(bubble)} region(s) are selected under some weightings and not others.\n\n"
        yield header(names, {1, 2, 3, 4})
        for item in bubble:
            yield row(_sensitivity_cells(item))
    if r.drops:
        yield "\n### One dimension left out\n\n"
        yield header(["Dimension left out", "Seats that change", "Enter", "Leave"], {1})
        for drop in r.drops:
            enter = ", ".join(drop.entering) or "—"
            leave = ", ".join(drop.leaving) or "—"
            yield row([f"`{drop.dimension}`", drop.changed, enter, leave])
    yield "\n### Every region\n\n"
    yield header(["Rank", "Region", "Total", "Selected", *names[2:]], {0, 2, 4, 5, 6})
    for item in r.regions:
        values = _sensitivity_cells(item)
        placed = item.placed
        selected = "✔" if placed.selected else ("" if placed.outcome.eligible else "not eligible")
        yield row([placed.rank, values[0], f"{placed.outcome.total:.2f}", selected, *values[2:]])
    yield from _notes(r.errors, r.warnings)


def _sensitivity_cells(item: RegionSensitivity) -> list[object]:
    return [
        item.placed.outcome.name,
        item.placed.rank,
        rank_text(item.median_rank),
        f"{item.low_rank}–{item.high_rank}",
        percent(item.p_selected),
    ]


def _notes(errors: list[Problem], warnings: list[str]) -> Iterator[str]:
    if errors:
        yield "\n### Invalid files\n\n"
        for problem in errors:
            yield f"- {cell(problem)}\n"
    if warnings:
        yield "\n### Warnings\n\n"
        for warning in warnings:
            yield f"- {cell(warning)}\n"


def compare_json(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    return document(comparison_head(c), comparison_entries(c), comparison_tail(c))


def compare_markdown(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    old, new = c.old.criteria, c.new.criteria
    yield "## Criteria change: who is selected\n\n"
    yield (
        f"**Old:** `{old.id}` {cell(old.version)} (`{cell(c.old_label)}`) · "
        f"**New:** `{new.id}` {cell(new.version)} (`{cell(c.new_label)}`)\n\n"
    )
    yield f"{cell(c.summary)}\n"
    changes = [*c.entering, *c.leaving]
    if changes:
        yield "\n### Selection\n\n"
        yield header(["", "Region", "Rank (old → new)", "Total (old → new)"], {2, 3})
        for region in changes:
            mark = "➕ enters" if region.enters else "➖ leaves"
            yield row([mark, region.name, ranks_text(region), totals_text(region)])
    if c.changed or c.added or c.removed:
        yield "\n### Scores by dimension\n\n"
        yield header(
            ["Dimension", "Weight (old → new)", "Mean change", "Lowest", "Highest", "Regions"],
            {2, 3, 4, 5},
        )
        for d in c.dimensions:
            weight = "" if d.id == TOTAL else f"{percent(d.old_share)} → {percent(d.new_share)}"
            low = f"{signed(d.lowest[0])} ({d.lowest[1]})" if d.lowest else "—"
            high = f"{signed(d.highest[0])} ({d.highest[1]})" if d.highest else "—"
            name = "**total**" if d.id == TOTAL else f"`{d.id}`"
            yield row([name, weight, signed(d.mean), low, high, d.regions_changed])
        if c.added or c.removed:
            added = ", ".join(f"`{d}`" for d in c.added) or "—"
            removed = ", ".join(f"`{d}`" for d in c.removed) or "—"
            yield f"\nDimensions added: {added}; removed: {removed}.\n"
    moves = c.moves
    if moves:
        yield f"\n<details><summary>{len(moves)} region(s) change rank</summary>\n\n"
        yield header(["Region", "Rank (old → new)", "Change", "Total (old → new)"], {1, 2, 3})
        for region in moves:
            yield row(
                [region.name, ranks_text(region), f"{region.rank_change:+d}", totals_text(region)]
            )
        yield "\n</details>\n"
    yield from _notes(c.errors, c.warnings)


def compare_github(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    for region in [*c.entering, *c.leaving]:
        title = "Enters the selection" if region.enters else "Leaves the selection"
        message = f"{region.name} ({region.region_id}): rank {ranks_text(region)}"
        message += f", total {totals_text(region)}"
        yield f"::notice title={_escape_property(title)}::{_escape_data(message)}\n"
    yield f"::notice title=Criteria comparison::{_escape_data(c.summary)}\n"

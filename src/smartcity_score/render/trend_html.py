"""`trend` as one self-contained HTML page: each region's totals drawn as a small line chart.

The chart geometry is computed here as plain numbers; the template draws it, so every
text from an input (region names, round labels, messages) passes through autoescaping.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from smartcity_score.i18n import number_text
from smartcity_score.models import text
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.render.html_page import _page
from smartcity_score.render.trend_text import (
    change_texts,
    move_lines,
    note,
    round_lines,
    trend_report,
)
from smartcity_score.report import criteria_dict

# The chart of one region, in a box this size: the rounds across, and the totals up on one
# scale for every region (the report's lowest to highest total, widened to tens), so that
# a change of a few points shows and two regions' charts compare at a glance.
WIDTH, HEIGHT, PAD = 160, 36, 5.0


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    tip: str


@dataclass(frozen=True, slots=True)
class Spark:
    """A region's totals per round: the lines join consecutive rounds it is in."""

    lines: list[str]  # polyline points, one per run of rounds the region is in
    dots: list[Dot]
    grid: list[float]  # y of the scale's bottom and top


def scale(totals: Sequence[float]) -> tuple[float, float]:
    """The totals' range widened to whole tens (at least ten wide), within 0-100."""
    low = math.floor(min(totals, default=0.0) / 10) * 10
    high = math.ceil(max(totals, default=100.0) / 10) * 10
    return max(0.0, min(low, high - 10.0)), min(100.0, max(high, low + 10.0))


def spark(
    points: Sequence[Placed | None],
    labels: Sequence[str],
    low: float,
    high: float,
    lang: str | None = None,
) -> Spark:
    """The geometry of one region's chart on the scale `low`-`high`; a round it is not
    in leaves a gap in its line."""
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)

    def y_of(total: float) -> float:
        share = (max(low, min(high, total)) - low) / (high - low)
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * share, 2)

    lines: list[str] = []
    run: list[str] = []
    dots: list[Dot] = []
    for i, (placed, label) in enumerate(zip(points, labels, strict=True)):
        if placed is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
            continue
        x, y = round(PAD + i * step, 2), y_of(placed.outcome.total)
        run.append(f"{x},{y}")
        dots.append(
            Dot(x, y, f"{label}: {number_text(placed.outcome.total, lang)} (#{placed.rank})")
        )
    if len(run) > 1:
        lines.append(" ".join(run))
    return Spark(lines, dots, [y_of(low), y_of(high)])


def trend_html(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    low, high = scale([p.outcome.total for x in r.regions for p in x.points if p is not None])
    rows = [
        {
            "name": region.name,
            "id": region.region_id,
            "points": region.points,
            "changes": change_texts(region, lang),
            "note": note(r, region, lang),
            "spark": spark(region.points, r.labels, low, high, lang),
        }
        for region in r.regions
    ]
    return _page(
        "trend.html.j2",
        lang,
        title=text(criteria.title, lang),
        criteria=criteria_dict(r.loaded),
        labels=r.labels,
        round_lines=round_lines(r, lang),
        moves=list(move_lines(r, lang)),
        rows=rows,
        levels={level.id: text(level.label, lang) for level in criteria.levels},
        width=WIDTH,
        height=HEIGHT,
        scale=(f"{low:.0f}", f"{high:.0f}"),
        errors=r.errors,
        warnings=r.warnings,
    )

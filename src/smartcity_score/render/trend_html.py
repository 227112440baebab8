"""`trend` as one self-contained HTML page: each region's totals drawn as a small line chart.

The chart geometry is computed here as plain numbers; the template draws it, so every
text from an input (region names, round labels, messages) passes through autoescaping.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from smartcity_score.models import text
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import number_text
from smartcity_score.render.html import _page
from smartcity_score.render.trend_text import (
    change_texts,
    move_lines,
    note,
    round_lines,
    trend_report,
)
from smartcity_score.report import criteria_dict

# The chart of one region: a 0-100 scale over the rounds, in a box this size.
WIDTH, HEIGHT, PAD = 160.0, 48.0, 6.0


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
    grid: list[float]  # y of 0, 50 and 100


def spark(points: Sequence[Placed | None], labels: Sequence[str]) -> Spark:
    """The geometry of one region's chart; a round it is not in leaves a gap."""
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)

    def y_of(total: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0.0, min(100.0, total)) / 100, 2)

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
        dots.append(Dot(x, y, f"{label}: {number_text(placed.outcome.total)} (#{placed.rank})"))
    if len(run) > 1:
        lines.append(" ".join(run))
    return Spark(lines, dots, [y_of(v) for v in (0.0, 50.0, 100.0)])


def trend_html(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    rows = [
        {
            "name": region.name,
            "id": region.region_id,
            "points": region.points,
            "changes": change_texts(region),
            "note": note(r, region, lang),
            "spark": spark(region.points, r.labels),
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
        errors=r.errors,
        warnings=r.warnings,
    )

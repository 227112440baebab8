"""Self-contained HTML: a ranking report with a bar chart, and score cards with a radar.

Each report is one file with its CSS, script and SVG charts inline: it opens without
network access, reads well on a laptop and prints on A4. The chart geometry is computed
here as plain numbers and drawn by the Jinja2 templates, so every text that comes from
an input file (region names, provinces, evidence, messages) passes through autoescaping.

The same inputs give byte-identical output: no clock is read. A date appears only when
the `SOURCE_DATE_EPOCH` environment variable is set (the reproducible-builds convention).
"""

from __future__ import annotations

import math
import statistics
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from smartcity_score.explain import Card
from smartcity_score.models import Criteria, text
from smartcity_score.problems import worded
from smartcity_score.render import Options
from smartcity_score.render.html_page import (
    _page,
    _score,
    label,
    label_with,
)
from smartcity_score.report import (
    AssessReport,
    RankReport,
    agreement_lines,
    cohort_line,
    criteria_dict,
    number,
    panel_lists,
    panel_moves,
    published_name,
    rank_dicts,
)

RINGS = (25, 50, 75, 100)
# Above this many regions the ranking chart draws one curve instead of one bar each.
MAX_BARS = 300
# Rows of the ranking table shown at a time. The rows after the first page are written
# inside a <template>: parsed but never laid out or painted, so a page of 10,000 regions
# opens in about a fifth of the time; the script pages through all of them.
PAGE_ROWS = 100

# Labels this renderer needs that `i18n` does not hold (yet): key -> (English, Indonesian).


# --- ranking report -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    status: str  # selected | out | ineligible
    tip: str


@dataclass(frozen=True, slots=True)
class RankChart:
    """The totals in rank order: one bar per region, or one curve when there are many."""

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    bars: list[Bar]
    curve: str | None  # polygon points of the area under the totals (many regions)
    rug: list[float]  # x of ineligible regions under the curve (many regions)
    cut_x: float | None
    cut_score: float | None
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]


def rank_chart(entries: Sequence[dict[str, Any]], lang: str | None) -> RankChart:
    """Geometry of the totals chart in a 960 x 300 box; `entries` are in rank order."""
    left, top, right, bottom = 44.0, 26.0, 936.0, 262.0
    slot = (right - left) / max(1, len(entries))

    def y_of(score: float | None) -> float:
        return round(bottom - (bottom - top) * (score or 0.0) / 100, 2)

    statuses = [_status(e) for e in entries]
    bars: list[Bar] = []
    curve: str | None = None
    rug: list[float] = []
    if len(entries) <= MAX_BARS:
        gap = min(2.0, slot * 0.2)
        for i, (entry, status) in enumerate(zip(entries, statuses, strict=True)):
            y = y_of(entry["score"])
            x = round(left + i * slot + gap / 2, 2)
            tip = f"{entry['rank']}. {entry['region']['name']}: {_score(entry['score'], lang)}"
            if status != "selected":
                tip += f" ({label(_STATUS_LABEL[status], lang)})"
            bars.append(Bar(x, y, round(slot - gap, 2), round(bottom - y, 2), status, tip))
    else:
        # A polygon of at most ~600 points: the totals fall monotonically, so sampling
        # every n-th region loses nothing a reader could see at this size.
        step = max(1, len(entries) // 600)
        picked = [*range(0, len(entries), step), len(entries) - 1]
        centres = [(round(left + (i + 0.5) * slot, 2), y_of(entries[i]["score"])) for i in picked]
        points = [(left, bottom), *centres, (right, bottom)]
        curve = " ".join(f"{x},{y}" for x, y in points)
        ineligible = (i for i, status in enumerate(statuses) if status == "ineligible")
        rug = sorted({round(left + (i + 0.5) * slot, 1) for i in ineligible})
    last = max((i for i, e in enumerate(entries) if e["selected"]), default=None)
    return RankChart(
        width=960,
        height=300,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=bars,
        curve=curve,
        rug=rug,
        cut_x=None if last is None else round(left + (last + 1) * slot, 2),
        cut_score=None if last is None else entries[last]["score"],
        y_ticks=[(y_of(v), str(v)) for v in range(0, 101, 25)],
        x_ticks=[(round(left + (i - 0.5) * slot, 2), str(i)) for i in _rank_ticks(len(entries))],
    )


_STATUS_LABEL = {"selected": "selected", "out": "not_selected", "ineligible": "ineligible"}


def _status(entry: dict[str, Any]) -> str:
    if entry["selected"]:
        return "selected"
    return "out" if entry["eligible"] else "ineligible"


def _rank_ticks(count: int) -> list[int]:
    """Rank 1, then every 1, 2 or 5 times a power of ten, so that at most a dozen labels show."""
    steps = [m * 10**e for e in range(8) for m in (1, 2, 5)]
    step = next((s for s in steps if count / s <= 12), steps[-1])
    return sorted({1, *range(step, count + 1, step)}) if count else []


def rank(report: RankReport, options: Options) -> Iterator[str]:
    """The ranking as one HTML page: summary, chart with the cut, sortable table, problems."""
    lang = options.lang
    criteria = report.loaded.criteria
    entries = list(rank_dicts(report))
    selected = sum(1 for e in entries if e["selected"])
    summary = [
        ("applicants", report.files),
        ("valid", len(entries)),
        ("invalid", report.invalid_regions),
        ("eligible", sum(1 for e in entries if e["eligible"])),
        ("selected", selected),
    ]
    last = max((i for i, e in enumerate(entries) if e["selected"]), default=-1)
    return _page(
        "rank.html.j2",
        lang,
        title=text(criteria.title, lang),
        criteria=criteria_dict(report.loaded),
        cohort=cohort_line(report.loaded.cohort, lang),
        summary=summary,
        chart=rank_chart(entries, lang),
        entries=entries,
        cut_index=last,
        page_rows=PAGE_ROWS,
        first_rows=label_with("first_rows", lang, shown=PAGE_ROWS, count=len(entries)),
        dimensions=_dimensions(criteria, lang),
        levels={level.id: text(level.label, lang) for level in criteria.levels},
        selected_by=lambda value: _selected_by(value, lang),
        group_by=report.group_by,
        errors=worded(report.errors, lang),
        warnings=report.warnings,
        panel=_panel(report, lang),
        published_name=published_name(report.loaded, lang),
        published=criteria.published,  # its `shown(total)` writes a cell
    )


@dataclass(frozen=True, slots=True)
class Dumbbell:
    """One region of the claimed → verified chart: its name and the two totals' x."""

    name: str
    y: float
    claimed_x: float
    verified_x: float
    tip: str


@dataclass(frozen=True, slots=True)
class PanelChart:
    width: int
    height: int
    left: float
    right: float
    rows: list[Dumbbell]
    x_ticks: list[tuple[float, str]]


MAX_DUMBBELLS = 40


def panel_chart(report: RankReport, lang: str | None) -> PanelChart:
    """Claimed and verified totals of the regions the panel moved most, on one 0–100 axis."""
    left, right, row = 250.0, 936.0, 18.0
    moved = panel_moves(report, limit=MAX_DUMBBELLS)

    def x_of(score: float) -> float:
        return round(left + (right - left) * max(0.0, min(score, 100.0)) / 100, 2)

    rows = [
        Dumbbell(
            name,
            round(24 + i * row, 2),
            x_of(claimed),
            x_of(verified),
            f"{name}: {label('self_score', lang)} {_score(claimed, lang)} → "
            f"{label('verified_score', lang)} {_score(verified, lang)}",
        )
        for i, (name, claimed, verified, _) in enumerate(moved)
    ]
    height = int(24 + len(rows) * row + 24)
    ticks = [(x_of(v), str(v)) for v in range(0, 101, 25)]
    return PanelChart(960, height, left, right, rows, ticks)


def _panel(report: RankReport, lang: str | None) -> dict[str, Any] | None:
    """The panel section of the ranking report, or None without reviews."""
    if report.panel is None:
        return None
    lists = panel_lists(report, lang)
    moves = panel_moves(report, limit=MAX_DUMBBELLS)
    return {
        "lists": lists,
        "chart": panel_chart(report, lang),
        "moves": moves,
        "agreement": agreement_lines(report.panel.agreement, lang),
        "claimed": {
            file: verification.claimed.total for file, verification in report.panel.by_file.items()
        },
    }


def _dimensions(criteria: Criteria, lang: str | None) -> list[tuple[str, str]]:
    return [(group.id, text(group.title, lang)) for group in criteria.dimensions]


def _selected_by(value: str | None, lang: str | None) -> str:
    if value is None:
        return ""
    if value == "merit":
        return label("merit", lang)
    return f"{label('quota', lang)} {value.split(':', 1)[-1]}"


# --- score cards --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spoke:
    title: str
    lines: list[str]
    end: tuple[float, float]  # where the 100 ring meets this axis
    at: tuple[float, float]  # label position
    anchor: str


@dataclass(frozen=True, slots=True)
class Radar:
    width: int
    center: tuple[float, float]
    scale_x: float  # the radial scale beside the chart, with one tick per ring
    ticks: list[tuple[float, str]]  # y of each ring's value on that scale
    rings: list[str]
    spokes: list[Spoke]
    region: str
    dots: list[tuple[float, float]]
    median: str | None


@dataclass(frozen=True, slots=True)
class DimensionLine:
    id: str
    title: str
    score: float | None
    median: float | None
    weight: float


def medians(cards: Sequence[Card], criteria: Criteria) -> dict[str, float] | None:
    """Median score of each dimension over the regions assessed together (None for one region).

    `assess` does not rank or select, so a card cannot be compared with a selected group;
    the fairest peer group it has is the set of regions assessed in the same run. A single
    region is drawn against the full 0–100 scale only. Missing scores are left out.
    """
    if len(cards) < 2:
        return None
    found: dict[str, float] = {}
    for group in criteria.dimensions:
        values = [v for c in cards if (v := c.scores.nodes.get(group.id)) is not None]
        if values:
            found[group.id] = statistics.median(values)
    return found


def radar(lines: Sequence[DimensionLine], with_median: bool) -> Radar:
    """A radar of 3+ dimensions in a 700 x 420 box; 0 at the centre, 100 at the outer ring.

    The rings' values are written on a scale in the left margin, as tall as the radius,
    not on the rings themselves: anywhere inside the outer ring a region's polygon or the
    median may pass, and a value under them cannot be read (issue 15, point 10).
    """
    cx, cy, radius = 380.0, 210.0, 150.0
    angles = [-math.pi / 2 + 2 * math.pi * i / len(lines) for i in range(len(lines))]

    def point(angle: float, score: float | None, extra: float = 0.0) -> tuple[float, float]:
        r = radius * (score or 0.0) / 100 + extra
        return round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)

    def polygon(scores: Sequence[float | None]) -> str:
        pairs = zip(angles, scores, strict=True)
        return " ".join(f"{x},{y}" for x, y in (point(a, s) for a, s in pairs))

    spokes = []
    for line, angle in zip(lines, angles, strict=True):
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        wrapped = textwrap.wrap(line.title, 20)[:3] or [line.id]
        x, y = point(angle, 100, 12)
        if sin < -0.3:  # above the chart: the last line sits just over the ring
            y -= 14 * (len(wrapped) - 1) + 2
        elif sin > 0.3:  # below: the first line hangs under the ring
            y += 12
        else:  # beside: centred on the spoke
            y += 4 - 7 * (len(wrapped) - 1)
        spokes.append(Spoke(line.title, wrapped, point(angle, 100), (x, round(y, 2)), anchor))
    region = [line.score for line in lines]
    return Radar(
        width=700,
        center=(cx, cy),
        scale_x=44.0,
        ticks=[(round(cy - radius * v / 100, 2), str(v)) for v in (0, *RINGS)],
        rings=[polygon([level] * len(lines)) for level in RINGS],
        spokes=spokes,
        region=polygon(region),
        dots=[point(a, s) for a, s in zip(angles, region, strict=True)],
        median=polygon([line.median for line in lines]) if with_median else None,
    )


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    """A score card per region: chart of dimensions, gates, biggest gains, missing answers."""
    lang = options.lang
    criteria = report.loaded.criteria
    middle = medians(report.cards, criteria)
    cards = [_card_context(card, criteria, middle, lang) for card in report.cards]
    return _page(
        "assess.html.j2",
        lang,
        title=text(criteria.title, lang),
        criteria=criteria_dict(report.loaded),
        cohort=cohort_line(report.loaded.cohort, lang),
        cards=cards,
        with_median=middle is not None,
        errors=worded(report.errors, lang),
        warnings=report.warnings,
    )


def _card_context(
    card: Card, criteria: Criteria, middle: dict[str, float] | None, lang: str | None
) -> dict[str, Any]:
    top = {group.id: group for group in card.groups if group.depth == 0}
    lines = [
        DimensionLine(
            group.id,
            text(group.title, lang),
            card.scores.nodes.get(group.id),
            None if middle is None else middle.get(group.id),
            top[group.id].weight if group.id in top else 0.0,
        )
        for group in criteria.dimensions
    ]
    questions = {line.id: line.question for g in card.groups for line in g.indicators}
    best = max((gain.points for gain in card.gains), default=0.0)
    return {
        "card": card,
        "info": card.region.info,
        "total": number(card.scores.total),
        "level": text(card.level.label, lang) if card.level else None,
        "lines": lines,
        "radar": radar(lines, middle is not None) if len(lines) >= 3 else None,
        "failed": [gate for gate in card.gates if not gate.passed],
        "missing": [(m, questions.get(m, "")) for m in card.missing],
        "gain_share": [100 * g.points / best if best > 0 else 0.0 for g in card.gains],
    }


def trend(report: object, options: Options) -> Iterator[str]:
    """`trend` (issue 14): a line chart per region; laid out in render.trend_html."""
    from smartcity_score.render.trend_html import trend_html

    return trend_html(report, options)


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare`: the selection's changes with their reasons; laid out in render.compare_html."""
    from smartcity_score.render.compare_html import compare_html

    return compare_html(report, options)

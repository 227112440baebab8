"""`trend` as a table for people (rich; called from render.table).

Numbers are never cut: their columns keep their full width, and when the table is too
wide for the terminal the level columns go first (the other formats keep them), then
names and notes wrap at their spaces, never inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.console import RenderableType
from rich.text import Text

from smartcity_score.escape import terminal, visible
from smartcity_score.i18n import number_text, t
from smartcity_score.models import text
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.render.layout import Column, fitted, plan
from smartcity_score.render.terminal import errors_and_warnings, print_parts
from smartcity_score.render.trend_text import (
    change_texts,
    move_lines,
    note,
    round_lines,
    trend_report,
)
from smartcity_score.report import level_label
from smartcity_score.trend import Trend

# The key of a round's level column: those columns go first when the table is too wide.
LEVEL = "level"


def _columns(report: Trend, lang: str | None) -> list[Column]:
    regions = report.regions
    columns = [Column("region", t("region", lang), [terminal(r.name) for r in regions])]
    for i, label in enumerate(report.labels):
        points = [r.points[i] for r in regions]
        cells = [_rank_and_total(p, lang) for p in points]
        width = max(len(c) for c in cells) if cells else 1
        columns.append(Column(f"round {i}", _wrapped(terminal(label), width), cells, number=True))
        levels = [
            "" if p is None else terminal(level_label(report.loaded, p.outcome.level, lang))
            for p in points
        ]
        head = _wrapped(f"{terminal(label)} {t('level', lang)}", 10)
        columns.append(Column(LEVEL, head, levels, whole=True))
    changes = [change_texts(r, lang) for r in regions]
    rank_head, total_head = _two_lines(t("rank_change", lang)), _two_lines(t("total_change", lang))
    columns.append(Column("rank change", rank_head, [c[0] for c in changes], number=True))
    columns.append(Column("total change", total_head, [c[1] for c in changes], number=True))
    columns.append(
        Column("note", t("note", lang), [terminal(note(report, r, lang)) for r in regions])
    )
    return columns


def _rank_and_total(placed: Placed | None, lang: str | None) -> str:
    """`12 ✔ · 80.25` (✔: selected in that round), or — when the round has no valid file."""
    if placed is None:
        return "—"
    mark = " ✔" if placed.selected else ""
    return f"{placed.rank}{mark} · {number_text(placed.outcome.total, lang)}"


def _wrapped(header: str, width: int) -> str:
    """A header over as many lines as it takes to stay within its column of numbers,
    broken at spaces or after a hyphen (`applicants-` / `2022`), never inside a word."""
    width = max(width, 4)
    lines: list[str] = []
    for word in header.split():
        for k, piece in enumerate(re.findall(r"[^-]+-*|-+", word)):
            glue = "" if k else " "
            if lines and len(lines[-1]) + len(glue) + len(piece) <= width:
                lines[-1] += glue + piece
            else:
                lines.append(piece)
    return "\n".join(lines) or header


def _two_lines(header: str) -> str:
    """A long header over two lines, so that it does not widen a column of short numbers."""
    first, _, rest = header.partition(" ")
    return f"{first}\n{rest}" if rest else first


def _fits(columns: list[Column], width: int) -> bool:
    return plan(columns, width) is not None


def _fits_unwrapped(columns: list[Column], width: int) -> bool:
    """Whether every cell, names and notes included, fits on one line."""
    found = plan(columns, width)
    return found is not None and all(
        w >= c.widest for w, c in zip(found.widths, found.columns, strict=True)
    )


def _pieces(columns: list[Column], width: int) -> list[list[Column]]:
    """The table cut into tables that each fit `width`, as a wide table is printed on
    pages: each starts with the regions, then as many rounds as fit; the changes and the
    note come with the last rounds, or on their own when they do not fit beside them."""
    region, rounds, tail = columns[0], columns[1:-3], columns[-3:]
    if _fits(columns, width):
        return [columns]
    pieces: list[list[Column]] = []
    current: list[Column] = []
    for column in rounds:
        if current and not _fits([region, *current, column], width):
            pieces.append(current)
            current = []
        current.append(column)
    if _fits([region, *current, *tail], width):
        pieces.append([*current, *tail])
    else:
        pieces += [current, tail]
    return [[region, *piece] for piece in pieces]


def trend_table(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    head = Text()
    head.append(f"{t('trend_title', lang)}: ", style="bold")
    head.append(visible(f"{text(criteria.title, lang)} ({criteria.id} {criteria.version})") + "\n")
    labels = " → ".join(r.labels)
    count, rounds = len(r.regions), len(r.rounds)
    head.append(visible(t("trend_head", lang, count=count, rounds=rounds, labels=labels)))
    for line in round_lines(r, lang):
        head.append("\n  " + visible(line))
    parts: list[RenderableType] = [head]
    columns = _columns(r, lang)
    legend = t("trend_cells", lang)
    if not _fits_unwrapped(columns, options.width):  # levels go before a note wraps
        columns = [c for c in columns if c.key != LEVEL]
        legend += " " + t("trend_levels_hidden", lang)
    parts.append(Text(visible(legend), style="dim"))
    parts.extend(fitted(piece, options.width) for piece in _pieces(columns, options.width))
    parts.append(Text(t("moved_most", lang), style="bold"))
    for heading, line in move_lines(r, lang):
        parts.append(Text(visible(f"  {heading}: {line}")))
    parts.extend(errors_and_warnings(r.errors, r.warnings, lang, options.width))
    yield print_parts(parts, options)

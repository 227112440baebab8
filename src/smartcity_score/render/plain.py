"""A score card as parts that either rich or plain string work can draw (issue 16).

`assess` of one region is a command people run again and again, and drawing its card with
rich costs more than all the scoring: importing rich's console and tables, then laying
them out. The card is built of three kinds of part (paragraphs, a planned table and a
titled two-column listing), and when the output has no colour, `draw` writes them as
the very characters rich would, without importing it. Whatever it cannot write exactly
as rich would (a line to wrap, a cell wider than its column) makes `draw` give up, and the
card goes to rich (`to_rich`) as before: tests compare the two on every example card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len  # rich's own measure of a character's width: one module

from smartcity_score.render.layout import Plan, overhead

if TYPE_CHECKING:
    from rich.console import RenderableType


# NamedTuples, not dataclasses: a cold `assess` would spend more defining them than using them.
class Para(NamedTuple):
    """Lines of text, each piece in a style of its own (rich's `Text` with appends)."""

    pieces: tuple[tuple[str, str], ...]
    style: str = ""

    @classmethod
    def of(cls, value: str, style: str = "") -> Para:
        return cls(((value, ""),), style)


class Grid(NamedTuple):
    """A table whose column widths a `Plan` fixed; each cell plain text in its style."""

    plan: Plan
    rows: tuple[tuple[str, ...], ...]
    styles: tuple[tuple[str, ...], ...]


class Listing(NamedTuple):
    """A titled table of two columns without headers, as wide as its widest cells."""

    title: str
    rows: tuple[tuple[str, str], ...]
    styles: tuple[str, ...]  # of each row's first cell


Part = Para | Grid | Listing

_WORD = re.compile(r"\s*\S+\s*")  # a word with the spaces around it, as rich's wrap reads it


def draw(parts: Sequence[Part], width: int) -> str | None:
    """The parts as rich prints them uncoloured at `width`; None where rich would have
    to wrap or fold something, which only rich itself does exactly."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, Para):
            for line in "".join(text for text, _ in part.pieces).split("\n"):
                pieces = _wrapped(line, width)
                if pieces is None:
                    return None
                out.extend(pieces)
        elif isinstance(part, Grid):
            drawn = _grid(part)
            if drawn is None:
                return None
            out.extend(drawn)
        else:
            drawn = _listing(part, width)
            if drawn is None:
                return None
            out.extend(drawn)
    return "".join(line + "\n" for line in out)


def _wrapped(line: str, width: int) -> list[str] | None:
    """`line` broken where rich's word wrap breaks it (before the first word that does not
    fit, the spaces before the break kept as far as the width allows); None if a word is
    wider than `width` and would have to be folded."""
    starts, used = [0], 0
    for match in _WORD.finditer(line) if cell_len(line) > width else ():
        word = match.group()
        need = cell_len(word.rstrip())
        if width - used >= need:
            used += cell_len(word)
        elif need > width:
            return None
        elif used and match.start():
            starts.append(match.start())
            used = cell_len(word)
    pieces = []
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        piece = line[start:end]
        if len(piece) > width:  # rich strips spaces beyond the width, counting characters
            piece = piece[: max(width, len(piece.rstrip()))]
        if cell_len(piece) > width:  # and then crops to the width in cells
            kept = piece.rstrip()
            if cell_len(kept) > width:
                return None
            piece = kept + " " * (width - cell_len(kept))
        pieces.append(piece)
    return pieces


def _fit(value: str, width: int, right: bool) -> str:
    if right:  # rich strips a right-aligned line before it pads it on the left
        value = value.rstrip()
    pad = " " * (width - cell_len(value))
    return pad + value if right else value + pad


def _rows(
    cells: Sequence[str],
    widths: Sequence[int],
    right: Sequence[bool],
    wrap: Sequence[bool],
    header: bool = False,
) -> list[list[str]] | None:
    """A row's lines, each a list of its cells' lines fitted to their widths; a cell of a
    column that wraps (names, prose) breaks at its spaces. Cells are aligned at the top,
    a header's at the bottom, as rich aligns them."""
    split: list[list[str]] = []
    for cell, w, wraps in zip(cells, widths, wrap, strict=True):
        if cell.endswith("\n"):  # rich's cell drops the blank line this leaves: not ours
            return None
        lines: list[str] = []
        for line in cell.split("\n"):
            pieces = _wrapped(line, w) if wraps else [line]
            if pieces is None or any(cell_len(piece) > w for piece in pieces):
                return None
            lines.extend(pieces)
        split.append(lines)
    height = max(len(lines) for lines in split)
    if header:
        split = [[""] * (height - len(lines)) + lines for lines in split]
    return [
        [
            _fit(lines[k] if k < len(lines) else "", w, r)
            for lines, w, r in zip(split, widths, right, strict=True)
        ]
        for k in range(height)
    ]


def _grid(grid: Grid) -> list[str] | None:
    """`layout.table`: box SIMPLE_HEAD, with edges and padding or, compact, without."""
    found = grid.plan
    widths, right = found.widths, [c.number for c in found.columns]
    wrap = [not (c.number or c.whole) for c in found.columns]
    total = sum(widths) + overhead(len(widths), found.compact)
    body: list[list[list[str]]] = []
    for k, cells in enumerate([tuple(c.header for c in found.columns), *grid.rows]):
        lines = _rows(cells, widths, right, wrap, header=k == 0)
        if lines is None:
            return None
        body.append(lines)
    compact = found.compact
    edge = [] if compact else [" " * total]
    rule = "─" * total if compact else " " + "─" * (total - 2) + " "
    head, *rows = body
    return [
        *edge,
        *(_joined(line, compact) for line in head),
        rule,
        *(_joined(line, compact) for row in rows for line in row),
        *edge,
    ]


def _joined(cells: Sequence[str], compact: bool) -> str:
    """A line of a table's cells: two spaces between them, or, with edges and padding,
    three between and two at each end (rich's edge, padding and divider)."""
    return "  ".join(cells) if compact else "  " + "   ".join(cells) + "  "


def _listing(listing: Listing, width: int) -> list[str] | None:
    """The gates: rich's box SIMPLE without headers, left-aligned title above."""
    firsts = [line for first, _ in listing.rows for line in first.split("\n")]
    seconds = [line for _, second in listing.rows for line in second.split("\n")]
    widths = [max(map(cell_len, firsts)), max(map(cell_len, seconds))]
    total = sum(widths) + overhead(2, False)
    if total > width or cell_len(listing.title) > total:
        return None
    out = [_fit(listing.title, total, False), " " * total]
    for row in listing.rows:
        lines = _rows(row, widths, [False, False], [False, True])
        if lines is None:
            return None
        out.extend(_joined(line, False) for line in lines)
    out.append(" " * total)
    return out


def to_rich(parts: Sequence[Part]) -> list[RenderableType]:
    """The same parts as rich renderables, for colour and for what `draw` leaves alone."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from smartcity_score.render.layout import table

    drawn: list[RenderableType] = []
    for part in parts:
        if isinstance(part, Para):
            paragraph = Text(style=part.style)
            for value, style in part.pieces:
                paragraph.append(value, style=style or None)
            drawn.append(paragraph)
        elif isinstance(part, Grid):
            grid = table(part.plan)
            for cells, styles in zip(part.rows, part.styles, strict=True):
                row = [Text(cell) for cell in cells]
                for cell, style in zip(row, styles, strict=True):
                    if style:
                        cell.stylize(style)
                grid.add_row(*row)
            drawn.append(grid)
        else:
            listing = Table(
                title=part.title, box=box.SIMPLE, title_justify="left", show_header=False
            )
            listing.add_column("", no_wrap=True)
            listing.add_column("", overflow="fold")
            for (first, second), style in zip(part.rows, part.styles, strict=True):
                listing.add_row(Text(first, style=style), Text(second))
            drawn.append(listing)
    return drawn

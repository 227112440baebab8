"""Fitting a table to the terminal without cutting a number or breaking a word.

A column is a number (never wraps: a cut "9…" misleads), a name or prose (wraps at
spaces only). `plan` finds the widths for the columns, trying in turn the roomy table,
closer spacing, short headers and leaving out the optional columns, first with every
cell on one line and then with names and prose wrapped at their spaces. When even that
does not fit, it says so, and the caller lays the rows out as blocks instead.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len  # the tables themselves are imported when drawn

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table


class Column(NamedTuple):  # a NamedTuple, not a dataclass: cheaper to define at every start
    key: str
    header: str
    cells: list[str]
    number: bool = False
    whole: bool = False  # left-aligned, but never wrapped either (an indented id)
    optional: int = 0  # left out when the table is too wide: higher = left out sooner
    short: str | None = None  # the header when space is short: "D1" (with a legend), two lines

    @property
    def widest(self) -> int:
        """The width with every cell on one line."""
        return max(_line_len(x) for x in [self.header, *self.cells])

    @property
    def least(self) -> int:
        """The narrowest the column can be: a number's width, or its longest word."""
        if self.number or self.whole:
            return self.widest
        return max(_word_len(x) for x in [self.header, *self.cells])


class Plan(NamedTuple):
    columns: list[Column]
    widths: list[int]
    compact: bool  # two spaces between columns and none at the edges
    short: bool  # the short headers are shown


def _line_len(value: str) -> int:
    return max((cell_len(line) for line in value.split("\n")), default=0)


def _word_len(value: str) -> int:
    return max((cell_len(word) for word in value.split()), default=0)


def overhead(count: int, compact: bool) -> int:
    """The width a table of `count` columns spends on edges, padding and dividers."""
    return 2 * (count - 1) if compact else 3 * count + 1


def _tries(columns: Sequence[Column]) -> Iterator[tuple[list[Column], bool, bool]]:
    """The tables to try, most complete and roomy first: full headers matter more than
    spacing, and both more than the optional columns."""
    kept = list(columns)
    yield kept, False, False
    yield kept, True, False
    shortened = [c._replace(header=c.short) if c.short else c for c in columns]
    short = shortened != kept
    if short:
        kept = shortened
        yield kept, True, True
    for level in sorted({c.optional for c in columns if c.optional}, reverse=True):
        kept = [c for c in kept if c.optional != level]
        yield kept, True, short


def plan(columns: Sequence[Column], width: int) -> Plan | None:
    """Column widths that fit `width`, keeping as much as possible on one line; None if
    even the narrowest table is too wide."""
    tries = list(_tries(columns))
    for kept, compact, short in tries:
        room = width - overhead(len(kept), compact)
        if sum(c.widest for c in kept) <= room:
            return Plan(kept, [c.widest for c in kept], compact, short)
    # Wrapping a name costs more than spacing or a short header: try those first now.
    whole = [x for x in tries if len(x[0]) == len(columns)]
    for kept, compact, short in [*reversed(whole), *tries[len(whole) :]]:
        room = width - overhead(len(kept), compact)
        widths = [c.least for c in kept]
        spare = room - sum(widths)
        if spare < 0:
            continue
        for i, column in enumerate(kept):  # the first columns (names) widen first
            grow = min(spare, column.widest - widths[i])
            widths[i] += grow
            spare -= grow
        return Plan(kept, widths, compact, short)
    return None


def table(found: Plan) -> Table:
    """An empty rich table with the planned columns; rows go in as the columns' cells."""
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD)
    if found.compact:
        grid.show_edge, grid.pad_edge, grid.padding = False, False, (0, 1, 0, 0)
    for column, width in zip(found.columns, found.widths, strict=True):
        grid.add_column(
            column.header,
            justify="right" if column.number else "left",
            no_wrap=column.number or column.whole,
            overflow="fold",  # only a word longer than the column, which a plan excludes
            width=width,
        )
    return grid


def packed(pieces: Sequence[str], width: int, gap: str = "  ") -> list[str]:
    """`pieces` on as few lines of at most `width` as they go, none split."""
    lines: list[str] = []
    for piece in pieces:
        if lines and cell_len(lines[-1]) + len(gap) + cell_len(piece) <= width:
            lines[-1] += gap + piece
        else:
            lines.append(piece)
    return lines


def hanging(prefix: str, words: str, width: int, indent: str | None = None) -> str:
    """`words` after `prefix`, wrapped at spaces to `width`; later lines start with
    `indent` (as wide as the prefix unless given)."""
    return textwrap.fill(
        words,
        width,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix) if indent is None else indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def two_lines(header: str) -> str:
    """A header of several words on two lines, broken at the space nearest its middle."""
    spaces = [i for i, ch in enumerate(header) if ch == " "]
    if not spaces:
        return header
    middle = min(spaces, key=lambda i: abs(2 * i - len(header)))
    return header[:middle] + "\n" + header[middle + 1 :]


def fitted(
    columns: Sequence[Column],
    width: int,
    styles: Sequence[str | None] | None = None,
    cut: int = -1,
    lead: int = 1,
) -> RenderableType:
    """The rows as a table that fits `width` (a rule after row `cut`), or, when none
    fits, as blocks: each row's first `lead` cells, then its other cells labelled."""
    from rich.console import Group
    from rich.text import Text

    rows = len(columns[0].cells)
    styled = list(styles) if styles is not None else [None] * rows
    found = plan(columns, width)
    if found is not None:
        grid = table(found)
        for i in range(rows):
            cells = [c.cells[i] for c in found.columns]
            grid.add_row(*cells, style=styled[i], end_section=i == cut)
        return grid
    # Cells are rich markup, escaped (`escape.terminal`), as a table cell reads them: a
    # block reads them the same way, so `Tua [lama]` shows as written, not as `Tua \[lama]`.
    lines: list[RenderableType] = []
    for i in range(rows):
        style = styled[i] or ""
        first = "  ".join(c.cells[i] for c in columns[:lead] if c.cells[i])
        lines.append(Text.from_markup(hanging("", first, width), style=style))
        labelled = [
            f"{c.header.replace(chr(10), ' ')}: {c.cells[i]}" for c in columns[lead:] if c.cells[i]
        ]
        for line in packed(labelled, width - 2, "   "):
            lines.append(Text.from_markup(hanging("  ", line, width, "    "), style=style))
        if i == cut:
            lines.append(Text("─" * 20))
    lines.append(Text(""))
    return Group(*lines)

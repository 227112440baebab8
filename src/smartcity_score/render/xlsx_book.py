"""Shared pieces of the xlsx renderers: sheets, safe cells and the workbook itself (openpyxl);
imported by `xlsx` and `xlsx_analysis`, importing neither."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeGuard

from smartcity_score.escape import excerpt, visible
from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.problems import Problem, UsageError
from smartcity_score.report import (
    cohort_line,
)
from smartcity_score.xlsx import save  # one writer of workbook bytes, times pinned

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from smartcity_score.criteria_sets import LoadedCriteria

Value = str | int | float | bool | None

# An Excel sheet's size: a larger one opens cut off, or not at all.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384


# Excel holds at most 32,767 characters in a cell and opens a longer one as a damaged file.
MAX_CELL = 32767


# Characters of the widest cell a column is sized for: a long name must not hide the rest.
MAX_WIDTH = 60


# A text starting so is a formula to Excel once the cell is edited; it is kept as text
# and marked with Excel's own quote prefix (the `'` a person would type).
_FORMULA_START = ("=", "+", "-", "@")


# Shares and probabilities are stored as fractions and shown as percentages.
PERCENT = "0.0%"


@dataclass(frozen=True)
class Sheet:
    title: str
    head: list[str]
    rows: list[list[Value]]
    formats: dict[int, str] = field(default_factory=dict)  # column index -> number format


def problems_sheet(errors: Sequence[Problem], lang: str | None) -> Sheet:
    head = [t(key, lang) for key in ("file", "line", "column", "message", "rule")]
    rows: list[list[Value]] = [[p.file, p.line, p.column, p.say(lang), p.rule] for p in errors]
    return Sheet(t("invalid_files", lang), head, rows)


def warnings_sheet(warnings: Sequence[str], lang: str | None) -> Sheet:
    return Sheet(t("warnings", lang), [t("message", lang)], [[w] for w in warnings])


def criteria_sheet(sets: Sequence[LoadedCriteria], lang: str | None) -> Sheet:
    """One row per criteria file; with a `minmax` cohort, its size and goalposts too."""
    head = [t("id", lang), t("version", lang), "sha256", t("title", lang)]
    rows: list[list[Value]] = [
        [c.criteria.id, c.criteria.version, c.sha256, text(c.criteria.title, lang)] for c in sets
    ]
    if any(c.cohort is not None for c in sets):
        head.append(t("cohort", lang))
        for row, c in zip(rows, sets, strict=True):
            row.append(cohort_line(c.cohort, lang))
    return Sheet(t("criteria", lang), head, rows)


def workbook(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as an .xlsx file: a bold, frozen header row, columns as wide as their
    content (up to MAX_WIDTH), input text escaped; the same sheets give the same bytes.
    Each sheet's rows are escaped in place, so that no second copy of them is held."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    fixed = datetime(2000, 1, 1)  # naive: openpyxl writes it as UTC
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "smartcity-score"
    bold = Font(bold=True)
    try:
        for sheet in sheets:
            _check_size(sheet)
            ws = book.create_sheet(sheet.title)
            for row in sheet.rows:
                row[:] = map(_text, row)
            for column, width in enumerate(_widths(sheet.head, sheet.rows), start=1):
                ws.column_dimensions[get_column_letter(column)].width = width
            ws.freeze_panes = "A2"
            head = [_cell(ws, name) for name in sheet.head]
            for cell in head:
                cell.font = bold
            ws.append(head)
            for row in sheet.rows:
                ws.append(_row(ws, row, sheet.formats))
    except BaseException:
        save(book)  # closes the sheets written so far and removes their temporary files
        raise
    return save(book)


def _check_size(sheet: Sheet) -> None:
    rows, columns = 1 + len(sheet.rows), len(sheet.head)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UsageError(
            f"sheet '{sheet.title}' would have {rows:,} rows and {columns:,} columns, more than "
            f"Excel's {MAX_ROWS:,} by {MAX_COLUMNS:,}; write --format csv or json instead"
        )


def _row(ws: WriteOnlyWorksheet, row: list[Value], formats: dict[int, str]) -> list[Any]:
    """Cells only where a value needs one (a formula-looking text, a number format):
    a plain value is many times cheaper to write."""
    from openpyxl.cell import WriteOnlyCell

    values: list[Any] = [_cell(ws, v) if _is_formula(v) else v for v in row]
    for column, number_format in formats.items():
        if row[column] is not None:
            cell = WriteOnlyCell(ws, row[column])
            cell.number_format = number_format
            values[column] = cell
    return values


def _text(value: Value) -> Value:
    """Text as one visible line a cell can hold (openpyxl refuses XML's illegal controls)."""
    return excerpt(value, MAX_CELL) if isinstance(value, str) else value


def _is_formula(value: Value) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def _cell(ws: WriteOnlyWorksheet, value: str) -> Cell:
    """A text cell that stays text, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    shown = visible(value)
    cell = WriteOnlyCell(ws, shown)
    cell.data_type = "s"  # openpyxl reads a leading `=` as a formula
    cell.quotePrefix = shown.startswith(_FORMULA_START)
    return cell


def _widths(head: list[str], rows: list[list[Value]]) -> list[float]:
    widest = [len(name) for name in head]
    for row in rows:
        for i, value in enumerate(row):
            widest[i] = max(widest[i], len(_shown(value)))
    return [min(w, MAX_WIDTH) + 2 for w in widest]


def _shown(value: Value) -> str:
    """About what Excel's General format shows: a score with its decimals, TRUE or FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "FALSE" if not value else "TRUE"
    return str(value)

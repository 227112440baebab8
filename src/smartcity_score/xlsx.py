"""Workbooks of text sheets (.xlsx), the same bytes for the same sheets.

openpyxl is imported only when a workbook is written, so commands that write none never
load it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Excel refuses (and offers to "repair") a workbook with a longer cell (UTF-16 units).
MAX_CELL = 32767


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: a header row, then rows of cells ('' is an empty cell)."""

    name: str
    rows: tuple[tuple[str, ...], ...]


def excel_length(cell: str) -> int:
    """A cell's length as Excel counts it: in UTF-16 units (an emoji is two)."""
    return len(cell) if cell.isascii() else len(cell.encode("utf-16-le")) // 2


# Every timestamp in the workbook, so the same sheets give the same bytes.
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_xlsx(workbook: Sequence[Sheet]) -> bytes:
    """The sheets as the bytes of an .xlsx, the same bytes for the same sheets.

    Every cell is stored as text, so a cell beginning with `=` is never a formula.
    """
    import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]  # a new workbook has its one sheet
    for sheet in workbook:
        target = book.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value:
                    cell = target.cell(r, c)
                    cell.value = value
                    cell.data_type = "s"  # openpyxl reads a leading `=` as a formula
    moment = datetime.datetime(*_FIXED_TIME)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = "smartcity-score"
    return save(book)


def save(book: Any) -> bytes:
    """An openpyxl workbook as the bytes of its .xlsx, every zip member dated
    1980-01-01: the same workbook gives the same bytes (the reports use this too)."""
    # ExcelWriter rather than `Workbook.save`, which would stamp the modified date.
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_times(raw.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The zip again with every member dated 1980-01-01 (zipfile dates them now)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member))
    return out.getvalue()

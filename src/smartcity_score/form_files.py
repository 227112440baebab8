"""Form exports read as rows of cells (SPEC §7): CSV, XLSX (first sheet), ODK Central's zip.

Readers stream: a row at a time, never the whole file in memory. A file that cannot be
read at all raises `UnreadableExport` with its problem; what a reader notices about a
readable file (a Windows-1252 fallback) is a warning in `Table.notes`. Whether a cell
is a valid answer is `forms_import`'s business: here a cell is only what the file holds.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, TypeAlias

from smartcity_score.messages import Message, Param, msg, verbatim
from smartcity_score.problems import MAX_PER_FILE, Problem, Severity

# An export is mostly short cells; 1 MiB of one is hostile, and Excel holds at most
# 32,767 characters in a cell. The csv module's own limit (128 KiB) would stop the
# whole file at such a cell, so it is raised, and the cell reported where it stands.
MAX_CELL = 32767
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# A zip (ODK Central's export, and every .xlsx) whose members would unpack to more than
# this is refused before it is unpacked: a zip bomb.
MAX_UNPACKED = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell the file holds but the tool will not read (a formula, an oversized text)."""

    reason: Message


class BrokenRow(Unreadable):
    """Stands for a whole row that cannot be read; the row's only cell."""

    __slots__ = ()


Cell: TypeAlias = str | int | float | bool | datetime | date | time | Unreadable | None


Rows: TypeAlias = Generator[tuple[int, list[Cell]], None, None]


@dataclass
class Table:
    """One table of an export: its header row and its rows, numbered as a spreadsheet
    numbers them (the header is row 1)."""

    label: str
    header: list[str]
    rows: Rows
    notes: list[Problem] = field(default_factory=list)
    # Releases the file, whether or not the rows were read to the end.
    close: Callable[[], None] = lambda: None
    # How many rows the file seems to hold below its header (a CSV's line breaks, a
    # workbook's recorded dimension), for a progress bar only: a quoted cell over several
    # lines makes it more, and a workbook may record none. Asked only when a bar shows, as
    # a CSV is read once more to count.
    expected: Callable[[], int | None] = lambda: None


class UnreadableExport(Exception):
    """An export that cannot be read as a table at all."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _fail(label: str, message: Message, rule: str = "unreadable") -> UnreadableExport:
    return UnreadableExport(Problem.of(label, 1, 1, message, rule))


def grouped(number: int) -> Param:
    """A count with its thousands marked as each language marks them: 32,767 in English,
    32.767 in Indonesian (where a comma would read as a decimal one)."""
    high, low = divmod(number, 1000)
    if not high:
        return str(low)
    return msg("form_thousands", high=grouped(high), low=f"{low:03d}")


class _UnpacksTooLarge(OSError):
    """A zip member that unpacks past its cap, said in the catalogue's words."""

    def __init__(self) -> None:
        self.wording = msg("form_member_too_large", limit=grouped(MAX_UNPACKED))
        super().__init__(str(self.wording))


def _os_reason(error: OSError) -> Message:
    if isinstance(error, _UnpacksTooLarge):
        return error.wording
    return verbatim(str(error.strerror or error))


def read_table(path: Path, label: str, form_id: str = "") -> Table:
    """The table of an export, by its extension: `.xlsx`, `.zip` (the CSV named
    `<form_id>.csv` in it, else its largest top-level CSV), else CSV."""
    suffix = path.suffix.lower()
    try:
        # A pipe or device would block the reader or never end: only a regular file is read.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _fail(label, msg("form_not_regular"))
        if suffix == ".xlsx":
            return _xlsx_table(path, label)
        if suffix == ".zip":
            return _zip_table(path, label, form_id)
        return _csv_table(lambda: path.open("rb"), label)
    except OSError as error:
        raise _fail(label, msg("cannot_read_file", reason=_os_reason(error))) from error


# --- CSV -----------------------------------------------------------------------------


def _encoding(stream: IO[bytes], label: str) -> tuple[str, list[Problem]]:
    """The file's encoding: UTF-16 by its BOM, UTF-8 (BOM or none) when every byte
    decodes, else Windows-1252 (what Excel on Windows writes), said in a warning."""
    start = stream.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", []
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = start
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = stream.read(_CHUNK)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        message = msg("form_not_utf8")
        return "cp1252", [Problem.of(label, 1, 1, message, "encoding", Severity.WARNING)]
    return "utf-8-sig", []


def _separator(line: str) -> str:
    """`;` (Kobo's default) or tab when the header holds more of it than `,`."""
    counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _csv_table(opener: Callable[[], IO[bytes]], label: str) -> Table:
    """A CSV read twice, both streaming: once for its encoding, then as rows (and once
    more for its line breaks, if a progress bar asks how many rows to expect)."""
    with opener() as probe:
        encoding, notes = _encoding(probe, label)
    stream = opener()
    # cp1252 leaves five bytes undefined: those become U+FFFD rather than a failure.
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    first = text.readline()
    if not first.strip():
        text.close()
        raise _fail(label, msg("form_no_header"), "empty-export")
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(_chain(first, text), delimiter=_separator(first), strict=False)
    try:
        header = [_header(cell) for cell in next(reader)]
    except csv.Error as error:
        text.close()
        raise _fail(label, msg("form_header_unreadable", reason=verbatim(str(error)))) from error
    rows = _csv_rows(reader, text, label)
    return Table(label, header, rows, notes, text.close, expected=lambda: _rows_in(opener))


def _rows_in(opener: Callable[[], IO[bytes]]) -> int:
    """The rows below the header, by the line breaks of the file."""
    with opener() as counted:
        breaks = sum(chunk.count(b"\n") for chunk in iter(lambda: counted.read(1 << 20), b""))
    return max(breaks - 1, 0)


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_rows(reader: Iterator[list[str]], text: IO[str], label: str) -> Rows:
    """The rows after the header; a row the csv module cannot read is a `BrokenRow`, and
    reading goes on at the next line (after too many, the rest is not read)."""
    row, broken = 1, 0
    try:
        while broken < MAX_PER_FILE:
            row += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                broken += 1
                yield row, [BrokenRow(msg("form_row_not_csv", reason=verbatim(str(error))))]
                continue
            yield row, [_capped(cell) for cell in cells]
    finally:
        text.close()


def _capped(cell: str) -> Cell:
    if len(cell) > MAX_CELL:
        return Unreadable(
            msg("form_cell_too_long", length=grouped(len(cell)), limit=grouped(MAX_CELL))
        )
    return cell


def _header(cell: object) -> str:
    """A header as it is meant: without spaces around it (non-breaking ones too). A header
    the tool will not read (a formula) heads a column that is ignored."""
    return "" if cell is None or isinstance(cell, Unreadable) else str(cell).strip()


# --- zip archives ----------------------------------------------------------------------


def _checked_zip(path: Path, label: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError) as error:
        raise _fail(label, msg("form_not_zip", reason=verbatim(str(error)))) from error
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        archive.close()
        message = msg("form_zip_too_large", size=grouped(unpacked), limit=grouped(MAX_UNPACKED))
        raise _fail(label, message, "file-too-large")
    return archive


def _zip_table(path: Path, label: str, form_id: str) -> Table:
    """ODK Central's zip: the CSV named for the form id, else the largest top-level one
    (repeat groups are further CSVs beside it, and media sit in folders)."""
    archive = _checked_zip(path, label)
    top = [
        i
        for i in archive.infolist()
        if "/" not in i.filename and i.filename.lower().endswith(".csv")
    ]
    if not top:
        archive.close()
        raise _fail(label, msg("form_zip_without_csv"), "empty-export")
    named = [i for i in top if i.filename == f"{form_id}.csv"]
    main = named[0] if named else max(top, key=lambda i: (i.file_size, i.filename))
    member = f"{label}/{main.filename}"

    def opener() -> IO[bytes]:
        return io.BufferedReader(_Limited(archive.open(main), MAX_UNPACKED))

    try:
        table = _csv_table(opener, member)
    except (zipfile.BadZipFile, UnreadableExport) as error:
        archive.close()
        if isinstance(error, UnreadableExport):
            raise
        raise _fail(label, msg("form_zip_damaged", reason=verbatim(str(error)))) from error
    close_text = table.close

    def close() -> None:
        close_text()
        archive.close()

    table.close = close
    return table


class _Limited(io.RawIOBase):
    """A member of a zip that may not unpack to more than its cap, whatever its header says."""

    def __init__(self, inner: IO[bytes], cap: int) -> None:
        self.inner, self.left = inner, cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(min(len(buffer), self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise _UnpacksTooLarge
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


# --- XLSX ------------------------------------------------------------------------------


def _xlsx_table(path: Path, label: str) -> Table:
    """The first sheet of a workbook, read with openpyxl in read-only mode.

    Formulas are read as formulas (not their cached values), so that a formula cell is
    reported rather than trusted: its value is whatever the last program to save it said.
    """
    import openpyxl

    _checked_zip(path, label).close()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows()
        first = next(rows, ())
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        reason = verbatim(type(error).__name__)
        raise _fail(label, msg("form_workbook_unreadable", reason=reason)) from error
    header = [_header(_xlsx_cell(cell)) for cell in first]
    recorded = sheet.max_row - 1 if isinstance(sheet.max_row, int) else None
    cells = _xlsx_rows(rows, book, label)
    return Table(label, header, cells, close=book.close, expected=lambda: recorded)


def _xlsx_rows(rows: Iterator[tuple[object, ...]], book: Any, label: str) -> Rows:
    number = 1
    try:
        for cells in rows:
            number += 1
            yield number, [_xlsx_cell(cell) for cell in cells]
    except Exception as error:  # a damaged sheet part: the rest of it is unreadable
        reason = verbatim(type(error).__name__)
        yield number + 1, [BrokenRow(msg("form_sheet_unreadable", reason=reason))]
    finally:
        book.close()


# One for every formula cell: a sheet may hold thousands, in columns never read.
_FORMULA = Unreadable(msg("form_formula"))


def _xlsx_cell(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return _FORMULA
    if isinstance(value, str):
        return _capped(value)
    if isinstance(value, bool | int | float | datetime | date | time) or value is None:
        return value
    return str(value)

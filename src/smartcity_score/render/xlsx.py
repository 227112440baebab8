"""Excel workbooks for officials: one sheet per table, real numbers, headers by `--lang`.

A workbook is binary, so each renderer yields it as one `bytes` chunk, which `cli_io`
writes only to `-o` (never to a terminal). openpyxl is imported here alone, when a
workbook is made. The same input gives the same bytes: the document's dates and the zip
entries' times are fixed, since officials compare and archive these files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeGuard

from smartcity_score.escape import excerpt, visible
from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.problems import Problem, UsageError
from smartcity_score.ranking import Outcome, Placed
from smartcity_score.render import Options
from smartcity_score.report import (
    AssessReport,
    RankReport,
    cohort_line,
    number,
    published,
    published_name,
)
from smartcity_score.xlsx import save  # one writer of workbook bytes, times pinned

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from smartcity_score.criteria_sets import LoadedCriteria

Value = str | int | float | bool | None

# Excel holds at most 32,767 characters in a cell and opens a longer one as a damaged file.
MAX_CELL = 32767
# An Excel sheet's size: a larger one opens cut off, or not at all.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
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


def sensitivity(report: object, options: Options) -> Iterator[bytes]:
    """`sensitivity` (issue 7); its sheets in render.xlsx_analysis."""
    from smartcity_score.render.xlsx_analysis import sensitivity_sheets

    yield workbook(sensitivity_sheets(report, options.lang))


def compare(report: object, options: Options) -> Iterator[bytes]:
    """`compare` (issue 7); its sheets in render.xlsx_analysis."""
    from smartcity_score.render.xlsx_analysis import compare_sheets

    yield workbook(compare_sheets(report, options.lang))


def rank(report: RankReport, options: Options) -> Iterator[bytes]:
    yield workbook(_rank_sheets(report, options.lang))


def assess(report: AssessReport, options: Options) -> Iterator[bytes]:
    yield workbook(_assess_sheets(report, options.lang))


# Sheets are made one at a time, as the workbook takes them: only one sheet's rows are
# ever held (at 75,000 regions, the indicator sheet alone is some 3 million values).


def _rank_sheets(report: RankReport, lang: str | None) -> Iterator[Sheet]:
    entries = [(placed, placed.outcome) for placed in report.placed]
    ranking = _ranking(report.loaded, entries, t("ranking_title", lang), True, lang)
    if report.group_by is not None:
        ranking.head.extend([t("group", lang), t("group_rank", lang)])
        for row, placed in zip(ranking.rows, report.placed, strict=True):
            row += [placed.outcome.field(report.group_by)]
            row += [report.group_ranks.get(placed.outcome.file)]
    yield ranking
    yield from _score_sheets(report.loaded, entries, True, lang)
    if report.panel is not None:
        yield _panel_sheet(report, lang)
    yield from _tail_sheets(report.loaded, report.errors, report.warnings, lang)


def _panel_sheet(report: RankReport, lang: str | None) -> Sheet:
    """What the panel changed, region by region: claimed and verified totals, reviewers,
    disagreements, and whether the region would be selected on its own answers."""
    panel = report.panel
    assert panel is not None
    head = [t("rank", lang), t("region_id", lang), t("region", lang), t("self_score", lang)]
    head += [t("verified_score", lang), t("change", lang), t("reviewers", lang)]
    head += [t("disagreements", lang), t("selected", lang), t("selected_on_claims", lang)]
    rows: list[list[Value]] = []
    claimed_selected = panel.claimed_selected or set()
    for placed in report.placed:
        outcome = placed.outcome
        verification = panel.by_file.get(outcome.file)
        claimed = outcome.total if verification is None else verification.claimed.total
        rows.append(
            [
                placed.rank,
                outcome.region_id,
                outcome.name,
                number(claimed),
                number(outcome.total),
                number((number(outcome.total) or 0.0) - (number(claimed) or 0.0)),
                0 if verification is None else len(verification.reviewers),
                "" if verification is None else " ".join(verification.disagreements),
                placed.selected,
                outcome.file in claimed_selected,
            ]
        )
    return Sheet(t("panel_title", lang), head, rows)


def _assess_sheets(report: AssessReport, lang: str | None) -> Iterator[Sheet]:
    """The `rank` sheets without rank or seat, and each region's answers line by line."""
    entries: list[tuple[Placed | None, Outcome]] = [(None, o) for o in report.outcomes]
    yield _ranking(report.loaded, entries, t("score_card", lang), False, lang)
    yield from _score_sheets(report.loaded, entries, False, lang)
    yield _answers(report, lang)
    yield from _tail_sheets(report.loaded, report.errors, report.warnings, lang)


def _score_sheets(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    ranked: bool,
    lang: str | None,
) -> Iterator[Sheet]:
    nodes = loaded.scorer.nodes
    groups = [i for i, node in enumerate(nodes) if node.indicator is None]
    indicators = [i for i, node in enumerate(nodes) if node.indicator is not None]
    yield _scores(loaded, entries, groups, t("scores_by_dimension", lang), ranked, lang)
    yield _scores(loaded, entries, indicators, t("breakdown", lang), ranked, lang)


def _tail_sheets(
    loaded: LoadedCriteria, errors: list[Problem], warnings: list[str], lang: str | None
) -> list[Sheet]:
    return [
        problems_sheet(errors, lang),
        warnings_sheet(warnings, lang),
        criteria_sheet([loaded], lang),
    ]


def _answers(report: AssessReport, lang: str | None) -> Sheet:
    """One row an answer: what it scores, its share of the total, the points it wins and
    leaves on the table (the score card's table, for every region at once)."""
    head = [t("region_id", lang), t("dimension", lang), t("indicator", lang)]
    head += [t(key, lang) for key in ("question", "answer", "score", "weight", "points", "lost")]
    head += [t("evidence", lang)]
    rows: list[list[Value]] = []
    for card in report.cards:
        for group in card.groups:
            for line in group.indicators:
                row: list[Value] = [card.region.info.id, group.id, line.id, line.question]
                row += [line.answer_text, number(line.score), number(line.weight)]
                row += [number(line.points), number(line.lost), line.evidence]
                rows.append(row)
    return Sheet(t("answers", lang), head, rows, {6: PERCENT})


def _key_head(ranked: bool, lang: str | None) -> list[str]:
    """The columns that say which region a row is, first on every region sheet."""
    head = [t("region_id", lang), t("name", lang)]
    return [t("rank", lang), *head] if ranked else head


def _key(placed: Placed | None, outcome: Outcome, ranked: bool) -> list[Value]:
    key: list[Value] = [outcome.region_id, outcome.name]
    return [placed.rank if placed else None, *key] if ranked else key


def _ranking(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    title: str,
    ranked: bool,
    lang: str | None,
) -> Sheet:
    levels = {level.id: text(level.label, lang) for level in loaded.criteria.levels}
    head = _key_head(ranked, lang)
    scale = loaded.criteria.published
    head += [t("kind", lang), t("province", lang), t("total", lang)]
    head += [] if scale is None else [published_name(loaded, lang) or ""]
    head += [t("level", lang), t("eligible", lang)]
    if ranked:
        head += [t("selected", lang), t("selected_by", lang), t("reason", lang)]
    head += [t("failed_gates", lang), t("file", lang)]
    rows = []
    for placed, o in entries:
        row = _key(placed, o, ranked)
        row += [o.kind, o.province, number(o.total)]
        row += [] if scale is None else [published(loaded, o.total)]
        row += [levels.get(o.level or ""), o.eligible]
        if ranked and placed is not None:
            row += [placed.selected, _selected_by(placed.selected_by, lang), placed.reason]
        row += [", ".join(o.failed_gates) or None, o.file]
        rows.append(row)
    return Sheet(title, head, rows)


def _selected_by(selected_by: str | None, lang: str | None) -> str | None:
    """`merit` or `quota NAME`, in words a filter in Excel can pick out."""
    if selected_by is None:
        return None
    if selected_by == "merit":
        return t("merit", lang)
    return f"{t('quota', lang)} {selected_by.split(':', 1)[1]}"


def _scores(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    columns: list[int],
    title: str,
    ranked: bool,
    lang: str | None,
) -> Sheet:
    """One row a region, one column a node (`columns` index the scorer's nodes)."""
    nodes = loaded.scorer.nodes
    head = _key_head(ranked, lang) + [nodes[i].id for i in columns]
    rows = [_key(p, o, ranked) + [number(o.scores[i]) for i in columns] for p, o in entries]
    return Sheet(title, head, rows)


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


# --- the workbook ---------------------------------------------------------------------------


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

#!/usr/bin/env python3
"""Write form exports of the example applicants (deterministic).

    PYTHONPATH=src python tools/make_forms.py            # (re)write the exports
    PYTHONPATH=src python tools/make_forms.py --check    # exit 1 if a file on disk differs

The example applicants of examples/applicants-2022/ as their answers would come back
from the form tools, laid out as those tools document their exports:
- `kobo-export.csv`: KoboToolbox's CSV export (legacy layout, `;` separated, headers are
  group paths joined by `/`, a `select_multiple` both as one space-separated column and as
  one 1/0 column per option, then Kobo's own `_id`, `_uuid`, `_submission_time`,
  `_validation_status`… columns).
- a Kobo XLSX export: the same table in a workbook, numbers stored as numbers.
- an ODK Central export (`lib/data/briefcase.js` of getodk/central-backend): `,`
  separated, `\\n` line ends, `SubmissionDate` first, group paths joined by `-`,
  `meta-instanceID` after the questions, then `KEY`, `SubmitterID`, `SubmitterName`,
  `AttachmentsPresent`, `AttachmentsExpected`, `Status`, `ReviewState`, `DeviceID`,
  `Edits`, `FormVersion`; newest submission first. Its zip holds the table as
  `<form id>.csv`.
- `google-forms.csv`: a Google Forms response sheet downloaded as CSV (headers are the
  question texts, here in Indonesian, cells the option labels, checkboxes joined by `, `,
  `Timestamp` as `M/D/YYYY H:MM:SS`). A Google form has no evidence questions.

examples/forms/ holds six applicants (the Kobo and ODK Central exports with one more,
earlier, rejected submission of `kota-pariaman`, which `import` skips);
tests/data/forms-88/ holds all 88 in each layout, for the test that they rank as the
YAML originals do. The columns come from the criteria's XLSForm
(`smartcity_score.xlsform`), so the exports hold exactly the questions `export xlsform`
asks. Times are fixed, rows in a fixed order, zip members dated 1980-01-01.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from smartcity_score.criteria_sets import LoadedCriteria, bundled, load_criteria
from smartcity_score.models import (
    BooleanIndicator,
    ChoiceIndicator,
    Indicator,
    MultiIndicator,
    ScaleIndicator,
    text,
)
from smartcity_score.regions import Region, load_region
from smartcity_score.xlsform import NONE_OF_THESE, REGION_QUESTIONS, id_from_name, sheets
from smartcity_score.xlsx import save

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "applicants-2022"
EXAMPLES = ROOT / "examples" / "forms"
FIXTURES = ROOT / "tests" / "data" / "forms-88"
CRITERIA = "kominfo-readiness-2022"
APPLICANTS = (
    "kota-pariaman",
    "kota-bukittinggi",
    "kabupaten-tabanan",
    "kabupaten-aceh-tengah",
    "kabupaten-kulon-progo",
    "kota-gunungsitoli",
)
KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_status", "_index"]
ODK_META = [
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]
WIB = timezone(timedelta(hours=7))
NUMBER_TYPES = ("integer", "decimal")


@dataclass(frozen=True)
class Question:
    """One question of the form: its group path and name, and its XLSForm type."""

    path: tuple[str, ...]
    kind: str
    indicator: Indicator | None  # None: a region detail or an evidence question

    @property
    def name(self) -> str:
        return self.path[-1]


@dataclass
class Entry:
    """One submission: the applicant, its answers as submitted, and how it was reviewed."""

    index: int
    region: Region
    answers: dict[str, Any]
    rejected: bool = False

    @property
    def submitted(self) -> datetime:
        """A fixed time per submission, a day and an hour apart, in Indonesia's WIB."""
        start = datetime(2022, 3, 1, 0, 15, tzinfo=WIB)
        return start + timedelta(days=self.index, hours=self.index)

    @property
    def uuid(self) -> str:
        return f"5f0c{self.index:04d}-6d6b-4e1a-9c1e-{self.index:012d}"


def _questions(loaded: LoadedCriteria) -> list[Question]:
    """Every question of the form, in form order, with its group path."""
    survey = sheets(loaded.criteria)[0].rows
    header = survey[0]
    kind, name = header.index("type"), header.index("name")
    indicators = loaded.scorer.indicators
    groups: list[str] = []
    found = []
    for row in survey[1:]:
        if row[kind] == "begin_group":
            groups.append(row[name])
        elif row[kind] == "end_group":
            groups.pop()
        else:
            # Region details and evidence questions are named like no indicator.
            indicator = indicators.get(id_from_name(row[name]))
            found.append(Question((*groups, row[name]), row[kind], indicator))
    return found


def _regions(loaded: LoadedCriteria, names: Sequence[str]) -> list[Region]:
    indicators = loaded.scorer.indicators
    return [
        load_region(SOURCE / f"{name}.yaml", loaded.criteria, indicators, name) for name in names
    ]


def _entries(loaded: LoadedCriteria, names: Sequence[str], rejected: bool) -> list[Entry]:
    """The submissions of the applicants; with `rejected`, first an earlier attempt of the
    first applicant that a reviewer rejected (its answers differ), submitted again below."""
    regions = _regions(loaded, names)
    entries = []
    if rejected:
        first = regions[0]
        entries.append(Entry(0, first, {**first.answers, "komitmen_kepala_daerah": False}, True))
    for region in regions:
        entries.append(Entry(len(entries), region, dict(region.answers)))
    return entries


def _number(value: float | int) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _cell(indicator: Indicator, answer: Any) -> str:
    """An answer as a form tool stores it: choice names, `yes`/`no`, numbers."""
    if answer is None:
        return ""
    if isinstance(indicator, BooleanIndicator):
        return "yes" if answer else "no"
    if isinstance(indicator, MultiIndicator):
        return " ".join(answer) or NONE_OF_THESE
    return _number(answer) if isinstance(answer, int | float) else str(answer)


def _collect_cell(indicator: Indicator, kind: str, answer: Any) -> str:
    """An answer as ODK Collect submits it: a `decimal` as Java prints a double (`46.0`)."""
    if kind == "decimal" and isinstance(answer, int | float):
        return str(float(answer))
    return _cell(indicator, answer)


def _region_value(region: Region, question: str) -> str:
    fields = dict(REGION_QUESTIONS)
    if question in fields:
        return getattr(region.info, fields[question]) or ""
    return region.info.tags.get(question.removeprefix("region_tag_"), "")


def _text_answer(entry: Entry, question: Question) -> str:
    """The cell of a region detail or an evidence question."""
    if question.name.startswith("region_"):
        return _region_value(entry.region, question.name)
    indicator_id = id_from_name(question.name.removesuffix("__evidence"))
    return entry.region.evidence.get(indicator_id, "")


# --- KoboToolbox ---------------------------------------------------------------------


def _options(indicator: MultiIndicator) -> list[str]:
    return [o.id for o in indicator.options] + [NONE_OF_THESE]


def kobo_rows(loaded: LoadedCriteria, entries: list[Entry]) -> list[list[Any]]:
    """Kobo's export table: numbers and 1/0 option cells as numbers (the CSV prints them)."""
    questions = _questions(loaded)
    header: list[Any] = ["start", "end"]
    for question in questions:
        path = "/".join(question.path)
        header.append(path)
        if isinstance(question.indicator, MultiIndicator):
            header += [f"{path}/{option}" for option in _options(question.indicator)]
    rows = [header + KOBO_META]
    for entry in entries:
        time = entry.submitted.isoformat(timespec="milliseconds")
        row: list[Any] = [time, time]
        for question in questions:
            if question.indicator is None:
                row.append(_text_answer(entry, question))
                continue
            answer = entry.answers.get(question.indicator.id)
            if question.kind in NUMBER_TYPES and answer is not None:
                row.append(answer)
            else:
                row.append(_cell(question.indicator, answer))
            if isinstance(question.indicator, MultiIndicator):
                picked = answer or []
                row += [int(o.id in picked) for o in question.indicator.options]
                row.append(int(answer == []))
        status = "validation_status_not_approved" if entry.rejected else ""
        index = entry.index
        row += [1000 + index, entry.uuid, time[:19], status, "submitted_via_web", index + 1]
        rows.append(row)
    return rows


def _kobo_csv_cell(value: Any) -> str:
    return _number(value) if isinstance(value, int | float) else str(value)


def kobo_csv(loaded: LoadedCriteria, entries: list[Entry]) -> bytes:
    """The Kobo CSV export of the entries."""
    rows = [[_kobo_csv_cell(v) for v in row] for row in kobo_rows(loaded, entries)]
    return _csv(rows, ";", "\r\n")


def kobo_xlsx(loaded: LoadedCriteria, entries: list[Entry]) -> bytes:
    """The Kobo XLSX export of the entries: one sheet, numbers as numbers, text as text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = CRITERIA[:31]  # an Excel sheet name holds at most 31 characters
    for row in kobo_rows(loaded, entries):
        sheet.append([None if value == "" else value for value in row])
    moment = datetime(1980, 1, 1)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = "tools/make_forms.py"
    return save(book)


# --- ODK Central -----------------------------------------------------------------------


def odk_central_csv(loaded: LoadedCriteria, entries: list[Entry], split: bool) -> bytes:
    """ODK Central's CSV of the entries, as `streamBriefcaseCsvs` writes it; `split` is
    its *Split select multiple choices into columns* option: one column per value that
    some submission chose (sorted), `0` unless chosen, also when unanswered."""
    questions = _questions(loaded)
    chosen: dict[str, list[str]] = {}
    for question in questions:
        if split and isinstance(question.indicator, MultiIndicator):
            key = question.indicator.id
            answers = (_cell(question.indicator, e.answers.get(key)) for e in entries)
            chosen[key] = sorted({value for cell in answers for value in cell.split()})
    header = ["SubmissionDate"]
    for question in questions:
        path = "-".join(question.path)
        header.append(path)
        if question.indicator is not None:
            header += [f"{path}/{value}" for value in chosen.get(question.indicator.id, [])]
    rows = [[*header, "meta-instanceID", *ODK_META]]
    version = loaded.criteria.version
    for entry in sorted(entries, key=lambda e: e.submitted, reverse=True):  # newest first
        created = entry.submitted.astimezone(UTC).isoformat(timespec="milliseconds")
        row = [created.replace("+00:00", "Z")]
        for question in questions:
            if question.indicator is None:
                row.append(_text_answer(entry, question))
                continue
            answer = entry.answers.get(question.indicator.id)
            row.append(_collect_cell(question.indicator, question.kind, answer))
            picked = row[-1].split()
            row += ["1" if v in picked else "0" for v in chosen.get(question.indicator.id, [])]
        key = f"uuid:{entry.uuid}"
        review = "rejected" if entry.rejected else "approved"
        device = f"collect:{entry.uuid[:16].replace('-', '')}"
        row += [key, key, "7", "Enumerator Dinas Kominfo", "0", "0", "", review, device, "0"]
        rows.append([*row, version])
    return _csv(rows, ",", "\n")


def odk_central_zip(loaded: LoadedCriteria, entries: list[Entry]) -> bytes:
    """ODK Central's *.csv.zip* download: the main table named by the form id."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        info = zipfile.ZipInfo(f"{loaded.criteria.id}.csv", (1980, 1, 1, 0, 0, 0))
        archive.writestr(info, odk_central_csv(loaded, entries, split=False))
    return out.getvalue()


# --- Google Forms ----------------------------------------------------------------------


def _label(indicator: Indicator, answer: Any) -> str:
    if answer is None:
        return ""
    if isinstance(indicator, BooleanIndicator):
        return "Ya" if answer else "Tidak"
    if isinstance(indicator, ChoiceIndicator):
        return next(text(o.label or o.id, "id") for o in indicator.options if o.id == answer)
    if isinstance(indicator, MultiIndicator):
        labels = [text(o.label or o.id, "id") for o in indicator.options if o.id in answer]
        return ", ".join(labels) or "Tidak satu pun"
    if isinstance(indicator, ScaleIndicator) and indicator.labels:
        return text(indicator.labels[answer], "id")
    return _number(answer).replace(".", ",")  # typed in an Indonesian browser


def _google_time(index: int) -> str:
    moment = datetime(2022, 3, 1, 9, 0) + timedelta(days=index, minutes=index)
    return f"{moment.month}/{moment.day}/{moment.year} {moment.hour}:{moment:%M:%S}"


def google(loaded: LoadedCriteria, names: Sequence[str]) -> bytes:
    """The Google Forms response sheet of the applicants, as CSV."""
    indicators = loaded.scorer.indicators
    header = ["Timestamp", "Id daerah", "Nama daerah", "Jenis daerah", "Provinsi", "Kode wilayah"]
    header += [text(indicator.question, "id") for indicator in indicators.values()]
    rows = [header]
    for index, region in enumerate(_regions(loaded, names)):
        info = region.info
        row = [_google_time(index), info.id, info.name, info.kind or ""]
        row += [info.province or "", info.code or ""]
        row += [_label(i, region.answers.get(key)) for key, i in indicators.items()]
        rows.append(row)
    return _csv(rows, ",", "\r\n")


def _csv(rows: list[list[str]], separator: str, line_end: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator=line_end).writerows(rows)
    return out.getvalue().encode("utf-8")


def build() -> dict[Path, bytes]:
    """Every export this tool writes, by its path."""
    loaded = load_criteria(bundled()[CRITERIA], CRITERIA)
    every = sorted(path.stem for path in SOURCE.glob("*.yaml"))
    six = _entries(loaded, APPLICANTS, rejected=True)
    all_88 = _entries(loaded, every, rejected=False)
    writers: dict[Path, Callable[[], bytes]] = {
        EXAMPLES / "kobo-export.csv": lambda: kobo_csv(loaded, six),
        EXAMPLES / "odk-central.csv.zip": lambda: odk_central_zip(loaded, six),
        EXAMPLES / "google-forms.csv": lambda: google(loaded, APPLICANTS),
        FIXTURES / "kobo.csv": lambda: kobo_csv(loaded, all_88),
        FIXTURES / "kobo.xlsx": lambda: kobo_xlsx(loaded, all_88),
        FIXTURES / "odk-central.csv": lambda: odk_central_csv(loaded, all_88, split=True),
        FIXTURES / "google-forms.csv": lambda: google(loaded, every),
    }
    return {path: write() for path, write in writers.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk")
    args = parser.parse_args()
    files = build()
    if args.check:
        differ = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
        for path in differ:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if differ else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write examples/forms/: form exports of a few example applicants (deterministic).

    PYTHONPATH=src python tools/make_forms.py            # (re)write the exports
    PYTHONPATH=src python tools/make_forms.py --check    # exit 1 if a file on disk differs

Six applicants of examples/applicants-2022/ as their answers would come back from two
form tools, laid out as those tools document their exports:
- `kobo-export.csv`: KoboToolbox's CSV export (legacy layout, `;` separated, headers are
  group paths joined by `/`, a `select_multiple` both as one space-separated column and as
  one 1/0 column per option, then Kobo's own `_id`, `_uuid`, `_submission_time`,
  `_validation_status`… columns). One more row is an earlier submission of
  `kota-pariaman` that a reviewer marked *Not approved*: `import` skips it.
- `google-forms.csv`: a Google Forms response sheet downloaded as CSV (headers are the
  question texts, here in Indonesian, cells the option labels, checkboxes joined by `, `,
  `Timestamp` as `M/D/YYYY H:MM:SS`). A Google form has no evidence questions.

The columns come from the criteria's XLSForm (`smartcity_score.xlsform`), so the exports
hold exactly the questions `export xlsform` asks. Times are fixed, rows in a fixed order.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any

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

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "applicants-2022"
TARGET = ROOT / "examples" / "forms"
APPLICANTS = (
    "kota-pariaman",
    "kota-bukittinggi",
    "kabupaten-tabanan",
    "kabupaten-aceh-tengah",
    "kabupaten-kulon-progo",
    "kota-gunungsitoli",
)
KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_status", "_index"]


def _questions(loaded: LoadedCriteria) -> list[tuple[str, str]]:
    """(header, question name) of every question of the form, in form order, as Kobo
    heads them: the group path joined by `/`."""
    survey = sheets(loaded.criteria)[0].rows
    header = survey[0]
    kind, name = header.index("type"), header.index("name")
    groups: list[str] = []
    found = []
    for row in survey[1:]:
        if row[kind] == "begin_group":
            groups.append(row[name])
        elif row[kind] == "end_group":
            groups.pop()
        else:
            found.append(("/".join([*groups, row[name]]), row[name]))
    return found


def _regions(loaded: LoadedCriteria) -> list[Region]:
    indicators = loaded.scorer.indicators
    return [
        load_region(SOURCE / f"{name}.yaml", loaded.criteria, indicators, name)
        for name in APPLICANTS
    ]


def _number(value: float | int) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _kobo_cell(indicator: Indicator, answer: Any) -> str:
    if answer is None:
        return ""
    if isinstance(indicator, BooleanIndicator):
        return "yes" if answer else "no"
    if isinstance(indicator, MultiIndicator):
        return " ".join(answer) or NONE_OF_THESE
    return _number(answer) if isinstance(answer, int | float) else str(answer)


def _region_value(region: Region, question: str) -> str:
    fields = dict(REGION_QUESTIONS)
    if question in fields:
        return getattr(region.info, fields[question]) or ""
    return region.info.tags.get(question.removeprefix("region_tag_"), "")


def kobo(loaded: LoadedCriteria) -> str:
    """The Kobo CSV export of the applicants (and one rejected earlier submission)."""
    indicators = loaded.scorer.indicators
    questions = _questions(loaded)
    header: list[str] = []
    for path, name in questions:
        header.append(path)
        indicator = indicators.get(id_from_name(name))
        if isinstance(indicator, MultiIndicator):
            options = [o.id for o in indicator.options] + [NONE_OF_THESE]
            header += [f"{path}/{option}" for option in options]
    header = ["start", "end", *header, *KOBO_META]
    rows = [header]
    regions = _regions(loaded)
    rejected = regions[0]  # a first attempt, not approved, then submitted again below
    for index, (region, status) in enumerate(
        [(rejected, "validation_status_not_approved")] + [(r, "") for r in regions]
    ):
        time = f"2022-03-{index + 1:02d}T0{index}:15:00.000+07:00"
        row = [time, time]
        for _, name in questions:
            indicator = indicators.get(id_from_name(name))
            if name.startswith("region_"):
                row.append(_region_value(region, name))
            elif indicator is None:  # an evidence question
                row.append(region.evidence.get(id_from_name(name.removesuffix("__evidence")), ""))
            else:
                answer = region.answers.get(indicator.id)
                if index == 0 and indicator.id == "komitmen_kepala_daerah":
                    answer = False  # the rejected attempt differed
                row.append(_kobo_cell(indicator, answer))
                if isinstance(indicator, MultiIndicator):
                    picked = answer or []
                    row += ["1" if o.id in picked else "0" for o in indicator.options]
                    row.append("1" if answer == [] else "0")
        uuid = f"5f0c{index:04d}-6d6b-4e1a-9c1e-0000000000{index:02d}"
        row += [str(1000 + index), uuid, time[:19], status, "submitted_via_web", str(index + 1)]
        rows.append(row)
    return _csv(rows, ";")


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


def google(loaded: LoadedCriteria) -> str:
    """The Google Forms response sheet of the applicants, as CSV."""
    indicators = loaded.scorer.indicators
    header = ["Timestamp", "Id daerah", "Nama daerah", "Jenis daerah", "Provinsi", "Kode wilayah"]
    header += [text(indicator.question, "id") for indicator in indicators.values()]
    rows = [header]
    for index, region in enumerate(_regions(loaded)):
        info = region.info
        row = [f"3/{index + 1}/2022 9:{index:02d}:00", info.id, info.name, info.kind or ""]
        row += [info.province or "", info.code or ""]
        row += [_label(i, region.answers.get(key)) for key, i in indicators.items()]
        rows.append(row)
    return _csv(rows, ",")


def _csv(rows: list[list[str]], separator: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def build() -> dict[Path, str]:
    name = "kominfo-readiness-2022"
    loaded = load_criteria(bundled()[name], name)
    return {TARGET / "kobo-export.csv": kobo(loaded), TARGET / "google-forms.csv": google(loaded)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk")
    args = parser.parse_args()
    files = build()
    if args.check:
        differ = [p for p, t in files.items() if not p.is_file() or p.read_bytes() != t.encode()]
        for path in differ:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if differ else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        path.write_bytes(content.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

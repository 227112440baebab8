"""`import FILE... --into DIR`: form exports as region files (SPEC §7, second half)."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity_score.criteria_sets import bundled, load_criteria
from smartcity_score.forms_values import BadCell, read_answer
from smartcity_score.import_job import Settings, import_job
from smartcity_score.models import (
    BooleanIndicator,
    ChoiceIndicator,
    MultiIndicator,
    ScaleIndicator,
)
from smartcity_score.regions import load_region
from smartcity_score.xlsform import (
    NONE_OF_THESE,
    REGION_QUESTIONS,
    evidence_name,
    group_paths,
    quota_tag_keys,
    tag_question,
    xlsform_name,
)
from tests.conftest import DATA, EXAMPLES, REPO, Result

Cli = Callable[..., Result]
SMALL = DATA / "forms" / "small.yaml"
LOADED = load_criteria(SMALL, str(SMALL))

KOBO_HEADER = (
    "start;end;region_id;region_name;region_kind;region_province;region_code;region_tag_pulau;"
    "tata/perda;tata/perda__evidence;tata/status;layanan/_4g/kanal;layanan/_4g/kanal/web;"
    "layanan/_4g/kanal/app;layanan/_4g/kanal/wa;layanan/_4g/kanal/_none;layanan/_4g/tingkat;"
    "layanan/_4g/cakupan;_id;_uuid;_submission_time;_validation_status;_index"
)


def _kobo(*rows: str) -> str:
    return "\n".join([KOBO_HEADER, *rows]) + "\n"


def _region(path: Path) -> Any:
    """A written region file, read with the tool's own loader: it must be valid."""
    return load_region(path, LOADED.criteria, LOADED.scorer.indicators, str(path))


def _answers(path: Path) -> dict[str, Any]:
    """The answers of a written region file, unanswered ones (`null`) left out."""
    return {k: v for k, v in _region(path).answers.items() if v is not None}


def _unasked(file: str, *keys: str) -> str:
    """The warning of an export that answers no indicator among `keys`."""
    return (
        f"{file}:1:1: warning no column answers {len(keys)} indicator(s) of the criteria: "
        f"{', '.join(keys)}; they are unanswered in every region file (is -c the criteria of "
        "this form?) [unanswered-column]\n"
    )


def _import(cli: Cli, tmp_path: Path, name: str, content: str | bytes, *args: str) -> Result:
    export = tmp_path / name
    if isinstance(content, str):
        export.write_text(content, encoding="utf-8")
    else:
        export.write_bytes(content)
    return cli("import", export, "--into", tmp_path / "out", "-c", SMALL, *args)


GOOD = (
    "a;b;kota-satu;Kota Satu;kota;Jawa Barat;32.73;jawa;ya;Perda 1/2021;uji;web app;1;1;0;0;"
    "4;87,5;1;uuid:aaa;2022-03-01T10:00:00;;1"
)


def test_a_kobo_csv_becomes_a_region_file_that_reads_back(cli: Cli, tmp_path: Path) -> None:
    result = _import(cli, tmp_path, "kobo.csv", _kobo(GOOD))
    assert result.code == 0, result.err
    written = tmp_path / "out" / "kota-satu.yaml"
    assert written.read_text(encoding="utf-8") == (
        f"# imported from {tmp_path / 'kobo.csv'} row 2, submission uuid:aaa, "
        "2022-03-01T10:00:00Z\n"
        "schema: smartcity-score/region/v1\n"
        "criteria: small\n"
        "region:\n"
        "  id: kota-satu\n"
        "  name: Kota Satu\n"
        "  kind: kota\n"
        "  province: Jawa Barat\n"
        "  code: '32.73'\n"
        "  tags:\n"
        "    pulau: jawa\n"
        "answers:\n"
        "  perda: true\n"
        "  status: uji\n"
        "  kanal:\n"
        "  - web\n"
        "  - app\n"
        "  tingkat: 4\n"
        "  cakupan: 87.5\n"
        "evidence:\n"
        "  perda: Perda 1/2021\n"
    )
    region = _region(written)
    assert dict(region.answers) == {
        "perda": True,
        "status": "uji",
        "kanal": ["web", "app"],
        "tingkat": 4,
        "cakupan": 87.5,
    }
    assert result.err.endswith(
        "1 export(s) read: 1 region file(s) written, 0 submission(s) with problems, 0 skipped\n"
    )


BAD = (
    "a;b;Kota Dua;;kota;;;jawa;maybe;;jalan terus;web _none;1;0;0;1;4.5;1.234,5;2;uuid:bbb;"
    "kemarin;;2"
)


def test_every_bad_cell_is_a_problem_at_its_row_and_column(cli: Cli, tmp_path: Path) -> None:
    more = "a;b;kota-tiga;Kota Tiga;;;;;;;;zz;;;;;9;-1;3;uuid:ccc;2022-03-02;;3"
    result = _import(cli, tmp_path, "kobo.csv", _kobo(GOOD, BAD, more))
    export = tmp_path / "kobo.csv"
    assert result.code == 1
    assert result.out.replace(str(export), "kobo.csv") == (
        "kobo.csv:3:3: error column 'region_id': region id 'Kota Dua' must start with a "
        "lower-case letter or digit and hold only a-z, 0-9, '_' and '-' [invalid-cell]\n"
        "kobo.csv:3:4: error the region's name ('region_name') is empty [required-answer]\n"
        "kobo.csv:3:9: error column 'tata/perda': 'maybe' is not yes or no (nor ya/tidak, "
        "true/false, 1/0) [invalid-cell]\n"
        "kobo.csv:3:11: error column 'tata/status': 'status' has no option 'jalan terus' (did you mean 'jalan'?); "
        "expected one of belum, uji, jalan [invalid-cell]\n"
        "kobo.csv:3:12: error column 'layanan/_4g/kanal': 'kanal' lists '_none' (none of "
        "these) beside other options [invalid-cell]\n"
        "kobo.csv:3:17: error column 'layanan/_4g/tingkat': 'tingkat' must be a whole number "
        "from 1 to 5, found 4.5 [invalid-cell]\n"
        "kobo.csv:3:18: error column 'layanan/_4g/cakupan': 'cakupan' must be a number, "
        "found '1.234,5' [invalid-cell]\n"
        "kobo.csv:3:21: error column '_submission_time': 'kemarin' is not a time (ISO 8601 "
        "or M/D/YYYY H:MM:SS) [invalid-cell]\n"
        "kobo.csv:4:9: error required indicator 'perda' is not answered [required-answer]\n"
        "kobo.csv:4:12: error column 'layanan/_4g/kanal': 'kanal' has no option 'zz'; "
        "expected one of web, app, wa [invalid-cell]\n"
        "kobo.csv:4:17: error column 'layanan/_4g/tingkat': 'tingkat' must be from 1 to 5, "
        "found 9 [invalid-cell]\n"
        "kobo.csv:4:18: error column 'layanan/_4g/cakupan': 'cakupan' must be at least 0, "
        "found -1 [invalid-cell]\n"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kota-satu.yaml"]
    assert result.err.endswith(
        "1 export(s) read: 1 region file(s) written, 2 submission(s) with problems, 0 skipped\n"
    )


def test_a_row_of_hxl_tags_under_the_header_is_no_submission(cli: Cli, tmp_path: Path) -> None:
    hxl = ";;#loc+id;#loc+name" + ";" * 19
    result = _import(cli, tmp_path, "kobo.csv", _kobo(hxl, GOOD.replace("kota-satu", "kota-x")))
    assert result.code == 0, result.out
    assert f"{tmp_path / 'kobo.csv'} row 3" in (tmp_path / "out" / "kota-x.yaml").read_text()


@pytest.mark.parametrize(
    ("encoding", "warned"),
    [("utf-8", False), ("utf-8-sig", False), ("utf-16", False), ("cp1252", True)],
)
def test_each_encoding_reads_the_same(
    cli: Cli, tmp_path: Path, encoding: str, warned: bool
) -> None:
    content = _kobo(GOOD.replace("Kota Satu", "Kota Satu – Bañuelos"))
    result = _import(cli, tmp_path, "kobo.csv", content.encode(encoding))
    assert result.code == 0
    warning = (
        f"{tmp_path / 'kobo.csv'}:1:1: warning the file is not UTF-8; it was read as "
        "Windows-1252 (save it as UTF-8) [encoding]\n"
    )
    assert result.out == (warning if warned else "")
    assert _region(tmp_path / "out" / "kota-satu.yaml").info.name == "Kota Satu – Bañuelos"


def test_a_comma_csv_with_plain_indicator_ids_and_bare_names(cli: Cli, tmp_path: Path) -> None:
    content = (
        "region_id,region_name,perda,status,kanal,4g,tingkat,cakupan,notes\n"
        'kota-satu,"Kota Satu, Jawa",TRUE,Uji coba,_none,x,3.0,"12,5",hello\n'
    )
    result = _import(cli, tmp_path, "plain.csv", content)
    assert result.code == 0, result.out
    assert _region(tmp_path / "out" / "kota-satu.yaml").info.name == "Kota Satu, Jawa"
    assert _answers(tmp_path / "out" / "kota-satu.yaml") == {
        "perda": True,
        "status": "uji",
        "kanal": [],
        "tingkat": 3,
        "cakupan": 12.5,
    }


def test_an_existing_file_is_overwritten_only_with_force(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    existing = tmp_path / "out" / "kota-satu.yaml"
    existing.write_text("keep me\n")
    result = _import(cli, tmp_path, "kobo.csv", _kobo(GOOD))
    assert result.code == 1
    assert result.out == (
        f"{tmp_path / 'kobo.csv'}:2:3: error {existing} exists; pass --force to overwrite it "
        "[file-exists]\n"
    )
    assert existing.read_text() == "keep me\n"
    result = cli(
        "import", tmp_path / "kobo.csv", "--into", tmp_path / "out", "-c", SMALL, "--force"
    )
    assert result.code == 0
    assert _region(existing).info.name == "Kota Satu"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kota-satu.yaml"]  # no temp file


def _submitted(region_id: str, uuid: str, time: str) -> str:
    return (
        GOOD.replace("kota-satu", region_id)
        .replace("uuid:aaa", uuid)
        .replace("2022-03-01T10:00:00", time)
    )


def test_two_submissions_of_one_region_are_both_rejected(cli: Cli, tmp_path: Path) -> None:
    rows = (
        _submitted("kota-satu", "uuid:1", "2022-03-01T10:00:00"),
        _submitted("kota-dua", "uuid:2", "2022-03-01T10:00:00"),
        _submitted("kota-satu", "uuid:3", "2022-03-02T10:00:00+07:00"),
    )
    result = _import(cli, tmp_path, "kobo.csv", _kobo(*rows))
    export = str(tmp_path / "kobo.csv")
    assert result.code == 1
    assert result.out.replace(export, "kobo.csv") == (
        "kobo.csv:2:3: error region id 'kota-satu' is also submitted in kobo.csv row 4; keep "
        "the latest with --keep latest [duplicate-region]\n"
        "kobo.csv:4:3: error region id 'kota-satu' is also submitted in kobo.csv row 2; keep "
        "the latest with --keep latest [duplicate-region]\n"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kota-dua.yaml"]


def test_keep_latest_keeps_the_latest_by_submission_time(cli: Cli, tmp_path: Path) -> None:
    rows = (
        _submitted("kota-satu", "uuid:1", "2022-03-02T10:00:00+07:00"),  # 03:00 UTC
        _submitted("kota-satu", "uuid:2", "2022-03-02T04:00:00Z"),
        _submitted("kota-dua", "uuid:3", "2022-03-01T10:00:00"),
        _submitted("kota-dua", "uuid:4", "2022-03-01T10:00:00"),
    )
    result = _import(cli, tmp_path, "kobo.csv", _kobo(*rows), "--keep", "latest", "-f", "json")
    export = str(tmp_path / "kobo.csv")
    assert result.code == 1
    data = json.loads(result.out.replace(export, "kobo.csv"))
    assert data["skipped"] == [
        {
            "file": "kobo.csv",
            "row": 2,
            "reason": "an older submission of 'kota-satu' than kobo.csv row 3",
        }
    ]
    assert [(e["line"], e["column"], e["message"]) for e in data["errors"]] == [
        (4, 3, "region id 'kota-dua' is also submitted in kobo.csv row 5 at the same or an "
         "unknown time"),
        (5, 3, "region id 'kota-dua' is also submitted in kobo.csv row 4 at the same or an "
         "unknown time"),
    ]  # fmt: skip
    assert data["written"] == [
        {"file": str(tmp_path / "out" / "kota-satu.yaml"), "from": "kobo.csv", "row": 3}
    ]
    assert (
        "submission uuid:2, 2022-03-02T04:00:00Z"
        in (tmp_path / "out" / "kota-satu.yaml").read_text()
    )


def test_rejected_submissions_are_skipped_and_listed(cli: Cli, tmp_path: Path) -> None:
    rows = (
        GOOD.replace(";;1", ";validation_status_not_approved;1"),
        _submitted("kota-dua", "uuid:2", "2022-03-01T10:00:00").replace(";;1", ";Not Approved;1"),
    )
    result = _import(cli, tmp_path, "kobo.csv", _kobo(*rows), "--format", "json")
    export = str(tmp_path / "kobo.csv")
    assert result.code == 0
    data = json.loads(result.out.replace(export, "kobo.csv"))
    assert data == {
        "files": 1,
        "written": [],
        "skipped": [
            {
                "file": "kobo.csv",
                "row": 2,
                "reason": "_validation_status is validation_status_not_approved",
            },
            {"file": "kobo.csv", "row": 3, "reason": "_validation_status is Not Approved"},
        ],
        "errors": [],
        "warnings": [],
    }
    assert result.err.replace(export, "kobo.csv") == (
        "skipped kobo.csv row 2: _validation_status is validation_status_not_approved\n"
        "skipped kobo.csv row 3: _validation_status is Not Approved\n"
        "1 export(s) read: 0 region file(s) written, 0 submission(s) with problems, 2 skipped\n"
    )


def test_a_header_matching_two_questions_is_an_error_naming_both(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "c.yaml"
    criteria.write_text(
        SMALL.read_text().replace("id: tingkat", "id: tata-perda").replace("id: status", "id: x")
    )
    content = "region_id,region_name,tata-perda\nkota-a,A,1\n"
    (tmp_path / "e.csv").write_text(content)
    result = cli("import", tmp_path / "e.csv", "--into", tmp_path / "out", "-c", criteria)
    assert result.code == 1
    assert result.out == _unasked(
        str(tmp_path / "e.csv"), "perda", "x", "kanal", "tata-perda", "cakupan"
    ) + (
        f"{tmp_path / 'e.csv'}:1:3: error header 'tata-perda' matches two questions: question "
        "'perda' and question 'tata-perda'; rename the column [ambiguous-header]\n"
    )
    assert not any((tmp_path / "out").iterdir())


ODK_HEADER = [
    "SubmissionDate", "region_id", "region_name", "region_tag_pulau", "tata-perda",
    "tata-status", "layanan-_4g-kanal", "layanan-_4g-kanal/web", "layanan-_4g-kanal/app",
    "layanan-_4g-kanal/wa", "layanan-_4g-kanal/_none", "layanan-_4g-tingkat",
    "layanan-_4g-cakupan", "meta-instanceID", "KEY", "SubmitterID", "ReviewState",
]  # fmt: skip


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_an_odk_central_zip_reads_its_main_table(cli: Cli, tmp_path: Path) -> None:
    main = _csv(
        [
            ODK_HEADER,
            ["2022-03-01T10:00:00.000Z", "kota-a", "Kota A", "jawa", "no", "belum", "",
             "0", "0", "0", "0", "", "", "uuid:a", "uuid:a", "5", ""],
            ["2022-03-01T11:00:00.000Z", "kota-b", "Kota B", "bali", "yes", "", "wa app",
             "0", "0", "0", "0", "2", "100", "uuid:b", "uuid:b", "5", "approved"],
            ["2022-03-01T12:00:00.000Z", "kota-c", "Kota C", "bali", "yes", "", "", "", "",
             "", "", "", "", "uuid:c", "uuid:c", "5", "rejected"],
        ]
    )  # fmt: skip
    repeat = _csv([["PARENT_KEY", "KEY"], ["uuid:a", "uuid:a/r[1]"]])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("small.csv", main)
        z.writestr("small-repeat.csv", repeat)
        z.writestr("media/photo.csv", main * 3)
    result = _import(cli, tmp_path, "small.zip", archive.getvalue())
    assert result.code == 0, result.out
    a = _answers(tmp_path / "out" / "kota-a.yaml")
    b = _region(tmp_path / "out" / "kota-b.yaml")
    assert a == {"perda": False, "status": "belum"}  # all-0 options: unanswered
    assert _answers(tmp_path / "out" / "kota-b.yaml") == {
        "perda": True,
        "kanal": ["wa", "app"],
        "tingkat": 2,
        "cakupan": 100,
    }
    assert b.info.tags == {"pulau": "bali"}
    assert not (tmp_path / "out" / "kota-c.yaml").exists()
    assert result.err.endswith(
        f"skipped {tmp_path / 'small.zip'}/small.csv row 4: ReviewState is rejected\n"
        "1 export(s) read: 2 region file(s) written, 0 submission(s) with problems, 1 skipped\n"
    )


def test_per_option_columns_alone_give_the_answer(cli: Cli, tmp_path: Path) -> None:
    header = "region_id,region_name,perda,kanal/web,kanal/app,kanal/wa,kanal/_none\n"
    rows = "a,A,1,1,0,1,0\nb,B,1,0,0,0,1\nc,C,1,0,0,0,0\nd,D,1,1,0,0,1\n"
    result = _import(cli, tmp_path, "p.csv", header + rows)
    assert result.code == 1
    assert result.out == _unasked(str(tmp_path / "p.csv"), "status", "tingkat", "cakupan") + (
        f"{tmp_path / 'p.csv'}:5:4: error columns of 'kanal': 'kanal' lists '_none' (none of "
        "these) beside other options [invalid-cell]\n"
    )
    answers = {n: _region(tmp_path / "out" / f"{n}.yaml").answers.get("kanal") for n in "abc"}
    assert answers == {"a": ["web", "wa"], "b": [], "c": None}


def test_a_google_forms_csv_matches_labels(cli: Cli, tmp_path: Path) -> None:
    content = (
        "Timestamp,Id daerah,Nama daerah,Tanda daerah: pulau,Ada perda?,Service status?,"
        "Kanal layanan?,Tingkat kematangan?,Cakupan 4G (%)?\n"
        '3/1/2022 10:00:00,kota-a,Kota A,jawa,Ya,Uji coba,"WhatsApp, SMS, Situs web",4,"55,5"\n'
        '3/1/2022 11:00:00,kota-b,Kota B,bali,Tidak,Running,"Aplikasi, Tidak satu pun",,\n'
        '3/2/2022 9:05:00,kota-c,Kota C,bali,Yes,,"Situs web, Fax",,\n'
    )
    result = _import(cli, tmp_path, "google.csv", content)
    assert result.out == (
        f"{tmp_path / 'google.csv'}:3:7: error column 'Kanal layanan?': 'kanal' lists '_none' "
        "(none of these) beside other options [invalid-cell]\n"
        f"{tmp_path / 'google.csv'}:4:7: error column 'Kanal layanan?': 'kanal' has no option "
        "'fax'; expected one of web, app, wa [invalid-cell]\n"
    )
    assert _answers(tmp_path / "out" / "kota-a.yaml") == {
        "perda": True,
        "status": "uji",
        "kanal": ["wa", "web"],
        "tingkat": 4,
        "cakupan": 55.5,
    }
    assert (
        (tmp_path / "out" / "kota-a.yaml")
        .read_text()
        .startswith(f"# imported from {tmp_path / 'google.csv'} row 2, 2022-03-01T10:00:00Z\n")
    )


def _workbook(rows: list[list[Any]], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if merge is not None:
        sheet.merge_cells(merge)
    book.create_sheet("other").append(["ignored"])
    saved = io.BytesIO()
    book.save(saved)
    # openpyxl cuts a cell it writes to 32,767 characters; a hostile workbook need not.
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item).replace(b"HUGE", b"C" * (1024 * 1024))
            target.writestr(item, data)
    return out.getvalue()


def test_an_xlsx_export_reads_cells_as_the_workbook_holds_them(cli: Cli, tmp_path: Path) -> None:
    header = ["region_id", "\xa0region_name\xa0", "tata/perda", "layanan/_4g/tingkat",
              "layanan/_4g/cakupan", "tata/status", "_submission_time", "note", ""]  # fmt: skip
    when = datetime(2022, 3, 1, 10, 0, 0)
    rows = [
        header,
        ["kota-a", "Kota\xa0A\xa0", True, 3.0, 1.5e3 / 100, "UJI", when, "x", "y"],
        ["kota-b", "Kota B", 1, 2, datetime(2022, 1, 5), '=HYPERLINK("x")', when, "", ""],
        ["kota-c", "HUGE", "yes", 2.5, "1.5E+1", "belum", "soon", "", ""],
    ]
    result = _import(cli, tmp_path, "kobo.xlsx", _workbook(rows, merge="H1:I1"))
    export = str(tmp_path / "kobo.xlsx")
    assert result.code == 1
    assert result.out.replace(export, "kobo.xlsx") == _unasked("kobo.xlsx", "kanal") + (
        "kobo.xlsx:3:5: error column 'layanan/_4g/cakupan': 'cakupan' must be a number, found "
        "the date 2022-01-05T00:00:00 [invalid-cell]\n"
        "kobo.xlsx:3:6: error column 'tata/status': a formula (the tool never evaluates one); "
        "paste its value instead [invalid-cell]\n"
        "kobo.xlsx:4:2: error column 'region_name': a cell of 1,048,576 characters (at most "
        "32,767) [invalid-cell]\n"
        "kobo.xlsx:4:4: error column 'layanan/_4g/tingkat': 'tingkat' must be a whole number "
        "from 1 to 5, found 2.5 [invalid-cell]\n"
        "kobo.xlsx:4:7: error column '_submission_time': 'soon' is not a time (ISO 8601 or "
        "M/D/YYYY H:MM:SS) [invalid-cell]\n"
    )
    region = _region(tmp_path / "out" / "kota-a.yaml")
    assert region.info.name == "Kota\xa0A"
    assert _answers(tmp_path / "out" / "kota-a.yaml") == {
        "perda": True,
        "tingkat": 3,
        "cakupan": 15.0,
        "status": "uji",
    }
    assert "2022-03-01T10:00:00Z" in (tmp_path / "out" / "kota-a.yaml").read_text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", b"", "the file has no header row [empty-export]"),
        ("x.xlsx", b"not a zip", "not a zip archive: File is not a zip file [unreadable]"),
        ("x.zip", b"PK\x05\x06" + b"\0" * 18, "the archive holds no top-level .csv file [empty-export]"),
        ("x.csv", b"a,b\n1,2\n", "no column holds the region id (question 'region_id'); is this an export of the form? [missing-column]"),
    ],
)  # fmt: skip
def test_an_unreadable_export_is_one_problem(
    cli: Cli, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    result = _import(cli, tmp_path, name, content)
    assert result.code == 1
    errors = [line for line in result.out.splitlines() if ": error " in line]
    assert errors == [f"{tmp_path / name}:1:1: error {message}"]
    assert result.err.endswith(", 1 export(s) not read\n")


# --- the round trip (SPEC §7): answers → a row under the form's names → import → answers --

_TEXT = (
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
_SETS = {name: load_criteria(path, name) for name, path in bundled().items()}


def _answer(indicator: Any) -> st.SearchStrategy[Any]:
    """A valid answer to an indicator, or None (unanswered) where it is not required."""
    if isinstance(indicator, BooleanIndicator):
        value: st.SearchStrategy[Any] = st.booleans()
    elif isinstance(indicator, ChoiceIndicator):
        value = st.sampled_from([o.id for o in indicator.options])
    elif isinstance(indicator, MultiIndicator):
        value = st.permutations([o.id for o in indicator.options]).flatmap(
            lambda ids: st.integers(0, len(ids)).map(lambda n: ids[:n])
        )
    elif isinstance(indicator, ScaleIndicator):
        value = st.integers(indicator.min, indicator.max)
    else:
        low = -1e12 if indicator.min is None else indicator.min
        high = 1e12 if indicator.max is None else indicator.max
        value = st.floats(low, high) | st.integers(math.ceil(low), math.floor(high))
    return value if indicator.required else st.none() | value


def _cell(answer: Any) -> str:
    """An answer as Kobo writes it in its CSV export."""
    if answer is None:
        return ""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, list):
        return " ".join(answer) or NONE_OF_THESE
    return repr(answer) if isinstance(answer, float) else str(answer)


@st.composite
def _submission(
    draw: st.DrawFn, name: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    loaded = _SETS[name]
    region: dict[str, Any] = {
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)),
        "name": draw(_TEXT),
    }
    for key in ("kind", "province", "code"):
        value = draw(st.none() | _TEXT)
        if value is not None:
            region[key] = value
    tags = {key: draw(_TEXT) for key in quota_tag_keys(loaded.criteria)}
    if tags:
        region["tags"] = tags
    indicators = loaded.scorer.indicators
    answers = {key: draw(_answer(indicator)) for key, indicator in indicators.items()}
    evidence = {key: draw(_TEXT) for key in indicators if draw(st.booleans())}
    return region, answers, evidence


def _kobo_row(
    name: str, region: dict[str, Any], answers: dict[str, Any], evidence: dict[str, str]
) -> dict[str, str]:
    paths = group_paths(_SETS[name].criteria)
    row = {question: region.get(key, "") for question, key in REGION_QUESTIONS}
    row.update({tag_question(key): value for key, value in region.get("tags", {}).items()})
    for key, answer in answers.items():
        row["/".join((*paths[key], xlsform_name(key)))] = _cell(answer)
        row["/".join((*paths[key], evidence_name(key)))] = evidence.get(key, "")
    return {**row, "_uuid": "uuid:1", "_submission_time": "2022-03-01T10:00:00Z"}


@pytest.mark.parametrize("name", sorted(_SETS))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), separator=st.sampled_from([",", ";"]))
def test_an_exported_row_imports_back_to_the_same_region(
    name: str, data: st.DataObject, separator: str
) -> None:
    region, answers, evidence = data.draw(_submission(name))
    row = _kobo_row(name, region, answers, evidence)
    loaded = _SETS[name]
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        with export.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, list(row), delimiter=separator)
            writer.writeheader()
            writer.writerow(row)
        report = import_job([str(export)], loaded, Settings(Path(folder) / "out"), _write)
        assert report.problems == []
        target = Path(folder) / "out" / f"{region['id']}.yaml"
        back = load_region(target, loaded.criteria, loaded.scorer.indicators, str(target))
    assert back.info.model_dump(exclude_defaults=True) == region
    assert {k: v for k, v in back.answers.items() if v is not None} == {
        k: v for k, v in answers.items() if v is not None
    }
    assert dict(back.evidence) == evidence


def _write(chunks: list[str], target: Path) -> None:
    target.parent.mkdir(exist_ok=True)
    target.write_text("".join(chunks), encoding="utf-8")


# --- examples/forms/: exports of six example applicants, which import back as they were --

FORMS = EXAMPLES / "forms"
APPLICANTS = EXAMPLES / "applicants-2022"


def _ranking(cli: Cli, folder: Path) -> list[tuple[str, float, int, bool]]:
    result = cli("rank", folder, "-f", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)["results"]
    return [(r["region"]["id"], r["score"], r["rank"], r["selected"]) for r in rows]


@pytest.mark.parametrize(
    ("export", "evidence"),
    [("kobo-export.csv", True), ("odk-central.csv.zip", True), ("google-forms.csv", False)],
)
def test_the_example_exports_import_and_rank_as_the_originals(
    cli: Cli, tmp_path: Path, export: str, evidence: bool
) -> None:
    result = cli("import", FORMS / export, "--into", tmp_path / "in")
    assert result.code == 0, result.out
    imported = sorted(p.name for p in (tmp_path / "in").iterdir())
    assert len(imported) == 6
    originals = tmp_path / "originals"
    originals.mkdir()
    loaded = _SETS["kominfo-readiness-2022"]
    for name in imported:
        (originals / name).write_bytes((APPLICANTS / name).read_bytes())
        back, before = (
            load_region(folder / name, loaded.criteria, loaded.scorer.indicators, name)
            for folder in (tmp_path / "in", originals)
        )
        assert back.info == before.info.model_copy(update={"tags": back.info.tags})
        assert {k: v for k, v in back.answers.items() if v is not None} == {
            k: v for k, v in before.answers.items() if v is not None
        }
        assert dict(back.evidence) == (dict(before.evidence) if evidence else {})
    assert _ranking(cli, tmp_path / "in") == _ranking(cli, originals)


def test_the_example_exports_are_up_to_date() -> None:
    tool = REPO / "tools" / "make_forms.py"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, tool, "--check"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_main_table_of_a_zip_is_named_by_the_form_id(cli: Cli, tmp_path: Path) -> None:
    main = _csv([["region_id", "region_name", "perda"], ["kota-a", "Kota A", "1"]])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("small.csv", main)
        z.writestr("bigger.csv", main * 10)
    result = _import(cli, tmp_path, "x.zip", archive.getvalue())
    assert result.code == 0, result.out  # bigger.csv would hold kota-a ten times
    assert "x.zip/small.csv row 2" in (tmp_path / "out" / "kota-a.yaml").read_text()


def test_another_group_separator(cli: Cli, tmp_path: Path) -> None:
    content = (
        "region_id,region_name,tata.perda,layanan._4g.tingkat,layanan/4g/cakupan\nkota-a,A,no,2,5\n"
    )
    result = _import(cli, tmp_path, "dots.csv", content, "--group-separator", ".")
    assert result.code == 0, result.out
    assert _answers(tmp_path / "out" / "kota-a.yaml") == {
        "perda": False,
        "tingkat": 2,
        "cakupan": 5,
    }


def test_github_annotations_and_a_folder_that_is_a_file(cli: Cli, tmp_path: Path) -> None:
    content = "region_id,region_name,perda\nkota-a,A,x\n"
    result = _import(cli, tmp_path, "e.csv", content, "--format", "github")
    assert result.code == 1
    assert result.out.splitlines()[1:] == [
        f"::error file={tmp_path / 'e.csv'},line=2,col=3::column 'perda': 'x' is not yes or no "
        "(nor ya/tidak, true/false, 1/0) [invalid-cell]"
    ]
    assert result.out.startswith(f"::warning file={tmp_path / 'e.csv'},line=1,col=1::no column")
    (tmp_path / "file").write_text("")
    result = cli("import", tmp_path / "e.csv", "--into", tmp_path / "file", "-c", SMALL)
    assert result.code == 2
    assert result.err == f"smartcity-score: error: --into {tmp_path / 'file'} is not a folder\n"
    result = cli("import", tmp_path / "none.csv", "--into", tmp_path / "out")
    assert (result.code, result.err) == (
        2,
        f"smartcity-score: error: no such file or folder: {tmp_path / 'none.csv'}\n",
    )


def test_hostile_text_stays_text(cli: Cli, tmp_path: Path) -> None:
    name = '=HYPERLINK("http://x")\x07 \u202e\x00 yes'
    rows = [["region_id", "region_name", "perda", "perda__evidence", "region_tag_a b"],
            ["kota-a", name, "1", "null", "&x *y"]]  # fmt: skip
    result = _import(cli, tmp_path, "h.csv", _csv(rows))
    assert result.code == 0, result.out
    region = _region(tmp_path / "out" / "kota-a.yaml")
    assert region.info.name == name
    assert region.info.tags == {"a b": "&x *y"}
    assert dict(region.evidence) == {"perda": "null"}


def test_a_row_the_csv_reader_refuses_is_a_problem_and_reading_goes_on(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smartcity_score.form_files._CSV_FIELD_LIMIT", 40)
    content = "region_id,region_name,perda\nkota-a,A,1\nkota-b," + "B" * 50 + ",1\nkota-c,C,1\n"
    limit = csv.field_size_limit()
    try:
        result = _import(cli, tmp_path, "long.csv", content)
    finally:
        csv.field_size_limit(limit)
    assert result.code == 1
    assert result.out.splitlines()[1:] == [
        f"{tmp_path / 'long.csv'}:3:1: error the row cannot be read as CSV: field larger than "
        "field limit (40) [unreadable]"
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kota-a.yaml", "kota-c.yaml"]


def test_a_pipe_or_a_folder_is_no_export(cli: Cli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "folder.csv").mkdir()
    result = cli(
        "import",
        tmp_path / "pipe.csv",
        tmp_path / "folder.csv",
        "--into",
        tmp_path / "out",
        "-c",
        SMALL,
    )
    assert result.code == 1
    assert result.out == "".join(
        f"{tmp_path / name}:1:1: error not a regular file (a folder, pipe or device) [unreadable]\n"
        for name in ("folder.csv", "pipe.csv")
    )


def test_an_archive_that_would_unpack_too_far_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smartcity_score.form_files.MAX_UNPACKED", 1000)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("small.csv", b"region_id,region_name\n" + b"a,b\n" * 1000)
    result = _import(cli, tmp_path, "bomb.zip", archive.getvalue())
    assert result.code == 1
    assert result.out == (
        f"{tmp_path / 'bomb.zip'}:1:1: error the archive would unpack to 4,022 bytes (at most "
        "1,000) [file-too-large]\n"
    )


def test_a_member_is_capped_while_read_whatever_its_header_claims() -> None:
    from smartcity_score.form_files import _Limited

    stream = io.BufferedReader(_Limited(io.BytesIO(b"x" * 2000), 1000))
    with pytest.raises(OSError, match="unpacks to more than"):
        stream.read()


def test_a_kobo_xlsx_export_imports_as_its_csv_does(cli: Cli, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO((FORMS / "kobo-export.csv").read_text()), delimiter=";"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:  # Kobo's XLSX holds numbers as numbers
        sheet.append([_spreadsheet_value(cell) for cell in row])
    book.save(tmp_path / "kobo.xlsx")
    assert cli("import", tmp_path / "kobo.xlsx", "--into", tmp_path / "xlsx").code == 0
    assert cli("import", FORMS / "kobo-export.csv", "--into", tmp_path / "csv").code == 0
    for path in sorted((tmp_path / "csv").iterdir()):
        from_csv = path.read_text().split("\n", 1)[1]
        assert (tmp_path / "xlsx" / path.name).read_text().split("\n", 1)[1] == from_csv


def _spreadsheet_value(cell: str) -> Any:
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell


def test_a_microsoft_forms_workbook_orders_by_completion_time(cli: Cli, tmp_path: Path) -> None:
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Region id", "Region name",
              "A bylaw?", "Maturity?"]  # fmt: skip
    rows = [
        header,
        [1, datetime(2022, 3, 1, 9), datetime(2022, 3, 1, 10), "anonymous", "", "kota-a", "A",
         "Yes", 2],
        [2, datetime(2022, 3, 2, 9), datetime(2022, 3, 2, 10), "anonymous", "", "kota-a", "A",
         "No", 3],
    ]  # fmt: skip
    result = _import(cli, tmp_path, "ms.xlsx", _workbook(rows), "--keep", "latest")
    assert result.code == 0, result.out
    assert _answers(tmp_path / "out" / "kota-a.yaml") == {"perda": False, "tingkat": 3}
    assert "older submission of 'kota-a' than" in result.err


_INDICATORS = LOADED.scorer.indicators


@pytest.mark.parametrize(
    ("key", "cell", "answer"),
    [
        ("perda", "TIDAK", False), ("perda", "\xa0Ya\xa0", True), ("perda", 0, False),
        ("perda", True, True), ("perda", "", None), ("status", "berjalan", "jalan"),
        ("status", "Not yet", "belum"), ("kanal", "WEB  wa", ["web", "wa"]),
        ("kanal", "WhatsApp, SMS;Aplikasi", ["wa", "app"]), ("kanal", "_none", []),
        ("kanal", "Tidak satu pun", []), ("tingkat", "3.0", 3), ("tingkat", 5.0, 5),
        ("tingkat", "4,0", 4), ("cakupan", "1.5E+1", 15.0), ("cakupan", "87,5", 87.5),
        ("cakupan", "1.234", 1.234), ("cakupan", "-0", 0), ("cakupan", 50, 50),
    ],
)  # fmt: skip
def test_a_cell_reads_as_the_answer(key: str, cell: Any, answer: Any) -> None:
    value = read_answer(_INDICATORS[key], cell)
    assert value == answer
    assert type(value) is type(answer)


@pytest.mark.parametrize(
    ("key", "cell", "message"),
    [
        ("perda", 2, "'2' is not yes or no (nor ya/tidak, true/false, 1/0)"),
        ("kanal", "web web", "'kanal' lists option 'web' more than once"),
        ("kanal", "Situs web, Aplikasi, Fax", "'kanal' has no option 'fax'; expected one of web, app, wa"),
        ("tingkat", "tinggi", "'tingkat' must be a whole number from 1 to 5, found 'tinggi'"),
        ("tingkat", True, "'tingkat' must be a number, found TRUE"),
        ("cakupan", "1,234.5", "'cakupan' must be a number, found '1,234.5'"),
        ("cakupan", "1e999", "number '1e999' is too large for indicator 'cakupan'"),
        ("cakupan", "101", "'cakupan' must be at most 100, found 101"),
        ("cakupan", datetime(2022, 1, 1), "'cakupan' must be a number, found the date 2022-01-01T00:00:00"),
        ("cakupan", "9" * 5000, "number 99999…99999 (5000 digits) is too large for indicator 'cakupan'"),
    ],
)  # fmt: skip
def test_a_bad_cell_says_why(key: str, cell: Any, message: str) -> None:
    with pytest.raises(BadCell) as bad:
        read_answer(_INDICATORS[key], cell)
    assert str(bad.value) == message

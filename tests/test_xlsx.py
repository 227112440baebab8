"""`--format xlsx` (issue 12, point 4): workbooks for officials, read back with openpyxl,
and `--csv-dialect excel-id` for an Indonesian-locale Excel."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from smartcity_score.escape import visible
from smartcity_score.render import xlsx_book
from smartcity_score.render.xlsx_book import MAX_CELL, MAX_WIDTH, Sheet, workbook
from tests.conftest import EXAMPLES, Result

Cli = Callable[..., Result]
APPLICANTS = EXAMPLES / "applicants-2022"
SPBE = EXAMPLES / "spbe-2020"
ERROR = "smartcity-score: error: "
SHEETS_EN = [
    "Ranking",
    "Scores by dimension",
    "Scores by indicator",
    "Invalid files",
    "Warnings",
    "Criteria",
]
SHEETS_ID = [
    "Pemeringkatan",
    "Skor per dimensi",
    "Skor per indikator",
    "Berkas tidak valid",
    "Peringatan",
    "Kriteria",
]


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture(scope="module")
def applicants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 88 applicants ranked once as xlsx (en, id) and JSON: the tests only read them."""
    from smartcity_score.cli import run

    folder = tmp_path_factory.mktemp("ranked")
    out = {"en": folder / "en.xlsx", "id": folder / "id.xlsx", "json": folder / "out.json"}
    assert run(["rank", str(APPLICANTS), "-o", str(out["en"])]) == 0
    assert run(["rank", str(APPLICANTS), "-o", str(out["id"]), "--lang", "id"]) == 0
    assert run(["rank", str(APPLICANTS), "-o", str(out["json"])]) == 0
    return out


def test_rank_writes_one_sheet_per_table_in_english(applicants: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(applicants["en"])

    assert book.sheetnames == SHEETS_EN
    ranking = rows(book["Ranking"])
    assert ranking[0] == (
        "Rank",
        "Region id",
        "Name",
        "Kind",
        "Province",
        "Total",
        "Level",
        "Eligible",
        "Selected",
        "Selected by",
        "Reason",
        "Failed gates",
        "File",
    )
    assert ranking[1] == (
        1,
        "kota-kupang",
        "Kota Kupang",
        "kota",
        "Nusa Tenggara Timur",
        93.188479,
        "Sangat siap",
        True,
        True,
        "merit",
        None,
        None,
        str(APPLICANTS / "kota-kupang.yaml"),
    )
    assert len(ranking) == 1 + 88
    assert rows(book["Criteria"]) == [
        ("Id", "Version", "sha256", "Title"),
        (
            "kominfo-readiness-2022",
            "2022.1",
            "12a4b540563f9874a4a0c2300dd5d174840117f8016ba04d96bd2e9afee93465",
            "Asesmen Kesiapan Gerakan Menuju 100 Smart City (ilustratif, 2022)",
        ),
    ]
    assert rows(book["Invalid files"]) == [("File", "Line", "Column", "Message", "Rule")]
    assert rows(book["Warnings"])[:2] == [
        ("Message",),
        (
            "Kota Gunungsitoli (rank 61) gave up its seat to Kabupaten Bantaeng (rank 62) "
            "for quota 'kabupaten-min'",
        ),
    ]


def test_headers_and_labels_are_indonesian_with_lang_id(applicants: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(applicants["id"])

    assert book.sheetnames == SHEETS_ID
    ranking = rows(book["Pemeringkatan"])
    assert ranking[0] == (
        "Peringkat",
        "Id daerah",
        "Nama",
        "Jenis",
        "Provinsi",
        "Total",
        "Tingkat",
        "Memenuhi syarat",
        "Terpilih",
        "Dasar pemilihan",
        "Alasan",
        "Syarat yang tidak terpenuhi",
        "Berkas",
    )
    assert ranking[1][9] == "prestasi"
    assert rows(book["Berkas tidak valid"]) == [("Berkas", "Baris", "Kolom", "Pesan", "Aturan")]
    assert rows(book["Kriteria"])[0] == ("Id", "Versi", "sha256", "Judul")
    quota = [row[9] for row in ranking[1:] if row[9] and row[9] != "prestasi"]
    assert quota[0] == "kuota kabupaten-min"


def test_every_number_equals_the_json_output(applicants: dict[str, Path]) -> None:
    results = json.loads(applicants["json"].read_text(encoding="utf-8"))["results"]
    book = openpyxl.load_workbook(applicants["en"])
    ranking = rows(book["Ranking"])[1:]
    dimensions = rows(book["Scores by dimension"])
    indicators = rows(book["Scores by indicator"])

    assert [(r[0], r[1], r[5], r[7], r[8]) for r in ranking] == [
        (e["rank"], e["region"]["id"], e["score"], e["eligible"], e["selected"]) for e in results
    ]
    for sheet in (dimensions, indicators):
        ids = sheet[0][3:]
        assert [row[3:] for row in sheet[1:]] == [
            tuple(e["scores"][node] for node in ids) for e in results
        ]
    assert dimensions[0][:6] == ("Rank", "Region id", "Name", "kepemimpinan", "struktur", "sdm")
    assert dimensions[1][:6] == (1, "kota-kupang", "Kota Kupang", 100, 89.37963, 98.555556)
    assert len(indicators[0]) == 3 + 33


def test_numbers_are_numeric_cells_and_the_header_row_is_frozen(
    applicants: dict[str, Path],
) -> None:
    book = openpyxl.load_workbook(applicants["en"])

    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
    ranking = book["Ranking"]
    assert [ranking.cell(2, c).data_type for c in (1, 6, 8, 9)] == ["n", "n", "b", "b"]
    assert book["Scores by indicator"].cell(2, 4).data_type == "n"
    widths = {c: ranking.column_dimensions[c].width for c in "ABCM"}
    # the widest content plus 2: "Rank", a region id, a name; a file name capped at 60
    assert widths == {"A": 6, "B": 30, "C": 30, "M": 62}


def test_the_same_input_gives_the_same_bytes(
    applicants: dict[str, Path], cli: Cli, tmp_path: Path
) -> None:
    again = tmp_path / "again.xlsx"

    assert cli("rank", APPLICANTS, "-o", again).code == 0
    assert again.read_bytes() == applicants["en"].read_bytes()
    # ... and not only within the same two seconds: no time of the run is in the file
    with zipfile.ZipFile(again) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(again).properties
    assert (properties.created, properties.modified) == (datetime(2000, 1, 1),) * 2
    assert properties.creator == "smartcity-score"


def hostile_folder(tmp_path: Path) -> Path:
    """Two SPBE regions whose names and province look like formulas or hold controls."""
    folder = tmp_path / "regions"
    folder.mkdir()
    for stem in ("kota-tegal", "kota-salatiga"):
        shutil.copy(SPBE / f"{stem}.yaml", folder)
    tegal, salatiga = folder / "kota-tegal.yaml", folder / "kota-salatiga.yaml"
    tegal.write_text(
        tegal.read_text().replace("name: Kota Tegal", 'name: "=HYPERLINK(\\"http://x\\")"')
    )
    text = salatiga.read_text().replace("name: Kota Salatiga", 'name: "\\x07bell\\x1b[31m\\u202e"')
    salatiga.write_text(text.replace("province: Jawa Tengah", 'province: "@SUM(A1)"'))
    (folder / "broken.yaml").write_text("region: [\n")
    return folder


def test_hostile_text_stays_text_and_controls_are_shown(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"

    result = cli("rank", hostile_folder(tmp_path), "-o", out)

    assert result.code == 1  # the broken file
    book = openpyxl.load_workbook(out)
    ranking = book["Ranking"]
    names = {ranking.cell(r, 2).value: ranking.cell(r, 3) for r in (2, 3)}
    formula = names["kota-tegal"]
    assert (formula.value, formula.data_type, formula.quotePrefix) == (
        '=HYPERLINK("http://x")',
        "s",
        True,
    )
    controls = names["kota-salatiga"]
    assert (controls.value, controls.data_type) == ("\\x07bell\\x1b[31m\\u202e", "s")
    province = ranking.cell(names["kota-salatiga"].row, 5)
    assert (province.value, province.data_type, province.quotePrefix) == ("@SUM(A1)", "s", True)
    invalid = rows(book["Invalid files"])
    assert len(invalid) == 2
    assert invalid[1][0].endswith("broken.yaml")
    assert isinstance(invalid[1][1], int) and isinstance(invalid[1][2], int)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_any_text_makes_a_workbook_that_reads_back(value: str) -> None:
    """Whatever a cell holds (XML-illegal controls, surrogates), openpyxl writes it, it
    reads back as the visible text, and a formula-looking text stays text."""
    data = workbook([Sheet("S", ["h"], [[value]])])

    cell = openpyxl.load_workbook(io.BytesIO(data))["S"].cell(2, 1)
    assert cell.value == (visible(value) or None)
    assert cell.value is None or cell.data_type == "s"
    assert data == workbook([Sheet("S", ["h"], [[value]])])


def test_a_cell_longer_than_excel_holds_is_cut_with_an_ellipsis() -> None:
    data = workbook([Sheet("S", ["h", "i"], [["x" * 40_000, "y" * MAX_CELL]])])

    sheet = openpyxl.load_workbook(io.BytesIO(data))["S"]
    assert sheet.cell(2, 1).value == "x" * (MAX_CELL - 1) + "…"
    assert sheet.cell(2, 2).value == "y" * MAX_CELL
    assert sheet.column_dimensions["A"].width == MAX_WIDTH + 2


def test_a_sheet_larger_than_excel_holds_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a criteria file of 20,000 tiny indicators would make it (one is within 1 MiB)."""
    monkeypatch.setattr(xlsx_book, "MAX_COLUMNS", 20)
    out = tmp_path / "wide.xlsx"

    result = cli("rank", SPBE, "-o", out)

    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        f"{ERROR}sheet 'Scores by indicator' would have 6 rows and 22 columns, more than "
        "Excel's 1,048,576 by 20; write --format csv or json instead\n"
    )
    assert not out.exists()


def test_assess_writes_its_score_sheets(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "card.xlsx"

    result = cli("assess", SPBE / "kota-tegal.yaml", "--format", "xlsx", "-o", out)

    assert result.code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Score card", *SHEETS_EN[1:3], "Answers", *SHEETS_EN[3:]]
    card = rows(book["Score card"])
    assert card[0] == (
        "Region id",
        "Name",
        "Kind",
        "Province",
        "Total",
        "Indeks SPBE (1–5)",  # the criteria's own text, in its first language (no --lang)
        "Level",
        "Eligible",
        "Failed gates",
        "File",
    )
    assert card[1][:8] == ("kota-tegal", "Kota Tegal", "kota", "Jawa Tengah", 50, 3, "Baik", True)
    answers = rows(book["Answers"])
    assert answers[0] == (
        "Region id",
        "Dimension",
        "Indicator",
        "Question",
        "Answer",
        "Score",
        "Weight",
        "Points",
        "Lost",
        "Evidence",
    )
    assert answers[1] == (
        "kota-tegal",
        "kebijakan_internal",
        "kebijakan_arsitektur_spbe",
        "Tingkat kematangan kebijakan internal Arsitektur SPBE?",
        "3 (Terstandardisasi)",
        50,
        0.043333,
        2.166667,
        2.166667,
        None,
    )
    assert len(answers) == 1 + len(rows(book["Scores by indicator"])[0]) - 2
    assert book["Answers"].cell(2, 7).number_format == "0.0%"


def test_rank_by_group_adds_the_group_and_its_rank(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "g.xlsx"

    assert cli("rank", SPBE, "--group-by", "province", "-o", out).code == 0

    ranking = rows(openpyxl.load_workbook(out)["Ranking"])
    assert ranking[0][-3:] == ("File", "Group", "Rank in group")
    assert ranking[1][:2] + ranking[1][-2:] == (1, "kota-salatiga", "Jawa Tengah", 1)


def test_a_ranking_of_only_invalid_files_is_still_a_ranking(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("region: [\n")
    out = tmp_path / "out.xlsx"

    assert cli("rank", tmp_path / "broken.yaml", "-c", "spbe-2020", "-o", out).code == 1

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS_EN
    assert len(rows(book["Ranking"])) == 1
    assert len(rows(book["Invalid files"])) == 2


@pytest.mark.parametrize(
    "command",
    [
        ("rank", str(SPBE)),
        ("assess", str(SPBE / "kota-tegal.yaml")),
        ("sensitivity", str(SPBE)),
        ("compare", "spbe-2020", "spbe-2020", str(SPBE)),
    ],
    ids=["rank", "assess", "sensitivity", "compare"],
)
def test_xlsx_without_o_is_a_usage_error(command: tuple[str, ...], cli: Cli) -> None:
    result = cli(*command, "--format", "xlsx")

    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}--format xlsx writes a binary file: name it with -o FILE.xlsx\n"


def test_xlsx_to_a_terminal_is_refused(cli: Cli) -> None:
    leader, follower = os.openpty()
    try:
        terminal = os.ttyname(follower)
        result = cli("rank", SPBE, "-f", "xlsx", "-o", terminal)
    finally:
        os.close(leader)
        os.close(follower)

    assert result.code == 2
    assert result.err.endswith(
        f"{ERROR}cannot write {terminal}: it is a terminal, and an .xlsx file is binary\n"
    )


def test_o_never_replaces_an_input(cli: Cli, tmp_path: Path) -> None:
    region = tmp_path / "kota-tegal.xlsx"
    shutil.copy(SPBE / "kota-tegal.yaml", region)

    result = cli("assess", region, "-c", "spbe-2020", "-o", region)

    assert result.code == 2
    assert result.err == f"{ERROR}--output {region} would overwrite the input {region}\n"


def test_an_xlsx_name_for_a_command_without_it_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("validate", SPBE, "-o", tmp_path / "x.xlsx")

    assert result.code == 2
    assert result.err == (
        f"{ERROR}-o {tmp_path / 'x.xlsx'} names a xlsx file, but this command writes only "
        "text, json, github, sarif, csv, markdown; name the file for one of them\n"
    )
    assert not (tmp_path / "x.xlsx").exists()


# --- --csv-dialect excel-id ------------------------------------------------------------------


def test_excel_id_csv_has_a_bom_semicolons_and_decimal_commas(cli: Cli) -> None:
    result = cli("rank", APPLICANTS, "--format", "csv", "--csv-dialect", "excel-id")

    assert result.code == 0
    lines = result.out.split("\r\n")
    assert lines[0].startswith("\ufeffrank;region_id;name;kind;province;file;score;level;")
    assert lines[1] == (
        f"1;kota-kupang;Kota Kupang;kota;Nusa Tenggara Timur;{APPLICANTS}/kota-kupang.yaml;"
        "93,188479;sangat_siap;True;;True;merit;;"
        "100,0;89,37963;87,470581;96,58642"
    )
    assert lines[-1] == ""
    assert len(lines) == 1 + 88 + 1


def test_excel_id_csv_still_defuses_formulas(cli: Cli, tmp_path: Path) -> None:
    result = cli("rank", hostile_folder(tmp_path), "-f", "csv", "--csv-dialect", "excel-id")

    assert ";'@SUM(A1);" in result.out
    assert ';"\'=HYPERLINK(""http://x"")";' in result.out


def test_csv_dialect_needs_the_csv_format(cli: Cli) -> None:
    result = cli("rank", SPBE, "--csv-dialect", "excel-id", "-f", "json")

    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        f"{ERROR}--csv-dialect excel-id applies to --format csv only, not json\n"
    )


# --- sensitivity and compare -----------------------------------------------------------------


def test_sensitivity_sheets_hold_the_json_numbers(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    args = ("sensitivity", APPLICANTS, "--samples", "20")

    assert cli(*args, "-o", out).code == 0
    data = json.loads(cli(*args, "-f", "json").out)

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Summary",
        "Sensitivity",
        "One dimension left out",
        *SHEETS_EN[3:],
    ]
    assert rows(book["Summary"]) == [
        ("Summary",),
        ("20 samples, every weight × uniform [0.8, 1.2], seed 0; 50 seats",),
    ]
    table = rows(book["Sensitivity"])
    assert table[0] == (
        "Rank",
        "Region id",
        "Name",
        "Kind",
        "Province",
        "Total",
        "Eligible",
        "Selected",
        "Median rank",
        "Rank 5%",
        "Rank 95%",
        "P(selected)",
        "File",
    )
    assert [(r[0], r[1], r[5], r[8], r[9], r[10], r[11]) for r in table[1:]] == [
        (
            e["rank"],
            e["region"]["id"],
            e["score"],
            e["median_rank"],
            *e["rank_interval"],
            e["p_selected"],
        )
        for e in data["results"]
    ]
    assert book["Sensitivity"].cell(2, 12).number_format == "0.0%"
    drops = rows(book["One dimension left out"])
    assert [(r[0], r[1]) for r in drops[1:]] == [
        (d["dimension"], d["changed"]) for d in data["one_at_a_time"]
    ]


def test_compare_sheets_hold_the_json_numbers(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    args = ("compare", "kominfo-readiness-2022", EXAMPLES / "kominfo-readiness-2022.2.yaml")

    assert cli(*args, APPLICANTS, "-o", out, "--lang", "id").code == 0
    data = json.loads(cli(*args, APPLICANTS, "-f", "json", "--lang", "id").out)

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Ringkasan", "Daerah", *SHEETS_ID[1:2], *SHEETS_ID[3:]]
    assert rows(book["Ringkasan"])[1] == (data["summary"],)
    regions = rows(book["Daerah"])
    assert regions[0] == (
        "Id daerah",
        "Nama",
        "Peringkat lama",
        "Peringkat baru",
        "Perubahan peringkat",
        "Total lama",
        "Total baru",
        "Perubahan total",
        "Terpilih, lama",
        "Terpilih, baru",
        "Masuk",
        "Keluar",
        "Alasan",
    )
    assert [r[:8] for r in regions[1:]] == [
        (
            e["region"]["id"],
            e["region"]["name"],
            e["old"]["rank"],
            e["new"]["rank"],
            e["rank_change"],
            e["old"]["score"],
            e["new"]["score"],
            e["score_changes"]["total"],
        )
        for e in data["results"]
    ]
    dimensions = rows(book["Skor per dimensi"])
    assert [r[:4] for r in dimensions[1:]] == [
        (d["id"], d["old_weight_share"], d["new_weight_share"], d["mean_change"])
        for d in data["dimensions"]
    ]
    assert [r[1] for r in rows(book["Kriteria"])[1:]] == ["2022.1", "2022.2"]


@pytest.mark.parametrize(
    "args",
    [
        ("rank", str(APPLICANTS), "--group-by", "province"),
        ("assess", str(APPLICANTS / "kota-kupang.yaml")),
        ("sensitivity", str(APPLICANTS), "--samples", "5"),
        (
            "compare",
            "kominfo-readiness-2022",
            str(EXAMPLES / "kominfo-readiness-2022.2.yaml"),
            str(APPLICANTS),
        ),
    ],
    ids=["rank", "assess", "sensitivity", "compare"],
)
def test_an_indonesian_workbook_has_no_english_label(
    args: tuple[str, ...], cli: Cli, tmp_path: Path
) -> None:
    from tests.test_i18n import leaks

    out = tmp_path / "id.xlsx"
    assert cli(*args, "--lang", "id", "-o", out).code == 0

    book = openpyxl.load_workbook(out)
    texts = list(book.sheetnames)
    for sheet in book.worksheets:
        texts += [str(v) for v in next(sheet.iter_rows(values_only=True))]
        texts += [
            str(v)
            for row in sheet.iter_rows(min_row=2, values_only=True)
            for v in row
            if isinstance(v, str)
        ]
    assert leaks("\n".join(texts)) == []


def test_excel_id_csv_holds_the_standard_csv_cell_for_cell(cli: Cli) -> None:
    import csv

    standard = list(csv.reader(io.StringIO(cli("rank", APPLICANTS, "-f", "csv").out)))
    excel = cli("rank", APPLICANTS, "-f", "csv", "--csv-dialect", "excel-id").out
    cells = list(csv.reader(io.StringIO(excel.removeprefix("\ufeff"), newline=""), delimiter=";"))

    assert len(cells) == len(standard) == 1 + 88
    for ours, theirs in zip(cells, standard, strict=True):
        assert [c.replace(",", ".") for c in ours] == theirs  # no text here has a comma

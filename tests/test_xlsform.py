"""`export xlsform`: the criteria as an XLSForm workbook (SPEC §7), checked with pyxform."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyxform.xls2xform import convert

from smartcity_score.criteria_sets import load_criteria
from smartcity_score.escape import spreadsheet_text
from smartcity_score.models import Criteria
from smartcity_score.xlsform import group_paths, id_from_name, sheets, xlsform_name
from smartcity_score.xlsx import write_xlsx
from tests.conftest import CRITERIA, REPO, Result

Cli = Callable[..., Result]

SMALL = """\
schema: smartcity-score/criteria/v1
id: small
version: "1"
title: {id: Formulir kecil, en: Small form}
dimensions:
  - id: tata
    title: {id: Tata kelola, en: Governance}
    dimensions:
      - id: 4g
        title: {id: Jaringan, en: Network}
        indicators:
          - id: perda
            type: boolean
            required: true
            question: {id: Ada perda?, en: A bylaw?}
            help: {id: Sebutkan nomornya., en: Give its number.}
          - id: 5g_status
            type: choice
            question: {id: Status 5G?, en: 5G status?}
            options:
              - {id: belum, score: 0, label: {id: Belum, en: Not yet}}
              - {id: uji, score: 100}
  - id: layanan
    title: {id: Layanan, en: Services}
    indicators:
      - id: kanal
        type: multi
        question: {id: Kanal?, en: Channels?}
        options:
          - {id: web, score: 50, label: {id: Situs, en: Website}}
          - {id: app, score: 50, label: {id: Aplikasi, en: App}}
      - id: matang
        type: scale
        min: 1
        max: 3
        question: {id: Kematangan?, en: Maturity?}
        labels:
          1: {id: Rintisan, en: Initial}
          3: {id: Optimal, en: Optimised}
      - id: puas
        type: scale
        min: 0
        max: 10
        question: {id: Kepuasan?, en: Satisfaction?}
      - id: cakupan
        type: number
        min: 0
        max: 100
        unit: "%"
        question: {id: Cakupan?, en: Coverage?}
        help: {id: Persen penduduk., en: Share of residents.}
        scoring: {method: linear, worst: 0, best: 100}
      - id: anggaran
        type: number
        min: 0.0000001
        question: {id: Anggaran?, en: Budget?}
        scoring: {method: linear, worst: 0, best: 1}
selection:
  count: 2
  quotas:
    - {id: pulau, field: tags.island, max: 1}
"""

ONE_LANGUAGE = """\
schema: smartcity-score/criteria/v1
id: plain
version: "2024.1"
title: Plain form
dimensions:
  - id: umum
    title: General
    indicators:
      - id: ok
        type: boolean
        question: "=HYPERLINK(\\"http://x\\", \\"click\\") ${region_id} \\x07 bell"
        help: "+1 and -1 and @home"
"""

EVIDENCE = (
    "Bukti untuk jawaban di atas",
    "Evidence for the answer above",
    "Dokumen, peraturan atau tautan yang mendukung jawaban (opsional).",
    "A document, regulation or link that backs the answer (optional).",
)
RULE_ID = "huruf kecil, angka, '-' dan '_': mis. kota-pariaman"
RULE_EN = "lower case, digits, '-' and '_': e.g. kota-pariaman"


def _evidence(name: str) -> tuple[str, ...]:
    return ("text", name, *EVIDENCE, "", "", "", "")


SURVEY = [
    (
        "type",
        "name",
        "label::Indonesian (id)",
        "label::English (en)",
        "hint::Indonesian (id)",
        "hint::English (en)",
        "required",
        "constraint",
        "constraint_message::Indonesian (id)",
        "constraint_message::English (en)",
    ),
    (
        "text",
        "region_id",
        "Id daerah",
        "Region id",
        RULE_ID,
        RULE_EN,
        "yes",
        "regex(., '^[a-z0-9][a-z0-9_-]*$')",
        RULE_ID,
        RULE_EN,
    ),
    ("text", "region_name", "Nama daerah", "Region name", "", "", "yes", "", "", ""),
    (
        "text",
        "region_kind",
        "Jenis daerah",
        "Kind of region",
        "mis. kota atau kabupaten",
        "e.g. kota or kabupaten",
        "",
        "",
        "",
        "",
    ),
    ("text", "region_province", "Provinsi", "Province", "", "", "", "", "", ""),
    ("text", "region_code", "Kode wilayah", "Region code", "", "", "", "", "", ""),
    (
        "text",
        "region_tag_island",
        "Tanda daerah: island",
        "Region tag: island",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    ("begin_group", "tata", "Tata kelola", "Governance", "", "", "", "", "", ""),
    ("begin_group", "_4g", "Jaringan", "Network", "", "", "", "", "", ""),
    (
        "select_one yes_no",
        "perda",
        "Ada perda?",
        "A bylaw?",
        "Sebutkan nomornya.",
        "Give its number.",
        "yes",
        "",
        "",
        "",
    ),
    _evidence("perda__evidence"),
    ("select_one _5g_status", "_5g_status", "Status 5G?", "5G status?", "", "", "", "", "", ""),
    _evidence("_5g_status__evidence"),
    ("end_group", "", "", "", "", "", "", "", "", ""),
    ("end_group", "", "", "", "", "", "", "", "", ""),
    ("begin_group", "layanan", "Layanan", "Services", "", "", "", "", "", ""),
    (
        "select_multiple kanal",
        "kanal",
        "Kanal?",
        "Channels?",
        "",
        "",
        "",
        "not(selected(., '_none')) or count-selected(.) = 1",
        "'Tidak satu pun' tidak dapat dipilih bersama pilihan lain.",
        "'None of these' cannot be chosen together with another option.",
    ),
    _evidence("kanal__evidence"),
    ("select_one matang", "matang", "Kematangan?", "Maturity?", "", "", "", "", "", ""),
    _evidence("matang__evidence"),
    (
        "integer",
        "puas",
        "Kepuasan?",
        "Satisfaction?",
        "",
        "",
        "",
        ". >= 0 and . <= 10",
        "dari 0 sampai 10",
        "from 0 to 10",
    ),
    _evidence("puas__evidence"),
    (
        "decimal",
        "cakupan",
        "Cakupan?",
        "Coverage?",
        "Persen penduduk. (dalam %)",
        "Share of residents. (in %)",
        "",
        ". >= 0 and . <= 100",
        "dari 0 sampai 100",
        "from 0 to 100",
    ),
    _evidence("cakupan__evidence"),
    (
        "decimal",
        "anggaran",
        "Anggaran?",
        "Budget?",
        "",
        "",
        "",
        ". >= 0.0000001",
        "dari 0.0000001 sampai ∞",
        "from 0.0000001 to ∞",
    ),
    _evidence("anggaran__evidence"),
    ("end_group", "", "", "", "", "", "", "", "", ""),
]

CHOICES = [
    ("list_name", "name", "label::Indonesian (id)", "label::English (en)"),
    ("yes_no", "yes", "Ya", "Yes"),
    ("yes_no", "no", "Tidak", "No"),
    ("_5g_status", "belum", "Belum", "Not yet"),
    ("_5g_status", "uji", "uji", "uji"),
    ("kanal", "web", "Situs", "Website"),
    ("kanal", "app", "Aplikasi", "App"),
    ("kanal", "_none", "Tidak satu pun", "None of these"),
    ("matang", "1", "Rintisan", "Initial"),
    ("matang", "2", "2", "2"),
    ("matang", "3", "Optimal", "Optimised"),
]


def _sheets(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every sheet as rows of strings ('' for an empty cell), as a form tool reads them."""
    book = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        sheets[sheet.title] = [tuple("" if v is None else v for v in row) for row in rows]
    return sheets


def _pyxform(path: Path) -> list[str]:
    """pyxform's warnings for the workbook (an error raises)."""
    warnings: list[str] = []
    convert(str(path), warnings=warnings)
    return warnings


def _export(cli: Cli, criteria: str | Path, output: Path) -> Result:
    return cli("export", "xlsform", "-c", criteria, "-o", output)


@pytest.mark.parametrize("path", sorted(CRITERIA.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_set_converts_with_pyxform(cli: Cli, tmp_path: Path, path: Path) -> None:
    form = tmp_path / "form.xlsx"
    assert _export(cli, path, form) == Result(0, "", "")
    assert _pyxform(form) == []
    settings = _sheets(form)["settings"]
    assert settings[0] == ("form_title", "form_id", "version", "default_language")
    assert settings[1][1] == path.stem
    assert settings[1][3] == "Indonesian (id)"


def test_small_criteria_rows(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "small.yaml"
    criteria.write_text(SMALL, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert _export(cli, criteria, form).code == 0
    sheets = _sheets(form)
    assert list(sheets) == ["survey", "choices", "settings"]
    assert sheets["survey"] == SURVEY
    assert sheets["choices"] == CHOICES
    assert sheets["settings"] == [
        ("form_title", "form_id", "version", "default_language"),
        ("Formulir kecil", "small", "1", "Indonesian (id)"),
    ]
    assert _pyxform(form) == []


def test_one_language_uses_plain_columns_and_defuses_formulas(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "plain.yaml"
    criteria.write_text(ONE_LANGUAGE, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert _export(cli, criteria, form).code == 0
    sheets = _sheets(form)
    survey = sheets["survey"]
    assert survey[0] == (
        "type",
        "name",
        "label",
        "hint",
        "required",
        "constraint",
        "constraint_message",
    )
    question = next(row for row in survey if row[1] == "ok")
    # Kept as text, word for word: no formula, no reference to a question, no raw control.
    assert question[2] == '=HYPERLINK("http://x", "click") $ {region_id} \\x07 bell'
    assert question[3] == "+1 and -1 and @home"
    assert sheets["settings"] == [
        ("form_title", "form_id", "version"),
        ("Plain form", "plain", "2024.1"),
    ]
    cells = openpyxl.load_workbook(form)["survey"]
    assert {cell.data_type for row in cells.iter_rows() for cell in row if cell.value} == {"s"}
    assert _pyxform(form) == []


def test_same_criteria_same_bytes(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert _export(cli, "kominfo-readiness-2022", first).code == 0
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 400 * 86400)  # another day, same bytes
    assert _export(cli, "kominfo-readiness-2022", second).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_quota_tag_that_cannot_be_a_name(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "bad.yaml"
    criteria.write_text(SMALL.replace("tags.island", "tags.pulau besar"), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert _export(cli, criteria, form) == Result(
        2,
        "",
        "smartcity-score: error: the quotas use the tag 'tags.pulau besar', which cannot be a "
        "question of the form: a tag key takes letters, digits, '_', '.' and '-' only\n",
    )
    assert not form.exists()


def test_an_id_that_collides_with_a_region_question(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "bad.yaml"
    criteria.write_text(SMALL.replace("id: puas", "id: region_code"), encoding="utf-8")
    assert _export(cli, criteria, tmp_path / "form.xlsx") == Result(
        2,
        "",
        "smartcity-score: error: two questions or groups of the form would be named "
        "'region_code'; rename one id\n",
    )


def test_output_is_required_guarded_and_never_a_terminal(cli: Cli, tmp_path: Path) -> None:
    missing = cli("export", "xlsform", "-c", "smart-city-6d")
    assert missing.code == 2
    assert "Missing option '-o' / '--output'" in missing.err
    criteria = tmp_path / "small.yaml"
    criteria.write_text(SMALL, encoding="utf-8")
    assert _export(cli, criteria, criteria) == Result(
        2, "", f"smartcity-score: error: --output {criteria} would overwrite the input {criteria}\n"
    )
    assert criteria.read_text(encoding="utf-8") == SMALL
    assert _export(cli, criteria, tmp_path / "form.json").err == (
        f"smartcity-score: error: -o {tmp_path / 'form.json'} names a json file, but this "
        "command writes only xlsx; name the file for one of them\n"
    )
    leader, follower = os.openpty()
    try:
        terminal = os.ttyname(follower)
        assert _export(cli, criteria, Path(terminal)) == Result(
            2,
            "",
            f"smartcity-score: error: cannot write {terminal}: it is a terminal, and an .xlsx "
            "workbook is binary\n",
        )
    finally:
        os.close(leader)
        os.close(follower)


@settings(max_examples=50)
@given(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True))
def test_names_are_valid_and_undone(node_id: str) -> None:
    name = xlsform_name(node_id)
    assert name[0].isalpha() or name[0] == "_"
    assert id_from_name(name) == node_id


def test_group_paths(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    assert group_paths(load_criteria(path, "small.yaml").criteria) == {
        "perda": ("tata", "_4g"),
        "5g_status": ("tata", "_4g"),
        **{i: ("layanan",) for i in ("kanal", "matang", "puas", "cakupan", "anggaran")},
    }


THREE_LANGUAGES = """\
schema: smartcity-score/criteria/v1
id: tiga
version: "1"
title: {en: Three, id: Tiga, fr: Trois}
dimensions:
  - id: umum
    title: {en: General, id: Umum}
    indicators:
      - id: ok
        type: boolean
        question: {en: Fine?, id: Baik?, fr: Bien ?}
"""


def test_every_language_has_its_columns(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "tiga.yaml"
    criteria.write_text(THREE_LANGUAGES, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert _export(cli, criteria, form).code == 0
    sheets = _sheets(form)
    header = sheets["survey"][0]
    assert header[:5] == (
        "type",
        "name",
        "label::English (en)",
        "label::Indonesian (id)",
        "label::fr (fr)",
    )
    rows = {row[1]: row for row in sheets["survey"]}
    assert rows["umum"][2:5] == ("General", "Umum", "General")  # no French: the first language
    assert rows["ok"][2:5] == ("Fine?", "Baik?", "Bien ?")
    assert rows["ok__evidence"][2:5] == EVIDENCE[1:2] + EVIDENCE[0:1] + EVIDENCE[1:2]
    assert sheets["settings"][1] == ("Three", "tiga", "1", "English (en)")
    assert _pyxform(form) == []


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "fr: Bien ?",
            "'x::y': Bien ?",
            "language code 'x::y' cannot be a column of the form; use a code such as id or en",
        ),
        (
            "fr: Bien ?}\n",
            "fr: Bien ?}\n      - {id: ok__evidence, type: boolean, question: E}\n",
            "two questions or groups of the form would be named 'ok__evidence'; rename one id",
        ),
        (
            "        type: boolean\n",
            "        type: scale\n        min: 0\n        max: 1000\n        labels: {0: none}\n",
            "scale 'ok' has labels and 1001 levels; a form can list at most 1000 choices for "
            "one question",
        ),
        (
            "  - id: umum\n",
            "  - id: meta\n",
            "'meta' cannot name a question or group: form tools keep it for the form's own "
            "metadata; rename that id",
        ),
        (
            "fr: Bien ?}",
            f"fr: {'x' * 32768}}}",
            "a text of 32,768 characters is longer than the 32,767 a workbook cell holds: "
            f"'{'x' * 39}…'",
        ),
        (
            "fr: Bien ?}",
            f"fr: {'😀' * 16384}}}",  # two UTF-16 units each, as Excel counts
            "a text of 32,768 characters is longer than the 32,767 a workbook cell holds: "
            f"'{'😀' * 39}…'",
        ),
    ],
    ids=["language-code", "evidence-name", "wide-scale", "meta", "long-text", "long-emoji"],
)
def test_criteria_that_cannot_be_a_form(
    cli: Cli, tmp_path: Path, old: str, new: str, message: str
) -> None:
    criteria = tmp_path / "bad.yaml"
    criteria.write_text(THREE_LANGUAGES.replace(old, new), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert _export(cli, criteria, form) == Result(2, "", f"smartcity-score: error: {message}\n")
    assert not form.exists()


_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=20, deadline=None)
@given(question=_TEXT, option=_TEXT)
def test_any_text_is_a_valid_form_read_back_as_written(question: str, option: str) -> None:
    data = {
        "schema": "smartcity-score/criteria/v1",
        "id": "t",
        "version": "1",
        "title": {"en": "T", "id": "T"},
        "dimensions": [
            {
                "id": "g",
                "title": {"en": "G", "id": "G"},
                "indicators": [
                    {
                        "id": "c",
                        "type": "choice",
                        "question": {"en": question, "id": question},
                        "options": [
                            {"id": "a", "score": 0.0, "label": option},
                            {"id": "b", "score": 1.0},
                        ],
                    }
                ],
            }
        ],
    }
    workbook = sheets(Criteria.model_validate(data))
    raw = write_xlsx(workbook)
    warnings: list[str] = []
    convert(raw, warnings=warnings, file_type=".xlsx")
    assert warnings == []
    survey = openpyxl.load_workbook(io.BytesIO(raw))["survey"]
    written = next(row for row in survey.iter_rows(values_only=True) if row[1] == "c")
    assert written[2] == written[3] == spreadsheet_text(question.replace("${", "$ {"))


def test_docs_name_the_labels_of_the_region_questions() -> None:
    doc = (REPO / "docs" / "forms.md").read_text(encoding="utf-8")
    for row in SURVEY[1:7]:
        name = row[1].replace("island", "KEY")
        english, indonesian = row[3].replace("island", "KEY"), row[2].replace("island", "KEY")
        line = next(line for line in doc.splitlines() if line.strip().startswith(f"| `{name}` |"))
        assert line.endswith(f"| {english} / {indonesian} |"), line
    assert f"*{EVIDENCE[1]}* / *{EVIDENCE[0]}*" in " ".join(doc.split())

"""`--lang` must be a language the criteria's texts are in, else one usage error (exit 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from smartcity_score.criteria_sets import bundled, load_criteria, text_languages
from tests.conftest import DATA, EXAMPLES, Result

APPLICANTS = EXAMPLES / "applicants-2022"
PARIAMAN = APPLICANTS / "kota-pariaman.yaml"
NO_FRENCH = "smartcity-score: error: criteria kominfo-readiness-2022 has no texts in 'fr'; "
NO_FRENCH += "available: en, id\n"


@pytest.mark.parametrize(
    "args",
    [
        ["rank", APPLICANTS],
        ["assess", PARIAMAN],
        ["template"],
        ["criteria", "show", "kominfo-readiness-2022"],
        ["schema", "region"],
        ["sensitivity", APPLICANTS],
        [
            "compare",
            EXAMPLES.parent / "criteria" / "kominfo-readiness-2022.yaml",
            EXAMPLES / "kominfo-readiness-2022.2.yaml",
            APPLICANTS,
        ],
        ["trend", APPLICANTS, EXAMPLES / "applicants-2023"],
    ],
    ids=lambda args: str(args[0]) if isinstance(args, list) else "",
)
def test_a_language_the_criteria_lack_is_one_usage_error(
    args: list[str | Path], cli: Callable[..., Result]
) -> None:
    result = cli(*args, "--lang", "fr")
    assert (result.code, result.out, result.err) == (2, "", NO_FRENCH)


def test_every_bundled_set_has_english_and_indonesian() -> None:
    for name, path in sorted(bundled().items()):
        assert text_languages(load_criteria(path, name).criteria) == ["en", "id"], name


def test_plain_texts_take_any_language(cli: Callable[..., Result]) -> None:
    criteria = DATA / "valid" / "criteria.yaml"
    assert text_languages(load_criteria(criteria, "c.yaml").criteria) == []
    region = DATA / "valid" / "regions" / "minimal.yaml"
    assert cli("assess", "-c", criteria, region, "--lang", "fr").code == 0


def test_criteria_in_indonesian_only_name_their_one_language(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    text = (DATA / "valid" / "criteria.yaml").read_text(encoding="utf-8")
    criteria = tmp_path / "c.yaml"
    criteria.write_text(text.replace("title: Test criteria", "title: {id: Kriteria uji}"))
    result = cli("template", "-c", criteria, "--lang", "en")
    assert (result.code, result.err) == (
        2,
        "smartcity-score: error: criteria test-kota has no texts in 'en'; available: id\n",
    )
    assert cli("template", "-c", criteria, "--lang", "id").code == 0


def test_the_summary_lines_speak_indonesian(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("validate", APPLICANTS, "--lang", "id").err == (
        "88 berkas divalidasi: 0 tidak valid\n"
    )
    criteria = EXAMPLES.parent / "criteria"
    assert cli("check", criteria, "--lang", "id").err == (
        "5 berkas diperiksa: 0 galat, 0 peringatan\n"
    )
    imported = cli(
        "import", EXAMPLES / "forms" / "kobo-export.csv", "--into", tmp_path, "--lang", "id"
    )
    assert imported.err.splitlines()[-1] == (
        "1 ekspor dibaca: 6 berkas daerah ditulis, 0 kiriman bermasalah, 1 dilewati"
    )
    assert cli("rank", EXAMPLES / "spbe-2020", "--lang", "id").err.splitlines()[0] == (
        "kriteria: spbe-2020 (bawaan), sesuai yang disebut berkas daerah"
    )


def test_why_import_skipped_a_row_is_said_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    export = EXAMPLES / "forms" / "kobo-export.csv"
    said = cli("import", export, "--into", tmp_path / "id", "--lang", "id").err.splitlines()[0]
    assert said == (
        f"dilewati {export} baris 2: _validation_status bernilai validation_status_not_approved"
    )
    english = cli("import", export, "--into", tmp_path / "en").err.splitlines()[0]
    assert (
        english == f"skipped {export} row 2: _validation_status is validation_status_not_approved"
    )


def test_trend_json_words_its_invalid_files_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    for name in ("r1", "r2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "kota-pariaman.yaml").write_text(PARIAMAN.read_text("utf-8"), "utf-8")
    with (tmp_path / "r2" / "kota-pariaman.yaml").open("a", encoding="utf-8") as extra:
        extra.write("bogus: 1\n")
    data = cli("trend", tmp_path / "r1", tmp_path / "r2", "--lang", "id", "-f", "json").out
    (error,) = json.loads(data)["errors"]
    assert (error["line"], error["column"], error["message"]) == (
        56,
        1,
        "kunci tidak dikenal 'bogus'",
    )

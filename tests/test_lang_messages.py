"""Input-file problems in Indonesian with `--lang id`: same rules and positions, the message
worded from the catalogue; English stays as it was (the rest of the suite pins it)."""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.criteria_sets import load_criteria
from smartcity_score.loader import LoadFailed, parse
from smartcity_score.message_catalogue import MESSAGES
from smartcity_score.messages import msg, verbatim
from smartcity_score.problems import Problem
from smartcity_score.regions import InvalidRegion, validate_region
from tests.conftest import DATA, REPO, Result

CRITERIA = DATA / "valid" / "criteria.yaml"
SOURCES = REPO / "src" / "smartcity_score"

REGION = """\
schema: smartcity-score/region/v1
region:
  id: kota-uji
  name: Kota Uji
answers:
  komitmen: true
"""


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    for key, (english, indonesian) in MESSAGES.items():
        assert english.strip() and indonesian.strip(), key
        assert _fields(english) == _fields(indonesian), key


def test_every_key_written_in_the_code_is_in_the_catalogue_and_every_entry_is_used() -> None:
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(SOURCES.rglob("*.py"))
        # The catalogues (`message_catalogue*.py`) quote every key: a key is used only when
        # the rest of the code names it.
        if not path.name.startswith("message_catalogue")
    )
    called = set(re.findall(r"\bmsg\(\s*\"([a-z0-9_]+)\"", code))
    assert called <= set(MESSAGES)
    quoted = set(re.findall(r"\"([a-z0-9_]+)\"", code))
    unused = {key for key in MESSAGES if key not in quoted and not key.startswith("pyyaml_")}
    assert unused == set()


def test_a_message_is_worded_with_its_parameters_in_each_language() -> None:
    hint = msg("did_you_mean", name="province")
    message = msg("unknown_key", key="provnce", hint=hint)
    assert str(message) == "unknown key 'provnce' (did you mean 'province'?)"
    assert message.render("id") == "kunci tidak dikenal 'provnce' (maksud Anda 'province'?)"
    assert message.render("fr") == str(message)
    assert verbatim("{not a field}").render("id") == "{not a field}"
    with pytest.raises(KeyError):
        msg("no-such-message")


def test_a_problem_keeps_english_and_words_the_rest_when_asked() -> None:
    problem = Problem.of("a.yaml", 3, 5, msg("required_answer", id="komitmen"), "required-answer")
    assert problem.message == "required indicator 'komitmen' is not answered"
    assert problem.say(None) == problem.say("en") == problem.message
    assert problem.say("id") == "indikator wajib 'komitmen' belum dijawab"
    assert str(problem) == (
        "a.yaml:3:5: error required indicator 'komitmen' is not answered [required-answer]"
    )
    assert problem.as_dict(lang="id")["message"] == "indikator wajib 'komitmen' belum dijawab"
    untranslated = Problem("a.yaml", 1, 1, "in English only", "some-rule")
    assert untranslated.say("id") == "in English only"


# (what the region file holds, the one problem `validate --lang id` prints for it)
CASES = {
    "unknown-key": (
        REGION.replace("  name: Kota Uji\n", "  name: Kota Uji\n  kinds: kota\n"),
        "r.yaml:5:3: error kunci tidak dikenal 'kinds' (maksud Anda 'kind'?)",
    ),
    "missing-key": (
        REGION.replace("  name: Kota Uji\n", ""),
        "r.yaml:3:3: error kunci wajib 'name' tidak ada",
    ),
    "wrong-type": (
        REGION.replace("name: Kota Uji", "name: [a]"),
        "r.yaml:4:9: error 'name' harus berupa teks, ditemukan sebuah daftar",
    ),
    "boolean": (
        REGION.replace("komitmen: true", "komitmen: 3"),
        "r.yaml:6:13: error 'komitmen' harus berupa true atau false, ditemukan 3 (bilangan bulat)",
    ),
    "scale-range": (
        REGION + "  kesiapan_sdm: 9\n",
        "r.yaml:7:17: error 'kesiapan_sdm' harus dari 1 sampai 5, ditemukan 9",
    ),
    "number-at-most": (
        REGION + "  cakupan_4g_pct: 100.5\n",
        "r.yaml:7:19: error 'cakupan_4g_pct' harus paling banyak 100, ditemukan 100.5",
    ),
    "number-type": (
        REGION + "  cakupan_4g_pct: banyak\n",
        "r.yaml:7:19: error 'cakupan_4g_pct' harus berupa angka, ditemukan 'banyak' (teks)",
    ),
    "choice": (
        REGION + "  regulasi: drf\n",
        "r.yaml:7:13: error 'regulasi' tidak memiliki opsi 'drf' (maksud Anda 'draf'?); "
        "seharusnya salah satu dari belum, draf, ditetapkan",
    ),
    "multi-twice": (
        REGION + "  layanan: [perizinan, perizinan]\n",
        "r.yaml:7:24: error 'layanan' memuat opsi 'perizinan' lebih dari sekali",
    ),
    "unknown-indicator": (
        REGION + "  komitmn: true\n",
        "r.yaml:7:3: error indikator tidak dikenal 'komitmn' (maksud Anda 'komitmen'?)",
    ),
    "required-answer": (
        REGION.replace("  komitmen: true\n", "  regulasi: draf\n"),
        "r.yaml:5:1: error indikator wajib 'komitmen' belum dijawab",
    ),
    "duplicate-key": (
        REGION + "  komitmen: false\n",
        "r.yaml:7:3: error kunci ganda 'komitmen' (pertama kali ditulis pada baris 6)",
    ),
    "yaml-syntax": (
        REGION + "  regulasi: draf: lagi\n",
        "r.yaml:7:17: error kesalahan sintaks YAML: nilai pemetaan tidak diperbolehkan dalam "
        "konteks ini",
    ),
    "tab": (
        REGION + "\tregulasi: draf\n",
        "r.yaml:7:1: error kesalahan sintaks YAML: tab tidak dapat dipakai untuk indentasi "
        "atau mengawali nilai; gunakan spasi",
    ),
    "empty": (
        "",
        "r.yaml:1:1: error berkas kosong; seharusnya berisi pemetaan kunci ke nilai",
    ),
    "not-a-mapping": (
        "- a\n- b\n",
        "r.yaml:1:1: error berkas harus berisi satu pemetaan kunci ke nilai di tingkat "
        "teratas, ditemukan sebuah daftar",
    ),
    "placeholder": (
        REGION.replace("kota-uji", "region-id"),
        "r.yaml:3:7: error region.id masih berisi contoh isian templat 'region-id': isilah",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_words_each_problem_in_indonesian(
    case: str,
    cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, expected = CASES[case]
    (tmp_path / "r.yaml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    indonesian = cli("validate", "-c", CRITERIA, "r.yaml", "--lang", "id")
    english = cli("validate", "-c", CRITERIA, "r.yaml")
    assert (indonesian.code, indonesian.out) == (1, expected + "\n")
    # Only the message changes: the same rule at the same place, and English as before.
    assert _where(indonesian.out) == _where(english.out)
    assert "kunci" not in english.out and "berkas" not in english.out


def _where(output: str) -> list[str]:
    return re.findall(r"^(\S+:\d+:\d+): ", output, re.MULTILINE)


def test_files_that_cannot_be_read_are_worded_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipa.yaml")
    (folder / "besar.yaml").write_bytes(b"a: " + b"x" * (1024 * 1024 + 10) + b"\n")
    (folder / "utf16.yaml").write_bytes("a: b\n".encode("utf-16"))
    (folder / "latin.yaml").write_bytes(b"a: caf\xe9\n")
    (tmp_path / "luar.yaml").write_text(REGION, encoding="utf-8")
    (folder / "tautan.yaml").symlink_to(tmp_path / "luar.yaml")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "-c", CRITERIA, "in", "--lang", "id")
    real = (tmp_path / "luar.yaml").resolve()
    assert result.out.splitlines() == [
        "in/besar.yaml:1:1: error ukuran berkas 1.0 MiB; batasnya 1 MiB",
        "in/latin.yaml:1:7: error berkas bukan UTF-8 yang valid (bita 0xe9); simpan sebagai UTF-8",
        "in/pipa.yaml:1:1: error bukan berkas biasa (sebuah pipa bernama)",
        f"in/tautan.yaml:1:1: error tautan mengarah ke luar in/ (ke {real}); tidak diikuti "
        "(gunakan --follow-links untuk mengikutinya)",
        "in/utf16.yaml:1:1: error berkas berenkode UTF-16; simpan sebagai UTF-8",
    ]


def test_every_format_words_messages_and_keeps_machine_fields(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.yaml").write_text(REGION + "  komitmn: true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    words = "indikator tidak dikenal 'komitmn' (maksud Anda 'komitmen'?)"
    data = json.loads(cli("validate", "-c", CRITERIA, "r.yaml", "-f", "json", "--lang", "id").out)
    assert data["errors"] == [{"file": "r.yaml", "line": 7, "column": 3, "message": words}]
    github = cli("validate", "-c", CRITERIA, "r.yaml", "-f", "github", "--lang", "id").out
    assert github == f"::error file=r.yaml,line=7,col=3::{words}\n"
    sarif = json.loads(cli("validate", "-c", CRITERIA, "r.yaml", "-f", "sarif", "--lang", "id").out)
    result = sarif["runs"][0]["results"][0]
    assert (result["ruleId"], result["message"]["text"]) == ("unknown-indicator", words)
    csv = cli("validate", "-c", CRITERIA, "r.yaml", "-f", "csv", "--lang", "id").out
    assert csv.splitlines()[1] == f"r.yaml,7,3,error,{words},unknown-indicator"
    markdown = cli("validate", "-c", CRITERIA, "r.yaml", "-f", "markdown", "--lang", "id").out
    assert words.replace("'", "&#39;") in markdown or words in markdown


def test_rank_lists_invalid_files_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.yaml").write_text(REGION + "  kesiapan_sdm: 9\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(cli("rank", "-c", CRITERIA, "r.yaml", "-f", "json", "--lang", "id").out)
    assert data["errors"] == [
        {
            "file": "r.yaml",
            "line": 7,
            "column": 17,
            "message": "'kesiapan_sdm' harus dari 1 sampai 5, ditemukan 9",
        }
    ]


def test_assess_lists_the_problems_of_its_file_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.yaml").write_text(REGION + "  regulasi: 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("assess", "-c", CRITERIA, "r.yaml", "--lang", "id", "-f", "markdown")
    assert result.code == 1
    assert (
        "| r.yaml | 7 | 13 | 'regulasi' harus salah satu dari belum, draf, "
        "ditetapkan; ditemukan 2 (bilangan bulat) |"
    ) in result.out


def test_an_invalid_criteria_file_is_reported_in_indonesian_before_any_output(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "c.yaml").write_text("schema: [\n", encoding="utf-8")
    (tmp_path / "r.yaml").write_text(REGION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("rank", "-c", "c.yaml", "r.yaml", "--lang", "id")
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines()[0].startswith("c.yaml:2:1: error kesalahan sintaks YAML: ")


def test_check_words_yaml_problems_of_a_criteria_file_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    criteria = tmp_path / "c.yaml"
    criteria.write_text(CRITERIA.read_text(encoding="utf-8") + "id: lagi\n", encoding="utf-8")
    result = cli("check", criteria, "--lang", "id")
    assert f"{criteria}:" in result.out
    assert "kunci ganda 'id' (pertama kali ditulis pada baris 5)" in result.out


LINES = st.sampled_from(
    [
        "  komitmen: 3\n",
        "  komitmn: true\n",
        "  regulasi: drf\n",
        "  kesiapan_sdm: 0\n",
        "  cakupan_4g_pct: '1e3'\n",
        "  layanan: [x, 1, x]\n",
        "  komitmen: false\n",
        "  &a kecepatan_mbps: 1\n",
        "  kecepatan_mbps: !!str 1\n",
        "  : kosong\n",
        "  ? [a]\n  : b\n",
        "  kecepatan_mbps: .nan\n",
        "\tx: 1\n",
        "  x: [\n",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(LINES, max_size=5))
def test_indonesian_changes_only_the_words(lines: list[str]) -> None:
    """Whatever the file holds, both languages report the same problems at the same places,
    and English is the message each problem keeps."""
    loaded = load_criteria(CRITERIA, str(CRITERIA))
    problems: list[Problem] = []
    try:
        document = parse(REGION + "".join(lines), "r.yaml")
        validate_region(document, loaded.criteria, loaded.scorer.indicators)
    except (LoadFailed, InvalidRegion) as invalid:
        problems = invalid.problems
    for problem in problems:
        assert problem.say("en") == problem.message
        if problem.wording is not None:
            assert str(problem.wording) == problem.message
            assert problem.say("id") != problem.message or "{" not in problem.say("id")


def test_pyyaml_words_are_translated_when_known_and_kept_otherwise(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text("a: {x\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("a: *\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "-c", CRITERIA, "a.yaml", "b.yaml", "--lang", "id").out == (
        "a.yaml:2:1: error kesalahan sintaks YAML: tanda ',' atau '}' yang diharapkan tidak "
        "ditemukan (saat mengurai pemetaan alir)\n"
        "b.yaml:1:5: error kesalahan sintaks YAML: did not find expected alphabetic or numeric "
        "character (while scanning an alias)\n"
    )


def test_import_words_the_problems_of_a_submission_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    from tests.test_import import _import, _kobo, _submitted

    rows = (
        _submitted("kota-satu", "uuid:1", "2022-03-01T10:00:00"),
        _submitted("kota-satu", "uuid:3", "2022-03-02T10:00:00+07:00"),
    )
    result = _import(cli, tmp_path, "kobo.csv", _kobo(*rows), "--lang", "id")
    export = str(tmp_path / "kobo.csv")
    assert result.out.replace(export, "kobo.csv") == (
        "kobo.csv:2:3: error id daerah 'kota-satu' juga dikirim di kobo.csv baris 3; simpan "
        "yang terbaru dengan --keep latest [duplicate-region]\n"
        "kobo.csv:3:3: error id daerah 'kota-satu' juga dikirim di kobo.csv baris 2; simpan "
        "yang terbaru dengan --keep latest [duplicate-region]\n"
    )


def test_compare_and_sensitivity_list_invalid_files_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.yaml").write_text(REGION + "  komitmn: true\n", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(REGION.replace("kota-uji", "kota-dua"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    words = "indikator tidak dikenal 'komitmn' (maksud Anda 'komitmen'?)"
    compared = cli("compare", CRITERIA, CRITERIA, ".", "-f", "json", "--lang", "id").out
    assert json.loads(compared)["errors"] == [
        {"file": "./r.yaml", "line": 7, "column": 3, "message": words}
    ]
    args = ("sensitivity", ".", "-c", CRITERIA, "--samples", "2", "-f", "markdown")
    markdown = cli(*args, "--lang", "id").out
    assert f"- ./r.yaml:7:3: error {words} \\[unknown-indicator\\]\n" in markdown


def test_a_criteria_file_s_own_rules_are_worded_in_indonesian(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    criteria = tmp_path / "c.yaml"
    levels = "levels:\n  - {id: siap, label: Siap}\n"
    criteria.write_text(CRITERIA.read_text(encoding="utf-8") + levels, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(REGION, encoding="utf-8")
    english = cli("rank", "-c", criteria, tmp_path / "r.yaml")
    indonesian = cli("rank", "-c", criteria, tmp_path / "r.yaml", "--lang", "id")
    line = indonesian.err.splitlines()[0]
    assert (indonesian.code, line.split(": ", 1)[1]) == (
        2,
        "error tingkat 'siap' memerlukan tepat satu dari 'at_least' atau 'above' [level-form]",
    )
    assert english.err.splitlines()[0].split(": ", 1)[1] == (
        "error level 'siap' needs exactly one of 'at_least' or 'above' [level-form]"
    )

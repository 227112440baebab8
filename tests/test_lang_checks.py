"""`check --lang id`: the criteria lint rules worded in Indonesian, at the same places and under
the same rules; English stays as `tests/data/criteria-invalid/*.expected` pins it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.checks import listed
from smartcity_score.criteria_sets import validate_bytes
from tests.conftest import DATA, Result

INVALID = DATA / "criteria-invalid"
CASES = sorted(INVALID.glob("*.yaml"))

# (a broken criteria file of `criteria-invalid`, the lines `check --lang id` prints for it)
INDONESIAN = {
    "gate-type": [
        "gate-type.yaml:37:5: error 'at_least' membandingkan angka, tetapi 'plan' adalah "
        "indikator choice; gunakan 'equals' atau 'in' [gate-type]",
        "gate-type.yaml:40:13: error nilai syarat 'adoptd' (teks) bukan jawaban yang sah untuk "
        "'plan' (maksud Anda 'adopted'?); seharusnya salah satu dari none, draft, adopted "
        "[gate-type]",
        "gate-type.yaml:43:13: error nilai syarat 'yes' (teks) bukan jawaban yang sah untuk "
        "'ready'; seharusnya true atau false [gate-type]",
        "gate-type.yaml:46:16: error nilai syarat 6 (bilangan bulat) bukan jawaban yang sah "
        "untuk 'maturity'; seharusnya bilangan bulat dari 1 sampai 5 [gate-type]",
        "gate-type.yaml:49:13: error nilai syarat 150 (bilangan bulat) bukan jawaban yang sah "
        "untuk 'coverage'; seharusnya angka dari 0 sampai 100 [gate-type]",
    ],
    "gate-unpassable": [
        "gate-unpassable.yaml:37:15: warning syarat 'very-mature' memerlukan 'maturity' paling "
        "sedikit 6, tetapi nilai maksimumnya 5 [gate-unpassable]",
        "gate-unpassable.yaml:40:14: warning syarat 'negative-coverage' memerlukan 'coverage' "
        "paling banyak -1, tetapi nilai minimumnya 0 [gate-unpassable]",
        "gate-unpassable.yaml:43:9: warning syarat 'nothing-listed' tidak mencantumkan nilai apa "
        "pun dalam 'in', sehingga tidak ada jawaban yang dapat memenuhinya [gate-unpassable]",
        "gate-unpassable.yaml:47:14: warning syarat 'narrow' memerlukan skor paling sedikit 60 "
        "dan paling banyak 40, sehingga tidak ada skor yang dapat memenuhinya [gate-unpassable]",
        "gate-unpassable.yaml:50:14: warning syarat 'below-zero' memerlukan skor paling banyak "
        "-5, padahal skor berkisar 0–100 [gate-unpassable]",
    ],
    "levels-floor": [
        "levels-floor.yaml:14:28: error tingkat 'beyond' at_least 120 berada di luar 0–100 "
        "[levels-floor]",
        "levels-floor.yaml:16:25: error tingkat terakhir 'low' harus memiliki at_least 0, "
        "ditemukan 10, agar setiap total memiliki tingkat [levels-floor]",
    ],
    "unreachable-level": [
        "unreachable-level.yaml:22:25: warning tingkat 'top' memerlukan total paling sedikit "
        "90, tetapi total tertinggi yang mungkin adalah 85 [unreachable-level]",
    ],
    "quota-field": [
        "quota-field.yaml:17:14: error bidang kuota 'provinse' harus berupa kind, province atau "
        "tags.KEY (maksud Anda 'province'?) [quota-field]",
        "quota-field.yaml:20:14: error bidang kuota 'tags.' harus berupa kind, province atau "
        "tags.KEY [quota-field]",
    ],
    "quota-min-exceeds-count": [
        "quota-min-exceeds-count.yaml:27:12: error jumlah nilai min kuota adalah 12, melebihi "
        "jumlah kursi seleksi 10 [quota-min-exceeds-count]",
    ],
    "negative-weight": [
        "negative-weight.yaml:8:13: error bobot -1 pada kelompok 'dim' bernilai negatif; "
        "gunakan 0 atau lebih [negative-weight]",
    ],
    "zero-weight": [
        "zero-weight.yaml:11:17: warning bobot 0: indikator 'ready' tidak pernah dihitung dalam "
        "skor induknya [zero-weight]",
    ],
    "missing-language": [
        "missing-language.yaml:7:12: warning teks ini berupa teks polos, padahal teks lain "
        "tersedia dalam bahasa en dan id [missing-language]",
        "missing-language.yaml:12:11: warning teks ini tidak memiliki versi en; teks lain "
        "memiliki versi en dan id [missing-language]",
    ],
    "duplicate-option-id": [
        "duplicate-option-id.yaml:15:18: error opsi ganda 'draft' (dipakai lagi pada baris 16) "
        "[duplicate-option-id]",
        "duplicate-option-id.yaml:16:18: error opsi ganda 'draft' (pertama kali dipakai pada "
        "baris 15) [duplicate-option-id]",
    ],
    "linear-outside-range": [
        "linear-outside-range.yaml:15:42: warning nilai worst linear -10 berada di bawah min "
        "angka 0; tidak ada jawaban sah yang mendapat skor 0 [linear-outside-range]",
        "linear-outside-range.yaml:15:53: warning nilai best linear 120 berada di atas max "
        "angka 100; tidak ada jawaban sah yang mendapat skor 100 [linear-outside-range]",
    ],
    "option-score-range": [
        "option-score-range.yaml:13:20: error score_yes 120 berada di luar 0–100 "
        "[option-score-range]",
        "option-score-range.yaml:14:19: error score_no -5 berada di luar 0–100 "
        "[option-score-range]",
        "option-score-range.yaml:21:34: error skor opsi 100.5 berada di luar 0–100 "
        "[option-score-range]",
        "option-score-range.yaml:31:33: error skor rentang 150 berada di luar 0–100 "
        "[option-score-range]",
    ],
    "too-few-options": [
        "too-few-options.yaml:14:11: error indikator choice 'plan' hanya memiliki 1 opsi; "
        "diperlukan paling sedikit 2 [too-few-options]",
        "too-few-options.yaml:19:18: error indikator multi 'services' tidak memiliki opsi; "
        "diperlukan paling sedikit 1 [too-few-options]",
    ],
    "unknown-reference": [
        "unknown-reference.yaml:36:13: error answer syarat 'plam' tidak menunjuk indikator mana "
        "pun (maksud Anda 'plan'?) [unknown-reference]",
        "unknown-reference.yaml:39:13: error answer syarat 'dim' adalah kelompok; ujilah "
        "kelompok dengan 'score', dan jawaban indikator dengan 'answer' [unknown-reference]",
        "unknown-reference.yaml:42:12: error score syarat 'totl' tidak menunjuk kelompok atau "
        "indikator mana pun, dan bukan 'total' (maksud Anda 'total'?) [unknown-reference]",
        "unknown-reference.yaml:44:21: error penentu seri 'coverag' tidak menunjuk kelompok atau "
        "indikator mana pun (maksud Anda 'coverage'?) [unknown-reference]",
    ],
    "bands-order": [
        "bands-order.yaml:20:22: error awal rentang 50 harus lebih besar daripada awal rentang "
        "sebelumnya, yaitu 50 [bands-order]",
    ],
}

Cli = Callable[..., Result]


@pytest.mark.parametrize("case", sorted(INDONESIAN))
def test_check_words_each_rule_in_indonesian(
    case: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    indonesian = cli("check", "--format", "text", "--lang", "id", f"{case}.yaml")
    english = cli("check", "--format", "text", f"{case}.yaml")
    assert indonesian.out.splitlines() == INDONESIAN[case]
    assert english.out == (INVALID / f"{case}.expected").read_text(encoding="utf-8")
    assert indonesian.code == english.code
    assert _places(indonesian.out) == _places(english.out)


def _places(output: str) -> list[tuple[str, str]]:
    """Each line's `file:line:column: severity` and `[rule]`: all but the words."""
    return re.findall(r"^(\S+:\d+:\d+: \w+) .* (\[[a-z-]+\])$", output, re.MULTILINE)


def test_every_broken_file_keeps_its_places_and_rules_in_indonesian(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    names = [case.name for case in CASES]
    indonesian = cli("check", "--format", "text", "--lang", "id", *names)
    english = cli("check", "--format", "text", *names)
    assert _places(indonesian.out) == _places(english.out)
    assert len(_places(english.out)) == len(english.out.splitlines())


def test_machine_formats_carry_the_indonesian_words(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    words = "bobot -1 pada kelompok 'dim' bernilai negatif; gunakan 0 atau lebih"
    data = json.loads(cli("check", "-f", "json", "--lang", "id", "negative-weight.yaml").out)
    assert [problem["message"] for problem in data["errors"]] == [words]
    sarif = json.loads(cli("check", "-f", "sarif", "--lang", "id", "negative-weight.yaml").out)
    result = sarif["runs"][0]["results"][0]
    assert (result["ruleId"], result["message"]["text"]) == ("negative-weight", words)
    github = cli("check", "-f", "github", "--lang", "id", "negative-weight.yaml").out
    assert github == (
        f"::error file=negative-weight.yaml,line=8,col=13::{words} [negative-weight]\n"
    )


def test_a_list_of_words_joins_with_and_or_dan() -> None:
    assert str(listed(["en"])) == listed(["en"]).render("id") == "en"
    assert str(listed(["en", "id"])) == "en and id"
    assert listed(["en", "id", "fr"]).render("id") == "en, id dan fr"


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
NUMBER = re.compile(r"(?<=: )-?\d+(\.\d+)?(?=\s*$)", re.MULTILINE)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CASES), st.lists(st.integers(-20, 220), min_size=1, max_size=40))
def test_every_problem_check_finds_is_worded_in_both_languages(
    case: Path, numbers: list[int]
) -> None:
    """Whatever numbers a broken file holds, every problem has a catalogue wording whose
    English is the problem's message and whose Indonesian is filled in."""
    drawn = iter(numbers * 40)
    text = NUMBER.sub(
        lambda _: str(next(drawn)), case.read_text(encoding="utf-8", errors="replace")
    )
    for problem in validate_bytes(text.encode("utf-8"), case.name):
        assert problem.wording is not None, problem
        assert str(problem.wording) == problem.message
        indonesian = problem.say("id")
        assert indonesian.strip() and not PLACEHOLDER.search(indonesian)

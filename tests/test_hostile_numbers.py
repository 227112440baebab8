"""Hostile numbers (issue 16, classes 2, 7 and 9): huge integers, numbers at the edges of
float64, numbers YAML 1.1 reads as text, and ids shared by nodes of different types.

Case ids start with `cN-`, N the class of issue 16 they belong to. Every case runs the
real command line and asserts the exit code, the exact located problems, and that the
valid files were still ranked.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartcity_score.engine import Scorer
from smartcity_score.models import Criteria
from smartcity_score.yaml_events import read_clean
from tests.conftest import DATA, Result

Cli = Callable[..., Result]

BASE_CRITERIA = (DATA / "valid" / "criteria.yaml").read_text(encoding="utf-8")
VALID_REGIONS = ("complete.yaml", "minimal.yaml")  # ids kota-lengkap, kabupaten-minimal
BIG = "9" * 400
BIG_SHOWN = "99999…99999 (400 digits)"
HUGE_TEXT = "9" * 5000  # beyond Python's int-from-text limit
# Over Python's 4300-digit limit the YAML reader itself refuses the integer.
LOADER_TOO_LONG = "integer with 5000 digits is too large; at most 4300 digits are read"


def _criteria(*edits: tuple[str, str]) -> str:
    """The test criteria with each `(old, new)` edit made; `old` must occur exactly once."""
    text = BASE_CRITERIA
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _folder(tmp_path: Path, bad: str | None = None) -> Path:
    """`in/` holding the two valid test regions, and `bad.yaml` when given."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in VALID_REGIONS:
        shutil.copy(DATA / "valid" / "regions" / name, folder / name)
    if bad is not None:
        (folder / "bad.yaml").write_text(bad, encoding="utf-8")
    return folder


def _located(data: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(e["file"], e["line"], e["column"], e["message"]) for e in data["errors"]]


def _ranked(data: dict[str, Any]) -> list[str]:
    return [result["region"]["id"] for result in data["results"]]


# --- class 2: a number in one region file never stops the batch ----------------------------

ENVELOPE = "schema: smartcity-score/region/v1\nregion:\n  id: kota-bad\n  name: Kota Bad\n"


def _answers(line: str) -> str:
    """A region file whose answers are `komitmen: true` (line 6) and `line` (line 7)."""
    return f"{ENVELOPE}answers:\n  komitmen: true\n  {line}\n"


REGION_CASES: dict[str, tuple[str, int, int, str]] = {
    "c2-int-400-digits": (
        _answers(f"cakupan_4g_pct: {BIG}"),
        7,
        19,
        f"number {BIG_SHOWN} is too large for indicator 'cakupan_4g_pct'",
    ),
    "c2-int-400-digits-no-max": (
        _answers(f"kecepatan_mbps: {BIG}"),
        7,
        19,
        f"number {BIG_SHOWN} is too large for indicator 'kecepatan_mbps'",
    ),
    "c2-negative-int-400-digits": (
        _answers(f"kecepatan_mbps: -{BIG}"),
        7,
        19,
        f"number -{BIG_SHOWN} is too large for indicator 'kecepatan_mbps'",
    ),
    "c2-int-just-beyond-float64": (
        _answers(f"kecepatan_mbps: {2 * 10**308}"),
        7,
        19,
        "number 20000…00000 (309 digits) is too large for indicator 'kecepatan_mbps'",
    ),
    "c2-int-5000-digits-read-as-text": (
        _answers(f"kecepatan_mbps: {HUGE_TEXT}"),
        7,
        19,
        LOADER_TOO_LONG,
    ),
    "c2-int-21-digits-above-max": (
        _answers("cakupan_4g_pct: 123456789012345678901"),
        7,
        19,
        "'cakupan_4g_pct' must be at most 100, found 12345…78901 (21 digits)",
    ),
    "c2-scale-int-400-digits": (
        _answers(f"kesiapan_sdm: {BIG}"),
        7,
        17,
        f"'kesiapan_sdm' must be from 1 to 5, found {BIG_SHOWN}",
    ),
    "c2-scale-int-5000-digits": (
        _answers(f"kesiapan_sdm: {HUGE_TEXT}"),
        7,
        17,
        LOADER_TOO_LONG,
    ),
    "c2-choice-int-400-digits": (
        _answers(f"regulasi: {BIG}"),
        7,
        13,
        "'regulasi' must be one of belum, draf, ditetapkan; found "
        "99999…99999 (400 digits, a whole number)",
    ),
    "c2-multi-item-int-400-digits": (
        _answers(f"layanan: [pengaduan, {BIG}]"),
        7,
        24,
        "'layanan' lists 99999…99999 (400 digits, a whole number); expected option ids",
    ),
    "c2-boolean-int-400-digits": (
        f"{ENVELOPE}answers:\n  komitmen: {BIG}\n",
        6,
        13,
        "'komitmen' must be true or false, found 99999…99999 (400 digits, a whole number)",
    ),
    "c2-answer-key-int-400-digits": (
        _answers(f"{BIG}: 1"),
        7,
        3,
        f"unknown indicator '{BIG_SHOWN}'",
    ),
    "c2-region-name-int-400-digits": (
        f"schema: smartcity-score/region/v1\nregion:\n  id: kota-bad\n  name: {BIG}\n"
        "answers: {komitmen: true}\n",
        4,
        9,
        "'name' must be a string, found 99999…99999 (400 digits, a whole number)",
    ),
    "c2-region-tag-int-400-digits": (
        f"{ENVELOPE}  tags: {{pulau: {BIG}}}\nanswers: {{komitmen: true}}\n",
        5,
        17,
        "'pulau' must be a string, found 99999…99999 (400 digits, a whole number)",
    ),
    "c2-evidence-int-400-digits": (
        f"{ENVELOPE}answers: {{komitmen: true}}\nevidence: {{komitmen: {BIG}}}\n",
        6,
        22,
        "'komitmen' must be a string, found 99999…99999 (400 digits, a whole number)",
    ),
    "c2-exponent-without-dot": (
        _answers("cakupan_4g_pct: 5e1"),
        7,
        19,
        "'cakupan_4g_pct' must be a number, found '5e1' (a string): YAML 1.1 reads an "
        "exponent as a number only with a dot and a sign; write 5.0e+1",
    ),
    "c2-exponent-without-sign": (
        _answers("cakupan_4g_pct: 5.0e1"),
        7,
        19,
        "'cakupan_4g_pct' must be a number, found '5.0e1' (a string): YAML 1.1 reads an "
        "exponent as a number only with a dot and a sign; write 5.0e+1",
    ),
    "c2-exponent-quoted": (
        _answers('kecepatan_mbps: "1.5e+3"'),
        7,
        19,
        "'kecepatan_mbps' must be a number, found '1.5e+3' (a string): write it without quotes",
    ),
}


@pytest.mark.parametrize("case", sorted(REGION_CASES))
def test_a_hostile_number_is_a_problem_of_its_file_and_the_rest_is_ranked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    text, line, column, message = REGION_CASES[case]
    (tmp_path / "criteria.yaml").write_text(BASE_CRITERIA, encoding="utf-8")
    _folder(tmp_path, text)
    monkeypatch.chdir(tmp_path)

    result = cli("rank", "-f", "json", "-c", "criteria.yaml", "in")

    assert result.code == 1
    data = json.loads(result.out)
    assert _located(data) == [("in/bad.yaml", line, column, message)]
    assert _ranked(data) == ["kota-lengkap", "kabupaten-minimal"]
    assert "internal error" not in result.err


@pytest.mark.parametrize(
    "command",
    [
        pytest.param("validate", id="c2-validate-int-400-digits"),
        pytest.param("assess", id="c2-assess-int-400-digits"),
    ],
)
def test_c2_a_400_digit_answer_is_located_by_every_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    text, line, column, message = REGION_CASES["c2-int-400-digits"]
    (tmp_path / "criteria.yaml").write_text(BASE_CRITERIA, encoding="utf-8")
    _folder(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    files = ["in/bad.yaml", "in/complete.yaml"]

    result = cli(command, "-f", "json", "-c", "criteria.yaml", *files)

    assert result.code == 1
    data = json.loads(result.out)
    assert _located(data) == [("in/bad.yaml", line, column, message)]
    if command == "assess":
        assert _ranked(data) == ["kota-lengkap"]


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(str(10**308), id="c2-int-just-inside-float64-is-valid"),
        pytest.param("1.0e+308", id="c2-float-1e308-is-valid"),
    ],
)
def test_c2_a_number_just_inside_float64_is_a_valid_answer(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    (tmp_path / "criteria.yaml").write_text(BASE_CRITERIA, encoding="utf-8")
    _folder(tmp_path, _answers(f"kecepatan_mbps: {answer}"))
    monkeypatch.chdir(tmp_path)

    result = cli("rank", "-f", "json", "-c", "criteria.yaml", "in")

    assert result.code == 0
    data = json.loads(result.out)
    bad = next(r for r in data["results"] if r["region"]["id"] == "kota-bad")
    assert bad["scores"]["kecepatan_mbps"] == 100.0  # the top band


# --- class 2, criteria side: a huge number is a located error, never a crash ---------------

TOO_LARGE = "is too large for"
CRITERIA_CASES: dict[str, tuple[tuple[tuple[str, str], ...], int, int, str]] = {
    "c2-criteria-weight-int-400-digits": (
        (("    weight: 2", f"    weight: {BIG}"),),
        35,
        13,
        f"number {BIG_SHOWN} {TOO_LARGE} 'weight'",
    ),
    "c2-criteria-weight-int-5000-digits": (
        (("    weight: 2", f"    weight: {HUGE_TEXT}"),),
        35,
        13,
        LOADER_TOO_LONG,
    ),
    "c2-criteria-option-score-int-400-digits": (
        (("{id: draf, score: 50}", f"{{id: draf, score: {BIG}}}"),),
        23,
        31,
        f"number {BIG_SHOWN} {TOO_LARGE} 'score'",
    ),
    "c2-criteria-score-yes-int-400-digits": (
        (("        required: true\n", f"        required: true\n        score_yes: {BIG}\n"),),
        15,
        20,
        f"number {BIG_SHOWN} {TOO_LARGE} 'score_yes'",
    ),
    "c2-criteria-number-max-int-400-digits": (
        (("            max: 100\n", f"            max: {BIG}\n"),),
        46,
        18,
        f"number {BIG_SHOWN} {TOO_LARGE} 'max'",
    ),
    "c2-criteria-linear-best-int-400-digits": (
        (("worst: 0, best: 100", f"worst: 0, best: {BIG}"),),
        47,
        55,
        f"number {BIG_SHOWN} {TOO_LARGE} 'best'",
    ),
    "c2-criteria-band-from-int-400-digits": (
        (("{from: 25, score: 100}", f"{{from: {BIG}, score: 100}}"),),
        59,
        26,
        f"number {BIG_SHOWN} {TOO_LARGE} 'from'",
    ),
    "c2-criteria-band-score-int-400-digits": (
        (("{from: 25, score: 100}", f"{{from: 25, score: {BIG}}}"),),
        59,
        37,
        f"number {BIG_SHOWN} {TOO_LARGE} 'score'",
    ),
    "c2-criteria-scale-max-int-400-digits": (
        (("            max: 5\n", f"            max: {BIG}\n"),),
        65,
        18,
        f"number {BIG_SHOWN} {TOO_LARGE} 'max'",
    ),
    "c2-criteria-scale-label-int-400-digits": (
        (("{1: Weak, 5: Strong}", f"{{1: Weak, {BIG}: Strong}}"),),
        66,
        31,
        f"number {BIG_SHOWN} {TOO_LARGE} 'labels'",
    ),
    "c2-criteria-gate-at-least-int-400-digits": (
        (
            (
                "title: Test criteria\n",
                "title: Test criteria\n"
                f"gates: [{{id: g, answer: kesiapan_sdm, at_least: {BIG}}}]\n",
            ),
        ),
        8,
        49,
        f"number {BIG_SHOWN} {TOO_LARGE} 'at_least'",
    ),
    "c2-criteria-gate-equals-int-400-digits": (
        (
            (
                "title: Test criteria\n",
                f"title: Test criteria\ngates: [{{id: g, answer: kesiapan_sdm, in: [3, {BIG}]}}]\n",
            ),
        ),
        8,
        47,
        f"number {BIG_SHOWN} {TOO_LARGE} 'in'",
    ),
    "c2-criteria-level-int-400-digits": (
        (
            (
                "title: Test criteria\n",
                f"title: Test criteria\nlevels: [{{id: top, at_least: -{BIG}, label: Top}}]\n",
            ),
        ),
        8,
        30,
        f"number -{BIG_SHOWN} {TOO_LARGE} 'at_least'",
    ),
    "c2-criteria-selection-count-int-400-digits": (
        (("title: Test criteria\n", f"title: Test criteria\nselection: {{count: {BIG}}}\n"),),
        8,
        20,
        f"number {BIG_SHOWN} {TOO_LARGE} 'count'",
    ),
    "c2-criteria-quota-max-int-400-digits": (
        (
            (
                "title: Test criteria\n",
                "title: Test criteria\n"
                f"selection: {{count: 1, quotas: [{{id: q, field: kind, max: {BIG}}}]}}\n",
            ),
        ),
        8,
        58,
        f"number {BIG_SHOWN} {TOO_LARGE} 'max'",
    ),
    "c7-criteria-weight-exponent-without-dot": (
        (("    weight: 2", "    weight: 1e307"),),
        35,
        13,
        "'weight' must be a number, found '1e307' (a string): YAML 1.1 reads an exponent as "
        "a number only with a dot and a sign; write 1.0e+307",
    ),
    "c7-criteria-weight-exponent-without-sign": (
        (("    weight: 2", "    weight: 1.0e307"),),
        35,
        13,
        "'weight' must be a number, found '1.0e307' (a string): YAML 1.1 reads an exponent "
        "as a number only with a dot and a sign; write 1.0e+307",
    ),
    "c7-criteria-best-exponent-without-dot": (
        (("worst: 0, best: 100", "worst: 0, best: 1E2"),),
        47,
        55,
        "'best' must be a number, found '1E2' (a string): YAML 1.1 reads an exponent as "
        "a number only with a dot and a sign; write 1.0e+2",
    ),
}


@pytest.mark.parametrize("case", sorted(CRITERIA_CASES))
def test_a_hostile_criteria_number_is_a_located_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    edits, line, column, message = CRITERIA_CASES[case]
    (tmp_path / "criteria.yaml").write_text(_criteria(*edits), encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    checked = cli("check", "-f", "json", "criteria.yaml")
    ranked = cli("rank", "-c", "criteria.yaml", "in")

    assert checked.code == 1
    errors = json.loads(checked.out)["errors"]
    assert [(e["line"], e["column"], e["message"]) for e in errors] == [(line, column, message)]
    assert ranked.code == 2
    assert ranked.err.splitlines()[0].startswith(f"criteria.yaml:{line}:{column}: error ")
    assert "internal error" not in checked.err + ranked.err


# --- class 7: criteria numbers at the edges of float64 -------------------------------------


def _both_dimensions_weighted(weight: str) -> str:
    """Both top-level dimensions at `weight`: the shares of weights 1 and 1."""
    return _criteria(
        ("    weight: 2", f"    weight: {weight}"),
        ("    title: Governance\n", f"    title: Governance\n    weight: {weight}\n"),
    )


EDGE_WEIGHTS = {
    "c7-weights-1e307": "1.0e+307",
    "c7-weights-1.7e308": "1.7e+308",
    "c7-weights-largest-float": "1.7976931348623157e+308",
    "c7-weights-smallest-subnormal": "5.0e-324",
}


def _rank_json(cli: Cli, criteria: str) -> dict[str, Any]:
    result = cli("rank", "-f", "json", "-c", criteria, "in")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    del data["criteria"]  # its digest differs, nothing else may
    return data


@pytest.mark.parametrize("case", sorted(EDGE_WEIGHTS))
def test_edge_weights_score_exactly_as_equal_weights(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    (tmp_path / "edge.yaml").write_text(
        _both_dimensions_weighted(EDGE_WEIGHTS[case]), encoding="utf-8"
    )
    (tmp_path / "ones.yaml").write_text(_both_dimensions_weighted("1"), encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    checked = cli("check", "edge.yaml")
    edge, ones = _rank_json(cli, "edge.yaml"), _rank_json(cli, "ones.yaml")

    assert (checked.code, checked.out) == (0, "")
    assert edge == ones
    assert [r["score"] for r in edge["results"]] == [93.75, 0.0]  # (100 + 87.5) / 2
    assert [r["rank"] for r in edge["results"]] == [1, 2]


@pytest.mark.parametrize(
    "weight",
    [pytest.param(weight, id=f"{case}-shares") for case, weight in sorted(EDGE_WEIGHTS.items())],
)
def test_c7_edge_weights_give_the_shares_of_weights_one(weight: str) -> None:
    def shares(text: str) -> dict[str, float]:
        scorer = Scorer(Criteria.model_validate(read_clean(text)))
        return scorer.effective_weights(scorer.score({}))

    assert shares(_both_dimensions_weighted(weight)) == shares(_both_dimensions_weighted("1"))
    assert shares(_both_dimensions_weighted(weight))["tata_kelola"] == 0.5


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(command, id=f"c7-{command}-weights-1.7e308")
        for command in ("assess", "sensitivity", "compare")
    ],
)
def test_c7_weights_of_the_largest_float_are_finite_in_every_command(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (tmp_path / "edge.yaml").write_text(_both_dimensions_weighted("1.7e+308"), encoding="utf-8")
    (tmp_path / "ones.yaml").write_text(_both_dimensions_weighted("1"), encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = {
        "assess": ["assess", "-c", "edge.yaml", "in/complete.yaml"],
        "sensitivity": ["sensitivity", "-c", "edge.yaml", "--samples", "20", "in"],
        "compare": ["compare", "ones.yaml", "edge.yaml", "in"],
    }[command]

    result = cli(*args, "-f", "json")

    assert result.code == 0, result.err
    assert "Infinity" not in result.out and "NaN" not in result.out
    data = json.loads(result.out)
    if command == "compare":  # the same shares as weights 1 and 1: nothing changes
        assert data["changed"] is False
        shares = [d["new_weight_share"] for d in data["dimensions"]]
        assert shares == [None, 0.5, 0.5]
    else:
        assert [r["region"]["id"] for r in data["results"]][:1] == ["kota-lengkap"]
    if command == "assess":
        assert data["results"][0]["score"] == 93.75


SCORE_EDGES: dict[str, tuple[tuple[tuple[str, str], ...], str, float]] = {
    # `best - worst` overflows float64: computed on halves, 87.5 is just above the middle.
    "c7-linear-goalposts-span-overflow": (
        (
            ("            min: 0\n            max: 100\n", ""),
            ("worst: 0, best: 100", "worst: -1.0e+308, best: 1.0e+308"),
        ),
        "cakupan_4g_pct",
        50.0,
    ),
    # A scale of 10^300 levels: integer arithmetic, no overflow, the exact tiny share.
    "c7-scale-max-10e300": (
        (("            max: 5\n", f"            max: {10**300}\n"),),
        "kesiapan_sdm",
        0.0,
    ),
    # (max - min) and 100 * (x - min) both beyond float64: still exactly 50.
    "c7-scale-span-beyond-float64": (
        (
            ("            min: 1\n", f"            min: -{10**308}\n"),
            ("            max: 5\n", f"            max: {10**308}\n"),
            ("{1: Weak, 5: Strong}", "{1: Weak}"),
        ),
        "kesiapan_sdm",
        50.0,
    ),
}


@pytest.mark.parametrize("case", sorted(SCORE_EDGES))
def test_edge_goalposts_are_checked_and_score_finite(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    edits, node, expected = SCORE_EDGES[case]
    (tmp_path / "criteria.yaml").write_text(_criteria(*edits), encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    checked = cli("check", "-f", "json", "criteria.yaml")
    ranked = cli("rank", "-f", "json", "-c", "criteria.yaml", "in")

    assert checked.code == 0
    assert json.loads(checked.out)["errors"] == []
    assert ranked.code == 0, ranked.err
    data = json.loads(ranked.out)
    assert _ranked(data) == ["kota-lengkap", "kabupaten-minimal"]
    assert data["results"][0]["scores"][node] == expected


@pytest.mark.parametrize("tiny", [pytest.param("5.0e-324", id="c7-tiny-weight-beside-the-largest")])
def test_c7_a_weight_below_float64_range_of_its_sibling_counts_for_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny: str
) -> None:
    text = _criteria(
        ("    weight: 2", "    weight: 1.7e+308"),
        ("    title: Governance\n", f"    title: Governance\n    weight: {tiny}\n"),
    )
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    data = _rank_json(cli, "criteria.yaml")

    # 5e-324 / 1.7e308 is below the smallest float: the total is infrastruktur's score.
    assert [r["score"] for r in data["results"]] == [87.5, 0.0]


# --- class 9: ids shared by nodes of different types ---------------------------------------

DUPLICATE_CASES: dict[str, tuple[tuple[tuple[str, str], ...], list[tuple[int, int, str]]]] = {
    "c9-number-and-choice-share-an-id": (
        (("      - id: regulasi\n", "      - id: cakupan_4g_pct\n"),),
        [
            (17, 13, "duplicate id 'cakupan_4g_pct' (used again at line 40)"),
            (40, 17, "duplicate id 'cakupan_4g_pct' (first used at line 17)"),
        ],
    ),
    "c9-boolean-and-scale-share-an-id": (
        (("          - id: kesiapan_sdm\n", "          - id: komitmen\n"),),
        [
            (12, 13, "duplicate id 'komitmen' (used again at line 60)"),
            (60, 17, "duplicate id 'komitmen' (first used at line 12)"),
        ],
    ),
    "c9-duplicate-dimension-ids": (
        (("  - id: infrastruktur\n", "  - id: tata_kelola\n"),),
        [
            (9, 9, "duplicate id 'tata_kelola' (used again at line 33)"),
            (33, 9, "duplicate id 'tata_kelola' (first used at line 9)"),
        ],
    ),
    "c9-dimension-id-equals-an-indicator-id": (
        (("      - id: digital\n", "      - id: komitmen\n"),),
        [
            (12, 13, "duplicate id 'komitmen' (used again at line 37)"),
            (37, 13, "duplicate id 'komitmen' (first used at line 12)"),
        ],
    ),
    "c9-three-nodes-share-an-id": (
        (
            ("      - id: regulasi\n", "      - id: komitmen\n"),
            ("          - id: kesiapan_sdm\n", "          - id: komitmen\n"),
        ),
        [
            (12, 13, "duplicate id 'komitmen' (used again at lines 17 and 60)"),
            (17, 13, "duplicate id 'komitmen' (first used at line 12)"),
            (60, 17, "duplicate id 'komitmen' (first used at line 12)"),
        ],
    ),
    # The rules that test gates against their indicator's type must not pick one of the two.
    "c9-number-gate-on-a-shared-id": (
        (
            ("      - id: regulasi\n", "      - id: cakupan_4g_pct\n"),
            (
                "title: Test criteria\n",
                "title: Test criteria\ngates: [{id: g, answer: cakupan_4g_pct, at_least: 50}]\n",
            ),
        ),
        [
            (18, 13, "duplicate id 'cakupan_4g_pct' (used again at line 41)"),
            (41, 17, "duplicate id 'cakupan_4g_pct' (first used at line 18)"),
        ],
    ),
    "c9-choice-gate-on-a-shared-id": (
        (
            ("      - id: regulasi\n", "      - id: cakupan_4g_pct\n"),
            (
                "title: Test criteria\n",
                "title: Test criteria\n"
                "gates: [{id: g, answer: cakupan_4g_pct, in: [draf, ditetapkan]}]\n",
            ),
        ),
        [
            (18, 13, "duplicate id 'cakupan_4g_pct' (used again at line 41)"),
            (41, 17, "duplicate id 'cakupan_4g_pct' (first used at line 18)"),
        ],
    ),
    # Levels and score gates need the best total, which the engine finds by id.
    "c9-levels-and-score-gate-with-a-shared-id": (
        (
            ("      - id: regulasi\n", "      - id: cakupan_4g_pct\n"),
            (
                "title: Test criteria\n",
                "title: Test criteria\n"
                "gates: [{id: g, score: cakupan_4g_pct, at_least: 50}]\n"
                "levels: [{id: top, at_least: 90, label: Top}, {id: rest, at_least: 0, label: R}]\n",
            ),
        ),
        [
            (19, 13, "duplicate id 'cakupan_4g_pct' (used again at line 42)"),
            (42, 17, "duplicate id 'cakupan_4g_pct' (first used at line 19)"),
        ],
    ),
    "c9-duplicate-gate-ids": (
        (
            (
                "title: Test criteria\n",
                "title: Test criteria\n"
                "gates: [{id: g, answer: komitmen, equals: true},\n"
                "        {id: g, answer: regulasi, equals: draf}]\n",
            ),
        ),
        [
            (8, 14, "duplicate id 'g' (used again at line 9)"),
            (9, 14, "duplicate id 'g' (first used at line 8)"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(DUPLICATE_CASES))
def test_a_shared_id_is_reported_at_every_place_and_nothing_crashes(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    edits, expected = DUPLICATE_CASES[case]
    (tmp_path / "criteria.yaml").write_text(_criteria(*edits), encoding="utf-8")
    _folder(tmp_path)
    monkeypatch.chdir(tmp_path)

    checked = cli("check", "-f", "json", "criteria.yaml")
    ranked = cli("rank", "-c", "criteria.yaml", "in")

    assert checked.code == 1
    errors = json.loads(checked.out)["errors"]
    assert [(e["line"], e["column"], e["message"], e["rule"]) for e in errors] == [
        (*place, "duplicate-id") for place in expected
    ]
    assert ranked.code == 2
    assert ranked.err.count("[duplicate-id]") == len(expected)
    assert "internal error" not in checked.err + ranked.err

"""`check` rules, data-driven: one broken criteria file per rule, its output written beside it.

Each `tests/data/criteria-invalid/NAME.yaml` has `NAME.expected` holding the exact
lines `smartcity-score check --format text NAME.yaml` prints. Add a file, get a test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from smartcity_score import checks
from smartcity_score.checks import RULES, all_rules
from smartcity_score.loader import MAX_BYTES
from smartcity_score.problems import Severity
from tests.conftest import CRITERIA, DATA, Result

INVALID = DATA / "criteria-invalid"
VALID = DATA / "criteria-valid"
CASES = sorted(INVALID.glob("*.yaml"))

# Rules whose inputs cannot live in a folder under version control: tested below with
# files made on the spot.
GENERATED = {"file-too-large", "unreadable"}
# Rules of region files, reported by `check --examples`: tested in test_check_formats.py.
REGION_RULES = {
    "unknown-indicator",
    "invalid-answer",
    "required-answer",
    "not-filled-in",
    "criteria-mismatch",
    "criteria-unknown",
}
# Rules of review files (SPEC §6): tested in test_reviews.py.
REVIEW_RULES = {"duplicate-review", "review-unknown-region"}
_SLUG_AT_END = re.compile(r" \[([a-z-]+)\]$")

Cli = Callable[..., Result]


@pytest.mark.parametrize("case", CASES, ids=[path.stem for path in CASES])
def test_invalid_file_reports_exactly_the_expected_problems(
    case: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(INVALID)
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")

    result = cli("check", "--format", "text", case.name)

    assert result.out == expected
    has_error = any(" error " in line for line in expected.splitlines())
    assert result.code == (1 if has_error else 0)
    assert cli("check", "--strict", case.name).code == 1


def test_every_case_has_an_expected_file() -> None:
    expected = {path.stem for path in INVALID.glob("*.expected")}
    assert expected == {path.stem for path in CASES}


def _reported_slugs() -> set[str]:
    slugs: set[str] = set()
    for path in INVALID.glob("*.expected"):
        for line in path.read_text(encoding="utf-8").splitlines():
            found = _SLUG_AT_END.search(line)
            assert found, f"{path.name}: no [rule] at the end of {line!r}"
            slugs.add(found.group(1))
    return slugs


def test_every_rule_has_a_broken_file() -> None:
    registered = {item.slug for item in all_rules()}

    uncovered = registered - _reported_slugs() - GENERATED - REGION_RULES - REVIEW_RULES

    assert not uncovered, f"add a file to {INVALID} for: {', '.join(sorted(uncovered))}"
    assert registered >= GENERATED | REGION_RULES


def test_every_rule_has_a_one_line_docstring() -> None:
    for item in all_rules():
        assert item.summary, item.slug
        assert item.summary.endswith("."), item.slug
        assert "\n" not in item.summary, item.slug
        if item.check is not None:
            assert (item.check.__doc__ or "").strip() == item.summary, item.slug


def test_rule_slugs_are_short_and_stable_shapes() -> None:
    for slug, item in RULES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+){0,3}", slug), slug
        assert item.severity in (Severity.ERROR, Severity.WARNING)


def test_file_too_large(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("huge.yaml").write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")

    result = cli("check", "huge.yaml")

    assert (
        result.out == "huge.yaml:1:1: error file is 1.0 MiB; the limit is 1 MiB [file-too-large]\n"
    )
    assert result.code == 1


def test_unreadable_path(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = cli("check", "nowhere.yaml")

    # A path that does not exist is a typo on the command line: usage error, no report.
    assert (result.code, result.out) == (2, "")
    assert result.err == "smartcity-score: error: no such file or folder: nowhere.yaml\n"


@pytest.mark.parametrize("case", sorted(VALID.glob("*.yaml")), ids=lambda path: path.stem)
def test_valid_file_near_every_edge_passes_strict(case: Path, cli: Cli) -> None:
    result = cli("check", "--strict", case)

    assert (result.code, result.out) == (0, "")
    assert result.err == "1 file(s) checked: 0 error(s), 0 warning(s)\n"


def test_bundled_criteria_pass_strict(cli: Cli) -> None:
    result = cli("check", "--strict", CRITERIA)

    assert result.out == ""
    assert result.code == 0, result.err


def test_every_module_of_rules_is_loaded() -> None:
    # Named in FAMILIES, not listed from the folder at each start: a new module must be added.
    folder = Path(checks.__file__).parent
    assert list(checks.FAMILIES) == sorted(p.stem for p in folder.glob("[!_]*.py"))

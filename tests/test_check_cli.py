"""`check` as CI uses it: exit codes, `--strict`, `--list-rules` and `--examples`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from smartcity_score.checks import all_rules
from tests.conftest import Result
from tests.test_check_formats import assert_valid_sarif
from tests.test_check_rules import REGION_RULES

Cli = Callable[..., Result]
Write = Callable[[str, str], Path]

CRITERIA = """
schema: smartcity-score/criteria/v1
id: mini
version: "1"
title: Mini
dimensions:
  - id: dim
    title: Dimension
    indicators:
      - id: ready
        type: boolean
        required: true
        question: Ready?
        help: Answer true when ready.
      - id: plan
        type: choice
        question: Is there a plan?
        help: Pick the plan's status.
        options:
          - {id: none, score: 0}
          - {id: draft, score: 50}
          - {id: adopted, score: 100}
"""
REGION = """
schema: smartcity-score/region/v1
criteria: mini
region:
  id: kota-a
  name: Kota A
answers:
  ready: true
  plan: draft
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so reported file names are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_file_exits_0_and_prints_nothing(cli: Cli, write: Write, here: Path) -> None:
    write("mini.yaml", CRITERIA)

    result = cli("check", "--strict", "mini.yaml")

    assert (result.code, result.out) == (0, "")
    assert result.err == "1 file(s) checked: 0 error(s), 0 warning(s)\n"


def test_warnings_exit_0_unless_strict(cli: Cli, write: Write, here: Path) -> None:
    write("mini.yaml", CRITERIA.replace("        help: Answer true when ready.\n", ""))
    expected = (
        "mini.yaml:9:9: warning indicator 'ready' has no help telling applicants how to answer "
        "[missing-help]\n"
    )

    relaxed = cli("check", "mini.yaml")
    strict = cli("check", "--strict", "mini.yaml")

    assert (relaxed.code, relaxed.out) == (0, expected)
    assert (strict.code, strict.out) == (1, expected)


def test_errors_exit_1_and_every_file_is_reported(cli: Cli, write: Write, here: Path) -> None:
    write("criteria/good.yaml", CRITERIA)
    write("criteria/bad.yaml", CRITERIA.replace("score: 50", "score: 500"))
    write("criteria/worse.yaml", CRITERIA.replace("title: Mini", "title: [Mini"))

    result = cli("check", "criteria")

    assert result.out == (
        "criteria/bad.yaml:20:32: error option score 500 is outside 0–100 [option-score-range]\n"
        "criteria/worse.yaml:5:11: error YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence) [yaml-syntax]\n"
    )
    assert result.err == "3 file(s) checked: 2 error(s), 0 warning(s)\n"
    assert result.code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give at least one criteria file or folder (or --list-rules)"),
        (("--format", "yaml", "mini.yaml"), "--format yaml is not available here"),
    ],
)
def test_usage_errors_exit_2(
    cli: Cli, write: Write, here: Path, args: tuple[str, ...], message: str
) -> None:
    write("mini.yaml", CRITERIA)

    result = cli("check", *args)

    assert result.code == 2
    assert result.out == ""
    assert message in result.err
    assert "Traceback" not in result.err


def test_unknown_option_exits_2(cli: Cli) -> None:
    result = cli("check", "--no-such-option", "mini.yaml")

    assert result.code == 2
    assert "No such option" in result.err


def test_list_rules_lists_every_rule_once(cli: Cli) -> None:
    result = cli("check", "--list-rules")

    assert result.code == 0
    lines = result.out.splitlines()
    listed = [line.split()[0] for line in lines]
    assert sorted(listed) == sorted(rule.slug for rule in all_rules())
    by_slug = {line.split()[0]: line.split(maxsplit=2)[1:] for line in lines}
    assert by_slug["option-score-range"] == [
        "error",
        "Every option score, `score_yes`, `score_no` and band score is within 0–100.",
    ]
    assert by_slug["bands-gap"][0] == "warning"


def test_examples_pass_when_they_fit_the_criteria(cli: Cli, write: Write, here: Path) -> None:
    write("mini.yaml", CRITERIA)
    write("examples/kota-a.yaml", REGION)

    result = cli("check", "--strict", "--examples", "examples", "mini.yaml")

    assert (result.code, result.out) == (0, "")
    assert result.err == "2 file(s) checked: 0 error(s), 0 warning(s)\n"


def test_examples_catch_a_region_file_a_criteria_change_broke(
    cli: Cli, write: Write, here: Path
) -> None:
    # The 'draft' option was renamed: the example still answers 'draft'.
    write("mini.yaml", CRITERIA.replace("id: draft", "id: drafted"))
    write("examples/kota-a.yaml", REGION)

    result = cli("check", "--examples", "examples", "mini.yaml")

    assert result.out == (
        "examples/kota-a.yaml:8:9: error 'plan' has no option 'draft' (did you mean 'drafted'?); "
        "expected one of none, drafted, adopted [invalid-answer]\n"
    )
    assert result.code == 1


def test_examples_report_every_region_rule(cli: Cli, write: Write, here: Path) -> None:
    write("mini.yaml", CRITERIA)
    write("other.yaml", CRITERIA.replace("id: mini", "id: other"))
    write("examples/unknown.yaml", REGION.replace("  plan: draft", "  plam: draft"))
    write("examples/unanswered.yaml", REGION.replace("  ready: true\n", ""))
    write("examples/unnamed.yaml", REGION.replace("criteria: mini\n", ""))
    write("examples/placeholder.yaml", REGION.replace("id: kota-a", "id: region-id"))

    both = cli("check", "--format", "json", "--examples", "examples", "mini.yaml", "other.yaml")
    one = cli("check", "--format", "json", "--examples", "examples", "other.yaml")

    reported = {
        (p["file"], p["line"], p["column"], p["rule"])
        for result in (both, one)
        for kind in ("errors", "warnings")
        for p in json.loads(result.out)[kind]
    }
    assert reported == {
        ("examples/unknown.yaml", 8, 3, "unknown-indicator"),
        ("examples/unanswered.yaml", 6, 1, "required-answer"),
        ("examples/unnamed.yaml", 1, 1, "criteria-unknown"),
        ("examples/placeholder.yaml", 4, 7, "not-filled-in"),
        # Checked against 'other' alone, every file naming 'mini' is for other criteria.
        ("examples/unknown.yaml", 2, 11, "criteria-mismatch"),
        ("examples/unanswered.yaml", 2, 11, "criteria-mismatch"),
        ("examples/placeholder.yaml", 2, 11, "criteria-mismatch"),
    }
    assert {rule for *_, rule in reported} | {"invalid-answer"} == REGION_RULES


def test_sarif_describes_the_rules_of_example_files(cli: Cli, write: Write, here: Path) -> None:
    write("mini.yaml", CRITERIA)
    write("examples/unknown.yaml", REGION.replace("  plan: draft", "  plam: draft"))

    result = cli("check", "--format", "sarif", "--examples", "examples", "mini.yaml")

    log = json.loads(result.out)
    assert_valid_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["unknown-indicator"]

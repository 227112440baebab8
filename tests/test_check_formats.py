"""`check` output formats: text, github, sarif, json, csv and markdown, exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from smartcity_score.checks import all_rules
from tests.conftest import Result

Cli = Callable[..., Result]

# One warning (line 13) and one error (line 20).
MIXED = """
schema: smartcity-score/criteria/v1
id: mixed
version: "1"
title: Mixed
dimensions:
  - id: dim
    title: Dimension
    indicators:
      - id: ready
        type: boolean
        question: Ready?
        help: Answer true when ready.
        weight: 0
      - id: plan
        type: choice
        question: Is there a plan?
        help: Pick the plan's status.
        options:
          - {id: none, score: 0}
          - {id: adopted, score: 120}
"""
WARNING = "weight 0: indicator 'ready' never counts toward its parent's score"
ERROR = "option score 120 is outside 0–100"


@pytest.fixture
def mixed(write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """A criteria file with one error and one warning, named relative to the working folder."""
    path = write("mixed.yaml", MIXED)
    monkeypatch.chdir(path.parent)
    return path.name


def test_text(cli: Cli, mixed: str) -> None:
    result = cli("check", "--format", "text", mixed)

    assert result.out == (
        f"mixed.yaml:13:17: warning {WARNING} [zero-weight]\n"
        f"mixed.yaml:20:34: error {ERROR} [option-score-range]\n"
    )
    assert result.err == "1 file(s) checked: 1 error(s), 1 warning(s)\n"
    assert result.code == 1


def test_text_is_the_default_outside_github_actions(cli: Cli, mixed: str) -> None:
    assert cli("check", mixed).out == cli("check", "--format", "text", mixed).out


GITHUB = (
    f"::warning file=mixed.yaml,line=13,col=17::{WARNING} [zero-weight]\n"
    f"::error file=mixed.yaml,line=20,col=34::{ERROR} [option-score-range]\n"
)


def test_github(cli: Cli, mixed: str) -> None:
    result = cli("check", "--format", "github", mixed)

    assert result.out == GITHUB
    assert result.code == 1


def test_github_is_chosen_on_github_actions(
    cli: Cli, mixed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")

    assert cli("check", mixed).out == GITHUB
    assert cli("check", "--format", "text", mixed).out.startswith("mixed.yaml:13:17: warning")


def test_github_escapes_what_would_end_an_annotation(
    cli: Cli, write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("a,b:c.yaml", MIXED.replace("- id: ready", "- id: Ready"))
    monkeypatch.chdir(path.parent)

    out = cli("check", "--format", "github", path.name).out.splitlines()

    assert out[0] == (
        "::error file=a%2Cb%3Ac.yaml,line=9,col=13::indicator id 'Ready' "
        "must start with a lower-case letter or digit and hold only a-z, 0-9, '_' and '-' "
        "[invalid-id]"
    )


# A minimal SARIF 2.1.0 schema, written for this test from the standard's required
# properties (the official schema is not downloaded).
SARIF_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {"$ref": "#/definitions/rule"},
                                    },
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/definitions/result"}},
                },
            },
        },
    },
    "definitions": {
        "message": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string", "minLength": 1}},
        },
        "rule": {
            "type": "object",
            "required": ["id", "shortDescription"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "shortDescription": {"$ref": "#/definitions/message"},
                "defaultConfiguration": {
                    "type": "object",
                    "properties": {"level": {"$ref": "#/definitions/level"}},
                },
            },
        },
        "level": {"enum": ["none", "note", "warning", "error"]},
        "result": {
            "type": "object",
            "required": ["ruleId", "level", "message", "locations"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": 0},
                "level": {"$ref": "#/definitions/level"},
                "message": {"$ref": "#/definitions/message"},
                "locations": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["physicalLocation"],
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "required": ["artifactLocation", "region"],
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "required": ["uri"],
                                        "properties": {"uri": {"type": "string"}},
                                    },
                                    "region": {
                                        "type": "object",
                                        "required": ["startLine", "startColumn"],
                                        "properties": {
                                            "startLine": {"type": "integer", "minimum": 1},
                                            "startColumn": {"type": "integer", "minimum": 1},
                                        },
                                    },
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


def assert_valid_sarif(log: dict[str, Any]) -> None:
    """The log fits the schema, and every result's rule is described by the driver."""
    jsonschema.Draft7Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        expected_level = rules[result["ruleIndex"]]["defaultConfiguration"]["level"]
        assert result["level"] == expected_level


def test_sarif(cli: Cli, mixed: str) -> None:
    result = cli("check", "--format", "sarif", mixed)

    log = json.loads(result.out)
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "smartcity-score"
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {
        rule.slug for rule in all_rules()
    }
    found = [
        (
            r["ruleId"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    assert found == [
        ("zero-weight", "warning", WARNING, "mixed.yaml", {"startLine": 13, "startColumn": 17}),
        ("option-score-range", "error", ERROR, "mixed.yaml", {"startLine": 20, "startColumn": 34}),
    ]
    assert result.code == 1


def test_sarif_of_a_clean_file_has_no_results(cli: Cli, write: Callable[[str, str], Path]) -> None:
    clean = write("clean.yaml", MIXED.replace("weight: 0", "weight: 1").replace("120", "100"))

    result = cli("check", "--format", "sarif", clean)

    log = json.loads(result.out)
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []
    assert result.code == 0


def test_json(cli: Cli, mixed: str) -> None:
    result = cli("check", "--format", "json", mixed)

    assert json.loads(result.out) == {
        "files": 1,
        "errors": [
            {
                "file": "mixed.yaml",
                "line": 20,
                "column": 34,
                "message": ERROR,
                "rule": "option-score-range",
            }
        ],
        "warnings": [
            {
                "file": "mixed.yaml",
                "line": 13,
                "column": 17,
                "message": WARNING,
                "rule": "zero-weight",
            }
        ],
    }


def test_csv(cli: Cli, mixed: str) -> None:
    result = cli("check", "--format", "csv", mixed)

    assert result.out.splitlines() == [
        "file,line,column,severity,message,rule",
        f"mixed.yaml,13,17,warning,{WARNING},zero-weight",
        f"mixed.yaml,20,34,error,{ERROR},option-score-range",
    ]


def test_markdown_names_each_problem_and_rule(cli: Cli, mixed: str) -> None:
    lines = cli("check", "--format", "markdown", mixed).out.splitlines()

    assert any("13" in line and WARNING in line and "`zero-weight`" in line for line in lines)
    assert any("20" in line and ERROR in line and "`option-score-range`" in line for line in lines)


def test_output_file_gets_the_report(cli: Cli, mixed: str, tmp_path: Path) -> None:
    result = cli("check", "--format", "json", "-o", tmp_path / "report.json", mixed)

    assert result.out == ""
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"] == 1

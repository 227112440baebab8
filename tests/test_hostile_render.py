"""Hostile text in every place a renderer prints it: each medium escapes it (issue 16, class 6
output injection, class 2 rich markup), and the other regions are still reported."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import Result

Cli = Callable[..., Result]

CRITERIA = """\
schema: smartcity-score/criteria/v1
id: hostile
version: "1"
title: TITLE
dimensions:
  - id: infra
    title: GROUP
    indicators:
      - id: coverage
        type: number
        min: 0
        max: 100
        unit: UNIT
        question: QUESTION
        help: HELP
        scoring: {method: linear, worst: 0, best: 100}
      - id: plan
        type: choice
        question: Plan?
        options:
          - {id: none, score: 0, label: OPTION}
          - {id: draft, score: 50, label: Draft}
          - {id: signed, score: 100, label: Signed}
      - id: skill
        type: scale
        min: 1
        max: 3
        labels: {1: SCALE, 3: High}
        question: Skill?
gates:
  - id: has-plan
    answer: plan
    in: [draft, signed]
    description: GATE
levels:
  - {id: ready, at_least: 50, label: LEVEL}
  - {id: early, at_least: 0, label: Early}
selection:
  count: 2
"""

REGION = """\
schema: smartcity-score/region/v1
region:
  id: kota-{id}
  name: {name}
  kind: kota
  province: {province}
answers:
  coverage: {coverage}
  plan: {plan}
  skill: 2
"""

# (id, name, coverage, plan): gamma is the one whose name or province is hostile.
REGIONS = [("alpha", 90, "signed"), ("beta", 60, "draft"), ("gamma", 30, "signed")]

ESC = "ZZ\x1b[31mred"
OSC8 = "ZZ\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
C1 = "ZZ\x9b31m"
BEL_BS_CR = "ZZ\x07\x08\rX"
BIDI = "ZZ\u202eabc"
ZERO_WIDTH = "ZZ\u200bx\ufeff"
RICH = "ZZ Tua [lama] [bold]b[/bold] [link=http://e]l[/link]"
MARKDOWN = "ZZ <script>a|b</script> `c` [x](javascript:alert(1)) *e*"
NEWLINE = "ZZ\nanswers:\n  x: 1"
FORMULA = '=HYPERLINK("http://e","ZZ")'
GITHUB = "ZZ%0A::a,b:c"

RANK = ("rank", "regions", "-c", "crit.yaml")
ASSESS = ("assess", "regions/gamma.yaml", "-c", "crit.yaml")
SENSITIVITY = ("sensitivity", "regions", "-c", "crit.yaml", "--samples", "5")
SHOW = ("criteria", "show", "crit.yaml")
TEMPLATE = ("template", "-c", "crit.yaml")
MD = ("--format", "markdown")
CSV = ("--format", "csv")
JSON = ("--format", "json")

MD_TEXT = r"ZZ &lt;script&gt;a\|b&lt;/script&gt; \`c\` \[x\](javascript:alert(1)) \*e\*"
GAMMA_CSV = ",kota,East,regions/gamma.yaml,60.0,ready,True,,True,merit,,60.0"

# (place, hostile text, command, exact output line); a place in capitals is a criteria
# text, "name" and "province" are gamma's region fields.
CASES = {
    "c6-name-esc-table": (
        "name",
        ESC,
        RANK,
        r"     2   ZZ\x1b[31mred   East       kota   60.00   LEVEL   60.00   ✔ merit",
    ),
    "c6-name-bel-bs-cr-table": (
        "name",
        BEL_BS_CR,
        RANK,
        r"     2   ZZ\x07\x08\rX   East       kota   60.00   LEVEL   60.00   ✔ merit",
    ),
    "c6-name-osc8-markdown": (
        "name",
        OSC8,
        RANK + MD,
        r"| 2 | ZZ\\x1b\]8;;http://evil\\x1b\\link\\x1b\]8;;\\x1b\\ | East | kota | 60.00 | LEVEL"
        r" | 60.00 | yes | ✔ merit |  |",
    ),
    "c6-name-esc-markdown": (
        "name",
        ESC,
        RANK + MD,
        r"| 2 | ZZ\\x1b\[31mred | East | kota | 60.00 | LEVEL | 60.00 | yes | ✔ merit |  |",
    ),
    "c6-name-html-markdown": (
        "name",
        MARKDOWN,
        RANK + MD,
        f"| 2 | {MD_TEXT} | East | kota | 60.00 | LEVEL | 60.00 | yes | ✔ merit |  |",
    ),
    "c6-name-c1-csv": ("name", C1, RANK + CSV, r"2,kota-gamma,ZZ\x9b31m" + GAMMA_CSV),
    "c6-name-zero-width-csv": (
        "name",
        ZERO_WIDTH,
        RANK + CSV,
        r"2,kota-gamma,ZZ\u200bx\ufeff" + GAMMA_CSV,
    ),
    "c6-name-newline-csv": (
        "name",
        NEWLINE,
        RANK + CSV,
        r"2,kota-gamma,ZZ\nanswers:\n  x: 1" + GAMMA_CSV,
    ),
    "c6-name-formula-csv": (
        "name",
        FORMULA,
        RANK + CSV,
        '2,kota-gamma,"\'=HYPERLINK(""http://e"",""ZZ"")"' + GAMMA_CSV,
    ),
    "c6-province-formula-csv": (
        "province",
        "@SUM(1)",
        RANK + CSV,
        "2,kota-gamma,Kota gamma,kota,'@SUM(1),regions/gamma.yaml,60.0,ready,True,,True,merit,,60.0",
    ),
    "c2-markup-name-table": (
        "name",
        RICH,
        RANK,
        "   2  ZZ Tua [lama] [bold]b[/bold] [link=http://e]l[/link]       East      kota  60.00"
        "  LEVEL  60.00  ✔ merit",
    ),
    "c2-markup-name-assess-table": (
        "name",
        RICH,
        ASSESS,
        f"Score card: {RICH}  (kota, East)  regions/gamma.yaml",
    ),
    "c6-name-html-assess-markdown": ("name", MARKDOWN, ASSESS + MD, f"## Score card: {MD_TEXT}"),
    "c6-name-html-sensitivity-markdown": (
        "name",
        MARKDOWN,
        SENSITIVITY + MD,
        f"| 2 | {MD_TEXT} | 60.00 | ✔ | 2 | 2–2 | 100.0% |",
    ),
    "c6-name-esc-sensitivity-table": (
        "name",
        ESC,
        SENSITIVITY,
        r"     2   ZZ\x1b[31mred   60.00   ✔                    2          2–2        100.0%",
    ),
    "c6-name-c1-assess-markdown": ("name", C1, ASSESS + MD, r"## Score card: ZZ\\x9b31m"),
    "c6-level-esc-assess-table": (
        "LEVEL",
        ESC,
        ASSESS,
        r"Total: 60.00 / 100   Level: ZZ\x1b[31mred   [Eligible]",
    ),
    "c6-name-formula-sensitivity-csv": (
        "name",
        FORMULA,
        SENSITIVITY + CSV,
        '2,kota-gamma,"\'=HYPERLINK(""http://e"",""ZZ"")",kota,East,regions/gamma.yaml,60.0,'
        "True,True,2.0,2,2,1.0",
    ),
    "c6-title-html-sensitivity-markdown": (
        "TITLE",
        MARKDOWN,
        SENSITIVITY + MD,
        f"## Sensitivity of the selection: {MD_TEXT}",
    ),
    "c6-title-esc-criteria-show": ("TITLE", ESC, SHOW, r"hostile 1: ZZ\x1b[31mred"),
    "c6-group-newline-criteria-show": (
        "GROUP",
        NEWLINE,
        SHOW,
        r"  infra (weight 1): ZZ\nanswers:\n  x: 1",
    ),
    "c6-gate-osc8-criteria-show": (
        "GATE",
        OSC8,
        SHOW,
        r"gate has-plan: answer plan ZZ\x1b]8;;http://evil\x1b\link\x1b]8;;\x1b" + "\\",
    ),
    "c6-level-bidi-criteria-show": ("LEVEL", BIDI, SHOW, r"level ready: ≥ 50 ZZ\u202eabc"),
    "c6-unit-newline-template": (
        "UNIT",
        NEWLINE,
        TEMPLATE,
        "  #   number from 0 to 100, in ZZ answers: x: 1",
    ),
    "c6-help-newline-template": ("HELP", NEWLINE, TEMPLATE, "  #   ZZ answers: x: 1"),
    "c6-option-newline-template": (
        "OPTION",
        NEWLINE,
        TEMPLATE,
        "  #   choice, one of: none (ZZ answers: x: 1) | draft (Draft) | signed (Signed)",
    ),
    "c6-scale-label-c1-template": (
        "SCALE",
        C1,
        TEMPLATE,
        r"  #   scale, a whole number from 1 to 3 (1 = ZZ\x9b31m, 3 = High)",
    ),
}


def _work(root: Path, place: str, hostile: str) -> None:
    """crit.yaml and regions/ under `root`, `hostile` written (YAML-escaped) at `place`."""
    quoted = json.dumps(hostile)  # a JSON string is a YAML double-quoted scalar
    criteria = CRITERIA
    if place.isupper():
        criteria = (
            criteria.replace(f": {place}\n", f": {quoted}\n")
            .replace(f"label: {place}}}", f"label: {quoted}}}")
            .replace(f"1: {place},", f"1: {quoted},")
        )
    (root / "crit.yaml").write_text(criteria, encoding="utf-8")
    (root / "regions").mkdir()
    for name, coverage, plan in REGIONS:
        fields = {"name": f"Kota {name}", "province": "East"}
        if name == "gamma" and place in fields:
            fields[place] = quoted
        text = REGION.format(id=name, coverage=coverage, plan=plan, **fields)
        (root / "regions" / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("place", "hostile", "args", "line"), CASES.values(), ids=CASES.keys())
def test_hostile_text_is_escaped_for_its_medium(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    place: str,
    hostile: str,
    args: tuple[str, ...],
    line: str,
) -> None:
    _work(tmp_path, place, hostile)
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.code == 0, result.err
    lines = [x.rstrip() for x in result.out.splitlines()]
    assert line in lines
    assert "\x1b" not in result.out and "\x9b" not in result.out
    if args[0] in ("rank", "sensitivity"):
        assert "Kota alpha" in result.out and "Kota beta" in result.out


BAD = "schema: smartcity-score/region/v1\nregion:\n  id: kota-bad\n  name: Bad\nanswers:\n"
BAD += "  coverage: 500\n  plan: signed\n  skill: 2\n"
HOSTILE_FILE = "a,b:c%\x1b::d"
FOUND = "'coverage' must be at most 100, found 500"
VALIDATE = ("validate", "regions", "-c", "crit.yaml", "--format")

# A bad region file whose name is hostile: (command, exact output line).
FILE_CASES = {
    "c6-file-github": (
        (*VALIDATE, "github"),
        f"::error file=regions/a%2Cb%3Ac%25\\x1b%3A%3Ad.yaml,line=6,col=13::{FOUND}",
    ),
    "c6-file-text": ((*VALIDATE, "text"), f"regions/a,b:c%\\x1b::d.yaml:6:13: error {FOUND}"),
    "c6-file-sarif": (
        (*VALIDATE, "sarif"),
        '                  "uri": "regions/a%2Cb%3Ac%25%1B%3A%3Ad.yaml"',
    ),
    "c6-file-markdown": (
        (*VALIDATE, "markdown"),
        f"| regions/a,b:c%\\\\x1b::d.yaml | 6 | 13 | error | {FOUND} |",
    ),
    "c6-file-rank-table": (RANK, f"  regions/a,b:c%\\x1b::d.yaml      6       13   {FOUND}"),
}


@pytest.mark.parametrize(("args", "line"), FILE_CASES.values(), ids=FILE_CASES.keys())
def test_hostile_file_name_is_escaped_and_others_still_processed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], line: str
) -> None:
    _work(tmp_path, "name", "Kota gamma")
    (tmp_path / "regions" / f"{HOSTILE_FILE}.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    assert result.code == 1, result.err
    assert line in [x.rstrip() for x in result.out.splitlines()]
    assert "\x1b" not in result.out + result.err
    if args[0] == "rank":
        assert all(f"Kota {name}" in result.out for name, _, _ in REGIONS)


@pytest.mark.parametrize(
    "place",
    ["UNIT", "HELP", "QUESTION", "OPTION", "GROUP", "TITLE"],
    ids=lambda p: f"c6-template-yaml-{p.lower()}",
)
def test_c6_template_stays_the_same_yaml_structure(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    _work(tmp_path, place, "ZZ\nanswers:\n  injected: 1\r\u2028x: 2\x85y: 3")
    monkeypatch.chdir(tmp_path)
    result = cli(*TEMPLATE)
    assert result.code == 0, result.err
    data = yaml.safe_load(result.out)
    assert list(data) == ["schema", "criteria", "region", "answers", "evidence"]
    assert data["answers"] == {"coverage": None, "plan": None, "skill": None}


@pytest.mark.parametrize(
    "hostile",
    [BIDI, C1, ZERO_WIDTH, "ZZ\x7f\u2028"],
    ids=["c6-json-bidi", "c6-json-c1", "c6-json-zero-width", "c6-json-del-line-separator"],
)
def test_c6_json_keeps_exact_text_escaped_only(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: str
) -> None:
    _work(tmp_path, "name", hostile)
    monkeypatch.chdir(tmp_path)
    result = cli(*RANK, *JSON)
    assert result.code == 0, result.err
    assert result.out.isascii() or not any(c in result.out for c in hostile[2:])
    names = [r["region"]["name"] for r in json.loads(result.out)["results"]]
    assert names == ["Kota alpha", hostile, "Kota beta"]


@pytest.mark.parametrize(
    "fmt", ["csv", "markdown", "table", "json"], ids=lambda f: f"c2-non-utf8-{f}"
)
def test_c2_non_utf8_file_name_is_ranked_and_written(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _work(tmp_path, "name", "Kota gamma")
    monkeypatch.chdir(tmp_path)
    os.rename(b"regions/gamma.yaml", b"regions/g\xe9\x1b.yaml")
    result = cli(*RANK, "--format", fmt, "-o", f"out.{fmt}")
    assert result.code == 0, result.err
    report = (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
    assert all(f"Kota {name}" in report for name, _, _ in REGIONS)
    assert "\x1b" not in report
    if fmt == "csv":
        assert r"regions/g\xe9\x1b.yaml" in report

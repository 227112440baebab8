"""Every broken file under tests/data/invalid/, run through the real command line.

Add a file and its `.expected`, get a test:

- `regions/NAME.yaml`: a region file. Run from that folder,
  `smartcity-score validate NAME.yaml -c ../../valid/criteria.yaml` must print exactly the
  lines of `NAME.expected` on stdout and exit 1.
- `criteria/NAME.yaml`: a criteria file broken in its structure (the semantic rules of
  `check` have their own cases). Run from that folder, `validate REGION -c NAME.yaml` must
  exit 2 and print exactly the lines of `NAME.expected` on stderr, followed by one line
  saying the criteria file is invalid; `check NAME.yaml` must report the same errors.

Files whose bytes are the point of the case (encodings, BOM, CRLF, control characters) are
kept as they are by the `.gitattributes` beside them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, Result

INVALID = DATA / "invalid"
VALID = DATA / "valid"
CRITERIA = VALID / "criteria.yaml"
INVALID_CRITERIA = "smartcity-score: error: the criteria file is invalid"

Cli = Callable[..., Result]


def cases(kind: str) -> list[object]:
    params = []
    for path in sorted((INVALID / kind).glob("*.yaml")):
        params.append(pytest.param(path, id=path.stem))
    return params


def expected_lines(case: Path) -> list[str]:
    return case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err
    assert "internal error" not in result.err


def test_every_case_has_its_expected_output() -> None:
    yamls = {p.with_suffix("") for p in INVALID.glob("*/*.yaml")}
    expected = {p.with_suffix("") for p in INVALID.glob("*/*.expected")}
    assert yamls == expected
    assert len(yamls) >= 25


@pytest.mark.parametrize("case", cases("regions"))
def test_invalid_region(case: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    result = cli("validate", case.name, "-c", CRITERIA)
    assert_no_traceback(result)
    assert result.out.splitlines() == expected_lines(case)
    assert result.err == "1 file(s) validated: 1 invalid\n"
    assert result.code == 1


LINE = re.compile(r"(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): error (?P<message>.*)")


def printable(text: str) -> str:
    """Control characters as escapes, as the expected lines spell them."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


@pytest.mark.parametrize("case", cases("regions"))
def test_invalid_region_as_json(case: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    result = cli("validate", case.name, "-c", CRITERIA, "--format", "json")
    assert_no_traceback(result)
    report = json.loads(result.out)
    found = [{**error, "message": printable(error["message"])} for error in report["errors"]]
    expected = []
    for line in expected_lines(case):
        match = LINE.fullmatch(line)
        assert match, line
        where = {key: int(match[key]) for key in ("line", "column")}
        expected.append({"file": match["file"], **where, "message": match["message"]})
    assert found == expected
    assert result.code == 1


@pytest.mark.parametrize("case", cases("criteria"))
def test_invalid_criteria(case: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.parent)
    result = cli("validate", VALID / "regions" / "minimal.yaml", "-c", case.name)
    assert_no_traceback(result)
    assert result.err.splitlines() == [*expected_lines(case), INVALID_CRITERIA]
    assert result.out == ""
    assert result.code == 2


@pytest.mark.parametrize("case", cases("criteria"))
def test_check_reports_the_same_errors(
    case: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case.parent)
    result = cli("check", case.name)
    assert_no_traceback(result)
    errors = [line for line in result.out.splitlines() if ": error " in line]
    assert errors == expected_lines(case)
    assert result.code == 1


@pytest.mark.parametrize("case", sorted((VALID / "regions").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_region(case: Path, cli: Cli) -> None:
    result = cli("validate", case, "-c", CRITERIA)
    assert_no_traceback(result)
    assert (result.code, result.out) == (0, "")


def test_all_valid_regions_at_once(cli: Cli) -> None:
    result = cli("validate", VALID / "regions", "-c", CRITERIA)
    assert (result.code, result.out) == (0, "")
    assert result.err == "4 file(s) validated: 0 invalid\n"


def test_valid_criteria_is_clean(cli: Cli) -> None:
    result = cli("check", CRITERIA)
    assert (result.code, result.out) == (0, "")


def test_the_valid_bom_crlf_file_really_has_both() -> None:
    raw = (VALID / "regions" / "bom-crlf.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") > 5


def _region_of_size(size: int) -> bytes:
    head = (VALID / "regions" / "minimal.yaml").read_bytes()
    filler = b"# " + b"x" * (size - len(head) - 3) + b"\n"
    raw = head + filler
    assert len(raw) == size
    return raw


@pytest.mark.parametrize(
    ("size", "code", "lines"),
    [
        (1024 * 1024, 0, []),
        (1024 * 1024 + 1, 1, ["big.yaml:1:1: error file is 1.0 MiB; the limit is 1 MiB"]),
        (3 * 1024 * 1024 // 2, 1, ["big.yaml:1:1: error file is 1.5 MiB; the limit is 1 MiB"]),
    ],
    ids=["exactly-1-mib", "one-byte-over", "1.5-mib"],
)
def test_region_file_size_limit(
    size: int,
    code: int,
    lines: list[str],
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "big.yaml").write_bytes(_region_of_size(size))
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "big.yaml", "-c", CRITERIA)
    assert_no_traceback(result)
    assert (result.code, result.out.splitlines()) == (code, lines)


def test_criteria_file_over_1_mib(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = CRITERIA.read_bytes()
    (tmp_path / "big.yaml").write_bytes(raw + b"# " + b"x" * (1024 * 1024) + b"\n")
    monkeypatch.chdir(tmp_path)
    result = cli("validate", VALID / "regions" / "minimal.yaml", "-c", "big.yaml")
    assert_no_traceback(result)
    assert result.err.splitlines() == [
        "big.yaml:1:1: error file is 1.0 MiB; the limit is 1 MiB [file-too-large]",
        INVALID_CRITERIA,
    ]
    assert result.code == 2


def test_same_region_id_in_several_files(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.yaml", "b.yaml", "sub/c.yml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(VALID / "regions" / "complete.yaml", tmp_path / name)
    monkeypatch.chdir(tmp_path)
    result = cli("validate", ".", "-c", CRITERIA)
    tail = "every file of a repeated id is rejected, since the tool cannot know which one is right"
    assert result.out.splitlines() == [
        f"./a.yaml:5:7: error region id 'kota-lengkap' is also used by ./b.yaml, ./sub/c.yml; {tail}",
        f"./b.yaml:5:7: error region id 'kota-lengkap' is also used by ./a.yaml, ./sub/c.yml; {tail}",
        f"./sub/c.yml:5:7: error region id 'kota-lengkap' is also used by ./a.yaml, ./b.yaml; {tail}",
    ]
    assert result.code == 1


def test_valid_and_invalid_files_together(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = cli(
        "validate",
        "valid/regions/complete.yaml",
        "invalid/regions/wrong-type-scale.yaml",
        "invalid/regions/empty.yaml",
        "-c",
        CRITERIA,
    )
    assert result.out.splitlines() == [
        "invalid/regions/empty.yaml:1:1: error file is empty; expected a mapping of keys to values",
        "invalid/regions/wrong-type-scale.yaml:8:17: error 'kesiapan_sdm' must be a whole number "
        "from 1 to 5, found 3.5 (a number)",
    ]
    assert result.err == "3 file(s) validated: 2 invalid\n"
    assert result.code == 1


def test_missing_region_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "nowhere.yaml", "-c", CRITERIA)
    assert (result.code, result.out) == (2, "")
    assert result.err == "smartcity-score: error: no such file or folder: nowhere.yaml\n"


def test_missing_criteria_file(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate", VALID / "regions" / "minimal.yaml", "-c", "nowhere.yaml")
    assert_no_traceback(result)
    assert result.out == ""
    assert result.err.startswith(
        "smartcity-score: error: no criteria file or bundled set named 'nowhere.yaml' (bundled: "
    )
    assert result.code == 2

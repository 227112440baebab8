"""Fuzzing the loader and the validators: whatever the bytes, a verdict with located problems.

Every input is fed to `parse` (after `decode`), then to `validate_region` or
`validate_bytes`. Each must either accept the input or reject it with problems that
all have a line and column of at least 1 inside the file and a non-empty message;
no other exception, and no input may take more than a few seconds.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import FrameType

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from smartcity_score.criteria_sets import load_criteria, validate_bytes
from smartcity_score.engine import Scorer
from smartcity_score.loader import Document, LoadFailed, decode, parse
from smartcity_score.models import Criteria
from smartcity_score.problems import Problem, Severity
from smartcity_score.regions import InvalidRegion, validate_region
from tests.conftest import CRITERIA as BUNDLED
from tests.conftest import DATA, EXAMPLES

VALID = DATA / "valid"
KOMINFO = BUNDLED / "kominfo-readiness-2022.yaml"
LABEL = "fuzz.yaml"
LOADED = load_criteria(VALID / "criteria.yaml", "criteria.yaml")
REGIONS = [p.read_text(encoding="utf-8-sig") for p in sorted((VALID / "regions").glob("*.yaml"))]
CRITERIA_SOURCES = [
    p.read_text(encoding="utf-8") for p in (VALID / "criteria.yaml", KOMINFO) if p.is_file()
]
# Region files that fit the criteria seeds, to use a mutated criteria file that is valid.
FITTING_REGIONS = [
    p.read_text(encoding="utf-8")
    for p in (VALID / "regions" / "complete.yaml", EXAMPLES / "applicants-2022" / "kota-bima.yaml")
    if p.is_file()
]
SECONDS_PER_INPUT = 5

# Deterministic, so that CI never fails on an example a previous run did not meet;
# the deadline flags an input that is slow, the alarm below one that would hang.
FUZZ = settings(
    max_examples=500,
    deadline=timedelta(seconds=2),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"one input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_located(problems: list[Problem], text: str) -> None:
    lines = len(text.splitlines()) + 1  # every line break YAML knows splits here too
    for problem in problems:
        assert problem.file == LABEL
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1, problem
        assert isinstance(problem.message, str)
        assert problem.message.strip(), problem
        assert problem.rule, problem


def check_region(raw: bytes) -> None:
    """Load and validate `raw` as a region file against the test criteria."""
    text = raw.decode("utf-8", "replace")
    with time_limit(SECONDS_PER_INPUT):
        try:
            document = parse(decode(raw, LABEL), LABEL)
        except LoadFailed as failed:
            event("region: not loaded")
            assert failed.problems
            assert_located(failed.problems, text)
            return
        assert_located(document.problems, text)
        try:
            region = validate_region(document, LOADED.criteria, LOADED.scorer.indicators)
        except InvalidRegion as invalid:
            event("region: invalid")
            assert invalid.problems
            assert_located(invalid.problems, text)
            return
        event("region: valid")
        assert document.problems == []
        total = LOADED.scorer.score(region.answers).total
        assert 0 <= total <= 100


def check_criteria(raw: bytes) -> None:
    """Validate `raw` as a criteria file; when valid, use it on a region."""
    text = raw.decode("utf-8", "replace")
    with time_limit(SECONDS_PER_INPUT):
        problems = validate_bytes(raw, LABEL)
        assert_located(problems, text)
        if any(p.severity is Severity.ERROR for p in problems):
            event("criteria: invalid")
            return
        event("criteria: valid")
        document = parse(decode(raw, LABEL), LABEL)
        criteria = Criteria.model_validate(document.data)
        scorer = Scorer(criteria)
        for source in FITTING_REGIONS:
            try:
                region = validate_region(parse(source, "r.yaml"), criteria, scorer.indicators)
            except InvalidRegion as invalid:
                event("criteria: valid, region invalid")
                assert invalid.problems
                continue
            event("criteria: valid, region valid")
            total = scorer.score(region.answers).total
            assert 0 <= total <= 100


# --- mutations ------------------------------------------------------------------------------

SPECIAL = [
    "&a ", "*a", "!!python/object:os.system ", "!x ", "[", "]", "{", "}", "- ", "? ", ": ",
    ":", "|", ">-", "%YAML 1.1", "@", "`", "#", "'", '"', "---", "...", "~", ".nan", ".inf",
    "-.inf", "\t", "\r\n", "\r", "\x00", "\x07", "\x85", "\u2028", "\ufeff", "é", "😀", "\\",
    ",", "yes", "0x1F", "0x_", "012", "1_000", "1:30", "2022-01-01", "null", "<<", "=",
]  # fmt: skip
VALUES = [
    "yes", "no", "on", "~", "null", "''", '""', "[]", "{}", ".nan", "-.inf", "1e3", "1.5",
    "-1", "3", "012", "0x1F", "0x_", "1_000", "2022-01-01", "true", "'true'", "[a, a]", "{a: 1}",
    "draf", "perizinan", "100.5", "|\n  x",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, sources: list[str]) -> str:
    lines = draw(st.sampled_from(sources)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        operation = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "insert", "value", "truncate", "move"]
            )
        )
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":  # the same key twice, or a repeated list item
            lines.insert(draw(st.integers(index, len(lines))), line)
        elif operation == "swap":  # exchange the values of two `key: value` lines
            other = draw(st.integers(0, len(lines) - 1))
            a, b = line.partition(": "), lines[other].partition(": ")
            if a[1] and b[1]:
                lines[index], lines[other] = a[0] + a[1] + b[2], b[0] + b[1] + a[2]
        elif operation == "indent":
            change = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
            stripped = line.lstrip(" ")
            width = max(0, len(line) - len(stripped) + change)
            lines[index] = " " * width + stripped
        elif operation == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(SPECIAL)) + line[at:]
        elif operation == "value":
            key, colon, _ = line.partition(": ")
            if colon:
                lines[index] = key + colon + draw(st.sampled_from(VALUES))
        elif operation == "move":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(index))
        else:
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].splitlines()
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + ending.join(lines) + ending


# --- the properties ------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(raw: bytes) -> None:
    check_region(raw)
    check_criteria(raw)


@FUZZ
@given(
    st.text(
        alphabet=st.sampled_from(
            [*"abz019 -_:,.'\"[]{}&*!|>?#%@`~\t\n", "\r", "\x85", "\x00", "é", "😀", "\ufeff"]
        ),
        max_size=300,
    ),
    st.booleans(),
)
def test_random_yaml_like_text(text: str, bom: bool) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    check_region(raw)
    check_criteria(raw)


@settings(FUZZ, max_examples=1500)
@given(mutated(REGIONS))
def test_mutated_region_files(text: str) -> None:
    check_region(text.encode("utf-8"))


@settings(FUZZ, max_examples=600)
@given(mutated(CRITERIA_SOURCES))
def test_mutated_criteria_files(text: str) -> None:
    check_criteria(text.encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252"])
def test_valid_files_in_other_encodings_are_refused(encoding: str) -> None:
    for source in REGIONS:
        raw = (source + "# Kota Bogor é\n").encode(encoding)
        with pytest.raises(LoadFailed) as raised:
            parse(decode(raw, LABEL), LABEL)
        assert_located(raised.value.problems, raw.decode("utf-8", "replace"))
        assert [p.rule for p in raised.value.problems] == ["encoding"]


def test_the_seeds_are_valid() -> None:
    # Mutations start from valid files; a broken seed would leave the fuzzing half blind.
    for source in REGIONS:
        document = parse(source, LABEL)
        validate_region(document, LOADED.criteria, LOADED.scorer.indicators)
    for source in CRITERIA_SOURCES:
        problems = validate_bytes(source.encode("utf-8"), LABEL)
        assert not [p for p in problems if p.severity is Severity.ERROR]
    assert len(REGIONS) >= 3
    seeds = [load_criteria(p, p.name).criteria for p in (VALID / "criteria.yaml", KOMINFO)]
    for source in FITTING_REGIONS:
        assert any(_fits(parse(source, LABEL), criteria) for criteria in seeds)


def _fits(document: Document, criteria: Criteria) -> bool:
    try:
        validate_region(document, criteria, Scorer(criteria).indicators)
    except InvalidRegion:
        return False
    return True


def test_the_alarm_stops_a_hang() -> None:
    with pytest.raises(TimeoutError), time_limit(0.05):
        while True:
            pass


def test_located_problems_stay_inside_the_file() -> None:
    with pytest.raises(AssertionError):
        assert_located([Problem(LABEL, 3, 1, "m", "r")], "a: 1\n")
    with pytest.raises(AssertionError):
        assert_located([Problem(LABEL, 1, 0, "m", "r")], "a: 1\n")
    with pytest.raises(AssertionError):
        assert_located([Problem(LABEL, 1, 1, " ", "r")], "a: 1\n")

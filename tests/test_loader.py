"""The strict YAML loader: positions, YAML 1.1 resolution, encodings, hostile input."""

from __future__ import annotations

import datetime
import math
import subprocess
import sys
import textwrap
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.loader import (
    MAX_BYTES,
    Document,
    LoadFailed,
    decode,
    is_ambiguous_plain,
    load_path,
    parse,
    read_file,
    resolve_plain,
)
from smartcity_score.problems import Problem


def load(text: str) -> Document:
    return parse(textwrap.dedent(text).lstrip("\n"), "f.yaml")


def failure(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(LoadFailed) as raised:
        parse(text, "f.yaml")
    return [(p.line, p.column, p.message, p.rule) for p in raised.value.problems]


def soft(text: str) -> list[tuple[int, int, str, str]]:
    """Problems that leave the data readable."""
    return [(p.line, p.column, p.message, p.rule) for p in load(text).problems]


# --- positions --------------------------------------------------------------------------------

REGION = """
schema: smartcity-score/region/v1
region:
  id: kota-contoh
  name: "Kota Contoh"
  tags: {pulau: jawa,
         wilayah: barat}
answers:
  layanan:
    - perizinan
    - pengaduan
  regulasi: [draf]
  catatan: |
    baris satu
    baris dua
  kosong:
"""


def test_positions_of_values() -> None:
    marks = load(REGION).marks
    assert marks[()] == (1, 1)
    assert marks[("schema",)] == (1, 9)
    assert marks[("region",)] == (3, 3)  # a block mapping starts at its first key
    assert marks[("region", "id")] == (3, 7)
    assert marks[("region", "name")] == (4, 9)  # at the opening quote
    assert marks[("region", "tags")] == (5, 9)
    assert marks[("region", "tags", "pulau")] == (5, 17)
    assert marks[("region", "tags", "wilayah")] == (6, 19)
    assert marks[("answers",)] == (8, 3)
    assert marks[("answers", "layanan")] == (9, 5)  # a block list starts at its first dash
    assert marks[("answers", "layanan", 0)] == (9, 7)
    assert marks[("answers", "layanan", 1)] == (10, 7)
    assert marks[("answers", "regulasi")] == (11, 13)
    assert marks[("answers", "regulasi", 0)] == (11, 14)
    assert marks[("answers", "catatan")] == (12, 12)  # at the `|`
    assert marks[("answers", "kosong")] == (15, 10)  # an empty value: right after the colon


def test_positions_of_keys() -> None:
    key_marks = load(REGION).key_marks
    assert key_marks[("schema",)] == (1, 1)
    assert key_marks[("region", "name")] == (4, 3)
    assert key_marks[("region", "tags", "wilayah")] == (6, 10)
    assert key_marks[("answers", "kosong")] == (15, 3)
    assert () not in key_marks


def test_where_falls_back_to_the_nearest_ancestor() -> None:
    document = load(REGION)
    assert document.where(("region", "province")) == (3, 3)
    assert document.where(("nowhere", "at", "all")) == (1, 1)
    assert document.key_where(("region", "id")) == (3, 3)
    assert document.key_where(("region", "province")) == (3, 3)


def test_problem_at_value_and_at_key() -> None:
    document = load(REGION)
    assert document.problem(("region", "id"), "m", "r") == Problem("f.yaml", 3, 7, "m", "r")
    at_key = document.problem(("region", "id"), "m", "r", at_key=True)
    assert at_key == Problem("f.yaml", 3, 3, "m", "r")


def test_positions_count_characters_not_bytes() -> None:
    document = load("a: 'é😀'\nb: ééé\n")
    assert document.marks[("b",)] == (2, 4)
    document = load("é: 1\nb: {é: x, c: y}\n")
    assert document.key_marks[("b", "c")] == (2, 11)


def test_bom_and_crlf_change_no_position() -> None:
    plain = "a: 1\nb:\n  c: [x, y]\n"
    raw = b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode()
    windows = parse(decode(raw, "w.yaml"), "w.yaml")
    assert windows.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert windows.marks == parse(plain, "f.yaml").marks
    assert windows.key_marks == parse(plain, "f.yaml").key_marks


# --- YAML 1.1 resolution, like yaml.safe_load ------------------------------------------------

SAME_AS_SAFE_LOAD = [
    # booleans, YAML 1.1 style
    "yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "true", "True", "FALSE",
    "y", "n", "Y", "N",  # PyYAML reads these as strings
    # null
    "null", "Null", "NULL", "~", "",
    # integers
    "0", "12", "-12", "+12", "012", "0o17", "0x1F", "0xff", "0b101", "1_000", "-0", "1:30",
    "190:20:30",
    # floats
    "1.5", "-1.5", "1.", ".5", "0.", "1.5e3", "1.5e+3", "1e3", "6.8523015e+5", "685_230.15",
    "190:20:30.15", ".inf", "-.inf", "+.Inf", ".INF",
    # strings
    "kota", "1.2.3", "0x", "12abc", "yes please", "1 000", "0o", "+", ".",
]  # fmt: skip


@pytest.mark.parametrize("plain", SAME_AS_SAFE_LOAD)
def test_plain_scalars_resolve_like_safe_load(plain: str) -> None:
    ours = parse(f"v: {plain}\n", "f").data["v"]
    theirs = yaml.safe_load(f"v: {plain}\n")["v"]
    assert type(ours) is type(theirs)
    assert ours == theirs


@pytest.mark.parametrize("plain", [".nan", ".NaN", ".NAN"])
def test_nan_resolves_to_a_float_nan(plain: str) -> None:
    value = parse(f"v: {plain}\n", "f").data["v"]
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize("plain", ["=", "<<"])
def test_value_and_merge_indicators_are_plain_strings(plain: str) -> None:
    # safe_load cannot construct these YAML 1.1 types at all; we never resolve them.
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load(f"v: {plain}")
    assert parse(f"v: {plain}\n", "f").data == {"v": plain}


def test_keys_resolve_too() -> None:
    # Integers stay keys (scale labels); a boolean or float key is refused where it stands.
    document = load("2: a\nyes: b\n1.5: c\n~x: d\n'2': e\n")
    assert document.data == {2: "a", "~x": "d", "2": "e"}
    quote = "put it in quotes to use it as text"
    assert soft("2: a\nyes: b\n1.5: c\n~x: d\n'2': e\n") == [
        (2, 1, f"key 'yes' is not a string but a boolean; {quote}", "key-not-string"),
        (3, 1, f"key '1.5' is not a string but a number; {quote}", "key-not-string"),
    ]


@pytest.mark.parametrize(
    "plain",
    [
        "2001-12-14",
        "2002-12-14 21:59:43.10 -5",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-15T02:59:43.1Z",
    ],
)
def test_timestamps_stay_strings(plain: str) -> None:
    assert isinstance(yaml.safe_load(f"v: {plain}"), dict)
    assert isinstance(yaml.safe_load(f"v: {plain}")["v"], datetime.date)
    assert parse(f"v: {plain}\n", "f").data["v"] == plain


@pytest.mark.parametrize(
    "quoted",
    ["'yes'", '"no"', "'012'", '"0x1F"', "'1_000'", '"~"', "'null'", "''", '".inf"', "'1.5'"],
)
def test_quoted_scalars_stay_strings(quoted: str) -> None:
    assert parse(f"v: {quoted}\n", "f").data["v"] == quoted[1:-1]


def test_block_scalars_stay_strings() -> None:
    assert load("a: |\n  12\nb: >-\n  yes\n").data == {"a": "12\n", "b": "yes"}


def test_resolve_plain_directly() -> None:
    assert resolve_plain("") is None
    assert resolve_plain("0x1F") == 31
    assert resolve_plain("2022-01-01") == "2022-01-01"


@pytest.mark.parametrize(
    ("value", "ambiguous"),
    [
        ("yes", True),
        ("no", True),
        ("on", True),
        ("off", True),
        ("true", True),
        ("null", True),
        ("12", True),
        ("0x1f", True),
        ("1_000", True),
        ("1.5", True),
        ("ya", False),
        ("tidak", False),
        ("draf", False),
        ("2022-01-01", False),
        ("4g", False),
    ],
)
def test_is_ambiguous_plain(value: str, ambiguous: bool) -> None:
    assert is_ambiguous_plain(value) is ambiguous


@pytest.mark.parametrize("value", ["y", "n"])
def test_y_and_n_are_ambiguous_as_the_spec_says(value: str) -> None:
    assert is_ambiguous_plain(value)


@pytest.mark.parametrize("plain", ["0x_", "0b_", "-0x__"])
def test_digitless_hex_and_binary_are_strings_not_crashes(plain: str) -> None:
    assert parse(f"v: {plain}\n", "f").data == {"v": plain}
    assert not is_ambiguous_plain(plain)


# --- structure -------------------------------------------------------------------------------


def test_data_is_plain_python() -> None:
    document = load(REGION)
    assert document.file == "f.yaml"
    assert document.problems == []
    assert document.data["region"] == {
        "id": "kota-contoh",
        "name": "Kota Contoh",
        "tags": {"pulau": "jawa", "wilayah": "barat"},
    }
    assert document.data["answers"] == {
        "layanan": ["perizinan", "pengaduan"],
        "regulasi": ["draf"],
        "catatan": "baris satu\nbaris dua\n",
        "kosong": None,
    }


@pytest.mark.parametrize(
    ("text", "data", "where"),
    [
        ("a: {~: komitmen, true: x}\n", {"a": {}}, [(1, 5), (1, 18)]),
        ("a:\n  null: 1\n  b: 2\n", {"a": {"b": 2}}, [(2, 3)]),
        ("? \n: v\nb: 1\n", {"b": 1}, [(1, 2)]),
        ("a: {? , b: c}\n", {"a": {"b": "c"}}, [(1, 7)]),
    ],
)
def test_null_keys_are_refused_where_they_stand(
    text: str, data: dict[Hashable, Any], where: list[tuple[int, int]]
) -> None:
    # A null key is refused, and it does not swallow the value after it.
    document = parse(text, "f")
    assert document.data == data
    assert [(p.line, p.column, p.rule) for p in document.problems] == [
        (line, column, "key-not-string") for line, column in where
    ]


def test_duplicate_keys_are_reported_at_the_second_key_everywhere() -> None:
    text = """
    a: 1
    b:
      c: 1
      d: [{e: 1, e: 2}]
      c: 2
    a: 2
    """
    document = load(text)
    assert soft(text) == [
        (4, 14, "duplicate key 'e' (first defined at line 4)", "duplicate-key"),
        (5, 3, "duplicate key 'c' (first defined at line 3)", "duplicate-key"),
        (6, 1, "duplicate key 'a' (first defined at line 1)", "duplicate-key"),
    ]
    # The first value is kept; the duplicate is read past.
    assert document.data == {"a": 1, "b": {"c": 1, "d": [{"e": 1}]}}


def test_keys_equal_in_python_are_not_duplicates() -> None:
    # Distinct YAML keys, equal as Python dict keys (True == 1 == 1.0): each is named as
    # written at its own place, never as a duplicate of another; `0x1` is a real duplicate.
    quote = "put it in quotes to use it as text"
    assert soft("1: a\n1.0: b\ntrue: c\n0x1: d\n") == [
        (2, 1, f"key '1.0' is not a string but a number; {quote}", "key-not-string"),
        (3, 1, f"key 'true' is not a string but a boolean; {quote}", "key-not-string"),
        (4, 1, "duplicate key '0x1' (first defined at line 1)", "duplicate-key"),
    ]


def test_anchors_aliases_and_tags_are_refused_but_reading_goes_on() -> None:
    text = """
    a: &x [1, 2]
    b: *x
    c: !!str 12
    d: !local x
    e: ok
    """
    assert soft(text) == [
        (1, 4, "YAML anchors are not allowed (&x); write the value out", "yaml-anchor"),
        (2, 4, "YAML aliases are not allowed (*x); write the value out", "yaml-alias"),
        (3, 4, "YAML tags are not allowed (!!str)", "yaml-tag"),
        (4, 4, "YAML tags are not allowed (!local)", "yaml-tag"),
    ]
    assert load(text).data["e"] == "ok"


def test_an_undefined_alias_is_an_alias_problem() -> None:
    assert soft("a: *x\n") == [
        (1, 4, "YAML aliases are not allowed (*x); write the value out", "yaml-alias")
    ]


def test_python_tags_construct_nothing() -> None:
    text = "a: !!python/object/apply:os.system ['exit 1']\n"
    document = parse(text, "f")
    assert document.data == {"a": ["exit 1"]}
    assert [p.rule for p in document.problems] == ["yaml-tag"]


def test_an_alias_bomb_is_never_expanded() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level, previous in zip("bcdefghijklmnop", "abcdefghijklmno", strict=True):
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    document = parse("\n".join(lines) + "\n", "f")
    rules = [p.rule for p in document.problems]
    assert rules.count("yaml-anchor") == 16
    assert rules.count("yaml-alias") == 15 * 9
    assert document.data["p"] == [None] * 9


def test_a_list_as_a_key_is_refused_and_its_value_dropped() -> None:
    text = "a: 1\n? [b, c]\n: {d: 1}\ne: 2\n"
    assert soft(text) == [
        (2, 3, "a mapping key must be a plain value, not a list or mapping", "yaml-key")
    ]
    assert load(text).data == {"a": 1, "e": 2}


def test_several_documents() -> None:
    assert soft("a: 1\n---\nb: 2\n") == [
        (2, 1, "the file holds more than one YAML document; keep one", "multiple-documents")
    ]
    assert load("a: 1\n---\nb: 2\n").data == {"a": 1}
    assert load("---\na: 1\n...\n").problems == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", (1, 1, "file is empty; expected a mapping of keys to values", "not-a-mapping")),
        ("# note\n\n", (1, 1, "file is empty; expected a mapping of keys to values", "not-a-mapping")),
        (
            "- a\n",
            (1, 1, "the file must hold one mapping of keys to values at the top, found a list",
             "not-a-mapping"),
        ),
        (
            "12\n",
            (1, 1, "the file must hold one mapping of keys to values at the top, found the "
             "single value 12", "not-a-mapping"),
        ),
        (
            "~\n",
            (1, 1, "the file must hold one mapping of keys to values at the top, found nothing",
             "not-a-mapping"),
        ),
    ],
)  # fmt: skip
def test_not_a_mapping(text: str, problem: tuple[int, int, str, str]) -> None:
    assert failure(text) == [problem]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "a: [1, 2\n",
            (2, 1, "YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
             "sequence)", "yaml-syntax"),
        ),
        (
            "a: b: c\n",
            (1, 5, "YAML syntax error: mapping values are not allowed in this context",
             "yaml-syntax"),
        ),
        (
            "a:\n\tb: 1\n",
            (2, 1, "YAML syntax error: a tab cannot indent YAML or start a value; use spaces",
             "yaml-syntax"),
        ),
        (
            "a: 'open\n",
            (2, 1, "YAML syntax error: found unexpected end of stream (while scanning a quoted "
             "scalar)", "yaml-syntax"),
        ),
        (
            "a: 1\n b: 2\n",
            (2, 3, "YAML syntax error: mapping values are not allowed in this context",
             "yaml-syntax"),
        ),
    ],
)  # fmt: skip
def test_syntax_errors_are_located(text: str, problem: tuple[int, int, str, str]) -> None:
    assert failure(text) == [problem]


def test_problems_found_before_a_syntax_error_are_kept() -> None:
    assert failure("a: &x 1\na: 2\nb: [\n") == [
        (1, 4, "YAML anchors are not allowed (&x); write the value out", "yaml-anchor"),
        (2, 1, "duplicate key 'a' (first defined at line 1)", "duplicate-key"),
        (4, 1, "YAML syntax error: did not find expected node content (while parsing a flow "
         "node)", "yaml-syntax"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("a: x\x07\n", 1, 5, 0x07),
        ("# note \x01\na: 1\n", 1, 8, 0x01),
        ("a: 1\nb: \x00\n", 2, 4, 0x00),
        ("a: x\ufffe\n", 1, 5, 0xFFFE),
    ],
)
def test_control_characters(text: str, line: int, column: int, code: int) -> None:
    message = f"the file contains a character U+{code:04X} that YAML does not allow; remove it"
    assert failure(text) == [(line, column, message, "yaml-syntax")]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("a: é\x01\n", 1, 5), ("a: éééé\nb: ééé\x07\n", 2, 7), ("a: 😀\x01\n", 1, 5)],
)
def test_control_characters_after_non_ascii(text: str, line: int, column: int) -> None:
    assert [(p[0], p[1]) for p in failure(text)] == [(line, column)]


# --- deep nesting ----------------------------------------------------------------------------


def _depth(value: Any) -> int:
    depth = 0
    while isinstance(value, list | dict) and value:
        value = value[0] if isinstance(value, list) else next(iter(value.values()))
        depth += 1
    return depth


def _parsed_or_refused(text: str) -> Document | None:
    """The document, or None when the loader refused it with located problems."""
    try:
        return parse(text, "f")
    except LoadFailed as failed:
        assert failed.problems
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in failed.problems)
        return None


# 3,000 levels is three times Python's recursion limit; the subprocess test covers 100,000.
def test_deeply_nested_flow_lists_do_not_exhaust_the_stack() -> None:
    depth = 3_000
    document = _parsed_or_refused("a: " + "[" * depth + "1" + "]" * depth + "\n")
    if document is not None:
        assert _depth(document.data["a"]) == depth


def test_nested_flow_mappings_do_not_exhaust_the_stack() -> None:
    depth = 2_000
    document = _parsed_or_refused("a: " + "{a: " * depth + "1" + "}" * depth + "\n")
    if document is not None:
        assert _depth(document.data["a"]) == depth


def test_deep_nesting_costs_linear_time() -> None:
    # In a child process with capped memory, so a quadratic loader fails fast and harmlessly.
    script = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from smartcity_score.loader import LoadFailed, parse
        depth = 100_000
        try:
            parse("a: " + "[" * depth + "]" * depth + "\\n", "f")
        except LoadFailed as failed:
            assert all(p.line >= 1 and p.column >= 1 for p in failed.problems)
        """
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, timeout=3, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("parsing 100,000 nested lists took more than 3 s")
    assert done.returncode == 0, done.stderr.decode()[-500:]


# --- bytes and files -------------------------------------------------------------------------


def test_decode_strips_one_bom() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\n", "f") == "a: 1\n"
    assert decode(b"a: 1\r\n", "f") == "a: 1\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(encoding: str) -> None:
    raw = "a: 1\n".encode(encoding)
    if encoding != "utf-16":
        raw = "\ufeff".encode(encoding) + raw
    with pytest.raises(LoadFailed) as raised:
        decode(raw, "f")
    assert raised.value.problems == [
        Problem("f", 1, 1, "file is UTF-16 encoded; save it as UTF-8", "encoding")
    ]


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        (b"a: caf\xe9\n", 1, 7, 0xE9),
        (b"a: 1\nb: \xc3\xa9\xc3\xa9 \xff\n", 2, 7, 0xFF),
        (b"a: \xed\xa0\x80\n", 1, 4, 0xED),  # an encoded surrogate
        (b"\xef\xbb\xbfa: \x80\n", 1, 4, 0x80),
    ],
)
def test_invalid_utf8_is_located(raw: bytes, line: int, column: int, byte: int) -> None:
    with pytest.raises(LoadFailed) as raised:
        decode(raw, "f")
    message = f"file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8"
    assert raised.value.problems == [Problem("f", line, column, message, "encoding")]


def test_size_limit(tmp_path: Path) -> None:
    exactly = b"a: 1\n#" + b"x" * (MAX_BYTES - 7) + b"\n"
    assert len(exactly) == MAX_BYTES
    (tmp_path / "ok.yaml").write_bytes(exactly)
    assert load_path(tmp_path / "ok.yaml").data == {"a": 1}
    assert decode(exactly, "f").startswith("a: 1\n")

    (tmp_path / "big.yaml").write_bytes(exactly + b"\n")
    with pytest.raises(LoadFailed) as raised:
        read_file(tmp_path / "big.yaml", "big.yaml")
    message = "file is 1.0 MiB; the limit is 1 MiB"
    assert raised.value.problems == [Problem("big.yaml", 1, 1, message, "file-too-large")]
    with pytest.raises(LoadFailed) as raised:
        decode(exactly + b"\n", "big.yaml")
    assert raised.value.problems == [Problem("big.yaml", 1, 1, message, "file-too-large")]


def test_load_path_labels_problems_with_the_label(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    document = load_path(tmp_path / "r.yaml", "given/r.yaml")
    assert document.file == "given/r.yaml"
    assert [p.file for p in document.problems] == ["given/r.yaml"]
    assert load_path(tmp_path / "r.yaml").file == str(tmp_path / "r.yaml")


def test_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(LoadFailed) as raised:
        read_file(tmp_path / "missing.yaml", "missing.yaml")
    assert raised.value.problems == [
        Problem("missing.yaml", 1, 1, "cannot read file: No such file or directory", "unreadable")
    ]


# --- the fast path -----------------------------------------------------------------------------

_SCALARS = st.one_of(
    st.sampled_from(
        ["yes", "No", "~", "null", "012", "0x1F", "1_000", ".inf", ".nan", "2022-01-01"]
    ),
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
    st.integers(-1000, 1000).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.text(max_size=6).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
)


def _yaml_value(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.integers(0, 2 if depth < 3 else 0))
    if kind == 0:
        return draw(_SCALARS)
    if kind == 1:
        items = [_yaml_value(draw, depth + 1) for _ in range(draw(st.integers(0, 3)))]
        return "[" + ", ".join(items) + "]"
    keys = draw(st.lists(_SCALARS, max_size=3))
    pairs = [f"{k}: {_yaml_value(draw, depth + 1)}" for k in keys]
    return "{" + ", ".join(pairs) + "}"


@st.composite
def _documents(draw: st.DrawFn) -> str:
    keys = draw(st.lists(_SCALARS, min_size=1, max_size=4))
    return "".join(f"{k}: {_yaml_value(draw, 0)}\n" for k in keys)


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_the_fast_path_reads_what_the_full_builder_reads(text: str) -> None:
    from smartcity_score.yaml_events import read_clean, read_located

    fast = read_clean(text)
    builder, fatal = read_located(text, "f")
    # The fast path gives up exactly on the files that have problems, and otherwise reads
    # the same data (compared by repr: NaN never equals itself, and True == 1 in Python).
    assert (fast is None) == (fatal or bool(builder.problems))
    if fast is not None:
        assert repr(fast) == repr(builder.root)

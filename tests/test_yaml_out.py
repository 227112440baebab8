"""`yaml_out.dump` writes the bytes `yaml.dump` writes, on any data, hostile text too."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score import yaml_out


def _pyyaml(data: Any) -> str:
    return yaml.dump(  # type: ignore[no-any-return]
        data,
        Dumper=yaml.CSafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )


# Text of every kind: YAML's own words and indicators, numbers as text, line breaks of
# every kind, spaces around, control and non-ASCII characters.
_AWKWARD = [
    "yes", "No", "ON", "off", "y", "n", "null", "Null", "~", "", " ", "true", "FALSE",
    "0o17", "1_000", "0x1F", "1e3", ".inf", "-.NaN", "12:30", "2022-03-01", "=",
    "<<", "- a", "? a", ": a", "a: b", "a #b", "a#b", "#a", "&a", "*a", "!a", "|", ">",
    "'a'", '"a"', "%a", "@a", "`a", "a,b", "[a]", "{a}", "a\nb", "a\r\nb", "a\x85b",
    "a\u2028b", "\ufeffa", "a\tb", "a  b", "a ", " a", "Kota Pariaman", "é", "x" * 129,
]  # fmt: skip
_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(_AWKWARD),
    st.text(st.sampled_from("aZ09 _-.,()/:#'\"\n"), max_size=12),
)
_SCALAR = st.one_of(
    _TEXT,
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1e16, 1e-5, 1.5e300, 123456789012345680.0]),
)
_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_TEXT | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_TEXT, _DATA, max_size=6))
def test_dump_writes_the_bytes_of_pyyaml(data: dict[str, Any]) -> None:
    assert yaml_out.dump(data) == _pyyaml(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"answers": {}},
        {"a": [], "b": {}, "c": [[]], "d": [{}], "e": [{"x": 1}], "f": [[1, 2]]},
        {"k" * 101: 1, "b": 2},
        {"region": {"id": "kota-a", "tags": {"pulau": "jawa"}}, "answers": {"x": ["a", "b"]}},
        {"note": "line one\nline two", "deep": {"deeper": {"text": "a\n\nb  "}}},
        {"n": -0.0, "p": 0.0, "nan": float("nan"), "inf": float("-inf")},
        {"long": "word " * 30_000},
    ],
)
def test_dump_writes_the_bytes_of_pyyaml_in_the_layouts_it_leaves_to_pyyaml(
    data: dict[str, Any],
) -> None:
    assert yaml_out.dump(data) == _pyyaml(data)


def test_what_is_remembered_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_out, "_REMEMBERED", 20)
    for number in range(30):
        yaml_out.dump({"a": f"é{number}"})
    assert len(yaml_out._spelt) <= yaml_out._REMEMBERED

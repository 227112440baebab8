"""Plain data written as YAML: the bytes `yaml.dump` writes, at a fraction of its cost.

`import` writes a region file per submission, tens of thousands in a run, and nearly all
of `yaml.dump`'s time there is its Python side: a representer dispatch and an alias
check for every scalar, then the resolver's regular expressions, twice a scalar. A
region file is a block mapping of mappings, lists and one-line scalars, whose layout
is fixed (`key: value`, two spaces a level, lists not indented under their key); only
the spelling of each scalar (plain, or which quotes) needs PyYAML's judgement, and that
depends on the scalar alone. So each scalar's spelling is asked of PyYAML's own emitter,
once for short ones (option ids, `true`, small numbers repeat from file to file), and
the lines are joined here. Text that is plain by construction (a letter, then letters,
digits, spaces and `_-.,()/`, no word YAML reads as true, false or null) is not asked.
Anything else (a scalar that spans lines, a type other than str, int, float, bool,
None, list and dict) makes the whole document PyYAML's. Tests hold `dump` to the bytes
of `yaml.dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False,
width=WIDTH)`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

WIDTH = 1_000_000
"""Lines are never folded: a long evidence note stays on its line."""

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Only scalars this short are remembered, and at most this many: memory stays flat
# however many rows pass, while the answers that repeat are all found.
_SHORT, _REMEMBERED = 64, 20_000
# Longer scalars, and keys longer than a simple key may be, go to PyYAML whole.
_LONG, _KEY = 100_000, 100
_spelt: dict[tuple[type, Any], str] = {}
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 _.,()/-]*[A-Za-z0-9_.)])?")
# Words YAML 1.1 reads as a boolean or null (PyYAML's resolver): never plain text.
_WORDS = frozenset(
    spelling
    for word in ("yes", "no", "true", "false", "on", "off", "y", "n", "null")
    for spelling in (word, word.capitalize(), word.upper())
)


class _PyYAMLsLayout(Exception):
    """What only PyYAML lays out rightly: a scalar spanning lines (its continuation lines
    depend on its indentation), a long key, a nested list, another type."""


def dump(data: dict[str, Any]) -> str:
    """`data` as a YAML document, byte for byte as `yaml.dump` with this module's options."""
    lines: list[str] = []
    if not data:
        return _pyyaml(data)
    try:
        _mapping(lines, "", data)
    except _PyYAMLsLayout:
        return _pyyaml(data)
    lines.append("")
    return "\n".join(lines)


def _pyyaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=WIDTH,
    )


def _mapping(lines: list[str], indent: str, data: dict[Any, Any]) -> None:
    for key, value in data.items():
        head = f"{indent}{_key(key)}:"
        if type(value) is dict and value:
            lines.append(head)
            _mapping(lines, indent + "  ", value)
        elif type(value) is list and value:
            lines.append(head)
            lines.extend(f"{indent}- {_scalar(item)}" for item in value)
        else:
            lines.append(f"{head} {_scalar(value)}")


def _key(key: Any) -> str:
    """A key that is plain text or a number; any other may need `? key` (a long one, or
    one a line break would make multiline, however it is spelt): PyYAML's to lay out."""
    if type(key) is str and len(key) <= _KEY and key not in _WORDS and _PLAIN.fullmatch(key):
        return key
    if type(key) is int and len(str(key)) <= _KEY:
        return str(key)
    raise _PyYAMLsLayout


def _scalar(value: Any) -> str:
    """How PyYAML's emitter spells one scalar (or an empty list or mapping) on one line."""
    kind = type(value)
    if kind is str:
        if len(value) > _LONG:
            raise _PyYAMLsLayout  # so long that it may be folded
        if value in _WORDS:
            return _asked(kind, value)
        if _PLAIN.fullmatch(value):
            return value  # type: ignore[no-any-return]
        return _asked(kind, value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is int:
        return str(value)
    if kind in (float, list, dict):
        return _asked(kind, value)
    raise _PyYAMLsLayout  # another type: PyYAML's representer decides all of it


def _asked(kind: type, value: Any) -> str:
    short = kind is not str or len(value) <= _SHORT
    # By spelling for floats too: -0.0 == 0.0, yet PyYAML writes them apart.
    key = (kind, value if kind is str else repr(value))
    if short:
        found = _spelt.get(key)
        if found is not None:
            return found
    if kind in (list, dict) and value:
        raise _PyYAMLsLayout  # a list or mapping inside a list: PyYAML lays it out
    text = _pyyaml({"k": value})
    spelt = text[3:-1]
    if not text.startswith("k: ") or "\n" in spelt:
        raise _PyYAMLsLayout
    if short:
        if len(_spelt) >= _REMEMBERED:
            _spelt.clear()
        _spelt[key] = spelt
    return spelt

"""Strict YAML loading: plain data plus the line and column of every node.

Reading (size limit, encoding) and the `Document` the validators work on. The
YAML itself is read by `smartcity_score.yaml_events`; positions are found only
when a problem needs them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.paths import not_regular
from smartcity_score.problems import SUGGESTIONS, Problem, cap_per_file
from smartcity_score.yaml_events import (
    MAX_DEPTH,
    Mark,
    NodePath,
    is_ambiguous_plain,
    read_clean,
    read_located,
    resolve_plain,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "LoadFailed",
    "Mark",
    "NodePath",
    "decode",
    "is_ambiguous_plain",
    "load_path",
    "parse",
    "read_file",
    "read_limited",
    "resolve_plain",
]

MAX_BYTES = 1024 * 1024


class Document:
    """A parsed YAML file: `data` plus where each value and key stands.

    Positions are found lazily: a file that passes validation never needs them,
    so the fast path reads only the data, and the first question about a
    position parses the text again with every node's line and column recorded.
    """

    __slots__ = ("_key_marks", "_marks", "_text", "data", "file", "problems")

    def __init__(
        self,
        file: str,
        data: dict[Hashable, Any],
        marks: dict[NodePath, Mark] | None = None,
        key_marks: dict[NodePath, Mark] | None = None,
        problems: list[Problem] | None = None,
        text: str | None = None,
    ) -> None:
        self.file = file
        self.data = data
        self._marks = marks
        self._key_marks = key_marks
        # Problems that left the data readable (duplicate keys, anchors, tags): the
        # validators still run, so that every problem of the file is reported at once.
        self.problems: list[Problem] = problems or []
        self._text = text

    def _locate(self) -> None:
        builder = read_located(self._text or "", self.file)[0]
        self._marks, self._key_marks = builder.marks, builder.key_marks

    @property
    def marks(self) -> dict[NodePath, Mark]:
        if self._marks is None:
            self._locate()
        assert self._marks is not None
        return self._marks

    @property
    def key_marks(self) -> dict[NodePath, Mark]:
        if self._key_marks is None:
            self._locate()
        assert self._key_marks is not None
        return self._key_marks

    def where(self, path: NodePath) -> Mark:
        """Line and column of the value at `path`, or of its nearest ancestor."""
        marks = self.marks
        mark = marks.get(path)  # nearly always there: no slicing
        if mark is not None:
            return mark
        for end in range(len(path) - 1, -1, -1):
            mark = marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def key_where(self, path: NodePath) -> Mark:
        """Line and column of the key that names `path` (its value's place if none)."""
        mark = self.key_marks.get(path)
        return mark if mark is not None else self.where(path)

    def problem(
        self, path: NodePath, message: str | Message, rule: str, *, at_key: bool = False
    ) -> Problem:
        line, column = self.key_where(path) if at_key else self.where(path)
        return Problem.of(self.file, line, column, message, rule)


class LoadFailed(Exception):
    """The file is not one strict YAML mapping; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems = cap_per_file(problems)
        super().__init__(str(problems[0]))


def read_limited(path: str | Path, label: str) -> bytes:
    """The bytes of `path`, refusing a file over 1 MiB without reading it all."""
    try:
        # Non-blocking, and checked on the open descriptor: a FIFO (even one swapped in
        # after the folders were walked) or a device is refused instead of hanging.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            # One fstat and plain reads on the descriptor, no file object: on a folder of
            # small files these calls cost as much as parsing does.
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                message = not_regular(info.st_mode)
                raise LoadFailed([Problem.of(label, 1, 1, message, "unreadable")])
            # Ask for the bytes the file holds (reading MAX_BYTES + 1 allocates 1 MiB for
            # every 4 KB file), plus one, to notice a file that grew: then read on.
            known = info.st_size
            raw = os.read(handle, min(known, MAX_BYTES) + 1)
            while len(raw) > known and len(raw) <= MAX_BYTES:
                more = os.read(handle, MAX_BYTES + 1 - len(raw))
                if not more:
                    break
                raw += more
        finally:
            os.close(handle)
    except OSError as error:
        reason = verbatim(error.strerror or str(error))
        message = msg("cannot_read_file", reason=reason)
        raise LoadFailed([Problem.of(label, 1, 1, message, "unreadable")]) from error
    if len(raw) > MAX_BYTES:
        size = _size(known) if known > MAX_BYTES else msg("size_over")
        raise LoadFailed([Problem.of(label, 1, 1, msg("too_large", size=size), "file-too-large")])
    return raw


def read_file(path: str | Path, label: str) -> str:
    """Read `path` as UTF-8 text (BOM allowed), refusing huge or undecodable files."""
    return decode(read_limited(path, label), label)


def decode(raw: bytes, label: str) -> str:
    if len(raw) > MAX_BYTES:
        message = msg("too_large", size=_size(len(raw)))
        raise LoadFailed([Problem.of(label, 1, 1, message, "file-too-large")])
    encoding = _wide_encoding(raw)
    if encoding is not None:
        message = msg("wide_encoding", encoding=encoding)
        raise LoadFailed([Problem.of(label, 1, 1, message, "encoding")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        message = msg("not_utf8", byte=f"{byte:02x}")
        raise LoadFailed([Problem.of(label, line, column, message, "encoding")]) from error


def _size(size: int) -> Message:
    """`1.5 MiB`, for a file over the limit."""
    return msg("size_mib", size=f"{size / MAX_BYTES:.1f}")


# Byte order marks, UTF-32 first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-32" or "UTF-16" when `raw` is in one of them, else None.

    With a byte order mark, by the mark; without one, by where the NUL bytes fall in the
    first four bytes, as YAML 1.2 §5.2 detects encodings: a YAML file begins with an ASCII
    character (`#`, a key, `-`), which is `X 0 0 0` or `0 0 0 X` in UTF-32 and `X 0` or
    `0 X` in UTF-16. UTF-8 never holds a NUL byte in such a start.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    nul = [byte == 0 for byte in raw[:4]]
    if nul in ([False, True, True, True], [True, True, True, False]):
        return "UTF-32"
    if nul[:2] in ([False, True], [True, False]):
        return "UTF-16"
    return None


def load_path(path: str | Path, label: str | None = None) -> Document:
    label = str(path) if label is None else label
    return parse(read_file(path, label), label)


def parse(text: str, label: str) -> Document:
    """Parse one YAML document holding a mapping; raise `LoadFailed` with every problem."""
    SUGGESTIONS.start_file()
    data = read_clean(text)
    if data is not None:
        return Document(label, data, text=text)
    builder, fatal = read_located(text, label)
    if not isinstance(builder.root, dict) or fatal:
        raise LoadFailed(builder.problems)
    return Document(label, builder.root, builder.marks, builder.key_marks, builder.problems)

"""Escaping of input text for each output medium, so no input is ever live markup.

Every text that comes from an input (names, file names, criteria texts, messages that
quote them) passes through the function for its medium before it is written: `terminal`
for rich tables, `github_data`/`github_property` for workflow commands, `markdown_cell`
for Markdown, `yaml_comment` for the template, `spreadsheet_text` for a workbook cell,
`excerpt` to quote input in a message.
All of them start from `visible`: controls, bidi overrides and zero-width characters are
shown as escapes (`\\x1b`, `\\u202e`), and a file name that is not UTF-8 (the lone
surrogates of `os.fsdecode`) as its bytes (`\\xe9`), so that it can always be encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Printable to str.isprintable() or not, these change how the text around them reads.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# What json.dumps(ensure_ascii=False) leaves raw but a terminal or editor would act on:
# DEL, C1 controls (U+009B is a CSI), line/paragraph separators and the invisible set.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029" + "".join(sorted(_INVISIBLE)) + "]")
_MARKDOWN = re.compile(r"[\\`*_\[\]|~<>&]")
_MARKDOWN_BLOCK = re.compile(r"^(\s*|\s*\d+)((?<!\d)[#+=-]|(?<=\d)[.)])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _char(c: str) -> str:
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte os.fsdecode could not decode
    if code <= 0xFF:
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(c, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(value: object) -> str:
    """`value` as one line with every control or invisible character shown as an escape."""
    s = str(value)
    if s.isprintable() and not _INVISIBLE.intersection(s):
        return s
    return "".join(_char(c) if not c.isprintable() or c in _INVISIBLE else c for c in s)


def terminal(value: object) -> str:
    """For a rich table cell or title: controls visible, and no `[...]` read as markup."""
    from rich.markup import escape  # here: renderers that never call it load no rich

    return escape(visible(value))


def github_data(value: object) -> str:
    """The message of a workflow command (`::error ...::message`)."""
    s = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(s)


def github_property(value: object) -> str:
    """A property of a workflow command (`file=...`): also no `:` or `,` that would end it."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


def _markdown_char(match: re.Match[str]) -> str:
    c = match.group()
    if c in _HTML:
        return _HTML[c]
    if c == "_":
        # GitHub reads no emphasis in `a_b`; leaving it keeps ids such as `cakupan_4g` plain.
        text, at = match.string, match.start()
        inside = 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()
        if inside:
            return c
    return "\\" + c


def markdown_cell(value: object) -> str:
    """For a Markdown table cell: no HTML, emphasis, link, code or `|` is live, and the text
    stays on one line."""
    return _MARKDOWN.sub(_markdown_char, visible(value))


def markdown_text(value: object) -> str:
    """For a list item or a paragraph: also no heading or list begins at its start."""
    return _MARKDOWN_BLOCK.sub(r"\1\\\2", markdown_cell(value))


def yaml_comment(value: object) -> str:
    """For a `# comment` in YAML: runs of whitespace and line breaks become one space, and
    any other control is shown as an escape, so nothing after it becomes a live line."""
    return visible(" ".join(str(value).split()))


# What a workbook's XML cannot hold (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE/U+FFFF), and what would make a cell read otherwise than it is written.
_SPREADSHEET_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    + "".join(sorted(_INVISIBLE))
    + "]"
)


def spreadsheet_text(value: object) -> str:
    """For a cell of an .xlsx: controls, invisible characters and lone surrogates shown as
    escapes; tabs and line breaks kept, as a cell may hold several lines (each line break
    as `\n`: XML reads a bare `\r` as one, so a cell reads back as it was written)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _SPREADSHEET_UNSAFE.sub(lambda m: _char(m.group()), text)


def excerpt(value: object, limit: int = 60) -> str:
    """A short quote of input for a message: visible, and cut at `limit` characters with `…`."""
    s = visible(value)
    if len(s) <= limit:
        return s
    kept: list[str] = []
    room = limit - 1
    for c in str(value):
        piece = visible(c)  # whole escapes only: a cut `\x1` would read as something else
        room -= len(piece)
        if room < 0:
            break
        kept.append(piece)
    return "".join(kept) + "…"


def encodable(chunks: Iterable[str]) -> Iterator[str]:
    """`chunks` with any lone surrogate (an undecodable file name byte) shown as `\\xNN`, so
    that writing them as UTF-8 never fails. JSON writers escape theirs before (`json_text`)."""
    for chunk in chunks:
        yield _SURROGATE.sub(lambda m: _char(m.group()), chunk) if _has_surrogate(chunk) else chunk


def json_text(text: str) -> str:
    """JSON text with controls and invisible characters as `\\uXXXX` escapes (`json.loads`
    reads back the exact text) and lone surrogates shown as `\\xNN` inside its strings (a backslash
    escaped for JSON), so it stays valid UTF-8 and `json.loads` reads the escape as text."""
    if text.isascii():
        return text
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # same string, escaped
    if not _has_surrogate(text):
        return text
    return _SURROGATE.sub(lambda m: "\\" + _char(m.group()), text)


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None

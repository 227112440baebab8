"""The text of each page of a PDF that Chromium printed, for tests (no PDF library needed).

Chromium writes PDF through Skia: plain (not compressed) object headers, content streams
and ToUnicode maps compressed with zlib, and every text shown with `Tj`/`TJ` as hex glyph
ids of a Type0 font. That is all this reader understands: it follows the page tree in
order, maps each font's glyph ids back to text through its ToUnicode CMap, and returns one
list of text runs (one per BT … ET block) per page.
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_REF = rb"(\d+) 0 R"
_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]|/([^\s/\[\]<>()]+)|(BT|ET|Tj|TJ|Tf)\b")


def _stream(body: bytes) -> bytes:
    raw = body.split(b"stream", 1)[1].lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
    return zlib.decompress(raw) if b"/FlateDecode" in body.split(b"stream", 1)[0] else raw


def _cmap(text: bytes) -> dict[int, str]:
    """Glyph id → text, from the `bfchar` and `bfrange` sections of a ToUnicode CMap."""
    found: dict[int, str] = {}

    def chars(hex_: bytes) -> str:
        return bytes.fromhex(hex_.decode()).decode("utf-16-be")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for glyph, value in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            found[int(glyph, 16)] = chars(value)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for first, last, rest in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", section
        ):
            start, end = int(first, 16), int(last, 16)
            if rest.startswith(b"["):
                values = re.findall(rb"<([0-9A-Fa-f]*)>", rest)
                found.update((start + i, chars(v)) for i, v in enumerate(values))
            else:
                base = chars(rest[1:-1])
                found.update(
                    (glyph, base[:-1] + chr(ord(base[-1]) + glyph - start))
                    for glyph in range(start, end + 1)
                )
    return found


def pages(pdf: bytes) -> list[list[str]]:
    """The text runs of each page, pages in reading order."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}
    root = re.search(rb"/Pages " + _REF, objects[int(re.findall(rb"/Root " + _REF, pdf)[-1])])
    assert root is not None
    return [_page_text(objects, number) for number in _leaves(objects, int(root.group(1)))]


def _leaves(objects: dict[int, bytes], number: int) -> list[int]:
    body = objects[number]
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
    if kids is None:
        return [number]
    return [leaf for kid in re.findall(_REF, kids.group(1)) for leaf in _leaves(objects, int(kid))]


def _page_text(objects: dict[int, bytes], number: int) -> list[str]:
    body = objects[number]
    fonts: dict[bytes, dict[int, str]] = {}
    font_dict = re.search(rb"/Font\s*<<(.*?)>>", body, re.S)
    for name, ref in re.findall(rb"/(\w+) " + _REF, font_dict.group(1) if font_dict else b""):
        unicode_ref = re.search(rb"/ToUnicode " + _REF, objects[int(ref)])
        fonts[name] = _cmap(_stream(objects[int(unicode_ref.group(1))])) if unicode_ref else {}
    contents = re.search(rb"/Contents " + _REF, body)
    assert contents is not None
    return _runs(_stream(objects[int(contents.group(1))]), fonts)


def _runs(content: bytes, fonts: dict[bytes, dict[int, str]]) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    font: dict[int, str] = {}
    name = b""
    strings: list[str] = []
    for match in _TOKEN.finditer(content):
        hex_, word, operator = match.groups()
        if hex_ is not None:
            glyphs = bytes.fromhex(hex_.decode())
            ids = [int.from_bytes(glyphs[i : i + 2], "big") for i in range(0, len(glyphs), 2)]
            strings.append("".join(font.get(glyph, "\ufffd") for glyph in ids))
        elif word is not None:
            name = word
        elif operator == b"Tf":
            font = fonts.get(name, {})
            strings = []
        elif operator in (b"Tj", b"TJ"):
            current.append("".join(strings))
            strings = []
        elif operator == b"BT":
            current, strings = [], []
        elif operator == b"ET":
            runs.append("".join(current))
    return runs

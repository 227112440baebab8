"""One renderer per output format, behind one registry keyed by `Format`.

A renderer module exposes any of `rank(report, options)`, `assess(report,
options)` and `problems(report, options)`, each returning the output as an
iterator of text chunks (so a 75,000-region JSON report is never one string);
a `BINARY` format's renderer yields `bytes` instead, which only a file can take.
Rich is imported only by the table renderer, openpyxl only by the xlsx one.

One axis: each format module renders every job it serves (rank, assess, problems,
sensitivity, compare, trend). The large ones hand a job to a module of their own
(`analysis_table`, `trend_html`, `xlsx_analysis`, ...), and what the renderers of a format
share sits below them (`terminal`, `html_page`, `xlsx_book`), as what every format shares
does (`analysis_data`, `trend_text`, `layout`): none of these imports a format module, so
no import goes round in a circle (tests/test_render_registry.py checks it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from enum import StrEnum
from types import ModuleType
from typing import Any, NamedTuple


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    GITHUB = "github"
    SARIF = "sarif"
    TEXT = "text"
    HTML = "html"
    XLSX = "xlsx"


BINARY = frozenset({Format.XLSX})

_MODULES: dict[Format, str] = {
    Format.TABLE: "table",
    Format.JSON: "json_",
    Format.CSV: "csv_",
    Format.MARKDOWN: "markdown",
    Format.GITHUB: "github",
    Format.SARIF: "sarif",
    Format.TEXT: "text",
    Format.HTML: "html",
    Format.XLSX: "xlsx",
}


class Options(NamedTuple):  # not a dataclass: cheaper to define at every start
    color: bool = False
    width: int = 120
    lang: str | None = None
    csv_dialect: str = "standard"


Renderer = Callable[[Any, Options], Iterator[str] | Iterator[bytes]]


def module_for(fmt: Format) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES[fmt]}")


def renderer(fmt: Format, job: str) -> Renderer | None:
    """The function that renders `job` ('rank', 'assess', 'problems', ...) as `fmt`, if any."""
    function = getattr(module_for(fmt), job, None)
    return function if callable(function) else None


def formats_for(job: str) -> list[Format]:
    return [fmt for fmt in Format if renderer(fmt, job) is not None]

"""Shared pieces of the HTML renderers: labels, numbers and the page template environment;
imported by `html` and the per-job HTML modules, importing none of them."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from smartcity_score import __version__, i18n
from smartcity_score.explain import answer_for_people


def label(key: str, lang: str | None) -> str:
    """The tool's label `key` in `lang`."""
    return i18n.t(key, lang)


def label_with(key: str, lang: str | None, **values: object) -> str:
    """The tool's label `key` in `lang`, its `{fields}` filled in."""
    return i18n.t(key, lang, **values)


def _score(value: float | None, lang: str | None) -> str:
    """A score for the page; a NaN (a chart's missing point) reads as none too."""
    return i18n.number_text(None if value is None or math.isnan(value) else value, lang)


@cache
def _environment(lang: str | None) -> Environment:
    """The templates, their `score` and `percent` filters writing numbers as `lang` does
    (`62,50` in Indonesian); CSS and `data-v` sort keys format their own, with a point."""
    env = Environment(
        loader=PackageLoader("smartcity_score.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = lambda value: _score(value, lang)
    env.filters["percent"] = lambda share: i18n.decimal(100 * share, 1, lang)
    env.filters["numeral"] = lambda number: i18n.numeral(number, lang)
    env.filters["answer"] = lambda line: answer_for_people(line, lang)
    return env


def _page(template: str, lang: str | None, **context: Any) -> Iterator[str]:
    def labels(key: str) -> str:
        return label(key, lang)

    return (
        _environment("id" if lang == "id" else None)
        .get_template(template)
        .generate(
            L=labels,
            html_lang="id" if lang == "id" else "en",
            version=__version__,
            date=build_date(),
            **context,
        )
    )


def build_date() -> str | None:
    """The day `SOURCE_DATE_EPOCH` names (UTC), or None when it is unset or not a number."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None

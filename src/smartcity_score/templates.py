"""A blank, commented region file for a criteria file (`smartcity-score template`)."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.explain import format_number
from smartcity_score.models import (
    REGION_SCHEMA,
    BooleanIndicator,
    ChoiceIndicator,
    Group,
    Indicator,
    MultiIndicator,
    ScaleIndicator,
    text,
)


def _comment(value: str) -> str:
    return " ".join(value.split())


def describe_answer(indicator: Indicator, lang: str | None) -> str:
    """What a valid answer looks like, in one line."""
    if isinstance(indicator, BooleanIndicator):
        return "boolean: true | false"
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        options = " | ".join(
            f"{o.id} ({_comment(text(o.label, lang))})" if o.label else o.id
            for o in indicator.options
        )
        if isinstance(indicator, ChoiceIndicator):
            return f"choice, one of: {options}"
        return f"multi, a list of any of: {options}"
    if isinstance(indicator, ScaleIndicator):
        labels = indicator.labels or {}
        named = ", ".join(f"{k} = {_comment(text(v, lang))}" for k, v in sorted(labels.items()))
        return f"scale, a whole number from {indicator.min} to {indicator.max}" + (
            f" ({named})" if named else ""
        )
    low = "" if indicator.min is None else format_number(indicator.min)
    high = "" if indicator.max is None else format_number(indicator.max)
    bounds = f" from {low or '-∞'} to {high or '∞'}" if low or high else ""
    unit = f", in {indicator.unit}" if indicator.unit else ""
    return f"number{bounds}{unit}"


def template(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    criteria = loaded.criteria
    yield "# yaml-language-server: $schema=region.schema.json\n"
    yield f"# Region file for: {_comment(text(criteria.title, lang))}\n"
    yield f"# Criteria {criteria.id} version {criteria.version}.\n"
    yield (
        f"# Editor completion: smartcity-score schema region -c {criteria.id} "
        "-o region.schema.json\n"
    )
    yield "# Fill in each answer; leave it empty (null) when you cannot answer.\n"
    yield f"schema: {REGION_SCHEMA}\n"
    yield f"criteria: {criteria.id}\n"
    yield "region:\n"
    yield "  id: region-id        # lower case, digits, '-' and '_': e.g. kota-pariaman\n"
    yield "  name: Region name\n"
    yield "  kind:                # e.g. kota or kabupaten\n"
    yield "  province:\n"
    yield "answers:\n"
    for group in criteria.dimensions:
        yield from _group(group, 0, lang)
    yield "evidence: {}          # indicator id: document that backs the answer\n"


def _group(group: Group, depth: int, lang: str | None) -> Iterator[str]:
    yield f"  # {'=' * (3 - min(depth, 2))} {_comment(text(group.title, lang))} ({group.id})\n"
    for child in group.dimensions or ():
        yield from _group(child, depth + 1, lang)
    for indicator in group.indicators or ():
        required = " REQUIRED." if indicator.required else ""
        yield f"  # {_comment(text(indicator.question, lang))}{required}\n"
        if indicator.help is not None:
            yield f"  #   {_comment(text(indicator.help, lang))}\n"
        yield f"  #   {describe_answer(indicator, lang)}\n"
        yield f"  {indicator.id}:\n"

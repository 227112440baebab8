"""JSON Schema (draft 2020-12) of both file formats, for editors and other tools.

The criteria schema comes from the pydantic models. The region schema is made
for one criteria file: every indicator becomes a property of `answers` with
its own type, options or range, so an editor can complete and check answers.
"""

from __future__ import annotations

from typing import Any

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.models import (
    REGION_SCHEMA,
    REVIEW_SCHEMA,
    SLUG_PATTERN,
    BooleanIndicator,
    ChoiceIndicator,
    Criteria,
    Indicator,
    MultiIndicator,
    RegionInfo,
    ScaleIndicator,
    text,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def criteria_schema() -> dict[str, Any]:
    schema = Criteria.model_json_schema(by_alias=True)
    return {"$schema": DRAFT, **schema}


def answer_schema(indicator: Indicator, lang: str | None) -> dict[str, Any]:
    schema: dict[str, Any]
    if isinstance(indicator, BooleanIndicator):
        schema = {"type": "boolean"}
    elif isinstance(indicator, ChoiceIndicator):
        schema = {"type": "string", "enum": [o.id for o in indicator.options]}
    elif isinstance(indicator, MultiIndicator):
        items = {"type": "string", "enum": [o.id for o in indicator.options]}
        schema = {"type": "array", "items": items, "uniqueItems": True}
    elif isinstance(indicator, ScaleIndicator):
        schema = {"type": "integer", "minimum": indicator.min, "maximum": indicator.max}
    else:
        schema = {"type": "number"}
        if indicator.min is not None:
            schema["minimum"] = indicator.min
        if indicator.max is not None:
            schema["maximum"] = indicator.max
    if not indicator.required:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": text(indicator.question, lang), **schema}


def region_schema(loaded: LoadedCriteria, lang: str | None = None) -> dict[str, Any]:
    criteria = loaded.criteria
    indicators = loaded.scorer.indicators
    info = RegionInfo.model_json_schema()
    info["properties"]["id"]["pattern"] = SLUG_PATTERN
    required = [i for i, indicator in indicators.items() if indicator.required]
    answers: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {i: answer_schema(ind, lang) for i, ind in indicators.items()},
    }
    if required:
        answers["required"] = required
    return {
        "$schema": DRAFT,
        "title": f"Region file for {criteria.id} {criteria.version}",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "region", *(["answers"] if required else [])],
        "properties": {
            "schema": {"const": REGION_SCHEMA},
            "criteria": {"const": criteria.id},
            "region": info,
            "answers": answers,
            "evidence": {
                "type": "object",
                "propertyNames": {"enum": list(indicators)},
                "additionalProperties": {"type": "string"},
            },
        },
    }


def review_schema(loaded: LoadedCriteria, lang: str | None = None) -> dict[str, Any]:
    """A review file for one criteria file (SPEC §6): any subset of the indicators, each
    answer of the indicator's type or null (claimed, but not evidenced)."""
    criteria = loaded.criteria
    indicators = loaded.scorer.indicators
    answers: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {i: _nullable(answer_schema(ind, lang)) for i, ind in indicators.items()},
    }
    return {
        "$schema": DRAFT,
        "title": f"Review file for {criteria.id} {criteria.version}",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "region", "assessor"],
        "properties": {
            "schema": {"const": REVIEW_SCHEMA},
            "criteria": {"const": criteria.id},
            "region": {"type": "string", "pattern": SLUG_PATTERN},
            "assessor": {"type": "string", "pattern": SLUG_PATTERN},
            "answers": {"anyOf": [answers, {"type": "null"}]},
            "notes": {
                "anyOf": [
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {i: {"type": "string"} for i in indicators},
                    },
                    {"type": "null"},
                ]
            },
        },
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in schema:
        return schema
    description = schema.pop("description", None)
    wrapped: dict[str, Any] = {"anyOf": [schema, {"type": "null"}]}
    if description is not None:
        wrapped = {"description": description, **wrapped}
    return wrapped

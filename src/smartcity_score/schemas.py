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


OUTPUT_SCHEMA = "smartcity-score/output/v1"

_NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}


def output_schema() -> dict[str, Any]:
    """The JSON that `rank` and `assess` write (SPEC §5, §6), version `OUTPUT_SCHEMA`.

    Every key the output may hold is listed, so a key added without a new version of
    this schema fails its test.
    """
    problem = {
        "type": "object",
        "additionalProperties": False,
        "required": ["file", "line", "column", "message"],
        "properties": {
            "file": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "message": {"type": "string"},
            "omitted": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 1},
        },
    }
    region = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "kind", "province"],
        "properties": {
            "id": {"type": "string", "pattern": SLUG_PATTERN},
            "name": {"type": "string"},
            "kind": {"type": ["string", "null"]},
            "province": {"type": ["string", "null"]},
        },
    }
    result = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "file",
            "region",
            "score",
            "level",
            "rank",
            "eligible",
            "failed_gates",
            "selected",
            "selected_by",
            "reason",
            "scores",
            "missing",
        ],
        "properties": {
            "file": {"type": "string"},
            "region": region,
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "level": {"type": ["string", "null"]},
            "rank": {"type": ["integer", "null"], "minimum": 1},
            "eligible": {"type": "boolean"},
            "failed_gates": _STRINGS,
            "selected": {"type": ["boolean", "null"]},
            "selected_by": {"type": ["string", "null"]},
            "reason": {"type": ["string", "null"]},
            "scores": {"type": "object", "additionalProperties": _NUMBER_OR_NULL},
            "missing": _STRINGS,
            "group": {
                "type": "object",
                "required": ["field", "value", "rank"],
                "properties": {
                    "field": {"type": "string"},
                    "value": {"type": ["string", "null"]},
                    "rank": {"type": ["integer", "null"]},
                },
            },
            "self_score": _NUMBER_OR_NULL,
            "reviewers": {"type": "integer", "minimum": 0},
            "disagreements": _STRINGS,
            "panel": {"type": "object"},
            "explanation": {"type": "object"},
        },
    }
    return {
        "$schema": DRAFT,
        "$id": OUTPUT_SCHEMA,
        "title": "The JSON output of smartcity-score rank and assess",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "criteria", "results", "errors", "warnings"],
        "properties": {
            "schema": {"const": OUTPUT_SCHEMA},
            "criteria": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "version", "sha256"],
                "properties": {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
            },
            "results": {"type": "array", "items": result},
            "errors": {"type": "array", "items": problem},
            "warnings": _STRINGS,
            "panel": {"type": "object"},
            "cohort": {
                "type": "object",
                "required": ["size", "goalposts"],
                "properties": {
                    "size": {"type": "integer", "minimum": 0},
                    "goalposts": {"type": "object"},
                },
            },
        },
    }

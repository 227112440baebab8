"""JSON for machines: SPEC.md §5, byte-identical for identical inputs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import json_text
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    comparison,
    comparison_entries,
    comparison_head,
    comparison_tail,
    sensitivity_entry,
    sensitivity_report,
    sensitivity_tail,
    settings_dict,
)
from smartcity_score.render.trend_text import trend_entry, trend_head, trend_report, trend_tail
from smartcity_score.report import (
    AssessReport,
    ProblemReport,
    RankReport,
    assess_dicts,
    cohort_dict,
    criteria_dict,
    panel_summary,
    problem_dicts,
    rank_dicts,
)
from smartcity_score.schemas import OUTPUT_SCHEMA  # the version every document names


def dumps(value: Any, indent: int = 0) -> str:
    text = json_text(json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False))
    return text.replace("\n", "\n" + " " * indent) if indent else text


def document(
    head: dict[str, Any], results: Iterable[dict[str, Any]], tail: dict[str, Any]
) -> Iterator[str]:
    """`{head..., "results": [...], tail...}` with results streamed one at a time, one a line."""
    yield "{\n"
    for key, value in head.items():
        yield f'  "{key}": {dumps(value, 2)},\n'
    yield '  "results": ['
    first = True
    for entry in results:
        # One result per line: diffs of two rankings read region by region, and without
        # `indent` the json module encodes in C, which matters at 75,000 regions.
        yield ("\n    " if first else ",\n    ") + json_text(
            json.dumps(entry, ensure_ascii=False, allow_nan=False)
        )
        first = False
    yield "\n  ]" if not first else "]"
    for key, value in tail.items():
        yield f',\n  "{key}": {dumps(value, 2)}'
    yield "\n}\n"


def _head(loaded: LoadedCriteria) -> dict[str, Any]:
    """`criteria`, and `cohort` when the criteria score against one (SPEC §1 v1.1)."""
    head: dict[str, Any] = {"criteria": criteria_dict(loaded)}
    cohort = cohort_dict(loaded.cohort)
    if cohort is not None:
        head["cohort"] = cohort
    return head


def rank(report: RankReport, options: Options) -> Iterator[str]:
    head = {"schema": OUTPUT_SCHEMA, **_head(report.loaded)}
    tail = {
        "errors": problem_dicts(report.errors, False, options.lang),
        "warnings": report.warnings,
    }
    if report.panel is not None:
        tail["panel"] = panel_summary(report)
    return document(head, rank_dicts(report), tail)


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    head = {"schema": OUTPUT_SCHEMA, **_head(report.loaded)}
    tail = {
        "errors": problem_dicts(report.errors, False, options.lang),
        "warnings": report.warnings,
    }
    return document(head, assess_dicts(report), tail)


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    data = {
        "files": report.files,
        "errors": problem_dicts(report.errors, report.with_rule, options.lang),
        "warnings": problem_dicts(report.warnings, report.with_rule, options.lang),
    }
    yield dumps(data) + "\n"


def sensitivity(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    head = {"criteria": criteria_dict(r.loaded), "settings": settings_dict(r)}
    cohort = cohort_dict(r.loaded.cohort)
    if cohort is not None:
        head["cohort"] = cohort
    return document(head, (sensitivity_entry(item) for item in r.regions), sensitivity_tail(r))


def compare(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    return document(comparison_head(c, options.lang), comparison_entries(c), comparison_tail(c))


def trend(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    entries = (trend_entry(r, region) for region in r.regions)
    return document(trend_head(r), entries, trend_tail(r, options.lang))

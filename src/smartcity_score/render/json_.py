"""JSON for machines: SPEC.md §5, byte-identical for identical inputs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from json.encoder import encode_basestring  # json.dumps's own, in C, for ensure_ascii=False
from typing import Any

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import rounded
from smartcity_score.escape import json_text
from smartcity_score.ranking import Placed
from smartcity_score.render import Options
from smartcity_score.report import (
    AssessReport,
    ProblemReport,
    RankReport,
    assess_dicts,
    cohort_dict,
    criteria_dict,
    panel_summary,
    problem_dicts,
    published,
    rank_dicts,
)
from smartcity_score.schemas import OUTPUT_SCHEMA  # the version every document names

# `sensitivity`, `compare` and `trend` import their shapes where used: those pull in
# numpy, which a `rank` or `assess` would pay for at every start.


def dumps(value: Any, indent: int = 0) -> str:
    text = json_text(json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False))
    return text.replace("\n", "\n" + " " * indent) if indent else text


def document(
    head: dict[str, Any], results: Iterable[dict[str, Any]], tail: dict[str, Any]
) -> Iterator[str]:
    """`{head..., "results": [...], tail...}` with results streamed one at a time, one a line."""
    # One result per line: diffs of two rankings read region by region, and without
    # `indent` the json module encodes in C, which matters at 75,000 regions.
    lines = (json.dumps(entry, ensure_ascii=False, allow_nan=False) for entry in results)
    return document_of_lines(head, lines, tail)


# Results joined into one chunk: a chunk costs a write and a check for surrogates.
_LINES_PER_CHUNK = 256


def document_of_lines(
    head: dict[str, Any], lines: Iterable[str], tail: dict[str, Any]
) -> Iterator[str]:
    """`document` of results already encoded, each as `json.dumps` writes it on one line."""
    yield "{\n"
    for key, value in head.items():
        yield f'  "{key}": {dumps(value, 2)},\n'
    yield '  "results": ['
    first = True
    stream = iter(lines)
    while chunk := [json_text(line) for line in islice(stream, _LINES_PER_CHUNK)]:
        yield ("\n    " if first else ",\n    ") + ",\n    ".join(chunk)
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
    if report.group_by is not None:
        return document(head, rank_dicts(report), tail)
    return document_of_lines(head, _plain_results(report), tail)


def _plain_results(report: RankReport) -> Iterator[str]:
    """Each result of a ranking without reviews or groups, as `json.dumps` writes its
    `result_dict` (tests/test_rank_json.py holds them to it), written directly: at 10,000
    small files, building and encoding the dictionaries took a third of the parent's time."""
    ids = list(report.loaded.scorer.index)
    keys = [f"{encode_basestring(node)}: " for node in ids]
    scale = report.loaded.criteria.published is not None
    shown = _Shown()
    for placed in report.placed:
        o = placed.outcome
        if len(o.scores) != len(keys):
            raise ValueError(f"{o.file}: {len(o.scores)} scores for {len(keys)} nodes")
        scores = ", ".join(map(str.__add__, keys, map(shown.__getitem__, o.scores)))
        extra = f', "published": {_scalar(published(report.loaded, o.total))}' if scale else ""
        yield (
            f'{{"file": {encode_basestring(o.file)}, "region": {{"id": '
            f'{encode_basestring(o.region_id)}, "name": {encode_basestring(o.name)}, '
            f'"kind": {_scalar(o.kind)}, "province": {_scalar(o.province)}}}, '
            f'"score": {_score(o.total)}{extra}, "level": {_scalar(o.level)}, '
            f'"rank": {placed.rank}, "eligible": {_scalar(o.eligible)}, '
            f'"failed_gates": {_strings(o.failed_gates)}, {_selection(placed)}, '
            f'"scores": {{{scores}}}, "missing": {_strings(o.missing)}}}'
        )


class _Shown(dict[float, str]):
    """Each score as `number` rounds it and `json.dumps` writes it, worked out once per
    value: scores repeat (0, 50, 100), and a lookup in C is most of the cost of a node."""

    def __missing__(self, value: float) -> str:
        text = _score(value)
        if value == value:  # a NaN (a missing score) is not kept: no NaN finds itself
            if len(self) >= _SHOWN_MAX:
                self.clear()
            self[value] = text  # -0.0 and 0.0 share it: 0.0
        return text


_SHOWN_MAX = 65536


def _scalar(value: str | float | bool | None) -> str:
    """A string, number, boolean or null as `json.dumps` writes it."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return _CONSTANTS[value]
    return json.dumps(value, allow_nan=False)


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _score(value: float) -> str:
    """`number(value)` as `json.dumps` writes it."""
    return "null" if value != value else repr(rounded(value) + 0.0)


def _strings(values: Sequence[str]) -> str:
    return f"[{', '.join(map(encode_basestring, values))}]"


def _selection(placed: Placed) -> str:
    return (
        f'"selected": {_scalar(placed.selected)}, "selected_by": {_scalar(placed.selected_by)}'
        f', "reason": {_scalar(placed.reason)}'
    )


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
    from smartcity_score.render.analysis_data import (
        sensitivity_entry,
        sensitivity_report,
        sensitivity_tail,
        settings_dict,
    )

    r = sensitivity_report(report)
    head = {"criteria": criteria_dict(r.loaded), "settings": settings_dict(r)}
    cohort = cohort_dict(r.loaded.cohort)
    if cohort is not None:
        head["cohort"] = cohort
    return document(head, (sensitivity_entry(item) for item in r.regions), sensitivity_tail(r))


def compare(report: object, options: Options) -> Iterator[str]:
    from smartcity_score.render.analysis_data import (
        comparison,
        comparison_entries,
        comparison_head,
        comparison_tail,
    )

    c = comparison(report)
    return document(comparison_head(c, options.lang), comparison_entries(c), comparison_tail(c))


def trend(report: object, options: Options) -> Iterator[str]:
    from smartcity_score.render.trend_text import trend_entry, trend_head, trend_report, trend_tail

    r = trend_report(report)
    entries = (trend_entry(r, region) for region in r.regions)
    return document(trend_head(r), entries, trend_tail(r, options.lang))

"""Ids: well-formed, unique, and readable back from YAML."""

import re
from collections.abc import Iterator

from smartcity_score.checks import Context, rule
from smartcity_score.loader import NodePath, is_ambiguous_plain
from smartcity_score.models import SLUG_PATTERN, ChoiceIndicator, MultiIndicator
from smartcity_score.problems import Problem

_SLUG = re.compile(SLUG_PATTERN)


def _all_ids(context: Context) -> Iterator[tuple[NodePath, str, str]]:
    """(path of the id, the id, what it names) for every id in the file."""
    yield ("id",), context.criteria.id, "criteria"
    for path, group in context.groups():
        yield (*path, "id"), group.id, "group"
    for path, indicator in context.indicators():
        yield (*path, "id"), indicator.id, "indicator"
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                yield (*path, "options", i, "id"), option.id, "option"
    for i, gate in enumerate(context.criteria.gates):
        yield ("gates", i, "id"), gate.id, "gate"
    for i, level in enumerate(context.criteria.levels):
        yield ("levels", i, "id"), level.id, "level"
    if context.criteria.selection is not None:
        for i, quota in enumerate(context.criteria.selection.quotas):
            yield ("selection", "quotas", i, "id"), quota.id, "quota"


@rule("invalid-id")
def invalid_id(context: Context) -> Iterator[Problem]:
    """Every id matches `^[a-z0-9][a-z0-9_-]*$` (lower case, digits, `_` and `-`)."""
    for path, value, what in _all_ids(context):
        if not _SLUG.match(value):
            message = (
                f"{what} id '{value}' must start with a lower-case letter or digit and hold "
                "only a-z, 0-9, '_' and '-'"
            )
            yield context.problem(path, message, "invalid-id")


@rule("duplicate-id")
def duplicate_id(context: Context) -> Iterator[Problem]:
    """Group and indicator ids share one namespace and are unique across the file."""
    seen: dict[str, NodePath] = {}
    for path, group in context.groups():
        yield from _once(context, seen, (*path, "id"), group.id)
    for path, indicator in context.indicators():
        yield from _once(context, seen, (*path, "id"), indicator.id)
    for kind in ("gates", "levels"):
        seen_here: dict[str, NodePath] = {}
        for i, item in enumerate(getattr(context.criteria, kind)):
            yield from _once(context, seen_here, (kind, i, "id"), item.id)
    if context.criteria.selection is not None:
        seen_quota: dict[str, NodePath] = {}
        for i, quota in enumerate(context.criteria.selection.quotas):
            yield from _once(context, seen_quota, ("selection", "quotas", i, "id"), quota.id)


@rule("duplicate-option-id")
def duplicate_option_id(context: Context) -> Iterator[Problem]:
    """Option ids are unique within their indicator."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            seen: dict[str, NodePath] = {}
            for i, option in enumerate(indicator.options):
                yield from _once(context, seen, (*path, "options", i, "id"), option.id, "option")


@rule("ambiguous-option-id")
def ambiguous_option_id(context: Context) -> Iterator[Problem]:
    """No option id reads as something else in YAML (`yes`, `no`, `on`, `null`, `12`, ...)."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                if is_ambiguous_plain(option.id):
                    message = (
                        f"option id '{option.id}' would be read by YAML as something other than "
                        "a string when written in an answer; choose another id"
                    )
                    yield context.problem(
                        (*path, "options", i, "id"), message, "ambiguous-option-id"
                    )


def _once(
    context: Context, seen: dict[str, NodePath], path: NodePath, value: str, what: str = "id"
) -> Iterator[Problem]:
    first = seen.setdefault(value, path)
    if first != path:
        line, _ = context.document.where(first)
        message = f"duplicate {what} '{value}' (first used at line {line})"
        rule_slug = "duplicate-option-id" if what == "option" else "duplicate-id"
        yield context.problem(path, message, rule_slug)

"""Ids: well-formed, unique, and readable back from YAML."""

import re
from collections.abc import Iterator, Sequence

from smartcity_score.checks import Context, listed, rule
from smartcity_score.loader import NodePath, is_ambiguous_plain
from smartcity_score.messages import Message, msg
from smartcity_score.models import SLUG_PATTERN, ChoiceIndicator, MultiIndicator
from smartcity_score.problems import Problem

_SLUG = re.compile(SLUG_PATTERN)


def _all_ids(context: Context) -> Iterator[tuple[NodePath, str, Message]]:
    """(path of the id, the id, what it names) for every id in the file."""
    yield ("id",), context.criteria.id, msg("check_criteria")
    for path, group in context.groups():
        yield (*path, "id"), group.id, msg("check_group")
    for path, indicator in context.indicators():
        yield (*path, "id"), indicator.id, msg("check_indicator")
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                yield (*path, "options", i, "id"), option.id, msg("check_option")
    for i, gate in enumerate(context.criteria.gates):
        yield ("gates", i, "id"), gate.id, msg("check_gate")
    for i, level in enumerate(context.criteria.levels):
        yield ("levels", i, "id"), level.id, msg("check_level")
    if context.criteria.selection is not None:
        for i, quota in enumerate(context.criteria.selection.quotas):
            yield ("selection", "quotas", i, "id"), quota.id, msg("check_quota")


@rule("invalid-id")
def invalid_id(context: Context) -> Iterator[Problem]:
    """Every id matches `^[a-z0-9][a-z0-9_-]*$` (lower case, digits, `_` and `-`)."""
    for path, value, what in _all_ids(context):
        if not _SLUG.match(value):
            message = msg("check_invalid_id", what=what, value=value)
            yield context.problem(path, message, "invalid-id")


@rule("duplicate-id")
def duplicate_id(context: Context) -> Iterator[Problem]:
    """Group and indicator ids share one namespace and are unique across the file."""
    nodes: list[tuple[NodePath, str]] = [((*path, "id"), g.id) for path, g in context.groups()]
    nodes += [((*path, "id"), indicator.id) for path, indicator in context.indicators()]
    yield from _repeated(context, nodes, msg("check_id"), "duplicate-id")
    for kind in ("gates", "levels"):
        items: list[tuple[NodePath, str]] = [
            ((kind, i, "id"), item.id) for i, item in enumerate(getattr(context.criteria, kind))
        ]
        yield from _repeated(context, items, msg("check_id"), "duplicate-id")
    if context.criteria.selection is not None:
        quotas = context.criteria.selection.quotas
        items = [(("selection", "quotas", i, "id"), quota.id) for i, quota in enumerate(quotas)]
        yield from _repeated(context, items, msg("check_id"), "duplicate-id")


@rule("duplicate-option-id")
def duplicate_option_id(context: Context) -> Iterator[Problem]:
    """Option ids are unique within their indicator."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            options = [((*path, "options", i, "id"), o.id) for i, o in enumerate(indicator.options)]
            yield from _repeated(context, options, msg("check_option"), "duplicate-option-id")


@rule("ambiguous-option-id")
def ambiguous_option_id(context: Context) -> Iterator[Problem]:
    """No option id reads as something else in YAML (`yes`, `no`, `on`, `null`, `12`, ...)."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                if is_ambiguous_plain(option.id):
                    message = msg("check_ambiguous_option", id=option.id)
                    yield context.problem(
                        (*path, "options", i, "id"), message, "ambiguous-option-id"
                    )


def _repeated(
    context: Context, items: Sequence[tuple[NodePath, str]], what: Message, slug: str
) -> Iterator[Problem]:
    """A problem at every place of a value used more than once, naming the other places:
    a reader who finds either one learns of the other."""
    places: dict[str, list[NodePath]] = {}
    for path, value in items:
        places.setdefault(value, []).append(path)
    for value, paths in places.items():
        if len(paths) < 2:
            continue
        paths.sort(key=context.document.where)  # "first" in the file, not in walk order
        lines = [context.document.where(path)[0] for path in paths]
        again = listed(str(line) for line in lines[1:])
        key = "check_duplicate_again_lines" if len(lines) > 2 else "check_duplicate_again"
        yield context.problem(paths[0], msg(key, what=what, value=value, lines=again), slug)
        for path in paths[1:]:
            message = msg("check_duplicate_first", what=what, value=value, line=lines[0])
            yield context.problem(path, message, slug)

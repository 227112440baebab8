"""The tree of dimensions and indicators: no empty group, weights that count."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.loader import NodePath
from smartcity_score.messages import Message, msg
from smartcity_score.models import Group, Indicator
from smartcity_score.problems import Problem, Severity


@rule("empty-group")
def empty_group(context: Context) -> Iterator[Problem]:
    """The file and every group have at least one child: an empty group is never scored."""
    if not context.criteria.dimensions:
        message = msg("check_no_dimensions")
        yield context.problem(("dimensions",), message, "empty-group")
    for path, group in context.groups():
        if not group.children:
            kind = "dimensions" if group.dimensions is not None else "indicators"
            word = msg("check_dimensions") if kind == "dimensions" else msg("check_indicators")
            message = msg("check_empty_group", id=group.id, kind=word)
            yield context.problem((*path, kind), message, "empty-group")


def _weighted(context: Context) -> Iterator[tuple[NodePath, Message, Group | Indicator]]:
    for path, group in context.groups():
        yield path, msg("check_group"), group
    for path, indicator in context.indicators():
        yield path, msg("check_indicator"), indicator


@rule("negative-weight")
def negative_weight(context: Context) -> Iterator[Problem]:
    """Weights of groups and indicators are 0 or more."""
    for path, what, node in _weighted(context):
        if node.weight < 0:
            message = msg("check_negative_weight", weight=num(node.weight), what=what, id=node.id)
            yield context.problem((*path, "weight"), message, "negative-weight")


@rule("zero-weight", Severity.WARNING)
def zero_weight(context: Context) -> Iterator[Problem]:
    """A weight of 0 makes a group or indicator count for nothing in its parent's score."""
    for path, what, node in _weighted(context):
        if node.weight == 0:
            message = msg("check_zero_weight", what=what, id=node.id)
            yield context.problem((*path, "weight"), message, "zero-weight")

"""The tree of dimensions and indicators: no empty group, weights that count."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.loader import NodePath
from smartcity_score.models import Group, Indicator
from smartcity_score.problems import Problem, Severity


@rule("empty-group")
def empty_group(context: Context) -> Iterator[Problem]:
    """The file and every group have at least one child: an empty group is never scored."""
    if not context.criteria.dimensions:
        message = "'dimensions' is empty; a criteria file needs at least one dimension"
        yield context.problem(("dimensions",), message, "empty-group")
    for path, group in context.groups():
        if not group.children:
            kind = "dimensions" if group.dimensions is not None else "indicators"
            message = f"group '{group.id}' has no {kind}, so it never gets a score; add some"
            yield context.problem((*path, kind), message, "empty-group")


def _weighted(context: Context) -> Iterator[tuple[NodePath, str, Group | Indicator]]:
    for path, group in context.groups():
        yield path, "group", group
    for path, indicator in context.indicators():
        yield path, "indicator", indicator


@rule("negative-weight")
def negative_weight(context: Context) -> Iterator[Problem]:
    """Weights of groups and indicators are 0 or more."""
    for path, what, node in _weighted(context):
        if node.weight < 0:
            message = f"weight {num(node.weight)} of {what} '{node.id}' is negative; use 0 or more"
            yield context.problem((*path, "weight"), message, "negative-weight")


@rule("zero-weight", Severity.WARNING)
def zero_weight(context: Context) -> Iterator[Problem]:
    """A weight of 0 makes a group or indicator count for nothing in its parent's score."""
    for path, what, node in _weighted(context):
        if node.weight == 0:
            message = f"weight 0: {what} '{node.id}' never counts toward its parent's score"
            yield context.problem((*path, "weight"), message, "zero-weight")

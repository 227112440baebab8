"""`minmax` indicators: scores that depend on the cohort (SPEC §1 v1.1)."""

from collections.abc import Iterator

from smartcity_score.checks import Context, rule
from smartcity_score.loader import NodePath
from smartcity_score.messages import msg
from smartcity_score.models import Group, MinmaxScoring, NumberIndicator
from smartcity_score.problems import Problem, Severity


@rule("cohort-scoring", Severity.WARNING)
def cohort_scoring(context: Context) -> Iterator[Problem]:
    """A `minmax` indicator makes every score depend on the cohort of regions."""
    # Its goalposts are the lowest and highest answers of the regions scored together, so
    # one region's score changes when another region's answer does, and `assess` of one
    # region alone scores it against itself: the author should choose this knowingly.
    for path, indicator in context.indicators():
        if isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, MinmaxScoring):
            message = msg("check_cohort_scoring", id=indicator.id)
            yield context.problem((*path, "scoring", "method"), message, "cohort-scoring")


@rule("cohort-geometric", Severity.WARNING)
def cohort_geometric(context: Context) -> Iterator[Problem]:
    """A `minmax` indicator is not under geometric aggregation."""
    # The cohort's worst region scores 0 on it by construction, and a geometric group with
    # a child at 0 scores 0: that region's group is zeroed whatever its other answers.
    for path, group, geometric in _groups(context):
        if not geometric:
            continue
        for i, indicator in enumerate(group.indicators or ()):
            scoring = getattr(indicator, "scoring", None)
            if isinstance(scoring, MinmaxScoring) and indicator.weight > 0:
                message = msg("check_cohort_geometric", id=indicator.id, group=group.id)
                where = (*path, "indicators", i, "scoring", "method")
                yield context.problem(where, message, "cohort-geometric")


def _groups(context: Context) -> Iterator[tuple[NodePath, Group, bool]]:
    """Every group with its path and whether it aggregates geometrically (inherited)."""
    stack: list[tuple[NodePath, Group, str]] = [
        (("dimensions", i), group, context.criteria.aggregation)
        for i, group in reversed(list(enumerate(context.criteria.dimensions)))
    ]
    while stack:
        path, group, inherited = stack.pop()
        aggregation = group.aggregation or inherited
        yield path, group, aggregation == "geometric"
        for i, child in reversed(list(enumerate(group.dimensions or ()))):
            stack.append(((*path, "dimensions", i), child, aggregation))

"""Levels: listed from highest to lowest, ending at 0, each one reachable."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.engine import rounded
from smartcity_score.problems import Problem, Severity


@rule("levels-order")
def levels_order(context: Context) -> Iterator[Problem]:
    """Levels are listed with strictly descending `at_least`."""
    levels = context.criteria.levels
    for i in range(1, len(levels)):
        before, level = levels[i - 1], levels[i]
        if level.at_least >= before.at_least:
            message = (
                f"level '{level.id}' at_least {num(level.at_least)} must be lower than the "
                f"previous level's {num(before.at_least)} (levels go from highest to lowest)"
            )
            yield context.problem(("levels", i, "at_least"), message, "levels-order")


@rule("levels-floor")
def levels_floor(context: Context) -> Iterator[Problem]:
    """Every level's `at_least` is within 0–100, and the last one is 0."""
    levels = context.criteria.levels
    for i, level in enumerate(levels):
        path = ("levels", i, "at_least")
        if not 0 <= level.at_least <= 100:
            message = f"level '{level.id}' at_least {num(level.at_least)} is outside 0–100"
            yield context.problem(path, message, "levels-floor")
        elif i == len(levels) - 1 and level.at_least != 0:
            message = (
                f"the last level '{level.id}' must have at_least 0, found "
                f"{num(level.at_least)}, so that every total has a level"
            )
            yield context.problem(path, message, "levels-floor")


@rule("unreachable-level", Severity.WARNING)
def unreachable_level(context: Context) -> Iterator[Problem]:
    """Every level can be reached: its `at_least` is at most the highest total possible."""
    best = context.best_scores
    if best is None:
        return
    highest = rounded(best.total)
    for i, level in enumerate(context.criteria.levels):
        # A level outside 0–100 is a `levels-floor` error already.
        if highest < level.at_least <= 100:
            message = (
                f"level '{level.id}' needs a total of {num(level.at_least)}, but the highest "
                f"total possible is {num(highest)}"
            )
            yield context.problem(("levels", i, "at_least"), message, "unreachable-level")

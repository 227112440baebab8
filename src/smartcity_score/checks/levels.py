"""Levels: listed strictest first, ending at `at_least: 0`, each one reachable."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.engine import rounded
from smartcity_score.messages import msg
from smartcity_score.models import Level
from smartcity_score.problems import Problem, Severity


def _cut(level: Level) -> str:
    return f"{level.kind} {num(level.threshold)}"


def _strictness(level: Level) -> tuple[float, int]:
    # At an equal threshold `above` asks for more than `at_least`, so it sorts first.
    return (level.threshold, 1 if level.strict else 0)


@rule("levels-order")
def levels_order(context: Context) -> Iterator[Problem]:
    """Levels are listed strictest first: thresholds descending, `above` before `at_least`."""
    levels = context.criteria.levels
    for i in range(1, len(levels)):
        before, level = levels[i - 1], levels[i]
        if _strictness(level) == _strictness(before):
            message = msg("check_level_same_cut", id=level.id, cut=_cut(level), before=before.id)
            yield context.problem(("levels", i, level.kind), message, "levels-order")
        elif _strictness(level) > _strictness(before):
            if level.strict or before.strict:
                message = msg(
                    "check_level_less_strict", id=level.id, cut=_cut(level), before=_cut(before)
                )
            else:
                message = msg(
                    "check_level_lower", id=level.id, cut=_cut(level), before=num(before.threshold)
                )
            yield context.problem(("levels", i, level.kind), message, "levels-order")


@rule("levels-floor")
def levels_floor(context: Context) -> Iterator[Problem]:
    """Every level's cut point is within 0–100, and the last one is `at_least: 0`."""
    levels = context.criteria.levels
    for i, level in enumerate(levels):
        path = ("levels", i, level.kind)
        if not 0 <= level.threshold <= 100:
            message = msg("check_level_outside", id=level.id, cut=_cut(level))
            yield context.problem(path, message, "levels-floor")
        elif i == len(levels) - 1 and (level.strict or level.threshold != 0):
            found = _cut(level) if level.strict else num(level.threshold)
            message = msg("check_level_floor", id=level.id, found=found)
            yield context.problem(path, message, "levels-floor")


@rule("unreachable-level", Severity.WARNING)
def unreachable_level(context: Context) -> Iterator[Problem]:
    """Every level can be reached: the highest total possible meets its cut point."""
    best = context.best_scores
    if best is None:
        return
    highest = rounded(best.total)
    for i, level in enumerate(context.criteria.levels):
        # A level outside 0–100 is a `levels-floor` error already.
        if not level.holds(highest) and level.threshold <= 100:
            key = "check_level_unreachable_above" if level.strict else "check_level_unreachable"
            message = msg(key, id=level.id, threshold=num(level.threshold), highest=num(highest))
            yield context.problem(("levels", i, level.kind), message, "unreachable-level")

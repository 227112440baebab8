"""Selection: a seat count, and quotas on fields that regions have."""

from collections.abc import Iterator

from smartcity_score.checks import Context, rule
from smartcity_score.messages import msg
from smartcity_score.problems import Problem
from smartcity_score.validation import suggest

FIELDS = ("kind", "province")


def valid_field(name: str) -> bool:
    """`kind`, `province` or `tags.KEY` (SPEC §1 quotas)."""
    return name in FIELDS or (name.startswith("tags.") and len(name) > len("tags."))


@rule("selection-count")
def selection_count(context: Context) -> Iterator[Problem]:
    """The selection `count` is at least 1."""
    selection = context.criteria.selection
    if selection is not None and selection.count < 1:
        message = msg("check_selection_count", count=selection.count)
        yield context.problem(("selection", "count"), message, "selection-count")


@rule("quota-field")
def quota_field(context: Context) -> Iterator[Problem]:
    """A quota's `field` is `kind`, `province` or `tags.KEY`."""
    selection = context.criteria.selection
    for i, quota in enumerate(selection.quotas if selection else ()):
        if not valid_field(quota.field):
            hint = suggest(quota.field, FIELDS)
            message = msg("check_quota_field", field=quota.field, hint=hint)
            yield context.problem(("selection", "quotas", i, "field"), message, "quota-field")


@rule("quota-range")
def quota_range(context: Context) -> Iterator[Problem]:
    """A quota's `min` and `max` are 0 or more, and `min` is at most `max`."""
    selection = context.criteria.selection
    for i, quota in enumerate(selection.quotas if selection else ()):
        path = ("selection", "quotas", i)
        for name in ("min", "max"):
            value = getattr(quota, name)
            if value is not None and value < 0:
                message = msg("check_quota_negative", name=name, value=value)
                yield context.problem((*path, name), message, "quota-range")
        low, high = quota.min, quota.max
        if low is not None and high is not None and 0 <= high < low:
            message = msg("check_quota_crossed", high=high, low=low)
            yield context.problem((*path, "max"), message, "quota-range")


@rule("quota-min-exceeds-count")
def quota_min_exceeds_count(context: Context) -> Iterator[Problem]:
    """The quota minimums add up to no more than the selection `count`."""
    selection = context.criteria.selection
    if selection is None:
        return
    minimums = [(i, q.min) for i, q in enumerate(selection.quotas) if q.min and q.min > 0]
    total = sum(value for _, value in minimums)
    if total <= selection.count:
        return
    running = 0
    for i, value in minimums:
        running += value
        if running > selection.count:
            message = msg("check_quota_minimums", total=total, count=selection.count)
            yield context.problem(
                ("selection", "quotas", i, "min"), message, "quota-min-exceeds-count"
            )
            return

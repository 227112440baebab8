"""`scale` and `number` indicators: valid ranges, linear scoring, bands."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.loader import NodePath
from smartcity_score.messages import Message, msg
from smartcity_score.models import BandsScoring, LinearScoring, NumberIndicator, ScaleIndicator
from smartcity_score.problems import Problem, Severity


@rule("scale-range")
def scale_range(context: Context) -> Iterator[Problem]:
    """A `scale` has `min < max`."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ScaleIndicator) and indicator.min >= indicator.max:
            message = msg("check_scale_range", high=indicator.max, low=indicator.min)
            yield context.problem((*path, "max"), message, "scale-range")


@rule("scale-label-range", Severity.WARNING)
def scale_label_range(context: Context) -> Iterator[Problem]:
    """Every `labels` entry of a `scale` names a level from `min` to `max`."""
    for path, indicator in context.indicators():
        if not isinstance(indicator, ScaleIndicator) or indicator.min >= indicator.max:
            continue
        low, high = indicator.min, indicator.max
        for level in indicator.labels or {}:
            if not low <= level <= high:
                message = msg("check_scale_label", level=level, low=low, high=high)
                where = (*path, "labels", level)
                yield context.problem(where, message, "scale-label-range", at_key=True)


def _numbers(
    context: Context, *, valid: bool = False
) -> Iterator[tuple[NodePath, NumberIndicator]]:
    """Every `number` indicator; with `valid`, only those whose range is not `number-range`."""
    for path, indicator in context.indicators():
        if isinstance(indicator, NumberIndicator) and not (valid and _empty_range(indicator)):
            yield path, indicator


def _empty_range(indicator: NumberIndicator) -> bool:
    low, high = indicator.min, indicator.max
    return low is not None and high is not None and low >= high


@rule("number-range")
def number_range(context: Context) -> Iterator[Problem]:
    """A `number` with both `min` and `max` has `min < max`."""
    for path, indicator in _numbers(context):
        low, high = indicator.min, indicator.max
        if low is not None and high is not None and low >= high:
            message = msg("check_number_range", high=num(high), low=num(low))
            yield context.problem((*path, "max"), message, "number-range")


@rule("degenerate-linear")
def degenerate_linear(context: Context) -> Iterator[Problem]:
    """`linear` scoring has `worst` different from `best`."""
    for path, indicator in _numbers(context):
        scoring = indicator.scoring
        if isinstance(scoring, LinearScoring) and scoring.worst == scoring.best:
            message = msg("check_linear_same", value=num(scoring.best))
            yield context.problem((*path, "scoring", "best"), message, "degenerate-linear")


@rule("linear-outside-range", Severity.WARNING)
def linear_outside_range(context: Context) -> Iterator[Problem]:
    """`linear` `worst` and `best` lie within the number's `min` and `max`."""
    for path, indicator in _numbers(context, valid=True):
        scoring = indicator.scoring
        if not isinstance(scoring, LinearScoring) or scoring.worst == scoring.best:
            continue
        rising = scoring.best > scoring.worst
        for name, value, ends_at in (("worst", scoring.worst, 0), ("best", scoring.best, 100)):
            outside = _outside(indicator, value)
            if outside is None:
                continue
            above, side = outside
            # `best` beyond the end answers improve toward (or `worst` beyond the other
            # end) puts that end's score out of reach.
            lost = above == rising if name == "best" else above != rising
            tail = msg("check_none_scores", score=ends_at) if lost else ""
            message = msg("check_linear_outside", name=name, value=num(value), side=side, tail=tail)
            yield context.problem((*path, "scoring", name), message, "linear-outside-range")


def _outside(indicator: NumberIndicator, value: float) -> tuple[bool, Message] | None:
    """Whether `value` lies above the number's range (else below), and where, if outside it."""
    if indicator.min is not None and value < indicator.min:
        return False, msg("check_below_min", low=num(indicator.min))
    if indicator.max is not None and value > indicator.max:
        return True, msg("check_above_max", high=num(indicator.max))
    return None


@rule("bands-order")
def bands_order(context: Context) -> Iterator[Problem]:
    """`bands` is not empty and each band's `from` is greater than the one before."""
    for path, indicator in _numbers(context):
        scoring = indicator.scoring
        if not isinstance(scoring, BandsScoring):
            continue
        bands_path = (*path, "scoring", "bands")
        if not scoring.bands:
            message = msg("check_bands_empty")
            yield context.problem(bands_path, message, "bands-order")
        for i in range(1, len(scoring.bands)):
            before, band = scoring.bands[i - 1].from_, scoring.bands[i].from_
            if band <= before:
                message = msg("check_bands_order", band=num(band), before=num(before))
                yield context.problem((*bands_path, i, "from"), message, "bands-order")


@rule("bands-gap", Severity.WARNING)
def bands_gap(context: Context) -> Iterator[Problem]:
    """The first band starts at the number's `min`, so no valid answer falls below every band."""
    for path, indicator in _numbers(context, valid=True):
        scoring = indicator.scoring
        if not isinstance(scoring, BandsScoring) or not scoring.bands:
            continue
        first = scoring.bands[0]
        # Below the first band an answer scores 0; a first band scoring 0 changes nothing.
        if first.score == 0 or (indicator.min is not None and indicator.min >= first.from_):
            continue
        start = num(first.from_)
        if indicator.min is None:
            message = msg("check_bands_gap_no_min", start=start)
        else:
            message = msg("check_bands_gap", low=num(indicator.min), start=start)
        where = (*path, "scoring", "bands", 0, "from")
        yield context.problem(where, message, "bands-gap")


@rule("band-unreachable", Severity.WARNING)
def band_unreachable(context: Context) -> Iterator[Problem]:
    """No band starts above the number's `max`, where no valid answer reaches it."""
    for path, indicator in _numbers(context, valid=True):
        scoring = indicator.scoring
        if not isinstance(scoring, BandsScoring) or indicator.max is None:
            continue
        for i, band in enumerate(scoring.bands):
            if band.from_ > indicator.max:
                message = msg(
                    "check_band_unreachable", band=num(band.from_), high=num(indicator.max)
                )
                where = (*path, "scoring", "bands", i, "from")
                yield context.problem(where, message, "band-unreachable")

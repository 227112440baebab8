"""Scores written in the file: option, yes/no and band scores, and `multi` totals."""

from collections.abc import Iterator

from smartcity_score.checks import Context, num, rule
from smartcity_score.engine import rounded
from smartcity_score.loader import NodePath
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.models import (
    BandsScoring,
    BooleanIndicator,
    ChoiceIndicator,
    MultiIndicator,
    NumberIndicator,
)
from smartcity_score.problems import Problem, Severity

_MIN_OPTIONS = {"choice": 2, "multi": 1}


def _written_scores(context: Context) -> Iterator[tuple[NodePath, Message, float]]:
    """(path, name, value) of every score the file states, defaults aside."""
    for path, indicator in context.indicators():
        if isinstance(indicator, BooleanIndicator):
            for name in ("score_yes", "score_no"):
                if name in indicator.model_fields_set:
                    yield (*path, name), verbatim(name), getattr(indicator, name)
        elif isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                yield (*path, "options", i, "score"), msg("check_option_score"), option.score
        elif isinstance(indicator, NumberIndicator) and isinstance(indicator.scoring, BandsScoring):
            for i, band in enumerate(indicator.scoring.bands):
                yield (*path, "scoring", "bands", i, "score"), msg("check_band_score"), band.score


@rule("option-score-range")
def option_score_range(context: Context) -> Iterator[Problem]:
    """Every option score, `score_yes`, `score_no` and band score is within 0–100."""
    for path, name, value in _written_scores(context):
        if not 0 <= value <= 100:
            message = msg("check_score_outside", name=name, value=num(value))
            yield context.problem(path, message, "option-score-range")


@rule("too-few-options")
def too_few_options(context: Context) -> Iterator[Problem]:
    """A `choice` indicator has at least 2 options, a `multi` at least 1."""
    for path, indicator in context.indicators():
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            needed, count = _MIN_OPTIONS[indicator.type], len(indicator.options)
            if count < needed:
                found = (
                    msg("check_no_options")
                    if count == 0
                    else msg("check_options_count", count=count)
                )
                message = msg(
                    "check_too_few_options",
                    type=indicator.type,
                    id=indicator.id,
                    found=found,
                    needed=needed,
                )
                yield context.problem((*path, "options"), message, "too-few-options")


@rule("multi-unreachable", Severity.WARNING)
def multi_unreachable(context: Context) -> Iterator[Problem]:
    """The options of a `multi` indicator add up to at least 100, so a full score is possible."""
    for path, indicator in context.indicators():
        if isinstance(indicator, MultiIndicator) and indicator.options:
            total = sum(option.score for option in indicator.options if option.score > 0)
            # Compared as the engine compares scores, so 33.3 + 33.3 + 33.4 is enough.
            if rounded(total) < 100:
                message = msg("check_multi_unreachable", id=indicator.id, total=num(total))
                yield context.problem((*path, "options"), message, "multi-unreachable")


@rule("multi-saturated", Severity.WARNING)
def multi_saturated(context: Context) -> Iterator[Problem]:
    """No option of a `multi` indicator scores 100 alone while others also score."""
    for path, indicator in context.indicators():
        if not isinstance(indicator, MultiIndicator):
            continue
        for i, option in enumerate(indicator.options):
            others = [o for o in indicator.options if o is not option and o.score > 0]
            if option.score >= 100 and others:
                message = msg(
                    "check_multi_saturated",
                    option=option.id,
                    score=num(option.score),
                    id=indicator.id,
                )
                yield context.problem((*path, "options", i, "score"), message, "multi-saturated")

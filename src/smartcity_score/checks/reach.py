"""What answers can reach: the valid range of an indicator and its best answer.

No rules here; the rules that need to know the highest possible score (levels,
gates) use `Context.best_scores`, which scores `best_answer` of every indicator
with the engine itself, so the checks and the scores can never disagree.
"""

from __future__ import annotations

from typing import Any

from smartcity_score.engine import score_indicator
from smartcity_score.models import (
    BandsScoring,
    BooleanIndicator,
    ChoiceIndicator,
    Indicator,
    MinmaxScoring,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
)


def best_answer(indicator: Indicator) -> Any | None:
    """A valid answer with the highest score, or None when the indicator cannot be scored."""
    if isinstance(indicator, BooleanIndicator):
        return indicator.score_yes >= indicator.score_no
    if isinstance(indicator, ChoiceIndicator):
        if not indicator.options:
            return None
        return max(indicator.options, key=lambda option: option.score).id
    if isinstance(indicator, MultiIndicator):
        return [option.id for option in indicator.options if option.score > 0]
    if isinstance(indicator, ScaleIndicator):
        return indicator.max if indicator.min < indicator.max else None
    return _best_number(indicator)


def _best_number(indicator: NumberIndicator) -> float | None:
    low, high = indicator.min, indicator.max
    if low is not None and high is not None and low > high:
        return None
    scoring = indicator.scoring
    if isinstance(scoring, MinmaxScoring):
        # The cohort's best answer scores 100, whatever it is: any valid answer stands for it.
        return next((x for x in (low, high) if x is not None), 0.0)
    if isinstance(scoring, BandsScoring):
        turning = [band.from_ for band in scoring.bands]
    elif scoring.worst == scoring.best:
        return None
    else:
        turning = [scoring.worst, scoring.best]
    # The score is piecewise constant or linear between these points, so its
    # maximum over the valid range is reached at one of them or at an end.
    candidates = [
        x
        for x in (low, high, *turning)
        if x is not None and (low is None or x >= low) and (high is None or x <= high)
    ]
    if not candidates:
        return 0.0
    return max(candidates, key=lambda x: score_indicator(indicator, x))

"""Tables for people: each job drawn by a module of its own, imported when it is asked for.

`rank` (`rank_table`), `sensitivity` and `compare` (`analysis_table`) and `trend`
(`trend_table`) are drawn with rich; an `assess` card (`card_table`) is drawn without it
unless it has colours or something only rich can wrap; problems are plain text.
"""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.render import Options
from smartcity_score.report import AssessReport, ProblemReport, RankReport


def rank(report: RankReport, options: Options) -> Iterator[str]:
    from smartcity_score.render.rank_table import rank as rank_table

    return rank_table(report, options)


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    from smartcity_score.render.card_table import assess as cards

    return cards(report, options)


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    from smartcity_score.render import text as text_renderer

    return text_renderer.problems(report, options)


def sensitivity(report: object, options: Options) -> Iterator[str]:
    """`sensitivity` (issue 7); drawn in render.analysis_table."""
    from smartcity_score.render.analysis_table import sensitivity_table

    return sensitivity_table(report, options)


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare` (issue 7); drawn in render.analysis_table."""
    from smartcity_score.render.analysis_table import compare_table

    return compare_table(report, options)


def trend(report: object, options: Options) -> Iterator[str]:
    """`trend` (issue 14); drawn in render.trend_table."""
    from smartcity_score.render.trend_table import trend_table

    return trend_table(report, options)

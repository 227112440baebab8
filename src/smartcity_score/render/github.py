"""GitHub Actions workflow commands: one annotation per problem."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.render import Options
from smartcity_score.report import ProblemReport


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    for problem in report.problems:
        # Exactly SPEC §5's `::error file=F,line=L,col=C::message`; `check` adds its rule
        # to the message as the text format does, so no annotation needs a `title=`.
        where = f"file={_escape_property(problem.file)},line={problem.line},col={problem.column}"
        rule = f" [{problem.rule}]" if report.with_rule else ""
        yield f"::{problem.severity} {where}::{_escape_data(problem.message + rule)}\n"


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare` (issue 7): a notice per region that enters or leaves the selection."""
    from smartcity_score.render.analysis_text import compare_github

    return compare_github(report, options)

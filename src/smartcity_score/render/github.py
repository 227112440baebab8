"""GitHub Actions workflow commands: one annotation per problem."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.escape import github_data, github_property
from smartcity_score.render import Options
from smartcity_score.report import ProblemReport

# GitHub's workflow-command escaping, with controls shown visibly (render.analysis_text too).
_escape_data = github_data
_escape_property = github_property


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    for problem in report.problems:
        # Exactly SPEC §5's `::error file=F,line=L,col=C::message`; `check` adds its rule
        # to the message as the text format does, so no annotation needs a `title=`.
        where = f"file={_escape_property(problem.file)},line={problem.line},col={problem.column}"
        rule = f" [{problem.rule}]" if report.with_rule else ""
        yield f"::{problem.severity} {where}::{_escape_data(problem.say(options.lang) + rule)}\n"


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare` (issue 7): a notice per region that enters or leaves the selection."""
    from smartcity_score.render.analysis_text import compare_github

    return compare_github(report, options)

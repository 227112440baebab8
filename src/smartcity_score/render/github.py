"""GitHub Actions workflow commands: one annotation per problem."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.escape import github_data, github_property
from smartcity_score.i18n import t
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    comparison,
    ranks_text,
    similarity_sentence,
    summary,
    totals_text,
)
from smartcity_score.report import ProblemReport

# GitHub's workflow-command escaping, with controls shown visibly.
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
    c = comparison(report)
    lang = options.lang
    for region in [*c.entering, *c.leaving]:
        title = t("enters_selection" if region.enters else "leaves_selection", lang)
        message = t(
            "notice",
            lang,
            name=region.name,
            id=region.region_id,
            ranks=ranks_text(region),
            totals=totals_text(region, lang),
        )
        if region.reason:
            message = f"{message}: {region.reason}"
        yield f"::notice title={_escape_property(title)}::{_escape_data(message)}\n"
    title = _escape_property(t("criteria_comparison", lang))
    yield f"::notice title={title}::{_escape_data(summary(c, lang))}\n"
    title = _escape_property(t("rank_similarity", lang))
    yield f"::notice title={title}::{_escape_data(similarity_sentence(c, lang))}\n"

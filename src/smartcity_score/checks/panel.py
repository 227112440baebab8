"""The panel of assessors (SPEC §6): how reviews combine, and the review files' own rules."""

from collections.abc import Iterator

from smartcity_score.checks import Context, document_rule, rule
from smartcity_score.problems import Problem, Severity

document_rule(
    "review-unknown-region",
    "A review file reviews a region that is valid in the run (`rank`, `validate` with regions).",
)
document_rule(
    "duplicate-review",
    "One assessor writes one review file per region; every file of a repeated pair is rejected.",
)


@rule("panel-disagreement-zero", Severity.WARNING)
def panel_disagreement_zero(context: Context) -> Iterator[Problem]:
    """`panel.disagreement` above 0: at 0 every difference between assessors is flagged."""
    if context.criteria.panel.disagreement == 0:
        message = (
            "panel disagreement 0 flags every indicator on which two assessors differ at "
            "all; a threshold in points, such as 25 or 50, flags the ones worth a second look"
        )
        yield context.problem(("panel", "disagreement"), message, "panel-disagreement-zero")


@rule("panel-disagreement")
def panel_disagreement(context: Context) -> Iterator[Problem]:
    """`panel.disagreement` is a number of points from 0 to 100."""
    value = context.criteria.panel.disagreement
    if not 0 <= value <= 100:
        message = f"panel disagreement {value:g} must be from 0 to 100 points (scores run 0–100)"
        yield context.problem(("panel", "disagreement"), message, "panel-disagreement")

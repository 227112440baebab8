"""The panel of assessors (SPEC §6) and the published scale: rules of the blocks that say
how scores are read, and the review files' own rules."""

from collections.abc import Iterator

from smartcity_score.checks import Context, document_rule, rule
from smartcity_score.messages import msg
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
        message = msg("check_panel_zero")
        yield context.problem(("panel", "disagreement"), message, "panel-disagreement-zero")


@rule("panel-disagreement")
def panel_disagreement(context: Context) -> Iterator[Problem]:
    """`panel.disagreement` is a number of points from 0 to 100."""
    value = context.criteria.panel.disagreement
    if not 0 <= value <= 100:
        message = msg("check_panel_range", value=f"{value:g}")
        yield context.problem(("panel", "disagreement"), message, "panel-disagreement")


@rule("published-range")
def published_range(context: Context) -> Iterator[Problem]:
    """`published` maps 0–100 onto a real scale: `min` differs from `max`, `decimals` 0–6."""
    scale = context.criteria.published
    if scale is None:
        return
    if scale.min == scale.max:
        message = msg("check_published_same", value=f"{scale.min:g}")
        yield context.problem(("published", "max"), message, "published-range")
    if not 0 <= scale.decimals <= 6:
        message = msg("check_published_decimals", decimals=scale.decimals)
        yield context.problem(("published", "decimals"), message, "published-range")

"""Names that point at other parts of the file: gates and tie-breakers."""

from collections.abc import Iterator

from smartcity_score.checks import Context, rule
from smartcity_score.engine import TOTAL
from smartcity_score.messages import msg
from smartcity_score.problems import Problem
from smartcity_score.validation import suggest


@rule("unknown-reference")
def unknown_reference(context: Context) -> Iterator[Problem]:
    """Gates and tie-breakers name an existing indicator or group (or `total`, for a score)."""
    indicators = context.indicator_by_id
    nodes = context.node_ids
    known = indicators.keys() | context.duplicated_ids  # a duplicated id is `duplicate-id`
    for i, gate in enumerate(context.criteria.gates):
        if gate.answer is not None and gate.answer not in known:
            if gate.answer in nodes:
                message = msg("check_answer_is_group", answer=gate.answer)
            else:
                hint = suggest(gate.answer, indicators)
                message = msg("check_answer_unknown", answer=gate.answer, hint=hint)
            yield context.problem(("gates", i, "answer"), message, "unknown-reference")
        if gate.score is not None and gate.score != TOTAL and gate.score not in nodes:
            hint = suggest(gate.score, [*nodes, TOTAL])
            message = msg("check_score_unknown", score=gate.score, total=TOTAL, hint=hint)
            yield context.problem(("gates", i, "score"), message, "unknown-reference")
    for i, name in enumerate(context.criteria.tie_breakers):
        if name not in nodes:
            message = msg("check_tie_breaker_unknown", name=name, hint=suggest(name, nodes))
            yield context.problem(("tie_breakers", i), message, "unknown-reference")

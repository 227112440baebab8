"""Gates: tests that suit the indicator they read, and that some answer can pass."""

from collections.abc import Iterator
from typing import Any

from smartcity_score.checks import Context, num, rule
from smartcity_score.engine import TOTAL, rounded
from smartcity_score.loader import NodePath
from smartcity_score.messages import Message, msg
from smartcity_score.models import (
    BooleanIndicator,
    ChoiceIndicator,
    Gate,
    Indicator,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
)
from smartcity_score.problems import Problem, Severity
from smartcity_score.validation import describe, suggest


def _answer_gates(context: Context) -> Iterator[tuple[NodePath, Gate, Indicator]]:
    """Gates on the answer of an existing indicator (unknown ones are `unknown-reference`)."""
    for i, gate in enumerate(context.criteria.gates):
        indicator = context.indicator_by_id.get(gate.answer) if gate.answer else None
        if indicator is not None:
            yield ("gates", i), gate, indicator


def _expected(indicator: Indicator) -> Message:
    """What a valid answer to `indicator` looks like, for messages."""
    if isinstance(indicator, BooleanIndicator):
        return msg("check_expect_bool")
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        return msg("check_expect_one_of", ids=", ".join(option.id for option in indicator.options))
    if isinstance(indicator, ScaleIndicator):
        return msg("check_expect_scale", low=indicator.min, high=indicator.max)
    low, high = indicator.min, indicator.max
    if low is not None and high is not None:
        return msg("check_expect_between", low=num(low), high=num(high))
    if low is not None:
        return msg("check_expect_at_least", low=num(low))
    return msg("expect_number") if high is None else msg("check_expect_at_most", high=num(high))


def _accepts(indicator: Indicator, value: Any) -> bool:
    """Whether a gate value can ever equal the answer (for `multi`: one of its options)."""
    if isinstance(indicator, BooleanIndicator):
        return isinstance(value, bool)
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        return isinstance(value, str) and any(o.id == value for o in indicator.options)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(indicator, ScaleIndicator):
        return isinstance(value, int) and indicator.min <= value <= indicator.max
    low, high = indicator.min, indicator.max
    return (low is None or value >= low) and (high is None or value <= high)


@rule("gate-type")
def gate_type(context: Context) -> Iterator[Problem]:
    """An answer gate tests valid answers; `at_least`/`at_most` only a number or scale."""
    for path, gate, indicator in _answer_gates(context):
        numeric = isinstance(indicator, ScaleIndicator | NumberIndicator)
        for test in ("at_least", "at_most"):
            if getattr(gate, test) is not None and not numeric:
                message = msg(
                    "check_gate_compares", test=test, id=indicator.id, type=indicator.type
                )
                yield context.problem((*path, test), message, "gate-type", at_key=True)
        values: list[tuple[NodePath, Any]] = []
        if gate.equals is not None:
            values.append(((*path, "equals"), gate.equals))
        values.extend(((*path, "in", k), value) for k, value in enumerate(gate.in_ or ()))
        for where, value in values:
            if not _accepts(indicator, value):
                hint: Message | str = ""
                if isinstance(value, str) and isinstance(
                    indicator, ChoiceIndicator | MultiIndicator
                ):
                    hint = suggest(value, [option.id for option in indicator.options])
                message = msg(
                    "check_gate_value",
                    value=describe(value),
                    id=indicator.id,
                    hint=hint,
                    expected=_expected(indicator),
                )
                yield context.problem(where, message, "gate-type")


@rule("gate-unpassable", Severity.WARNING)
def gate_unpassable(context: Context) -> Iterator[Problem]:
    """Each gate alone can be passed: its bounds lie within what its answers or scores reach."""
    for path, gate, indicator in _answer_gates(context):
        if gate.in_ is not None and not gate.in_:
            message = msg("check_gate_in_empty", id=gate.id)
            yield context.problem((*path, "in"), message, "gate-unpassable")
        if not isinstance(indicator, ScaleIndicator | NumberIndicator):
            continue
        low, high = indicator.min, indicator.max
        if gate.at_least is not None and high is not None and gate.at_least > high:
            message = msg(
                "check_gate_above_max",
                id=gate.id,
                indicator=indicator.id,
                least=num(gate.at_least),
                high=num(high),
            )
            yield context.problem((*path, "at_least"), message, "gate-unpassable")
        if gate.at_most is not None and low is not None and gate.at_most < low:
            message = msg(
                "check_gate_below_min",
                id=gate.id,
                indicator=indicator.id,
                most=num(gate.at_most),
                low=num(low),
            )
            yield context.problem((*path, "at_most"), message, "gate-unpassable")
    yield from _score_gates(context)


def _score_gates(context: Context) -> Iterator[Problem]:
    best = context.best_scores
    for i, gate in enumerate(context.criteria.gates):
        target = gate.score
        if target is None or (target != TOTAL and target not in context.node_ids):
            continue
        path = ("gates", i)
        least, most = gate.at_least, gate.at_most
        if least is not None and most is not None and least > most:
            message = msg("check_gate_crossed", id=gate.id, least=num(least), most=num(most))
            yield context.problem((*path, "at_most"), message, "gate-unpassable")
            continue
        if most is not None and most < 0:
            message = msg("check_gate_negative", id=gate.id, most=num(most))
            yield context.problem((*path, "at_most"), message, "gate-unpassable")
        highest = best.of(target) if best is not None else None
        if least is not None and highest is not None and least > rounded(highest):
            message = msg(
                "check_gate_out_of_reach",
                id=gate.id,
                least=num(least),
                target=target,
                highest=num(highest),
            )
            yield context.problem((*path, "at_least"), message, "gate-unpassable")

"""Gates: tests that suit the indicator they read, and that some answer can pass."""

from collections.abc import Iterator
from typing import Any

from smartcity_score.checks import Context, num, rule
from smartcity_score.engine import TOTAL, rounded
from smartcity_score.loader import NodePath
from smartcity_score.messages import Message
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


def _expected(indicator: Indicator) -> str:
    """What a valid answer to `indicator` looks like, for messages."""
    if isinstance(indicator, BooleanIndicator):
        return "true or false"
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        return "one of " + ", ".join(option.id for option in indicator.options)
    if isinstance(indicator, ScaleIndicator):
        return f"a whole number from {indicator.min} to {indicator.max}"
    low, high = indicator.min, indicator.max
    if low is not None and high is not None:
        return f"a number from {num(low)} to {num(high)}"
    if low is not None:
        return f"a number of at least {num(low)}"
    return "a number" if high is None else f"a number of at most {num(high)}"


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
                message = (
                    f"'{test}' compares numbers, but '{indicator.id}' is a {indicator.type} "
                    "indicator; use 'equals' or 'in'"
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
                message = (
                    f"gate value {describe(value)} is not a valid answer to "
                    f"'{indicator.id}'{hint}; expected {_expected(indicator)}"
                )
                yield context.problem(where, message, "gate-type")


@rule("gate-unpassable", Severity.WARNING)
def gate_unpassable(context: Context) -> Iterator[Problem]:
    """Each gate alone can be passed: its bounds lie within what its answers or scores reach."""
    for path, gate, indicator in _answer_gates(context):
        if gate.in_ is not None and not gate.in_:
            message = f"gate '{gate.id}' lists no values in 'in', so no answer can pass"
            yield context.problem((*path, "in"), message, "gate-unpassable")
        if not isinstance(indicator, ScaleIndicator | NumberIndicator):
            continue
        low, high = indicator.min, indicator.max
        if gate.at_least is not None and high is not None and gate.at_least > high:
            message = (
                f"gate '{gate.id}' needs '{indicator.id}' to be at least {num(gate.at_least)}, "
                f"but its max is {num(high)}"
            )
            yield context.problem((*path, "at_least"), message, "gate-unpassable")
        if gate.at_most is not None and low is not None and gate.at_most < low:
            message = (
                f"gate '{gate.id}' needs '{indicator.id}' to be at most {num(gate.at_most)}, "
                f"but its min is {num(low)}"
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
            message = (
                f"gate '{gate.id}' needs a score of at least {num(least)} and at most "
                f"{num(most)}, so no score can pass"
            )
            yield context.problem((*path, "at_most"), message, "gate-unpassable")
            continue
        if most is not None and most < 0:
            message = f"gate '{gate.id}' needs a score of at most {num(most)}, but scores are 0–100"
            yield context.problem((*path, "at_most"), message, "gate-unpassable")
        highest = best.of(target) if best is not None else None
        if least is not None and highest is not None and least > rounded(highest):
            message = (
                f"gate '{gate.id}' needs a score of at least {num(least)} on '{target}', "
                f"but the highest possible is {num(highest)}"
            )
            yield context.problem((*path, "at_least"), message, "gate-unpassable")

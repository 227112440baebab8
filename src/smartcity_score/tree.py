"""`criteria show`: a criteria set as an indented tree."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.explain import format_number
from smartcity_score.models import Group, text
from smartcity_score.templates import describe_answer


def tree(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    c = loaded.criteria
    yield f"{c.id} {c.version}: {text(c.title, lang)}\n"
    yield f"aggregation: {c.aggregation}, missing answers: {c.missing}\n"
    for group in c.dimensions:
        yield from _group(group, 1, lang)
    for gate in c.gates:
        target = f"answer {gate.answer}" if gate.answer else f"score {gate.score}"
        yield f"gate {gate.id}: {target} {text(gate.description, lang)}\n"
    for level in c.levels:
        yield f"level {level.id}: ≥ {format_number(level.at_least)} {text(level.label, lang)}\n"
    if c.selection is not None:
        yield f"selection: {c.selection.count} seat(s)\n"
        for quota in c.selection.quotas:
            rule = f"{quota.field} = {quota.equals}" if quota.equals else f"each {quota.field}"
            bounds = [
                f"min {quota.min}" if quota.min is not None else "",
                f"max {quota.max}" if quota.max is not None else "",
            ]
            yield f"  quota {quota.id}: {rule}, {' '.join(b for b in bounds if b)}\n"


def _group(group: Group, depth: int, lang: str | None) -> Iterator[str]:
    pad = "  " * depth
    aggregation = f", {group.aggregation}" if group.aggregation else ""
    weight = format_number(group.weight)
    yield f"{pad}{group.id} (weight {weight}{aggregation}): {text(group.title, lang)}\n"
    for child in group.dimensions or ():
        yield from _group(child, depth + 1, lang)
    for indicator in group.indicators or ():
        required = ", required" if indicator.required else ""
        yield (
            f"{pad}  - {indicator.id} (weight {format_number(indicator.weight)}{required}): "
            f"{describe_answer(indicator, lang)}\n"
        )

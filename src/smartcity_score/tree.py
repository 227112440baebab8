"""`criteria show`: a criteria set as an indented tree."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.explain import format_number
from smartcity_score.i18n import t
from smartcity_score.models import Group, Quota, text
from smartcity_score.templates import describe_answer


def tree(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    c = loaded.criteria
    yield f"{c.id} {c.version}: {text(c.title, lang)}\n"
    yield (
        f"{t('aggregation', lang)}: {t(f'aggregation_{c.aggregation}', lang)}, "
        f"{t('missing_policy', lang)}: {t(f'missing_{c.missing}', lang)}\n"
    )
    for group in c.dimensions:
        yield from _group(group, 1, lang)
    for gate in c.gates:
        if gate.answer:
            target = f"{t('answer_word', lang)} {gate.answer}"
        else:
            target = f"{t('score_word', lang)} {gate.score}"
        yield f"{t('gate_word', lang)} {gate.id}: {target} {text(gate.description, lang)}\n"
    for level in c.levels:
        yield (
            f"{t('level_word', lang)} {level.id}: {'>' if level.strict else '≥'} "
            f"{format_number(level.threshold)} "
            f"{text(level.label, lang)}\n"
        )
    if c.selection is not None:
        yield f"{t('selection_seats', lang, count=c.selection.count)}\n"
        for quota in c.selection.quotas:
            yield f"  {t('quota', lang)} {quota.id}: {_quota_rule(quota, lang)}\n"


def _quota_rule(quota: Quota, lang: str | None) -> str:
    if quota.equals:
        rule = f"{quota.field} = {quota.equals}"
    else:
        rule = t("quota_each", lang, field=quota.field)
    bounds = [
        t("quota_min", lang, count=quota.min) if quota.min is not None else "",
        t("quota_max", lang, count=quota.max) if quota.max is not None else "",
    ]
    return f"{rule}, {' '.join(b for b in bounds if b)}"


def _group(group: Group, depth: int, lang: str | None) -> Iterator[str]:
    pad = "  " * depth
    aggregation = ""
    if group.aggregation:
        aggregation = f", {t(f'aggregation_{group.aggregation}', lang)}"
    weight = f"{t('weight_word', lang)} {format_number(group.weight)}"
    yield f"{pad}{group.id} ({weight}{aggregation}): {text(group.title, lang)}\n"
    for child in group.dimensions or ():
        yield from _group(child, depth + 1, lang)
    for indicator in group.indicators or ():
        required = f", {t('required_word', lang)}" if indicator.required else ""
        weight = f"{t('weight_word', lang)} {format_number(indicator.weight)}"
        yield (
            f"{pad}  - {indicator.id} ({weight}{required}): {describe_answer(indicator, lang)}\n"
        )

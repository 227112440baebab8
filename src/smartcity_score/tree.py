"""`criteria show`: a criteria set as an indented tree.

Every text of the criteria file is printed through `escape.visible`: this is plain text for a
terminal, so no control sequence of a title or label reaches it."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import visible
from smartcity_score.explain import format_number
from smartcity_score.i18n import t
from smartcity_score.models import Group, MinmaxScoring, NumberIndicator, Quota, text
from smartcity_score.render.layout import hanging
from smartcity_score.templates import describe_answer


def fitted_tree(loaded: LoadedCriteria, lang: str | None, width: int) -> Iterator[str]:
    """The tree with every line wrapped at spaces to `width`, each continuation indented
    four spaces past its line's own indent, so the outline stays readable."""
    for line in tree(loaded, lang):
        body = line.rstrip("\n")
        lead = " " * (len(body) - len(body.lstrip(" ")))
        yield hanging(lead, body.lstrip(" "), width, lead + "    ") + "\n"


def tree(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    c = loaded.criteria
    yield f"{c.id} {visible(c.version)}: {visible(text(c.title, lang))}\n"
    yield (
        f"{t('aggregation', lang)}: {t(f'aggregation_{c.aggregation}', lang)}, "
        f"{t('missing_policy', lang)}: {t(f'missing_{c.missing}', lang)}\n"
    )
    if loaded.minmax:
        shown = ", ".join(
            f"{i.id} ({t(f'direction_{_direction(i)}', lang)})" for i in loaded.minmax
        )
        yield f"{t('cohort_scoring', lang, indicators=shown)}\n"
    for group in c.dimensions:
        yield from _group(group, 1, lang)
    for gate in c.gates:
        if gate.answer:
            target = f"{t('answer_word', lang)} {visible(gate.answer)}"
        else:
            target = f"{t('score_word', lang)} {gate.score}"
        description = visible(text(gate.description, lang))
        yield f"{t('gate_word', lang)} {gate.id}: {target} {description}\n"
    for level in c.levels:
        yield (
            f"{t('level_word', lang)} {level.id}: {'>' if level.strict else '≥'} "
            f"{format_number(level.threshold)} "
            f"{visible(text(level.label, lang))}\n"
        )
    if c.selection is not None:
        yield f"{t('selection_seats', lang, count=c.selection.count)}\n"
        for quota in c.selection.quotas:
            yield f"  {t('quota', lang)} {quota.id}: {_quota_rule(quota, lang)}\n"


def _direction(indicator: NumberIndicator) -> str:
    scoring = indicator.scoring
    return scoring.direction if isinstance(scoring, MinmaxScoring) else "higher"


def _quota_rule(quota: Quota, lang: str | None) -> str:
    if quota.equals:
        rule = f"{visible(quota.field)} = {visible(quota.equals)}"
    else:
        rule = t("quota_each", lang, field=visible(quota.field))
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
    yield f"{pad}{group.id} ({weight}{aggregation}): {visible(text(group.title, lang))}\n"
    for child in group.dimensions or ():
        yield from _group(child, depth + 1, lang)
    for indicator in group.indicators or ():
        required = f", {t('required_word', lang)}" if indicator.required else ""
        weight = f"{t('weight_word', lang)} {format_number(indicator.weight)}"
        yield (
            f"{pad}  - {indicator.id} ({weight}{required}): {describe_answer(indicator, lang)}\n"
        )

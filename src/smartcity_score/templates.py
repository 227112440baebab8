"""A blank, commented region file for a criteria file (`smartcity-score template`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import yaml_comment
from smartcity_score.explain import format_number
from smartcity_score.i18n import t
from smartcity_score.models import (
    REGION_SCHEMA,
    REVIEW_SCHEMA,
    BooleanIndicator,
    ChoiceIndicator,
    Criteria,
    Group,
    Indicator,
    MultiIndicator,
    ScaleIndicator,
    text,
)
from smartcity_score.regions import Region


def _comment(value: str) -> str:
    return yaml_comment(value)


def describe_answer(indicator: Indicator, lang: str | None) -> str:
    """What a valid answer looks like, in one line."""
    if isinstance(indicator, BooleanIndicator):
        return t("answer_boolean", lang)
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        options = " | ".join(
            f"{o.id} ({_comment(text(o.label, lang))})" if o.label else o.id
            for o in indicator.options
        )
        if isinstance(indicator, ChoiceIndicator):
            return t("answer_choice", lang, options=options)
        return t("answer_multi", lang, options=options)
    if isinstance(indicator, ScaleIndicator):
        labels = indicator.labels or {}
        named = ", ".join(f"{k} = {_comment(text(v, lang))}" for k, v in sorted(labels.items()))
        scale = t("answer_scale", lang, low=indicator.min, high=indicator.max)
        return scale + (f" ({named})" if named else "")
    low = "" if indicator.min is None else format_number(indicator.min)
    high = "" if indicator.max is None else format_number(indicator.max)
    parts = [t("answer_number", lang)]
    if low or high:
        parts.append(" " + t("answer_bounds", lang, low=low or "-∞", high=high or "∞"))
    if indicator.unit:
        parts.append(", " + t("answer_unit", lang, unit=_comment(indicator.unit)))
    return "".join(parts)


def template(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    criteria = loaded.criteria
    yield "# yaml-language-server: $schema=region.schema.json\n"
    yield f"# {t('template_for', lang, title=_comment(text(criteria.title, lang)))}\n"
    yield f"# {t('template_criteria', lang, id=criteria.id, version=_comment(criteria.version))}\n"
    yield (
        f"# {t('template_completion', lang)}: smartcity-score schema region -c {criteria.id} "
        "-o region.schema.json\n"
    )
    yield f"# {t('template_fill_in', lang)}\n"
    yield f"schema: {REGION_SCHEMA}\n"
    yield f"criteria: {criteria.id}\n"
    yield "region:\n"
    region_id = t("template_region_id", lang)
    yield f"  id: {region_id:<17}# {t('template_id_rule', lang, example='kota-pariaman')}\n"
    yield f"  name: {t('template_region_name', lang)}\n"
    yield f"  kind:                # {t('template_kind', lang)}\n"
    yield "  province:\n"
    yield from _quota_tags(criteria, lang)
    yield "answers:\n"
    for group in criteria.dimensions:
        yield from _group(group, 0, lang)
    yield f"evidence: {{}}          # {t('template_evidence', lang)}\n"


def _quota_tags(criteria: Criteria, lang: str | None) -> Iterator[str]:
    """`tags:` with each key a quota counts by: a region without it escapes that quota."""
    quotas: dict[str, list[str]] = {}
    for quota in criteria.selection.quotas if criteria.selection else ():
        if quota.field.startswith("tags.") and len(quota.field) > len("tags."):
            quotas.setdefault(quota.field.removeprefix("tags."), []).append(quota.id)
    if not quotas:
        return
    yield "  tags:\n"
    for key, ids in quotas.items():
        shown = key if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key) else json.dumps(key)
        note = t("template_tag", lang, quotas=", ".join(ids))
        yield f"    {shown}:  # {_comment(note)}\n"


def _group(group: Group, depth: int, lang: str | None) -> Iterator[str]:
    yield f"  # {'=' * (3 - min(depth, 2))} {_comment(text(group.title, lang))} ({group.id})\n"
    for child in group.dimensions or ():
        yield from _group(child, depth + 1, lang)
    for indicator in group.indicators or ():
        required = f" {t('template_required', lang)}." if indicator.required else ""
        yield f"  # {_comment(text(indicator.question, lang))}{required}\n"
        if indicator.help is not None:
            yield f"  #   {_comment(text(indicator.help, lang))}\n"
        yield f"  #   {describe_answer(indicator, lang)}\n"
        yield f"  {indicator.id}:\n"


def review_template(loaded: LoadedCriteria, region: Region, lang: str | None) -> Iterator[str]:
    """A review file for one region (SPEC §6), its answers pre-filled as comments.

    Every answer line is commented out, so a review left as it is verifies nothing:
    an assessor uncomments each answer they checked, and edits it where the evidence
    shows otherwise.
    """
    criteria = loaded.criteria
    info = region.info
    yield "# yaml-language-server: $schema=review.schema.json\n"
    yield f"# {t('review_for', lang, name=_comment(info.name), id=info.id)}\n"
    yield f"# {t('template_criteria', lang, id=criteria.id, version=_comment(criteria.version))}\n"
    for line in t("review_how", lang).split("\n"):
        yield f"# {line}\n"
    yield f"schema: {REVIEW_SCHEMA}\n"
    yield f"criteria: {criteria.id}\n"
    yield f"region: {info.id}\n"
    yield f"assessor: {t('review_assessor', lang):<14}# {t('review_assessor_rule', lang)}\n"
    yield "answers:\n"
    for group in criteria.dimensions:
        yield from _review_group(group, region, 0, lang)
    yield f"notes: {{}}             # {t('review_notes', lang)}\n"


def _review_group(group: Group, region: Region, depth: int, lang: str | None) -> Iterator[str]:
    yield f"  # {'=' * (3 - min(depth, 2))} {_comment(text(group.title, lang))} ({group.id})\n"
    for child in group.dimensions or ():
        yield from _review_group(child, region, depth + 1, lang)
    for indicator in group.indicators or ():
        yield f"  # {_comment(text(indicator.question, lang))}\n"
        yield f"  #   {describe_answer(indicator, lang)}\n"
        evidence = region.evidence.get(indicator.id)
        if evidence is not None:
            yield f"  #   {t('evidence', lang)}: {_comment(evidence)}\n"
        yield f"  # {indicator.id}: {_yaml_value(region.answers.get(indicator.id))}\n"


def _yaml_value(value: object) -> str:
    """An answer as YAML flow text on one line (answers are validated: scalars and lists)."""
    import json

    return _comment(json.dumps(value, ensure_ascii=False))

"""The criteria as an XLSForm workbook (SPEC §7), for ODK Collect, Enketo and KoboToolbox.

`sheets` is pure: criteria in, the rows of the `survey`, `choices` and `settings` sheets
out, every cell a string; `smartcity_score.xlsx.write_xlsx` lays them into a workbook.
The naming functions (`xlsform_name`, `id_from_name`, `group_paths`, `evidence_name`,
`tag_question`, `REGION_QUESTIONS`) are the contract that reading form exports back
(`import`) keeps to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from smartcity_score.escape import excerpt, spreadsheet_text
from smartcity_score.i18n import t
from smartcity_score.models import (
    SLUG_PATTERN,
    BooleanIndicator,
    ChoiceIndicator,
    Criteria,
    Group,
    Indicator,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
    Text,
    text,
)
from smartcity_score.problems import UsageError
from smartcity_score.xlsx import MAX_CELL, Sheet, excel_length

# English names of the languages a form header spells out; any other code names itself.
LANGUAGE_NAMES = {
    "id": "Indonesian",
    "en": "English",
    "ms": "Malay",
    "jv": "Javanese",
    "su": "Sundanese",
    "nl": "Dutch",
    "ar": "Arabic",
    "zh": "Chinese",
}

# The ASCII part of an XML name (NCName), which XLSForm names must be. A criteria id
# is a slug, so only a leading digit keeps one from being a name.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# A language code that can stand in a `label::Name (code)` header without ending it.
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
# A form lists every level of a labelled scale as a choice: a scale wider than this
# would be a list nobody can pick from (and a workbook of millions of rows).
MAX_SCALE_CHOICES = 1000

YES_NO = "yes_no"
RESERVED = "meta"  # the group of a submission's metadata (instanceID), in every XForm
NONE_OF_THESE = "_none"
EVIDENCE_SUFFIX = "__evidence"
TAG_PREFIX = "region_tag_"
REGION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("region_id", "id"),
    ("region_name", "name"),
    ("region_kind", "kind"),
    ("region_province", "province"),
    ("region_code", "code"),
)
"""Question name → field of a region file's `region:`, in survey order."""


def xlsform_name(node_id: str) -> str:
    """The XLSForm name of a group, indicator or choice list: its id, with a `_` prefix when
    the id is not a valid name (it starts with a digit)."""
    return node_id if _NAME.fullmatch(node_id) else f"_{node_id}"


def id_from_name(name: str) -> str:
    """The id a name was made from (`xlsform_name` undone): `_4g` → `4g`, `abc` → `abc`.

    Only a prefix that `xlsform_name` adds is stripped: `_none` and `_uuid` stay as they are.
    """
    return name[1:] if name[:1] == "_" and name[1:2].isdigit() else name


def evidence_name(indicator_id: str) -> str:
    """The name of the optional text question after an indicator, for its `evidence:`."""
    return xlsform_name(indicator_id) + EVIDENCE_SUFFIX


def tag_question(key: str) -> str:
    """The name of the question for `tags.<key>` of the region's details."""
    return TAG_PREFIX + key


def group_paths(criteria: Criteria) -> dict[str, tuple[str, ...]]:
    """Indicator id → XLSForm names of the groups around it, outermost first: the path a
    form export writes before the question's name (`kepemimpinan/regulasi`)."""
    paths: dict[str, tuple[str, ...]] = {}

    def walk(group: Group, outer: tuple[str, ...]) -> None:
        path = (*outer, xlsform_name(group.id))
        for child in group.dimensions or ():
            walk(child, path)
        for indicator in group.indicators or ():
            paths[indicator.id] = path

    for dimension in criteria.dimensions:
        walk(dimension, ())
    return paths


def quota_tag_keys(criteria: Criteria) -> list[str]:
    """The keys of `tags.<key>` that the criteria's quotas use, in order of first use."""
    quotas = criteria.selection.quotas if criteria.selection is not None else []
    keys = [q.field.removeprefix("tags.") for q in quotas if q.field.startswith("tags.")]
    return list(dict.fromkeys(keys))


def _texts(criteria: Criteria) -> Iterator[Text]:
    yield criteria.title
    for group in _groups(criteria.dimensions):
        yield group.title
        for indicator in group.indicators or ():
            yield indicator.question
            if indicator.help is not None:
                yield indicator.help
            if isinstance(indicator, ChoiceIndicator | MultiIndicator):
                yield from (o.label for o in indicator.options if o.label is not None)
            if isinstance(indicator, ScaleIndicator):
                yield from (indicator.labels or {}).values()


def _groups(groups: Sequence[Group]) -> Iterator[Group]:
    for group in groups:
        yield group
        yield from _groups(group.dimensions or ())


def languages(criteria: Criteria) -> list[str]:
    """The language codes of the form's texts, the title's first (the default language)."""
    found = [code for value in _texts(criteria) if isinstance(value, dict) for code in value]
    return list(dict.fromkeys(found))


def language_column(code: str) -> str:
    """How a language is spelt in a column header: `Indonesian (id)`, or `xx (xx)`."""
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


Row = dict[str, str]


class _Columns:
    """The text columns of the form: `label::English (en)`…, or plain `label` in one language."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes

    def headers(self, base: str) -> list[str]:
        if len(self.codes) <= 1:
            return [base]
        return [f"{base}::{language_column(code)}" for code in self.codes]

    def criteria_text(self, base: str, value: Text | None) -> Row:
        """A text of the criteria in each language (its first entry where one is missing)."""
        if value is None:
            return {}
        codes: list[str | None] = [*self.codes] or [None]
        cells = [_form_text(text(value, code)) for code in codes]
        return dict(zip(self.headers(base), cells, strict=True))

    def own(self, base: str, label: str, /, **values: object) -> Row:
        """One of the tool's own labels in each language (English where it has none)."""
        codes: list[str | None] = [*self.codes] or [None]
        cells = [_form_text(t(label, code, **values)) for code in codes]
        return dict(zip(self.headers(base), cells, strict=True))


def _form_text(value: str) -> str:
    """A text safe in a form cell: no `${name}` that the form would read as a reference
    to a question, and no character a workbook cannot hold."""
    return spreadsheet_text(value.replace("${", "$ {"))


def _number(value: float) -> str:
    """A number as XPath 1.0 reads it: never an exponent (`1e-07` is no XPath number)."""
    return format(Decimal(repr(value)).normalize(), "f")


def _bounds(columns: _Columns, low: float | None, high: float | None) -> Row:
    """The constraint (and its message) that keeps an answer within [low, high]."""
    tests = []
    if low is not None:
        tests.append(f". >= {_number(low)}")
    if high is not None:
        tests.append(f". <= {_number(high)}")
    if not tests:
        return {}
    shown_low = "-∞" if low is None else _number(low)
    shown_high = "∞" if high is None else _number(high)
    message = columns.own("constraint_message", "answer_bounds", low=shown_low, high=shown_high)
    return {"constraint": " and ".join(tests), **message}


def _region_rows(criteria: Criteria, columns: _Columns) -> Iterator[Row]:
    yield {
        "type": "text",
        "name": "region_id",
        **columns.own("label", "form_region_id"),
        **columns.own("hint", "template_id_rule", example="kota-pariaman"),
        "required": "yes",
        "constraint": f"regex(., '{SLUG_PATTERN}')",
        **columns.own("constraint_message", "template_id_rule", example="kota-pariaman"),
    }
    yield {
        "type": "text",
        "name": "region_name",
        **columns.own("label", "template_region_name"),
        "required": "yes",
    }
    yield {
        "type": "text",
        "name": "region_kind",
        **columns.own("label", "form_region_kind"),
        **columns.own("hint", "template_kind"),
    }
    yield {"type": "text", "name": "region_province", **columns.own("label", "province")}
    yield {"type": "text", "name": "region_code", **columns.own("label", "form_region_code")}
    for key in quota_tag_keys(criteria):
        if not _NAME.fullmatch(tag_question(key)):
            raise UsageError(
                f"the quotas use the tag 'tags.{excerpt(key, 40)}', which cannot be a "
                "question of the form: a tag key takes letters, digits, '_', '.' and '-' only"
            )
        label = columns.own("label", "form_region_tag", key=key)
        yield {"type": "text", "name": tag_question(key), **label}


def _question_type(indicator: Indicator, columns: _Columns) -> Row:
    """The `type` of an indicator's question, and the constraint its type brings."""
    name = xlsform_name(indicator.id)
    if isinstance(indicator, BooleanIndicator):
        return {"type": f"select_one {YES_NO}"}
    if isinstance(indicator, ChoiceIndicator):
        return {"type": f"select_one {name}"}
    if isinstance(indicator, MultiIndicator):
        # `_none` tells "none of these" from a question left unanswered; alone, or not at all.
        alone = f"not(selected(., '{NONE_OF_THESE}')) or count-selected(.) = 1"
        message = columns.own("constraint_message", "form_none_alone")
        return {"type": f"select_multiple {name}", "constraint": alone, **message}
    if isinstance(indicator, ScaleIndicator):
        if indicator.labels:
            return {"type": f"select_one {name}"}
        return {"type": "integer", **_bounds(columns, indicator.min, indicator.max)}
    return {"type": "decimal", **_bounds(columns, indicator.min, indicator.max)}


def _hint(indicator: Indicator, columns: _Columns) -> Row:
    """The help as the hint; a number's unit is said there too, so the answer's unit is known."""
    hint = columns.criteria_text("hint", indicator.help)
    if not isinstance(indicator, NumberIndicator) or not indicator.unit:
        return hint
    unit = columns.own("hint", "answer_unit", unit=indicator.unit)
    return {key: f"{hint[key]} ({said})" if hint.get(key) else said for key, said in unit.items()}


def _indicator_rows(indicator: Indicator, columns: _Columns) -> Iterator[Row]:
    row: Row = {
        **_question_type(indicator, columns),
        "name": xlsform_name(indicator.id),
        **columns.criteria_text("label", indicator.question),
        **_hint(indicator, columns),
    }
    if indicator.required:
        row["required"] = "yes"
    yield row
    yield {
        "type": "text",
        "name": evidence_name(indicator.id),
        **columns.own("label", "form_evidence"),
        **columns.own("hint", "form_evidence_hint"),
    }


def _group_rows(group: Group, columns: _Columns) -> Iterator[Row]:
    yield {
        "type": "begin_group",
        "name": xlsform_name(group.id),
        **columns.criteria_text("label", group.title),
    }
    for child in group.dimensions or ():
        yield from _group_rows(child, columns)
    for indicator in group.indicators or ():
        yield from _indicator_rows(indicator, columns)
    yield {"type": "end_group"}


def _choice_rows(criteria: Criteria, columns: _Columns) -> Iterator[Row]:
    yield {"list_name": YES_NO, "name": "yes", **columns.own("label", "form_yes")}
    yield {"list_name": YES_NO, "name": "no", **columns.own("label", "form_no")}
    for group in _groups(criteria.dimensions):
        for indicator in group.indicators or ():
            yield from _options(indicator, columns)


def _options(indicator: Indicator, columns: _Columns) -> Iterator[Row]:
    """The choices of an indicator's list, if its question has one."""
    listed = xlsform_name(indicator.id)
    if isinstance(indicator, ChoiceIndicator | MultiIndicator):
        for option in indicator.options:
            label = option.label if option.label is not None else option.id
            yield {"list_name": listed, "name": option.id, **columns.criteria_text("label", label)}
        if isinstance(indicator, MultiIndicator):
            yield {"list_name": listed, "name": NONE_OF_THESE, **columns.own("label", "form_none")}
    if isinstance(indicator, ScaleIndicator) and indicator.labels:
        levels = indicator.max - indicator.min + 1
        if levels > MAX_SCALE_CHOICES:
            raise UsageError(
                f"scale '{indicator.id}' has labels and {levels} levels; a form can list at "
                f"most {MAX_SCALE_CHOICES} choices for one question"
            )
        for level in range(indicator.min, indicator.max + 1):
            label = indicator.labels.get(level, str(level))
            yield {"list_name": listed, "name": str(level), **columns.criteria_text("label", label)}


def _unique(names: Iterator[str], what: str) -> None:
    """Two questions (or lists) of one name would be one answer in every export, and names
    that differ in case only are two columns that a spreadsheet confuses: refuse both."""
    seen: set[str] = set()
    for name in names:
        if name == RESERVED:
            raise UsageError(
                f"'{RESERVED}' cannot name a question or group: form tools keep it for the "
                "form's own metadata; rename that id"
            )
        if name.lower() in seen:
            raise UsageError(f"two {what} of the form would be named '{name}'; rename one id")
        seen.add(name.lower())


def _table(name: str, headers: list[str], rows: list[Row]) -> Sheet:
    body = tuple(tuple(row.get(header, "") for header in headers) for row in rows)
    for row in body:
        for cell in row:
            size = excel_length(cell)
            if size > MAX_CELL:
                raise UsageError(
                    f"a text of {size:,} characters is longer than the {MAX_CELL:,} a "
                    f"workbook cell holds: '{excerpt(cell, 40)}'"
                )
    return Sheet(name, (tuple(headers), *body))


def sheets(criteria: Criteria) -> list[Sheet]:
    """The `survey`, `choices` and `settings` sheets of the criteria's form (SPEC §7).

    Raises UsageError when the criteria cannot be a form: a language code or quota tag
    key that cannot be a column or name, two questions of one name, a vast labelled scale.
    """
    codes = languages(criteria)
    bad = [code for code in codes if not _LANGUAGE_CODE.fullmatch(code)]
    if bad:
        raise UsageError(
            f"language code '{excerpt(bad[0], 40)}' cannot be a column of the form; "
            "use a code such as id or en"
        )
    columns = _Columns(codes)
    survey = [*_region_rows(criteria, columns)]
    for dimension in criteria.dimensions:
        survey.extend(_group_rows(dimension, columns))
    _unique((row["name"] for row in survey if "name" in row), "questions or groups")
    choices = list(_choice_rows(criteria, columns))
    _unique(iter(dict.fromkeys(row["list_name"] for row in choices)), "choice lists")
    survey_headers = ["type", "name", *columns.headers("label"), *columns.headers("hint")]
    survey_headers += ["required", "constraint", *columns.headers("constraint_message")]
    settings: Row = {
        "form_title": _form_text(text(criteria.title, codes[0] if codes else None)),
        "form_id": criteria.id,
        "version": spreadsheet_text(criteria.version),
    }
    if len(codes) > 1:
        settings["default_language"] = language_column(codes[0])
    return [
        _table("survey", survey_headers, survey),
        _table("choices", ["list_name", "name", *columns.headers("label")], choices),
        _table("settings", list(settings), [settings]),
    ]

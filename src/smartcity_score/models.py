"""Pydantic models of the two file formats (SPEC.md §1 and §2).

The models check shape and types only: strict types, no unknown keys, finite
numbers. Rules that relate values to each other (unique ids, band order,
references, score ranges) live in `smartcity_score.checks`, where each has a
stable rule slug and points at the exact node it is about.
"""

from __future__ import annotations

import re
import sys
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from smartcity_score.message_catalogue import MESSAGE_KEY, MESSAGES
from smartcity_score.messages import Message, msg

CRITERIA_SCHEMA = "smartcity-score/criteria/v1"
REGION_SCHEMA = "smartcity-score/region/v1"
REVIEW_SCHEMA = "smartcity-score/review/v1"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Text = str | dict[str, str]
"""A plain string, or a mapping of language code to string."""

Aggregation = Literal["arithmetic", "geometric"]

# Numbers. Every number of either file must fit a float64: the engine scores in
# float64, and `float()` of a 400-digit integer raises instead of answering. A
# number out of that range is refused where it is written ("number-too-large"),
# and no message ever prints all the digits of a huge number.

FLOAT_MAX = sys.float_info.max
_SHORT_DIGITS = 20  # integers longer than this are shortened in messages
# What YAML 1.1 reads as text although JSON and YAML 1.2 read a number: an exponent
# without a dot in the mantissa or without a sign (`1e307`, `1.0e307`).
_TEXT_EXPONENT = re.compile(r"^([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))[eE]([-+]?)([0-9]+)$")
_DIGITS = re.compile(r"^[-+]?[0-9][0-9_]*$")


def fits_float(value: int | float) -> bool:
    """Whether a number is a finite float64 (an int converts to float without overflow)."""
    return -FLOAT_MAX <= value <= FLOAT_MAX  # exact for ints of any size; false for NaN


def worded_number(value: int | str) -> str | Message:
    """An integer (or the digits of one) for a message's parameter: as written when short,
    `99999…99999 (400 digits)` when long, its digit count worded in the message's language
    (`400 digit` in Indonesian)."""
    digits = str(value).lstrip("+-").replace("_", "")
    if len(digits) <= _SHORT_DIGITS:
        return str(value)
    sign = "-" if str(value).startswith("-") else ""
    return msg("long_number", shown=f"{sign}{digits[:5]}…{digits[-5:]}", count=len(digits))


def shown_number(value: int | str) -> str:
    """`worded_number` in English, for text that is no message."""
    return str(worded_number(value))


def huge_digits(value: str) -> bool:
    """Whether a string is an integer too long for YAML to read as one (it stays text)."""
    return bool(_DIGITS.match(value)) and len(value) > sys.get_int_max_str_digits()


def number_spelling(value: str) -> str | None:
    """How to write `value` so YAML 1.1 reads it as a number (`1e307` → `1.0e+307`), or None
    when `value` does not look like a number in exponent form."""
    found = _TEXT_EXPONENT.match(value)
    if found is None:
        return None
    mantissa, sign, exponent = found.groups()
    if "." not in mantissa:
        mantissa += ".0"
    elif mantissa.endswith("."):
        mantissa += "0"
    if mantissa.lstrip("+-").startswith("."):
        mantissa = mantissa.replace(".", "0.", 1)
    return f"{mantissa}e{sign or '+'}{exponent}"


def misread_number(value: str) -> Message | None:
    """Why a string meant as a number was read as text, and the fix; None if it is no number."""
    spelling = number_spelling(value)
    if spelling is None:
        return None
    if spelling == value:  # a valid YAML 1.1 float: it can only have been quoted
        return msg("unquote")
    return msg("exponent_spelling", spelling=spelling)


def _custom(rule: str, key: str, **params: str) -> PydanticCustomError:
    """A pydantic error under `rule`, worded in English by the message catalogue's `key`;
    `validation` words it again by that key in the language asked for."""
    return PydanticCustomError(rule, MESSAGES[key][0], {**params, MESSAGE_KEY: key})


def _field(info: ValidationInfo) -> str:
    # `from_` and `in_` are spelt `from` and `in` in the file.
    return (info.field_name or "").rstrip("_")


def _number_in_range(value: Any, info: ValidationInfo) -> Any:
    """Refuse an int beyond float64 and name the fix for a number YAML 1.1 read as text;
    anything else goes on to the strict type check unchanged."""
    if isinstance(value, int) and not isinstance(value, bool) and not fits_float(value):
        raise _custom(
            "number-too-large", "field_too_large", number=shown_number(value), field=_field(info)
        )
    if isinstance(value, str) and info.field_name not in _TEXT_FIELDS:
        if huge_digits(value):
            raise _custom(
                "number-too-large",
                "field_too_large",
                number=shown_number(value),
                field=_field(info),
            )
        why = misread_number(value)
        if why is not None:
            raise _custom(
                "wrong-type", "field_misread", field=_field(info), value=value, why=str(why)
            )
    return value


# Gate values may be text (an option id); `1e3` there is an id, not a misspelt number.
_TEXT_FIELDS = frozenset({"equals", "in_"})

Number = Annotated[float, BeforeValidator(_number_in_range)]
"""A finite float64; an int within range is accepted as its float."""
WholeNumber = Annotated[int, BeforeValidator(_number_in_range)]
"""An int within the float64 range."""
Scalar = Annotated[bool | int | float | str, BeforeValidator(_number_in_range)]


class StrictModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        populate_by_name=False,
        # Validators are built at first use, not at import: a command pays only for the
        # models it reads (`assess` never builds ReviewFile's).
        defer_build=True,
    )


class Option(StrictModel):
    id: str
    score: Number
    label: Text | None = None


class _IndicatorBase(StrictModel):
    id: str
    question: Text
    help: Text | None = None
    weight: Number = 1.0
    required: bool = False


class BooleanIndicator(_IndicatorBase):
    type: Literal["boolean"]
    score_yes: Number = 100.0
    score_no: Number = 0.0


class ChoiceIndicator(_IndicatorBase):
    type: Literal["choice"]
    options: list[Option]


class MultiIndicator(_IndicatorBase):
    type: Literal["multi"]
    options: list[Option]


class ScaleIndicator(_IndicatorBase):
    type: Literal["scale"]
    min: WholeNumber
    max: WholeNumber
    labels: dict[WholeNumber, Text] | None = None


class LinearScoring(StrictModel):
    method: Literal["linear"]
    worst: Number
    best: Number


class Band(StrictModel):
    from_: Number = Field(alias="from")
    score: Number


class BandsScoring(StrictModel):
    method: Literal["bands"]
    bands: list[Band]


class MinmaxScoring(StrictModel):
    """Cohort scoring (SPEC §1 v1.1): the goalposts are the lowest and highest answers of
    the run's valid regions, so a region's score depends on the others' answers."""

    method: Literal["minmax"]
    direction: Literal["higher", "lower"]


class CohortScoring(MinmaxScoring):
    """A `minmax` scoring with the goalposts of one cohort (made by `cohort.resolve`,
    never read from a file: `extra="forbid"` keeps `worst`/`best` out of `MinmaxScoring`).
    None for both when no region of the cohort answered the indicator."""

    worst: float | None = None
    best: float | None = None


Scoring = Annotated[LinearScoring | BandsScoring | MinmaxScoring, Field(discriminator="method")]


class NumberIndicator(_IndicatorBase):
    type: Literal["number"]
    min: Number | None = None
    max: Number | None = None
    unit: str | None = None
    scoring: Scoring


Indicator = Annotated[
    BooleanIndicator | ChoiceIndicator | MultiIndicator | ScaleIndicator | NumberIndicator,
    Field(discriminator="type"),
]
OptionIndicator = ChoiceIndicator | MultiIndicator


class Group(StrictModel):
    """A dimension or sub-dimension: exactly one of `indicators` or `dimensions`."""

    id: str
    title: Text
    weight: Number = 1.0
    aggregation: Aggregation | None = None
    indicators: list[Indicator] | None = None
    dimensions: list[Group] | None = None

    @model_validator(mode="after")
    def _one_kind_of_children(self) -> Group:
        if (self.indicators is None) == (self.dimensions is None):
            raise _custom("group-children", "group_children", id=self.id)
        return self

    @property
    def children(self) -> list[Group] | list[Indicator]:
        return self.dimensions if self.dimensions is not None else self.indicators or []


class Gate(StrictModel):
    """An eligibility rule on a raw answer or on a computed score."""

    id: str
    description: Text | None = None
    answer: str | None = None
    score: str | None = None
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    at_least: Number | None = None
    at_most: Number | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Gate:
        if (self.answer is None) == (self.score is None):
            raise _custom("gate-form", "gate_form", id=self.id)
        tests = [
            name
            for name, value in (
                ("equals", self.equals),
                ("in", self.in_),
                ("at_least", self.at_least),
                ("at_most", self.at_most),
            )
            if value is not None
        ]
        if self.answer is not None and len(tests) != 1:
            raise _custom("gate-form", "gate_answer_test", id=self.id)
        if self.score is not None and (not tests or set(tests) - {"at_least", "at_most"}):
            raise _custom("gate-form", "gate_score_test", id=self.id)
        return self


class Level(StrictModel):
    """A readiness class: `at_least: N` holds when N <= total, `above: N` when N < total."""

    id: str
    at_least: Number | None = None
    above: Number | None = None
    label: Text

    @model_validator(mode="after")
    def _one_cut(self) -> Level:
        if (self.at_least is None) == (self.above is None):
            raise _custom("level-form", "level_form", id=self.id)
        return self

    @property
    def threshold(self) -> float:
        """The cut point, whichever kind it is."""
        return self.above if self.above is not None else self.at_least or 0.0

    @property
    def strict(self) -> bool:
        """True for an `above` level: the total must exceed the threshold."""
        return self.above is not None

    @property
    def kind(self) -> str:
        """The key the cut point is written under: `above` or `at_least`."""
        return "above" if self.strict else "at_least"

    def holds(self, value: float) -> bool:
        """Whether a total (already rounded to 6 decimals) reaches this level."""
        return self.threshold < value if self.strict else self.threshold <= value


class Quota(StrictModel):
    """`{field, max}` caps every value of a field; `{field, equals, min?, max?}` one value."""

    id: str
    field: str
    equals: str | None = None
    min: WholeNumber | None = None
    max: WholeNumber | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Quota:
        if self.equals is None and (self.max is None or self.min is not None):
            raise _custom("quota-form", "quota_without_equals", id=self.id)
        if self.equals is not None and self.min is None and self.max is None:
            raise _custom("quota-form", "quota_with_equals", id=self.id)
        return self


class Selection(StrictModel):
    count: WholeNumber
    quotas: list[Quota] = []


class Panel(StrictModel):
    """How the reviews of a panel of assessors combine (SPEC §6)."""

    aggregate: Literal["median", "mean"] = "median"
    # Points (0-100) between the highest and the lowest reviewer's score that make a
    # disagreement.
    disagreement: Number = 50.0  # points, 0 to 100: checked by the rule `panel-disagreement`


class Published(StrictModel):
    """The scale a criteria set's totals are published on (SPBE 1–5, IDM 0–1): the 0–100
    total maps linearly, 0 to `min` and 100 to `max`, rounded to `decimals`."""

    min: Number
    max: Number
    decimals: WholeNumber = 2
    name: Text | None = None  # what the published figure is called, e.g. "Indeks SPBE"

    def of(self, total: float) -> float:
        """A 0–100 total (already rounded to 6 decimals) on this scale, rounded."""
        return round(self.min + (self.max - self.min) * total / 100, self.decimals) + 0.0

    def shown(self, total: float) -> str:
        return f"{self.of(total):.{self.decimals}f}"


class Criteria(StrictModel):
    """A criteria file: the questionnaire and how its answers become scores."""

    schema_: Literal["smartcity-score/criteria/v1"] = Field(alias="schema")
    id: str
    version: str
    title: Text
    description: Text | None = None
    aggregation: Aggregation = "arithmetic"
    missing: Literal["zero", "exclude"] = "zero"
    dimensions: list[Group]
    gates: list[Gate] = []
    levels: list[Level] = []
    tie_breakers: list[str] = []
    selection: Selection | None = None
    panel: Panel = Panel()
    published: Published | None = None


def _without_empty_tags(value: Any) -> Any:
    """A tag left empty, as `template` writes it, is a tag without a value: like an empty
    `kind`, it counts toward no quota (SPEC §1, quotas)."""
    if isinstance(value, dict):
        return {key: tag for key, tag in value.items() if tag is not None}
    return value


Tags = Annotated[
    dict[str, str],
    BeforeValidator(_without_empty_tags, json_schema_input_type=dict[str, str | None]),
]


class RegionInfo(StrictModel):
    id: str
    name: str
    kind: str | None = None
    province: str | None = None
    code: str | None = None
    tags: Tags = {}


class RegionFile(StrictModel):
    """A region file's envelope; `answers` are checked against the criteria separately."""

    schema_: Literal["smartcity-score/region/v1"] = Field(alias="schema")
    criteria: str | None = None
    region: RegionInfo
    # Keys are checked against the criteria (unknown indicator), whatever their type.
    answers: dict[Any, Any] | None = None
    evidence: dict[Any, str] | None = None


class ReviewFile(StrictModel):
    """A review file's envelope (SPEC §6); `answers` are checked against the criteria
    separately, as a region file's are."""

    schema_: Literal["smartcity-score/review/v1"] = Field(alias="schema")
    criteria: str | None = None
    region: str
    assessor: str
    answers: dict[Any, Any] | None = None
    notes: dict[Any, str] | None = None


def text(value: Text | None, lang: str | None = None) -> str:
    """The `lang` entry of a Text, else its first entry (SPEC §1)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if lang is not None and lang in value:
        return value[lang]
    return next(iter(value.values()), "")

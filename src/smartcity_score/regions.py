"""Region files validated against a criteria file (SPEC.md §2).

The envelope (`schema`, `region`, ...) goes through the pydantic model; the
answers are checked by hand against each indicator, because which answer is
valid depends on the criteria, and because this runs once per applicant and
must stay cheap. Every problem of a file is collected before returning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from smartcity_score.escape import excerpt
from smartcity_score.i18n import LANGUAGES, t
from smartcity_score.loader import Document, LoadFailed, load_path
from smartcity_score.messages import Message, msg
from smartcity_score.models import (
    CRITERIA_SCHEMA,
    FLOAT_MAX,
    REVIEW_SCHEMA,
    SLUG_PATTERN,
    BooleanIndicator,
    ChoiceIndicator,
    Criteria,
    Indicator,
    MultiIndicator,
    NumberIndicator,
    RegionFile,
    RegionInfo,
    ScaleIndicator,
    fits_float,
    huge_digits,
    misread_number,
    shown_number,
    worded_number,
)
from smartcity_score.problems import MAX_PER_FILE, Problem, cap_per_file, too_many
from smartcity_score.validation import describe, problems_from, suggest

_SLUG = re.compile(SLUG_PATTERN)


class Region(NamedTuple):  # a NamedTuple: cheaper to define at every start
    """A valid region file: who it is and its answers (None = unanswered)."""

    file: str
    info: RegionInfo
    answers: Mapping[str, Any]
    evidence: Mapping[str, str]
    document: Document

    @property
    def id_mark(self) -> tuple[int, int]:
        """Where `region.id` stands, to point at a repeated id."""
        return self.document.where(("region", "id"))

    def field(self, name: str) -> str | None:
        """The value of a quota / group-by field: `kind`, `province` or `tags.KEY`."""
        if name.startswith("tags."):
            return self.info.tags.get(name[5:])
        value = getattr(self.info, name, None)
        return value if isinstance(value, str) else None


class InvalidRegion(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems = cap_per_file(problems)
        super().__init__(str(problems[0]))


def load_region(
    path: Path, criteria: Criteria, indicators: Mapping[str, Indicator], label: str
) -> Region:
    """Load and validate one region file; raise `InvalidRegion` with every problem found."""
    try:
        document = load_path(path, label)
    except LoadFailed as failed:
        raise InvalidRegion(failed.problems) from None
    return validate_region(document, criteria, indicators)


def validate_region(
    document: Document, criteria: Criteria, indicators: Mapping[str, Indicator]
) -> Region:
    if document.data.get("schema") == CRITERIA_SCHEMA:
        message = msg("criteria_not_region")
        raise InvalidRegion([document.problem(("schema",), message, "schema-version")])
    if document.data.get("schema") == REVIEW_SCHEMA:
        message = msg("review_not_region")
        raise InvalidRegion([document.problem(("schema",), message, "schema-version")])
    problems: list[Problem] = list(document.problems)
    envelope: RegionFile | None = None
    try:
        envelope = RegionFile.model_validate(document.data)
    except ValidationError as error:
        problems.extend(problems_from(error, document, RegionFile))
    data = document.data
    region = data.get("region")
    if isinstance(region, dict):
        region_id = region.get("id")
        if isinstance(region_id, str) and not _SLUG.match(region_id):
            message = msg("invalid_region_id", id=excerpt(region_id))
            problems.append(document.problem(("region", "id"), message, "invalid-id"))
        problems.extend(_placeholders(document, region))
    named = data.get("criteria")
    if isinstance(named, str) and named != criteria.id:
        message = msg("criteria_mismatch", named=excerpt(named), used=criteria.id)
        problems.append(document.problem(("criteria",), message, "criteria-mismatch"))
    answers = data.get("answers")
    answers = answers if isinstance(answers, dict) else {}
    problems.extend(check_answers(document, answers, indicators))
    problems.extend(check_keyed_texts(document, "evidence", indicators))
    if problems or envelope is None:
        raise InvalidRegion(problems)  # sorted, each once and capped by InvalidRegion
    return Region(document.file, envelope.region, answers, envelope.evidence or {}, document)


def _placeholders(document: Document, region: dict[Any, Any]) -> Iterator[Problem]:
    """The region details that `template` wrote and nobody filled in (in either language).

    An untouched id or name would rank a region called "Region name"; once either shows
    that the file is still the template, an empty `kind` is reported with them.
    """
    untouched = False
    for key, label in (("id", "template_region_id"), ("name", "template_region_name")):
        value = region.get(key)
        if isinstance(value, str) and value in {t(label, lang) for lang in LANGUAGES}:
            untouched = True
            message = msg("placeholder", key=key, value=value)
            yield document.problem(("region", key), message, "not-filled-in")
    if untouched and "kind" in region and region["kind"] in (None, ""):
        yield document.problem(("region", "kind"), msg("empty_kind"), "not-filled-in")


def check_keyed_texts(
    document: Document, key: str, indicators: Mapping[str, Indicator]
) -> Iterator[Problem]:
    """An unknown indicator among the keys of a mapping of texts (`evidence`, `notes`)."""
    texts = document.data.get(key)
    if not isinstance(texts, dict):
        return
    for name in texts:
        if name not in indicators:
            hint = suggest(str(name), indicators)
            message = msg("keyed_unknown_indicator", key=key, name=_shown(name), hint=hint)
            yield document.problem((key, name), message, "unknown-indicator", at_key=True)


def check_answers(
    document: Document,
    answers: dict[Any, Any],
    indicators: Mapping[str, Indicator],
    *,
    required: bool = True,
) -> Iterator[Problem]:
    """Every problem of `answers` (SPEC §2); a review (`required=False`) may leave any out."""
    accepts, needed = _compiled(indicators)
    for key, answer in answers.items():
        accept = accepts.get(key) if isinstance(key, str) else None
        if accept is not None and (answer is None or accept(answer)):
            continue  # the common case: a valid answer, nothing to explain
        path = ("answers", key)
        indicator = indicators.get(key) if isinstance(key, str) else None
        if indicator is None:
            hint = suggest(str(key), indicators)
            message = msg("unknown_indicator", name=_shown(key), hint=hint)
            yield document.problem(path, message, "unknown-indicator", at_key=True)
        elif answer is not None and isinstance(indicator, MultiIndicator):
            found, more, first = _multi_faults(indicator, answer, MAX_PER_FILE)
            for item, message in found:
                yield document.problem((*path, *item), message, "invalid-answer")
            if more:  # stands for the rest, as the per-file cap would have
                line, column = document.where((*path, first))
                yield too_many(document.file, line, column, more, more, severe=True)
        elif answer is not None:
            for item, message in answer_problems(indicator, answer):
                yield document.problem((*path, *item), message, "invalid-answer")
    for indicator_id in needed if required else ():
        if answers.get(indicator_id) is None:
            message = msg("required_answer", id=indicator_id)
            if indicator_id in answers:  # written as null: point at it
                yield document.problem(("answers", indicator_id), message, "required-answer")
            else:  # left out: point at the `answers` key (the file's start if there is none)
                yield document.problem(("answers",), message, "required-answer", at_key=True)


Accept = Callable[[Any], bool]
_COMPILED: dict[int, tuple[Mapping[str, Indicator], dict[str, Accept], tuple[str, ...]]] = {}


def _compiled(indicators: Mapping[str, Indicator]) -> tuple[dict[str, Accept], tuple[str, ...]]:
    """A quick test per indicator, true exactly when `answer_problems` finds nothing,
    and the required indicators; made once per criteria."""
    known = _COMPILED.get(id(indicators))
    if known is None or known[0] is not indicators:
        accepts = {key: _accept(indicator) for key, indicator in indicators.items()}
        required = tuple(key for key, indicator in indicators.items() if indicator.required)
        known = _COMPILED[id(indicators)] = (indicators, accepts, required)
    return known[1], known[2]


def _accept(indicator: Indicator) -> Accept:
    if isinstance(indicator, BooleanIndicator):
        return lambda answer: isinstance(answer, bool)
    if isinstance(indicator, ChoiceIndicator):
        ids = frozenset(option.id for option in indicator.options)
        return lambda answer: isinstance(answer, str) and answer in ids
    if isinstance(indicator, MultiIndicator):
        options = frozenset(option.id for option in indicator.options)
        return lambda answer: (
            isinstance(answer, list)
            and all(isinstance(item, str) for item in answer)
            and options.issuperset(answer)
            and len(set(answer)) == len(answer)
        )
    if isinstance(indicator, ScaleIndicator):
        low, high = indicator.min, indicator.max
        return lambda answer: (
            isinstance(answer, int) and not isinstance(answer, bool) and low <= answer <= high
        )
    # Without a bound, the float64 range is the bound: it refuses NaN, infinities and
    # integers too large to score (`float()` of a 400-digit int raises).
    low_end = -FLOAT_MAX if indicator.min is None else indicator.min
    high_end = FLOAT_MAX if indicator.max is None else indicator.max
    return lambda answer: (
        isinstance(answer, int | float)
        and not isinstance(answer, bool)
        and low_end <= answer <= high_end  # exact for ints of any size, false for NaN
    )


def answer_problems(indicator: Indicator, answer: Any) -> list[tuple[tuple[int, ...], Message]]:
    """Why `answer` is not a valid answer to `indicator` (empty when it is), each with the
    index path of the offending item inside the answer (`()` for the answer itself)."""
    if isinstance(indicator, MultiIndicator):
        return _multi_problems(indicator, answer)
    return [((), message) for message in _value_problems(indicator, answer)]


def _value_problems(
    indicator: BooleanIndicator | ChoiceIndicator | ScaleIndicator | NumberIndicator, answer: Any
) -> list[Message]:
    name = indicator.id
    if isinstance(indicator, BooleanIndicator):
        if not isinstance(answer, bool):
            return [msg("answer_bool", name=name, found=describe(answer))]
        return []
    if isinstance(indicator, ChoiceIndicator):
        ids = [option.id for option in indicator.options]
        listed = ", ".join(ids)
        if not isinstance(answer, str):
            return [msg("answer_choice", name=name, ids=listed, found=describe(answer))]
        if answer not in ids:
            hint = suggest(answer, ids)
            return [msg("no_option", name=name, option=excerpt(answer), hint=hint, ids=listed)]
        return []
    if isinstance(indicator, ScaleIndicator):
        low, high = indicator.min, indicator.max
        if isinstance(answer, str) and huge_digits(answer):  # too long for YAML to read
            return [msg("scale_range", name=name, low=low, high=high, found=worded_number(answer))]
        if isinstance(answer, bool) or not isinstance(answer, int):
            return [msg("scale_whole", name=name, low=low, high=high, found=describe(answer))]
        if not low <= answer <= high:
            return [msg("scale_range", name=name, low=low, high=high, found=worded_number(answer))]
        return []
    return _number_problems(indicator, answer)


def _multi_problems(
    indicator: MultiIndicator, answer: Any
) -> list[tuple[tuple[int, ...], Message]]:
    return _multi_faults(indicator, answer)[0]


def _multi_faults(
    indicator: MultiIndicator, answer: Any, limit: int | None = None
) -> tuple[list[tuple[tuple[int, ...], Message]], int, int]:
    """The problems of a `multi` answer; past `limit` of them, only counted (a file shows
    at most `MAX_PER_FILE` problems anyway): (problems, how many more, index of the first)."""
    name = indicator.id
    ids = [option.id for option in indicator.options]
    listed = ", ".join(ids)
    if not isinstance(answer, list):
        message = msg("multi_list", name=name, ids=listed, found=describe(answer))
        return [((), message)], 0, 0
    problems: list[tuple[tuple[int, ...], Message]] = []
    seen: set[str] = set()
    for index, item in enumerate(answer):
        if limit is not None and len(problems) >= limit:
            return problems, *_count_faults(answer, index, frozenset(ids), seen)
        if not isinstance(item, str):
            problems.append(((index,), msg("multi_item", name=name, found=describe(item))))
        elif item not in ids:
            hint = suggest(item, ids)
            shown = excerpt(item)
            message = msg("multi_no_option", name=name, option=shown, hint=hint, ids=listed)
            problems.append(((index,), message))
        elif item in seen:
            problems.append(((index,), msg("multi_twice", name=name, option=excerpt(item))))
        else:
            seen.add(item)
    return problems, 0, 0


def _count_faults(
    answer: list[Any], start: int, ids: frozenset[str], seen: set[str]
) -> tuple[int, int]:
    """How many items of `answer` from `start` on are faults, and the index of the first."""
    count, first = 0, 0
    for index in range(start, len(answer)):
        item = answer[index]
        if isinstance(item, str) and item in ids and item not in seen:
            seen.add(item)
            continue
        if not count:
            first = index
        count += 1
    return count, first


def _number_problems(indicator: NumberIndicator, answer: Any) -> list[Message]:
    name = indicator.id
    if isinstance(answer, str):
        if huge_digits(answer):  # too many digits for YAML to read as an int: text
            return [msg("number_too_large", number=worded_number(answer), name=name)]
        why = misread_number(answer)
        if why is not None:
            return [msg("number_misread", name=name, found=describe(answer), why=why)]
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return [msg("number_type", name=name, found=describe(answer))]
    if isinstance(answer, float) and not math.isfinite(answer):
        shown = ".nan" if math.isnan(answer) else ("-.inf" if answer < 0 else ".inf")
        return [msg("number_finite", name=name, found=shown)]
    if not fits_float(answer):  # an int beyond float64 (finite floats always fit)
        return [msg("number_too_large", number=worded_number(int(answer)), name=name)]
    if indicator.min is not None and answer < indicator.min:
        low = _plain(indicator.min)
        return [msg("number_at_least", name=name, low=low, found=_plain(answer))]
    if indicator.max is not None and answer > indicator.max:
        high = _plain(indicator.max)
        return [msg("number_at_most", name=name, high=high, found=_plain(answer))]
    return []


def _plain(number: int | float) -> str:
    """A number as a person writes it: 5 rather than 5.0 (an int's digits shortened if many)."""
    if isinstance(number, int):
        return shown_number(number)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _shown(key: Any) -> str:
    """A mapping key as YAML spells it: `null` and `true`, not Python's `None` and `True`."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return shown_number(key) if isinstance(key, int) else excerpt(key)

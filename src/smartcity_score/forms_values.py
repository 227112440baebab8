"""One cell of a form export read as an answer (SPEC §7 "Values").

Each reader takes a cell as the file holds it (`form_files.Cell`) and returns the answer
a region file would hold, `None` for an empty cell, or raises `BadCell` saying why the
cell is not a valid answer. Option ids are matched case-insensitively, and so are their
labels in every language of the criteria (Google and Microsoft Forms write labels).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from smartcity_score.escape import excerpt
from smartcity_score.form_files import Cell, Unreadable
from smartcity_score.i18n import LANGUAGES, t
from smartcity_score.messages import Message, msg
from smartcity_score.models import (
    BooleanIndicator,
    ChoiceIndicator,
    Indicator,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
    Text,
    huge_digits,
    shown_number,
)
from smartcity_score.regions import answer_problems
from smartcity_score.validation import suggest
from smartcity_score.xlsform import NONE_OF_THESE

# A number as a spreadsheet writes one: a decimal point and Excel's exponent (`1.5E+3`),
# or a decimal comma when there is no point. No thousands separators: `1.234` is 1.234.
_POINT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
_WHOLE = re.compile(r"[-+]?[0-9]+")
_YES = frozenset(
    {"yes", "ya", "true", "1", *(t("form_yes", code).casefold() for code in LANGUAGES)}
)
_NO = frozenset(
    {"no", "tidak", "false", "0", *(t("form_no", code).casefold() for code in LANGUAGES)}
)
# Google Forms' timestamp; every other tool writes ISO 8601.
_GOOGLE_TIME = "%m/%d/%Y %H:%M:%S"


class BadCell(Exception):
    """A cell that is no valid answer; `reason` says why, without the column. Raised only
    for a bad cell, so a good one never costs a `Message`."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return str(self.reason)


def folded(value: str) -> str:
    """A text as it is compared: spaces collapsed (non-breaking ones too), case folded."""
    return " ".join(value.split()).casefold()


def cell_text(cell: Cell) -> str | None:
    """A cell as text (`None` when empty); a spreadsheet's `13.0` is `13`."""
    if type(cell) is str:  # nearly every cell: CSV holds nothing else
        return cell.strip() or None
    if isinstance(cell, Unreadable):
        raise BadCell(cell.reason)
    if cell is None:
        return None
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return _number_text(cell)
    if isinstance(cell, datetime | date | time):
        return cell.isoformat()
    value = str(cell).strip()
    return value or None


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _labels(value: Text | None) -> Iterable[str]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value.values()


_NAMES: dict[int, tuple[ChoiceIndicator | MultiIndicator, dict[str, str]]] = {}


def option_names(indicator: ChoiceIndicator | MultiIndicator) -> dict[str, str]:
    """Every way a cell may name an option (its id, its labels), folded → the option id;
    made once per indicator, as it is asked for every cell."""
    known = _NAMES.get(id(indicator))
    if known is None or known[0] is not indicator:
        known = _NAMES[id(indicator)] = (indicator, _option_names(indicator))
    return known[1]


def _option_names(indicator: ChoiceIndicator | MultiIndicator) -> dict[str, str]:
    names: dict[str, str] = {}
    for option in indicator.options:
        for label in _labels(option.label):
            names.setdefault(folded(label), option.id)
    for option in indicator.options:
        names[folded(option.id)] = option.id  # an id wins over another option's label
    return names


def read_answer(indicator: Indicator, cell: Cell) -> Any:
    """The answer a cell gives to `indicator`, `None` if empty; `BadCell` if invalid."""
    if cell is None or cell == "":  # most cells of a wide export: nothing to read
        return None
    # A yes or no, or one option's id, is a valid answer by construction: not checked.
    if isinstance(indicator, BooleanIndicator):
        return _boolean(cell)
    if isinstance(indicator, ChoiceIndicator):
        return _choice(indicator, cell)
    value: Any
    if isinstance(indicator, MultiIndicator):
        value = read_multi(indicator, cell)
    elif isinstance(indicator, ScaleIndicator):
        value = _scale(indicator, cell)
    else:
        value = _number(indicator, cell)
    if value is not None:
        found = answer_problems(indicator, value)
        if found:
            raise BadCell(found[0][1])
    return value


def _boolean(cell: Cell) -> bool | None:
    if isinstance(cell, bool):
        return cell
    value = cell_text(cell)
    if value is None:
        return None
    if folded(value) in _YES:
        return True
    if folded(value) in _NO:
        return False
    raise BadCell(msg("form_not_yes_no", value=excerpt(value)))


def _choice(indicator: ChoiceIndicator, cell: Cell) -> str | None:
    value = cell_text(cell)
    if value is None:
        return None
    found = option_names(indicator).get(folded(value))
    if found is None:
        raise BadCell(_unknown(indicator, value))
    return found


def _unknown(indicator: ChoiceIndicator | MultiIndicator, value: str) -> Message:
    ids = [option.id for option in indicator.options]
    hint = suggest(value, ids)
    return msg("no_option", name=indicator.id, option=excerpt(value), hint=hint, ids=", ".join(ids))


def read_multi(indicator: MultiIndicator, cell: Cell) -> list[str] | None:
    """Space-separated option names, or (Google's checkboxes) labels joined by `, ` or
    `;`, split by matching known labels longest first, never by a blind split."""
    value = cell_text(cell)
    if value is None:
        return None
    names = option_names(indicator)
    tokens = value.split()
    if all(folded(token) in names or token == NONE_OF_THESE for token in tokens):
        picked = [
            NONE_OF_THESE if token == NONE_OF_THESE else names[folded(token)] for token in tokens
        ]
    else:
        picked = _split_labels(indicator, value, names)
    return none_alone(indicator, picked)


def none_alone(indicator: MultiIndicator, picked: list[str]) -> list[str]:
    """`_none` alone is the empty answer; beside another option it is a contradiction."""
    if NONE_OF_THESE not in picked:
        return picked
    if len(picked) > 1:
        raise BadCell(msg("form_none_beside", name=indicator.id, none=NONE_OF_THESE))
    return []


def _split_labels(indicator: MultiIndicator, value: str, names: dict[str, str]) -> list[str]:
    none = {folded(t("form_none", code)): NONE_OF_THESE for code in LANGUAGES}
    known = sorted({**none, **names}.items(), key=lambda item: -len(item[0]))
    rest = folded(value)
    picked: list[str] = []
    while rest:
        for label, option in known:
            after = rest[len(label) :]
            if rest.startswith(label) and (not after or after[0] in ",;"):
                picked.append(option)
                rest = after.lstrip(",; ")
                break
        else:
            raise BadCell(_unknown(indicator, re.split(r"[,;]", rest)[0].strip()))
    return picked


def _parsed_number(cell: Cell, name: str) -> int | float | None:
    """A number from a cell: a spreadsheet's own number, or text that spells one."""
    if isinstance(cell, bool):
        raise BadCell(msg("number_type", name=name, found=str(cell).upper()))
    if isinstance(cell, int | float):
        return cell
    if isinstance(cell, datetime | date | time):
        found = msg("form_the_date", date=cell.isoformat())
        raise BadCell(msg("number_type", name=name, found=found))
    value = cell_text(cell)
    if value is None:
        return None
    if huge_digits(value):
        raise BadCell(msg("number_too_large", number=shown_number(value), name=name))
    if _WHOLE.fullmatch(value):
        return int(value)
    if _COMMA.fullmatch(value):
        value = value.replace(",", ".")
    if not _POINT.fullmatch(value):
        raise BadCell(msg("number_type", name=name, found=f"'{excerpt(value)}'"))
    number = float(value)
    if not math.isfinite(number):
        raise BadCell(msg("number_too_large", number=f"'{excerpt(value)}'", name=name))
    return number


def _scale(indicator: ScaleIndicator, cell: Cell) -> int | None:
    """A level as a number, or (Google, Microsoft Forms) as its label."""
    value = cell_text(cell) if isinstance(cell, str) else None
    if value is not None and not _POINT.fullmatch(value) and not _COMMA.fullmatch(value):
        labels = {
            folded(label): level
            for level, text in (indicator.labels or {}).items()
            for label in _labels(text)
        }
        if folded(value) in labels:
            return labels[folded(value)]
        low, high = indicator.min, indicator.max
        expected = msg("form_scale_or_label" if labels else "form_scale_number", low=low, high=high)
        found = f"'{excerpt(value)}'"
        raise BadCell(msg("must_be", name=indicator.id, expected=expected, found=found, hint=""))
    number = _parsed_number(cell, indicator.id)
    if isinstance(number, float):
        if not number.is_integer():
            low, high = indicator.min, indicator.max
            raise BadCell(
                msg("scale_whole", name=indicator.id, low=low, high=high, found=repr(number))
            )
        return int(number)
    return number


def _number(indicator: NumberIndicator, cell: Cell) -> int | float | None:
    return _parsed_number(cell, indicator.id)


def read_time(cell: Cell) -> datetime | None:
    """A submission time: a spreadsheet's date, ISO 8601 or Google's `M/D/YYYY H:MM:SS`;
    UTC when it names no zone."""
    if isinstance(cell, datetime):
        found = cell
    else:
        value = cell_text(cell)
        if value is None:
            return None
        try:
            found = datetime.fromisoformat(value)
        except ValueError:
            try:
                found = datetime.strptime(value, _GOOGLE_TIME)
            except ValueError:
                raise BadCell(msg("form_not_time", value=excerpt(value))) from None
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)

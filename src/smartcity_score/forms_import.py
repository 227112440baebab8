"""Form exports turned into region files (SPEC §7, `import`): rows in, submissions out.

Pure: a table's header and rows (from `form_files`) and the criteria in; submissions
(region details, answers, evidence) with their problems, and skipped rows, out. Headers
are matched with the names `xlsform` gives the questions, so export and import agree by
construction. Every problem is at `file:row:column`, its message naming the header.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from smartcity_score.escape import excerpt
from smartcity_score.form_files import BrokenRow, Cell, Table
from smartcity_score.forms_values import (
    BadCell,
    cell_text,
    folded,
    none_alone,
    read_answer,
    read_time,
)
from smartcity_score.i18n import LANGUAGES, t
from smartcity_score.messages import Message, msg
from smartcity_score.models import SLUG_PATTERN, Criteria, Indicator, MultiIndicator
from smartcity_score.problems import Problem, Severity
from smartcity_score.xlsform import (
    EVIDENCE_SUFFIX,
    NONE_OF_THESE,
    REGION_QUESTIONS,
    TAG_PREFIX,
    evidence_name,
    group_paths,
    id_from_name,
    quota_tag_keys,
    tag_question,
    xlsform_name,
)

SEPARATORS = ("/", "-")
TIME_HEADERS = ("_submission_time", "SubmissionDate", "Timestamp", "Completion time")
ID_HEADERS = ("_uuid", "meta/instanceID", "meta-instanceID", "instanceID", "KEY", "_id")
REVIEW_STATE, VALIDATION_STATUS = "ReviewState", "_validation_status"
_NOT_APPROVED = frozenset({"validation_status_not_approved", "not approved"})
_SLUG = re.compile(SLUG_PATTERN)
_LABELS = {"id": "form_region_id", "name": "template_region_name", "kind": "form_region_kind",
           "province": "province", "code": "form_region_code"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Target:
    """What a column holds: a region detail, a tag, an answer, its evidence, or one
    option of a `select_multiple` (`option`)."""

    kind: str  # "region", "tag", "answer", "evidence" or "option"
    key: str
    option: str = ""

    def wording(self) -> Message:
        """The column's question as a header problem names it."""
        if self.kind == "option":
            return msg("form_target_option", option=self.option, key=self.key)
        if self.kind == "evidence":
            return msg("form_target_evidence", key=self.key)
        if self.kind == "tag":
            return msg("form_target_question", name=tag_question(self.key))
        if self.kind == "region":
            return msg("form_target_question", name=_region_name(self.key))
        return msg("form_target_question", name=self.key)


def _region_name(field_name: str) -> str:
    return next(name for name, key in REGION_QUESTIONS if key == field_name)


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based position in the row
    header: str
    target: Target


@dataclass(slots=True)
class Submission:
    """One row of an export: what it says, or why it cannot become a region file."""

    file: str
    row: int
    region: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    submitted: datetime | None = None
    uuid: str | None = None
    id_column: int = 1  # 1-based column of region_id: where a repeated id is reported


@dataclass(frozen=True, slots=True)
class Skipped:
    file: str
    row: int
    reason: str | Message

    def say(self, lang: str | None = None) -> str:
        """Why the row was skipped, in `lang` (English for anything but `id`)."""
        return self.reason.render(lang) if isinstance(self.reason, Message) else self.reason

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "reason": self.say(lang)}


class Questions:
    """The headers a form's export may carry for each question of the criteria."""

    def __init__(
        self, criteria: Criteria, indicators: Mapping[str, Indicator], separator: str | None = None
    ) -> None:
        self.indicators = indicators
        self.separators = (
            *SEPARATORS,
            *([separator] if separator and separator not in SEPARATORS else []),
        )
        self.by_name: dict[str, list[Target]] = {}
        self.by_label: dict[str, list[Target]] = {}
        for name, key in REGION_QUESTIONS:
            self._name(name, Target("region", key))
            for code in LANGUAGES:
                self._label(t(_LABELS[key], code), Target("region", key))
        for key in quota_tag_keys(criteria):
            self._name(tag_question(key), Target("tag", key))
            for code in LANGUAGES:
                self._label(t("form_region_tag", code, key=key), Target("tag", key))
        paths = group_paths(criteria)
        for indicator_id, indicator in indicators.items():
            self._indicator(indicator, paths.get(indicator_id, ()))

    def _name(self, header: str, target: Target) -> None:
        found = self.by_name.setdefault(header, [])
        if target not in found:
            found.append(target)

    def _label(self, label: str, target: Target) -> None:
        found = self.by_label.setdefault(folded(label), [])
        if target not in found:
            found.append(target)

    def _spellings(self, groups: tuple[str, ...], name: str, plain: str) -> Iterator[str]:
        """A question's headers: bare, and behind its group path by each separator, each
        with the names `xlsform` writes and with the ids they were made from."""
        for segments in ((*groups, name), (*(id_from_name(g) for g in groups), plain)):
            yield segments[-1]
            for separator in self.separators:
                yield separator.join(segments)

    def _indicator(self, indicator: Indicator, groups: tuple[str, ...]) -> None:
        answer = Target("answer", indicator.id)
        headers = list(
            dict.fromkeys(self._spellings(groups, xlsform_name(indicator.id), indicator.id))
        )
        for header in headers:
            self._name(header, answer)
        plain_evidence = indicator.id + EVIDENCE_SUFFIX
        for header in self._spellings(groups, evidence_name(indicator.id), plain_evidence):
            self._name(header, Target("evidence", indicator.id))
        for label in _texts(indicator.question):
            self._label(label, answer)
        if isinstance(indicator, MultiIndicator):
            options = [*(o.id for o in indicator.options), NONE_OF_THESE]
            for header in headers:
                for option in options:
                    for separator in self.separators:
                        self._name(
                            f"{header}{separator}{option}", Target("option", indicator.id, option)
                        )

    def match(self, header: str) -> list[Target]:
        """The questions a header names: by name, else by label (Google, Microsoft Forms)."""
        return self.by_name.get(header) or self.by_label.get(folded(header)) or []


def _texts(value: str | dict[str, str]) -> Iterable[str]:
    return (value,) if isinstance(value, str) else value.values()


@dataclass
class Layout:
    """Which column of a table holds what; `problems` are the header's own."""

    columns: list[Column] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, int] = field(default_factory=dict)  # time / id / status header → index
    _plan: _Plan | None = field(default=None, init=False, repr=False, compare=False)

    def plan(self, questions: Questions) -> _Plan:
        """What every row of the table needs to know of its columns, worked out once."""
        if self._plan is None:
            self._plan = _Plan(self, questions)
        return self._plan


class _Plan:
    """The answer columns with their indicators, the other columns, and where each
    required answer is reported when it is missing: the same for every row."""

    def __init__(self, shape: Layout, questions: Questions) -> None:
        self.answers = [
            (c, questions.indicators[c.target.key])
            for c in shape.columns
            if c.target.kind == "answer"
        ]
        self.others = [c for c in shape.columns if c.target.kind != "answer"]
        self.whole = {c.target.key for c, _ in self.answers}
        where = {(c.target.kind, c.target.key): c.index + 1 for c in shape.columns}
        self.region = [(key, where.get(("region", key), 1)) for key in ("id", "name")]
        self.required = [
            (
                key,
                where.get(("answer", key))
                or min((c.index + 1 for c in shape.columns if c.target.key == key), default=1),
            )
            for key, indicator in questions.indicators.items()
            if indicator.required
        ]
        self.first_option = {
            c.target.key: c.index for c in reversed(shape.columns) if c.target.kind == "option"
        }


def layout(questions: Questions, header: list[str], label: str) -> Layout:
    """Match every header to its question; one header for two questions, or two
    columns for one question, is a problem of the header row."""
    found = Layout()
    seen: dict[Target, int] = {}
    for index, name in enumerate(header):
        targets = questions.match(name) if name else []
        if not targets and name.startswith(TAG_PREFIX) and len(name) > len(TAG_PREFIX):
            targets = [Target("tag", name[len(TAG_PREFIX) :])]  # a tag no quota uses, kept
        if not targets:
            if name in (*TIME_HEADERS, *ID_HEADERS, REVIEW_STATE, VALIDATION_STATUS):
                found.meta.setdefault(name, index)
            continue
        if len(targets) > 1:
            both = functools.reduce(
                lambda first, then: msg("form_and", first=first, then=then),
                [target.wording() for target in targets],
            )
            message = msg("form_ambiguous_header", header=excerpt(name), both=both)
            found.problems.append(Problem.of(label, 1, index + 1, message, "ambiguous-header"))
            continue
        target = targets[0]
        if target in seen:
            message = msg(
                "form_repeated_header",
                header=excerpt(name),
                target=target.wording(),
                column=seen[target] + 1,
            )
            found.problems.append(Problem.of(label, 1, index + 1, message, "repeated-header"))
            continue
        seen[target] = index
        found.columns.append(Column(index, name, target))
    if Target("region", "id") not in seen:
        message = msg("form_no_region_column")
        found.problems.append(Problem.of(label, 1, 1, message, "missing-column"))
    found.problems.extend(_unasked(questions, seen, label))
    return found


def _unasked(questions: Questions, seen: Mapping[Target, int], label: str) -> Iterator[Problem]:
    """A warning naming the indicators no column answers: an export of another form, or
    of an older version of this one, would otherwise quietly leave them unanswered."""
    asked = {target.key for target in seen if target.kind in ("answer", "option")}
    missing = [key for key in questions.indicators if key not in asked]
    if not missing:
        return
    more = msg("and_more", count=len(missing) - 5) if len(missing) > 5 else ""
    message = msg(
        "form_unanswered_columns", count=len(missing), named=", ".join(missing[:5]), more=more
    )
    yield Problem.of(label, 1, 1, message, "unanswered-column", Severity.WARNING)


def is_hxl(cells: list[Cell]) -> bool:
    """A row of HXL hashtags (`#adm1+name`), which Kobo may write under the header."""
    texts = [cell for cell in cells if isinstance(cell, str) and cell.strip()]
    return bool(texts) and all(cell.strip().startswith("#") for cell in texts)


def submissions(
    table: Table, questions: Questions, shape: Layout
) -> Iterator[Submission | Skipped]:
    """The table's rows, one at a time: a submission each, or why it was skipped.
    Empty rows and a row of HXL tags right under the header are no submissions."""
    for number, cells in table.rows:
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        if number == 2 and is_hxl(cells):
            continue
        if cells and isinstance(cells[0], BrokenRow):
            problem = Problem.of(table.label, number, 1, cells[0].reason, "unreadable")
            yield Submission(table.label, number, problems=[problem])
            continue
        reason = _rejected(cells, shape)
        if reason is not None:
            yield Skipped(table.label, number, reason)
            continue
        yield read_row(table.label, number, cells, questions, shape)


def _at(cells: list[Cell], index: int | None) -> Cell:
    return cells[index] if index is not None and index < len(cells) else None


def _rejected(cells: list[Cell], shape: Layout) -> Message | None:
    state = cell_text_or_none(_at(cells, shape.meta.get(REVIEW_STATE)))
    if state is not None and state.casefold() == "rejected":
        return msg("form_skipped_state", column=REVIEW_STATE, value=excerpt(state))
    status = cell_text_or_none(_at(cells, shape.meta.get(VALIDATION_STATUS)))
    if status is not None and status.casefold() in _NOT_APPROVED:
        return msg("form_skipped_state", column=VALIDATION_STATUS, value=excerpt(status))
    return None


def cell_text_or_none(cell: Cell) -> str | None:
    """A meta cell as text, or None when it is empty or unreadable."""
    try:
        return cell_text(cell)
    except BadCell:
        return None


def read_row(
    label: str, number: int, cells: list[Cell], questions: Questions, shape: Layout
) -> Submission:
    """One row as a submission: every cell read, every bad one a problem at its column."""
    found = Submission(label, number)
    plan = shape.plan(questions)
    answers, width = found.answers, len(cells)
    for column, indicator in plan.answers:
        try:
            value = read_answer(indicator, cells[column.index] if column.index < width else None)
        except BadCell as bad:
            _bad_cell(found, column, bad)
            continue
        if value is not None:
            answers[column.target.key] = value
    options: dict[str, dict[str, bool]] = {}
    for column in plan.others:
        try:
            _read_cell(found, column, _at(cells, column.index), options)
        except BadCell as bad:
            _bad_cell(found, column, bad)
    if found.problems:  # as the columns stand in the row
        found.problems.sort(key=lambda problem: problem.column)
    _option_columns(found, plan, options, questions)
    _required(found, plan)
    _meta(found, cells, shape)
    return found


def _bad_cell(found: Submission, column: Column, bad: BadCell) -> None:
    message = msg("form_column", header=excerpt(column.header), reason=bad.reason)
    found.problems.append(
        Problem.of(found.file, found.row, column.index + 1, message, "invalid-cell")
    )


def _read_cell(
    found: Submission, column: Column, cell: Cell, options: dict[str, dict[str, bool]]
) -> None:
    """A cell of any column but an answer's (those are `read_row`'s own loop)."""
    target = column.target
    if target.kind == "option":
        ticked = _ticked(cell)
        options.setdefault(target.key, {})[target.option] = ticked
        return
    value_text = cell_text(cell)
    if value_text is None:
        return
    if target.kind == "evidence":
        found.evidence[target.key] = value_text
    elif target.kind == "tag":
        found.region.setdefault("tags", {})[target.key] = value_text
    else:
        if target.key == "id":
            found.id_column = column.index + 1
            if not _SLUG.match(value_text):
                raise BadCell(msg("invalid_region_id", id=excerpt(value_text)))
        found.region[target.key] = value_text


def _ticked(cell: Cell) -> bool:
    """A per-option column: `1`/`0`, `True`/`False`; empty is not ticked."""
    if isinstance(cell, bool):
        return cell
    value = cell_text(cell)
    if value is None or value.casefold() in ("0", "false"):
        return False
    if value.casefold() in ("1", "true"):
        return True
    raise BadCell(msg("form_not_ticked", value=excerpt(value)))


def _option_columns(
    found: Submission, plan: _Plan, options: dict[str, dict[str, bool]], questions: Questions
) -> None:
    """Per-option columns decide only where the space-separated column is absent: ODK
    Central writes 0 in them for an unanswered question too."""
    for key, ticks in options.items():
        if key in plan.whole or not any(ticks.values()):
            continue
        indicator = questions.indicators[key]
        assert isinstance(indicator, MultiIndicator)
        picked = [o.id for o in indicator.options if ticks.get(o.id)] + (
            [NONE_OF_THESE] if ticks.get(NONE_OF_THESE) else []
        )
        column = plan.first_option[key]
        try:
            found.answers[key] = none_alone(indicator, picked)
        except BadCell as bad:
            message = msg("form_option_columns", key=key, reason=bad.reason)
            found.problems.append(
                Problem.of(found.file, found.row, column + 1, message, "invalid-cell")
            )


def _required(found: Submission, plan: _Plan) -> None:
    """A required question left empty is a problem at its column (or the row's start)."""
    bad = {p.column for p in found.problems}
    for key, column in plan.region:
        if key not in found.region and column not in bad:
            empty = "form_region_id_empty" if key == "id" else "form_region_name_empty"
            message = msg(empty, question=_region_name(key))
            found.problems.append(
                Problem.of(found.file, found.row, column, message, "required-answer")
            )
    for key, column in plan.required:
        if key not in found.answers and column not in bad:
            message = msg("required_answer", id=key)
            found.problems.append(
                Problem.of(found.file, found.row, column, message, "required-answer")
            )


def _meta(found: Submission, cells: list[Cell], shape: Layout) -> None:
    for name in TIME_HEADERS:
        index = shape.meta.get(name)
        if index is None:
            continue
        try:
            found.submitted = read_time(_at(cells, index))
        except BadCell as bad:
            message = msg("form_column", header=name, reason=bad.reason)
            found.problems.append(
                Problem.of(found.file, found.row, index + 1, message, "invalid-cell")
            )
        break
    for name in ID_HEADERS:
        value = cell_text_or_none(_at(cells, shape.meta.get(name)))
        if value is not None:
            found.uuid = value
            break

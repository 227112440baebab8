"""One type for every problem the tool reports, from the YAML loader to `check`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import groupby
from operator import attrgetter, itemgetter

from smartcity_score.messages import Message, msg

# A file is reported with at most this many problems, then one line for the rest: a file
# written to be hostile (400,000 unknown options) must not flood the report or the memory.
MAX_PER_FILE = 100
TOO_MANY = "too-many-problems"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A problem found in one input file, at a 1-based line and column.

    Ordering is by file, then position, so reports are stable whatever order
    the checks ran in.
    """

    file: str
    line: int
    column: int
    message: str
    rule: str
    severity: Severity = Severity.ERROR
    # Only on the summary line of a capped file (rule `too-many-problems`): how many
    # problems it stands for, and how many the file has in all.
    omitted: int = field(default=0, compare=False)
    total: int = field(default=0, compare=False)
    # What `message` was worded from, to word it again in another language (`say`); None
    # for the problems not in the catalogue yet, which are English in every language.
    wording: Message | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        file: str,
        line: int,
        column: int,
        message: str | Message,
        rule: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """A problem worded from `message`: its English wording now, any other when printed."""
        if isinstance(message, str):
            return cls(file, line, column, message, rule, severity)
        return cls(file, line, column, str(message), rule, severity, wording=message)

    def say(self, lang: str | None) -> str:
        """The message in `lang` (`--lang`): Indonesian for `id`, else English."""
        if lang == "id" and self.wording is not None:
            return self.wording.render(lang)
        return self.message

    def as_dict(self, *, with_rule: bool = True, lang: str | None = None) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.say(lang),
        }
        if with_rule:
            data["rule"] = self.rule
        if self.omitted:
            data["omitted"] = self.omitted
            data["total"] = self.total
        return data

    def __str__(self) -> str:
        return self.line_in(None)

    def line_in(self, lang: str | None) -> str:
        """`file:line:column: severity message [rule]`, the message in `lang`."""
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} {self.say(lang)} [{self.rule}]"
        )


# Severity is left out: an Enum hashes in Python, and one message at one place under one rule
# is one problem.
_KEY = attrgetter("file", "line", "column", "message", "rule")
ProblemKey = tuple[str, int, int, str, str]


def position(problem: Problem) -> ProblemKey:
    """The order of problems as a sort key: `sorted(problems, key=position)` compares
    tuples in C, ten times faster than the dataclass's `__lt__` on 400,000 problems."""
    key: ProblemKey = _KEY(problem)
    return key


def cap_per_file(problems: Iterable[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """`problems` sorted, each repeated one once, and at most `limit` per file: the rest
    of a file become one problem at the first of them, `… and N more problems in this file`.

    Every list of one file's problems passes through here (`LoadFailed`, `InvalidRegion`,
    `InvalidCriteria`, `check`), so every command and format shows the same cap. Capping a
    capped list again changes nothing: a summary line counts for the problems it stands for.
    """
    # Keys, not the dataclass's Python-level `__hash__` and `__lt__`: all in C.
    unique: dict[ProblemKey, Problem] = {_KEY(p): p for p in problems}
    kept: list[Problem] = []
    for file, group in groupby(sorted(unique), key=itemgetter(0)):
        keys = list(group)
        listed = [k for k in keys if k[4] != TOO_MANY]
        summaries = [unique[k] for k in keys if k[4] == TOO_MANY]
        if not summaries and len(listed) <= limit:
            kept.extend(unique[k] for k in listed)
            continue
        rest = listed[limit:]
        omitted = len(rest) + sum(p.omitted for p in summaries)
        first = min([*rest[:1], *map(position, summaries)])
        severe = any(unique[k].severity == Severity.ERROR for k in rest) or any(
            p.severity == Severity.ERROR for p in summaries
        )
        kept.extend(unique[k] for k in listed[:limit])
        kept.append(
            too_many(file, first[1], first[2], omitted, len(listed[:limit]) + omitted, severe)
        )
    return kept


def worded(problems: Iterable[Problem], lang: str | None) -> list[Problem]:
    """`problems` with their messages in `lang`, for a renderer that prints `message` as it is
    (a template)."""
    return [replace(p, message=p.say(lang)) for p in problems]


def too_many(file: str, line: int, column: int, omitted: int, total: int, severe: bool) -> Problem:
    """The summary problem that stands for `omitted` problems of a file past the cap."""
    message = msg("too_many", omitted=omitted)
    severity = Severity.ERROR if severe else Severity.WARNING
    return Problem(
        file, line, column, str(message), TOO_MANY, severity, omitted, total, wording=message
    )


class _Suggestions:
    """How many "did you mean" suggestions the file being read may still get.

    A suggestion costs a fuzzy match against every known name (difflib), far more than the
    problem it adorns; past the cap, a problem is not shown, so it gets none. A process reads
    and validates one file at a time, and reading a file (`loader.parse`) starts its budget,
    so which problems get one does not depend on the order of files or on the workers.
    """

    left = MAX_PER_FILE

    def start_file(self) -> None:
        self.left = MAX_PER_FILE

    def take(self) -> bool:
        """True, and one less left, when the current file may have one more suggestion."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


SUGGESTIONS = _Suggestions()


class SmartcityError(Exception):
    """Base of every error the tool raises on purpose; the CLI prints it in one line."""


class InvalidCriteria(SmartcityError):
    """The criteria file could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems = cap_per_file(problems)
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid criteria")


class InvalidInput(SmartcityError):
    """An input file the command needs whole is invalid (exit 1); `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems = cap_per_file(problems)
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid input")


class UsageError(SmartcityError):
    """The command cannot run as asked (missing file, unknown criteria set, ...)."""

"""One type for every problem the tool reports, from the YAML loader to `check`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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

    def as_dict(self, *, with_rule: bool = True) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if with_rule:
            data["rule"] = self.rule
        return data

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} {self.message} [{self.rule}]"
        )


class SmartcityError(Exception):
    """Base of every error the tool raises on purpose; the CLI prints it in one line."""


class InvalidCriteria(SmartcityError):
    """The criteria file could not be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid criteria")


class UsageError(SmartcityError):
    """The command cannot run as asked (missing file, unknown criteria set, ...)."""

"""Plain `file:line:col: severity message [rule]` lines, like a compiler or yamllint."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.escape import visible
from smartcity_score.render import Options
from smartcity_score.report import ProblemReport

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
_RESET = "\x1b[0m"


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    for p in report.problems:
        severity = str(p.severity)
        if options.color:
            severity = f"{_COLORS[severity]}{severity}{_RESET}"
        rule = f" [{p.rule}]" if report.with_rule else ""
        where = f"{_printable(p.file)}:{p.line}:{p.column}"
        yield f"{where}: {severity} {_printable(p.say(options.lang))}{rule}\n"


def _printable(text: str) -> str:
    """`text` with control characters as escapes (`\\n`, `\\x1b`): one problem stays one
    line, and a file cannot send escape sequences to the terminal."""
    return visible(text)

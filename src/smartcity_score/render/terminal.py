"""Shared pieces of the terminal renderers (rich): printing the parts of a report and its
errors and warnings; imported by `table` and the per-job table modules, importing none."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.escape import terminal, visible
from smartcity_score.i18n import t
from smartcity_score.problems import Problem
from smartcity_score.render import Options
from smartcity_score.render.layout import hanging


def print_parts(parts: list[RenderableType], options: Options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    return buffer.getvalue()


def errors_and_warnings(
    errors: list[Problem], warnings: list[str], lang: str | None, width: int
) -> list[RenderableType]:
    """The invalid files as a table (a path folds: it has no spaces to wrap at) and the
    warnings, each wrapped under its own first word."""
    parts: list[RenderableType] = []
    if errors:
        listing = Table(title=t("invalid_files", lang), box=box.SIMPLE_HEAD, title_justify="left")
        listing.add_column(t("file", lang), overflow="fold")
        listing.add_column(t("line", lang), justify="right")
        listing.add_column(t("column", lang), justify="right")
        listing.add_column(t("message", lang), overflow="fold")
        for problem in errors:
            listing.add_row(
                terminal(problem.file),
                str(problem.line),
                str(problem.column),
                terminal(problem.say(lang)),
            )
        parts.append(listing)
    if warnings:
        parts.append(Text(f"{t('warnings', lang)}:", style="bold yellow"))
        parts.extend(
            Text(hanging("  • ", visible(warning), width), style="yellow") for warning in warnings
        )
    return parts

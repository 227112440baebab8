"""How `--help` reads: plain metavars, and command summaries that are never cut.

Typer's own help shows a list argument as `PATH <list[str]>` and a required one as
`{PATH}...` in the usage line, and shortens each command's summary with `...` to fit
one line. Here an argument reads as its metavar (`PATH...` when it takes several), and
the command list shows each summary whole, wrapped at words like every other column.

`plain_help(app)` applies this to every command and group of an app, including the ones
registered after this module was written, so a new command cannot forget it.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup


def _argument_name(argument: TyperArgument) -> str:
    name = argument.metavar or argument.name or ""
    name = name.upper() if argument.metavar is None else name
    return f"{name}..." if argument.nargs != 1 else name


def _argument_record(argument: TyperArgument) -> tuple[str, str]:
    text = argument.help or ""
    if argument.required:
        text = f"{text}  [required]" if text else "[required]"
    return _argument_name(argument), text


def _usage_piece(argument: TyperArgument) -> str:
    name = _argument_name(argument)
    return name if argument.required else f"[{name}]"


class HelpCommand(TyperCommand):
    """A command whose arguments read `PATH...` in the usage line and under Arguments."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_usage_piece(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not param.hidden:
                    arguments.append(_argument_record(param))
            elif (record := param.get_help_record(ctx)) is not None:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _summary(command: Any) -> str:
    """The first paragraph of a command's help, whole: the help list wraps it."""
    if command.short_help:
        return " ".join(str(command.short_help).split())
    paragraph = (command.help or "").strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


class HelpGroup(TyperGroup):
    """A group whose command list shows each summary whole, wrapped at words."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _summary(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def plain_help(app: typer.Typer) -> None:
    """Give every command and group of `app` (and of its sub-apps) the help above."""
    if app.info.cls in (None, TyperGroup) or not isinstance(app.info.cls, type):
        app.info.cls = HelpGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = HelpCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            plain_help(group.typer_instance)

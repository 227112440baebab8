#!/usr/bin/env python3
"""The floor of `smartcity-score assess`: a Typer app whose `assess` does nothing.

It declares the same nine parameters as the real command (REGION..., -c, -f, -o,
--reviews, --lang with its callback, --follow-links, --cohort, --workers) and the
group's --version option, with the same types and app settings, so that a cold start of

    python benchmarks/empty_typer_app.py assess examples/applicants-2022/kota-pariaman.yaml

costs what Typer, Click and their adapters cost before any of our code runs (typer 0.29
builds a pydantic adapter per parameter, so the count and types matter). Issue 16 asks
`assess` of one file to stay within 1.3 times this, measured in pairs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="smartcity-score",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Version.", callback=_version)] = False,
) -> None:
    """The group, as in the real app (a callback makes `assess` a subcommand)."""


def _check_lang(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", value):
        raise typer.BadParameter(f"'{value}' is not a language code such as en or id")
    return value


@app.command()
def assess(
    regions: Annotated[list[str], typer.Argument(metavar="REGION", help="Region files to score.")],
    criteria: Annotated[
        str | None, typer.Option("-c", "--criteria", metavar="FILE|ID", help="Criteria.")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="Output format.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    reviews: Annotated[
        list[str] | None, typer.Option("--reviews", metavar="PATH", help="Review files.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="LANG", help="Language.", callback=_check_lang)
    ] = None,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow links.")] = False,
    cohort: Annotated[
        list[str] | None, typer.Option("--cohort", metavar="PATH", help="Cohort files.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", metavar="N", help="Worker processes.")
    ] = None,
) -> None:
    """Do nothing: only the command line is parsed."""


if __name__ == "__main__":
    sys.exit(app())

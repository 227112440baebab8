#!/usr/bin/env python3
"""The floor of `smartcity-score assess`: a Typer app whose `assess` does nothing.

It declares the same five parameters as the real command (REGION..., -c, -f, -o,
--lang with its callback), with the same app settings, so that a cold start of

    python benchmarks/empty_typer_app.py assess examples/applicants-2022/kota-pariaman.yaml

costs what Typer, Click and their adapters cost before any of our code runs. Issue 16
asks `assess` of one file to stay within 1.3 times this, measured in pairs.
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


@app.callback()
def _main() -> None:
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
        str, typer.Option("--format", "-f", metavar="FORMAT", help="Output format.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="LANG", help="Language.", callback=_check_lang)
    ] = None,
) -> None:
    """Do nothing: only the command line is parsed."""


if __name__ == "__main__":
    sys.exit(app())

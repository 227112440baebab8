"""Where the command line's output goes, and how a command ends.

Reports go to stdout or, with `-o`, to a file written atomically (a temporary
file renamed into place); summaries go to stderr. Imported by `cli` only.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from smartcity_score.problems import Problem
    from smartcity_score.render import Options

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    from smartcity_score.escape import visible

    sys.stderr.write(f"smartcity-score: error: {visible(message)}\n")
    raise typer.Exit(code)


def options_for(output: Path | None, lang: str | None) -> Options:
    from smartcity_score.render import Options

    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ
    width = 120
    if to_terminal:
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    elif os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    return Options(color=color, width=max(width, 60), lang=lang)


def render(job: str, fmt: str, report: object, output: Path | None, lang: str | None) -> None:
    from smartcity_score.escape import encodable
    from smartcity_score.render import Format, formats_for, renderer

    try:
        chosen = Format(fmt)
    except ValueError:
        chosen = None
    function = renderer(chosen, job) if chosen is not None else None
    if function is None:
        names = ", ".join(f.value for f in formats_for(job))
        fail(f"--format {fmt} is not available here; choose one of: {names}")
    write(encodable(function(report, options_for(output, lang))), output)


def write(chunks: Iterable[str], output: Path | None) -> None:
    """Write to stdout, or to `output` through a temporary file renamed into place."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            for chunk in chunks:
                stream.write(chunk)
        # mkstemp makes the file private; give it the mode any new file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            fail(f"cannot write {output}: {error.strerror or error}")
        raise


def guard_output(output: Path | None, inputs: Sequence[str]) -> None:
    """Refuse an output path that is one of the inputs or lies inside an input folder."""
    if output is None:
        return
    target = os.path.realpath(output)
    for given in inputs:
        source = os.path.realpath(given)
        if target == source:
            fail(f"--output {output} would overwrite the input {given}")
        inside = os.path.isdir(source) and target.startswith(source.rstrip(os.sep) + os.sep)
        if inside and target.endswith((".yaml", ".yml")):
            fail(f"--output {output} would be read as an input of {given} next time")


def worker_count(workers: int | None) -> int:
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        fail("--workers takes a whole number of at least 1")
    return count


def summary(line: str) -> None:
    from smartcity_score.escape import visible

    sys.stderr.write(visible(line) + "\n")


def exit_on_errors(errors: Sequence[Problem]) -> None:
    if errors:
        raise typer.Exit(EXIT_INVALID)


def only_format(fmt: str, *allowed: str) -> None:
    """Stop with a usage error unless `fmt` is one of the formats this command writes."""
    if fmt not in allowed:
        fail(f"--format {fmt} is not available here; choose one of: {', '.join(allowed)}")


def write_json(data: object, output: Path | None) -> None:
    import json

    from smartcity_score.escape import json_text

    write([json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"], output)

"""Where the command line's output goes, and how a command ends.

Reports go to stdout or, with `-o`, to a file written atomically (a temporary
file renamed into place); summaries go to stderr. Imported by `cli` only.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import secrets
import signal
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

import typer

if TYPE_CHECKING:
    from smartcity_score.problems import Problem
    from smartcity_score.render import Options

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    from smartcity_score.escape import visible

    sys.stderr.write(f"smartcity-score: error: {visible(message)}\n")
    raise typer.Exit(code)


def options_for(output: Path | None, lang: str | None, csv_dialect: str = "standard") -> Options:
    from smartcity_score.render import Options

    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ
    width = 120
    if to_terminal:
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    elif os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    return Options(color=color, width=max(width, 60), lang=lang, csv_dialect=csv_dialect)


def render(
    job: str,
    fmt: str,
    report: object,
    output: Path | None,
    lang: str | None,
    csv_dialect: str = "standard",
) -> None:
    from smartcity_score.escape import encodable
    from smartcity_score.render import BINARY, Format, formats_for, renderer

    try:
        chosen = Format(fmt)
    except ValueError:
        chosen = None
    function = renderer(chosen, job) if chosen is not None else None
    if function is None:
        names = ", ".join(f.value for f in formats_for(job))
        fail(f"--format {fmt} is not available here; choose one of: {names}")
    chunks = function(report, options_for(output, lang, csv_dialect))
    if chosen in BINARY:  # its renderer yields bytes, and choose_format made sure of -o
        assert output is not None, "choose_format refuses a binary format without -o"
        write_binary(b"".join(cast(Iterator[bytes], chunks)), output, f"an .{fmt} file")
    else:
        write(encodable(cast(Iterator[str], chunks)), output)


def write(chunks: Iterable[str], output: Path | None) -> None:
    """Write to stdout, or to `output`: a regular file through a temporary file renamed
    into place (through a link, onto the file it points to); a device or pipe in place."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    _write_file((chunk.encode("utf-8") for chunk in chunks), output)


def write_binary(data: bytes, output: Path, what: str) -> None:
    """Write a binary file (`what`, such as "an .xlsx workbook") as `write` writes text;
    never to a terminal, where its bytes would be noise or escape sequences."""
    _write_file([data], output, refuse_terminal=what)


def _write_file(chunks: Iterable[bytes], output: Path, refuse_terminal: str = "") -> None:
    try:
        info: os.stat_result | None = os.stat(output)
    except FileNotFoundError:
        info = None
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(chunks, output, info, refuse_terminal)
        return
    # Renaming over a link would turn it into a file: replace what it points to instead.
    target = Path(os.path.realpath(output)) if output.is_symlink() else output
    _write_atomically(chunks, output, target)


def _write_in_place(
    chunks: Iterable[bytes], output: Path, info: os.stat_result, refuse_terminal: str = ""
) -> None:
    if stat.S_ISDIR(info.st_mode):
        fail(f"cannot write {output}: it is a folder")
    try:
        if stat.S_ISFIFO(info.st_mode):
            # Non-blocking first, so a pipe nobody reads is an error rather than a hang.
            handle = os.open(output, os.O_WRONLY | os.O_NONBLOCK)
            os.set_blocking(handle, True)
        else:
            handle = os.open(output, os.O_WRONLY | os.O_NOCTTY)
        if refuse_terminal and os.isatty(handle):
            os.close(handle)
            fail(f"cannot write {output}: it is a terminal, and {refuse_terminal} is binary")
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
    except OSError as error:
        if error.errno == errno.ENXIO:
            fail(f"cannot write {output}: no process is reading this pipe")
        fail(f"cannot write {output}: {error.strerror or error}")


class _Terminated(BaseException):
    """Raised from the SIGTERM/SIGHUP handler so that the temporary file is removed."""


_TOKEN = secrets.token_hex(4)
_names = itertools.count()


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file beside the output, with the mode any new file gets (the umask's), named
    so that no other process picks the name (a random token, the process id, a count):
    `import` makes thousands, and `mkstemp` would cost a random name and a chmod each."""
    while True:
        path = os.path.join(folder, f".{name}.{_TOKEN}{os.getpid()}-{next(_names)}.tmp")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), path
        except FileExistsError:
            continue  # a name left by an earlier process of the same id: the next one


def _terminate(signum: int, frame: object) -> NoReturn:
    raise _Terminated(signum)


def _write_atomically(chunks: Iterable[bytes], output: Path, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = _temporary(folder, target.name)
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror or error}")
    previous: dict[signal.Signals, Any] = {}
    try:
        for number in (signal.SIGTERM, signal.SIGHUP):
            try:
                previous[number] = signal.signal(number, _terminate)
            except ValueError:  # not the main thread: the caller handles signals
                break
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            fail(f"cannot write {output}: {error.strerror or error}")
        if isinstance(error, _Terminated):
            sys.stderr.write(f"smartcity-score: terminated; {output} was not written\n")
            raise typer.Exit(143) from None
        raise
    finally:
        for kind, handler in previous.items():
            signal.signal(kind, handler)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def check_paths(paths: Sequence[str]) -> None:
    """Refuse paths that make the command unable to run as typed (exit 2, one line).

    An empty path would silently mean the current folder; a path that does not exist
    is a typo on the command line, not an invalid input file. A path that exists but
    cannot be read (a broken link, a pipe) is left to the reader: it is a problem of
    that one file.
    """
    if any(given == "" for given in paths):
        fail("an empty path was given; name a file or folder")
    absent = [given for given in paths if not os.path.lexists(given)]
    if absent:
        fail(f"no such file or folder: {', '.join(absent)}")


def require_files(found: int, paths: Sequence[str], kind: str = "region") -> None:
    """A run with nothing to read is a command that could not run, never a silent pass."""
    if found == 0:
        fail(f"no {kind} files (*.yaml, *.yml) under {', '.join(paths)}")


def guard_output(
    output: Path | None, inputs: Sequence[str], criteria: Sequence[str | None] = ()
) -> None:
    """Refuse an output that is any input, by any spelling, link or hard link.

    `inputs` are paths as given (files or folders); `criteria` are `-c` values, each
    resolved to the file it loads (a bundled id too). Refuses also an output that
    would be read as a region file of an input folder next time.
    """
    check_paths(inputs)
    if output is None:
        return
    if str(output) == "":
        fail("--output takes a file name, not an empty string")
    sources = list(inputs)
    for name in criteria:
        from smartcity_score.criteria_sets import resolve
        from smartcity_score.problems import UsageError

        try:
            sources.append(str(resolve(name)[0]))
        except UsageError:
            continue  # the command itself reports it
    target = os.path.realpath(output)
    target_id = _identity(str(output))
    for given in sources:
        source = os.path.realpath(given)
        if target == source or (target_id is not None and target_id == _identity(given)):
            fail(f"--output {output} would overwrite the input {given}")
        inside = os.path.isdir(source) and target.startswith(source.rstrip(os.sep) + os.sep)
        if inside and target.endswith((".yaml", ".yml")):
            fail(f"--output {output} would be read as an input of {given} next time")


# A top-level `criteria: ID` line of a block-style region file. In valid block YAML a
# key at column 0 is a top-level key (block scalars and continuation lines are indented),
# so this finds the key without parsing; a file spelling it otherwise (flow style, quoted
# key) is simply not counted here, and validation still checks it against the criteria used.
_NAMED = re.compile(
    rb"^criteria[ \t]*:[ \t]*(?P<q>[\"']?)(?P<id>[a-z0-9][a-z0-9_-]*)(?P=q)[ \t]*(?:#.*)?\r?$",
    re.MULTILINE,
)


def criteria_named_by(paths: Sequence[str], follow_links: bool = False) -> str | None:
    """With no `-c`: the bundled criteria set the region files name in `criteria:`.

    None when no file names one (the bundled default then applies). Files that name
    different sets, or a set that is not bundled, are a usage error saying which `-c` to
    pass: scoring them against any one set would bury the cause under unknown answers.
    """
    from smartcity_score.batch import discover
    from smartcity_score.criteria_sets import bundled
    from smartcity_score.escape import excerpt
    from smartcity_score.loader import LoadFailed, read_limited

    named: dict[str, list[str]] = {}  # criteria id -> files naming it, in label order
    for path, label in discover(paths, follow_links=follow_links)[0]:
        try:
            found = _NAMED.search(read_limited(path, label))
        except LoadFailed:
            continue  # the command itself reports the file
        if found is not None:
            named.setdefault(found["id"].decode(), []).append(label)
    if not named:
        return None
    # An id is quoted as a short excerpt: it was read from a file, maybe through a link.
    named = {excerpt(name, 40): labels for name, labels in named.items()}
    if len(named) > 1:
        sets = "; ".join(f"'{name}' ({_files(labels)})" for name, labels in sorted(named.items()))
        fail(f"the region files name different criteria: {sets}; pass the one to use with -c")
    name, labels = next(iter(named.items()))
    if name not in bundled():
        fail(
            f"the region files name criteria '{name}' ({_files(labels)}), which is not a "
            "bundled set; pass its file with -c FILE"
        )
    return name


def _files(labels: list[str]) -> str:
    """`a.yaml`, `a.yaml and b.yaml`, or `a.yaml and 4 more`."""
    if len(labels) <= 2:
        return " and ".join(labels)
    return f"{labels[0]} and {len(labels) - 1} more"


def worker_count(workers: int | None) -> int:
    limit = max(64, 4 * (os.cpu_count() or 1))
    count = workers if workers is not None else min(os.cpu_count() or 1, limit)
    if not 1 <= count <= limit:
        fail(f"--workers takes a whole number from 1 to {limit}")
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


# The formats an `-o` file name asks for, by extension; the first is the one inferred.
# SARIF is JSON, so `--format sarif -o x.json` agrees. Other extensions (`.txt`, none,
# `/dev/stdout`) ask for nothing: the command's default format is written.
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    ".json": ("json", "sarif"),
    ".sarif": ("sarif",),
    ".sarif.json": ("sarif", "json"),
    ".csv": ("csv",),
    ".md": ("markdown",),
    ".markdown": ("markdown",),
    ".html": ("html",),
    ".htm": ("html",),
    ".yaml": ("yaml",),
    ".yml": ("yaml",),
    ".xlsx": ("xlsx",),
}


def _extension(output: Path) -> str:
    name = output.name.lower()
    return ".sarif.json" if name.endswith(".sarif.json") else output.suffix.lower()


def choose_format(
    fmt: str | None, output: Path | None, allowed: Sequence[str], default: str | None = None
) -> str:
    """The format to write: `--format` if given, else the one `-o`'s extension names,
    else `default` (the first of `allowed` unless given).

    A `--format` that contradicts the extension, or an extension naming a format the
    command does not write, is a usage error: the file would not hold what its name says;
    so is a binary format without `-o`.
    """
    from smartcity_score.render import BINARY

    chosen = _chosen_format(fmt, output, allowed, default)
    if chosen in BINARY and output is None:
        fail(f"--format {chosen} writes a binary file: name it with -o FILE.{chosen}")
    return chosen


def _chosen_format(
    fmt: str | None, output: Path | None, allowed: Sequence[str], default: str | None
) -> str:
    if fmt is not None:
        only_format(fmt, *allowed)
    extension = _extension(output) if output is not None else ""
    implied = _EXTENSIONS.get(extension)
    if implied is None:
        return fmt if fmt is not None else (default or allowed[0])
    if fmt is None:
        if implied[0] not in allowed:
            fail(
                f"-o {output} names a {implied[0]} file, but this command writes only "
                f"{', '.join(allowed)}; name the file for one of them"
            )
        return implied[0]
    if fmt not in implied:
        fail(
            f"--format {fmt} contradicts -o {output}, a {extension} file ({implied[0]}); "
            "drop one of them or make them agree"
        )
    return fmt


def write_json(data: object, output: Path | None) -> None:
    import json

    from smartcity_score.escape import json_text

    write([json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"], output)

"""`import FILE... --into DIR`: form exports read, checked, and written as region files.

Reading and checking are `form_files` and `forms_import`; here submissions across all
files meet (a region id twice is both rejected, or the latest kept), each region file is
written as YAML and read back with the tool's own loader before it is written, and
nothing is written for a submission with a problem, nor over an existing file.

Which submissions may be written is known only once every row is read, so each region
file's text waits in a temporary spool file meanwhile, and what telling repeats apart
needs in a ledger on disk (`import_ledger`): memory stays flat in the number of rows.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import excerpt, yaml_comment
from smartcity_score.form_files import UnreadableExport, read_table
from smartcity_score.forms_import import Questions, Skipped, Submission, layout, submissions
from smartcity_score.import_ledger import Ledger, Pending, WrittenFiles
from smartcity_score.loader import LoadFailed, parse
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.models import REGION_SCHEMA
from smartcity_score.problems import Problem, Severity, cap_per_file
from smartcity_score.regions import InvalidRegion, validate_region
from smartcity_score.yaml_out import dump

if TYPE_CHECKING:
    from smartcity_score.jobs import Progress

Writer = Callable[[Iterable[str], Path], None]
"""Writes a file atomically (`cli_io.write`): chunks, then the path."""


@dataclass
class ImportReport:
    """What an import did: files written, rows skipped, and every problem."""

    files: int
    written: WrittenFiles = field(default_factory=WrittenFiles)  # (path, submission)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class Settings:
    into: Path
    force: bool = False
    keep_latest: bool = False
    separator: str | None = None


def read_exports(
    paths: Sequence[str],
    loaded: LoadedCriteria,
    separator: str | None,
    spool: IO[bytes],
    ledger: Ledger,
    progress: Progress | None = None,
) -> tuple[list[Skipped], list[Problem]]:
    """Every submission of every export, skipped rows apart; a file whose header cannot
    be trusted gives no submissions, only the header's problems. `progress` shows the
    rows of each export being read (the work of an import: each becomes a checked file).
    Submissions go to `ledger`, their region files' text to `spool`."""
    questions = Questions(loaded.criteria, loaded.scorer.indicators, separator)
    skipped: list[Skipped] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            table = read_table(Path(path), path, loaded.criteria.id)
        except UnreadableExport as unreadable:
            problems.append(unreadable.problem)
            continue
        problems.extend(table.notes)
        shape = layout(questions, table.header, table.label)
        problems.extend(shape.problems)
        try:
            if any(p.severity == Severity.ERROR for p in shape.problems):
                # Its rows' problems would only echo the header's.
                continue
            expected = (table.expected() or 0) if progress is not None else 0
            tick = progress(expected, 1, "reading") if progress is not None else None
            done = 0
            for item in submissions(table, questions, shape):
                if isinstance(item, Skipped):
                    skipped.append(item)
                else:
                    ledger.add(_pending(item, loaded, spool))
                if tick is not None:
                    tick(1)
                    done += 1
            if tick is not None and done < expected:
                tick(expected - done)  # empty rows: the bar ends full, and goes
        finally:
            table.close()
    return skipped, problems


def _pending(submission: Submission, loaded: LoadedCriteria, spool: IO[bytes]) -> Pending:
    """A submission with its region file written to the spool, once it reads back valid."""
    region_id = submission.region.get("id")
    found = Pending(
        submission.file,
        submission.row,
        region_id if isinstance(region_id, str) else None,
        submission.id_column,
        submission.submitted,
        submission.problems,
    )
    if not found.problems:
        text = region_yaml(submission, loaded)
        found.problems.extend(_checked(text, submission, loaded))
        data = text.encode("utf-8")
        found.span = (spool.tell(), len(data))
        spool.write(data)
    return found


def resolve_repeats(ledger: Ledger, keep_latest: bool) -> tuple[set[int], list[Skipped]]:
    """The submissions set aside (by their place in `ledger`), and why. Two submissions
    of one region id are both a problem, each naming the other, unless `keep_latest`:
    then the latest is kept and the others skipped (equal or unknown times: all rejected,
    since which one is right cannot be known)."""
    by_id: dict[str, list[tuple[int, Pending]]] = {}
    if ledger.maybe_repeated:
        for index, submission in enumerate(ledger):
            if submission.region_id in ledger.maybe_repeated:
                by_id.setdefault(submission.region_id, []).append((index, submission))
    older: set[int] = set()
    skipped: list[Skipped] = []
    for region_id, places in by_id.items():
        if len(places) < 2:
            continue  # the filter's false "maybe"
        group = [submission for _, submission in places]
        latest = _latest(group) if keep_latest else None
        for index, submission in places:
            if latest is None:
                problem = _repeated(submission, region_id, group, keep_latest)
                ledger.problems_of(index).append(problem)
            elif submission is not latest:
                older.add(index)
                reason = msg("form_skipped_older", id=excerpt(region_id), where=_where(latest))
                skipped.append(Skipped(submission.file, submission.row, reason))
    return older, skipped


def _repeated(
    submission: Pending, region_id: str, group: list[Pending], keep_latest: bool
) -> Problem:
    others = [_where(other) for other in group if other is not submission]
    more = msg("and_more", count=len(others) - 3) if len(others) > 3 else ""
    how = msg("same_time" if keep_latest else "keep_latest_hint")
    named = functools.reduce(lambda first, then: msg("comma", first=first, then=then), others[:3])
    message = msg("submitted_twice", id=excerpt(region_id), named=named, more=more, how=how)
    return Problem.of(
        submission.file, submission.row, submission.id_column, message, "duplicate-region"
    )


def _latest(group: list[Pending]) -> Pending | None:
    """The one submission later than all others, if their times say so."""
    times = [s.submitted for s in group]
    if any(time is None for time in times):
        return None
    ordered = sorted(group, key=lambda s: s.submitted.timestamp() if s.submitted else 0.0)
    if ordered[-1].submitted == ordered[-2].submitted:
        return None
    return ordered[-1]


def _where(submission: Pending) -> Message:
    return msg("file_row", file=submission.file, row=submission.row)


def region_yaml(submission: Submission, loaded: LoadedCriteria) -> str:
    """The region file of a submission, traced back to it by its first line."""
    region = {
        key: submission.region[key]
        for key in ("id", "name", "kind", "province", "code", "tags")
        if key in submission.region
    }
    answers = {key: submission.answers.get(key) for key in loaded.scorer.indicators}
    data: dict[str, Any] = {
        "schema": REGION_SCHEMA,
        "criteria": loaded.criteria.id,
        "region": region,
        "answers": answers,
    }
    if submission.evidence:
        data["evidence"] = {
            key: submission.evidence[key]
            for key in loaded.scorer.indicators
            if key in submission.evidence
        }
    return _origin(submission) + dump(data)


def _origin(submission: Submission) -> str:
    parts = [f"imported from {submission.file} row {submission.row}"]
    if submission.uuid is not None:
        parts.append(f"submission {submission.uuid}")
    if submission.submitted is not None:
        parts.append(submission.submitted.astimezone(UTC).isoformat().replace("+00:00", "Z"))
    return f"# {yaml_comment(', '.join(parts))}\n"


def _checked(text: str, submission: Submission, loaded: LoadedCriteria) -> list[Problem]:
    """The region file read back as every command reads it: any problem is the row's."""
    label = f"{submission.region.get('id')}.yaml"
    try:
        validate_region(parse(text, label), loaded.criteria, loaded.scorer.indicators)
    except (LoadFailed, InvalidRegion) as invalid:
        return [
            Problem.of(
                submission.file,
                submission.row,
                1,
                msg("invalid_region_file", problem=p.wording or verbatim(p.message)),
                "invalid-region",
            )
            for p in invalid.problems
        ]
    return []


def plan(
    ledger: Ledger, older: set[int], settings: Settings, spool: IO[bytes]
) -> Iterator[tuple[Path | None, str, Pending]]:
    """Every submission not set aside, in order, with the path and text to write, or no
    path when it has a problem. An existing file without --force is a problem of its
    submission instead."""
    for index, submission in enumerate(ledger):
        if index in older:
            continue
        if submission.problems:
            yield None, "", submission
            continue
        target = settings.into / f"{submission.region_id}.yaml"
        if not settings.force and os.path.lexists(target):
            message = msg("file_exists", target=str(target))
            submission.problems.append(
                Problem.of(
                    submission.file, submission.row, submission.id_column, message, "file-exists"
                )
            )
            yield None, "", submission
            continue
        offset, size = submission.span
        spool.seek(offset)
        yield target, spool.read(size).decode("utf-8"), submission


def import_job(
    paths: Sequence[str],
    loaded: LoadedCriteria,
    settings: Settings,
    write: Writer,
    progress: Progress | None = None,
) -> ImportReport:
    """Read every export, write a region file per valid submission with `write(chunks,
    path)` (atomic), and report what was done."""
    with tempfile.TemporaryFile() as spool, closing(Ledger()) as ledger:
        skipped, problems = read_exports(paths, loaded, settings.separator, spool, ledger, progress)
        older, set_aside = resolve_repeats(ledger, settings.keep_latest)
        report = ImportReport(len(paths), skipped=[*skipped, *set_aside])
        for target, text, submission in plan(ledger, older, settings, spool):
            if target is not None:
                write([text], target)
                report.written.append((str(target), submission))
            problems.extend(submission.problems)
    report.problems = cap_per_file(problems)
    report.skipped.sort(key=lambda s: (s.file, s.row))
    return report


def render_import(report: ImportReport, fmt: str, lang: str | None = None) -> Iterator[str]:
    """The report as `validate` writes problems (text, github), or JSON with what was
    written and skipped; messages in `lang`."""
    if fmt != "json":
        from smartcity_score.render import Format, Options, renderer
        from smartcity_score.report import ProblemReport

        function = renderer(Format(fmt), "problems")
        assert function is not None, "text and github render problems"
        chunks = function(ProblemReport(report.problems, report.files), Options(lang=lang))
        return cast(Iterator[str], chunks)
    import json

    from smartcity_score.escape import json_text

    data = {
        "files": report.files,
        "written": [{"file": path, "from": s.file, "row": s.row} for path, s in report.written],
        "skipped": [item.as_dict(lang) for item in report.skipped],
        "errors": [p.as_dict(lang=lang) for p in report.errors],
        "warnings": [p.as_dict(lang=lang) for p in report.problems if p.severity == "warning"],
    }
    return iter([json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"])

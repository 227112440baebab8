"""The tool from Python, for analysts in notebooks.

    from smartcity_score import api

    ranking = api.rank("examples/applicants-2022")
    ranking.records[0]["name"]               # 'Kota Kupang'
    pandas.DataFrame(ranking.records)        # one row per region, one column per field
    api.rank("examples/applicants-2022", reviews=["examples/reviews-2022"])
    imported = api.import_exports("examples/forms/kobo-export.csv")
    api.rank(imported.records)               # region records rank as their files would

Every function runs the same job as its command (`smartcity_score.jobs`, the code
behind `rank`, `assess`, `validate`), so a notebook and the command line agree to the
last digit. Results are plain lists of flat dictionaries of str, int, float, bool and
None: `pandas.DataFrame(records)` takes them as they are, and nothing here needs
pandas. Bad input never raises: each problem is a record in `errors`, as the command
line lists it. Criteria that cannot be used raise `smartcity_score.problems.SmartcityError`
(`InvalidCriteria` with its problems, or `UsageError`), as the command stops with exit 2.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from smartcity_score import jobs
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.problems import UsageError
from smartcity_score.report import assess_dicts, criteria_dict, problem_dicts, rank_dicts

Record = dict[str, Any]


@dataclass
class Result:
    """What a job gives back: one record per region, the problems, and the warnings."""

    records: list[Record]
    errors: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    criteria: Record = field(default_factory=dict)  # id, version, sha256


def load_criteria(criteria: str | Path | None = None) -> LoadedCriteria:
    """A criteria file, or the id of a bundled set (None: the default set), loaded and
    checked; `.criteria` is its model, `.sha256` the digest of its bytes."""
    return jobs.load(None if criteria is None else str(criteria))[0]


def rank(
    paths: str | Path | Sequence[str | Path] | Iterable[Mapping[str, Any]],
    criteria: str | Path | None = None,
    *,
    reviews: Sequence[str | Path] | None = None,
    select: int | None = None,
    workers: int = 1,
) -> Result:
    """Rank region files or folders, or region records (mappings shaped like a region
    file), and select (SPEC §4); with `reviews`, on the scores the panel verified."""
    with _as_paths(paths) as given:
        report = jobs.rank_job(
            given.paths,
            None if criteria is None else str(criteria),
            select=select,
            workers=workers,
            reviews=None if reviews is None else [str(p) for p in reviews],
        )
        return Result(
            given.relabel([_flat(entry) for entry in rank_dicts(report)]),
            given.relabel(problem_dicts(report.errors)),
            list(report.warnings),
            criteria_dict(report.loaded),
        )


def assess(
    paths: str | Path | Sequence[str | Path] | Iterable[Mapping[str, Any]],
    criteria: str | Path | None = None,
    *,
    reviews: Sequence[str | Path] | None = None,
) -> Result:
    """Score each region file or record: the flat result of `assess --format json`, less
    the explanation (per-indicator lines are in `indicators(...)`)."""
    from smartcity_score.batch import discover

    with _as_paths(paths) as given:
        found, unread = discover(given.paths)  # folders walked as `rank` walks them
        report = jobs.assess_job(
            [label for _, label in found],
            None if criteria is None else str(criteria),
            None,
            reviews=None if reviews is None else [str(p) for p in reviews],
        )
        records = []
        for entry in assess_dicts(report):
            entry.pop("explanation")
            records.append(_flat(entry))
        errors = problem_dicts(sorted([*unread, *report.errors]))
        return Result(
            given.relabel(records),
            given.relabel(errors),
            list(report.warnings),
            criteria_dict(report.loaded),
        )


def validate(
    paths: str | Path | Sequence[str | Path], criteria: str | Path | None = None
) -> list[Record]:
    """Every problem of the region files under `paths` (empty when all are valid)."""
    report, _ = jobs.validate_job(_strings(paths), None if criteria is None else str(criteria))
    return problem_dicts(report.problems)


@dataclass
class Imported:
    """What an import gives back: each region file written (or that would be), as the
    region record it holds; where each came from; rows skipped; and every problem."""

    records: list[Record]  # shaped like a region file: `rank` and `assess` take them
    written: list[Record] = field(default_factory=list)  # file (None: not written), from, row
    skipped: list[Record] = field(default_factory=list)  # file, row, reason
    errors: list[Record] = field(default_factory=list)
    warnings: list[Record] = field(default_factory=list)
    criteria: Record = field(default_factory=dict)


def import_exports(
    paths: str | Path | Sequence[str | Path],
    criteria: str | Path | None = None,
    *,
    into: str | Path | None = None,
    force: bool = False,
    keep_latest: bool = False,
    group_separator: str | None = None,
) -> Imported:
    """Form exports (Kobo, ODK Central, Google or Microsoft Forms; SPEC §7) read as
    `import` reads them, into region records; with `into`, also written there as region
    files, never over an existing one unless `force`. Without `into`, nothing is written."""
    from smartcity_score.import_job import Settings, import_job

    loaded = load_criteria(criteria)
    folder = None if into is None else _folder(Path(into))
    texts: list[str] = []

    def keep(chunks: Iterable[str], target: Path) -> None:
        texts.append("".join(chunks))
        if folder is not None:
            _write_atomically(texts[-1], target)

    # Without a folder nothing is written, so nothing can be overwritten: `force` then
    # only spares looking for files where the records would have gone.
    overwrite = force or folder is None
    settings = Settings(folder or Path("."), overwrite, keep_latest, group_separator or None)
    report = import_job(_strings(paths), loaded, settings, keep)
    return Imported(
        [yaml.load(text, Loader=_Loader) for text in texts],
        [
            {"file": None if folder is None else path, "from": s.file, "row": s.row}
            for path, s in report.written
        ],
        [item.as_dict() for item in report.skipped],
        problem_dicts(report.errors),
        problem_dicts([p for p in report.problems if p.severity == "warning"]),
        criteria_dict(loaded),
    )


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _folder(into: Path) -> Path:
    """The folder to write into, made if missing; one that cannot be is a usage error."""
    if into.exists() and not into.is_dir():
        raise UsageError(f"{into} is not a folder")
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make {into}: {error.strerror or error}") from error
    return into


def _write_atomically(text: str, target: Path) -> None:
    """A temporary file beside the target, renamed over it: never half a file. (The
    command line's writer stops the command; here a failure is an exception.)"""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from error


def _flat(entry: Mapping[str, Any]) -> Record:
    """A JSON result as one flat record: `region.id` → `region_id`, each score →
    `score_<node>`; lists become space-separated text, other nested values JSON text."""
    record: Record = {}
    for key, value in entry.items():
        if key == "region":
            record.update({f"region_{k}": v for k, v in value.items()})
        elif key == "scores":
            record.update({f"score_{node}": v for node, v in value.items()})
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            record[key] = " ".join(value)
        elif isinstance(value, dict | list):
            record[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            record[key] = value
    return record


def _strings(paths: str | Path | Sequence[str | Path]) -> list[str]:
    if isinstance(paths, str | Path):
        return [str(paths)]
    return [str(p) for p in paths]


@dataclass
class _Given:
    """The paths a job reads, and the label of each record written for it."""

    paths: list[str]
    labels: dict[str, str] = field(default_factory=dict)

    def relabel(self, records: list[Record]) -> list[Record]:
        """Records and problems name a record as `record N`, not its temporary file."""
        for record in records:
            file = record.get("file")
            if isinstance(file, str) and file in self.labels:
                record["file"] = self.labels[file]
        return records


@contextmanager
def _as_paths(
    given: str | Path | Sequence[str | Path] | Iterable[Mapping[str, Any]],
) -> Iterator[_Given]:
    """Paths as given, or region records written to a temporary folder for the job (removed
    afterwards, also when a record is refused)."""
    if isinstance(given, str | Path):
        yield _Given([str(given)])
        return
    items = list(given)
    if all(isinstance(item, str | Path) for item in items):
        yield _Given([str(item) for item in items])
        return
    with tempfile.TemporaryDirectory(prefix="smartcity-score-") as folder:
        result = _Given([])
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise TypeError(f"item {i} is neither a path nor a region record")
            path = Path(folder) / f"record-{i + 1:06d}.yaml"
            # JSON is YAML: the record is read by the same strict loader as a file.
            text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
            path.write_text(text, encoding="utf-8")
            result.paths.append(str(path))
            result.labels[str(path)] = f"record {i + 1}"
        yield result

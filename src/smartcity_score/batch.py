"""Scoring many region files: discovery, parallel load → validate → score, duplicates.

Workers receive file paths in chunks and send back compact `Outcome`s (no
models, no parsed documents), so pickling stays small and the parent never
holds more than one chunk's documents. Results are put in a canonical order
afterwards, so the output does not depend on the worker count or on the order
in which the file system lists files.
"""

from __future__ import annotations

import errno
import gc
import math
import os
import stat
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartcity_score.cohort import Cohort, Raw, raw, rescore
from smartcity_score.criteria_sets import LoadedCriteria, load_criteria
from smartcity_score.engine import Scorer, Scores, gate_passes, level_of
from smartcity_score.loader import LoadFailed, load_path
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.models import Criteria
from smartcity_score.paths import cannot_read, inside, not_regular, unreachable
from smartcity_score.problems import Problem, cap_per_file
from smartcity_score.ranking import Outcome
from smartcity_score.regions import InvalidRegion, Region, validate_region

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from smartcity_score.reviews import Review  # imported where used: only review files need it

SUFFIXES = (".yaml", ".yml")
CHUNK = 64
# With a pool, chunks grow up to this many files: each chunk costs a round trip to a
# worker and a pickle of its results, as much as parsing a small file or two.
MAX_CHUNK = 1024
CHUNKS_PER_WORKER = 8  # enough for the workers to stay even at the end
# Files a chunk holds while the walk goes on (`run_streamed`), before their number is known.
STREAMED_CHUNK = 256


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    files: int = 0
    # The criteria resolved for this run's cohort, when they use `minmax` (SPEC §1 v1.1):
    # what every later step scores with, and what the report names the goalposts from.
    cohort: LoadedCriteria | None = None
    # Then each valid file's raw answers to the `minmax` indicators, by file label.
    raw: dict[str, Raw] = field(default_factory=dict)


def discover(
    paths: Sequence[str],
    *,
    follow_links: bool = False,
    found_file: Callable[[Path, str], None] | None = None,
) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Region files under `paths`: (path, label as given), each file once, sorted by label.

    Folders are walked recursively for *.yaml / *.yml; hidden files and folders are
    skipped; a folder reached twice is walked once. A file named explicitly is taken
    whatever its suffix. The walk never leaves the given paths: a link whose target
    lies outside all of them is a problem of that entry, not read, unless
    `follow_links`. Every entry named like a region file that cannot be read (broken
    link, link loop, pipe, device, unreadable folder) is a problem too, never silently
    dropped (the reader refuses non-regular files again on the open descriptor, in case
    one is swapped in after the walk). `found_file` hears of each file as the walk finds it,
    in the walk's order, before a file reached twice is told apart (`run_streamed`).
    """
    walk = _Walk(tuple(os.path.realpath(p) for p in paths), follow_links)
    found: dict[str, tuple[Path, str]] = {}
    for given in paths:
        where = os.path.join(os.path.realpath(os.path.dirname(given) or "."), Path(given).name)
        try:
            info = os.stat(given)
        except OSError as error:
            walk.problem(where, given, unreachable(given, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            # `sub/` and `sub` label their files alike: `sub/a.yaml`, not `sub//a.yaml`.
            label = given.rstrip(os.sep) or given
            for real, file in walk.folder(Path(given), label, info):
                if found_file is not None:
                    found_file(*file)
                _keep(found, real, file)
        elif stat.S_ISREG(info.st_mode):
            if found_file is not None:
                found_file(Path(given), given)
            _keep(found, os.path.realpath(given), (Path(given), given))
        else:
            walk.problem(where, given, not_regular(info.st_mode))
    files = sorted(found.values(), key=lambda item: item[1])
    return files, sorted(walk.problems.values())


def _keep(found: dict[str, tuple[Path, str]], real: str, file: tuple[Path, str]) -> None:
    """One file spelt several ways keeps its smallest label, whatever the argument order."""
    if real not in found or file[1] < found[real][1]:
        found[real] = file


# A folder to walk: its path, its label, and its real path.
_Folder = tuple[Path, str, str]


@dataclass
class _Walk:
    """One discovery: the real paths it may reach, and the problems found on the way."""

    roots: tuple[str, ...]
    follow_links: bool
    # By where the entry stands (its folder's real path and its name): an entry reached
    # by several spellings is reported once, under its smallest label.
    problems: dict[str, Problem] = field(default_factory=dict)

    def problem(self, where: str, label: str, message: Message) -> None:
        known = self.problems.get(where)
        if known is None or label < known.file:
            self.problems[where] = Problem.of(label, 1, 1, message, "unreadable")

    def folder(
        self, root: Path, label: str, info: os.stat_result
    ) -> Iterator[tuple[str, tuple[Path, str]]]:
        """(real path, (path, label)) of each region file under the folder `root`.

        Folders reached through links wait until the real tree is walked, so a file
        keeps the label of where it really stands; (st_dev, st_ino) marks each folder
        walked, so none is walked twice, whatever links lead to it again.
        """
        seen = {(info.st_dev, info.st_ino)}
        stack: list[_Folder] = [(root, label, os.path.realpath(root))]
        linked: list[_Folder] = []
        while stack or linked:
            if stack:
                folder, folder_label, real_folder = stack.pop()
            else:
                folder, folder_label, real_folder = linked.pop()
                try:
                    target = os.stat(real_folder)
                except OSError as error:  # gone since the link was read
                    self.problem(str(folder), folder_label, unreachable(str(folder), error))
                    continue
                if (target.st_dev, target.st_ino) in seen:
                    continue  # walked already, under its own name or another link
                seen.add((target.st_dev, target.st_ino))
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError as error:
                reason = msg("cannot_read_folder", reason=verbatim(error.strerror or str(error)))
                self.problem(real_folder, folder_label, reason)
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                entry_label = os.path.join(folder_label, entry.name)
                where = os.path.join(real_folder, entry.name)
                try:
                    if entry.is_symlink():
                        link = self._link(entry, where, entry_label, real_folder, label)
                        if isinstance(link, str):
                            # Read the target checked here: a link repointed after the
                            # walk cannot lead the reader out of the given paths.
                            yield link, (Path(link), entry_label)
                        elif link is not None:
                            linked.append(link)
                    elif entry.is_dir(follow_symlinks=False):
                        sub = entry.stat(follow_symlinks=False)
                        if (sub.st_dev, sub.st_ino) not in seen:
                            seen.add((sub.st_dev, sub.st_ino))
                            real = os.path.join(real_folder, entry.name)
                            stack.append((Path(entry.path), entry_label, real))
                    elif not entry.name.endswith(SUFFIXES):
                        continue
                    elif entry.is_file(follow_symlinks=False):
                        yield where, (Path(entry.path), entry_label)
                    else:  # a pipe, a device, a socket
                        mode = entry.stat(follow_symlinks=False).st_mode
                        self.problem(where, entry_label, not_regular(mode))
                except OSError as error:
                    self.problem(where, entry_label, cannot_read(error))

    def _link(
        self, entry: os.DirEntry[str], where: str, label: str, real_folder: str, root_label: str
    ) -> str | _Folder | None:
        """Where the link `entry` leads: a file's real path, a folder to walk, or None
        (a problem was recorded, or the link is not named like a region file)."""
        named = entry.name.endswith(SUFFIXES)
        try:
            real = os.path.realpath(entry.path, strict=True)
            info = os.stat(real)
        except OSError as error:
            reason = unreachable(entry.path, error)
            # A broken link may have been anything; a loop is never harmless.
            if named or error.errno == errno.ELOOP:
                self.problem(where, label, reason)
            return None
        is_folder = stat.S_ISDIR(info.st_mode)
        if not (is_folder or named):
            return None
        if not self.follow_links and not any(inside(real, root) for root in self.roots):
            shown = root_label if root_label.endswith(os.sep) else root_label + os.sep
            self.problem(where, label, msg("link_outside", root=shown, target=real))
            return None
        if stat.S_ISREG(info.st_mode):
            return real
        if not is_folder:
            self.problem(where, label, not_regular(info.st_mode))
            return None
        if inside(real_folder, real):
            self.problem(where, label, msg("link_back", target=real))
            return None
        return (Path(entry.path), label, real)


def evaluate(region: Region, criteria: Criteria, scorer: Scorer) -> Outcome:
    """Score one valid region: total, every node, gates and level."""
    return Outcome(*_evaluated(region, criteria, scorer))


def outcome_of(region: Region, criteria: Criteria, scorer: Scorer, scores: Scores) -> Outcome:
    return Outcome(*_fields(region, criteria, scorer, scores))


# An `Outcome` as the tuple of its fields, in declaration order: what a worker sends back.
# A frozen dataclass pickles through `__getstate__`/`__setstate__`, a Python call per field
# on both sides; a tuple of plain values pickles in C, and `Outcome(*fields)` is one call.
Fields = tuple[
    str,
    str,
    str,
    str | None,
    str | None,
    tuple[tuple[str, str], ...],
    float,
    "array[float]",  # a string: array is not subscriptable at run time
    tuple[float | None, ...],
    tuple[str, ...],
    bool,
    tuple[str, ...],
    str | None,
]


def _evaluated(region: Region, criteria: Criteria, scorer: Scorer) -> Fields:
    return _fields(region, criteria, scorer, scorer.score(region.answers))


def _fields(region: Region, criteria: Criteria, scorer: Scorer, scores: Scores) -> Fields:
    failed = tuple(g.id for g in criteria.gates if not gate_passes(g, region.answers, scores))
    level = level_of(criteria.levels, scores.total)
    info = region.info
    nan = math.nan
    values = array("d", [nan if v is None else v for v in scores.nodes.values()])
    return (
        region.file,
        info.id,
        info.name,
        info.kind,
        info.province,
        tuple(sorted(info.tags.items())),
        scores.total,
        values,
        tuple([scores.of(node) for node in criteria.tie_breakers]),
        scores.missing,
        not failed,
        failed,
        level.id if level else None,
    )


# What one worker returns per file: an outcome's fields, or the file's problems; under
# criteria with `minmax` indicators, the fields and the file's raw answers to them.
Result = Fields | tuple[Fields, Raw] | list[Problem]

# The criteria a worker scores under: one for `rank`, old and new for `compare`.
_WORKER: tuple[LoadedCriteria, ...] = ()

# A criteria file as a worker loads it again: (path, label).
Source = tuple[str, str]


def _init_worker(sources: Sequence[Source]) -> None:
    global _WORKER
    # What the worker inherited from the parent (modules, criteria) lives as long as the
    # worker: frozen, the collector no longer walks it at every full collection.
    gc.freeze()
    _WORKER = tuple(load_criteria(Path(path), label) for path, label in sources)


def _run_chunk(files: list[tuple[str, str]]) -> list[list[Result]]:
    assert _WORKER
    return [_each(path, label, _WORKER) for path, label in files]  # no Path: the str will do


def _each(path: str | Path, label: str, loaded: Sequence[LoadedCriteria]) -> list[Result]:
    """One file, read and parsed once, validated and scored under each criteria in turn
    (`load_region`, split in its two steps so that the parse is shared)."""
    try:
        document = load_path(path, label)
    except LoadFailed as failed:
        return [list(failed.problems) for _ in loaded]
    results: list[Result] = []
    for one in loaded:
        try:
            region = validate_region(document, one.criteria, one.scorer.indicators)
        except InvalidRegion as invalid:
            results.append(invalid.problems)
        else:
            fields = _evaluated(region, one.criteria, one.scorer)
            cohort = one.minmax
            results.append((fields, raw(region.answers, cohort)) if cohort else fields)
    return results


def _review_chunk(files: list[tuple[str, str]]) -> list[Review | list[Problem]]:
    from smartcity_score.reviews import load_review

    assert _WORKER
    one = _WORKER[0]
    return [load_review(Path(p), one.criteria, one.scorer.indicators, label) for p, label in files]


# A region file and the indicators whose answers are wanted from it: (path, label, ids).
AnswerRequest = tuple[str, str, tuple[str, ...]]


def _answers(request: AnswerRequest) -> dict[str, Any]:
    path, label, ids = request
    try:
        answers = load_path(Path(path), label).data.get("answers")
    except LoadFailed:  # the file changed since it was scored: its claims are unknown
        return {}
    return {i: answers.get(i) for i in ids} if isinstance(answers, dict) else {}


def _answers_chunk(requests: list[AnswerRequest]) -> list[dict[str, Any]]:
    return [_answers(request) for request in requests]


def read_answers(
    requests: Sequence[AnswerRequest], pool: ProcessPoolExecutor | None = None, workers: int = 1
) -> dict[str, dict[str, Any]]:
    """Label → the wanted answers of each region file (read again: the compact outcomes hold
    scores, not answers), by the `pool`'s workers when there is one."""
    if pool is None:
        return {label: _answers((path, label, ids)) for path, label, ids in requests}
    size = max(CHUNK, min(MAX_CHUNK, len(requests) // (max(workers, 1) * CHUNKS_PER_WORKER)))
    jobs = [list(requests[i : i + size]) for i in range(0, len(requests), size)]
    found = [answers for chunk in pool.map(_answers_chunk, jobs) for answers in chunk]
    return {label: answers for (_, label, _), answers in zip(requests, found, strict=True)}


def read_reviews(
    files: Sequence[tuple[Path, str]],
    loaded: LoadedCriteria,
    pool: ProcessPoolExecutor | None = None,
    workers: int = 1,
) -> Iterator[Review | list[Problem]]:
    """Each review file loaded and validated (SPEC §6): the review, or its problems, in
    the order given; by the `pool`'s `workers` when there is one."""
    from smartcity_score.reviews import load_review

    if pool is None:
        indicators = loaded.scorer.indicators
        for path, label in files:
            yield load_review(path, loaded.criteria, indicators, label)
        return
    size = max(CHUNK, min(MAX_CHUNK, len(files) // (workers * CHUNKS_PER_WORKER)))
    jobs = [
        [(str(p), label) for p, label in files[i : i + size]] for i in range(0, len(files), size)
    ]
    for chunk in pool.map(_review_chunk, jobs):
        yield from chunk


def read_reviews_each(
    files: Sequence[tuple[Path, str]], loaded: Sequence[LoadedCriteria]
) -> Iterator[list[Review | list[Problem]]]:
    """Each review file read and parsed once, then validated under each criteria in turn:
    per file, what `load_review` gives under each (`compare`: old and new)."""
    from smartcity_score.reviews import validate_review

    for path, label in files:
        try:
            document = load_path(path, label)
        except LoadFailed as failed:
            yield [cap_per_file(failed.problems) for _ in loaded]
            continue
        yield [
            validate_review(document, one.criteria, one.scorer.indicators, str(path))
            for one in loaded
        ]


def run(
    files: Sequence[tuple[Path, str]],
    loaded: LoadedCriteria,
    criteria_path: Path,
    workers: int,
    progress: Callable[[int], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> BatchResult:
    """Load, validate and score every file; reject every file of a repeated region id.

    With `pool` (from `worker_pool`), its processes do the work; else `workers` > 1
    starts a pool for this call."""
    return run_each(files, [(loaded, criteria_path)], workers, progress, pool)[0]


def run_each(
    files: Sequence[tuple[Path, str]],
    criteria: Sequence[tuple[LoadedCriteria, Path]],
    workers: int,
    progress: Callable[[int], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> list[BatchResult]:
    """`run` under each of several criteria (loaded, path), every file parsed only once:
    one result per criteria, in the order given. A `pool` must be started for the same
    criteria (`worker_pool`)."""
    loaded = [one for one, _ in criteria]
    return _merged(files, loaded, _results(files, criteria, workers, pool), progress)


def run_streamed(
    paths: Sequence[str],
    loaded: LoadedCriteria,
    pool: ProcessPoolExecutor,
    workers: int,
    *,
    follow_links: bool = False,
    progress: Callable[[int], Callable[[int], None] | None] | None = None,
) -> tuple[list[tuple[Path, str]], list[Problem], BatchResult]:
    """`discover`, then `run` in the `pool`, the two at once: each chunk of files goes to a
    worker as soon as the walk has found it, so the workers parse while the parent walks.
    The outcome is `run`'s on the files `discover` gives, whatever the walk's order:
    results are put in the files' order before they are merged. `progress` is given the
    number of files once they are all found, and returns the callback `run` takes.
    (files, the walk's problems, the result.)"""
    chunks: list[tuple[list[tuple[str, str]], Future[list[list[Result]]]]] = []
    waiting: list[tuple[str, str]] = []

    def submit(files: list[tuple[str, str]]) -> None:
        chunks.append((files, pool.submit(_run_chunk, files)))

    def found_file(path: Path, label: str) -> None:
        waiting.append((str(path), label))
        if len(waiting) == STREAMED_CHUNK:
            submit(waiting[:])
            waiting.clear()

    files, missing = discover(paths, follow_links=follow_links, found_file=found_file)
    # The rest in smaller chunks, so the workers finish together.
    size = max(CHUNK // 4, len(waiting) // (workers * CHUNKS_PER_WORKER))
    for start in range(0, len(waiting), size):
        submit(waiting[start : start + size])
    tick = progress(len(files)) if progress is not None else None
    by_label: dict[str, list[Result]] = {}
    for sent, future in chunks:
        for (_, label), per_file in zip(sent, future.result(), strict=True):
            by_label[label] = per_file  # a file reached twice: the same file, read twice
        if tick is not None:
            tick(len(sent))
    ordered = [by_label[label] for _, label in files]
    return files, missing, _merged(files, [loaded], [ordered], None)[0]


def _merged(
    files: Sequence[tuple[Path, str]],
    criteria: Sequence[LoadedCriteria],
    chunks: Iterable[list[list[Result]]],
    progress: Callable[[int], None] | None,
) -> list[BatchResult]:
    """The results of `files` (`chunks` of them, in the files' order) under each criteria."""
    results = [BatchResult(files=len(files)) for _ in criteria]
    answers: list[dict[str, Raw]] = [{} for _ in criteria]
    shared = _Shared()
    for chunk in chunks:
        for per_file in chunk:
            for result, item, raws in zip(results, per_file, answers, strict=True):
                if isinstance(item, list):
                    result.errors.extend(item)
                elif len(item) == 2:
                    result.outcomes.append(shared.outcome(item[0]))
                    raws[item[0][0]] = item[1]
                else:
                    result.outcomes.append(shared.outcome(item))
        if progress is not None:
            progress(len(chunk))
    paths = {label: path for path, label in files}
    for result, loaded, raws in zip(results, criteria, answers, strict=True):
        result.outcomes, duplicates = _reject_duplicates(result.outcomes, paths)
        result.errors.extend(duplicates)
        result.errors.sort()
        if loaded.minmax:
            _score_cohort(result, loaded, raws)
    return results


class _Shared:
    """One object for each value that many outcomes repeat (kind, province, tags, level,
    failed gates, missing indicators): a worker's results arrive as copies of their own,
    some 400 bytes a region (30 MB at 75,000) that the run would otherwise keep."""

    def __init__(self) -> None:
        self.seen: dict[object, Any] = {}

    def outcome(self, fields: Fields) -> Outcome:
        (file, region_id, name, kind, province, tags, total) = fields[:7]
        (scores, ties, missing, eligible, failed, level) = fields[7:]
        one = self.seen.setdefault
        return Outcome(
            file,
            region_id,
            name,
            one(kind, kind),
            one(province, province),
            one(tags, tags),
            total,
            scores,
            ties,
            one(missing, missing),
            eligible,
            one(failed, failed),
            one(level, level),
        )


def _score_cohort(result: BatchResult, loaded: LoadedCriteria, answers: dict[str, Raw]) -> None:
    """The second step of cohort scoring (`smartcity_score.cohort`): goalposts from the
    valid regions' raw answers, then every outcome rescored in the parent, no file read."""
    cohort = Cohort.of(loaded.minmax, [answers[o.file] for o in result.outcomes])
    resolved = loaded.with_cohort(cohort)
    result.outcomes = rescore(result.outcomes, answers, resolved.criteria, resolved.scorer)
    result.cohort = resolved
    result.raw = {o.file: answers[o.file] for o in result.outcomes}


@contextmanager
def worker_pool(
    loaded: LoadedCriteria, criteria_path: Path, workers: int
) -> Iterator[ProcessPoolExecutor | None]:
    """`workers` processes (None for one), started at once: forked before the parent
    holds a list of files, they share less memory with it, and they load the criteria
    while it walks the folders."""
    with _pool([(loaded, criteria_path)], workers) as pool:
        yield pool


@contextmanager
def _pool(
    criteria: Sequence[tuple[LoadedCriteria, Path]], workers: int
) -> Iterator[ProcessPoolExecutor | None]:
    if workers <= 1:
        yield None
        return
    # Imported here: multiprocessing would cost every `assess` a few milliseconds.
    from concurrent.futures import ProcessPoolExecutor

    sources = [(str(path), loaded.document.file) for loaded, path in criteria]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(sources,)
    ) as pool:
        pool.submit(int)  # the first task starts every worker
        yield pool


def _results(
    files: Sequence[tuple[Path, str]],
    criteria: Sequence[tuple[LoadedCriteria, Path]],
    workers: int,
    pool: ProcessPoolExecutor | None,
) -> Iterable[list[list[Result]]]:
    size = CHUNK
    if pool is not None or workers > 1:
        size = max(CHUNK, min(MAX_CHUNK, len(files) // (max(workers, 1) * CHUNKS_PER_WORKER)))
    jobs = [
        [(str(p), label) for p, label in files[i : i + size]] for i in range(0, len(files), size)
    ]
    if pool is None and (workers <= 1 or len(jobs) <= 1):
        loaded = [one for one, _ in criteria]
        for job in jobs:
            yield [_each(path, label, loaded) for path, label in job]
        return
    if pool is not None:
        yield from pool.map(_run_chunk, jobs)
        return
    with _pool(criteria, workers) as started:
        assert started is not None
        yield from started.map(_run_chunk, jobs)


def duplicate_ids(entries: Sequence[tuple[str, str, tuple[int, int]]]) -> list[Problem]:
    """A problem for every file of a region id that several files use (SPEC §2).

    `entries` are (region id, file label, where the id stands in that file).
    """
    by_id: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for region_id, file, mark in entries:
        by_id.setdefault(region_id, []).append((file, mark))
    problems: list[Problem] = []
    for region_id, files in by_id.items():
        if len(files) < 2:
            continue
        for file, (line, column) in files:
            others = ", ".join(other for other, _ in files if other != file)
            message = msg("duplicate_region", id=region_id, others=others)
            problems.append(Problem.of(file, line, column, message, "duplicate-region"))
    return problems


def _reject_duplicates(
    outcomes: list[Outcome], paths: dict[str, Path]
) -> tuple[list[Outcome], list[Problem]]:
    counts = Counter(o.region_id for o in outcomes)
    repeated = [o for o in outcomes if counts[o.region_id] > 1]
    # Rare: only now read those files again, to point at where each one's id stands.
    entries = [(o.region_id, o.file, _id_mark(paths[o.file], o.file)) for o in repeated]
    problems = duplicate_ids(entries)
    rejected = {p.file for p in problems}
    return [o for o in outcomes if o.file not in rejected], problems


def _id_mark(path: Path, label: str) -> tuple[int, int]:
    try:
        return load_path(path, label).where(("region", "id"))
    except LoadFailed:  # the file changed since it was scored
        return (1, 1)

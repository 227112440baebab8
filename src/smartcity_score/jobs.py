"""What each command does, free of Typer and Rich: inputs in, a report object out."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartcity_score import batch
from smartcity_score.cohort import Cohort, Raw, raw
from smartcity_score.criteria_sets import (
    LoadedCriteria,
    load_criteria,
    require_language,
    resolve,
    validate_bytes,
)
from smartcity_score.explain import card
from smartcity_score.loader import LoadFailed, load_path, read_limited
from smartcity_score.messages import msg
from smartcity_score.problems import InvalidInput, Problem, Severity, UsageError
from smartcity_score.ranking import Outcome, group_ranks, rank
from smartcity_score.regions import InvalidRegion, Region, load_region
from smartcity_score.report import AssessReport, ProblemReport, RankReport

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    # Imported where used: only a command given review files needs them (a cold `assess`).
    from smartcity_score.reviews import PanelResult, Review

GROUP_FIELDS = ("kind", "province")

# Given how many items there are, how many workers share them and what is done to them
# ("scoring", "sampling"), a callback that takes how many are done, or None for no
# progress display: the command line's progress bar.
Progress = Callable[[int, int, str], Callable[[int], None] | None]


def load(criteria: str | None, lang: str | None = None) -> tuple[LoadedCriteria, Path]:
    """The criteria `-c` names (the default set without one), in which `--lang` must be one
    of the languages of its texts."""
    path, label = resolve(criteria)
    loaded = load_criteria(path, label)
    require_language(loaded, lang)
    return loaded, path


def check_group_field(name: str) -> None:
    if name not in GROUP_FIELDS and not (name.startswith("tags.") and len(name) > 5):
        raise UsageError(f"cannot group by '{name}': use kind, province or tags.KEY")


def rank_job(
    paths: Sequence[str],
    criteria: str | None,
    *,
    select: int | None = None,
    group_by: str | None = None,
    workers: int = 1,
    lang: str | None = None,
    progress: Progress | None = None,
    follow_links: bool = False,
    reviews: Sequence[str] | None = None,
) -> RankReport:
    """Score every region file under `paths`, rank them and select (SPEC §4); with
    `reviews`, on the scores the panel verified (SPEC §6)."""
    from smartcity_score.reviews import agreement, disagreement_warnings, flip_risks, verify

    if select is not None and select < 1:
        raise UsageError("--select takes a whole number of at least 1")
    if group_by is not None:
        check_group_field(group_by)
    loaded, path = load(criteria, lang)
    found: list[Review] = []
    review_errors: list[Problem] = []
    count = 0
    claims: dict[str, dict[str, Any]] = {}
    with batch.worker_pool(loaded, path, workers) as pool:
        if pool is None:
            files, missing = batch.discover(paths, follow_links=follow_links)
            tick = progress(len(files), workers, "scoring") if progress else None
            result = batch.run(files, loaded, path, workers, tick, pool)
        else:  # the workers parse while the walk goes on
            bar = (lambda total: progress(total, workers, "scoring")) if progress else None
            files, missing, result = batch.run_streamed(
                paths, loaded, pool, workers, follow_links=follow_links, progress=bar
            )
        if reviews is not None:
            found, review_errors, count = read_reviews(reviews, loaded, follow_links, pool, workers)
            requests = _claims_wanted(result.outcomes, found, files)
            claims = batch.read_answers(requests, pool, workers)
    loaded = result.cohort or loaded  # scored against the run's cohort (SPEC §1 v1.1)
    criteria_model = loaded.criteria
    outcomes = result.outcomes
    panel: PanelResult | None = None
    if reviews is not None:
        panel = verify(
            outcomes, found, loaded.scorer, claimed_answers=lambda o: claims.get(o.file, {})
        )
        panel.errors = sorted([*review_errors, *panel.errors])
        panel.files = count
        panel.agreement = agreement(panel, loaded.scorer)
        outcomes = panel.outcomes
    ranking = rank(outcomes, criteria_model.selection, select, lang)
    errors = sorted([*missing, *result.errors, *(panel.errors if panel else ())])
    if panel is not None:
        ranks = {placed.outcome.file: placed.rank for placed in ranking.placed}
        ranking.warnings.extend(disagreement_warnings(panel, ranks, lang))
        verified = panel.by_file
        claimed = [verified[o.file].claimed if o.file in verified else o for o in outcomes]

        def chosen(trial: list[Outcome]) -> set[str]:
            placed = rank(trial, criteria_model.selection, select, lang).placed
            return {p.outcome.file for p in placed if p.selected}

        panel.claimed_selected = chosen(claimed)
        now = {p.outcome.file for p in ranking.placed if p.selected}
        panel.at_risk = flip_risks(panel, loaded.scorer, criteria_model.selection, select, now)
    report = RankReport(
        loaded=loaded,
        placed=ranking.placed,
        errors=errors,
        warnings=ranking.warnings,
        files=len(files) + len(missing),
        lang=lang,
        group_by=group_by,
        panel=panel,
    )
    if group_by is not None:
        report.group_ranks = group_ranks(ranking.placed, group_by)
    return report


def _claims_wanted(
    outcomes: Sequence[Outcome], reviews: Sequence[Review], files: Sequence[tuple[Path, str]]
) -> list[batch.AnswerRequest]:
    """For each reviewed region, its file and the indicators its reviews cover: what it
    claimed there is shown beside what the panel found."""
    by_region: dict[str, set[str]] = {}
    for review in reviews:
        by_region.setdefault(review.region, set()).update(review.answers)
    paths = {label: str(path) for path, label in files}
    return [
        (paths[o.file], o.file, tuple(sorted(by_region[o.region_id])))
        for o in outcomes
        if o.region_id in by_region and o.file in paths
    ]


def read_reviews(
    paths: Sequence[str],
    loaded: LoadedCriteria,
    follow_links: bool = False,
    pool: ProcessPoolExecutor | None = None,
    workers: int = 1,
) -> tuple[list[Review], list[Problem], int]:
    """Every review file under `paths`, validated: the valid reviews, the problems of the
    others, and how many files there were (SPEC §6; folders walked as for `rank`)."""
    files, problems = batch.discover(paths, follow_links=follow_links)
    count = len(files) + len(problems)  # entries the walk could not take count as files
    found: list[Review] = []
    for review in batch.read_reviews(files, loaded, pool, workers):
        if isinstance(review, list):
            problems.extend(review)
        else:
            found.append(review)
    return found, problems, count


def read_reviews_each(
    paths: Sequence[str], loaded: Sequence[LoadedCriteria], follow_links: bool = False
) -> list[tuple[list[Review], list[Problem]]]:
    """`read_reviews` under each criteria, every review file walked to and parsed once:
    (valid reviews, problems) per criteria, in the order given."""
    files, missing = batch.discover(paths, follow_links=follow_links)
    read: list[tuple[list[Review], list[Problem]]] = [([], list(missing)) for _ in loaded]
    for per_file in batch.read_reviews_each(files, loaded):
        for (found, problems), review in zip(read, per_file, strict=True):
            if isinstance(review, list):
                problems.extend(review)
            else:
                found.append(review)
    return read


def verified_run(
    outcomes: list[Outcome],
    errors: list[Problem],
    loaded: LoadedCriteria,
    reviews: Sequence[str] | None,
    follow_links: bool = False,
    read: tuple[list[Review], list[Problem]] | None = None,
) -> tuple[list[Outcome], list[Problem], set[str]]:
    """`outcomes` on the scores the panel verified, with the review files' problems added,
    and which review files those are, so that a summary counts region files apart
    (`sensitivity`, `compare`); as given without `reviews`. `read`: the review files as
    `read_reviews_each` already read them, else they are read here."""
    panel, merged, invalid = verified_panel(outcomes, errors, loaded, reviews, follow_links, read)
    return (outcomes if panel is None else panel.outcomes), merged, invalid


def verified_panel(
    outcomes: list[Outcome],
    errors: list[Problem],
    loaded: LoadedCriteria,
    reviews: Sequence[str] | None,
    follow_links: bool = False,
    read: tuple[list[Review], list[Problem]] | None = None,
) -> tuple[PanelResult | None, list[Problem], set[str]]:
    """`verified_run`, keeping the whole panel (None without `reviews`): `sensitivity
    --vary reviews` draws each disputed indicator over its reviewers' scores."""
    if reviews is None:
        return None, errors, set()
    from smartcity_score.reviews import verify

    found, problems = read if read is not None else read_reviews(reviews, loaded, follow_links)[:2]
    panel = verify(outcomes, found, loaded.scorer)
    review_problems = [*problems, *panel.errors]
    merged = sorted([*errors, *review_problems])
    return panel, merged, {p.file for p in review_problems}


def review_template_job(region_file: str, criteria: str | None, lang: str | None) -> Iterator[str]:
    """A review file for one valid region file; an invalid one cannot be reviewed (exit 1)."""
    from smartcity_score.templates import review_template

    loaded, _ = load(criteria, lang)
    try:
        region = load_region(
            Path(region_file), loaded.criteria, loaded.scorer.indicators, region_file
        )
    except InvalidRegion as invalid:
        raise InvalidInput(invalid.problems) from None
    return review_template(loaded, region, lang)


def assess_job(
    paths: Sequence[str],
    criteria: str | None,
    lang: str | None,
    *,
    reviews: Sequence[str] | None = None,
    follow_links: bool = False,
    cohort: Sequence[str] | None = None,
    workers: int = 1,
) -> AssessReport:
    """A score card for each region file, in the order given; with `reviews`, on the
    scores the panel verified (SPEC §6; reviews of other regions are only counted).
    Criteria with `minmax` indicators score against the cohort of the regions given,
    plus the valid regions under `cohort` (SPEC §1 v1.1), read by `workers` processes."""
    loaded, path = load(criteria, lang)
    regions: list[Region] = []
    errors: list[Problem] = []
    for given in paths:
        try:
            regions.append(
                load_region(Path(given), loaded.criteria, loaded.scorer.indicators, given)
            )
        except InvalidRegion as invalid:
            errors.extend(invalid.problems)
    errors.extend(batch.duplicate_ids([(r.info.id, r.file, r.id_mark) for r in regions]))
    rejected = {problem.file for problem in errors}
    regions = [region for region in regions if region.file not in rejected]
    if loaded.minmax:
        resolved = _with_cohort(loaded, path, regions, cohort or (), follow_links, workers)
        loaded, cohort_errors = resolved
        errors.extend(set(cohort_errors) - set(errors))  # an assessed file may be under PATH
    scorer = loaded.scorer
    if reviews is None:
        cards = [card(loaded, region, lang) for region in regions]
        outcomes = [
            batch.outcome_of(r, loaded.criteria, scorer, c.scores)
            for r, c in zip(regions, cards, strict=True)
        ]
        return AssessReport(loaded, cards, outcomes, sorted(errors), [], len(paths), lang)
    from smartcity_score.reviews import agreement, disagreement_warnings, scores_of, verify

    claimed = [batch.evaluate(region, loaded.criteria, scorer) for region in regions]
    found, review_errors, count = read_reviews(reviews, loaded, follow_links)
    answers = {region.file: region.answers for region in regions}
    panel = verify(
        claimed, found, scorer, claimed_answers=lambda o: answers[o.file], unknown_is_error=False
    )
    panel.errors = sorted([*review_errors, *panel.errors])
    panel.files = count
    panel.agreement = agreement(panel, scorer)
    cards = []
    for region, outcome in zip(regions, panel.outcomes, strict=True):
        verification = panel.by_file.get(region.file)
        verified = None if verification is None else (scores_of(outcome, scorer), verification)
        cards.append(card(loaded, region, lang, verified))
    warnings = disagreement_warnings(panel, {}, lang)
    errors = sorted([*errors, *panel.errors])
    return AssessReport(
        loaded, cards, panel.outcomes, errors, warnings, len(paths), lang, panel=panel
    )


def _with_cohort(
    loaded: LoadedCriteria,
    path: Path,
    regions: Sequence[Region],
    paths: Sequence[str],
    follow_links: bool,
    workers: int,
) -> tuple[LoadedCriteria, list[Problem]]:
    """The criteria resolved for `assess`'s cohort: the regions assessed and the valid
    regions under `paths`, a file of an assessed region's id replaced by that region; and
    the problems of the files under `paths` (reported as any input's are)."""
    members: dict[str, Raw] = {}
    problems: list[Problem] = []
    if paths:
        files, problems = batch.discover(paths, follow_links=follow_links)
        result = batch.run(files, loaded, path, workers)
        problems.extend(result.errors)
        members = {o.region_id: result.raw[o.file] for o in result.outcomes}
    for region in regions:
        members[region.info.id] = raw(region.answers, loaded.minmax)
    return loaded.with_cohort(Cohort.of(loaded.minmax, list(members.values()))), problems


def validate_job(
    paths: Sequence[str],
    criteria: str | None,
    *,
    follow_links: bool = False,
    reviews: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> tuple[ProblemReport, int]:
    """Validate region files (and review files) against the criteria without scoring them.

    With region files too, a review of a region that is not among the valid ones is a
    problem, as in `rank`. Also returns how many review files there were.
    """
    loaded, path = load(criteria)
    files, missing = batch.discover(paths, follow_links=follow_links)
    tick = progress(len(files), 1, "validating") if progress else None
    result = batch.run(files, loaded, path, workers=1, progress=tick)
    problems = [*missing, *result.errors]
    count = 0
    if reviews is not None:
        from smartcity_score.reviews import verify

        found, review_errors, count = read_reviews(reviews, loaded, follow_links)
        panel = verify(result.outcomes, found, loaded.scorer, unknown_is_error=bool(paths))
        problems.extend([*review_errors, *panel.errors])
    report = ProblemReport(sorted(problems), len(files) + len(missing) + count, False)
    return report, count


def check_job(
    paths: Sequence[str], *, examples: str | None = None, follow_links: bool = False
) -> ProblemReport:
    """Check criteria files (and, with `examples`, the region files written for them)."""
    files, problems = batch.discover(paths, follow_links=follow_links)
    unread = len(problems)  # entries the walk could not take count as files, as in rank
    valid: dict[str, tuple[Path, str]] = {}
    for path, label in files:
        try:
            raw = read_limited(path, label)
        except LoadFailed as failed:
            problems.extend(failed.problems)
            continue
        found = validate_bytes(raw, label)
        problems.extend(found)
        if not any(p.severity is Severity.ERROR for p in found):
            valid[_criteria_id(path, label)] = (path, label)
    checked = len(files) + unread
    if examples is not None:
        example_problems, count = _check_examples(examples, valid, follow_links)
        problems.extend(example_problems)
        checked += count
    return ProblemReport(sorted(problems), checked, True)


def _criteria_id(path: Path, label: str) -> str:
    document = load_path(path, label)
    value = document.data.get("id")
    return value if isinstance(value, str) else label


def _check_examples(
    folder: str, valid: dict[str, tuple[Path, str]], follow_links: bool
) -> tuple[list[Problem], int]:
    files, problems = batch.discover([folder], follow_links=follow_links)
    unread = len(problems)
    loaded = {cid: load_criteria(path, label) for cid, (path, label) in valid.items()}
    ids: dict[str, list[tuple[str, str, tuple[int, int]]]] = {}
    for path, label in files:
        target = _target(path, label, loaded)
        if isinstance(target, Problem):
            problems.append(target)
            continue
        if target is None:
            continue
        try:
            region = load_region(path, target.criteria, target.scorer.indicators, label)
        except InvalidRegion as invalid:
            problems.extend(invalid.problems)
            continue
        ids.setdefault(target.criteria.id, []).append((region.info.id, label, region.id_mark))
    for entries in ids.values():
        problems.extend(batch.duplicate_ids(entries))
    return problems, len(files) + unread


def _target(
    path: Path, label: str, loaded: dict[str, LoadedCriteria]
) -> LoadedCriteria | Problem | None:
    """The criteria a region file is for: the only one checked, or the one it names."""
    if len(loaded) == 1:
        return next(iter(loaded.values()))
    try:
        document = load_path(path, label)
    except LoadFailed as failed:
        return failed.problems[0]
    named = document.data.get("criteria")
    if isinstance(named, str) and named in loaded:
        return loaded[named]
    if isinstance(named, str):
        return None  # written for criteria not being checked here
    line, column = document.where(())
    message = msg("check_criteria_unknown")
    return Problem.of(label, line, column, message, "criteria-unknown", Severity.WARNING)

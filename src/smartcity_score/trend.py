"""The same regions over several assessment rounds (issue 14, point 5).

Each round is a folder of region files ranked as `rank` ranks it, under one
criteria file for every round. Regions are matched by region id: each region's
rank, total and level per round, its change from the first round to the last,
and who moved most. A region missing from some rounds is kept and marked, never
dropped, so a region that did not apply again cannot vanish from the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from smartcity_score import batch
from smartcity_score.cohort import Cohort
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import rounded
from smartcity_score.problems import Problem, UsageError
from smartcity_score.ranking import Placed, Ranking, rank

# The four "moved most" headings, in the order every renderer shows them.
MOVES = ("rank_rise", "rank_fall", "total_rise", "total_fall")


@dataclass(frozen=True)
class Round:
    """One round as ranked: its label, its ranking, the files read and how many were invalid."""

    label: str
    ranking: Ranking
    files: int
    invalid: int = 0
    # The goalposts of the round's `minmax` indicators: each round is its own cohort.
    cohort: Cohort | None = None

    @property
    def selected(self) -> int:
        return sum(1 for p in self.ranking.placed if p.selected)


@dataclass(frozen=True)
class RegionTrend:
    """One region over every round; `points[i]` is None where round i has no valid file."""

    region_id: str
    name: str  # as in the latest round the region is in
    points: tuple[Placed | None, ...]

    @property
    def rank_change(self) -> int | None:
        """Places gained from the first round to the last (negative: lost); None unless
        the region is ranked in both."""
        first, last = self.points[0], self.points[-1]
        if first is None or last is None:
            return None
        return first.rank - last.rank

    @property
    def total_change(self) -> float | None:
        """Points gained from the first round to the last, to 6 decimals; None unless in both."""
        first, last = self.points[0], self.points[-1]
        if first is None or last is None:
            return None
        return rounded(last.outcome.total - first.outcome.total) + 0.0

    @property
    def absent(self) -> list[int]:
        """The rounds (by index) the region is not ranked in."""
        return [i for i, point in enumerate(self.points) if point is None]


@dataclass(frozen=True)
class Move:
    """A largest change of one kind (MOVES) and every region that made it (ties all named)."""

    kind: str
    change: float
    regions: tuple[RegionTrend, ...]


@dataclass
class Trend:
    loaded: LoadedCriteria
    rounds: list[Round]
    regions: list[RegionTrend]  # last round's rank order, then the others (see `trend`)
    moves: dict[str, Move | None]  # keyed by MOVES; None when no region moved that way
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.rounds]

    @property
    def files(self) -> int:
        return sum(r.files for r in self.rounds)


def trend(loaded: LoadedCriteria, rounds: Sequence[Round]) -> Trend:
    """Set the rounds' rankings side by side, matched by region id.

    Regions come in the last round's rank order; then those missing from it, by the
    latest round they are in and their rank there (then by id).
    """
    by_round = [{p.outcome.region_id: p for p in r.ranking.placed} for r in rounds]
    ids: set[str] = set().union(*by_round)

    def order(region_id: str) -> tuple[int, int, str]:
        latest = max(i for i, placed in enumerate(by_round) if region_id in placed)
        return (len(by_round) - latest, by_round[latest][region_id].rank, region_id)

    regions = []
    for region_id in sorted(ids, key=order):
        points = tuple(placed.get(region_id) for placed in by_round)
        name = next(p for p in reversed(points) if p is not None).outcome.name
        regions.append(RegionTrend(region_id, name, points))
    moves = {
        "rank_rise": _most(regions, "rank_rise", lambda r: r.rank_change),
        "rank_fall": _most(regions, "rank_fall", lambda r: _negated(r.rank_change)),
        "total_rise": _most(regions, "total_rise", lambda r: r.total_change),
        "total_fall": _most(regions, "total_fall", lambda r: _negated(r.total_change)),
    }
    return Trend(loaded, list(rounds), regions, moves)


def _negated(value: float | None) -> float | None:
    return None if value is None else -value


def _most(
    regions: Sequence[RegionTrend], kind: str, gain: Callable[[RegionTrend], float | None]
) -> Move | None:
    """The largest positive `gain` and every region with it, in report order."""
    gains = [(g, r) for r in regions if (g := gain(r)) is not None and g > 0]
    if not gains:
        return None
    best = max(g for g, _ in gains)
    change = best if kind.endswith("rise") else -best
    return Move(kind, change + 0.0, tuple(r for g, r in gains if g == best))


def round_labels(folders: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The label of each round: as given with --label, else the folder's name."""
    if len(folders) < 2:
        raise UsageError("trend needs at least two round folders, oldest first")
    if labels and len(labels) != len(folders):
        raise UsageError(
            f"{len(labels)} --label value(s) for {len(folders)} round folder(s): give one per round"
        )
    chosen = list(labels) or [os.path.basename(os.path.normpath(f)) or f for f in folders]
    repeated = sorted({label for label in chosen if chosen.count(label) > 1})
    if repeated:
        raise UsageError(
            f"two rounds would be labelled {', '.join(repeated)}: name each with --label"
        )
    return chosen


def trend_job(
    folders: Sequence[str],
    criteria: str | None,
    *,
    labels: Sequence[str] = (),
    workers: int = 1,
    lang: str | None = None,
    follow_links: bool = False,
) -> Trend:
    """Rank each round folder as `rank` would (one criteria for all) and set them side by side."""
    from smartcity_score.jobs import load

    names = round_labels(folders, labels)
    loaded, path = load(criteria, lang)
    rounds: list[Round] = []
    errors: list[Problem] = []
    warnings: list[str] = []
    with batch.worker_pool(loaded, path, workers) as pool:
        for folder, label in zip(folders, names, strict=True):
            files, missing = batch.discover([folder], follow_links=follow_links)
            if not files and not missing:
                raise UsageError(f"no region files (*.yaml, *.yml) in round {label}: {folder}")
            result = batch.run(files, loaded, path, workers, None, pool)
            ranking = rank(result.outcomes, loaded.criteria.selection, None, lang)
            problems = [*missing, *result.errors]
            invalid = len({p.file for p in problems})
            cohort = result.cohort.cohort if result.cohort else None
            rounds.append(Round(label, ranking, len(files) + len(missing), invalid, cohort))
            errors.extend(problems)
            warnings.extend(f"{label}: {warning}" for warning in ranking.warnings)
    report = trend(loaded, rounds)
    report.errors = sorted(set(errors))
    report.warnings = warnings
    return report

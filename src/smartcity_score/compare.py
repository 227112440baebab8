"""What a criteria change does to who gets selected (issue 7).

The same region files are ranked under an old and a new criteria file, each as
`rank` would rank them, and the two rankings are set side by side: who enters
and who leaves the selection, who moves in rank, and how the scores of the
top-level dimensions present in both files change. Regions are matched by
region id.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smartcity_score import batch
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import TOTAL, rounded, shares
from smartcity_score.i18n import t
from smartcity_score.messages import msg, verbatim
from smartcity_score.problems import Problem, UsageError
from smartcity_score.ranking import Placed, Ranking, rank
from smartcity_score.similarity import NO_SELECTION, Similarity, similarity

if TYPE_CHECKING:
    from smartcity_score.jobs import Progress


@dataclass(frozen=True)
class RegionChange:
    """One region under both criteria (`None` where its file was invalid under one)."""

    region_id: str
    name: str
    old: Placed | None
    new: Placed | None
    scores: dict[str, tuple[float | None, float | None]]  # TOTAL and each common dimension

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost (negative); None unless ranked under both."""
        if self.old is None or self.new is None:
            return None
        return self.old.rank - self.new.rank

    @property
    def enters(self) -> bool:
        return self.new is not None and self.new.selected and not _selected(self.old)

    @property
    def leaves(self) -> bool:
        return self.old is not None and self.old.selected and not _selected(self.new)

    @property
    def changed(self) -> bool:
        if self.old is None or self.new is None:
            return True
        return (
            self.rank_change != 0
            or self.old.selected != self.new.selected
            or self.old.outcome.eligible != self.new.outcome.eligible
            or any(_differs(old, new) for old, new in self.scores.values())
        )


@dataclass(frozen=True)
class DimensionChange:
    """How one top-level dimension (or the total) changed over the regions scored under both."""

    id: str
    old_share: float | None  # weight share in the total, None for TOTAL
    new_share: float | None
    mean: float  # mean score change
    lowest: tuple[float, str] | None  # (change, region id), most negative
    highest: tuple[float, str] | None
    regions_changed: int


@dataclass
class Comparison:
    old: LoadedCriteria
    new: LoadedCriteria
    old_label: str
    new_label: str
    regions: list[RegionChange]  # new rank order, then regions ranked only under the old
    dimensions: list[DimensionChange]  # TOTAL first, then the common dimensions in new order
    added: list[str]  # top-level dimensions only in the new criteria
    removed: list[str]
    old_seats: int | None
    new_seats: int | None
    similarity: Similarity  # the two rankings over the regions ranked under both
    selected_similarity: Similarity  # ... and over those selected under either
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    lang: str | None = None
    invalid_reviews: set[str] = field(default_factory=set)  # review files among `errors`

    @property
    def invalid_regions(self) -> int:
        """Region files listed as invalid (not the review files among `errors`)."""
        return len({p.file for p in self.errors} - self.invalid_reviews)

    @property
    def entering(self) -> list[RegionChange]:
        return [r for r in self.regions if r.enters]

    @property
    def leaving(self) -> list[RegionChange]:
        return sorted((r for r in self.regions if r.leaves), key=_old_place)

    @property
    def moves(self) -> list[RegionChange]:
        """Regions whose rank changed, largest change first (then new rank, then id)."""
        moved = [r for r in self.regions if r.rank_change]
        return sorted(moved, key=lambda r: (-abs(r.rank_change or 0), _new_place(r), r.region_id))

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.regions)


def _selected(placed: Placed | None) -> bool:
    return placed is not None and placed.selected


def _old_place(region: RegionChange) -> tuple[int, str]:
    return (region.old.rank if region.old else 0, region.region_id)


def _new_place(region: RegionChange) -> int:
    return region.new.rank if region.new else 0


def _differs(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return rounded(old) != rounded(new)


def _score_of(loaded: LoadedCriteria, placed: Placed | None, node: str) -> float | None:
    if placed is None:
        return None
    if node == TOTAL:
        return placed.outcome.total
    value = placed.outcome.scores[loaded.scorer.index[node]]
    return None if math.isnan(value) else value


def _shares(loaded: LoadedCriteria) -> dict[str, float]:
    dimensions = loaded.criteria.dimensions
    ids = [d.id for d in dimensions]
    return dict(zip(ids, shares([d.weight for d in dimensions]), strict=True))


def compare(
    old: LoadedCriteria,
    new: LoadedCriteria,
    old_ranking: Ranking,
    new_ranking: Ranking,
    labels: tuple[str, str] = ("old", "new"),
    count: int | None = None,
) -> Comparison:
    """Set two rankings of the same applicants side by side."""
    old_ids = [d.id for d in old.criteria.dimensions]
    new_ids = [d.id for d in new.criteria.dimensions]
    common = [d for d in new_ids if d in old_ids]
    before = {p.outcome.region_id: p for p in old_ranking.placed}
    after = {p.outcome.region_id: p for p in new_ranking.placed}
    ordered = [*after, *(r for r in before if r not in after)]
    regions = []
    for region_id in ordered:
        was, now = before.get(region_id), after.get(region_id)
        known = now if now is not None else was
        assert known is not None  # every id comes from one of the two rankings
        scores = {
            node: (_score_of(old, was, node), _score_of(new, now, node))
            for node in [TOTAL, *common]
        }
        regions.append(RegionChange(region_id, known.outcome.name, was, now, scores))
    old_seats, new_seats = _seats(old, count), _seats(new, count)
    old_shares, new_shares = _shares(old), _shares(new)
    dimensions = [
        _dimension(node, regions, old_shares.get(node), new_shares.get(node))
        for node in [TOTAL, *common]
    ]
    return Comparison(
        old,
        new,
        labels[0],
        labels[1],
        regions,
        dimensions,
        added=[d for d in new_ids if d not in old_ids],
        removed=[d for d in old_ids if d not in new_ids],
        old_seats=old_seats,
        new_seats=new_seats,
        similarity=_similarity(regions),
        selected_similarity=(
            _similarity([r for r in regions if _selected(r.old) or _selected(r.new)])
            if old_seats is not None or new_seats is not None
            else Similarity(0, reason=NO_SELECTION)
        ),
    )


def _similarity(regions: Sequence[RegionChange]) -> Similarity:
    """The coefficients over those of `regions` ranked under both criteria, by their ranks
    in the full rankings (only their order among these regions counts)."""
    both = [(r.old.rank, r.new.rank) for r in regions if r.old is not None and r.new is not None]
    return similarity([old for old, _ in both], [new for _, new in both])


def _seats(loaded: LoadedCriteria, count: int | None) -> int | None:
    selection = loaded.criteria.selection
    return count if count is not None else (selection.count if selection else None)


def _dimension(
    node: str, regions: Sequence[RegionChange], old_share: float | None, new_share: float | None
) -> DimensionChange:
    deltas = []
    for region in regions:
        old, new = region.scores[node]
        if old is not None and new is not None:
            deltas.append((rounded(new - old) + 0.0, region.region_id))
    mean = sum(d for d, _ in deltas) / len(deltas) if deltas else 0.0
    changed = sum(1 for d, _ in deltas if d != 0)
    if not changed:
        return DimensionChange(node, old_share, new_share, 0.0, None, None, 0)
    # Of equal changes, the best-placed region (regions come in new rank order) is named.
    lowest = min(deltas, key=lambda item: item[0])
    highest = max(deltas, key=lambda item: item[0])
    return DimensionChange(node, old_share, new_share, mean, lowest, highest, changed)


def compare_job(
    old: str,
    new: str,
    paths: Sequence[str],
    *,
    select: int | None = None,
    workers: int = 1,
    lang: str | None = None,
    follow_links: bool = False,
    reviews: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Rank the region files under `paths` with both criteria files and compare; with
    `reviews`, on the scores the panel verified, each criteria scoring the reviewers'
    values by its own rules."""
    from smartcity_score.jobs import load, verified_run

    if select is not None and select < 1:
        raise UsageError("--select takes a whole number of at least 1")
    old_loaded, old_path = load(old, lang)
    new_loaded, new_path = load(new, lang)
    files, missing = batch.discover(paths, follow_links=follow_links)
    # One pass over the files: each is read and parsed once and scored under both.
    criteria = [(old_loaded, old_path), (new_loaded, new_path)]
    tick = progress(len(files), workers, "scoring") if progress else None
    old_run, new_run = batch.run_each(files, criteria, workers, tick)
    # Each criteria's `minmax` goalposts come from the regions valid under it.
    old_loaded, new_loaded = old_run.cohort or old_loaded, new_run.cohort or new_loaded
    old_outcomes, old_errors, old_reviews = verified_run(
        old_run.outcomes, old_run.errors, old_loaded, reviews, follow_links
    )
    new_outcomes, new_errors, new_reviews = verified_run(
        new_run.outcomes, new_run.errors, new_loaded, reviews, follow_links
    )
    old_ranking = rank(old_outcomes, old_loaded.criteria.selection, select, lang)
    new_ranking = rank(new_outcomes, new_loaded.criteria.selection, select, lang)
    result = compare(old_loaded, new_loaded, old_ranking, new_ranking, (old, new), select)
    result.errors = _merge(old_errors, new_errors, missing)
    result.invalid_reviews = old_reviews | new_reviews
    old_label, new_label = t("old", lang).lower(), t("new", lang).lower()
    result.warnings = [f"{old_label}: {w}" for w in old_ranking.warnings]
    result.warnings += [f"{new_label}: {w}" for w in new_ranking.warnings]
    result.files = len(files) + len(missing)
    result.lang = lang
    return result


def _merge(old: list[Problem], new: list[Problem], missing: list[Problem]) -> list[Problem]:
    """Problems under either criteria; one found under only one of them says which."""
    both = set(old) & set(new)
    merged = {*missing, *both}
    merged |= {_tagged(p, "old") for p in old if p not in both}
    merged |= {_tagged(p, "new") for p in new if p not in both}
    return sorted(merged)


def _tagged(problem: Problem, side: str) -> Problem:
    words = problem.wording or verbatim(problem.message)
    key = "old_criteria_only" if side == "old" else "new_criteria_only"
    tagged = msg(key, problem=words)
    return dataclasses.replace(problem, message=str(tagged), wording=tagged)

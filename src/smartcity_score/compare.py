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
    # Why it enters or leaves the selection, in the run's language; None for the others.
    reason: str | None = None

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
    lang: str | None = None,
) -> Comparison:
    """Set two rankings of the same applicants side by side; each region that enters or
    leaves the selection says why, in `lang`."""
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
    cuts = (_merit_cut(old_ranking), _merit_cut(new_ranking))
    movers = [r for r in regions if r.enters or r.leaves]
    regions = [
        dataclasses.replace(r, reason=why(r, cuts, movers, lang)) if r.enters or r.leaves else r
        for r in regions
    ]
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


def _merit_cut(ranking: Ranking) -> float | None:
    """The lowest total selected on merit: the score a region must reach to be selected
    without a quota (None when nothing is selected on merit)."""
    totals = [p.outcome.total for p in ranking.placed if p.selected_by == "merit"]
    return min(totals, default=None)


def why(
    region: RegionChange,
    cuts: tuple[float | None, float | None],
    movers: Sequence[RegionChange],
    lang: str | None,
) -> str:
    """Why `region` enters or leaves the selection: its clauses joined by "; ".

    First what keeps it out under the criteria where it has no seat (an invalid file, a
    failed gate, a full quota and who holds the seat instead, a seat given up, or its
    total under the merit cut), then how it had or gets its seat (a quota seat, or its
    total passing the merit cut under the new criteria), and last its ranks. The quota
    reasons are the ranking's own (SPEC §4), in the words `rank` gives them; `movers`
    are all the regions that enter or leave.
    """
    clauses: list[str] = []
    if region.leaves:
        clauses += _kept_out(region.new, "new", movers, lang)
        if region.new is not None and not clauses:
            clauses.append(_against_cut(region, cuts[1], lang, entering=False))
        if region.old is not None and region.old.selected_by != "merit" and region.old.reason:
            clauses.append(
                t("why_under", lang, criteria=_side("old", lang), reason=region.old.reason)
            )
    elif region.new is not None:
        kept_out = _kept_out(region.old, "old", movers, lang)
        clauses += kept_out
        if region.new.selected_by != "merit" and region.new.reason:
            clauses.append(region.new.reason)
        elif region.old is None or not region.old.outcome.eligible or not kept_out:
            # A quota that kept it out explains the change better than the cut does.
            clauses.append(_against_cut(region, cuts[1], lang, entering=True))
    if region.old is not None and region.new is not None:
        old, new = region.old.rank, region.new.rank
        key = "why_same_rank" if old == new else "why_rank"
        clauses.append(t(key, lang, old=old, new=new))
    return "; ".join(clauses)


def _side(side: str, lang: str | None) -> str:
    """`old criteria` or `new criteria`, in `lang`."""
    return t(f"{side}_criteria", lang)


def _kept_out(
    placed: Placed | None, side: str, movers: Sequence[RegionChange], lang: str | None
) -> list[str]:
    """What keeps `placed` (ranked under `side` without a seat) out of the selection, but
    its total under the cut: the caller sets the total against the cut that matters."""
    if placed is None:
        return [t("why_invalid", lang, criteria=_side(side, lang))]
    if not placed.outcome.eligible:
        gates = ", ".join(placed.outcome.failed_gates)
        return [t("why_gate_failed", lang, gates=gates, criteria=_side(side, lang))]
    if placed.notice is None or placed.notice[0] == "reason_below_cut":
        return []
    reason = t("why_under", lang, criteria=_side(side, lang), reason=placed.reason)
    key, values = placed.notice
    if key == "reason_quota_full":
        # The seat it would have had: held by a region of the same group that has a seat
        # under these criteria and not under the other.
        holders = [
            m
            for m in movers
            if _has_seat(m, side)
            and m.region_id != placed.outcome.region_id
            and _placed(m, side).outcome.field(str(values["field"])) == values["value"]
        ]
        if holders:
            names = ", ".join(
                t("why_name_rank", lang, name=m.name, rank=_placed(m, side).rank) for m in holders
            )
            key = "why_quota_held_now" if side == "new" else "why_quota_held_then"
            reason = t(key, lang, reason=reason, names=names)
    return [reason]


def _has_seat(region: RegionChange, side: str) -> bool:
    return region.enters if side == "new" else region.leaves


def _placed(region: RegionChange, side: str) -> Placed:
    placed = region.new if side == "new" else region.old
    assert placed is not None  # a region with a seat under `side` is ranked under it
    return placed


def _against_cut(region: RegionChange, cut: float | None, lang: str | None, entering: bool) -> str:
    """`total rose 57.49 → 59.37 and passed the cut of 58.40`: its totals against the
    lowest total selected on merit under the new criteria (`cut`, None when the new
    criteria fill no seat on merit, which only a region that leaves can meet)."""
    old, new = region.scores[TOTAL]
    if old is None or new is None:
        total = t("why_total", lang, total=_two(new if old is None else old))
    elif _two(old) == _two(new):
        total = t("why_total_same", lang, total=_two(new))
    else:
        key = "why_total_rose" if new > old else "why_total_fell"
        total = t(key, lang, old=_two(old), new=_two(new))
    if cut is None:
        return t("why_no_merit_seat", lang, total=total)
    if entering:
        return t("why_passed_cut", lang, total=total, cut=_two(cut))
    if new is not None and rounded(new) >= rounded(cut):
        # Level with the last merit seat: the tie-breakers (SPEC §4) placed it after.
        return t("why_tied_at_cut", lang, total=total, cut=_two(cut))
    return t("why_missed_cut", lang, total=total, cut=_two(cut))


def _two(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


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
    from smartcity_score.jobs import load, read_reviews_each, verified_run

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
    # The review files too are walked to and parsed once, and validated under both.
    old_read, new_read = (
        read_reviews_each(reviews, [old_loaded, new_loaded], follow_links)
        if reviews is not None
        else (None, None)
    )
    old_outcomes, old_errors, old_reviews = verified_run(
        old_run.outcomes, old_run.errors, old_loaded, reviews, follow_links, old_read
    )
    new_outcomes, new_errors, new_reviews = verified_run(
        new_run.outcomes, new_run.errors, new_loaded, reviews, follow_links, new_read
    )
    old_ranking = rank(old_outcomes, old_loaded.criteria.selection, select, lang)
    new_ranking = rank(new_outcomes, new_loaded.criteria.selection, select, lang)
    result = compare(old_loaded, new_loaded, old_ranking, new_ranking, (old, new), select, lang)
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

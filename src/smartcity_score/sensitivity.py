"""How solid is the cut? The selection under perturbed weights (issue 7).

Monte Carlo: each sample perturbs every weight of the criteria tree (dimension,
sub-dimension and indicator weights alike), re-scores every region, re-checks
the score gates, re-ranks and re-selects with the rules of SPEC §4, quotas
included. Two ways to perturb:

- `uniform` (default): every weight is multiplied by its own factor drawn
  uniformly from [1 − spread, 1 + spread];
- `dirichlet`: the weight shares of each group's children are drawn together
  from a Dirichlet distribution centred on the nominal shares, with
  concentration κ = 3 / spread² − 1, so a share p has a standard deviation of
  spread·√(p(1 − p) / 3): for p = ½, spread / √3 of itself, as much as one
  `uniform` factor varies.

Indicator scores do not depend on weights, so they are taken from the nominal
outcomes and only the groups are recomputed, for all samples of a chunk at once
with numpy. Answer gates cannot change; score gates are re-evaluated.

One-at-a-time: each top-level dimension in turn is left out (weight 0, so the
others' weights are renormalised) and the selection is compared with the
nominal one.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from smartcity_score import batch
from smartcity_score.assumptions import (
    ASSUMPTIONS,
    WEIGHTS,
    AssumptionDraws,
    Attribution,
    Dispute,
    Variation,
    seat_changes,
)
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import TOTAL, Scorer
from smartcity_score.i18n import t
from smartcity_score.models import Criteria
from smartcity_score.problems import Problem, UsageError
from smartcity_score.rank_stats import RankQuantiles
from smartcity_score.ranking import Outcome, Placed, Selector, rank

if TYPE_CHECKING:
    from smartcity_score.jobs import Progress
    from smartcity_score.reviews import PanelResult

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

METHODS = ("uniform", "dirichlet")
MAX_SAMPLES = 100_000
# Samples × regions scored at once: one array per group of this many floats. At 75,000
# regions a chunk is one sample; a dozen groups and the ranking's temporaries of three
# samples cost some 40 MB more, for a per-chunk overhead that is small beside the sample.
CELLS = 100_000
DRAWN = 10_000  # samples of one sibling set's shares drawn at once to find the next set's start


@dataclass(frozen=True)
class Settings:
    samples: int = 1000
    spread: float = 0.2
    seed: int = 0
    method: str = "uniform"
    vary: tuple[str, ...] = ()  # assumptions besides the weights (assumptions.ASSUMPTIONS)

    def check(self) -> None:
        """Raise UsageError for settings the command cannot run with."""
        if not 1 <= self.samples <= MAX_SAMPLES:
            raise UsageError(f"--samples takes a whole number from 1 to {MAX_SAMPLES}")
        if not 0 <= self.spread <= 1:
            raise UsageError("--spread takes a number from 0 to 1 (0.2 means ±20%)")
        if self.method not in METHODS:
            raise UsageError(f"--method takes one of: {', '.join(METHODS)}")
        if self.seed < 0:
            raise UsageError("--seed takes a whole number of at least 0")
        unknown = [name for name in self.vary if name not in ASSUMPTIONS]
        if unknown:
            raise UsageError(f"--vary takes one of: {', '.join(ASSUMPTIONS)} (not {unknown[0]})")


@dataclass(frozen=True)
class RegionSensitivity:
    placed: Placed  # the nominal rank and selection
    median_rank: float
    low_rank: int  # 5th percentile of the sampled ranks
    high_rank: int  # 95th percentile
    p_selected: float


@dataclass(frozen=True)
class DimensionDrop:
    """The selection with one top-level dimension left out, against the nominal one."""

    dimension: str
    entering: tuple[str, ...]  # region ids, in their new rank order
    leaving: tuple[str, ...]  # region ids, in nominal rank order

    @property
    def changed(self) -> int:
        return max(len(self.entering), len(self.leaving))


@dataclass
class SensitivityReport:
    loaded: LoadedCriteria
    settings: Settings
    seats: int | None
    regions: list[RegionSensitivity]
    drops: list[DimensionDrop]
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    lang: str | None = None
    invalid_reviews: set[str] = field(default_factory=set)  # review files among `errors`
    attribution: list[Attribution] = field(default_factory=list)  # with `--vary` only

    @property
    def invalid_regions(self) -> int:
        """Region files listed as invalid (not the review files among `errors`)."""
        return len({p.file for p in self.errors} - self.invalid_reviews)

    @property
    def bubble(self) -> list[RegionSensitivity]:
        """Regions whose selection is not certain (0 < P < 1), most likely first."""
        unsure = [r for r in self.regions if 0 < r.p_selected < 1]
        return sorted(unsure, key=lambda r: -r.p_selected)  # stable: nominal order breaks ties


def round6(values: Floats) -> Floats:
    """Python's `round(x, 6)` elementwise, exactly (SPEC §4 compares at 6 decimals).

    numpy's round is `rint(x·1e6) / 1e6`, which agrees with Python's correctly
    rounded decimal result except when x·1e6 lies within float noise of a half;
    those few values are rounded by Python itself.
    """
    result = np.round(values, 6)
    with np.errstate(invalid="ignore"):
        scaled = values * 1e6
        doubtful = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-3
    for i in np.flatnonzero(doubtful):
        result.flat[i] = round(float(values.flat[i]), 6)
    return result


class WeightScorer:
    """Scores regions under many weightings of one criteria tree at once.

    `weights` has one row per weighting and one column per `Scorer.nodes`
    entry; results have one row per weighting and one column per region. The
    arithmetic mirrors `engine.aggregate` operation for operation (children in
    order, absent ones adding 0.0), so nominal weights give the engine's scores
    to the last bit under Python 3.11's `sum`; 3.12's compensated `sum` and
    numpy's log and exp (geometric groups) may differ from it by an ulp.
    """

    def __init__(
        self, scorer: Scorer, outcomes: Sequence[Outcome], disputes: tuple[Dispute, ...] = ()
    ) -> None:
        self.scorer = scorer
        self.disputes = disputes
        width = len(scorer.nodes)
        # Straight from each outcome's array of doubles: a list of Python floats per region
        # would cost 32 bytes a score (360 MB at 75,000 regions of 150 nodes).
        self.fixed: Floats = np.empty((width, len(outcomes)), dtype=np.float64)  # node × region
        for i, o in enumerate(outcomes):
            self.fixed[:, i] = np.frombuffer(o.scores, dtype=np.float64)
        # The unanswered indicators, for `--vary missing`: 0 under `zero`, NaN under `exclude`.
        self.missing = np.zeros(self.fixed.shape, dtype=np.bool_)
        for i, o in enumerate(outcomes):
            self.missing[[scorer.index[m] for m in o.missing], i] = True
        self.disputed: dict[int, list[int]] = {}  # indicator node → regions disputing it
        for region, node, _ in disputes:
            self.disputed.setdefault(node, []).append(region)

    def nominal(self) -> Floats:
        return np.array([[node.weight for node in self.scorer.nodes]], dtype=np.float64)

    def scores(
        self, weights: Floats, wanted: Sequence[str], vary: Variation | None = None
    ) -> dict[str, Floats]:
        """The scores of the `wanted` node ids (or 'total'); a missing one is NaN. `vary`
        draws each sample's aggregation and missing policy (default: the criteria's)."""
        nodes = self.scorer.nodes
        vary = vary or Variation()
        groups: dict[int, Floats] = {}
        for i in range(len(nodes) - 1, -1, -1):  # children come after their group
            if nodes[i].indicator is None:
                mode = (
                    nodes[i].geometric if vary.geometric is None else vary.geometric[:, i : i + 1]
                )
                groups[i] = self._aggregate(nodes[i].children, mode, weights, groups, vary)
        root = self.scorer.root_geometric if vary.geometric is None else vary.geometric[:, -1:]
        total = self._aggregate(self.scorer.roots, root, weights, groups, vary)
        total = np.where(np.isnan(total), 0.0, total)  # a missing root scores 0
        result: dict[str, Floats] = {}
        for name in wanted:
            position = self.scorer.index.get(name)
            if name == TOTAL:
                result[name] = total
            elif position is None:
                result[name] = np.full(total.shape, np.nan)
            else:
                value = groups.get(position)
                result[name] = (
                    value
                    if value is not None
                    else np.broadcast_to(self._indicator(position, vary), total.shape)
                )
        return result

    def _indicator(self, node: int, vary: Variation) -> Floats:
        """An indicator's scores: one row for every sample, or one per sample's draws."""
        scores: Floats = self.fixed[node][np.newaxis, :]
        if vary.exclude is not None:
            missing = self.missing[node]
            zeroed = np.where(missing, 0.0, self.fixed[node])
            scores = np.where(vary.exclude & missing, np.nan, zeroed)
        disputed = self.disputed.get(node)
        if disputed and vary.reviewed is not None:
            drawn = [vary.reviewed[region, node] for region in disputed]
            scores = np.array(np.broadcast_to(scores, (len(drawn[0]), scores.shape[1])))
            scores[:, disputed] = np.stack(drawn, axis=1)
        return scores

    def _aggregate(
        self,
        children: Sequence[int],
        geometric: bool | Bools,
        weights: Floats,
        groups: dict[int, Floats],
        vary: Variation,
    ) -> Floats:
        """SPEC §3.3 for every sample; `geometric` per sample (a column) under `--vary`."""
        shape = (weights.shape[0], self.fixed.shape[1])
        mixed = not isinstance(geometric, bool)
        weighted = np.zeros(shape)
        logs = np.zeros(shape) if mixed else weighted  # the geometric sum, when both are kept
        weight_sum = np.zeros(shape)
        zero = np.zeros(shape, dtype=np.bool_)
        for child in children:
            w = weights[:, child : child + 1]
            value = groups.get(child)
            s = value if value is not None else self._indicator(child, vary)
            present = ~np.isnan(s) & (w > 0)
            if geometric is True or mixed:
                zero |= present & (s <= 0)
                term = w * np.log(np.where(present & (s > 0), s, 1.0))
                logs += np.where(present, term, 0.0)
            if geometric is False or mixed:
                weighted += np.where(present, w * s, 0.0)
            weight_sum += np.where(present, w, 0.0)
        result = np.full(shape, np.nan)
        np.divide(weighted, weight_sum, out=result, where=weight_sum > 0)
        if geometric is False:
            return result
        means = result
        if mixed:
            means = np.full(shape, np.nan)
            np.divide(logs, weight_sum, out=means, where=weight_sum > 0)
        product = np.where(zero, 0.0, np.exp(means))
        return np.where(geometric, product, result) if mixed else product


class Reranker:
    """Ranks and selects every weighting's scores by the rules of SPEC §4."""

    def __init__(self, criteria: Criteria, outcomes: Sequence[Outcome], seats: int | None) -> None:
        self.outcomes = outcomes
        self.seats = seats
        self.quotas = criteria.selection.quotas if criteria.selection else []
        self.tie_breakers = list(criteria.tie_breakers)
        self.score_gates = [g for g in criteria.gates if g.score is not None]
        answer_gates = {g.id for g in criteria.gates if g.answer is not None}
        self.answers_pass: Bools = np.array(
            [not answer_gates.intersection(o.failed_gates) for o in outcomes], dtype=np.bool_
        )
        gate_nodes = [g.score for g in self.score_gates if g.score is not None]
        self.wanted = [TOTAL, *self.tie_breakers, *gate_nodes]
        by_id = sorted(range(len(outcomes)), key=lambda i: outcomes[i].region_id)
        self.id_order = np.empty(len(outcomes), dtype=np.float64)
        self.id_order[by_id] = np.arange(len(outcomes), dtype=np.float64)
        # The selector reads eligibility from the outcome: keep an eligible copy of each
        # region (a sample's own eligibility picks the candidates). Built once, it reads
        # every quota field once, not once per sample.
        as_eligible = [o if o.eligible else o._replace(eligible=True) for o in outcomes]
        self.selector = Selector(as_eligible, self.quotas)
        self.position = {o.region_id: i for i, o in enumerate(outcomes)}

    def run(self, values: dict[str, Floats]) -> tuple[Ints, Bools]:
        """Competition ranks and selected flags, one row per weighting."""
        order, ranks = self.ranks(values)
        return ranks, self._select(order, self._eligible(values))

    def ranks(self, values: dict[str, Floats]) -> tuple[Ints, Ints]:
        """Each weighting's regions in rank order, and their competition ranks."""
        total = values[TOTAL]
        samples, regions = total.shape
        keys = [np.broadcast_to(self.id_order, total.shape)]
        for node in reversed(self.tie_breakers):
            with np.errstate(invalid="ignore"):
                score = values[node]
                keys.append(np.where(np.isnan(score), np.inf, -round6(score)))
        keys.append(-round6(total))
        stacked = np.stack(keys)
        order = np.lexsort(stacked, axis=-1)
        ordered = np.take_along_axis(stacked[1:], order[np.newaxis], axis=-1)
        same = np.all(ordered[:, :, 1:] == ordered[:, :, :-1], axis=0)
        starts = np.arange(1, regions + 1, dtype=np.int64)[np.newaxis, :].repeat(samples, 0)
        starts[:, 1:][same] = 0
        ranks = np.empty((samples, regions), dtype=np.int64)
        np.put_along_axis(ranks, order, np.maximum.accumulate(starts, axis=1), axis=1)
        return order, ranks

    def _eligible(self, values: dict[str, Floats]) -> Bools:
        eligible = np.broadcast_to(self.answers_pass, values[TOTAL].shape).copy()
        for gate in self.score_gates:
            assert gate.score is not None
            score = values[gate.score]
            with np.errstate(invalid="ignore"):
                value = round6(score)
                passes = ~np.isnan(score)
                if gate.at_least is not None:
                    passes &= value >= gate.at_least
                if gate.at_most is not None:
                    passes &= value <= gate.at_most
            eligible &= passes
        return eligible

    def _select(self, order: Ints, eligible: Bools) -> Bools:
        selected = np.zeros(order.shape, dtype=np.bool_)
        if self.seats is None:
            return selected
        for s in range(order.shape[0]):
            row = order[s]
            chosen, _ = self.selector.run(row[eligible[s, row]].tolist(), self.seats)
            selected[s, list(chosen)] = True
        return selected


class WeightDraws:
    """The samples' perturbed weights, drawn chunk by chunk and the same on every pass
    (PCG64 seeded with `settings.seed`), so no pass holds more than one chunk of them.

    A chunk continues the generator's stream where the last one stopped, so chunks
    together are exactly the draws of all samples at once. `dirichlet` draws each sibling
    set's shares for all samples in turn: the generator's state at the start of each
    set is found once, by drawing (and dropping) the sets before it.
    """

    def __init__(self, scorer: Scorer, settings: Settings) -> None:
        self.settings = settings
        self.nominal = np.array([node.weight for node in scorer.nodes], dtype=np.float64)
        self.sets: list[tuple[list[int], Floats, np.random.Generator]] = []
        if settings.method != "dirichlet" or settings.spread == 0:
            return
        generator = np.random.Generator(np.random.PCG64(settings.seed))
        concentration = 3 / settings.spread**2 - 1
        sets = [scorer.roots, *(node.children for node in scorer.nodes if node.indicator is None)]
        for siblings in sets:
            positive = [c for c in siblings if self.nominal[c] > 0]
            if len(positive) < 2:
                continue  # a single child keeps its whole share whatever its weight
            alpha = concentration * self.nominal[positive] / self.nominal[positive].sum()
            self.sets.append((positive, alpha, copy.deepcopy(generator)))
            for start in range(0, settings.samples, DRAWN):
                generator.dirichlet(alpha, size=min(DRAWN, settings.samples - start))

    def chunks(self, size: int) -> Iterator[Floats]:
        """The weights of every sample, `size` rows at a time (one column per node)."""
        count, spread = self.settings.samples, self.settings.spread
        generator = np.random.Generator(np.random.PCG64(self.settings.seed))
        by_set = [copy.deepcopy(start) for _, _, start in self.sets]
        for start in range(0, count, size):
            rows = min(size, count - start)
            weights = np.repeat(self.nominal[np.newaxis, :], rows, axis=0)
            if spread > 0 and self.settings.method == "uniform":
                weights *= generator.uniform(1 - spread, 1 + spread, size=weights.shape)
            for (positive, alpha, _), drawn in zip(self.sets, by_set, strict=True):
                total = self.nominal[positive].sum()
                weights[:, positive] = drawn.dirichlet(alpha, size=rows) * total
            yield weights


def analyse(
    criteria: Criteria,
    scorer: Scorer,
    outcomes: Sequence[Outcome],
    settings: Settings,
    count: int | None = None,
    lang: str | None = None,
    tick: Callable[[int], None] | None = None,
    disputes: tuple[Dispute, ...] = (),
) -> tuple[list[RegionSensitivity], list[DimensionDrop], int | None, list[str], list[Attribution]]:
    """Per-region rank intervals and P(selected), the one-at-a-time drops and, with more
    than one assumption varied, each one's effect alone; `tick` hears how many samples
    are done; `disputes` are drawn over under `--vary reviews`."""
    nominal = rank(outcomes, criteria.selection, count, lang)
    seats = (
        count if count is not None else (criteria.selection.count if criteria.selection else None)
    )
    if not outcomes:
        return [], [], seats, nominal.warnings, []
    reranker = Reranker(criteria, outcomes, seats)
    vectorised = WeightScorer(scorer, outcomes, disputes)
    at = {o.region_id: i for i, o in enumerate(outcomes)}
    if settings.spread == 0 and not settings.vary:
        # Every sample is the nominal weighting: the engine's own ranking is every sample's.
        regions = [
            RegionSensitivity(p, float(p.rank), p.rank, p.rank, 1.0 if p.selected else 0.0)
            for p in nominal.placed
        ]
    else:
        stats, chance = _sample(vectorised, reranker, settings, tick)
        regions = []
        for p in nominal.placed:
            low, middle, upper, high = stats.values[at[p.outcome.region_id]].tolist()
            median = (middle + upper) / 2
            chosen = float(chance[at[p.outcome.region_id]])
            regions.append(RegionSensitivity(p, median, low, high, chosen))
    drops = _drops(vectorised, reranker, nominal.placed) if seats is not None else []
    warnings = list(nominal.warnings)
    if seats is None:
        warnings.append(t("warn_no_seats", lang))
    seated = np.zeros(len(outcomes), dtype=np.bool_)
    seated[[at[p.outcome.region_id] for p in nominal.placed if p.selected]] = True
    return regions, drops, seats, warnings, _attribute(vectorised, reranker, settings, seated)


def _draws(
    vectorised: WeightScorer, settings: Settings, size: int
) -> Iterator[tuple[Floats, Variation]]:
    """Every sample's weights and other assumptions, `size` samples at a time."""
    scorer = vectorised.scorer
    varied = AssumptionDraws(
        scorer, settings.vary, settings.seed, settings.samples, vectorised.disputes
    )
    return zip(WeightDraws(scorer, settings).chunks(size), varied.chunks(size), strict=True)


def _sample(
    vectorised: WeightScorer,
    reranker: Reranker,
    settings: Settings,
    tick: Callable[[int], None] | None = None,
) -> tuple[RankQuantiles, Floats]:
    """The exact rank percentiles and P(selected) of every region, streaming: the first
    pass ranks and selects, any further one (see rank_stats) only ranks again."""
    samples, regions = settings.samples, len(reranker.outcomes)
    stats = RankQuantiles(regions, samples)
    chosen = np.zeros(regions, dtype=np.int64)
    chunk = max(1, CELLS // max(1, regions))
    while stats.passes == 0 or not stats.exact:
        stats.start()
        for weights, vary in _draws(vectorised, settings, chunk):
            values = vectorised.scores(weights, reranker.wanted, vary)
            if stats.passes == 0:
                ranks, selected = reranker.run(values)
                chosen += selected.sum(axis=0)
                if tick is not None:
                    tick(len(weights))
            else:
                _, ranks = reranker.ranks(values)
            stats.add(ranks)
        stats.finish()
    return stats, chosen / samples


def _attribute(
    vectorised: WeightScorer, reranker: Reranker, settings: Settings, nominal: Bools
) -> list[Attribution]:
    """Each varied assumption alone, then all together (see assumptions)."""
    varied = ([WEIGHTS] if settings.spread > 0 else []) + list(settings.vary)
    if len(varied) < 2 or reranker.seats is None:
        return []
    runs = [
        (name, dataclasses.replace(settings, spread=0.0, vary=(name,)))
        if name != WEIGHTS
        else (name, dataclasses.replace(settings, vary=()))
        for name in varied
    ]
    runs.append(("all", settings))
    found = []
    chunk = max(1, CELLS // max(1, len(reranker.outcomes)))
    for name, alone in runs:
        changed = seats = 0
        for weights, vary in _draws(vectorised, alone, chunk):
            _, selected = reranker.run(vectorised.scores(weights, reranker.wanted, vary))
            changes = seat_changes(selected, nominal)
            changed += int(np.count_nonzero(changes))
            seats += int(changes.sum())
        samples = settings.samples
        found.append(Attribution(name, changed / samples, seats / samples))
    return found


def _drops(
    vectorised: WeightScorer, reranker: Reranker, placed: Sequence[Placed]
) -> list[DimensionDrop]:
    before = [p.outcome.region_id for p in placed if p.selected]
    was = set(before)
    drops = []
    outcomes = reranker.outcomes
    for root in vectorised.scorer.roots:
        weights = vectorised.nominal()
        weights[0, root] = 0.0
        ranks, selected = reranker.run(vectorised.scores(weights, reranker.wanted))
        now = sorted(
            (o.region_id for i, o in enumerate(outcomes) if selected[0, i]),
            key=lambda region_id: (ranks[0, reranker.position[region_id]], region_id),
        )
        kept = set(now)
        entering = tuple(r for r in now if r not in was)
        leaving = tuple(r for r in before if r not in kept)
        drops.append(DimensionDrop(vectorised.scorer.nodes[root].id, entering, leaving))
    return drops


def _disputes(
    panel: PanelResult | None, outcomes: Sequence[Outcome], scorer: Scorer
) -> tuple[Dispute, ...]:
    """Every region's disputed indicators (SPEC §6.4) with their reviewers' scores."""
    if panel is None:
        return ()
    found = []
    for column, outcome in enumerate(outcomes):
        verification = panel.by_file.get(outcome.file)
        if verification is None:
            continue
        for one in verification.indicators:
            if one.indicator in verification.disagreements:
                scores = tuple(score for _, _, score in one.values)
                found.append((column, scorer.index[one.indicator], scores))
    return tuple(found)


def sensitivity_job(
    paths: Sequence[str],
    criteria: str | None,
    settings: Settings,
    *,
    select: int | None = None,
    workers: int = 1,
    lang: str | None = None,
    follow_links: bool = False,
    reviews: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> SensitivityReport:
    """Score every region file under `paths` (on the verified scores, with `reviews`), then
    analyse the selection's sensitivity."""
    from smartcity_score.jobs import load, verified_panel

    settings.check()
    if "reviews" in settings.vary and reviews is None:
        raise UsageError("--vary reviews needs --reviews PATH: the panel whose disputes to draw")
    if select is not None and select < 1:
        raise UsageError("--select takes a whole number of at least 1")
    loaded, path = load(criteria, lang)
    # Workers forked before the walk share less with the parent (a process tree of 75,000
    # regions is counted whole) and are gone before the analysis.
    with batch.worker_pool(loaded, path, workers) as pool:
        files, missing = batch.discover(paths, follow_links=follow_links)
        tick = progress(len(files), workers, "scoring") if progress else None
        result = batch.run(files, loaded, path, workers, tick, pool)
    listed = len(files) + len(missing)
    # Their paths are done with: 700 bytes a file (50 MB at 75,000) the analysis reuses.
    del files
    # Goalposts from the valid regions, fixed across samples: only weights vary.
    loaded = result.cohort or loaded
    panel, errors, invalid_reviews = verified_panel(
        result.outcomes, result.errors, loaded, reviews, follow_links
    )
    outcomes = result.outcomes if panel is None else panel.outcomes
    sampled = progress(settings.samples, workers, "sampling") if progress else None
    regions, drops, seats, warnings, attribution = analyse(
        loaded.criteria,
        loaded.scorer,
        outcomes,
        settings,
        select,
        lang,
        sampled,
        _disputes(panel, outcomes, loaded.scorer),
    )
    return SensitivityReport(
        loaded,
        settings,
        seats,
        regions,
        drops,
        sorted([*missing, *errors]),
        warnings,
        listed,
        lang,
        invalid_reviews,
        attribution,
    )

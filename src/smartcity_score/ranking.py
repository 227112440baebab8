"""Ordering, ties and selection with quotas (SPEC.md §4)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from smartcity_score.engine import rounded
from smartcity_score.i18n import t
from smartcity_score.models import Quota, Selection


class Outcome(NamedTuple):  # NamedTuples: cheaper to define at every start
    """One scored region, compact enough to send back from a worker process."""

    file: str
    region_id: str
    name: str
    kind: str | None
    province: str | None
    tags: tuple[tuple[str, str], ...]
    total: float
    scores: array[float]  # every node in criteria order; NaN = missing (excluded)
    tie_scores: tuple[float | None, ...]  # the criteria's tie-breaker scores, in order
    missing: tuple[str, ...]
    eligible: bool
    failed_gates: tuple[str, ...]
    level: str | None

    def field(self, name: str) -> str | None:
        """The value of a quota or group-by field: `kind`, `province` or `tags.KEY`."""
        if name == "kind":
            return self.kind
        if name == "province":
            return self.province
        if name.startswith("tags."):
            return dict(self.tags).get(name[5:])
        return None


# A warning before it is written out: its i18n key and the values of its fields.
Notice = tuple[str, dict[str, object]]
# The reason of most regions left out, one object for all of them (never changed).
BELOW_CUT: Notice = ("reason_below_cut", {})


class Placed(NamedTuple):
    outcome: Outcome
    rank: int
    selected: bool = False
    selected_by: str | None = None
    # Why an eligible region was left out, or selected out of merit order (SPEC §4),
    # in the language of the warnings; None for a merit pick and when nothing is selected.
    reason: str | None = None
    # The same reason as data (its i18n key and values), for `compare` to reason with.
    notice: Notice | None = None


@dataclass
class Ranking:
    placed: list[Placed]
    warnings: list[str] = field(default_factory=list)


def sort_key(outcome: Outcome) -> tuple[object, ...]:
    """Total (6 decimals) descending, then each tie-breaker (a missing one sorts last)."""
    keys: list[object] = [-rounded(outcome.total)]
    for value in outcome.tie_scores:
        keys.append((1, 0.0) if value is None else (0, -rounded(value)))
    return tuple(keys)


def rank(
    outcomes: Sequence[Outcome],
    selection: Selection | None,
    count: int | None = None,
    lang: str | None = None,
) -> Ranking:
    """Rank every outcome (competition ranking) and select `count` seats (SPEC §4).

    The warnings (quota swaps, unmet quotas, a cut inside a tie) are written in `lang`.
    """
    keyed = sorted(
        ((sort_key(o), o.region_id, o) for o in outcomes),
        key=lambda item: (item[0], item[1]),
    )
    ranks: list[int] = []
    for position, (key, _, _) in enumerate(keyed):
        same = position > 0 and key == keyed[position - 1][0]
        ranks.append(ranks[-1] if same else position + 1)
    ordered = [o for _, _, o in keyed]
    seats = count if count is not None else (selection.count if selection else None)
    quotas = selection.quotas if selection else []
    # With no region to rank there is nothing to select: an unmet quota would be noise.
    chosen: dict[str, str] = {}
    notices: list[Notice] = []
    reasons: dict[str, Notice] = {}
    if seats is not None and ordered:
        chosen, notices, reasons = select(ordered, seats, quotas)
        if len(chosen) < seats:
            eligible = sum(o.eligible for o in ordered)
            values: dict[str, object] = {"filled": len(chosen), "seats": seats}
            values["eligible"] = eligible
            why = "warn_seats_empty" if eligible > len(chosen) else "warn_seats_few_eligible"
            notices.append((why, values))
    named = _Names(ordered, ranks)
    placed = [
        Placed(
            o,
            r,
            o.region_id in chosen,
            chosen.get(o.region_id),
            named.reason(reasons, o, lang),
            reasons.get(o.region_id),
        )
        for o, r in zip(ordered, ranks, strict=True)
    ]
    notices.extend(_ties_at_cut(placed))
    return Ranking(placed, [named.text(notice, lang) for notice in notices])


class _Names:
    """Notices name regions by id; people read them by name, with their rank."""

    def __init__(self, ordered: Sequence[Outcome], ranks: Sequence[int]) -> None:
        self.by_id = {o.region_id: (o.name, r) for o, r in zip(ordered, ranks, strict=True)}
        self.below_cut: dict[str | None, str] = {}  # one text for every region below the cut

    def reason(self, reasons: dict[str, Notice], o: Outcome, lang: str | None) -> str | None:
        found = reasons.get(o.region_id)
        if found is BELOW_CUT:
            if lang not in self.below_cut:
                self.below_cut[lang] = self.text(found, lang)
            return self.below_cut[lang]
        return None if found is None else self.text(found, lang)

    def text(self, notice: Notice, lang: str | None) -> str:
        key, values = notice
        shown = dict(values)
        for role in ("leaving", "arriving"):
            if role in values:
                name, rank_ = self.by_id[str(values[role])]
                shown[role], shown[f"{role}_rank"] = name, rank_
        if values.get("field") in ("province", "kind"):
            shown["field_label"] = t(str(values["field"]), lang).lower()
        elif "field" in values:
            shown["field_label"] = values["field"]
        return t(key, lang, **shown)


class Selector:
    """SPEC §4 selection over a fixed set of outcomes, for any order of them.

    Every quota field is read once per outcome here, and the quotas are kept as
    running counts of the selected regions, so one selection costs a few integer
    look-ups per candidate instead of a scan of the members per quota (`sensitivity`
    selects once per sample, thousands of times over the same regions).
    """

    def __init__(self, outcomes: Sequence[Outcome], quotas: Sequence[Quota]) -> None:
        self.outcomes = outcomes
        self.quotas = list(quotas)
        by_field = {q.field: [o.field(q.field) for o in outcomes] for q in self.quotas}
        # A quota's field value for each outcome (None: counts toward no quota on it) ...
        self.values = [by_field[q.field] for q in self.quotas]
        # ... and whether each outcome is a region a `min` quota asks for.
        self.matches = [
            [q.equals is not None and value == q.equals for value in by_field[q.field]]
            for q in self.quotas
        ]
        self.minimums = [k for k, q in enumerate(self.quotas) if q.min is not None]
        # `sensitivity` hands over only eligible regions: no filter to run per selection.
        self.all_eligible = all(o.eligible for o in outcomes)
        # Per outcome: the `max` quotas it counts toward, as (quota, its value, the cap),
        # and the quotas it matches; the only work a seat taken or given up does.
        caps: list[list[tuple[int, str, int]]] = [[] for _ in outcomes]
        matched: list[list[int]] = [[] for _ in outcomes]
        for k, q in enumerate(self.quotas):
            for i, value in enumerate(self.values[k]):
                if q.max is not None and value is not None and q.equals in (None, value):
                    caps[i].append((k, value, q.max))
                if self.matches[k][i]:
                    matched[i].append(k)
        # Regions of a province share one tuple: not a list per region (17 MB at 75,000).
        shared: dict[tuple[object, ...], tuple[Any, ...]] = {}
        self.caps: list[tuple[tuple[int, str, int], ...]] = [
            shared.setdefault(tuple(c), tuple(c)) for c in caps
        ]
        self.matched: list[tuple[int, ...]] = [
            shared.setdefault(tuple(m), tuple(m)) for m in matched
        ]

    def run(self, order: Sequence[int], seats: int) -> tuple[dict[int, str], list[Notice]]:
        """Outcome index → selected_by, and the notices, for outcomes ranked as `order`."""
        run = self.walk(order, seats)
        return run.chosen, run.notices

    def walk(self, order: Sequence[int], seats: int) -> _Run:
        """The finished selection, with what it recorded to explain itself."""
        run = _Run(self, order, seats)
        for place, i in enumerate(run.eligible):
            if len(run.members) == seats:
                break
            cap = run.blocking_cap(i)
            if cap is None:
                run.add(i, "merit", place)
            else:
                run.blocked[i] = cap
        for index, k in enumerate(self.minimums):
            run.notices.extend(run.fill_minimum(k, self.minimums[:index]))
        return run


class _Run:
    """The state of one selection: the members, in place order, and their quota counts."""

    def __init__(self, selector: Selector, order: Sequence[int], seats: int) -> None:
        self.s = selector
        self.seats = seats
        outcomes = selector.outcomes
        self.eligible = (
            list(order) if selector.all_eligible else [i for i in order if outcomes[i].eligible]
        )
        # Where each member stands among the eligible regions, which orders the members;
        # kept for the members only, so one selection never walks every region.
        self.place: dict[int, int] = {}
        self.chosen: dict[int, str] = {}
        self.members: list[int] = []
        # per quota: selected regions by field value, and selected regions it matches
        self.by_value: list[dict[str, int]] = [{} for _ in selector.quotas]
        self.matching = [0] * len(selector.quotas)
        self.notices: list[Notice] = []
        # Why a region is out of merit order: the `max` quota that kept it out of the
        # merit walk, and each quota swap as leaving → (arriving, quota index) ...
        self.blocked: dict[int, tuple[int, str, int]] = {}
        self.swaps: dict[int, tuple[int, int]] = {}
        # ... and arriving → the region it replaced (None: a free seat).
        self.replaced: dict[int, int | None] = {}

    def _count(self, i: int, step: int) -> None:
        for k, value, _ in self.s.caps[i]:
            counts = self.by_value[k]
            counts[value] = counts.get(value, 0) + step
        for k in self.s.matched[i]:
            self.matching[k] += step

    def add(self, i: int, by: str, place: int) -> None:
        self.place[i] = place
        self.members.append(i)
        self.chosen[i] = by
        self._count(i, 1)

    def blocking_cap(self, i: int, leaving: int | None = None) -> tuple[int, str, int] | None:
        """The `max` quota (index, value, cap) adding `i` would exceed after `leaving` left."""
        for k, value, cap in self.s.caps[i]:
            same = self.by_value[k].get(value, 0)
            if leaving is not None and self.s.values[k][leaving] == value:
                same -= 1
            if same >= cap:
                return k, value, cap
        return None

    def fill_minimum(self, k: int, earlier: Sequence[int]) -> list[Notice]:
        quota = self.s.quotas[k]
        assert quota.min is not None
        matches = self.s.matches[k]
        notices: list[Notice] = []
        while self.matching[k] < quota.min:
            leaving: int | None = None
            if len(self.members) >= self.seats:
                leaving = self._seat_to_give_up(k, earlier)
                if leaving is None:
                    break
            found = next(
                (
                    (place, i)
                    for place, i in enumerate(self.eligible)
                    if i not in self.chosen and matches[i] and self.blocking_cap(i, leaving) is None
                ),
                None,
            )
            if found is None:
                break
            place, arriving = found
            if leaving is not None:
                del self.chosen[leaving]
                self.members.remove(leaving)
                self._count(leaving, -1)
                notices.append(
                    (
                        "warn_gave_up_seat",
                        {
                            "leaving": self.s.outcomes[leaving].region_id,
                            "arriving": self.s.outcomes[arriving].region_id,
                            "quota": quota.id,
                        },
                    )
                )
            if leaving is not None:
                self.swaps[leaving] = (arriving, k)
            self.replaced[arriving] = leaving
            self.add(arriving, f"quota:{quota.id}", place)
            self.members.sort(key=self.place.__getitem__)
        if self.matching[k] < quota.min:
            values: dict[str, object] = {"quota": quota.id, "have": self.matching[k]}
            values |= {"field": quota.field, "value": quota.equals, "minimum": quota.min}
            notices.insert(0, ("warn_quota_unmet", values))
        return notices

    def _seat_to_give_up(self, k: int, earlier: Sequence[int]) -> int | None:
        """The lowest-placed merit pick outside quota `k` whose leaving keeps earlier minimums."""
        for i in reversed(self.members):
            if self.chosen[i] != "merit" or self.s.matches[k][i]:
                continue
            keeps = all(
                not self.s.matches[e][i] or self.matching[e] - 1 >= (self.s.quotas[e].min or 0)
                for e in earlier
            )
            if keeps:
                return i
        return None


def select(
    ordered: Sequence[Outcome], seats: int, quotas: Sequence[Quota]
) -> tuple[dict[str, str], list[Notice], dict[str, Notice]]:
    """SPEC §4 selection: merit first, then minimum quotas by swaps.

    Returns region id → selected_by, a notice per displaced region and unmet quota, and
    region id → the reason of each region selected for a quota or eligible and left out.
    """
    run = Selector(ordered, quotas).walk(range(len(ordered)), seats)
    ids = [o.region_id for o in ordered]
    reasons = {ids[i]: notice for i, notice in _reasons(run)}
    return {ids[i]: by for i, by in run.chosen.items()}, run.notices, reasons


def _reasons(run: _Run) -> Iterator[tuple[int, Notice]]:
    """Each quota pick and each eligible region left out, with why (reason_* i18n keys)."""
    s = run.s
    ids = [o.region_id for o in s.outcomes]
    for i in run.eligible:
        if i in run.chosen:
            by = run.chosen[i]
            if by != "merit":
                leaving = run.replaced.get(i)
                quota = by.split(":", 1)[1]
                if leaving is None:
                    yield i, ("reason_quota_seat_free", {"quota": quota})
                else:
                    yield i, ("reason_quota_seat", {"quota": quota, "leaving": ids[leaving]})
        elif i in run.swaps:
            arriving, k = run.swaps[i]
            yield i, ("reason_gave_up", {"arriving": ids[arriving], "quota": s.quotas[k].id})
        elif i in run.blocked:
            k, value, cap = run.blocked[i]
            values: dict[str, object] = {"field": s.quotas[k].field, "value": value, "cap": cap}
            key = "reason_quota_full_one" if cap == 1 else "reason_quota_full"
            yield i, (key, values | {"quota": s.quotas[k].id})
        else:
            yield i, BELOW_CUT


def _ties_at_cut(placed: Sequence[Placed]) -> list[Notice]:
    """A warning for each rank shared by a selected and a left-out eligible region."""
    by_rank: dict[int, list[Placed]] = {}
    for item in placed:
        by_rank.setdefault(item.rank, []).append(item)
    warnings: list[Notice] = []
    for rank_, group in by_rank.items():
        inside = [p.outcome.name for p in group if p.selected]
        outside = [p.outcome.name for p in group if not p.selected and p.outcome.eligible]
        if inside and outside:
            values: dict[str, object] = {"rank": rank_, "inside": ", ".join(inside)}
            values["outside"] = ", ".join(outside)
            warnings.append(("warn_tie_at_cut", values))
    return warnings


def group_ranks(placed: Sequence[Placed], field_name: str) -> dict[str, int]:
    """Each region's competition rank among regions with the same value of `field_name`.

    Keyed by file; regions without a value for the field get no group rank.
    """
    ranks: dict[str, int] = {}
    seen: dict[str, list[tuple[tuple[object, ...], int]]] = {}
    for item in placed:
        value = item.outcome.field(field_name)
        if value is None:
            continue
        group = seen.setdefault(value, [])
        key = sort_key(item.outcome)
        position = len(group) + 1
        if group and group[-1][0] == key:
            position = group[-1][1]
        group.append((key, position))
        ranks[item.outcome.file] = position
    return ranks

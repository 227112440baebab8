"""Ordering, ties and selection with quotas (SPEC.md §4)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from smartcity_score.engine import rounded
from smartcity_score.i18n import t
from smartcity_score.models import Quota, Selection


@dataclass(frozen=True, slots=True)
class Outcome:
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


@dataclass(frozen=True, slots=True)
class Placed:
    outcome: Outcome
    rank: int
    selected: bool = False
    selected_by: str | None = None


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
    chosen, notices = select(ordered, seats, quotas) if seats is not None and ordered else ({}, [])
    placed = [
        Placed(o, r, o.region_id in chosen, chosen.get(o.region_id))
        for o, r in zip(ordered, ranks, strict=True)
    ]
    notices.extend(_ties_at_cut(placed))
    return Ranking(placed, [t(key, lang, **values) for key, values in notices])


def _matches(quota: Quota, outcome: Outcome) -> bool:
    return quota.equals is not None and outcome.field(quota.field) == quota.equals


def _breaks_max(outcome: Outcome, chosen: Sequence[Outcome], quotas: Sequence[Quota]) -> bool:
    """Whether adding `outcome` to `chosen` would exceed any `max` quota."""
    for quota in quotas:
        if quota.max is None:
            continue
        value = outcome.field(quota.field)
        if value is None or (quota.equals is not None and value != quota.equals):
            continue
        same = sum(1 for other in chosen if other.field(quota.field) == value)
        if same >= quota.max:
            return True
    return False


def select(
    ordered: Sequence[Outcome], seats: int, quotas: Sequence[Quota]
) -> tuple[dict[str, str], list[Notice]]:
    """SPEC §4 selection: merit first, then minimum quotas by swaps.

    Returns region id → selected_by, and a notice per displaced region and unmet quota.
    """
    eligible = [o for o in ordered if o.eligible]
    place = {o.region_id: i for i, o in enumerate(ordered)}
    chosen: dict[str, str] = {}
    members: list[Outcome] = []
    for outcome in eligible:
        if len(members) == seats:
            break
        if not _breaks_max(outcome, members, quotas):
            members.append(outcome)
            chosen[outcome.region_id] = "merit"
    warnings: list[Notice] = []
    minimums = [q for q in quotas if q.min is not None]
    for index, quota in enumerate(minimums):
        earlier = minimums[:index]
        warnings.extend(
            _fill_minimum(quota, earlier, quotas, eligible, members, chosen, seats, place)
        )
    return chosen, warnings


def _fill_minimum(
    quota: Quota,
    earlier: Sequence[Quota],
    quotas: Sequence[Quota],
    eligible: Sequence[Outcome],
    members: list[Outcome],
    chosen: dict[str, str],
    seats: int,
    place: dict[str, int],
) -> list[Notice]:
    assert quota.min is not None
    warnings: list[Notice] = []

    def count(q: Quota, group: Sequence[Outcome]) -> int:
        return sum(1 for o in group if _matches(q, o))

    while count(quota, members) < quota.min:
        leaving: Outcome | None = None
        if len(members) >= seats:
            leaving = _seat_to_give_up(quota, earlier, members, chosen, count)
            if leaving is None:
                break
        staying = [o for o in members if o is not leaving]
        arriving = next(
            (
                o
                for o in eligible
                if o.region_id not in chosen
                and _matches(quota, o)
                and not _breaks_max(o, staying, quotas)
            ),
            None,
        )
        if arriving is None:
            break
        if leaving is not None:
            del chosen[leaving.region_id]
            warnings.append(
                (
                    "warn_gave_up_seat",
                    {
                        "leaving": leaving.region_id,
                        "leaving_place": place[leaving.region_id] + 1,
                        "arriving": arriving.region_id,
                        "arriving_place": place[arriving.region_id] + 1,
                        "quota": quota.id,
                    },
                )
            )
        members[:] = [*staying, arriving]
        members.sort(key=lambda o: place[o.region_id])
        chosen[arriving.region_id] = f"quota:{quota.id}"
    have = count(quota, members)
    if have < quota.min:
        values: dict[str, object] = {"quota": quota.id, "have": have, "field": quota.field}
        values |= {"value": quota.equals, "minimum": quota.min}
        warnings.insert(0, ("warn_quota_unmet", values))
    return warnings


def _seat_to_give_up(
    quota: Quota,
    earlier: Sequence[Quota],
    members: Sequence[Outcome],
    chosen: dict[str, str],
    count: Callable[[Quota, Sequence[Outcome]], int],
) -> Outcome | None:
    """The lowest-placed merit pick outside `quota` whose leaving keeps earlier minimums."""
    for outcome in reversed(members):
        if chosen[outcome.region_id] != "merit" or _matches(quota, outcome):
            continue
        keeps = all(
            not _matches(q, outcome) or count(q, members) - 1 >= (q.min or 0) for q in earlier
        )
        if keeps:
            return outcome
    return None


def _ties_at_cut(placed: Sequence[Placed]) -> list[Notice]:
    """A warning for each rank shared by a selected and a left-out eligible region."""
    by_rank: dict[int, list[Placed]] = {}
    for item in placed:
        by_rank.setdefault(item.rank, []).append(item)
    warnings: list[Notice] = []
    for rank_, group in by_rank.items():
        inside = [p.outcome.region_id for p in group if p.selected]
        outside = [p.outcome.region_id for p in group if not p.selected and p.outcome.eligible]
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

"""`Selector` (quota counts kept incrementally) selects exactly as SPEC §4's plain loops.

The reference below is the straightforward implementation the selector replaced:
it scans the members for every quota and candidate. Random regions, orders and
quotas (caps, minimums with and without caps, on kind, province and tags) must give
the same seats, in the same order, with the same notices.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable, Sequence

import pytest

from smartcity_score.models import Quota
from smartcity_score.ranking import Notice, Outcome, select


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


def reference_select(
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
                        "arriving": arriving.region_id,
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


KINDS = ("kota", "kabupaten", None)
PROVINCES = ("Aceh", "Bali", "Riau", None)


def outcome(rng: random.Random, index: int) -> Outcome:
    tags = (("island", rng.choice(("jawa", "sumatera"))),) if rng.random() < 0.7 else ()
    return Outcome(
        file=f"r{index}.yaml",
        region_id=f"r{index:03d}",
        name=f"R {index}",
        kind=rng.choice(KINDS),
        province=rng.choice(PROVINCES),
        tags=tags,
        total=0.0,
        scores=array("d"),
        tie_scores=(),
        missing=(),
        eligible=rng.random() < 0.85,
        failed_gates=(),
        level=None,
    )


def quotas(rng: random.Random) -> list[Quota]:
    found = []
    for k in range(rng.randint(0, 4)):
        field, values = rng.choice(
            (("kind", KINDS[:2]), ("province", PROVINCES[:3]), ("tags.island", ("jawa",)))
        )
        if rng.random() < 0.4:
            found.append(Quota(id=f"q{k}", field=field, max=rng.randint(1, 4)))
        else:
            low = rng.randint(0, 5)
            high = rng.choice((None, low + rng.randint(0, 3)))
            found.append(
                Quota(id=f"q{k}", field=field, equals=rng.choice(values), min=low, max=high)
            )
    return found


@pytest.mark.parametrize("seed", range(150))
def test_selector_selects_as_the_plain_loops(seed: int) -> None:
    rng = random.Random(seed)
    ordered = [outcome(rng, i) for i in range(rng.randint(0, 40))]
    rng.shuffle(ordered)
    seats = rng.randint(1, 15)
    rules = quotas(rng)
    chosen, notices, _ = select(ordered, seats, rules)
    expected, expected_notices = reference_select(ordered, seats, rules)
    assert list(chosen.items()) == list(expected.items())
    assert notices == expected_notices

"""SPEC §4: ordering, competition ranks, tie-breakers and selection with quotas."""

from __future__ import annotations

from array import array

from smartcity_score.models import Quota, Selection
from smartcity_score.ranking import Outcome, Placed, group_ranks, rank


def out(
    rid: str,
    total: float,
    *,
    kind: str | None = None,
    province: str | None = None,
    eligible: bool = True,
    tie: tuple[float | None, ...] = (),
) -> Outcome:
    return Outcome(
        file=f"{rid}.yaml",
        region_id=rid,
        name=rid.title(),
        kind=kind,
        province=province,
        tags=(),
        total=total,
        scores=array("d"),
        tie_scores=tie,
        missing=(),
        eligible=eligible,
        failed_gates=() if eligible else ("commitment",),
        level=None,
    )


def table(placed: list[Placed]) -> list[tuple[str, int, str | None]]:
    return [(p.outcome.region_id, p.rank, p.selected_by) for p in placed]


def selection(count: int, *quotas: dict[str, object]) -> Selection:
    return Selection(count=count, quotas=[Quota.model_validate(q) for q in quotas])


def test_competition_ranking_with_ties_listed_by_id() -> None:
    result = rank([out("d", 50), out("c", 70), out("b", 70), out("a", 90)], None)
    assert table(result.placed) == [("a", 1, None), ("b", 2, None), ("c", 2, None), ("d", 4, None)]
    assert result.warnings == []


def test_totals_are_compared_at_six_decimals() -> None:
    result = rank([out("b", 70.0000001), out("a", 70.0000004), out("c", 70.000002)], None)
    assert table(result.placed) == [("c", 1, None), ("a", 2, None), ("b", 2, None)]


def test_tie_breakers_in_order_and_a_missing_score_sorts_last() -> None:
    regions = [
        out("a", 80, tie=(None, 90)),
        out("b", 80, tie=(60, 10)),
        out("c", 80, tie=(60, 20)),
        out("d", 80, tie=(70, 0)),
    ]
    result = rank(regions, None)
    assert table(result.placed) == [("d", 1, None), ("c", 2, None), ("b", 3, None), ("a", 4, None)]


def test_ineligible_regions_are_ranked_but_never_selected() -> None:
    result = rank([out("a", 90, eligible=False), out("b", 80), out("c", 70)], selection(1))
    assert table(result.placed) == [("a", 1, None), ("b", 2, "merit"), ("c", 3, None)]


def test_select_option_overrides_the_count() -> None:
    result = rank([out("a", 90), out("b", 80), out("c", 70)], selection(1), count=2)
    assert [p.selected for p in result.placed] == [True, True, False]


def test_without_a_count_nobody_is_selected() -> None:
    result = rank([out("a", 90), out("b", 80)], None)
    assert not any(p.selected for p in result.placed)


def test_max_per_province_skips_to_the_next_region() -> None:
    regions = [
        out("a", 90, province="X"),
        out("b", 85, province="X"),
        out("c", 80, province="X"),
        out("d", 70, province="Y"),
        out("e", 60),  # no province: counts toward no quota on it
    ]
    quota = {"id": "per-province", "field": "province", "max": 2}
    result = rank(regions, selection(4, quota))
    assert table(result.placed) == [
        ("a", 1, "merit"),
        ("b", 2, "merit"),
        ("c", 3, None),
        ("d", 4, "merit"),
        ("e", 5, "merit"),
    ]


def test_min_quota_swaps_out_the_lowest_merit_pick() -> None:
    regions = [
        out("a", 90, kind="kota"),
        out("b", 85, kind="kota"),
        out("c", 80, kind="kota"),
        out("d", 70, kind="kabupaten"),
        out("e", 60, kind="kabupaten"),
    ]
    quota = {"id": "kab", "field": "kind", "equals": "kabupaten", "min": 2}
    result = rank(regions, selection(3, quota))
    assert table(result.placed) == [
        ("a", 1, "merit"),
        ("b", 2, None),
        ("c", 3, None),
        ("d", 4, "quota:kab"),
        ("e", 5, "quota:kab"),
    ]
    assert result.warnings == [
        "C (rank 3) gave up its seat to D (rank 4) for quota 'kab'",
        "B (rank 2) gave up its seat to E (rank 5) for quota 'kab'",
    ]


def test_unmet_min_quota_keeps_seats_and_warns() -> None:
    regions = [
        out("a", 90, kind="kota"),
        out("b", 85, kind="kota"),
        out("c", 80, kind="kabupaten", eligible=False),
    ]
    quota = {"id": "kab", "field": "kind", "equals": "kabupaten", "min": 1}
    result = rank(regions, selection(2, quota))
    assert table(result.placed) == [("a", 1, "merit"), ("b", 2, "merit"), ("c", 3, None)]
    assert result.warnings == [
        "quota 'kab' is not met: 0 selected region(s) have kind = kabupaten, the minimum is 1"
    ]


def test_min_quota_fills_free_seats_without_a_swap() -> None:
    regions = [out("a", 90, kind="kota"), out("b", 50, kind="kabupaten", province="X")]
    quotas = (
        {"id": "prov", "field": "province", "max": 1},
        {"id": "kab", "field": "kind", "equals": "kabupaten", "min": 1},
    )
    result = rank(regions, selection(5, *quotas))
    assert table(result.placed) == [("a", 1, "merit"), ("b", 2, "merit")]
    assert result.warnings == ["only 2 of 5 seat(s) filled: only 2 region(s) are eligible"]


def test_seats_left_empty_by_a_quota_are_a_warning() -> None:
    regions = [out("a", 90, province="X"), out("b", 80, province="X"), out("c", 70)]
    result = rank(regions, selection(3, {"id": "prov", "field": "province", "max": 1}))
    assert table(result.placed) == [("a", 1, "merit"), ("b", 2, None), ("c", 3, "merit")]
    assert result.warnings == [
        "only 2 of 3 seat(s) filled: 3 region(s) are eligible and the quotas allow no more"
    ]


def test_a_swap_never_breaks_an_earlier_minimum() -> None:
    regions = [
        out("a", 90, kind="kota", province="P"),
        out("b", 80, kind="kota", province="Q"),
        out("c", 70, kind="kabupaten", province="Q"),
        out("d", 60, kind="kabupaten", province="Q"),
    ]
    quotas = (
        {"id": "p", "field": "province", "equals": "P", "min": 1},
        {"id": "kab", "field": "kind", "equals": "kabupaten", "min": 1},
    )
    result = rank(regions, selection(2, *quotas))
    # a matches the earlier quota 'p' (and is its only match), so b gives up its seat.
    assert table(result.placed) == [
        ("a", 1, "merit"),
        ("b", 2, None),
        ("c", 3, "quota:kab"),
        ("d", 4, None),
    ]


def test_an_arrival_that_would_break_a_max_quota_is_passed_over() -> None:
    regions = [
        out("a", 90, kind="kota", province="X"),
        out("b", 80, kind="kota", province="Y"),
        out("c", 70, kind="kabupaten", province="X"),
        out("d", 60, kind="kabupaten", province="Z"),
    ]
    quotas = (
        {"id": "prov", "field": "province", "max": 1},
        {"id": "kab", "field": "kind", "equals": "kabupaten", "min": 1},
    )
    result = rank(regions, selection(2, *quotas))
    # b gives up its seat; c would make two from X, so d comes in.
    assert table(result.placed) == [
        ("a", 1, "merit"),
        ("b", 2, None),
        ("c", 3, None),
        ("d", 4, "quota:kab"),
    ]


def test_a_cut_inside_a_tie_is_reported() -> None:
    result = rank([out("a", 90), out("c", 80), out("b", 80), out("d", 70)], selection(2))
    assert table(result.placed) == [
        ("a", 1, "merit"),
        ("b", 2, "merit"),
        ("c", 2, None),
        ("d", 4, None),
    ]
    assert result.warnings == ["the cut falls inside a tie at rank 2: selected B; left out C"]


def test_ranks_within_groups() -> None:
    regions = [
        out("a", 90, kind="kota"),
        out("b", 80, kind="kabupaten"),
        out("c", 80, kind="kabupaten"),
        out("d", 70, kind="kota"),
        out("e", 60),
    ]
    result = rank(regions, None)
    assert group_ranks(result.placed, "kind") == {
        "a.yaml": 1,
        "b.yaml": 1,
        "c.yaml": 1,
        "d.yaml": 2,
    }

"""Rank-similarity coefficients: against scipy (a dev-only oracle) and by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from smartcity_score.similarity import (
    ALL_TIED,
    NO_SELECTION,
    TOO_FEW,
    Similarity,
    kendall_tau_b,
    mid_ranks,
    similarity,
    spearman,
    weighted_spearman,
)
from tests.conftest import CRITERIA, EXAMPLES, Result

# Competition ranks with ties, as `rank` gives them: small values make ties common.
rankings = st.integers(2, 60).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 12), min_size=n, max_size=n),
        st.lists(st.integers(1, 12), min_size=n, max_size=n),
    )
)


@settings(max_examples=200, deadline=None)
@given(rankings)
def test_spearman_and_kendall_agree_with_scipy(pair: tuple[list[int], list[int]]) -> None:
    old, new = pair
    result = similarity(old, new)
    if len(set(old)) == 1 or len(set(new)) == 1:
        assert result == Similarity(len(old), reason=ALL_TIED)
        return
    rho = stats.spearmanr(old, new).statistic
    tau = stats.kendalltau(old, new, variant="b").statistic
    assert result.spearman == pytest.approx(rho, abs=1e-12)
    assert result.kendall_tau_b == pytest.approx(tau, abs=1e-12)
    assert result.weighted_spearman is not None and -1 <= result.weighted_spearman <= 1
    # Only the order of the ranks counts: any increasing function of them changes nothing.
    assert similarity([3 * r + 7 for r in old], [r * r for r in new]) == result


@settings(max_examples=200, deadline=None)
@given(st.permutations(range(1, 41)), st.permutations(range(1, 41)))
def test_weighted_spearman_without_ties_is_the_published_formula(
    old: list[int], new: list[int]
) -> None:
    """On permutations r_W is the formula written out, and it lies in [-1, 1]."""
    n = len(old)
    total = sum((r - q) ** 2 * ((n - r + 1) + (n - q + 1)) for r, q in zip(old, new, strict=True))
    expected = 1 - 6 * total / (n**4 + n**3 - n**2 - n)
    result = similarity(old, new).weighted_spearman
    assert result == pytest.approx(expected, abs=1e-12)
    assert result is not None and -1 <= result <= 1


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=50))
def test_a_ranking_against_itself_is_one_and_against_its_reverse_minus_one(
    values: list[float],
) -> None:
    ranks = mid_ranks(values)
    if len(set(ranks)) == 1:
        return
    assert spearman(ranks, ranks) == kendall_tau_b(ranks, ranks) == 1.0
    if len(set(ranks)) == len(ranks):  # r_W reaches -1 only on a strict reversal
        assert weighted_spearman(ranks, ranks) == pytest.approx(1.0)
        reverse = [len(ranks) + 1 - r for r in ranks]
        assert weighted_spearman(ranks, reverse) == pytest.approx(-1.0)
        assert spearman(ranks, reverse) == kendall_tau_b(ranks, reverse) == -1.0


def test_weighted_spearman_by_hand() -> None:
    """N = 4, so N⁴ + N³ - N² - N = 256 + 64 - 16 - 4 = 300.

    Top two swapped, Q = (2, 1, 3, 4): the two moved regions each add
    (R - Q)² ((N - R + 1) + (N - Q + 1)) = 1 · (4 + 3) = 7, so Σ = 14 and
    r_W = 1 - 6 · 14 / 300 = 1 - 0.28 = 0.72.
    Bottom two swapped, Q = (1, 2, 4, 3): each adds 1 · (2 + 1) = 3, Σ = 6,
    r_W = 1 - 36 / 300 = 0.88.
    Spearman cannot tell them apart: 1 - 6 · 2 / (4 · 15) = 0.8 for both.
    """
    top = similarity([1, 2, 3, 4], [2, 1, 3, 4])
    bottom = similarity([1, 2, 3, 4], [1, 2, 4, 3])
    assert top.weighted_spearman == pytest.approx(0.72, abs=1e-15)
    assert bottom.weighted_spearman == pytest.approx(0.88, abs=1e-15)
    assert top.spearman == pytest.approx(0.8, abs=1e-15)
    assert bottom.spearman == pytest.approx(0.8, abs=1e-15)
    # Kendall: 1 discordant pair of 6, (5 - 1) / 6 = 2/3 in both cases.
    assert top.kendall_tau_b == bottom.kendall_tau_b == pytest.approx(2 / 3, abs=1e-15)


def test_ties_are_mid_ranks() -> None:
    """Competition ranks 1, 2, 2, 4 are the mid-ranks 1, 2.5, 2.5, 4."""
    assert mid_ranks([1, 2, 2, 4]) == [1.0, 2.5, 2.5, 4.0]
    # r_W on mid-ranks: (1, 2.5, 2.5, 4) against (1, 2, 3, 4): the two tied regions each
    # add 0.5² · ((4 - 2.5 + 1) + (4 - Q + 1)) = 0.25 · (2.5 + 3) and 0.25 · (2.5 + 2),
    # Σ = 1.375 + 1.125 = 2.5, r_W = 1 - 15 / 300 = 0.95.
    assert similarity([1, 2, 2, 4], [1, 2, 3, 4]).weighted_spearman == pytest.approx(0.95)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [([], [], TOO_FEW), ([3], [1], TOO_FEW), ([1, 1, 1], [1, 2, 3], ALL_TIED)],
)
def test_no_coefficient_without_two_ranks(old: list[int], new: list[int], reason: str) -> None:
    assert similarity(old, new) == Similarity(len(old), reason=reason)


def test_kendall_is_linear_ish_for_ten_thousand_regions() -> None:
    """Knight's method, O(n log n): 10,000 regions reversed in blocks of 100 (scipy agrees)."""
    n = 10_000
    old = list(range(1, n + 1))
    new = [((i // 100) * 100) + (100 - i % 100) for i in range(n)]
    result = similarity(old, new)
    assert result.kendall_tau_b == pytest.approx(stats.kendalltau(old, new).statistic)


# --- end to end: `compare` on the bundled example -------------------------------------------


def compare_json(cli: Callable[..., Result], *args: str | Path) -> dict[str, Any]:
    result = cli("compare", *args, "-f", "json", "--workers", "1")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def oracle(pairs: list[tuple[int, int]]) -> dict[str, Any]:
    """The coefficients computed here, from scipy and the r_W formula on mid-ranks."""
    old, new = [p[0] for p in pairs], [p[1] for p in pairs]
    r, q = stats.rankdata(old), stats.rankdata(new)
    n = len(pairs)
    total = sum((a - b) ** 2 * ((n - a + 1) + (n - b + 1)) for a, b in zip(r, q, strict=True))
    return {
        "n": n,
        "spearman": round(float(stats.spearmanr(old, new).statistic), 6),
        "kendall_tau_b": round(float(stats.kendalltau(old, new).statistic), 6),
        "weighted_spearman": round(1 - 6 * total / (n**4 + n**3 - n**2 - n), 6),
        "reason": None,
    }


def test_compare_reports_the_coefficients_of_the_bundled_example(
    cli: Callable[..., Result],
) -> None:
    data = compare_json(
        cli,
        CRITERIA / "kominfo-readiness-2022.yaml",
        EXAMPLES / "kominfo-readiness-2022.2.yaml",
        EXAMPLES / "applicants-2022",
    )
    entries = data["results"]
    both = [(e["old"]["rank"], e["new"]["rank"]) for e in entries if e["old"] and e["new"]]
    chosen = [
        (e["old"]["rank"], e["new"]["rank"])
        for e in entries
        if e["old"] and e["new"] and (e["old"]["selected"] or e["new"]["selected"])
    ]
    assert len(both) == 88 and len(chosen) == 52  # 50 seats, 2 enter and 2 leave
    similarity_ = data["similarity"]
    assert similarity_ == {**oracle(both), "selected": oracle(chosen)}
    assert similarity_ == {
        "n": 88,
        "spearman": 0.996654,
        "kendall_tau_b": 0.960805,
        "weighted_spearman": 0.996695,
        "reason": None,
        "selected": {
            "n": 52,
            "spearman": 0.993853,
            "kendall_tau_b": 0.94566,
            "weighted_spearman": 0.99537,
            "reason": None,
        },
    }


ONE = """
        schema: smartcity-score/criteria/v1
        id: one
        version: "1"
        title: One
        dimensions:
          - id: a
            title: A
            weight: 1
            indicators:
              - {id: ia, question: A, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
        """


@pytest.fixture
def one(write: Callable[[str, str], Path]) -> Path:
    """A criteria file without a selection, and a folder of one region."""
    path = write("one.yaml", ONE)
    write(
        "regions/r.yaml",
        "schema: smartcity-score/region/v1\nregion: {id: r, name: R}\nanswers: {ia: 5}\n",
    )
    return path


def test_compare_without_a_selection_says_so(one: Path, cli: Callable[..., Result]) -> None:
    data = compare_json(cli, one, one, one.parent / "regions")
    assert data["similarity"] == {
        "n": 1,
        "spearman": None,
        "kendall_tau_b": None,
        "weighted_spearman": None,
        "reason": TOO_FEW,
        "selected": {
            "n": 0,
            "spearman": None,
            "kendall_tau_b": None,
            "weighted_spearman": None,
            "reason": NO_SELECTION,
        },
    }


def test_markdown_and_table_say_why_a_coefficient_is_missing(
    one: Path, cli: Callable[..., Result]
) -> None:
    markdown = cli("compare", one, one, one.parent / "regions", "-f", "markdown")
    assert markdown.code == 0
    assert (
        "### Rank similarity\n\n"
        "|  | Regions | Spearman ρ | Kendall τ-b | Weighted Spearman r_W |\n"
        "| --- | ---: | ---: | ---: | ---: |\n"
        "| Ranked under both | 1 | — | — | — |\n"
        "| Selected under either | 0 | — | — | — |\n\n"
        "Ranked under both: fewer than 2 regions, no coefficient\n\n"
        "Selected under either: neither criteria selects regions, no coefficient\n"
    ) in markdown.out
    table = cli("compare", one, one, one.parent / "regions", "--lang", "id")
    assert table.code == 0
    lines = [line.rstrip() for line in table.out.splitlines()]
    at = lines.index("Kemiripan peringkat")
    assert lines[at + 4 :] == [
        "  Diperingkat dengan keduanya          1            —             —                       —",
        "  Terpilih dengan salah satunya        0            —             —                       —",
        "",
        "Diperingkat dengan keduanya: kurang dari 2 daerah, tanpa koefisien",
        "Terpilih dengan salah satunya: kedua kriteria tidak memilih daerah, tanpa koefisien",
    ]

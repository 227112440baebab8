"""Streaming rank percentiles (rank_stats) are numpy's, exactly, in any number of passes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.rank_stats import RankQuantiles, positions


def streamed(ranks: np.ndarray, budget: int, chunk: int) -> RankQuantiles:
    samples, regions = ranks.shape
    stats = RankQuantiles(regions, samples, budget)
    while stats.passes == 0 or not stats.exact:
        stats.start()
        for start in range(0, samples, chunk):
            stats.add(ranks[start : start + chunk])
        stats.finish()
    return stats


@settings(max_examples=150, deadline=None)
@given(
    regions=st.integers(1, 40),
    samples=st.integers(1, 120),
    budget=st.integers(1, 2000),
    chunk=st.integers(1, 50),
    seed=st.integers(0, 2**32 - 1),
)
def test_percentiles_are_numpys(
    regions: int, samples: int, budget: int, chunk: int, seed: int
) -> None:
    ranks = np.random.default_rng(seed).integers(1, regions + 1, size=(samples, regions))
    values = streamed(ranks, budget, chunk).values
    low, high = np.quantile(ranks, [0.05, 0.95], axis=0, method="inverted_cdf")
    assert values[:, 0].tolist() == low.tolist()
    assert values[:, 3].tolist() == high.tolist()
    assert ((values[:, 1] + values[:, 2]) / 2).tolist() == np.median(ranks, axis=0).tolist()


def test_positions_by_hand() -> None:
    # 20 samples: 5% is the 1st (0.05·20 − 1 = 0, whole), 95% the 19th, the middle 10th/11th.
    assert positions(20) == (0, 9, 10, 18)
    # 101 samples: 5.05 − 1 rounds up to 5, 95.95 − 1 to 95; the middle one is the 51st.
    assert positions(101) == (5, 50, 50, 95)
    assert positions(1) == (0, 0, 0, 0)


def test_passes_by_size() -> None:
    """A histogram of every rank fits the budget for few regions (one pass); many regions
    narrow down in passes: 1000 regions in 10 buckets each, of 100 ranks, then of 10 (the
    four statistics of a region that always has one rank share one interval), then of 1."""
    ranks = np.tile(np.arange(1, 1001, dtype=np.int64), (3, 1))
    assert streamed(ranks, 1000 * 1000, 3).passes == 1
    stats = streamed(ranks, 1000 * 10, 3)
    assert stats.passes == 3
    assert stats.values[:, 0].tolist() == list(range(1, 1001))


def test_counts_at_the_edge_of_uint16() -> None:
    """Up to 65,535 samples a bucket counts in uint16; one more sample takes int32. A region
    ranked the same in every sample fills one bucket with every sample, at both sizes."""
    for samples in (65_535, 65_536):
        rng = np.random.default_rng(samples)
        ranks = np.column_stack(
            [np.full(samples, 2), rng.integers(1, 4, size=samples), np.full(samples, 1)]
        )
        stats = streamed(ranks, 6, 10_000)
        low, high = np.quantile(ranks, [0.05, 0.95], axis=0, method="inverted_cdf")
        assert stats.count_type == (np.uint16 if samples == 65_535 else np.int32)
        assert stats.values[:, 0].tolist() == low.tolist()
        assert stats.values[:, 3].tolist() == high.tolist()
        assert ((stats.values[:, 1] + stats.values[:, 2]) / 2).tolist() == np.median(
            ranks, axis=0
        ).tolist()

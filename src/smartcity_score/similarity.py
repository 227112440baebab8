"""How alike two rankings of the same regions are: rank-similarity coefficients.

Spearman's rho, Kendall's tau-b and the weighted Spearman coefficient r_W of
Pinto da Costa & Soares (2005), which counts a disagreement near the top more
than one near the bottom, as a selection does. Pure functions, no I/O.

Ranks may tie: `rank` gives regions still equal after every tie-breaker one
shared rank (SPEC §4, competition ranking 1, 2, 2, 4). Each coefficient reads
ranks as mid-ranks (the tied places' mean, as scipy.stats.rankdata's
"average"), so rho is the Pearson correlation of mid-ranks (scipy's spearmanr),
tau-b corrects for ties in either ranking (scipy's kendalltau), and r_W takes
the mid-ranks in its formula, which is the published one when nothing ties.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Why a coefficient is missing (a stable slug; the renderers word it per language).
TOO_FEW = "too-few"  # fewer than two regions
ALL_TIED = "all-tied"  # one ranking gives every region the same rank: nothing to correlate
NO_SELECTION = "no-selection"  # neither criteria selects (no count, no --select)


@dataclass(frozen=True)
class Similarity:
    """The three coefficients over `n` regions, or None each with the `reason` why."""

    n: int
    spearman: float | None = None
    kendall_tau_b: float | None = None
    weighted_spearman: float | None = None
    reason: str | None = None


def similarity(old: Sequence[float], new: Sequence[float]) -> Similarity:
    """The coefficients between two rankings, `old[i]` and `new[i]` being region i's ranks.

    Any increasing function of the ranks gives the same result: the ranks are
    read as mid-ranks among the regions given.
    """
    if len(old) != len(new):
        raise ValueError("both rankings must rank the same regions")
    n = len(old)
    if n < 2:
        return Similarity(n, reason=TOO_FEW)
    x, y = mid_ranks(old), mid_ranks(new)
    if len(set(x)) == 1 or len(set(y)) == 1:
        return Similarity(n, reason=ALL_TIED)
    return Similarity(n, spearman(x, y), kendall_tau_b(x, y), weighted_spearman(x, y))


def mid_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ascending; values that tie share the mean of their places."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for k in range(start, end + 1):
            ranks[order[k]] = shared
        start = end + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho of two mid-rank lists: their Pearson correlation (ties allowed)."""
    n = len(x)
    mean_x, mean_y = math.fsum(x) / n, math.fsum(y) / n
    dx = [v - mean_x for v in x]
    dy = [v - mean_y for v in y]
    covariance = math.fsum(a * b for a, b in zip(dx, dy, strict=True))
    spread = math.sqrt(math.fsum(a * a for a in dx) * math.fsum(b * b for b in dy))
    return _clamped(covariance / spread)


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's tau-b in O(n log n) (Knight 1966): discordant pairs counted by merge sort.

    Sorted by (x, y), a pair is discordant exactly when its y values are out of
    order, so the swaps of a merge sort of y count them; pairs tied in x, in y
    or in both are counted from runs of equal values.
    """
    n = len(x)
    pairs = sorted(zip(x, y, strict=True))
    all_pairs = n * (n - 1) // 2
    tied_x = _tied_pairs([p[0] for p in pairs])
    tied_xy = _tied_pairs(pairs)
    ys = [p[1] for p in pairs]
    discordant = _sort_counting_swaps(ys)
    tied_y = _tied_pairs(ys)  # ys is sorted now
    concordant_minus_discordant = all_pairs - tied_x - tied_y + tied_xy - 2 * discordant
    denominator = math.sqrt((all_pairs - tied_x) * (all_pairs - tied_y))
    return _clamped(concordant_minus_discordant / denominator)


def weighted_spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """r_W (Pinto da Costa & Soares 2005) of two rank lists, rank 1 the best.

    r_W = 1 - 6 Σ (R_i - Q_i)² ((N - R_i + 1) + (N - Q_i + 1)) / (N⁴ + N³ - N² - N):
    each squared rank difference weighs by how near the top the two ranks are.
    """
    n = len(x)
    total = math.fsum((r - q) ** 2 * ((n - r + 1) + (n - q + 1)) for r, q in zip(x, y, strict=True))
    return 1 - 6 * total / (n**4 + n**3 - n**2 - n)


def _tied_pairs(ordered: Sequence[object]) -> int:
    """Pairs of equal items in a sorted sequence: t(t - 1)/2 summed over each run."""
    pairs, run = 0, 1
    for k in range(1, len(ordered)):
        if ordered[k] == ordered[k - 1]:
            run += 1
        else:
            pairs += run * (run - 1) // 2
            run = 1
    return pairs + run * (run - 1) // 2


def _sort_counting_swaps(values: list[float]) -> int:
    """Sort `values` in place (bottom-up merge sort); return how many pairs were out of order."""
    n = len(values)
    swaps = 0
    source, target = values, values[:]
    width = 1
    while width < n:
        for low in range(0, n, 2 * width):
            mid, high = min(low + width, n), min(low + 2 * width, n)
            swaps += _merge(source, target, low, mid, high)
        source, target = target, source
        width *= 2
    if source is not values:
        values[:] = source
    return swaps


def _merge(source: list[float], target: list[float], low: int, mid: int, high: int) -> int:
    """Merge source[low:mid] and source[mid:high] into target; count the pairs inverted."""
    i, j, k, swaps = low, mid, low, 0
    while i < mid and j < high:
        if source[j] < source[i]:
            target[k] = source[j]
            swaps += mid - i  # source[j] jumps every item left in the first half
            j += 1
        else:
            target[k] = source[i]
            i += 1
        k += 1
    target[k:high] = source[i:mid] if i < mid else source[j:high]
    return swaps


def _clamped(value: float) -> float:
    """Float rounding can land a perfect agreement a hair outside [-1, 1]."""
    return max(-1.0, min(1.0, value))

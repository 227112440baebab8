"""The assumptions besides the weights that `sensitivity --vary` draws afresh for every
sample (issue 14), and how much each one alone moves the selection.

- `aggregation`: every group, and the total, is aggregated arithmetically or geometrically
  (SPEC §3.3), each drawn on its own with probability ½ per sample;
- `missing`: an unanswered indicator scores 0 (`zero`) or is left out of its parent
  (`exclude`, SPEC §3.2), drawn with probability ½ per sample for the whole tree;
- `reviews` (with `--reviews`): each disputed indicator of each region (SPEC §6.4) takes
  the score of one of its reviewers, drawn uniformly, instead of the panel's median or mean.
  Answer gates keep the panel's majority verdict, as `rank`'s selections at risk do.

Each assumption has its own PCG64 stream (seeded with the run's seed and the assumption's
number), apart from the weights' stream, so varying one more assumption leaves the draws of
the others as they were, and a run without `--vary` is the run it always was.

Attribution: with more than one assumption varied, each one is also varied *alone* (every
other at the criteria's own value) for as many samples, and the report gives, per
assumption, the share of those samples whose selection differs from the nominal one and the
mean number of seats that change (regions in, or out, whichever is more). The assumption
with the highest mean moves the selection most. This is the first-order ("main") effect of
each assumption measured as selection changes, in the spirit of the JRC's one-at-a-time
uncertainty analysis; unlike a variance-based (Sobol) index it needs no Saltelli design and
reads directly as seats.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from smartcity_score.engine import Scorer

Bools = NDArray[np.bool_]

ASSUMPTIONS = ("aggregation", "missing", "reviews")

# A disputed indicator of one region: (its region column, its node, its reviewers' scores).
Dispute = tuple[int, int, tuple[float, ...]]
WEIGHTS = "weights"


@dataclass(frozen=True)
class Variation:
    """One chunk's draws of the assumptions other than the weights; None: the criteria's."""

    geometric: Bools | None = None  # samples × (nodes + 1): each group's mode, then the total's
    exclude: Bools | None = None  # samples × 1: missing answers left out (else scored 0)
    # per sample, the reviewer's score each dispute took: (region, node) → samples
    reviewed: dict[tuple[int, int], NDArray[np.float64]] | None = None


@dataclass(frozen=True)
class Attribution:
    """What varying one assumption alone does to the selection."""

    assumption: str  # weights, aggregation, missing, or "all" for every one together
    changed: float  # share of samples whose selection differs from the nominal one
    mean_changes: float  # seats changed per sample, on average


class AssumptionDraws:
    """The `varied` assumptions' draws, chunk by chunk, the same on every pass."""

    def __init__(
        self,
        scorer: Scorer,
        varied: tuple[str, ...],
        seed: int,
        samples: int,
        disputes: tuple[Dispute, ...] = (),
    ) -> None:
        self.width = len(scorer.nodes) + 1
        self.disputes = disputes
        self.varied = varied
        self.seed = seed
        self.samples = samples

    def chunks(self, size: int) -> Iterator[Variation]:
        streams = {
            name: np.random.Generator(np.random.PCG64([self.seed, number + 1]))
            for number, name in enumerate(ASSUMPTIONS)
            if name in self.varied
        }
        for start in range(0, self.samples, size):
            rows = min(size, self.samples - start)
            geometric = exclude = None
            if "aggregation" in streams:
                geometric = streams["aggregation"].random((rows, self.width)) < 0.5
            if "missing" in streams:
                exclude = streams["missing"].random((rows, 1)) < 0.5
            reviewed = None
            if "reviews" in streams:
                draw = streams["reviews"]
                reviewed = {
                    (region, node): np.array(scores)[draw.integers(0, len(scores), size=rows)]
                    for region, node, scores in self.disputes
                }
            yield Variation(geometric, exclude, reviewed)


def seat_changes(selected: Bools, nominal: Bools) -> NDArray[np.int64]:
    """Per sample (row), the seats that changed: regions in or out, whichever is more."""
    entering = np.sum(selected & ~nominal, axis=1)
    leaving = np.sum(~selected & nominal, axis=1)
    changes: NDArray[np.int64] = np.maximum(entering, leaving).astype(np.int64)
    return changes

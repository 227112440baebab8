"""The JSON shapes of `sensitivity` and `compare`, which every other format reuses,
and the sentences they share: the sensitivity settings and the comparison's summary.

The renderer registry hands reports over untyped; `sensitivity_report` and
`comparison` check what arrived.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from smartcity_score.compare import Comparison, DimensionChange, RegionChange
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import TOTAL, rounded
from smartcity_score.i18n import number_text, numeral, t
from smartcity_score.ranking import Outcome, Placed
from smartcity_score.report import cohort_dict, cohort_line, criteria_dict, number
from smartcity_score.similarity import Similarity

if TYPE_CHECKING:  # numpy comes with them: a ranking in JSON or CSV does not load it
    from smartcity_score.assumptions import Attribution
    from smartcity_score.sensitivity import RegionSensitivity, SensitivityReport


def sensitivity_report(report: object) -> SensitivityReport:
    from smartcity_score.sensitivity import SensitivityReport

    if not isinstance(report, SensitivityReport):
        raise TypeError(f"expected a SensitivityReport, got {type(report).__name__}")
    return report


def comparison(report: object) -> Comparison:
    if not isinstance(report, Comparison):
        raise TypeError(f"expected a Comparison, got {type(report).__name__}")
    return report


def region_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.region_id,
        "name": outcome.name,
        "kind": outcome.kind,
        "province": outcome.province,
    }


def percent(value: float | None, lang: str | None = None, digits: int = 1) -> str:
    return "—" if value is None else numeral(f"{100 * value:.{digits}f}", lang) + "%"


def rank_text(value: float, lang: str | None = None) -> str:
    """A median rank: whole when it is one, else with its half."""
    return str(int(value)) if value == int(value) else numeral(f"{value:.1f}", lang)


def ranks_text(region: RegionChange) -> str:
    old = str(region.old.rank) if region.old else "—"
    new = str(region.new.rank) if region.new else "—"
    return f"{old} → {new}"


def totals_text(region: RegionChange, lang: str | None = None) -> str:
    old, new = region.scores[TOTAL]
    return f"{number_text(old, lang)} → {number_text(new, lang)}"


def signed(value: float, lang: str | None = None) -> str:
    return numeral(f"{value:+.2f}", lang)


# --- sensitivity ---------------------------------------------------------------------------


def settings_dict(report: SensitivityReport) -> dict[str, Any]:
    s = report.settings
    return {
        "method": s.method,
        "samples": s.samples,
        "spread": s.spread,
        "seed": s.seed,
        "seats": report.seats,
        **({"vary": list(s.vary)} if s.vary else {}),
    }


def settings_text(report: SensitivityReport, lang: str | None = None) -> str:
    """The settings in one line, e.g. `1000 samples, every weight × uniform [0.8, 1.2], seed 0`."""
    s = report.settings
    if s.method == "uniform":
        how = t("settings_uniform", lang, low=f"{1 - s.spread:g}", high=f"{1 + s.spread:g}")
    else:
        how = t("settings_dirichlet", lang, spread=f"{s.spread:g}")
    seats = t("no_seats", lang) if report.seats is None else t("seats", lang, count=report.seats)
    return t("settings", lang, samples=s.samples, how=how, seed=s.seed, seats=seats)


def sensitivity_entry(item: RegionSensitivity) -> dict[str, Any]:
    placed = item.placed
    outcome = placed.outcome
    return {
        "file": outcome.file,
        "region": region_dict(outcome),
        "score": number(outcome.total),
        "rank": placed.rank,
        "eligible": outcome.eligible,
        "selected": placed.selected,
        "selected_by": placed.selected_by,
        "median_rank": item.median_rank,
        "rank_interval": [item.low_rank, item.high_rank],
        "p_selected": round(item.p_selected, 6),
    }


def sensitivity_tail(report: SensitivityReport) -> dict[str, Any]:
    return {
        "bubble": [
            {"region": r.placed.outcome.region_id, "p_selected": round(r.p_selected, 6)}
            for r in report.bubble
        ],
        "one_at_a_time": [
            {
                "dimension": drop.dimension,
                "changed": drop.changed,
                "entering": list(drop.entering),
                "leaving": list(drop.leaving),
            }
            for drop in report.drops
        ],
        **({"attribution": attribution_list(report)} if report.settings.vary else {}),
        "errors": [p.as_dict(with_rule=False, lang=report.lang) for p in report.errors],
        "warnings": report.warnings,
    }


def attribution_list(report: SensitivityReport) -> list[dict[str, Any]]:
    return [
        {
            "assumption": a.assumption,
            "samples_changed": round(a.changed, 6),
            "mean_seats_changed": round(a.mean_changes, 6),
        }
        for a in report.attribution
    ]


def most_moving(report: SensitivityReport) -> Attribution | None:
    """The single assumption with the most seats changed alone (the first on a tie)."""
    alone = [a for a in report.attribution if a.assumption != "all"]
    return max(alone, key=lambda a: a.mean_changes, default=None)


def attribution_rows(report: SensitivityReport, lang: str | None) -> list[list[str]]:
    """Assumption, share of samples changed, mean seats changed: as people read them."""
    return [
        [
            t(f"assumption_{a.assumption}", lang),
            percent(a.changed, lang),
            number_text(a.mean_changes, lang),
        ]
        for a in report.attribution
    ]


# --- compare -------------------------------------------------------------------------------


def side_dict(placed: Placed | None, dimensions: list[str], index: dict[str, int]) -> Any:
    if placed is None:
        return None
    outcome = placed.outcome
    return {
        "file": outcome.file,
        "rank": placed.rank,
        "score": number(outcome.total),
        "eligible": outcome.eligible,
        "selected": placed.selected,
        "selected_by": placed.selected_by,
        "scores": {d: number(outcome.scores[index[d]]) for d in dimensions},
    }


def change_entry(report: Comparison, region: RegionChange) -> dict[str, Any]:
    common = [d.id for d in report.dimensions if d.id != TOTAL]
    old_index, new_index = report.old.scorer.index, report.new.scorer.index
    either = region.new or region.old
    assert either is not None
    return {
        "region": region_dict(either.outcome),
        "old": side_dict(region.old, common, old_index),
        "new": side_dict(region.new, common, new_index),
        "rank_change": region.rank_change,
        "enters": region.enters,
        "leaves": region.leaves,
        "reason": region.reason,
        "score_changes": {node: delta(old, new) for node, (old, new) in region.scores.items()},
    }


def delta(old: float | None, new: float | None) -> float | None:
    if old is None or new is None:
        return None
    return number(new - old)


def dimension_dict(change: DimensionChange) -> dict[str, Any]:
    def extreme(item: tuple[float, str] | None) -> Any:
        return None if item is None else {"change": number(item[0]), "region": item[1]}

    return {
        "id": change.id,
        "old_weight_share": number(change.old_share),
        "new_weight_share": number(change.new_share),
        "mean_change": number(change.mean),
        "lowest": extreme(change.lowest),
        "highest": extreme(change.highest),
        "regions_changed": change.regions_changed,
    }


def similarity_dict(s: Similarity) -> dict[str, Any]:
    return {
        "n": s.n,
        "spearman": number(s.spearman),
        "kendall_tau_b": number(s.kendall_tau_b),
        "weighted_spearman": number(s.weighted_spearman),
        "reason": s.reason,
    }


def similarity_rows(report: Comparison, lang: str | None) -> list[tuple[str, Similarity]]:
    """The two sets the coefficients are computed over, each with its label."""
    return [
        (t("similarity_all", lang), report.similarity),
        (t("similarity_selected", lang), report.selected_similarity),
    ]


def similarity_cells(s: Similarity, lang: str | None = None) -> list[str]:
    """The three coefficients as printed for people (4 decimals; — for none)."""
    values = (s.spearman, s.kendall_tau_b, s.weighted_spearman)
    return [coefficient_text(v, lang) for v in values]


def coefficient_text(value: float | None, lang: str | None = None) -> str:
    if value is None:
        return "—"
    text = f"{value:.4f}"
    return numeral("0.0000" if text == "-0.0000" else text, lang)


def similarity_reasons(report: Comparison, lang: str | None) -> list[str]:
    """Why a set has no coefficients: `Selected under either: neither criteria selects …`."""
    return [
        f"{label}: {t(f'similarity_{s.reason}', lang)}"
        for label, s in similarity_rows(report, lang)
        if s.reason is not None
    ]


def similarity_sentence(report: Comparison, lang: str | None) -> str:
    """Both sets' coefficients in one line (a GitHub notice)."""
    names = [t(key, lang) for key in ("spearman", "kendall_tau_b", "weighted_spearman")]
    parts = []
    for label, s in similarity_rows(report, lang):
        scope = t("similarity_scope", lang, scope=label, count=s.n)
        if s.reason is not None:
            parts.append(f"{scope}: {t(f'similarity_{s.reason}', lang)}.")
        else:
            values = ", ".join(
                f"{name} {text}"
                for name, text in zip(names, similarity_cells(s, lang), strict=True)
            )
            parts.append(f"{scope}: {values}.")
    return " ".join(parts)


def cohort_lines(report: Comparison | SensitivityReport, lang: str | None) -> list[str]:
    """The cohort of each criteria scored against one, for people (`old:`/`new:` in
    `compare`)."""
    if not isinstance(report, Comparison):  # a SensitivityReport
        sides = [("", report.loaded)]
    else:
        sides = [(f"{t(side, lang).lower()}: ", getattr(report, side)) for side in ("old", "new")]
    lines = [(prefix, cohort_line(loaded.cohort, lang)) for prefix, loaded in sides]
    return [prefix + line for prefix, line in lines if line is not None]


def _cohort(loaded: LoadedCriteria) -> dict[str, Any]:
    """`{"cohort": ...}` for criteria scored against a cohort (SPEC §1 v1.1), else `{}`."""
    cohort = cohort_dict(loaded.cohort)
    return {} if cohort is None else {"cohort": cohort}


def comparison_head(report: Comparison, lang: str | None = None) -> dict[str, Any]:
    return {
        "old": {**criteria_dict(report.old), "file": report.old_label, **_cohort(report.old)},
        "new": {**criteria_dict(report.new), "file": report.new_label, **_cohort(report.new)},
        "changed": report.changed,
        "summary": summary(report, lang),
        "selection": {
            "old_seats": report.old_seats,
            "new_seats": report.new_seats,
            "entering": [r.region_id for r in report.entering],
            "leaving": [r.region_id for r in report.leaving],
        },
        "rank_changes": [
            {
                "region": r.region_id,
                "old_rank": r.old.rank if r.old else None,
                "new_rank": r.new.rank if r.new else None,
                "change": r.rank_change,
            }
            for r in report.moves
        ],
        "similarity": {
            **similarity_dict(report.similarity),
            "selected": similarity_dict(report.selected_similarity),
        },
        "dimensions": [dimension_dict(d) for d in report.dimensions],
        "added_dimensions": report.added,
        "removed_dimensions": report.removed,
    }


def comparison_entries(report: Comparison) -> Iterator[dict[str, Any]]:
    for region in report.regions:
        yield change_entry(report, region)


def comparison_tail(report: Comparison) -> dict[str, Any]:
    return {
        "errors": [p.as_dict(with_rule=False, lang=report.lang) for p in report.errors],
        "warnings": report.warnings,
    }


def summary(report: Comparison, lang: str | None = None) -> str:
    """One paragraph that says what the change does, for a pull-request comment."""
    c = report
    old, new = c.old.criteria, c.new.criteria
    scored = sum(1 for r in c.regions if r.old is not None and r.new is not None)
    head = t(
        "summary_head",
        lang,
        old=f"{old.id} {old.version}",
        new=f"{new.id} {new.version}",
        count=scored,
    )
    if not c.changed and not c.added and not c.removed:
        seats = sum(1 for r in c.regions if r.new is not None and r.new.selected)
        return t("summary_same", lang, head=head, count=seats)
    return " ".join([head + ":", *_selection_sentences(c, lang), *_score_sentences(c, lang)])


def _selection_sentences(c: Comparison, lang: str | None) -> Iterator[str]:
    entering, leaving = c.entering, c.leaving
    if entering or leaving:
        selected = sum(1 for r in c.regions if r.old is not None and r.old.selected)
        changed = max(len(entering), len(leaving))
        yield t("summary_seats", lang, changed=changed, selected=selected)
        moves = []
        if entering:
            many = "many" if len(entering) > 1 else "one"
            moves.append(t(f"summary_enters_{many}", lang, names=_names(entering, lang)))
        if leaving:
            many = "many" if len(leaving) > 1 else "one"
            moves.append(t(f"summary_leaves_{many}", lang, names=_names(leaving, lang)))
        yield f"({'; '.join(moves)})."
    else:
        yield t("summary_no_seat_change", lang)
    moved = c.moves
    if moved:
        top = moved[0]
        assert top.old is not None and top.new is not None
        yield t(
            "summary_moves",
            lang,
            count=len(moved),
            name=top.name,
            old=top.old.rank,
            new=top.new.rank,
        )


def _score_sentences(c: Comparison, lang: str | None) -> Iterator[str]:
    total = c.dimensions[0]
    if total.lowest is not None and total.highest is not None and total.regions_changed:
        yield t(
            "summary_totals",
            lang,
            mean=signed(total.mean, lang),
            low=signed(total.lowest[0], lang),
            high=signed(total.highest[0], lang),
        )
    shifted = [d for d in c.dimensions[1:] if d.regions_changed]
    if shifted:
        most = max(shifted, key=lambda d: abs(d.mean))
        yield t("summary_dimension", lang, id=most.id, mean=signed(most.mean, lang))
    reweighted = [
        f"{d.id} {percent(d.old_share, lang)} → {percent(d.new_share, lang)}"
        for d in c.dimensions[1:]
        if d.old_share is not None
        and d.new_share is not None
        and rounded(d.old_share) != rounded(d.new_share)
    ]
    if reweighted:
        yield t("summary_shares", lang, shares=", ".join(reweighted))
    if c.added or c.removed:
        changes = [t("summary_adds", lang, ids=", ".join(c.added))] if c.added else []
        changes += [t("summary_removes", lang, ids=", ".join(c.removed))] if c.removed else []
        yield t("summary_new_criteria", lang, changes=f" {t('and', lang)} ".join(changes))


def _names(regions: list[RegionChange], lang: str | None) -> str:
    names = [r.name for r in regions]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('and', lang)} " + names[-1]

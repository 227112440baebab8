"""The sheets of `sensitivity` and `compare` as workbooks (render.xlsx writes them).

Each starts with a summary sheet (the settings, or the comparison's paragraph), so the
file says on its own what it shows; numbers are the JSON output's, shares and
probabilities formatted as percentages in Excel but stored as fractions.
"""

from __future__ import annotations

from smartcity_score.compare import RegionChange
from smartcity_score.engine import TOTAL
from smartcity_score.i18n import t
from smartcity_score.render.analysis_data import (
    comparison,
    delta,
    sensitivity_report,
    settings_text,
    summary,
)
from smartcity_score.render.xlsx_book import (
    PERCENT,
    Sheet,
    Value,
    criteria_sheet,
    problems_sheet,
    warnings_sheet,
)
from smartcity_score.report import number


def _labels(lang: str | None, *keys: str) -> list[str]:
    return [t(key, lang) for key in keys]


def sensitivity_sheets(report: object, lang: str | None) -> list[Sheet]:
    r = sensitivity_report(report)
    head = _labels(lang, "rank", "region_id", "name", "kind", "province", "total", "eligible")
    head += _labels(lang, "selected", "median_rank", "rank_p5", "rank_p95", "p_selected", "file")
    rows: list[list[Value]] = []
    for item in r.regions:
        placed, o = item.placed, item.placed.outcome
        row: list[Value] = [placed.rank, o.region_id, o.name, o.kind, o.province]
        row += [number(o.total), o.eligible, placed.selected, item.median_rank]
        row += [item.low_rank, item.high_rank, round(item.p_selected, 6), o.file]
        rows.append(row)
    drops: list[list[Value]] = [
        [d.dimension, d.changed, ", ".join(d.entering) or None, ", ".join(d.leaving) or None]
        for d in r.drops
    ]
    return [
        Sheet(t("summary", lang), [t("summary", lang)], [[settings_text(r, lang)]]),
        Sheet(t("sensitivity", lang), head, rows, {11: PERCENT}),
        Sheet(
            t("drops", lang),
            _labels(lang, "dimension_left_out", "seats_changed", "enter", "leave"),
            drops,
        ),
        problems_sheet(r.errors, lang),
        warnings_sheet(r.warnings, lang),
        criteria_sheet([r.loaded], lang),
    ]


def compare_sheets(report: object, lang: str | None) -> list[Sheet]:
    c = comparison(report)
    head = _labels(lang, "region_id", "name", "old_rank", "new_rank", "rank_change")
    head += _labels(lang, "old_total", "new_total", "total_change", "old_selected")
    head += _labels(lang, "new_selected", "enter", "leave", "reason")
    dimensions = _labels(lang, "dimension", "old_share", "new_share", "mean_change", "lowest")
    dimensions += _labels(lang, "lowest_region", "highest", "highest_region", "regions_changed")
    changes: list[list[Value]] = [
        [
            d.id,
            number(d.old_share),
            number(d.new_share),
            number(d.mean),
            number(d.lowest[0]) if d.lowest else None,
            d.lowest[1] if d.lowest else None,
            number(d.highest[0]) if d.highest else None,
            d.highest[1] if d.highest else None,
            d.regions_changed,
        ]
        for d in c.dimensions
    ]
    return [
        Sheet(t("summary", lang), [t("summary", lang)], [[summary(c, lang)]]),
        Sheet(t("regions", lang), head, [_change_row(r) for r in c.regions]),
        Sheet(t("scores_by_dimension", lang), dimensions, changes, {1: PERCENT, 2: PERCENT}),
        problems_sheet(c.errors, lang),
        warnings_sheet(c.warnings, lang),
        criteria_sheet([c.old, c.new], lang),
    ]


def _change_row(region: RegionChange) -> list[Value]:
    old, new = region.old, region.new
    old_total, new_total = region.scores[TOTAL]
    return [
        region.region_id,
        region.name,
        old.rank if old else None,
        new.rank if new else None,
        region.rank_change,
        number(old_total),
        number(new_total),
        delta(old_total, new_total),
        old.selected if old else None,
        new.selected if new else None,
        region.enters,
        region.leaves,
        region.reason,
    ]

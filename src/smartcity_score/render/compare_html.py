"""`compare` as one self-contained HTML page: who enters and leaves the selection and why,
the dimensions, how alike the two rankings are, and every change of rank.

The texts are the other formats' own (`analysis_data`); the template only lays them out,
so every text from an input (region names, criteria titles, messages) is autoescaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.engine import TOTAL
from smartcity_score.models import text
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    cohort_lines,
    comparison,
    percent,
    ranks_text,
    signed,
    similarity_cells,
    similarity_reasons,
    similarity_rows,
    summary,
    totals_text,
)
from smartcity_score.render.html_page import _page, label_with
from smartcity_score.report import criteria_dict


def compare_html(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    lang = options.lang
    old, new = c.old.criteria, c.new.criteria
    changes = [
        {
            "enters": r.enters,
            "name": r.name,
            "id": r.region_id,
            "ranks": ranks_text(r),
            "totals": totals_text(r, lang),
            "reason": r.reason or "",
        }
        for r in [*c.entering, *c.leaving]
    ]
    dimensions = [
        {
            "id": d.id,
            "total": d.id == TOTAL,
            "weight": ""
            if d.id == TOTAL
            else f"{percent(d.old_share, lang)} → {percent(d.new_share, lang)}",
            "mean": signed(d.mean, lang),
            "lowest": f"{signed(d.lowest[0], lang)} ({d.lowest[1]})" if d.lowest else "—",
            "highest": f"{signed(d.highest[0], lang)} ({d.highest[1]})" if d.highest else "—",
            "regions": d.regions_changed,
        }
        for d in c.dimensions
    ]
    moves = [
        {
            "name": r.name,
            "id": r.region_id,
            "ranks": ranks_text(r),
            "change": r.rank_change or 0,
            "totals": totals_text(r, lang),
        }
        for r in c.moves
    ]
    return _page(
        "compare.html.j2",
        lang,
        title=f"{text(old.title, lang)} {old.version} → {new.version}",
        criteria=criteria_dict(c.new),
        files=(c.old_label, c.new_label),
        versions=(f"{old.id} {old.version}", f"{new.id} {new.version}"),
        summary=summary(c, lang),
        cohort_lines=cohort_lines(c, lang),
        changes=changes,
        dimensions=dimensions,
        similarity=[
            (label, s.n, similarity_cells(s, lang)) for label, s in similarity_rows(c, lang)
        ],
        similarity_reasons=similarity_reasons(c, lang),
        moves=moves,
        moves_heading=label_with("rank_changes", lang, count=len(moves)),
        errors=c.errors,
        warnings=c.warnings,
    )

"""CSV for spreadsheets: one row per region, every dimension score in its own column.

The `excel-id` dialect is the CSV an Excel set to an Indonesian locale opens into columns
and numbers: a BOM (else it guesses the encoding), `;` between fields (its list
separator, since `,` is its decimal mark), a decimal comma and Excel's own CRLF lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from smartcity_score.engine import TOTAL, rounded
from smartcity_score.escape import visible
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    comparison,
    delta,
    sensitivity_entry,
    sensitivity_report,
)
from smartcity_score.render.trend_text import point_dict, trend_report
from smartcity_score.report import ProblemReport, RankReport, number, panel_dict

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    """Defuse spreadsheet formulas in text from input files (CSV injection), and show its
    controls as escapes (`\\x1b`, `\\n`): a CSV read in a terminal sends no sequence."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return visible(value)


def _decimal_comma(value: object) -> object:
    return str(value).replace(".", ",") if isinstance(value, float) else value


def _rows(rows: Iterator[list[object]], dialect: str = "standard") -> Iterator[str]:
    buffer = io.StringIO()
    if dialect == "excel-id":
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        buffer.write("\ufeff")
    else:
        writer = csv.writer(buffer, lineterminator="\n")
    for values in rows:
        safe = [_safe(v) for v in values]
        writer.writerow([_decimal_comma(v) for v in safe] if dialect == "excel-id" else safe)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def rank(report: RankReport, options: Options) -> Iterator[str]:
    def rows() -> Iterator[list[object]]:
        dims = [g.id for g in report.loaded.criteria.dimensions]
        positions = report.loaded.scorer.index
        head: list[object] = ["rank", "region_id", "name", "kind", "province", "file", "score"]
        scale = report.loaded.criteria.published
        head += ["published"] if scale is not None else []
        head += ["level", "eligible", "failed_gates", "selected", "selected_by", "reason"]
        head += dims
        if report.group_by:
            head += ["group", "group_rank"]
        panel = report.panel
        if panel is not None:
            head += ["self_score", "reviewers", "disagreements", "selected_on_claims"]
        yield head
        for placed in report.placed:
            o = placed.outcome
            values: list[object] = [
                placed.rank,
                o.region_id,
                o.name,
                o.kind or "",
                o.province or "",
            ]
            values += [o.file, number(o.total)]
            values += [] if scale is None else [scale.of(rounded(o.total))]
            values += [o.level or "", o.eligible, " ".join(o.failed_gates)]
            values += [placed.selected, placed.selected_by or "", placed.reason or ""]
            values += ["" if (v := number(o.scores[positions[d]])) is None else v for d in dims]
            if report.group_by:
                values += [o.field(report.group_by) or "", report.group_ranks.get(o.file, "")]
            if panel is not None:
                one = panel_dict(o, panel.by_file.get(o.file))
                values += [one["self_score"], one["reviewers"], " ".join(one["disagreements"])]
                values.append(o.file in (panel.claimed_selected or ()))
            yield values

    return _rows(rows(), options.csv_dialect)


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    def rows() -> Iterator[list[object]]:
        yield ["file", "line", "column", "severity", "message", "rule"]
        for p in report.problems:
            yield [p.file, p.line, p.column, p.severity, p.say(options.lang), p.rule]

    return _rows(rows())


def sensitivity(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)

    def rows() -> Iterator[list[object]]:
        yield [
            "rank",
            "region_id",
            "name",
            "kind",
            "province",
            "file",
            "score",
            "eligible",
            "selected",
            "median_rank",
            "rank_p5",
            "rank_p95",
            "p_selected",
        ]
        for item in r.regions:
            entry = sensitivity_entry(item)
            region = entry["region"]
            yield [
                entry["rank"],
                region["id"],
                region["name"],
                region["kind"] or "",
                region["province"] or "",
                entry["file"],
                entry["score"],
                entry["eligible"],
                entry["selected"],
                entry["median_rank"],
                item.low_rank,
                item.high_rank,
                entry["p_selected"],
            ]

    return _rows(rows())


def compare(report: object, options: Options) -> Iterator[str]:
    """One row per region (new rank order, then those ranked only under the old criteria):
    ranks, totals and seats under both, and why it enters or leaves the selection."""
    c = comparison(report)

    def rows() -> Iterator[list[object]]:
        yield [
            "region_id",
            "name",
            "old_rank",
            "new_rank",
            "rank_change",
            "old_score",
            "new_score",
            "score_change",
            "old_selected",
            "new_selected",
            "enters",
            "leaves",
            "reason",
        ]
        for region in c.regions:
            old, new = region.old, region.new
            old_total, new_total = region.scores[TOTAL]
            yield [
                region.region_id,
                region.name,
                "" if old is None else old.rank,
                "" if new is None else new.rank,
                "" if region.rank_change is None else region.rank_change,
                _blank(number(old_total)),
                _blank(number(new_total)),
                _blank(delta(old_total, new_total)),
                "" if old is None else old.selected,
                "" if new is None else new.selected,
                region.enters,
                region.leaves,
                region.reason or "",
            ]

    return _rows(rows(), options.csv_dialect)


def _blank(value: float | None) -> object:
    return "" if value is None else value


def trend(report: object, options: Options) -> Iterator[str]:
    """One row per region; per round its rank, total, level and selection, then the changes."""
    r = trend_report(report)

    def rows() -> Iterator[list[object]]:
        head: list[object] = ["region_id", "name"]
        for label in r.labels:
            head += [f"{label}_rank", f"{label}_total", f"{label}_level", f"{label}_selected"]
        yield [*head, "rank_change", "total_change", "absent_from"]
        for region in r.regions:
            values: list[object] = [region.region_id, region.name]
            for placed in region.points:
                point = point_dict(placed)
                if point is None:
                    values += ["", "", "", ""]
                else:
                    values += [
                        point["rank"],
                        point["total"],
                        point["level"] or "",
                        point["selected"],
                    ]
            values += ["" if region.rank_change is None else region.rank_change]
            values += ["" if region.total_change is None else region.total_change]
            yield [*values, " ".join(r.labels[i] for i in region.absent)]

    return _rows(rows())

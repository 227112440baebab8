"""`sensitivity` and `compare` as JSON, CSV, Markdown and GitHub annotations.

The registry modules (json_, csv_, markdown, github) expose thin `sensitivity`
and `compare` functions that call these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from smartcity_score.compare import Comparison
from smartcity_score.engine import TOTAL
from smartcity_score.escape import markdown_text, visible
from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    attribution_rows,
    cohort_lines,
    comparison,
    comparison_entries,
    comparison_head,
    comparison_tail,
    delta,
    most_moving,
    percent,
    rank_text,
    ranks_text,
    sensitivity_entry,
    sensitivity_report,
    sensitivity_tail,
    settings_dict,
    settings_text,
    signed,
    similarity_cells,
    similarity_reasons,
    similarity_rows,
    similarity_sentence,
    summary,
    totals_text,
)
from smartcity_score.render.csv_ import _rows
from smartcity_score.render.github import _escape_data, _escape_property
from smartcity_score.render.json_ import document
from smartcity_score.render.markdown import Markup, cell, header, row
from smartcity_score.report import cohort_dict, criteria_dict, number
from smartcity_score.sensitivity import RegionSensitivity


def sensitivity_json(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    head = {"criteria": criteria_dict(r.loaded), "settings": settings_dict(r)}
    cohort = cohort_dict(r.loaded.cohort)
    if cohort is not None:
        head["cohort"] = cohort
    return document(head, (sensitivity_entry(item) for item in r.regions), sensitivity_tail(r))


def sensitivity_csv(report: object, options: Options) -> Iterator[str]:
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


def compare_csv(report: object, options: Options) -> Iterator[str]:
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


def sensitivity_markdown(report: object, options: Options) -> Iterator[str]:
    r = sensitivity_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    title = cell(text(criteria.title, lang))
    yield f"## {t('sensitivity_title', lang)}: {title}\n\n"
    yield (
        f"{t('criteria', lang)}: `{criteria.id}` {cell(criteria.version)} "
        f"(sha256 `{r.loaded.sha256[:12]}…`). {cell(settings_text(r, lang))}.\n\n"
    )
    for line in cohort_lines(r, lang):
        yield f"{cell(line)}\n\n"
    names = _labels(lang, "region", "rank", "median_rank", "rank_interval", "p_selected")
    bubble = r.bubble
    yield f"### {t('bubble', lang)}\n\n"
    if not bubble:
        yield f"{t('bubble_none', lang)}\n"
    else:
        yield f"{t('bubble_count', lang, count=len(bubble))}\n\n"
        yield header(names, {1, 2, 3, 4})
        for item in bubble:
            yield row(_sensitivity_cells(item))
    if r.drops:
        yield f"\n### {t('drops', lang)}\n\n"
        yield header(_labels(lang, "dimension_left_out", "seats_changed", "enter", "leave"), {1})
        for drop in r.drops:
            enter = ", ".join(drop.entering) or "—"
            leave = ", ".join(drop.leaving) or "—"
            yield row([Markup(f"`{drop.dimension}`"), drop.changed, enter, leave])
    most = most_moving(r)
    if most is not None:
        yield f"\n### {t('attribution', lang)}\n\n"
        yield header(_labels(lang, "assumption", "samples_changed", "mean_seats_changed"), {1, 2})
        for cells in attribution_rows(r, lang):
            yield row(list(cells))
        yield f"\n{t('attribution_most', lang, name=t(f'assumption_{most.assumption}', lang))}\n"
    yield f"\n### {t('every_region', lang)}\n\n"
    first = _labels(lang, "rank", "region", "total", "selected")
    yield header([*first, *names[2:]], {0, 2, 4, 5, 6})
    not_eligible = t("not_eligible", lang)
    for item in r.regions:
        values = _sensitivity_cells(item)
        placed = item.placed
        selected = "✔" if placed.selected else ("" if placed.outcome.eligible else not_eligible)
        yield row([placed.rank, values[0], f"{placed.outcome.total:.2f}", selected, *values[2:]])
    yield from _notes(r.errors, r.warnings, lang)


def _labels(lang: str | None, *keys: str) -> list[str]:
    return [t(key, lang) for key in keys]


def _sensitivity_cells(item: RegionSensitivity) -> list[object]:
    return [
        item.placed.outcome.name,
        item.placed.rank,
        rank_text(item.median_rank),
        f"{item.low_rank}–{item.high_rank}",
        percent(item.p_selected),
    ]


def _notes(errors: list[Problem], warnings: list[str], lang: str | None) -> Iterator[str]:
    if errors:
        yield f"\n### {t('invalid_files', lang)}\n\n"
        for problem in errors:
            yield f"- {markdown_text(problem.line_in(lang))}\n"
    if warnings:
        yield f"\n### {t('warnings', lang)}\n\n"
        for warning in warnings:
            yield f"- {markdown_text(warning)}\n"


def compare_json(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    return document(comparison_head(c, options.lang), comparison_entries(c), comparison_tail(c))


def compare_markdown(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    lang = options.lang
    old, new = c.old.criteria, c.new.criteria
    yield f"## {t('criteria_change_title', lang)}\n\n"
    yield (
        f"**{t('old', lang)}:** `{old.id}` {cell(old.version)} ({_code(c.old_label)}) · "
        f"**{t('new', lang)}:** `{new.id}` {cell(new.version)} ({_code(c.new_label)})\n\n"
    )
    yield f"{cell(summary(c, lang))}\n"
    for line in cohort_lines(c, lang):
        yield f"\n{cell(line)}\n"
    changes = [*c.entering, *c.leaving]
    if changes:
        yield f"\n### {t('selection', lang)}\n\n"
        heads = _labels(lang, "region", "rank_old_new", "total_old_new", "reason")
        yield header(["", *heads], {2, 3})
        for region in changes:
            mark = f"➕ {t('enters', lang)}" if region.enters else f"➖ {t('leaves', lang)}"
            yield row(
                [mark, region.name, ranks_text(region), totals_text(region), region.reason or ""]
            )
    if c.changed or c.added or c.removed:
        yield f"\n### {t('scores_by_dimension', lang)}\n\n"
        columns = ("dimension", "weight_old_new", "mean_change", "lowest", "highest", "regions")
        yield header(_labels(lang, *columns), {2, 3, 4, 5})
        for d in c.dimensions:
            weight = "" if d.id == TOTAL else f"{percent(d.old_share)} → {percent(d.new_share)}"
            low = f"{signed(d.lowest[0])} ({d.lowest[1]})" if d.lowest else "—"
            high = f"{signed(d.highest[0])} ({d.highest[1]})" if d.highest else "—"
            name = Markup("**total**" if d.id == TOTAL else f"`{d.id}`")
            yield row([name, weight, signed(d.mean), low, high, d.regions_changed])
        if c.added or c.removed:
            added = ", ".join(f"`{d}`" for d in c.added) or "—"
            removed = ", ".join(f"`{d}`" for d in c.removed) or "—"
            yield f"\n{t('dimensions_added_removed', lang, added=added, removed=removed)}\n"
    yield from _similarity_markdown(c, lang)
    moves = c.moves
    if moves:
        count = t("rank_changes_count", lang, count=len(moves))
        yield f"\n<details><summary>{count}</summary>\n\n"
        yield header(_labels(lang, "region", "rank_old_new", "change", "total_old_new"), {1, 2, 3})
        for region in moves:
            yield row(
                [region.name, ranks_text(region), f"{region.rank_change:+d}", totals_text(region)]
            )
        yield "\n</details>\n"
    yield from _notes(c.errors, c.warnings, lang)


def _similarity_markdown(c: Comparison, lang: str | None) -> Iterator[str]:
    yield f"\n### {t('rank_similarity', lang)}\n\n"
    columns = ("regions", "spearman", "kendall_tau_b", "weighted_spearman")
    yield header(["", *_labels(lang, *columns)], {1, 2, 3, 4})
    for label, s in similarity_rows(c, lang):
        yield row([label, s.n, *similarity_cells(s)])
    for reason in similarity_reasons(c, lang):
        yield f"\n{cell(reason)}\n"


def _code(value: str) -> str:
    """A code span: its text is never markup; its fence is one backtick longer than the
    longest run of backticks in the text, so no run inside can end it early."""
    text = visible(value)
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall("`+", text)) + 1)
    return f"{fence} {text} {fence}"


def compare_github(report: object, options: Options) -> Iterator[str]:
    c = comparison(report)
    lang = options.lang
    for region in [*c.entering, *c.leaving]:
        title = t("enters_selection" if region.enters else "leaves_selection", lang)
        message = t(
            "notice",
            lang,
            name=region.name,
            id=region.region_id,
            ranks=ranks_text(region),
            totals=totals_text(region),
        )
        if region.reason:
            message = f"{message}: {region.reason}"
        yield f"::notice title={_escape_property(title)}::{_escape_data(message)}\n"
    title = _escape_property(t("criteria_comparison", lang))
    yield f"::notice title={title}::{_escape_data(summary(c, lang))}\n"
    title = _escape_property(t("rank_similarity", lang))
    yield f"::notice title={title}::{_escape_data(similarity_sentence(c, lang))}\n"

"""Markdown tables, to paste into a report, an issue or a pull request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from smartcity_score.compare import Comparison
from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import TOTAL, rounded
from smartcity_score.escape import markdown_cell, markdown_text, visible
from smartcity_score.explain import Card, answer_for_people, format_number
from smartcity_score.i18n import decimal, number_text, numeral, selected_by_text, t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.render import Options
from smartcity_score.render.analysis_data import (
    attribution_rows,
    cohort_lines,
    comparison,
    most_moving,
    percent,
    rank_text,
    ranks_text,
    sensitivity_report,
    settings_text,
    signed,
    similarity_cells,
    similarity_reasons,
    similarity_rows,
    summary,
    totals_text,
)
from smartcity_score.render.trend_text import (
    change_texts,
    move_lines,
    note,
    round_lines,
    trend_report,
)
from smartcity_score.report import (
    AssessReport,
    ProblemReport,
    RankReport,
    agreement_lines,
    cohort_line,
    level_label,
    panel_lists,
    panel_moves,
)

if TYPE_CHECKING:
    from smartcity_score.sensitivity import RegionSensitivity


class Markup(str):
    """Markdown this renderer wrote itself (`**total**`): a cell keeps it as it is."""


def cell(value: object) -> str:
    """A table cell: input text escaped, so no input breaks the table or becomes live."""
    return value if isinstance(value, Markup) else markdown_cell(value)


def row(values: list[object]) -> str:
    return "| " + " | ".join(cell(v) for v in values) + " |\n"


def header(names: list[str], right: set[int] | None = None) -> str:
    right = right or set()
    rule = ["---:" if i in right else "---" for i in range(len(names))]
    return row(list(names)) + "| " + " | ".join(rule) + " |\n"


def _score(value: float | None, lang: str | None) -> str:
    return "—" if value is None or value != value else decimal(value, 2, lang)


def rank(report: RankReport, options: Options) -> Iterator[str]:
    lang = options.lang
    criteria = report.loaded.criteria
    yield f"## {t('ranking_title', lang)}: {cell(text(criteria.title, lang))}\n\n"
    yield (
        f"{t('criteria', lang)}: `{criteria.id}` {cell(criteria.version)} "
        f"(sha256 `{report.loaded.sha256[:12]}…`)\n\n"
    )
    yield from _cohort(report.loaded, lang)
    dims = [g.id for g in criteria.dimensions]
    names = [t("rank", lang), t("region", lang), t("province", lang), t("kind", lang)]
    panel = report.panel
    claimed = [t("self_score", lang)] if panel is not None else []
    scale = report.loaded.criteria.published
    claimed = [*([t("published_short", lang)] if scale else []), *claimed]
    names += [t("total", lang), *claimed, t("level", lang), *dims]
    if report.group_by:
        names.append(t("group_rank", lang))
    names += [t("eligible", lang), t("selected", lang)]
    reasons = any(p.reason for p in report.placed)
    if reasons:
        names.append(t("reason", lang))
    numbers = 6 + len(claimed)
    yield header(
        names, {0, 4, *range(4, 4 + len(claimed) + 1), *range(numbers, numbers + len(dims))}
    )
    positions = report.loaded.scorer.index
    for placed in report.placed:
        o = placed.outcome
        values: list[object] = [placed.rank, o.name, o.province or "", o.kind or ""]
        values.append(decimal(o.total, 2, lang))
        if scale is not None:
            values.append(numeral(scale.shown(rounded(o.total)), lang))
        if panel is not None:
            verification = panel.by_file.get(o.file)
            values.append(decimal(verification.claimed.total, 2, lang) if verification else "")
        values.append(level_label(report.loaded, o.level, lang))
        values += [_score(o.scores[positions[d]], lang) for d in dims]
        if report.group_by:
            values.append(report.group_ranks.get(o.file, ""))
        values.append(t("yes", lang) if o.eligible else t("no", lang))
        values.append(selected_by_text(placed.selected_by, lang))
        if reasons:
            values.append(placed.reason or "")
        yield row(values)
    if panel is not None:
        yield from _panel_changes(report, lang)
    yield from _tail(report.errors, report.warnings, lang)


def _panel_changes(report: RankReport, lang: str | None) -> Iterator[str]:
    """What the verification changed: whose selection, and the indicators it moved most."""
    yield f"\n### {t('panel_title', lang)}\n\n"
    for heading, found in panel_lists(report, lang):
        names = ", ".join(markdown_text(name) for name in found) or t("none", lang)
        yield f"- {heading}: {names}\n"
    moved = panel_moves(report)
    if moved:
        yield "\n" + header(
            [
                t("region", lang),
                t("self_score", lang),
                t("verified_score", lang),
                t("indicator", lang),
            ],
            {1, 2},
        )
        for name, claimed, verified, indicators in moved:
            yield row([name, decimal(claimed, 2, lang), decimal(verified, 2, lang), indicators])
    assert report.panel is not None
    lines = agreement_lines(report.panel.agreement, lang)
    if lines:
        yield "\n" + "".join(f"{markdown_text(line)}\n\n" for line in lines)


def _tail(errors: list[Problem], warnings: list[str], lang: str | None) -> Iterator[str]:
    if errors:
        yield f"\n### {t('invalid_files', lang)}\n\n"
        yield header([t("file", lang), t("line", lang), t("column", lang), t("message", lang)])
        for p in errors:
            yield row([p.file, p.line, p.column, p.say(lang)])
    if warnings:
        yield f"\n### {t('warnings', lang)}\n\n"
        for warning in warnings:
            yield f"- {markdown_text(warning)}\n"


def _cohort(loaded: LoadedCriteria, lang: str | None) -> Iterator[str]:
    line = cohort_line(loaded.cohort, lang)
    if line is not None:
        yield f"{markdown_text(line)}\n\n"


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    yield from _cohort(report.loaded, options.lang)
    for card in report.cards:
        yield from _card(card, options.lang)
    yield from _tail(report.errors, report.warnings, options.lang)


def _card(card: Card, lang: str | None) -> Iterator[str]:
    info = card.region.info
    yield f"## {t('score_card', lang)}: {cell(info.name)}\n\n"
    level = text(card.level.label, lang) if card.level else "—"
    eligible = t("eligible", lang) if card.eligible else t("not_eligible", lang)
    total = f"**{t('total', lang)}: {decimal(card.scores.total, 2, lang)}**"
    yield f"{total} · {t('level', lang)}: {cell(level)} · {eligible}\n\n"
    if card.published is not None:
        yield f"{markdown_text(card.published)}\n\n"
    if card.panel is not None:
        verified_by = t(
            "panel_line",
            lang,
            claimed=decimal(card.panel.claimed.total, 2, lang),
            count=len(card.panel.reviewers),
            assessors=", ".join(card.panel.reviewers),
        )
        yield f"{markdown_text(verified_by)}\n\n"
        if card.panel.disagreements:
            disputed = ", ".join(card.panel.disagreements)
            yield f"{t('disagreements', lang)}: {markdown_text(disputed)}\n\n"
    if card.next_level is not None:
        yield (
            f"{t('next_level', lang)}: {cell(card.next_level.label)} "
            f"({card.next_level.sign} {numeral(format_number(card.next_level.at_least), lang)}): "
            f"+{decimal(card.next_level.points_needed, 2, lang)} {t('points_needed', lang)}\n\n"
        )
    if card.gates:
        yield f"### {t('gates', lang)}\n\n"
        for gate in card.gates:
            mark = "✅" if gate.passed else "❌"
            yield f"- {mark} `{gate.id}`: {cell(gate.detail)}\n"
        yield "\n"
    yield header(
        [
            t("indicator", lang),
            t("answer", lang),
            t("score", lang),
            t("weight", lang),
            t("points", lang),
            t("lost", lang),
        ],
        {2, 3, 4, 5},
    )
    for group in card.groups:
        yield row(
            [
                Markup(f"**{cell(group.title)}**"),
                "",
                Markup(f"**{_score(group.score, lang)}**"),
                f"{decimal(100 * group.weight, 1, lang)}%",
                "",
                "",
            ]
        )
        for line in group.indicators:
            yield row(
                [
                    line.id,
                    answer_for_people(line, lang),
                    _score(line.score, lang),
                    f"{decimal(100 * line.weight, 1, lang)}%",
                    decimal(line.points, 2, lang),
                    decimal(line.lost, 2, lang),
                ]
            )
    if card.gains:
        yield f"\n### {t('gains', lang)}\n\n"
        for gain in card.gains:
            change = f"{cell(gain.before)} → {cell(gain.after)}"
            yield f"- `{gain.indicator}`: {change}: **+{decimal(gain.points, 2, lang)}**\n"
    if card.missing:
        yield f"\n{t('missing_answers', lang)}: {', '.join(f'`{m}`' for m in card.missing)}\n"
    yield "\n"


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    lang = options.lang
    yield header([t("file", lang), t("line", lang), t("column", lang), "", t("message", lang)])
    for p in report.problems:
        rule = f" `{p.rule}`" if report.with_rule else ""
        yield row([p.file, p.line, p.column, p.severity, Markup(f"{cell(p.say(lang))}{rule}")])


def sensitivity(report: object, options: Options) -> Iterator[str]:
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
            yield row(_sensitivity_cells(item, lang))
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
        values = _sensitivity_cells(item, lang)
        placed = item.placed
        selected = "✔" if placed.selected else ("" if placed.outcome.eligible else not_eligible)
        yield row(
            [placed.rank, values[0], number_text(placed.outcome.total, lang), selected, *values[2:]]
        )
    yield from notes(r.errors, r.warnings, lang)


def compare(report: object, options: Options) -> Iterator[str]:
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
                [
                    mark,
                    region.name,
                    ranks_text(region),
                    totals_text(region, lang),
                    region.reason or "",
                ]
            )
    if c.changed or c.added or c.removed:
        yield f"\n### {t('scores_by_dimension', lang)}\n\n"
        columns = ("dimension", "weight_old_new", "mean_change", "lowest", "highest", "regions")
        yield header(_labels(lang, *columns), {2, 3, 4, 5})
        for d in c.dimensions:
            weight = (
                ""
                if d.id == TOTAL
                else f"{percent(d.old_share, lang)} → {percent(d.new_share, lang)}"
            )
            low = f"{signed(d.lowest[0], lang)} ({d.lowest[1]})" if d.lowest else "—"
            high = f"{signed(d.highest[0], lang)} ({d.highest[1]})" if d.highest else "—"
            name = Markup("**total**" if d.id == TOTAL else f"`{d.id}`")
            yield row([name, weight, signed(d.mean, lang), low, high, d.regions_changed])
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
                [
                    region.name,
                    ranks_text(region),
                    f"{region.rank_change:+d}",
                    totals_text(region, lang),
                ]
            )
        yield "\n</details>\n"
    yield from notes(c.errors, c.warnings, lang)


def _labels(lang: str | None, *keys: str) -> list[str]:
    return [t(key, lang) for key in keys]


def _sensitivity_cells(item: RegionSensitivity, lang: str | None) -> list[object]:
    return [
        item.placed.outcome.name,
        item.placed.rank,
        rank_text(item.median_rank, lang),
        f"{item.low_rank}–{item.high_rank}",
        percent(item.p_selected, lang),
    ]


def _similarity_markdown(c: Comparison, lang: str | None) -> Iterator[str]:
    yield f"\n### {t('rank_similarity', lang)}\n\n"
    columns = ("regions", "spearman", "kendall_tau_b", "weighted_spearman")
    yield header(["", *_labels(lang, *columns)], {1, 2, 3, 4})
    for label, s in similarity_rows(c, lang):
        yield row([label, s.n, *similarity_cells(s, lang)])
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


def notes(errors: list[Problem], warnings: list[str], lang: str | None) -> Iterator[str]:
    if errors:
        yield f"\n### {t('invalid_files', lang)}\n\n"
        for problem in errors:
            yield f"- {markdown_text(problem.line_in(lang))}\n"
    if warnings:
        yield f"\n### {t('warnings', lang)}\n\n"
        for warning in warnings:
            yield f"- {markdown_text(warning)}\n"


def trend(report: object, options: Options) -> Iterator[str]:
    r = trend_report(report)
    lang = options.lang
    criteria = r.loaded.criteria
    yield f"## {t('trend_title', lang)}\n\n"
    head = t(
        "trend_head", lang, count=len(r.regions), rounds=len(r.rounds), labels=" → ".join(r.labels)
    )
    yield f"`{criteria.id}` {markdown_cell(criteria.version)} · {markdown_cell(head)}\n\n"
    for line in round_lines(r, lang):
        yield f"- {markdown_text(line)}\n"
    yield f"\n### {t('moved_most', lang)}\n\n"
    for heading, line in move_lines(r, lang):
        yield f"- **{heading}:** {markdown_cell(line)}\n"
    yield f"\n### {t('regions', lang)}\n\n"
    names = [t("region", lang)]
    for label in r.labels:
        names += [f"{label} {t('rank', lang)}", f"{label} {t('total', lang)}", t("level", lang)]
    names += [t("rank_change", lang), t("total_change", lang), t("note", lang)]
    per_round = len(r.labels) * 3
    right = {i for i in range(1, per_round + 3) if (i - 1) % 3 != 2 or i > per_round}
    yield header(names, right)
    for region in r.regions:
        cells: list[object] = [region.name]
        for placed in region.points:
            if placed is None:
                cells += ["—", "—", ""]
            else:
                o = placed.outcome
                mark = " ✔" if placed.selected else ""
                cells += [
                    f"{placed.rank}{mark}",
                    number_text(o.total, lang),
                    level_label(r.loaded, o.level, lang),
                ]
        cells += [*change_texts(region, lang), note(r, region, lang)]
        yield row(cells)
    yield from notes(r.errors, r.warnings, lang)

"""Markdown tables, to paste into a report, an issue or a pull request."""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.engine import rounded
from smartcity_score.escape import markdown_cell, markdown_text
from smartcity_score.explain import Card, answer_for_people, format_number
from smartcity_score.i18n import decimal, numeral, selected_by_text, t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.render import Options
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
    """`sensitivity` (issue 7); written in render.analysis_text."""
    from smartcity_score.render.analysis_text import sensitivity_markdown

    return sensitivity_markdown(report, options)


def compare(report: object, options: Options) -> Iterator[str]:
    """`compare` (issue 7), written to be posted as a pull-request comment."""
    from smartcity_score.render.analysis_text import compare_markdown

    return compare_markdown(report, options)


def trend(report: object, options: Options) -> Iterator[str]:
    """`trend` (issue 14); written in render.trend_text."""
    from smartcity_score.render.trend_text import trend_markdown

    return trend_markdown(report, options)

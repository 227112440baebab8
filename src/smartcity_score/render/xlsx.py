"""Excel workbooks for officials: one sheet per table, real numbers, headers by `--lang`.

A workbook is binary, so each renderer yields it as one `bytes` chunk, which `cli_io`
writes only to `-o` (never to a terminal). openpyxl is imported here alone, when a
workbook is made. The same input gives the same bytes: the document's dates and the zip
entries' times are fixed, since officials compare and archive these files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from smartcity_score.i18n import t
from smartcity_score.models import text
from smartcity_score.problems import Problem
from smartcity_score.ranking import Outcome, Placed
from smartcity_score.render import Options
from smartcity_score.render.xlsx_book import (
    PERCENT,
    Sheet,
    Value,
    criteria_sheet,
    problems_sheet,
    warnings_sheet,
    workbook,
)
from smartcity_score.report import (
    AssessReport,
    RankReport,
    number,
    published,
    published_name,
)

if TYPE_CHECKING:
    from smartcity_score.criteria_sets import LoadedCriteria


def sensitivity(report: object, options: Options) -> Iterator[bytes]:
    """`sensitivity` (issue 7); its sheets in render.xlsx_analysis."""
    from smartcity_score.render.xlsx_analysis import sensitivity_sheets

    yield workbook(sensitivity_sheets(report, options.lang))


def compare(report: object, options: Options) -> Iterator[bytes]:
    """`compare` (issue 7); its sheets in render.xlsx_analysis."""
    from smartcity_score.render.xlsx_analysis import compare_sheets

    yield workbook(compare_sheets(report, options.lang))


def rank(report: RankReport, options: Options) -> Iterator[bytes]:
    yield workbook(_rank_sheets(report, options.lang))


def assess(report: AssessReport, options: Options) -> Iterator[bytes]:
    yield workbook(_assess_sheets(report, options.lang))


# Sheets are made one at a time, as the workbook takes them: only one sheet's rows are
# ever held (at 75,000 regions, the indicator sheet alone is some 3 million values).


def _rank_sheets(report: RankReport, lang: str | None) -> Iterator[Sheet]:
    entries = [(placed, placed.outcome) for placed in report.placed]
    ranking = _ranking(report.loaded, entries, t("ranking_title", lang), True, lang)
    if report.group_by is not None:
        ranking.head.extend([t("group", lang), t("group_rank", lang)])
        for row, placed in zip(ranking.rows, report.placed, strict=True):
            row += [placed.outcome.field(report.group_by)]
            row += [report.group_ranks.get(placed.outcome.file)]
    yield ranking
    yield from _score_sheets(report.loaded, entries, True, lang)
    if report.panel is not None:
        yield _panel_sheet(report, lang)
    yield from _tail_sheets(report.loaded, report.errors, report.warnings, lang)


def _panel_sheet(report: RankReport, lang: str | None) -> Sheet:
    """What the panel changed, region by region: claimed and verified totals, reviewers,
    disagreements, and whether the region would be selected on its own answers."""
    panel = report.panel
    assert panel is not None
    head = [t("rank", lang), t("region_id", lang), t("region", lang), t("self_score", lang)]
    head += [t("verified_score", lang), t("change", lang), t("reviewers", lang)]
    head += [t("disagreements", lang), t("selected", lang), t("selected_on_claims", lang)]
    rows: list[list[Value]] = []
    claimed_selected = panel.claimed_selected or set()
    for placed in report.placed:
        outcome = placed.outcome
        verification = panel.by_file.get(outcome.file)
        claimed = outcome.total if verification is None else verification.claimed.total
        rows.append(
            [
                placed.rank,
                outcome.region_id,
                outcome.name,
                number(claimed),
                number(outcome.total),
                number((number(outcome.total) or 0.0) - (number(claimed) or 0.0)),
                0 if verification is None else len(verification.reviewers),
                "" if verification is None else " ".join(verification.disagreements),
                placed.selected,
                outcome.file in claimed_selected,
            ]
        )
    return Sheet(t("panel_title", lang), head, rows)


def _assess_sheets(report: AssessReport, lang: str | None) -> Iterator[Sheet]:
    """The `rank` sheets without rank or seat, and each region's answers line by line."""
    entries: list[tuple[Placed | None, Outcome]] = [(None, o) for o in report.outcomes]
    yield _ranking(report.loaded, entries, t("score_card", lang), False, lang)
    yield from _score_sheets(report.loaded, entries, False, lang)
    yield _answers(report, lang)
    yield from _tail_sheets(report.loaded, report.errors, report.warnings, lang)


def _score_sheets(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    ranked: bool,
    lang: str | None,
) -> Iterator[Sheet]:
    nodes = loaded.scorer.nodes
    groups = [i for i, node in enumerate(nodes) if node.indicator is None]
    indicators = [i for i, node in enumerate(nodes) if node.indicator is not None]
    yield _scores(loaded, entries, groups, t("scores_by_dimension", lang), ranked, lang)
    yield _scores(loaded, entries, indicators, t("breakdown", lang), ranked, lang)


def _tail_sheets(
    loaded: LoadedCriteria, errors: list[Problem], warnings: list[str], lang: str | None
) -> list[Sheet]:
    return [
        problems_sheet(errors, lang),
        warnings_sheet(warnings, lang),
        criteria_sheet([loaded], lang),
    ]


def _answers(report: AssessReport, lang: str | None) -> Sheet:
    """One row an answer: what it scores, its share of the total, the points it wins and
    leaves on the table (the score card's table, for every region at once)."""
    head = [t("region_id", lang), t("dimension", lang), t("indicator", lang)]
    head += [t(key, lang) for key in ("question", "answer", "score", "weight", "points", "lost")]
    head += [t("evidence", lang)]
    rows: list[list[Value]] = []
    for card in report.cards:
        for group in card.groups:
            for line in group.indicators:
                row: list[Value] = [card.region.info.id, group.id, line.id, line.question]
                row += [line.answer_text, number(line.score), number(line.weight)]
                row += [number(line.points), number(line.lost), line.evidence]
                rows.append(row)
    return Sheet(t("answers", lang), head, rows, {6: PERCENT})


def _key_head(ranked: bool, lang: str | None) -> list[str]:
    """The columns that say which region a row is, first on every region sheet."""
    head = [t("region_id", lang), t("name", lang)]
    return [t("rank", lang), *head] if ranked else head


def _key(placed: Placed | None, outcome: Outcome, ranked: bool) -> list[Value]:
    key: list[Value] = [outcome.region_id, outcome.name]
    return [placed.rank if placed else None, *key] if ranked else key


def _ranking(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    title: str,
    ranked: bool,
    lang: str | None,
) -> Sheet:
    levels = {level.id: text(level.label, lang) for level in loaded.criteria.levels}
    head = _key_head(ranked, lang)
    scale = loaded.criteria.published
    head += [t("kind", lang), t("province", lang), t("total", lang)]
    head += [] if scale is None else [published_name(loaded, lang) or ""]
    head += [t("level", lang), t("eligible", lang)]
    if ranked:
        head += [t("selected", lang), t("selected_by", lang), t("reason", lang)]
    head += [t("failed_gates", lang), t("file", lang)]
    rows = []
    for placed, o in entries:
        row = _key(placed, o, ranked)
        row += [o.kind, o.province, number(o.total)]
        row += [] if scale is None else [published(loaded, o.total)]
        row += [levels.get(o.level or ""), o.eligible]
        if ranked and placed is not None:
            row += [placed.selected, _selected_by(placed.selected_by, lang), placed.reason]
        row += [", ".join(o.failed_gates) or None, o.file]
        rows.append(row)
    return Sheet(title, head, rows)


def _selected_by(selected_by: str | None, lang: str | None) -> str | None:
    """`merit` or `quota NAME`, in words a filter in Excel can pick out."""
    if selected_by is None:
        return None
    if selected_by == "merit":
        return t("merit", lang)
    return f"{t('quota', lang)} {selected_by.split(':', 1)[1]}"


def _scores(
    loaded: LoadedCriteria,
    entries: Sequence[tuple[Placed | None, Outcome]],
    columns: list[int],
    title: str,
    ranked: bool,
    lang: str | None,
) -> Sheet:
    """One row a region, one column a node (`columns` index the scorer's nodes)."""
    nodes = loaded.scorer.nodes
    head = _key_head(ranked, lang) + [nodes[i].id for i in columns]
    rows = [_key(p, o, ranked) + [number(o.scores[i]) for i in columns] for p, o in entries]
    return Sheet(title, head, rows)


# --- the workbook ---------------------------------------------------------------------------

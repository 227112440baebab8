"""`assess` score cards for people, drawn plain or with rich (`render.plain`).

The score table keeps every number whole at any width: with room, one row per node and
the answer in its own column; narrower, the answer goes under the indicator's id; and
narrower still, each indicator becomes a block of lines with its figures labelled.
"""

from __future__ import annotations

from collections.abc import Iterator

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.escape import visible
from smartcity_score.explain import (
    Card,
    GroupLine,
    IndicatorLine,
    answer_for_people,
    format_number,
)
from smartcity_score.i18n import decimal, number_text, numeral, t
from smartcity_score.models import text
from smartcity_score.render import Options
from smartcity_score.render.layout import Column, Plan, hanging, packed, plan
from smartcity_score.render.plain import Grid, Listing, Para, Part, draw, to_rich
from smartcity_score.report import AssessReport, cohort_line

FIGURES = ("score", "weight", "points", "lost")


def assess(report: AssessReport, options: Options) -> Iterator[str]:
    """Each card, then the cohort, the invalid files and the warnings."""
    lang = options.lang
    for card in report.cards:
        yield _printed(card_parts(card, lang, options.width), options)
    tail = _cohort_parts(report.loaded, lang)
    if report.errors or report.warnings:
        from smartcity_score.render.terminal import errors_and_warnings, print_parts

        more = errors_and_warnings(report.errors, report.warnings, lang, options.width)
        yield print_parts([*to_rich(tail), *more], options)
    elif tail:
        yield _printed(tail, options)


def _printed(parts: list[Part], options: Options) -> str:
    """Drawn plain where that is what rich would print, else by rich (in colour, say)."""
    drawn = None if options.color else draw(parts, options.width)
    if drawn is None:
        from smartcity_score.render.terminal import print_parts

        drawn = print_parts(to_rich(parts), options)
    return drawn


def _cohort_parts(loaded: LoadedCriteria, lang: str | None) -> list[Part]:
    line = cohort_line(loaded.cohort, lang)
    return [] if line is None else [Para.of(visible(line))]


def card_parts(card: Card, lang: str | None, width: int) -> list[Part]:
    """The card's head, gates, score table, gains and missing answers, to fit `width`."""
    parts: list[Part] = [_head(card, lang)]
    if card.gates:
        parts.append(_gates(card, lang))
    parts.extend(_scores(card, lang, width))
    if card.gains:
        parts.extend(_gains(card, lang, width))
    if card.missing:
        parts.append(Para.of(f"{t('missing_answers', lang)}: {visible(', '.join(card.missing))}\n"))
    return parts


def _head(card: Card, lang: str | None) -> Para:
    info = card.region.info
    where = visible(", ".join(x for x in (info.kind, info.province) if x))
    level = visible(text(card.level.label, lang)) if card.level else "—"
    file = visible(card.region.file)
    pieces: list[tuple[str, str]] = []

    def add(value: str, style: str = "") -> None:  # as to a rich Text
        pieces.append((value, style))

    add(f"{t('score_card', lang)}: {visible(info.name)}", style="bold")
    add(f"  ({where})  {file}\n" if where else f"  {file}\n")
    add(f"{t('total', lang)}: ")
    add(f"{decimal(card.scores.total, 2, lang)} / 100", style="bold")
    add(f"   {t('level', lang)}: {level}")
    eligible = t("eligible", lang) if card.eligible else t("not_eligible", lang)
    add(f"   [{eligible}]", style="green" if card.eligible else "bold red")
    if card.published is not None:
        add(f"\n{visible(card.published)}")
    if card.panel is not None:
        line = t(
            "panel_line",
            lang,
            claimed=decimal(card.panel.claimed.total, 2, lang),
            count=len(card.panel.reviewers),
            assessors=visible(", ".join(card.panel.reviewers)),
        )
        add(f"\n{line}")
        if card.panel.disagreements:
            disputed = visible(", ".join(card.panel.disagreements))
            add(f"\n{t('disagreements', lang)}: {disputed}", style="yellow")
    if card.next_level is not None:
        add(
            f"\n{t('next_level', lang)}: {visible(card.next_level.label)} ({card.next_level.sign} "
            f"{numeral(format_number(card.next_level.at_least), lang)}): "
            f"+{decimal(card.next_level.points_needed, 2, lang)} {t('points_needed', lang)}"
        )
    return Para(tuple(pieces))


def _gates(card: Card, lang: str | None) -> Listing:
    rows, styles = [], []
    for gate in card.gates:
        detail = visible(gate.detail)
        mark = t("passed", lang) if gate.passed else t("failed", lang)
        rows.append(
            (mark, f"{visible(gate.description)}\n{detail}" if gate.description else detail)
        )
        styles.append("green" if gate.passed else "bold red")
    return Listing(t("gates", lang), tuple(rows), tuple(styles))


def _rows(card: Card) -> list[tuple[GroupLine, IndicatorLine | None]]:
    """Each group, then its indicators, in the criteria file's order."""
    rows: list[tuple[GroupLine, IndicatorLine | None]] = []
    for group in card.groups:
        rows.append((group, None))
        rows.extend((group, line) for line in group.indicators)
    return rows


def _figures(group: GroupLine, line: IndicatorLine | None, lang: str | None) -> list[str]:
    """Score, weight, points and lost of a row; a group has no points or lost of its own."""
    if line is None:
        return [number_text(group.score, lang), f"{decimal(100 * group.weight, 1, lang)}%", "", ""]
    weight = f"{decimal(100 * line.weight, 1, lang)}%"
    return [
        number_text(line.score, lang),
        weight,
        decimal(line.points, 2, lang),
        decimal(line.lost, 2, lang),
    ]


def _indent(name: str) -> str:
    """The indent of what belongs under a row: two spaces deeper than its id."""
    return " " * (len(name) - len(name.lstrip()) + 2)


def _tree(group: GroupLine, line: IndicatorLine | None) -> str:
    indent = "  " * group.depth
    return f"{indent}{group.id}" if line is None else f"{indent}  {line.id}"


def _named(group: GroupLine, line: IndicatorLine | None, lang: str | None) -> str:
    """What a person reads beside an id: a group's title; an indicator's question, then the
    answer on a line of its own."""
    if line is None:
        return visible(group.title)
    answer = visible(answer_for_people(line, lang))
    return f"{visible(line.question)}\n→ {answer}" if line.question else answer


def _scores(card: Card, lang: str | None, width: int) -> list[Part]:
    rows = _rows(card)
    head = f"{t('dimension', lang)} / {t('indicator', lang)}"
    tree = Column("tree", head, [_tree(g, x) for g, x in rows], whole=True)
    answers = [_named(g, x, lang) for g, x in rows]
    figures = [
        Column(name, t(name, lang), [_figures(g, x, lang)[k] for g, x in rows], number=True)
        for k, name in enumerate(FIGURES)
    ]
    found = plan([tree, Column("answer", t("answer", lang), answers), *figures], width)
    if found is None:
        # The question and answer under its indicator (a group's title under the group), as
        # wide as the widest id lets it be.
        under = [
            f"{name}\n{hanging(_indent(name), a, tree.widest)}" if a else name
            for name, a in zip(tree.cells, answers, strict=True)
        ]
        found = plan([Column("tree", head, under, whole=True), *figures], width)
    if found is None:
        return _score_blocks(rows, answers, lang, width)
    return [_score_table(rows, found)]


def _score_table(rows: list[tuple[GroupLine, IndicatorLine | None]], found: Plan) -> Grid:
    cells, styles = [], []
    count = len(found.columns)
    for i, (_, line) in enumerate(rows):
        cells.append(tuple(c.cells[i] for c in found.columns))
        style = [""] * count
        if line is None:
            style[0] = style[-4] = "bold"  # the group's id and score
        elif line.missing and found.columns[1].key == "answer":
            style[1] = "yellow"
        styles.append(tuple(style))
    return Grid(found, tuple(cells), tuple(styles))


def _score_blocks(
    rows: list[tuple[GroupLine, IndicatorLine | None]],
    answers: list[str],
    lang: str | None,
    width: int,
) -> list[Part]:
    """Too narrow for a table: each node's lines, its figures labelled."""
    lines: list[Part] = []
    for (group, line), answer in zip(rows, answers, strict=True):
        name = _tree(group, line)
        indent = _indent(name)
        shown = [
            f"{t(n, lang)} {v}"
            for n, v in zip(FIGURES, _figures(group, line, lang), strict=True)
            if v
        ]
        figures = [indent + f for f in packed(shown, width - len(indent), "   ")]
        block = [Para.of(name, style="bold" if line is None else "")]
        if answer:
            missing = "yellow" if line and line.missing else ""
            block.append(Para.of(hanging(indent, answer, width), style=missing))
        block.extend(Para.of(f) for f in figures)
        lines.extend(block)
    lines.append(Para.of(""))
    return lines


def _gains(card: Card, lang: str | None, width: int) -> list[Part]:
    ids = Column(
        "indicator", t("indicator", lang), [visible(g.indicator) for g in card.gains], whole=True
    )
    changes = [f"{visible(g.before)} → {visible(g.after)}" for g in card.gains]
    gains = Column(
        "gain", t("gain", lang), [f"+{decimal(g.points, 2, lang)}" for g in card.gains], number=True
    )
    found = plan([ids, Column("change", t("change", lang), changes), gains], width)
    title = Para.of(t("gains", lang), style="bold")
    if found is None:
        lines = [title]
        for i, change in enumerate(changes):
            lines.append(Para.of(f"{ids.cells[i]}   {gains.cells[i]}"))
            lines.append(Para.of(hanging("  ", change, width)))
        return [*lines, Para.of("")]
    cells = tuple(tuple(c.cells[i] for c in found.columns) for i in range(len(changes)))
    return [title, Grid(found, cells, tuple(("",) * len(found.columns) for _ in cells))]

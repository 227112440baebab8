"""`assess` score cards for people (rich; called from render.table).

The score table keeps every number whole at any width: with room, one row per node and
the answer in its own column; narrower, the answer goes under the indicator's id; and
narrower still, each indicator becomes a block of lines with its figures labelled.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from smartcity_score.escape import terminal, visible
from smartcity_score.explain import (
    Card,
    GroupLine,
    IndicatorLine,
    answer_for_people,
    format_number,
)
from smartcity_score.i18n import decimal, number_text, numeral, t
from smartcity_score.models import text
from smartcity_score.render.layout import Column, Plan, hanging, packed, plan, table

FIGURES = ("score", "weight", "points", "lost")


def card_parts(card: Card, lang: str | None, width: int) -> list[RenderableType]:
    """The card's head, gates, score table, gains and missing answers, to fit `width`."""
    parts: list[RenderableType] = [_head(card, lang)]
    if card.gates:
        parts.append(_gates(card, lang))
    parts.append(_scores(card, lang, width))
    if card.gains:
        parts.append(_gains(card, lang, width))
    if card.missing:
        parts.append(Text(f"{t('missing_answers', lang)}: {visible(', '.join(card.missing))}\n"))
    return parts


def _head(card: Card, lang: str | None) -> Text:
    info = card.region.info
    where = visible(", ".join(x for x in (info.kind, info.province) if x))
    level = visible(text(card.level.label, lang)) if card.level else "—"
    file = visible(card.region.file)
    head = Text()
    head.append(f"{t('score_card', lang)}: {visible(info.name)}", style="bold")
    head.append(f"  ({where})  {file}\n" if where else f"  {file}\n")
    head.append(f"{t('total', lang)}: ")
    head.append(f"{decimal(card.scores.total, 2, lang)} / 100", style="bold")
    head.append(f"   {t('level', lang)}: {level}")
    eligible = t("eligible", lang) if card.eligible else t("not_eligible", lang)
    head.append(f"   [{eligible}]", style="green" if card.eligible else "bold red")
    if card.published is not None:
        head.append(f"\n{visible(card.published)}")
    if card.panel is not None:
        line = t(
            "panel_line",
            lang,
            claimed=decimal(card.panel.claimed.total, 2, lang),
            count=len(card.panel.reviewers),
            assessors=visible(", ".join(card.panel.reviewers)),
        )
        head.append(f"\n{line}")
        if card.panel.disagreements:
            disputed = visible(", ".join(card.panel.disagreements))
            head.append(f"\n{t('disagreements', lang)}: {disputed}", style="yellow")
    if card.next_level is not None:
        head.append(
            f"\n{t('next_level', lang)}: {visible(card.next_level.label)} ({card.next_level.sign} "
            f"{numeral(format_number(card.next_level.at_least), lang)}): "
            f"+{decimal(card.next_level.points_needed, 2, lang)} {t('points_needed', lang)}"
        )
    return head


def _gates(card: Card, lang: str | None) -> Table:
    gates = Table(title=t("gates", lang), box=box.SIMPLE, title_justify="left", show_header=False)
    gates.add_column("", no_wrap=True)
    gates.add_column("", overflow="fold")
    for gate in card.gates:
        mark = (
            Text(t("passed", lang), style="green")
            if gate.passed
            else Text(t("failed", lang), style="bold red")
        )
        detail = terminal(gate.detail)
        gates.add_row(
            mark, f"{terminal(gate.description)}\n{detail}" if gate.description else detail
        )
    return gates


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


def _scores(card: Card, lang: str | None, width: int) -> RenderableType:
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
    return _score_table(rows, found)


def _score_table(rows: list[tuple[GroupLine, IndicatorLine | None]], found: Plan) -> Table:
    grid = table(found)
    for i, (_, line) in enumerate(rows):
        cells = [Text(c.cells[i]) for c in found.columns]
        if line is None:
            cells[0].stylize("bold")
            cells[-4].stylize("bold")  # the group's score
        elif line.missing and found.columns[1].key == "answer":
            cells[1].stylize("yellow")
        grid.add_row(*cells)
    return grid


def _score_blocks(
    rows: list[tuple[GroupLine, IndicatorLine | None]],
    answers: list[str],
    lang: str | None,
    width: int,
) -> Group:
    """Too narrow for a table: each node's lines, its figures labelled."""
    lines: list[RenderableType] = []
    for (group, line), answer in zip(rows, answers, strict=True):
        name = _tree(group, line)
        indent = _indent(name)
        shown = [
            f"{t(n, lang)} {v}"
            for n, v in zip(FIGURES, _figures(group, line, lang), strict=True)
            if v
        ]
        figures = [indent + f for f in packed(shown, width - len(indent), "   ")]
        block = [Text(name, style="bold" if line is None else "")]
        if answer:
            block.append(
                Text(
                    hanging(indent, answer, width), style="yellow" if line and line.missing else ""
                )
            )
        block.extend(Text(f) for f in figures)
        lines.extend(block)
    lines.append(Text(""))
    return Group(*lines)


def _gains(card: Card, lang: str | None, width: int) -> RenderableType:
    ids = Column(
        "indicator", t("indicator", lang), [terminal(g.indicator) for g in card.gains], whole=True
    )
    changes = [f"{terminal(g.before)} → {terminal(g.after)}" for g in card.gains]
    gains = Column(
        "gain", t("gain", lang), [f"+{decimal(g.points, 2, lang)}" for g in card.gains], number=True
    )
    found = plan([ids, Column("change", t("change", lang), changes), gains], width)
    title = Text(t("gains", lang), style="bold")
    if found is None:
        lines = [title]
        for i, change in enumerate(changes):
            lines.append(Text(f"{ids.cells[i]}   {gains.cells[i]}"))
            lines.append(Text(hanging("  ", change, width)))
        return Group(*lines, Text(""))
    grid = table(found)
    for i in range(len(changes)):
        grid.add_row(*(c.cells[i] for c in found.columns))
    return Group(title, grid)

"""An uncoloured score card is drawn without rich (issue 16: `assess` cold), and it must be
the very characters rich draws: every example card in both languages at several widths,
and random paragraphs, tables and listings, are drawn both ways and compared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.explain import Card
from smartcity_score.jobs import assess_job
from smartcity_score.render import Options
from smartcity_score.render.card_table import card_parts
from smartcity_score.render.layout import Column, plan
from smartcity_score.render.plain import Grid, Listing, Para, Part, draw, to_rich
from smartcity_score.render.terminal import print_parts
from tests.conftest import EXAMPLES, Result

# (folder, criteria): every bundled set's examples, the 2022 applicants with the panel too.
SETS = [
    ("applicants-2022", None),
    ("idm-village", "idm-village"),
    ("kominfo-evaluation-index", "kominfo-evaluation-index"),
    ("smart-city-6d", "smart-city-6d"),
    ("spbe-2020", "spbe-2020"),
]


def _by_rich(parts: list[Part], width: int) -> str:
    return print_parts(to_rich(parts), Options(color=False, width=width))


def _cards(folder: str, criteria: str | None, lang: str, reviews: bool = False) -> list[Card]:
    paths = [str(p) for p in sorted((EXAMPLES / folder).glob("*.yaml"))]
    panel = [str(EXAMPLES / "reviews-2022")] if reviews else None
    return list(assess_job(paths, criteria, lang, reviews=panel).cards)


@pytest.mark.parametrize(("folder", "criteria"), SETS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_example_card_is_drawn_as_rich_draws_it(
    folder: str, criteria: str | None, lang: str
) -> None:
    cards = _cards(folder, criteria, lang, reviews=folder == "applicants-2022")
    assert cards
    for width in (64, 80, 100, 132):
        plain = 0
        for card in cards:
            parts = card_parts(card, lang, width)
            drawn = draw(parts, width)
            if drawn is not None:
                assert drawn == _by_rich(parts, width)
                plain += 1
        if width >= 100:  # only a gate's prose wrapped in a narrow terminal is left to rich
            assert plain == len(cards), (width, plain)


def test_assess_prints_the_plain_card(cli: Callable[..., Result]) -> None:
    region = str(EXAMPLES / "applicants-2022" / "kota-pariaman.yaml")
    (card,) = assess_job([region], None, "en").cards
    expected = draw(card_parts(card, "en", 120), 120)  # the fixture's COLUMNS
    assert expected is not None and expected.startswith("Score card: Kota Pariaman")
    assert cli("assess", region, "--lang", "en").out == expected


# Random parts: words of ASCII, brackets that rich would read as markup in a string,
# CJK (two cells wide) and combining marks (none), with runs of spaces between them.
WORD = st.text(st.sampled_from("ab Zz[]/→—é漢字\u0301.-,:%"), min_size=0, max_size=14)
LINE = st.lists(WORD, max_size=8).map(" ".join)
TEXT = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
STYLE = st.sampled_from(["", "bold", "yellow", "green", "bold red"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, STYLE), min_size=1, max_size=3), STYLE, st.integers(8, 90))
def test_a_paragraph_is_wrapped_as_rich_wraps_it(
    pieces: list[tuple[str, str]], style: str, width: int
) -> None:
    parts: list[Part] = [Para(tuple(pieces), style)]
    drawn = draw(parts, width)
    if drawn is not None:
        assert drawn == _by_rich(parts, width)


COLUMN = st.tuples(
    st.sampled_from(["Region", "Dimension / Indicator", "Skor", "漢字 名", "Total\nscore"]),
    st.lists(TEXT, min_size=1, max_size=1),
    st.sampled_from(["prose", "number", "whole"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(COLUMN, min_size=1, max_size=5), st.integers(1, 4), st.integers(20, 140))
def test_a_planned_table_is_drawn_as_rich_draws_it(
    columns: list[tuple[str, list[str], str]], rows: int, width: int
) -> None:
    made = [
        Column(
            f"c{i}",
            header,
            [cells[0].replace("\n", " ") if kind != "prose" else cells[0]] * rows,
            number=kind == "number",
            whole=kind == "whole",
        )
        for i, (header, cells, kind) in enumerate(columns)
    ]
    found = plan(made, width)
    if found is None:
        return
    cells = tuple(tuple(c.cells[i] for c in found.columns) for i in range(rows))
    styles = tuple(
        tuple("bold" if k == 0 else "" for k in range(len(found.columns))) for _ in cells
    )
    parts: list[Part] = [Grid(found, cells, styles)]
    drawn = draw(parts, width)
    # What rich does differently from the plan's reading: a leading space, a last newline.
    lines = [line for c in found.columns for line in c.cells[0].split("\n")]
    ends = [c.cells[0].endswith("\n") for c in found.columns]
    if not any(line.startswith(" ") for line in lines) and not any(ends):
        assert drawn is not None  # a plan's widths fit every word: only spaces break lines
    if drawn is not None:
        assert drawn == _by_rich(parts, width)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Gates", "Syarat kelayakan", "漢字"]),
    st.lists(st.tuples(st.sampled_from(["passed", "failed", "lulus"]), TEXT), min_size=1),
    st.integers(10, 120),
)
def test_a_listing_is_drawn_as_rich_draws_it(
    title: str, rows: list[tuple[str, str]], width: int
) -> None:
    parts: list[Part] = [Listing(title, tuple(rows), tuple("green" for _ in rows))]
    drawn = draw(parts, width)
    if drawn is not None:
        assert drawn == _by_rich(parts, width)


def test_what_only_rich_can_draw_is_left_to_it() -> None:
    word = "x" * 30  # wider than the width: rich folds it
    assert draw([Para.of(f"a {word}")], 20) is None
    assert draw([Listing("Gates", (("passed", "a b c " * 10),), ("green",))], 40) is None
    assert draw([Para.of("a b c")], 20) == "a b c\n"


def test_examples_exist() -> None:
    for folder, _ in SETS:
        assert any(Path(EXAMPLES / folder).glob("*.yaml")), folder

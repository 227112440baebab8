"""`trend` end to end: the same regions over several assessment rounds (issue 14, point 5)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity_score.criteria_sets import LoadedCriteria
from smartcity_score.jobs import load
from smartcity_score.ranking import Outcome, rank
from smartcity_score.trend import Round, trend
from tests.conftest import EXAMPLES, REPO, Result
from tests.test_html_browser import BLUE, mask, needs_chromium, open_in_chromium

CRITERIA = """
schema: smartcity-score/criteria/v1
id: one
version: "1"
title: One
dimensions:
  - id: a
    title: A
    weight: 1
    indicators:
      - {id: x, question: X, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
levels:
  - {id: high, label: High, at_least: 60}
  - {id: low, label: Low, at_least: 0}
selection:
  count: 2
"""

# Round -> region -> answer (= its total). d skips 2022; e applies first in 2023.
ROUNDS = {
    "r1": {"a": 90, "b": 60, "c": 40, "d": 20},
    "r2": {"a": 80, "b": 70, "c": 40},
    "r3": {"a": 70, "b": 85, "c": 45, "d": 75, "e": 95},
}


def region_yaml(rid: str, answer: object, name: str | None = None) -> str:
    return (
        "schema: smartcity-score/region/v1\n"
        f"region: {{id: {rid}, name: {json.dumps(name or f'Region {rid}')}}}\n"
        f"answers: {{x: {answer}}}\n"
    )


@pytest.fixture
def rounds(tmp_path: Path) -> Path:
    (tmp_path / "one.yaml").write_text(CRITERIA, encoding="utf-8")
    for folder, answers in ROUNDS.items():
        (tmp_path / folder).mkdir()
        for rid, answer in answers.items():
            (tmp_path / folder / f"{rid}.yaml").write_text(region_yaml(rid, answer), "utf-8")
    return tmp_path


def run_trend(cli: Callable[..., Result], base: Path, *args: str | Path) -> Result:
    folders = [base / name for name in ROUNDS]
    labels = ["--label", "2021", "--label", "2022", "--label", "2023"]
    return cli("trend", *folders, "-c", base / "one.yaml", *labels, "--workers", "1", *args)


def test_three_rounds_by_hand(rounds: Path, cli: Callable[..., Result]) -> None:
    result = run_trend(cli, rounds, "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    table = {
        e["region_id"]: (
            [None if p is None else (p["rank"], p["total"], p["level"], p["selected"]) for p in e["rounds"]],
            e["rank_change"],
            e["total_change"],
            e["absent_from"],
        )
        for e in data["results"]
    }  # fmt: skip
    assert list(table) == ["e", "b", "d", "a", "c"]  # the last round's rank order
    assert table == {
        "e": ([None, None, (1, 95.0, "high", True)], None, None, ["2021", "2022"]),
        "b": ([(2, 60.0, "high", True), (2, 70.0, "high", True), (2, 85.0, "high", True)], 0, 25.0, []),
        "d": ([(4, 20.0, "low", False), None, (3, 75.0, "high", False)], 1, 55.0, ["2022"]),
        "a": ([(1, 90.0, "high", True), (1, 80.0, "high", True), (4, 70.0, "high", False)], -3, -20.0, []),
        "c": ([(3, 40.0, "low", False), (3, 40.0, "low", False), (5, 45.0, "low", False)], -2, 5.0, []),
    }  # fmt: skip
    assert data["moved_most"] == {
        "rank_rise": {"change": 1, "regions": ["d"]},
        "rank_fall": {"change": -3, "regions": ["a"]},
        "total_rise": {"change": 55.0, "regions": ["d"]},
        "total_fall": {"change": -20.0, "regions": ["a"]},
    }
    assert data["rounds"] == [
        {"label": "2021", "files": 4, "ranked": 4, "invalid": 0, "selected": 2},
        {"label": "2022", "files": 3, "ranked": 3, "invalid": 0, "selected": 2},
        {"label": "2023", "files": 5, "ranked": 5, "invalid": 0, "selected": 2},
    ]
    assert result.err == "12 file(s) in 3 rounds: 5 region(s), 0 invalid\n"


def test_json_keys_are_exact(rounds: Path, cli: Callable[..., Result]) -> None:
    data = json.loads(run_trend(cli, rounds, "-f", "json").out)
    assert list(data) == [
        "criteria", "rounds", "regions", "moved_most", "results", "errors", "warnings",
    ]  # fmt: skip
    assert list(data["criteria"]) == ["id", "version", "sha256"]
    assert data["regions"] == 5
    entry = data["results"][1]
    assert list(entry) == [
        "region_id", "name", "rounds", "rank_change", "total_change", "absent_from",
    ]  # fmt: skip
    assert list(entry["rounds"][0]) == ["rank", "total", "level", "eligible", "selected", "file"]
    assert entry["rounds"][0]["file"] == str(rounds / "r1" / "b.yaml")


def test_a_region_missing_from_a_round_is_kept_and_marked(
    rounds: Path, cli: Callable[..., Result]
) -> None:
    result = run_trend(cli, rounds, "-f", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert (
        "| Region d | 4 | 20.00 | Low | — | — |  | 3 | 75.00 | High | +1 | +55.00 | not in 2022 |"
        in lines
    )
    assert "| Region e | — | — |  | — | — |  | 1 ✔ | 95.00 | High | — | — | only in 2023 |" in lines
    assert "- **Largest rise in rank:** +1: Region d (4 → 3)" in lines
    assert "- **Largest fall in total:** -20.00: Region a (90.00 → 70.00)" in lines
    assert "- 2022: 3 file(s), 3 ranked, 0 invalid, 2 selected" in lines  # fmt: skip


def test_csv_header_and_a_row(rounds: Path, cli: Callable[..., Result]) -> None:
    result = run_trend(cli, rounds, "-f", "csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == [
        "region_id", "name",
        "2021_rank", "2021_total", "2021_level", "2021_selected",
        "2022_rank", "2022_total", "2022_level", "2022_selected",
        "2023_rank", "2023_total", "2023_level", "2023_selected",
        "rank_change", "total_change", "absent_from",
    ]  # fmt: skip
    assert rows[3] == [
        "d", "Region d", "4", "20.0", "low", "False", "", "", "", "",
        "3", "75.0", "high", "False", "1", "55.0", "2022",
    ]  # fmt: skip


def test_an_invalid_file_is_listed_and_the_others_still_reported(
    rounds: Path, cli: Callable[..., Result]
) -> None:
    (rounds / "r2" / "broken.yaml").write_text(region_yaml("f", '"lots"'), encoding="utf-8")
    result = run_trend(cli, rounds, "-f", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert [e["file"] for e in data["errors"]] == [str(rounds / "r2" / "broken.yaml")]
    assert data["rounds"][1] == {
        "label": "2022", "files": 4, "ranked": 3, "invalid": 1, "selected": 2,
    }  # fmt: skip
    assert len(data["results"]) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["r1"], "trend needs at least two round folders, oldest first"),
        (["r1", "r2", "--label", "x"], "1 --label value(s) for 2 round folder(s): give one per round"),
        (["r1", "nested/r1"], "two rounds would be labelled r1: name each with --label"),
        (["r1", "empty"], "no region files (*.yaml, *.yml) in round empty: {base}/empty"),
    ],
)  # fmt: skip
def test_usage_errors(
    rounds: Path, cli: Callable[..., Result], args: list[str], message: str
) -> None:
    (rounds / "empty").mkdir()
    (rounds / "nested" / "r1").mkdir(parents=True)
    (rounds / "nested" / "r1" / "a.yaml").write_text(region_yaml("a", 1), encoding="utf-8")
    paths = [a if a.startswith("-") or a == "x" else str(rounds / a) for a in args]
    result = cli("trend", *paths, "-c", rounds / "one.yaml")
    assert result.code == 2
    assert result.err == f"smartcity-score: error: {message.format(base=rounds)}\n"
    assert result.out == ""


def test_html_escapes_a_hostile_name_and_label(
    rounds: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    hostile = '<script>alert("x")</script>'
    (rounds / "r3" / "e.yaml").write_text(region_yaml("e", 95, hostile), encoding="utf-8")
    folders = [rounds / name for name in ROUNDS]
    labels = ["--label", "<b>2021</b>", "--label", "2022", "--label", "2023"]
    out = tmp_path / "trend.html"
    result = cli("trend", *folders, "-c", rounds / "one.yaml", *labels, "-o", out)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>2021" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;b&gt;2021&lt;/b&gt;<br><small>Rank</small>" in page
    # b, a and c; d is in 2021 and 2023 only, and its chart leaves the gap between them open
    assert page.count('<polyline class="trend-line"') == 3
    assert page.count('<circle class="dot"') == 12  # one per region and round it is in


def examples_trend(cli: Callable[..., Result], *args: str) -> Result:
    folders = [EXAMPLES / "applicants-2022", EXAMPLES / "applicants-2023"]
    return cli("trend", *folders, "--label", "2022", "--label", "2023", "--lang", "en", *args)


def test_the_bundled_rounds_end_to_end(cli: Callable[..., Result]) -> None:
    result = examples_trend(cli, "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["regions"] == len(data["results"]) == 89
    assert data["errors"] == []
    absent = {e["region_id"]: e["absent_from"] for e in data["results"] if e["absent_from"]}
    assert absent == {
        "kota-sawahlunto": ["2022"],
        "kota-tual": ["2023"],
        "kabupaten-mamuju": ["2023"],
        "kabupaten-jayapura": ["2023"],
    }
    changes = [e["total_change"] for e in data["results"] if not e["absent_from"]]
    # as examples/applicants-2023/README.md says
    assert (sum(c > 0 for c in changes), sum(c < 0 for c in changes)) == (33, 11)
    assert len(changes) - 44 == sum(c == 0 for c in changes) == 41
    tabanan = next(e for e in data["results"] if e["region_id"] == "kabupaten-tabanan")
    assert [p["eligible"] for p in tabanan["rounds"]] == [False, True]  # signed in 2023
    assert [p["selected"] for p in tabanan["rounds"]] == [False, True]
    assert data["moved_most"]["total_rise"] == {
        "change": 8.165042,
        "regions": ["kabupaten-tabanan"],
    }


def test_the_table_at_80_columns_holds_every_number_whole(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = json.loads(examples_trend(cli, "-f", "json").out)
    monkeypatch.setenv("COLUMNS", "80")
    result = examples_trend(cli)
    assert result.code == 0
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    body = "\n".join(lines)
    for entry in data["results"]:
        for point in entry["rounds"]:
            if point is not None:
                mark = " ✔" if point["selected"] else ""
                assert f"{point['rank']}{mark} · {point['total']:.2f}" in body, entry["name"]
        if entry["rank_change"]:
            assert f"{entry['rank_change']:+d}" in body
    assert "  Largest rise in rank: +12: Kabupaten Tabalong (76 → 64)" in lines


def test_at_80_columns_notes_wrap_at_spaces_and_headers_after_hyphens(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rounds labelled by their folders: `applicants-2022` is never cut inside a word."""
    monkeypatch.setenv("COLUMNS", "80")
    folders = [EXAMPLES / "applicants-2022", EXAMPLES / "applicants-2023"]
    lines = [line.rstrip() for line in cli("trend", *folders, "--lang", "en").out.splitlines()]
    assert max(len(line) for line in lines) <= 80
    at = lines.index("Region                       2022          2023  change  change  Note")
    assert lines[at - 1] == "                      applicants-   applicants-    Rank   Total"
    at = next(i for i, line in enumerate(lines) if line.startswith("Kota Sawahlunto"))
    assert lines[at : at + 2] == [
        "Kota Sawahlunto                 —    12 · 80.25       —       —  not in",
        "                                                                 applicants-2022",
    ]


def test_a_table_too_wide_for_the_terminal_comes_in_pieces(
    rounds: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five rounds at 60 columns: the regions, then as many rounds as fit, per table."""
    monkeypatch.setenv("COLUMNS", "60")
    folders = [rounds / name for name in ("r1", "r2", "r3", "r1", "r2")]
    labels = [arg for year in range(2019, 2024) for arg in ("--label", str(year))]
    result = cli("trend", *folders, "-c", rounds / "one.yaml", *labels)
    assert result.code == 0
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert max(len(line) for line in lines) <= 60
    assert [line for line in lines if "Region d" in line] == [
        "Region d    4 · 20.00            —    3 · 75.00    4 · 20.00",
        "Region d            —       —       —  not in 2020, 2023",
    ]
    assert lines.count("Region           2019         2020         2021         2022") == 1
    assert lines.count("Region           2023  change  change  Note") == 1


def test_same_inputs_give_the_same_bytes(cli: Callable[..., Result]) -> None:
    assert examples_trend(cli, "-f", "html").out == examples_trend(cli, "-f", "html").out


def test_the_examples_are_in_step_with_their_generator() -> None:
    tool = REPO / "tools" / "make_examples.py"
    done = subprocess.run([sys.executable, tool, "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- the pure core: rounds in, a report out ------------------------------------------------


@cache
def default_criteria() -> LoadedCriteria:
    return load(None)[0]


def outcome(rid: str, total: float) -> Outcome:
    return Outcome(
        f"{rid}.yaml", rid, rid, None, None, (), total, array("d"), (), (), True, (), None
    )


round_totals = st.dictionaries(
    st.sampled_from("abcdefgh"), st.integers(0, 100).map(float), min_size=1
)


@settings(max_examples=60, deadline=None)
@given(st.lists(round_totals, min_size=2, max_size=4))
def test_reversed_rounds_negate_every_change(totals: list[dict[str, float]]) -> None:
    """No region is ever dropped, and reading the rounds backwards negates each change."""

    def report(order: list[dict[str, float]]) -> dict[str, tuple[int | None, float | None]]:
        rounds = [
            Round(str(i), rank([outcome(r, v) for r, v in one.items()], None), len(one))
            for i, one in enumerate(order)
        ]
        made = trend(default_criteria(), rounds)
        return {r.region_id: (r.rank_change, r.total_change) for r in made.regions}

    forward, backward = report(totals), report(totals[::-1])
    assert set(forward) == set().union(*totals)
    for region, (ranks, points) in forward.items():
        back_ranks, back_points = backward[region]
        assert ranks == (None if back_ranks is None else -back_ranks)
        assert points == (None if back_points is None else -back_points + 0.0)


def test_hostile_text_is_defused_in_the_table_csv_and_markdown(
    rounds: Path, cli: Callable[..., Result]
) -> None:
    name = '=HYPERLINK("x")|**b**\x1b[31m'
    (rounds / "r3" / "e.yaml").write_text(region_yaml("e", 95, name), encoding="utf-8")
    table = run_trend(cli, rounds).out
    assert "\x1b" not in table
    assert '=HYPERLINK("x")|**b**\\x1b[31m' in table
    rows = list(csv.reader(io.StringIO(run_trend(cli, rounds, "-f", "csv").out)))
    assert rows[1][1] == '\'=HYPERLINK("x")|**b**\\x1b[31m'
    markdown = run_trend(cli, rounds, "-f", "markdown").out
    assert '| =HYPERLINK("x")\\|\\*\\*b\\*\\*\\\\x1b\\[31m | — |' in markdown


def test_the_listed_formats_are_the_renderers() -> None:
    from smartcity_score import cli as cli_module
    from smartcity_score.render import formats_for

    assert sorted(cli_module.TREND_FORMATS) == sorted(f.value for f in formats_for("trend"))


def test_an_indonesian_page_has_indonesian_labels(
    rounds: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "trend.html"
    assert run_trend(cli, rounds, "--lang", "id", "-o", out).code == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="id">' in page
    for english in ("Who moved most", "Rank change", "Total by round", "only in 2023"):
        assert english not in page
    assert "Perubahan terbesar, putaran awal ke akhir" in page
    assert "hanya ada di 2023" in page


@pytest.mark.browser
@needs_chromium
def test_the_bundled_rounds_page_in_chromium(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "trend.html"
    assert examples_trend(cli, "-o", out).code == 0
    page = open_in_chromium(out, tmp_path, 1400)
    assert page.console == []
    assert page.dom.count('<th scope="col"') == page.dom.count('<button type="button">') == 11
    body = page.dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr") == 89
    # Painted: each visible row's line chart (the report's blue) at the right of the table.
    blue = mask(page.pixels, BLUE)
    columns, rows = np.flatnonzero(blue.any(axis=0)), np.flatnonzero(blue.any(axis=1))
    assert blue.sum() > 2000 and columns.min() > 700 and columns.max() - columns.min() > 120
    assert rows.max() - rows.min() > 500  # one chart a row, down the page


def test_regions_tied_for_the_largest_move_are_all_named() -> None:
    first = rank([outcome("a", 50), outcome("b", 40), outcome("c", 30)], None)
    last = rank([outcome("a", 50), outcome("b", 45), outcome("c", 35)], None)
    made = trend(default_criteria(), [Round("1", first, 3), Round("2", last, 3)])
    total_rise = made.moves["total_rise"]
    assert total_rise is not None and total_rise.change == 5.0
    assert [r.region_id for r in total_rise.regions] == ["b", "c"]  # in report order
    assert made.moves["rank_rise"] is None and made.moves["total_fall"] is None

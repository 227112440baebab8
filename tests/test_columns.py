"""Terminal tables at 60 to 160 columns (issue 15, point 1), and the reason of every
selection decision in every format (point 2)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from smartcity_score.escape import terminal
from smartcity_score.render.layout import Column, fitted, overhead, plan
from tests.conftest import EXAMPLES, Result

Cli = Callable[..., Result]
APPLICANTS = EXAMPLES / "applicants-2022"
PARIAMAN = APPLICANTS / "kota-pariaman.yaml"
WIDTHS = [60, 80, 100, 160]


def at_width(cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, *args: object) -> list[str]:
    """The lines a terminal `width` columns wide shows, each checked to fit it."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*args)
    assert result.code == 0, result.err
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert max(len(line) for line in lines) <= width
    return lines


def segments(lines: list[str], starts: Callable[[list[str]], bool]) -> list[list[str]]:
    """The lines cut into rows: a row begins where `starts` holds for a line's words."""
    rows: list[list[str]] = []
    for line in lines:
        words = line.split()
        if words and starts(words):
            rows.append([])
        if rows:
            rows[-1].extend(words)
    return rows


STATUS = {
    "en": ("✔ merit", "✔ quota", "✗ not eligible"),
    "id": ("✔ prestasi", "✔ kuota", "✗ tidak memenuhi syarat"),
}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("width", WIDTHS)
def test_rank_keeps_every_rank_name_total_and_decision_whole(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    results = json.loads(cli("rank", APPLICANTS, "-f", "json").out)["results"]
    lines = at_width(cli, monkeypatch, width, "rank", APPLICANTS, "--lang", lang)
    rows = segments(lines, lambda words: words[0].isdigit())
    merit, quota, ineligible = STATUS[lang]
    for r in results:
        by = r["selected_by"]
        status = {"merit": merit, None: "" if r["eligible"] else ineligible}.get(
            by, f"{quota} {str(by).removeprefix('quota:')}"
        )
        name = r["region"]["name"].split()
        total = f"{r['score']:.2f}"
        wanted = [*name, total.replace(".", ",") if lang == "id" else total, *status.split()]
        found = [
            row
            for row in rows
            if row[:2] == [str(r["rank"]), name[0]] and all(w in row for w in wanted)
        ]
        assert found, (width, r["region"]["name"])


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_score_card_keeps_every_number_and_answer_whole(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    card = json.loads(cli("assess", PARIAMAN, "-f", "json").out)["results"][0]
    nodes = set(card["scores"])
    markdown = cli("assess", PARIAMAN, "-f", "markdown", "--lang", lang).out
    expected = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0] in nodes:
            expected[cells[0]] = cells[1].split() + cells[2:]
    assert len(expected) == 33
    lines = at_width(cli, monkeypatch, width, "assess", PARIAMAN, "--lang", lang)
    gains = "Biggest gains" if lang == "en" else "Peningkatan terbesar"
    table = lines[: next(i for i, x in enumerate(lines) if x.startswith(gains))]
    rows = {row[0]: row for row in segments(table, lambda words: words[0] in nodes)}
    for indicator, words in expected.items():
        assert all(word in rows[indicator] for word in words), (width, indicator)
    lost = "Lost" if lang == "en" else "Hilang"
    assert sum(line.split().count(lost) for line in table) >= 1


def test_at_80_columns_the_score_card_is_a_table_with_questions_and_answers_under_the_ids(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = at_width(cli, monkeypatch, 80, "assess", PARIAMAN)
    start = lines.index(
        "  Dimension / Indicator                     Score   Weight   Points   Lost"
    )
    assert lines[start + 2 : start + 11] == [
        "  kepemimpinan                              95.45    20.0%",
        "    Kepemimpinan dan komitmen",
        "    komitmen_kepala_daerah                 100.00     7.3%     7.27   0.00",
        "      Apakah kepala daerah telah",
        "      menandatangani surat komitmen",
        "      keikutsertaan? → yes",
        "    visi_smart_city_rpjmd                  100.00     5.5%     5.45   0.00",
        "      Bagaimana smart city dimuat dalam",
        "      visi dan misi RPJMD? → Program",
    ]


def test_at_60_columns_the_ranking_comes_as_blocks(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = at_width(cli, monkeypatch, 60, "rank", APPLICANTS)
    start = lines.index("  27  Kota Pasuruan   67.45")
    assert lines[start : start + 4] == [
        "  27  Kota Pasuruan   67.45",
        "      Jawa Timur · kota · Siap",
        "      kepemimpinan 72.73   struktur 62.89",
        "      infrastruktur 71.91   suprastruktur 64.00",
    ]


def test_at_80_columns_the_ranking_names_its_short_headers(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = at_width(cli, monkeypatch, 80, "rank", APPLICANTS)
    assert lines[2] == " #  Region                     Total      D1     D2     D3     D4  Selected"
    assert "D1 kepemimpinan   D2 struktur   D3 infrastruktur   D4 suprastruktur" in lines
    assert "67  Kabupaten Kubu Raya        48.61   63.64  35.65  42.33  54.62  ✔ quota" in lines


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", ["sensitivity", "compare"])
def test_sensitivity_and_compare_fit_every_width(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, command: str, lang: str
) -> None:
    args: list[object] = ["sensitivity", APPLICANTS, "--samples", "20", "--lang", lang]
    if command == "compare":
        new = EXAMPLES / "kominfo-readiness-2022.2.yaml"
        args = ["compare", "criteria/kominfo-readiness-2022.yaml", new, APPLICANTS, "--lang", lang]
        monkeypatch.chdir(EXAMPLES.parent)
    words = " ".join(at_width(cli, monkeypatch, width, *args)).split()
    names = ["Kabupaten Kotawaringin Barat", "Kota Pasuruan"]
    if command == "compare":
        names = ["Kabupaten Majalengka", "Kota Tarakan", "Kabupaten Muaro Jambi"]
    for name in names:
        assert all(part in words for part in name.split()), name


# --- point 2: every selection decision has its reason -----------------------------------

PASURUAN = "province Jawa Timur already has 4 seats (quota per-provinsi)"
OUT_OF_ORDER = [
    (27, "Kota Pasuruan", PASURUAN),
    (32, "Kabupaten Batang", "province Jawa Tengah already has 4 seats (quota per-provinsi)"),
    (34, "Kota Probolinggo", PASURUAN),
    (36, "Kabupaten Wonosobo", "province Jawa Tengah already has 4 seats (quota per-provinsi)"),
    (37, "Kabupaten Subang", "province Jawa Barat already has 4 seats (quota per-provinsi)"),
    (40, "Kabupaten Ngawi", PASURUAN),
    (42, "Kabupaten Purbalingga", "province Jawa Tengah already has 4 seats (quota per-provinsi)"),
    (45, "Kota Tegal", "province Jawa Tengah already has 4 seats (quota per-provinsi)"),
    (
        50,
        "Kota Pematangsiantar",
        "seat given to Kabupaten Gunungkidul (rank 68) for quota kabupaten-min",
    ),
    (51, "Kota Metro", "seat given to Kabupaten Kubu Raya (rank 67) for quota kabupaten-min"),
    (55, "Kabupaten Bondowoso", PASURUAN),
    (60, "Kabupaten Pangandaran", "province Jawa Barat already has 4 seats (quota per-provinsi)"),
    (61, "Kota Gunungsitoli", "seat given to Kabupaten Bantaeng (rank 62) for quota kabupaten-min"),
    (
        62,
        "Kabupaten Bantaeng",
        "selected for quota kabupaten-min in place of Kota Gunungsitoli (rank 61)",
    ),
    (
        67,
        "Kabupaten Kubu Raya",
        "selected for quota kabupaten-min in place of Kota Metro (rank 51)",
    ),
    (
        68,
        "Kabupaten Gunungkidul",
        "selected for quota kabupaten-min in place of Kota Pematangsiantar (rank 50)",
    ),
]


def test_json_gives_each_decision_out_of_merit_order_its_reason(cli: Cli) -> None:
    data = json.loads(cli("rank", APPLICANTS, "-f", "json").out)
    results = data["results"]
    named = [
        (r["rank"], r["region"]["name"], r["reason"])
        for r in results
        if r["reason"] not in (None, "below the cut")
    ]
    assert named == OUT_OF_ORDER
    left_out = [r for r in results if r["eligible"] and not r["selected"]]
    assert len(left_out) == 33
    assert all(r["reason"] for r in left_out)
    assert sum(r["reason"] == "below the cut" for r in results) == 20
    # A merit pick and an ineligible region need no reason.
    assert all(r["reason"] is None for r in results if r["selected_by"] == "merit")
    assert all(r["reason"] is None for r in results if not r["eligible"])
    assert data["warnings"][0] == (
        "Kota Gunungsitoli (rank 61) gave up its seat to Kabupaten Bantaeng (rank 62) "
        "for quota 'kabupaten-min'"
    )


def test_csv_markdown_html_and_the_table_say_why_kota_pasuruan_is_left_out(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("rank", APPLICANTS, "-f", "csv").out)))
    pasuruan = next(r for r in rows if r["name"] == "Kota Pasuruan")
    assert (pasuruan["rank"], pasuruan["selected"], pasuruan["reason"]) == ("27", "False", PASURUAN)

    markdown = cli("rank", APPLICANTS, "-f", "markdown").out
    assert "| 27 | Kota Pasuruan | Jawa Timur | kota | 67.45 | Siap | 72.73 | 62.89 | 71.91 | " in (
        markdown
    )
    assert f"| 64.00 | yes |  | {PASURUAN} |\n" in markdown

    html = cli("rank", APPLICANTS, "-f", "html").out
    assert f'<td><small class="reason">{PASURUAN}</small></td>' in html
    assert re.search(
        r"✔ quota kabupaten-min</span><br><small class=\"reason\">selected for quota "
        r"kabupaten-min in place of Kota Metro \(rank 51\)</small>",
        html,
    )

    lines = cli("rank", APPLICANTS).out.splitlines()
    start = lines.index("Why out of merit order:")
    assert lines[start + 1] == f"  27  Kota Pasuruan: {PASURUAN}"
    assert lines[start + 1 + len(OUT_OF_ORDER)] == (
        "Every other eligible region left out is below the cut."
    )


def test_reasons_and_warnings_speak_indonesian(cli: Cli) -> None:
    data = json.loads(cli("rank", APPLICANTS, "-f", "json", "--lang", "id").out)
    reasons = {r["region"]["name"]: r["reason"] for r in data["results"]}
    assert reasons["Kota Pasuruan"] == (
        "provinsi Jawa Timur sudah mendapat 4 kursi (kuota per-provinsi)"
    )
    assert reasons["Kota Metro"] == (
        "kursi diberikan kepada Kabupaten Kubu Raya (peringkat 67) demi kuota kabupaten-min"
    )
    assert reasons["Kota Bima"] == "di bawah batas seleksi"
    assert data["warnings"][1] == (
        "Kota Metro (peringkat 51) melepas kursinya untuk Kabupaten Kubu Raya (peringkat 67) "
        "demi kuota 'kabupaten-min'"
    )


# --- the layout itself --------------------------------------------------------------------

WORD = st.text("abcdefghij", min_size=1, max_size=12)
PROSE = st.lists(WORD, min_size=0, max_size=5).map(" ".join)
NUMBER = st.floats(0, 100).map(lambda x: f"{x:.2f}")


@settings(max_examples=60, deadline=None)
@given(
    spec=st.integers(1, 4).flatmap(
        lambda n: st.lists(
            st.tuples(st.booleans(), st.lists(PROSE | NUMBER, min_size=n, max_size=n)),
            min_size=1,
            max_size=6,
        )
    ),
    width=st.integers(20, 90),
)
def test_a_fitted_table_never_exceeds_its_width_nor_breaks_a_word(
    spec: list[tuple[bool, list[str]]], width: int
) -> None:
    columns = [
        Column(f"c{i}", f"h{i}", cells, number=number) for i, (number, cells) in enumerate(spec)
    ]
    found = plan(columns, width)
    if found is not None:
        assert sum(found.widths) + overhead(len(found.columns), found.compact) <= width
        assert all(w >= c.least for w, c in zip(found.widths, found.columns, strict=True))
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(fitted(columns, width))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in out.splitlines()) <= width
    shown = set(out.replace(":", " ").split())
    assert all(word in shown for c in columns for cell in c.cells for word in cell.split())


def test_blocks_show_an_escaped_name_as_written_as_a_table_does() -> None:
    """Cells are escaped rich markup: the block layout must not print the escapes."""
    name = terminal("Tua [lama] [bold]b[/bold]")
    columns = [
        Column("region", "Region", [name]),
        Column("total", "Total", ["12345678901234567890"], number=True),
    ]
    shown = {}
    for width in (60, 30):  # a table, then blocks
        console = Console(file=io.StringIO(), width=width, color_system=None)
        console.print(fitted(columns, width))
        shown[width] = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Tua [lama] [bold]b[/bold]" in shown[60]
    assert shown[30].splitlines()[:2] == [
        "Tua [lama] [bold]b[/bold]",
        "  Total: 12345678901234567890",
    ]


def test_hostile_names_in_a_reason_are_escaped_for_each_medium(
    cli: Cli, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    from tests.test_cli_rank import CRITERIA, REGIONS, region

    write("criteria.yaml", CRITERIA)
    for rid, values in REGIONS.items():
        text = region(rid, *values)
        if rid == "d":  # d takes b's seat for quota kab: b's reason names d
            text = text.replace("name: D,", 'name: "D\\e[31m <b>|x</b>",')
        write(f"applicants/{rid}.yaml", text)
    args = ("rank", tmp_path / "applicants", "-c", tmp_path / "criteria.yaml")

    table = cli(*args).out
    assert "  2  B: seat given to D\\x1b[31m <b>|x</b> (rank 4) for quota kab" in table
    markdown = cli(*args, "-f", "markdown").out
    assert "seat given to D\\\\x1b\\[31m &lt;b&gt;\\|x&lt;/b&gt; (rank 4) for quota kab" in markdown
    html = cli(*args, "-f", "html").out
    # HTML escapes markup; it keeps control characters as the region names there do.
    assert "seat given to D\x1b[31m &lt;b&gt;|x&lt;/b&gt; (rank 4) for quota kab" in html
    for out in (table, markdown, cli(*args, "-f", "csv").out, cli(*args, "-f", "json").out):
        assert "\x1b" not in out
    assert "<b>" not in markdown and "<b>" not in html


def test_warnings_wrap_under_their_first_word_at_80_columns(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = at_width(cli, monkeypatch, 80, "rank", APPLICANTS)
    assert lines[lines.index("Warnings:") + 1 :][:4] == [
        "  • Kota Gunungsitoli (rank 61) gave up its seat to Kabupaten Bantaeng (rank 62)",
        "    for quota 'kabupaten-min'",
        "  • Kota Metro (rank 51) gave up its seat to Kabupaten Kubu Raya (rank 67) for",
        "    quota 'kabupaten-min'",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_rank_with_reviews_keeps_claimed_and_the_panel_section(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    args = ("rank", APPLICANTS, "--reviews", EXAMPLES / "reviews-2022")
    lines = at_width(cli, monkeypatch, width, *args)
    words = " ".join(lines).split()
    assert "What the panel changed" in lines
    for word in ("93.19", "37.13", "28.94", "keterlibatan_kepala_daerah:", "Pringsewu"):
        assert word in words, word
    if width == 60:
        start = lines.index("Kabupaten Pringsewu")
        assert lines[start : start + 5] == [
            "Kabupaten Pringsewu",
            "  Claimed: 37.13   Verified: 28.94",
            "  Indicator: komitmen_kepala_daerah: yes → no / no / no (100",
            "    → 0); keterlibatan_kepala_daerah: 2 (Hadir pada acara",
            "    seremonial) → — / — / — (25 → 0)",
        ]

"""`compare` says why each region enters or leaves the selection (issue 15, point 2)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CRITERIA as BUNDLED
from tests.conftest import EXAMPLES, Result
from tests.test_compare import CRITERIA, REGIONS

OLD = BUNDLED / "kominfo-readiness-2022.yaml"
NEW = EXAMPLES / "kominfo-readiness-2022.2.yaml"
APPLICANTS = EXAMPLES / "applicants-2022"


def reasons(cli: Callable[..., Result], *args: str | Path) -> dict[str, Any]:
    """Region id → reason of every region that enters or leaves, from the JSON output."""
    result = cli("compare", *args, "-f", "json", "--workers", "1")
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    moved = {*data["selection"]["entering"], *data["selection"]["leaving"]}
    found = {e["region"]["id"]: e["reason"] for e in data["results"]}
    assert all(found[r] is None for r in found if r not in moved)  # only movers have one
    return {r: found[r] for r in sorted(moved)}


def test_quota_reasons_name_who_holds_the_seat(cli: Callable[..., Result]) -> None:
    # README's example: Subang overtakes Majalengka within Jawa Barat's 4 seats (per-provinsi
    # max), and Tarakan, now the last merit seat, is the one given up for kabupaten-min.
    assert reasons(cli, OLD, NEW, APPLICANTS) == {
        "kabupaten-subang": "under the old criteria: province Jawa Barat already has 4 seats "
        "(quota per-provinsi), one of them Kabupaten Majalengka (rank 35); "
        "moved from rank 37 to 31",
        "kabupaten-majalengka": "under the new criteria: province Jawa Barat already has 4 "
        "seats (quota per-provinsi), now one of them Kabupaten Subang (rank 31); "
        "moved from rank 35 to 36",
        "kota-metro": "under the old criteria: seat given to Kabupaten Kubu Raya (rank 67) for "
        "quota kabupaten-min; moved from rank 51 to 49",
        "kota-tarakan": "under the new criteria: seat given to Kabupaten Gunungkidul (rank 66) "
        "for quota kabupaten-min; moved from rank 48 to 55",
    }


def test_reasons_in_indonesian(cli: Callable[..., Result]) -> None:
    found = reasons(cli, OLD, NEW, APPLICANTS, "--lang", "id")
    assert found["kabupaten-majalengka"] == (
        "menurut kriteria baru: provinsi Jawa Barat sudah mendapat 4 kursi (kuota per-provinsi), "
        "kini salah satunya Kabupaten Subang (peringkat 31); pindah dari peringkat 35 ke 36"
    )


def duo(write: Callable[[str, str], Path], tmp_path: Path, **regions: tuple[int, int]) -> Path:
    write("old.yaml", CRITERIA.format(version="1", weight_a=1, weight_b=1))
    write("new.yaml", CRITERIA.format(version="2", weight_a=1, weight_b=3))
    for rid, (a, b) in (regions or REGIONS).items():
        write(
            f"applicants/{rid}.yaml",
            f"""
            schema: smartcity-score/region/v1
            region: {{id: {rid}, name: Region {rid}, kind: kota}}
            answers: {{ia: {a}, ib: {b}}}
            """,
        )
    return tmp_path


def test_totals_against_the_cut(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    folder = duo(write, tmp_path)
    assert reasons(cli, folder / "old.yaml", folder / "new.yaml", folder / "applicants") == {
        "x": "total fell 55.00 → 47.50, below the cut of 55.00; moved from rank 2 to 3",
        "y": "total rose 50.00 → 55.00 and passed the cut of 55.00; moved from rank 3 to 2",
    }


def test_a_gate_and_an_invalid_file(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    folder = duo(write, tmp_path)
    gated = (
        (folder / "old.yaml")
        .read_text()
        .replace("selection:", "gates:\n  - {id: g_b, answer: ib, at_least: 45}\nselection:")
    )
    write("gated.yaml", gated.replace("max: 100", "max: 90"))  # top's 100s are invalid here
    # Under `gated`: top invalid; x (ib 40) and low (ib 10) fail g_b, still ranked 1 and 3:
    # y (rank 2) has the only seat an eligible region can take.
    found = reasons(cli, folder / "old.yaml", folder / "gated.yaml", folder / "applicants")
    assert found == {
        "top": "its file is invalid under the new criteria",
        "x": "gate g_b failed under the new criteria; moved from rank 2 to 1",
        "y": "total unchanged at 50.00 and passed the cut of 50.00; moved from rank 3 to 2",
    }
    # The other way round: the gate failed under the old criteria keeps x out then.
    back = reasons(cli, folder / "gated.yaml", folder / "old.yaml", folder / "applicants")
    assert back["x"] == (
        "gate g_b failed under the old criteria; total unchanged at 55.00 and passed the cut "
        "of 55.00; moved from rank 1 to 2"
    )
    assert (
        back["top"]
        == "its file is invalid under the old criteria; total 100.00 and passed the cut of 55.00"
    )


def test_every_format_carries_the_reason(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    folder = duo(write, tmp_path)
    args = [folder / "old.yaml", folder / "new.yaml", folder / "applicants"]
    entering = "total rose 50.00 → 55.00 and passed the cut of 55.00; moved from rank 3 to 2"
    leaving = "total fell 55.00 → 47.50, below the cut of 55.00; moved from rank 2 to 3"
    out = cli("compare", *args, "-f", "markdown").out
    assert f"| ➕ enters | Region y | 3 → 2 | 50.00 → 55.00 | {entering} |\n" in out
    assert f"| ➖ leaves | Region x | 2 → 3 | 55.00 → 47.50 | {leaving} |\n" in out
    notices = cli("compare", *args, "-f", "github").out.splitlines()
    assert notices[0].endswith(f"total 50.00 → 55.00: {entering}")
    assert notices[1].endswith(f"total 55.00 → 47.50: {leaving}")
    table = cli("compare", *args).out.splitlines()
    row = next(line for line in table if line.startswith("- leaves"))
    assert row.rstrip().endswith(
        "total fell 55.00 → 47.50, below the cut of 55.00; moved from rank 2 to 3"
    )
    assert cli("compare", *args, "-f", "csv").out.splitlines() == [
        "region_id,name,old_rank,new_rank,rank_change,old_score,new_score,score_change,"
        "old_selected,new_selected,enters,leaves,reason",
        "top,Region top,1,1,0,100.0,100.0,0.0,True,True,False,False,",
        f"y,Region y,3,2,1,50.0,55.0,5.0,False,True,True,False,{entering}",
        f'x,Region x,2,3,-1,55.0,47.5,-7.5,True,False,False,True,"{leaving}"',  # has a comma
        "low,Region low,4,4,0,5.0,7.5,2.5,False,False,False,False,",
    ]
    workbook_path = tmp_path / "compare.xlsx"
    assert cli("compare", *args, "-o", workbook_path).code == 0
    sheet = openpyxl.load_workbook(workbook_path)["Regions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Reason"
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("top", None),
        ("y", entering),
        ("x", leaving),
        ("low", None),
    ]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=6),
    st.integers(1, 4),
)
def test_every_region_that_enters_or_leaves_has_a_reason(
    cli: Callable[..., Result],
    write: Callable[[str, str], Path],
    tmp_path: Path,
    answers: list[tuple[int, int]],
    seats: int,
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for i, (a, b) in enumerate(answers):
        (folder / f"r{i}.yaml").write_text(
            f"schema: smartcity-score/region/v1\nregion: {{id: r{i}, name: R {i}}}\n"
            f"answers: {{ia: {a}, ib: {b}}}\n"
        )
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(CRITERIA.format(version="1", weight_a=1, weight_b=1))
    new.write_text(CRITERIA.format(version="2", weight_a=1, weight_b=3))
    found = reasons(cli, old, new, folder, "--select", str(seats))
    # Merit only: each mover's total is set against the new cut, and its ranks given.
    for reason in found.values():
        assert "the cut of" in reason and "rank" in reason


def test_a_tie_at_the_cut(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    # Old (1:1): q 64, p 60. New (1:3): both 50, and the tie goes to p by region id.
    folder = duo(write, tmp_path, p=(80, 40), q=(92, 36))
    args = [folder / "old.yaml", folder / "new.yaml", folder / "applicants", "--select", "1"]
    assert reasons(cli, *args) == {
        "p": "total fell 60.00 → 50.00 and passed the cut of 50.00; moved from rank 2 to 1",
        "q": "total fell 64.00 → 50.00, level with the cut of 50.00 and placed after it by the "
        "tie-breakers; still rank 1",
    }


def test_new_criteria_that_select_no_one(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    folder = duo(write, tmp_path)
    write("none.yaml", (folder / "old.yaml").read_text().split("selection:")[0])
    found = reasons(cli, folder / "old.yaml", folder / "none.yaml", folder / "applicants")
    assert found == {
        "top": "total unchanged at 100.00; the new criteria fill no seat on merit; still rank 1",
        "x": "total unchanged at 55.00; the new criteria fill no seat on merit; still rank 2",
    }


def test_the_html_report_gives_the_reasons(
    cli: Callable[..., Result], write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    folder = duo(write, tmp_path)
    # A hostile name: the reason that names it is escaped with the rest of the page.
    x = folder / "applicants" / "x.yaml"
    x.write_text(x.read_text().replace("name: Region x", 'name: "<b>x</b> & co"'))
    out = tmp_path / "compare.html"
    args = [folder / "old.yaml", folder / "new.yaml", folder / "applicants", "-o", out]
    assert cli("compare", *args).code == 0  # the format from -o's extension
    page = out.read_text(encoding="utf-8")
    assert (
        '      <tr class="enters">\n'
        '        <td class="mark">+ enters</td>\n'
        '        <td class="name" title="y">Region y</td>\n'
        '        <td class="num">3 → 2</td>\n'
        '        <td class="num">50.00 → 55.00</td>\n'
        '        <td class="reason">total rose 50.00 → 55.00 and passed the cut of 55.00; '
        "moved from rank 3 to 2</td>\n"
    ) in page
    assert '<td class="name" title="x">&lt;b&gt;x&lt;/b&gt; &amp; co</td>' in page
    assert "<b>x</b>" not in page
    assert "<h2>Rank changes (2), largest first</h2>" in page
    assert cli("compare", *args).code == 0
    assert out.read_text(encoding="utf-8") == page  # the same bytes again


def test_at_80_columns_the_reasons_go_under_the_table_whole(
    cli: Callable[..., Result], monkeypatch: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = cli("compare", OLD, NEW, APPLICANTS, "--lang", "en").out.splitlines()
    assert max(len(line) for line in lines) <= 80
    at = next(i for i, line in enumerate(lines) if line.startswith("+ enters Kabupaten Subang:"))
    assert [line.rstrip() for line in lines[at : at + 3]] == [
        "+ enters Kabupaten Subang: under the old criteria: province Jawa Barat already",
        "    has 4 seats (quota per-provinsi), one of them Kabupaten Majalengka (rank",
        "    35); moved from rank 37 to 31",
    ]
    monkeypatch.setenv("COLUMNS", "160")
    wide = cli("compare", OLD, NEW, APPLICANTS, "--lang", "en").out
    assert "+ enters Kabupaten Subang:" not in wide  # a Reason column instead


def test_a_reason_under_the_table_shows_a_hostile_name_as_written(
    cli: Callable[..., Result], monkeypatch: Any, tmp_path: Path
) -> None:
    regions = tmp_path / "regions"
    shutil.copytree(APPLICANTS, regions)
    subang = regions / "kabupaten-subang.yaml"
    text = subang.read_text("utf-8").replace("name: Kabupaten Subang", 'name: "Kab [subang]\\e"')
    subang.write_text(text, "utf-8")
    monkeypatch.setenv("COLUMNS", "80")
    lines = cli("compare", OLD, NEW, regions, "--lang", "en").out.splitlines()
    assert any(
        line.startswith(r"+ enters Kab [subang]\x1b: under the old criteria") for line in lines
    )

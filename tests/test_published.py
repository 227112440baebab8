"""`published`: the total on the scale an index is published on, beside the 0–100 one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLES, Result

Cli = Callable[..., Result]


def test_spbe_totals_are_published_on_its_1_to_5_index(cli: Cli) -> None:
    data = json.loads(cli("rank", EXAMPLES / "spbe-2020", "-f", "json").out)
    # 1 + 4 × total / 100, to 2 decimals: 88.979167 → 4.559167 → 4.56.
    shown = [(r["region"]["id"], r["score"], r["published"]) for r in data["results"]]
    assert shown[0] == ("kota-salatiga", 88.979167, 4.56)
    assert all(p == round(1 + 4 * s / 100, 2) for _, s, p in shown)
    keys = list(data["results"][0])
    assert keys[keys.index("score") + 1] == "published"  # beside the score


def test_idm_is_published_on_0_to_1_with_four_decimals(cli: Cli) -> None:
    data = json.loads(cli("rank", EXAMPLES / "idm-village", "-f", "json").out)
    assert all(r["published"] == round(r["score"] / 100, 4) for r in data["results"])
    card = cli("assess", sorted((EXAMPLES / "idm-village").glob("*.yaml"))[0], "--lang", "en")
    assert "Village development index (IDM) (0–1): 0." in card.out


def test_every_format_shows_it_and_sets_without_it_are_unchanged(cli: Cli) -> None:
    csv = cli("rank", EXAMPLES / "spbe-2020", "-f", "csv").out.splitlines()
    assert csv[0].split(",")[6:8] == ["score", "published"]
    assert csv[1].split(",")[6:8] == ["88.979167", "4.56"]
    markdown = cli("rank", EXAMPLES / "spbe-2020", "-f", "markdown", "--lang", "en").out
    assert "| 1 | Kota Salatiga | Jawa Tengah | kota | 88.98 | 4.56 | Excellent |" in markdown
    table = cli("rank", EXAMPLES / "spbe-2020", "--lang", "en").out
    assert "SPBE index (1–5)" in table
    plain = json.loads(cli("rank", EXAMPLES / "applicants-2022", "-f", "json").out)
    assert "published" not in plain["results"][0]


def test_the_workbook_has_the_published_column(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "spbe.xlsx"
    assert cli("rank", EXAMPLES / "spbe-2020", "-o", out, "--lang", "en").code == 0
    rows = list(openpyxl.load_workbook(out, read_only=True).worksheets[0].values)
    at = rows[0].index("SPBE index (1–5)")
    assert rows[0][at - 1] == "Total"
    assert rows[1][at - 1 : at + 1] == (88.979167, 4.56)


def test_a_set_that_selects_nobody_shows_no_empty_selected_column(cli: Cli) -> None:
    # idm-village has no `selection`, and every village is eligible.
    header = cli("rank", EXAMPLES / "idm-village", "--lang", "en").out.splitlines()[1]
    assert header.split()[-1] == "D3"
    chosen = cli("rank", EXAMPLES / "idm-village", "--select", "2", "--lang", "en").out
    assert chosen.splitlines()[1].split()[-1] == "Selected"

"""A decimal comma in what people read in Indonesian (terminal, Markdown, HTML); a point in
JSON and CSV, and in English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from smartcity_score.i18n import decimal, numeral
from tests.conftest import EXAMPLES, Result

PARIAMAN = EXAMPLES / "applicants-2022" / "kota-pariaman.yaml"
SPBE = EXAMPLES / "spbe-2020"


def test_decimal_writes_the_mark_of_the_language() -> None:
    assert decimal(62.5, 1, "id") == "62,5"
    assert decimal(62.5, 2, "id") == "62,50"
    assert decimal(62.5, 2, "en") == decimal(62.5, 2, None) == "62.50"
    assert decimal(1234.5, 1, "id") == "1234,5"  # no thousands separator to misread
    assert numeral("≥ 62.5", "id") == "≥ 62,5"


@given(st.floats(min_value=-1e9, max_value=1e9), st.integers(min_value=0, max_value=6))
def test_indonesian_differs_from_english_only_in_the_mark(value: float, places: int) -> None:
    english = decimal(value, places, "en")
    assert decimal(value, places, "id") == english.replace(".", ",")
    assert float(english) == float(f"{value:.{places}f}")


def test_the_terminal_score_card_uses_a_decimal_comma(cli: Callable[..., Result]) -> None:
    out = cli("assess", PARIAMAN, "--lang", "id").out
    assert "Total: 88,38 / 100   Tingkat: Sangat siap   [Memenuhi syarat]" in out
    assert "18,5 per 1000 ASN" in out
    row = next(line for line in out.splitlines() if line.startswith("    rasio_asn_tik_per_1000"))
    assert row.split()[-4:] == ["74,00", "2,8%", "2,06", "0,72"]
    english = cli("assess", PARIAMAN).out
    assert "Total: 88.38 / 100" in english and "18.5 per 1000 ASN" in english


def test_markdown_uses_a_decimal_comma(cli: Callable[..., Result]) -> None:
    out = cli("assess", PARIAMAN, "-f", "markdown", "--lang", "id").out
    assert "**Total: 88,38** · Tingkat: Sangat siap · Memenuhi syarat" in out
    assert "| rasio_asn_tik_per_1000 | 18,5 per 1000 ASN | 74,00 | 2,8% | 2,06 | 0,72 |" in out
    ranking = cli("rank", SPBE, "-f", "markdown", "--lang", "id").out
    assert "| 1 | Kota Salatiga | Jawa Tengah | kota | 88,98 | 4,56 |" in ranking


def test_html_shows_a_decimal_comma_and_keeps_points_for_machines(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    cli("assess", PARIAMAN, "-f", "html", "--lang", "id", "-o", tmp_path / "card.html")
    card = (tmp_path / "card.html").read_text(encoding="utf-8")
    assert '<span class="n">88,38</span>' in card
    assert "<td>18,5 per 1000 ASN</td>" in card
    assert '<td class="num">2,8%</td>' in card
    assert 'style="width: 41.7%' in card  # CSS keeps its point
    cli("rank", SPBE, "-f", "html", "--lang", "id", "-o", tmp_path / "rank.html")
    ranking = (tmp_path / "rank.html").read_text(encoding="utf-8")
    assert '<td class="num total" data-v="88.979167">88,98</td>' in ranking
    assert '<td class="num published" data-v="4.56">4,56</td>' in ranking


def test_json_and_csv_keep_the_decimal_point(cli: Callable[..., Result]) -> None:
    data = json.loads(cli("assess", PARIAMAN, "-f", "json", "--lang", "id").out)
    answers = [i["answer_text"] for i in data["results"][0]["explanation"]["indicators"]]
    assert "18.5 per 1000 ASN" in answers
    row = cli("rank", SPBE, "-f", "csv", "--lang", "id").out.splitlines()[1].split(",")
    assert row[6:8] == ["88.979167", "4.56"]


APPLICANTS = EXAMPLES / "applicants-2022"
CRITERIA_2022 = EXAMPLES.parent / "criteria" / "kominfo-readiness-2022.yaml"
CRITERIA_2022_2 = EXAMPLES / "kominfo-readiness-2022.2.yaml"


def test_compare_sensitivity_and_trend_use_a_decimal_comma_in_indonesian(
    cli: Callable[..., Result],
) -> None:
    compared = cli("compare", CRITERIA_2022, CRITERIA_2022_2, APPLICANTS, "--lang", "id")
    assert "Skor total berubah rata-rata +1,05 poin (dari -1,76 sampai +3,22)." in " ".join(
        compared.out.split()
    )
    markdown = cli(
        "compare", CRITERIA_2022, CRITERIA_2022_2, APPLICANTS, "--lang", "id", "-f", "markdown"
    ).out
    assert "| Kabupaten Subang | 37 → 31 | +6 | 62,21 → 65,23 |" in markdown
    assert "Spearman ρ 0," not in markdown  # the coefficients are table cells
    sampled = cli("sensitivity", APPLICANTS, "--samples", "50", "--lang", "id", "-f", "markdown")
    assert "| 1 | Kota Kupang | 93,19 | ✔ | 1 | 1–1 | 100,0% |" in sampled.out
    rounds = cli(
        "trend",
        APPLICANTS,
        EXAMPLES / "applicants-2023",
        "--label",
        "2022",
        "--label",
        "2023",
        "--lang",
        "id",
    ).out
    assert "  Kenaikan total terbesar: +8,17: Kabupaten Tabanan (65,06 → 73,23)" in rounds
    english = cli("compare", CRITERIA_2022, CRITERIA_2022_2, APPLICANTS, "--lang", "en").out
    assert "+1.05" in english and "+1,05" not in english

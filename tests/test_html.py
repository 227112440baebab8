"""`--format html`: the self-contained ranking report and score cards, without a browser.

tests/test_html_browser.py opens the same pages in headless Chromium.
"""

from __future__ import annotations

import html
import json
import random
import re
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from smartcity_score.render import Format, formats_for
from smartcity_score.render.html import MAX_BARS, _rank_ticks, rank_chart
from smartcity_score.render.html_page import label
from tests.conftest import EXAMPLES, Result

APPLICANTS = EXAMPLES / "applicants-2022"
TEMPLATES = Path(__file__).resolve().parents[1] / "src/smartcity_score/render/templates"

# Two dimensions (so score cards draw bars, not a radar), a gate, levels, one seat.
MINI = """
schema: smartcity-score/criteria/v1
id: mini
version: "1"
title: {id: Mini ID, en: Mini EN}
dimensions:
  - id: policy
    title: {id: Kebijakan, en: Policy}
    indicators:
      - {id: perda, question: Perda?, type: choice, options: [{id: draf, score: 20}, {id: perda, score: 100}]}
      - {id: cov, question: Coverage?, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
  - id: people
    title: {id: Orang, en: People}
    indicators:
      - {id: commit, question: Commitment?, type: boolean, required: true}
      - {id: spbe, question: SPBE?, type: scale, min: 1, max: 5}
gates:
  - {id: commitment, answer: commit, equals: true}
levels:
  - {id: high, at_least: 60, label: {id: Tinggi, en: High}}
  - {id: low, at_least: 0, label: {id: Rendah, en: Low}}
selection:
  count: 1
"""

EVIL_NAME = "<script>alert(1)</script>"
EVIL_PROVINCE = '"><img src=x onerror=alert(1)>'


def region(
    rid: str,
    *,
    name: str | None = None,
    province: str = "P",
    perda: str = "perda",
    cov: float = 50,
    commit: bool = True,
    spbe: int | None = 3,
    evidence: str = "",
) -> str:
    answers = {"perda": perda, "cov": cov, "commit": commit, "spbe": spbe}
    lines = [
        "schema: smartcity-score/region/v1",
        "region:",
        f"  id: {rid}",
        f"  name: {json.dumps(name or rid.title())}",
        "  kind: kota",
        f"  province: {json.dumps(province)}",
        f"answers: {json.dumps(answers)}",
    ]
    if evidence:
        lines.append(f"evidence: {{perda: {json.dumps(evidence)}}}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def mini(tmp_path: Path, write: Callable[[str, str], Path]) -> Path:
    write("criteria.yaml", MINI)
    return tmp_path / "criteria.yaml"


def render(cli: Callable[..., Result], tmp_path: Path, *args: str | Path) -> tuple[Result, str]:
    """Run a command with `-f html -o FILE` and return its result and the page."""
    out = tmp_path / "out" / "page.html"
    out.parent.mkdir(exist_ok=True)
    result = cli(*args, "-f", "html", "-o", out)
    assert result.out == ""
    return result, out.read_text(encoding="utf-8")


def as_json(cli: Callable[..., Result], *args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cli(*args, "-f", "json").out)
    return data


def cells(page: str, css_class: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'<td class="{css_class}"[^>]*>(.*?)</td>', page)]


def test_html_renders_rank_and_assess() -> None:
    assert Format.HTML in formats_for("rank")
    assert Format.HTML in formats_for("assess")


def test_ranking_report_of_the_examples(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result, page = render(cli, tmp_path, "rank", APPLICANTS)
    data = as_json(cli, "rank", APPLICANTS)
    results = data["results"]
    assert result.code == 0
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert data["criteria"]["sha256"] in page
    assert f"<dd>{data['criteria']['version']}</dd>" in page
    eligible = sum(r["eligible"] for r in results)
    selected = sum(bool(r["selected"]) for r in results)
    summary = re.findall(r'<span class="n">(\d+)</span><span class="k">([^<]+)</span>', page)
    assert summary == [
        ("88", "Applicants"),
        ("88", "Valid"),
        ("0", "Invalid"),
        (str(eligible), "Eligible"),
        (str(selected), "Selected"),
    ]
    # The table lists every region in rank order, as the JSON does.
    assert cells(page, "name") == [r["region"]["name"] for r in results]
    assert page.count('<tr class="selected') == selected == 50
    # The chart: one bar per region, ineligible ones drawn differently, the cut after the
    # last selected region.
    assert page.count('<rect class="bar ') == 88
    assert page.count('<rect class="bar ineligible"') == sum(not r["eligible"] for r in results)
    assert page.count('<rect class="bar selected"') == 50
    assert page.count('<line class="cut"') == 1
    lowest = min(r["score"] for r in results if r["selected"])
    assert f"selection cut · {lowest:.2f}</text>" in page
    assert "Generated" not in page


def test_the_report_needs_no_network(cli: Callable[..., Result], tmp_path: Path) -> None:
    _, page = render(cli, tmp_path, "rank", APPLICANTS)
    _, card = render(cli, tmp_path, "assess", APPLICANTS / "kabupaten-banggai.yaml")
    for text in (page, card):
        assert re.findall(r'\b(?:src|href)\s*=\s*"(?!data:|#)', text) == []
        assert "@import" not in text
        assert "url(" not in text.replace("url(#hatch)", "")
        assert text.count("<script") == 1
        assert "<style>" in text


def test_text_from_input_files_is_escaped(
    cli: Callable[..., Result], tmp_path: Path, write: Callable[[str, str], Path], mini: Path
) -> None:
    evil = write(
        "in/evil<b>.yaml",
        region(
            "evil", name=EVIL_NAME, province=EVIL_PROVINCE, evidence="</td><script>x()</script>"
        ),
    )
    write("in/good.yaml", region("good"))
    write("in/bad.yaml", region("bad").replace('"spbe": 3', '"<script>alert(2)</script>": 1'))
    result, page = render(cli, tmp_path, "rank", tmp_path / "in", "-c", mini)
    assert result.code == 1  # bad.yaml is invalid
    _, card = render(cli, tmp_path, "assess", evil, "-c", mini)
    for text in (page, card):
        assert text.count("<script") == 1  # the report's own
        assert "<img" not in text
        assert "<b>" not in text
        assert html.escape(EVIL_NAME, quote=False) in text
        assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    assert "alert(2)" in html.unescape(page)  # the error message is shown, as text
    assert "&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;" in card


def test_same_inputs_give_the_same_bytes_whatever_the_order(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = sorted(APPLICANTS.glob("*.yaml"))
    shuffled = list(files)
    random.Random(8).shuffle(shuffled)
    _, first = render(cli, tmp_path, "rank", *files)
    _, again = render(cli, tmp_path, "rank", *files)
    _, other_order = render(cli, tmp_path, "rank", *shuffled)
    _, one_worker = render(cli, tmp_path, "rank", *shuffled, "--workers", "1")
    assert first == again == other_order == one_worker
    cards = [APPLICANTS / "kota-tual.yaml", APPLICANTS / "kabupaten-garut.yaml"]
    assert render(cli, tmp_path, "assess", *cards)[1] == render(cli, tmp_path, "assess", *cards)[1]


def test_a_date_comes_only_from_source_date_epoch(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, page = render(cli, tmp_path, "rank", APPLICANTS / "kota-tual.yaml")
    assert "<div><dt>Generated</dt><dd>2023-11-14</dd></div>" in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    _, page = render(cli, tmp_path, "rank", APPLICANTS / "kota-tual.yaml")
    assert "Generated" not in page


def template_keys() -> set[str]:
    found: set[str] = set()
    for path in TEMPLATES.glob("*.j2"):
        found.update(re.findall(r"""\bL\(\s*["'](\w+)["']\s*\)""", path.read_text("utf-8")))
    return found


def test_templates_take_every_word_from_the_labels() -> None:
    """No English slips into an Indonesian report: templates hold markup, not words."""
    for path in TEMPLATES.glob("*.j2"):
        source = path.read_text("utf-8")
        for pattern in (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<[^>]*>", r"&\w+;"):
            source = re.sub(pattern, " ", source, flags=re.S)
        words = set(re.findall(r"[A-Za-z]{2,}", source))
        assert words <= {"SHA", "smartcity", "score", "sha"}, path.name
    for key in template_keys():
        assert label(key, "en") and label(key, "id")


@pytest.mark.parametrize("job", ["rank", "assess"])
def test_indonesian_reports_have_indonesian_labels(
    job: str, cli: Callable[..., Result], tmp_path: Path
) -> None:
    inputs = [APPLICANTS] if job == "rank" else sorted(APPLICANTS.glob("*.yaml"))[:3]
    _, page = render(cli, tmp_path, job, *inputs, "--lang", "id")
    assert '<html lang="id">' in page
    visible = html.unescape(re.sub(r"<[^>]*>", "\n", page))
    lines = {line.strip() for line in visible.splitlines()}
    for key in template_keys():
        english, indonesian = label(key, "en"), label(key, "id")
        if english != indonesian:
            assert english not in lines, key
    assert ("Ringkasan" if job == "rank" else "Kartu skor · Asesmen") in page


def test_selection_reasons_are_translated(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = as_json(cli, "rank", APPLICANTS)
    quotas = sorted(
        {r["selected_by"] for r in data["results"] if r["selected_by"] != "merit"} - {None}
    )
    assert quotas, "the examples are expected to fill a seat by quota"
    _, english = render(cli, tmp_path, "rank", APPLICANTS)
    _, indonesian = render(cli, tmp_path, "rank", APPLICANTS, "--lang", "id")
    quota = quotas[0].split(":", 1)[1]
    assert f"✔ quota {quota}</span>" in english
    assert f"✔ kuota {quota}</span>" in indonesian
    assert "✔ prestasi</span>" in indonesian


def test_score_card_of_one_region(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = APPLICANTS / "kabupaten-manokwari.yaml"
    result, page = render(cli, tmp_path, "assess", path)
    data = as_json(cli, "assess", path)["results"][0]
    assert result.code == 0
    assert page.count('<svg class="chart radar"') == 1
    assert '<polygon class="median"' not in page  # nothing to compare one region with
    assert "Median" not in page
    assert f'<span class="n">{data["score"]:.2f}</span>' in page
    missing = re.findall(r'<li><code class="id">(\w+)</code>', page)
    assert missing == data["missing"] != []
    gains = data["explanation"]["gains"]
    assert re.findall(r"\+(\d+\.\d\d)</td>", page) == [f"{g['points']:.2f}" for g in gains]


def test_score_cards_compare_with_the_median_of_regions_assessed_together(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    paths = [APPLICANTS / f for f in ("kota-tual.yaml", "kabupaten-garut.yaml", "kota-bitung.yaml")]
    _, page = render(cli, tmp_path, "assess", *paths)
    results = as_json(cli, "assess", *paths)["results"]
    assert page.count('<article class="card') == 3
    assert page.count('<polygon class="median"') == 3
    median = statistics.median(r["scores"]["infrastruktur"] for r in results)
    assert f'<td class="num">{median:.2f}</td>' in page
    # kota-tual fails a gate: its card says so and names the gate.
    assert 'class="card is-ineligible"' in page
    failed = re.search(r'<li class="bad">.*?<code class="id">([\w-]+)</code>', page, re.S)
    assert failed is not None and failed.group(1) == results[0]["failed_gates"][0]


def test_criteria_with_two_dimensions_get_bars(
    cli: Callable[..., Result], tmp_path: Path, write: Callable[[str, str], Path], mini: Path
) -> None:
    a = write("a.yaml", region("a", cov=80))
    b = write("b.yaml", region("b", spbe=None))
    _, page = render(cli, tmp_path, "assess", a, b, "-c", mini)
    assert '<svg class="chart radar"' not in page
    assert page.count('<div class="dim-bars"') == 2
    assert page.count('<span class="median-tick"') == 4


def test_problems_and_warnings_are_listed(
    cli: Callable[..., Result], tmp_path: Path, write: Callable[[str, str], Path], mini: Path
) -> None:
    write("in/a.yaml", region("a"))
    write("in/b.yaml", region("b"))  # the same answers: a tie at the cut of one seat
    write("in/c.yaml", "schema: smartcity-score/region/v1\nregion: {id: c, name: C}\nanswers: {}\n")
    result, page = render(cli, tmp_path, "rank", tmp_path / "in", "-c", mini)
    data = as_json(cli, "rank", tmp_path / "in", "-c", mini)
    assert result.code == 1
    assert data["warnings"] and data["errors"]
    for warning in data["warnings"]:
        assert f"<li>{escape(warning)}</li>" in page
    for error in data["errors"]:
        assert f"<td>{escape(error['message'])}</td>" in page
    assert '<span class="n">3</span><span class="k">Applicants</span>' in page
    assert '<span class="n">1</span><span class="k">Invalid</span>' in page


@pytest.mark.parametrize("job", ["rank", "assess"])
def test_a_report_without_valid_regions(
    job: str,
    cli: Callable[..., Result],
    tmp_path: Path,
    write: Callable[[str, str], Path],
    mini: Path,
) -> None:
    bad = write("in/c.yaml", "schema: smartcity-score/region/v1\nregion: {id: c, name: C}\n")
    result, page = render(cli, tmp_path, job, bad, "-c", mini, "--lang", "en")
    assert result.code == 1
    assert "<svg" not in page
    assert "<h1>Mini EN</h1>" in page
    assert '<section class="block" id="invalid-files">' in page
    if job == "rank":
        assert '<p class="empty">none</p>' in page


def test_rank_within_groups_adds_a_column(cli: Callable[..., Result], tmp_path: Path) -> None:
    _, page = render(cli, tmp_path, "rank", APPLICANTS, "--group-by", "province")
    assert "Rank in group <small>(province)</small></th>" in page


def entry(rank: int, score: float, eligible: bool = True, selected: bool = False) -> dict[str, Any]:
    return {
        "rank": rank,
        "score": score,
        "eligible": eligible,
        "selected": selected,
        "region": {"name": f"R{rank}"},
    }


def test_many_regions_are_drawn_as_one_curve() -> None:
    count = MAX_BARS * 4
    entries = [
        entry(i + 1, 100 - i / count * 100, i % 7 != 3, i < 40 and i % 7 != 3) for i in range(count)
    ]
    chart = rank_chart(entries, "en")
    assert chart.bars == []
    assert chart.curve is not None and chart.curve.count(",") < 700
    assert len(chart.rug) == sum(not e["eligible"] for e in entries)
    assert chart.cut_x == pytest.approx(
        chart.left + 40 * (chart.right - chart.left) / count, abs=0.01
    )
    few = rank_chart(entries[:MAX_BARS], "en")
    assert few.curve is None and len(few.bars) == MAX_BARS


def test_rank_axis_labels() -> None:
    assert _rank_ticks(0) == []
    assert _rank_ticks(5) == [1, 2, 3, 4, 5]
    assert _rank_ticks(88) == [1, 10, 20, 30, 40, 50, 60, 70, 80]
    assert _rank_ticks(75_000) == [1, *range(10_000, 75_001, 10_000)]

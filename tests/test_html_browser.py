"""The HTML reports in a real browser: headless Chromium renders them without errors.

Each page is opened once with `--dump-dom` (the DOM after the page's script ran) and
`--screenshot`; with `--enable-logging=stderr` Chromium prints every console message
to stderr, so any message at all (an uncaught exception, a failed load) fails the test.
The screenshot is decoded here (PNG is zlib-compressed rows, no imaging library needed)
to check that the chart and the table were actually painted.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests import pdf_text
from tests.conftest import EXAMPLES, Result


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    return found


CHROMIUM = _chromium()
# CI sets this so that a missing browser fails the run instead of skipping these tests.
REQUIRED = os.environ.get("SMARTCITY_REQUIRE_BROWSER", "") not in ("", "0")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="headless Chromium is not installed (Debian: apt-get install chromium)",
)
pytestmark = pytest.mark.browser

APPLICANTS = EXAMPLES / "applicants-2022"
WIDTH = 1280

# The report's colours (report.css), as painted.
BLUE = (37, 99, 235)  # selected bars, the region on the radar
GREY = (163, 172, 185)  # eligible, not selected
ORANGE = (194, 65, 12)  # ineligible hatching
INK = (31, 41, 55)  # the cut line
MEDIAN = (217, 119, 6)
GREEN = (21, 128, 61)  # gain bars


@dataclass
class Page:
    dom: str
    console: list[str]
    pixels: np.ndarray  # height x width x RGB


def open_in_chromium(page: Path, tmp_path: Path, height: int) -> Page:
    """Load `page` in headless Chromium: its DOM, console messages and a screenshot."""
    assert CHROMIUM is not None, "SMARTCITY_REQUIRE_BROWSER is set but chromium is not on PATH"
    shot = tmp_path / f"{page.stem}.png"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={WIDTH},{height}",
        f"--screenshot={shot}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    # A session of its own, so that a hung browser is stopped with all its helpers.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, err[-2000:]
    console = [line for line in err.splitlines() if re.search(r":CONSOLE[:(]", line)]
    return Page(out, console, decode_png(shot.read_bytes()))


def decode_png(data: bytes) -> np.ndarray:
    """An 8-bit RGB or RGBA PNG (not interlaced) as an array of RGB pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, compressed = 8, bytearray()
    width = height = channels = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            compressed += body
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(compressed), np.uint8).reshape(height, stride + 1)
    rows = np.zeros((height, stride), np.uint8)
    previous = np.zeros(stride, np.uint8)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:]
        if kind == 0:
            row = line.copy()
        elif kind == 1:  # Sub: a running sum along each channel, modulo 256
            row = np.cumsum(line.reshape(width, channels), axis=0, dtype=np.uint8).reshape(-1)
        elif kind == 2:  # Up
            row = line + previous
        else:  # Average and Paeth depend on the pixel just decoded: one byte at a time
            row = np.frombuffer(
                _unfilter(kind, line.tobytes(), previous.tobytes(), channels), np.uint8
            )
        rows[y] = row
        previous = row
    return rows.reshape(height, width, channels)[:, :, :3]


def _unfilter(kind: int, line: bytes, above: bytes, step: int) -> bytes:
    out = bytearray(len(line))
    for i, value in enumerate(line):
        left = out[i - step] if i >= step else 0
        up = above[i]
        if kind == 3:
            out[i] = (value + (left + up) // 2) & 255
            continue
        corner = above[i - step] if i >= step else 0
        guess = left + up - corner
        far_left, far_up, far_corner = abs(guess - left), abs(guess - up), abs(guess - corner)
        if far_left <= far_up and far_left <= far_corner:
            out[i] = (value + left) & 255
        elif far_up <= far_corner:
            out[i] = (value + up) & 255
        else:
            out[i] = (value + corner) & 255
    return bytes(out)


def mask(pixels: np.ndarray, color: tuple[int, int, int], tolerance: int = 0) -> np.ndarray:
    return np.all(np.abs(pixels.astype(np.int16) - color) <= tolerance, axis=2)


def test_the_png_decoder_reads_every_filter() -> None:
    # Five rows of two RGB pixels; row k is stored with PNG filter type k.
    image = (np.arange(5 * 2 * 3, dtype=np.uint8) * 37).reshape(5, 2, 3)
    lines = []
    previous = bytes(6)
    for kind, row in enumerate(image.reshape(5, 6)):
        raw = row.tobytes()
        if kind == 1:
            raw = bytes((raw[i] - (raw[i - 3] if i >= 3 else 0)) & 255 for i in range(6))
        elif kind == 2:
            raw = bytes((raw[i] - previous[i]) & 255 for i in range(6))
        elif kind in (3, 4):
            raw = _filter(kind, row.tobytes(), previous)
        lines.append(bytes([kind]) + raw)
        previous = row.tobytes()
    header = struct.pack(">IIBBBBB", 2, 5, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
    png += _chunk(b"IDAT", zlib.compress(b"".join(lines))) + _chunk(b"IEND", b"")
    assert np.array_equal(decode_png(png), image)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _filter(kind: int, row: bytes, above: bytes) -> bytes:
    out = bytearray()
    for i, value in enumerate(row):
        left = row[i - 3] if i >= 3 else 0
        corner = above[i - 3] if i >= 3 else 0
        if kind == 3:
            out.append((value - (left + above[i]) // 2) & 255)
            continue
        guess = left + above[i] - corner
        best = min(
            (abs(guess - left), 0, left),
            (abs(guess - above[i]), 1, above[i]),
            (abs(guess - corner), 2, corner),
        )[2]
        out.append((value - best) & 255)
    return bytes(out)


@needs_chromium
def test_console_messages_are_caught(tmp_path: Path) -> None:
    """The check below is not vacuous: a page with a script error does fail it."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>")
    page = open_in_chromium(broken, tmp_path, 200)
    assert len(page.console) == 1
    assert "Uncaught ReferenceError: undefinedFunction is not defined" in page.console[0]


def render(cli: Callable[..., Result], out: Path, *args: str | Path) -> Path:
    result = cli(*args, "-f", "html", "-o", out)
    assert result.code == 0, result.err
    return out


@needs_chromium
def test_ranking_report_in_chromium(cli: Callable[..., Result], tmp_path: Path) -> None:
    report = render(cli, tmp_path / "report.html", "rank", APPLICANTS)
    page = open_in_chromium(report, tmp_path, 1300)
    assert page.console == []
    # The script ran: it marked the page and turned each heading into a sort button.
    assert re.search(r'<html lang="en" class="js">', page.dom)
    assert page.dom.count('<th scope="col"') == page.dom.count('<button type="button">') >= 12
    body = page.dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr") == 88
    # Painted: the bars in all three states, the dashed cut through them, then the table.
    pixels = page.pixels
    blue, grey, orange = mask(pixels, BLUE), mask(pixels, GREY), mask(pixels, ORANGE)
    assert blue.sum() > 5000 and grey.sum() > 2000 and orange.sum() > 200
    bars = np.flatnonzero(blue.sum(axis=1) > 200)  # rows crossed by many selected bars
    bottom = bars[-1]
    assert 200 < bars[0] < bottom < 900
    dark = np.all(pixels[:bottom] < 90, axis=2).sum(axis=0)  # text gives short columns only
    columns = np.flatnonzero((blue | grey)[bottom - 5])  # from the first bar to the last
    assert dark.max() > 120 and columns[0] < dark.argmax() < columns[-1]
    table = pixels[bottom + 60 :]
    assert mask(table, BLUE).sum(axis=0).max() > 300  # the selected rows' blue edge
    assert np.all(table < 100, axis=2).sum() > 10_000  # and the rows' text


@needs_chromium
def test_table_sorts_when_a_heading_is_clicked(cli: Callable[..., Result], tmp_path: Path) -> None:
    report = render(cli, tmp_path / "report.html", "rank", APPLICANTS)
    # Click the "Region" heading: rows sort by name, ascending.
    clicks = "<script>var b = document.querySelectorAll('th button'); b[1].click();</script>"
    source = report.read_text(encoding="utf-8").replace("</body>", clicks + "\n</body>")
    sorted_page = tmp_path / "sorted.html"
    sorted_page.write_text(source, encoding="utf-8")
    page = open_in_chromium(sorted_page, tmp_path, 400)
    assert page.console == []
    names = re.findall(r'<td class="name"[^>]*>([^<]*)</td>', page.dom)
    assert len(names) == 88
    assert names == sorted(names, key=str.lower)
    assert 'class="data ranking sortable resorted"' in page.dom
    assert re.search(
        r'<th scope="col" aria-sort="ascending"><button type="button">Region', page.dom
    )


@needs_chromium
def test_score_card_in_chromium(cli: Callable[..., Result], tmp_path: Path) -> None:
    paths = [APPLICANTS / f for f in ("kabupaten-manokwari.yaml", "kota-bukittinggi.yaml")]
    card = render(cli, tmp_path / "card.html", "assess", *paths, "--lang", "id")
    page = open_in_chromium(card, tmp_path, 1100)
    assert page.console == []
    assert page.dom.count('<svg class="chart radar"') == 2
    pixels = page.pixels
    region_fill = mask(pixels, (190, 208, 249), tolerance=4)  # blue at 30 % on white
    assert region_fill.sum() > 10_000
    assert mask(pixels, MEDIAN).sum() > 200  # the dashed median outline
    assert mask(pixels, GREEN).sum() > 1000  # the gain bars
    assert mask(pixels, BLUE).sum() > 500  # the region's outline and dots


# --- a long ranking: paged in the browser -------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
CRITERIA = REPO / "criteria" / "kominfo-readiness-2022.yaml"
NAME = re.compile(r'<td class="name"[^>]*>([^<]*)</td>')
# Runs after report.js: clicks, and after each step records the rows shown and the pager
# text into a <pre>, so that one browser run checks several states of the page.
PROBE = """<script>
(function () {
  var states = [];
  function record() {
    var table = document.querySelector("table.ranking");
    var status = document.querySelector(".page-status");
    states.push({
      nodes: table.getElementsByTagName("*").length,
      names: Array.prototype.map.call(
        table.querySelectorAll("td.name"), function (td) { return td.textContent; }),
      status: status ? status.textContent : null
    });
  }
  function click(selector) { document.querySelector(selector).click(); record(); }
  var heads = document.querySelectorAll("th button");
  record();
  click(".page-next");
  heads[1].click(); record();  // Region: ascending
  click(".page-next");
  heads[0].click(); heads[0].click(); record();  // Rank: ascending again, then descending
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(states);
  document.body.appendChild(out);
})();
</script>"""


def generated_report(
    cli: Callable[..., Result], tmp_path: Path, count: int, rename: dict[int, str] | None = None
) -> Path:
    """A ranking of `count` regions from benchmarks/generate.py, some renamed."""
    folder = tmp_path / "regions"
    subprocess.run(
        [sys.executable, REPO / "benchmarks" / "generate.py", "--criteria", CRITERIA,
         "--count", str(count), "--out", folder, "--size", "256"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    files = sorted(folder.rglob("*.yaml"))
    for index, name in (rename or {}).items():
        source = files[index].read_text(encoding="utf-8")
        files[index].write_text(
            re.sub(r"(?m)^  name: .*$", "  name: " + json.dumps(name), source, count=1),
            encoding="utf-8",
        )
    return render(cli, tmp_path / "report.html", "rank", folder, "--criteria", CRITERIA)


def probe(report: Path, tmp_path: Path) -> tuple[Page, list[dict[str, Any]]]:
    source = report.read_text(encoding="utf-8").replace("</body>", PROBE + "\n</body>")
    probed = tmp_path / "probed.html"
    probed.write_text(source, encoding="utf-8")
    page = open_in_chromium(probed, tmp_path, 600)
    found = re.search(r'<pre id="probe">([^<]*)</pre>', page.dom)
    assert found is not None, page.console
    states: list[dict[str, Any]] = json.loads(html.unescape(found.group(1)))
    return page, states


@needs_chromium
def test_ten_thousand_regions_are_shown_a_page_at_a_time(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    report = generated_report(cli, tmp_path, 10_000)
    # The file holds the whole table, in rank order: the first 100 rows in the table,
    # the others in a <template> inside it, with a note for a reader without script.
    source = report.read_text(encoding="utf-8")
    ranked = [html.unescape(n) for n in NAME.findall(source)]
    assert len(ranked) == 10_000
    shown, later = source.split('<template class="more-rows">')
    assert len(NAME.findall(shown)) == 100 and len(NAME.findall(later)) == 9_900
    assert (
        '<noscript><p class="hint">Without JavaScript only the first 100 of 10000 regions are'
        " shown; the CSV and JSON outputs hold them all.</p></noscript>"
    ) in source
    by_name = sorted(ranked, key=str.lower)  # stable: ties keep rank order, as in the page
    page, states = probe(report, tmp_path)
    assert page.console == []
    first, second, named, named_2, backwards = states
    # 100 rows in the document (138k table nodes before paging), everything else detached.
    assert all(state["nodes"] <= 2_000 for state in states)
    assert first["names"] == ranked[:100] and first["status"] == "1–100 / 10000"
    assert second["names"] == ranked[100:200] and second["status"] == "101–200 / 10000"
    # A sort orders all 10,000 rows and goes back to the first page.
    assert named["names"] == by_name[:100] and named["status"] == "1–100 / 10000"
    assert named_2["names"] == by_name[100:200]
    assert backwards["names"] == ranked[::-1][:100]


HOSTILE = {
    "c6-html-close-script": "</script><script>document.title='x'</script>",
    "c6-html-comment-open": "<!--<script>",
    "c6-html-img-onerror": "<img src=x onerror=\"document.title='x'\">&amp;",
    "c6-html-close-script-img": "</script><img src=x onerror=alert(1)>",
}
# One browser run serves every case below: each is rendered once, the probe shared.
_hostile_run: list[tuple[Page, list[dict[str, Any]]]] = []


@needs_chromium
@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_names_stay_text_in_a_paged_table(
    cli: Callable[..., Result], tmp_path: Path, case: str
) -> None:
    name = HOSTILE[case]
    if not _hostile_run:
        # 150 regions: the table is paged, so the rows are detached and put back by script.
        names = dict(enumerate(HOSTILE.values()))
        _hostile_run.append(probe(generated_report(cli, tmp_path, 150, names), tmp_path))
    page, states = _hostile_run[0]
    assert page.console == []
    assert "<title>x</title>" not in page.dom and page.dom.count("<script>") == 2
    assert "<img" not in page.dom  # as text it is "&lt;img"
    shown = [n for state in states for n in state["names"]]
    assert name in shown  # the name is shown as written, on whichever page it falls


@needs_chromium
def test_the_panel_section_in_chromium(cli: Callable[..., Result], tmp_path: Path) -> None:
    reviews = APPLICANTS.parent / "reviews-2022"
    report = render(cli, tmp_path / "report.html", "rank", APPLICANTS, "--reviews", reviews)
    page = open_in_chromium(report, tmp_path, 1300)
    assert page.console == []
    panel = page.dom.split('<section class="block" id="panel">', 1)[1].split("</section>", 1)[0]
    # One dumbbell per region the panel moved, up to 40, each a claimed and a verified dot.
    assert panel.count('<g class="dumbbell">') == 40
    assert panel.count('class="verified"') == panel.count('class="claimed"') == 40
    assert "Kabupaten Lima Puluh Kota (rank 20), Kota Lubuklinggau (rank 53)" in panel
    assert "Krippendorff's alpha, interval): 0.962 over 880" in panel.replace("&#39;", "'")
    # The ranking gains the Claimed column: one more heading than without reviews.
    plain = open_in_chromium(
        render(cli, tmp_path / "plain.html", "rank", APPLICANTS), tmp_path, 1300
    )
    assert page.dom.count('<th scope="col"') == plain.dom.count('<th scope="col"') + 4 + 1


# --- printing (issue 15, point 10) --------------------------------------------------------


def print_to_pdf(page: Path, tmp_path: Path) -> list[list[str]]:
    """`page` printed by headless Chromium on A4 (the report's @page): each page's text runs."""
    assert CHROMIUM is not None, "SMARTCITY_REQUIRE_BROWSER is set but chromium is not on PATH"
    pdf = tmp_path / f"{page.stem}.pdf"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.resolve().as_uri(),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, err[-2000:]
    return pdf_text.pages(pdf.read_bytes())


@needs_chromium
def test_the_printed_ranking_repeats_its_heading_on_every_page(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    report = render(cli, tmp_path / "report.html", "rank", APPLICANTS)
    printed = print_to_pdf(report, tmp_path)
    assert len(printed) >= 3
    heading = ["Rank", "Region", "Province", "Kind", "Total", "Level"]
    # Page 1 holds the summary and the chart above the table; every page has the heading
    # (the sort buttons included: Chromium drops form controls from a repeated row).
    for runs in printed:
        start = runs.index("Rank")
        assert runs[start : start + 6] == heading
        assert runs[start + 6 : start + 13] == [
            "Kepemimpinan", "dan komitmen", "Struktur", "Infrastruktur", "Suprastruktur",
            "Eligible", "Selected",
        ]  # fmt: skip
    runs = [run for page in printed for run in page]
    # All 88 rows, each level label whole on one line (the Level column does not wrap).
    levels = {"Sangat siap", "Siap", "Cukup siap", "Kurang siap", "Belum siap"}
    shown = [run for run in runs if run in levels]
    assert len(shown) == 88
    assert not {"Sangat", "Cukup", "Kurang", "Belum"} & set(runs)


# Runs on a score card: for each radar, every text's box in the chart's own units, and how
# many of 40 points around that box fall inside the outer ring (the plot's whole area).
RADAR_PROBE = """<script>
(function () {
  var charts = Array.prototype.map.call(document.querySelectorAll("svg.radar"), function (svg) {
    var rings = svg.querySelectorAll("polygon.ring");
    var outer = rings[rings.length - 1];
    var box = svg.viewBox.baseVal;
    return Array.prototype.map.call(svg.querySelectorAll("text"), function (text) {
      var b = text.getBBox(), inside = 0;
      for (var i = 0; i <= 9; i++) {
        var f = i / 9;
        [[b.x + f * b.width, b.y], [b.x + f * b.width, b.y + b.height],
         [b.x, b.y + f * b.height], [b.x + b.width, b.y + f * b.height]].forEach(function (p) {
          var point = svg.createSVGPoint();
          point.x = p[0]; point.y = p[1];
          if (outer.isPointInFill(point)) inside += 1;
        });
      }
      var within = b.x >= 0 && b.y >= 0 && b.x + b.width <= box.width &&
        b.y + b.height <= box.height;
      return {text: text.textContent.trim(), cls: text.getAttribute("class"),
              inside: inside, within: within};
    });
  });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(charts);
  document.body.appendChild(out);
})();
</script>"""


@needs_chromium
def test_radar_labels_stay_off_the_plot(cli: Callable[..., Result], tmp_path: Path) -> None:
    # Score cards with 3 to 6 dimensions, titles of one to three lines, in both languages.
    examples = APPLICANTS.parent
    cards = [
        (examples / "smart-city-6d" / "kabupaten-lima-puluh-kota.yaml", "id"),
        (examples / "spbe-2020" / "kabupaten-batang.yaml", "en"),
        (examples / "idm-village" / "desa-karangrejo-jawa-tengah.yaml", "id"),
        (examples / "kominfo-evaluation-index" / "kabupaten-contoh-2024.yaml", "en"),
    ]
    # One browser run: the other cards' <main> go into the first card's page.
    pages = []
    for index, (path, lang) in enumerate(cards):
        card = render(cli, tmp_path / f"card-{index}.html", "assess", path, "--lang", lang)
        pages.append(card.read_text(encoding="utf-8"))
    mains = [p.split("<main>", 1)[1].split("</main>", 1)[0] for p in pages[1:]]
    both = pages[0].replace("</main>", "".join(mains) + "</main>")
    probed = tmp_path / "cards.html"
    probed.write_text(both.replace("</body>", RADAR_PROBE + "\n</body>"), encoding="utf-8")
    page = open_in_chromium(probed, tmp_path, 900)
    assert page.console == []
    found = re.search(r'<pre id="probe">([^<]*)</pre>', page.dom)
    assert found is not None
    charts = json.loads(html.unescape(found.group(1)))
    assert len(charts) == 4
    counts = set()
    for texts in charts:
        ticks = [t["text"] for t in texts if t["cls"] == "tick"]
        assert ticks == ["0", "25", "50", "75", "100"]
        counts.add(sum(1 for t in texts if t["cls"] == "spoke-label"))
        assert [t for t in texts if t["inside"] or not t["within"]] == []
    assert counts == {3, 4, 5, 6}


@needs_chromium
def test_a_paged_table_prints_whole(cli: Callable[..., Result], tmp_path: Path) -> None:
    report = generated_report(cli, tmp_path, 150)
    printed = print_to_pdf(report, tmp_path)
    runs = [run for page in printed for run in page]
    # Every row's Eligible cell: all 150 rows, not the 100 of the page on the screen.
    assert sum(1 for run in runs if run in ("yes", "no")) == 150
    assert len(printed) > 2 and all("Rank" in page for page in printed)

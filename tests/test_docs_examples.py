"""docs/criteria.md's worked example runs as written and gives the figures the page states."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result

DOC = REPO / "docs" / "criteria.md"

TOTAL = 72.8125
LEVEL = "berkembang"
GROUPS = {
    "tata_kelola": 75.0,
    "jaringan": 67.5,
    "layanan": 71.25,
    "infrastruktur": 68.4375,
}
INDICATORS = {
    "komitmen": 100.0,
    "regulasi": 50.0,
    "cakupan_4g_pct": 60.0,
    "waktu_perbaikan_jam": 75.0,
    "kanal": 80.0,
    "kepuasan": 75.0,
    "anggaran_tik_pct": 50.0,
}


def example(name: str) -> str:
    """The ```yaml block between `<!-- example: NAME -->` and `<!-- /example -->`."""
    text = DOC.read_text(encoding="utf-8")
    found = re.findall(
        rf"<!-- example: {name} -->\n```yaml\n(.*?)```\n<!-- /example -->", text, re.DOTALL
    )
    assert len(found) == 1, f"one {name} example in {DOC}"
    return str(found[0])


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    criteria = tmp_path / "criteria.yaml"
    region = tmp_path / "region.yaml"
    criteria.write_text(example("criteria"), encoding="utf-8")
    region.write_text(example("region"), encoding="utf-8")
    return criteria, region


def test_the_example_criteria_pass_check_strict(
    files: tuple[Path, Path], cli: Callable[..., Result]
) -> None:
    criteria, _ = files
    result = cli("check", "--strict", "--format", "json", criteria)
    assert result.code == 0, result.out + result.err
    report = json.loads(result.out)
    assert report["errors"] == []
    assert report["warnings"] == []


def test_the_worked_example_gives_the_figures_the_page_states(
    files: tuple[Path, Path], cli: Callable[..., Result]
) -> None:
    criteria, region = files
    result = cli("assess", "-c", criteria, "--format", "json", region)
    assert result.code == 0, result.out + result.err
    report = json.loads(result.out)
    assert report["errors"] == [] and report["warnings"] == []
    (card,) = report["results"]
    assert card["score"] == TOTAL
    assert card["level"] == LEVEL
    assert card["eligible"] is True and card["failed_gates"] == []
    assert card["missing"] == []
    for node, score in {**GROUPS, **INDICATORS}.items():
        assert card["scores"][node] == score, node
    assert card["explanation"]["next_level"]["points_needed"] == 7.1875


def test_the_page_states_those_figures() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"**{TOTAL:g}**" in text
    assert f"**`{LEVEL}`**" in text
    assert "7.1875" in text
    for group, score in GROUPS.items():
        assert re.search(rf"`{group}` = .*\*\*{re.escape(f'{score:g}')}\*\*", text), group
    for indicator, score in INDICATORS.items():
        assert re.search(rf"\| `{indicator}` \|.*\| {score:g} \|", text), indicator


def test_readme_links_the_page() -> None:
    assert "(docs/criteria.md)" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode, layanan, kepuasan", [("zero", 52.5, 0.0), ("exclude", 70.0, None)])
def test_the_missing_section_figures(
    mode: str,
    layanan: float,
    kepuasan: float | None,
    tmp_path: Path,
    cli: Callable[..., Result],
) -> None:
    criteria = tmp_path / "criteria.yaml"
    region = tmp_path / "region.yaml"
    criteria.write_text(
        example("criteria").replace("missing: zero\n", f"missing: {mode}\n"), encoding="utf-8"
    )
    region.write_text(example("region").replace("  kepuasan: 4\n", ""), encoding="utf-8")
    result = cli("assess", "-c", criteria, "--format", "json", region)
    assert result.code == 0, result.out + result.err
    (card,) = json.loads(result.out)["results"]
    assert card["missing"] == ["kepuasan"]
    assert card["scores"]["layanan"] == layanan
    assert card["scores"]["kepuasan"] == kepuasan
    assert f"= {layanan:g} under `{mode}`" in DOC.read_text(encoding="utf-8")


def test_the_region_page_example_holds_only_valid_answers(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """docs/regions.md's example answers part of the questionnaire: every answer it gives is
    valid, so the only problems are the required questions it leaves out."""
    page = (REPO / "docs" / "regions.md").read_text(encoding="utf-8")
    block = page.split("## The keys", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    region = tmp_path / "kota-pariaman.yaml"
    region.write_text(block, encoding="utf-8")
    result = cli("validate", region, "-f", "json")
    messages = [p["message"] for p in json.loads(result.out)["errors"]]
    assert messages, result.err
    assert all(m.startswith("required indicator '") for m in messages), messages


def test_readme_links_every_format_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for page in ("criteria", "regions", "reviews", "forms", "output", "rules"):
        assert f"(docs/{page}.md)" in readme
        assert (REPO / "docs" / f"{page}.md").is_file()


def test_the_output_page_names_every_key_of_the_output_schema(cli: Callable[..., Result]) -> None:
    page = (REPO / "docs" / "output.md").read_text(encoding="utf-8")
    schema = json.loads(cli("schema", "output").out)
    result = schema["properties"]["results"]["items"]
    for key in [*schema["properties"], *result["properties"]]:
        assert f"`{key}`" in page, key

"""`template`, `schema`, `criteria list|show`, `assess` and `validate` through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from smartcity_score.criteria_sets import bundled, load
from smartcity_score.loader import parse
from tests.conftest import EXAMPLES, Result

Cli = Callable[..., Result]
PARIAMAN = EXAMPLES / "applicants-2022" / "kota-pariaman.yaml"


def test_template_lists_every_indicator_with_its_question_and_answers(cli: Cli) -> None:
    result = cli("template", "--lang", "en")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=region.schema.json"
    answers = parse(result.out, "template.yaml").data["answers"]
    indicators = load(None).scorer.indicators
    assert list(answers) == list(indicators)
    assert all(value is None for value in answers.values())
    # each answer line follows its question and a line saying what a valid answer is
    at = lines.index("  perda_smart_city:")
    assert lines[at - 1].startswith("  #   choice, one of: belum_ada (")
    assert "REQUIRED" in result.out


def test_a_filled_in_template_validates(cli: Cli, tmp_path: Path) -> None:
    template = tmp_path / "region.yaml"
    assert cli("template", "-o", template).code == 0
    text = template.read_text(encoding="utf-8")
    text = text.replace("id: region-id", "id: kota-pariaman")
    text = text.replace("name: Region name", "name: Kota Pariaman")
    example = yaml.safe_load(PARIAMAN.read_text(encoding="utf-8"))
    for key, value in example["answers"].items():
        text = text.replace(f"\n  {key}:\n", f"\n  {key}: {json.dumps(value)}\n")
    template.write_text(text, encoding="utf-8")
    result = cli("validate", template)
    assert (result.code, result.out) == (0, "")


def test_schema_is_json_and_other_formats_are_refused(cli: Cli) -> None:
    region = cli("schema", "region")
    assert region.code == 0
    data = json.loads(region.out)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert data["properties"]["criteria"] == {"const": "kominfo-readiness-2022"}
    refused = cli("schema", "region", "-f", "yaml")
    assert refused.code == 2
    assert "--format yaml is not available here; choose one of: json" in refused.err


def test_criteria_list_and_show(cli: Cli) -> None:
    listed = json.loads(cli("criteria", "list", "-f", "json", "--lang", "en").out)
    assert [entry["id"] for entry in listed] == sorted(bundled())
    default = next(e for e in listed if e["id"] == "kominfo-readiness-2022")
    assert default["indicators"] == 33
    shown = json.loads(cli("criteria", "show", "spbe-2020", "-f", "json").out)
    assert shown["id"] == "spbe-2020"
    assert [d["weight"] for d in shown["dimensions"]] == [13, 25, 16.5, 45.5]
    tree = cli("criteria", "show", "spbe-2020", "--lang", "en").out.splitlines()
    assert tree[0] == "spbe-2020 2020.1: E-government (SPBE) index (PermenPANRB 59/2020, shortened)"
    assert "  layanan (weight 45.5): Domain: e-government services" in tree


def test_assess_explains_a_score_in_json(cli: Cli) -> None:
    result = cli("assess", PARIAMAN, "-f", "json", "--lang", "en")
    assert result.code == 0
    (entry,) = json.loads(result.out)["results"]
    assert (entry["rank"], entry["selected"], entry["selected_by"]) == (None, None, None)
    explanation = entry["explanation"]
    shares = sum(line["weight"] for line in explanation["indicators"])
    assert abs(shares - 1) < 1e-5  # every indicator's share of the total adds up to the whole
    points = sum(line["points"] for line in explanation["indicators"])
    assert abs(points - entry["score"]) < 1e-4  # and the points earned to the total
    gains = explanation["gains"]
    assert gains and all(g["points"] > 0 for g in gains)
    assert [g["points"] for g in gains] == sorted((g["points"] for g in gains), reverse=True)


def test_a_gain_is_what_the_changed_answer_really_adds(cli: Cli, tmp_path: Path) -> None:
    best = json.loads(cli("assess", PARIAMAN, "-f", "json").out)["results"][0]
    gain = best["explanation"]["gains"][0]
    assert gain["indicator"] == "perkada_satu_data"
    changed = tmp_path / "changed.yaml"
    text = PARIAMAN.read_text(encoding="utf-8")
    changed.write_text(text.replace("perkada_satu_data: false", "perkada_satu_data: true"))
    after = json.loads(cli("assess", changed, "-f", "json").out)["results"][0]
    assert abs(after["score"] - best["score"] - gain["points"]) < 1e-6


def test_validate_reports_every_problem_with_its_place(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema: smartcity-score/region/v1\n"
        "region: {id: kota-x, name: Kota X}\n"
        "answers:\n"
        "  komitmen_kepala_daerah: ya\n"
        "  cakupan_4g: 80\n",
        encoding="utf-8",
    )
    result = cli("validate", bad)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{bad}:3:1: error required indicator 'ipm' is not answered",
        f"{bad}:3:1: error required indicator 'kemampuan_keuangan_daerah' is not answered",
        f"{bad}:4:27: error 'komitmen_kepala_daerah' must be true or false, found 'ya' (a string)",
        f"{bad}:5:3: error unknown indicator 'cakupan_4g' (did you mean 'cakupan_4g_pct'?)",
    ]


def test_criteria_list_and_show_fit_80_columns_without_breaking_a_word(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    listed = cli("criteria", "list", "--lang", "id").out.splitlines()
    assert listed[4:6] == [
        "kominfo-readiness-2022       2022.1      33 indikator   Asesmen Kesiapan Gerakan",
        "    Menuju 100 Smart City (ilustratif, 2022)",
    ]
    shown = cli("criteria", "show", "spbe-2020", "--lang", "en").out.splitlines()
    assert max(len(line) for line in [*listed, *shown]) <= 80
    assert shown[3:6] == [
        "    - kebijakan_arsitektur_spbe (weight 1): scale, a whole number from 1 to 5 (1",
        "        = Initial, 2 = Managed, 3 = Standardised, 4 = Integrated and measured, 5",
        "        = Optimised)",
    ]

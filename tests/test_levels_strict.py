"""Strict (`above`) levels, and the bundled IDM cut points of Permendesa 2/2016."""

from pathlib import Path

import pytest
import yaml

from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[1]
LEVELS = yaml.safe_load((ROOT / "criteria" / "idm-village.yaml").read_text("utf-8"))["levels"]


def _idm_criteria(tmp_path: Path) -> Path:
    """The bundled IDM levels over one number indicator holding the index itself (0–1)."""
    criteria = {
        "schema": "smartcity-score/criteria/v1",
        "id": "idm-cuts",
        "version": "1",
        "title": "IDM cut points",
        "dimensions": [
            {
                "id": "idm",
                "title": "IDM",
                "indicators": [
                    {
                        "id": "indeks",
                        "question": "IDM",
                        "type": "number",
                        "min": 0,
                        "max": 1,
                        "scoring": {"method": "linear", "worst": 0, "best": 1},
                    }
                ],
            }
        ],
        "levels": LEVELS,
    }
    path = tmp_path / "idm-cuts.yaml"
    path.write_text(yaml.safe_dump(criteria, sort_keys=False), "utf-8")
    return path


CASES = [
    ("0.8156", "mandiri"),
    ("0.8155", "maju"),
    ("0.8152", "maju"),
    ("0.8154", "maju"),
    ("0.7073", "maju"),
    ("0.7072", "berkembang"),
    ("0.7071", "berkembang"),
    ("0.5990", "berkembang"),
    ("0.5989", "tertinggal"),
    ("0.5988", "tertinggal"),
    ("0.4908", "tertinggal"),
    ("0.4907", "sangat_tertinggal"),
    ("0.4906", "sangat_tertinggal"),
    ("0", "sangat_tertinggal"),
]


@pytest.mark.parametrize(("idm", "status"), CASES)
def test_idm_status_at_each_cut(cli, tmp_path: Path, idm: str, status: str) -> None:
    import json

    criteria = _idm_criteria(tmp_path)
    region = tmp_path / "desa.yaml"
    region.write_text(
        "schema: smartcity-score/region/v1\n"
        "region: {id: desa, name: Desa}\n"
        f"answers: {{indeks: {idm}}}\n",
        "utf-8",
    )
    result: Result = cli("assess", "-c", criteria, "--format", "json", region)
    assert result.code == 0, result.err
    assert json.loads(result.out)["results"][0]["level"] == status


def test_bundled_idm_cuts_are_the_published_ones() -> None:
    assert [(lv["id"], lv.get("above"), lv.get("at_least")) for lv in LEVELS] == [
        ("mandiri", 81.55, None),
        ("maju", 70.72, None),
        ("berkembang", 59.89, None),
        ("tertinggal", 49.07, None),
        ("sangat_tertinggal", None, 0),
    ]


def test_criteria_show_prints_strict_and_inclusive_cuts(cli) -> None:
    result = cli("criteria", "show", "idm-village")
    assert result.code == 0
    assert "level mandiri: > 81.55 Mandiri\n" in result.out
    assert "level sangat_tertinggal: ≥ 0 Sangat tertinggal\n" in result.out


def _levels_file(tmp_path: Path, levels: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(
        "schema: smartcity-score/criteria/v1\nid: c\nversion: '1'\ntitle: C\n"
        "dimensions:\n  - id: d\n    title: D\n    indicators:\n"
        "      - {id: q, question: Q, help: H, type: boolean}\n"
        f"levels:\n{levels}",
        "utf-8",
    )
    return path


def test_check_reports_level_order_and_form(cli, tmp_path: Path) -> None:
    path = _levels_file(
        tmp_path,
        "  - {id: a, at_least: 50, label: A}\n"
        "  - {id: b, above: 50, label: B}\n"
        "  - {id: c, above: 50, label: C}\n"
        "  - {id: z, above: 0, label: Z}\n",
    )
    result = cli("check", path)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if "level" in line] == [
        f"{path}:12:20: error level 'b' above 50 must be less strict than the previous "
        "level's at_least 50 (levels go from highest to lowest; at an equal threshold "
        "'above' comes before 'at_least') [levels-order]",
        f"{path}:13:20: error level 'c' has the same cut point (above 50) as the previous "
        "level 'b', so it can never be reached [levels-order]",
        f"{path}:14:20: error the last level 'z' must have at_least 0, found above 0, so "
        "that every total has a level [levels-floor]",
    ]


def test_level_with_both_cuts_is_a_form_error(cli, tmp_path: Path) -> None:
    path = _levels_file(tmp_path, "  - {id: a, at_least: 0, above: 0, label: A}\n")
    result = cli("check", path)
    assert result.code == 1
    assert "needs exactly one of 'at_least' or 'above' [level-form]" in result.out


def test_next_level_of_a_strict_level_names_its_cut_point_above(cli, tmp_path: Path) -> None:
    import json

    criteria = _idm_criteria(tmp_path)
    region = tmp_path / "desa.yaml"
    region.write_text(
        "schema: smartcity-score/region/v1\nregion: {id: desa, name: Desa}\n"
        "answers: {indeks: 0.8}\n",
        "utf-8",
    )
    result: Result = cli("assess", "-c", criteria, "--format", "json", region)
    explained = json.loads(result.out)["results"][0]["explanation"]
    assert explained["next_level"] == {
        "id": "mandiri",
        "label": "Mandiri",
        "above": 81.55,
        "points_needed": 1.55,
    }
    html = cli("assess", "-c", criteria, "--format", "html", region).out
    assert "Next level: <strong>Mandiri</strong> (&gt; 81.55):" in html

"""`smartcity_score.api`: the same results as the command line, as flat records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from smartcity_score import api
from smartcity_score.problems import UsageError
from tests.conftest import EXAMPLES, Result

APPLICANTS = EXAMPLES / "applicants-2022"


def test_rank_gives_the_command_lines_results_as_flat_records(
    cli: Callable[..., Result],
) -> None:
    ranking = api.rank(APPLICANTS)
    shown = json.loads(cli("rank", APPLICANTS, "-f", "json").out)
    assert len(ranking.records) == len(shown["results"]) == 88
    for record, entry in zip(ranking.records, shown["results"], strict=True):
        assert (record["rank"], record["region_id"], record["score"]) == (
            entry["rank"], entry["region"]["id"], entry["score"],
        )  # fmt: skip
        assert record["score_kepemimpinan"] == entry["scores"]["kepemimpinan"]
        assert record["selected"] is entry["selected"]
    # Flat: every value is a plain scalar, as a DataFrame column wants it.
    kinds = {type(v) for record in ranking.records for v in record.values()}
    assert kinds <= {str, int, float, bool, type(None)}
    assert ranking.criteria["id"] == "kominfo-readiness-2022"
    assert ranking.errors == []


def test_region_records_are_read_like_files_and_named_in_problems() -> None:
    good = yaml.safe_load((APPLICANTS / "kota-pariaman.yaml").read_text(encoding="utf-8"))
    bad = {"schema": "smartcity-score/region/v1", "region": {"id": "x", "name": "X"}}
    ranking = api.rank([good, bad])
    assert [r["region_id"] for r in ranking.records] == ["kota-pariaman"]
    assert ranking.records[0]["file"] == "record 1"
    assert ranking.records[0]["score"] == 88.38314
    assert {e["file"] for e in ranking.errors} == {"record 2"}
    assert ranking.errors[0]["message"] == "required indicator 'ipm' is not answered"


def test_assess_and_validate() -> None:
    cards = api.assess(APPLICANTS / "kota-pariaman.yaml", reviews=[EXAMPLES / "reviews-2022"])
    assert len(cards.records) == 1
    card = cards.records[0]
    assert (card["score"], card["self_score"], card["reviewers"]) == (87.028973, 88.38314, 3)
    assert card["rank"] is None
    assert api.validate(APPLICANTS) == []
    assert api.load_criteria("spbe-2020").criteria.id == "spbe-2020"


FORMS = EXAMPLES / "forms"


def test_import_exports_gives_region_records_and_writes_nothing(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where files would go if any were written
    imported = api.import_exports(FORMS / "kobo-export.csv")
    assert list(tmp_path.iterdir()) == []
    assert [r["region"]["id"] for r in imported.records] == [
        "kota-pariaman", "kota-bukittinggi", "kabupaten-tabanan", "kabupaten-aceh-tengah",
        "kabupaten-kulon-progo", "kota-gunungsitoli",
    ]  # fmt: skip
    assert imported.written[0] == {"file": None, "from": str(FORMS / "kobo-export.csv"), "row": 3}
    assert imported.skipped == [
        {
            "file": str(FORMS / "kobo-export.csv"),
            "row": 2,
            "reason": "_validation_status is validation_status_not_approved",
        }
    ]
    assert (imported.errors, imported.warnings) == ([], [])
    assert imported.criteria["id"] == "kominfo-readiness-2022"
    # Each record is what the command line writes into its region file ...
    assert cli("import", FORMS / "kobo-export.csv", "--into", tmp_path / "cli").code == 0
    for record in imported.records:
        path = tmp_path / "cli" / f"{record['region']['id']}.yaml"
        assert yaml.safe_load(path.read_text(encoding="utf-8")) == record
    # ... and ranks as the region files do.
    from_records = api.rank(imported.records).records
    from_files = api.rank(tmp_path / "cli").records
    assert [(r["region_id"], r["score"], r["rank"]) for r in from_records] == [
        (r["region_id"], r["score"], r["rank"]) for r in from_files
    ]


def test_import_exports_into_a_folder_writes_what_the_command_line_writes(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    export = FORMS / "odk-central.csv.zip"
    imported = api.import_exports([export], "kominfo-readiness-2022", into=tmp_path / "api")
    assert cli("import", export, "--into", tmp_path / "cli").code == 0
    written = sorted(p.name for p in (tmp_path / "api").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert len(written) == 6
    for name in written:
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert imported.written[0]["file"] == str(tmp_path / "api" / "kota-gunungsitoli.yaml")
    # Again: every file exists now, and is never overwritten without force.
    again = api.import_exports(export, into=tmp_path / "api")
    assert again.records == [] and len(again.errors) == 6
    assert again.errors[0]["rule"] == "file-exists"
    assert len(api.import_exports(export, into=tmp_path / "api", force=True).records) == 6


def test_import_exports_reports_bad_cells_as_dicts_and_keeps_the_good(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "region_id,region_name,komitmen_kepala_daerah,ipm,kemampuan_keuangan_daerah\n"
        "kota-a,Kota A,ya,71.5,30\n"
        "kota-b,Kota B,maybe,71.5,30\n",
        encoding="utf-8",
    )
    imported = api.import_exports(export)
    assert [r["region"]["id"] for r in imported.records] == ["kota-a"]
    assert imported.records[0]["answers"]["ipm"] == 71.5
    assert imported.errors == [
        {
            "file": str(export),
            "line": 3,
            "column": 3,
            "message": "column 'komitmen_kepala_daerah': 'maybe' is not yes or no "
            "(nor ya/tidak, true/false, 1/0)",
            "rule": "invalid-cell",
        }
    ]
    assert [w["rule"] for w in imported.warnings] == ["unanswered-column"]
    with pytest.raises(UsageError, match="is not a folder"):
        api.import_exports(export, into=export)

"""The 88 example applicants in four export layouts import back and rank as the YAML
originals do, to the byte (SPEC §7; fixtures by tools/make_forms.py, see their README)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, EXAMPLES, Result

Cli = Callable[..., Result]
FIXTURES = DATA / "forms-88"
APPLICANTS = EXAMPLES / "applicants-2022"


def _rank(cli: Cli, folder: Path) -> str:
    """`rank --format json` of a folder, its path (in each result's `file`) made `FOLDER`."""
    result = cli("rank", folder, "-f", "json")
    assert result.code == 0, result.err
    assert result.err.endswith("88 file(s): 88 ranked, 0 invalid, 50 selected\n")
    return result.out.replace(str(folder), "FOLDER")


_ORIGINALS: list[str] = []  # the originals' ranking, once per test process


def _original_ranking(cli: Cli) -> str:
    if not _ORIGINALS:
        _ORIGINALS.append(_rank(cli, APPLICANTS))
    return _ORIGINALS[0]


@pytest.mark.parametrize("export", ["kobo.csv", "kobo.xlsx", "odk-central.csv", "google-forms.csv"])
def test_the_88_applicants_import_and_rank_byte_for_byte_as_the_originals(
    cli: Cli, tmp_path: Path, export: str
) -> None:
    imported = tmp_path / "imported"
    result = cli("import", FIXTURES / export, "--into", imported)
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "1 export(s) read: 88 region file(s) written, 0 submission(s) with problems, 0 skipped\n"
    )
    assert sorted(p.name for p in imported.iterdir()) == sorted(
        p.name for p in APPLICANTS.glob("*.yaml")
    )
    # Region ids are the original file names, so only the folder differs: the same
    # details, answers, scores, ranks, selections and warnings, byte for byte.
    assert _rank(cli, imported) == _original_ranking(cli)


def test_the_odk_central_fixture_splits_select_multiples_as_central_does() -> None:
    """Central's per-value columns: only values some submission chose, sorted, after the
    question's own column; `0` in them also where the question is unanswered."""
    with (FIXTURES / "odk-central.csv").open(encoding="utf-8", newline="") as stream:
        names, *rows = csv.reader(stream)
    assert names[:3] == ["SubmissionDate", "region_id", "region_name"]
    assert names[-11:] == [
        "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
        "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
    ]  # fmt: skip
    funding = "struktur-anggaran-sumber_pendanaan_smart_city"
    at = names.index(funding)
    assert names[at + 1 : at + 7] == [
        f"{funding}/{value}"
        for value in ("_none", "apbd", "apbn_dak", "csr", "hibah_donor", "kpbu")
    ]
    assert len(rows) == 88
    assert rows[0][:2] == ["2022-05-30T08:15:00.000Z", "kota-tual"]  # newest first
    bulungan = next(row for row in rows if row[1] == "kabupaten-bulungan")
    assert bulungan[at : at + 7] == ["", "0", "0", "0", "0", "0", "0"]  # unanswered

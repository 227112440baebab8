"""`import` and review-file problems in Indonesian with `--lang id` (issue 15 point 7): the
same rules at the same places, the message worded from `message_catalogue_forms`; English
stays as `test_import` and `test_reviews` pin it."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity_score.form_files import _Limited, _os_reason, grouped
from smartcity_score.forms_values import BadCell, read_answer
from smartcity_score.messages import Message
from tests.conftest import Result
from tests.test_import import BAD, GOOD, LOADED, SMALL, _import, _kobo, _workbook
from tests.test_reviews import CRITERIA, REGION, A, review

Cli = Callable[..., Result]
Write = Callable[[str, str], Path]


def _where(output: str) -> list[str]:
    return re.findall(r"^(\S+:\d+:\d+): \S+ .* \[(\S+)\]$", output, re.MULTILINE)


def test_every_bad_cell_is_worded_in_indonesian(cli: Cli, tmp_path: Path) -> None:
    more = "a;b;kota-tiga;Kota Tiga;;;;;;;;zz;;;;;9;-1;3;uuid:ccc;2022-03-02;;3"
    indonesian = _import(cli, tmp_path, "kobo.csv", _kobo(GOOD, BAD, more), "--lang", "id")
    export = str(tmp_path / "kobo.csv")
    assert indonesian.code == 1
    assert indonesian.out.replace(export, "kobo.csv") == (
        "kobo.csv:3:3: error kolom 'region_id': id daerah 'Kota Dua' harus diawali huruf kecil "
        "atau angka dan hanya berisi a-z, 0-9, '_' dan '-' [invalid-cell]\n"
        "kobo.csv:3:4: error nama daerah ('region_name') kosong [required-answer]\n"
        "kobo.csv:3:9: error kolom 'tata/perda': 'maybe' bukan ya atau tidak (juga bukan "
        "yes/no, true/false, 1/0) [invalid-cell]\n"
        "kobo.csv:3:11: error kolom 'tata/status': 'status' tidak memiliki opsi 'jalan terus' "
        "(maksud Anda 'jalan'?); seharusnya salah satu dari belum, uji, jalan [invalid-cell]\n"
        "kobo.csv:3:12: error kolom 'layanan/_4g/kanal': 'kanal' memuat '_none' (tidak satu "
        "pun) bersama opsi lain [invalid-cell]\n"
        "kobo.csv:3:17: error kolom 'layanan/_4g/tingkat': 'tingkat' harus berupa bilangan "
        "bulat dari 1 sampai 5, ditemukan 4.5 [invalid-cell]\n"
        "kobo.csv:3:18: error kolom 'layanan/_4g/cakupan': 'cakupan' harus berupa angka, "
        "ditemukan '1.234,5' [invalid-cell]\n"
        "kobo.csv:3:21: error kolom '_submission_time': 'kemarin' bukan waktu (ISO 8601 atau "
        "M/D/YYYY H:MM:SS) [invalid-cell]\n"
        "kobo.csv:4:9: error indikator wajib 'perda' belum dijawab [required-answer]\n"
        "kobo.csv:4:12: error kolom 'layanan/_4g/kanal': 'kanal' tidak memiliki opsi 'zz'; "
        "seharusnya salah satu dari web, app, wa [invalid-cell]\n"
        "kobo.csv:4:17: error kolom 'layanan/_4g/tingkat': 'tingkat' harus dari 1 sampai 5, "
        "ditemukan 9 [invalid-cell]\n"
        "kobo.csv:4:18: error kolom 'layanan/_4g/cakupan': 'cakupan' harus paling sedikit 0, "
        "ditemukan -1 [invalid-cell]\n"
    )
    (tmp_path / "out" / "kota-satu.yaml").unlink()
    english = _import(cli, tmp_path, "kobo.csv", _kobo(GOOD, BAD, more))
    assert _where(indonesian.out) == _where(english.out) and len(_where(english.out)) == 12
    assert "kolom" not in english.out and "column 'tata/perda': 'maybe'" in english.out


def test_the_header_s_problems_are_worded_in_indonesian(cli: Cli, tmp_path: Path) -> None:
    criteria = tmp_path / "c.yaml"
    criteria.write_text(
        SMALL.read_text().replace("id: tingkat", "id: tata-perda").replace("id: status", "id: x")
    )
    (tmp_path / "e.csv").write_text("region_id,region_name,tata-perda,region_name\nkota-a,A,1,A\n")
    args = ("import", tmp_path / "e.csv", "--into", tmp_path / "out", "-c", criteria)
    result = cli(*args, "--lang", "id")
    assert (result.code, result.out.replace(str(tmp_path / "e.csv"), "e.csv")) == (
        1,
        "e.csv:1:1: warning tidak ada kolom yang menjawab 5 indikator dari kriteria: perda, x, "
        "kanal, tata-perda, cakupan; indikator tersebut tidak terjawab di setiap berkas daerah "
        "(apakah -c kriteria formulir ini?) [unanswered-column]\n"
        "e.csv:1:3: error judul kolom 'tata-perda' cocok dengan dua pertanyaan: pertanyaan "
        "'perda' dan pertanyaan 'tata-perda'; ganti nama kolom ini [ambiguous-header]\n"
        "e.csv:1:4: error judul kolom 'region_name' adalah pertanyaan 'region_name' lagi, sama "
        "dengan kolom 2; pertahankan salah satu dari kedua kolom itu [repeated-header]\n",
    )
    assert (
        cli(*args)
        .out.splitlines()[-1]
        .endswith(
            "error header 'region_name' is the question 'region_name' again, as column 2; keep "
            "one of the two columns [repeated-header]"
        )
    )


def test_an_unreadable_export_is_worded_in_indonesian(cli: Cli, tmp_path: Path) -> None:
    files = {
        "a.csv": b"",
        "b.xlsx": b"not a zip",
        "c.zip": b"PK\x05\x06" + b"\0" * 18,
        "d.csv": b"a,b\n1,2\n",
        "e.csv": _kobo(GOOD.replace("Kota Satu", "Bañuelos")).encode("cp1252"),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    paths = [tmp_path / name for name in files]
    result = cli("import", *paths, "--into", tmp_path / "out", "-c", SMALL, "--lang", "id")
    lines = [line for line in result.out.splitlines() if "[unanswered-column]" not in line]
    assert [line.replace(f"{tmp_path}/", "") for line in lines] == [
        "a.csv:1:1: error berkas tidak memiliki baris judul kolom [empty-export]",
        "b.xlsx:1:1: error bukan arsip zip: File is not a zip file [unreadable]",
        "c.zip:1:1: error arsip tidak memuat berkas .csv di tingkat teratas [empty-export]",
        "d.csv:1:1: error tidak ada kolom yang memuat id daerah (pertanyaan 'region_id'); "
        "apakah ini hasil ekspor formulir tersebut? [missing-column]",
        "e.csv:1:1: warning berkas bukan UTF-8; berkas dibaca sebagai Windows-1252 (simpan "
        "sebagai UTF-8) [encoding]",
    ]


def test_a_workbook_s_cells_are_worded_in_indonesian_with_its_thousands_marked(
    cli: Cli, tmp_path: Path
) -> None:
    rows = [
        ["region_id", "region_name", "tata/perda", "layanan/_4g/cakupan", "tata/status"],
        ["kota-b", "HUGE", "ya", datetime(2022, 1, 5), '=HYPERLINK("x")'],
    ]
    book = _workbook(rows)
    result = _import(cli, tmp_path, "kobo.xlsx", book, "--lang", "id", "-f", "json")
    errors = [(e["column"], e["message"]) for e in json.loads(result.out)["errors"]]
    assert errors == [
        (2, "kolom 'region_name': sel berisi 1.048.576 karakter (paling banyak 32.767)"),
        (
            4,
            "kolom 'layanan/_4g/cakupan': 'cakupan' harus berupa angka, ditemukan tanggal "
            "2022-01-05T00:00:00",
        ),
        (
            5,
            "kolom 'tata/status': sebuah rumus (alat ini tidak pernah menghitung rumus); "
            "tempelkan nilainya sebagai gantinya",
        ),
    ]


def test_review_file_problems_are_worded_in_indonesian(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    write("reviews/r0.yaml", review("kota-z", "p", cover=10))
    write("reviews/r1.yaml", review("kota-a", "p", cover=10))
    write("reviews/r2.yaml", review("kota-a", "p", cover=20))
    write("reviews/r3.yaml", review("Kota A", "assessor-id", cover=20) + "criteria: lain\n")
    write("reviews/r4.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    result = cli(
        "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml",
        "--reviews", tmp_path / "reviews", "-f", "json", "--lang", "id",
    )  # fmt: skip
    folder = f"{tmp_path}/reviews/"
    errors = [
        (e["file"].replace(folder, ""), e["line"], e["message"].replace(folder, ""))
        for e in json.loads(result.out)["errors"]
    ]
    assert errors == [
        ("r0.yaml", 2, "tinjauan atas daerah 'kota-z', yang bukan daerah valid dalam proses ini"),
        (
            "r1.yaml", 2,
            "asesor 'p' juga meninjau daerah 'kota-a' di r2.yaml; setiap berkas dari tinjauan "
            "yang berulang ditolak",
        ),
        (
            "r2.yaml", 2,
            "asesor 'p' juga meninjau daerah 'kota-a' di r1.yaml; setiap berkas dari tinjauan "
            "yang berulang ditolak",
        ),
        (
            "r3.yaml", 2,
            "region 'Kota A' harus diawali huruf kecil atau angka dan hanya berisi a-z, 0-9, "
            "'_' dan '-'",
        ),
        ("r3.yaml", 3, "assessor masih berisi contoh isian templat 'assessor-id': isilah"),
        (
            "r3.yaml", 6,
            "tinjauan ini untuk kriteria 'lain', tetapi kriteria yang digunakan adalah 'mini'",
        ),
        (
            "r4.yaml", 1,
            "ini berkas daerah, bukan berkas tinjauan; berikan sebagai PATH, bukan dengan "
            "--reviews",
        ),
    ]  # fmt: skip


@given(st.integers(min_value=0, max_value=10**15))
def test_a_count_marks_its_thousands_in_each_language(number: int) -> None:
    shown = grouped(number)
    english = shown.render("en") if isinstance(shown, Message) else shown
    indonesian = shown.render("id") if isinstance(shown, Message) else shown
    assert english == f"{number:,}"
    assert indonesian == f"{number:,}".replace(",", ".")


CELLS = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.none(),
)


@given(st.sampled_from(sorted(LOADED.scorer.indicators)), CELLS)
def test_a_bad_cell_says_why_in_both_languages(indicator: str, cell: object) -> None:
    """Whatever a cell holds, it is an answer or a `BadCell` whose reason words itself in
    each language, English being what the problem keeps."""
    try:
        read_answer(LOADED.scorer.indicators[indicator], cell)  # type: ignore[arg-type]
    except BadCell as bad:
        assert str(bad) == bad.reason.render("en") == bad.reason.render(None)
        assert bad.reason.render("id").strip()


def test_a_path_or_archive_that_is_no_export_is_worded_in_indonesian(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smartcity_score.form_files.MAX_UNPACKED", 1000)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("small.csv", b"region_id,region_name\n" + b"a,b\n" * 1000)
    (tmp_path / "bomb.zip").write_bytes(archive.getvalue())
    (tmp_path / "folder.csv").mkdir()
    paths = (tmp_path / "bomb.zip", tmp_path / "folder.csv")
    result = cli("import", *paths, "--into", tmp_path / "out", "-c", SMALL, "--lang", "id")
    assert result.out.replace(f"{tmp_path}/", "") == (
        "bomb.zip:1:1: error arsip akan terurai menjadi 4.022 bita (paling banyak 1.000) "
        "[file-too-large]\n"
        "folder.csv:1:1: error bukan berkas biasa (sebuah folder, pipa, atau perangkat) "
        "[unreadable]\n"
    )


def test_a_member_past_its_cap_says_so_in_both_languages() -> None:
    stream = io.BufferedReader(_Limited(io.BytesIO(b"x" * 2000), 1000))
    with pytest.raises(OSError, match="unpacks to more than") as raised:
        stream.read()
    reason = _os_reason(raised.value)
    assert str(reason) == "the member unpacks to more than 1,073,741,824 bytes"
    assert reason.render("id") == "anggota arsip terurai menjadi lebih dari 1.073.741.824 bita"


def test_a_row_the_csv_reader_refuses_is_worded_in_indonesian(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("smartcity_score.form_files._CSV_FIELD_LIMIT", 40)
    content = "region_id,region_name,perda\nkota-a,A,1\nkota-b," + "B" * 50 + ",1\n"
    limit = csv.field_size_limit()
    try:
        result = _import(cli, tmp_path, "long.csv", content, "--lang", "id")
    finally:
        csv.field_size_limit(limit)
    assert result.out.splitlines()[1:] == [
        f"{tmp_path / 'long.csv'}:3:1: error baris ini tidak dapat dibaca sebagai CSV: field "
        "larger than field limit (40) [unreadable]"
    ]


def test_import_s_github_lines_are_worded_in_indonesian(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("region_id,region_name,perda\nkota-a,A,mungkin\n")
    args = ("import", tmp_path / "e.csv", "--into", tmp_path / "out", "-c", SMALL)
    lines = cli(*args, "-f", "github", "--lang", "id").out.splitlines()
    assert lines[-1] == (
        f"::error file={tmp_path / 'e.csv'},line=2,col=3::kolom 'perda': 'mungkin' bukan ya "
        "atau tidak (juga bukan yes/no, true/false, 1/0) [invalid-cell]"
    )

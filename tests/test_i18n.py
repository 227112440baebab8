"""Labels in English and Indonesian: every human output of `--lang id` is Indonesian throughout."""

from __future__ import annotations

import re
import string
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from smartcity_score import i18n
from smartcity_score.i18n import keys, t
from smartcity_score.models import Aggregation, Criteria
from tests.conftest import CRITERIA, EXAMPLES, Result

APPLICANTS = EXAMPLES / "applicants-2022"
SET = "kominfo-readiness-2022"
# An English fragment shorter than this is too likely to be a legitimate word of the data.
SHORTEST = 4


def _fields(label: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(label) if name is not None}


def _has_word(phrase: str, text: str) -> bool:
    """`phrase` as a whole word or phrase: ids such as smartcity-score hide their parts."""
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


@cache
def english_fragments() -> tuple[str, ...]:
    """The English text of every label, split at its `{fields}`, that Indonesian does not use."""
    indonesian = [re.sub(r"\{[^}]*\}", " ", t(key, "id")) for key in keys()]
    found = set()
    for key in keys():
        for part in re.split(r"\{[^}]*\}", t(key, "en")):
            fragment = part.strip(" ,.;:()")
            if len(fragment) < SHORTEST or any(_has_word(fragment, id_) for id_ in indonesian):
                continue
            found.add(fragment)
    return tuple(sorted(found, key=lambda f: (-len(f), f)))


def leaks(output: str) -> list[str]:
    # Whitespace as one space: a paragraph wrapped by a table still shows its phrases.
    labels = " ".join(output.split())
    return [fragment for fragment in english_fragments() if _has_word(fragment, labels)]


def test_every_label_has_english_and_indonesian() -> None:
    assert i18n.LANGUAGES == ("en", "id")
    for key in keys():
        english, indonesian = t(key, "en"), t(key, "id")
        assert english.strip() and indonesian.strip(), key
        assert english == english.strip() and indonesian == indonesian.strip(), key
        assert _fields(english) == _fields(indonesian), key


def test_labels_fall_back_to_english_and_fill_in_fields() -> None:
    assert t("rank", None) == t("rank", "en") == t("rank", "fr") == "Rank"
    assert t("rank", "id") == "Peringkat"
    assert t("seats", "id", count=50) == "50 kursi"
    assert t("summary_enters_many", "en", names="A and B") == "A and B enter"


def test_every_aggregation_and_missing_policy_has_a_label() -> None:
    policies = typing.get_args(Criteria.model_fields["missing"].annotation)
    for name in [*(f"aggregation_{a}" for a in typing.get_args(Aggregation)), "aggregation"]:
        assert name in keys()
    assert {f"missing_{p}" for p in policies} <= set(keys())


def test_the_leak_check_finds_english_labels() -> None:
    """The check below would catch a label that a renderer left in English."""
    assert "Median rank" in english_fragments()
    assert leaks("| Median rank | Rank |") == ["Median rank", "Rank", "rank"]
    assert leaks("Peringkat smartcity-score kota-rank Ranking_x") == []


@pytest.fixture
def new_criteria(tmp_path: Path) -> Path:
    """The bundled set with the first dimension's weight raised: some seats change hands."""
    source = (CRITERIA / f"{SET}.yaml").read_text(encoding="utf-8")
    changed = source.replace("\n    weight: 20\n", "\n    weight: 35\n", 1)
    assert changed != source
    path = tmp_path / "new.yaml"
    path.write_text(changed, encoding="utf-8")
    return path


ASSESS = [APPLICANTS / "kota-kupang.yaml", APPLICANTS / "kabupaten-bangli.yaml"]
RUN = ("--workers", "1")
CASES: dict[str, tuple[list[str | Path], list[str]]] = {
    "assess-table": (
        ["assess", *ASSESS, "-c", SET],
        ["Kartu skor: Kota Kupang", "Syarat kelayakan", "tidak memenuhi syarat", "GAGAL"],
    ),
    "assess-markdown": (
        ["assess", *ASSESS, "-c", SET, "-f", "markdown"],
        ["## Kartu skor: Kota Kupang", "| Indikator | Jawaban | Skor | Bobot | Poin | Hilang |"],
    ),
    "rank-table": (
        ["rank", APPLICANTS, "-c", SET, *RUN],
        [
            "Pemeringkatan: ",
            "Pendaftar: 88   Valid: 88   Tidak valid: 0   Memenuhi syarat: 83   Terpilih: 50",
        ],
    ),
    "rank-markdown": (
        ["rank", APPLICANTS, "-c", SET, "-f", "markdown", *RUN],
        ["## Pemeringkatan: ", "| Peringkat | Daerah | Provinsi | Jenis | Total | Tingkat |"],
    ),
    "sensitivity-table": (
        ["sensitivity", APPLICANTS, "-c", SET, "--samples", "20", *RUN],
        [
            "20 sampel, setiap bobot × faktor seragam [0.8, 1.2], benih acak 0; 50 kursi",
            "Sensitivitas hasil seleksi: ",
            "Median",
            "Peluang",
            "Di ambang batas: 11 daerah hanya terpilih pada sebagian sampel",
            "Satu dimensi dihilangkan",
        ],
    ),
    "sensitivity-markdown": (
        ["sensitivity", APPLICANTS, "-c", SET, "--samples", "20", "-f", "markdown", *RUN],
        [
            "## Sensitivitas hasil seleksi: ",
            "### Di ambang batas\n\n11 daerah terpilih pada sebagian pembobotan",
            "| Dimensi yang dihilangkan | Kursi yang berubah | Masuk | Keluar |",
            "| Peringkat | Daerah | Total | Terpilih | Median peringkat | Peringkat 5–95% "
            "| Peluang terpilih |",
            "| tidak memenuhi syarat |",
        ],
    ),
    "compare-table": (
        ["compare", SET, "NEW", APPLICANTS, *RUN],
        [
            "Perubahan kriteria: ",
            "Perbandingan kominfo-readiness-2022 2022.1 dengan",
            "+ masuk",
            "- keluar",
            "Skor per dimensi",
            "Perubahan peringkat (68), terbesar lebih dahulu",
        ],
    ),
    "compare-markdown": (
        ["compare", SET, "NEW", APPLICANTS, "-f", "markdown", *RUN],
        [
            "## Perubahan kriteria: siapa yang terpilih",
            "**Lama:** `kominfo-readiness-2022`",
            "| ➕ masuk | Kabupaten Subang | 37 → 31 | 62,21 → 66,55 |",
            "<summary>68 daerah berubah peringkat</summary>",
            "Porsi bobot dalam total berubah: kepemimpinan 20,0% → 30,4%",
            "| Diperingkat dengan keduanya | 88 |",
        ],
    ),
    "compare-github": (
        ["compare", SET, "NEW", APPLICANTS, "-f", "github", *RUN],
        [
            "::notice title=Masuk daftar terpilih::Kabupaten Subang (kabupaten-subang): "
            "peringkat 37 → 31, total 62,21 → 66,55: menurut kriteria lama: provinsi Jawa Barat "
            "sudah mendapat 4 kursi (kuota per-provinsi), salah satunya Kabupaten Majalengka "
            "(peringkat 35); pindah dari peringkat 37 ke 31\n",
            "::notice title=Keluar dari daftar terpilih::Kota Tarakan",
            "::notice title=Perbandingan kriteria::Perbandingan kominfo-readiness-2022 2022.1 "
            "dengan kominfo-readiness-2022 2022.1 pada 88 daerah",
        ],
    ),
    "criteria-show": (
        ["criteria", "show", SET],
        [
            "agregasi: aritmetika, jawaban kosong: dihitung nol\n",
            "- komitmen_kepala_daerah (bobot 2, wajib diisi): ya/tidak: true | false\n",
            "(bobot 1): skala, bilangan bulat dari 1 sampai 5 (1 = Didelegasikan sepenuhnya,",
            "(bobot 1): bilangan dari 0 sampai 100, dalam %\n",
            "syarat kesiapan-minimum: skor total ",
            "tingkat sangat_siap: ≥ 75 Sangat siap\n",
            "seleksi: 50 kursi\n  kuota per-provinsi: setiap province, maks. 4\n",
        ],
    ),
    "template": (
        ["template", "-c", SET],
        [
            "# Isi setiap jawaban; biarkan kosong (null) bila tidak dapat menjawab.\n",
            "  id: id-daerah        # huruf kecil, angka, '-' dan '_': mis. kota-pariaman\n",
            "surat komitmen keikutsertaan? WAJIB DIISI.\n",
            "  #   ya/tidak: true | false\n",
            "  #   pilihan, salah satu dari: tidak_disebut (Tidak disebut) | ",
            "  #   pilihan ganda, daftar berisi mana saja dari: ",
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_indonesian_output_has_no_english_label(
    case: str, cli: Callable[..., Result], new_criteria: Path
) -> None:
    args, expected = CASES[case]
    given = [new_criteria if arg == "NEW" else arg for arg in args]
    result = cli(*given, "--lang", "id")
    assert result.code == 0, result.err
    assert leaks(result.out) == []
    for line in expected:
        assert line in result.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["criteria", "list"], f"{SET:28} 2022.1      33 indikator   "),
        (["rank", APPLICANTS, "-c", SET], "88 berkas: 88 diperingkat, 0 tidak valid, 50 terpilih"),
        (
            ["sensitivity", APPLICANTS, "-c", SET, "--samples", "5"],
            "88 berkas: 88 diperingkat, 0 tidak valid; 10 daerah di ambang batas",
        ),
        (
            ["compare", SET, SET, APPLICANTS],
            "88 berkas: 0 tidak valid; 0 masuk, 0 keluar dari daftar terpilih",
        ),
    ],
)
def test_the_command_line_itself_speaks_indonesian(
    args: list[str | Path], expected: str, cli: Callable[..., Result]
) -> None:
    result = cli(*args, *(RUN if args[0] != "criteria" else ()), "--lang", "id")
    assert result.code == 0, result.err
    assert leaks(result.out + result.err) == []
    assert expected in result.out + result.err

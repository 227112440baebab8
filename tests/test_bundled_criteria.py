"""The bundled criteria sets reproduce the published indices they are modelled on (DOMAIN.md)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from smartcity_score.criteria_sets import bundled, load
from smartcity_score.engine import level_of
from tests.conftest import EXAMPLES, Result


def total_of(criteria_id: str, answers: dict[str, object]) -> tuple[float, str | None]:
    loaded = load(criteria_id)
    scores = loaded.scorer.score(answers)
    level = level_of(loaded.criteria.levels, scores.total)
    return scores.total, level.id if level else None


@pytest.mark.parametrize(
    ("region", "total", "published"),
    [
        # (10*3.84 + 20*3.18 + 30*3.53 + 20*3.63 + 20*3.35) / 100 = 3.475 → 3.48; total = 20 * 3.475
        ("kota-jambi-2024", 69.5, "3.48"),
        # (10*3.60 + 20*3.21 + 30*3.23 + 20*3.07 + 20*3.65) / 100 = 3.315 → 3.31; total = 20 * 3.315
        ("kota-kediri-2022", 66.3, "3.31"),
    ],
)
def test_evaluation_index_reproduces_published_marks(
    cli: Callable[..., Result], region: str, total: float, published: str
) -> None:
    path = EXAMPLES / "kominfo-evaluation-index" / f"{region}.yaml"
    result = cli("assess", path, "-c", "kominfo-evaluation-index", "-f", "json")
    assert result.code == 0
    score = json.loads(result.out)["results"][0]["score"]
    assert score == total
    assert f"{score / 20:.2f}" == published


SPBE_DOMAINS = {
    # domain: its indicators, in file order
    "kebijakan_internal": [
        "kebijakan_arsitektur_spbe",
        "kebijakan_manajemen_data",
        "kebijakan_keamanan_informasi",
    ],
    "tata_kelola": [
        "tim_koordinasi_spbe",
        "arsitektur_spbe",
        "peta_rencana_spbe",
        "layanan_pusat_data",
    ],
    "manajemen": [
        "manajemen_risiko_spbe",
        "manajemen_keamanan_informasi",
        "manajemen_data",
        "audit_infrastruktur_spbe",
    ],
    "administrasi_pemerintahan": [
        "layanan_perencanaan",
        "layanan_keuangan",
        "layanan_pengadaan",
        "layanan_kepegawaian",
        "layanan_kearsipan",
    ],
    "layanan_publik": ["layanan_pengaduan_publik", "layanan_data_terbuka", "layanan_jdih"],
}


def spread(sums: tuple[int, ...], groups: dict[str, list[str]]) -> dict[str, object]:
    """Levels spread over each group's indicators so that the group adds up to its sum."""
    answers: dict[str, object] = {}
    for total, ids in zip(sums, groups.values(), strict=True):
        base, extra = divmod(total, len(ids))
        for i, indicator in enumerate(ids):
            answers[indicator] = base + (1 if i < extra else 0)
    return answers


@pytest.mark.parametrize(
    ("sums", "index", "predicate"),
    [
        # index = (13*s1/3 + 25*s2/4 + 16.5*s3/4 + 27.5*s4/5 + 18*s5/3) / 100
        ((3, 20, 16, 24, 14), 4.2, "memuaskan"),  # (13 + 125 + 66 + 132 + 84) / 100
        ((3, 20, 16, 24, 13), 4.14, "sangat_baik"),  # (13 + 125 + 66 + 132 + 78) / 100
        ((3, 8, 20, 23, 13), 3.5, "sangat_baik"),  # (13 + 50 + 82.5 + 126.5 + 78) / 100
        ((3, 8, 20, 22, 13), 3.445, "baik"),  # (13 + 50 + 82.5 + 121 + 78) / 100
        ((3, 4, 4, 21, 15), 2.6, "baik"),  # (13 + 25 + 16.5 + 115.5 + 90) / 100
        ((3, 4, 4, 21, 14), 2.54, "cukup"),  # (13 + 25 + 16.5 + 115.5 + 84) / 100
        ((3, 4, 4, 13, 9), 1.8, "cukup"),  # (13 + 25 + 16.5 + 71.5 + 54) / 100
        ((3, 4, 4, 12, 9), 1.745, "kurang"),  # (13 + 25 + 16.5 + 66 + 54) / 100
    ],
)
def test_spbe_predicates_at_each_boundary(
    sums: tuple[int, int, int, int, int], index: float, predicate: str
) -> None:
    total, level = total_of("spbe-2020", spread(sums, SPBE_DOMAINS))
    # On 0–100, level 1 is 0 and level 5 is 100: total = (index - 1) / 4 * 100.
    assert total == pytest.approx((index - 1) * 25, abs=1e-9)
    assert level == predicate


IDM = {
    "iks": ["akses_kesehatan", "akses_pendidikan", "modal_sosial", "air_bersih_sanitasi"],
    "ike": [
        "keragaman_produksi",
        "akses_pasar",
        "akses_logistik",
        "lembaga_keuangan",
        "keterbukaan_wilayah",
    ],
    "ikl": ["kualitas_lingkungan", "keamanan_dari_bencana", "tanggap_bencana"],
}


@pytest.mark.parametrize(
    ("sums", "idm", "status"),
    [
        # IDM = (IKS/20 + IKE/25 + IKL/15) / 3: the closest values on each side of each cut
        ((14, 22, 13), (14 / 20 + 22 / 25 + 13 / 15) / 3, "mandiri"),  # 0.81556 ≥ 0.815
        ((19, 24, 8), (19 / 20 + 24 / 25 + 8 / 15) / 3, "maju"),  # 0.81444 < 0.815
        ((7, 21, 14), (7 / 20 + 21 / 25 + 14 / 15) / 3, "maju"),  # 0.70778 ≥ 0.707
        ((20, 23, 3), (20 / 20 + 23 / 25 + 3 / 15) / 3, "berkembang"),  # 0.70667 < 0.707
        ((0, 20, 15), (0 / 20 + 20 / 25 + 15 / 15) / 3, "berkembang"),  # 0.6 ≥ 0.599
        ((17, 22, 1), (17 / 20 + 22 / 25 + 1 / 15) / 3, "tertinggal"),  # 0.59889 < 0.599
        ((2, 11, 14), (2 / 20 + 11 / 25 + 14 / 15) / 3, "tertinggal"),  # 0.49111 ≥ 0.491
        ((19, 13, 0), (19 / 20 + 13 / 25 + 0 / 15) / 3, "sangat_tertinggal"),  # 0.49 < 0.491
    ],
)
def test_idm_status_at_each_boundary(sums: tuple[int, int, int], idm: float, status: str) -> None:
    total, level = total_of("idm-village", spread(sums, IDM))
    assert total == pytest.approx(100 * idm, abs=1e-9)
    assert level == status


EXAMPLE_FOLDERS = {"kominfo-readiness-2022": "applicants-2022"}


@pytest.mark.parametrize("criteria_id", sorted(bundled()))
def test_every_bundled_set_passes_check_strict_with_its_examples(
    cli: Callable[..., Result], criteria_id: str
) -> None:
    folder = EXAMPLES / EXAMPLE_FOLDERS.get(criteria_id, criteria_id)
    assert len(list(folder.glob("*.yaml"))) >= 4
    result = cli("check", "--strict", bundled()[criteria_id], "--examples", folder)
    assert result.code == 0, result.out
    assert result.out == ""


def test_the_main_job_ranks_88_and_selects_50(cli: Callable[..., Result]) -> None:
    result = cli("rank", EXAMPLES / "applicants-2022", "-f", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert len(data["results"]) == 88
    assert sum(r["selected"] for r in data["results"]) == 50
    assert data["errors"] == []
    ranks = [r["rank"] for r in data["results"]]
    assert len(set(ranks)) < len(ranks)  # the examples hold at least one exact tie
    assert sum(not r["eligible"] for r in data["results"]) == 5

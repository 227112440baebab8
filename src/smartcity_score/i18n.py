"""The tool's own labels in English and Indonesian (criteria texts come from the files)."""

from __future__ import annotations

LANGUAGES = ("en", "id")

_LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Indonesian)
    "rank": ("Rank", "Peringkat"),
    "region": ("Region", "Daerah"),
    "province": ("Province", "Provinsi"),
    "kind": ("Kind", "Jenis"),
    "total": ("Total", "Total"),
    "level": ("Level", "Tingkat"),
    "eligible": ("Eligible", "Memenuhi syarat"),
    "selected": ("Selected", "Terpilih"),
    "selected_by": ("Selected by", "Dasar pemilihan"),
    "yes": ("yes", "ya"),
    "no": ("no", "tidak"),
    "merit": ("merit", "prestasi"),
    "quota": ("quota", "kuota"),
    "group_rank": ("Rank in group", "Peringkat dalam kelompok"),
    "cut": ("selection cut", "batas seleksi"),
    "invalid_files": ("Invalid files", "Berkas tidak valid"),
    "warnings": ("Warnings", "Peringatan"),
    "ranking_title": ("Ranking", "Pemeringkatan"),
    "criteria": ("Criteria", "Kriteria"),
    "applicants": ("Applicants", "Pendaftar"),
    "valid": ("Valid", "Valid"),
    "invalid": ("Invalid", "Tidak valid"),
    "score_card": ("Score card", "Kartu skor"),
    "gates": ("Eligibility gates", "Syarat kelayakan"),
    "passed": ("passed", "lulus"),
    "failed": ("FAILED", "GAGAL"),
    "dimension": ("Dimension", "Dimensi"),
    "indicator": ("Indicator", "Indikator"),
    "answer": ("Answer", "Jawaban"),
    "score": ("Score", "Skor"),
    "weight": ("Weight", "Bobot"),
    "points": ("Points", "Poin"),
    "lost": ("Lost", "Hilang"),
    "gains": ("Biggest gains available", "Peningkatan terbesar yang tersedia"),
    "change": ("Change", "Perubahan"),
    "gain": ("Gain", "Tambahan"),
    "missing_answers": ("Missing answers", "Jawaban kosong"),
    "next_level": ("Next level", "Tingkat berikutnya"),
    "points_needed": ("points needed", "poin dibutuhkan"),
    "top_level": ("highest level reached", "tingkat tertinggi tercapai"),
    "none": ("none", "tidak ada"),
    "not_eligible": ("not eligible", "tidak memenuhi syarat"),
    "file": ("File", "Berkas"),
    "line": ("Line", "Baris"),
    "column": ("Column", "Kolom"),
    "message": ("Message", "Pesan"),
    "median_selected": ("Median of selected", "Median terpilih"),
    "evidence": ("Evidence", "Bukti"),
    "summary": ("Summary", "Ringkasan"),
    "generated": ("Generated", "Dibuat"),
    "chart_totals": ("Total score by region", "Skor total per daerah"),
    "chart_dimensions": ("Dimension scores", "Skor dimensi"),
    "sensitivity": ("Sensitivity", "Sensitivitas"),
}


def t(key: str, lang: str | None) -> str:
    """The label `key` in `lang` (English unless `lang` is 'id')."""
    english, indonesian = _LABELS[key]
    return indonesian if lang == "id" else english


def keys() -> list[str]:
    return list(_LABELS)

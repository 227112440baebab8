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
    "version": ("Version", "Versi"),
    "not_selected": ("Eligible, not selected", "Memenuhi syarat, tidak terpilih"),
    "ineligible": ("Not eligible", "Tidak memenuhi syarat"),
    "rank_axis": ("Regions in rank order", "Daerah menurut peringkat"),
    "sort_hint": ("Click a column heading to sort.", "Klik judul kolom untuk mengurutkan."),
    "failed_gates": ("Failed gates", "Syarat yang tidak terpenuhi"),
    "this_region": ("This region", "Daerah ini"),
    "median_assessed": (
        "Median of regions assessed together",
        "Median daerah yang dinilai bersama",
    ),
    "median": ("Median", "Median"),
    "code": ("Code", "Kode"),
    "all_answered": ("Every question is answered.", "Semua pertanyaan dijawab."),
    "no_gains": (
        "No single answer would raise the total.",
        "Tidak ada satu jawaban pun yang menaikkan total.",
    ),
    "breakdown": ("Scores by indicator", "Skor per indikator"),
    "produced_by": ("Produced by", "Dibuat dengan"),
    "answer_word": ("answer", "jawaban"),
    "score_word": ("score", "skor"),
    "missing_value": ("missing", "kosong"),
    "and": ("and", "dan"),
    "one_of": ("one of", "salah satu dari"),
}


def t(key: str, lang: str | None) -> str:
    """The label `key` in `lang` (English unless `lang` is 'id')."""
    english, indonesian = _LABELS[key]
    return indonesian if lang == "id" else english


def keys() -> list[str]:
    return list(_LABELS)

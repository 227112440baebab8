"""The wordings of `import`'s header and cell problems and of review files, by key (see
`message_catalogue`, which merges them into `MESSAGES`).

Kept apart so that the catalogue of each part of the tool grows without the others'
edits meeting; keys start with `form_` or `review_`. The same conventions: "berkas" for a
file, "judul kolom" for a header, "sel" for a cell, "asesor" for an assessor, "tinjauan"
for a review; what is quoted from a file, and the command line's options, stay as written.
"""

from __future__ import annotations

MESSAGES_FORMS: dict[str, tuple[str, str]] = {
    # Why a row of an export is skipped (not a problem: the form tool says so).
    "form_skipped_state": ("{column} is {value}", "{column} bernilai {value}"),
    "form_skipped_older": (
        "an older submission of '{id}' than {where}",
        "kiriman '{id}' yang lebih lama daripada {where}",
    ),
    # key: (English, Indonesian)
    # Reading an export (`form_files`).
    "form_thousands": ("{high},{low}", "{high}.{low}"),
    "form_not_regular": (
        "not a regular file (a folder, pipe or device)",
        "bukan berkas biasa (sebuah folder, pipa, atau perangkat)",
    ),
    "form_member_too_large": (
        "the member unpacks to more than {limit} bytes",
        "anggota arsip terurai menjadi lebih dari {limit} bita",
    ),
    "form_not_utf8": (
        "the file is not UTF-8; it was read as Windows-1252 (save it as UTF-8)",
        "berkas bukan UTF-8; berkas dibaca sebagai Windows-1252 (simpan sebagai UTF-8)",
    ),
    "form_no_header": ("the file has no header row", "berkas tidak memiliki baris judul kolom"),
    "form_header_unreadable": (
        "cannot read the header row: {reason}",
        "baris judul kolom tidak dapat dibaca: {reason}",
    ),
    "form_row_not_csv": (
        "the row cannot be read as CSV: {reason}",
        "baris ini tidak dapat dibaca sebagai CSV: {reason}",
    ),
    "form_cell_too_long": (
        "a cell of {length} characters (at most {limit})",
        "sel berisi {length} karakter (paling banyak {limit})",
    ),
    "form_not_zip": ("not a zip archive: {reason}", "bukan arsip zip: {reason}"),
    "form_zip_too_large": (
        "the archive would unpack to {size} bytes (at most {limit})",
        "arsip akan terurai menjadi {size} bita (paling banyak {limit})",
    ),
    "form_zip_without_csv": (
        "the archive holds no top-level .csv file",
        "arsip tidak memuat berkas .csv di tingkat teratas",
    ),
    "form_zip_damaged": ("a damaged archive: {reason}", "arsip rusak: {reason}"),
    "form_workbook_unreadable": (
        "cannot read the workbook: {reason}",
        "buku kerja tidak dapat dibaca: {reason}",
    ),
    "form_sheet_unreadable": (
        "the sheet cannot be read on: {reason}",
        "sisa lembar kerja tidak dapat dibaca: {reason}",
    ),
    "form_formula": (
        "a formula (the tool never evaluates one); paste its value instead",
        "sebuah rumus (alat ini tidak pernah menghitung rumus); tempelkan nilainya sebagai "
        "gantinya",
    ),
    # A cell read as an answer (`forms_values`).
    "form_not_yes_no": (
        "'{value}' is not yes or no (nor ya/tidak, true/false, 1/0)",
        "'{value}' bukan ya atau tidak (juga bukan yes/no, true/false, 1/0)",
    ),
    "form_none_beside": (
        "'{name}' lists '{none}' (none of these) beside other options",
        "'{name}' memuat '{none}' (tidak satu pun) bersama opsi lain",
    ),
    "form_the_date": ("the date {date}", "tanggal {date}"),
    "form_scale_number": (
        "a whole number from {low} to {high}",
        "bilangan bulat dari {low} sampai {high}",
    ),
    "form_scale_or_label": (
        "a whole number from {low} to {high} or a level's label",
        "bilangan bulat dari {low} sampai {high} atau label salah satu nilai skala",
    ),
    "form_not_time": (
        "'{value}' is not a time (ISO 8601 or M/D/YYYY H:MM:SS)",
        "'{value}' bukan waktu (ISO 8601 atau M/D/YYYY H:MM:SS)",
    ),
    # A table's header and rows (`forms_import`).
    "form_target_option": ("option '{option}' of '{key}'", "opsi '{option}' dari '{key}'"),
    "form_target_question": ("question '{name}'", "pertanyaan '{name}'"),
    "form_target_evidence": ("evidence of '{key}'", "bukti dukung '{key}'"),
    "form_and": ("{first} and {then}", "{first} dan {then}"),
    "form_ambiguous_header": (
        "header '{header}' matches two questions: {both}; rename the column",
        "judul kolom '{header}' cocok dengan dua pertanyaan: {both}; ganti nama kolom ini",
    ),
    "form_repeated_header": (
        "header '{header}' is the {target} again, as column {column}; keep one of the two columns",
        "judul kolom '{header}' adalah {target} lagi, sama dengan kolom {column}; pertahankan "
        "salah satu dari kedua kolom itu",
    ),
    "form_no_region_column": (
        "no column holds the region id (question 'region_id'); is this an export of the form?",
        "tidak ada kolom yang memuat id daerah (pertanyaan 'region_id'); apakah ini hasil "
        "ekspor formulir tersebut?",
    ),
    "form_unanswered_columns": (
        "no column answers {count} indicator(s) of the criteria: {named}{more}; they are "
        "unanswered in every region file (is -c the criteria of this form?)",
        "tidak ada kolom yang menjawab {count} indikator dari kriteria: {named}{more}; "
        "indikator tersebut tidak terjawab di setiap berkas daerah (apakah -c kriteria "
        "formulir ini?)",
    ),
    "form_column": ("column '{header}': {reason}", "kolom '{header}': {reason}"),
    "form_option_columns": ("columns of '{key}': {reason}", "kolom-kolom '{key}': {reason}"),
    "form_not_ticked": (
        "'{value}' is not 1 or 0 (ticked or not)",
        "'{value}' bukan 1 atau 0 (dicentang atau tidak)",
    ),
    "form_region_id_empty": (
        "the region's id ('{question}') is empty",
        "id daerah ('{question}') kosong",
    ),
    "form_region_name_empty": (
        "the region's name ('{question}') is empty",
        "nama daerah ('{question}') kosong",
    ),
    # Review files (`reviews`).
    "review_is_criteria": (
        "this is a criteria file, not a review file; pass it with -c/--criteria",
        "ini berkas kriteria, bukan berkas tinjauan; berikan dengan -c/--criteria",
    ),
    "review_is_region": (
        "this is a region file, not a review file; pass it as a PATH, not with --reviews",
        "ini berkas daerah, bukan berkas tinjauan; berikan sebagai PATH, bukan dengan --reviews",
    ),
    "review_placeholder": (
        "assessor is still the template's placeholder '{value}': fill it in",
        "assessor masih berisi contoh isian templat '{value}': isilah",
    ),
    "review_invalid_id": (
        "{key} '{value}' must start with a lower-case letter or digit and hold only a-z, "
        "0-9, '_' and '-'",
        "{key} '{value}' harus diawali huruf kecil atau angka dan hanya berisi a-z, 0-9, "
        "'_' dan '-'",
    ),
    "review_criteria_mismatch": (
        "this review is for criteria '{named}', but the criteria in use is '{used}'",
        "tinjauan ini untuk kriteria '{named}', tetapi kriteria yang digunakan adalah '{used}'",
    ),
    "review_unknown_region": (
        "review of region '{id}', which is not a valid region of this run",
        "tinjauan atas daerah '{id}', yang bukan daerah valid dalam proses ini",
    ),
    "review_repeated": (
        "assessor '{assessor}' also reviewed region '{region}' in {others}; every file of a "
        "repeated review is rejected",
        "asesor '{assessor}' juga meninjau daerah '{region}' di {others}; setiap berkas dari "
        "tinjauan yang berulang ditolak",
    ),
}

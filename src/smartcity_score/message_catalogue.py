"""Every input-file message in English and Indonesian, by key (see `messages`).

Each wording is a `str.format` template (a literal brace doubled). Indonesian as in
government documents: formal, "berkas" for file, "kunci" for key. Words in
quotes, ids and numbers are the file's own and stay as written; so do YAML's words (`true`,
`false`, `null`) and the command line's options.
"""

from __future__ import annotations

from smartcity_score.message_catalogue_checks import MESSAGES_CHECKS
from smartcity_score.message_catalogue_forms import MESSAGES_FORMS

# The context entry by which a pydantic error raised by a model names its catalogue key.
MESSAGE_KEY = "message_key"

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (English, Indonesian)
    "verbatim": ("{words}", "{words}"),
    "long_number": ("{shown} ({count} digits)", "{shown} ({count} digit)"),
    "too_many": (
        "… and {omitted} more problems in this file",
        "… dan {omitted} masalah lain dalam berkas ini",
    ),
    # Reading a file, and walking folders (`loader`, `paths`, `batch`).
    "cannot_read_file": ("cannot read file: {reason}", "berkas tidak dapat dibaca: {reason}"),
    "cannot_read": ("cannot read: {reason}", "tidak dapat dibaca: {reason}"),
    "cannot_read_folder": ("cannot read folder: {reason}", "folder tidak dapat dibaca: {reason}"),
    "not_regular": ("not a regular file ({kind})", "bukan berkas biasa ({kind})"),
    "kind_fifo": ("a named pipe", "sebuah pipa bernama"),
    "kind_socket": ("a socket", "sebuah soket"),
    "kind_char_device": ("a character device", "sebuah perangkat karakter"),
    "kind_block_device": ("a block device", "sebuah perangkat blok"),
    "kind_folder": ("a folder", "sebuah folder"),
    "kind_other": ("not a plain file", "bukan berkas biasa"),
    "link_loop": ("symbolic link loop", "tautan simbolik yang berputar"),
    "broken_link": ("broken link to '{target}'", "tautan rusak ke '{target}'"),
    "no_such_path": ("no such file or folder", "berkas atau folder tidak ada"),
    "link_outside": (
        "link leads outside {root} (to {target}); not followed (use --follow-links to follow)",
        "tautan mengarah ke luar {root} (ke {target}); tidak diikuti (gunakan --follow-links "
        "untuk mengikutinya)",
    ),
    "link_back": (
        "link loop: leads back to {target}, which holds it; not followed",
        "tautan berputar: kembali ke {target}, yang memuatnya; tidak diikuti",
    ),
    "too_large": ("file is {size}; the limit is 1 MiB", "ukuran berkas {size}; batasnya 1 MiB"),
    "size_mib": ("{size} MiB", "{size} MiB"),
    "size_over": ("more than 1 MiB", "lebih dari 1 MiB"),
    "wide_encoding": (
        "file is {encoding} encoded; save it as UTF-8",
        "berkas berenkode {encoding}; simpan sebagai UTF-8",
    ),
    "not_utf8": (
        "file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8",
        "berkas bukan UTF-8 yang valid (bita 0x{byte}); simpan sebagai UTF-8",
    ),
    # YAML (`yaml_events`).
    "int_too_large": (
        "integer with {digits} digits is too large; at most {limit} digits are read",
        "bilangan bulat {digits} digit terlalu besar; paling banyak {limit} digit yang dibaca",
    ),
    "yaml_anchor": (
        "YAML anchors are not allowed (&{anchor}); write the value out",
        "anchor YAML tidak diperbolehkan (&{anchor}); tuliskan nilainya secara lengkap",
    ),
    "yaml_alias": (
        "YAML aliases are not allowed (*{anchor}); write the value out",
        "alias YAML tidak diperbolehkan (*{anchor}); tuliskan nilainya secara lengkap",
    ),
    "yaml_tag": ("YAML tags are not allowed ({tag})", "tag YAML tidak diperbolehkan ({tag})"),
    "duplicate_key": (
        "duplicate key '{key}' (first defined at line {line})",
        "kunci ganda '{key}' (pertama kali ditulis pada baris {line})",
    ),
    "too_deep": (
        "lists and mappings are nested more than {depth} levels deep",
        "daftar dan pemetaan bersarang lebih dari {depth} tingkat",
    ),
    "empty_key": (
        "an empty key is not a string but null; write the key",
        "kunci kosong bukan teks melainkan null; tuliskan kuncinya",
    ),
    "key_not_string": (
        "key '{key}' is not a string but {what}; put it in quotes to use it as text",
        "kunci '{key}' bukan teks melainkan {what}; beri tanda kutip agar dibaca sebagai teks",
    ),
    "an_integer_of": ("an integer of {digits} digits", "bilangan bulat {digits} digit"),
    "null": ("null", "null"),
    "a_boolean": ("a boolean", "nilai boolean"),
    "a_number": ("a number", "angka"),
    "complex_key": (
        "a mapping key must be a plain value, not a list or mapping",
        "kunci pemetaan harus berupa nilai sederhana, bukan daftar atau pemetaan",
    ),
    "multiple_documents": (
        "the file holds more than one YAML document; keep one",
        "berkas memuat lebih dari satu dokumen YAML; sisakan satu",
    ),
    "empty_file": (
        "file is empty; expected a mapping of keys to values",
        "berkas kosong; seharusnya berisi pemetaan kunci ke nilai",
    ),
    "not_a_mapping": (
        "the file must hold one mapping of keys to values at the top, found {found}",
        "berkas harus berisi satu pemetaan kunci ke nilai di tingkat teratas, ditemukan {found}",
    ),
    "nothing": ("nothing", "tidak ada apa pun"),
    "a_list": ("a list", "sebuah daftar"),
    "single_value": ("the single value {value}", "satu nilai saja, {value}"),
    "yaml_tab": (
        "YAML syntax error: a tab cannot indent YAML or start a value; use spaces",
        "kesalahan sintaks YAML: tab tidak dapat dipakai untuk indentasi atau mengawali nilai; "
        "gunakan spasi",
    ),
    "yaml_syntax": (
        "YAML syntax error: {problem}{context}",
        "kesalahan sintaks YAML: {problem}{context}",
    ),
    "yaml_character": (
        "the file contains a {what} that YAML does not allow; remove it",
        "berkas memuat {what} yang tidak diizinkan YAML; hapuslah",
    ),
    "in_parentheses": (" ({words})", " ({words})"),
    "pyyaml_invalid": ("invalid YAML", "YAML tidak valid"),
    "pyyaml_mapping_values": (
        "mapping values are not allowed here",
        "nilai pemetaan tidak diperbolehkan di sini",
    ),
    "pyyaml_mapping_values_here": (
        "mapping values are not allowed in this context",
        "nilai pemetaan tidak diperbolehkan dalam konteks ini",
    ),
    "pyyaml_expected_colon": ("could not find expected ':'", "tanda ':' yang diharapkan tidak ada"),
    "pyyaml_bad_token": (
        "found character that cannot start any token",
        "ditemukan karakter yang tidak dapat mengawali token",
    ),
    "pyyaml_expected_key": ("did not find expected key", "kunci yang diharapkan tidak ditemukan"),
    "pyyaml_expected_dash": (
        "did not find expected '-' indicator",
        "penanda '-' yang diharapkan tidak ditemukan",
    ),
    "pyyaml_expected_node": (
        "did not find expected node content",
        "isi simpul yang diharapkan tidak ditemukan",
    ),
    "pyyaml_unexpected_end": (
        "found unexpected end of stream",
        "berkas berakhir secara tak terduga",
    ),
    "pyyaml_unknown_escape": (
        "found unknown escape character",
        "ditemukan karakter escape yang tidak dikenal",
    ),
    "pyyaml_expected_comma_bracket": (
        "did not find expected ',' or ']'",
        "tanda ',' atau ']' yang diharapkan tidak ditemukan",
    ),
    "pyyaml_expected_comma_brace": (
        "did not find expected ',' or '}}'",
        "tanda ',' atau '}}' yang diharapkan tidak ditemukan",
    ),
    "pyyaml_expected_document_start": (
        "did not find expected <document start>",
        "awal dokumen yang diharapkan tidak ditemukan; periksa indentasi baris ini",
    ),
    "pyyaml_unknown_directive": (
        "found unknown directive name",
        "ditemukan nama direktif yang tidak dikenal",
    ),
    "pyyaml_next_token": ("while scanning for the next token", "saat mencari token berikutnya"),
    "pyyaml_parsing_quoted": ("while parsing a quoted scalar", "saat mengurai skalar berkutip"),
    "pyyaml_directive": ("while scanning a directive", "saat membaca direktif"),
    "pyyaml_simple_key": ("while scanning a simple key", "saat membaca kunci sederhana"),
    "pyyaml_plain_scalar": ("while scanning a plain scalar", "saat membaca skalar biasa"),
    "pyyaml_quoted_scalar": ("while scanning a quoted scalar", "saat membaca skalar berkutip"),
    "pyyaml_block_mapping": ("while parsing a block mapping", "saat mengurai pemetaan blok"),
    "pyyaml_block_collection": ("while parsing a block collection", "saat mengurai koleksi blok"),
    "pyyaml_flow_mapping": ("while parsing a flow mapping", "saat mengurai pemetaan alir"),
    "pyyaml_flow_sequence": ("while parsing a flow sequence", "saat mengurai urutan alir"),
    "character_code": ("character U+{code}", "karakter U+{code}"),
    "character": ("character", "karakter"),
    # The shape of a file (`validation`): what a value should be, and what it is.
    "expect_number": ("a number", "angka"),
    "expect_whole": ("a whole number", "bilangan bulat"),
    "expect_string": ("a string", "teks"),
    "expect_bool": ("true or false", "true atau false"),
    "expect_list": ("a list", "daftar"),
    "expect_mapping": ("a mapping", "pemetaan"),
    "either": ("{first} or {second}", "{first} atau {second}"),
    "found_null": ("nothing (null)", "kosong (null)"),
    "found_bool": ("{value} (a boolean)", "{value} (nilai boolean)"),
    "found_whole": ("{value} (a whole number)", "{value} (bilangan bulat)"),
    "found_long_whole": (
        "{shown} ({count} digits, a whole number)",
        "{shown} ({count} digit, bilangan bulat)",
    ),
    "found_number": ("{value} (a number)", "{value} (angka)"),
    "found_string": ("'{value}' (a string)", "'{value}' (teks)"),
    "found_list": ("a list", "sebuah daftar"),
    "found_mapping": ("a mapping", "sebuah pemetaan"),
    "did_you_mean": (" (did you mean '{name}'?)", " (maksud Anda '{name}'?)"),
    "unknown_key": ("unknown key '{key}'{hint}", "kunci tidak dikenal '{key}'{hint}"),
    "missing_key": ("missing required key '{key}'", "kunci wajib '{key}' tidak ada"),
    "unknown_value": (
        "unknown value '{value}'{hint}; expected one of {expected}",
        "nilai tidak dikenal '{value}'{hint}; seharusnya salah satu dari {expected}",
    ),
    "must_be": (
        "'{name}' must be {expected}, found {found}{hint}",
        "'{name}' harus berupa {expected}, ditemukan {found}{hint}",
    ),
    "key_must_be": (
        "'{owner}' key must be {expected}, found {found}",
        "kunci '{owner}' harus berupa {expected}, ditemukan {found}",
    ),
    "not_finite": ("'{name}' must be a finite number", "'{name}' harus berupa bilangan berhingga"),
    "named_reason": ("'{name}': {reason}", "'{name}': {reason}"),
    # The structure of a criteria file (`models`' own checks).
    "field_too_large": (
        "number {number} is too large for '{field}'",
        "angka {number} terlalu besar untuk '{field}'",
    ),
    "field_misread": (
        "'{field}' must be a number, found '{value}' (a string): {why}",
        "'{field}' harus berupa angka, ditemukan '{value}' (teks): {why}",
    ),
    "group_children": (
        "group '{id}' must have exactly one of 'indicators' or 'dimensions'",
        "kelompok '{id}' harus memiliki tepat satu dari 'indicators' atau 'dimensions'",
    ),
    "gate_form": (
        "gate '{id}' needs exactly one of 'answer' or 'score'",
        "syarat '{id}' memerlukan tepat satu dari 'answer' atau 'score'",
    ),
    "gate_answer_test": (
        "gate '{id}' on an answer needs exactly one of 'equals', 'in', 'at_least' or 'at_most'",
        "syarat '{id}' atas jawaban memerlukan tepat satu dari 'equals', 'in', 'at_least' "
        "atau 'at_most'",
    ),
    "gate_score_test": (
        "gate '{id}' on a score takes 'at_least' and/or 'at_most' only",
        "syarat '{id}' atas skor hanya menerima 'at_least' dan/atau 'at_most'",
    ),
    "level_form": (
        "level '{id}' needs exactly one of 'at_least' or 'above'",
        "tingkat '{id}' memerlukan tepat satu dari 'at_least' atau 'above'",
    ),
    "quota_without_equals": (
        "quota '{id}' without 'equals' takes 'max' only",
        "kuota '{id}' tanpa 'equals' hanya menerima 'max'",
    ),
    "quota_with_equals": (
        "quota '{id}' with 'equals' needs 'min' and/or 'max'",
        "kuota '{id}' dengan 'equals' memerlukan 'min' dan/atau 'max'",
    ),
    # Region files (`regions`).
    "criteria_not_region": (
        "this is a criteria file, not a region file; pass it with -c/--criteria",
        "ini berkas kriteria, bukan berkas daerah; berikan dengan -c/--criteria",
    ),
    "review_not_region": (
        "this is a review file, not a region file; pass it with --reviews",
        "ini berkas tinjauan, bukan berkas daerah; berikan dengan --reviews",
    ),
    "invalid_region_id": (
        "region id '{id}' must start with a lower-case letter or digit and hold only a-z, "
        "0-9, '_' and '-'",
        "id daerah '{id}' harus diawali huruf kecil atau angka dan hanya berisi a-z, 0-9, "
        "'_' dan '-'",
    ),
    "criteria_mismatch": (
        "this file is for criteria '{named}', but the criteria in use is '{used}'",
        "berkas ini untuk kriteria '{named}', tetapi kriteria yang digunakan adalah '{used}'",
    ),
    "placeholder": (
        "region.{key} is still the template's placeholder '{value}': fill it in",
        "region.{key} masih berisi contoh isian templat '{value}': isilah",
    ),
    "empty_kind": (
        "region.kind is empty: fill it in (e.g. kota or kabupaten), or delete the line",
        "region.kind kosong: isilah (misalnya kota atau kabupaten), atau hapus baris ini",
    ),
    "keyed_unknown_indicator": (
        "{key} for unknown indicator '{name}'{hint}",
        "{key} untuk indikator tidak dikenal '{name}'{hint}",
    ),
    "unknown_indicator": (
        "unknown indicator '{name}'{hint}",
        "indikator tidak dikenal '{name}'{hint}",
    ),
    "required_answer": (
        "required indicator '{id}' is not answered",
        "indikator wajib '{id}' belum dijawab",
    ),
    "answer_bool": (
        "'{name}' must be true or false, found {found}",
        "'{name}' harus berupa true atau false, ditemukan {found}",
    ),
    "answer_choice": (
        "'{name}' must be one of {ids}; found {found}",
        "'{name}' harus salah satu dari {ids}; ditemukan {found}",
    ),
    "no_option": (
        "'{name}' has no option '{option}'{hint}; expected one of {ids}",
        "'{name}' tidak memiliki opsi '{option}'{hint}; seharusnya salah satu dari {ids}",
    ),
    "scale_range": (
        "'{name}' must be from {low} to {high}, found {found}",
        "'{name}' harus dari {low} sampai {high}, ditemukan {found}",
    ),
    "scale_whole": (
        "'{name}' must be a whole number from {low} to {high}, found {found}",
        "'{name}' harus berupa bilangan bulat dari {low} sampai {high}, ditemukan {found}",
    ),
    "multi_list": (
        "'{name}' must be a list of option ids (any of {ids}); found {found}",
        "'{name}' harus berupa daftar id opsi (boleh beberapa dari {ids}); ditemukan {found}",
    ),
    "multi_item": (
        "'{name}' lists {found}; expected option ids",
        "'{name}' memuat {found}; seharusnya id opsi",
    ),
    "multi_no_option": (
        "'{name}' has no option '{option}'{hint}; expected any of {ids}",
        "'{name}' tidak memiliki opsi '{option}'{hint}; seharusnya beberapa dari {ids}",
    ),
    "multi_twice": (
        "'{name}' lists option '{option}' more than once",
        "'{name}' memuat opsi '{option}' lebih dari sekali",
    ),
    "number_too_large": (
        "number {number} is too large for indicator '{name}'",
        "angka {number} terlalu besar untuk indikator '{name}'",
    ),
    "number_misread": (
        "'{name}' must be a number, found {found}: {why}",
        "'{name}' harus berupa angka, ditemukan {found}: {why}",
    ),
    "number_type": (
        "'{name}' must be a number, found {found}",
        "'{name}' harus berupa angka, ditemukan {found}",
    ),
    "number_finite": (
        "'{name}' must be a finite number, found {found}",
        "'{name}' harus berupa bilangan berhingga, ditemukan {found}",
    ),
    "number_at_least": (
        "'{name}' must be at least {low}, found {found}",
        "'{name}' harus paling sedikit {low}, ditemukan {found}",
    ),
    "number_at_most": (
        "'{name}' must be at most {high}, found {found}",
        "'{name}' harus paling banyak {high}, ditemukan {found}",
    ),
    "unquote": ("write it without quotes", "tuliskan tanpa tanda kutip"),
    "exponent_spelling": (
        "YAML 1.1 reads an exponent as a number only with a dot and a sign; write {spelling}",
        "YAML 1.1 membaca eksponen sebagai angka hanya dengan titik dan tanda; tuliskan {spelling}",
    ),
    # `compare`: a problem found under one of the two criteria only.
    "old_criteria_only": ("{problem} (old criteria only)", "{problem} (hanya kriteria lama)"),
    "new_criteria_only": ("{problem} (new criteria only)", "{problem} (hanya kriteria baru)"),
    # `import`: a submission's problems.
    "invalid_region_file": (
        "the region file would be invalid: {problem}",
        "berkas daerah yang dihasilkan tidak akan valid: {problem}",
    ),
    "file_exists": (
        "{target} exists; pass --force to overwrite it",
        "{target} sudah ada; berikan --force untuk menimpanya",
    ),
    "submitted_twice": (
        "region id '{id}' is also submitted in {named}{more}{how}",
        "id daerah '{id}' juga dikirim di {named}{more}{how}",
    ),
    "comma": ("{first}, {then}", "{first}, {then}"),
    "file_row": ("{file} row {row}", "{file} baris {row}"),
    "and_more": (" and {count} more", " dan {count} lainnya"),
    "same_time": (" at the same or an unknown time", " pada waktu yang sama atau tidak diketahui"),
    "keep_latest_hint": (
        "; keep the latest with --keep latest",
        "; simpan yang terbaru dengan --keep latest",
    ),
    # A folder of region files (`batch`).
    "duplicate_region": (
        "region id '{id}' is also used by {others}; every file of a repeated id is rejected, "
        "since the tool cannot know which one is right",
        "id daerah '{id}' juga dipakai oleh {others}; setiap berkas dengan id yang berulang "
        "ditolak, karena alat ini tidak dapat mengetahui mana yang benar",
    ),
}

MESSAGES.update(MESSAGES_FORMS)

# PyYAML's words for the usual syntax errors, by the catalogue key that translates them;
# any other stays in PyYAML's English.
YAML_PHRASES: dict[str, str] = {
    english.format(): key for key, (english, _) in MESSAGES.items() if key.startswith("pyyaml_")
}

MESSAGES.update(MESSAGES_CHECKS)

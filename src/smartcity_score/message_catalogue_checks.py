"""The wordings of `check`'s lint rules (`smartcity_score.checks`) in English and Indonesian.

Merged into `message_catalogue.MESSAGES`; the same conventions hold: keys, option ids and
numbers from the file stay as written, and so do the format's own keys (`at_least`, `min`,
`bands`). A gate is a "syarat", as in the rest of the catalogue and the reports.
"""

from __future__ import annotations

MESSAGES_CHECKS: dict[str, tuple[str, str]] = {
    # key: (English, Indonesian)
    # Pieces that other messages take as parameters.
    "check_and": ("{items} and {last}", "{items} dan {last}"),
    "check_criteria": ("criteria", "kriteria"),
    "check_group": ("group", "kelompok"),
    "check_indicator": ("indicator", "indikator"),
    "check_option": ("option", "opsi"),
    "check_gate": ("gate", "syarat"),
    "check_level": ("level", "tingkat"),
    "check_quota": ("quota", "kuota"),
    "check_dimensions": ("dimensions", "dimensi"),
    "check_indicators": ("indicators", "indikator"),
    # Gates (`checks.gates`).
    "check_expect_bool": ("true or false", "true atau false"),
    "check_expect_one_of": ("one of {ids}", "salah satu dari {ids}"),
    "check_expect_scale": (
        "a whole number from {low} to {high}",
        "bilangan bulat dari {low} sampai {high}",
    ),
    "check_expect_between": ("a number from {low} to {high}", "angka dari {low} sampai {high}"),
    "check_expect_at_least": ("a number of at least {low}", "angka paling sedikit {low}"),
    "check_expect_at_most": ("a number of at most {high}", "angka paling banyak {high}"),
    "check_gate_compares": (
        "'{test}' compares numbers, but '{id}' is a {type} indicator; use 'equals' or 'in'",
        "'{test}' membandingkan angka, tetapi '{id}' adalah indikator {type}; gunakan 'equals' "
        "atau 'in'",
    ),
    "check_gate_value": (
        "gate value {value} is not a valid answer to '{id}'{hint}; expected {expected}",
        "nilai syarat {value} bukan jawaban yang sah untuk '{id}'{hint}; seharusnya {expected}",
    ),
    "check_gate_in_empty": (
        "gate '{id}' lists no values in 'in', so no answer can pass",
        "syarat '{id}' tidak mencantumkan nilai apa pun dalam 'in', sehingga tidak ada jawaban "
        "yang dapat memenuhinya",
    ),
    "check_gate_above_max": (
        "gate '{id}' needs '{indicator}' to be at least {least}, but its max is {high}",
        "syarat '{id}' memerlukan '{indicator}' paling sedikit {least}, tetapi nilai "
        "maksimumnya {high}",
    ),
    "check_gate_below_min": (
        "gate '{id}' needs '{indicator}' to be at most {most}, but its min is {low}",
        "syarat '{id}' memerlukan '{indicator}' paling banyak {most}, tetapi nilai "
        "minimumnya {low}",
    ),
    "check_gate_crossed": (
        "gate '{id}' needs a score of at least {least} and at most {most}, so no score can pass",
        "syarat '{id}' memerlukan skor paling sedikit {least} dan paling banyak {most}, "
        "sehingga tidak ada skor yang dapat memenuhinya",
    ),
    "check_gate_negative": (
        "gate '{id}' needs a score of at most {most}, but scores are 0–100",
        "syarat '{id}' memerlukan skor paling banyak {most}, padahal skor berkisar 0–100",
    ),
    "check_gate_out_of_reach": (
        "gate '{id}' needs a score of at least {least} on '{target}', but the highest possible "
        "is {highest}",
        "syarat '{id}' memerlukan skor paling sedikit {least} pada '{target}', tetapi skor "
        "tertinggi yang mungkin adalah {highest}",
    ),
    # Levels (`checks.levels`).
    "check_level_same_cut": (
        "level '{id}' has the same cut point ({cut}) as the previous level '{before}', so it "
        "can never be reached",
        "tingkat '{id}' memiliki ambang yang sama ({cut}) dengan tingkat sebelumnya "
        "'{before}', sehingga tidak akan pernah tercapai",
    ),
    "check_level_less_strict": (
        "level '{id}' {cut} must be less strict than the previous level's {before} (levels go "
        "from highest to lowest; at an equal threshold 'above' comes before 'at_least')",
        "tingkat '{id}' {cut} harus lebih longgar daripada {before} pada tingkat sebelumnya "
        "(tingkat diurutkan dari yang tertinggi ke yang terendah; pada ambang yang sama, "
        "'above' ditulis sebelum 'at_least')",
    ),
    "check_level_lower": (
        "level '{id}' {cut} must be lower than the previous level's {before} (levels go from "
        "highest to lowest)",
        "tingkat '{id}' {cut} harus lebih rendah daripada {before} pada tingkat sebelumnya "
        "(tingkat diurutkan dari yang tertinggi ke yang terendah)",
    ),
    "check_level_outside": (
        "level '{id}' {cut} is outside 0–100",
        "tingkat '{id}' {cut} berada di luar 0–100",
    ),
    "check_level_floor": (
        "the last level '{id}' must have at_least 0, found {found}, so that every total has "
        "a level",
        "tingkat terakhir '{id}' harus memiliki at_least 0, ditemukan {found}, agar setiap "
        "total memiliki tingkat",
    ),
    "check_level_unreachable": (
        "level '{id}' needs a total of {threshold}, but the highest total possible is {highest}",
        "tingkat '{id}' memerlukan total paling sedikit {threshold}, tetapi total tertinggi "
        "yang mungkin adalah {highest}",
    ),
    "check_level_unreachable_above": (
        "level '{id}' needs a total of above {threshold}, but the highest total possible is "
        "{highest}",
        "tingkat '{id}' memerlukan total di atas {threshold}, tetapi total tertinggi yang "
        "mungkin adalah {highest}",
    ),
    # Selection and quotas (`checks.selection`).
    "check_selection_count": (
        "selection count {count} must be at least 1",
        "jumlah kursi seleksi {count} harus paling sedikit 1",
    ),
    "check_quota_field": (
        "quota field '{field}' must be kind, province or tags.KEY{hint}",
        "bidang kuota '{field}' harus berupa kind, province atau tags.KEY{hint}",
    ),
    "check_quota_negative": (
        "quota {name} {value} must be 0 or more",
        "nilai {name} kuota {value} harus 0 atau lebih",
    ),
    "check_quota_crossed": (
        "quota max {high} is below its min {low}",
        "nilai max kuota {high} lebih kecil daripada nilai min-nya {low}",
    ),
    "check_quota_minimums": (
        "quota minimums add up to {total}, more than the selection count {count}",
        "jumlah nilai min kuota adalah {total}, melebihi jumlah kursi seleksi {count}",
    ),
    # Weights and the tree (`checks.groups`).
    "check_no_dimensions": (
        "'dimensions' is empty; a criteria file needs at least one dimension",
        "'dimensions' kosong; berkas kriteria memerlukan paling sedikit satu dimensi",
    ),
    "check_empty_group": (
        "group '{id}' has no {kind}, so it never gets a score; add some",
        "kelompok '{id}' tidak memiliki {kind}, sehingga tidak pernah mendapat skor; "
        "tambahkan isinya",
    ),
    "check_negative_weight": (
        "weight {weight} of {what} '{id}' is negative; use 0 or more",
        "bobot {weight} pada {what} '{id}' bernilai negatif; gunakan 0 atau lebih",
    ),
    "check_zero_weight": (
        "weight 0: {what} '{id}' never counts toward its parent's score",
        "bobot 0: {what} '{id}' tidak pernah dihitung dalam skor induknya",
    ),
    # Scale and number indicators (`checks.numbers`).
    "check_scale_range": (
        "scale max {high} must be greater than min {low}",
        "nilai max skala {high} harus lebih besar daripada min {low}",
    ),
    "check_scale_label": (
        "label for level {level} is outside the scale {low}–{high}",
        "label untuk nilai {level} berada di luar skala {low}–{high}",
    ),
    "check_number_range": (
        "number max {high} must be greater than min {low}",
        "nilai max angka {high} harus lebih besar daripada min {low}",
    ),
    "check_linear_same": (
        "linear scoring needs worst and best to differ; both are {value}",
        "penskoran linear memerlukan worst dan best yang berbeda; keduanya {value}",
    ),
    "check_linear_outside": (
        "linear {name} {value} is {side}{tail}",
        "nilai {name} linear {value} berada {side}{tail}",
    ),
    "check_below_min": ("below the number's min {low}", "di bawah min angka {low}"),
    "check_above_max": ("above the number's max {high}", "di atas max angka {high}"),
    "check_none_scores": (
        "; no valid answer scores {score}",
        "; tidak ada jawaban sah yang mendapat skor {score}",
    ),
    "check_bands_empty": (
        "bands list is empty; give at least one band",
        "daftar bands kosong; berikan paling sedikit satu rentang",
    ),
    "check_bands_order": (
        "band from {band} must be greater than the previous band's from {before}",
        "awal rentang {band} harus lebih besar daripada awal rentang sebelumnya, yaitu {before}",
    ),
    "check_bands_gap_no_min": (
        "the number has no min, so answers below the first band's from {start} score 0; set "
        "min: {start} or add a band below",
        "angka tidak memiliki min, sehingga jawaban di bawah awal rentang pertama {start} "
        "mendapat skor 0; tetapkan min: {start} atau tambahkan rentang di bawahnya",
    ),
    "check_bands_gap": (
        "answers from the min {low} up to the first band's from {start} score 0; start the "
        "bands at {low}",
        "jawaban dari min {low} sampai awal rentang pertama {start} mendapat skor 0; mulailah "
        "bands pada {low}",
    ),
    "check_band_unreachable": (
        "band from {band} is above the number's max {high}; no valid answer reaches it",
        "awal rentang {band} berada di atas max angka {high}; tidak ada jawaban sah yang "
        "mencapainya",
    ),
    # Ids (`checks.ids`).
    "check_id": ("id", "id"),
    "check_invalid_id": (
        "{what} id '{value}' must start with a lower-case letter or digit and hold only a-z, "
        "0-9, '_' and '-'",
        "id {what} '{value}' harus diawali huruf kecil atau angka dan hanya memuat a-z, 0-9, "
        "'_' dan '-'",
    ),
    "check_ambiguous_option": (
        "option id '{id}' would be read by YAML as something other than a string when written "
        "in an answer; choose another id",
        "id opsi '{id}' akan dibaca oleh YAML sebagai sesuatu selain teks bila ditulis dalam "
        "jawaban; pilihlah id lain",
    ),
    "check_duplicate_again": (
        "duplicate {what} '{value}' (used again at line {lines})",
        "{what} ganda '{value}' (dipakai lagi pada baris {lines})",
    ),
    "check_duplicate_again_lines": (
        "duplicate {what} '{value}' (used again at lines {lines})",
        "{what} ganda '{value}' (dipakai lagi pada baris {lines})",
    ),
    "check_duplicate_first": (
        "duplicate {what} '{value}' (first used at line {line})",
        "{what} ganda '{value}' (pertama kali dipakai pada baris {line})",
    ),
    # Texts people read (`checks.texts`).
    "check_plain_text": (
        "text is a plain string, but other texts are given in {languages}",
        "teks ini berupa teks polos, padahal teks lain tersedia dalam bahasa {languages}",
    ),
    "check_missing_language": (
        "text has no {missing} version; other texts have {languages}",
        "teks ini tidak memiliki versi {missing}; teks lain memiliki versi {languages}",
    ),
    "check_missing_help": (
        "indicator '{id}' has no help telling applicants how to answer",
        "indikator '{id}' tidak memiliki help yang menjelaskan kepada pendaftar cara menjawabnya",
    ),
    # Scores written in the file (`checks.scores`).
    "check_option_score": ("option score", "skor opsi"),
    "check_band_score": ("band score", "skor rentang"),
    "check_score_outside": (
        "{name} {value} is outside 0–100",
        "{name} {value} berada di luar 0–100",
    ),
    "check_no_options": ("has no options", "tidak memiliki opsi"),
    "check_options_count": ("has {count} option", "hanya memiliki {count} opsi"),
    "check_too_few_options": (
        "{type} indicator '{id}' {found}; it needs at least {needed}",
        "indikator {type} '{id}' {found}; diperlukan paling sedikit {needed}",
    ),
    "check_multi_unreachable": (
        "the options of '{id}' add up to {total} at most, so no answer scores 100",
        "jumlah skor opsi '{id}' paling banyak {total}, sehingga tidak ada jawaban yang "
        "mendapat skor 100",
    ),
    "check_multi_saturated": (
        "option '{option}' scores {score} on its own, so the other options of '{id}' add "
        "nothing when it is chosen",
        "opsi '{option}' sendiri sudah mendapat skor {score}, sehingga opsi lain dari '{id}' "
        "tidak menambah apa pun bila opsi itu dipilih",
    ),
    # Names that point elsewhere in the file (`checks.references`).
    "check_answer_is_group": (
        "gate answer '{answer}' is a group; test a group with 'score', an indicator's answer "
        "with 'answer'",
        "answer syarat '{answer}' adalah kelompok; ujilah kelompok dengan 'score', dan jawaban "
        "indikator dengan 'answer'",
    ),
    "check_answer_unknown": (
        "gate answer '{answer}' names no indicator{hint}",
        "answer syarat '{answer}' tidak menunjuk indikator mana pun{hint}",
    ),
    "check_score_unknown": (
        "gate score '{score}' names no group or indicator, nor '{total}'{hint}",
        "score syarat '{score}' tidak menunjuk kelompok atau indikator mana pun, dan bukan "
        "'{total}'{hint}",
    ),
    "check_tie_breaker_unknown": (
        "tie-breaker '{name}' names no group or indicator{hint}",
        "penentu seri '{name}' tidak menunjuk kelompok atau indikator mana pun{hint}",
    ),
    # The panel and the published scale (`checks.panel`).
    "check_panel_zero": (
        "panel disagreement 0 flags every indicator on which two assessors differ at all; a "
        "threshold in points, such as 25 or 50, flags the ones worth a second look",
        "disagreement panel 0 menandai setiap indikator yang dinilai berbeda oleh dua asesor, "
        "sekecil apa pun bedanya; ambang dalam poin, misalnya 25 atau 50, menandai indikator "
        "yang patut ditinjau ulang",
    ),
    "check_panel_range": (
        "panel disagreement {value} must be from 0 to 100 points (scores run 0–100)",
        "disagreement panel {value} harus dari 0 sampai 100 poin (skor berkisar 0–100)",
    ),
    "check_published_same": (
        "published min and max are both {value}: every total would read the same",
        "min dan max published sama-sama {value}: setiap total akan terbaca sama",
    ),
    "check_published_decimals": (
        "published decimals {decimals} must be from 0 to 6",
        "decimals published {decimals} harus dari 0 sampai 6",
    ),
    # Scores that depend on the cohort (`checks.cohort`).
    "check_cohort_scoring": (
        "scores of '{id}' depend on the cohort: its goalposts are the lowest and highest "
        "answers of the regions scored together",
        "skor '{id}' bergantung pada kohort: batas bawah dan atasnya adalah jawaban terendah "
        "dan tertinggi dari daerah-daerah yang dinilai bersama",
    ),
    "check_cohort_geometric": (
        "'{id}' scores 0 for the cohort's worst region, and geometric aggregation then scores "
        "group '{group}' 0 for it",
        "'{id}' memberi skor 0 kepada daerah terburuk dalam kohort, dan agregasi geometrik "
        "kemudian memberi kelompok '{group}' skor 0 bagi daerah itu",
    ),
    # What `check` says of a file that is not its own (`criteria_sets`, `jobs`).
    "check_region_not_criteria": (
        "this is a region file, not a criteria file",
        "ini berkas daerah, bukan berkas kriteria",
    ),
    "check_criteria_unknown": (
        "add 'criteria: ID' so the file can be checked against its criteria",
        "tambahkan 'criteria: ID' agar berkas ini dapat diperiksa terhadap kriterianya",
    ),
}

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
    "cohort": ("Cohort", "Kohort"),
    "cohort_unused": (
        "--cohort not read: these criteria score no indicator against a cohort",
        "--cohort tidak dibaca: kriteria ini tidak menilai indikator mana pun terhadap kohort",
    ),
    "cohort_scoring": (
        "cohort scoring (minmax): {indicators}; a region's score depends on the other "
        "regions scored with it",
        "penilaian kohort (minmax): {indicators}; skor suatu daerah bergantung pada daerah "
        "lain yang dinilai bersamanya",
    ),
    "direction_higher": ("higher is better", "makin tinggi makin baik"),
    "direction_lower": ("lower is better", "makin rendah makin baik"),
    "cohort_line": (
        "Cohort: {size} region(s); goalposts (worst → best): {goalposts}",
        "Kohort: {size} daerah; batas (terburuk → terbaik): {goalposts}",
    ),
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
    "warn_gave_up_seat": (
        "{leaving} (rank {leaving_rank}) gave up its seat to {arriving} "
        "(rank {arriving_rank}) for quota '{quota}'",
        "{leaving} (peringkat {leaving_rank}) melepas kursinya untuk {arriving} "
        "(peringkat {arriving_rank}) demi kuota '{quota}'",
    ),
    # Why a region is out of merit order: `reason` of each result (SPEC §4).
    "reason_quota_full": (
        "{field_label} {value} already has {cap} seats (quota {quota})",
        "{field_label} {value} sudah mendapat {cap} kursi (kuota {quota})",
    ),
    "reason_quota_full_one": (
        "{field_label} {value} already has its 1 seat (quota {quota})",
        "{field_label} {value} sudah mendapat 1 kursi (kuota {quota})",
    ),
    "reason_gave_up": (
        "seat given to {arriving} (rank {arriving_rank}) for quota {quota}",
        "kursi diberikan kepada {arriving} (peringkat {arriving_rank}) demi kuota {quota}",
    ),
    "reason_quota_seat": (
        "selected for quota {quota} in place of {leaving} (rank {leaving_rank})",
        "terpilih demi kuota {quota} menggantikan {leaving} (peringkat {leaving_rank})",
    ),
    "reason_quota_seat_free": (
        "selected for quota {quota}",
        "terpilih demi kuota {quota}",
    ),
    "reason_below_cut": ("below the cut", "di bawah batas seleksi"),
    # Why `compare` sees a region enter or leave the selection; {criteria} is old or new.
    "old_criteria": ("old criteria", "kriteria lama"),
    "new_criteria": ("new criteria", "kriteria baru"),
    "why_invalid": (
        "its file is invalid under the {criteria}",
        "berkasnya tidak valid menurut {criteria}",
    ),
    "why_gate_failed": (
        "gate {gates} failed under the {criteria}",
        "syarat {gates} tidak terpenuhi menurut {criteria}",
    ),
    "why_under": ("under the {criteria}: {reason}", "menurut {criteria}: {reason}"),
    "why_total": ("total {total}", "total {total}"),
    "why_total_same": ("total unchanged at {total}", "total tetap {total}"),
    "why_total_rose": ("total rose {old} → {new}", "total naik {old} → {new}"),
    "why_total_fell": ("total fell {old} → {new}", "total turun {old} → {new}"),
    "why_passed_cut": (
        "{total} and passed the cut of {cut}",
        "{total} dan melewati batas seleksi {cut}",
    ),
    "why_missed_cut": (
        "{total}, below the cut of {cut}",
        "{total}, di bawah batas seleksi {cut}",
    ),
    "why_name_rank": ("{name} (rank {rank})", "{name} (peringkat {rank})"),
    "why_quota_held_now": (
        "{reason}, now one of them {names}",
        "{reason}, kini salah satunya {names}",
    ),
    "why_quota_held_then": ("{reason}, one of them {names}", "{reason}, salah satunya {names}"),
    "why_tied_at_cut": (
        "{total}, level with the cut of {cut} and placed after it by the tie-breakers",
        "{total}, sama dengan batas seleksi {cut} dan ditempatkan sesudahnya oleh penentu seri",
    ),
    "why_no_merit_seat": (
        "{total}; the new criteria fill no seat on merit",
        "{total}; kriteria baru tidak mengisi kursi menurut peringkat",
    ),
    "why_rank": ("moved from rank {old} to {new}", "pindah dari peringkat {old} ke {new}"),
    "why_same_rank": ("still rank {new}", "tetap peringkat {new}"),
    "reason": ("Reason", "Alasan"),
    "reasons_heading": ("Why out of merit order", "Mengapa tidak menurut peringkat"),
    "reasons_rest": (
        "Every other eligible region left out is below the cut.",
        "Daerah lain yang memenuhi syarat dan tidak terpilih berada di bawah batas seleksi.",
    ),
    "warn_quota_unmet": (
        "quota '{quota}' is not met: {have} selected region(s) have {field} = {value}, "
        "the minimum is {minimum}",
        "kuota '{quota}' tidak terpenuhi: {have} daerah terpilih dengan {field} = {value}, "
        "minimumnya {minimum}",
    ),
    "warn_seats_empty": (
        "only {filled} of {seats} seat(s) filled: {eligible} region(s) are eligible and the "
        "quotas allow no more",
        "hanya {filled} dari {seats} kursi terisi: {eligible} daerah memenuhi syarat dan kuota "
        "tidak mengizinkan lebih",
    ),
    "warn_seats_few_eligible": (
        "only {filled} of {seats} seat(s) filled: only {eligible} region(s) are eligible",
        "hanya {filled} dari {seats} kursi terisi: hanya {eligible} daerah memenuhi syarat",
    ),
    "warn_no_seats": (
        "no seats to fill: the criteria set no selection count; give --select N to see "
        "how likely each region is to be selected",
        "tidak ada kursi yang diisi: kriteria tidak menetapkan jumlah terpilih; berikan "
        "--select N untuk melihat peluang tiap daerah terpilih",
    ),
    "warn_tie_at_cut": (
        "the cut falls inside a tie at rank {rank}: selected {inside}; left out {outside}",
        "batas seleksi jatuh di tengah nilai seri pada peringkat {rank}: terpilih {inside}; "
        "tidak terpilih {outside}",
    ),
    "version": ("Version", "Versi"),
    # `--format xlsx`
    "region_id": ("Region id", "Id daerah"),
    "name": ("Name", "Nama"),
    "id": ("Id", "Id"),
    "title": ("Title", "Judul"),
    "rule": ("Rule", "Aturan"),
    "group": ("Group", "Kelompok"),
    "question": ("Question", "Pertanyaan"),
    "answers": ("Answers", "Jawaban"),
    "rank_p5": ("Rank 5%", "Peringkat 5%"),
    "rank_p95": ("Rank 95%", "Peringkat 95%"),
    "old_rank": ("Old rank", "Peringkat lama"),
    "new_rank": ("New rank", "Peringkat baru"),
    "rank_change": ("Rank change", "Perubahan peringkat"),
    "old_total": ("Old total", "Total lama"),
    "new_total": ("New total", "Total baru"),
    "total_change": ("Total change", "Perubahan total"),
    "old_selected": ("Selected, old", "Terpilih, lama"),
    "new_selected": ("Selected, new", "Terpilih, baru"),
    "old_share": ("Old weight share", "Porsi bobot lama"),
    "new_share": ("New weight share", "Porsi bobot baru"),
    "lowest_region": ("Lowest: region", "Terendah: daerah"),
    "highest_region": ("Highest: region", "Tertinggi: daerah"),
    "not_selected": ("Eligible, not selected", "Memenuhi syarat, tidak terpilih"),
    "ineligible": ("Not eligible", "Tidak memenuhi syarat"),
    "rank_axis": ("Regions in rank order", "Daerah menurut peringkat"),
    "sort_hint": ("Click a column heading to sort.", "Klik judul kolom untuk mengurutkan."),
    "first_rows": (
        "Without JavaScript only the first {shown} of {count} regions are shown; "
        "the CSV and JSON outputs hold them all.",
        "Tanpa JavaScript hanya {shown} dari {count} daerah pertama yang ditampilkan; "
        "keluaran CSV dan JSON memuat semuanya.",
    ),
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
    # `criteria list`, and the one-line summaries the commands write to stderr
    "indicators": ("indicators", "indikator"),
    "done_rank": (
        "{files} file(s): {ranked} ranked, {invalid} invalid, {selected} selected",
        "{files} berkas: {ranked} diperingkat, {invalid} tidak valid, {selected} terpilih",
    ),
    "done_sensitivity": (
        "{files} file(s): {ranked} ranked, {invalid} invalid; {bubble} region(s) in the bubble",
        "{files} berkas: {ranked} diperingkat, {invalid} tidak valid; "
        "{bubble} daerah di ambang batas",
    ),
    "done_compare": (
        "{files} file(s): {invalid} invalid; {entering} enter, {leaving} leave the selection",
        "{files} berkas: {invalid} tidak valid; {entering} masuk, "
        "{leaving} keluar dari daftar terpilih",
    ),
    # `sensitivity`
    "sensitivity_title": ("Sensitivity of the selection", "Sensitivitas hasil seleksi"),
    "median_rank": ("Median rank", "Median peringkat"),
    "rank_interval": ("Rank 5–95%", "Peringkat 5–95%"),
    "p_selected": ("P(selected)", "Peluang terpilih"),
    "bubble": ("The bubble", "Di ambang batas"),
    "bubble_heading": (
        "The bubble: {count} region(s) selected only sometimes",
        "Di ambang batas: {count} daerah hanya terpilih pada sebagian sampel",
    ),
    "bubble_empty": (
        "The bubble is empty: every P(selected) is 0 or 1.",
        "Tidak ada daerah di ambang batas: setiap peluang terpilih bernilai 0 atau 1.",
    ),
    "bubble_none": (
        "No region's selection depends on the weights: every P(selected) is 0 or 1.",
        "Tidak ada daerah yang keterpilihannya bergantung pada bobot: "
        "setiap peluang terpilih bernilai 0 atau 1.",
    ),
    "bubble_count": (
        "{count} region(s) are selected under some weightings and not others.",
        "{count} daerah terpilih pada sebagian pembobotan, tetapi tidak pada yang lain.",
    ),
    "drops_heading": (
        "One dimension left out (the others' weights renormalised)",
        "Satu dimensi dihilangkan (bobot dimensi lainnya dinormalkan ulang)",
    ),
    "drops": ("One dimension left out", "Satu dimensi dihilangkan"),
    "attribution": (
        "Which assumption moves the selection most (each varied alone)",
        "Asumsi mana yang paling menggeser seleksi (masing-masing divariasikan sendiri)",
    ),
    "assumption": ("Assumption", "Asumsi"),
    "samples_changed": ("Samples changed", "Sampel berubah"),
    "mean_seats_changed": ("Seats changed (mean)", "Kursi berubah (rerata)"),
    "assumption_weights": ("weights", "bobot"),
    "assumption_aggregation": ("aggregation", "agregasi"),
    "assumption_missing": ("missing answers", "jawaban kosong"),
    "assumption_reviews": ("disputed reviews", "penilaian yang berselisih"),
    "assumption_all": ("all together", "semua sekaligus"),
    "attribution_most": (
        "Moves the selection most: {name}.",
        "Paling menggeser seleksi: {name}.",
    ),
    "dimension_left_out": ("Dimension left out", "Dimensi yang dihilangkan"),
    "changes": ("Changes", "Perubahan"),
    "seats_changed": ("Seats that change", "Kursi yang berubah"),
    "enter": ("Enter", "Masuk"),
    "leave": ("Leave", "Keluar"),
    "every_region": ("Every region", "Semua daerah"),
    "settings": (
        "{samples} samples, {how}, seed {seed}; {seats}",
        "{samples} sampel, {how}, benih acak {seed}; {seats}",
    ),
    "settings_uniform": (
        "every weight × uniform [{low}, {high}]",
        "setiap bobot × faktor seragam [{low}, {high}]",
    ),
    "settings_dirichlet": (
        "weight shares from Dirichlet distributions (spread {spread})",
        "porsi bobot dari distribusi Dirichlet (sebaran {spread})",
    ),
    "seats": ("{count} seats", "{count} kursi"),
    "no_seats": ("no seats", "tanpa kursi"),
    # `compare`
    "criteria_change": ("Criteria change", "Perubahan kriteria"),
    "criteria_change_title": (
        "Criteria change: who is selected",
        "Perubahan kriteria: siapa yang terpilih",
    ),
    "old": ("Old", "Lama"),
    "new": ("New", "Baru"),
    "selection": ("Selection", "Seleksi"),
    "rank_old_new": ("Rank (old → new)", "Peringkat (lama → baru)"),
    "total_old_new": ("Total (old → new)", "Total (lama → baru)"),
    "weight_old_new": ("Weight (old → new)", "Bobot (lama → baru)"),
    "enters": ("enters", "masuk"),
    "leaves": ("leaves", "keluar"),
    "scores_by_dimension": ("Scores by dimension", "Skor per dimensi"),
    "mean_change": ("Mean change", "Rerata perubahan"),
    "lowest": ("Lowest", "Terendah"),
    "highest": ("Highest", "Tertinggi"),
    "regions": ("Regions", "Daerah"),
    "regions_changed": ("Regions changed", "Daerah berubah"),
    "rank_changes": (
        "Rank changes ({count}), largest first",
        "Perubahan peringkat ({count}), terbesar lebih dahulu",
    ),
    "rank_changes_count": ("{count} region(s) change rank", "{count} daerah berubah peringkat"),
    "dimensions_added_removed": (
        "Dimensions added: {added}; removed: {removed}.",
        "Dimensi yang ditambahkan: {added}; yang dihapus: {removed}.",
    ),
    "enters_selection": ("Enters the selection", "Masuk daftar terpilih"),
    "leaves_selection": ("Leaves the selection", "Keluar dari daftar terpilih"),
    "criteria_comparison": ("Criteria comparison", "Perbandingan kriteria"),
    "notice": (
        "{name} ({id}): rank {ranks}, total {totals}",
        "{name} ({id}): peringkat {ranks}, total {totals}",
    ),
    # `compare`'s rank-similarity coefficients
    "rank_similarity": ("Rank similarity", "Kemiripan peringkat"),
    "similarity_all": ("Ranked under both", "Diperingkat dengan keduanya"),
    "similarity_selected": ("Selected under either", "Terpilih dengan salah satunya"),
    "similarity_scope": ("{scope}, {count} region(s)", "{scope}, {count} daerah"),
    "spearman": ("Spearman ρ", "Spearman ρ"),
    "kendall_tau_b": ("Kendall τ-b", "Kendall τ-b"),
    "weighted_spearman": ("Weighted Spearman r_W", "Spearman berbobot r_W"),
    "similarity_too-few": (
        "fewer than 2 regions, no coefficient",
        "kurang dari 2 daerah, tanpa koefisien",
    ),
    "similarity_all-tied": (
        "one ranking gives every region the same rank, no coefficient",
        "salah satu peringkat memberi semua daerah peringkat yang sama, tanpa koefisien",
    ),
    "similarity_no-selection": (
        "neither criteria selects regions, no coefficient",
        "kedua kriteria tidak memilih daerah, tanpa koefisien",
    ),
    # the paragraph that sums up `compare`
    # The one-line summaries on stderr of validate, check and import.
    "summary_criteria_named": (
        "{label}: {criteria} (bundled), as the region files name it",
        "{label}: {criteria} (bawaan), sesuai yang disebut berkas daerah",
    ),
    "summary_validated": (
        "{files} file(s) validated: {invalid} invalid",
        "{files} berkas divalidasi: {invalid} tidak valid",
    ),
    "summary_counts": (
        "{errors} error(s), {warnings} warning(s)",
        "{errors} galat, {warnings} peringatan",
    ),
    "summary_unlisted": (
        "listed, {unlisted} more problem(s) not listed",
        "tercantum, {unlisted} masalah lain tidak dicantumkan",
    ),
    "summary_checked": (
        "{files} file(s) checked: {counts}",
        "{files} berkas diperiksa: {counts}",
    ),
    "summary_skipped": (
        "skipped {file} row {row}: {reason}",
        "dilewati {file} baris {row}: {reason}",
    ),
    "summary_imported": (
        "{exports} export(s) read: {written} region file(s) written, {invalid} submission(s) "
        "with problems, {skipped} skipped",
        "{exports} ekspor dibaca: {written} berkas daerah ditulis, {invalid} kiriman bermasalah, "
        "{skipped} dilewati",
    ),
    "summary_not_read": (", {unread} export(s) not read", ", {unread} ekspor tidak terbaca"),
    "summary_head": (
        "Comparing {old} with {new} on {count} region(s)",
        "Perbandingan {old} dengan {new} pada {count} daerah",
    ),
    "summary_same": (
        "{head}: no change. The same {count} region(s) are selected, "
        "and every rank and score is the same.",
        "{head}: tidak ada perubahan. {count} daerah yang sama terpilih, "
        "dan setiap peringkat dan skor tetap sama.",
    ),
    "summary_seats": (
        "{changed} of {selected} selected region(s) change",
        "{changed} dari {selected} daerah terpilih berganti",
    ),
    "summary_enters_one": ("{names} enters", "{names} masuk"),
    "summary_enters_many": ("{names} enter", "{names} masuk"),
    "summary_leaves_one": ("{names} leaves", "{names} keluar"),
    "summary_leaves_many": ("{names} leave", "{names} keluar"),
    "summary_no_seat_change": (
        "the selection does not change.",
        "daftar terpilih tidak berubah.",
    ),
    "summary_moves": (
        "{count} region(s) change rank; the largest move is {name}, from {old} to {new}.",
        "{count} daerah berubah peringkat; perubahan terbesar dialami {name}, dari {old} ke {new}.",
    ),
    "summary_totals": (
        "Totals change by {mean} points on average (from {low} to {high}).",
        "Skor total berubah rata-rata {mean} poin (dari {low} sampai {high}).",
    ),
    "summary_dimension": (
        "Of the dimensions in both files, {id} moves most ({mean} on average).",
        "Dari dimensi yang ada di kedua berkas, {id} paling banyak berubah (rata-rata {mean}).",
    ),
    "summary_shares": (
        "Weight shares in the total change: {shares}.",
        "Porsi bobot dalam total berubah: {shares}.",
    ),
    "summary_adds": ("adds {ids}", "menambahkan {ids}"),
    "summary_removes": ("removes {ids}", "menghapus {ids}"),
    "summary_new_criteria": ("The new criteria {changes}.", "Kriteria baru {changes}."),
    # `criteria show`
    "aggregation": ("aggregation", "agregasi"),
    "aggregation_arithmetic": ("arithmetic", "aritmetika"),
    "aggregation_geometric": ("geometric", "geometrik"),
    "missing_policy": ("missing answers", "jawaban kosong"),
    "missing_zero": ("zero", "dihitung nol"),
    "missing_exclude": ("exclude", "dikecualikan"),
    "weight_word": ("weight", "bobot"),
    "required_word": ("required", "wajib diisi"),
    "gate_word": ("gate", "syarat"),
    "level_word": ("level", "tingkat"),
    "selection_seats": ("selection: {count} seat(s)", "seleksi: {count} kursi"),
    "quota_each": ("each {field}", "setiap {field}"),
    "quota_min": ("min {count}", "min. {count}"),
    "quota_max": ("max {count}", "maks. {count}"),
    # answers, in `criteria show` and `template`
    "answer_boolean": ("boolean: true | false", "ya/tidak: true | false"),
    "answer_choice": ("choice, one of: {options}", "pilihan, salah satu dari: {options}"),
    "answer_multi": (
        "multi, a list of any of: {options}",
        "pilihan ganda, daftar berisi mana saja dari: {options}",
    ),
    "answer_scale": (
        "scale, a whole number from {low} to {high}",
        "skala, bilangan bulat dari {low} sampai {high}",
    ),
    "answer_number": ("number", "bilangan"),
    "answer_bounds": ("from {low} to {high}", "dari {low} sampai {high}"),
    "answer_unit": ("in {unit}", "dalam {unit}"),
    # reviews (SPEC §6)
    "warn_disagreement": (
        "{name} (rank {rank}): the assessors disagree on {indicators}",
        "{name} (peringkat {rank}): para asesor berbeda pendapat tentang {indicators}",
    ),
    "warn_disagreement_unranked": (
        "{name}: the assessors disagree on {indicators}",
        "{name}: para asesor berbeda pendapat tentang {indicators}",
    ),
    "done_reviews": (
        "reviews: {files} file(s), {used} used, {invalid} invalid",
        "tinjauan: {files} berkas, {used} dipakai, {invalid} tidak valid",
    ),
    "done_reviews_ignored": (
        "{ignored} of regions not assessed here, ignored",
        "{ignored} untuk daerah yang tidak dinilai di sini, diabaikan",
    ),
    "self_score": ("Claimed", "Klaim"),
    "published": ("Published index", "Indeks terbit"),
    "published_short": ("Index", "Indeks"),
    "agreement_line": (
        "Panel agreement (Krippendorff's alpha, interval): {alpha} over {units} "
        "indicator(s) reviewed twice or more; by dimension: {dims}",
        "Kesepakatan panel (alpha Krippendorff, interval): {alpha} atas {units} "
        "indikator yang ditinjau dua kali atau lebih; per dimensi: {dims}",
    ),
    "assessor_offsets": (
        "Each assessor's mean distance from the panel's median, in points (+ lenient, "
        "− harsh): {offsets}",
        "Rata-rata selisih tiap asesor dari median panel, dalam poin (+ longgar, "
        "− ketat): {offsets}",
    ),
    "at_risk_lowest": (
        "Would lose their seat at the lowest reviewer's scores on disputed indicators",
        "Akan kehilangan kursi bila indikator yang diperdebatkan memakai skor peninjau terendah",
    ),
    "at_risk_highest": (
        "Would win a seat at the highest reviewer's scores on disputed indicators",
        "Akan mendapat kursi bila indikator yang diperdebatkan memakai skor peninjau tertinggi",
    ),
    "selected_on_claims": ("Selected on own answers", "Terpilih atas jawaban sendiri"),
    "name_rank": ("{name} (rank {rank})", "{name} (peringkat {rank})"),
    "panel_title": ("What the panel changed", "Yang diubah oleh panel asesor"),
    "lost_seat": (
        "Selected on their own answers, not on the verified ones",
        "Terpilih berdasarkan jawaban sendiri, tidak setelah verifikasi",
    ),
    "won_seat": (
        "Selected on the verified answers only",
        "Terpilih hanya setelah verifikasi",
    ),
    "panel_line": (
        "Claimed: {claimed} / 100, verified by {count} assessor(s): {assessors}",
        "Klaim: {claimed} / 100, diverifikasi oleh {count} asesor: {assessors}",
    ),
    "verified_score": ("Verified", "Terverifikasi"),
    "reviewers": ("Reviewers", "Peninjau"),
    "disagreements": ("Disagreements", "Perbedaan pendapat"),
    # `template --review`
    "review_for": ("Review of {name} ({id})", "Tinjauan atas {name} ({id})"),
    "review_how": (
        "Each answer below is the region's own, commented out. Uncomment every answer you\n"
        "verified, and change it where the evidence shows otherwise; null means claimed\n"
        "but not evidenced (it scores 0). Lines left commented are not reviewed.",
        "Setiap jawaban di bawah adalah jawaban daerah sendiri, dalam komentar. Hapus tanda\n"
        "komentar pada setiap jawaban yang Anda verifikasi, dan ubah bila bukti menunjukkan\n"
        "lain; null berarti diklaim tetapi tanpa bukti (skor 0). Baris yang tetap dalam\n"
        "komentar tidak ditinjau.",
    ),
    "review_assessor": ("assessor-id", "id-asesor"),
    "review_assessor_rule": (
        "your assessor id: lower case, digits, '-' and '_'",
        "id asesor Anda: huruf kecil, angka, '-' dan '_'",
    ),
    "review_notes": (
        "indicator id: what you found, e.g. the document seen",
        "id indikator: temuan Anda, mis. dokumen yang diperiksa",
    ),
    # `template`
    "template_for": ("Region file for: {title}", "Berkas daerah untuk: {title}"),
    "template_criteria": ("Criteria {id} version {version}.", "Kriteria {id} versi {version}."),
    "template_completion": ("Editor completion", "Pelengkapan otomatis di editor"),
    "template_fill_in": (
        "Fill in each answer; leave it empty (null) when you cannot answer.",
        "Isi setiap jawaban; biarkan kosong (null) bila tidak dapat menjawab.",
    ),
    "template_region_id": ("region-id", "id-daerah"),
    "template_id_rule": (
        "lower case, digits, '-' and '_': e.g. {example}",
        "huruf kecil, angka, '-' dan '_': mis. {example}",
    ),
    "template_region_name": ("Region name", "Nama daerah"),
    "template_kind": ("e.g. kota or kabupaten", "mis. kota atau kabupaten"),
    "template_tag": ("counted by quota {quotas}", "dihitung oleh kuota {quotas}"),
    "template_evidence": (
        "indicator id: document that backs the answer",
        "id indikator: dokumen yang mendukung jawaban",
    ),
    "template_required": ("REQUIRED", "WAJIB DIISI"),
    # `export xlsform`: the form's own questions and choices
    "form_region_id": ("Region id", "Id daerah"),
    "form_region_kind": ("Kind of region", "Jenis daerah"),
    "form_region_code": ("Region code", "Kode wilayah"),
    "form_region_tag": ("Region tag: {key}", "Tanda daerah: {key}"),
    "form_evidence": ("Evidence for the answer above", "Bukti untuk jawaban di atas"),
    "form_evidence_hint": (
        "A document, regulation or link that backs the answer (optional).",
        "Dokumen, peraturan atau tautan yang mendukung jawaban (opsional).",
    ),
    "form_yes": ("Yes", "Ya"),
    "form_no": ("No", "Tidak"),
    "form_none": ("None of these", "Tidak satu pun"),
    "form_none_alone": (
        "'None of these' cannot be chosen together with another option.",
        "'Tidak satu pun' tidak dapat dipilih bersama pilihan lain.",
    ),
    # `trend`
    "trend_title": ("Trend over assessment rounds", "Tren antarputaran penilaian"),
    "trend_head": (
        "{count} region(s) over {rounds} rounds: {labels}",
        "{count} daerah dalam {rounds} putaran: {labels}",
    ),
    "trend_round_line": (
        "{label}: {files} file(s), {ranked} ranked, {invalid} invalid, {selected} selected",
        "{label}: {files} berkas, {ranked} diperingkat, {invalid} tidak valid, {selected} terpilih",
    ),
    "rounds": ("Rounds", "Putaran"),
    "trend_cells": (
        "Each round: rank (✔ selected) · total.",
        "Setiap putaran: peringkat (✔ terpilih) · total.",
    ),
    "note": ("Note", "Catatan"),
    "trend_only_in": ("only in {rounds}", "hanya ada di {rounds}"),
    "trend_not_in": ("not in {rounds}", "tidak ada di {rounds}"),
    "moved_most": (
        "Who moved most, first round to last",
        "Perubahan terbesar, putaran awal ke akhir",
    ),
    "move_rank_rise": ("Largest rise in rank", "Kenaikan peringkat terbesar"),
    "move_rank_fall": ("Largest fall in rank", "Penurunan peringkat terbesar"),
    "move_total_rise": ("Largest rise in total", "Kenaikan total terbesar"),
    "move_total_fall": ("Largest fall in total", "Penurunan total terbesar"),
    "chart_trend": ("Total by round", "Total per putaran"),
    "trend_levels_hidden": (
        "Levels per round are left out at this width: see --format json, csv, markdown or html.",
        "Tingkat per putaran tidak ditampilkan pada lebar ini: lihat --format json, csv, "
        "markdown atau html.",
    ),
    "done_trend": (
        "{files} file(s) in {rounds} rounds: {regions} region(s), {invalid} invalid",
        "{files} berkas dalam {rounds} putaran: {regions} daerah, {invalid} tidak valid",
    ),
}


def t(key: str, lang: str | None, /, **values: object) -> str:
    """The label `key` in `lang` (English unless `lang` is 'id').

    A label with `{name}` fields takes their values as keywords, so each language
    can put them where its word order wants them.
    """
    english, indonesian = _LABELS[key]
    label = indonesian if lang == "id" else english
    return label.format(**values) if values else label


def keys() -> list[str]:
    return list(_LABELS)


def selected_by_text(selected_by: str | None, lang: str | None) -> str:
    """How a region got its seat, for people: `✔ merit`, `✔ quota kabupaten-min`."""
    if selected_by is None:
        return ""
    if selected_by == "merit":
        return f"✔ {t('merit', lang)}"
    return f"✔ {t('quota', lang)} {selected_by.split(':', 1)[1]}"


def decimal(value: float, places: int, lang: str | None) -> str:
    """`value` with `places` decimals and the decimal mark of `lang`: `62,50` in Indonesian,
    `62.50` otherwise. For what people read (terminal, Markdown, HTML); JSON and CSV keep the
    point (CSV has `--csv-dialect excel-id` for a comma)."""
    return numeral(f"{value:.{places}f}", lang)


def number_text(value: float | None, lang: str | None = None) -> str:
    """A score or total as people read it: two decimals with the decimal mark of `lang`,
    `—` for none."""
    return "—" if value is None else decimal(value, 2, lang)


def numeral(number: str, lang: str | None) -> str:
    """A number written with a decimal point (`62.5`, `≥ 62.5`), with the decimal mark of
    `lang`. Only for a string that is a number: a name may hold a point (`Kab. Agam`)."""
    return number.replace(".", ",") if lang == "id" else number

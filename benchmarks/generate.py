#!/usr/bin/env python3
"""Write N synthetic, valid region files for a criteria file (deterministic for a seed).

    python benchmarks/generate.py --criteria criteria/kominfo-readiness-2022.yaml \
        --count 10000 --out /tmp/bench/10k [--seed 0] [--size 4096]

Every answer is derived from the criteria file itself (indicator types, options,
ranges, scoring), so the generator works for any criteria set. Each applicant has
a hidden readiness between 0 and 1; its answers scatter around that readiness, so
the totals spread over every level, some regions fail gates, and a few questions
are left unanswered (never a required one). Free-text `evidence` notes pad each
file to about `--size` bytes, like an applicant's real file.

File `i` depends only on the seed and on `i`: the first 10,000 files of a 75,000
file set are the 10,000 file set. Files go to `OUT/<province>/<region-id>.yaml`.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml

from smartcity_score.criteria_sets import load_criteria
from smartcity_score.models import (
    BandsScoring,
    BooleanIndicator,
    ChoiceIndicator,
    Group,
    Indicator,
    MultiIndicator,
    NumberIndicator,
    ScaleIndicator,
    text,
)

# Province -> (Kemendagri code, island group). 38 provinces.
PROVINCES: dict[str, tuple[str, str]] = {
    "Aceh": ("11", "sumatera"),
    "Sumatera Utara": ("12", "sumatera"),
    "Sumatera Barat": ("13", "sumatera"),
    "Riau": ("14", "sumatera"),
    "Jambi": ("15", "sumatera"),
    "Sumatera Selatan": ("16", "sumatera"),
    "Bengkulu": ("17", "sumatera"),
    "Lampung": ("18", "sumatera"),
    "Kepulauan Bangka Belitung": ("19", "sumatera"),
    "Kepulauan Riau": ("21", "sumatera"),
    "DKI Jakarta": ("31", "jawa"),
    "Jawa Barat": ("32", "jawa"),
    "Jawa Tengah": ("33", "jawa"),
    "Daerah Istimewa Yogyakarta": ("34", "jawa"),
    "Jawa Timur": ("35", "jawa"),
    "Banten": ("36", "jawa"),
    "Bali": ("51", "bali-nusa-tenggara"),
    "Nusa Tenggara Barat": ("52", "bali-nusa-tenggara"),
    "Nusa Tenggara Timur": ("53", "bali-nusa-tenggara"),
    "Kalimantan Barat": ("61", "kalimantan"),
    "Kalimantan Tengah": ("62", "kalimantan"),
    "Kalimantan Selatan": ("63", "kalimantan"),
    "Kalimantan Timur": ("64", "kalimantan"),
    "Kalimantan Utara": ("65", "kalimantan"),
    "Sulawesi Utara": ("71", "sulawesi"),
    "Sulawesi Tengah": ("72", "sulawesi"),
    "Sulawesi Selatan": ("73", "sulawesi"),
    "Sulawesi Tenggara": ("74", "sulawesi"),
    "Gorontalo": ("75", "sulawesi"),
    "Sulawesi Barat": ("76", "sulawesi"),
    "Maluku": ("81", "maluku"),
    "Maluku Utara": ("82", "maluku"),
    "Papua": ("91", "papua"),
    "Papua Barat": ("92", "papua"),
    "Papua Selatan": ("93", "papua"),
    "Papua Tengah": ("94", "papua"),
    "Papua Pegunungan": ("95", "papua"),
    "Papua Barat Daya": ("96", "papua"),
}
PROVINCE_NAMES = tuple(PROVINCES)

# Place names are built from these; the id gets a serial number, so it is always unique.
FIRST = (
    "Tanjung", "Sungai", "Bukit", "Pulau", "Muara", "Teluk", "Batu", "Padang", "Kuala",
    "Air", "Lubuk", "Pematang", "Rantau", "Tebing", "Kota", "Gunung", "Labuhan", "Pangkalan",
)  # fmt: skip
ROOTS = (
    "sari", "jaya", "mulya", "rejo", "harjo", "makmur", "baru", "lama", "indah", "raya",
    "agung", "wangi", "tengah", "timur", "barat", "kencana", "permai", "sejahtera", "asri",
    "damai", "lestari", "mekar", "sentosa", "bahari",
)  # fmt: skip
SYLLABLES = ("ka", "ma", "ra", "ti", "lo", "bu", "se", "wa", "ngi", "pa", "du", "go", "tu", "ja")

# Evidence notes: an applicant cites a document, a data source or a meeting.
DOCUMENTS = (
    "{head} Nomor {n} Tahun {year} tentang {topic}",
    "Keputusan Kepala Dinas Komunikasi dan Informatika Nomor {n}/{m}/{year} tentang {topic}",
    "Laporan {source} tahun {year}, tabel {m}.{n2}, diunggah ke portal asesmen",
    "Notulen rapat koordinasi {topic} tanggal {day} {month} {year}, ditandatangani Sekda",
    "Dokumen {topic} (versi {m}.{n2}), disahkan {day} {month} {year}",
    "Surat Edaran Sekretaris Daerah Nomor {n}/{m}/SE/{year} mengenai {topic}",
)
SUFFIXES = (
    "Salinan lengkap tersedia di portal JDIH daerah.",
    "Bukti foto kegiatan dan daftar hadir dilampirkan.",
    "Data diverifikasi oleh tim asesor pada kunjungan lapangan.",
    "Angka dihitung ulang oleh Bappeda dari data dinas teknis.",
    "Tautan dokumen: https://jdih.example.go.id/dokumen/{n}",
    "Masih dalam proses harmonisasi di bagian hukum.",
    "Realisasi anggaran per 31 Desember mengacu pada LKPD yang telah diaudit BPK.",
)
TOPICS = (
    "penyelenggaraan kota cerdas", "sistem pemerintahan berbasis elektronik",
    "satu data daerah", "masterplan smart city", "tata kelola teknologi informasi",
    "pengelolaan pengaduan masyarakat", "keamanan informasi", "pusat data daerah",
    "percepatan transformasi digital", "rencana aksi daerah",
)  # fmt: skip
SOURCES = ("BPS", "Bappeda", "Dinas Kominfo", "BPKAD", "Dinas PUPR", "PLN UP3", "Kemendagri")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip

UNANSWERED = 0.03  # chance that an optional question is left unanswered
KOTA_SHARE = 0.2  # about 98 kota for 416 kabupaten in Indonesia
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_ .-]*$")


@dataclass(frozen=True)
class Section:
    """A top-level dimension: a comment line, then its indicators' answers."""

    title: str
    indicators: tuple[Indicator, ...]


def sections(dimensions: Sequence[Group], lang: str) -> list[Section]:
    """The indicators of each top-level dimension, in file order."""
    return [Section(text(group.title, lang), tuple(_indicators(group))) for group in dimensions]


def _indicators(group: Group) -> Iterator[Indicator]:
    if group.dimensions is not None:
        for child in group.dimensions:
            yield from _indicators(child)
    else:
        yield from group.indicators or ()


@cache
def scalar(value: str) -> str:
    """`value` as a YAML string: plain when it reads back as itself, else double-quoted."""
    if _PLAIN.match(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def answer(indicator: Indicator, quality: float, rng: random.Random) -> str:
    """A valid answer (as YAML) of the given quality: 0 is the worst, 1 the best."""
    if isinstance(indicator, BooleanIndicator):
        good = indicator.score_yes >= indicator.score_no
        value = good if rng.random() < 0.1 + 0.85 * quality else not good
        return "true" if value else "false"
    if isinstance(indicator, ChoiceIndicator):
        ranked = sorted(indicator.options, key=lambda option: option.score)
        return scalar(ranked[round(quality * (len(ranked) - 1))].id)
    if isinstance(indicator, MultiIndicator):
        chosen = [o.id for o in indicator.options if rng.random() < 0.05 + 0.8 * quality]
        return "[" + ", ".join(scalar(option) for option in chosen) + "]"
    if isinstance(indicator, ScaleIndicator):
        return str(indicator.min + round(quality * (indicator.max - indicator.min)))
    return _number(indicator, quality, rng)


def _number(indicator: NumberIndicator, quality: float, rng: random.Random) -> str:
    scoring = indicator.scoring
    whole = False
    if isinstance(scoring, BandsScoring):
        starts = [band.from_ for band in scoring.bands]
        by_score = sorted(range(len(starts)), key=lambda i: scoring.bands[i].score)
        band = by_score[round(quality * (len(by_score) - 1))]
        low = starts[band]
        step = starts[band] - starts[band - 1] if band else 1.0
        high = starts[band + 1] if band + 1 < len(starts) else low + 2 * step
        x = rng.uniform(low, high)
        span = starts[-1] - starts[0] or 1.0
        # Bands starting at 0, 1, 5, ... count things (staff, offices): whole numbers.
        whole = (
            all(s.is_integer() for s in starts)
            and min((b - a for a, b in pairwise(starts)), default=2.0) <= 1
        )
    else:
        # A little beyond both ends, so that some answers hit the clamp at 0 and 100.
        x = scoring.worst + (scoring.best - scoring.worst) * (1.3 * quality - 0.15)
        span = abs(scoring.best - scoring.worst)
    low_end = -math.inf if indicator.min is None else indicator.min
    high_end = math.inf if indicator.max is None else indicator.max
    x = min(max(x, low_end), high_end)
    if whole:
        return str(max(int(x), math.ceil(low_end)))
    # Always with a dot (YAML 1.1 reads `5e-3` as a string), and never rounded out of range.
    for decimals in range(1 if span >= 10 else 2, 18):
        written = f"{x:.{decimals}f}"
        if low_end <= float(written) <= high_end:
            return written
    return f"{x:.17f}"


def evidence_note(rng: random.Random, kind: str) -> str:
    year = rng.randint(2016, 2022)
    fields = {
        "head": "Peraturan Wali Kota" if kind == "kota" else "Peraturan Bupati",
        "n": rng.randint(1, 120),
        "n2": rng.randint(1, 9),
        "m": rng.randint(1, 12),
        "year": year,
        "day": rng.randint(1, 28),
        "month": rng.choice(MONTHS),
        "topic": rng.choice(TOPICS),
        "source": rng.choice(SOURCES),
    }
    note = rng.choice(DOCUMENTS).format(**fields) + "."
    if rng.random() < 0.6:
        note += " " + rng.choice(SUFFIXES).format(**fields)
    return note


def place_name(rng: random.Random) -> str:
    root = rng.choice(ROOTS)
    if rng.random() < 0.5:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        return f"{stem.capitalize()}{root}"
    return f"{rng.choice(FIRST)} {root.capitalize()}"


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def region_file(
    index: int,
    seed: int,
    criteria_id: str,
    parts: Sequence[Section],
    size: int,
    gated: frozenset[str] = frozenset(),
) -> tuple[str, str, str]:
    """(province folder, region id, file text) of applicant number `index`."""
    rng = random.Random(f"{seed}/{index}")
    kind = "kota" if rng.random() < KOTA_SHARE else "kabupaten"
    name = f"{kind.capitalize()} {place_name(rng)}"
    region_id = f"{slug(name)}-{index:06d}"
    province = rng.choice(PROVINCE_NAMES)
    code, island = PROVINCES[province]
    # Readiness piles up in the middle, with tails towards both ends.
    readiness = rng.betavariate(2.2, 2.2)
    lines = [
        f"# Synthetic applicant {index} (seed {seed}), written by benchmarks/generate.py.",
        "schema: smartcity-score/region/v1",
        f"criteria: {scalar(criteria_id)}",
        "region:",
        f"  id: {region_id}",
        f"  name: {scalar(name)}",
        f"  kind: {kind}",
        f"  province: {scalar(province)}",
        f'  code: "{code}.{rng.randint(71, 79) if kind == "kota" else rng.randint(1, 40):02d}"',
        "  tags:",
        f"    island: {island}",
        "answers:",
    ]
    answered: list[str] = []
    for part in parts:
        lines.append(f"  # {part.title}")
        for indicator in part.indicators:
            if not indicator.required and rng.random() < UNANSWERED:
                if rng.random() < 0.5:
                    lines.append(f"  {indicator.id}: null")
                continue
            quality = min(1.0, max(0.0, rng.gauss(readiness, 0.18)))
            if indicator.id in gated:
                # Most applicants meet the hard conditions: only some fail an answer gate.
                quality = 1.0 - 0.25 * (1.0 - quality)
            lines.append(f"  {indicator.id}: {answer(indicator, quality, rng)}")
            answered.append(indicator.id)
    body = "\n".join(lines) + "\n"
    target = size * rng.uniform(0.75, 1.25)
    notes: dict[int, str] = {}
    length = len(body.encode()) + len("evidence:\n")
    for position in rng.sample(range(len(answered)), len(answered)):
        if length >= target:
            break
        note = json.dumps(evidence_note(rng, kind), ensure_ascii=False)
        notes[position] = f"  {answered[position]}: {note}"
        length += len(notes[position].encode()) + 1
    if notes:
        # In questionnaire order, as a person fills the form in.
        body += "evidence:\n" + "\n".join(notes[i] for i in sorted(notes)) + "\n"
    return slug(province), region_id, body


def generate(criteria: Path, count: int, out: Path, seed: int = 0, size: int = 4096) -> int:
    """Write `count` region files under `out` (which must be empty); return the bytes written."""
    loaded = load_criteria(criteria, str(criteria))
    parts = sections(loaded.criteria.dimensions, "id")
    gated = frozenset(g.answer for g in loaded.criteria.gates if g.answer is not None)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"generate: {out} is not empty; choose a new folder")
    out.mkdir(parents=True, exist_ok=True)
    made: set[str] = set()
    written = 0
    for index in range(count):
        folder, region_id, body = region_file(index, seed, loaded.criteria.id, parts, size, gated)
        if folder not in made:
            (out / folder).mkdir(exist_ok=True)
            made.add(folder)
        data = body.encode()
        (out / folder / f"{region_id}.yaml").write_bytes(data)
        written += len(data)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--criteria", type=Path, required=True, help="criteria file")
    parser.add_argument("--count", type=int, required=True, help="number of region files")
    parser.add_argument("--out", type=Path, required=True, help="new or empty output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--size", type=int, default=4096, help="mean file size in bytes")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    started = time.perf_counter()
    written = generate(args.criteria, args.count, args.out, args.seed, args.size)
    elapsed = time.perf_counter() - started
    mean = written / args.count if args.count else 0
    sys.stderr.write(
        f"generate: {args.count} files, {written / 1e6:.1f} MB (mean {mean:.0f} B) "
        f"in {args.out} in {elapsed:.1f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

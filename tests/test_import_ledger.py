"""The ledger `import` keeps on disk: a false "maybe seen" of its Bloom filter never
changes what is written or said, and records come back as they went in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from smartcity_score import import_ledger
from smartcity_score.import_ledger import Ledger, Pending, Seen, WrittenFiles
from smartcity_score.problems import Problem
from tests.test_import import GOOD, SMALL, Cli, _kobo, _submitted


def test_an_id_seen_before_is_always_a_maybe() -> None:
    seen = Seen()
    ids = [f"region-{n}" for n in range(5000)]
    assert sum(seen.add(i) for i in ids) <= 1  # a false "maybe" is possible, not likely
    assert all(seen.add(i) for i in ids)


def test_records_come_back_in_order_as_they_went_in() -> None:
    zone = timezone(timedelta(hours=7))
    problem = Problem.of("a.csv", 3, 2, "bad", "bad-cell")
    added = [
        Pending("a.csv", 2, "kota-satu", 3, datetime(2022, 3, 2, 10, 0, 0, 123456, zone), []),
        Pending("a.csv", 3, None, 1, None, [problem], (0, 0)),
        Pending("b.csv", 2, "kabupaten-ŝ", 4, datetime(1, 1, 1, tzinfo=UTC), [], (10, 20)),
    ]
    ledger = Ledger()
    try:
        for pending in added:
            ledger.add(pending)
        for _ in range(2):  # read twice: resolving repeats, then writing
            assert list(ledger) == added
        ledger.problems_of(0).append(problem)
        assert [p.problems for p in ledger] == [[problem], [problem], []]
    finally:
        ledger.close()


def test_the_files_written_are_listed_in_order() -> None:
    written = WrittenFiles()
    for row in range(2, 5):
        written.append((f"out/r{row}.yaml", Pending("a.csv", row, None, 1, None, [])))
    assert len(written) == 3
    assert [(path, s.file, s.row) for path, s in written] == [
        ("out/r2.yaml", "a.csv", 2),
        ("out/r3.yaml", "a.csv", 3),
        ("out/r4.yaml", "a.csv", 4),
    ]


@pytest.mark.parametrize("keep", [(), ("--keep", "latest")])
def test_a_filter_that_always_says_maybe_changes_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: tuple[str, ...]
) -> None:
    rows = (
        _submitted("kota-satu", "uuid:1", "2022-03-02T10:00:00+07:00"),
        _submitted("kota-dua", "uuid:2", "2022-03-01T10:00:00"),
        _submitted("kota-satu", "uuid:3", "2022-03-02T04:00:00Z"),
        GOOD.replace("kota-satu", "kota-tiga").replace(";ya;", ";mungkin;"),
        _submitted("kota-empat", "uuid:5", "2022-03-01T10:00:00"),
    )
    export = tmp_path / "kobo.csv"
    export.write_text(_kobo(*rows), encoding="utf-8")

    def run(into: str) -> tuple[int, str, str, list[str]]:
        result = cli("import", export, "--into", tmp_path / into, "-c", SMALL, *keep)
        out = result.out.replace(str(tmp_path / into), "OUT")
        names = sorted(p.name for p in (tmp_path / into).iterdir())
        return result.code, out, result.err.replace(str(tmp_path / into), "OUT"), names

    plain = run("plain")
    monkeypatch.setattr(import_ledger.Seen, "add", lambda self, text: True)
    assert run("maybe") == plain
    assert "kota-dua.yaml" in plain[3]

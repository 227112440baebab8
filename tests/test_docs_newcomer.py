"""A criteria file written from docs/ alone passes `check --strict` and scores as the docs
say (tests/data/newcomer/README.md)."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import REPO, Result

Cli = Callable[..., Result]
HERE = REPO / "tests" / "data" / "newcomer"
CRITERIA = HERE / "desa-digital.yaml"


def test_the_newcomers_file_passes_check_strict_with_its_examples(cli: Cli) -> None:
    result = cli("check", "--strict", CRITERIA, "--examples", HERE / "regions")
    assert (result.code, result.out) == (0, "")
    assert result.err == "4 file(s) checked: 0 error(s), 0 warning(s)\n"


def test_the_totals_worked_out_by_hand_from_the_docs(cli: Cli) -> None:
    data = json.loads(cli("rank", HERE / "regions", "-c", CRITERIA, "-f", "json").out)
    got = {
        r["region"]["id"]: (r["rank"], r["score"], r["published"], r["level"], r["selected"])
        for r in data["results"]
    }
    # (3·100 + 2·80 + 2·83.75 + 1·65) / 8 = 86.5625, on 0–5: 4.33
    assert got["desa-sukamaju"] == (1, 86.5625, 4.33, "mandiri", True)
    assert got["kelurahan-sidomulyo"] == (2, 76.674304, 3.83, "maju", False)
    assert got["desa-wonorejo"] == (3, 58.493838, 2.92, "berkembang", False)
    sidomulyo = next(r for r in data["results"] if r["region"]["id"] == "kelurahan-sidomulyo")
    # geometric: exp((2·ln 100 + ln 10 + ln 33.33) / 4) = 42.728701
    assert sidomulyo["scores"]["tata_kelola"] == 42.728701
    assert sidomulyo["failed_gates"] == ["perdes_berproses"]
    wonorejo = next(r for r in data["results"] if r["region"]["id"] == "desa-wonorejo")
    assert wonorejo["reason"] == (
        "tags.kabupaten banyumas already has its 1 seat (quota per-kabupaten)"
    )
    assert data["warnings"] == [
        "only 1 of 2 seat(s) filled: 2 region(s) are eligible and the quotas allow no more"
    ]

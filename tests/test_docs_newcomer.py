"""A criteria file written from docs/ alone passes `check --strict` and scores as the docs
say (tests/data/newcomer/README.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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


def test_check_ignore_waves_a_warning_rule_through_but_never_an_error(cli: Cli) -> None:
    """A set meant to score against its cohort can pass `check --strict` in CI."""
    cohort = HERE / "minmax.yaml"
    warned = cli("check", "--strict", cohort)
    assert warned.code == 1
    assert warned.out.endswith(
        "minmax.yaml:206:27: warning scores of 'anggaran_tik_pct' depend on the cohort: its "
        "goalposts are the lowest and highest answers of the regions scored together "
        "[cohort-scoring]\n"
    )
    passed = cli("check", "--strict", "--ignore", "cohort-scoring", cohort)
    assert (passed.code, passed.out) == (0, "")
    assert passed.err == "1 file(s) checked: 0 error(s), 0 warning(s)\n"
    refused = cli("check", "--ignore", "duplicate-id", cohort)
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "smartcity-score: error: --ignore duplicate-id: an error cannot be ignored, only a "
        "warning\n"
    )
    typo = cli("check", "--ignore", "cohort-scorin", cohort)
    assert typo.code == 2
    assert typo.err == (
        "smartcity-score: error: --ignore cohort-scorin: no such rule (did you mean "
        "'cohort-scoring'? see check --list-rules)\n"
    )


def test_template_asks_for_the_tags_the_quotas_count_by(cli: Cli) -> None:
    lines = cli("template", "-c", CRITERIA, "--lang", "en").out.splitlines()
    at = lines.index("  province:")
    assert lines[at + 1 : at + 4] == [
        "  tags:",
        "    kabupaten:  # counted by quota per-kabupaten",
        "answers:",
    ]


def test_a_tag_left_empty_as_template_writes_it_counts_toward_no_quota(
    cli: Cli, tmp_path: Path
) -> None:
    """`template` writes `kabupaten:` empty under `tags:`; left so, it is no tag at all."""
    for source in (HERE / "regions").iterdir():
        text = source.read_text(encoding="utf-8")
        if source.name == "desa-wonorejo.yaml":
            text = text.replace("tags: {kabupaten: banyumas}", "tags:\n    kabupaten:\n")
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    data = json.loads(cli("rank", tmp_path, "-c", CRITERIA, "-f", "json").out)
    wonorejo = next(r for r in data["results"] if r["region"]["id"] == "desa-wonorejo")
    assert (wonorejo["selected"], wonorejo["region"].get("tags")) == (True, None)
    assert data["warnings"] == []
    template = cli("template", "-c", CRITERIA).out
    assert "  tags:\n    kabupaten:  # " in template

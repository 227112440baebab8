"""`rank` end to end through the real command line, on small hand-made folders."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

CRITERIA = """
schema: smartcity-score/criteria/v1
id: mini
version: "1"
title: {id: Mini, en: Mini}
dimensions:
  - id: policy
    title: Policy
    weight: 2
    indicators:
      - {id: perda, question: Perda, type: choice, options: [{id: draf, score: 20}, {id: perda, score: 100}]}
      - {id: cov, question: Coverage, type: number, min: 0, max: 100, scoring: {method: linear, worst: 0, best: 100}}
  - id: people
    title: People
    indicators:
      - {id: commit, question: Commitment, type: boolean, required: true}
      - {id: spbe, question: SPBE, type: scale, min: 1, max: 5}
gates:
  - {id: commitment, answer: commit, equals: true}
tie_breakers: [people]
levels:
  - {id: high, at_least: 60, label: High}
  - {id: low, at_least: 0, label: Low}
selection:
  count: 2
  quotas:
    - {id: kab, field: kind, equals: kabupaten, min: 1}
"""


def region(rid: str, kind: str, perda: str, cov: float, commit: bool, spbe: int) -> str:
    return f"""
schema: smartcity-score/region/v1
criteria: mini
region: {{id: {rid}, name: {rid.title()}, kind: {kind}, province: P}}
answers: {{perda: {perda}, cov: {cov}, commit: {str(commit).lower()}, spbe: {spbe}}}
"""


# policy = (perda + cov) / 2 ; people = (commit*100 + 25*(spbe-1)) / 2 ; total = (2*policy + people) / 3
REGIONS = {
    "a": ("kota", "perda", 90, True, 5),  # policy 95, people 100, total 96.666667
    "b": ("kota", "perda", 80, True, 3),  # policy 90, people 75, total 85
    "c": ("kota", "perda", 80, False, 5),  # policy 90, people 50, total 76.666667 (ineligible)
    "d": ("kabupaten", "draf", 60, True, 3),  # policy 40, people 75, total 51.666667
    "e": ("kabupaten", "draf", 60, True, 3),  # the same answers as d: an exact tie
}


@pytest.fixture
def folder(tmp_path: Path, write: Callable[[str, str], Path]) -> Path:
    write("criteria.yaml", CRITERIA)
    for rid, values in REGIONS.items():
        write(f"applicants/{rid}.yaml", region(rid, *values))
    return tmp_path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def rank_json(cli: Callable[..., Result], *args: str | Path) -> tuple[Result, dict]:
    result = cli("rank", *args, "-f", "json")
    return result, json.loads(result.out)


def test_rank_orders_selects_and_explains(folder: Path, cli: Callable[..., Result]) -> None:
    result, data = rank_json(cli, folder / "applicants", "-c", folder / "criteria.yaml")
    assert result.code == 0
    rows = [
        (r["region"]["id"], r["score"], r["rank"], r["eligible"], r["selected_by"], r["level"])
        for r in data["results"]
    ]
    assert rows == [
        ("a", 96.666667, 1, True, "merit", "high"),
        ("b", 85.0, 2, True, None, "high"),
        ("c", 76.666667, 3, False, None, "high"),
        ("d", 51.666667, 4, True, "quota:kab", "low"),
        ("e", 51.666667, 4, True, None, "low"),
    ]
    assert data["results"][2]["failed_gates"] == ["commitment"]
    # every group and indicator, in the criteria file's order: each group, then its children
    assert list(data["results"][0]["scores"]) == [
        "policy",
        "perda",
        "cov",
        "people",
        "commit",
        "spbe",
    ]
    assert data["results"][0]["scores"] == {
        "policy": 95.0,
        "perda": 100.0,
        "cov": 90.0,
        "people": 100.0,
        "commit": 100.0,
        "spbe": 100.0,
    }
    assert data["criteria"]["id"] == "mini"
    assert len(data["criteria"]["sha256"]) == 64
    assert data["warnings"] == [
        "B (rank 2) gave up its seat to D (rank 4) for quota 'kab'",
        "the cut falls inside a tie at rank 4: selected D; left out E",
    ]
    # Each region out of merit order says why; a merit pick and an ineligible one need not.
    assert [r["reason"] for r in data["results"]] == [
        None,
        "seat given to D (rank 4) for quota kab",
        None,
        "selected for quota kab in place of B (rank 2)",
        "below the cut",
    ]
    assert data["errors"] == []


def test_select_overrides_the_count(folder: Path, cli: Callable[..., Result]) -> None:
    _, data = rank_json(cli, folder / "applicants", "-c", folder / "criteria.yaml", "--select", "3")
    assert [r["region"]["id"] for r in data["results"] if r["selected"]] == ["a", "b", "d"]


def test_output_is_identical_whatever_the_file_order_and_worker_count(
    folder: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    criteria = folder / "criteria.yaml"
    many = tmp_path / "many"
    many.mkdir()
    rng = random.Random(7)
    for i in range(300):
        values = (
            rng.choice(["kota", "kabupaten"]),
            rng.choice(["draf", "perda"]),
            rng.randint(0, 100),
            rng.random() > 0.1,
            rng.randint(1, 5),
        )
        (many / f"r{i:03}.yaml").write_text(region(f"r{i:03}", *values), encoding="utf-8")
    first = cli("rank", many, "-c", criteria, "-f", "json", "--workers", "1")
    second = cli("rank", many, "-c", criteria, "-f", "json", "--workers", "2")
    assert first.code == second.code == 0
    assert first.out == second.out
    # The same files found in another order (renamed, so the file system lists them otherwise).
    shuffled = tmp_path / "shuffled"
    shutil.copytree(many, shuffled)
    names = sorted(p.name for p in shuffled.iterdir())
    rng.shuffle(names)
    sub = shuffled / "sub"
    sub.mkdir()
    for name in names[:150]:
        (shuffled / name).rename(sub / name)
    third = cli("rank", shuffled, "-c", criteria, "-f", "json", "--workers", "2")
    strip = [{k: v for k, v in r.items() if k != "file"} for r in json.loads(third.out)["results"]]
    assert strip == [
        {k: v for k, v in r.items() if k != "file"} for r in json.loads(first.out)["results"]
    ]


def test_files_sent_to_workers_while_the_walk_goes_on_give_the_same_report(
    folder: Path, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """`rank` with workers hands files out as the walk finds them (`batch.run_streamed`):
    several chunks' worth in nested folders, a repeated id, broken files, a file reached
    three times (in the walk, through a link and by name) report exactly as one process does."""
    criteria = folder / "criteria.yaml"
    tree = tmp_path / "tree"
    rng = random.Random(3)
    for i in range(700):
        sub = tree / f"p{i % 7}" / ("deep" if i % 3 else "")
        sub.mkdir(parents=True, exist_ok=True)
        values = ("kota", "perda", rng.randint(0, 100), True, rng.randint(1, 5))
        rid = "twice" if i in (5, 600) else f"r{i:03}"
        (sub / f"r{i:03}.yaml").write_text(region(rid, *values), encoding="utf-8")
    (tree / "p1" / "broken.yaml").write_text("answers: [\n", encoding="utf-8")
    (tree / "p2" / "invalid.yaml").write_text("schema: x\n", encoding="utf-8")
    (tree / "p3" / "link.yml").symlink_to(tree / "p0" / "r000.yaml")
    named = tree / "p0" / "r000.yaml"
    args = ("rank", tree, named, "-c", criteria, "-f", "json")
    one = cli(*args, "--workers", "1")
    two = cli(*args, "--workers", "2")
    assert one.code == two.code == 1
    assert (one.out, one.err) == (two.out, two.err)
    data = json.loads(two.out)
    assert len(data["results"]) == 700 - 2  # the repeated id's two files out; r000 once
    assert {e["file"] for e in data["errors"]} >= {str(tree / "p1" / "broken.yaml")}


def test_bad_files_are_listed_and_the_rest_still_ranked(
    folder: Path, cli: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    write("applicants/broken.yaml", "schema: smartcity-score/region/v1\nregion: [\n")
    write("applicants/copy-of-a.yml", region("a", "kota", "draf", 1, True, 1))
    write("applicants/.hidden.yaml", "not: [valid")
    write("applicants/notes.txt", "ignored")
    result, data = rank_json(cli, folder / "applicants", "-c", folder / "criteria.yaml")
    assert result.code == 1
    assert [r["region"]["id"] for r in data["results"]] == ["b", "c", "d", "e"]
    applicants = folder / "applicants"
    assert data["errors"] == [
        {
            "file": str(applicants / "a.yaml"),
            "line": 3,
            "column": 14,
            "message": f"region id 'a' is also used by {applicants / 'copy-of-a.yml'}; every file "
            "of a repeated id is rejected, since the tool cannot know which one is right",
        },
        {
            "file": str(applicants / "broken.yaml"),
            "line": 3,
            "column": 1,
            "message": "YAML syntax error: did not find expected node content "
            "(while parsing a flow node)",
        },
        {
            "file": str(applicants / "copy-of-a.yml"),
            "line": 3,
            "column": 14,
            "message": f"region id 'a' is also used by {applicants / 'a.yaml'}; every file "
            "of a repeated id is rejected, since the tool cannot know which one is right",
        },
    ]
    assert "Traceback" not in result.err


def test_output_file_is_written_and_inputs_are_never_overwritten(
    folder: Path, cli: Callable[..., Result]
) -> None:
    report = folder / "report.json"
    result = cli(
        "rank", folder / "applicants", "-c", folder / "criteria.yaml", "-f", "json", "-o", report
    )
    assert result.code == 0 and result.out == ""
    assert json.loads(report.read_text())["results"][0]["region"]["id"] == "a"
    assert report.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target = folder / "applicants" / "a.yaml"
    before = target.read_bytes()
    refused = cli("rank", folder / "applicants", "-c", folder / "criteria.yaml", "-o", target)
    assert refused.code == 2
    assert "would overwrite the input" in refused.err or "would be read as an input" in refused.err
    assert target.read_bytes() == before


def test_group_by_ranks_within_each_group(folder: Path, cli: Callable[..., Result]) -> None:
    _, data = rank_json(
        cli, folder / "applicants", "-c", folder / "criteria.yaml", "--group-by", "kind"
    )
    groups = {r["region"]["id"]: r["group"]["rank"] for r in data["results"]}
    assert groups == {"a": 1, "b": 2, "c": 3, "d": 1, "e": 1}
    bad = cli("rank", folder / "applicants", "-c", folder / "criteria.yaml", "--group-by", "colour")
    assert bad.code == 2
    assert "cannot group by 'colour'" in bad.err


def test_csv_has_a_row_per_region_with_dimension_scores(
    folder: Path, cli: Callable[..., Result]
) -> None:
    result = cli("rank", folder / "applicants", "-c", folder / "criteria.yaml", "-f", "csv")
    lines = result.out.splitlines()
    assert lines[0] == (
        "rank,region_id,name,kind,province,file,score,level,eligible,failed_gates,selected,"
        "selected_by,reason,policy,people"
    )
    assert lines[1].startswith("1,a,A,kota,P,")
    assert lines[1].endswith(",96.666667,high,True,,True,merit,,95.0,100.0")
    assert lines[2].endswith(",False,,seat given to D (rank 4) for quota kab,90.0,75.0")
    assert len(lines) == 6


def test_usage_errors_exit_2_without_traceback(folder: Path, cli: Callable[..., Result]) -> None:
    for args in (
        ("rank", folder, "-c", folder / "nope.yaml"),
        ("rank", folder, "-c", folder / "criteria.yaml", "--workers", "0"),
        ("rank", folder, "-c", folder / "criteria.yaml", "-f", "sarif"),
        ("rank", folder, "--no-such-option"),
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert "Traceback" not in result.err + result.out


def test_a_missing_path_is_an_error_not_silence(folder: Path, cli: Callable[..., Result]) -> None:
    typo = folder / "typo"
    result = cli("rank", folder / "applicants", typo, "-c", folder / "criteria.yaml", "-f", "json")
    # A typo on the command line is bad usage (exit 2), not an invalid input: no report.
    assert (result.code, result.out) == (2, "")
    assert result.err == f"smartcity-score: error: no such file or folder: {typo}\n"


def test_check_examples_rejects_every_file_of_a_repeated_region_id(
    folder: Path, cli: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    write("applicants/again.yaml", region("b", "kota", "draf", 5, True, 2))
    result = cli("check", folder / "criteria.yaml", "--examples", folder / "applicants")
    assert result.code == 1
    applicants = folder / "applicants"
    assert [line for line in result.out.splitlines() if " error " in line] == [
        f"{applicants / 'again.yaml'}:3:14: error region id 'b' is also used by "
        f"{applicants / 'b.yaml'}; every file of a repeated id is rejected, since the tool "
        "cannot know which one is right [duplicate-region]",
        f"{applicants / 'b.yaml'}:3:14: error region id 'b' is also used by "
        f"{applicants / 'again.yaml'}; every file of a repeated id is rejected, since the tool "
        "cannot know which one is right [duplicate-region]",
    ]


def test_symlink_loops_and_links_to_the_same_files_are_survived(
    folder: Path, cli: Callable[..., Result]
) -> None:
    applicants = folder / "applicants"
    (applicants / "loop").symlink_to(applicants, target_is_directory=True)
    (applicants / "again.yaml").symlink_to(applicants / "a.yaml")
    result, data = rank_json(cli, applicants, "-c", folder / "criteria.yaml")
    # The loop is reported once, never walked; each file is read once, however many
    # links lead to it.
    assert result.code == 1
    assert [e["message"] for e in data["errors"]] == [
        f"link loop: leads back to {os.path.realpath(applicants)}, which holds it; not followed"
    ]
    assert [r["region"]["id"] for r in data["results"]] == ["a", "b", "c", "d", "e"]

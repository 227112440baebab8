"""Verification by a panel (SPEC §6), each rule checked against numbers worked by hand.

The criteria: two dimensions of equal weight. `a` holds `ready` (yes 100, no 0) and
`plan` (none 0, draft 50, adopted 100); `b` holds `cover` and `extra`, both scored
linearly from 0 to 100. Region A answers ready, adopted, cover 90, extra 50:
a = (100 + 100) / 2 = 100, b = (90 + 50) / 2 = 70, total (100 + 70) / 2 = 85.
Region B answers ready, adopted, cover 80 and leaves `extra` out (scored 0):
a = 100, b = 40, total 70.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smartcity_score.reviews import krippendorff_alpha
from tests.conftest import EXAMPLES, REPO, Result

Cli = Callable[..., Result]
Write = Callable[[str, str], Path]

CRITERIA = """
schema: smartcity-score/criteria/v1
id: mini
version: "1"
title: Mini
{panel}
dimensions:
  - id: a
    title: A
    indicators:
      - {{id: ready, type: boolean, question: Ready?}}
      - id: plan
        type: choice
        question: Plan?
        options: [{{id: none, score: 0}}, {{id: draft, score: 50}}, {{id: adopted, score: 100}}]
  - id: b
    title: B
    indicators:
      - {{id: cover, type: number, question: Cover?, scoring: {{method: linear, worst: 0, best: 100}}}}
      - {{id: extra, type: number, question: Extra?, scoring: {{method: linear, worst: 0, best: 100}}}}
gates:
  - {{id: ready-gate, answer: ready, equals: true}}
  - {{id: b-min, score: b, at_least: 40}}
levels:
  - {{id: high, at_least: 70, label: High}}
  - {{id: low, at_least: 0, label: Low}}
selection: {{count: 1}}
"""

REGION = """
schema: smartcity-score/region/v1
criteria: mini
region: {{id: {id}, name: {name}}}
answers:
{answers}
"""

A = "  ready: true\n  plan: adopted\n  cover: 90\n  extra: 50"
B = "  ready: true\n  plan: adopted\n  cover: 80"


def review(region: str, assessor: str, **answers: Any) -> str:
    lines = "\n".join(f"  {key}: {json.dumps(value)}" for key, value in answers.items())
    return (
        f"schema: smartcity-score/review/v1\nregion: {region}\nassessor: {assessor}\n"
        f"answers:\n{lines or '  {}'}\n"
    )


@pytest.fixture
def run(cli: Cli, write: Write, tmp_path: Path) -> Callable[..., tuple[Result, dict[str, Any]]]:
    """Rank regions A and B with the given reviews; the result and the JSON by region id."""

    def go(*reviews: str, panel: str = "", lang: str = "en") -> tuple[Result, dict[str, Any]]:
        write("mini.yaml", CRITERIA.format(panel=panel))
        write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
        write("regions/b.yaml", REGION.format(id="kota-b", name="Kota B", answers=B))
        for i, text in enumerate(reviews):
            write(f"reviews/r{i}.yaml", text)
        (tmp_path / "reviews").mkdir(exist_ok=True)
        result = cli(
            "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml",
            "--reviews", tmp_path / "reviews", "-f", "json", "--lang", lang,
        )  # fmt: skip
        data = json.loads(result.out)
        data["by_id"] = {r["region"]["id"]: r for r in data["results"]}
        return result, data

    return go


def test_no_reviewer_leaves_the_self_assessed_scores(run: Callable[..., Any]) -> None:
    # Only Kota B's `plan` is reviewed, and confirmed.
    result, data = run(review("kota-b", "p", plan="adopted"))
    a, b = data["by_id"]["kota-a"], data["by_id"]["kota-b"]
    assert (a["score"], a["self_score"], a["reviewers"], a["disagreements"]) == (85.0, 85.0, 0, [])
    assert (b["score"], b["self_score"], b["reviewers"], b["missing"]) == (70.0, 70.0, 1, ["extra"])
    assert b["panel"]["changed"] == []
    assert result.code == 0


def test_an_odd_panel_takes_the_median_and_a_null_scores_zero(run: Callable[..., Any]) -> None:
    # plan: median(50, 100, 0) = 50; cover: median(60, 30, 0) = 30 (null scores 0).
    # a = (100 + 50) / 2 = 75; b = (30 + 50) / 2 = 40; total 57.5. b-min holds at 40.
    _, data = run(
        review("kota-a", "asesor-01", plan="draft", cover=60),
        review("kota-a", "asesor-02", plan="adopted", cover=30),
        review("kota-a", "asesor-03", plan="none", cover=None),
    )
    a = data["by_id"]["kota-a"]
    assert a["scores"] == {
        "a": 75.0, "ready": 100.0, "plan": 50.0, "b": 40.0, "cover": 30.0, "extra": 50.0,
    }  # fmt: skip
    assert (a["score"], a["self_score"], a["reviewers"]) == (57.5, 85.0, 3)
    assert (a["level"], a["eligible"], a["failed_gates"]) == ("low", True, [])
    # Spreads: plan 100 - 0 = 100, cover 60 - 0 = 60, both at least 50.
    assert a["disagreements"] == ["plan", "cover"]
    assert data["warnings"] == [
        "Kota A (rank 2): the assessors disagree on plan (asesor-01 50, asesor-02 100, "
        "asesor-03 0); cover (asesor-01 60, asesor-02 30, asesor-03 0)"
    ]
    # Kota B (70) now leads, and takes the one seat Kota A held on its own answers.
    assert [(r["region"]["id"], r["rank"], r["selected"]) for r in data["results"]] == [
        ("kota-b", 1, True),
        ("kota-a", 2, False),
    ]
    assert a["panel"]["selected_on_claims"] is True
    assert data["by_id"]["kota-b"]["panel"]["selected_on_claims"] is False


def test_an_even_panel_takes_the_mean_of_the_two_middle_scores(run: Callable[..., Any]) -> None:
    # cover: median(60, 30) = 45; b = (45 + 50) / 2 = 47.5; total (100 + 47.5) / 2 = 73.75.
    _, data = run(review("kota-a", "p", cover=60), review("kota-a", "q", cover=30))
    a = data["by_id"]["kota-a"]
    assert (a["scores"]["cover"], a["scores"]["b"], a["score"]) == (45.0, 47.5, 73.75)
    assert (a["level"], a["reviewers"], a["disagreements"]) == ("high", 2, [])
    assert a["panel"]["changed"] == [
        {
            "id": "cover",
            "claimed_answer": 90,
            "claimed_score": 90.0,
            "verified_score": 45.0,
            "reviewers": {"p": 60.0, "q": 30.0},
            "answers": {"p": 60, "q": 30},
            "notes": {},
            "disagreement": False,
        }
    ]


THREE = (
    review("kota-a", "p", cover=60),
    review("kota-a", "q", cover=30),
    review("kota-a", "r", cover=15),
)


def test_the_mean_aggregate(run: Callable[..., Any]) -> None:
    # cover: mean(60, 30, 15) = 35 (the median would be 30); b = 42.5; total 71.25.
    _, data = run(*THREE, panel="panel: {aggregate: mean}")
    a = data["by_id"]["kota-a"]
    assert (a["scores"]["cover"], a["scores"]["b"], a["score"]) == (35.0, 42.5, 71.25)
    _, data = run(*THREE)
    assert data["by_id"]["kota-a"]["score"] == 70.0


def test_a_disagreement_is_worded_with_the_decimal_mark_of_the_language(
    run: Callable[..., Any],
) -> None:
    _, data = run(
        review("kota-a", "asesor-01", cover=12.5),
        review("kota-a", "asesor-02", cover=87.25),
        lang="id",
    )
    assert data["warnings"] == [
        "Kota A (peringkat 1): para asesor berbeda pendapat tentang cover (asesor-01 12,5, "
        "asesor-02 87,25)"
    ]


@pytest.mark.parametrize(("threshold", "expected"), [(45, ["cover"]), (45.000001, [])])
def test_a_disagreement_starts_exactly_at_the_threshold(
    run: Callable[..., Any], threshold: float, expected: list[str]
) -> None:
    # cover's reviewers score 60, 30 and 15: a spread of exactly 45 points.
    result, data = run(*THREE, panel=f"panel: {{disagreement: {threshold}}}")
    assert data["by_id"]["kota-a"]["disagreements"] == expected
    assert len([w for w in data["warnings"] if "disagree" in w]) == len(expected)
    assert result.code == 0


@pytest.mark.parametrize(
    ("values", "eligible", "ready_score"),
    [
        ((False, True, True), True, 100.0),  # two of three pass: a majority
        ((False, True), False, 50.0),  # one of two: a tie is not more than half
        ((None, True, True), True, 100.0),  # a null fails, but two still pass
        ((None, None, True), False, 0.0),  # one of three
    ],
)
def test_an_answer_gate_is_decided_by_a_majority_of_reviewers(
    run: Callable[..., Any], values: tuple[bool | None, ...], eligible: bool, ready_score: float
) -> None:
    reviews = [review("kota-a", f"asesor-{i}", ready=v) for i, v in enumerate(values)]
    _, data = run(*reviews)
    a = data["by_id"]["kota-a"]
    assert (a["eligible"], a["scores"]["ready"]) == (eligible, ready_score)
    assert a["failed_gates"] == ([] if eligible else ["ready-gate"])


def test_a_score_gate_uses_the_verified_scores(run: Callable[..., Any]) -> None:
    # cover 20 → b = (20 + 50) / 2 = 35 < 40: b-min fails.
    _, data = run(review("kota-a", "p", cover=20))
    a = data["by_id"]["kota-a"]
    assert (a["scores"]["b"], a["eligible"], a["failed_gates"]) == (35.0, False, ["b-min"])


def test_a_reviewed_answer_the_region_left_out_is_present(run: Callable[..., Any]) -> None:
    # Kota B left `extra` out (0, missing); the panel found 80: b = (80 + 80) / 2 = 80.
    _, data = run(review("kota-b", "p", extra=80))
    b = data["by_id"]["kota-b"]
    assert (b["scores"]["extra"], b["score"], b["missing"]) == (80.0, 90.0, [])
    assert b["panel"]["changed"][0]["claimed_score"] == 0.0


def test_reviews_of_no_region_and_repeated_reviews_are_invalid(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    result, data = run(
        review("kota-z", "p", cover=10),
        review("kota-a", "p", cover=10),
        review("kota-a", "p", cover=20),
        review("kota-a", "q", cover=50),
    )
    reviews = tmp_path / "reviews"
    assert [(e["file"], e["line"], e["column"], e["message"]) for e in data["errors"]] == [
        (
            f"{reviews}/r0.yaml", 2, 9,
            "review of region 'kota-z', which is not a valid region of this run",
        ),
        (
            f"{reviews}/r1.yaml", 2, 9,
            f"assessor 'p' also reviewed region 'kota-a' in {reviews}/r2.yaml; every file "
            "of a repeated review is rejected",
        ),
        (
            f"{reviews}/r2.yaml", 2, 9,
            f"assessor 'p' also reviewed region 'kota-a' in {reviews}/r1.yaml; every file "
            "of a repeated review is rejected",
        ),
    ]  # fmt: skip
    # Only q's review counts: cover 50 → b = 50, total 75.
    a = data["by_id"]["kota-a"]
    assert (a["score"], a["reviewers"]) == (75.0, 1)
    assert result.code == 1
    assert result.err.splitlines()[-1] == "reviews: 4 file(s), 1 used, 3 invalid"


def test_every_problem_of_a_review_file_is_located(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    bad = write(
        "reviews/bad.yaml",
        """
        schema: smartcity-score/review/v1
        criteria: other
        region: Kota A
        assessor: asesor-01
        answers:
          covr: 20
          ready: 3
          plan: final
        notes: {plam: text}
        extra: 1
        """,
    )
    result = cli(
        "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml", "--reviews", bad, "-f", "json"
    )
    errors = [(e["line"], e["column"], e["message"]) for e in json.loads(result.out)["errors"]]
    assert errors == [
        (2, 11, "this review is for criteria 'other', but the criteria in use is 'mini'"),
        (
            3, 9,
            "region 'Kota A' must start with a lower-case letter or digit and hold only "
            "a-z, 0-9, '_' and '-'",
        ),
        (6, 3, "unknown indicator 'covr' (did you mean 'cover'?)"),
        (7, 10, "'ready' must be true or false, found 3 (a whole number)"),
        (8, 9, "'plan' has no option 'final'; expected one of none, draft, adopted"),
        (9, 9, "notes for unknown indicator 'plam' (did you mean 'plan'?)"),
        (10, 1, "unknown key 'extra'"),
    ]  # fmt: skip
    assert result.code == 1


def test_a_region_file_given_as_a_review_says_so(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    region = write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    result = cli(
        "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml", "--reviews", region,
        "-f", "json",
    )  # fmt: skip
    assert [e["message"] for e in json.loads(result.out)["errors"]] == [
        "this is a region file, not a review file; pass it as a PATH, not with --reviews"
    ]


def test_without_reviews_the_panel_keys_are_absent(cli: Cli, write: Write, tmp_path: Path) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    result = cli("rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml", "-f", "json")
    entry = json.loads(result.out)["results"][0]
    assert not {"self_score", "reviewers", "disagreements", "panel"} & set(entry)


def test_a_review_folder_with_no_review_files_is_a_usage_error(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    (tmp_path / "empty").mkdir()
    result = cli(
        "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml", "--reviews", tmp_path / "empty"
    )
    assert result.code == 2
    assert result.err.strip().endswith(f"no review files (*.yaml, *.yml) under {tmp_path}/empty")


# ---------------------------------------------------------------------------
# Krippendorff's alpha


def test_alpha_matches_krippendorffs_published_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    # observers, twelve units, missing values; interval alpha = 0.849. Unit 12 holds a
    # single value and is not pairable.
    nan = float("nan")
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    units = [[v for v in unit if v == v] for unit in zip(*observers, strict=True)]
    assert round(krippendorff_alpha(units) or 0, 3) == 0.849
    assert krippendorff_alpha(units) == pytest.approx(0.8491071428571428, abs=1e-12)


def test_alpha_is_undefined_without_variation_or_pairs() -> None:
    assert krippendorff_alpha([[50.0, 50.0], [50.0, 50.0, 50.0]]) is None
    assert krippendorff_alpha([[10.0], [20.0]]) is None
    assert krippendorff_alpha([]) is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=4, max_size=4),
        min_size=2,
        max_size=30,
    )
)
def test_alpha_agrees_with_the_krippendorff_package(table: list[list[int | None]]) -> None:
    # The `krippendorff` package (GPL) is a development-only oracle; the tool computes its own.
    import krippendorff

    units = [[float(v) for v in unit if v is not None] for unit in table]
    ours = krippendorff_alpha(units)
    pairable = [unit for unit in units if len(unit) >= 2]
    values = [v for unit in pairable for v in unit]
    assume(ours is not None and len(set(values)) > 1)
    data = [[float("nan") if unit[k] is None else unit[k] for unit in table] for k in range(4)]
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    assert ours == pytest.approx(theirs, abs=1e-9)


# ---------------------------------------------------------------------------
# The bundled interview stage, examples/reviews-2022


def test_bundled_reviews_are_in_step_with_their_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_reviews", REPO / "tools/make_reviews.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = module.build()
    on_disk = {p.relative_to(REPO) for p in (REPO / "examples/reviews-2022").glob("*/*.yaml")}
    assert on_disk == set(files)
    assert all((REPO / path).read_text(encoding="utf-8") == text for path, text in files.items())


def test_the_bundled_interview_stage(cli: Cli) -> None:
    result = cli(
        "rank", EXAMPLES / "applicants-2022", "--reviews", EXAMPLES / "reviews-2022", "-f", "json"
    )
    data = json.loads(result.out)
    panel = data["panel"]
    assert (panel["review_files"], panel["reviews_used"], panel["regions_reviewed"]) == (
        264,
        264,
        88,
    )
    assert panel["lost_seat"] == ["kabupaten-lima-puluh-kota", "kota-lubuklinggau"]
    assert panel["won_seat"] == ["kota-metro", "kabupaten-pesisir-selatan"]
    assert panel["agreement"]["alpha"] == 0.962066
    assert panel["agreement"]["units"] == 880
    harsh = min(panel["agreement"]["assessors"], key=lambda a: a["mean_offset"])
    assert (harsh["id"], harsh["mean_offset"]) == ("asesor-04", -2.238156)
    by_id = {r["region"]["id"]: r for r in data["results"]}
    region = by_id["kabupaten-lima-puluh-kota"]
    assert (region["rank"], region["score"], region["self_score"]) == (20, 74.144723, 82.042451)
    assert (region["selected"], region["panel"]["selected_on_claims"]) == (False, True)
    commitment = region["panel"]["changed"][0]
    assert commitment["id"] == "komitmen_kepala_daerah"
    assert commitment["notes"] == {
        "asesor-03": "Tidak ditemukan bukti pelaksanaan",
        "asesor-04": "Tidak ditemukan bukti pelaksanaan",
    }
    assert panel["at_risk"] == [
        {"region": "kota-lubuklinggau", "selected": False, "flips_at": "highest"}
    ]
    assert region["disagreements"] == ["komitmen_kepala_daerah"]
    assert sum(1 for r in data["results"] if r["disagreements"]) == 11
    assert result.err.splitlines()[-1] == "reviews: 264 file(s), 264 used, 0 invalid"
    assert result.code == 0


def test_assess_shows_claimed_and_verified_and_counts_other_reviews(cli: Cli) -> None:
    region = EXAMPLES / "applicants-2022/kabupaten-lima-puluh-kota.yaml"
    result = cli("assess", region, "--reviews", EXAMPLES / "reviews-2022")
    assert "Total: 74.14 / 100" in result.out
    assert "Claimed: 82.04 / 100, verified by 3 assessor(s): asesor-03, asesor-04, asesor-05" in (
        result.out
    )
    assert "yes → no / no / yes" in result.out  # komitmen_kepala_daerah, by assessor
    assert result.err.splitlines()[-1] == (
        "reviews: 264 file(s), 3 used, 0 invalid; 261 of regions not assessed here, ignored"
    )
    indonesian = cli("assess", region, "--reviews", EXAMPLES / "reviews-2022", "--lang", "id")
    assert "Klaim: 82,04 / 100, diverifikasi oleh 3 asesor: asesor-03, asesor-04, asesor-05" in (
        indonesian.out
    )
    assert "Perbedaan pendapat: komitmen_kepala_daerah" in indonesian.out
    assert indonesian.err.splitlines()[-1] == (
        "tinjauan: 264 berkas, 3 dipakai, 0 tidak valid; 261 untuk daerah yang tidak dinilai "
        "di sini, diabaikan"
    )


def test_output_never_replaces_a_review(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_text(review("kota-pariaman", "p", cover=1), encoding="utf-8")
    result = cli("rank", EXAMPLES / "applicants-2022", "--reviews", target, "-o", target)
    assert result.code == 2
    assert f"--output {target} would overwrite the input {target}" in result.err
    assert target.read_text(encoding="utf-8") == review("kota-pariaman", "p", cover=1)


# ---------------------------------------------------------------------------
# validate --reviews, schema review, template --review


def test_validate_checks_review_files_alone_and_against_regions(cli: Cli, tmp_path: Path) -> None:
    assert cli("validate", "--reviews", EXAMPLES / "reviews-2022").code == 0
    stray = tmp_path / "stray.yaml"
    stray.write_text(review("kota-nowhere", "asesor-01", ipm=70), encoding="utf-8")
    alone = cli("validate", "--reviews", stray)
    assert (alone.code, alone.out) == (0, "")  # no regions given: nothing to match it with
    matched = cli("validate", EXAMPLES / "applicants-2022", "--reviews", stray)
    assert matched.out == (
        f"{stray}:2:9: error review of region 'kota-nowhere', which is not a valid region "
        "of this run\n"
    )
    assert matched.code == 1
    assert matched.err == "89 file(s) validated: 1 invalid\n"


def test_review_schema_accepts_every_bundled_review(cli: Cli) -> None:
    import jsonschema
    import yaml

    schema = json.loads(cli("schema", "review").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((EXAMPLES / "reviews-2022").glob("*/*.yaml"))[:40]:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    wrong = {"schema": "smartcity-score/review/v1", "region": "kota-a", "assessor": "a"}
    assert not validator.is_valid({**wrong, "answers": {"ipm": "high"}})
    assert validator.is_valid({**wrong, "answers": {"ipm": None}})


def test_a_review_template_confirms_everything_once_uncommented(cli: Cli, tmp_path: Path) -> None:
    region = EXAMPLES / "applicants-2022/kota-pariaman.yaml"
    made = cli("template", "--review", region)
    assert made.code == 0
    lines = made.out.splitlines()
    assert lines[1:3] == [
        "# Review of Kota Pariaman (kota-pariaman)",
        "# Criteria kominfo-readiness-2022 version 2022.1.",
    ]
    assert '  # visi_smart_city_rpjmd: "program_prioritas"' in lines
    untouched = tmp_path / "untouched.yaml"
    untouched.write_text(made.out, encoding="utf-8")
    result = cli("validate", "--reviews", untouched)
    assert result.out == (
        f"{untouched}:10:11: error assessor is still the template's placeholder "
        "'assessor-id': fill it in\n"
    )
    filled = tmp_path / "filled.yaml"
    text = re.sub(r"(?m)^  # ([a-z0-9_]+): ", r"  \1: ", made.out)
    filled.write_text(text.replace("assessor: assessor-id", "assessor: asesor-09"), "utf-8")
    scored = json.loads(cli("assess", region, "--reviews", filled, "-f", "json").out)
    entry = scored["results"][0]
    assert (entry["score"], entry["self_score"], entry["reviewers"]) == (88.38314, 88.38314, 1)
    assert entry["panel"]["changed"] == []


def test_a_review_template_of_an_invalid_region_lists_its_problems(
    cli: Cli, tmp_path: Path
) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text(review("kota-a", "p", cover=1), encoding="utf-8")
    result = cli("template", "--review", bad)
    assert result.code == 1
    assert result.err == (
        f"{bad}:1:9: error this is a review file, not a region file; pass it with --reviews "
        "[schema-version]\n"
    )


def test_a_selection_that_hangs_on_a_disagreement_is_named(run: Callable[..., Any]) -> None:
    # Kota A's cover: p 90, q 0 → median 45, b = (45 + 50) / 2 = 47.5, total 73.75: still
    # ahead of Kota B (70). At the lowest reviewer's score (0), b = 25 and the total
    # 62.5 falls behind Kota B: the seat hangs on the disagreement.
    result, data = run(review("kota-a", "p", cover=90), review("kota-a", "q", cover=0))
    assert data["by_id"]["kota-a"]["score"] == 73.75
    assert data["panel"]["at_risk"] == [
        {"region": "kota-a", "selected": True, "flips_at": "lowest"}
    ]
    # At 60 for q: median 75, total 81.25; lowest 60 → b = 55, total 77.5 > 70: safe.
    _, safe = run(review("kota-a", "p", cover=90), review("kota-a", "q", cover=30))
    assert safe["panel"]["at_risk"] == []
    # Kota B left out, its cover disputed: p 100, q 0 → median 50, b 25, total 62.5; at
    # the highest (100) b = 50, total 75: still behind Kota A's 85.
    _, behind = run(review("kota-b", "p", cover=100), review("kota-b", "q", cover=0))
    assert behind["panel"]["at_risk"] == []
    assert result.code == 0


def test_every_format_shows_the_panel_and_escapes_names(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    write("mini.yaml", CRITERIA.format(panel=""))
    name = '"<script>alert(1)</script> | [b]x[/b]"'
    write("regions/a.yaml", REGION.format(id="kota-a", name=name, answers=A))
    write("regions/b.yaml", REGION.format(id="kota-b", name="Kota B", answers=B))
    write("reviews/p.yaml", review("kota-a", "p", cover=0))
    write("reviews/q.yaml", review("kota-a", "q", cover=10))
    base = ["rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml"]
    base += ["--reviews", tmp_path / "reviews"]
    html = cli(*base, "-f", "html").out
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | [b]x[/b] (rank 2)" in html
    markdown = cli(*base, "-f", "markdown").out
    assert "<script>" not in markdown
    assert "### What the panel changed" in markdown
    table = cli(*base).out
    assert "[b]x[/b]" in table and "Claimed" in table
    # cover: median(0, 10) = 5 → b = 27.5, total 63.75, behind Kota B's 70.
    csv_rows = cli(*base, "-f", "csv").out.splitlines()
    assert csv_rows[0].endswith(",self_score,reviewers,disagreements,selected_on_claims")
    assert csv_rows[2].endswith(",85.0,2,,True")


def test_the_workbook_has_a_panel_sheet(cli: Cli, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "ranking.xlsx"
    args = ["rank", EXAMPLES / "applicants-2022", "--reviews", EXAMPLES / "reviews-2022"]
    assert cli(*args, "-o", out, "--lang", "en").code == 0
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["What the panel changed"].iter_rows(values_only=True))
    assert rows[0] == (
        "Rank", "Region id", "Region", "Claimed", "Verified", "Change", "Reviewers",
        "Disagreements", "Selected", "Selected on own answers",
    )  # fmt: skip
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["kabupaten-lima-puluh-kota"] == (
        20, "kabupaten-lima-puluh-kota", "Kabupaten Lima Puluh Kota", 82.042451, 74.144723,
        -7.897728, 3, "komitmen_kepala_daerah", False, True,
    )  # fmt: skip


def test_sensitivity_and_compare_use_the_verified_scores(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    # As in the odd-panel case: Kota A verified at 57.5, behind Kota B's 70.
    criteria = write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    write("regions/b.yaml", REGION.format(id="kota-b", name="Kota B", answers=B))
    write("reviews/1.yaml", review("kota-a", "asesor-01", plan="draft", cover=60))
    write("reviews/2.yaml", review("kota-a", "asesor-02", plan="adopted", cover=30))
    write("reviews/3.yaml", review("kota-a", "asesor-03", plan="none", cover=None))
    regions, reviews = tmp_path / "regions", tmp_path / "reviews"
    found = cli(
        "sensitivity", regions, "-c", criteria, "--reviews", reviews, "--samples", "50",
        "-f", "json",
    )  # fmt: skip
    results = json.loads(found.out)["results"]
    assert [(r["region"]["id"], r["score"], r["rank"]) for r in results] == [
        ("kota-b", 70.0, 1),
        ("kota-a", 57.5, 2),
    ]
    changed = write("mini2.yaml", CRITERIA.format(panel="").replace('version: "1"', 'version: "2"'))
    compared = cli("compare", criteria, changed, regions, "--reviews", reviews, "-f", "json")
    data = json.loads(compared.out)
    assert compared.code == 0
    assert data["similarity"]["n"] == 2
    assert {r["region"]["id"]: r["new"]["score"] for r in data["results"]} == {
        "kota-b": 70.0,
        "kota-a": 57.5,
    }


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        (
            "panel: {disagreement: 300}",
            "5:23: error panel disagreement 300 must be from 0 to 100 points (scores run "
            "0–100) [panel-disagreement]",
        ),
        (
            "panel: {disagreement: 0}",
            "5:23: warning panel disagreement 0 flags every indicator on which two assessors "
            "differ at all; a threshold in points, such as 25 or 50, flags the ones worth a "
            "second look [panel-disagreement-zero]",
        ),
        (
            "panel: {aggregate: mode}",
            "5:20: error 'aggregate' must be 'median' or 'mean', found 'mode' (a string) "
            "[invalid-value]",
        ),
    ],
)
def test_check_reports_a_panel_block_that_cannot_work(
    cli: Cli, write: Write, panel: str, expected: str
) -> None:
    path = write("mini.yaml", CRITERIA.format(panel=panel))
    result = cli("check", path)
    assert f"{path}:{expected}" in result.out.splitlines()


def test_hostile_review_files_are_each_listed_and_the_rest_used(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    import os

    write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    write("reviews/good.yaml", review("kota-a", "p", cover=50))
    write("reviews/huge.yaml", review("kota-a", "q", cover=int("9" * 400)))
    write("reviews/markup.yaml", review("kota-a", "[bold]x[/bold]", cover=10))
    write("reviews/alias.yaml", "a: &x [1]\nb: *x\n")
    os.mkfifo(tmp_path / "reviews" / "pipe.yaml")
    os.symlink("/etc/passwd", tmp_path / "reviews" / "out.yaml")
    result = cli(
        "rank", tmp_path / "regions", "-c", tmp_path / "mini.yaml",
        "--reviews", tmp_path / "reviews", "-f", "json",
    )  # fmt: skip
    data = json.loads(result.out)
    files = sorted({Path(e["file"]).name for e in data["errors"]})
    assert files == ["alias.yaml", "huge.yaml", "markup.yaml", "out.yaml", "pipe.yaml"]
    assert "root:" not in result.out  # nothing of the linked file is quoted
    # Only the good review counts: cover 50 → b = 50, total 75.
    assert data["results"][0]["score"] == 75.0
    assert result.code == 1
    # Region files and review files are counted apart.
    assert result.err.splitlines()[-2:] == [
        "1 file(s): 1 ranked, 0 invalid, 1 selected",
        "reviews: 6 file(s), 1 used, 5 invalid",
    ]


# ---------------------------------------------------------------------------
# The flip analysis takes shortcuts (a pre-filter, one selector moved per trial): it must
# find exactly what ranking every trial from scratch finds.


@lru_cache(maxsize=1)
def _example_run() -> tuple[Any, list[Any], dict[str, Any]]:
    from smartcity_score import batch, jobs
    from smartcity_score.regions import load_region

    loaded, path = jobs.load(None)
    files, _ = batch.discover([str(EXAMPLES / "applicants-2022")])
    outcomes = batch.run(files, loaded, path, 1).outcomes
    answers = {
        label: load_region(p, loaded.criteria, loaded.scorer.indicators, label).answers
        for p, label in files
    }
    return loaded, outcomes, answers


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_the_flip_analysis_agrees_with_ranking_every_trial_again(data: Any) -> None:
    from smartcity_score.ranking import rank
    from smartcity_score.reviews import Review, flip_risks, outcome_with, verify

    loaded, outcomes, answers = _example_run()
    indicators = list(loaded.scorer.indicators)
    donors = list(answers.values())
    reviews = []
    for index in data.draw(st.sets(st.integers(0, len(outcomes) - 1), min_size=1, max_size=12)):
        outcome = outcomes[index]
        chosen = data.draw(st.lists(st.sampled_from(indicators), min_size=1, max_size=4))
        for k in range(data.draw(st.integers(2, 3))):
            values = {i: data.draw(st.sampled_from(donors)).get(i) for i in chosen}
            reviews.append(
                Review(outcome.file, outcome.region_id, f"a{k}", values, {}, outcome.file)
            )
    panel = verify(outcomes, reviews, loaded.scorer)
    selection = loaded.criteria.selection

    def selected(trial: list[Any]) -> set[str]:
        return {p.outcome.file for p in rank(trial, selection).placed if p.selected}

    now = selected(panel.outcomes)
    expected = []
    for i, outcome in enumerate(panel.outcomes):
        verification = panel.by_file.get(outcome.file)
        if verification is None or not verification.disagreements:
            continue
        was = outcome.file in now
        pick = min if was else max
        extreme = {
            one.indicator: pick(score for _, _, score in one.values)
            for one in verification.indicators
            if one.indicator in verification.disagreements
        }
        trial = list(panel.outcomes)
        trial[i] = outcome_with(
            verification.claimed, verification.indicators, loaded.scorer, extreme
        )
        if (outcome.file in selected(trial)) != was:
            expected.append((outcome.file, "lowest" if was else "highest"))
    assert flip_risks(panel, loaded.scorer, selection, None, now) == expected


def test_sensitivity_and_compare_count_region_files_apart_from_review_files(
    cli: Cli, write: Write, tmp_path: Path
) -> None:
    criteria = write("mini.yaml", CRITERIA.format(panel=""))
    write("regions/a.yaml", REGION.format(id="kota-a", name="Kota A", answers=A))
    write("regions/b.yaml", REGION.format(id="kota-b", name="Kota B", answers=B))
    write("reviews/good.yaml", review("kota-a", "p", cover=50))
    write("reviews/bad.yaml", review("kota-a", "q", covr=50))
    regions, reviews = tmp_path / "regions", tmp_path / "reviews"
    found = cli("sensitivity", regions, "-c", criteria, "--reviews", reviews, "--samples", "20")
    assert found.err.splitlines()[-1].startswith("2 file(s): 2 ranked, 0 invalid;")
    assert "bad.yaml" in found.out  # listed with the other problems
    changed = write("mini2.yaml", CRITERIA.format(panel="").replace('version: "1"', 'version: "2"'))
    compared = cli("compare", criteria, changed, regions, "--reviews", reviews)
    assert compared.err.splitlines()[-1].startswith("2 file(s): 0 invalid;")
    assert (found.code, compared.code) == (1, 1)

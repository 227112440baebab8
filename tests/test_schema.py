"""`smartcity-score schema`: JSON Schemas (draft 2020-12) that agree with `validate`.

Other tools read region files with an ordinary YAML reader, so the files are loaded
here with `yaml.safe_load`, as an editor plug-in or check-jsonschema would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import CRITERIA, DATA, EXAMPLES, REPO, Result

VALID = DATA / "valid"
INVALID = DATA / "invalid"
TEST_CRITERIA = VALID / "criteria.yaml"

Cli = Callable[..., Result]


def schema_from(cli: Cli, *args: str | Path) -> Draft202012Validator:
    result = cli("schema", *args)
    assert (result.code, result.err) == (0, "")
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def safe_load(path: Path) -> Any:
    return yaml.safe_load(path.read_bytes())


def errors(validator: Draft202012Validator, instance: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(JSON path, validator keyword) of every error at the top of the error tree."""
    found = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
    return [(tuple(error.path), str(error.validator)) for error in found]


@cache
def example_files() -> dict[str, list[Path]]:
    """Bundled example region files by the criteria id each names."""
    by_criteria: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        data = safe_load(path)
        if isinstance(data, dict) and data.get("schema") == "smartcity-score/region/v1":
            by_criteria[data.get("criteria", "kominfo-readiness-2022")].append(path)
    return dict(by_criteria)


# --- region files ---------------------------------------------------------------------------


def test_schema_region_accepts_the_bundled_examples(cli: Cli) -> None:
    files = example_files().get("kominfo-readiness-2022")
    if not files:
        pytest.skip("no bundled examples for the default criteria yet")
    validator = schema_from(cli, "region")  # the default criteria, as the README runs it
    for path in files:
        assert errors(validator, safe_load(path)) == [], path
    assert len(files) >= 50


def test_schema_region_accepts_the_examples_of_every_bundled_criteria_set(cli: Cli) -> None:
    for criteria_id, files in example_files().items():
        validator = schema_from(cli, "region", "-c", criteria_id)
        for path in files:
            assert errors(validator, safe_load(path)) == [], path


def test_schema_region_written_with_output(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    result = cli("schema", "region", "-c", TEST_CRITERIA, "-o", target)
    assert (result.code, result.out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(
        cli("schema", "region", "-c", TEST_CRITERIA).out
    )


@pytest.mark.parametrize("path", sorted((VALID / "regions").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_region_accepts_the_valid_files(path: Path, cli: Cli) -> None:
    validator = schema_from(cli, "region", "-c", TEST_CRITERIA)
    assert errors(validator, safe_load(path)) == []


# What `validate` rejects and JSON Schema can express: the path of each error.
REJECTED = {
    "unknown-top-level-key": [((), "additionalProperties"), ((), "required")],
    "unknown-region-key": [(("region",), "additionalProperties")],
    "unknown-indicator": [(("answers",), "additionalProperties"), (("evidence",), "enum")],
    "wrong-type-boolean": [(("answers", "komitmen"), "type")],
    "wrong-type-boolean-word": [(("answers", "komitmen"), "type")],
    "wrong-type-number": [
        (("answers", "cakupan_4g_pct"), "anyOf"),
        (("answers", "kecepatan_mbps"), "anyOf"),
    ],
    "wrong-type-scale": [(("answers", "kesiapan_sdm"), "anyOf")],
    "wrong-type-options": [(("answers", "layanan"), "anyOf"), (("answers", "regulasi"), "anyOf")],
    "unknown-option": [(("answers", "regulasi"), "anyOf")],
    "unknown-multi-option": [(("answers", "layanan"), "anyOf")],
    "repeated-multi-option": [(("answers", "layanan"), "anyOf")],
    "out-of-range": [
        (("answers", "cakupan_4g_pct"), "anyOf"),
        (("answers", "kecepatan_mbps"), "anyOf"),
        (("answers", "kesiapan_sdm"), "anyOf"),
    ],
    "required-null": [(("answers", "komitmen"), "type")],
    "required-absent": [(("answers",), "required")],
    "criteria-mismatch": [(("criteria",), "const")],
    "wrong-schema": [(("schema",), "const")],
    "missing-keys": [((), "required"), (("region",), "required")],
    "region-fields": [
        (("region", "code"), "anyOf"),
        (("region", "id"), "pattern"),
        (("region", "kind"), "anyOf"),
        (("region", "name"), "type"),
        (("region", "tags", "pulau"), "anyOf"),
    ],
    "five-problems": [
        (("answers",), "additionalProperties"),
        (("answers", "cakupan_4g_pct"), "anyOf"),
        (("answers", "kesiapan_sdm"), "anyOf"),
        (("answers", "komitmen"), "type"),
        (("region",), "additionalProperties"),
    ],
}


@pytest.mark.parametrize(("name", "expected"), sorted(REJECTED.items()))
def test_schema_region_rejects_what_validate_rejects(
    name: str, expected: list[tuple[tuple[Any, ...], str]], cli: Cli
) -> None:
    validator = schema_from(cli, "region", "-c", TEST_CRITERIA)
    assert errors(validator, safe_load(INVALID / "regions" / f"{name}.yaml")) == expected


def test_every_indicator_has_a_typed_answer(cli: Cli) -> None:
    validator = schema_from(cli, "region", "-c", TEST_CRITERIA)
    answers = validator.schema["properties"]["answers"]
    assert answers["additionalProperties"] is False
    assert answers["required"] == ["komitmen"]
    assert answers["properties"]["komitmen"]["type"] == "boolean"
    optional = {"type": "null"}
    properties = answers["properties"]
    assert properties["regulasi"]["anyOf"] == [
        {"type": "string", "enum": ["belum", "draf", "ditetapkan"]},
        optional,
    ]
    assert properties["kesiapan_sdm"]["anyOf"] == [
        {"type": "integer", "minimum": 1, "maximum": 5},
        optional,
    ]
    assert properties["cakupan_4g_pct"]["description"] == "Share of the population covered by 4G"


# --- criteria files ---------------------------------------------------------------------------


def bundled_criteria() -> list[Path]:
    return sorted(CRITERIA.glob("*.yaml"))


def test_schema_criteria_accepts_every_bundled_criteria_file(cli: Cli) -> None:
    validator = schema_from(cli, "criteria")
    files = [*bundled_criteria(), TEST_CRITERIA]
    for path in files:
        assert errors(validator, safe_load(path)) == [], path
    assert len(files) >= 2


# What `check` rejects in the structure of a criteria file, as the schema sees it. Checks
# across fields (group-children, gate-form, quota-form) and NaN are beyond JSON Schema.
CRITERIA_REJECTED = {
    "unknown-keys": [
        ((), "additionalProperties"),
        (("dimensions", 0), "additionalProperties"),
        (("dimensions", 0, "indicators"), "anyOf"),
    ],
    "wrong-types": [  # `count: 5.0` passes: JSON Schema counts 5.0 as an integer
        (("dimensions", 0, "indicators"), "anyOf"),
        (("dimensions", 0, "weight"), "type"),
        (("version",), "type"),
    ],
    "invalid-values": [
        (("aggregation",), "enum"),
        (("dimensions", 0, "aggregation"), "anyOf"),
        (("missing",), "enum"),
    ],
    "missing-keys": [
        ((), "required"),
        ((), "required"),
        ((), "required"),
        (("dimensions", 0, "indicators"), "anyOf"),
    ],
    "unknown-indicator-type": [(("dimensions", 0, "indicators"), "anyOf")],
    "number-scoring": [(("dimensions", 0, "indicators"), "anyOf")],
    "text-type": [(("dimensions", 0, "title"), "anyOf"), (("title",), "anyOf")],
    "wrong-schema": [(("schema",), "const")],
    "not-a-mapping": [((), "type")],
}


@pytest.mark.parametrize(("name", "expected"), sorted(CRITERIA_REJECTED.items()))
def test_schema_criteria_rejects_structurally_broken_files(
    name: str, expected: list[tuple[tuple[Any, ...], str]], cli: Cli
) -> None:
    validator = schema_from(cli, "criteria")
    assert errors(validator, safe_load(INVALID / "criteria" / f"{name}.yaml")) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "examples/applicants-2022"],
        ["rank", "examples/applicants-2022", "--reviews", "examples/reviews-2022"],
        ["rank", "examples/applicants-2022", "--group-by", "province"],
        ["rank", "examples/spbe-2020"],
        ["assess", "examples/applicants-2022/kota-pariaman.yaml"],
        [
            "assess",
            "examples/applicants-2022/kota-pariaman.yaml",
            "--reviews",
            "examples/reviews-2022",
        ],
        ["rank", "tests/data/invalid/regions", "-c", "kominfo-readiness-2022"],
    ],
    ids=["rank", "rank-reviews", "rank-group", "spbe", "assess", "assess-reviews", "invalid"],
)
def test_the_output_schema_accepts_real_output(
    args: list[str], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    schema = json.loads(cli("schema", "output").out)
    Draft202012Validator.check_schema(schema)
    document = json.loads(cli(*args, "-f", "json").out)
    assert document["schema"] == schema["$id"] == "smartcity-score/output/v1"
    Draft202012Validator(schema).validate(document)

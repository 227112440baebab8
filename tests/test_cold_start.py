"""A cold `assess` of one file loads only what it uses (issue 16): every module, model
and command built for nothing is paid on every call of the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from smartcity_score.cli import _narrowed, app
from tests.conftest import EXAMPLES, REPO

# What `assess` of one region file, as a table, has no use for.
NOT_LOADED = (
    "smartcity_score.reviews",
    "smartcity_score.sensitivity",
    "smartcity_score.compare",
    "smartcity_score.similarity",
    "smartcity_score.trend",
    "smartcity_score.templates",
    "smartcity_score.schemas",
    "smartcity_score.progress",
    "smartcity_score.forms_import",
    "smartcity_score.xlsform",
    "smartcity_score.render.html",
    "smartcity_score.render.json_",
    "smartcity_score.render.xlsx",
    "rich.console",  # an uncoloured card is drawn plain (tests/test_card_plain.py)
    "rich.table",
    "rich.markup",
    "concurrent.futures",
    "multiprocessing",
    "openpyxl",
)

PROBE = """
import json, sys
from smartcity_score.cli import run
code = run(["assess", sys.argv[1]])
from smartcity_score import models
built = sorted(
    name for name, value in vars(models).items()
    if isinstance(value, type) and issubclass(value, models.StrictModel)
    and value.__pydantic_complete__
)
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules), "built": built}))
"""


def _probe() -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("COLUMNS", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLES / "applicants-2022" / "kota-pariaman.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert done.stdout.startswith("Score card: Kota Pariaman")
    found: dict[str, object] = json.loads(done.stderr.splitlines()[-1])
    return found


def test_assess_loads_no_module_it_does_not_use() -> None:
    found = _probe()
    assert found["code"] == 0
    modules = set(found["modules"])  # type: ignore[call-overload]
    assert sorted(modules.intersection(NOT_LOADED)) == []
    assert "smartcity_score.render.table" in modules  # the probe did draw the card


def test_assess_builds_only_the_validators_it_uses() -> None:
    # The criteria and the region file (the models nested in them are inside their
    # validators, never built apart), and Panel, the criteria's default panel settings;
    # ReviewFile and the rest are not built at all.
    assert _probe()["built"] == ["Criteria", "Panel", "RegionFile"]


def test_only_the_command_named_is_built() -> None:
    narrowed = _narrowed(app, ["assess", "a.yaml"])
    assert [c.callback.__name__ for c in narrowed.registered_commands] == ["assess"]  # type: ignore[union-attr]
    assert narrowed.registered_groups == []
    assert narrowed.registered_callback is app.registered_callback
    assert len(app.registered_commands) > 1  # the app itself is left whole
    for args in ([], ["--help"], ["--version"], ["asses"], ["criteria", "list"]):
        assert _narrowed(app, args) is app


LOADS = """
import sys
from smartcity_score.cli import run
code = run(sys.argv[1:])
sys.stderr.write("\\n" + " ".join(sorted(sys.modules)))
"""


def _modules(*args: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", LOADS, *args], capture_output=True, text=True, env=env, check=True
    )
    return set(done.stderr.splitlines()[-1].split())


def test_a_ranking_or_a_card_as_text_loads_neither_numpy_nor_rich() -> None:
    # numpy serves sensitivity and the reviews' statistics; rich, the table format only.
    applicants = str(EXAMPLES / "applicants-2022")
    card = str(EXAMPLES / "applicants-2022" / "kota-pariaman.yaml")
    for command, path, fmt in (
        ("rank", applicants, "json"),
        ("rank", applicants, "csv"),
        ("rank", applicants, "markdown"),
        ("assess", card, "json"),
        ("assess", card, "markdown"),
    ):
        loaded = _modules(command, path, "-f", fmt, "--workers", "1")
        module = {"json": "json_", "csv": "csv_"}.get(fmt, fmt)
        assert f"smartcity_score.render.{module}" in loaded  # it did render
        assert sorted(m for m in loaded if m.split(".")[0] in ("numpy", "rich")) == [], fmt


ENTRY = """
import gc, sys
from smartcity_score import entry
sys.argv = ["smartcity-score", "--version"]
try:
    entry.main()
except SystemExit as done:
    print(done.code, gc.get_threshold(), gc.get_freeze_count() > 0)
"""


def test_the_console_entry_tunes_the_collector_then_runs_the_command_line() -> None:
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"smartcity-score": "smartcity_score.entry:main"}
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", ENTRY], capture_output=True, text=True, env=env, check=True
    )
    version, tuned = done.stdout.splitlines()[-2:]
    assert version.startswith("smartcity-score ")
    assert tuned == "0 (100000, 50, 100) True"

"""`-o` never replaces an input or a non-regular file, and argument sanity (hostile input)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CRITERIA, EXAMPLES, REPO, Result

Cli = Callable[..., Result]
REGION = "kabupaten-bangli.yaml"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "x").mkdir()
    shutil.copy(CRITERIA / "kominfo-readiness-2022.yaml", tmp_path / "x" / "crit.yaml")
    (tmp_path / "regions").mkdir()
    shutil.copy(EXAMPLES / "applicants-2022" / REGION, tmp_path / "regions" / REGION)
    monkeypatch.chdir(tmp_path / "x")
    return tmp_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Every command with -o whose criteria file is "crit.yaml" (cwd is work/x).
CRITERIA_COMMANDS = {
    "assess": ("assess", "../regions/" + REGION, "-c", "crit.yaml"),
    "rank": ("rank", "../regions", "-c", "crit.yaml"),
    "validate": ("validate", "../regions", "-c", "crit.yaml"),
    "check": ("check", "crit.yaml"),
    "template": ("template", "-c", "crit.yaml"),
    "schema": ("schema", "region", "-c", "crit.yaml"),
    "criteria-show": ("criteria", "show", "crit.yaml"),
    "sensitivity": ("sensitivity", "../regions", "-c", "crit.yaml", "--samples", "5"),
    "compare-old": ("compare", "crit.yaml", "kominfo-readiness-2022", "../regions"),
    "compare-new": ("compare", "kominfo-readiness-2022", "crit.yaml", "../regions"),
}
SPELLINGS = ("plain", "dot", "dotdot", "symlink", "hardlink")


def spelled(work: Path, how: str) -> str:
    if how == "symlink":
        os.symlink(work / "x" / "crit.yaml", work / "link.yaml")
        return "../link.yaml"
    if how == "hardlink":
        os.link(work / "x" / "crit.yaml", work / "hard.yaml")
        return "../hard.yaml"
    return {"plain": "crit.yaml", "dot": "./crit.yaml", "dotdot": "../x/crit.yaml"}[how]


@pytest.mark.parametrize("how", SPELLINGS)
@pytest.mark.parametrize("command", sorted(CRITERIA_COMMANDS))
def test_output_onto_the_criteria_is_refused(cli: Cli, work: Path, command: str, how: str) -> None:
    before = digest(work / "x" / "crit.yaml")
    target = spelled(work, how)
    result = cli(*CRITERIA_COMMANDS[command], "-o", target)
    target = str(Path(target))  # as Typer hands it over: "./crit.yaml" is "crit.yaml"
    given = "crit.yaml"
    assert (
        result.err
        == f"smartcity-score: error: --output {target} would overwrite the input {given}\n"
    )
    assert (result.code, result.out) == (2, "")
    assert digest(work / "x" / "crit.yaml") == before


def test_output_onto_a_bundled_criteria_file_is_refused(cli: Cli, work: Path) -> None:
    bundled = CRITERIA / "smart-city-6d.yaml"
    before = digest(bundled)
    result = cli("criteria", "show", "smart-city-6d", "-o", bundled)
    assert result.code == 2
    assert result.err == (
        f"smartcity-score: error: --output {bundled} would overwrite the input {bundled}\n"
    )
    assert digest(bundled) == before
    listed = cli("criteria", "list", "-o", bundled)
    assert listed.code == 2 and listed.err.startswith(f"smartcity-score: error: --output {bundled}")
    assert digest(bundled) == before


@pytest.mark.parametrize("command", ["assess", "rank", "validate", "sensitivity"])
def test_output_onto_a_region_file_is_refused(cli: Cli, work: Path, command: str) -> None:
    region = work / "regions" / REGION
    before = digest(region)
    args = list(CRITERIA_COMMANDS[command])
    args[1] = str(region)
    result = cli(*args, "-o", region)
    assert (
        result.err
        == f"smartcity-score: error: --output {region} would overwrite the input {region}\n"
    )
    assert result.code == 2
    assert digest(region) == before


@pytest.mark.parametrize("command", ["rank", "validate", "sensitivity", "compare-old"])
def test_output_onto_a_discovered_file_is_refused(cli: Cli, work: Path, command: str) -> None:
    region = work / "regions" / REGION
    before = digest(region)
    result = cli(*CRITERIA_COMMANDS[command], "-o", f"../regions/{REGION}")
    assert result.err == (
        f"smartcity-score: error: --output ../regions/{REGION} would be read as an input "
        "of ../regions next time\n"
    )
    assert result.code == 2
    assert digest(region) == before


def test_check_examples_folder_is_guarded(cli: Cli, work: Path) -> None:
    region = work / "regions" / REGION
    before = digest(region)
    result = cli("check", "crit.yaml", "--examples", "../regions", "-o", f"../regions/{REGION}")
    assert result.code == 2
    assert "would be read as an input of ../regions next time" in result.err
    assert digest(region) == before


def _entries(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("link", [False, True], ids=["devnull", "symlink-to-devnull"])
@pytest.mark.parametrize("command", ["rank", "template", "check"])
def test_output_onto_dev_null_writes_in_place(
    cli: Cli, work: Path, command: str, link: bool
) -> None:
    target = "/dev/null"
    if link:
        os.symlink("/dev/null", work / "null")
        target = str(work / "null")
    listing = _entries(work), _entries(work / "x"), _entries(Path("/dev"))
    result = cli(*CRITERIA_COMMANDS[command], "-o", target)
    assert (result.code, result.out) == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert (_entries(work), _entries(work / "x"), _entries(Path("/dev"))) == listing
    if link:
        assert os.readlink(work / "null") == "/dev/null"


def test_output_onto_a_fifo_with_a_reader(cli: Cli, work: Path) -> None:
    fifo = work / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 5
    result = cli("template", "-c", "crit.yaml", "-o", fifo)
    while reader.is_alive() and time.monotonic() < deadline:
        reader.join(0.1)
    assert result.code == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b"#")
    assert _entries(work) == ["pipe", "regions", "x"]


def test_output_onto_a_fifo_without_a_reader_is_an_error(cli: Cli, work: Path) -> None:
    fifo = work / "pipe"
    os.mkfifo(fifo)
    result = cli("template", "-c", "crit.yaml", "-o", fifo)
    assert (
        result.err
        == f"smartcity-score: error: cannot write {fifo}: no process is reading this pipe\n"
    )
    assert result.code == 2
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_through_a_symlink_replaces_the_file_it_points_to(cli: Cli, work: Path) -> None:
    (work / "real.yaml").write_text("old\n")
    os.symlink("real.yaml", work / "link.yaml")
    result = cli("template", "-c", "crit.yaml", "-o", work / "link.yaml")
    assert result.code == 0
    assert os.readlink(work / "link.yaml") == "real.yaml"
    assert (work / "real.yaml").read_text().startswith("#")
    assert not [n for n in os.listdir(work) if n.endswith(".tmp")]


def test_output_into_a_missing_folder(cli: Cli, work: Path) -> None:
    result = cli("template", "-c", "crit.yaml", "-o", "nowhere/out.yaml")
    assert result.err == (
        "smartcity-score: error: cannot write nowhere/out.yaml: No such file or directory\n"
    )
    assert result.code == 2


@pytest.mark.parametrize(
    "args",
    [
        ("rank", ""),
        ("validate", "", "-c", "crit.yaml"),
        ("assess", "", "-c", "crit.yaml"),
        ("sensitivity", ""),
        ("check", ""),
        ("compare", "crit.yaml", "crit.yaml", ""),
    ],
    ids=lambda a: a[0],
)
def test_an_empty_path_is_a_usage_error(cli: Cli, work: Path, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.err == "smartcity-score: error: an empty path was given; name a file or folder\n"
    assert (result.code, result.out) == (2, "")


@pytest.mark.parametrize("workers", ["0", "-1", "100000"])
def test_workers_out_of_range(cli: Cli, work: Path, workers: str) -> None:
    limit = max(64, 4 * (os.cpu_count() or 1))
    result = cli("rank", "../regions", "-c", "crit.yaml", "--workers", workers)
    assert (
        result.err == f"smartcity-score: error: --workers takes a whole number from 1 to {limit}\n"
    )
    assert (result.code, result.out) == (2, "")


SLOW_WRITE = """
import sys, time
from pathlib import Path
from smartcity_score.cli import run
from smartcity_score import cli_io

def slow():
    yield "partial\\n"
    sys.stderr.write("ready\\n")
    sys.stderr.flush()
    time.sleep(30)
    yield "never\\n"

import typer
try:
    cli_io.write(slow(), Path(sys.argv[1]))
except typer.Exit as done:
    sys.exit(done.exit_code)
"""


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, str(target)],
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "ready\n"
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    process.terminate()
    rest = process.stderr.read()
    process.stderr.close()
    assert process.wait(10) == 143
    assert rest == f"smartcity-score: terminated; {target} was not written\n"
    assert os.listdir(tmp_path) == []


def test_version_and_short_help(cli: Cli) -> None:
    from smartcity_score import __version__

    version = cli("--version")
    assert (version.code, version.out, version.err) == (0, f"smartcity-score {__version__}\n", "")
    short = cli("-h")
    assert short.code == 0 and short.out.startswith("Usage: smartcity-score")
    sub = cli("rank", "-h")
    assert sub.code == 0 and "--workers" in sub.out

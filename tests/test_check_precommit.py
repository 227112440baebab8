"""The pre-commit hook: its definition, and a real `pre-commit try-repo` run.

`try-repo` on the working copy only sees committed and modified tracked files,
so the run test copies what the hook needs into a fresh git repository and
tries that: it then tests the working tree as it is, committed or not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, REPO

HOOKS = REPO / ".pre-commit-hooks.yaml"
# pre-commit on PATH, or installed beside this Python (a virtual environment not activated).
_BESIDE = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = shutil.which("pre-commit") or (str(_BESIDE) if _BESIDE.exists() else None)
# What `pip install` needs to build the package, plus the hook definition.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "criteria")


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = (h for h in hooks if h["id"] == "smartcity-score-check")
    assert isinstance(hook, dict)
    return hook


def test_hook_definition() -> None:
    hook = _hook()

    assert hook["entry"] == "smartcity-score check"
    assert hook["language"] == "python"
    files = re.compile(str(hook["files"]))
    assert files.search("criteria/kominfo-readiness-2022.yaml")
    assert files.search("criteria/sub/set.yml")
    assert not files.search("examples/kota-a.yaml")
    assert not files.search("criteria/readme.md")


def _git(*args: str, cwd: Path) -> None:
    identity = ("-c", "user.name=test", "-c", "user.email=test@example.invalid")
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def _hook_repo(folder: Path) -> Path:
    folder.mkdir()
    for name in HOOK_REPO_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    _git("init", "-q", cwd=folder)
    _git("add", "-A", cwd=folder)
    _git("commit", "-q", "-m", "hook under test", cwd=folder)
    return folder


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(
    os.environ.get("SMARTCITY_SLOW") != "1",
    reason="slow (~50 s: installs the package from PyPI into a fresh virtualenv); "
    "set SMARTCITY_SLOW=1 to run",
)
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    hooks = _hook_repo(tmp_path / "hooks")
    project = tmp_path / "project"
    (project / "criteria").mkdir(parents=True)
    shutil.copy(DATA / "criteria-invalid" / "bands-order.yaml", project / "criteria" / "a.yaml")
    shutil.copy(DATA / "criteria-valid" / "plain-texts.yaml", project / "criteria" / "b.yaml")
    (project / "notes.yaml").write_text("not: [criteria\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    assert PRE_COMMIT is not None
    command = [PRE_COMMIT, "try-repo", str(hooks), "smartcity-score-check", "--all-files"]

    failing = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)

    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert (
        "criteria/a.yaml:20:22: error band from 50 must be greater than the previous "
        "band's from 50 [bands-order]"
    ) in failing.stdout
    # Only files under criteria/ are passed: notes.yaml is not checked.
    assert "2 file(s) checked: 1 error(s), 0 warning(s)" in failing.stdout

    (project / "criteria" / "a.yaml").unlink()
    _git("add", "-A", cwd=project)
    passing = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)

    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout

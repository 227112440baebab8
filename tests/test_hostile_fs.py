"""Hostile entries in an applicants' folder: reported, never hanging, never dropped."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "applicants-2022"
Cli = Callable[..., Result]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted(EXAMPLES.glob("*.yaml"))[:2]:
        shutil.copy(source, folder / source.name)
    return folder


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nothing-here")


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


CASES = {
    "fifo": (_fifo, "not a regular file (a named pipe)"),
    "dev-zero": (_dev_zero, "not a regular file (a character device)"),
    "dangling": (_dangling, "cannot read file: No such file or directory"),
}


@pytest.mark.parametrize("command", ["rank", "validate"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_entry_is_listed_and_valid_files_still_ranked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, command: str
) -> None:
    folder = _folder(tmp_path)
    make, message = CASES[case]
    make(folder / "bad.yaml")
    monkeypatch.chdir(tmp_path)

    result = cli(command, "-f", "json", "in")

    data = json.loads(result.out)
    assert result.code == 1
    assert [(e["file"], e["line"], e["column"], e["message"]) for e in data["errors"]] == [
        ("in/bad.yaml", 1, 1, message)
    ]
    if command == "rank":
        assert len(data["results"]) == 2


def test_same_file_spelt_several_ways_is_one_file_whatever_the_order(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    name = sorted(p.name for p in folder.glob("*.yaml"))[0]
    monkeypatch.chdir(folder)
    spellings = [name, f"./{name}", str(folder / name), f"../in/{name}"]

    forward = cli("rank", "-f", "json", *spellings)
    backward = cli("rank", "-f", "json", *reversed(spellings))

    assert forward.code == 0
    assert forward.out == backward.out
    assert len(json.loads(forward.out)["results"]) == 1

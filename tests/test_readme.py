"""README's console examples run as written and print what README shows."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Result


def console_blocks() -> list[tuple[list[str], list[str]]]:
    """Every ```console block of README.md: the command's arguments and the lines shown."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        lines = body.splitlines()
        command = lines.pop(0).removeprefix("$ ")
        while command.endswith("\\"):
            command = command[:-1] + lines.pop(0)
        argv = shlex.split(command)
        assert argv[0] == "smartcity-score"
        blocks.append((argv[1:], lines))
    return blocks


def shown_in(expected: list[str], output: list[str]) -> None:
    """Each shown line is an output line, in order; `…` elides lines or a line's end."""
    rest = iter(output)
    for line in expected:
        if line.strip() == "…":
            continue
        if line.endswith("…"):
            prefix = line.removesuffix("…")
            assert any(o.startswith(prefix) for o in rest), line
        else:
            assert any(o == line for o in rest), line


BLOCKS = console_blocks()


@pytest.mark.parametrize("argv, expected", BLOCKS, ids=[" ".join(b[0][:1]) for b in BLOCKS])
def test_readme_example_runs_as_written(
    argv: list[str],
    expected: list[str],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")  # README's console blocks are 100 wide
    result = cli(*argv)
    assert result.code == 0, result.err
    shown_in(expected, [line.rstrip() for line in result.out.splitlines()])


def test_readme_names_only_files_that_exist() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for path in re.findall(r"\b((?:examples|criteria|docs|tools|benchmarks)/[\w./-]+\.\w+)", text):
        assert (REPO / path).exists(), path


def test_the_compare_example_is_shipped() -> None:
    assert Path(REPO / "examples" / "kominfo-readiness-2022.2.yaml").is_file()

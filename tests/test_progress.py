"""Progress on a terminal for long work, and Ctrl-C: one line, nothing written."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO

SOURCE = (EXAMPLES / "applicants-2022" / "kota-pariaman.yaml").read_text(encoding="utf-8")


def _applicants(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        text = SOURCE.replace("id: kota-pariaman", f"id: kota-{i:04d}")
        (folder / f"kota-{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _run_on_a_terminal(args: list[str], interrupt_on: str | None = None) -> tuple[int, str]:
    """Run the tool with stderr on a pseudo-terminal; its exit code and what stderr showed.

    With `interrupt_on`, Ctrl-C (SIGINT) is sent once that text has appeared, however
    slowly a loaded machine gets there."""
    leader, follower = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "80", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "smartcity_score", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
        if interrupt_on is not None and interrupt_on.encode() in shown:
            process.send_signal(signal.SIGINT)
            interrupt_on = None
    code = process.wait(timeout=60)
    os.close(leader)
    return code, shown.decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["validate", "rank"])
def test_long_work_shows_progress_on_a_terminal(command: str, tmp_path: Path) -> None:
    folder = _applicants(tmp_path / "many", 300)
    code, shown = _run_on_a_terminal(
        [command, str(folder), "--workers", "1"][: 2 + 2 * (command == "rank")]
    )
    assert code == 0
    what = "validating" if command == "validate" else "scoring"
    assert re.search(rf"{what} .*300/300", shown), shown[-500:]


def test_ctrl_c_prints_one_line_and_writes_nothing(tmp_path: Path) -> None:
    folder = _applicants(tmp_path / "many", 300)
    out = tmp_path / "result.json"
    args = ["sensitivity", str(folder), "--samples", "100000", "-o", str(out)]
    code, shown = _run_on_a_terminal(args, interrupt_on="sampling")
    assert code == 130
    assert shown.replace("\r\n", "\n").endswith("smartcity-score: interrupted: nothing written\n")
    assert "sampling" in shown  # the samples have their own bar
    assert "Traceback" not in shown
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["many"]  # no temporary file either


def test_import_shows_the_rows_of_an_export_being_read(tmp_path: Path) -> None:
    lines = (REPO / "tests" / "data" / "forms-88" / "kobo.csv").read_text("utf-8").splitlines()
    rows = [lines[0]]
    for copy in range(4):  # 352 submissions, each with its own region id
        for line in lines[1:]:
            cells = line.split(";")
            cells[2] = f"{cells[2]}-{copy}"
            rows.append(";".join(cells))
    export = tmp_path / "kobo.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, shown = _run_on_a_terminal(["import", str(export), "--into", str(tmp_path / "out")])
    assert code == 0
    assert re.search(r"reading .*352/352", shown), shown[-500:]
    assert shown.replace("\r\n", "\n").endswith(
        "1 export(s) read: 352 region file(s) written, 0 submission(s) with problems, 0 skipped\n"
    )
    assert len(list((tmp_path / "out").iterdir())) == 352

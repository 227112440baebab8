"""`compare` reads and parses each region file once, whatever the number of criteria."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcity_score import batch, loader
from smartcity_score.compare import compare_job
from tests.conftest import CRITERIA, EXAMPLES


def test_compare_parses_each_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = loader.load_path

    def counting(path: Path, label: str | None = None) -> loader.Document:
        parsed.append(str(label))
        return real(path, label)

    monkeypatch.setattr(batch, "load_path", counting)
    criteria = str(CRITERIA / "kominfo-readiness-2022.yaml")
    folder = str(EXAMPLES / "applicants-2022")
    result = compare_job(criteria, criteria, [folder], workers=1)
    files = sorted(str(p) for p in Path(folder).rglob("*.yaml"))
    assert len(parsed) == len(files) == result.files
    assert len(set(parsed)) == len(parsed)
    assert not result.changed

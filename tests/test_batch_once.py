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


def test_compare_parses_each_review_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --reviews, each review file too is parsed once and validated under both."""
    from smartcity_score import reviews

    parsed: list[str] = []
    real = loader.load_path

    def counting(path: Path, label: str | None = None) -> loader.Document:
        parsed.append(str(label))
        return real(path, label)

    monkeypatch.setattr(batch, "load_path", counting)
    monkeypatch.setattr(reviews, "load_path", counting)
    old = str(CRITERIA / "kominfo-readiness-2022.yaml")
    new = str(EXAMPLES / "kominfo-readiness-2022.2.yaml")
    folder, panel = str(EXAMPLES / "applicants-2022"), str(EXAMPLES / "reviews-2022")
    result = compare_job(old, new, [folder], workers=1, reviews=[panel])
    regions = sorted(str(p) for p in Path(folder).rglob("*.yaml"))
    review_files = sorted(str(p) for p in Path(panel).rglob("*.yaml"))
    assert len(parsed) == len(regions) + len(review_files) == 88 + 264
    assert len(set(parsed)) == len(parsed)
    assert (result.files, len(result.entering), len(result.leaving)) == (88, 2, 2)
    assert not result.errors and not result.invalid_reviews

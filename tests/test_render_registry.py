"""Every output format has a renderer, and each command offers the formats it documents."""

from __future__ import annotations

from smartcity_score.render import Format, formats_for, renderer

JOBS = ("rank", "assess", "problems", "sensitivity", "compare")


def test_every_format_renders_something() -> None:
    for fmt in Format:
        assert any(renderer(fmt, job) is not None for job in JOBS), fmt


def test_each_job_offers_its_formats() -> None:
    assert formats_for("rank") == [
        Format.TABLE,
        Format.JSON,
        Format.CSV,
        Format.MARKDOWN,
        Format.HTML,
        Format.XLSX,
    ]
    assert formats_for("assess") == [
        Format.TABLE,
        Format.JSON,
        Format.MARKDOWN,
        Format.HTML,
        Format.XLSX,
    ]
    assert formats_for("problems") == [
        Format.TABLE,
        Format.JSON,
        Format.CSV,
        Format.MARKDOWN,
        Format.GITHUB,
        Format.SARIF,
        Format.TEXT,
    ]
    assert formats_for("sensitivity") == [
        Format.TABLE,
        Format.JSON,
        Format.CSV,
        Format.MARKDOWN,
        Format.XLSX,
    ]
    assert formats_for("compare") == [
        Format.TABLE,
        Format.JSON,
        Format.CSV,
        Format.MARKDOWN,
        Format.GITHUB,
        Format.HTML,
        Format.XLSX,
    ]

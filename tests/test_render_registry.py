"""Every output format has a renderer, and each command offers the formats it documents."""

from __future__ import annotations

from smartcity_score.render import Format, formats_for, renderer
from tests.conftest import REPO

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


def _render_imports() -> dict[str, set[str]]:
    """Each render module → the render modules it imports, at the top or in a function."""
    import ast

    folder = REPO / "src" / "smartcity_score" / "render"
    graph: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                if module.startswith("smartcity_score.render."):
                    found.add(module.removeprefix("smartcity_score.render."))
        graph[path.stem] = found
    return graph


def test_render_modules_import_each_other_without_a_cycle() -> None:
    """One axis: a format module renders every job it serves; what formats share lives in
    modules that import no format module, so no import goes round in a circle."""
    graph = _render_imports()
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        assert state.get(name) != "open", " → ".join([*trail, name])
        if state.get(name) == "done":
            return
        state[name] = "open"
        for other in sorted(graph.get(name, ())):
            visit(other, [*trail, name])
        state[name] = "done"

    for name in graph:
        visit(name, [])
    formats = {"csv_", "json_", "markdown", "github", "table", "html", "xlsx", "sarif", "text"}
    for shared in ("analysis_data", "trend_text", "terminal", "html_page", "xlsx_book", "layout"):
        assert not graph[shared] & formats, shared

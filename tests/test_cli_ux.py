"""The command line as a user meets it (issue 15, points 3-5): exit codes of a run that
cannot start, the criteria named by the region files, and the format named by `-o`.

Cases that feed the command line something hostile are named `cN-...` by the class of
issue 16 they belong to, so that they can be counted.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from smartcity_score import cli as cli_module
from smartcity_score.render import formats_for
from tests.conftest import CRITERIA, EXAMPLES, Result

Cli = Callable[..., Result]
SPBE = EXAMPLES / "spbe-2020"
IDM = EXAMPLES / "idm-village"
KOMINFO = CRITERIA / "kominfo-readiness-2022.yaml"
ERROR = "smartcity-score: error: "


def spbe_copy(tmp_path: Path, name: str = "regions") -> Path:
    """Two SPBE example regions in a folder of their own (fast to rank)."""
    folder = tmp_path / name
    folder.mkdir()
    for stem in ("kota-tegal", "kota-salatiga"):
        shutil.copy(SPBE / f"{stem}.yaml", folder)
    return folder


# --- 1. Exit codes: a run that cannot start is exit 2, one line, nothing on stdout ----------

COMMANDS_ON_REGIONS = {
    "rank": ("rank",),
    "validate": ("validate",),
    "sensitivity": ("sensitivity", "--samples", "5"),
    "compare": ("compare", "spbe-2020", "spbe-2020"),
    "assess": ("assess",),
}


@pytest.mark.parametrize("command", [*COMMANDS_ON_REGIONS, "check"])
def test_a_path_that_does_not_exist_is_a_usage_error(
    command: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    spbe_copy(tmp_path)
    args = COMMANDS_ON_REGIONS.get(command, ("check",))
    given = "regions/kota-tegal.yaml" if command != "check" else str(KOMINFO)

    result = cli(*args, given, "typo")

    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}no such file or folder: typo\n"


def test_every_missing_path_is_named_on_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = cli("rank", "one", "two", "-c", "spbe-2020")

    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}no such file or folder: one, two\n"


@pytest.mark.parametrize("command", ["rank", "validate", "sensitivity", "compare", "check"])
def test_a_folder_without_input_files_is_a_usage_error(
    command: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a region file\n")
    (tmp_path / "empty" / ".hidden.yaml").write_text("schema: x\n")
    args = COMMANDS_ON_REGIONS.get(command, ("check",))

    result = cli(*args, "empty", "-f", "json")

    kind = "criteria" if command == "check" else "region"
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}no {kind} files (*.yaml, *.yml) under empty\n"


def test_a_broken_link_named_on_the_command_line_is_a_problem_of_that_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It exists as a name, so it is an invalid input (exit 1), and the others still run."""
    monkeypatch.chdir(tmp_path)
    spbe_copy(tmp_path)
    os.symlink("gone.yaml", "broken.yaml")

    result = cli("rank", "regions", "broken.yaml", "-f", "json")

    data = json.loads(result.out)
    assert result.code == 1
    assert [r["region"]["id"] for r in data["results"]] == ["kota-salatiga", "kota-tegal"]
    assert data["errors"] == [
        {"file": "broken.yaml", "line": 1, "column": 1, "message": "broken link to 'gone.yaml'"}
    ]


# --- 2. The criteria named by the region files -------------------------------------------


def test_rank_uses_the_bundled_set_the_region_files_name(cli: Cli) -> None:
    result = cli("rank", SPBE, "-f", "json")

    data = json.loads(result.out)
    assert result.code == 0
    assert data["criteria"]["id"] == "spbe-2020"
    assert len(data["results"]) == 5 and data["errors"] == []
    assert result.err == (
        "criteria: spbe-2020 (bundled), as the region files name it\n"
        "5 file(s): 5 ranked, 0 invalid, 0 selected\n"
    )


def test_validate_and_assess_use_it_too(cli: Cli) -> None:
    validated = cli("validate", IDM)
    assessed = cli("assess", IDM / "desa-karangrejo-jawa-tengah.yaml", "-f", "json")

    assert (validated.code, validated.out) == (0, "")
    assert validated.err == (
        "criteria: idm-village (bundled), as the region files name it\n"
        "5 file(s) validated: 0 invalid\n"
    )
    assert assessed.code == 0
    assert json.loads(assessed.out)["criteria"]["id"] == "idm-village"


def test_files_naming_different_sets_are_one_clear_error(cli: Cli, tmp_path: Path) -> None:
    folder = spbe_copy(tmp_path)
    shutil.copy(IDM / "desa-sidomulyo-jawa-timur.yaml", folder)

    result = cli("rank", folder)

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{ERROR}the region files name different criteria: "
        f"'idm-village' ({folder}/desa-sidomulyo-jawa-timur.yaml); "
        f"'spbe-2020' ({folder}/kota-salatiga.yaml and {folder}/kota-tegal.yaml); "
        "pass the one to use with -c\n"
    )


def test_a_set_that_is_not_bundled_asks_for_its_file(
    cli: Cli, write: Callable[[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for n in range(3):
        write(f"in/r{n}.yaml", f"schema: smartcity-score/region/v1\ncriteria: 'our-own'\nx: {n}\n")

    result = cli("validate", "in")

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{ERROR}the region files name criteria 'our-own' (in/r0.yaml and 2 more), "
        "which is not a bundled set; pass its file with -c FILE\n"
    )


def test_files_naming_no_criteria_get_the_default(cli: Cli, tmp_path: Path) -> None:
    source = (EXAMPLES / "applicants-2022" / "kota-pariaman.yaml").read_text()
    (tmp_path / "a.yaml").write_text(source.replace("criteria: kominfo-readiness-2022\n", ""))

    result = cli("assess", tmp_path / "a.yaml", "-f", "json")

    assert result.code == 0
    assert json.loads(result.out)["criteria"]["id"] == "kominfo-readiness-2022"
    assert result.err == ""


def test_an_explicit_criteria_always_wins(cli: Cli, tmp_path: Path) -> None:
    """SPEC §2: a region naming another criteria id is invalid under the one in use."""
    folder = spbe_copy(tmp_path)

    result = cli("validate", folder, "-c", "kominfo-readiness-2022")

    assert result.code == 1
    assert result.out.splitlines()[0] == (
        f"{folder}/kota-salatiga.yaml:4:11: error this file is for criteria 'spbe-2020', "
        "but the criteria in use is 'kominfo-readiness-2022'"
    )
    assert result.err == "2 file(s) validated: 2 invalid\n"


# --- 3. The format named by -o -----------------------------------------------------------

STARTS = {
    "json": "{",
    "csv": "rank,",
    "markdown": "#",
    "html": "<!DOCTYPE html>",
    "sarif": '{\n  "$schema"',
}


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        ("rank", "out.json", "json"),
        ("rank", "OUT.JSON", "json"),
        ("rank", "out.csv", "csv"),
        ("rank", "out.md", "markdown"),
        ("rank", "out.html", "html"),
        ("assess", "card.htm", "html"),
        ("validate", "problems.sarif", "sarif"),
        ("validate", "problems.sarif.json", "sarif"),
        ("validate", "problems.csv", "csv"),
        ("sensitivity", "cut.json", "json"),
        ("compare", "diff.md", "markdown"),
    ],
)
def test_the_output_extension_chooses_the_format(
    command: str, name: str, fmt: str, cli: Cli, tmp_path: Path
) -> None:
    folder = spbe_copy(tmp_path)
    target = tmp_path / name
    given = folder / "kota-tegal.yaml" if command == "assess" else folder

    result = cli(*COMMANDS_ON_REGIONS[command], given, "-o", target)

    assert result.code == 0, result.err
    written = target.read_text()
    if fmt == "csv" and command == "validate":
        assert written.startswith("file,")
    else:
        assert written.lstrip().startswith(STARTS[fmt]), written[:80]
    assert result.out == ""


@pytest.mark.parametrize("name", ["out.txt", "out", "out.log"])
def test_other_extensions_get_the_default_format(name: str, cli: Cli, tmp_path: Path) -> None:
    folder = spbe_copy(tmp_path)

    result = cli("rank", folder, "-o", tmp_path / name)

    assert result.code == 0
    assert (tmp_path / name).read_text().startswith("Ranking: Indeks SPBE")


def test_an_explicit_format_that_agrees_is_fine(cli: Cli, tmp_path: Path) -> None:
    folder = spbe_copy(tmp_path)

    sarif = cli("validate", folder, "--format", "sarif", "-o", tmp_path / "v.json")
    text = cli("validate", folder, "--format", "json", "-o", tmp_path / "v.txt")

    assert (sarif.code, text.code) == (0, 0)
    assert json.loads((tmp_path / "v.json").read_text())["version"] == "2.1.0"
    assert json.loads((tmp_path / "v.txt").read_text())["errors"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("rank", "{folder}", "--format", "csv", "-o", "x.json"),
            "--format csv contradicts -o x.json, a .json file (json); "
            "drop one of them or make them agree",
        ),
        (
            ("validate", "{folder}", "-f", "text", "-o", "x.md"),
            "--format text contradicts -o x.md, a .md file (markdown); "
            "drop one of them or make them agree",
        ),
        (
            ("assess", "{folder}/kota-tegal.yaml", "-o", "x.csv"),
            "-o x.csv names a csv file, but this command writes only "
            "table, json, markdown, html, xlsx; name the file for one of them",
        ),
        (
            ("criteria", "show", "spbe-2020", "-o", "x.html"),
            "-o x.html names a html file, but this command writes only table, json; "
            "name the file for one of them",
        ),
        (
            ("template", "-o", "blank.json"),
            "-o blank.json names a json file, but this command writes only yaml; "
            "name the file for one of them",
        ),
        (
            ("rank", "{folder}", "--format", "sarif", "-o", "x.json"),
            "--format sarif is not available here; choose one of: table, json, csv, markdown, "
            "html, xlsx",
        ),
    ],
    ids=["contradicts", "contradicts-text", "unwritten", "unwritten-show", "template", "unknown"],
)
def test_a_format_the_output_name_contradicts_is_a_usage_error(
    args: tuple[str, ...], message: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = spbe_copy(tmp_path)

    result = cli(*(arg.format(folder=folder) for arg in args))

    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}{message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["regions"]  # nothing written


def test_template_and_schema_infer_their_only_format(cli: Cli, tmp_path: Path) -> None:
    blank = cli("template", "-o", tmp_path / "blank.yml")
    schema = cli("schema", "region", "-o", tmp_path / "region.schema.json")

    assert (blank.code, schema.code) == (0, 0)
    assert "schema: smartcity-score/region/v1" in (tmp_path / "blank.yml").read_text()
    assert json.loads((tmp_path / "region.schema.json").read_text())["type"] == "object"


@pytest.mark.parametrize(
    ("names", "job"),
    [
        ("ASSESS_FORMATS", "assess"),
        ("RANK_FORMATS", "rank"),
        ("PROBLEM_FORMATS", "problems"),
        ("SENSITIVITY_FORMATS", "sensitivity"),
        ("COMPARE_FORMATS", "compare"),
    ],
)
def test_the_listed_formats_are_the_renderers(names: str, job: str) -> None:
    listed = getattr(cli_module, names)
    # `validate`/`check` take `table` as another name for `text`.
    rendered = {f.value for f in formats_for(job)} - ({"table"} if job == "problems" else set())
    assert sorted(listed) == sorted(rendered)


# --- Hostile command lines, by class of issue 16 -----------------------------------------


def _fifo_in_folder(tmp_path: Path) -> tuple[list[str], Path]:
    folder = spbe_copy(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    return ["rank", str(folder), "-f", "json"], folder


def _output_onto_named_criteria(tmp_path: Path) -> tuple[list[str], Path]:
    """No -c: the criteria come from the region files, and -o must not replace that file."""
    folder = spbe_copy(tmp_path)
    bundled = CRITERIA / "spbe-2020.yaml"
    return ["rank", str(folder), "-o", str(bundled)], folder


def _empty_string(tmp_path: Path) -> tuple[list[str], Path]:
    return ["validate", ""], tmp_path


def _flow_style(tmp_path: Path) -> tuple[list[str], Path]:
    """A file naming its criteria in flow style is not seen by the scan, but still checked."""
    folder = spbe_copy(tmp_path)
    (folder / "flow.yaml").write_text(
        "{schema: smartcity-score/region/v1, criteria: idm-village,"
        " region: {id: f, name: F}, answers: {}}\n"
    )
    return ["rank", str(folder), "-f", "json"], folder


def _indented(tmp_path: Path) -> tuple[list[str], Path]:
    """`criteria:` inside a block is not the file's own: it names nothing."""
    folder = spbe_copy(tmp_path)
    text = (folder / "kota-tegal.yaml").read_text()
    (folder / "kota-tegal.yaml").write_text(text + "evidence:\n  criteria: idm-village\n")
    return ["rank", str(folder), "-f", "json"], folder


def _no_name_dev(tmp_path: Path) -> tuple[list[str], Path]:
    folder = spbe_copy(tmp_path)
    return ["rank", str(folder), "-o", "/dev/null"], folder


@pytest.mark.parametrize(
    ("make", "code", "ranked", "expected"),
    [
        (_output_onto_named_criteria, 2, [], "would overwrite the input"),
        (_fifo_in_folder, 1, ["kota-salatiga", "kota-tegal"], "not a regular file (a named pipe)"),
        (_empty_string, 2, [], "an empty path was given; name a file or folder"),
        (
            _flow_style,
            1,
            ["kota-salatiga", "kota-tegal"],
            "this file is for criteria 'idm-village', but the criteria in use is 'spbe-2020'",
        ),
        (_indented, 1, ["kota-salatiga"], "evidence for unknown indicator 'criteria'"),
        (_no_name_dev, 0, [], ""),
    ],
    ids=[
        "c1-output-onto-criteria-named-by-regions",
        "c3-fifo-while-reading-criteria-names",
        "c8-empty-path-argument",
        "c8-flow-style-criteria-key-still-checked",
        "c8-indented-criteria-key-is-not-the-files",
        "c1-output-device-without-extension",
    ],
)
def test_hostile_command_line(
    make: Callable[[Path], tuple[list[str], Path]],
    code: int,
    ranked: list[str],
    expected: str,
    cli: Cli,
    tmp_path: Path,
) -> None:
    args, _ = make(tmp_path)
    before = (CRITERIA / "spbe-2020.yaml").read_bytes()

    result = cli(*args)

    assert result.code == code, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert (CRITERIA / "spbe-2020.yaml").read_bytes() == before
    if code == 2:
        assert result.out == ""
        assert result.err.startswith(ERROR) and expected in result.err
        assert result.err.count("\n") == 1
    elif "-f" in args:
        data = json.loads(result.out)
        assert data["criteria"]["id"] == "spbe-2020"
        assert [r["region"]["id"] for r in data["results"]] == ranked
        assert [e["message"] for e in data["errors"]] == [expected]


def test_check_with_an_empty_examples_folder_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()

    result = cli("check", CRITERIA / "spbe-2020.yaml", "--examples", tmp_path / "examples")

    assert (result.code, result.out) == (2, "")
    assert result.err == f"{ERROR}no region files (*.yaml, *.yml) under {tmp_path}/examples\n"


def _long_name(tmp_path: Path) -> Path:
    """A file naming a long criteria id (a link out of the folder is not even read)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.yaml").write_text(
        "schema: smartcity-score/region/v1\ncriteria: " + "s" * 500 + "\n"
    )
    return folder


def _only_invalid_files(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text("schema: nope\n")
    return folder


@pytest.mark.parametrize(
    ("make", "code", "err"),
    [
        (
            _long_name,
            2,
            "the region files name criteria '" + "s" * 39 + "…' ({folder}/link.yaml), "
            "which is not a bundled set; pass its file with -c FILE",
        ),
        (_only_invalid_files, 1, "1 file(s): 0 ranked, 1 invalid, 0 selected"),
    ],
    ids=[
        "c5-long-criteria-id-is-an-excerpt",
        "c8-no-quota-warning-when-none-ranked",
    ],
)
def test_hostile_runs_with_nothing_valid(
    make: Callable[[Path], Path], code: int, err: str, cli: Cli, tmp_path: Path
) -> None:
    folder = make(tmp_path)

    result = cli("rank", folder, "-f", "json")

    assert result.code == code
    if code == 2:
        assert (result.out, result.err) == ("", f"{ERROR}{err.format(folder=folder)}\n")
        return
    data = json.loads(result.out)
    assert (data["results"], data["warnings"]) == ([], [])
    assert {e["file"] for e in data["errors"]} == {f"{folder}/a.yaml"}
    assert result.err == err + "\n"


def test_help_says_where_the_defaults_come_from(cli: Cli) -> None:
    result = cli("rank", "--help")

    flat = " ".join(result.out.split())
    assert result.code == 0
    assert "the bundled set the region files name in 'criteria:', else kominfo" in flat
    assert "(default: table, or the one -o's extension names: .json, .csv," in flat


def test_c8_typo_in_a_type_or_a_fixed_value_gets_a_suggestion(cli, tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "criteria" / "smart-city-6d.yaml").read_text()
    text = text.replace("type: scale", "type: scael", 1)
    text = text.replace("aggregation: arithmetic", "aggregation: arithmatic", 1)
    criteria = tmp_path / "typo.yaml"
    criteria.write_text(text)
    result = cli("check", str(criteria))
    assert result.code == 1
    assert "did you mean 'scale'?); expected one of 'boolean'" in result.out
    assert (
        "found 'arithmatic' (a string) (did you mean 'arithmetic'?) [invalid-value]" in result.out
    )


# --- 9. CLI conventions: help that reads whole, completion -----------------------------------


def _all_help_screens(cli: Cli) -> dict[str, str]:
    """The help of the app, of every command and of every command of a group, at 80 columns."""
    from typer.main import get_group

    from smartcity_score.cli_help import plain_help

    plain_help(cli_module.app)
    screens = {"": cli("--help").out}
    group = get_group(cli_module.app)
    for name, command in sorted(group.commands.items()):
        screens[name] = cli(name, "--help").out
        for sub in sorted(getattr(command, "commands", {})):
            screens[f"{name} {sub}"] = cli(name, sub, "--help").out
    return screens


def test_help_shows_plain_metavars_and_whole_summaries(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    screens = _all_help_screens(cli)

    assert len(screens) >= 12  # the app, its commands, and `criteria list|show`
    for name, text in screens.items():
        assert text.startswith(f"Usage: smartcity-score {name}".rstrip() + " "), name
        assert "<list[" not in text and "{" not in text.splitlines()[0], name
        assert max(len(line) for line in text.splitlines()) <= 80, name
    assert "Usage: smartcity-score rank [OPTIONS] PATH...\n" in screens["rank"]
    assert (
        "\n  PATH...  Region files or folders (walked recursively).  [required]\n"
        in (screens["rank"])
    )
    assert (
        "Usage: smartcity-score compare [OPTIONS] OLD_CRITERIA NEW_CRITERIA PATH...\n"
        in (screens["compare"])
    )
    # The command list wraps each summary at words instead of cutting it with "...".
    commands = screens[""].split("\nCommands:\n", 1)[1]
    assert "..." not in commands
    flat = " ".join(commands.split())
    assert "sensitivity How solid is the cut: ranks and selection under randomly perturbed" in flat
    assert "compare What a criteria change does: who enters and leaves the selection, and why." in (
        flat
    )


def test_shell_completion_is_offered_and_completes_commands(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "--install-completion" in cli("--help").out
    script = cli("--show-completion", "bash")
    assert script.code == 0
    assert "_SMARTCITY_SCORE_COMPLETE=complete_bash" in script.out

    monkeypatch.setenv("_SMARTCITY_SCORE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "smartcity-score sens")
    monkeypatch.setenv("COMP_CWORD", "1")
    completed = cli()
    assert (completed.code, completed.out) == (0, "sensitivity\n")


@pytest.mark.parametrize(
    ("lang", "region_id", "name"),
    [("en", "region-id", "Region name"), ("id", "id-daerah", "Nama daerah")],
)
def test_an_untouched_template_is_reported_as_not_filled_in(
    cli: Cli, tmp_path: Path, lang: str, region_id: str, name: str
) -> None:
    template = tmp_path / "baru.yaml"
    assert cli("template", "-c", "spbe-2020", "--lang", lang, "-o", template).code == 0
    result = cli("validate", template, "-c", "spbe-2020")

    assert result.code == 1
    assert result.out.splitlines() == [
        f"{template}:9:7: error region.id is still the template's placeholder '{region_id}': fill it in",
        f"{template}:10:9: error region.name is still the template's placeholder '{name}': fill it in",
        f"{template}:11:8: error region.kind is empty: fill it in (e.g. kota or kabupaten), or delete the line",
    ]
    # Filled in, the same file is valid; a file that never was a template may leave kind out.
    text = template.read_text().replace(region_id, "kota-baru").replace(name, "Kota Baru")
    template.write_text(text)
    assert cli("validate", template, "-c", "spbe-2020").code == 0

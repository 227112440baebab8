"""The command line: parse options, call the core, pick a renderer, set the exit code.

The core is imported inside each command, so `--help` and a single `assess`
pay only for what they use.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from smartcity_score.cli_io import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    check_paths,
    choose_format,
    criteria_named_by,
    exit_on_errors,
    fail,
    guard_output,
    options_for,
    render,
    require_files,
    summary,
    worker_count,
    write,
    write_binary,
    write_json,
)
from smartcity_score.i18n import t

app = typer.Typer(
    name="smartcity-score",
    help="Score, explain, rank and select smart-city readiness assessments.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
criteria_app = typer.Typer(help="Bundled criteria sets.", no_args_is_help=True)
export_app = typer.Typer(help="The criteria as a form for form tools.", no_args_is_help=True)


def _version(value: bool) -> None:
    if value:
        from smartcity_score import __version__

        sys.stdout.write(f"smartcity-score {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", callback=_version),
    ] = False,
) -> None:
    """Score, explain, rank and select smart-city readiness assessments."""


app.add_typer(criteria_app, name="criteria")
app.add_typer(export_app, name="export")


CriteriaOption = Annotated[
    str | None,
    typer.Option(
        "-c",
        "--criteria",
        metavar="FILE|ID",
        help="Criteria file, or the id of a bundled set (default: the bundled set the "
        "region files name in 'criteria:', else kominfo-readiness-2022).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", metavar="FILE", help="Write the report to FILE (atomically)."),
]


class _Asked:
    """The `--lang` of the command being run: `run` prints the problems of an invalid input
    in it, after the command has ended by raising them."""

    lang: str | None = None


def _check_lang(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", value):
        raise typer.BadParameter(f"'{value}' is not a language code such as en or id")
    _Asked.lang = value
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of texts and labels, e.g. en or id (default: each text's first "
        "language; labels in English unless id).",
        callback=_check_lang,
    ),
]


PathsArgument = Annotated[
    list[str],
    typer.Argument(metavar="PATH", help="Region files or folders (walked recursively)."),
]
SelectOption = Annotated[
    int | None,
    typer.Option("--select", metavar="N", help="Seats to fill (overrides the criteria's count)."),
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Also follow links that lead outside the given folders (by default they are "
        "listed as problems, not read).",
    ),
]
ReviewsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--reviews",
        metavar="PATH",
        help="Review files of the assessors' panel, or folders of them (repeat for more); "
        "scores become the verified ones.",
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", metavar="N", help="Worker processes (default: CPU count)."),
]


# The formats each command writes, its default first (a test keeps them in step with
# the renderers; spelt out here so that parsing options imports no renderer).
ASSESS_FORMATS = ("table", "json", "markdown", "html", "xlsx")
RANK_FORMATS = ("table", "json", "csv", "markdown", "html", "xlsx")
PROBLEM_FORMATS = ("text", "json", "github", "sarif", "csv", "markdown")
SENSITIVITY_FORMATS = ("table", "json", "csv", "markdown", "xlsx")
COMPARE_FORMATS = ("table", "json", "csv", "markdown", "github", "html", "xlsx")
LIST_FORMATS = ("table", "json")


def _format_option(names: Sequence[str]) -> Any:
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {', '.join(names)} (default: {names[0]}, or the one -o's "
        "extension names: .json, .csv, .md, .html, .sarif, .xlsx).",
    )


def _prepare(
    fmt: str | None,
    output: Path | None,
    paths: Sequence[str],
    criteria: str | None,
    formats: Sequence[str],
    follow_links: bool = False,
    reviews: Sequence[str] = (),
    lang: str | None = None,
) -> tuple[str, str | None]:
    """The format and criteria of a command on region files, or a usage error (exit 2).

    `-c` always wins; without it, the bundled set the region files name. Then `-o` is
    guarded against every input (that criteria file included) and the format chosen.
    """
    from smartcity_score.criteria_sets import DEFAULT

    check_paths([*paths, *reviews])  # a typo in a path is reported before any file is read
    chosen = criteria if criteria is not None else criteria_named_by(paths, follow_links)
    guard_output(output, [*paths, *reviews], [chosen])
    fmt = choose_format(fmt, output, formats)
    if criteria is None and chosen is not None and chosen != DEFAULT:
        label = t("criteria", lang).lower()
        summary(t("summary_criteria_named", lang, label=label, criteria=chosen))
    return fmt, chosen


@app.command()
def assess(
    regions: Annotated[list[str], typer.Argument(metavar="REGION", help="Region files to score.")],
    criteria: CriteriaOption = None,
    fmt: Annotated[str | None, _format_option(ASSESS_FORMATS)] = None,
    output: OutputOption = None,
    reviews: ReviewsOption = None,
    lang: LangOption = None,
    follow_links: FollowLinksOption = False,
    cohort: Annotated[
        list[str] | None,
        typer.Option(
            "--cohort",
            metavar="PATH",
            help="Region files, or folders of them, that join the regions given in the "
            "cohort of 'minmax' indicators (repeat for more).",
        ),
    ] = None,
    workers: WorkersOption = None,
) -> None:
    """Score card of each region: total, level, gates, every score, the biggest gains."""
    from smartcity_score.jobs import assess_job

    others = [*(reviews or ()), *(cohort or ())]
    fmt, criteria = _prepare(
        fmt, output, regions, criteria, ASSESS_FORMATS, follow_links, others, lang=lang
    )
    report = assess_job(
        regions,
        criteria,
        lang,
        reviews=reviews,
        follow_links=follow_links,
        cohort=cohort,
        workers=worker_count(workers) if cohort else 1,
    )
    if reviews is not None and report.panel is not None:
        require_files(report.panel.files, reviews, "review")
    render("assess", fmt, report, output, lang)
    _cohort_summary(report.loaded, lang)
    if cohort and report.loaded.cohort is None:
        summary(t("cohort_unused", lang))
    if report.panel is not None:
        summary(_reviews_summary(report.panel, lang))
    exit_on_errors(report.errors)


def _cohort_summary(loaded: Any, lang: str | None, prefix: str = "") -> None:
    """On stderr, whatever the format, the cohort `minmax` indicators were scored against."""
    from smartcity_score.report import cohort_line

    line = cohort_line(loaded.cohort, lang)
    if line is not None:
        summary(prefix + line)


def _progress(total: int, workers: int, what: str = "scoring") -> Callable[[int], None] | None:
    """A progress bar on stderr for `total` items, when stderr is a terminal and the work
    is long enough to be worth watching."""
    if not sys.stderr.isatty() or total < 200:
        return None
    from smartcity_score.progress import bar

    return bar(total, what)


class CsvDialect(StrEnum):
    standard = "standard"
    excel_id = "excel-id"


@app.command()
def rank(
    paths: PathsArgument,
    criteria: CriteriaOption = None,
    fmt: Annotated[str | None, _format_option(RANK_FORMATS)] = None,
    output: OutputOption = None,
    select: SelectOption = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="Also rank within groups: kind, province or tags.KEY.",
        ),
    ] = None,
    reviews: ReviewsOption = None,
    workers: WorkersOption = None,
    lang: LangOption = None,
    follow_links: FollowLinksOption = False,
    csv_dialect: Annotated[
        CsvDialect,
        typer.Option(
            "--csv-dialect",
            metavar="DIALECT",
            help="standard (',' and '.') or excel-id: BOM, ';' and decimal comma, as an "
            "Indonesian-locale Excel opens it.",
        ),
    ] = CsvDialect.standard,
) -> None:
    """Score every region file under PATHS, rank them and select the best."""
    from smartcity_score.jobs import rank_job

    fmt, criteria = _prepare(
        fmt, output, paths, criteria, RANK_FORMATS, follow_links, reviews or (), lang=lang
    )
    if csv_dialect is not CsvDialect.standard and fmt != "csv":
        fail(f"--csv-dialect {csv_dialect.value} applies to --format csv only, not {fmt}")
    count = worker_count(workers)
    report = rank_job(
        paths,
        criteria,
        select=select,
        group_by=group_by,
        workers=count,
        lang=lang,
        progress=_progress,
        follow_links=follow_links,
        reviews=reviews,
    )
    require_files(report.files, paths)
    if reviews is not None and report.panel is not None:
        require_files(report.panel.files, reviews, "review")
    render("rank", fmt, report, output, lang, csv_dialect.value)
    _cohort_summary(report.loaded, lang)
    selected = sum(1 for p in report.placed if p.selected)
    invalid = report.invalid_regions
    summary(
        t(
            "done_rank",
            lang,
            files=report.files,
            ranked=len(report.placed),
            invalid=invalid,
            selected=selected,
        )
    )
    if report.panel is not None:
        summary(_reviews_summary(report.panel, lang))
    exit_on_errors(report.errors)


def _reviews_summary(panel: Any, lang: str | None) -> str:
    invalid = len({e.file for e in panel.errors})
    line = t("done_reviews", lang, files=panel.files, used=panel.used, invalid=invalid)
    if panel.ignored:
        line += "; " + t("done_reviews_ignored", lang, ignored=panel.ignored)
    return line


@app.command()
def validate(
    regions: Annotated[
        list[str] | None, typer.Argument(metavar="PATH", help="Region files or folders.")
    ] = None,
    criteria: CriteriaOption = None,
    fmt: Annotated[str | None, _format_option(PROBLEM_FORMATS)] = None,
    output: OutputOption = None,
    reviews: ReviewsOption = None,
    follow_links: FollowLinksOption = False,
    lang: LangOption = None,
) -> None:
    """Validate region files (and review files) against the criteria, without scoring them."""
    from smartcity_score.jobs import validate_job

    paths = regions or []
    if not paths and reviews is None:
        fail("give at least one region file or folder, or --reviews PATH")
    fmt = "text" if fmt == "table" else fmt
    fmt, criteria = _prepare(
        fmt, output, paths or (reviews or []), criteria, PROBLEM_FORMATS, follow_links,
        reviews or (), lang=lang)  # fmt: skip
    report, review_files = validate_job(
        paths, criteria, follow_links=follow_links, reviews=reviews, progress=_progress
    )
    if paths:
        require_files(report.files - review_files, paths)
    if reviews is not None:
        require_files(review_files, reviews, "review")
    render("problems", fmt, report, output, lang)
    invalid = len({p.file for p in report.errors})
    summary(t("summary_validated", lang, files=report.files, invalid=invalid))
    exit_on_errors(report.errors)


@app.command()
def check(
    paths: Annotated[
        list[str] | None, typer.Argument(metavar="PATH", help="Criteria files or folders.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github (default when GITHUB_ACTIONS=true), sarif, csv, markdown.",
        ),
    ] = None,
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    examples: Annotated[
        str | None,
        typer.Option(
            "--examples", metavar="DIR", help="Also validate the region files under this folder."
        ),
    ] = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List every rule with its slug and exit.")
    ] = False,
    follow_links: FollowLinksOption = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="RULE",
            help="Leave out the warnings of this rule (repeatable), e.g. cohort-scoring for a "
            "set that means to score against its cohort.",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Check criteria files, like a linter: every problem with file, line, column and rule."""
    from smartcity_score.jobs import check_job

    if list_rules:
        from smartcity_score.checks import all_rules

        for item in all_rules():
            sys.stdout.write(f"{item.slug:28} {item.severity:8} {item.summary}\n")
        return
    if not paths:
        fail("give at least one criteria file or folder (or --list-rules)")
    guard_output(output, [*paths, *([examples] if examples is not None else [])])
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    fmt = choose_format("text" if fmt == "table" else fmt, output, PROBLEM_FORMATS, default)
    if examples is not None:
        from smartcity_score.batch import discover

        require_files(len(discover([examples], follow_links=follow_links)[0]), [examples])
    ignored = _ignored_rules(ignore or [])
    report = check_job(paths, examples=examples, follow_links=follow_links)
    require_files(report.files, paths, "criteria")
    if ignored:
        from dataclasses import replace

        kept = [p for p in report.problems if p.rule not in ignored]
        report = replace(report, problems=kept)
    render("problems", fmt, report, output, lang)
    # A file's problems past the cap are one summary problem each: counted apart.
    errors = sum(1 for p in report.errors if not p.omitted)
    warnings = sum(1 for p in report.warnings if not p.omitted)
    counts = t("summary_counts", lang, errors=errors, warnings=warnings)
    unlisted = sum(p.omitted for p in report.problems)
    if unlisted:
        counts += " " + t("summary_unlisted", lang, unlisted=unlisted)
    summary(t("summary_checked", lang, files=report.files, counts=counts))
    if report.errors or (strict and report.warnings):
        raise typer.Exit(EXIT_INVALID)


def _ignored_rules(slugs: Sequence[str]) -> set[str]:
    """The warning rules `--ignore` names; an unknown slug, or an error's, is a usage error:
    an error means the file cannot be used, so it cannot be waved through."""
    from smartcity_score.checks import all_rules
    from smartcity_score.problems import Severity

    severity = {rule.slug: rule.severity for rule in all_rules()}
    for slug in slugs:
        if slug not in severity:
            from difflib import get_close_matches

            near = get_close_matches(slug, list(severity), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            fail(f"--ignore {slug}: no such rule ({hint}see check --list-rules)")
        if severity[slug] is Severity.ERROR:
            fail(f"--ignore {slug}: an error cannot be ignored, only a warning")
    return set(slugs)


@app.command()
def template(
    criteria: CriteriaOption = None,
    fmt: Annotated[str | None, _format_option(("yaml",))] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    review: Annotated[
        str | None,
        typer.Option(
            "--review",
            metavar="REGION",
            help="Instead, a review file for an assessor of this region file, its answers "
            "pre-filled as comments.",
        ),
    ] = None,
) -> None:
    """A blank, commented region file for the criteria (or, with --review, a review file)."""
    from smartcity_score.jobs import load, review_template_job
    from smartcity_score.templates import template as make

    if review is not None:
        _, criteria = _prepare(fmt, output, [review], criteria, ("yaml",), lang=lang)
        write(review_template_job(review, criteria, lang), output)
        return
    guard_output(output, [], [criteria])
    choose_format(fmt, output, ("yaml",))
    loaded, _ = load(criteria, lang)
    write(make(loaded, lang), output)


class SchemaKind(StrEnum):
    criteria = "criteria"
    region = "region"
    review = "review"
    output = "output"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="criteria, region, review, or output (rank's JSON).")
    ],
    criteria: CriteriaOption = None,
    fmt: Annotated[str | None, _format_option(("json",))] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """JSON Schema (draft 2020-12) for editors and other tools."""
    from smartcity_score.schemas import (
        criteria_schema,
        output_schema,
        region_schema,
        review_schema,
    )

    per_criteria = kind in (SchemaKind.region, SchemaKind.review)
    guard_output(output, [], [criteria] if per_criteria else [])
    choose_format(fmt, output, ("json",))
    if kind is SchemaKind.criteria:
        data = criteria_schema()
    elif kind is SchemaKind.output:
        data = output_schema()
    else:
        from smartcity_score.jobs import load

        make = region_schema if kind is SchemaKind.region else review_schema
        data = make(load(criteria, lang)[0], lang)
    write_json(data, output)


@criteria_app.command("list")
def criteria_list(
    fmt: Annotated[str | None, _format_option(LIST_FORMATS)] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The bundled criteria sets: id, version, indicators and title."""
    from smartcity_score.criteria_sets import bundled, load_criteria
    from smartcity_score.models import text

    guard_output(output, [str(path) for path in bundled().values()])
    fmt = choose_format(fmt, output, LIST_FORMATS)
    rows = []
    for name, path in bundled().items():
        loaded = load_criteria(path, name)
        c = loaded.criteria
        rows.append((name, c.version, len(loaded.scorer.indicators), text(c.title, lang)))
    if fmt == "json":
        keys = ("id", "version", "indicators", "title")
        entries = [dict(zip(keys, row, strict=True)) for row in rows]
        write_json(entries, output)
        return
    from smartcity_score.escape import visible
    from smartcity_score.render.layout import hanging

    word = t("indicators", lang)
    width = options_for(output, lang).width
    lines = []
    for n, v, count, title in rows:
        head = f"{n:28} {v:10} {count:3} {word:10}  "
        lines.append(hanging(head, visible(title), width, indent="    ") + "\n")
    write(lines, output)


@criteria_app.command("show")
def criteria_show(
    name: Annotated[str, typer.Argument(help="Bundled id or criteria file.")],
    fmt: Annotated[str | None, _format_option(LIST_FORMATS)] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The tree of a criteria set: dimensions, indicators, weights and types."""
    from smartcity_score.jobs import load
    from smartcity_score.tree import fitted_tree

    guard_output(output, [], [name])
    fmt = choose_format(fmt, output, LIST_FORMATS)
    loaded = load(name, lang)[0]
    if fmt == "json":
        data = loaded.criteria.model_dump(mode="json", by_alias=True, exclude_none=True)
        write_json(data, output)
        return
    write(fitted_tree(loaded, lang, options_for(output, lang).width), output)


@export_app.command("xlsform")
def export_xlsform(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="FILE", help="The .xlsx to write (atomically)."),
    ],
    criteria: Annotated[
        str | None,
        typer.Option(
            "-c",
            "--criteria",
            metavar="FILE|ID",
            help="Criteria file, or the id of a bundled set (default: kominfo-readiness-2022).",
        ),
    ] = None,
) -> None:
    """An XLSForm workbook of the criteria for ODK Collect, Enketo and KoboToolbox."""
    from smartcity_score.jobs import load
    from smartcity_score.xlsform import sheets
    from smartcity_score.xlsx import write_xlsx

    guard_output(output, [], [criteria])
    choose_format(None, output, ("xlsx",))
    loaded, _ = load(criteria)
    write_binary(write_xlsx(sheets(loaded.criteria)), output, "an .xlsx workbook")


@app.command()
def sensitivity(
    paths: PathsArgument,
    criteria: CriteriaOption = None,
    samples: Annotated[
        int, typer.Option("--samples", metavar="N", help="Monte Carlo samples.")
    ] = 1000,
    spread: Annotated[
        float,
        typer.Option(
            "--spread",
            metavar="X",
            help="How far weights move: uniform multiplies each by a factor in [1 - X, 1 + X].",
        ),
    ] = 0.2,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Random seed.")] = 0,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            metavar="METHOD",
            help="uniform (a factor per weight) or dirichlet (weight shares per group).",
        ),
    ] = "uniform",
    select: SelectOption = None,
    fmt: Annotated[str | None, _format_option(SENSITIVITY_FORMATS)] = None,
    output: OutputOption = None,
    workers: WorkersOption = None,
    lang: LangOption = None,
    follow_links: FollowLinksOption = False,
    reviews: ReviewsOption = None,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            "--vary",
            metavar="ASSUMPTION",
            help="Also draw, per sample: aggregation (arithmetic or geometric per group), "
            "missing (zero or exclude) or, with --reviews, reviews (each disputed indicator "
            "at one reviewer's score); repeat for more.",
        ),
    ] = None,
) -> None:
    """How solid is the cut: ranks and selection under randomly perturbed weights."""
    from smartcity_score.sensitivity import Settings, sensitivity_job

    fmt, criteria = _prepare(
        fmt, output, paths, criteria, SENSITIVITY_FORMATS, follow_links, reviews or (), lang=lang
    )
    count = worker_count(workers)
    settings = Settings(samples, spread, seed, method, tuple(dict.fromkeys(vary or ())))
    report = sensitivity_job(
        paths,
        criteria,
        settings,
        select=select,
        workers=count,
        lang=lang,
        follow_links=follow_links,
        reviews=reviews,
        progress=_progress,
    )
    require_files(report.files, paths)
    render("sensitivity", fmt, report, output, lang)
    _cohort_summary(report.loaded, lang)
    invalid = report.invalid_regions
    summary(
        t(
            "done_sensitivity",
            lang,
            files=report.files,
            ranked=len(report.regions),
            invalid=invalid,
            bubble=len(report.bubble),
        )
    )
    exit_on_errors(report.errors)


@app.command()
def compare(
    old: Annotated[str, typer.Argument(metavar="OLD_CRITERIA", help="Criteria before.")],
    new: Annotated[str, typer.Argument(metavar="NEW_CRITERIA", help="Criteria after.")],
    paths: PathsArgument,
    select: Annotated[
        int | None,
        typer.Option(
            "--select", metavar="N", help="Seats to fill under both (overrides their counts)."
        ),
    ] = None,
    fmt: Annotated[str | None, _format_option(COMPARE_FORMATS)] = None,
    output: OutputOption = None,
    workers: WorkersOption = None,
    lang: LangOption = None,
    follow_links: FollowLinksOption = False,
    reviews: ReviewsOption = None,
) -> None:
    """What a criteria change does: who enters and leaves the selection, and why."""
    from smartcity_score.compare import compare_job

    guard_output(output, [*paths, *(reviews or ())], [old, new])
    fmt = choose_format(fmt, output, COMPARE_FORMATS)
    count = worker_count(workers)
    report = compare_job(
        old,
        new,
        paths,
        select=select,
        workers=count,
        lang=lang,
        follow_links=follow_links,
        reviews=reviews,
        progress=_progress,
    )
    require_files(report.files, paths)
    render("compare", fmt, report, output, lang)
    _cohort_summary(report.old, lang, t("old", lang).lower() + ": ")
    _cohort_summary(report.new, lang, t("new", lang).lower() + ": ")
    invalid = report.invalid_regions
    summary(
        t(
            "done_compare",
            lang,
            files=report.files,
            invalid=invalid,
            entering=len(report.entering),
            leaving=len(report.leaving),
        )
    )
    exit_on_errors(report.errors)


TREND_FORMATS = ("table", "json", "csv", "markdown", "html")


@app.command()
def trend(
    rounds: Annotated[
        list[str],
        typer.Argument(
            metavar="ROUND_DIR", help="One folder of region files per round, oldest first."
        ),
    ],
    criteria: CriteriaOption = None,
    labels: Annotated[
        list[str] | None,
        typer.Option(
            "--label",
            metavar="LABEL",
            help="A name for each round, in order (default: folder names).",
        ),
    ] = None,
    fmt: Annotated[str | None, _format_option(TREND_FORMATS)] = None,
    output: OutputOption = None,
    workers: WorkersOption = None,
    lang: LangOption = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """The same regions over several rounds: rank, total and level per round, who moved most."""
    from smartcity_score.trend import trend_job

    fmt, criteria = _prepare(fmt, output, rounds, criteria, TREND_FORMATS, follow_links, lang=lang)
    report = trend_job(
        rounds,
        criteria,
        labels=labels or (),
        workers=worker_count(workers),
        lang=lang,
        follow_links=follow_links,
    )
    render("trend", fmt, report, output, lang)
    invalid = len({e.file for e in report.errors})
    summary(
        t(
            "done_trend",
            lang,
            files=report.files,
            rounds=len(report.rounds),
            regions=len(report.regions),
            invalid=invalid,
        )
    )
    exit_on_errors(report.errors)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv`; return the exit code. No traceback ever escapes."""
    from smartcity_score.cli_help import plain_help
    from smartcity_score.escape import visible
    from smartcity_score.problems import InvalidCriteria, InvalidInput, SmartcityError

    plain_help(app)
    _Asked.lang = None
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        _narrowed(app, args)(args=args, prog_name="smartcity-score")
    except SystemExit as done:
        if done.code == EXIT_INTERRUPTED:  # Typer's own answer to Ctrl-C, said in one line
            return _interrupted()
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except InvalidCriteria as invalid:
        for problem in invalid.problems:
            sys.stderr.write(f"{visible(problem.line_in(_Asked.lang))}\n")
        sys.stderr.write("smartcity-score: error: the criteria file is invalid\n")
        return EXIT_USAGE
    except InvalidInput as invalid:
        for problem in invalid.problems:
            sys.stderr.write(f"{visible(problem.line_in(_Asked.lang))}\n")
        return EXIT_INVALID
    except SmartcityError as error:
        sys.stderr.write(f"smartcity-score: error: {visible(error)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the last line of defence: one line, never a traceback
        sys.stderr.write(
            f"smartcity-score: internal error: {type(error).__name__}: {visible(error)}\n"
            "Please report this with the command and input that caused it.\n"
        )
        return EXIT_USAGE
    return EXIT_OK


def _narrowed(whole: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """`whole` with only the command that `args` start with, when they name one: Typer
    builds every command's parameters before it runs any, which a cold `assess` of one
    file should not pay for. Anything else (an option first, `--help`, a sub-app, a typo
    to suggest a command for) gets the whole app."""
    from copy import copy

    from typer.main import get_command_name

    for command in whole.registered_commands:
        name = command.name or get_command_name(getattr(command.callback, "__name__", ""))
        if args and args[0] == name:
            narrowed = copy(whole)
            narrowed.registered_commands = [command]
            narrowed.registered_groups = []
            return narrowed
    return whole


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _interrupted() -> int:
    """Ctrl-C: the progress bar taken away, one line, and no output file (every write is to
    a temporary file renamed into place, and removed when interrupted)."""
    if "smartcity_score.progress" in sys.modules:
        sys.modules["smartcity_score.progress"].stop_all()
    sys.stderr.write("smartcity-score: interrupted: nothing written\n")
    return EXIT_INTERRUPTED


def main() -> None:
    """Console entry point (installed as `smartcity_score.entry:main`, which tunes the
    garbage collector first)."""
    sys.exit(run())


IMPORT_FORMATS = ("text", "json", "github")


class KeepChoice(StrEnum):
    latest = "latest"


@app.command("import")
def import_exports(
    exports: Annotated[
        list[str], typer.Argument(metavar="FILE", help="Form exports: .csv, .xlsx or .zip.")
    ],
    into: Annotated[
        Path, typer.Option("--into", metavar="DIR", help="Folder to write region files into.")
    ],
    criteria: Annotated[
        str | None,
        typer.Option(
            "-c",
            "--criteria",
            metavar="FILE|ID",
            help="The criteria the form was exported from: a file, or the id of a bundled "
            "set (default: kominfo-readiness-2022).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite region files that already exist.")
    ] = False,
    keep: Annotated[
        KeepChoice | None,
        typer.Option(
            "--keep",
            metavar="latest",
            help="Of two submissions for one region, keep the latest (default: reject both).",
        ),
    ] = None,
    separator: Annotated[
        str | None,
        typer.Option(
            "--group-separator",
            metavar="S",
            help="Joins group and question names in headers, besides '/' and '-'.",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="Problems as text, json or github."),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Form exports (Kobo, ODK Central, Google or Microsoft Forms) as region files."""
    from smartcity_score.import_job import Settings, import_job, render_import
    from smartcity_score.jobs import load

    check_paths(exports)
    fmt = choose_format(fmt, None, IMPORT_FORMATS)
    if into.exists() and not into.is_dir():
        fail(f"--into {into} is not a folder")
    loaded, _ = load(criteria)
    into.mkdir(parents=True, exist_ok=True)
    settings = Settings(into, force, keep is KeepChoice.latest, separator or None)
    # Off a terminal no bar shows: the rows to expect are not even counted.
    report = import_job(
        exports, loaded, settings, write, _progress if sys.stderr.isatty() else None
    )
    write(render_import(report, fmt, lang), None)
    for item in report.skipped:
        summary(t("summary_skipped", lang, file=item.file, row=item.row, reason=item.say(lang)))
    invalid = len({(p.file, p.line) for p in report.errors if p.line > 1})
    unread = len({p.file for p in report.errors if p.line == 1})
    done = {"exports": len(exports), "written": len(report.written), "invalid": invalid}
    line = t("summary_imported", lang, **done, skipped=len(report.skipped))
    summary(line + (t("summary_not_read", lang, unread=unread) if unread else ""))
    exit_on_errors(report.errors)

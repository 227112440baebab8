#!/usr/bin/env python3
"""The performance goals of issue 6, measured as ratios against a baseline in the same run.

    python benchmarks/run.py                      # all three benchmarks
    python benchmarks/run.py --only rank --pairs 5
    python benchmarks/run.py --only scale --files 10000 --large 75000
    python benchmarks/run.py --only assess-cold
    python benchmarks/run.py --only rank-small    # 0.5, 1.5 and 4 KB files, -o and stdout

Each measurement is a separate subprocess; the baseline and the tool run alternately,
pair after pair, so that a slow minute of the machine hits both. A figure is the
median over the pairs of the per-pair ratio. Memory is the peak resident set of the
whole process tree (the process and every descendant), sampled from /proc every
20 ms, and never less than the largest single-process peak the kernel reports.
Data sets are generated once by generate.py and cached under benchmarks/out/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CRITERIA = ROOT / "criteria" / "kominfo-readiness-2022.yaml"
SMALL_CRITERIA = HERE / "small-criteria.yaml"  # twelve indicators: a file of about 0.5 KB
SAMPLE_EVERY = 0.02  # seconds between two samples of the tree's memory
RESCAN_EVERY = 5  # look for new processes every this many samples

GOAL_RANK = 1.0
GOAL_LINEAR = 1.1  # time per file may grow by 10 % from the small to the large set
GOAL_RSS_MB = 400.0
GOAL_COLD = 1.3
# rank-small (issue 16): (label, which criteria, --size of generate.py, goal). Size 0 writes
# no evidence notes: a dozen answers and the region envelope, about 0.55 KB.
SIZES = (
    ("0.5 KB", "small", 0, 0.8),
    ("1.5 KB", "small", 1536, 0.7),
    ("4 KB", "default", 4096, 0.6),
)


# -- measuring one subprocess ------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float  # user + system, of the process and every descendant it waited for
    tree_rss_kb: int  # peak of the sum over the tree, never below the largest process
    max_process_kb: int  # ru_maxrss from wait4: the largest single process in the tree
    code: int
    stderr: str


def _children(pid: int, parents: dict[int, int]) -> list[int]:
    """`pid` and its descendants, from a pid -> parent pid table."""
    tree = [pid]
    for candidate in tree:
        tree.extend(child for child, parent in parents.items() if parent == candidate)
    return tree


def _parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            stat = stream.read()
    except OSError:
        return None
    # The name in parentheses may hold spaces: the fields after the last ')' are fixed.
    return int(stat[stat.rindex(b")") + 2 :].split()[1])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as stream:
            for line in stream:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0  # gone, or a zombie (no VmRSS line)


class TreeSampler(threading.Thread):
    """Samples the summed VmRSS of a process tree until told to stop."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kb = 0
        self.done = threading.Event()
        self.parents: dict[int, int] = {}  # a process's parent is read once and cached

    def _scan(self) -> list[int]:
        alive = {int(name) for name in os.listdir("/proc") if name.isdigit()}
        for pid in self.parents.keys() - alive:  # gone: its number may be reused
            del self.parents[pid]
        for pid in alive - self.parents.keys():
            parent = _parent_of(pid)
            if parent is not None:
                self.parents[pid] = parent
        return _children(self.root, self.parents)

    def run(self) -> None:
        tree = [self.root]
        ticks = 0
        while not self.done.is_set():
            if ticks % RESCAN_EVERY == 0:
                tree = self._scan()
            ticks += 1
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in tree))
            self.done.wait(SAMPLE_EVERY)


ENV: dict[str, str] = {}  # the environment of every measured process; see `environment`


def environment(cache: Path) -> dict[str, str]:
    """Our environment, with bytecode caches kept under `cache`, written and reused.

    A cold start of an installed tool reads its modules' cached bytecode (pip
    compiles it at install time). With PYTHONDONTWRITEBYTECODE set, as in some
    sandboxes, an editable install never gets any, and every run would compile
    the whole package from source: a cost no user pays. Both baseline and tool
    run with the same setting.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str((cache / "pycache").resolve())
    return env


def measure(argv: Sequence[str], stdout: int = subprocess.DEVNULL) -> Sample:
    """Run `argv` to the end; its wall time, peak memory and exit code."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=stdout, stderr=errors, env=ENV or None)
        sampler = TreeSampler(process.pid)
        sampler.start()
        # wait4 gives this child's own rusage: what getrusage(RUSAGE_CHILDREN) would
        # report if it were our only child. Its ru_maxrss is the largest process of the
        # tree (not the sum), hence the sampler.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    largest = int(usage.ru_maxrss)  # kB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, max(sampler.peak_kb, largest), largest, process.returncode, stderr)


def checked(sample: Sample, argv: Sequence[str]) -> Sample:
    if sample.code != 0:
        sys.stderr.write(f"run: `{' '.join(argv)}` exited with {sample.code}:\n{sample.stderr}")
        raise SystemExit(1)
    return sample


# -- data sets ---------------------------------------------------------------------------


def dataset(criteria: Path, count: int, seed: int, cache: Path, size: int = 4096) -> Path:
    """A folder of `count` generated region files of about `size` bytes, regenerated when an
    input changed."""
    stamp_text = hashlib.sha256(
        criteria.read_bytes()
        + (HERE / "generate.py").read_bytes()
        + f"{count}/{seed}/{size}".encode()
    ).hexdigest()
    # The default size keeps the folder name it always had, so existing caches stay valid.
    suffix = "" if size == 4096 else f"-{size}b"
    folder = cache / f"{criteria.stem}-{count}-seed{seed}{suffix}"
    stamp = folder.with_name(folder.name + ".stamp")
    if folder.is_dir() and stamp.is_file() and stamp.read_text() == stamp_text:
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [sys.executable, str(HERE / "generate.py"), "--criteria", str(criteria)]
    command += ["--count", str(count), "--out", str(partial), "--seed", str(seed)]
    command += ["--size", str(size)]
    subprocess.run(command, check=True, env=ENV or None)
    partial.rename(folder)
    stamp.write_text(stamp_text)
    return folder


def warm_up(*commands: Sequence[str]) -> list[Sample]:
    """One untimed run of each command: bytecode caches written, files in the page cache."""
    return [checked(measure(command), command) for command in commands]


def warm(folder: Path) -> None:
    """Read every file once, so that no timed run pays for the disk."""
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as stream:
                stream.read()


# -- reporting ---------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    value: float
    goal: float
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.value <= self.goal

    def line(self) -> str:
        verdict = "met" if self.met else "MISSED"
        goal = f"goal <= {self.goal:g}{self.unit}: {verdict}"
        return f"  {self.name}: {self.value:.2f}{self.unit}  ({goal})"


@dataclass
class Outcome:
    benchmark: str
    command: str
    rows: list[dict[str, float]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def best_ratio(rows: Sequence[dict[str, float]], tool: str, baseline: str) -> str:
    """The ratio of the fastest runs: less sensitive to other load than the median."""
    fastest = min(row[tool] for row in rows) / min(row[baseline] for row in rows)
    return f"fastest tool run / fastest baseline run: {fastest:.2f}x"


def peak(rows: Sequence[dict[str, float]], tool: str, baseline: str) -> str:
    """The largest peak RSS of the process tree over the runs, tool and baseline."""
    most = max(row[tool] for row in rows)
    base = max(row[baseline] for row in rows)
    return f"peak RSS of the process tree: {most:.0f} MB (baseline {base:.0f} MB)"


def mb(kb: int) -> float:
    return kb / 1024


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [
        [f"{c:.3f}" if isinstance(c, float) else str(c) for c in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells)
    return "\n".join("  " + line for line in lines)


# -- the benchmarks ----------------------------------------------------------------------


@dataclass
class Settings:
    tool: list[str]
    criteria: Path
    files: int
    large: int
    pairs: int | None
    seed: int
    cache: Path
    workers: int | None
    scratch: Path

    small_criteria: Path = SMALL_CRITERIA

    def rank_command(
        self, folder: Path, criteria: Path | None = None, *, to_file: bool = True
    ) -> list[str]:
        """`rank FOLDER -f json`, with `-o FILE`, or else JSON to stdout (/dev/null)."""
        chosen = self.criteria if criteria is None else criteria
        command = [*self.tool, "rank", str(folder), "-c", str(chosen), "-f", "json"]
        if to_file:
            command += ["-o", str(self.scratch / "rank.json")]
        if self.workers is not None:
            command += ["--workers", str(self.workers)]
        return command


def alternate(
    pairs: int, first: Sequence[str], second: Sequence[str], say: Callable[[str], None]
) -> list[tuple[Sample, Sample]]:
    results = []
    for number in range(1, pairs + 1):
        a = checked(measure(first), first)
        b = checked(measure(second), second)
        say(f"  pair {number}/{pairs}: {a.seconds:.3f} s, {b.seconds:.3f} s")
        results.append((a, b))
    return results


def bench_rank(settings: Settings, say: Callable[[str], None]) -> Outcome:
    folder = dataset(settings.criteria, settings.files, settings.seed, settings.cache)
    warm(folder)
    baseline = [sys.executable, str(HERE / "parse_only.py"), str(folder)]
    tool = settings.rank_command(folder)
    say(f"rank: {settings.files} files; baseline: {' '.join(baseline)}")
    say(f"      tool: {' '.join(tool)}")
    summary = warm_up(baseline, tool)[1].stderr.strip().splitlines()
    say(f"      warm-up run of the tool says: {summary[-1] if summary else '(nothing)'}")
    results = alternate(settings.pairs or 3, baseline, tool, say)
    outcome = Outcome("rank", " ".join(tool))
    for parse, rank in results:
        outcome.rows.append(
            {
                "parse_s": parse.seconds,
                "rank_s": rank.seconds,
                "ratio": rank.seconds / parse.seconds,
                "parse_cpu_s": parse.cpu_seconds,
                "rank_cpu_s": rank.cpu_seconds,
                "parse_rss_mb": mb(parse.tree_rss_kb),
                "rank_tree_rss_mb": mb(rank.tree_rss_kb),
                "rank_largest_process_mb": mb(rank.max_process_kb),
            }
        )
    ratio = statistics.median(row["ratio"] for row in outcome.rows)
    outcome.figures.append(Figure(f"rank / parse at {settings.files} files", ratio, GOAL_RANK))
    outcome.notes.append(best_ratio(outcome.rows, "rank_s", "parse_s"))
    outcome.notes.append(peak(outcome.rows, "rank_tree_rss_mb", "parse_rss_mb"))
    return outcome


def bench_rank_small(settings: Settings, say: Callable[[str], None]) -> Outcome:
    """`rank` on files of 0.5, 1.5 and 4 KB, writing JSON with -o and to stdout, each
    against the single-process parse of the same files (issue 16: the fixed cost per file
    weighs most on small files)."""
    outcome = Outcome("rank-small", " ".join(settings.rank_command(Path("DIR"))))
    for label, which, size, goal in SIZES:
        criteria = settings.small_criteria if which == "small" else settings.criteria
        folder = dataset(criteria, settings.files, settings.seed, settings.cache, size)
        warm(folder)
        baseline = [sys.executable, str(HERE / "parse_only.py"), str(folder)]
        to_file = settings.rank_command(folder, criteria)
        to_stdout = settings.rank_command(folder, criteria, to_file=False)
        mean = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / max(settings.files, 1)
        say(f"rank-small, {label} (mean {mean:.0f} B), {settings.files} files")
        say(f"      baseline: {' '.join(baseline)}")
        say(f"      tool: {' '.join(to_file)}")
        say(f"      tool: {' '.join(to_stdout)} > /dev/null")
        warm_up(baseline, to_file, to_stdout)
        rows = []
        for number in range(1, (settings.pairs or 3) + 1):
            parse = checked(measure(baseline), baseline)
            written = checked(measure(to_file), to_file)
            printed = checked(measure(to_stdout), to_stdout)
            say(
                f"  run {number}: parse {parse.seconds:.3f} s, -o {written.seconds:.3f} s, "
                f"stdout {printed.seconds:.3f} s"
            )
            rows.append(
                {
                    "size_b": mean,
                    "parse_s": parse.seconds,
                    "o_s": written.seconds,
                    "stdout_s": printed.seconds,
                    "o_ratio": written.seconds / parse.seconds,
                    "stdout_ratio": printed.seconds / parse.seconds,
                    "parse_cpu_s": parse.cpu_seconds,
                    "o_cpu_s": written.cpu_seconds,
                    "stdout_cpu_s": printed.cpu_seconds,
                }
            )
        outcome.rows.extend(rows)
        for key, how in (("o_ratio", "-o FILE"), ("stdout_ratio", "> stdout")):
            ratio = statistics.median(row[key] for row in rows)
            name = f"rank / parse, {label} files, JSON {how}"
            outcome.figures.append(Figure(name, ratio, goal))
        fastest = min(min(r["o_s"], r["stdout_s"]) for r in rows) / min(r["parse_s"] for r in rows)
        outcome.notes.append(f"{label}: fastest tool run / fastest baseline run: {fastest:.2f}x")
    return outcome


def bench_scale(settings: Settings, say: Callable[[str], None]) -> Outcome:
    small_n, large_n = settings.files, settings.large
    small = dataset(settings.criteria, small_n, settings.seed, settings.cache)
    large = dataset(settings.criteria, large_n, settings.seed, settings.cache)
    warm(small)
    warm(large)
    first, second = settings.rank_command(small), settings.rank_command(large)
    say(f"scale: {' '.join(first)}")
    say(f"       {' '.join(second)}")
    warm_up(first)
    results = alternate(settings.pairs or 3, first, second, say)
    outcome = Outcome("scale", " ".join(second))
    for a, b in results:
        outcome.rows.append(
            {
                "small_s": a.seconds,
                "large_s": b.seconds,
                "small_ms_per_file": 1000 * a.seconds / small_n,
                "large_ms_per_file": 1000 * b.seconds / large_n,
                "ratio": (b.seconds / large_n) / (a.seconds / small_n),
                "cpu_ratio": (b.cpu_seconds / large_n) / (a.cpu_seconds / small_n),
                "small_tree_rss_mb": mb(a.tree_rss_kb),
                "large_tree_rss_mb": mb(b.tree_rss_kb),
                "large_largest_process_mb": mb(b.max_process_kb),
            }
        )
    ratio = statistics.median(row["ratio"] for row in outcome.rows)
    peak = max(row["large_tree_rss_mb"] for row in outcome.rows)
    name = f"time per file, {large_n} / {small_n} files"
    outcome.figures.append(Figure(name, ratio, GOAL_LINEAR))
    outcome.figures.append(
        Figure(f"peak RSS of the tree at {large_n} files", peak, GOAL_RSS_MB, " MB")
    )
    return outcome


def bench_assess_cold(settings: Settings, say: Callable[[str], None]) -> Outcome:
    one = next(dataset(settings.criteria, 1, settings.seed, settings.cache).rglob("*.yaml"))
    # The floor is an empty Typer app with assess's parameters, given the same arguments
    # (issue 16): what Typer costs before any of our code runs.
    arguments = ["assess", "-c", str(settings.criteria), str(one)]
    baseline = [sys.executable, str(HERE / "empty_typer_app.py"), *arguments]
    tool = [*settings.tool, *arguments]
    say(f"assess-cold: baseline: {' '.join(baseline)}")
    say(f"             tool: {' '.join(tool)} > /dev/null")
    warm_up(baseline, tool)
    pairs = max(settings.pairs or 7, 5)  # a short run: more pairs to tame the noise
    results = alternate(pairs, baseline, tool, say)
    outcome = Outcome("assess-cold", " ".join(tool))
    for floor, assess in results:
        outcome.rows.append(
            {
                "floor_s": floor.seconds,
                "assess_s": assess.seconds,
                "ratio": assess.seconds / floor.seconds,
                "floor_cpu_s": floor.cpu_seconds,
                "assess_cpu_s": assess.cpu_seconds,
                "floor_rss_mb": mb(floor.tree_rss_kb),
                "assess_rss_mb": mb(assess.tree_rss_kb),
            }
        )
    ratio = statistics.median(row["ratio"] for row in outcome.rows)
    outcome.figures.append(Figure("assess / empty Typer app, cold", ratio, GOAL_COLD))
    outcome.notes.append(best_ratio(outcome.rows, "assess_s", "floor_s"))
    outcome.notes.append(peak(outcome.rows, "assess_rss_mb", "floor_rss_mb"))
    return outcome


BENCHMARKS: dict[str, Callable[[Settings, Callable[[str], None]], Outcome]] = {
    "rank": bench_rank,
    "rank-small": bench_rank_small,
    "scale": bench_scale,
    "assess-cold": bench_assess_cold,
}


def default_tool() -> list[str]:
    # The console script beside this interpreter: a shim on PATH (pyenv) would add its
    # own start-up time to every run.
    beside = Path(sys.executable).parent / "smartcity-score"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("smartcity-score")
    return [found] if found else [sys.executable, "-m", "smartcity_score"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure smartcity-score against its baselines (issue 6)."
    )
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    parser.add_argument(
        "--pairs",
        type=int,
        help="baseline/tool pairs per benchmark (default 3; assess-cold: 7, never below 5)",
    )
    parser.add_argument("--files", type=int, default=10_000, help="files for rank (10000)")
    parser.add_argument("--large", type=int, default=75_000, help="large set of scale (75000)")
    parser.add_argument("--criteria", type=Path, default=DEFAULT_CRITERIA, help="criteria file")
    parser.add_argument(
        "--small-criteria",
        type=Path,
        default=SMALL_CRITERIA,
        help="criteria of the 0.5 and 1.5 KB files of rank-small (benchmarks/small-criteria.yaml)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated files")
    parser.add_argument("--workers", type=int, help="pass --workers N to rank (default: none)")
    parser.add_argument(
        "--tool", help="command to benchmark (default: the smartcity-score beside python)"
    )
    parser.add_argument("--cache", type=Path, default=HERE / "out", help="data set folder")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    if args.pairs is not None and args.pairs < 1:
        parser.error("--pairs takes a whole number of at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    names = [args.only] if args.only else list(BENCHMARKS)
    outcomes: list[Outcome] = []
    ENV.update(environment(args.cache))
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-") as scratch:
        settings = Settings(
            tool=args.tool.split() if args.tool else default_tool(),
            criteria=args.criteria.resolve(),
            files=args.files,
            large=args.large,
            pairs=args.pairs,
            seed=args.seed,
            cache=args.cache,
            workers=args.workers,
            scratch=Path(scratch),
            small_criteria=args.small_criteria.resolve(),
        )
        digest = hashlib.sha256(settings.criteria.read_bytes()).hexdigest()[:12]
        say(
            f"criteria {settings.criteria} (sha256 {digest}...), CPUs: {os.cpu_count()}, "
            f"python {sys.version.split()[0]}, load average: {os.getloadavg()[0]:.2f}"
        )
        for name in names:
            outcome = BENCHMARKS[name](settings, say)
            rows = outcome.rows
            say(table(["pair", *rows[0]], [[i + 1, *row.values()] for i, row in enumerate(rows)]))
            for figure in outcome.figures:
                say(figure.line())
            for note in outcome.notes:
                say(f"  ({note})")
            say(f"  (load average after: {os.getloadavg()[0]:.2f}; on a busy machine, rerun)")
            say("")
            outcomes.append(outcome)
    if args.json is not None:
        data = [
            {**asdict(o), "figures": [{**asdict(f), "met": f.met} for f in o.figures]}
            for o in outcomes
        ]
        args.json.write_text(json.dumps(data, indent=2) + "\n")
    return 0 if all(f.met for o in outcomes for f in o.figures) else 1


if __name__ == "__main__":
    sys.exit(main())

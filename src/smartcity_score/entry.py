"""The console entry point, apart from `cli` so that it runs before Typer, pydantic and the
tool's own modules are imported.

It tunes the cyclic garbage collector for a command's one short run: a collection waits
for 100,000 new objects instead of CPython's 700, and what is loaded before the command
runs is left alone by later collections (`gc.freeze`, which also keeps forked workers from
copying those pages). A command builds many small objects and next to no cycles: ranking
10,000 small files spent some 8 % of its time in collections that found nothing
(benchmarks/README.md). `cli.run`, as tests and callers in Python use it,
leaves their collector as it was.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.set_threshold(100_000, 50, 100)
    from smartcity_score.cli import main as command_line

    gc.freeze()
    command_line()

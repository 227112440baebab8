"""A progress bar on stderr for long batches (only when stderr is a terminal)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn


def bar(total: int) -> Callable[[int], None]:
    """A callback to report files done; the bar disappears when all are done."""
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("scoring", total=total)
    progress.start()
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress.update(task, completed=done)
        if done >= total:
            progress.stop()

    return advance

"""A progress bar on stderr for long batches (only when stderr is a terminal)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

_ACTIVE: list[Progress] = []  # bars on screen, for `stop_all` on Ctrl-C


def stop_all() -> None:
    """Take every bar off the screen (Ctrl-C), so the next line starts clean."""
    while _ACTIVE:
        _ACTIVE.pop().stop()


def bar(total: int, description: str = "scoring") -> Callable[[int], None]:
    """A callback to report files done; the bar disappears when all are done."""
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(description, total=total)
    _ACTIVE.append(progress)  # before it shows: a Ctrl-C as it appears must take it away
    progress.start()
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress.update(task, completed=done)
        if done >= total:
            progress.stop()
            if progress in _ACTIVE:
                _ACTIVE.remove(progress)

    return advance

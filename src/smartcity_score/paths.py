"""What an input path is, in words: the reasons a walk or `-c` cannot read it.

Shared by the folder walk (`batch.discover`) and the criteria lookup (`criteria_sets`),
so a broken link, a link loop or a pipe is called the same everywhere.
"""

from __future__ import annotations

import errno
import os
import stat

from smartcity_score.messages import Message, msg, verbatim

_KINDS = (
    (stat.S_ISFIFO, "kind_fifo"),
    (stat.S_ISSOCK, "kind_socket"),
    (stat.S_ISCHR, "kind_char_device"),
    (stat.S_ISBLK, "kind_block_device"),
    (stat.S_ISDIR, "kind_folder"),
)


def kind(mode: int) -> Message:
    """`a named pipe`, `a folder`, ... for a `st_mode` that is not a regular file's."""
    return msg(next((name for test, name in _KINDS if test(mode)), "kind_other"))


def not_regular(mode: int) -> Message:
    """The problem of an entry that is there but not a regular file, in the same words
    wherever it is found (the walk, the reader, `-c`)."""
    return msg("not_regular", kind=kind(mode))


def unreachable(path: str, error: OSError) -> Message:
    """Why `stat(path)` failed with `error`: a broken link, a link loop, or the OS's reason."""
    if error.errno == errno.ELOOP:
        return msg("link_loop")
    if os.path.islink(path) and error.errno == errno.ENOENT:
        try:
            return msg("broken_link", target=os.readlink(path))
        except OSError:
            pass
    if error.errno == errno.ENOENT:
        return msg("no_such_path")
    return cannot_read(error)


def cannot_read(error: OSError) -> Message:
    """`cannot read: REASON`, the operating system's reason as it gives it."""
    return msg("cannot_read", reason=verbatim(error.strerror or str(error)))


def inside(real: str, root: str) -> bool:
    """Whether the real path `real` is `root` or lies under it (both from `realpath`)."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

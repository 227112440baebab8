"""What an input path is, in words: the reasons a walk or `-c` cannot read it.

Shared by the folder walk (`batch.discover`) and the criteria lookup (`criteria_sets`),
so a broken link, a link loop or a pipe is called the same everywhere.
"""

from __future__ import annotations

import errno
import os
import stat

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def kind(mode: int) -> str:
    """`a named pipe`, `a folder`, ... for a `st_mode` that is not a regular file's."""
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")


def not_regular(mode: int) -> str:
    """The problem of an entry that is there but not a regular file, in the same words
    wherever it is found (the walk, the reader, `-c`)."""
    return f"not a regular file ({kind(mode)})"


def unreachable(path: str, error: OSError) -> str:
    """Why `stat(path)` failed with `error`: a broken link, a link loop, or the OS's reason."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if os.path.islink(path) and error.errno == errno.ENOENT:
        try:
            return f"broken link to '{os.readlink(path)}'"
        except OSError:
            pass
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {error.strerror or error}"


def inside(real: str, root: str) -> bool:
    """Whether the real path `real` is `root` or lies under it (both from `realpath`)."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

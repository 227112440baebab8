"""What `import` keeps of each submission until every row is read, on disk.

Which submissions may be written is known only at the end (a region id may come again
in the last row), so each submission leaves a record in a ledger file, and its region
file's text in a spool; memory holds a fixed-size Bloom filter of the region ids seen,
the few ids it answered "maybe seen" for, and the problems found (which are reported
anyway). A "maybe" is checked against the ledger, so a false positive costs a little
time and never changes what is written or said.
"""

from __future__ import annotations

import hashlib
import pickle
import struct
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import IO

from smartcity_score.problems import Problem

# 2**23 bits (1 MiB) and four probes: about one false "maybe" in a million ids at 75,000
# rows, one in fifty at a million; either way the answer is checked on disk.
_BITS = 1 << 23
_PROBES = 4

# A ledger record: file, row, id column, offset and length of the text in the spool,
# the submission time in microseconds since 1970 (or _NO_TIME), the region id's length
# in UTF-8 bytes (or _NO_ID); then the id. Packed, since pickling a datetime is slow.
_RECORD = struct.Struct("<IIIQQqI")
_NO_TIME = -(1 << 63)
_NO_ID = 0xFFFFFFFF
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # never fails, whatever a cell held


class Seen:
    """A Bloom filter of strings: `add` says whether the string may have been added before."""

    def __init__(self) -> None:
        self._bits = bytearray(_BITS // 8)

    def add(self, text: str) -> bool:
        digest = hashlib.blake2b(_utf8(text), digest_size=4 * _PROBES).digest()
        probes = int.from_bytes(digest, "little")
        maybe = True
        for _ in range(_PROBES):
            bit = probes % _BITS
            probes >>= 32
            byte, mask = bit >> 3, 1 << (bit & 7)
            if not self._bits[byte] & mask:
                maybe = False
                self._bits[byte] |= mask
        return maybe


@dataclass(slots=True)
class Pending:
    """A submission read and checked: what telling repeats apart and writing need; the
    text of its region file waits in the spool at `span` (offset, length)."""

    file: str
    row: int
    region_id: str | None
    id_column: int
    submitted: datetime | None
    problems: list[Problem]
    span: tuple[int, int] = (0, 0)


class Ledger:
    """Every submission in the order read, as records in a temporary file, and the
    region ids that may have come twice."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close()
        self._files: dict[str, int] = {}
        self._names: list[str] = []
        self._problems: dict[int, list[Problem]] = {}
        self._seen = Seen()
        self.maybe_repeated: set[str] = set()
        self.count = 0

    def add(self, pending: Pending) -> None:
        file = self._files.setdefault(pending.file, len(self._names))
        if file == len(self._names):
            self._names.append(pending.file)
        if pending.problems:
            self._problems[self.count] = pending.problems
        if pending.region_id is not None and self._seen.add(pending.region_id):
            self.maybe_repeated.add(pending.region_id)
        region_id = None if pending.region_id is None else _utf8(pending.region_id)
        submitted = pending.submitted
        self._file.write(
            _RECORD.pack(
                file,
                pending.row,
                pending.id_column,
                *pending.span,
                _NO_TIME if submitted is None else (submitted - _EPOCH) // _MICROSECOND,
                _NO_ID if region_id is None else len(region_id),
            )
        )
        if region_id is not None:
            self._file.write(region_id)
        self.count += 1

    def __iter__(self) -> Iterator[Pending]:
        """The submissions in the order added, each with its problems (a problem added to
        the list of one with none is not kept: add it with `problems_of`)."""
        self._file.flush()
        self._file.seek(0)
        for index in range(self.count):
            record = self._file.read(_RECORD.size)
            file, row, id_column, offset, size, microseconds, length = _RECORD.unpack(record)
            raw = None if length == _NO_ID else self._file.read(length)
            region_id = None if raw is None else raw.decode("utf-8", "surrogatepass")
            submitted = None if microseconds == _NO_TIME else _EPOCH + microseconds * _MICROSECOND
            problems = self._problems.get(index, [])
            yield Pending(
                self._names[file], row, region_id, id_column, submitted, problems, (offset, size)
            )

    def problems_of(self, index: int) -> list[Problem]:
        """The problems of the `index`th submission, to add to."""
        return self._problems.setdefault(index, [])

    def close(self) -> None:
        self._file.close()


class WrittenFiles:
    """The files an import wrote, `(path, submission)` in order, kept on disk."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  # closed by the finalizer
        self._count = 0
        # The report outlives the import: the file goes with it, unwarned.
        weakref.finalize(self, self._file.close)

    def append(self, item: tuple[str, Pending]) -> None:
        path, submission = item
        self._file.write(
            pickle.dumps((path, submission.file, submission.row), pickle.HIGHEST_PROTOCOL)
        )
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[str, Pending]]:
        self._file.flush()
        position = self._file.tell()
        self._file.seek(0)
        try:
            for _ in range(self._count):
                path, file, row = pickle.load(self._file)
                yield path, Pending(file, row, None, 1, None, [])
        finally:
            self._file.seek(position)

#!/usr/bin/env python3
"""The baseline of the `rank` benchmark: one process that merely parses every file.

    python benchmarks/parse_only.py FOLDER

Finds files the way `smartcity-score rank` does (recursively, `*.yaml`/`*.yml`,
hidden entries skipped, in sorted order) and parses each with libyaml through
`yaml.load(f, Loader=yaml.CSafeLoader)`, the fastest stock way to read YAML from
Python. Nothing is validated, scored or written. Prints the number of files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import yaml


def walk(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                yield os.path.join(root, name)


def main(argv: list[str]) -> int:
    count = 0
    for folder in argv:
        for path in walk(folder):
            # Binary mode: libyaml decodes UTF-8 itself, a little faster than a text stream.
            with open(path, "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
            count += 1
    sys.stdout.write(f"{count} files parsed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

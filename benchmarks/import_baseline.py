#!/usr/bin/env python3
"""The baseline of `import_rows.py`: the same region files written with PyYAML's C emitter.

    python benchmarks/import_baseline.py DATA.pickle OUT_DIR

`DATA.pickle` (made by `import_rows.py --prepare`) holds, for each file `import` wrote,
its name, its first line (the comment tracing it to its submission) and its data as
loaded back. This process only unpickles that list, then dumps each item with the
options `import` uses and writes it: the files are byte for byte those of `import`, and
no YAML parsing is counted in the baseline's time.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import yaml


def main() -> int:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    with source.open("rb") as stream:
        files = pickle.load(stream)
    for name, comment, data in files:
        text = yaml.dump(
            data,
            Dumper=yaml.CSafeDumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=1_000_000,
        )
        (target / name).write_text(comment + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Messages about region files quote a short, visible excerpt of what they found."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Result

VALID = EXAMPLES / "applicants-2022" / "kota-pariaman.yaml"
LONG = "x" * 5000
SHOWN = "x" * 59 + "…"
ESC = "\\e]8;;http://evil\\e\\\\a"  # YAML's escapes for ESC and a backslash

CASES = {
    "c5-long-unknown-indicator": (  # YAML keys stop at 1024 characters
        f"  {LONG[:1000]}: 1\n",
        f"unknown indicator '{SHOWN}'",
    ),
    "c5-long-choice-option": (
        f"  visi_smart_city_rpjmd: {LONG}\n",
        f"'visi_smart_city_rpjmd' has no option '{SHOWN}'; expected one of",
    ),
    "c5-long-multi-option": (
        f"  sumber_pendanaan_smart_city: [{LONG}]\n",
        f"'sumber_pendanaan_smart_city' has no option '{SHOWN}'; expected any of",
    ),
    "c6-escape-in-unknown-indicator": (
        f'  "{ESC}": 1\n',
        "unknown indicator '\\x1b]8;;http://evil\\x1b\\a'",
    ),
    "c6-escape-in-choice-option": (
        f'  visi_smart_city_rpjmd: "{ESC}"\n',
        "'visi_smart_city_rpjmd' has no option '\\x1b]8;;http://evil\\x1b\\a'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_message_quotes_an_excerpt_and_the_rest_is_ranked(
    case: str, cli: Callable[..., Result], tmp_path: Path
) -> None:
    line, message = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(VALID, folder / "good.yaml")
    text = VALID.read_text(encoding="utf-8").replace("kota-pariaman", "kota-bad", 1)
    # The hostile answer opens `answers`, replacing an answer of the same key if any.
    key = line.split(":")[0].strip()
    kept = [row for row in text.splitlines(keepends=True) if not row.startswith(f"  {key}:")]
    at = kept.index("answers:\n") + 1
    (folder / "bad.yaml").write_text("".join([*kept[:at], line, *kept[at:]]), encoding="utf-8")

    result = cli("rank", folder, "-f", "json")

    assert result.code == 1
    data = json.loads(result.out)
    assert [r["region"]["id"] for r in data["results"]] == ["kota-pariaman"]
    messages = [e["message"] for e in data["errors"]]
    assert any(m.startswith(message) for m in messages), messages
    assert all(len(m) < 400 and "\x1b" not in m for m in messages)


def test_c3_a_multi_answer_of_5000_unknown_options_lists_100_and_counts_the_rest(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Past the per-file cap the options are only counted, in one pass: same report."""
    lines = ["schema: smartcity-score/region/v1", "region: {id: kota-x, name: Kota X}", "answers:"]
    lines += ["  sumber_pendanaan_smart_city:", *["    - q"] * 5000]
    (tmp_path / "bad.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = cli("validate", tmp_path / "bad.yaml", "-f", "json")

    assert result.code == 1
    errors = json.loads(result.out)["errors"]
    options = [e for e in errors if "has no option 'q'" in e["message"]]
    assert [(e["line"], e["column"]) for e in options] == [(5 + i, 7) for i in range(len(options))]
    assert len(errors) == 101  # 100 listed (options and unanswered indicators), then the rest
    assert errors[-1]["message"] == f"… and {errors[-1]['omitted']} more problems in this file"
    assert errors[-1]["total"] == 5000 + 100 - len(options)
    assert (errors[-1]["line"], errors[-1]["column"]) == (5 + len(options), 7)

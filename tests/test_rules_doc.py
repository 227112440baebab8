"""docs/rules.md documents every `check` rule and is never stale."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from smartcity_score.checks import all_rules
from tests.conftest import REPO, Result

TOOL = REPO / "tools" / "make_rules_doc.py"
PAGE = REPO / "docs" / "rules.md"


def test_rules_page_is_up_to_date() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, str(TOOL), "--check"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_every_rule_has_a_row_and_a_section() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| [`{rule.slug}`](#{rule.slug}) |" in page
        assert f"\n### {rule.slug}\n" in page


def test_list_rules_and_the_page_agree(cli: Callable[..., Result]) -> None:
    listed = cli("check", "--list-rules").out.split()
    page = PAGE.read_text(encoding="utf-8")
    for rule in all_rules():
        assert rule.slug in listed
        assert rule.summary in page


def test_readme_links_the_rules_page() -> None:
    assert "(docs/rules.md)" in (REPO / "README.md").read_text(encoding="utf-8")

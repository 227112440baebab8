"""SARIF 2.1.0, for code-scanning uploads (GitHub and other tools)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from smartcity_score import __version__
from smartcity_score.escape import json_text
from smartcity_score.render import Options
from smartcity_score.report import ProblemReport

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(label: str) -> str:
    """A file label as a SARIF URI: relative paths stay relative, absolute ones get file://."""
    path = PurePath(label)
    if path.is_absolute():
        return Path(label).as_uri()
    return quote(path.as_posix())


def problems(report: ProblemReport, options: Options) -> Iterator[str]:
    from smartcity_score.checks import all_rules

    rules = all_rules()
    index = {rule.slug: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for problem in report.problems:
        result: dict[str, Any] = {
            "ruleId": problem.rule,
            "level": "error" if problem.severity == "error" else "warning",
            "message": {"text": problem.say(options.lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(problem.file)},
                        "region": {"startLine": problem.line, "startColumn": problem.column},
                    }
                }
            ],
        }
        if problem.rule in index:
            result["ruleIndex"] = index[problem.rule]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "smartcity-score",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/smartcity-score/",
                        "rules": [
                            {
                                "id": rule.slug,
                                "name": rule.slug,
                                "shortDescription": {"text": rule.summary},
                                "defaultConfiguration": {
                                    "level": "error" if rule.severity == "error" else "warning"
                                },
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    yield json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"

"""Rules of region files, reported by `check --examples` (and by `validate`).

Region files are checked by `smartcity_score.regions`; the rules are listed
here so that `check --list-rules` and SARIF output name every rule `check`
can report.
"""

from smartcity_score.checks import document_rule
from smartcity_score.problems import Severity

document_rule("unknown-indicator", "A region file answers only indicators the criteria define.")
document_rule("invalid-answer", "Every answer is valid for its indicator: type, option, range.")
document_rule("required-answer", "Every `required` indicator is answered.")
document_rule(
    "not-filled-in",
    "A region file made with `template` has its own id and name, not the placeholders.",
)
document_rule(
    "criteria-mismatch", "A region file's `criteria` names the criteria it is checked with."
)
document_rule(
    "criteria-unknown",
    "With several criteria files, a region file names its own with `criteria: ID`.",
    Severity.WARNING,
)

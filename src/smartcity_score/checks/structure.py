"""Rules enforced while reading the file and validating its shape.

They are listed here so that `check --list-rules` and the docs cover them too.
"""

from smartcity_score.checks import document_rule

document_rule("yaml-syntax", "The file is well-formed YAML.")
document_rule("duplicate-key", "No mapping repeats a key.")
document_rule("yaml-anchor", "No YAML anchors (&name): write every value out.")
document_rule("yaml-alias", "No YAML aliases (*name): they hide repetition and enable alias bombs.")
document_rule("yaml-tag", "No explicit YAML tags (!!str, !!python/...).")
document_rule("yaml-key", "Mapping keys are plain values, not lists or mappings.")
document_rule("multiple-documents", "The file holds exactly one YAML document.")
document_rule("not-a-mapping", "The file holds one mapping at the top.")
document_rule("encoding", "The file is UTF-8 (a byte-order mark is fine).")
document_rule("file-too-large", "The file is at most 1 MiB.")
document_rule("unreadable", "The file can be read.")
document_rule("schema-version", "`schema` is exactly `smartcity-score/criteria/v1`.")
document_rule("unknown-key", "Every key is one the format defines (typos are caught, not ignored).")
document_rule("missing-key", "Every required key is present.")
document_rule("wrong-type", "Every value has the type its key requires (`true` is not a number).")
document_rule("not-finite", "Numbers are finite: no `.nan` or `.inf`.")
document_rule("invalid-value", "A key with a fixed set of values holds one of them.")
document_rule(
    "unknown-type", "An indicator's `type` and a scoring `method` are ones the format defines."
)
document_rule("group-children", "A group has exactly one of `indicators` or `dimensions`.")
document_rule(
    "gate-form", "A gate tests an answer with one test, or a score with `at_least`/`at_most`."
)
document_rule("level-form", "A level has exactly one cut point: `at_least` or `above`.")
document_rule("quota-form", "A quota is `{field, max}` or `{field, equals, min and/or max}`.")
document_rule(
    "number-too-large",
    "Every number fits a float64 (about ±1.8e308): a 400-digit integer cannot be scored.",
)

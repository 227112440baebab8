"""Rules for criteria files, one family per module.

Each rule is a function decorated with `@rule(slug, severity)`; its docstring's
first line is the rule's documentation (`check --list-rules` prints it). A
rule receives a `Context` and yields `Problem`s located at the exact node.
Rules run only on a criteria file that passed the structural validation of
`smartcity_score.models`; the structural rules are documented in `structure`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Any, NamedTuple

from smartcity_score.checks.reach import best_answer
from smartcity_score.engine import Scorer, Scores
from smartcity_score.loader import Document, NodePath
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.models import Criteria, Group, Indicator
from smartcity_score.problems import Problem, Severity


class Rule(NamedTuple):  # a NamedTuple, cheaper than a frozen dataclass to define at start
    slug: str
    severity: Severity
    summary: str
    check: Callable[[Context], Iterable[Problem]] | None = None


RULES: dict[str, Rule] = {}


def rule(
    slug: str, severity: Severity = Severity.ERROR
) -> Callable[[Callable[[Context], Iterable[Problem]]], Callable[[Context], Iterable[Problem]]]:
    """Register a rule function under `slug`; its docstring's first line documents it."""

    def register(
        function: Callable[[Context], Iterable[Problem]],
    ) -> Callable[[Context], Iterable[Problem]]:
        summary = (function.__doc__ or "").strip().splitlines()[0]
        RULES[slug] = Rule(slug, severity, summary, function)
        return function

    return register


def document_rule(slug: str, summary: str, severity: Severity = Severity.ERROR) -> None:
    """Register a rule enforced elsewhere (loader, models), so it is listed and documented."""
    RULES[slug] = Rule(slug, severity, summary)


class Context:
    """A structurally valid criteria file with helpers to walk it by path."""

    def __init__(self, criteria: Criteria, document: Document) -> None:
        self.criteria = criteria
        self.document = document

    def problem(
        self,
        path: NodePath,
        message: str | Message,
        slug: str,
        *,
        at_key: bool = False,
    ) -> Problem:
        line, column = self.document.key_where(path) if at_key else self.document.where(path)
        severity = RULES[slug].severity if slug in RULES else Severity.ERROR
        return Problem.of(self.document.file, line, column, message, slug, severity)

    def groups(self) -> Iterator[tuple[NodePath, Group]]:
        """Every group, depth first in file order, with its path."""
        dimensions = self.criteria.dimensions
        stack: list[tuple[NodePath, Group]] = [
            (("dimensions", i), dimensions[i]) for i in range(len(dimensions) - 1, -1, -1)
        ]
        while stack:
            path, group = stack.pop()
            yield path, group
            if group.dimensions is not None:
                for i in range(len(group.dimensions) - 1, -1, -1):
                    stack.append(((*path, "dimensions", i), group.dimensions[i]))

    def indicators(self) -> Iterator[tuple[NodePath, Indicator]]:
        """Every indicator in file order, with its path."""
        for path, group in self.groups():
            for i, indicator in enumerate(group.indicators or ()):
                yield (*path, "indicators", i), indicator

    @cached_property
    def duplicated_ids(self) -> frozenset[str]:
        """Group and indicator ids used more than once (the `duplicate-id` rule says where)."""
        seen: set[str] = set()
        repeated: set[str] = set()
        ids = [group.id for _, group in self.groups()]
        for node_id in [*ids, *(indicator.id for _, indicator in self.indicators())]:
            (repeated if node_id in seen else seen).add(node_id)
        return frozenset(repeated)

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        """Indicators by id, leaving out duplicated ids: a gate naming one could mean either
        node, so no rule may test it against one of them (a number rule on a choice crashed)."""
        duplicated = self.duplicated_ids
        return {
            indicator.id: indicator
            for _, indicator in self.indicators()
            if indicator.id not in duplicated
        }

    @cached_property
    def node_ids(self) -> set[str]:
        ids = {group.id for _, group in self.groups()}
        return ids | {indicator.id for _, indicator in self.indicators()}

    @cached_property
    def best_scores(self) -> Scores | None:
        """Every node's highest possible score: the engine scoring a best-answer set.

        Scores only rise with an indicator's score, whatever the aggregation, so
        answering every indicator at its best gives every node its maximum. None
        when some indicator cannot be scored at all, or when ids are duplicated: the
        engine finds answers and scores by id (other rules report why).
        """
        if self.duplicated_ids:
            return None
        answers: dict[str, Any] = {}
        for _, indicator in self.indicators():
            answer = best_answer(indicator)
            if answer is None:
                return None
            answers[indicator.id] = answer
        return Scorer(self.criteria).score(answers)


def num(value: float) -> str:
    """A number as a person writes it in a message: 5 rather than 5.0, at most 6 decimals."""
    shown = round(float(value), 6)
    return str(int(shown)) if shown.is_integer() and abs(shown) < 1e15 else repr(shown)


def listed(words: Iterable[str]) -> Message:
    """`a`, `a and b`, `a, b and c` (`dan` in Indonesian)."""
    items = list(words)
    if len(items) == 1:
        return verbatim(items[0])
    return msg("check_and", items=", ".join(items[:-1]), last=items[-1])


# The modules of rules, named rather than found by listing the folder at every start
# (tests/test_check_rules.py holds this to the folder).
FAMILIES = (
    "cohort",
    "examples",
    "gates",
    "groups",
    "ids",
    "levels",
    "numbers",
    "panel",
    "reach",
    "references",
    "scores",
    "selection",
    "structure",
    "texts",
)


def _load_families() -> None:
    for name in FAMILIES:
        importlib.import_module(f"{__name__}.{name}")


def run(criteria: Criteria, document: Document, *, warnings: bool = True) -> list[Problem]:
    """Every problem the rules find, sorted by position (errors only unless `warnings`)."""
    _load_families()
    context = Context(criteria, document)
    found: set[Problem] = set()
    for registered in RULES.values():
        if registered.check is None:
            continue
        if warnings or registered.severity is Severity.ERROR:
            found.update(registered.check(context))
    return sorted(found)


def all_rules() -> list[Rule]:
    _load_families()
    return sorted(RULES.values(), key=lambda r: (r.severity != Severity.ERROR, r.slug))

"""Finding and loading criteria files: a path, or the id of a bundled set."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from smartcity_score import checks
from smartcity_score.cohort import Cohort, minmax_indicators
from smartcity_score.cohort import resolve as resolve_cohort
from smartcity_score.engine import Scorer
from smartcity_score.loader import Document, LoadFailed, decode, parse, read_limited
from smartcity_score.messages import msg
from smartcity_score.models import REGION_SCHEMA, Criteria, NumberIndicator
from smartcity_score.paths import not_regular, unreachable
from smartcity_score.problems import InvalidCriteria, Problem, UsageError, cap_per_file
from smartcity_score.validation import problems_from

DEFAULT = "kominfo-readiness-2022"


def bundled_dir() -> Path:
    """The bundled criteria: inside the wheel, or the repo's `criteria/` when run from source."""
    here = Path(__file__).resolve().parent
    packaged = here / "_criteria"
    return packaged if packaged.is_dir() else here.parents[1] / "criteria"


def bundled() -> dict[str, Path]:
    """Bundled criteria sets by id (the file name stem)."""
    folder = bundled_dir()
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


@dataclass(frozen=True)
class LoadedCriteria:
    """A valid criteria file and its digest (the scoring commands skip `check`'s warnings)."""

    criteria: Criteria
    document: Document
    sha256: str
    # The cohort the `minmax` indicators are scored against (SPEC §1 v1.1), once known.
    cohort: Cohort | None = None

    @cached_property
    def scorer(self) -> Scorer:
        return Scorer(self.criteria)

    @cached_property
    def minmax(self) -> tuple[NumberIndicator, ...]:
        """The `minmax` indicators: empty for criteria whose scores need no cohort."""
        return minmax_indicators(self.criteria)

    def with_cohort(self, cohort: Cohort) -> LoadedCriteria:
        """These criteria with the goalposts of `cohort` (see `smartcity_score.cohort`)."""
        return LoadedCriteria(
            resolve_cohort(self.criteria, cohort), self.document, self.sha256, cohort
        )


def resolve(name: str | None) -> tuple[Path, str]:
    """The file for `-c NAME` (a path or a bundled id) and the label to print for it."""
    if name is None:
        name = DEFAULT
    path = Path(name)
    if path.is_file():
        return path, name
    sets = bundled()
    if name in sets:
        return sets[name], f"{name} (bundled)"
    reason = _not_a_file(name)
    if reason is not None:
        raise UsageError(f"criteria '{name}' {reason}")
    known = ", ".join(sets) or "none"
    raise UsageError(f"no criteria file or bundled set named '{name}' (bundled: {known})")


def _not_a_file(name: str) -> str | None:
    """Why the path `name` cannot be read as criteria, or None if nothing stands there."""
    try:
        os.lstat(name)
    except OSError:
        return None
    try:
        mode = os.stat(name).st_mode
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOENT):  # lstat found it: a link
            return f"is a {unreachable(name, error)}"
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return f"is {not_regular(mode)}"


def load_criteria(path: Path, label: str) -> LoadedCriteria:
    """Load, validate and check a criteria file; raise `InvalidCriteria` on any error
    in it, `UsageError` when it cannot be read at all (no access, swapped for a pipe)."""
    try:
        raw = read_limited(path, label)
    except LoadFailed as failed:
        first = failed.problems[0]
        if first.rule == "unreadable":
            raise UsageError(f"criteria '{label}': {first.message}") from None
        raise InvalidCriteria(failed.problems) from None
    errors, criteria, document = _validate(raw, label, warnings=False)
    if errors or criteria is None or document is None:
        raise InvalidCriteria(errors)
    return LoadedCriteria(criteria, document, hashlib.sha256(raw).hexdigest())


def validate_bytes(raw: bytes, label: str) -> list[Problem]:
    """Every problem (errors and warnings) of a criteria file's bytes, capped per file."""
    return cap_per_file(_validate(raw, label)[0])


def _validate(
    raw: bytes, label: str, *, warnings: bool = True
) -> tuple[list[Problem], Criteria | None, Document | None]:
    try:
        document = parse(decode(raw, label), label)
    except LoadFailed as failed:
        return failed.problems, None, None
    if document.data.get("schema") == REGION_SCHEMA:
        message = msg("check_region_not_criteria")
        return [document.problem(("schema",), message, "schema-version")], None, document
    try:
        criteria = Criteria.model_validate(document.data)
    except ValidationError as error:
        return (
            sorted([*document.problems, *problems_from(error, document, Criteria)]),
            None,
            document,
        )
    found = checks.run(criteria, document, warnings=warnings)
    return sorted([*document.problems, *found]), criteria, document


def load(name: str | None) -> LoadedCriteria:
    path, label = resolve(name)
    return load_criteria(path, label)


def text_languages(criteria: Criteria) -> list[str]:
    """The language codes of the criteria's texts (`{id: ..., en: ...}`), sorted; none when
    every text is a plain string. Every `dict[str, str]` of a criteria model is a Text."""
    found: set[str] = set()
    stack: list[Any] = [criteria]
    while stack:
        value = stack.pop()
        if isinstance(value, BaseModel):
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, dict):
            if all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                found.update(value)
            else:
                stack.extend(value.values())
    return sorted(found)


def require_language(loaded: LoadedCriteria, lang: str | None) -> None:
    """A usage error when `--lang` names a language none of the criteria's texts is in: each
    text would silently fall back to its first language (SPEC §1), which nobody asked for."""
    if lang is None:
        return
    available = text_languages(loaded.criteria)
    if available and lang not in available:
        raise UsageError(
            f"criteria {loaded.criteria.id} has no texts in '{lang}'; "
            f"available: {', '.join(available)}"
        )

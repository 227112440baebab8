"""Turn pydantic's validation errors into located `Problem`s.

A pydantic error's `loc` names fields, list indexes and, for tagged unions,
the tag. We walk the loc through the parsed data, skipping steps that are not
in it (the union tags), to find the YAML node the error is about.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from smartcity_score.escape import excerpt
from smartcity_score.loader import Document, NodePath
from smartcity_score.message_catalogue import MESSAGE_KEY, MESSAGES
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.models import worded_number
from smartcity_score.problems import SUGGESTIONS, Problem, position

# What a pydantic error type expected, by the catalogue key that words it.
_EXPECTED = {
    "float_type": "expect_number",
    "int_type": "expect_whole",
    "string_type": "expect_string",
    "bool_type": "expect_bool",
    "list_type": "expect_list",
    "dict_type": "expect_mapping",
    "model_type": "expect_mapping",
    "model_attributes_type": "expect_mapping",
    "int_from_float": "expect_whole",
    "float_parsing": "expect_number",
    "int_parsing": "expect_whole",
}


def describe(value: Any) -> Message:
    """A short, YAML-flavoured description of a value for error messages."""
    if value is None:
        return msg("found_null")
    if isinstance(value, bool):
        return msg("found_bool", value=str(value).lower())
    if isinstance(value, int):
        shown = worded_number(value)  # never all 400 digits
        if isinstance(shown, Message):  # `99999…99999 (400 digits, a whole number)`
            return msg("found_long_whole", **dict(shown.params))
        return msg("found_whole", value=value)
    if isinstance(value, float):
        return msg("found_number", value=repr(value))
    if isinstance(value, str):
        return msg("found_string", value=excerpt(value, 40))
    if isinstance(value, list):
        return msg("found_list")
    if isinstance(value, dict):
        return msg("found_mapping")
    return verbatim(type(value).__name__)


def data_path(data: Any, loc: Iterable[int | str]) -> NodePath:
    """The part of a pydantic `loc` that names nodes of `data` (tags and wrappers dropped)."""
    path: list[Any] = []
    node = data
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            path.append(step)
            node = node[step]  # type: ignore[index]  # a list index is an int here
        elif isinstance(node, dict) and isinstance(step, str) and step.isdigit():
            key = int(step)  # pydantic reports dict[int, ...] keys as strings
            if key in node:
                path.append(key)
                node = node[key]
        elif not isinstance(node, dict | list):
            break
    return tuple(path)


def _models(model: type[BaseModel], found: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """`model` and every model reachable from its fields."""
    if model not in found:
        found.append(model)
        for info in model.model_fields.values():
            for sub in _models_in(info.annotation):
                _models(sub, found)
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _keys(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def keys_like(mapping: Any, model: type[BaseModel]) -> set[str]:
    """The keys of the model that best fits `mapping`: the one sharing most of its keys."""
    present = set(mapping) if isinstance(mapping, dict) else set()
    best = max(_models(model, []), key=lambda m: len(_keys(m) & present))
    return _keys(best)


_SUGGEST_LENGTH = 100  # names are short: a longer word is no typo of one


def suggest(word: str, choices: Iterable[str]) -> Message | str:
    """` (did you mean 'x'?)` for a close match, else an empty string.

    Bounded: a long word gets none, and so does every problem of a file past the first
    `MAX_PER_FILE` suggestions (`SUGGESTIONS`), which is as many as a file's report shows."""
    if len(word) > _SUGGEST_LENGTH or not SUGGESTIONS.take():
        return ""
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return msg("did_you_mean", name=excerpt(matches[0])) if matches else ""


def problems_from(
    error: ValidationError, document: Document, model: type[BaseModel]
) -> list[Problem]:
    """One located `Problem` per pydantic error, in file order."""
    details = _union_errors(error.errors(include_url=False), document)
    problems = {_problem(detail, document, model) for detail in details}
    return sorted(problems, key=position)


def _union_errors(details: list[ErrorDetails], document: Document) -> list[ErrorDetails]:
    """One error per node for a value that fits no member of a union (`Message` = str | dict).

    pydantic reports a wrong-type error per member, named by the member's type
    (`'str'`, `'dict[str,str]'`). When some member took the value and found a
    problem inside it, only that deeper problem is kept; otherwise the members'
    type errors merge into one: "must be a string or a mapping".
    """
    paths = [data_path(document.data, detail["loc"]) for detail in details]
    merged: dict[NodePath, ErrorDetails] = {}
    kept: list[ErrorDetails] = []
    for detail, path in zip(details, paths, strict=True):
        if detail["type"] not in _EXPECTED or detail["loc"][-1:] == ("[key]",):
            kept.append(detail)
        elif any(len(other) > len(path) and other[: len(path)] == path for other in paths):
            continue  # a member accepted this node and reported a problem inside it
        elif path in merged:
            first = merged[path]
            wanted = msg("either", first=first["ctx"]["expected"], second=_expected(detail))
            merged[path] = {**first, "ctx": {"expected": wanted}}
        else:
            merged[path] = {**detail, "ctx": {"expected": _expected(detail)}}
    kept.extend({**detail, "type": "wrong_type"} for detail in merged.values())
    return kept


def _alternatives(expected: str) -> str | Message:
    """pydantic's `'a', 'b' or 'c'` with its "or" in the message's language."""
    items = [f"'{item}'" for item in re.findall(r"'([^']*)'", expected)]
    if len(items) < 2 or ", ".join(items[:-1]) + " or " + items[-1] != expected:
        return expected  # not the shape pydantic writes: carried as it is
    return msg("either", first=", ".join(items[:-1]), second=items[-1])


def _expected(detail: ErrorDetails) -> Message:
    return msg(_EXPECTED[detail["type"]])


def _problem(detail: ErrorDetails, document: Document, model: type[BaseModel]) -> Problem:
    kind = detail["type"]
    loc = detail["loc"]
    path = data_path(document.data, loc)
    name = excerpt(loc[-1]) if loc else ""
    value = detail.get("input")
    if kind == "extra_forbidden":
        parent: Any = document.data
        for step in path[:-1]:
            parent = parent[step]
        message = msg("unknown_key", key=name, hint=suggest(name, keys_like(parent, model)))
        return document.problem(path, message, "unknown-key", at_key=True)
    if kind == "missing":
        return document.problem(path, msg("missing_key", key=name), "missing-key")
    if kind == "union_tag_not_found":
        tag = excerpt(detail.get("ctx", {}).get("discriminator", "type").strip("'"))
        return document.problem(path, msg("missing_key", key=tag), "missing-key")
    if kind == "union_tag_invalid":
        ctx = detail.get("ctx", {})
        raw, expected = str(ctx.get("tag", "")), ctx.get("expected_tags", "")
        hint = suggest(raw, re.findall(r"'([^']*)'", expected))
        alternatives = _alternatives(expected)
        message = msg("unknown_value", value=excerpt(raw), hint=hint, expected=alternatives)
        return document.problem((*path, "type"), message, "unknown-type")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        rule = "schema-version" if path[-1:] == ("schema",) and len(path) == 1 else "invalid-value"
        typo = rule == "invalid-value" and isinstance(value, str)  # a schema is a version
        hint = suggest(value, re.findall(r"'([^']*)'", expected)) if typo else ""
        found = describe(value)
        alternatives = _alternatives(expected)
        message = msg("must_be", name=name, expected=alternatives, found=found, hint=hint)
        return document.problem(path, message, rule)
    if kind == "finite_number":
        return document.problem(path, msg("not_finite", name=name), "not-finite")
    if kind == "invalid_key":  # pydantic's "Keys should be strings", about an int key
        message = msg("key_not_string", key=excerpt(value), what=msg("a_number"))
        return document.problem(path, message, "key-not-string", at_key=True)
    if loc[-1:] == ("[key]",) and kind in _EXPECTED:
        owner = excerpt(loc[-3]) if len(loc) >= 3 else ""
        message = msg("key_must_be", owner=owner, expected=_expected(detail), found=describe(value))
        return document.problem(path, message, "wrong-type", at_key=True)
    if kind in _EXPECTED:
        return document.problem(path, _must_be(name, _expected(detail), value), "wrong-type")
    if kind == "wrong_type":  # made by _union_errors: name the node, not the union member
        name = next((excerpt(step) for step in reversed(path) if isinstance(step, str)), "")
        message = _must_be(name, detail["ctx"]["expected"], value)
        return document.problem(path, message, "wrong-type")
    if kind.endswith("_type"):
        message = msg("named_reason", name=name, reason=verbatim(detail["msg"]))
        return document.problem(path, message, "wrong-type")
    # Our own PydanticCustomError types are rule slugs already, worded by a catalogue key.
    return document.problem(path, _custom(detail), kind, at_key=loc[-1:] == ("[key]",))


def _custom(detail: ErrorDetails) -> Message:
    """The message of one of the models' own errors, by the catalogue key it names."""
    params = dict(detail.get("ctx") or {})
    key = params.pop(MESSAGE_KEY, None)
    if key not in MESSAGES:
        return verbatim(detail["msg"])
    return msg(key, **{name: str(value) for name, value in params.items()})


def _must_be(name: str, expected: Message, value: Any) -> Message:
    return msg("must_be", name=name, expected=expected, found=describe(value), hint="")

"""libyaml's event stream turned into plain data, strictly.

Built on `yaml.CSafeLoader`'s events, never on a constructor: anchors, aliases
and tags are refused at the event that carries them, so an alias bomb is never
expanded and no `!!python/...` tag is ever resolved. Trees are built
iteratively, so deep nesting cannot exhaust the Python stack.

Two readers share `resolve_plain`, so they agree on the data: `read_clean` reads a
clean file without positions and gives up at the first thing that needs a
closer look; `read_located` records every node's line and column and collects every
problem. `smartcity_score.loader` puts them together.

Plain scalars resolve like `yaml.safe_load` (YAML 1.1: `yes` is true, `012`
is octal), except timestamps, which stay strings: no field of ours holds a
date, and a `version: 2022-01-01` should not become one. Two more exceptions:
an integer of more than `MAX_DIGITS` digits is a problem where it stands (reading
it would take time quadratic in its length, and Python could not print it), and
a mapping key must be a string or an integer (`labels: {1: ...}`): a key that YAML
reads as a boolean, null or a float is a problem at that key, named as written.
So `true` and `1` never meet as one Python key (`True == 1`), nor `1.0` and `1`.
(In YAML 1.1, `null` and `~` are one and the same key, as are `1` and `0x1`, while
`true` and `1`, or `1.0` and `1`, are different; here `1` and `0x1` are reported
as a duplicate key, and `null` and `~` each as a key that is not a string.)
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from smartcity_score.escape import excerpt
from smartcity_score.message_catalogue import YAML_PHRASES
from smartcity_score.messages import Message, msg, verbatim
from smartcity_score.problems import Problem

MAX_DEPTH = 100  # nested lists and mappings; real files need fewer than 20
# Python's own limit for turning text into an int (`sys.get_int_max_str_digits`): above it
# the conversion is refused, and it would take time quadratic in the number of digits.
MAX_DIGITS = 4300
_INT_LIMIT = 10**MAX_DIGITS  # a hexadecimal or octal integer must stay below it too

NodePath = tuple[Hashable, ...]
Mark = tuple[int, int]

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


_RESOLVED: dict[str, Any] = {}  # plain scalars repeat across files: ids, true, option ids
_RESOLVED_MAX = 16384
_CACHED_LENGTH = 64  # longer scalars are not kept: the cache must stay small


class TooLargeInt(Exception):
    """A plain scalar that YAML reads as an integer, with more digits than we read."""

    def __init__(self, digits: int) -> None:
        self.digits = digits
        self.words = msg("int_too_large", digits=digits, limit=MAX_DIGITS)
        super().__init__(str(self.words))


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar the way YAML 1.1 / `safe_load` does, dates aside."""
    try:
        return _RESOLVED[value]
    except KeyError:
        pass
    resolved = _resolve(value)
    if len(value) <= _CACHED_LENGTH:
        if len(_RESOLVED) >= _RESOLVED_MAX:
            _RESOLVED.clear()
        _RESOLVED[value] = resolved
    return resolved


def _resolve(value: str) -> Any:
    if not value:
        return None
    for tag, regexp in _RESOLVERS.get(value[0], ()):
        if regexp.match(value):
            if tag == _BOOL:
                return _CONSTRUCTOR.bool_values[value.lower()]
            if tag == _NULL:
                return None
            if tag == _INT:
                return _integer(value)
            if tag == _FLOAT:
                return _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, value))
            break
    return value


def _integer(value: str) -> Any:
    """A plain scalar that the resolver reads as an integer (`12`, `-0x1F`, `1_000`, `1:30`)."""
    body = value.lstrip("+-")
    body = body[2:] if body.startswith(("0x", "0b")) else body
    digits = len(body) - body.count("_") - body.count(":")
    if digits > MAX_DIGITS:
        raise TooLargeInt(digits)  # counted before converting: int() would be quadratic
    try:
        number = _CONSTRUCTOR.construct_yaml_int(ScalarNode(_INT, value))
    except ValueError:  # `0x_`, `0b_`: the resolver's pattern matches, int() fails
        return value
    if not -_INT_LIMIT < number < _INT_LIMIT:  # a long hexadecimal one
        raise TooLargeInt(digits)
    return number


def is_ambiguous_plain(value: str) -> bool:
    """True when a plain `value` would not read back from YAML as that same string.

    `y` and `n` are YAML 1.1 booleans that PyYAML reads as strings; other readers do not.
    """
    try:
        return value.lower() in {"y", "n"} or not isinstance(resolve_plain(value), str)
    except TooLargeInt:
        return True


def _mark(mark: Any) -> Mark:
    return (mark.line + 1, mark.column + 1)


_DROP = object()  # key of a value that is read but not kept (after a duplicate key)
_NO_KEY = object()  # no key pending: the next node is a key (None is a valid key: `~: x`)


class _TooDeep(Exception):
    """Nesting beyond MAX_DEPTH: every node's path would cost time and memory quadratic in it."""


class Builder:
    """Turns libyaml events into plain data, recording problems instead of stopping."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []
        self.marks: dict[NodePath, Mark] = {}
        self.key_marks: dict[NodePath, Mark] = {}
        # Each frame: [container, path, pending key (_NO_KEY = expecting a key)]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.skip_depth = 0

    def error(self, mark: Mark, message: Message, rule: str) -> None:
        self.problems.append(Problem.of(self.label, mark[0], mark[1], message, rule))

    def refuse_extras(self, event: Any, mark: Mark) -> None:
        if getattr(event, "anchor", None) is not None:
            self.error(mark, msg("yaml_anchor", anchor=excerpt(event.anchor)), "yaml-anchor")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = excerpt(tag.replace("tag:yaml.org,2002:", "!!", 1))
            self.error(mark, msg("yaml_tag", tag=shown), "yaml-tag")

    def skip_value(self) -> None:
        """The parser is at a value that is not kept (an integer too large): leave its
        place empty, and the mapping waiting for its next key."""
        if self.stack and isinstance(self.stack[-1][0], dict):
            self.stack[-1][2] = _NO_KEY

    def place(self, value: Any, mark: Mark) -> tuple[NodePath, bool]:
        """Put `value` where the parser is; return its path and whether it was kept."""
        if not self.stack:
            self.root = value
            self.marks[()] = mark
            return (), True
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            self.marks[child] = mark
            return child, True
        key = frame[2]
        frame[2] = _NO_KEY
        if key is _DROP:
            return (*path, key), False
        child = (*path, key)
        container[key] = value
        self.marks[child] = mark
        return child, True

    def value_scalar(self, event: Any) -> bool:
        """The common case, quickly: a plain or quoted scalar as a list item or a mapping's
        value. False when it is something else (a key, an integer too large)."""
        frame = self.stack[-1]
        container = frame[0]
        try:
            value = event.value if event.style else resolve_plain(event.value)
        except TooLargeInt:
            return False
        start = event.start_mark
        if container.__class__ is list:
            self.marks[(*frame[1], len(container))] = (start.line + 1, start.column + 1)
            container.append(value)
            return True
        key = frame[2]
        if key is _NO_KEY or key is _DROP:
            return False
        frame[2] = _NO_KEY
        container[key] = value
        self.marks[(*frame[1], key)] = (start.line + 1, start.column + 1)
        return True

    def take_key(self, event: Any, mark: Mark) -> None:
        frame = self.stack[-1]
        if not isinstance(event, yaml.ScalarEvent):
            self.error(mark, msg("complex_key"), "yaml-key")
            frame[2] = _DROP
            self.skip_depth = 1
            return
        try:
            key = event.value if event.style else resolve_plain(event.value)
        except TooLargeInt as error:
            key = error
        if not isinstance(key, str | int) or isinstance(key, bool):
            # Not kept: as a Python key, `true` would be `1` and `1.0` would be `1`.
            self.error(mark, _not_a_string(event.value, key), "key-not-string")
            frame[2] = _DROP
            return
        container, path = frame[0], frame[1]
        child = (*path, key)
        if key in container:
            first = self.key_marks.get(child, mark)
            shown = excerpt(event.value)
            self.error(mark, msg("duplicate_key", key=shown, line=first[0]), "duplicate-key")
            frame[2] = _DROP
            return
        self.key_marks[child] = mark
        frame[2] = key

    def feed(self, event: Any) -> None:
        if (
            event.__class__ is _SCALAR
            and self.stack
            and not self.skip_depth
            and event.anchor is None
            and event.tag is None
            and self.value_scalar(event)
        ):
            return
        mark = _mark(event.start_mark)
        opens = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
        if opens and len(self.stack) + self.skip_depth >= MAX_DEPTH:
            self.error(mark, msg("too_deep", depth=MAX_DEPTH), "yaml-syntax")
            raise _TooDeep  # stop reading: libyaml too slows down with the square of the depth
        if self.skip_depth:
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self.skip_depth += 1
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                self.skip_depth -= 1
            return
        if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()
            return
        if isinstance(event, yaml.AliasEvent):
            self.error(mark, msg("yaml_alias", anchor=excerpt(event.anchor)), "yaml-alias")
            event = yaml.ScalarEvent(None, None, (True, False), "", event.start_mark)
        expecting_key = bool(self.stack) and isinstance(self.stack[-1][0], dict)
        if expecting_key and self.stack[-1][2] is _NO_KEY:
            self.refuse_extras(event, mark)
            self.take_key(event, mark)
            return
        self.refuse_extras(event, mark)
        if isinstance(event, yaml.ScalarEvent):
            try:
                value = event.value if event.style else resolve_plain(event.value)
            except TooLargeInt as error:
                self.error(mark, error.words, "number-too-large")
                self.skip_value()
                return
            self.place(value, mark)
        elif isinstance(event, yaml.MappingStartEvent):
            mapping: dict[Hashable, Any] = {}
            path, _ = self.place(mapping, mark)
            self.stack.append([mapping, path, _NO_KEY])
        elif isinstance(event, yaml.SequenceStartEvent):
            sequence: list[Any] = []
            path, _ = self.place(sequence, mark)
            self.stack.append([sequence, path, _NO_KEY])


def _not_a_string(written: str, key: Any) -> Message:
    """Why a plain key is refused, naming it as the file spells it."""
    if not written:
        return msg("empty_key")
    if isinstance(key, TooLargeInt):
        what = msg("an_integer_of", digits=key.digits)
    else:
        what = msg("null" if key is None else "a_boolean" if isinstance(key, bool) else "a_number")
    return msg("key_not_string", key=excerpt(written), what=what)


_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DOCUMENT_START = yaml.DocumentStartEvent
_STREAM_END = yaml.StreamEndEvent
_PASS = (yaml.StreamStartEvent, yaml.DocumentEndEvent)


def read_clean(text: str) -> dict[Hashable, Any] | None:
    """The data of a clean file, or None at the first thing that needs a closer look.

    A clean file is one mapping with no anchor, alias, tag, complex or repeated
    key, nesting or second document: what nearly every real file is. Anything
    else, and every syntax error, goes to `read_located`, which records positions and
    problems. Both read plain scalars with `resolve_plain`, so they agree on data.
    """
    # libyaml's bare parser: events need no constructor or resolver, whose set-up in
    # Python would cost every small file as much as a fifth of its parse.
    loader = CParser(text)
    get_event = loader.get_event
    resolve = resolve_plain
    stack: list[Any] = []
    keys: list[Any] = []  # the pending key of each open mapping (_NO_KEY: expecting one)
    root: Any = None
    documents = 0
    try:
        while True:
            event: Any = get_event()
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    return None
                value = event.value if event.style else resolve(event.value)
                if not stack:
                    return None
                top = stack[-1]
                if top.__class__ is list:
                    top.append(value)
                    continue
                key = keys[-1]
                if key is _NO_KEY:
                    if value.__class__ is not str and value.__class__ is not int:
                        return None  # a key that is not a string: Builder says so
                    if value in top:
                        return None
                    keys[-1] = value
                else:
                    top[key] = value
                    keys[-1] = _NO_KEY
            elif kind in _ENDS:
                stack.pop()
                keys.pop()
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    return None
                node: Any = {} if kind is _MAPPING_START else []
                if stack:
                    top = stack[-1]
                    if top.__class__ is list:
                        top.append(node)
                    else:
                        key = keys[-1]
                        if key is _NO_KEY:
                            return None  # a list or mapping as a key
                        top[key] = node
                        keys[-1] = _NO_KEY
                else:
                    root = node
                stack.append(node)
                keys.append(_NO_KEY)
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    return None
            elif kind is _STREAM_END:
                break
            elif kind not in _PASS:
                return None  # an alias
    except (yaml.YAMLError, TooLargeInt):
        return None
    finally:
        loader.dispose()
    return root if root.__class__ is dict else None


def read_located(text: str, label: str) -> tuple[Builder, bool]:
    """Parse with every position recorded and every problem collected; also say if fatal."""
    builder = Builder(label)
    loader = yaml.CSafeLoader(text)
    documents = 0
    fatal = True
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = msg("multiple_documents")
                    builder.error(_mark(event.start_mark), message, "multiple-documents")
                    fatal = False
                    break
                continue
            if isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
                continue
            builder.feed(event)
        fatal = False
    except _TooDeep:
        pass
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(error, label, text))
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        builder.problems.append(_reader_problem(error, text, label))
    finally:
        loader.dispose()
    if documents == 0 and not fatal:
        builder.error((1, 1), msg("empty_file"), "not-a-mapping")
    elif not fatal and not isinstance(builder.root, dict):
        found = msg("nothing") if builder.root is None else _describe(builder.root)
        message = msg("not_a_mapping", found=found)
        builder.error(builder.marks.get((), (1, 1)), message, "not-a-mapping")
    builder.problems.sort()
    return builder, fatal


def _describe(value: Any) -> Message:
    if isinstance(value, list):
        return msg("a_list")
    # A short excerpt: the value may be anything, such as a token file reached by a link.
    if isinstance(value, str):
        return msg("single_value", value=f"'{excerpt(value)}'")
    return msg("single_value", value=excerpt(repr(value)))


def _syntax_problem(error: yaml.MarkedYAMLError, label: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = _mark(mark) if mark is not None else (1, 1)
    if _character_at(text, line, column) == "\t":
        return Problem.of(label, line, column, msg("yaml_tab"), "yaml-syntax")
    problem = _phrase((error.problem or "invalid YAML").strip())
    context = msg("in_parentheses", words=_phrase(error.context.strip())) if error.context else ""
    message = msg("yaml_syntax", problem=problem, context=context)
    return Problem.of(label, line, column, message, "yaml-syntax")


def _phrase(words: str) -> Message:
    """PyYAML's words for a syntax error, translated when they are among the usual ones."""
    key = YAML_PHRASES.get(words)
    return msg(key) if key is not None else verbatim(words)


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]


_POSITION = re.compile(r"position (\d+)")


def _reader_problem(error: yaml.YAMLError, text: str, label: str) -> Problem:
    position = getattr(error, "position", None)
    if position is None:
        found = _POSITION.search(str(error))
        position = int(found.group(1)) if found else 0
    # libyaml counts the position in UTF-8 bytes, not in characters
    before = text.encode("utf-8")[:position].decode("utf-8", "replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = getattr(error, "character", None)
    if isinstance(character, str):
        character = ord(character[0]) if character else None
    what = (
        msg("character_code", code=f"{character:04X}")
        if isinstance(character, int)
        else msg("character")
    )
    return Problem.of(label, line, column, msg("yaml_character", what=what), "yaml-syntax")

"""Input-file messages as a key and parameters, worded in English or Indonesian when printed.

A `Problem` keeps its English wording (`message`: sorting, deduplication and every test of
the English output rely on it) and, beside it, the `Message` it was worded from, so that a
renderer asked for `--lang id` words the same problem again in Indonesian. A parameter may
itself be a `Message` (a described value, a did-you-mean hint), worded in the same language.
Values quoted from a file (keys, ids, numbers as written) are parameters, never translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartcity_score.message_catalogue import MESSAGES


@dataclass(frozen=True, slots=True)
class Message:
    """A message by its catalogue key and parameters; `str()` is its English wording."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str | None) -> str:
        """The message in `lang`: Indonesian for `id`, English for anything else."""
        template = MESSAGES[self.key][1 if lang == "id" else 0]
        # Inline, not a helper per parameter: an export of bad rows words 100,000s of these.
        # `format_map` writes an int as `str` would.
        return template.format_map(
            {
                name: value.render(lang) if isinstance(value, Message) else value
                for name, value in self.params
            }
        )


Param = str | int | Message


def msg(key: str, /, **params: Param) -> Message:
    """The `Message` of catalogue entry `key` with `params` (a `KeyError` now, not when printed)."""
    MESSAGES[key]  # an unknown key fails where it is written
    return Message(key, tuple(params.items()))


def verbatim(words: str) -> Message:
    """Words that have no translation (an operating system's or PyYAML's reason, a type
    name), carried as they are in every language."""
    return Message("verbatim", (("words", words),))

"""Texts people read: the same languages everywhere, and help for every question."""

from collections.abc import Iterator

from smartcity_score.checks import Context, listed, rule
from smartcity_score.loader import NodePath
from smartcity_score.messages import msg
from smartcity_score.models import ChoiceIndicator, MultiIndicator, ScaleIndicator, Text
from smartcity_score.problems import Problem, Severity


def _texts(context: Context) -> Iterator[tuple[NodePath, Text]]:
    """Every Text of the file with its path, in no particular order."""
    criteria = context.criteria
    yield ("title",), criteria.title
    if criteria.description is not None:
        yield ("description",), criteria.description
    for path, group in context.groups():
        yield (*path, "title"), group.title
    for path, indicator in context.indicators():
        yield (*path, "question"), indicator.question
        if indicator.help is not None:
            yield (*path, "help"), indicator.help
        if isinstance(indicator, ChoiceIndicator | MultiIndicator):
            for i, option in enumerate(indicator.options):
                if option.label is not None:
                    yield (*path, "options", i, "label"), option.label
        if isinstance(indicator, ScaleIndicator):
            for value, label in (indicator.labels or {}).items():
                yield (*path, "labels", value), label
    for i, gate in enumerate(criteria.gates):
        if gate.description is not None:
            yield ("gates", i, "description"), gate.description
    for i, level in enumerate(criteria.levels):
        yield ("levels", i, "label"), level.label


@rule("missing-language", Severity.WARNING)
def missing_language(context: Context) -> Iterator[Problem]:
    """Every text is given in each language that some text of the file uses."""
    texts = list(_texts(context))
    languages = sorted({lang for _, text in texts if isinstance(text, dict) for lang in text})
    if not languages:
        return
    for path, text in texts:
        if isinstance(text, str):
            message = msg("check_plain_text", languages=listed(languages))
            yield context.problem(path, message, "missing-language")
            continue
        missing = [lang for lang in languages if lang not in text]
        if missing:
            message = msg(
                "check_missing_language", missing=listed(missing), languages=listed(languages)
            )
            yield context.problem(path, message, "missing-language")


@rule("missing-help", Severity.WARNING)
def missing_help(context: Context) -> Iterator[Problem]:
    """Every indicator has `help` telling applicants how to answer and with what evidence."""
    for path, indicator in context.indicators():
        if indicator.help is None:
            message = msg("check_missing_help", id=indicator.id)
            yield context.problem(path, message, "missing-help")

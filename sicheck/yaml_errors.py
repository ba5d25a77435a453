"""YAML syntax errors said the way a person can fix them, in Swedish and English.

libyaml's messages are English, name the symptom rather than the cause ("found character
that cannot start any token" for a tab), and often point where the parser gave up rather
than where the mistake is (an unclosed quote is reported at the end of the file). This
module reads the parser's error together with the text and names the cause: the tab, the
colon inside a text, the quote that is never closed. It points at the place the construct
began and says what to write instead.

Any YAML file sicheck reads (applications, review files, follow-up reports, criteria sets,
the configuration) goes through `sicheck.loader.load_yaml`, which uses `explain`; a reader
of its own can call `explain` with the parser's error and the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from sicheck.i18n import Text, msg


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """What is wrong, where it began (1-based), and what to write instead."""

    message: Text
    hint: Text | None
    line: int
    column: int


# A key at the start of a line (after any indentation and list dashes), then ": ".
_KEY = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s#:'\"][^:#]*?|'[^']*'|\"[^\"]*\"):[ \t]+(?P<value>.*)$")


def explain(exc: yaml.YAMLError, text: str) -> SyntaxProblem:
    """The cause of a syntax error in ``text``, located where a person should look."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return SyntaxProblem(msg("yaml-syntax", problem=reason), None, 1, 1)
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    at = _position(exc.problem_mark) or _position(exc.context_mark) or (1, 1)
    began = _position(exc.context_mark)

    tab = _tab(lines, at, problem)
    if tab is not None:
        return SyntaxProblem(msg("yaml-tab", line=tab[0]), msg("yaml-tab-hint"), *tab)
    if "quoted scalar" in context and began is not None:
        quote = _char(lines, began) or '"'
        if "escape" in problem:
            return SyntaxProblem(msg("yaml-escape", line=at[0]), msg("yaml-escape-hint"), *at)
        return SyntaxProblem(msg("yaml-unclosed-quote", quote=quote, line=began[0]), _quote_hint(quote), *began)
    if problem.startswith("mapping values are not allowed"):
        return _colon(lines, at)
    if "flow" in context and began is not None:
        bracket = _char(lines, began) or "["
        closing = "]" if bracket == "[" else "}"
        message = msg("yaml-unclosed-bracket", bracket=bracket, line=began[0])
        return SyntaxProblem(message, msg("yaml-unclosed-bracket-hint", closing=closing), *began)
    if "expected '-' indicator" in problem:
        return SyntaxProblem(msg("yaml-list-indent", line=at[0]), msg("yaml-list-indent-hint"), *at)
    if "expected key" in problem:
        after_quote = _after_quoted_text(lines, at)
        if after_quote:
            return SyntaxProblem(msg("yaml-after-quote", line=at[0]), msg("yaml-after-quote-hint"), *at)
        return SyntaxProblem(msg("yaml-indent", line=at[0]), msg("yaml-indent-hint"), *at)
    reason = ", ".join(p for p in (context, problem) if p) or type(exc).__name__
    return SyntaxProblem(msg("yaml-syntax", problem=reason), msg("yaml-syntax-hint"), *at)


def _position(mark: object) -> tuple[int, int] | None:
    line, column = getattr(mark, "line", None), getattr(mark, "column", None)
    if not isinstance(line, int) or not isinstance(column, int):
        return None
    return line + 1, column + 1


def _char(lines: list[str], at: tuple[int, int]) -> str | None:
    line, column = at
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return None


def _tab(lines: list[str], at: tuple[int, int], problem: str) -> tuple[int, int] | None:
    """Where the offending tab is: at the error, or in the indentation of its line."""
    if _char(lines, at) == "\t":
        return at
    line = at[0]
    suspect = "tab" in problem or "cannot start any token" in problem
    if suspect and 1 <= line <= len(lines) and "\t" in lines[line - 1]:
        return line, lines[line - 1].index("\t") + 1
    return None


def _quote_hint(quote: str) -> Text:
    if quote == "'":
        return msg("yaml-unclosed-quote-hint-single")
    return msg("yaml-unclosed-quote-hint-double")


def _colon(lines: list[str], at: tuple[int, int]) -> SyntaxProblem:
    """A ": " inside a plain text: point at the key whose value holds it, and quote the value."""
    line = at[0]
    found = _KEY.match(lines[line - 1]) if 1 <= line <= len(lines) else None
    if found is None:
        return SyntaxProblem(msg("yaml-colon", line=line), msg("yaml-colon-hint-plain"), *at)
    key, value = found.group("key").strip(), found.group("value").rstrip()
    column = len(found.group("indent")) + 1
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return SyntaxProblem(
        msg("yaml-colon-in-value", key=key),
        msg("yaml-colon-hint", fixed=f"{key}: {quoted}"),
        line,
        column,
    )


def _after_quoted_text(lines: list[str], at: tuple[int, int]) -> bool:
    """Whether the error sits right after a closed quote on the same line (``"a" b``)."""
    line, column = at
    if not 1 <= line <= len(lines):
        return False
    before = lines[line - 1][: column - 1].rstrip()
    return before.endswith(('"', "'")) and ": " in before

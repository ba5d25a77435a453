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


_OPENING = {"]": "[", "}": "{"}
_CLOSING = frozenset(_OPENING)
_CLOSING_OF = {"[": "]", "{": "}"}
# "---" at the start of a line followed by more on it.
_DOCUMENT_START = re.compile(r"^---[ \t]+\S")


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
    if problem.startswith("block sequence entries are not allowed"):
        return _list_here(lines, at)
    flow = _flow(lines, at, began) if "flow" in context and began is not None else None
    if flow is not None:
        return flow
    if "expected '-' indicator" in problem:
        return SyntaxProblem(msg("yaml-list-indent", line=at[0]), msg("yaml-list-indent-hint"), *at)
    found = _char(lines, at)
    if found in _CLOSING and ("expected key" in problem or "expected <document start>" in problem):
        opening = _OPENING[found]
        return SyntaxProblem(
            msg("yaml-extra-bracket", bracket=found, line=at[0]), msg("yaml-extra-bracket-hint", opening=opening), *at
        )
    if "expected key" in problem and found == ":":
        return SyntaxProblem(msg("yaml-empty-key", line=at[0]), msg("yaml-empty-key-hint"), *at)
    if "simple key" in context and "expected ':'" in problem and began is not None:
        # A line YAML took for the start of a key, with no colon before the next line.
        return SyntaxProblem(msg("yaml-no-colon", line=began[0]), msg("yaml-no-colon-hint"), *began)
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
    """A ": " where YAML takes no key: in a plain text, on a continued line, or after ``---``."""
    line = at[0]
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    if _DOCUMENT_START.match(text):
        return SyntaxProblem(msg("yaml-key-on-document-start", line=line), msg("yaml-key-on-document-start-hint"), *at)
    found = _KEY.match(text)
    if found is None or _odd_key(found.group("key").strip()):
        return SyntaxProblem(msg("yaml-colon", line=line), msg("yaml-colon-hint-plain"), *at)
    key, value = found.group("key").strip(), found.group("value").rstrip()
    column = len(found.group("indent")) + 1
    if at[1] - 1 <= found.end("key"):
        # The colon right after the line's own key: YAML still reads the text of the line
        # above (a value indented too far, or a text over several lines), and takes no key.
        return SyntaxProblem(msg("yaml-continued-line", line=line), msg("yaml-continued-line-hint"), line, column)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return SyntaxProblem(
        msg("yaml-colon-in-value", key=key),
        msg("yaml-colon-hint", fixed=f"{key}: {quoted}"),
        line,
        column,
    )


def _list_here(lines: list[str], at: tuple[int, int]) -> SyntaxProblem:
    """A ``- `` where no list can start: most often on its key's line (``effects: - E1``)."""
    line, column = at
    before = lines[line - 1][: column - 1] if 1 <= line <= len(lines) else ""
    found = _KEY.match(before + "x")
    if found is not None and not _odd_key(found.group("key").strip()) and found.group("value") == "x":
        key = found.group("key").strip()
        return SyntaxProblem(
            msg("yaml-list-on-key-line", line=line, key=key), msg("yaml-list-on-key-line-hint", key=key), *at
        )
    return SyntaxProblem(msg("yaml-list-here", line=line), msg("yaml-list-here-hint"), *at)


def _odd_key(key: str) -> bool:
    """A "key" no person meant as one: it starts with YAML syntax or holds a stray quote."""
    if key[:1] in "&*!|>%@`[]{},?-":
        return True
    return key.count('"') % 2 == 1 or (key.count("'") % 2 == 1 and not key.startswith("'"))


def _flow(lines: list[str], at: tuple[int, int], began: tuple[int, int]) -> SyntaxProblem | None:
    """A mistake inside ``[…]`` or ``{…}``: a bracket never closed, a comma missing or too many."""
    opener = _char(lines, began)
    if opener is None or opener not in _CLOSING_OF:
        # The parser stopped at a value that cannot start there (``[, a]``, ``[:x]``).
        found = _char(lines, at)
        if found is None or found.isspace():
            return None
        if found == ",":
            return SyntaxProblem(msg("yaml-flow-extra-comma", line=at[0]), msg("yaml-flow-extra-comma-hint"), *at)
        return SyntaxProblem(msg("yaml-flow-value", line=at[0], found=found), msg("yaml-flow-value-hint"), *at)
    closing = _CLOSING_OF[opener]
    if _closed(lines, began):
        message = msg("yaml-flow-separator", line=at[0], closing=closing, bracket=opener, began=began[0])
        return SyntaxProblem(message, msg("yaml-flow-separator-hint"), *at)
    message = msg("yaml-unclosed-bracket", bracket=opener, line=began[0])
    return SyntaxProblem(message, msg("yaml-unclosed-bracket-hint", closing=closing), *began)


def _closed(lines: list[str], began: tuple[int, int]) -> bool:
    """Whether the bracket at ``began`` is closed later in the text, skipping quotes and comments.

    A quote opens a quoted text only where a value starts (after a bracket, a comma or a
    colon, or first on a line), so the apostrophe in ``[it's]`` is text.
    """
    depth = 0
    quote = ""
    previous = ""
    for number in range(began[0] - 1, len(lines)):
        text = lines[number]
        start = began[1] - 1 if number == began[0] - 1 else 0
        index = start
        while index < len(text):
            char = text[index]
            if quote:
                if char == "\\" and quote == '"':
                    index += 1
                elif char == quote:
                    quote = ""
            elif char in "\"'" and previous in ("", "[", "{", ",", ":"):
                quote = char
            elif char == "#" and (index == 0 or text[index - 1] in " \t"):
                break
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return True
            if not char.isspace():
                previous = char
            index += 1
        previous = "" if not quote else previous
    return False


def _after_quoted_text(lines: list[str], at: tuple[int, int]) -> bool:
    """Whether the error sits right after a closed quote on the same line (``"a" b``)."""
    line, column = at
    if not 1 <= line <= len(lines):
        return False
    before = lines[line - 1][: column - 1].rstrip()
    return before.endswith(('"', "'")) and ": " in before

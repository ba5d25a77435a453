"""Make text from applications safe to show: no control characters, no bidi tricks."""

from __future__ import annotations

import re

# C0 and C1 controls except tab and newline, DEL, and the bidi embeddings, overrides
# and isolates that can make a line read differently from what it says.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}" if ord(match.group()) > 0xFF else f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    """Replace unsafe characters with a visible escape such as ``\\x1b``."""
    return _UNSAFE.sub(_visible, text)


def visible_name(name: str) -> str:
    """A file name as people read it: visible, and on one line. A line break in the name is
    shown as ``\\n`` (``\\r``), as in messages, so no name can start a line of its own."""
    return visible(name.replace("\r", "\\r").replace("\n", "\\n"))


def one_line(text: str) -> str:
    """Visible, on one line: for table cells and single-line messages."""
    return visible(" ".join(text.split()))


# Compiled by `re` on first use (JUnit only), not on every start.
_XML_ILLEGAL = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 does not allow (ElementTree writes them as they are)."""
    return re.sub(_XML_ILLEGAL, "\ufffd", text)


def stop_commands() -> tuple[str, str]:
    """The lines that make the GitHub runner ignore workflow commands in between, with a
    random token: text in between cannot guess it to switch commands back on."""
    import secrets

    token = secrets.token_hex(16)
    return f"::stop-commands::{token}\n", f"::{token}::\n"


# The GitHub runner also acts on the old command form "##[name]" anywhere in a line. Each
# syntax has a way to write "#" that reads the same once parsed or shown.
_LEGACY_COMMAND = "##["
_LEGACY_ESCAPES = {
    "json": "#\\u0023[",  # a JSON string escape: the parsed value is unchanged
    "xml": "#&#35;[",  # a character reference, in XML, HTML and Markdown alike
    "csv": "#\u2060#[",  # CSV has no escapes: an invisible word joiner breaks the pattern
}


def without_legacy_commands(text: str, syntax: str) -> str:
    """``text`` with no ``##[`` left, written the way ``syntax`` (json, xml, csv) allows."""
    return text.replace(_LEGACY_COMMAND, _LEGACY_ESCAPES[syntax]) if _LEGACY_COMMAND in text else text


# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# mean something inline: | cells, ` code, < > HTML and autolinks, @ mentions, * _ ~
# emphasis, [ ] links, # heading closers, & entities, $ math (GitHub), \ itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|@#&~$])")
# Every URL autolink (https://, ftp://, mailto:, xmpp:) has a colon before something that
# is neither space nor digit; "Rad: 3" and "12:5" stay as they are.
_MARKDOWN_COLON = re.compile(r":(?=[^\s\d])")
# A dot inside a name (www.example.se) is what "www." autolinks and linkify's bare domains
# need; a decimal point (87.5) is left alone.
_MARKDOWN_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_])")
# cmark-gfm finds e-mail addresses after escapes are resolved, so an escaped @ is still
# linked; an invisible word joiner after it is not (and no @mention can follow either).
# The joiner goes only where a link or mention could start: an @ after a space or
# punctuation (@octocat), or one followed by a dotted domain (kontakt@evil.example). An id
# such as ale@2012 keeps only the backslash, so it still works when copied.
_WORD_JOINER = "\u2060"
_MARKDOWN_AT = re.compile(r"\\@(?=(\S*))")


def _at(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match.start() else ""
    linkable = not before or not (before.isalnum() or before == "_") or "." in match.group(1)
    return "\\@" + _WORD_JOINER if linkable else "\\@"


def markdown_inline(text: str) -> str:
    """Text from outside as one line of inert Markdown: no markup, HTML, links or mentions."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    escaped = _MARKDOWN_COLON.sub(r"\\:", escaped)
    escaped = _MARKDOWN_DOT.sub(r"\\.", escaped)
    return _MARKDOWN_AT.sub(_at, escaped)

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


def one_line(text: str) -> str:
    """Visible, on one line: for table cells and single-line messages."""
    return visible(" ".join(text.split()))


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 does not allow (ElementTree writes them as they are)."""
    return _XML_ILLEGAL.sub("\ufffd", text)


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

"""Swedish ways of writing that the application format does not take as they are.

A Swedish applicant writes ``18,0`` and ``1 200``, an organisation number as
``212000-1496``, an id as ``Lerums kommun``, and sometimes the Swedish title of a key
(``mål:``) or a value (``kind: kommun``). This module recognises those habits, so that
the message for them can say what to write instead, and it reads and checks Swedish
organisation numbers (the control digit is the Luhn digit over the first nine).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# A number written the Swedish way: digit groups split by spaces, or a decimal comma.
_SPACES = "\u0020\u00a0\u2009\u202f"
_GROUPED = re.compile(rf"^[-+−]?[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?:,[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+−]?[0-9]+,[0-9]+$")


def number_as_written(text: str) -> str | None:
    """``18,0`` -> ``18.0`` and ``1 200`` -> ``1200``; None if the text is not such a number."""
    stripped = text.strip()
    if not (_GROUPED.match(stripped) or _DECIMAL_COMMA.match(stripped)):
        return None
    plain = stripped.replace("−", "-")
    for space in _SPACES:
        plain = plain.replace(space, "")
    return plain.replace(",", ".")


# --- organisation numbers --------------------------------------------------------------------

ORG_ID_PREFIX = "SE-ON-"
_ORG_ID = re.compile(r"^(?:SE-ON-([0-9]{6})([0-9]{4})|([0-9]{6})-?([0-9]{4}))$", re.ASCII)


def org_digits(text: str) -> str | None:
    """The ten digits of an organisation number in any accepted form, or None."""
    found = _ORG_ID.match(text.strip())
    return "".join(part for part in found.groups() if part) if found else None


def org_id(text: str) -> str | None:
    """An organisation number in the canonical org-id.guide form ``SE-ON-NNNNNNNNNN``."""
    digits = org_digits(text)
    return ORG_ID_PREFIX + digits if digits else None


def control_digit_ok(digits: str) -> bool:
    """Whether the tenth digit is the Luhn check digit of the first nine."""
    total = 0
    for position, char in enumerate(digits[:9]):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10 == int(digits[9])


def org_id_example(text: str) -> str:
    """The digits in the text, shown in the usual form when there are ten of them."""
    digits = re.sub(r"[^0-9]", "", text)
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else "212000-1496"


# --- ids -------------------------------------------------------------------------------------


def as_id(text: str) -> str | None:
    """A valid id made from a name (``Lerums kommun`` -> ``lerums-kommun``), or None."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    made = re.sub(r"[^a-z0-9_.-]+", "-", ascii_only).strip("-._")
    return made or None


# --- Swedish titles from the schema ------------------------------------------------------------

# "municipality (kommun)" in a Swedish description: the value, and its Swedish words.
_VALUE_WORDS = re.compile(r"\b([a-z][a-z_]*) \(([^)]+)\)")


def value_words(schema: Mapping[str, Any]) -> dict[str, str]:
    """Swedish words for an enum's values, as the schema's Swedish description gives them.

    ``"Välj municipality (kommun), region, …"`` gives ``{"kommun": "municipality",
    "region": "region"}``; "universitet eller högskola" gives both words.
    """
    allowed = [v for v in schema.get("enum", []) if isinstance(v, str)]
    words: dict[str, str] = {value.lower(): value for value in allowed}
    description = schema.get("description")
    if isinstance(description, str):
        for value, said in _VALUE_WORDS.findall(description):
            if value in allowed:
                for word in re.split(r",| eller | or ", said):
                    if word.strip():
                        words[word.strip().lower()] = value
    return words


def key_titles(schema: Mapping[str, Any]) -> dict[str, str]:
    """The Swedish titles of a mapping's keys, lower case -> key (``"mål"`` -> ``goal``)."""
    titles: dict[str, str] = {}
    for key, sub in schema.get("properties", {}).items():
        title = sub.get("title") if isinstance(sub, Mapping) else None
        if isinstance(title, str):
            titles.setdefault(title.lower(), key)
            # "Förväntade effekter" is also found as "effekter"; "Projektet" as "projekt".
            last = title.lower().split()[-1]
            titles.setdefault(last, key)
            if last.endswith(("et", "en")):
                titles.setdefault(last[:-2], key)
    return titles


def matching(word: str, words: Mapping[str, str]) -> str | None:
    """The entry of ``words`` the applicant most likely meant by ``word``, if any is close."""
    import difflib

    lowered = word.strip().lower()
    if lowered in words:
        return words[lowered]
    close = difflib.get_close_matches(lowered, list(words), n=1, cutoff=0.8)
    return words[close[0]] if close else None

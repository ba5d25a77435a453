"""Numbers as people read them in a follow-up: decimal comma in Swedish, half-up rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sicheck.i18n import Text


def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """``1234.5`` -> ``1 234,5`` (sv) or ``1,234.5`` (en); trailing zeros dropped.

    ``round()`` rounds 4.125 to 4.12 (binary floats, banker's rounding); what people read
    is rounded half up from the decimal text instead.
    """
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        # A no-break space groups thousands, so a number never breaks across lines.
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def number_text(value: float, decimals: int = 1) -> Text:
    """A number in both languages, for a message parameter."""
    return Text(format_number(value, "sv", decimals), format_number(value, "en", decimals))

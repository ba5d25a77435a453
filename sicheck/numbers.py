"""Numbers as people read them: half-up rounding, decimal comma in Swedish, point in English."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

# Swedish writes 84,6 and groups thousands with a space (a no-break space, so a wrapped
# line never splits a number); English writes 84.6 and groups with a comma.
_DECIMAL_MARK = {"sv": ",", "en": "."}
_GROUP_MARK = {"sv": "\u00a0", "en": ","}


def _quantize(value: float | int, decimals: int) -> Decimal:
    # str() first: Decimal(0.125) is the binary float's exact value and may sit just below .5.
    exact = Decimal(str(value))
    with localcontext() as context:
        # Enough precision that quantize never fails on a large number.
        context.prec = max(28, exact.adjusted() + decimals + 3)
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: float, decimals: int = 1) -> float:
    """Round as people expect (2.25 -> 2.3, 4.125 -> 4.13), not as ``round`` does (banker's, binary).

    Non-finite values come back as they are.
    """
    if not math.isfinite(value):
        return value
    return float(_quantize(value, decimals))


def format_number(
    value: float | int | None,
    lang: str,
    decimals: int = 1,
    *,
    fixed: bool = False,
    grouping: bool = False,
    empty: str = "–",
) -> str:
    """A number for people: rounded half-up to at most ``decimals`` places, in the language's way.

    Trailing zeros are dropped (``100``, ``84,6``) unless ``fixed`` keeps all ``decimals``
    places (``84,60``). ``grouping`` separates thousands (``2 400 000`` / ``2,400,000``).
    ``None`` and non-finite values give ``empty``. JSON and other machine formats write the
    number itself, not this text.
    """
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return empty
    rounded = _quantize(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:,f}" if grouping else f"{rounded:f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    mark = _DECIMAL_MARK.get(lang, ".")
    group = _GROUP_MARK.get(lang, ",")
    return text.translate({ord("."): mark, ord(","): group})


def format_percent(value: float | int | None, lang: str, decimals: int = 1, *, empty: str = "–") -> str:
    """A percentage for people: ``84,6 %`` in Swedish, ``84.6 %`` in English."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return empty
    return f"{format_number(value, lang, decimals)} %"

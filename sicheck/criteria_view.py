"""Criteria sets for people and scripts: explain, list, show and diff as text or JSON.

Each function is pure and returns the whole output. Texts from criteria files are
someone's data (a funder's own file can be passed by path), so they reach rich only as
`Text` objects, after `sanitize.visible`, with markup, emoji and highlighting off.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from sicheck.criteria import Check, CriteriaSet, Criterion, Quote, Reference
from sicheck.criteria_diff import CheckSummary, CriteriaDiff, CriterionSummary, FieldChange
from sicheck.i18n import Text, format_number
from sicheck.i18n import msg_text as _t
from sicheck.render.console import make_console
from sicheck.sanitize import one_line, visible
from sicheck.symbols import SEVERITY_STYLE
from sicheck.template import criterion_fields


@dataclass(frozen=True, slots=True)
class ListedSet:
    """A criteria set found for ``criteria list``, and where it was found."""

    criteria_set: CriteriaSet
    shipped: bool


# ---------------------------------------------------------------------------- helpers


def _console(buffer: io.StringIO, color: bool, width: int) -> Console:
    return make_console(buffer, color=color, width=width)


def _finish(buffer: io.StringIO, color: bool) -> str:
    # rich pads wrapped lines to the block's width; plain output needs no trailing spaces.
    text = buffer.getvalue()
    return text if color else "\n".join(line.rstrip() for line in text.split("\n"))


def _number(value: float) -> str:
    return f"{value:g}"


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]*")
_YAML_WORDS = frozenset(("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"))


def flow(value: Any) -> str:
    """A value as one line of flow YAML, as a funder would write a rule."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return _number(value) if isinstance(value, float) else str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Text):
        return {"sv": value.sv, "en": value.en}
    if isinstance(value, Quote):
        return {"text": value.text, "place": _jsonable(value.place)}
    if isinstance(value, Reference):
        return {
            "title": value.title,
            "authors": list(value.authors),
            "publisher": value.publisher,
            "year": value.year,
            "series": value.series,
            "part": _jsonable(value.part),
            "note": _jsonable(value.note),
        }
    if isinstance(value, tuple | list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    return value


def _dump(document: Any) -> str:
    return json.dumps(_jsonable(document), ensure_ascii=False, indent=2) + "\n"


def _marked(console: Console, marker: str, text: str, style: str, indent: int) -> None:
    """A marker and a text whose wrapped lines stay to the right of the marker."""
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(RichText(marker, style=style), RichText(text, style=style))
    console.print(Padding(grid, (0, 0, 0, indent), expand=False))


def _line(console: Console, *parts: tuple[str, str], indent: int = 0) -> None:
    text = RichText()
    for part, style in parts:
        text.append(part, style=style)
    console.print(Padding(text, (0, 0, 0, indent), expand=False) if indent else text)


def _required(criterion: Criterion | CriterionSummary, lang: str) -> str:
    return _t("required-mark" if criterion.required else "optional-mark", lang)


# ---------------------------------------------------------------------------- JSON shapes


def check_json(check: Check) -> dict[str, Any]:
    return {
        "passes_when": check.rule.describe(False),
        "id": check.id,
        "severity": check.severity,
        "basis": check.basis,
        "quote": check.quote,
        "reading": check.reading,
        "points": check.points,
        "text": check.text,
        "hint": check.advice or check.hint,
        "why": check.why,
        "rule": check.spec,
    }


def criterion_json(criterion: Criterion) -> dict[str, Any]:
    return {
        "id": criterion.id,
        "title": criterion.title,
        "requirement": criterion.requirement,
        "source": criterion.source,
        "quote": criterion.quote,
        "required": criterion.required,
        "weight": criterion.weight,
        "why": criterion.why,
        "example": criterion.example,
        "fields": list(criterion_fields(criterion)),
        "checks": [check_json(c) for c in criterion.checks],
    }


def set_json(criteria_set: CriteriaSet, *, with_criteria: bool = True) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": criteria_set.id,
        "version": criteria_set.version,
        "title": criteria_set.title,
        "description": criteria_set.description,
        "source": criteria_set.source,
        "reference": criteria_set.reference,
        "valid_from": criteria_set.valid_from,
        "file": criteria_set.file,
    }
    if with_criteria:
        document["criteria"] = [criterion_json(c) for c in criteria_set.criteria]
    else:
        document["criteria"] = len(criteria_set.criteria)
    return document


# ---------------------------------------------------------------------------- explain


def render_explain(
    criteria_set: CriteriaSet, criterion: Criterion, *, lang: str, fmt: str = "text", color: bool, width: int
) -> str:
    """What one criterion requires and why, its checks with severity and hint, and an example."""
    if fmt == "json":
        return _dump(
            {"criteria_set": {"id": criteria_set.id, "version": criteria_set.version}, **criterion_json(criterion)}
        )
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    facts = _t("criterion-facts", lang, set=criteria_set.key, required=_required(criterion, lang))
    facts += ", " + _t("criterion-weight", lang, weight=format_number(criterion.weight, lang, 3))
    _line(console, (f"{criterion.id} ", "bold"), (one_line(criterion.title.get(lang)), "bold"), (f"  ({facts})", "dim"))
    console.print()
    for label, value in (
        ("explain-requirement", criterion.requirement),
        ("explain-why", criterion.why),
    ):
        if value is not None:
            console.print(RichText(_t(label, lang), style="bold"))
            console.print(Padding(RichText(visible(value.get(lang))), (0, 0, 0, 2), expand=False))
    console.print(RichText(_t("explain-source", lang), style="bold"))
    if criterion.quote is not None:
        _quote_lines(console, criterion.quote, lang, 2)
    else:
        console.print(Padding(RichText(visible(criterion.source.get(lang))), (0, 0, 0, 2), expand=False))
    if criteria_set.reference is not None:
        citation = RichText(visible(criteria_set.source.get(lang)), style="dim")
        console.print(Padding(citation, (0, 0, 0, 2), expand=False))
    fields = criterion_fields(criterion)
    if fields:
        console.print(RichText(_t("explain-fields", lang), style="bold"))
        console.print(Padding(RichText(", ".join(fields)), (0, 0, 0, 2), expand=False))
    console.print()
    console.print(RichText(_t("explain-checks", lang), style="bold"))
    console.print(Padding(RichText(_t("explain-score", lang), style="dim"), (0, 0, 0, 2), expand=False))
    console.print()
    for check in criterion.checks:
        _explain_check(console, check, criterion, lang)
    console.print(RichText(_t("explain-example", lang), style="bold"))
    if criterion.example is not None:
        # Never wrapped: the example is meant to be copied into an application as it is.
        for line in visible(criterion.example.get(lang)).rstrip("\n").split("\n"):
            console.print(RichText("  " + line), soft_wrap=True)
    else:
        console.print(Padding(RichText(_t("explain-no-example", lang), style="dim"), (0, 0, 0, 2), expand=False))
    _explain_scale(console, lang)
    return _finish(buffer, color)


def _explain_scale(console: Console, lang: str) -> None:
    """The expert group scores each criterion's quality on the same 0–5 scale."""
    from sicheck.reviews.model import SCALE

    console.print()
    console.print(RichText(_t("explain-scale", lang), style="bold"))
    for step in SCALE:
        console.print(RichText(f"  {step.score} = {step.label.get(lang)}"))


def _quote_lines(console: Console, quote: Quote, lang: str, indent: int) -> None:
    """The source's words in quotation marks, then where they stand."""
    console.print(Padding(RichText(f"”{visible(quote.text)}”", style="italic"), (0, 0, 0, indent), expand=False))
    console.print(Padding(RichText(visible(quote.place.get(lang)), style="dim"), (0, 0, 0, indent), expand=False))


def _explain_check(console: Console, check: Check, criterion: Criterion, lang: str) -> None:
    _line(
        console,
        (check.id, "bold"),
        ("  ", ""),
        (_t(f"severity-{check.severity}", lang), SEVERITY_STYLE[check.severity]),
        indent=2,
    )
    _line(console, (visible(check.text.get(lang)), ""), indent=4)
    basis = _t("explain-basis", lang, basis=_t(f"basis-{check.basis}", lang))
    if check.quote is None:
        _line(console, (basis, "bold"), (" – " + _t("explain-own-advice", lang), ""), indent=4)
    elif check.quote == criterion.quote:
        _line(console, (basis, "bold"), (" – " + _t("explain-criterion-quote", lang), ""), indent=4)
    else:
        _line(console, (basis, "bold"), indent=4)
        _quote_lines(console, check.quote, lang, 6)
    if check.reading is not None:
        _line(console, (_t("explain-reading", lang) + ": ", "bold"), (visible(check.reading.get(lang)), ""), indent=4)
    advice = check.advice or check.hint
    _line(console, ("→ " + visible(advice.get(lang)), "italic"), indent=4)
    if check.why is not None and check.why != criterion.why:
        _line(console, (_t("why-line", lang, why=visible(check.why.get(lang))), "dim"), indent=4)
    _rule_in_words(console, check, lang)
    console.print()


def _rule_in_words(console: Console, check: Check, lang: str) -> None:
    """When the check passes, in words: applicants are not asked to read the rule language."""
    words = visible(check.rule.describe(False).get(lang))
    _line(console, (_t("explain-passes-when", lang) + ": ", "dim"), (words, "dim"), indent=4)


def render_explain_check(
    criteria_set: CriteriaSet,
    criterion: Criterion,
    check: Check,
    *,
    lang: str,
    fmt: str = "text",
    color: bool,
    width: int,
) -> str:
    """One check: what it asks, what to write, why, when it passes, and its criterion."""
    if fmt == "json":
        return _dump(
            {
                "criteria_set": {"id": criteria_set.id, "version": criteria_set.version},
                "criterion": {"id": criterion.id, "title": criterion.title, "required": criterion.required},
                **check_json(check),
            }
        )
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    _line(
        console,
        (f"{check.id}  ", "bold"),
        (_t(f"severity-{check.severity}", lang), SEVERITY_STYLE[check.severity]),
    )
    facts = _t("criterion-facts", lang, set=criteria_set.key, required=_required(criterion, lang))
    _line(
        console,
        (_t("explain-check-of", lang) + " ", "dim"),
        (f"{criterion.id} {one_line(criterion.title.get(lang))}", ""),
        (f"  ({facts})", "dim"),
        indent=2,
    )
    console.print()
    _line(console, (visible(check.text.get(lang)), ""), indent=2)
    advice = check.advice or check.hint
    _line(console, ("→ " + visible(advice.get(lang)), "italic"), indent=2)
    why = check.why or criterion.why
    if why is not None:
        _line(console, (_t("why-line", lang, why=visible(why.get(lang))), "dim"), indent=2)
    words = visible(check.rule.describe(False).get(lang))
    _line(console, (_t("explain-passes-when", lang) + ": ", "dim"), (words, "dim"), indent=2)
    console.print()
    console.print(RichText(_t("explain-whole-criterion", lang, criterion=criterion.id), style="dim"))
    return _finish(buffer, color)


# ---------------------------------------------------------------------------- list and show


def render_list(entries: Iterable[ListedSet], *, lang: str, fmt: str = "text", color: bool, width: int) -> str:
    """The criteria sets found: id, version, title, valid from, number of criteria, where."""
    listed = list(entries)
    if fmt == "json":
        return _dump(
            {"criteria_sets": [{**set_json(e.criteria_set, with_criteria=False), "shipped": e.shipped} for e in listed]}
        )
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("column-id", "column-version", "column-title", "column-valid-from", "column-count", "column-origin"):
        table.add_column(_t(column, lang), no_wrap=column != "column-title")
    for entry in listed:
        found = entry.criteria_set
        origin = _t("origin-shipped", lang) if entry.shipped else found.file
        table.add_row(
            RichText(found.id, style="bold"),
            RichText(found.version),
            RichText(one_line(found.title.get(lang))),
            RichText(found.valid_from),
            RichText(str(len(found.criteria))),
            RichText(visible(origin), style="dim"),
        )
    console.print(table)
    return _finish(buffer, color)


def render_show(
    criteria_set: CriteriaSet, *, lang: str, fmt: str = "text", color: bool, width: int, footer: str | None = None
) -> str:
    """A criteria set as a readable table: each criterion, whether it is required, its checks."""
    if fmt == "json":
        return _dump(set_json(criteria_set))
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    _line(console, (criteria_set.key, "bold"), ("  ", ""), (one_line(criteria_set.title.get(lang)), "bold"))
    console.print(Padding(RichText(visible(criteria_set.description.get(lang))), (0, 0, 0, 2), expand=False))
    for label, value in (
        ("explain-source", criteria_set.source.get(lang)),
        ("column-valid-from", criteria_set.valid_from),
        ("heading-file", criteria_set.file),
    ):
        _line(console, (f"{_t(label, lang)}: ", "dim"), (visible(value), ""), indent=2)
    console.print()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_t("column-id", lang), no_wrap=True)
    table.add_column(_t("column-title", lang))
    table.add_column(_t("column-required", lang), no_wrap=True)
    table.add_column(_t("column-weight", lang), justify="right", no_wrap=True)
    table.add_column(_t("column-checks", lang))
    for criterion in criteria_set.criteria:
        checks = RichText()
        for check in criterion.checks:
            if checks:
                checks.append("\n")
            checks.append(check.id)
            checks.append(f" ({_t(f'severity-{check.severity}', lang)})", style=SEVERITY_STYLE[check.severity])
        table.add_row(
            RichText(criterion.id, style="bold"),
            RichText(one_line(criterion.title.get(lang))),
            RichText(_t("yes" if criterion.required else "no", lang)),
            RichText(format_number(criterion.weight, lang, 3)),
            checks,
        )
    console.print(table)
    if footer:
        console.print(RichText(footer, style="dim"))
    return _finish(buffer, color)


# ---------------------------------------------------------------------------- diff


def _diff_json(change: CriteriaDiff) -> dict[str, Any]:
    def fields(changes: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
        return [{"field": c.field, "old": c.old, "new": c.new} for c in changes]

    def check_summary(check: CheckSummary) -> dict[str, Any]:
        return {"id": check.id, "severity": check.severity, "text": check.text}

    def criterion_summary(criterion: CriterionSummary) -> dict[str, Any]:
        return {
            "id": criterion.id,
            "title": criterion.title,
            "required": criterion.required,
            "weight": criterion.weight,
            "checks": [check_summary(c) for c in criterion.checks],
        }

    return {
        "old": change.old,
        "new": change.new,
        "changes": not change.empty,
        "set": fields(change.set_changes),
        "criteria": {
            "added": [criterion_summary(c) for c in change.added],
            "removed": [criterion_summary(c) for c in change.removed],
            "changed": [
                {
                    "id": c.id,
                    "title": c.title,
                    "fields": fields(c.changes),
                    "checks": {
                        "added": [check_summary(k) for k in c.checks_added],
                        "removed": [check_summary(k) for k in c.checks_removed],
                        "changed": [{"id": k.id, "fields": fields(k.changes)} for k in c.checks_changed],
                    },
                }
                for c in change.changed
            ],
        },
    }


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return visible(value.get(lang))
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _t("yes" if value else "no", lang)
    if isinstance(value, dict | list):
        return visible(flow(value))
    if isinstance(value, float):
        return format_number(value, lang, 3)
    return visible(str(value))


def _field_change(console: Console, change: FieldChange, lang: str, indent: int) -> None:
    label = change.field
    old, new = change.old, change.new
    if isinstance(old, Text) and isinstance(new, Text) and old.get(lang) == new.get(lang):
        # Only the other language changed: show that one, and say which it is.
        lang = "en" if lang == "sv" else "sv"
        label = f"{label} ({lang})"
    shown_old, shown_new = _shown(old, lang), _shown(new, lang)
    if "\n" in shown_old + shown_new or len(shown_old) + len(shown_new) > 60:
        _line(console, (f"{label}:", "bold"), indent=indent)
        _marked(console, "- ", shown_old, "red", indent + 2)
        _marked(console, "+ ", shown_new, "green", indent + 2)
    else:
        _line(console, (f"{label}: ", "bold"), (shown_old, "red"), (" → ", ""), (shown_new, "green"), indent=indent)


def render_diff(change: CriteriaDiff, *, lang: str, fmt: str = "text", color: bool, width: int) -> str:
    """The differences between two criteria sets, criterion by criterion and check by check."""
    if fmt == "json":
        return _dump(_diff_json(change))
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    _line(console, (_t("diff-heading", lang, old=change.old, new=change.new), "bold"))
    if change.empty:
        _line(console, (_t("diff-none", lang), "green"), indent=2)
        return _finish(buffer, color)
    if change.set_changes:
        _line(console, ("~ ", _SIGN_STYLES["~"]), (_t("diff-set", lang), "bold"), indent=2)
        for field in change.set_changes:
            _field_change(console, field, lang, 6)
    for added in change.added:
        facts = f"{_t('diff-added', lang)}, {_required(added, lang)}, " + _t(
            "criterion-weight", lang, weight=format_number(added.weight, lang, 3)
        )
        _criterion_line(console, "+", added.id, added.title, lang, facts)
        for check in added.checks:
            _check_line(console, "+", check, lang)
    for removed in change.removed:
        _criterion_line(console, "-", removed.id, removed.title, lang, _t("diff-removed", lang))
    for changed in change.changed:
        _criterion_line(console, "~", changed.id, changed.title, lang)
        for field in changed.changes:
            _field_change(console, field, lang, 6)
        for check in changed.checks_added:
            _check_line(console, "+", check, lang)
        for check in changed.checks_removed:
            _check_line(console, "-", check, lang)
        for check_change in changed.checks_changed:
            _line(console, ("~ ", _SIGN_STYLES["~"]), (check_change.id, "bold"), indent=6)
            for field in check_change.changes:
                _field_change(console, field, lang, 10)
    console.print()
    summary = _t(
        "diff-summary", lang, added=len(change.added), removed=len(change.removed), changed=len(change.changed)
    )
    console.print(RichText(summary))
    return _finish(buffer, color)


# A diff line's sign and its colour: added, removed, changed.
_SIGN_STYLES = {"+": "green", "-": "red", "~": "yellow"}


def _criterion_line(
    console: Console, sign: str, criterion_id: str, title: Text, lang: str, facts: str | None = None
) -> None:
    parts = [(f"{sign} ", _SIGN_STYLES[sign]), (f"{criterion_id} ", "bold"), (one_line(title.get(lang)), "bold")]
    if facts is not None:
        parts.append((f"  ({facts})", "dim"))
    _line(console, *parts, indent=2)


def _check_line(console: Console, sign: str, check: CheckSummary, lang: str) -> None:
    what = "diff-check-added" if sign == "+" else "diff-check-removed"
    _line(
        console,
        (f"{sign} ", _SIGN_STYLES[sign]),
        (check.id, "bold"),
        (f" ({_t(f'severity-{check.severity}', lang)}, {_t(what, lang)})", "dim"),
        (": " + visible(check.text.get(lang)), ""),
        indent=6,
    )


# ---------------------------------------------------------------------------- reference (docs)


def _md(text: str) -> str:
    """One line of Markdown text: no line breaks, no table cell breaks."""
    return one_line(text).replace("|", "\\|")


def render_reference(criteria_set: CriteriaSet) -> str:
    """A criteria set as Markdown for docs/criteria.md: each criterion's quote and place, each check's basis.

    Written in English with the source's own (Swedish) words, so a reader can check every
    gate against the source; where a reading is debatable, both readings are given.
    """
    lines = [f"### `{criteria_set.key}`: {_md(criteria_set.title.en)}", ""]
    lines.append(f"- Source: {_md(criteria_set.source.en)}")
    if criteria_set.reference is not None and criteria_set.reference.note is not None:
        lines.append(f"- Note: {_md(criteria_set.reference.note.en)}")
    lines.append(f"- Valid from {criteria_set.valid_from}.")
    for criterion in criteria_set.criteria:
        required = "required" if criterion.required else "not required: advice only, never counts"
        lines += ["", f"#### {criterion.id} {_md(criterion.title.sv)} ({_md(criterion.title.en)}; {required})", ""]
        if criterion.quote is not None:
            lines.append(f"> {_md(criterion.quote.text)}")
            lines.append(">")
            lines.append(f"> — {_md(criterion.quote.place.en)}")
            lines.append("")
        lines += ["| check | severity | basis | rests on |", "|---|---|---|---|"]
        for check in criterion.checks:
            if check.quote is None:
                rests = "sicheck's own advice"
            elif check.quote == criterion.quote:
                rests = "the quote above"
            else:
                rests = f"“{_md(check.quote.text)}” ({_md(check.quote.place.en)})"
            lines.append(f"| `{check.id}`: {_md(check.text.en)} | {check.severity} | {check.basis} | {rests} |")
        readings = [check for check in criterion.checks if check.reading is not None]
        if readings:
            lines.append("")
            for check in readings:
                assert check.reading is not None
                lines.append(f"- Reading of `{check.id}`: {_md(check.reading.en)}")
    return "\n".join(lines) + "\n"

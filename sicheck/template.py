"""Generate the commented YAML template for a new application from the schema and a criteria set.

Because the template is generated, it never drifts from the application schema (fields,
titles, descriptions, examples) or from the criteria (which criteria read each section).
Every value is empty, except the ids that list items must have, so a fresh template
checks as a draft: ``ineligible`` with a gap for every check, never ``invalid``.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from sicheck.criteria import CriteriaSet, Criterion
from sicheck.i18n import msg
from sicheck.rules import rule_paths
from sicheck.sanitize import one_line, visible

Path = tuple[str, ...]

WIDTH = 88
# Items of these lists need an id the rest of the application can refer to.
_ITEM_IDS = {"principals": "template-id-principals", "effects": "template-id-effects"}


# ---------------------------------------------------------------------------- rule paths


def criterion_fields(criterion: Criterion) -> tuple[str, ...]:
    """The dotted fields a criterion's checks read, in the order they first appear."""
    found: dict[str, None] = {}
    for check in criterion.checks:
        for path in rule_paths(check.spec):
            if path:
                found.setdefault(".".join(path), None)
    return tuple(found)


def criteria_by_field(criteria_set: CriteriaSet) -> dict[str, list[Criterion]]:
    """Dotted field (and each of its parents) -> the criteria that read it, in set order."""
    served: dict[str, list[Criterion]] = {}
    for criterion in criteria_set.criteria:
        for field in criterion_fields(criterion):
            parts = field.split(".")
            for end in range(1, len(parts) + 1):
                readers = served.setdefault(".".join(parts[:end]), [])
                if criterion not in readers:
                    readers.append(criterion)
    return served


# ---------------------------------------------------------------------------- the template


@dataclass(frozen=True, slots=True)
class _Writer:
    """Collects the template's lines; the schema and criteria it is written from."""

    lines: list[str]
    defs: dict[str, Any]
    served: dict[str, list[Criterion]]
    lang: str

    def comment(self, indent: int, text: str, *, hang: int = 0) -> None:
        """Comment lines at ``indent``, wrapped to the template's width; ``hang`` indents the text."""
        pad, inner = " " * indent, " " * hang
        room = max(40, WIDTH - indent - 2)
        # A criteria file may be anyone's: no control character may break the YAML, and
        # every line of a text stays behind its "#".
        for paragraph in visible(text).split("\n"):
            wrapped = textwrap.wrap(
                paragraph, room, initial_indent=inner, subsequent_indent=inner, break_on_hyphens=False
            ) or [""]
            self.lines.extend(f"{pad}# {line}".rstrip() for line in wrapped)

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """A field's schema with its ``$ref`` merged in (the field's own texts win)."""
        ref = schema.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return schema
        target = self.defs.get(ref.removeprefix("#/$defs/"), {})
        return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}


def _types(schema: dict[str, Any]) -> set[str]:
    kinds = schema.get("type", [])
    return {kinds} if isinstance(kinds, str) else set(kinds)


def _is_mapping(schema: dict[str, Any]) -> bool:
    # A field that takes text or a mapping (measurement.frequency) is written as text: an
    # empty mapping of empty keys would count as filled in, and its example shows the form.
    types = _types(schema)
    return "object" in types and "string" not in types and "properties" in schema


def _show_example(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _field_notes(writer: _Writer, schema: dict[str, Any], dotted: str, indent: int) -> None:
    """The comment above a field: what to write, an example, allowed values, which criteria read it."""
    lang = writer.lang
    description = schema.get("description")
    if isinstance(description, str):
        writer.comment(indent, description)
    examples = schema.get("examples")
    if isinstance(examples, list) and examples and not _is_mapping(schema):
        writer.comment(indent, msg("template-example", example=_show_example(examples[0])).get(lang))
    allowed = [v for v in schema.get("enum", []) if v is not None]
    if allowed and not all(str(v) in str(description) for v in allowed):
        writer.comment(indent, msg("template-choose", values=", ".join(str(v) for v in allowed)).get(lang))
    readers = writer.served.get(dotted, [])
    if readers and "." in dotted:
        writer.comment(indent, msg("template-checked-by", criteria=", ".join(c.id for c in readers)).get(lang))


def _mapping_body(writer: _Writer, schema: dict[str, Any], prefix: str, indent: int, first_prefix: str = "") -> None:
    """The keys of a mapping, each with its notes; ``first_prefix`` starts a list item ("- ")."""
    pad = " " * indent
    for position, (name, raw) in enumerate(schema.get("properties", {}).items()):
        field = writer.resolve(raw)
        dotted = f"{prefix}.{name}"
        lead = first_prefix if position == 0 else ""
        if lead:
            # The first key of a list item shares the "- " line; its notes go above it.
            _field_notes(writer, field, dotted, indent - len(lead))
        else:
            _field_notes(writer, field, dotted, indent)
        key_pad = " " * (indent - len(lead)) + lead if lead else pad
        _value(writer, field, name, dotted, key_pad, indent)


def _value(writer: _Writer, schema: dict[str, Any], name: str, dotted: str, key_pad: str, indent: int) -> None:
    """One key and its empty value (a nested mapping, a one-item list, ``[]`` or nothing)."""
    if _is_mapping(schema):
        writer.lines.append(f"{key_pad}{name}:")
        _mapping_body(writer, schema, dotted, indent + 2)
        return
    if "array" in _types(schema):
        items = writer.resolve(schema.get("items", {}))
        if _is_mapping(items):
            writer.lines.append(f"{key_pad}{name}:")
            title, description = items.get("title"), items.get("description")
            if isinstance(title, str) and isinstance(description, str):
                writer.comment(indent + 2, f"{title}: {description}")
            _list_item(writer, items, name, dotted, indent + 2)
        else:
            writer.lines.append(f"{key_pad}{name}: []")
        return
    item_id = _placeholder_id(writer, name, dotted)
    writer.lines.append(f"{key_pad}{name}: {item_id}" if item_id else f"{key_pad}{name}:")


def _list_item(writer: _Writer, items: dict[str, Any], name: str, dotted: str, indent: int) -> None:
    _mapping_body(writer, items, dotted, indent + 2, first_prefix="- ")


def _placeholder_id(writer: _Writer, name: str, dotted: str) -> str | None:
    # Only the id of a list item in an id list gets a value: the schema requires it there.
    list_name, _, field = dotted.partition(".")
    if field == "id" and name == "id" and list_name in _ITEM_IDS:
        return msg(_ITEM_IDS[list_name]).get(writer.lang)
    return None


def _section_header(writer: _Writer, schema: dict[str, Any], name: str, set_key: str) -> None:
    lang = writer.lang
    writer.lines.append("")
    writer.lines.append("# " + "-" * (WIDTH - 2))
    title = schema.get("title")
    writer.comment(0, f"{name}: {title}" if isinstance(title, str) else name)
    description = schema.get("description")
    if isinstance(description, str):
        writer.comment(0, description)
    readers = writer.served.get(name, [])
    writer.lines.append("#")
    if not readers:
        writer.comment(0, msg("template-section-no-criteria", set=set_key).get(lang))
    else:
        writer.comment(0, msg("template-section-criteria", set=set_key).get(lang))
        for criterion in readers:
            mark = "" if criterion.required else f" ({msg('optional-mark').get(lang)})"
            writer.lines.append(f"#   {criterion.id} {one_line(criterion.title.get(lang))}{mark}")
            writer.comment(0, criterion.requirement.get(lang), hang=4)
    writer.lines.append("# " + "-" * (WIDTH - 2))


def render_template(
    criteria_set: CriteriaSet,
    *,
    lang: str = "sv",
    schema: dict[str, Any],
    criteria_field: str | None,
    file_name: str | None = None,
) -> str:
    """The template text for ``criteria_set`` in ``lang``.

    ``schema`` is the application schema already in ``lang`` (`sicheck.schema_export`).
    ``criteria_field`` is what to write in the application's ``criteria:`` field: the
    set's ``id@version``, or None when the set came from a file an application cannot name.
    """
    writer = _Writer(lines=[], defs=schema.get("$defs", {}), served=criteria_by_field(criteria_set), lang=lang)
    set_key = criteria_set.key
    shown_file = file_name or msg("template-default-file").get(lang)
    first_id = criteria_set.criteria[0].id

    # No yaml-language-server modeline: it would override the editor's own mapping to a
    # local copy of the schema, and a schema address that cannot be reached helps nobody.
    title = schema.get("title")
    if isinstance(title, str):
        writer.comment(0, title)
    writer.comment(0, msg("template-made-for", set=set_key, title=criteria_set.title.get(lang)).get(lang))
    writer.lines.append("#")
    for step in (
        msg("template-step-fill"),
        msg("template-step-check", file=shown_file),
        msg("template-step-explain", criterion=first_id),
    ):
        writer.comment(0, step.get(lang))
    writer.comment(0, msg("template-keys").get(lang))
    writer.comment(0, msg("template-editor").get(lang))

    for name, raw in schema.get("properties", {}).items():
        section = writer.resolve(raw)
        if name == "format":
            writer.lines.append("")
            _field_notes(writer, section, name, 0)
            writer.lines.append("format: 1")
            continue
        if name == "criteria":
            writer.lines.append("")
            _field_notes(writer, section, name, 0)
            if criteria_field is None:
                writer.comment(0, msg("template-criteria-from-file", file=criteria_set.file).get(lang))
                writer.lines.append("criteria:")
            else:
                writer.lines.append(f"criteria: {json.dumps(criteria_field)}")
            continue
        _section_header(writer, section, name, set_key)
        _value(writer, section, name, name, "", 0)
    return "\n".join(writer.lines) + "\n"

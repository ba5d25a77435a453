"""The rule vocabulary criteria sets are written in: every rule type, each in one place.

A rule type is one `RuleType` in ``RULES``, made by the `rule_type` decorator on its
compile function. Together they hold all there is to know about it:

- the compile function takes the rule's parameters from the criteria file and returns a
  `Rule`, a predicate over a *context* (the application, or one list item inside
  ``count`` and ``each``) and the application root; the engine runs it;
- ``paths`` says which application fields it reads (``sicheck new`` writes each field's
  readers into the template);
- ``schema`` is its part of the meta-schema (``sicheck/schemas/criteria.meta.json``);
- ``syntax`` and the compile function's docstring are its row in ``docs/criteria-format.md``.

Tests hold the meta-schema and the documentation to this module, so they cannot drift.
Adding a rule type means one decorated function here and one test.

Examples (each passes on ``{"principals": [{"id": "vgr", "kind": "region"}]}``)::

    present: principals
    count: {path: principals, where: {one_of: {path: kind, values: [region]}}, min: 1}
    not: {present: budget}
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sicheck.i18n import Text, msg
from sicheck.swedish import ORG_ID_PREFIX
from sicheck.validation import is_date
from sicheck.values import is_absent, is_number, json_equal, value_at

Path = tuple[str, ...]
Predicate = Callable[[Any, Any], bool]
Paths = Callable[[Any, Path], Iterable[Path]]


Where = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ItemRef:
    """A list item a failure belongs to: the list's path, the item's index and its id if any."""

    list_path: Where
    index: int
    id: str | None


@dataclass(frozen=True, slots=True)
class Miss:
    """Where a rule fails, from its context; the list item to blame; the condition it misses.

    ``fix`` is set for a *near miss* in ``count``: an item that meets the first conditions of
    ``where`` but not all of them (a region's co-financing row with no hours), so the gap can
    point at that item and say what to change there instead of asking for a new one.
    """

    path: Where
    item: ItemRef | None = None
    fix: Rule | None = None


Describer = Callable[[bool], Text]


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled rule: ``test(context, root)``, the path a failure points at, and its words.

    ``misses`` says where exactly a failing rule fails (one `Miss` per failing list item);
    without it the failure is at ``anchor``. ``describe(negated)`` is the rule in words, for
    people (``sicheck explain``, and the hint for one list item). ``parts`` are the sub-rules
    of ``all``, in order (used to find near misses).
    """

    test: Predicate
    anchor: Path
    describe: Describer
    misses: Callable[[Any, Any], list[Miss]] | None = None
    parts: tuple[Rule, ...] = ()
    combinator: bool = False
    # False when the rule has nothing to judge yet (a date it compares is missing): it does
    # not fail then, and it earns no points either.
    applies: Predicate | None = None
    # True when ``describe`` is short, flat words an applicant can act on ("hours is a number
    # greater than 0"). A list item's gap then says to change the item so; otherwise (names,
    # org-ids, any/all/not) it gives the check's own hint, never the rule's logic.
    plain: bool = False

    def find_misses(self, ctx: Any, root: Any) -> list[Miss]:
        """Where this rule fails on ``ctx``; call only when ``test`` is false."""
        if self.misses is None:
            return [Miss(self.anchor)]
        return self.misses(ctx, root) or [Miss(self.anchor)]


class RuleError(Exception):
    """A rule in a criteria file that cannot be compiled (unknown type, bad parameter)."""


@dataclass(frozen=True, slots=True)
class RuleType:
    """One rule type: how it is written, what it means, what it reads and how it runs."""

    name: str
    syntax: str  # how it is written, with placeholders (PATH, RULE, N, X)
    meaning: str  # when it passes: the documentation's second column
    schema: dict[str, Any]  # its parameters' part of the meta-schema
    compile: Callable[[Any], Rule]
    paths: Paths  # the application paths it reads, from a base path


RULES: dict[str, RuleType] = {}

# The meta-schema's definitions the rule types' schemas refer to.
PATH_SCHEMA = {"$ref": "#/$defs/path"}
RULE_SCHEMA = {"$ref": "#/$defs/rule"}


def rule_type(
    name: str, *, syntax: str, schema: dict[str, Any], paths: Paths
) -> Callable[[Callable[[Any], Rule]], Callable[[Any], Rule]]:
    """Register a compile function as the rule type ``name``; its docstring is its meaning."""

    def register(compile_function: Callable[[Any], Rule]) -> Callable[[Any], Rule]:
        meaning = " ".join(inspect.getdoc(compile_function).split())  # type: ignore[union-attr]
        RULES[name] = RuleType(name, syntax, meaning, schema, compile_function, paths)
        return compile_function

    return register


def parse_path(text: str) -> Path:
    return () if text == "." else tuple(text.split("."))


def compile_rule(spec: Mapping[str, Any]) -> Rule:
    """Compile one rule mapping (exactly one key: the rule type)."""
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise RuleError("a rule is a mapping with exactly one key, the rule type")
    ((kind, params),) = spec.items()
    found = RULES.get(kind)
    if found is None:
        raise RuleError(f"unknown rule type '{kind}'; known: {', '.join(sorted(RULES))}")
    return found.compile(params)


def rule_paths(spec: Any, base: Path = ()) -> Iterator[Path]:
    """Every application path a rule reads, from the root; list items add no index."""
    if not isinstance(spec, Mapping) or len(spec) != 1:
        return
    ((kind, params),) = spec.items()
    found = RULES.get(kind)
    if found is not None:
        yield from found.paths(params, base)


def _object(required: list[str], **properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": required, "additionalProperties": False, "properties": properties}


def _rule_list() -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": RULE_SCHEMA}


def _at(*keys: str) -> Paths:
    """The paths in these parameters, each relative to the base."""

    def paths(params: Any, base: Path) -> Iterator[Path]:
        for key in keys:
            yield base + parse_path(params[key])

    return paths


def _each_part(params: Any, base: Path) -> Iterator[Path]:
    for part in params:
        yield from rule_paths(part, base)


def _inside_list(params: Any, base: Path) -> Iterator[Path]:
    # Inside count and each, paths are relative to a list item: joined to the list's path
    # (co_financing + hours).
    items = base + parse_path(params["path"])
    yield items
    inner = params.get("where", params.get("rule"))
    if inner is not None:
        yield from rule_paths(inner, items)


def _ref_paths(params: Any, base: Path) -> Iterator[Path]:
    # A ref reads its `to` list only when it asks something of the target (where); a plain
    # lookup serves the field that refers, not the list it refers to.
    yield base + parse_path(params["path"])
    if "where" in params:
        target = parse_path(params["to"])
        yield target
        yield from rule_paths(params["where"], target)


# ---------------------------------------------------------------------------- rules in words


def _dotted(path: Path) -> str:
    return ".".join(path) or "."


def _said(value: Any) -> str:
    """A value as an applicant writes it in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _worded(message_id: str, negative_id: str | None = None, **params: object) -> Describer:
    """A rule's words; negated, its own negative wording, else "not (…)"."""

    def describe(negated: bool) -> Text:
        if not negated:
            return msg(message_id, **params)
        if negative_id is not None:
            return msg(negative_id, **params)
        return msg("rule-not", rule=msg(message_id, **params))

    return describe


def _fixed(words: Text) -> Describer:
    return lambda negated: msg("rule-not", rule=words) if negated else words


def _alternatives(values: list[Any]) -> Text:
    shown = [_said(v) for v in values]
    return Text(msg("or").sv.join(shown), msg("or").en.join(shown))


def _nested(rule: Rule) -> Text:
    """A sub-rule's words, in parentheses when it is itself made of several rules."""
    words = rule.describe(False)
    return Text(f"({words.sv})", f"({words.en})") if rule.combinator else words


def _joined(rules: list[Rule], joiner: str) -> Describer:
    def describe(negated: bool) -> Text:
        parts = [_nested(r) for r in rules]
        words = Text(msg(joiner).sv.join(p.sv for p in parts), msg(joiner).en.join(p.en for p in parts))
        return msg("rule-not", rule=words) if negated else words

    return describe


# ---------------------------------------------------------------------------- list items


def item_ref(list_path: Where, index: int, item: Any) -> ItemRef:
    ident = item.get("id") if isinstance(item, dict) else None
    named = ident if isinstance(ident, (str, int)) and not isinstance(ident, bool) and not is_absent(ident) else None
    return ItemRef(list_path, index, None if named is None else str(named))


def _in_item(list_path: Where, index: int, item: Any, inner: Miss) -> Miss:
    """A miss inside a list item, seen from the list's context (the outermost item names it)."""
    return Miss((*list_path, index, *inner.path), item_ref(list_path, index, item), inner.fix)


def _progress(where: Rule, item: Any, root: Any) -> tuple[int, Rule | None]:
    """How many leading conditions of ``where`` an item meets, and the first it misses."""
    if not where.parts:
        return 0, where
    for done, part in enumerate(where.parts):
        if not part.test(item, root):
            return done, part
    return len(where.parts), None


def _first_failing(rules: list[Rule]) -> Callable[[Any, Any], list[Miss]]:
    def misses(ctx: Any, root: Any) -> list[Miss]:
        for rule in rules:
            if not rule.test(ctx, root):
                return rule.find_misses(ctx, root)
        return []

    return misses


# ---------------------------------------------------------------------------- the rule types


@rule_type(
    "present", syntax="present: PATH", schema=PATH_SCHEMA, paths=lambda params, base: [base + parse_path(params)]
)
def _present(params: Any) -> Rule:
    """the value at PATH is not absent"""
    path = parse_path(params)
    describe = _worded("rule-present", "rule-absent", path=_dotted(path))
    return Rule(lambda ctx, root: not is_absent(value_at(ctx, path)), path, describe, plain=True)


@rule_type(
    "words",
    syntax="words: {path: PATH, min: N}",
    schema=_object(["path", "min"], path=PATH_SCHEMA, min={"type": "integer", "minimum": 1, "maximum": 12}),
    paths=_at("path"),
)
def _words(params: Mapping[str, Any]) -> Rule:
    """the text at PATH has at least N words (1 ≤ N ≤ 12)"""
    path, minimum = parse_path(params["path"]), int(params["min"])

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        return isinstance(value, str) and len(value.split()) >= minimum

    return Rule(test, path, _worded("rule-words", path=_dotted(path), min=minimum), plain=True)


@rule_type(
    "one_of",
    syntax="one_of: {path: PATH, values: [...]}",
    schema=_object(
        ["path", "values"],
        path=PATH_SCHEMA,
        values={"type": "array", "minItems": 1, "items": {"type": ["string", "number", "boolean"]}},
    ),
    paths=_at("path"),
)
def _one_of(params: Mapping[str, Any]) -> Rule:
    """the value at PATH equals one of `values`"""
    path, values = parse_path(params["path"]), list(params["values"])

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        return any(json_equal(value, allowed) for allowed in values)

    describe = _worded("rule-one-of", "rule-not-one-of", path=_dotted(path), values=_alternatives(values))
    # An org-id (SE-ON-…) means nothing to an applicant without its organisation number.
    plain = not any(str(v).startswith(ORG_ID_PREFIX) for v in values)
    return Rule(test, path, describe, plain=plain)


@rule_type(
    "number",
    syntax="number: {path: PATH, min: X, max: X, above: X}",
    schema=_object(
        ["path"], path=PATH_SCHEMA, min={"type": "number"}, max={"type": "number"}, above={"type": "number"}
    ),
    paths=_at("path"),
)
def _number(params: Mapping[str, Any]) -> Rule:
    """the value at PATH is a number (not a boolean) and `min ≤ value ≤ max`, `value > above`;
    each bound optional"""
    path = parse_path(params["path"])
    low, high, above = params.get("min"), params.get("max"), params.get("above")

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        if not is_number(value):
            return False
        return (low is None or value >= low) and (high is None or value <= high) and (above is None or value > above)

    bounds = [
        msg(message_id, value=_said(bound))
        for message_id, bound in (("rule-above", above), ("rule-min", low), ("rule-max", high))
        if bound is not None
    ]
    joined = Text(
        "".join(" " + b.sv for b in bounds[:1]) + "".join(msg("and").sv + b.sv for b in bounds[1:]),
        "".join(" " + b.en for b in bounds[:1]) + "".join(msg("and").en + b.en for b in bounds[1:]),
    )
    return Rule(test, path, _worded("rule-number", path=_dotted(path), bounds=joined), plain=True)


@rule_type(
    "date_order",
    syntax="date_order: {first: PATH, then: PATH}",
    schema=_object(["first", "then"], first=PATH_SCHEMA, then=PATH_SCHEMA),
    paths=_at("first", "then"),
)
def _date_order(params: Mapping[str, Any]) -> Rule:
    """both are valid ISO dates and `then` is strictly later than `first`; while either is
    absent the rule passes and earns no points (a `present` check on each date says it is
    missing)"""
    first, then = parse_path(params["first"]), parse_path(params["then"])

    def applies(ctx: Any, root: Any) -> bool:
        return not is_absent(value_at(ctx, first)) and not is_absent(value_at(ctx, then))

    def test(ctx: Any, root: Any) -> bool:
        # Nothing to compare yet: each date's own check says it is missing, this one stays quiet.
        if not applies(ctx, root):
            return True
        a, b = value_at(ctx, first), value_at(ctx, then)
        # ISO dates compare correctly as text once both are known to be real dates.
        return isinstance(a, str) and isinstance(b, str) and is_date(a) and is_date(b) and b > a

    describe = _worded("rule-date-order", first=_dotted(first), then=_dotted(then))
    return Rule(test, then, describe, applies=applies, plain=True)


@rule_type(
    "count",
    syntax="count: {path: PATH, where: RULE, min: N, max: N}",
    schema=_object(
        ["path"],
        path=PATH_SCHEMA,
        where=RULE_SCHEMA,
        min={"type": "integer", "minimum": 0},
        max={"type": "integer", "minimum": 0},
    ),
    paths=_inside_list,
)
def _count(params: Mapping[str, Any]) -> Rule:
    """PATH is a list and the number of items for which `where` passes (every item if no
    `where`) is at least `min` (default 1) and at most `max` (default no limit); each item is
    the context of `where`"""
    path = parse_path(params["path"])
    where_rule = compile_rule(params["where"]) if "where" in params else None
    where = where_rule.test if where_rule is not None else None
    low = int(params.get("min", 1))
    high = int(params["max"]) if "max" in params else None

    def test(ctx: Any, root: Any) -> bool:
        items = value_at(ctx, path)
        if not isinstance(items, list):
            # An absent list counts as empty; any other value is not a list at all.
            return is_absent(items) and low <= 0 and (high is None or high >= 0)
        n = len(items) if where is None else sum(1 for item in items if where(item, root))
        return n >= low and (high is None or n <= high)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        items = value_at(ctx, path)
        if where_rule is None or not isinstance(items, list):
            return [Miss(path)]
        # Too few items pass: blame those that come closest (meet the most leading
        # conditions of `where`), at the condition they miss; if none comes close, the list.
        ranked = []
        for index, item in enumerate(items):
            done, missed = _progress(where_rule, item, root)
            if missed is not None and done > 0:
                ranked.append((done, index, item, missed))
        best = max((done for done, *_ in ranked), default=0)
        found = []
        for done, index, item, missed in ranked:
            if done == best:
                inner = missed.find_misses(item, root)[0]
                found.append(_in_item(path, index, item, Miss(inner.path, inner.item, missed)))
        return found or [Miss(path)]

    one = "-one" if low == 1 else ""
    if where_rule is None:
        words = msg(f"rule-count{one}", path=_dotted(path), min=low)
    else:
        words = msg(f"rule-count-where{one}", path=_dotted(path), min=low, where=where_rule.describe(False))
    if high is not None:
        words = Text(words.sv + msg("rule-count-max", max=high).sv, words.en + msg("rule-count-max", max=high).en)
    return Rule(test, path, _fixed(words), misses)


@rule_type(
    "each",
    syntax="each: {path: PATH, rule: RULE, min: N}",
    schema=_object(["path", "rule"], path=PATH_SCHEMA, rule=RULE_SCHEMA, min={"type": "integer", "minimum": 0}),
    paths=_inside_list,
)
def _each(params: Mapping[str, Any]) -> Rule:
    """PATH is a list with at least `min` items (default 1) and every item passes `rule`; each
    item is the context of `rule`"""
    path, inner = parse_path(params["path"]), compile_rule(params["rule"])
    rule = inner.test
    minimum = int(params.get("min", 1))

    def test(ctx: Any, root: Any) -> bool:
        items = value_at(ctx, path)
        if not isinstance(items, list):
            return is_absent(items) and minimum <= 0
        return len(items) >= minimum and all(rule(item, root) for item in items)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        items = value_at(ctx, path)
        if not isinstance(items, list) or len(items) < minimum:
            return [Miss(path)]
        # One miss per failing item, at the field it misses.
        return [
            _in_item(path, index, item, inner.find_misses(item, root)[0])
            for index, item in enumerate(items)
            if not rule(item, root)
        ]

    one = "-one" if minimum == 1 else ""
    words = msg(f"rule-each{one}", path=_dotted(path), min=minimum, rule=inner.describe(False))
    return Rule(test, path, _fixed(words), misses)


def _id_key(value: Any) -> tuple[str, Any] | None:
    """A dict key that matches exactly when `json_equal` does (true is not 1); None if unhashable."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("text", value)
    return None if isinstance(value, (list, dict)) else ("other", value)


@rule_type(
    "ref",
    syntax="ref: {path: PATH, to: PATH, where: RULE}",
    schema=_object(["path", "to"], path=PATH_SCHEMA, to=PATH_SCHEMA, where=RULE_SCHEMA),
    paths=_ref_paths,
)
def _ref(params: Mapping[str, Any]) -> Rule:
    """the value at PATH is the `id` of an item in the list at `to` (always a path from the
    application root), and that item passes `where` if given. If the value is a list, it
    must be non-empty and every element must resolve"""
    path, target = parse_path(params["path"]), parse_path(params["to"])
    where_rule = compile_rule(params["where"]) if "where" in params else None
    where = where_rule.test if where_rule is not None else None
    # The target list's items by id, built once per application (the first item with an
    # id wins, as a scan would find it): 50,000 references cost 50,000 look-ups, not
    # 50,000 scans of the list. Kept for the last root seen, which is held so its id
    # cannot be reused by another application.
    indexed: list[Any] = [None, {}]

    def index_of(root: Any) -> dict[tuple[str, Any], Any]:
        if indexed[0] is not root:
            items = value_at(root, target)
            index: dict[tuple[str, Any], Any] = {}
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict):
                    key = _id_key(item.get("id"))
                    if key is not None:
                        index.setdefault(key, item)
            indexed[:] = [root, index]
        found: dict[tuple[str, Any], Any] = indexed[1]
        return found

    def resolves(ident: Any, root: Any) -> bool:
        items = value_at(root, target)
        if is_absent(ident) or not isinstance(items, list):
            return False
        key = _id_key(ident)
        if key is None:  # a list or mapping as an id: rare, and matched the slow way
            match = next((i for i in items if isinstance(i, dict) and json_equal(i.get("id"), ident)), None)
        else:
            match = index_of(root).get(key)
        return match is not None and (where is None or bool(where(match, root)))

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        if isinstance(value, list):
            return bool(value) and all(resolves(v, root) for v in value)
        return resolves(value, root)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        value = value_at(ctx, path)
        if isinstance(value, list) and value:
            return [Miss((*path, index)) for index, v in enumerate(value) if not resolves(v, root)]
        return [Miss(path)]

    if where_rule is None:
        words = msg("rule-ref", path=_dotted(path), to=_dotted(target))
    else:
        words = msg("rule-ref-where", path=_dotted(path), to=_dotted(target), where=_nested(where_rule))
    return Rule(test, path, _fixed(words), misses)


def _combined(params: list[Any], passes: Callable[[Iterable[bool]], bool], joiner: str) -> Rule:
    """``all`` or ``any`` of the rules ``params``; where ``all`` fails is where its first failing rule does."""
    rules = [compile_rule(p) for p in params]
    tests = [r.test for r in rules]
    every = passes is all
    return Rule(
        lambda ctx, root: passes(t(ctx, root) for t in tests),
        rules[0].anchor if rules else (),
        _joined(rules, joiner),
        _first_failing(rules) if every else None,
        tuple(rules) if every else (),
        combinator=len(rules) > 1,
    )


@rule_type("all", syntax="all: [RULE, ...]", schema=_rule_list(), paths=_each_part)
def _all(params: list[Any]) -> Rule:
    """every rule passes"""
    return _combined(params, all, "and")


@rule_type("any", syntax="any: [RULE, ...]", schema=_rule_list(), paths=_each_part)
def _any(params: list[Any]) -> Rule:
    """at least one rule passes"""
    return _combined(params, any, "or")


@rule_type("not", syntax="not: RULE", schema=RULE_SCHEMA, paths=lambda params, base: rule_paths(params, base))
def _not(params: Mapping[str, Any]) -> Rule:
    """the rule fails"""
    rule = compile_rule(params)
    return Rule(
        lambda ctx, root: not rule.test(ctx, root),
        rule.anchor,
        lambda negated: rule.describe(not negated),
        combinator=rule.combinator,
    )


def _some(words: list[str], shown: int = 5) -> Text:
    """A long list in words: its first few, then how many more."""
    head = _alternatives(list(words[:shown]))
    if len(words) <= shown:
        return head
    more = msg("rule-and-more", count=len(words) - shown)
    return Text(head.sv + more.sv, head.en + more.en)


def _name_key(text: str) -> str:
    """A name as ``named`` compares it: case, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


_NON_WHITESPACE = {
    "type": "string",
    "pattern": "[^\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]",
}


@rule_type(
    "named",
    syntax="named: {path: PATH, names: [...], suffixes: [...]}",
    schema=_object(
        ["path", "names"],
        path=PATH_SCHEMA,
        names={"type": "array", "minItems": 1, "items": _NON_WHITESPACE},
        suffixes={"type": "array", "items": _NON_WHITESPACE},
    ),
    paths=_at("path"),
)
def _named(params: Mapping[str, Any]) -> Rule:
    """the text at PATH is one of `names`, perhaps followed by one of `suffixes` (`Borås` and
    `" stad"`: "Borås stad"), compared without regard to case, punctuation and spacing"""
    path = parse_path(params["path"])
    suffixes = [""] + [str(s) for s in params.get("suffixes", [])]
    accepted = frozenset(_name_key(str(name) + suffix) for name in params["names"] for suffix in suffixes)

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        return isinstance(value, str) and _name_key(value) in accepted

    names = _some([str(name) for name in params["names"]])
    return Rule(test, path, _worded("rule-named", "rule-not-named", path=_dotted(path), names=names))


_SENTENCE_END = re.compile(r"[.!?;:]")
_WORD = re.compile(r"\w+")


@rule_type(
    "mentions",
    syntax="mentions: {path: PATH, terms: [...], negations: [...], window: N}",
    schema=_object(
        ["path", "terms"],
        path=PATH_SCHEMA,
        terms={"type": "array", "minItems": 1, "items": _NON_WHITESPACE},
        negations={"type": "array", "items": {"type": "string", "pattern": "^[A-Za-zÅÄÖåäöÆØæøÉéÜü]+(?!\\n)$"}},
        window={"type": "integer", "minimum": 1, "maximum": 10},
    ),
    paths=_at("path"),
)
def _mentions(params: Mapping[str, Any]) -> Rule:
    """the text at PATH mentions one of `terms` (at the start of a word, any case; a term may
    run on, so write inflected forms as terms of their own), other than when one of
    `negations` stands among the `window` words (default 3) before it in the same sentence
    ("utan externa projektmedel"). A heuristic: use it inside `not` for what a text must not
    say, and leave the rest to the expert group"""
    path = parse_path(params["path"])
    terms = [str(term) for term in params["terms"]]
    pattern = re.compile(
        "|".join(r"(?<!\w)" + r"\s+".join(re.escape(part) for part in term.split()) for term in terms),
        re.IGNORECASE,
    )
    negations = frozenset(str(word).casefold() for word in params.get("negations", []))
    window = int(params.get("window", 3))

    def negated(before: str) -> bool:
        sentence = _SENTENCE_END.split(before)[-1]
        return any(word.casefold() in negations for word in _WORD.findall(sentence)[-window:])

    def test(ctx: Any, root: Any) -> bool:
        value = value_at(ctx, path)
        if not isinstance(value, str):
            return False
        return any(not negated(value[: found.start()]) for found in pattern.finditer(value))

    return Rule(test, path, _worded("rule-mentions", "rule-not-mentions", path=_dotted(path), terms=_some(terms)))


# ---------------------------------------------------------------------------- what comes from it


def meta_schema_rules() -> dict[str, Any]:
    """The meta-schema's ``rule`` definition: one property per rule type."""
    return {
        "description": "A mapping with exactly one key, the rule type.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": {name: found.schema for name, found in RULES.items()},
    }


def documentation_table() -> str:
    """The rule table of ``docs/criteria-format.md``."""
    rows = ["| rule | passes when |", "|---|---|"]
    rows += [f"| `{found.syntax}` | {found.meaning} |" for found in RULES.values()]
    return "\n".join(rows) + "\n"


__all__ = [
    "RULES",
    "ItemRef",
    "Miss",
    "Rule",
    "RuleError",
    "RuleType",
    "compile_rule",
    "documentation_table",
    "meta_schema_rules",
    "parse_path",
    "rule_paths",
]

"""The rule vocabulary criteria sets are written in.

Each rule type is one compile function in ``RULES``: it takes the rule's parameters
from the criteria file and returns a `Rule`, a predicate over a *context* (the
application, or one list item inside ``count`` and ``each``) and the application root.
``docs/criteria-format.md`` is the user documentation; the meta-schema
``sicheck/schemas/criteria.meta.json`` has one entry per rule type. Adding a rule type
means one function here, one registry entry, one meta-schema entry and one test.

Examples (each passes on ``{"principals": [{"id": "vgr", "kind": "region"}]}``)::

    present: principals
    count: {path: principals, where: {one_of: {path: kind, values: [region]}}, min: 1}
    not: {present: budget}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sicheck.i18n import Text, msg
from sicheck.validation import is_date

Path = tuple[str, ...]
Predicate = Callable[[Any, Any], bool]


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
    people. ``parts`` are the sub-rules of ``all``, in order (used to find near misses).
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

    def find_misses(self, ctx: Any, root: Any) -> list[Miss]:
        """Where this rule fails on ``ctx``; call only when ``test`` is false."""
        if self.misses is None:
            return [Miss(self.anchor)]
        return self.misses(ctx, root) or [Miss(self.anchor)]


class RuleError(Exception):
    """A rule in a criteria file that cannot be compiled (unknown type, bad parameter)."""


def parse_path(text: str) -> Path:
    return () if text == "." else tuple(text.split("."))


def get(value: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def is_absent(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def compile_rule(spec: Mapping[str, Any]) -> Rule:
    """Compile one rule mapping (exactly one key: the rule type)."""
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise RuleError("a rule is a mapping with exactly one key, the rule type")
    ((kind, params),) = spec.items()
    factory = RULES.get(kind)
    if factory is None:
        raise RuleError(f"unknown rule type '{kind}'; known: {', '.join(sorted(RULES))}")
    return factory(params)


def _dotted(path: Path) -> str:
    return ".".join(path) or "."


def _said(value: Any) -> str:
    """A value as an applicant writes it in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _negatable(positive: str, negative: str, **params: object) -> Describer:
    return lambda negated: msg(negative if negated else positive, **params)


def _plain_not(describe: Describer) -> Describer:
    """A rule with no negative wording of its own: "not (…)" when negated."""
    return lambda negated: msg("rule-not", rule=describe(False)) if negated else describe(False)


def _present(params: Any) -> Rule:
    path = parse_path(params)
    describe = _negatable("rule-present", "rule-absent", path=_dotted(path))
    return Rule(lambda ctx, root: not is_absent(get(ctx, path)), path, describe)


def _words(params: Mapping[str, Any]) -> Rule:
    path, minimum = parse_path(params["path"]), int(params["min"])

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        return isinstance(value, str) and len(value.split()) >= minimum

    return Rule(test, path, _plain_not(_negatable("rule-words", "rule-words", path=_dotted(path), min=minimum)))


def _alternatives(values: list[Any]) -> Text:
    shown = [_said(v) for v in values]
    return Text(msg("or").sv.join(shown), msg("or").en.join(shown))


def _one_of(params: Mapping[str, Any]) -> Rule:
    path, values = parse_path(params["path"]), list(params["values"])

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        return any(_same(value, allowed) for allowed in values)

    describe = _negatable("rule-one-of", "rule-not-one-of", path=_dotted(path), values=_alternatives(values))
    return Rule(test, path, describe)


def _number(params: Mapping[str, Any]) -> Rule:
    path = parse_path(params["path"])
    low, high, above = params.get("min"), params.get("max"), params.get("above")

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
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
    return Rule(test, path, _plain_not(_negatable("rule-number", "rule-number", path=_dotted(path), bounds=joined)))


def _date_order(params: Mapping[str, Any]) -> Rule:
    first, then = parse_path(params["first"]), parse_path(params["then"])

    def test(ctx: Any, root: Any) -> bool:
        a, b = get(ctx, first), get(ctx, then)
        # Nothing to compare yet: each date's own check says it is missing, this one stays quiet.
        if is_absent(a) or is_absent(b):
            return True
        # ISO dates compare correctly as text once both are known to be real dates.
        return isinstance(a, str) and isinstance(b, str) and is_date(a) and is_date(b) and b > a

    def applies(ctx: Any, root: Any) -> bool:
        return not is_absent(get(ctx, first)) and not is_absent(get(ctx, then))

    describe = _negatable("rule-date-order", "rule-date-order", first=_dotted(first), then=_dotted(then))
    return Rule(test, then, _plain_not(describe), applies=applies)


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


def _count(params: Mapping[str, Any]) -> Rule:
    path = parse_path(params["path"])
    where_rule = compile_rule(params["where"]) if "where" in params else None
    where = where_rule.test if where_rule is not None else None
    low = int(params.get("min", 1))
    high = int(params["max"]) if "max" in params else None

    def test(ctx: Any, root: Any) -> bool:
        items = get(ctx, path)
        if not isinstance(items, list):
            # An absent list counts as empty; any other value is not a list at all.
            return is_absent(items) and low <= 0 and (high is None or high >= 0)
        n = len(items) if where is None else sum(1 for item in items if where(item, root))
        return n >= low and (high is None or n <= high)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        items = get(ctx, path)
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
    return Rule(test, path, _plain_not(lambda negated: words), misses)


def _each(params: Mapping[str, Any]) -> Rule:
    path, inner = parse_path(params["path"]), compile_rule(params["rule"])
    rule = inner.test
    minimum = int(params.get("min", 1))

    def test(ctx: Any, root: Any) -> bool:
        items = get(ctx, path)
        if not isinstance(items, list):
            return is_absent(items) and minimum <= 0
        return len(items) >= minimum and all(rule(item, root) for item in items)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        items = get(ctx, path)
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
    return Rule(test, path, _plain_not(lambda negated: words), misses)


def _ref(params: Mapping[str, Any]) -> Rule:
    path, target = parse_path(params["path"]), parse_path(params["to"])
    where_rule = compile_rule(params["where"]) if "where" in params else None
    where = where_rule.test if where_rule is not None else None

    def resolves(ident: Any, root: Any) -> bool:
        items = get(root, target)
        if is_absent(ident) or not isinstance(items, list):
            return False
        for item in items:
            if isinstance(item, dict) and _same(item.get("id"), ident):
                return where is None or bool(where(item, root))
        return False

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        if isinstance(value, list):
            return bool(value) and all(resolves(v, root) for v in value)
        return resolves(value, root)

    def misses(ctx: Any, root: Any) -> list[Miss]:
        value = get(ctx, path)
        if isinstance(value, list) and value:
            return [Miss((*path, index)) for index, v in enumerate(value) if not resolves(v, root)]
        return [Miss(path)]

    if where_rule is None:
        words = msg("rule-ref", path=_dotted(path), to=_dotted(target))
    else:
        words = msg("rule-ref-where", path=_dotted(path), to=_dotted(target), where=_nested(where_rule))
    return Rule(test, path, _plain_not(lambda negated: words), misses)


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


def _first_failing(rules: list[Rule]) -> Callable[[Any, Any], list[Miss]]:
    def misses(ctx: Any, root: Any) -> list[Miss]:
        for rule in rules:
            if not rule.test(ctx, root):
                return rule.find_misses(ctx, root)
        return []

    return misses


def _all(params: list[Any]) -> Rule:
    rules = [compile_rule(p) for p in params]
    tests = [r.test for r in rules]
    anchor = rules[0].anchor if rules else ()
    return Rule(
        lambda ctx, root: all(t(ctx, root) for t in tests),
        anchor,
        _joined(rules, "and"),
        _first_failing(rules),
        tuple(rules),
        combinator=len(rules) > 1,
    )


def _any(params: list[Any]) -> Rule:
    rules = [compile_rule(p) for p in params]
    tests = [r.test for r in rules]
    anchor = rules[0].anchor if rules else ()
    return Rule(
        lambda ctx, root: any(t(ctx, root) for t in tests),
        anchor,
        _joined(rules, "or"),
        combinator=len(rules) > 1,
    )


def _not(params: Mapping[str, Any]) -> Rule:
    rule = compile_rule(params)
    return Rule(
        lambda ctx, root: not rule.test(ctx, root),
        rule.anchor,
        lambda negated: rule.describe(not negated),
        combinator=rule.combinator,
    )


RULES: dict[str, Callable[[Any], Rule]] = {
    "present": _present,
    "words": _words,
    "one_of": _one_of,
    "number": _number,
    "date_order": _date_order,
    "count": _count,
    "each": _each,
    "ref": _ref,
    "all": _all,
    "any": _any,
    "not": _not,
}

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

from sicheck.validation import is_date

Path = tuple[str, ...]
Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled rule: ``test(context, root)``, and the path a failure points at."""

    test: Predicate
    anchor: Path


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


def _present(params: Any) -> Rule:
    path = parse_path(params)
    return Rule(lambda ctx, root: not is_absent(get(ctx, path)), path)


def _words(params: Mapping[str, Any]) -> Rule:
    path, minimum = parse_path(params["path"]), int(params["min"])

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        return isinstance(value, str) and len(value.split()) >= minimum

    return Rule(test, path)


def _one_of(params: Mapping[str, Any]) -> Rule:
    path, values = parse_path(params["path"]), list(params["values"])

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        return any(_same(value, allowed) for allowed in values)

    return Rule(test, path)


def _number(params: Mapping[str, Any]) -> Rule:
    path = parse_path(params["path"])
    low, high, above = params.get("min"), params.get("max"), params.get("above")

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        if not is_number(value):
            return False
        return (low is None or value >= low) and (high is None or value <= high) and (above is None or value > above)

    return Rule(test, path)


def _date_order(params: Mapping[str, Any]) -> Rule:
    first, then = parse_path(params["first"]), parse_path(params["then"])

    def test(ctx: Any, root: Any) -> bool:
        a, b = get(ctx, first), get(ctx, then)
        # ISO dates compare correctly as text once both are known to be real dates.
        return isinstance(a, str) and isinstance(b, str) and is_date(a) and is_date(b) and b > a

    return Rule(test, then)


def _count(params: Mapping[str, Any]) -> Rule:
    path = parse_path(params["path"])
    where = compile_rule(params["where"]).test if "where" in params else None
    low = int(params.get("min", 1))
    high = int(params["max"]) if "max" in params else None

    def test(ctx: Any, root: Any) -> bool:
        items = get(ctx, path)
        if not isinstance(items, list):
            # An absent list counts as empty; any other value is not a list at all.
            return is_absent(items) and low <= 0 and (high is None or high >= 0)
        n = len(items) if where is None else sum(1 for item in items if where(item, root))
        return n >= low and (high is None or n <= high)

    return Rule(test, path)


def _each(params: Mapping[str, Any]) -> Rule:
    path, rule = parse_path(params["path"]), compile_rule(params["rule"]).test
    minimum = int(params.get("min", 1))

    def test(ctx: Any, root: Any) -> bool:
        items = get(ctx, path)
        if not isinstance(items, list):
            return is_absent(items) and minimum <= 0
        return len(items) >= minimum and all(rule(item, root) for item in items)

    return Rule(test, path)


def _id_key(value: Any) -> tuple[str, Any] | None:
    """A dict key that matches exactly when `_same` does (true is not 1); None if unhashable."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("text", value)
    return None if isinstance(value, (list, dict)) else ("other", value)


def _ref(params: Mapping[str, Any]) -> Rule:
    path, target = parse_path(params["path"]), parse_path(params["to"])
    where = compile_rule(params["where"]).test if "where" in params else None
    # The target list's items by id, built once per application (the first item with an
    # id wins, as a scan would find it): 50,000 references cost 50,000 look-ups, not
    # 50,000 scans of the list. Kept for the last root seen, which is held so its id
    # cannot be reused by another application.
    indexed: list[Any] = [None, {}]

    def index_of(root: Any) -> dict[tuple[str, Any], Any]:
        if indexed[0] is not root:
            items = get(root, target)
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
        items = get(root, target)
        if is_absent(ident) or not isinstance(items, list):
            return False
        key = _id_key(ident)
        if key is None:  # a list or mapping as an id: rare, and matched the slow way
            match = next((i for i in items if isinstance(i, dict) and _same(i.get("id"), ident)), None)
        else:
            match = index_of(root).get(key)
        return match is not None and (where is None or bool(where(match, root)))

    def test(ctx: Any, root: Any) -> bool:
        value = get(ctx, path)
        if isinstance(value, list):
            return bool(value) and all(resolves(v, root) for v in value)
        return resolves(value, root)

    return Rule(test, path)


def _all(params: list[Any]) -> Rule:
    rules = [compile_rule(p) for p in params]
    tests = [r.test for r in rules]
    return Rule(lambda ctx, root: all(t(ctx, root) for t in tests), rules[0].anchor if rules else ())


def _any(params: list[Any]) -> Rule:
    rules = [compile_rule(p) for p in params]
    tests = [r.test for r in rules]
    return Rule(lambda ctx, root: any(t(ctx, root) for t in tests), rules[0].anchor if rules else ())


def _not(params: Mapping[str, Any]) -> Rule:
    rule = compile_rule(params)
    return Rule(lambda ctx, root: not rule.test(ctx, root), rule.anchor)


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

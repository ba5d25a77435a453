"""Read untrusted YAML safely into JSON-type values, keeping every node's position.

Why it is built this way (measured traps are in the project's HARDENING notes):

- libyaml's C composer recurses in C. Since PyYAML 6.0.4 (libyaml 0.2.6) the parser itself
  refuses nesting deeper than 1,000 levels, far below the ~20,000 where the recursion used
  to kill the process, so the C composer is safe on any input and is the only path. That
  refusal is reported as sicheck's own ``too-deep`` problem, located where sicheck's
  (much lower) depth limit is first passed, exactly as the constructor reports it.
- libyaml's C composer builds the whole tree before anything can count it: a 2 MiB flow
  mapping of one-letter keys is a million nodes, 12 s and 690 MB, and a pool worker killed
  by that ends the run. So the C composer only sees files too small to hold more nodes
  than the limit; a larger file goes through the C *parser* with a Python composer that
  counts nodes, depth and aliases as it goes and stops at the first one over its limit.
- Aliases compose into shared nodes and explode in whatever walks the data later, so the
  constructor counts every node it builds (aliases once per use) against a budget, and
  refuses aliases beyond a small number and any alias that refers to itself.
- YAML 1.1 typing turns ``no`` into false and ``01234`` into 668. The constructor builds
  only JSON types with the YAML 1.2 core rules; everything else stays text, and every tag
  is refused. Dates stay text, so an impossible date is a schema error on its own line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sicheck.i18n import Text, msg
from sicheck.model import Location, Problem
from sicheck.values import json_type

# Returned by the resolver for untagged nodes; anything else on a node is an explicit tag.
_IMPLICIT = "tag:sicheck,implicit"
_BANG = "!"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one input file. Each has a command-line option and a config key."""

    max_file_size: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 20
    max_nodes: int = 100_000


# libyaml's parser refuses deeper nesting with this message (PyYAML 6.0.4 and later).
_LIBYAML_DEPTH_PROBLEM = "exceeded maximum nesting depth"
# Python's own recursion limit bounds the constructor; --max-depth cannot go above this.
MAX_DEPTH_CEILING = 200
# Every node takes at least one byte of the file, a key and its empty value two nodes per
# byte at most: a file this small cannot hold more nodes than the limit.
_NODES_PER_BYTE = 2
# The non-specific tag ``!`` as a token of its own: the resolver sees ``! 12`` as ``12``, so
# a file with one goes to the composer that can see tags. (Inside quotes it is harmless text,
# and only costs the slower path.)
_BARE_TAG = re.compile(rb"(?:^|[\s\[\{,:?-])!(?=[\s\]\},]|$)", re.MULTILINE)


class _Resolver:
    """Mark untagged nodes as implicit; typing happens in the constructor, by style."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Scalars pass (plain_implicit, quoted_implicit); both false means a bare "!" tag.
        if isinstance(implicit, tuple):
            return _IMPLICIT if (implicit[0] or implicit[1]) else _BANG
        return _IMPLICIT if implicit else _BANG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _FastLoader(CParser, _Resolver):  # type: ignore[misc]
    """libyaml parses and composes in C; its parser bounds the nesting depth."""

    def __init__(self, stream: bytes) -> None:
        CParser.__init__(self, stream)


class _LimitError(Exception):
    """A limit reached while composing: the problem's code and message, at the event's mark."""

    def __init__(self, code: str, message: Text, mark: Any) -> None:
        self.code = code
        self.message = message
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1


class _CountingLoader(Composer, CParser, _Resolver):  # type: ignore[misc]
    """libyaml parses in C; a Python composer builds the tree, counting as it goes.

    It stops at the first node past the node or depth limit and at the first collection
    alias past the alias limit (the constructor counts the same way, so both paths agree),
    and it refuses the non-specific tag ``!``, which the resolver cannot tell from no tag.
    (Overriding ``compose_node`` on a C loader would be silently skipped: composition
    happens in C there, hence the Python `Composer` in this class.)
    """

    def __init__(self, stream: bytes, max_depth: int, limits: Limits) -> None:
        CParser.__init__(self, stream)
        Composer.__init__(self)
        self._max_depth = max_depth
        self._max_nodes = limits.max_nodes
        self._max_aliases = limits.max_aliases
        self._depth = 0
        self._nodes = 0
        self._aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        mark = event.start_mark if event is not None else None
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if isinstance(target, (MappingNode, SequenceNode)):
                self._aliases += 1
                if self._aliases > self._max_aliases:
                    raise _LimitError("alias", msg("alias", limit=self._max_aliases), mark)
        else:
            if getattr(event, "tag", None) == _BANG:
                raise _LimitError("tag", msg("tag", tag=_BANG), mark)
            self._nodes += 1
            if self._nodes > self._max_nodes:
                raise _LimitError("too-many-nodes", msg("too-many-nodes", limit=self._max_nodes), mark)
        self._depth += 1
        if self._depth > self._max_depth:
            raise _LimitError("too-deep", msg("too-deep", limit=self._max_depth), mark)
        try:
            node: Node = super().compose_node(parent, index)  # type: ignore[assignment]
            return node
        finally:
            self._depth -= 1


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded YAML document: its JSON-type value and the node tree for positions."""

    value: Any
    root: Node
    # Key indexes of mappings, built on first use: a file with thousands of problems
    # must not cost a scan of the whole mapping per problem.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False, compare=False)

    def locate(self, path: tuple[str | int, ...]) -> Location:
        """The position of the value at ``path``, or of its nearest existing parent."""
        return locate(self.root, path, keys=self._keys)

    def locate_key(self, path: tuple[str | int, ...]) -> Location:
        """The position of the *key* that ends ``path`` (for unknown or duplicate keys)."""
        return locate(self.root, path, want_key=True, keys=self._keys)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A loaded document, or the problem that stopped the loading (never both)."""

    document: Document | None
    problem: Problem | None


def format_path(path: tuple[str | int, ...]) -> str:
    """``("effects", 0, "target")`` -> ``effects[0].target``.

    A key may hold a line break; it is written ``\\n``, so a path is always one line.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            if "\n" in part or "\r" in part:
                part = part.replace("\r", "\\r").replace("\n", "\\n")
            text += f".{part}" if text else part
    return text


def _mapping_index(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    index: dict[str, tuple[Node, Node]] = {}
    for k, v in node.value:
        if isinstance(k, ScalarNode):
            index.setdefault(k.value, (k, v))
    return index


def locate(
    root: Node,
    path: tuple[str | int, ...],
    *,
    want_key: bool = False,
    keys: dict[int, dict[str, tuple[Node, Node]]] | None = None,
) -> Location:
    node: Node = root
    found: list[str | int] = []
    key_node: Node | None = None
    for part in path:
        child: Node | None = None
        key_node = None
        if isinstance(node, MappingNode) and isinstance(part, str):
            if keys is None:
                pair = _mapping_index(node).get(part)
            else:
                index = keys.get(id(node))
                if index is None:
                    index = keys[id(node)] = _mapping_index(node)
                pair = index.get(part)
            if pair is not None:
                key_node, child = pair
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
        if child is None:
            key_node = None
            break
        node = child
        found.append(part)
    target = key_node if (want_key and key_node is not None and len(found) == len(path)) else node
    mark = target.start_mark
    return Location(format_path(tuple(found)), mark.line + 1, mark.column + 1)


def _problem(code: str, message: Text, line: int = 1, column: int = 1, path: str = "") -> LoadResult:
    return LoadResult(None, Problem("error", code, message, Location(path, line, column)))


def _decode_check(data: bytes) -> LoadResult | None:
    """Refuse bytes that are not UTF-8, naming the line and column of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return _problem("encoding", msg("encoding-utf16"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        return _problem("encoding", msg("encoding", byte=f"0x{data[exc.start]:02x}"), line, column)
    return None


def load_yaml(
    data: bytes | Problem, limits: Limits = Limits(), *, messages: Mapping[str, str] | None = None
) -> LoadResult:
    """Parse one file. Every failure is a `Problem` value, never an exception.

    ``data`` may be the problem `reading.read` met, which is then the result. The loader's
    messages speak of applications; ``messages`` gives other message ids for some problem
    codes (``{"empty": "review-empty"}``), for files of another kind.
    """
    loaded = LoadResult(None, data) if isinstance(data, Problem) else _load_yaml(data, limits)
    if messages and loaded.problem is not None and loaded.problem.code in messages:
        return LoadResult(None, replace(loaded.problem, message=msg(messages[loaded.problem.code])))
    return loaded


def _load_yaml(data: bytes, limits: Limits) -> LoadResult:
    if len(data) > limits.max_file_size:
        return _problem("too-large", msg("too-large", size=len(data), limit=limits.max_file_size))
    bad_encoding = _decode_check(data)
    if bad_encoding is not None:
        return bad_encoding
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    max_depth = min(limits.max_depth, MAX_DEPTH_CEILING)
    try:
        loader: CParser
        loader = _FastLoader(data) if _provably_small(data, limits) else _CountingLoader(data, max_depth, limits)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _LimitError as exc:
        if exc.code == "too-deep":  # located with its path, as the other two refusals are
            where = _first_too_deep(data, max_depth, len(data))
            return _problem("too-deep", exc.message, where.line, where.column, where.path)
        return _problem(exc.code, exc.message, exc.line, exc.column)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "but found another document" in str(exc.problem):
            return _problem("multiple-documents", msg("multiple-documents"), line, column)
        if "duplicate anchor" in str(exc.context) and exc.context_mark is not None:
            anchor = _anchor_at(data, line, column)
            first = exc.context_mark.line + 1
            return _problem("duplicate-anchor", msg("duplicate-anchor", anchor=anchor, first_line=first), line, column)
        return _syntax(exc, data)
    except yaml.MarkedYAMLError as exc:
        if exc.problem == _LIBYAML_DEPTH_PROBLEM:
            where = _first_too_deep(data, max_depth, exc.problem_mark.index if exc.problem_mark else len(data))
            return _problem("too-deep", msg("too-deep", limit=max_depth), where.line, where.column, where.path)
        return _syntax(exc, data)
    except yaml.YAMLError as exc:
        # libyaml's reader errors carry a position only in their text.
        return _problem("yaml-syntax", msg("yaml-syntax", problem=_yaml_reason(exc)))
    except (ValueError, UnicodeError, RecursionError, MemoryError) as exc:
        # e.g. an escaped lone surrogate that libyaml passes on as bytes Python refuses.
        return _problem("yaml-syntax", msg("yaml-syntax", problem=type(exc).__name__))
    if root is None:
        return _problem("empty", msg("empty"))
    if isinstance(root, ScalarNode) and not root.style and plain_scalar(root.value) is None:
        # ``---`` alone, ``null`` or ``~``: an explicitly empty document is an empty file,
        # found at its ``---`` line (an empty scalar's own mark lies past the end).
        return _problem("empty", msg("empty"), _document_line(data, root.start_mark.line + 1))
    constructor = _Constructor(limits, max_depth)
    try:
        value = constructor.construct(root, 1)
    except _ConstructError as exc:
        return LoadResult(None, _with_path(exc, root))
    except RecursionError:  # only if the caller's own stack is already deep
        return _problem("too-deep", msg("too-deep", limit=max_depth))
    if not isinstance(value, dict):
        found = msg(f"type-{json_type(value)}")
        mark = root.start_mark
        return _problem("not-mapping", msg("not-mapping", found=found), mark.line + 1, mark.column + 1)
    return LoadResult(Document(value, root), None)


def _first_too_deep(data: bytes, max_depth: int, refused_at: int) -> Location:
    """Where the first node nested deeper than ``max_depth`` is, with its path.

    Runs only after libyaml has refused the file for nesting, which it does far deeper
    than sicheck's limit. libyaml's scanner reads ahead to the refusal before it yields
    the events before it, so the events are read from the text before the refusal
    (``refused_at``, in characters), which holds the node sought; the parse stops there.
    Depth and path are counted as the constructor counts them (the top-level node is at
    depth 1), so both refusals read the same.
    """
    # One frame per open collection: its path, and for a sequence the next index, for a
    # mapping the pending key (None while a key is expected).
    frames: list[tuple[tuple[str | int, ...], list[Any]]] = []
    loader = _FastLoader(data.decode("utf-8")[:refused_at].encode("utf-8"))
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionEndEvent):
                frames.pop()
                _advance(frames)
                continue
            if not isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                continue
            if frames and frames[-1][1][0] == "key":
                # A mapping key: remember it; it is not a level of its own.
                frames[-1][1][1] = event.value if isinstance(event, ScalarEvent) else "?"
                frames[-1][1][0] = "value"
                if isinstance(event, CollectionStartEvent):  # a complex key: the constructor refuses it
                    break
                continue
            path = _child_path(frames)
            if len(frames) + 1 > max_depth:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                return Location(format_path(path), line, column)
            if isinstance(event, CollectionStartEvent):
                state: list[Any] = ["key", None] if isinstance(event, MappingStartEvent) else ["item", 0]
                frames.append((path, state))
            else:
                _advance(frames)
    except yaml.YAMLError:  # the cut text ends inside a collection: the node came before
        pass
    finally:
        loader.dispose()
    return Location("", 1, 1)


def _child_path(frames: list[tuple[tuple[str | int, ...], list[Any]]]) -> tuple[str | int, ...]:
    if not frames:
        return ()
    path, state = frames[-1]
    return (*path, state[1])


def _advance(frames: list[tuple[tuple[str | int, ...], list[Any]]]) -> None:
    """A value of the innermost collection is complete: move to its next item or key."""
    if not frames:
        return
    state = frames[-1][1]
    if state[0] == "item":
        state[1] += 1
    else:
        state[0], state[1] = "key", None


def _provably_small(data: bytes, limits: Limits) -> bool:
    """Whether the C composer is safe: too small to exceed the node limit, and no ``!`` tag."""
    return _NODES_PER_BYTE * (len(data) + 1) <= limits.max_nodes and _BARE_TAG.search(data) is None


_DOCUMENT_START = re.compile(rb"^---(?:[ \t]|$)", re.MULTILINE)


def _document_line(data: bytes, fallback: int) -> int:
    """The line of the ``---`` that starts the document, else ``fallback``."""
    found = _DOCUMENT_START.search(data)
    if found is None:
        return fallback
    line = data.count(b"\n", 0, found.start()) + 1
    return min(line, fallback)


_ANCHOR_NAME = re.compile(r"&([^\s\[\]{},]+)")


def _anchor_at(data: bytes, line: int, column: int) -> str:
    """The anchor name written at (or after) ``line``:``column``; libyaml does not name it."""
    lines = data.split(b"\n", line)
    text = lines[line - 1].decode("utf-8", "replace") if len(lines) >= line else ""
    found = _ANCHOR_NAME.search(text, max(column - 1, 0)) or _ANCHOR_NAME.search(text)
    return _short(found.group(1)) if found else "?"


def _syntax(exc: yaml.MarkedYAMLError, data: bytes) -> LoadResult:
    """A syntax error by its cause, where it began, with what to write instead."""
    from sicheck.yaml_errors import explain

    found = explain(exc, data.decode("utf-8", "replace"))
    location = Location("", found.line, found.column)
    return LoadResult(None, Problem("error", "yaml-syntax", found.message, location, hint=found.hint))


def _yaml_reason(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        return ", ".join(parts) if parts else type(exc).__name__
    # ReaderError and the like: the first line is the reason.
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class _ConstructError(Exception):
    def __init__(self, problem: Problem, node: Node, key: str | None = None) -> None:
        self.problem = problem
        self.node = node
        self.key = key


def _with_path(exc: _ConstructError, root: Node) -> Problem:
    """Fill in the field path of a construction problem; only runs when a file fails."""
    path = _path_to(root, exc.node)
    if path is None:
        return exc.problem
    if exc.key is not None:
        path = (*path, exc.key)
    problem = exc.problem
    location = Location(format_path(path), problem.location.line, problem.location.column)
    return Problem(problem.severity, problem.code, problem.message, location)


def _path_to(root: Node, target: Node) -> tuple[str | int, ...] | None:
    seen: set[int] = set()
    todo: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    while todo:
        node, path = todo.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            todo.extend((item, (*path, i)) for i, item in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                if k is target:
                    return path
                key = k.value if isinstance(k, ScalarNode) else "?"
                todo.append((v, (*path, key)))
    return None


_INT = re.compile(r"[-+]?[0-9]+", re.ASCII)
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", re.ASCII)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))


def plain_scalar(text: str) -> Any:
    """Type an unquoted scalar by the YAML 1.2 core schema, limited to JSON types."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    first = text[0]
    if first.isdigit() or first in "-+.":
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # longer than Python's int-from-text limit
                return text
        if _FLOAT.fullmatch(text):
            number = float(text)
            # inf and nan are not JSON numbers; leave them as text for the schema to reject.
            return number if math.isfinite(number) else text
    return text


class _Constructor:
    """Turn a node tree into dicts, lists and scalars, within the limits."""

    def __init__(self, limits: Limits, max_depth: int) -> None:
        self._limits = limits
        self._max_depth = max_depth
        self._nodes = 0
        self._aliases = 0
        self._seen: set[int] = set()
        self._stack: set[int] = set()

    def _fail(self, code: str, message: Text, node: Node, key: str | None = None) -> _ConstructError:
        mark = node.start_mark
        location = Location("", mark.line + 1, mark.column + 1)
        return _ConstructError(Problem("error", code, message, location), node, key)

    def construct(self, node: Node, depth: int, used_at: Node | None = None) -> Any:
        if depth > self._max_depth:
            raise self._fail("too-deep", msg("too-deep", limit=self._max_depth), node)
        self._nodes += 1
        if self._nodes > self._limits.max_nodes:
            raise self._fail("too-many-nodes", msg("too-many-nodes", limit=self._limits.max_nodes), node)
        if node.tag != _IMPLICIT:
            raise self._fail("tag", msg("tag", tag=node.tag), node)
        if isinstance(node, ScalarNode):
            return plain_scalar(node.value) if not node.style else node.value
        # Collections met a second time are alias uses (the composer shares the node).
        ident = id(node)
        if ident in self._stack:
            raise self._fail("alias-recursive", msg("alias-recursive"), node)
        if ident in self._seen:
            self._aliases += 1
            if self._aliases > self._limits.max_aliases:
                # A shared node has the anchor's position; point at where the alias is used.
                raise self._fail("alias", msg("alias", limit=self._limits.max_aliases), used_at or node)
        self._seen.add(ident)
        self._stack.add(ident)
        try:
            if isinstance(node, SequenceNode):
                return [self.construct(item, depth + 1, node) for item in node.value]
            mapping: dict[str, Any] = {}
            first_lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise self._fail("complex-key", msg("complex-key"), key_node)
                if key_node.tag != _IMPLICIT:
                    raise self._fail("tag", msg("tag", tag=key_node.tag), key_node)
                key = key_node.value
                if key in first_lines:
                    raise self._fail(
                        "duplicate-key",
                        msg("duplicate-key", key=_short(key), first_line=first_lines[key]),
                        key_node,
                        key,
                    )
                first_lines[key] = key_node.start_mark.line + 1
                mapping[key] = self.construct(value_node, depth + 1, key_node)
            return mapping
        finally:
            self._stack.discard(ident)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

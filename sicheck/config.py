"""Repository configuration: ``[tool.sicheck]`` in pyproject.toml, or ``.sicheck.yaml``.

The file is found by searching upward from the working directory; the nearest one wins,
and in one folder ``.sicheck.yaml`` wins over ``pyproject.toml`` (a file of its own says
more plainly what it is for). A pyproject.toml without a ``[tool.sicheck]`` table is
not a configuration, and the search goes on above it.

Folders and patterns in the file (``criteria_dirs``, ``paths``, ``exclude``, a criteria
file path) are relative to the file's own folder, so the configuration means the same
from any working directory below it. Every problem is a `ConfigError` naming
``file:line:column``: the repository's maintainers, not applicants, fix these, and a
run must not go on with settings nobody meant.
"""

from __future__ import annotations

import copy
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sicheck.errors import SicheckError
from sicheck.i18n import Text, msg

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.reading import Glob

YAML_NAMES = (".sicheck.yaml", ".sicheck.yml")
PYPROJECT = "pyproject.toml"
TOML_TABLE = ("tool", "sicheck")

KEYS = (
    "call",
    "criteria",
    "criteria_dirs",
    "paths",
    "exclude",
    "lang",
    "fail_under",
    "strict",
    "format",
    "max_file_size",
    "max_depth",
    "max_aliases",
    "max_nodes",
    "max_size",
)


class ConfigError(SicheckError):
    """A configuration file that cannot be read or says something sicheck cannot use."""

    def __init__(self, file: Path | str, line: int, column: int, problem: Text) -> None:
        shown = _shown(Path(file))
        super().__init__(msg("config-broken", file=shown, line=line, column=column, problem=problem))
        self.file = str(file)
        self.line = line
        self.column = column
        self.problem = problem


def _shown(path: Path) -> str:
    """The file as a user would name it from the working directory."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, slots=True)
class Config:
    """The settings a configuration file gives; None where it says nothing."""

    file: Path | None = None
    call: str | None = None  # the call's name, the title of `sicheck report`
    criteria: str | None = None
    criteria_dirs: tuple[Path, ...] = ()
    paths: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    lang: str | None = None
    fail_under: float | None = None
    strict: bool | None = None
    format: str | None = None
    max_file_size: int | None = None
    max_depth: int | None = None
    max_aliases: int | None = None
    max_nodes: int | None = None
    max_size: int | None = None
    _exclude_patterns: tuple[Glob, ...] = field(default=(), repr=False, compare=False)
    # The catalog of criteria_dirs, which has already loaded `criteria`: a run goes on with it.
    catalog: CriteriaCatalog | None = field(default=None, repr=False, compare=False)

    @property
    def base(self) -> Path:
        """The folder that paths and patterns in the file are relative to."""
        return self.file.parent if self.file is not None else Path.cwd()

    def excluded(self, file: str) -> bool:
        """Whether ``exclude`` matches ``file`` or a folder it is in."""
        if not self._exclude_patterns or file == "-":
            return False
        relative = os.path.relpath(os.path.abspath(file), self.base).replace(os.sep, "/")
        parts = relative.split("/")
        candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(pattern.fullmatch(c) for pattern in self._exclude_patterns for c in candidates)


def glob_pattern(pattern: str) -> Glob:
    """A glob relative to the configuration's folder: ``*``, ``?``, ``[abc]`` and ``**``.

    ``*`` stays inside one folder name; ``**`` crosses folders (``**/draft-*.yaml`` is
    any depth, ``drafts/**`` everything below drafts). Matched without regular
    expressions (see `sicheck.reading.Glob`); raises `GlobError` for a broken pattern.
    """
    from sicheck.reading import compile_glob

    return compile_glob(pattern)


def find(start: Path) -> Path | None:
    """The configuration file nearest ``start``, searching upward to the filesystem root."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def discover(start: Path | None = None) -> Config:
    """The configuration for ``start`` (the working directory), or an empty one."""
    path = find(start or Path.cwd())
    return load(path) if path is not None else Config()


def load(path: Path) -> Config:
    """Read and check one configuration file: pyproject.toml-style if it ends in .toml, else YAML."""
    path = path.absolute()
    if path.suffix == ".toml":
        return _load_toml(path)
    return _load_yaml(path)


# --- reading the two file kinds -----------------------------------------------------------


# Configuration files are small; a larger one is not read into memory at all.
_MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_bytes(path: Path) -> bytes:
    from sicheck.model import Problem
    from sicheck.reading import read

    data = read(str(path), _MAX_CONFIG_BYTES)
    if isinstance(data, Problem):
        raise ConfigError(path, 1, 1, data.message)
    return data


def _read_text(path: Path) -> str:
    try:
        return _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, 1, 1, msg("config-unreadable", reason=str(exc))) from None


def _has_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures sicheck; a broken one that mentions it does."""
    text = _read_text(pyproject)
    if "sicheck" not in text:  # cheap: most pyproject.toml files are not ours
        return False
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True  # so that the error is reported, not silently skipped
    tool = document.get("tool")
    return isinstance(tool, dict) and "sicheck" in tool


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _load_toml(path: Path) -> Config:
    import tomllib

    text = _read_text(path)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        found = _TOML_POSITION.search(reason)
        if found:
            line, column = line or int(found.group(1)), column or int(found.group(2))
            reason = reason[: found.start()]
        elif _TOML_END.search(reason):
            line, column = text.count("\n") + 1, 1
            reason = _TOML_END.sub("", reason)
        reason = getattr(exc, "msg", None) or reason
        raise ConfigError(path, line or 1, column or 1, msg("config-toml-syntax", problem=reason)) from None
    tool = document.get("tool")
    table = tool.get("sicheck") if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(path, 1, 1, msg("config-no-table"))
    if not isinstance(table, dict):
        line, column = _toml_position(text, None)
        raise ConfigError(path, line, column, msg("config-not-table"))

    def position(key: str | None, value: bool) -> tuple[int, int]:
        line, column = _toml_position(text, key)
        if value and key is not None:
            # The value starts after "key =" on the key's line.
            row = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
            after = row.find("=", column - 1)
            if after >= 0:
                column = after + 2 + len(row[after + 1 :]) - len(row[after + 1 :].lstrip())
        return line, column

    return _build(path, table, position)


def _toml_key(text: str) -> str:
    """A TOML key or table name as dotted plain parts: ``"tool" . 'sicheck'`` -> ``tool.sicheck``."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', text)
    return ".".join(next(p for p in groups if p) if any(groups) else "" for groups in parts)


_TOML_HEADER = re.compile(r"^\s*\[(?!\[)\s*([^\]]+?)\s*\]")
_TOML_ASSIGN = re.compile(r"^(\s*)([^=#\[]+?)\s*=")


def _toml_position(text: str, key: str | None) -> tuple[int, int]:
    """Line and column of ``key`` in the sicheck table, or of the table itself.

    tomllib gives values without positions, so the line is found in the text: the first
    ``key =`` whose table and dotted key together name ``tool.sicheck.<key>``.
    """
    table_name = ".".join(TOML_TABLE)
    wanted = f"{table_name}.{key}" if key is not None else table_name
    current = ""
    table_line: tuple[int, int] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(line)
        if header:
            current = _toml_key(header.group(1))
            if current == wanted:
                return number, line.index("[") + 1
            if current == table_name and table_line is None:
                table_line = (number, line.index("[") + 1)
            continue
        assign = _TOML_ASSIGN.match(line)
        if assign:
            full = ".".join(part for part in (current, _toml_key(assign.group(2))) if part)
            if full == wanted or full.startswith(wanted + "."):
                return number, len(assign.group(1)) + 1
    return table_line or (1, 1)


def _load_yaml(path: Path) -> Config:
    from sicheck.loader import Limits, load_yaml

    data = _read_bytes(path)
    loaded = load_yaml(data, Limits(max_file_size=1024 * 1024, max_depth=16, max_aliases=0, max_nodes=10_000))
    if loaded.document is None:
        assert loaded.problem is not None
        if loaded.problem.code == "empty":  # an empty file sets nothing, and is no error
            return Config(file=path)
        if loaded.problem.code == "not-mapping":
            location = loaded.problem.location
            found = msg("type-array") if data.lstrip().startswith(b"-") else msg("type-string")
            raise ConfigError(path, location.line, location.column, msg("config-not-mapping", found=found))
        location = loaded.problem.location
        raise ConfigError(path, location.line, location.column, loaded.problem.message)
    document = loaded.document

    def position(key: str | None, value: bool) -> tuple[int, int]:
        if key is None:
            return 1, 1
        location = document.locate((key,)) if value else document.locate_key((key,))
        return location.line, location.column

    return _build(path, document.value, position)


# --- checking the settings ----------------------------------------------------------------


CONFIG_SCHEMA = "config.schema.json"
_LIST_KEYS = frozenset(("criteria_dirs", "paths", "exclude"))


@cache
def _validator() -> Any:
    """The configuration's validator, with the output formats from the format registry."""
    from sicheck import schemas
    from sicheck.loader import MAX_DEPTH_CEILING
    from sicheck.render import FORMATS
    from sicheck.validation import build

    schema = copy.deepcopy(schemas.document(CONFIG_SCHEMA))
    schema["properties"]["format"]["enum"] = [*FORMATS, None]
    schema["properties"]["max_depth"]["maximum"] = MAX_DEPTH_CEILING
    return build(schema)


def _stripped(value: Any) -> Any:
    """Texts (alone or in a list) without surrounding spaces, as the settings use them."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [v.strip() if isinstance(v, str) else v for v in value]
    return value


def _config_problem(violation: Any, table: dict[str, Any], name: Callable[[str], str]) -> Text:
    """A configuration message for one schema violation: the key, what it must be, what it is.

    ``name`` gives a key as the file writes it (``fail-under`` or ``fail_under``).
    """
    from sicheck.i18n import suggestion
    from sicheck.validation import type_name, type_names

    canonical = str(violation.path[0]) if violation.path else ""
    key = name(canonical)
    keyword = violation.keyword
    if keyword == "additionalProperties":
        documented = [known.replace("_", "-") for known in KEYS]
        hint = suggestion(key, documented)
        return msg("config-unknown-key", key=key, suggestion=hint, known=", ".join(documented))
    value = table.get(canonical)
    if keyword in ("type", "pattern"):
        if canonical in _LIST_KEYS:
            expected = msg("type-string-list")
        else:
            expected = type_names(violation.expected) if keyword == "type" else msg("type-string")
        return msg("config-type", key=key, expected=expected, found=type_name(value))
    if keyword == "enum":
        allowed = [str(a) for a in violation.expected if a is not None]
        hint = suggestion(str(value), allowed)
        return msg("config-choice", key=key, value=value, allowed=", ".join(allowed), suggestion=hint)
    if keyword in ("minimum", "maximum"):
        low, high = violation.schema.get("minimum"), violation.schema.get("maximum")
        if high is None:
            return msg("config-minimum", key=key, low=low, value=value)
        return msg("config-range", key=key, low=low, high=high, value=value)
    from sicheck.validation import message

    return message(violation)


def _build(path: Path, written: dict[str, Any], position: Callable[[str | None, bool], tuple[int, int]]) -> Config:
    # Each key may be written as the option is spelled (fail-under, the style of ruff and
    # black) or with underscores (fail_under); `spelled` maps the key sicheck uses to the
    # one the file writes, so that every message and position names what is there.
    spelled: dict[str, str] = {}
    table: dict[str, Any] = {}
    for key, value in written.items():
        canonical = str(key).replace("-", "_")
        if canonical in spelled:
            line, column = position(str(key), False)
            raise ConfigError(path, line, column, msg("config-key-twice", key=key, other=spelled[canonical]))
        spelled[canonical] = str(key)
        table[canonical] = _stripped(value)

    def name(key: str) -> str:
        return spelled.get(key, key.replace("_", "-"))

    def at(key: str | None, value: bool) -> tuple[int, int]:
        return position(spelled.get(key, key) if key is not None else None, value)

    def fail(key: str | None, problem: Text, *, value: bool = True) -> ConfigError:
        """An error at the key's value, or at the key itself (an unknown key)."""
        line, column = at(key, value)
        return ConfigError(path, line, column, problem)

    from sicheck.validation import violations_of

    found = list(violations_of(_validator(), table))
    if found:
        # The first problem in the file; a maintainer fixes them one at a time.
        def place(violation: Any) -> tuple[int, int]:
            return at(str(violation.path[0]) if violation.path else None, not violation.at_key)

        first = min(found, key=place)
        line, column = place(first)
        raise ConfigError(path, line, column, _config_problem(first, table, name))

    def text_value(key: str) -> str | None:
        value: str | None = table.get(key) or None
        return value

    def text_list(key: str) -> tuple[str, ...]:
        return tuple(table.get(key) or ())

    def whole_number(key: str) -> int | None:
        # The schema, like JSON, counts 3.0 as a whole number.
        value = table.get(key)
        return int(value) if value is not None else None

    base = path.parent
    fail_under = table.get("fail_under")
    if isinstance(fail_under, float) and math.isnan(fail_under):
        # TOML's nan passes every range check, so the schema lets it through; refused like inf.
        problem = msg("config-range", key=name("fail_under"), low=0, high=100, value=fail_under)
        raise fail("fail_under", problem)
    strict = table.get("strict")

    criteria_dirs: list[Path] = []
    for folder in text_list("criteria_dirs"):
        resolved = (base / folder).resolve()
        if not resolved.is_dir():
            raise fail("criteria_dirs", msg("config-dir-missing", path=folder, key=name("criteria_dirs")))
        criteria_dirs.append(resolved)

    from sicheck.catalog import CriteriaCatalog

    catalog = CriteriaCatalog(tuple(criteria_dirs))
    criteria = text_value("criteria")
    if criteria is not None:
        criteria = _check_criteria(criteria, base, catalog, lambda p: fail("criteria", p))

    exclude = text_list("exclude")
    patterns = []
    for pattern in exclude:
        from sicheck.reading import GlobError

        try:
            patterns.append(glob_pattern(pattern))
        except GlobError as exc:
            problem = msg("config-bad-pattern", pattern=pattern, column=exc.column, problem=exc.problem)
            raise fail("exclude", problem) from None
    return Config(
        file=path,
        call=text_value("call"),
        criteria=criteria,
        criteria_dirs=tuple(criteria_dirs),
        paths=tuple(base / p for p in text_list("paths")),
        exclude=exclude,
        lang=text_value("lang"),
        fail_under=float(fail_under) if fail_under is not None else None,
        strict=strict,
        format=text_value("format"),
        max_file_size=whole_number("max_file_size"),
        max_depth=whole_number("max_depth"),
        max_aliases=whole_number("max_aliases"),
        max_nodes=whole_number("max_nodes"),
        max_size=whole_number("max_size"),
        _exclude_patterns=tuple(patterns),
        catalog=catalog,
    )


def _check_criteria(spec: str, base: Path, catalog: CriteriaCatalog, fail: Callable[[Text], ConfigError]) -> str:
    """The criteria setting, a file path made absolute; an unknown or broken set is an error here.

    DESIGN: an unknown set named in the configuration is a configuration error (exit 2),
    reported at the ``criteria`` key rather than later, when some file falls back to it.
    """
    from sicheck.criteria import looks_like_path

    if looks_like_path(spec):
        spec = str((base / spec).resolve())
    try:
        catalog.load(spec)
    except SicheckError as exc:
        raise fail(msg("config-criteria", problem=exc.message)) from None
    return spec


__all__ = ["Config", "ConfigError", "discover", "find", "glob_pattern", "load"]

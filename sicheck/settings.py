"""Settings: the command line over the repository configuration over the defaults, resolved once.

Every command (check, report, new, explain, schema, criteria) builds one `RunContext` at
its start and hands its parts down: the `Settings`, the `CriteriaCatalog` of the folders
they name, and the `RunPolicy` that decides which applications fail the run. Nothing
below the command layer reads the configuration or looks a set up on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sicheck.catalog import CriteriaCatalog
from sicheck.config import Config
from sicheck.loader import Limits
from sicheck.policy import RunPolicy

# DESIGN section 2: when neither --criteria, the file nor the configuration names a set.
DEFAULT_CRITERIA = "vgr"
DEFAULT_LANG = "sv"


@dataclass(frozen=True, slots=True)
class CommandLine:
    """What was given on the command line; None (or False) where an option was left out."""

    lang: str | None = None
    format: str | None = None
    criteria: str | None = None
    fail_under: float | None = None
    strict: bool | None = None
    exit_zero: bool = False
    max_file_size: int | None = None
    max_depth: int | None = None
    max_aliases: int | None = None
    max_nodes: int | None = None
    max_size: int | None = None
    color: bool = False  # whether the output may have colour (the terminal, NO_COLOR, --no-color)
    width: int = 100


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run does, every option decided."""

    config: Config = field(default_factory=Config)
    lang: str = DEFAULT_LANG
    format: str | None = None  # None: the command's own default format
    criteria: str | None = None  # forced on every file (--criteria)
    default_criteria: str = DEFAULT_CRITERIA  # when neither --criteria nor the file names a set
    limits: Limits = field(default_factory=Limits)
    policy: RunPolicy = field(default_factory=RunPolicy)
    max_size: int | None = None  # the longest Markdown report, in characters
    color: bool = False
    width: int = 100

    @property
    def criteria_dirs(self) -> tuple[Path, ...]:
        return self.config.criteria_dirs


def resolve(line: CommandLine, config: Config) -> Settings:
    """The command line over the configuration over the defaults."""

    def pick(given: int | None, configured: int | None) -> int | None:
        return given if given is not None else configured

    limits = Limits()
    overrides: dict[str, int | None] = {
        "max_file_size": pick(line.max_file_size, config.max_file_size),
        "max_depth": pick(line.max_depth, config.max_depth),
        "max_aliases": pick(line.max_aliases, config.max_aliases),
        "max_nodes": pick(line.max_nodes, config.max_nodes),
    }
    limits = replace(limits, **{key: value for key, value in overrides.items() if value is not None})
    fail_under = line.fail_under if line.fail_under is not None else config.fail_under
    strict = line.strict if line.strict is not None else bool(config.strict)
    return Settings(
        config=config,
        lang=line.lang or config.lang or DEFAULT_LANG,
        format=line.format or config.format,
        criteria=line.criteria,
        default_criteria=config.criteria or DEFAULT_CRITERIA,
        limits=limits,
        policy=RunPolicy(fail_under=fail_under, strict=strict, exit_zero=line.exit_zero),
        max_size=pick(line.max_size, config.max_size),
        color=line.color,
        width=line.width,
    )


@dataclass(frozen=True, slots=True)
class RunContext:
    """What one command run uses: its settings, the criteria it can find, and when it fails."""

    settings: Settings
    catalog: CriteriaCatalog

    @property
    def policy(self) -> RunPolicy:
        return self.settings.policy

    @property
    def lang(self) -> str:
        return self.settings.lang


def build(line: CommandLine, config: Config) -> RunContext:
    """Resolve the settings and open the catalog of their criteria folders.

    A set named by ``--criteria`` is loaded here, so an unknown or broken one is a usage
    error (exit 2) before any file is read.
    """
    settings = resolve(line, config)
    catalog = config.catalog if config.catalog is not None else CriteriaCatalog(config.criteria_dirs)
    if settings.criteria is not None:
        catalog.load(settings.criteria)
    return RunContext(settings, catalog)


__all__ = ["DEFAULT_CRITERIA", "CommandLine", "RunContext", "Settings", "build", "resolve"]

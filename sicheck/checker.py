"""Check one application source end to end; every outcome is an `ApplicationResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sicheck import application
from sicheck.catalog import CriteriaCatalog
from sicheck.compact import ChecksShown
from sicheck.criteria import CriteriaSet, looks_like_path
from sicheck.errors import UnknownCriteriaError
from sicheck.i18n import msg
from sicheck.loader import Limits, load_yaml
from sicheck.model import ApplicationResult, CriteriaSetRef, Problem
from sicheck.reading import read
from sicheck.settings import DEFAULT_CRITERIA, Settings


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the core needs of the run context to check one file."""

    catalog: CriteriaCatalog
    criteria: str | None = None  # forced on every file (--criteria)
    default_criteria: str = DEFAULT_CRITERIA  # when neither option nor file names one
    limits: Limits = field(default_factory=Limits)
    # Which checks a result keeps when it is held to the end of the run (`sicheck.compact`).
    checks_kept: ChecksShown = "all"

    @classmethod
    def of(cls, settings: Settings, catalog: CriteriaCatalog) -> CheckOptions:
        return cls(catalog, settings.criteria, settings.default_criteria, settings.limits)


def set_ref(criteria_set: CriteriaSet) -> CriteriaSetRef:
    return CriteriaSetRef(criteria_set.id, criteria_set.version, criteria_set.title)


def _invalid(
    name: str, problems: list[Problem], title: str | None = None, used: CriteriaSet | None = None
) -> ApplicationResult:
    return ApplicationResult(
        file=name,
        title=title,
        criteria_set=set_ref(used) if used else None,
        verdict="invalid",
        score=None,
        problems=tuple(problems),
    )


def check_path(path: str, options: CheckOptions, shown: str | None = None) -> ApplicationResult:
    source = read(path, options.limits.max_file_size)
    name = shown or ("<stdin>" if path == "-" else path)
    if isinstance(source, Problem):
        return _invalid(name, [source])
    return check_bytes(source, name, options)


def check_bytes(data: bytes, name: str, options: CheckOptions) -> ApplicationResult:
    loaded = load_yaml(data, options.limits)
    if loaded.document is None:
        assert loaded.problem is not None
        return _invalid(name, [loaded.problem])
    document = loaded.document
    value = document.value
    project = value.get("project")
    title = project.get("title") if isinstance(project, dict) else None
    title = title if isinstance(title, str) else None

    validation = application.examine(document)
    problems = list(validation.problems)

    spec = options.criteria
    if spec is None:
        named = value.get("criteria")
        if isinstance(named, str) and named.strip():
            try:
                # An application may name a set, never a file: a pull request must not
                # make CI read files of its choosing as criteria.
                if looks_like_path(named):
                    raise UnknownCriteriaError(named, options.catalog.known_specs())
                chosen = options.catalog.load(named.strip())
            except UnknownCriteriaError as exc:
                problems.append(
                    Problem(
                        "error",
                        "unknown-criteria",
                        msg("unknown-criteria-in-file", spec=named, known=", ".join(exc.known)),
                        document.locate(("criteria",)),
                    )
                )
                # The checklist is still worth having: against the default set.
                chosen = options.catalog.load(options.default_criteria)
        else:
            chosen = options.catalog.load(options.default_criteria)
    else:
        chosen = options.catalog.load(spec)

    from sicheck.engine import evaluate

    # A file that breaks the format is still evaluated on its valid parts, so a draft is
    # fixed in one pass; it stays invalid, and its format problems come first.
    evaluation = evaluate(document, chosen, validation.usable)
    # A gap at a field that already has a format problem says nothing new.
    broken = {p.location.path for p in problems}
    gaps = tuple(p for p in evaluation.problems if p.location.path not in broken)
    return ApplicationResult(
        file=name,
        title=title,
        criteria_set=set_ref(chosen),
        verdict="invalid" if problems else evaluation.verdict,
        score=evaluation.score,
        criteria=evaluation.criteria,
        problems=(*problems, *gaps),
    )

"""Check one application source end to end; every outcome is an `ApplicationResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sicheck import application, criteria
from sicheck.criteria import CriteriaSet
from sicheck.errors import UnknownCriteriaError
from sicheck.i18n import msg
from sicheck.loader import Limits, load_yaml
from sicheck.model import ApplicationResult, CriteriaSetRef, Problem
from sicheck.reading import read

DEFAULT_CRITERIA = "vgr"


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the command line and configuration decided, for the core to use."""

    criteria: str | None = None  # forced on every file (--criteria)
    default_criteria: str = DEFAULT_CRITERIA  # when neither option nor file names one
    criteria_dirs: tuple[Path, ...] = ()
    limits: Limits = field(default_factory=Limits)


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

    problems = application.validate(document)

    spec = options.criteria
    if spec is None:
        named = value.get("criteria")
        if isinstance(named, str) and named.strip():
            try:
                # An application may name a set, never a file: a pull request must not
                # make CI read files of its choosing as criteria.
                if criteria.looks_like_path(named):
                    raise UnknownCriteriaError(named, criteria.known_specs(options.criteria_dirs))
                chosen = criteria.load(named.strip(), options.criteria_dirs)
            except UnknownCriteriaError as exc:
                problems.append(
                    Problem(
                        "error",
                        "unknown-criteria",
                        msg("unknown-criteria-in-file", spec=named, known=", ".join(exc.known)),
                        document.locate(("criteria",)),
                    )
                )
                return _invalid(name, problems, title)
        else:
            chosen = criteria.load(options.default_criteria, options.criteria_dirs)
    else:
        chosen = criteria.load(spec, options.criteria_dirs)

    if problems:
        return _invalid(name, problems, title, chosen)

    from sicheck.engine import evaluate

    evaluation = evaluate(document, chosen)
    return ApplicationResult(
        file=name,
        title=title,
        criteria_set=set_ref(chosen),
        verdict=evaluation.verdict,
        score=evaluation.score,
        criteria=evaluation.criteria,
        problems=evaluation.problems,
    )

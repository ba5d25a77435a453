"""Score one application against one criteria set: checklist, points, verdict and gaps."""

from __future__ import annotations

from dataclasses import dataclass

from sicheck.criteria import CriteriaSet, Criterion
from sicheck.loader import Document
from sicheck.model import CheckResult, CriterionResult, Problem, Status, Verdict
from sicheck.numbers import round_half_up


@dataclass(frozen=True, slots=True)
class Evaluation:
    criteria: tuple[CriterionResult, ...]
    score: float
    verdict: Verdict
    problems: tuple[Problem, ...]


def evaluate(document: Document, criteria_set: CriteriaSet) -> Evaluation:
    application = document.value
    results: list[CriterionResult] = []
    problems: list[Problem] = []
    total_weight = 0.0
    total_points = 0.0
    eligible = True
    for criterion in criteria_set.criteria:
        result = _evaluate_criterion(criterion, document, application)
        results.append(result)
        total_weight += criterion.weight
        total_points += result.points
        if criterion.required and result.status != "met":
            eligible = False
        for check in result.checks:
            if not check.passed:
                problems.append(
                    Problem(
                        severity=check.severity,
                        code=check.id,
                        message=check.message,
                        location=check.location,
                        criterion=criterion.id,
                        hint=check.hint,
                    )
                )
    score = round_half_up(100.0 * total_points / total_weight, 1) if total_weight else 100.0
    return Evaluation(tuple(results), score, "eligible" if eligible else "ineligible", tuple(problems))


def _evaluate_criterion(criterion: Criterion, document: Document, application: object) -> CriterionResult:
    checks: list[CheckResult] = []
    passed_points = 0.0
    all_points = 0.0
    error_failed = False
    any_passed = False
    for check in criterion.checks:
        passed = bool(check.rule.test(application, application))
        all_points += check.points
        if passed:
            passed_points += check.points
            any_passed = True
        elif check.severity == "error":
            error_failed = True
        checks.append(
            CheckResult(
                id=check.id,
                passed=passed,
                severity=check.severity,
                message=check.text,
                hint=check.hint,
                location=document.locate(check.rule.anchor),
            )
        )
    status: Status = "met" if not error_failed else ("partial" if any_passed else "missing")
    share = passed_points / all_points if all_points else 1.0
    points = round_half_up(criterion.weight * share, 3)
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        required=criterion.required,
        status=status,
        points=points,
        max_points=criterion.weight,
        checks=tuple(checks),
    )

"""Score one application against one criteria set: checklist, points, verdict and gaps."""

from __future__ import annotations

from dataclasses import dataclass

from sicheck.criteria import Check, CriteriaSet, Criterion, with_why
from sicheck.i18n import Text, msg
from sicheck.loader import Document, format_path
from sicheck.model import CheckResult, CriterionResult, Location, Problem, Status, Verdict
from sicheck.numbers import round_half_up
from sicheck.rules import ItemRef, Miss, Where


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The checklist of one application, its score, its verdict and its gaps."""

    criteria: tuple[CriterionResult, ...]
    score: float
    verdict: Verdict
    problems: tuple[Problem, ...]


def evaluate(document: Document, criteria_set: CriteriaSet, application: object = None) -> Evaluation:
    """The checklist, score and verdict for ``document``; ``application`` is its value with format errors removed.

    The score is completeness, not quality: each required criterion contributes its
    weight times the share of its error checks that pass. Advice (warnings) is shown but
    never costs points, and criteria that are not required never count.
    """
    if application is None:
        application = document.value
    results: list[CriterionResult] = []
    problems: list[Problem] = []
    total_weight = 0.0
    total_points = 0.0
    eligible = True
    for criterion in criteria_set.criteria:
        result, gaps = _evaluate_criterion(criterion, document, application)
        results.append(result)
        problems.extend(gaps)
        total_weight += result.max_points
        total_points += result.points
        if criterion.required and result.status != "met":
            eligible = False
    score = round_half_up(100.0 * total_points / total_weight, 1) if total_weight else 100.0
    return Evaluation(tuple(results), score, "eligible" if eligible else "ineligible", tuple(problems))


def item_label(item: ItemRef) -> Text:
    """A list item as people name it: by its id, or by its position when it has none."""
    listed = format_path(item.list_path)
    if item.id is not None:
        return msg("item-with-id", list=listed, id=item.id)
    return msg("item-at", list=listed, number=item.index + 1)


def _locate(document: Document, path: Where) -> Location:
    """The line of the field at ``path`` (or of its nearest existing parent), with the full path."""
    found = document.locate(path)
    return Location(format_path(path), found.line, found.column)


def _evaluate_criterion(
    criterion: Criterion, document: Document, application: object
) -> tuple[CriterionResult, list[Problem]]:
    checks: list[CheckResult] = []
    gaps: list[Problem] = []
    # The funder's "why" is taught once per criterion, with its first gap.
    whys_shown: list[Text] = []
    passed_points = 0.0
    all_points = 0.0
    error_failed = False
    any_passed = False
    for check in criterion.checks:
        applies = check.rule.applies
        if applies is not None and not applies(application, application):
            # Nothing to judge yet: neither a gap nor points (the missing field's check says so).
            location = _locate(document, check.rule.anchor)
            checks.append(CheckResult(check.id, True, check.severity, check.text, check.hint, location))
            continue
        passed = bool(check.rule.test(application, application))
        if check.severity == "error":
            # Only error checks count: advice never costs points.
            all_points += check.points
        if passed:
            location = _locate(document, check.rule.anchor)
            if check.severity == "error":
                passed_points += check.points
                any_passed = True
        else:
            if check.severity == "error":
                error_failed = True
            misses = check.rule.find_misses(application, application)
            location = _locate(document, misses[0].path)
            for miss in misses:
                gaps.append(_gap(check, criterion, miss, _locate(document, miss.path), whys_shown))
        checks.append(
            CheckResult(
                id=check.id,
                passed=passed,
                severity=check.severity,
                message=check.text,
                hint=check.hint,
                location=location,
            )
        )
    status: Status = "met" if not error_failed else ("partial" if any_passed else "missing")
    share = passed_points / all_points if all_points else 1.0
    # A criterion that is not required never counts; one that is met has full points.
    max_points = criterion.weight if criterion.required else 0.0
    points = max_points if not error_failed else round_half_up(max_points * share, 3)
    result = CriterionResult(
        id=criterion.id,
        title=criterion.title,
        required=criterion.required,
        status=status,
        points=points,
        max_points=max_points,
        checks=tuple(checks),
    )
    return result, gaps


def _gap(check: Check, criterion: Criterion, miss: Miss, location: Location, whys_shown: list[Text]) -> Problem:
    """One gap: the check's text, naming the list item when the failure is in one."""
    message = check.text
    advice = check.advice or check.hint
    label = None
    if miss.item is not None:
        label = item_label(miss.item)
        message = msg("gap-in-item", item=label, message=check.text)
        if miss.fix is not None and miss.fix.plain:
            # The item is there but misses one simple condition: say what to change in it.
            # Anything longer (names, org-ids, any/all/not) keeps the check's own hint.
            advice = msg("item-fix", rule=miss.fix.describe(False))
    hint = advice
    if check.why is not None and not whys_shown:
        whys_shown.append(check.why)
        hint = with_why(advice, check.why)
    return Problem(
        severity=check.severity,
        code=check.id,
        message=message,
        location=location,
        criterion=criterion.id,
        hint=hint,
        item=label,
    )

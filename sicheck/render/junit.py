"""The JUnit XML format: one testsuite per application, one testcase per criterion.

Validates against the Jenkins/Surefire schema (``junit-10.xsd``). A criterion is a
``failure`` exactly when one of its gaps fails the run (the run policy): a required
criterion that is not met, or, under ``--strict``, any criterion with a warning. Its text
lists each gap with ``file:line:column`` and its hint; gaps that do not fail the run go to
``system-out``. An invalid file is a single testcase with an ``error``, and a score under
``--fail-under`` a failing testcase of its own, so the counts say red exactly when the
exit code is 1.

Text from applications is made visible (control characters, bidi overrides) and then
stripped of what XML 1.0 cannot hold, because ElementTree writes such characters as
they are and the result would not parse back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from sicheck.i18n import msg, number_text
from sicheck.model import ApplicationResult, CriterionResult, Problem, Report
from sicheck.render.gaps import (
    FAIL_UNDER,
    gap_message,
    gaps,
    level,
    printable,
)
from sicheck.sanitize import visible, visible_name, xml_safe


def _x(text: str) -> str:
    """One line of application-derived text, safe for an XML attribute or text node."""
    return xml_safe(printable(text))


def _where(result: ApplicationResult, problem: Problem) -> str:
    return f"{visible_name(result.file)}:{problem.location.line}:{problem.location.column}"


def _gap_lines(result: ApplicationResult, problems: list[Problem], report: Report, lang: str) -> str:
    lines: list[str] = []
    for problem in problems:
        severity = msg(f"severity-{level(problem, result, report)}").get(lang)
        lines.append(f"{_where(result, problem)}: {severity} {problem.code}: {gap_message(problem).get(lang)}")
        if problem.location.path:
            lines.append(f"    {msg('junit-field').get(lang)}: {problem.location.path}")
        if problem.hint is not None:
            # A hint's later lines (the funder's "why") stay indented under the arrow.
            first, *rest = problem.hint.get(lang).split("\n")
            lines.append(f"    → {first}")
            lines.extend(f"      {line}" for line in rest)
    return "\n".join(xml_safe(visible(line)) for line in lines) + "\n"


def _classname(file: str) -> str:
    # JUnit viewers group test cases by class name; as for ESLint's JUnit output, the
    # file without its extension keeps a ".yaml" from reading as a class in a package.
    for suffix in (".yaml", ".yml"):
        if file.endswith(suffix):
            return file[: -len(suffix)]
    return file


def _criterion_fails(result: ApplicationResult, criterion: CriterionResult, report: Report) -> bool:
    return any(level(p, result, report) == "error" for p in result.problems if p.criterion == criterion.id)


def _others(result: ApplicationResult) -> list[Problem]:
    """Problems that belong to no criterion of the result."""
    known = {criterion.id for criterion in result.criteria}
    return [p for p in result.problems if p.criterion not in known]


def _counts(result: ApplicationResult, report: Report) -> tuple[int, int, int]:
    """An application's (tests, failures, errors), as its testsuite counts them."""
    if result.verdict == "invalid":
        return 1, 0, 1
    tests = len(result.criteria)
    failures = sum(_criterion_fails(result, criterion, report) for criterion in result.criteria)
    others = _others(result)
    if others:
        tests += 1
        failures += any(level(p, result, report) == "error" for p in others)
    if report.policy.fail_under is not None:
        tests += 1
        failures += report.policy.under_threshold(result)
    return tests, failures, 0


def _criterion_case(
    suite: ET.Element, result: ApplicationResult, criterion: CriterionResult, report: Report, lang: str
) -> None:
    """Add one criterion's testcase."""
    name = f"{criterion.id} {criterion.title.get(lang)}"
    if not criterion.required:
        name += f" ({msg('optional-mark').get(lang)})"
    case = ET.SubElement(suite, "testcase", name=_x(name), classname=_x(_classname(result.file)))
    failing = [p for p in result.problems if p.criterion == criterion.id]
    if _criterion_fails(result, criterion, report):
        checks = ", ".join(p.code for p in failing)
        if not criterion.required or criterion.status == "met":  # only warnings, failed by --strict
            summary = msg("junit-criterion-warned", criterion=criterion.id, checks=checks).get(lang)
        else:
            status = msg(f"status-{criterion.status}").get(lang)
            summary = msg("junit-criterion-failed", criterion=criterion.id, status=status, checks=checks).get(lang)
        failure = ET.SubElement(case, "failure", type=criterion.id, message=_x(summary))
        failure.text = _gap_lines(result, failing, report, lang)
    elif failing:
        out = ET.SubElement(case, "system-out")
        out.text = _gap_lines(result, failing, report, lang)


def _other_case(suite: ET.Element, result: ApplicationResult, others: list[Problem], report: Report, lang: str) -> None:
    """Problems that belong to no criterion (in a file that is not invalid): one testcase."""
    name = msg("junit-other-case").get(lang)
    case = ET.SubElement(suite, "testcase", name=_x(name), classname=_x(_classname(result.file)))
    fails = any(level(p, result, report) == "error" for p in others)
    if fails:
        checks = ", ".join(p.code for p in others)
        failure = ET.SubElement(case, "failure", type=others[0].code, message=_x(checks))
        failure.text = _gap_lines(result, others, report, lang)
    else:
        ET.SubElement(case, "system-out").text = _gap_lines(result, others, report, lang)


def _suite(result: ApplicationResult, report: Report, lang: str) -> ET.Element:
    """One application's testsuite."""
    suite = ET.Element("testsuite", name=_x(result.file))
    properties = ET.SubElement(suite, "properties")
    values = {
        "title": result.title or "",
        "criteria_set": f"{result.criteria_set.id}@{result.criteria_set.version}" if result.criteria_set else "",
        "verdict": result.verdict,
        "score": "" if result.score is None else f"{result.score:g}",
    }
    for key, value in values.items():
        ET.SubElement(properties, "property", name=key, value=_x(value))

    if result.verdict == "invalid":
        case = ET.SubElement(
            suite, "testcase", name=_x(msg("junit-invalid-case").get(lang)), classname=_x(_classname(result.file))
        )
        first = result.problems[0] if result.problems else None
        error = ET.SubElement(
            case,
            "error",
            type=first.code if first else "invalid",
            message=_x(first.message.get(lang)) if first else "",
        )
        error.text = _gap_lines(result, list(result.problems), report, lang)
    else:
        for criterion in result.criteria:
            _criterion_case(suite, result, criterion, report, lang)
        others = _others(result)
        if others:
            _other_case(suite, result, others, report, lang)
        limit = report.policy.fail_under
        if limit is not None:
            case = ET.SubElement(
                suite,
                "testcase",
                name=_x(msg("junit-threshold-case", threshold=number_text(limit)).get(lang)),
                classname=_x(_classname(result.file)),
            )
            if report.policy.under_threshold(result):
                score_gap = [p for p in gaps(result, report) if p.code == FAIL_UNDER]
                failure = ET.SubElement(case, "failure", type=FAIL_UNDER, message=_x(score_gap[0].message.get(lang)))
                failure.text = _gap_lines(result, score_gap, report, lang)
    tests, failures, errors = _counts(result, report)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("file", _x(result.file))
    return suite


# Which checks of a criterion this format shows: none (a criterion's status and its gaps).
CHECKS_SHOWN = "none"


def chunks(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The document one testsuite at a time; the totals at the top are counted first."""
    totals = [0, 0, 0]
    for result in report.results:
        totals = [a + b for a, b in zip(totals, _counts(result, report), strict=True)]
    root = ET.Element("testsuites", name="sicheck")
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    # No time or timestamp attributes: the output depends only on the applications.
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    empty = ET.tostring(root, encoding="unicode")
    if not report.results:
        yield empty + "\n"
        return
    # Indented as ElementTree indents the whole tree: each testsuite one level in.
    yield empty.removesuffix(" />") + ">"
    for result in report.results:
        suite = _suite(result, report, lang)
        ET.indent(suite, space="  ", level=1)
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))

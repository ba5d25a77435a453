"""The review template: a commented review file for one application, for a reviewer to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sicheck.i18n import msg, number_text
from sicheck.reviews.model import SCALE

if TYPE_CHECKING:
    from sicheck.checker import CheckOptions


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar that reads back as ``text`` (for names from outside)."""
    out = []
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF):
            # Not printable in YAML, or a line break in disguise: escape it.
            out.append("\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def application_reference(application_path: str | Path, review_file: Path | None) -> str:
    """How a review file names its application: a path relative to the review file's folder,
    so it finds exactly that application wherever sicheck runs from. Printed (no file yet),
    the path as given, relative to the working directory."""
    import os

    path = Path(application_path)
    if review_file is None:
        return path.as_posix()
    try:
        relative = os.path.relpath(path.resolve(), review_file.absolute().parent.resolve())
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()
    return Path(relative).as_posix()


def review_template(
    application_path: str | Path, options: CheckOptions, lang: str = "sv", *, review_file: Path | None = None
) -> str:
    """A commented review file for one application, for a reviewer to fill in.

    One line per criterion of the application's criteria set (``options.criteria``
    overrides it, as ``--criteria`` does), with the machine's status beside it, and the
    scale's anchors in the header. ``application`` is the application's path relative to
    ``review_file`` (where the template is written). Filled in, it is a valid review file.
    An application that cannot be read still gets a template, for the default set.
    """
    from sicheck.checker import check_path
    from sicheck.sanitize import one_line

    def t(message_id: str, **params: object) -> str:
        return msg(message_id, **params).get(lang)

    path = str(application_path)
    catalog = options.catalog
    result = check_path(path, options)
    if options.criteria is not None:
        chosen = catalog.load(options.criteria)
    elif result.criteria_set is not None:
        key = f"{result.criteria_set.id}@{result.criteria_set.version}"
        chosen = catalog.find(key) or catalog.load(options.default_criteria)
    else:
        chosen = catalog.load(options.default_criteria)
    status = {c.id: c.status for c in result.criteria}

    # Comment lines carry text from the application: one_line() keeps it on its line (a
    # line break would let a title write YAML keys into the template) and visible.
    title = one_line(result.title) if result.title else t("untitled")
    lines = [
        f"# {t('review-template-heading')}",
        f"# {t('review-template-application')}: {title}",
        f"# {t('heading-file')}: {one_line(path)}",
        f"# {t('heading-criteria-set')}: {chosen.key} ({one_line(chosen.title.get(lang))})",
        f"# {t('review-template-verdict')}: {t(f'verdict-{result.verdict}')}"
        + (f", {t('score-line', score=number_text(result.score))}" if result.score is not None else ""),
        "#",
    ]
    lines += [f"# {line}" if line else "#" for line in t("review-template-instructions").splitlines()]
    lines.append("#")
    lines.append(f"# {t('review-scale-heading')}:")
    lines += [f"#   {step.score} = {step.label.get(lang)}" for step in SCALE]
    lines.append(f"#   {t('review-scale-empty')}")
    lines += [
        "",
        "format: 1",
        f"application: {_yaml_string(application_reference(path, review_file))}",
        f'reviewer: ""                 # {t("review-template-reviewer")}',
        f"recommendation:              # {t('review-template-recommendation')}",
        "scores:",
    ]
    width = max((len(c.id) for c in chosen.criteria), default=0)
    for criterion in chosen.criteria:
        note = one_line(criterion.title.get(lang))
        if not criterion.required:
            note += f" ({t('optional-mark')})"
        if criterion.id in status:
            note += f" – sicheck: {t(f'status-{status[criterion.id]}')}"
        padding = " " * (width - len(criterion.id))
        lines.append(f'  {criterion.id}:{padding} {{score: , comment: ""}}   # {note}')
    lines.append(f'comment: ""                  # {t("review-template-comment")}')
    return "\n".join(lines) + "\n"

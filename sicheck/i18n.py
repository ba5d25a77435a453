"""Bilingual texts: the `Text` value and the message catalogue for everything sicheck says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A text for people, in Swedish and English."""

    sv: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


# One catalogue for every message sicheck itself writes, in sections by part of the tool.
# Texts about criteria live in the criteria files; texts about fields in the schema.
_CORE: dict[str, tuple[str, str]] = {
    # reading the file
    "file-unreadable": (
        "Filen kunde inte läsas: {reason}",
        "The file could not be read: {reason}",
    ),
    "file-not-found": ("Filen finns inte.", "The file does not exist."),
    "too-large": (
        "Filen är {size} byte, mer än gränsen {limit} byte. Dela upp den eller höj gränsen med --max-file-size.",
        "The file is {size} bytes, more than the limit of {limit} bytes. Split it or raise the limit with --max-file-size.",
    ),
    "encoding": (
        "Filen är inte UTF-8: byte {byte} går inte att läsa. Spara filen som UTF-8.",
        "The file is not UTF-8: byte {byte} cannot be read. Save the file as UTF-8.",
    ),
    "encoding-utf16": (
        "Filen är sparad som UTF-16 eller UTF-32. Spara den som UTF-8.",
        "The file is saved as UTF-16 or UTF-32. Save it as UTF-8.",
    ),
    "yaml-syntax": (
        "YAML-syntaxfel: {problem}",
        "YAML syntax error: {problem}",
    ),
    "empty": (
        "Filen är tom. Börja från en mall med 'sicheck new'.",
        "The file is empty. Start from a template with 'sicheck new'.",
    ),
    "multiple-documents": (
        "Filen innehåller flera YAML-dokument. Lägg en ansökan per fil.",
        "The file holds several YAML documents. Put one application in each file.",
    ),
    "not-mapping": (
        "Ansökan ska börja med nycklar som 'project:' och 'principals:', men filen börjar med {found}.",
        "An application must start with keys such as 'project:' and 'principals:', but the file starts with {found}.",
    ),
    "duplicate-key": (
        "Nyckeln '{key}' står två gånger i samma avsnitt (första gången på rad {first_line}). Ta bort den ena.",
        "The key '{key}' appears twice in the same section (first on line {first_line}). Remove one of them.",
    ),
    "alias": (
        "För många YAML-alias (*namn): mer än {limit}. Skriv ut värdena i stället.",
        "Too many YAML aliases (*name): more than {limit}. Write the values out instead.",
    ),
    "alias-recursive": (
        "Ett YAML-alias pekar på sig självt. Skriv ut värdet i stället.",
        "A YAML alias refers to itself. Write the value out instead.",
    ),
    "too-many-nodes": (
        "Filen har fler än {limit} värden (alias räknas för varje gång de används).",
        "The file has more than {limit} values (aliases count each time they are used).",
    ),
    "too-deep": (
        "Filen är nästlad djupare än {limit} nivåer.",
        "The file is nested deeper than {limit} levels.",
    ),
    "tag": (
        "YAML-taggar som '{tag}' är inte tillåtna i en ansökan. Ta bort taggen.",
        "YAML tags such as '{tag}' are not allowed in an application. Remove the tag.",
    ),
    "complex-key": (
        "En nyckel måste vara en enkel text, inte en lista eller mappning.",
        "A key must be plain text, not a list or a mapping.",
    ),
    # the application schema
    "schema-type": (
        "'{field}' ska vara {expected}, men är {found}.",
        "'{field}' must be {expected}, but is {found}.",
    ),
    "schema-unknown-key": (
        "Okänd nyckel '{key}'.{suggestion}",
        "Unknown key '{key}'.{suggestion}",
    ),
    "schema-enum": (
        "'{field}' kan inte vara {value}. Välj en av: {allowed}.{suggestion}",
        "'{field}' cannot be {value}. Choose one of: {allowed}.{suggestion}",
    ),
    "schema-minimum": (
        "'{field}' får inte vara mindre än {minimum}, men är {value}.",
        "'{field}' must not be less than {minimum}, but is {value}.",
    ),
    "schema-maximum": (
        "'{field}' får inte vara större än {maximum}, men är {value}.",
        "'{field}' must not be greater than {maximum}, but is {value}.",
    ),
    "schema-exclusive-minimum": (
        "'{field}' måste vara större än {minimum}, men är {value}.",
        "'{field}' must be greater than {minimum}, but is {value}.",
    ),
    "schema-required": (
        "'{key}' saknas i '{field}'.",
        "'{key}' is missing in '{field}'.",
    ),
    "schema-date": (
        "'{field}' ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD, men är {value}.",
        "'{field}' must be a real date written YYYY-MM-DD, but is {value}.",
    ),
    "schema-pattern": (
        "'{field}' har fel form: {value}.",
        "'{field}' has the wrong form: {value}.",
    ),
    "schema-min-items": (
        "'{field}' måste ha minst {minimum} delar.",
        "'{field}' must have at least {minimum} items.",
    ),
    "schema-properties-count": (
        "'{field}' måste ha {expected}.",
        "'{field}' must have {expected}.",
    ),
    "did-you-mean": (" Menade du '{candidate}'?", " Did you mean '{candidate}'?"),
    # structure of the application
    "duplicate-id": (
        "Id '{id}' används redan i '{field}' (rad {first_line}). Varje id ska vara unikt.",
        "The id '{id}' is already used in '{field}' (line {first_line}). Each id must be unique.",
    ),
    "reference": (
        "'{field}' pekar på '{id}', men det finns inget sådant id bland {target}.{suggestion}",
        "'{field}' refers to '{id}', but there is no such id among {target}.{suggestion}",
    ),
    "unknown-criteria-in-file": (
        "Kriterieuppsättningen '{spec}' finns inte. Kända: {known}.",
        "The criteria set '{spec}' does not exist. Known sets: {known}.",
    ),
    # types, for schema messages
    "type-object": ("en mappning med nycklar", "a mapping with keys"),
    "type-array": ("en lista", "a list"),
    "type-string": ("en text", "a text"),
    "type-integer": ("ett heltal", "a whole number"),
    "type-number": ("ett tal", "a number"),
    "type-boolean": ("true eller false", "true or false"),
    "type-null": ("tom", "empty"),
    "or": (" eller ", " or "),
    # tool errors (exit 2)
    "unknown-criteria": (
        "Kriterieuppsättningen '{spec}' finns inte.{suggestion} Kända: {known}.",
        "The criteria set '{spec}' does not exist.{suggestion} Known sets: {known}.",
    ),
    "criteria-broken": (
        "{file}:{line}:{column}: kriteriefilen är trasig: {problem}",
        "{file}:{line}:{column}: the criteria file is broken: {problem}",
    ),
    "criteria-duplicate-id": (
        "id '{id}' förekommer två gånger",
        "id '{id}' occurs twice",
    ),
    "criteria-check-prefix": (
        "kontrollens id '{check}' ska börja med '{criterion}.'",
        "the check id '{check}' must start with '{criterion}.'",
    ),
    "criteria-ref-target": (
        "'to' i regeln ska vara en lista i ansökan, inte '{path}'",
        "'to' in the rule must name a list in the application, not '{path}'",
    ),
    "no-files": (
        "Hittade inga ansökningar (*.yaml, *.yml) i {paths}.",
        "Found no applications (*.yaml, *.yml) in {paths}.",
    ),
    "path-missing": ("Sökvägen finns inte: {path}", "No such path: {path}"),
    "output-failed": (
        "Kunde inte skriva {path}: {reason}",
        "Could not write {path}: {reason}",
    ),
    # the text report
    "heading-application": ("Ansökan", "Application"),
    "heading-file": ("Fil", "File"),
    "heading-criteria-set": ("Kriterier", "Criteria"),
    "heading-gaps": ("Brister", "Gaps"),
    "heading-summary": ("Sammanfattning", "Summary"),
    "column-status": ("Status", "Status"),
    "column-criterion": ("Kriterium", "Criterion"),
    "column-points": ("Poäng", "Points"),
    "column-missing": ("Saknas", "Missing"),
    "required-mark": ("krav", "required"),
    "optional-mark": ("ej krav", "not required"),
    "status-met": ("uppfyllt", "met"),
    "status-partial": ("delvis", "partial"),
    "status-missing": ("saknas", "missing"),
    "verdict-eligible": ("STÖDBERÄTTIGAD", "ELIGIBLE"),
    "verdict-ineligible": ("EJ STÖDBERÄTTIGAD", "INELIGIBLE"),
    "verdict-invalid": ("KAN INTE BEDÖMAS", "CANNOT BE ASSESSED"),
    "score-line": ("Poäng: {score} %", "Score: {score}%"),
    "untitled": ("(utan titel)", "(untitled)"),
    "no-gaps": ("Inga brister.", "No gaps."),
    "severity-error": ("fel", "error"),
    "severity-warning": ("varning", "warning"),
    "summary-line": (
        "{applications} ansökningar: {eligible} stödberättigade, {ineligible} ej stödberättigade, {invalid} kan inte bedömas.",
        "{applications} applications: {eligible} eligible, {ineligible} ineligible, {invalid} cannot be assessed.",
    ),
    "summary-under-threshold": (
        "{count} under gränsen {threshold} %.",
        "{count} under the threshold of {threshold}%.",
    ),
    "summary-warnings-strict": (
        "{count} med varningar (--strict).",
        "{count} with warnings (--strict).",
    ),
}

# CI formats and repository configuration (junit, sarif, github, markdown, config files).
_CI: dict[str, tuple[str, str]] = {}

# Applicants and editors: new, schema, explain, criteria list/show/diff/validate.
_APPLICANT: dict[str, tuple[str, str]] = {}

# The expert group: review files and the call report.
_REVIEW: dict[str, tuple[str, str]] = {}

CATALOGUE: dict[str, tuple[str, str]] = {**_CORE, **_CI, **_APPLICANT, **_REVIEW}


def msg(message_id: str, /, **params: object) -> Text:
    """Look up a catalogue message and fill in its parameters in both languages."""
    sv, en = CATALOGUE[message_id]
    if not params:
        return Text(sv, en)
    # A parameter may itself be a Text (a suggestion, a type name): use its own language.
    sv_params = {k: v.sv if isinstance(v, Text) else v for k, v in params.items()}
    en_params = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    return Text(sv.format(**sv_params), en.format(**en_params))

"""Bilingual texts: the `Text` value and the message catalogue for everything sicheck says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sicheck.numbers import format_number, format_percent, round_half_up

__all__ = [
    "CATALOGUE",
    "LANGS",
    "Lang",
    "Text",
    "format_number",
    "format_percent",
    "msg",
    "msg_text",
    "number_text",
    "percent_text",
    "round_half_up",
    "suggestion",
]

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
    "file-dangling-link": (
        "Länken pekar på en fil som inte finns.",
        "The link points to a file that does not exist.",
    ),
    "file-link-loop": (
        "Länken pekar runt i en slinga och leder aldrig till en fil.",
        "The link goes round in a loop and never reaches a file.",
    ),
    "file-not-regular": (
        "Det här är ingen vanlig fil ({kind}), så den läses inte. Spara den som en vanlig fil.",
        "This is not a regular file ({kind}), so it is not read. Save it as a regular file.",
    ),
    "folder-unreadable": (
        "Mappen kunde inte läsas: {reason}. Filerna i den har inte granskats.",
        "The folder could not be read: {reason}. The files in it have not been checked.",
    ),
    "folder-loop": (
        "En länk leder tillbaka till en mapp ovanför, i en slinga. Mappen granskas en gång, under sitt första namn.",
        "A link leads back to a folder above it, in a loop. The folder is checked once, under its first name.",
    ),
    "kind-fifo": ("en namngiven rörledning (FIFO)", "a named pipe (FIFO)"),
    "kind-device": ("en enhetsfil", "a device file"),
    "kind-socket": ("en socket", "a socket"),
    "kind-folder": ("en mapp", "a folder"),
    "kind-system": ("en systemfil under /proc eller /sys", "a system file under /proc or /sys"),
    "kind-other": ("en särskild fil", "a special file"),
    "stdin-closed": ("Standard in är stängd.", "Standard input is closed."),
    "too-large-stream": (
        "Indata är större än gränsen {limit} byte. Dela upp ansökan eller höj gränsen med --max-file-size.",
        "The input is larger than the limit of {limit} bytes. Split it or raise the limit with --max-file-size.",
    ),
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
    "duplicate-anchor": (
        "Ankaret &{anchor} står två gånger (första gången på rad {first_line}). Ge det ena ett annat namn.",
        "The anchor &{anchor} is defined twice (first on line {first_line}). Give one of them another name.",
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
        "Okänd nyckel '{key}'.",
        "Unknown key '{key}'.",
    ),
    "schema-enum": (
        "'{field}' kan inte vara {value}. Välj en av: {allowed}.",
        "'{field}' cannot be {value}. Choose one of: {allowed}.",
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
        "'{key}' saknas i '{field}'. Lägg till {key}: där.",
        "'{key}' is missing in '{field}'. Add {key}: there.",
    ),
    "schema-date": (
        "'{field}' ska vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (till exempel 2015-08-01), men är {value}.",
        "'{field}' must be a real date written YYYY-MM-DD (for example 2015-08-01), but is {value}.",
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
    "schema-other": (
        "'{field}' följer inte formatet. Jämför med mallen från 'sicheck new'.",
        "'{field}' does not follow the format. Compare it with the template from 'sicheck new'.",
    ),
    "count-exactly-one-key": ("exakt en nyckel", "exactly one key"),
    "count-at-least-keys": ("minst {count} nycklar", "at least {count} keys"),
    "count-at-most-keys": ("högst {count} nycklar", "at most {count} keys"),
    "too-many-problems": (
        "… och {count} problem till som inte visas. Rätta dem ovan och kontrollera igen.",
        "… and {count} more problems not shown. Fix the ones above and check again.",
    ),
    "did-you-mean": (" Menade du '{candidate}'?", " Did you mean '{candidate}'?"),
    # structure of the application
    "duplicate-id": (
        "Id '{id}' används redan i '{field}' (rad {first_line}). Varje id ska vara unikt.",
        "The id '{id}' is already used in '{field}' (line {first_line}). Each id must be unique.",
    ),
    "reference": (
        "'{field}' pekar på '{id}', men det finns inget sådant id bland {target}.{suggestion} Skriv ett id som finns under {target}, eller lägg till en post med id: {id} där.",
        "'{field}' refers to '{id}', but there is no such id among {target}.{suggestion} Write an id that exists under {target}, or add an entry with id: {id} there.",
    ),
    "reference-name": (
        "'{field}' pekar på '{id}', som ser ut som namnet på en post i {target}, inte dess id. Menade du '{candidate}'? Skriv id:t: {candidate}.",
        "'{field}' refers to '{id}', which looks like the name of an entry in {target}, not its id. Did you mean '{candidate}'? Write the id: {candidate}.",
    ),
    "reference-not-an-id": (
        "'{field}' pekar på '{id}', men det finns inget sådant id bland {target}.{suggestion} Skriv ett id som finns under {target}. Ett id har bara a–z, A–Z, siffror, punkt, bindestreck och understreck, till exempel {made}.",
        "'{field}' refers to '{id}', but there is no such id among {target}.{suggestion} Write an id that exists under {target}. An id holds only a–z, A–Z, digits, dot, hyphen and underscore, for example {made}.",
    ),
    "org-id-control-digit": (
        "'{field}' är inte ett giltigt organisationsnummer: kontrollsiffran (den sista) stämmer inte för {value}. Jämför med organisationens registrering.",
        "'{field}' is not a valid organisation number: the check digit (the last one) does not match for {value}. Compare with the organisation's registration.",
    ),
    "unknown-criteria-in-file": (
        "Kriterieuppsättningen '{spec}' finns inte. Kända: {known}. Skriv en av dem i criteria, eller ta bort raden för att kontrolleras mot standarduppsättningen.",
        "The criteria set '{spec}' does not exist. Known sets: {known}. Write one of them in criteria, or remove the line to be checked against the default set.",
    ),
    # types, for schema messages
    "type-object": ("en mappning med nycklar", "a mapping with keys"),
    "type-array": ("en lista", "a list"),
    "type-string": ("en text", "a text"),
    "type-integer": ("ett heltal", "a whole number"),
    "type-number": ("ett tal", "a number"),
    "type-boolean": ("true eller false", "true or false"),
    "type-null": ("tom", "empty"),
    "type-other": ("ett värde av annat slag", "a value of another kind"),
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
    "criteria-name-mismatch": (
        "filen heter {name}, men i filen står {key}: {found}. Filnamnet och innehållet ska ange samma {key}:"
        " byt namn på filen eller ändra {key} till {expected}.",
        "the file is named {name}, but it says {key}: {found}. The file name and the content must give the same"
        " {key}: rename the file or change {key} to {expected}.",
    ),
    "criteria-duplicate-id": (
        "id '{id}' förekommer två gånger",
        "id '{id}' occurs twice",
    ),
    "criteria-check-prefix": (
        "kontrollens id '{check}' ska börja med '{criterion}.'",
        "the check id '{check}' must start with '{criterion}.'",
    ),
    "criteria-advice-error": (
        "kontrollen '{check}' har severity: error men basis: advice. Bara krav (requirement) och tolkningar (interpretation) får vara error; råd är warning.",
        "the check '{check}' has severity: error but basis: advice. Only requirements and interpretations may be errors; advice is a warning.",
    ),
    "criteria-optional-gate": (
        "kontrollen '{check}' ska ha basis: advice och severity: warning, eftersom {criterion} inte är ett krav (required: false).",
        "the check '{check}' must have basis: advice and severity: warning, since {criterion} is not required (required: false).",
    ),
    "criteria-ref-target": (
        "'to' i regeln ska vara en lista i ansökan, inte '{path}'",
        "'to' in the rule must name a list in the application, not '{path}'",
    ),
    "progress-checking": ("Kontrollerar", "Checking"),
    "internal-error": (
        "sicheck kunde inte kontrollera filen på grund av ett fel i sicheck ({error}). Rapportera gärna felet.",
        "sicheck could not check the file because of a bug in sicheck ({error}). Please report it.",
    ),
    "interrupted": ("Avbrutet.", "Interrupted."),
    "no-files": (
        "Hittade inga ansökningar (*.yaml, *.yml) i {paths}.",
        "Found no applications (*.yaml, *.yml) in {paths}.",
    ),
    "path-missing": ("Sökvägen finns inte: {path}", "No such path: {path}"),
    "glob-bad-range": (
        "teckenintervallet {low}-{high} går baklänges; skriv det minsta tecknet först",
        "the character range {low}-{high} runs backwards; write the smaller character first",
    ),
    "config-bad-pattern": (
        "mönstret '{pattern}' i exclude går inte att använda, vid tecken {column}: {problem}",
        "the pattern '{pattern}' in exclude cannot be used, at character {column}: {problem}",
    ),
    "path-unreadable": ("{path} kan inte läsas: {reason}", "{path} cannot be read: {reason}"),
    "path-empty": (
        "En tom sökväg angavs. Ange en fil, en mapp eller - för standard in.",
        "An empty path was given. Name a file, a folder or - for standard input.",
    ),
    "path-dangling": (
        "{path} är en länk till en fil som inte finns.",
        "{path} is a link to a file that does not exist.",
    ),
    "path-loop": (
        "{path} är en länk som går runt i en slinga.",
        "{path} is a link that goes round in a loop.",
    ),
    "path-not-regular": (
        "{path} är ingen vanlig fil ({kind}) och läses inte.",
        "{path} is not a regular file ({kind}) and is not read.",
    ),
    "output-is-input": (
        "{path} är en av filerna som körningen läser och skrivs inte över. Välj en annan utfil.",
        "{path} is one of the files this run reads, so it is not overwritten. Choose another output file.",
    ),
    "stdout-closed": (
        "Standard ut är stängd. Skriv till en fil med -o.",
        "Standard output is closed. Write to a file with -o.",
    ),
    "cwd-missing": (
        "Arbetskatalogen finns inte längre. Byt till en katalog som finns och kör igen.",
        "The working directory no longer exists. Change to a directory that exists and run again.",
    ),
    "output-failed": (
        "Kunde inte skriva {path}: {reason}",
        "Could not write {path}: {reason}",
    ),
    # the text report
    "heading-application": ("Ansökan", "Application"),
    "heading-file": ("Fil", "File"),
    "heading-criteria-set": ("Kriterier", "Criteria"),
    "heading-gaps": ("Brister och råd", "Gaps and advice"),
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
    "verdict-eligible": ("UPPFYLLER KRAVEN", "MEETS THE REQUIREMENTS"),
    "verdict-ineligible": ("UPPFYLLER INTE KRAVEN", "DOES NOT MEET THE REQUIREMENTS"),
    "verdict-invalid": ("KAN INTE BEDÖMAS", "CANNOT BE ASSESSED"),
    "score-line": ("Fullständighet: {score} %", "Completeness: {score} %"),
    "untitled": ("(utan titel)", "(untitled)"),
    "no-gaps": ("Inga brister och inga råd.", "No gaps and no advice."),
    "severity-error": ("brist", "gap"),
    "severity-warning": ("råd", "advice"),
    "summary-line": (
        "Ansökningar: {applications}. Uppfyller kraven: {eligible}, uppfyller inte kraven: {ineligible}, kan inte bedömas: {invalid}.",
        "Applications: {applications}. Meet the requirements: {eligible}, do not meet them: {ineligible}, cannot be assessed: {invalid}.",
    ),
    "summary-under-threshold": (
        "{count} under gränsen {threshold} %.",
        "{count} under the threshold of {threshold} %.",
    ),
    "summary-warnings-strict": (
        "{count} med råd (--strict).",
        "{count} with advice (--strict).",
    ),
}

# CI formats and repository configuration (junit, sarif, github, markdown, config files).
_CI: dict[str, tuple[str, str]] = {
    # names of the tool's own problem codes (SARIF rules, annotation titles)
    "rule-file-unreadable": ("Filen kan inte läsas", "The file cannot be read"),
    "rule-too-large": ("Filen är för stor", "The file is too large"),
    "rule-encoding": ("Filen är inte UTF-8", "The file is not UTF-8"),
    "rule-yaml-syntax": ("YAML-syntaxfel", "YAML syntax error"),
    "rule-empty": ("Filen är tom", "The file is empty"),
    "rule-multiple-documents": ("Flera YAML-dokument i en fil", "Several YAML documents in one file"),
    "rule-not-mapping": ("Ansökan är inte en mappning med nycklar", "The application is not a mapping with keys"),
    "rule-duplicate-key": ("Nyckel som står två gånger", "Duplicate key"),
    "rule-alias": ("För många YAML-alias", "Too many YAML aliases"),
    "rule-alias-recursive": ("YAML-alias som pekar på sig självt", "YAML alias that refers to itself"),
    "rule-duplicate-anchor": ("YAML-ankare som står två gånger", "YAML anchor defined twice"),
    "rule-too-many-nodes": ("För många värden i filen", "Too many values in the file"),
    "rule-too-deep": ("För djup nästling", "Nesting too deep"),
    "rule-tag": ("YAML-tagg", "YAML tag"),
    "rule-complex-key": ("Nyckel som inte är en text", "Key that is not text"),
    "rule-schema": ("Följer inte ansökningsformatet", "Does not follow the application format"),
    "rule-unknown-key": ("Okänd nyckel", "Unknown key"),
    "rule-duplicate-id": ("Id som används två gånger", "Duplicate id"),
    "rule-reference": ("Hänvisning till ett id som inte finns", "Reference to an id that does not exist"),
    "rule-org-id": ("Organisationsnummer med fel kontrollsiffra", "Organisation number with a wrong check digit"),
    "rule-unknown-criteria": ("Okänd kriterieuppsättning", "Unknown criteria set"),
    "rule-internal-error": ("Internt fel i sicheck", "Internal error in sicheck"),
    "rule-fail-under": ("Fullständighet under gränsen", "Completeness under the threshold"),
    # Names of the follow-up's problem codes, as the text formats show them (codes stay in JSON).
    "rule-followup-application": ("Rapporten gäller en annan ansökan", "The report is about another application"),
    "rule-followup-application-invalid": ("Ansökan kan inte följas upp", "The application cannot be followed up"),
    "rule-followup-unknown-effect": ("Okänd effekt", "Unknown effect"),
    "rule-followup-unknown-principal": ("Okänd part", "Unknown party"),
    "rule-followup-missing-measurement": ("Mätning saknas", "Measurement missing"),
    "rule-followup-never-measured": ("Effekten har aldrig mätts", "The effect has never been measured"),
    "rule-followup-measurement-date": ("Mätning efter rapportperioden", "Measurement after the reporting period"),
    "rule-followup-not-final": ("Slutrapport saknas", "No final report"),
    "rule-followup-final-result": ("Slutresultat saknas", "Final result missing"),
    "rule-followup-after-end": (
        "Mätning efter projektets slut saknas",
        "Measurement after the project's end missing",
    ),
    "rule-followup-project-dates": ("Projekttid saknas", "Project dates missing"),
    "rule-followup-frequency": ("Mätfrekvens oklar", "Measurement frequency unclear"),
    "rule-followup-co-financing": ("Medfinansieringen ligger efter", "Co-financing behind"),
    "rule-other": ("sicheck: {code}", "sicheck: {code}"),
    # full descriptions of the tool's own problem codes (SARIF rules' fullDescription)
    "rule-file-unreadable-description": (
        "Filen kunde inte öppnas eller läsas, så ansökan kan inte kontrolleras.",
        "The file could not be opened or read, so the application cannot be checked.",
    ),
    "rule-too-large-description": (
        "Filen är större än gränsen för en ansökan (--max-file-size) och läses inte.",
        "The file is larger than the limit for an application (--max-file-size) and is not read.",
    ),
    "rule-encoding-description": (
        "Filen är inte sparad som UTF-8. En ansökan ska vara UTF-8 så att å, ä och ö läses rätt.",
        "The file is not saved as UTF-8. An application must be UTF-8 so that å, ä and ö are read correctly.",
    ),
    "rule-yaml-syntax-description": (
        "Filen är inte giltig YAML. Felet anges med rad och kolumn.",
        "The file is not valid YAML. The error is given with its line and column.",
    ),
    "rule-empty-description": (
        "Filen är tom eller innehåller bara kommentarer.",
        "The file is empty or holds only comments.",
    ),
    "rule-multiple-documents-description": (
        "Filen innehåller flera YAML-dokument; varje ansökan ska ligga i en egen fil.",
        "The file holds several YAML documents; each application must be in a file of its own.",
    ),
    "rule-not-mapping-description": (
        "Ansökan ska vara en mappning med nycklar som 'project:' och 'principals:', inte en lista eller en text.",
        "An application must be a mapping with keys such as 'project:' and 'principals:', not a list or a text.",
    ),
    "rule-duplicate-key-description": (
        "Samma nyckel står två gånger i en mappning; bara den sista skulle annars räknas.",
        "The same key appears twice in one mapping; otherwise only the last one would count.",
    ),
    "rule-alias-description": (
        "Filen använder fler YAML-alias än gränsen (--max-aliases); alias kan blåsa upp en liten fil till mycket stora data.",
        "The file uses more YAML aliases than the limit (--max-aliases); aliases can blow a small file up into very large data.",
    ),
    "rule-alias-recursive-description": (
        "Ett YAML-alias pekar på sig självt och kan inte läsas.",
        "A YAML alias refers to itself and cannot be read.",
    ),
    "rule-too-many-nodes-description": (
        "Filen innehåller fler värden än gränsen (--max-nodes).",
        "The file holds more values than the limit (--max-nodes).",
    ),
    "rule-too-deep-description": (
        "Filen är nästlad djupare än gränsen (--max-depth).",
        "The file is nested deeper than the limit (--max-depth).",
    ),
    "rule-tag-description": (
        "Filen använder en YAML-tagg (till exempel !!python); en ansökan får bara innehålla text, tal, listor och mappningar.",
        "The file uses a YAML tag (such as !!python); an application may hold only text, numbers, lists and mappings.",
    ),
    "rule-complex-key-description": (
        "En nyckel är inte en text (till exempel en lista eller en mappning).",
        "A key is not a text (for example a list or a mapping).",
    ),
    "rule-schema-description": (
        "Ett värde har fel typ eller form enligt ansökningsformatet, till exempel text där ett datum ska stå.",
        "A value has the wrong type or form for the application format, such as text where a date belongs.",
    ),
    "rule-unknown-key-description": (
        "En nyckel som ansökningsformatet inte känner till, ofta en felstavning. Egna tillägg börjar med 'x-'.",
        "A key the application format does not know, often a misspelling. Local extensions start with 'x-'.",
    ),
    "rule-duplicate-id-description": (
        "Två parter eller effekter har samma id.",
        "Two principals or effects have the same id.",
    ),
    "rule-reference-description": (
        "En hänvisning anger ett id som inte finns bland parterna eller effekterna.",
        "A reference names an id that is not among the principals or effects.",
    ),
    "rule-unknown-criteria-description": (
        "Ansökan anger en kriterieuppsättning som inte finns.",
        "The application names a criteria set that does not exist.",
    ),
    "rule-internal-error-description": (
        "sicheck stötte på ett fel i sig självt när filen kontrollerades. Rapportera felet.",
        "sicheck met an error of its own while checking the file. Please report it.",
    ),
    "rule-fail-under-description": (
        "Ansökans fullständighet är under den lägsta godkända nivån (--fail-under).",
        "The application's completeness is under the lowest passing level (--fail-under).",
    ),
    "sarif-srcroot": (
        "Arkivets rot (gits översta katalog, annars arbetskatalogen).",
        "The repository root (git's top level, else the working directory).",
    ),
    "rule-tool-help": (
        "Rätta filen på raden och kolumnen som anges; meddelandet säger vad som är fel. 'sicheck schema' visar ansökningsformatet.",
        "Correct the file at the given line and column; the message says what is wrong. 'sicheck schema' prints the application format.",
    ),
    # gaps in the CI formats
    "gap-not-met": ("Ej uppfyllt: {message}", "Not met: {message}"),
    "fail-under-message": (
        "Fullständigheten {score} % är under gränsen {threshold} %.",
        "The completeness of {score} % is under the threshold of {threshold} %.",
    ),
    "fail-under-hint": (
        "Uppfyll fler krav; bristerna i ansökan visar vad som saknas.",
        "Meet more criteria; the application's gaps show what is missing.",
    ),
    # markdown shortened to --max-size
    "markdown-shortened": (
        "Rapporten är förkortad till högst {limit} tecken (--max-size). Ansökningar som inte visas i detalj: {count}.",
        "The report is shortened to at most {limit} characters (--max-size). Applications not shown in detail: {count}.",
    ),
    "markdown-shortened-rows": (
        "Av dem saknas {count} också i sammanställningen.",
        "Of these, {count} are not in the summary table either.",
    ),
    "markdown-shortened-whole": (
        "Utan --max-size visas hela rapporten.",
        "Without --max-size the whole report is shown.",
    ),
    # junit
    # files that are not applications, skipped by check
    "skipped": (
        "{count} av filerna är inte ansökningar och kontrollerades inte ({reasons}).",
        "{count} of the files are not applications and were not checked ({reasons}).",
    ),
    "skipped-review": ("granskningsfil", "review file"),
    "skipped-followup": ("uppföljningsrapport", "follow-up report"),
    "skipped-criteria-set": ("kriterieuppsättning", "criteria set"),
    "skipped-configuration": ("konfigurationsfil", "configuration file"),
    "skipped-criteria-dirs": ("i criteria-dirs", "in criteria-dirs"),
    "skipped-outside-paths": ("utanför paths", "outside paths"),
    "junit-field": ("fält", "field"),
    "junit-other-case": ("Övriga brister", "Other gaps"),
    "junit-criterion-failed": (
        "{criterion} är inte uppfyllt ({status}): {checks}",
        "{criterion} is not met ({status}): {checks}",
    ),
    "junit-criterion-warned": (
        "{criterion} har råd, och --strict fäller dem: {checks}",
        "{criterion} has advice, and --strict fails it: {checks}",
    ),
    "junit-invalid-case": (
        "Ansökan kan läsas och följer ansökningsformatet",
        "The application can be read and follows the application format",
    ),
    "junit-threshold-case": ("Fullständighet minst {threshold} %", "Completeness at least {threshold} %"),
    # markdown
    "markdown-heading": ("sicheck: kontroll av ansökningar", "sicheck: application check"),
    "markdown-verdict": ("Resultat", "Result"),
    "markdown-verdict-eligible": ("uppfyller kraven", "meets the requirements"),
    "markdown-verdict-ineligible": ("uppfyller inte kraven", "does not meet the requirements"),
    "markdown-verdict-invalid": ("kan inte bedömas", "cannot be assessed"),
    "markdown-score-column": ("Fullständighet", "Completeness"),
    "markdown-score": ("{score} %", "{score} %"),
    "markdown-under-threshold": ("(under gränsen)", "(under the threshold)"),
    "markdown-where": ("Rad:kolumn och fält", "Line:column and field"),
    "markdown-code": ("Kontroll", "Check"),
    "markdown-gap": ("Brist", "Gap"),
    "markdown-hint": ("Så här rättar du", "How to fix it"),
    # repository configuration ([tool.sicheck] in pyproject.toml, or .sicheck.yaml)
    "config-broken": (
        "{file}:{line}:{column}: konfigurationen är trasig: {problem}",
        "{file}:{line}:{column}: the configuration is broken: {problem}",
    ),
    "config-unreadable": ("filen kunde inte läsas: {reason}", "the file could not be read: {reason}"),
    "config-toml-syntax": ("TOML-syntaxfel: {problem}", "TOML syntax error: {problem}"),
    "config-not-table": (
        "[tool.sicheck] ska vara en tabell med nycklar",
        "[tool.sicheck] must be a table with keys",
    ),
    "config-no-table": (
        "filen har ingen tabell [tool.sicheck]",
        "the file has no [tool.sicheck] table",
    ),
    "config-not-mapping": (
        "konfigurationen ska vara en mappning med nycklar, men är {found}",
        "the configuration must be a mapping with keys, but is {found}",
    ),
    "config-unknown-key": (
        "okänd nyckel '{key}'.{suggestion} Kända nycklar: {known}.",
        "unknown key '{key}'.{suggestion} Known keys: {known}.",
    ),
    "config-key-twice": (
        "'{key}' och '{other}' är samma nyckel; skriv den en gång",
        "'{key}' and '{other}' are the same key; write it once",
    ),
    "config-type": (
        "'{key}' ska vara {expected}, men är {found}",
        "'{key}' must be {expected}, but is {found}",
    ),
    "config-range": (
        "'{key}' ska vara mellan {low} och {high}, men är {value}",
        "'{key}' must be between {low} and {high}, but is {value}",
    ),
    "config-minimum": (
        "'{key}' får inte vara mindre än {low}, men är {value}",
        "'{key}' must not be less than {low}, but is {value}",
    ),
    "config-choice": (
        "'{key}' kan inte vara '{value}'. Välj en av: {allowed}.{suggestion}",
        "'{key}' cannot be '{value}'. Choose one of: {allowed}.{suggestion}",
    ),
    "config-dir-missing": (
        "mappen '{path}' i '{key}' finns inte",
        "the folder '{path}' in '{key}' does not exist",
    ),
    "config-criteria": ("'criteria': {problem}", "'criteria': {problem}"),
    "type-string-list": ("en lista med texter", "a list of texts"),
    "config-and-no-config": (
        "--config och --no-config kan inte användas samtidigt.",
        "--config and --no-config cannot be used together.",
    ),
    "no-paths": (
        "Ange filer eller mappar att kontrollera, eller 'paths' i konfigurationen ([tool.sicheck] eller .sicheck.yaml).",
        "Name files or folders to check, or set 'paths' in the configuration ([tool.sicheck] or .sicheck.yaml).",
    ),
}

# check --reviews: the reviewers' judgement beside the machine's.
_CHECK_REVIEWS: dict[str, tuple[str, str]] = {
    "check-reviews-heading": ("Granskarnas bedömning", "The reviewers' judgement"),
    "check-reviews-none": ("Ingen granskning ännu.", "No reviews yet."),
    "check-reviews-summary": (
        "Granskare: {reviewers}, medelvärde {mean} av 5. Rekommendationer: ja {yes}, kanske {maybe}, nej {no}.",
        "Reviewers: {reviewers}, mean {mean} of 5. Recommendations: yes {yes}, maybe {maybe}, no {no}.",
    ),
    "check-reviews-criterion": (
        "medelvärde {mean} (lägst {low}, högst {high}, n = {n})",
        "mean {mean} (min {low}, max {high}, n = {n})",
    ),
    "check-reviews-disagreement": ("OENIGHET", "DISAGREEMENT"),
    "explain-scale": (
        "Expertgruppens skala för kvaliteten (granskningsfiler, 0–5)",
        "The expert group's scale for quality (review files, 0–5)",
    ),
    "check-reviews-format": (
        "--reviews fungerar med --format text och json.",
        "--reviews works with --format text and json.",
    ),
}

# Applicants and editors: new, schema, explain, criteria list/show/diff/validate.
_APPLICANT: dict[str, tuple[str, str]] = {
    # the second line of every gap's hint: why the funder asks for it
    "why-line": ("Varför: {why}", "Why: {why}"),
    # sicheck new: the template's comments
    "template-made-for": (
        "Mall för kriterierna {set}: {title}.",
        "Template for the criteria {set}: {title}.",
    ),
    "template-step-fill": (
        "1. Fyll i fälten. Ett tomt fält blir en brist, inte ett fel, så du kan kontrollera utkastet när som helst.",
        "1. Fill in the fields. An empty field is a gap, not an error, so you can check the draft at any time.",
    ),
    "template-step-check": (
        "2. Kontrollera utkastet: sicheck check {file}",
        "2. Check the draft: sicheck check {file}",
    ),
    "template-step-explain": (
        "3. Se vad ett krav innebär, med ett exempel: sicheck explain {criterion}",
        "3. See what a criterion requires, with an example: sicheck explain {criterion}",
    ),
    "template-keys": (
        "Nycklarna är på engelska och ska stå kvar; skriv dina texter efter kolonet. Nycklar som börjar med x- är fria för egna anteckningar.",
        "The keys are in English and stay as they are; write your texts after the colon. Keys starting with x- are free for your own notes.",
    ),
    "template-editor": (
        "Redigerare med YAML-stöd kan komplettera och kontrollera formatet medan du skriver: spara schemat med 'sicheck schema -o ansokan.schema.json' och koppla det till dina ansökningar (se README, Redigerare).",
        "Editors with YAML support can complete and check the format as you type: save the schema with 'sicheck schema -o application.schema.json' and map it to your applications (see README, Editor).",
    ),
    "template-section-criteria": (
        "Krav i {set} som läser det här avsnittet:",
        "Criteria in {set} that read this section:",
    ),
    "template-section-no-criteria": (
        "Inget krav i {set} läser det här avsnittet, men det hjälper den som bedömer ansökan.",
        "No criterion in {set} reads this section, but it helps whoever assesses the application.",
    ),
    "template-example": ("Exempel: {example}", "Example: {example}"),
    "template-choose": ("Välj en av: {values}", "Choose one of: {values}"),
    "template-checked-by": ("Kontrolleras av: {criteria}", "Checked by: {criteria}"),
    "template-criteria-from-file": (
        "Kriterierna kommer från filen {file}. En ansökan kan inte peka på en fil, så kontrollera med --criteria {file}.",
        "The criteria come from the file {file}. An application cannot name a file, so check with --criteria {file}.",
    ),
    "template-default-file": ("ansokan.yaml", "application.yaml"),
    "template-id-principals": ("part-1", "party-1"),
    "template-id-effects": ("E1", "E1"),
    "new-two-files": (
        "Ange filen en gång: {file} eller -o {output}.",
        "Name the file once: {file} or -o {output}.",
    ),
    "new-exists": (
        "{path} finns redan och skrivs inte över. Välj ett annat filnamn, eller skriv över filen med --force.",
        "{path} already exists and is not overwritten. Choose another file name, or overwrite it with --force.",
    ),
    "new-review-written": (
        "Skrev {path}. Fyll i den och kontrollera granskningen med: sicheck check {application} --reviews {path}",
        "Wrote {path}. Fill it in and check the review with: sicheck check {application} --reviews {path}",
    ),
    "new-written": (
        "Skrev {path}. Fyll i den och kontrollera utkastet med: sicheck check {path}",
        "Wrote {path}. Fill it in and check the draft with: sicheck check {path}",
    ),
    # sicheck explain
    "criterion-facts": ("{set}, {required}", "{set}, {required}"),
    "criterion-weight": ("vikt {weight}", "weight {weight}"),
    "explain-requirement": ("Krav", "Requirement"),
    "explain-why": ("Varför finansiären frågar", "Why the funder asks"),
    "explain-source": ("Källa", "Source"),
    "explain-fields": ("Fält i ansökan", "Fields in the application"),
    "explain-checks": ("Kontroller", "Checks"),
    "explain-rule": ("Regel", "Rule"),
    "explain-basis": ("Grund: {basis}", "Basis: {basis}"),
    "basis-requirement": ("krav i källan", "a requirement of the source"),
    "basis-interpretation": ("vår tolkning av ett krav", "our reading of a requirement"),
    "basis-advice": ("råd", "advice"),
    "explain-own-advice": (
        "sichecks eget råd, inget krav i källan",
        "sicheck's own advice, not a requirement of the source",
    ),
    "explain-criterion-quote": ("källans ord ovan", "the source's words above"),
    "explain-reading": ("Läsning", "Reading"),
    "explain-score": (
        "sicheck gör en kontroll, ingen bedömning: poängen (fullständighet) mäter hur fullständig ansökan är mot kraven, inte dess kvalitet. Bara brister (krav och tolkningar) kostar poäng; råd visas men kostar inget. Kvaliteten bedömer expertgruppen.",
        "sicheck checks, it does not assess: the score (completeness) measures how complete the application is against the requirements, not its quality. Only gaps (requirements and readings of them) cost points; advice is shown but costs nothing. The expert group judges quality.",
    ),
    "explain-passes-when": ("Uppfyllt när", "Met when"),
    "explain-check-of": ("Kontroll i", "Check in"),
    "explain-whole-criterion": (
        "Hela kriteriet, med exempel: sicheck explain {criterion}",
        "The whole criterion, with an example: sicheck explain {criterion}",
    ),
    "explain-unknown-check": (
        "Kontrollen '{id}' finns inte i {criterion}.{suggestion} Dess kontroller är: {known}.",
        "There is no check '{id}' in {criterion}.{suggestion} Its checks are: {known}.",
    ),
    "explain-example": ("Exempel som uppfyller kriteriet", "An example that meets the criterion"),
    "explain-no-example": (
        "Kriteriefilen har inget exempel för det här kriteriet. Fälten ovan är de som kontrollerna läser.",
        "The criteria file has no example for this criterion. The fields above are the ones its checks read.",
    ),
    "explain-more": (
        "Mer om ett kriterium, med exempel: sicheck explain {criterion}",
        "More about one criterion, with an example: sicheck explain {criterion}",
    ),
    "explain-unknown": (
        "Kriteriet '{id}' finns inte i {set}.{suggestion} Kriterierna är: {known}. Se dem med: sicheck explain {set_id}",
        "There is no criterion '{id}' in {set}.{suggestion} Its criteria are: {known}. List them with: sicheck explain {set_id}",
    ),
    # sicheck criteria list / show / diff / validate
    "column-id": ("Id", "Id"),
    "column-version": ("Version", "Version"),
    "column-title": ("Titel", "Title"),
    "column-valid-from": ("Gäller från", "Valid from"),
    "column-count": ("Kriterier", "Criteria"),
    "column-origin": ("Finns i", "Found in"),
    "column-required": ("Krav", "Required"),
    "column-weight": ("Vikt", "Weight"),
    "column-checks": ("Kontroller", "Checks"),
    "origin-shipped": ("medföljer sicheck", "shipped with sicheck"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "diff-heading": ("Ändringar från {old} till {new}", "Changes from {old} to {new}"),
    "diff-none": ("Inga skillnader.", "No differences."),
    "diff-set": ("Uppsättningen", "The set"),
    "diff-added": ("nytt kriterium", "new criterion"),
    "diff-removed": ("borttaget kriterium", "removed criterion"),
    "diff-check-added": ("ny kontroll", "new check"),
    "diff-check-removed": ("borttagen kontroll", "removed check"),
    "diff-summary": (
        "Kriterier – nya: {added}, borttagna: {removed}, ändrade: {changed}.",
        "Criteria – added: {added}, removed: {removed}, changed: {changed}.",
    ),
    "validate-ok": (
        "{file}: giltig kriteriefil ({set}, {criteria} kriterier, {checks} kontroller).",
        "{file}: a valid criteria file ({set}, {criteria} criteria, {checks} checks).",
    ),
    "validate-example-invalid": (
        "exemplet för {criterion} är ingen giltig ansökan: {problem}",
        "the example for {criterion} is not a valid application: {problem}",
    ),
    "validate-example-fails": (
        "exemplet för {criterion} klarar inte kontrollerna {checks}",
        "the example for {criterion} does not pass the checks {checks}",
    ),
}

# The expert group: review files and the call report.
_REVIEW: dict[str, tuple[str, str]] = {
    # the 0–5 scale (sicheck.reviews.model.SCALE; the review schema repeats it, a test keeps them equal)
    "review-scale-heading": ("Skala", "Scale"),
    "review-scale-0": ("saknas", "missing"),
    "review-scale-1": ("svag", "poor"),
    "review-scale-2": ("godtagbar", "fair"),
    "review-scale-3": ("god", "good"),
    "review-scale-4": ("mycket god", "very good"),
    "review-scale-5": ("utmärkt", "excellent"),
    "review-scale-empty": ("tomt = bedöms inte (räknas inte)", "empty = not judged (not counted)"),
    # problems in review files
    "review-empty": (
        "Granskningsfilen är tom. Börja från en mall med 'sicheck new --review ANSÖKAN'.",
        "The review file is empty. Start from a template with 'sicheck new --review APPLICATION'.",
    ),
    "review-not-mapping": (
        "En granskning ska börja med nycklar som 'application:' och 'reviewer:'.",
        "A review must start with keys such as 'application:' and 'reviewer:'.",
    ),
    "review-multiple-documents": (
        "Filen innehåller flera YAML-dokument. Lägg en granskning per fil.",
        "The file holds several YAML documents. Put one review in each file.",
    ),
    "review-score-range": (
        "Poängen för {criterion} ska vara ett heltal från {low} till {high}, men är {value}.",
        "The score for {criterion} must be a whole number from {low} to {high}, but is {value}.",
    ),
    "review-blank-reviewer": (
        "Skriv ditt namn i 'reviewer'.",
        "Write your name in 'reviewer'.",
    ),
    "review-blank-application": (
        "Skriv filnamnet på ansökan du granskar i 'application'.",
        "Write the file name of the application you review in 'application'.",
    ),
    "review-comment-quotes": (
        "'{key}' under {criterion} blev en egen nyckel: en kommentar med kommatecken eller kolon ska stå inom citattecken, till exempel comment: \"Bra, men tunt\".",
        "'{key}' under {criterion} became a key of its own: a comment with a comma or colon must be inside quotes, for example comment: \"Good, but thin\".",
    ),
    "review-application-not-found": (
        "Ansökan '{application}' finns inte bland ansökningarna i rapporten.{suggestion} Skriv ansökans filnamn eller sökväg.",
        "The application '{application}' is not among the applications in the report.{suggestion} Write the application's file name or path.",
    ),
    "review-application-ambiguous": (
        "'{application}' passar flera ansökningar: {candidates}. Skriv en längre sökväg, med mappen.",
        "'{application}' matches several applications: {candidates}. Write a longer path, with the folder.",
    ),
    "review-unknown-criterion": (
        "Kriteriet '{criterion}' finns inte i {criteria_set}, som ansökan kontrolleras mot.{suggestion}",
        "The criterion '{criterion}' does not exist in {criteria_set}, which the application is checked against.{suggestion}",
    ),
    "review-duplicate": (
        "{reviewer} har granskat samma ansökan också i {others}. Ingen av filerna räknas förrän en av dem är borttagen.",
        "{reviewer} has also reviewed the same application in {others}. Neither file is counted until one of them is removed.",
    ),
    # the review template (sicheck new --review)
    "review-template-heading": (
        "Granskning av en ansökan om sociala investeringsmedel (sicheck, granskningsformat 1)",
        "Review of an application for social investment funds (sicheck, review format 1)",
    ),
    "review-template-application": ("Ansökan", "Application"),
    "review-template-verdict": ("sichecks kontroll", "sicheck's check"),
    "review-template-instructions": (
        "Fyll i ditt namn, din rekommendation och en poäng 0–5 för varje kriterium du bedömer.\n"
        "Poängen gäller kvaliteten: sicheck har redan kontrollerat att uppgifterna finns.\n"
        "0 betyder att det saknas i ansökan och räknas som 0. Kan du inte bedöma ett kriterium,\n"
        "lämna score tomt: då räknas det inte. Skriv kommentarer inom citattecken.",
        "Fill in your name, your recommendation and a score 0–5 for each criterion you judge.\n"
        "Scores judge quality: sicheck has already checked that the information is there.\n"
        "0 means it is missing from the application and counts as 0. If you cannot judge a\n"
        "criterion, leave score empty: then it is not counted. Write comments inside the quotes.",
    ),
    "review-template-reviewer": ("ditt namn", "your name"),
    "review-template-recommendation": ("ja | kanske | nej", "yes | maybe | no"),
    "review-template-comment": ("övergripande kommentar", "overall comment"),
    # the call report (sicheck report)
    "report-title": ("Ansökningar i utlysningen – översikt", "Applications in the call – overview"),
    "report-heading-ranking": ("Rangordning", "Ranking"),
    "report-heading-matrices": ("Kriterier per ansökan", "Criteria per application"),
    "report-heading-matrix": ("Kriterier", "Criteria"),
    "report-heading-applications": ("Ansökningarna", "The applications"),
    "report-heading-checklist": ("Checklista", "Checklist"),
    "report-heading-reviews": ("Granskare", "Reviewers"),
    "report-heading-reviewer-comments": ("Granskarnas bedömningar", "The reviewers' judgements"),
    "report-column-application": ("Ansökan", "Application"),
    "report-column-verdict": ("Resultat", "Result"),
    "report-column-score": ("Fullständighet", "Completeness"),
    "report-column-not-met": ("Ej uppfyllt", "Not met"),
    "report-column-reviewer-mean": ("Granskarnas medelvärde", "Reviewers' mean"),
    "report-column-reviewers": ("Granskare", "Reviewers"),
    "report-column-reviewer": ("Granskare", "Reviewer"),
    "report-column-recommendations": ("Rekommendationer", "Recommendations"),
    "report-column-disagreement": ("Oenighet", "Disagreement"),
    "report-column-range": ("Min–max", "Min–max"),
    "report-verdict-eligible": ("uppfyller kraven", "meets the requirements"),
    "report-verdict-ineligible": ("uppfyller inte kraven", "does not meet the requirements"),
    "report-verdict-invalid": ("kan inte bedömas", "cannot be assessed"),
    "report-see-problems": ("{count} fel i filen", "{count} errors in the file"),
    "report-recommendation-yes": ("ja", "yes"),
    "report-recommendation-maybe": ("kanske", "maybe"),
    "report-recommendation-no": ("nej", "no"),
    "report-recommendation-counts": ("{yes} ja, {maybe} kanske, {no} nej", "{yes} yes, {maybe} maybe, {no} no"),
    "report-reviewer-count": ("n = {n}", "n = {n}"),
    "report-review-summary": ("{reviewers} granskare, medelvärde {mean}", "{reviewers} reviewers, mean {mean}"),
    "report-review-mean-label": ("Granskarnas medelvärde {mean} av {high}", "Reviewers' mean {mean} of {high}"),
    "report-review-cell": ("granskarnas medelvärde {mean} (n = {n})", "reviewers' mean {mean} (n = {n})"),
    "report-reviews-line": (
        "Granskningar: {counted} av {files} filer räknas. Granskningarna ändrar inte resultatet av sichecks kontroll; de visas bredvid det.",
        "Reviews: {counted} of {files} files are counted. Reviews do not change the result of sicheck's check; they are shown beside it.",
    ),
    "report-no-reviews": ("Inga granskningar.", "No reviews."),
    "report-disagreement": ("oenighet", "disagreement"),
    "report-disagreement-note": (
        "Oenighet (⚠): granskarnas poäng för ett kriterium skiljer sig med 2 eller mer. Granskarnas medelvärde är medelvärdet av varje granskares eget medelvärde.",
        "Disagreement (⚠): the reviewers' scores for a criterion differ by 2 or more. The reviewers' mean is the mean of each reviewer's own mean.",
    ),
    "report-matrix-note": (
        "Under symbolen: granskarnas medelvärde för kriteriet, där det finns.",
        "Below the symbol: the reviewers' mean for the criterion, where there is one.",
    ),
    "report-review-problems": (
        "Granskningar som inte räknas",
        "Reviews that are not counted",
    ),
    "report-review-problem-line": (
        "{file}:{line}:{column}: granskningen räknas inte: {message}",
        "{file}:{line}:{column}: the review is not counted: {message}",
    ),
    "report-score-problem-line": (
        "{file}:{line}:{column}: poängen räknas inte: {message}",
        "{file}:{line}:{column}: the score is not counted: {message}",
    ),
    "report-csv-rank": ("Nr", "Rank"),
    "report-csv-title": ("Titel", "Title"),
    "report-csv-score": ("Fullständighet (%)", "Completeness (%)"),
    "report-csv-mean": ("medelvärde", "mean"),
    "report-csv-recommendation": ("Rekommendation {value}", "Recommendation {value}"),
    "report-csv-comments": ("Kommentarer", "Comments"),
    "report-progress": ("Kontrollerar ansökningar", "Checking applications"),
    "report-made": (
        "Skapad {date} med sicheck {version}.",
        "Made on {date} with sicheck {version}.",
    ),
    "report-criteria-sets": ("Kriterieuppsättningar", "Criteria sets"),
    "report-set-count": ("{set} ({title}): {n} ansökningar", "{set} ({title}): {n} applications"),
    "report-set-count-one": ("{set} ({title}): 1 ansökan", "{set} ({title}): 1 application"),
    "report-unknown-set": ("Okänd kriterieuppsättning", "Unknown criteria set"),
    "report-section-note": (
        "Ansökningarna rangordnas per kriterieuppsättning: först efter resultatet av sichecks kontroll, sedan efter granskarnas medelvärde och sist efter fullständighet.",
        "Applications are ranked per criteria set: first by the result of sicheck's check, then by the reviewers' mean, then by completeness.",
    ),
    "report-not-reviewed": ("ej granskad", "not reviewed"),
    "report-not-reviewed-note": (
        "En ansökan som ingen har granskat har ingen plats i rangordningen; den står sist bland dem med samma resultat, ordnad efter fullständighet.",
        "An application nobody has reviewed has no place in the ranking; it comes last among those with the same verdict, ordered by completeness.",
    ),
    "report-banner-reviews-one": ("1 granskning räknas inte", "1 review is not counted"),
    "report-banner-reviews": ("{n} granskningar räknas inte", "{n} reviews are not counted"),
    "report-banner-scores-one": ("1 poäng räknas inte", "1 score is not counted"),
    "report-banner-scores": ("{n} poäng räknas inte", "{n} scores are not counted"),
    "report-banner-see": ("Se listan över granskningar som inte räknas", "See the list of reviews not counted"),
    "report-banner-see-below": (
        "Listan står sist i rapporten.",
        "The list is at the end of the report.",
    ),
    "report-application-uncounted": ("ej räknat: {n}", "not counted: {n}"),
    "report-uncounted-review": ("hela granskningen", "the whole review"),
    "report-uncounted-score": ("poängen", "the score"),
    "report-column-uncounted": ("Räknas inte", "Not counted"),
    "report-column-where": ("Fil", "File"),
    "report-column-reason": ("Orsak", "Reason"),
    "report-column-own-mean": ("Eget medelvärde", "Own mean"),
    "report-chart-label": (
        "Varje granskares poäng per kriterium, 0–5. Linjen visar spridningen; gul rad = oenighet.",
        "Each reviewer's score per criterion, 0–5. The line shows the spread; yellow row = disagreement.",
    ),
    "report-chart-point": ("{reviewer}: {criterion} = {score}", "{reviewer}: {criterion} = {score}"),
    "report-footer": ("Skapad med sicheck {version}.", "Made with sicheck {version}."),
}

# Gaps that point at one list item, and rules in words (explain, hints for one item).
_FEEDBACK: dict[str, tuple[str, str]] = {
    "item-with-id": ("{list} {id}", "{list} {id}"),
    "item-at": ("{list} nr {number}", "{list} no. {number}"),
    "heading-format-problems": ("Fel i filen", "Problems in the file"),
    "heading-checklist": ("Checklista", "Checklist"),
    "gap-in-item": ("{item}: {message}", "{item}: {message}"),
    "item-fix": ("Rätta posten så att {rule}.", "Correct the item so that {rule}."),
    "and": (" och ", " and "),
    "rule-present": ("{path} är ifyllt", "{path} is filled in"),
    "rule-absent": ("{path} är tomt", "{path} is empty"),
    "rule-words": ("{path} har minst {min} ord", "{path} has at least {min} words"),
    "rule-one-of": ("{path} är {values}", "{path} is {values}"),
    "rule-named": ("{path} är namnet {names}", "{path} is the name {names}"),
    "rule-not-named": ("{path} är inte namnet {names}", "{path} is not the name {names}"),
    "rule-mentions": ("{path} nämner {terms}", "{path} mentions {terms}"),
    "rule-not-mentions": ("{path} nämner inte {terms}", "{path} does not mention {terms}"),
    "rule-and-more": (" (och {count} till)", " (and {count} more)"),
    "rule-not-one-of": ("{path} är inte {values}", "{path} is not {values}"),
    "rule-number": ("{path} är ett tal{bounds}", "{path} is a number{bounds}"),
    "rule-above": ("större än {value}", "greater than {value}"),
    "rule-min": ("minst {value}", "at least {value}"),
    "rule-max": ("högst {value}", "at most {value}"),
    "rule-date-order": (
        "{then} är ett senare datum än {first} (prövas när båda är ifyllda)",
        "{then} is a later date than {first} (tested when both are filled in)",
    ),
    "rule-count": ("{path} har minst {min} poster", "{path} has at least {min} items"),
    "rule-count-one": ("{path} har minst en post", "{path} has at least one item"),
    "rule-count-where-one": ("{path} har minst en post där {where}", "{path} has at least one item where {where}"),
    "rule-each-one": (
        "{path} har minst en post, och i varje post gäller att {rule}",
        "{path} has at least one item, and in each item {rule}",
    ),
    "rule-count-where": (
        "{path} har minst {min} poster där {where}",
        "{path} has at least {min} items where {where}",
    ),
    "rule-count-max": (" och högst {max}", " and at most {max}"),
    "rule-each": (
        "{path} har minst {min} poster, och i varje post gäller att {rule}",
        "{path} has at least {min} items, and in each item {rule}",
    ),
    "rule-ref": ("{path} är id för en post i {to}", "{path} is the id of an item in {to}"),
    "rule-ref-where": (
        "{path} är id för en post i {to} (där {where})",
        "{path} is the id of an item in {to} (where {where})",
    ),
    "rule-not": ("inte ({rule})", "not ({rule})"),
    # the command line's own errors (sicheck.commands.localized)
    "usage-error": ("Fel: {message}", "Error: {message}"),
    "usage-try-help": ("Hjälp: {command} {option}", "Help: {command} {option}"),
    "usage-extra-arguments": (
        "Oväntade argument: {args}. Skriv filnamnet efter -o eller --output där ett kommando bara tar ett.",
        "Unexpected arguments: {args}. Write the file name after -o or --output where a command takes only one.",
    ),
    "usage-no-option": ("Det finns inget alternativ {option}.", "There is no option {option}."),
    "usage-no-option-maybe": (
        "Det finns inget alternativ {option}. Menade du {options}?",
        "There is no option {option}. Did you mean {options}?",
    ),
    "usage-no-command": ("Det finns inget kommando {command}.", "There is no command {command}."),
    "usage-missing-argument": ("Argumentet {argument} saknas.", "The argument {argument} is missing."),
    "usage-missing-option": ("Alternativet {option} saknas.", "The option {option} is missing."),
    "usage-missing-command": ("Ange ett kommando.", "Name a command."),
    "usage-option-needs-value": ("{option} behöver ett värde.", "{option} needs a value."),
    "usage-option-takes-no-value": ("{option} tar inget värde.", "{option} takes no value."),
    "usage-invalid-value": ("Ogiltigt värde för {option}: {problem}", "Invalid value for {option}: {problem}"),
    "usage-value-choices": ("{value} är inte en av {choices}.", "{value} is not one of {choices}."),
    "usage-value-range": ("{value} ligger inte inom {range}.", "{value} is not in the range {range}."),
    "usage-value-integer": ("{value} är inte ett heltal.", "{value} is not a whole number."),
    "usage-value-number": ("{value} är inte ett tal.", "{value} is not a number."),
    "usage-value-boolean": ("{value} är inte true eller false.", "{value} is not true or false."),
    "usage-value-missing-path": ("{value} finns inte.", "{value} does not exist."),
    # YAML syntax errors, by cause (sicheck.yaml_errors)
    # Swedish habits (sicheck.swedish, sicheck.validation's hints)
    "hint-number-as-written": (
        " Skriv talet med punkt som decimaltecken och utan mellanrum: {number}",
        " Write the number with a decimal point and no spaces: {number}",
    ),
    "hint-id-characters": (
        " Ett id börjar med en bokstav eller siffra och har sedan bara a–z, A–Z, siffror, punkt, bindestreck och understreck (inte å, ä, ö eller mellanslag), till exempel {example}.",
        " An id starts with a letter or digit and then holds only a–z, A–Z, digits, dot, hyphen and underscore (no å, ä, ö or spaces), for example {example}.",
    ),
    "hint-org-id": (
        " Skriv organisationsnumret med sina tio siffror, till exempel {example} (med eller utan bindestreck) eller SE-ON-{digits}.",
        " Write the organisation number with its ten digits, for example {example} (with or without the hyphen) or SE-ON-{digits}.",
    ),
    "yaml-syntax-hint": (
        "Kontrollera raden och raden före: indrag, kolon och citattecken.",
        "Check this line and the one before it: indentation, colons and quotes.",
    ),
    "yaml-tab": (
        "Rad {line} innehåller ett tabbtecken. YAML tillåter bara mellanslag för indrag.",
        "Line {line} has a tab character. YAML allows only spaces for indentation.",
    ),
    "yaml-tab-hint": (
        "Byt tabben mot mellanslag, två per nivå. De flesta redigerare kan ställas in så att Tab skriver mellanslag.",
        "Replace the tab with spaces, two per level. Most editors can be set to type spaces when you press Tab.",
    ),
    "yaml-unclosed-quote": (
        "Citattecknet {quote} på rad {line} avslutas aldrig, så resten av filen blir en del av texten.",
        "The quote {quote} on line {line} is never closed, so the rest of the file becomes part of the text.",
    ),
    "yaml-unclosed-quote-hint-double": (
        'Avsluta texten med " på samma rad. Ska texten själv innehålla ", skriv \\" där.',
        'End the text with " on the same line. If the text itself holds a ", write \\" there.',
    ),
    "yaml-unclosed-quote-hint-single": (
        "Avsluta texten med ' på samma rad. Ska texten själv innehålla ', skriv två: ''.",
        "End the text with ' on the same line. If the text itself holds a ', write two: ''.",
    ),
    "yaml-escape": (
        "Rad {line}: ett omvänt snedstreck (\\) i en text inom dubbla citattecken inleder en kod som YAML inte känner igen.",
        "Line {line}: a backslash (\\) in a text inside double quotes starts a code YAML does not know.",
    ),
    "yaml-escape-hint": (
        "Sätt texten inom enkla citattecken ('…') i stället, eller skriv \\\\ för varje omvänt snedstreck.",
        "Put the text inside single quotes ('…') instead, or write \\\\ for each backslash.",
    ),
    "yaml-colon-in-value": (
        "Värdet för {key} innehåller ett kolon följt av mellanslag (': '), som YAML läser som början på en ny nyckel.",
        "The value of {key} holds a colon followed by a space (': '), which YAML reads as the start of a new key.",
    ),
    "yaml-colon-hint": ("Sätt texten inom citattecken: {fixed}", "Put the text in quotes: {fixed}"),
    "yaml-colon": (
        "Rad {line} innehåller ett kolon följt av mellanslag (': ') där YAML inte väntar sig en ny nyckel.",
        "Line {line} holds a colon followed by a space (': ') where YAML expects no new key.",
    ),
    "yaml-colon-hint-plain": (
        "Sätt texten inom citattecken, eller skriv kolonet utan mellanslag efter.",
        "Put the text in quotes, or write the colon without a space after it.",
    ),
    "yaml-unclosed-bracket": (
        "Parentesen {bracket} på rad {line} stängs aldrig.",
        "The bracket {bracket} on line {line} is never closed.",
    ),
    "yaml-unclosed-bracket-hint": (
        "Avsluta med {closing} och skilj värdena åt med kommatecken. En text med kommatecken ska stå inom citattecken.",
        "Close it with {closing} and separate the values with commas. A text holding a comma goes in quotes.",
    ),
    "yaml-list-indent": (
        "Rad {line} står inte i linje med listan ovanför.",
        "Line {line} is not in line with the list above it.",
    ),
    "yaml-list-indent-hint": (
        "Ett nytt listelement börjar med '- ' rakt under de andra; fler nycklar i samma element står rakt under den första nyckeln.",
        "A new list item starts with '- ' right under the others; more keys of the same item go right under its first key.",
    ),
    "yaml-indent": (
        "Rad {line} har fel indrag: YAML hittar ingen nyckel där.",
        "Line {line} is indented wrongly: YAML finds no key there.",
    ),
    "yaml-indent-hint": (
        "Nycklar på samma nivå ska stå rakt under varandra, med lika många mellanslag före.",
        "Keys on the same level go right under each other, with as many spaces before them.",
    ),
    "yaml-after-quote": (
        "På rad {line} fortsätter texten efter det avslutande citattecknet.",
        "On line {line} the text goes on after the closing quote.",
    ),
    "yaml-after-quote-hint": (
        "Sätt hela texten inom citattecknen.",
        "Put the whole text inside the quotes.",
    ),
    "yaml-flow-separator": (
        "Rad {line}: här väntar sig YAML ett kommatecken eller {closing}, inom {bracket} som börjar på rad {began}.",
        "Line {line}: YAML expects a comma or {closing} here, inside the {bracket} that begins on line {began}.",
    ),
    "yaml-flow-separator-hint": (
        "Skilj värdena åt med kommatecken och skriv varje nyckel på samma rad som sitt kolon. En text med kommatecken eller kolon ska stå inom citattecken.",
        "Separate the values with commas and keep each key on the same line as its colon. A text holding a comma or colon goes in quotes.",
    ),
    "yaml-flow-extra-comma": (
        "Rad {line}: ett kommatecken inom parentes har inget värde före sig.",
        "Line {line}: a comma inside brackets has no value before it.",
    ),
    "yaml-flow-extra-comma-hint": (
        "Ta bort kommatecknet eller skriv värdet före det.",
        "Remove the comma or write the value before it.",
    ),
    "yaml-flow-value": (
        "Rad {line}: ett värde inom parentes kan inte börja med '{found}'.",
        "Line {line}: a value inside brackets cannot start with '{found}'.",
    ),
    "yaml-flow-value-hint": (
        "Sätt värdet inom citattecken.",
        "Put the value in quotes.",
    ),
    "yaml-extra-bracket": (
        "Parentesen {bracket} på rad {line} stänger ingen parentes som öppnats före den.",
        "The bracket {bracket} on line {line} closes no bracket opened before it.",
    ),
    "yaml-extra-bracket-hint": (
        "Ta bort den, eller lägg till den inledande {opening} där den hör hemma.",
        "Remove it, or add the opening {opening} where it belongs.",
    ),
    "yaml-empty-key": (
        "Rad {line} har ett kolon utan någon nyckel före.",
        "Line {line} has a colon with no key before it.",
    ),
    "yaml-empty-key-hint": (
        "Skriv nyckeln före kolonet, som i 'nyckel: värde'.",
        "Write the key before the colon, as in 'key: value'.",
    ),
    "yaml-key-on-document-start": (
        "Rad {line}: en nyckel kan inte stå på samma rad som ---.",
        "Line {line}: a key cannot stand on the same line as ---.",
    ),
    "yaml-key-on-document-start-hint": (
        "Flytta nyckeln till raden under ---.",
        "Move the key to the line below ---.",
    ),
    "yaml-continued-line": (
        "YAML läser rad {line} som en fortsättning på texten på raden ovanför och hittar ingen nyckel där.",
        "YAML reads line {line} as going on with the text on the line above, and finds no key there.",
    ),
    "yaml-continued-line-hint": (
        "Skriv nyckeln rakt under de andra nycklarna på samma nivå, med lika många mellanslag före. Är raden ovanför en nyckel saknar den sitt kolon; är den en text över flera rader, sätt texten inom citattecken.",
        "Put the key right under the other keys of its level, with as many spaces before it. If the line above is a key, it lacks its colon; if it is a text over several lines, put the text in quotes.",
    ),
    "yaml-list-on-key-line": (
        "Rad {line}: en lista kan inte börja på samma rad som sin nyckel {key}.",
        "Line {line}: a list cannot start on the same line as its key {key}.",
    ),
    "yaml-list-on-key-line-hint": (
        "Skriv {key}: ensamt på sin rad och varje element på en egen rad under, med indrag och '- ' först.",
        "Write {key}: alone on its line and each item on a line of its own below it, indented, starting with '- '.",
    ),
    "yaml-list-here": (
        "Rad {line}: ett listelement ('- ') kan inte börja här.",
        "Line {line}: a list item ('- ') cannot start here.",
    ),
    "yaml-list-here-hint": (
        "Ett listelement börjar på en egen rad med '- '.",
        "A list item starts on a line of its own with '- '.",
    ),
    "yaml-no-colon": (
        "Rad {line} saknar kolon: YAML väntar sig en nyckel med ': ' efter där.",
        "Line {line} has no colon: YAML expects a key followed by ': ' there.",
    ),
    "yaml-no-colon-hint": (
        "Skriv nyckeln med ett kolon efter, som i 'nyckel: värde', med nyckeln och kolonet på samma rad. En rad som fortsätter en text ovanför ska ha större indrag än textens nyckel.",
        "Write the key with a colon after it, as in 'key: value', the key and its colon on one line. A line that goes on with a text above is indented further than that text's key.",
    ),
}

# follow-up of funded projects (sicheck followup, new --followup, report --followups)
_FOLLOWUP: dict[str, tuple[str, str]] = {
    "followup-empty": (
        "Uppföljningsrapporten är tom. Börja från en mall med 'sicheck new --followup ANSÖKAN'.",
        "The follow-up report is empty. Start from a template with 'sicheck new --followup APPLICATION'.",
    ),
    "followup-not-mapping": (
        "En uppföljningsrapport ska börja med nycklar som 'application:' och 'period:', men filen börjar med {found}.",
        "A follow-up report must start with keys such as 'application:' and 'period:', but the file starts with {found}.",
    ),
    "followup-multiple-documents": (
        "Filen innehåller flera YAML-dokument. Lägg en uppföljningsrapport per fil.",
        "The file holds several YAML documents. Put one follow-up report in each file.",
    ),
    "followup-bad-id": (
        "{key} är inte ett id ur ansökan. Ett id börjar med en bokstav eller siffra och har sedan bara a–z, A–Z, siffror, punkt, bindestreck och understreck.",
        "{key} is not an id from the application. An id starts with a letter or digit, then has only a–z, A–Z, digits, dot, hyphen and underscore.",
    ),
    "followup-period-order": (
        "Perioden slutar ({end}) före den börjar ({start}). Rätta datumen under period.",
        "The period ends ({end}) before it starts ({start}). Correct the dates under period.",
    ),
    "followup-other-application": (
        "Rapporten gäller '{given}', inte {application}. Rapporten räknas inte. Skriv ansökans filnamn i application.",
        "The report is about '{given}', not {application}. The report is not counted. Write the application's file name in application.",
    ),
    "followup-unknown-effect": (
        "Ansökan har ingen effekt med id '{id}' (den har {known}).{suggestion} Rapporten räknas inte förrän id:t finns i ansökan.",
        "The application has no effect with id '{id}' (it has {known}).{suggestion} The report is not counted until the id exists in the application.",
    ),
    "followup-unknown-principal": (
        "Ansökan har ingen part med id '{id}' (den har {known}).{suggestion} Rapporten räknas inte förrän id:t finns i ansökan.",
        "The application has no principal with id '{id}' (it has {known}).{suggestion} The report is not counted until the id exists in the application.",
    ),
    "followup-application-invalid": (
        "Ansökan kan inte läsas eller följer inte ansökningsformatet, så rapporterna kan inte hållas mot den. Rätta ansökan först ('sicheck check').",
        "The application cannot be read or breaks the application format, so the reports cannot be held against it. Fix the application first ('sicheck check').",
    ),
    "followup-every-week": ("varje vecka", "every week"),
    "followup-every-month": ("varje månad", "every month"),
    "followup-every-term": ("varje termin", "every term"),
    "followup-every-year": ("varje år", "every year"),
    "followup-every-n-week": ("var {n}:e vecka", "every {n} weeks"),
    "followup-every-n-month": ("var {n}:e månad", "every {n} months"),
    "followup-every-n-term": ("var {n}:e termin", "every {n} terms"),
    "followup-every-n-year": ("vart {n}:e år", "every {n} years"),
    "followup-missing-measurement": (
        "Mätning av {id} saknas för {count} period(er): {windows}{more}. Enligt ansökan ska effekten mätas {frequency}.",
        "A measurement of {id} is missing for {count} period(s): {windows}{more}. The application says the effect is measured {frequency}.",
    ),
    "followup-measurement-after-period": (
        "Mätningen av {id} är daterad {date}, efter rapportperiodens slut {end}. Den räknas inte; redovisa den i rapporten för den perioden, eller rätta datumet.",
        "The measurement of {id} is dated {date}, after the end of the reporting period, {end}. It is not counted; report it for that period, or correct the date.",
    ),
    "followup-no-dates": (
        "Ansökan anger inte projektets start och slut, så sicheck kan inte räkna ut vilka mätningar som skulle ha gjorts, om effekterna är i fas eller om medfinansieringen följer tiden. Ange project.start och project.end.",
        "The application does not give the project's start and end, so sicheck cannot work out which measurements were due, whether effects are on track or whether co-financing keeps pace with time. Give project.start and project.end.",
    ),
    "followup-and-more": (" och {count} till", " and {count} more"),
    "followup-missing-measurement-hint": (
        "Lägg till mätningen under measurements.{id} med date, value och source, eller skriv under deviations varför den inte gjordes.",
        "Add the measurement under measurements.{id} with date, value and source, or write under deviations why it was not made.",
    ),
    "followup-never-measured": (
        "Effekten {id} ({indicator}; ansökan rad {line}) har inte mätts i någon rapport.",
        "The effect {id} ({indicator}; application line {line}) has not been measured in any report.",
    ),
    "followup-never-measured-hint": (
        "Redovisa mätvärden för {id} under measurements.{id}. Går effekten inte att mäta bör ansökan ändras i samråd med finansiären.",
        "Report values for {id} under measurements.{id}. If the effect cannot be measured, the application should be changed together with the funder.",
    ),
    "followup-late-not-final": (
        "Projektet slutade {end}, men rapporten för perioden till {period_end} är inte en slutrapport.",
        "The project ended on {end}, but the report for the period to {period_end} is not a final report.",
    ),
    "followup-final-no-result": (
        "Slutrapporten anger inte om målet för {id} nåddes.",
        "The final report does not say whether the target of {id} was reached.",
    ),
    "followup-final-result-hint": (
        "Skriv results.{id}.target_reached: true eller false.",
        "Write results.{id}.target_reached: true or false.",
    ),
    "followup-final-no-after": (
        "Slutrapporten anger inte vem som mäter {id} efter projektets slut.",
        "The final report does not say who measures {id} after the project ends.",
    ),
    "followup-final-after-hint": (
        "Skriv i results.{id}.measured_after_by id för den part som fortsätter mäta. Långsiktiga effekter syns först efter projekttiden.",
        "In results.{id}.measured_after_by, write the id of the principal that goes on measuring. Long-term effects show only after the project.",
    ),
    "followup-frequency-text": (
        "Hur ofta det mäts står bara i fritext, så sicheck kan inte räkna ut vilka mätningar som skulle ha gjorts.",
        "How often measurements are made is given only as free text, so sicheck cannot work out which measurements were due.",
    ),
    "followup-frequency-missing": (
        "Ansökan anger inte hur ofta det mäts, så sicheck kan inte räkna ut vilka mätningar som skulle ha gjorts.",
        "The application does not say how often measurements are made, so sicheck cannot work out which measurements were due.",
    ),
    "followup-frequency-hint": (
        "Ange i ansökan measurement.frequency som every och unit, till exempel {every: 1, unit: term} eller {every: 3, unit: month}; den egna texten kan stå under description.",
        "In the application, give measurement.frequency as every and unit, for example {every: 1, unit: term} or {every: 3, unit: month}; your own text can go under description.",
    ),
    "followup-co-financing-unreported": (
        "Rapporten anger inte hur många av de {promised} utlovade timmarna {principal} har gett.",
        "The report does not say how many of the {promised} promised hours {principal} has given.",
    ),
    "followup-co-financing-behind": (
        "{principal} har gett {given} av {promised} utlovade timmar. Vid periodens slut hade {elapsed} % av projekttiden gått, så ungefär {expected} timmar borde vara givna.",
        "{principal} has given {given} of {promised} promised hours. By the end of the period {elapsed} % of the project's time had passed, so about {expected} hours should have been given.",
    ),
    # what the follow-up formats show
    "followup-heading": ("Uppföljning: {title}", "Follow-up: {title}"),
    "followup-application": ("Ansökan", "Application"),
    "followup-project-time": ("Projekttid", "Project time"),
    "followup-as-of": ("Läget per", "As of"),
    "followup-no-reports": ("inga rapporter", "no reports"),
    "followup-frequency": ("Mäts", "Measured"),
    "followup-frequency-free": ("fritext: {text}", "free text: {text}"),
    "followup-report": ("Rapport", "Report"),
    "followup-final": ("slutrapport", "final report"),
    "followup-not-counted": ("räknas inte, se brister", "not counted, see gaps"),
    "followup-status": ("Läget enligt projektet", "Status in the project's words"),
    "followup-col-status": ("Läge", "Status"),
    "followup-col-effect": ("Effekt och mått", "Effect and indicator"),
    "followup-col-baseline": ("Utgångsläge", "Baseline"),
    "followup-col-measurements": ("Mätningar", "Measurements"),
    "followup-col-target": ("Mål", "Target"),
    "followup-col-share": ("Väg mot målet", "Way to target"),
    "followup-expected-share": ("plan {share}", "plan {share}"),
    "followup-latest": ("senast {date}", "latest {date}"),
    "followup-missing-count": ("{count} saknas", "{count} missing"),
    "followup-status-on-track": ("i fas", "on track"),
    "followup-status-behind": ("efter plan", "behind"),
    "followup-status-not-measured": ("ej mätt", "not measured"),
    "followup-status-cannot-tell": ("kan inte avgöras", "cannot tell"),
    "followup-co-financing-heading": ("Medfinansiering (egen tid)", "Co-financing (own time)"),
    "followup-col-principal": ("Part", "Party"),
    "followup-col-promised": ("Utlovade timmar", "Hours promised"),
    "followup-col-given": ("Givna hittills", "Given so far"),
    "followup-col-expected-hours": ("I takt med tiden", "In step with time"),
    "followup-spent": (
        "Förbrukat hittills: {spent} kr av beviljade {granted} kr.",
        "Spent so far: SEK {spent} of SEK {granted} granted.",
    ),
    "followup-summary": (
        "{on_track} av {effects} effekter i fas. Brister: {errors}. Råd: {warnings}.",
        "{on_track} of {effects} effects on track. Gaps: {errors}. Advice: {warnings}.",
    ),
    "followup-chart-label": (
        "{id}: utgångsläge {baseline}, mål {target} till {expected_by}, {count} mätningar",
        "{id}: baseline {baseline}, target {target} by {expected_by}, {count} measurements",
    ),
    "followup-chart-baseline": ("utgångsläge", "baseline"),
    "followup-chart-target": ("mål", "target"),
    "followup-chart-plan": ("plan", "plan"),
    "followup-markdown-heading": ("Uppföljning av beviljade projekt", "Follow-up of funded projects"),
    "followup-html-title": ("Uppföljning – sicheck", "Follow-up – sicheck"),
    "followup-col-source": ("Källa", "Source"),
    "followup-col-date": ("Datum", "Date"),
    "followup-deviations": ("Avvikelser", "Deviations"),
    "followup-changes": ("Ändringar i planen", "Changes to the plan"),
    "followup-reports-heading": ("Rapporter", "Reports"),
    "followup-period": ("Period", "Period"),
    "followup-check-format": (
        "Uppföljningsrapporter kan visas med --format text, json eller markdown, och inte tillsammans med --reviews.",
        "Follow-up reports can be shown with --format text, json or markdown, and not together with --reviews.",
    ),
    "followup-report-column": ("Uppföljning", "Follow-up"),
    "followup-report-cell": (
        "{on_track} av {effects} effekter i fas, brister: {gaps}",
        "{on_track} of {effects} effects on track, gaps: {gaps}",
    ),
    "followup-report-latest": ("senaste rapport {date}", "latest report {date}"),
    "followup-csv-on-track": ("Uppföljning: effekter i fas", "Follow-up: effects on track"),
    "followup-csv-effects": ("Uppföljning: effekter", "Follow-up: effects"),
    "followup-csv-latest": ("Uppföljning: senaste rapport", "Follow-up: latest report"),
    "followup-csv-status": ("Uppföljning: läget", "Follow-up: status"),
    "followup-report-problem-line": (
        "{file}:{line}:{column}: uppföljningsrapporten räknas inte: {message}",
        "{file}:{line}:{column}: the follow-up report is not counted: {message}",
    ),
    "followup-report-problems": (
        "Uppföljningsrapporter som inte räknas",
        "Follow-up reports that are not counted",
    ),
    "followup-application-not-found": (
        "Rapporten gäller '{given}', men ingen sådan ansökan finns bland dem som kontrolleras.{suggestion}",
        "The report is about '{given}', but no such application is among those checked.{suggestion}",
    ),
    "followup-template-heading": (
        "Uppföljningsrapport (uppföljningsformat 1). Fyll i och kontrollera med: sicheck followup {application} {file}",
        "Follow-up report (follow-up format 1). Fill in and check with: sicheck followup {application} {file}",
    ),
    "followup-template-effect": (
        "{id}: {indicator}. Utgångsläge {baseline}, mål {target} till {expected_by}.",
        "{id}: {indicator}. Baseline {baseline}, target {target} by {expected_by}.",
    ),
    "followup-template-principal": ("{id}: {promised} utlovade timmar", "{id}: {promised} hours promised"),
    "followup-template-measure-every": (
        "Enligt ansökan mäts effekterna {frequency}.",
        "The application says the effects are measured {frequency}.",
    ),
    "new-written-followup": (
        "Skrev {path}. Fyll i den och kontrollera med: sicheck followup {application} {path}",
        "Wrote {path}. Fill it in and check it with: sicheck followup {application} {path}",
    ),
    "followup-template-period": (
        "första dag och sista dag som rapporten gäller",
        "first and last day the report covers",
    ),
    "followup-template-date": ("dagen rapporten lämnas, ÅÅÅÅ-MM-DD", "the day the report is submitted, YYYY-MM-DD"),
    "followup-template-final": ("true i slutrapporten", "true in the final report"),
    "followup-template-status": ("hur projektet går, med egna ord", "how the project is going, in your own words"),
    "followup-template-measurements": (
        "Mätvärden per effekt: en rad per mätning med datum, värde och källa.",
        "Measurements per effect: one line per measurement with date, value and source.",
    ),
    "followup-template-co-financing": (
        "Egen tid som varje part gett hittills, från projektets start till periodens slut.",
        "Own time each principal has given so far, from the project's start to the end of the period.",
    ),
    "followup-template-spent": (
        "förbrukat av de beviljade medlen hittills, kronor",
        "granted funds spent so far, kronor",
    ),
    "followup-template-deviations": ("det som inte gått som planerat", "what has not gone as planned"),
    "followup-template-changes": ("ändringar i projektplanen", "changes to the project plan"),
    "followup-template-results": (
        "Bara i slutrapporten: per effekt om målet nåddes och vilken part som mäter efter projektets slut.",
        "Only in the final report: per effect whether the target was reached and which principal measures after the project ends.",
    ),
    "followup-co-financing-hint": (
        "Ange under co_financing de timmar {principal} gett hittills, och skriv under deviations varför de är färre än utlovat.",
        "Give under co_financing the hours {principal} has given so far, and write under deviations why they are fewer than promised.",
    ),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    **_CORE,
    **_CI,
    **_APPLICANT,
    **_REVIEW,
    **_CHECK_REVIEWS,
    **_FOLLOWUP,
    **_FEEDBACK,
}


def _one_line(value: object) -> object:
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return value.replace("\r", "\\r").replace("\n", "\\n")
    return value


# difflib costs about candidates x length per call: a suggestion looks at no more than this
# many candidates, those nearest in length, and at no more of the word than this.
MAX_CANDIDATES = 200
MAX_WORD = 100


def close_candidates(word: str, candidates: list[str]) -> list[str]:
    """The candidates difflib could find close to ``word`` (ratio >= 0.6 needs similar lengths), capped."""
    size = len(word)
    near = [c for c in candidates if 0.4 * size <= len(c) * 1.6 and 0.4 * len(c) <= size * 1.6]
    if len(near) > MAX_CANDIDATES:
        near = sorted(near, key=lambda c: abs(len(c) - size))[:MAX_CANDIDATES]
    return near


def suggestion(word: str, candidates: list[str]) -> Text:
    """A "Menade du …?" naming the closest candidate, or an empty text when none is close.

    Only for a problem that is shown, and against at most `MAX_CANDIDATES` candidates.
    """
    import difflib

    if len(word) > MAX_WORD:
        return Text("", "")
    close = difflib.get_close_matches(word, close_candidates(word, candidates), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return msg("did-you-mean", candidate=close[0]) if close else Text("", "")


# Why the operating system refused, in words of both languages (its own text is English).
_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOENT": ("filen eller mappen finns inte", "no such file or folder"),
    "EACCES": ("behörighet saknas", "permission denied"),
    "EPERM": ("åtgärden är inte tillåten", "operation not permitted"),
    "EISDIR": ("det är en mapp, inte en fil", "it is a folder, not a file"),
    "ENOTDIR": ("en del av sökvägen är inte en mapp", "a part of the path is not a folder"),
    "ENOSPC": ("disken är full", "the disk is full"),
    "EDQUOT": ("diskkvoten är slut", "the disk quota is used up"),
    "EROFS": ("filsystemet är skrivskyddat", "the file system is read-only"),
    "EEXIST": ("filen finns redan", "the file already exists"),
    "ENAMETOOLONG": ("sökvägen är för lång", "the path is too long"),
    "ELOOP": ("för många symboliska länkar i sökvägen", "too many symbolic links in the path"),
    "EMFILE": ("för många öppna filer", "too many open files"),
    "EIO": ("läs- eller skrivfel på enheten", "input/output error on the device"),
    "EBUSY": ("enheten eller filen används", "the device or file is busy"),
    "ETXTBSY": ("filen används", "the file is busy"),
    "EINVAL": ("ogiltig åtgärd för den här filen", "invalid operation for this file"),
}


def os_reason(exc: OSError) -> Text:
    """Why an operation on a file failed, in both languages."""
    import errno

    name = errno.errorcode.get(exc.errno or -1)
    if name in _OS_REASONS:
        sv, en = _OS_REASONS[name]
        return Text(sv, en)
    text = exc.strerror or type(exc).__name__
    return Text(text, text)


def msg(message_id: str, /, **params: object) -> Text:
    """Look up a catalogue message and fill in its parameters in both languages."""
    sv, en = CATALOGUE[message_id]
    if not params:
        return Text(sv, en)
    # A parameter may itself be a Text (a suggestion, a type name): use its own language.
    # Text parameters come from files (keys, values, ids, names): a line break in one is
    # shown as \n, so that no message ever gets a line of the file's making (a GitHub
    # runner acts on a line that starts with "::").
    sv_params = {k: v.sv if isinstance(v, Text) else _one_line(v) for k, v in params.items()}
    en_params = {k: v.en if isinstance(v, Text) else _one_line(v) for k, v in params.items()}
    return Text(sv.format(**sv_params), en.format(**en_params))


def msg_text(message_id: str, lang: str, **params: object) -> str:
    """A catalogue message in one language, its parameters filled in."""
    return msg(message_id, **params).get(lang)


def number_text(value: float | int | None, decimals: int = 1, *, empty: str = "–") -> Text:
    """A number in both languages (84,6 / 84.6), for a message parameter."""
    return Text(format_number(value, "sv", decimals, empty=empty), format_number(value, "en", decimals, empty=empty))


def percent_text(value: float | int | None, decimals: int = 1, *, empty: str = "–") -> Text:
    """A percentage in both languages (84,6 % / 84.6 %), for a message parameter."""
    return Text(format_percent(value, "sv", decimals, empty=empty), format_percent(value, "en", decimals, empty=empty))

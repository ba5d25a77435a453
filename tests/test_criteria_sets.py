"""Every criterion of the shipped sets vgr@2015 and ale@2012, met and broken, through check_bytes."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from sicheck.checker import CheckOptions, check_bytes
from sicheck.engine import evaluate
from sicheck.i18n import msg
from sicheck.loader import load_yaml
from sicheck.model import ApplicationResult, CriterionResult

from .conftest import CATALOG, ROOT

Application = dict[str, Any]
Mutation = Callable[[Application], None]

VGR = "vgr@2015"
ALE = "ale@2012"
VGR_IDS = [f"VGR-{n:02d}" for n in range(1, 14)]
ALE_IDS = [f"ALE-{n:02d}" for n in range(1, 10)]
NOT_REQUIRED = {"VGR-13", "ALE-09"}

# --- the complete base applications ---------------------------------------------------------------

VGR_BASE: Application = {
    "format": 1,
    "criteria": VGR,
    "project": {
        "title": "Tidiga insatser för ökad skolnärvaro",
        "summary": (
            "Borås stad och BUP bygger tillsammans en gemensam rutin för att upptäcka och hantera hög "
            "skolfrånvaro i lågstadiet, så att elever med begynnande frånvaro fångas upp tidigt."
        ),
        "start": "2015-08-01",
        "end": "2018-06-30",
    },
    "applicant": {
        "principal": "boras-gsf",
        "contact": {"name": "Karin Alm", "email": "karin.alm@boras.example"},
    },
    "principals": [
        {
            "id": "boras-gsf",
            "name": "Borås stad",
            "unit": "Grundskoleförvaltningen",
            "kind": "municipality",
            "org_id": "SE-ON-2120001561",
        },
        {"id": "boras-ifo", "name": "Borås stad", "unit": "Individ- och familjeomsorgen", "kind": "municipality"},
        {
            "id": "vgr-bup",
            "name": "Västra Götalandsregionen",
            "unit": "Barn- och ungdomspsykiatrin (BUP), Södra Älvsborgs sjukhus",
            "kind": "region",
        },
    ],
    "goal": {
        "description": (
            "Andelen lågstadieelever med hög frånvaro ska minska på projektskolorna, och skola, socialtjänst "
            "och BUP ska ha en gemensam rutin för hur frånvaro upptäcks och följs upp."
        ),
        "complete_grades": (
            "Elever som tidigt får hjälp att komma tillbaka till skolan har bättre chanser att gå ut "
            "årskurs 9 med fullständiga betyg."
        ),
    },
    "target_group": {
        "description": "Elever i förskoleklass till årskurs 3 på sex grundskolor i Borås, och deras vårdnadshavare.",
        "need": (
            "Ett stickprov på sex skolor visar att var fjärde elev har mer än 15 procent frånvaro under en "
            "termin, och att frånvaron upptäcks sent."
        ),
        "size": 420,
        "age": {"min": 6, "max": 10},
    },
    "method": {
        "kind": "tested",
        "name": "Gemensam rutin för frånvarohantering enligt Västbus",
        "description": (
            "Skolorna registrerar frånvaro varje lektion. Elever över gränsvärdet bedöms av elevhälsan, och "
            "vårdnadshavare kallas vid behov till Västbusmöte med socialtjänst och BUP."
        ),
        "theory": "Tidig frånvaro är en känd varningssignal för senare långvarig skolfrånvaro och avbrutna studier.",
        "references": ["Västbus riktlinjer för samverkan kring barn och unga", "Skolverket, Rapport 341 (2010)"],
    },
    "implementation": {
        "description": (
            "Första läsåret kartläggs frånvaron på sex skolor. Därefter prövas rutinen på tre skolor medan "
            "tre skolor är kontrollgrupp."
        ),
        "milestones": [
            {"date": "2015-12-18", "description": "Frånvaroregistrering i gång på alla sex skolor"},
            {"date": "2016-06-15", "description": "Gemensam rutin för frånvarohantering klar"},
        ],
    },
    "effects": [
        {
            "id": "E1",
            "description": "Färre elever med hög frånvaro på insatsskolorna.",
            "indicator": "Andel elever med mer än 15 % frånvaro under en tremånadersperiod",
            "unit": "procent",
            "baseline": 24.0,
            "target": 19.2,
            "expected_by": "2018-06-30",
            "causal_basis": (
                "Långvarig frånvaro börjar nästan alltid med upprepad korttidsfrånvaro som inte har följts upp."
            ),
        },
        {
            "id": "E2",
            "description": "Elever över gränsvärdet får orsaken till frånvaron bedömd.",
            "indicator": "Andel elever över gränsvärdet som elevhälsan bedömt inom fyra veckor",
            "unit": "procent",
            "baseline": 0,
            "target": 80,
            "expected_by": "2017-06-30",
            "references": ["Västbus riktlinjer för samverkan kring barn och unga"],
        },
    ],
    "demarcation": {
        "new_and_different": (
            "I dag finns ingen gemensam rutin mellan skola, IFO och BUP, och frånvaro följs upp olika på varje skola."
        ),
        "part_of_ordinary_operations": False,
    },
    "measurement": {
        "description": "Frånvaron tas ut ur skolornas närvarosystem och jämförs mellan insats- och kontrollskolor.",
        "instruments": ["Lektionsvis närvaroregistrering", "Intervjuer med elevhälsoteamen"],
        "frequency": "Var tredje månad under läsåret",
        "responsible": "boras-gsf",
        "effects": ["E1", "E2"],
    },
    "evaluation": {
        "description": "Följeforskare utvärderar projektet med kvantitativa och kvalitativa metoder.",
        "evaluator": "Högskolan i Borås",
    },
    "continuation": {
        "plan": "Rutinen skrivs in i grundskoleförvaltningens styrdokument och används på alla grundskolor.",
        "funding": "Rutinen ryms i elevhälsans ordinarie budget från läsåret 2018/19, utan externa medel.",
        "receiver": {
            "principal": "boras-gsf",
            "anchoring": "Grundskolenämnden beslutade i maj 2015 att ta över rutinen efter projekttiden.",
        },
    },
    "project_lead": {"name": "Karin Alm", "employer": "boras-gsf", "recruitment": "internal"},
    "co_financing": [
        {"principal": "boras-gsf", "hours": 1200, "cash_sek": 0},
        {"principal": "boras-ifo", "hours": 500, "cash_sek": 0},
        {"principal": "vgr-bup", "hours": 450, "cash_sek": 0},
    ],
    "budget": {
        "requested_sek": 2400000,
        "total_sek": 3100000,
        "items": [
            {"description": "Projektledare 50 % under tre år", "sek": 1650000},
            {"description": "Följeforskning Högskolan i Borås", "sek": 400000},
        ],
    },
    "socioeconomic": {
        "method": "Kostnaden för utanförskap för en elev som inte blir behörig till gymnasiet.",
        "savings_sek_per_year": 900000,
        "horizon_years": 10,
    },
}

ALE_BASE: Application = {
    "format": 1,
    "criteria": ALE,
    "project": {
        "title": "Läxhjälp och fritid i Nödinge",
        "summary": (
            "Skolan, socialtjänsten och en förening i Nödinge erbjuder läxhjälp och ledarledd fritid efter "
            "skoltid för elever i årskurs 4–6."
        ),
        "start": "2012-09-01",
        "end": "2015-06-30",
    },
    "applicant": {
        "principal": "ale-ukf",
        "contact": {"name": "Maria Svensson", "email": "maria.svensson@ale.example"},
    },
    "principals": [
        {"id": "ale-ukf", "name": "Ale kommun", "unit": "Sektor utbildning, kultur och fritid", "kind": "municipality"},
        {"id": "ale-ato", "name": "Ale kommun", "unit": "Sektor arbete, trygghet och omsorg", "kind": "municipality"},
        {"id": "nodinge-forening", "name": "Föräldraföreningen i Nödinge", "kind": "nonprofit"},
    ],
    "goal": {
        "description": "Fler elever i årskurs 4–6 i Nödinge når kunskapskraven och har en meningsfull fritid.",
    },
    "target_group": {
        "description": "Elever i årskurs 4–6 på Nödingeskolan som saknar stöd med skolarbetet hemma.",
        "need": "Andelen elever som når kunskapskraven i alla ämnen i årskurs 6 är lägre än i kommunen i övrigt.",
        "size": 60,
        "age": {"min": 10, "max": 12},
    },
    "method": {
        "kind": "tested",
        "name": "Läxhjälp med ledarledd fritid",
        "description": "Läxhjälp två eftermiddagar i veckan följt av aktiviteter som föreningen leder.",
        "theory": (
            "Forskning om skyddsfaktorer visar att skolframgång och vuxenkontakt minskar risken för senare utanförskap."
        ),
        "references": ["Folkhälsoinstitutet, Skyddsfaktorer för barn och unga (2009)"],
    },
    "implementation": {
        "description": (
            "Hösten 2012 rekryteras läxhjälpare och ledare. Från våren 2013 pågår verksamheten varje "
            "termin, och föreningen ansvarar för fritidsdelen."
        ),
    },
    "effects": [
        {
            "id": "E1",
            "description": "Fler elever når kunskapskraven i årskurs 6.",
            "indicator": "Andel elever som når kunskapskraven i alla ämnen",
            "unit": "procent",
            "baseline": 68,
            "target": 78,
            "expected_by": "2015-06-30",
        }
    ],
    "measurement": {
        "description": "Skolan följer varje termin upp betyg och närvaro för de elever som deltar.",
        "frequency": "Varje termin",
        "responsible": "ale-ukf",
        "effects": ["E1"],
    },
    "evaluation": {
        "description": "En extern utvärderare jämför deltagarnas resultat med elever på andra skolor.",
        "evaluator": "FoU i Väst",
    },
    "budget": {
        "requested_sek": 900000,
        "total_sek": 1200000,
        "items": [
            {"description": "Läxhjälpare och ledare", "sek": 850000},
            {"description": "Lokaler och material", "sek": 350000},
        ],
    },
    "socioeconomic": {
        "method": "Jämförelse av kostnaden för insatsen med kostnaden för en elev som inte fullföljer gymnasiet.",
        "savings_sek_per_year": 400000,
        "horizon_years": 10,
    },
}


# --- running the real path ------------------------------------------------------------------------


def to_bytes(application: Application) -> bytes:
    return yaml.safe_dump(application, allow_unicode=True, sort_keys=False).encode("utf-8")


def run(application: Application, criteria_spec: str) -> ApplicationResult:
    return check_bytes(to_bytes(application), "test.yaml", CheckOptions(CATALOG, criteria=criteria_spec))


def criterion(result: ApplicationResult, criterion_id: str) -> CriterionResult:
    found = [c for c in result.criteria if c.id == criterion_id]
    assert len(found) == 1, f"{criterion_id} not in result: {[c.id for c in result.criteria]}"
    return found[0]


def failed_checks(result: ApplicationResult) -> set[str]:
    return {check.id for c in result.criteria for check in c.checks if not check.passed}


def check_ids(criteria_spec: str) -> set[str]:
    return {check.id for c in CATALOG.load(criteria_spec).criteria for check in c.checks}


def base_for(criteria_spec: str) -> Application:
    return copy.deepcopy(VGR_BASE if criteria_spec == VGR else ALE_BASE)


# --- small helpers for mutations ------------------------------------------------------------------


def drop(*path: str | int) -> Mutation:
    """Remove the key at ``path`` (it must exist, so a typo cannot make a mutation a no-op)."""

    def mutate(application: Application) -> None:
        parent: Any = application
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]

    return mutate


def put(value: Any, *path: str | int) -> Mutation:
    """Set the value at ``path`` (its parent must exist)."""

    def mutate(application: Application) -> None:
        parent: Any = application
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(application: Application) -> None:
        for m in mutations:
            m(application)

    return mutate


def drop_principals(*ids: str) -> Mutation:
    """Remove principals and their co-financing rows (other references must not name them)."""

    def mutate(application: Application) -> None:
        before = len(application["principals"])
        application["principals"] = [p for p in application["principals"] if p["id"] not in ids]
        assert len(application["principals"]) == before - len(ids)
        if "co_financing" in application:
            application["co_financing"] = [c for c in application["co_financing"] if c["principal"] not in ids]

    return mutate


def set_kind(principal_id: str, kind: str | None) -> Mutation:
    def mutate(application: Application) -> None:
        (principal,) = [p for p in application["principals"] if p["id"] == principal_id]
        principal["kind"] = kind

    return mutate


def drop_unit(principal_id: str) -> Mutation:
    def mutate(application: Application) -> None:
        (principal,) = [p for p in application["principals"] if p["id"] == principal_id]
        del principal["unit"]

    return mutate


def on_effect(index: int, key: str, value: Any = ...) -> Mutation:
    """Drop ``key`` from one effect (``value`` omitted) or set it."""

    def mutate(application: Application) -> None:
        effect = application["effects"][index]
        if value is ...:
            del effect[key]
        else:
            effect[key] = value

    return mutate


def on_co_financing(principal_id: str, **changes: Any) -> Mutation:
    def mutate(application: Application) -> None:
        (row,) = [c for c in application["co_financing"] if c["principal"] == principal_id]
        row.update(changes)

    return mutate


# --- the mutation table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One way to break one criterion: the checks that must fail because of it."""

    criteria_spec: str
    criterion_id: str
    name: str
    mutate: Mutation
    fails: tuple[str, ...]

    @property
    def test_id(self) -> str:
        return f"{self.criterion_id}-{self.name}"


def vgr(criterion_id: str, name: str, mutate: Mutation, *fails: str) -> Case:
    return Case(VGR, criterion_id, name, mutate, fails)


def ale(criterion_id: str, name: str, mutate: Mutation, *fails: str) -> Case:
    return Case(ALE, criterion_id, name, mutate, fails)


VGR_CASES: list[Case] = [
    vgr("VGR-01", "no-group", drop("target_group", "description"), "VGR-01.group"),
    vgr("VGR-01", "group-two-words", put("Elever Borås", "target_group", "description"), "VGR-01.group"),
    vgr("VGR-01", "need-blank", put("   ", "target_group", "need"), "VGR-01.need"),
    vgr("VGR-01", "no-target-group", drop("target_group"), "VGR-01.group", "VGR-01.need"),
    vgr("VGR-02", "no-kind", drop("method", "kind"), "VGR-02.kind"),
    vgr("VGR-02", "kind-null", put(None, "method", "kind"), "VGR-02.kind"),
    vgr("VGR-02", "no-description", drop("method", "description"), "VGR-02.description"),
    vgr(
        "VGR-02",
        "no-method",
        drop("method"),
        "VGR-02.kind",
        "VGR-02.description",
    ),
    vgr(
        "VGR-03",
        "no-effects",
        both(drop("effects"), drop("measurement", "effects")),
        "VGR-03.effects",
        "VGR-03.causal-basis",
    ),
    vgr("VGR-03", "effects-empty", both(put([], "effects"), drop("measurement", "effects")), "VGR-03.effects"),
    vgr("VGR-03", "effect-without-date", on_effect(1, "expected_by"), "VGR-03.effects"),
    vgr("VGR-03", "effect-without-description", on_effect(0, "description", " "), "VGR-03.effects"),
    vgr("VGR-04", "no-new-and-different", drop("demarcation", "new_and_different"), "VGR-04.new"),
    vgr("VGR-04", "part-of-ordinary", put(True, "demarcation", "part_of_ordinary_operations"), "VGR-04.not-ordinary"),
    vgr(
        "VGR-04",
        "ordinary-not-stated",
        drop("demarcation", "part_of_ordinary_operations"),
        "VGR-04.not-ordinary",
    ),
    vgr("VGR-05", "no-start", drop("project", "start"), "VGR-05.start"),
    vgr("VGR-05", "no-end", drop("project", "end"), "VGR-05.end"),
    vgr("VGR-05", "end-before-start", put("2015-07-31", "project", "end"), "VGR-05.order"),
    vgr("VGR-05", "end-equals-start", put("2015-08-01", "project", "end"), "VGR-05.order"),
    vgr(
        "VGR-06",
        "only-one-principal",
        drop_principals("boras-ifo", "vgr-bup"),
        "VGR-06.two-principals",
        "VGR-06.region",
    ),
    vgr("VGR-06", "no-region", drop_principals("vgr-bup"), "VGR-06.region"),
    vgr("VGR-06", "region-is-a-state-agency", set_kind("vgr-bup", "state_agency"), "VGR-06.region"),
    vgr(
        "VGR-06",
        "no-municipality",
        both(set_kind("boras-gsf", "other"), set_kind("boras-ifo", "coordination_association")),
        "VGR-06.municipality",
    ),
    vgr("VGR-07", "effect-without-indicator", on_effect(0, "indicator"), "VGR-07.indicator"),
    vgr(
        "VGR-06",
        "another-region",
        both(put("Region Skåne", "principals", 2, "name"), put("SE-ON-2321000255", "principals", 2, "org_id")),
        "VGR-06.region",
        "VGR-12.region-hours",
    ),
    vgr("VGR-06", "another-region-by-name", put("Region Skåne", "principals", 2, "name"), "VGR-06.region"),
    vgr(
        "VGR-06",
        "vgr-name-but-another-org-number",
        put("SE-ON-2321000255", "principals", 2, "org_id"),
        "VGR-06.region",
    ),
    vgr(
        "VGR-07",
        "effect-without-any-number",
        both(on_effect(1, "target"), on_effect(1, "baseline")),
        "VGR-07.number",
        "VGR-07.target",
        "VGR-07.baseline",
    ),
    vgr(
        "VGR-07",
        "no-effects",
        both(drop("effects"), drop("measurement", "effects")),
        "VGR-07.indicator",
        "VGR-07.number",
    ),
    vgr("VGR-08", "no-description", drop("measurement", "description"), "VGR-08.description"),
    vgr(
        "VGR-08",
        "no-measurement",
        drop("measurement"),
        "VGR-08.description",
        "VGR-08.frequency",
        "VGR-08.responsible",
    ),
    vgr("VGR-09", "no-plan", drop("continuation", "plan"), "VGR-09.plan"),
    vgr(
        "VGR-09",
        "funded-by-the-european-social-fund",
        put("Arbetet fortsätter med projektmedel från Europeiska socialfonden", "continuation", "funding"),
        "VGR-09.no-external-funding",
    ),
    vgr(
        "VGR-09",
        "plan-relies-on-project-money",
        put("Arbetet fortsätter när vi har fått nya projektmedel från Arvsfonden.", "continuation", "plan"),
        "VGR-09.no-external-funding",
    ),
    vgr("VGR-10", "no-receiver-principal", drop("continuation", "receiver", "principal"), "VGR-10.receiver"),
    vgr("VGR-10", "no-anchoring", drop("continuation", "receiver", "anchoring"), "VGR-10.anchoring"),
    vgr("VGR-10", "no-receiver", drop("continuation", "receiver"), "VGR-10.receiver", "VGR-10.anchoring"),
    vgr("VGR-11", "external-recruitment", put("external", "project_lead", "recruitment"), "VGR-11.internal"),
    vgr("VGR-11", "recruitment-not-stated", drop("project_lead", "recruitment"), "VGR-11.internal"),
    vgr("VGR-11", "no-employer", drop("project_lead", "employer"), "VGR-11.employer"),
    vgr(
        "VGR-12",
        "region-cash-only",
        on_co_financing("vgr-bup", hours=0, cash_sek=300000),
        "VGR-12.region-hours",
    ),
    vgr(
        "VGR-12",
        "municipalities-cash-only",
        both(
            on_co_financing("boras-gsf", hours=None, cash_sek=500000),
            on_co_financing("boras-ifo", hours=0, cash_sek=100000),
        ),
        "VGR-12.municipality-hours",
    ),
    vgr(
        "VGR-12",
        "no-co-financing",
        drop("co_financing"),
        "VGR-12.municipality-hours",
        "VGR-12.region-hours",
    ),
]

ALE_CASES: list[Case] = [
    ale("ALE-01", "no-applicant", drop("applicant", "principal"), "ALE-01.applicant", "ALE-01.sector"),
    ale("ALE-01", "idea-giver-applies", put("nodinge-forening", "applicant", "principal"), "ALE-01.sector"),
    ale(
        "ALE-01",
        "municipality-without-sector",
        drop_unit("ale-ukf"),
        "ALE-01.sector",
    ),
    ale("ALE-02", "applicant-alone", drop_principals("ale-ato", "nodinge-forening"), "ALE-02.two-principals"),
    ale(
        "ALE-02",
        "no-municipal-sector",
        both(set_kind("ale-ukf", "other"), set_kind("ale-ato", "private")),
        "ALE-02.municipality",
    ),
    ale("ALE-03", "no-goal", drop("goal"), "ALE-03.goal"),
    ale("ALE-03", "goal-two-words", put("Bättre skolresultat.", "goal", "description"), "ALE-03.goal"),
    ale("ALE-04", "no-target-group", drop("target_group", "description"), "ALE-04.group"),
    ale("ALE-05", "no-implementation", drop("implementation"), "ALE-05.implementation"),
    ale("ALE-05", "implementation-blank", put("", "implementation", "description"), "ALE-05.implementation"),
    ale("ALE-06", "no-theory", drop("method", "theory"), "ALE-06.theory"),
    ale("ALE-07", "no-start", drop("project", "start"), "ALE-07.start"),
    ale("ALE-07", "no-end", drop("project", "end"), "ALE-07.end"),
    ale("ALE-07", "end-before-start", put("2012-08-31", "project", "end"), "ALE-07.order"),
    ale("ALE-07", "no-budget", drop("budget"), "ALE-07.cost"),
    ale(
        "ALE-07",
        "zero-total-no-items",
        both(put(0, "budget", "total_sek"), drop("budget", "items")),
        "ALE-07.cost",
    ),
    ale("ALE-08", "no-follow-up", drop("measurement", "description"), "ALE-08.follow-up"),
    ale("ALE-08", "no-evaluation", drop("evaluation"), "ALE-08.evaluation"),
]

CASES = VGR_CASES + ALE_CASES

# Advice: the named warnings fail, but the criterion stays met with full points, and the
# verdict and score do not change.
ADVICE_CASES: list[Case] = [
    vgr(
        "VGR-02",
        "evidence-based-without-references",
        both(put("evidence_based", "method", "kind"), drop("method", "references")),
        "VGR-02.evidence",
    ),
    vgr(
        "VGR-02",
        "evidence-based-empty-references",
        both(put("evidence_based", "method", "kind"), put([], "method", "references")),
        "VGR-02.evidence",
    ),
    vgr("VGR-03", "no-causal-basis", on_effect(0, "causal_basis"), "VGR-03.causal-basis"),
    vgr("VGR-06", "municipality-outside-the-county", put("Malmö stad", "principals", 0, "name"), "VGR-06.county"),
    vgr("VGR-07", "effect-without-target", on_effect(1, "target"), "VGR-07.target"),
    vgr("VGR-07", "effect-target-null", on_effect(0, "target", None), "VGR-07.target"),
    vgr("VGR-07", "effect-without-baseline", on_effect(0, "baseline"), "VGR-07.baseline"),
    vgr("VGR-08", "no-frequency", drop("measurement", "frequency"), "VGR-08.frequency"),
    vgr("VGR-08", "no-responsible", drop("measurement", "responsible"), "VGR-08.responsible"),
    vgr("VGR-08", "no-effect-list", drop("measurement", "effects"), "VGR-08.effects"),
    vgr("VGR-09", "funding-two-words", put("Ordinarie budget.", "continuation", "funding"), "VGR-09.funding"),
    vgr("VGR-09", "funding-not-stated", drop("continuation", "funding"), "VGR-09.funding"),
    vgr("VGR-13", "no-complete-grades", drop("goal", "complete_grades"), "VGR-13.complete-grades"),
    vgr("VGR-13", "no-goal", drop("goal"), "VGR-13.complete-grades", "VGR-13.goal"),
    ale("ALE-02", "one-sector-and-external-party", drop_principals("ale-ato"), "ALE-02.two-municipal"),
    ale("ALE-09", "no-calculation", drop("socioeconomic"), "ALE-09.method", "ALE-09.savings"),
    ale("ALE-09", "no-savings", drop("socioeconomic", "savings_sek_per_year"), "ALE-09.savings"),
]


# --- the base applications meet everything --------------------------------------------------------


@pytest.mark.parametrize(("spec", "base"), [(VGR, VGR_BASE), (ALE, ALE_BASE)], ids=["vgr", "ale"])
def test_base_application_is_eligible_with_full_score(spec: str, base: Application) -> None:
    result = run(copy.deepcopy(base), spec)
    assert result.verdict == "eligible", failed_checks(result)
    assert result.score == 100.0
    assert failed_checks(result) == set()
    assert result.problems == ()
    assert result.criteria_set is not None
    assert f"{result.criteria_set.id}@{result.criteria_set.version}" == spec


@pytest.mark.parametrize(("spec", "base"), [(VGR, VGR_BASE), (ALE, ALE_BASE)], ids=["vgr", "ale"])
def test_base_application_via_engine_evaluate(spec: str, base: Application) -> None:
    loaded = load_yaml(to_bytes(base))
    assert loaded.document is not None
    evaluation = evaluate(loaded.document, CATALOG.load(spec))
    assert evaluation.verdict == "eligible"
    assert evaluation.score == 100.0
    assert all(c.status == "met" and c.points == c.max_points for c in evaluation.criteria)


def test_base_applications_are_not_modified_by_the_tests() -> None:
    # Mutations work on deep copies; a shared base changed by one test would hide failures.
    assert VGR_BASE["project"]["end"] == "2018-06-30"
    assert len(VGR_BASE["principals"]) == 3
    assert len(ALE_BASE["principals"]) == 3


@pytest.mark.parametrize(
    ("spec", "criterion_id"),
    [(VGR, cid) for cid in VGR_IDS] + [(ALE, cid) for cid in ALE_IDS],
    ids=VGR_IDS + ALE_IDS,
)
def test_base_meets_criterion(spec: str, criterion_id: str) -> None:
    result = run(base_for(spec), spec)
    found = criterion(result, criterion_id)
    assert found.status == "met"
    assert found.points == found.max_points
    assert all(check.passed for check in found.checks)


# --- each mutation breaks its criterion -----------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_mutation_breaks_criterion(case: Case) -> None:
    application = base_for(case.criteria_spec)
    case.mutate(application)
    assert application != base_for(case.criteria_spec), "the mutation changed nothing"
    result = run(application, case.criteria_spec)
    # A mutation must stay a valid application: a schema error would hide the criterion.
    assert result.verdict != "invalid", [(p.code, p.location) for p in result.problems]
    target = criterion(result, case.criterion_id)
    assert target.status != "met"
    assert target.points < target.max_points
    failing = {check.id for check in target.checks if not check.passed}
    assert set(case.fails) <= failed_checks(result)
    assert failing, "no check of the target criterion failed"
    assert {f for f in case.fails if f.startswith(case.criterion_id + ".")} <= failing
    assert target.required, "a criterion that is not required gives advice only"
    assert result.verdict == "ineligible"
    assert result.score is not None and result.score < 100
    # Every failed check is reported as a problem with its check id as code.
    codes = {p.code for p in result.problems}
    assert failing <= codes


@pytest.mark.parametrize("case", ADVICE_CASES, ids=[c.test_id for c in ADVICE_CASES])
def test_advice_never_costs_points(case: Case) -> None:
    application = base_for(case.criteria_spec)
    case.mutate(application)
    assert application != base_for(case.criteria_spec), "the mutation changed nothing"
    result = run(application, case.criteria_spec)
    assert result.verdict == "eligible", failed_checks(result)
    assert result.score == 100.0
    target = criterion(result, case.criterion_id)
    assert target.status == "met"
    assert target.points == target.max_points
    assert target.required == (case.criterion_id not in NOT_REQUIRED)
    assert failed_checks(result) == set(case.fails)
    assert {p.code: p.severity for p in result.problems} == dict.fromkeys(case.fails, "warning")


@pytest.mark.parametrize(
    ("spec", "section"), [(VGR, "goal"), (ALE, "socioeconomic")], ids=["VGR-13-goal", "ALE-09-socioeconomic"]
)
def test_the_score_is_the_same_with_and_without_an_optional_section(spec: str, section: str) -> None:
    for broken in [None, *(c for c in CASES if c.criteria_spec == spec)]:
        application = base_for(spec)
        if broken is not None:
            broken.mutate(application)
        if section not in application:
            continue
        with_section = run(copy.deepcopy(application), spec)
        del application[section]
        without = run(application, spec)
        assert (without.score, without.verdict) == (with_section.score, with_section.verdict)


@pytest.mark.parametrize("spec", [VGR, ALE])
def test_only_requirements_and_interpretations_are_errors(spec: str) -> None:
    for found in CATALOG.load(spec).criteria:
        for check in found.checks:
            if check.severity == "error":
                assert check.basis in ("requirement", "interpretation"), check.id
                assert check.quote is not None, check.id
            if not found.required:
                assert (check.basis, check.severity) == ("advice", "warning"), check.id
                assert not re.search(r"\bska\b", check.text.sv) and "must" not in check.text.en, check.id


@pytest.mark.parametrize("case", CASES + ADVICE_CASES, ids=[c.test_id for c in CASES + ADVICE_CASES])
def test_expected_failing_checks_exist(case: Case) -> None:
    assert set(case.fails) <= check_ids(case.criteria_spec)
    # The first expected failure belongs to the criterion the mutation targets.
    assert case.fails and case.fails[0].startswith(case.criterion_id + ".")


@pytest.mark.parametrize(
    ("spec", "cases", "ids"), [(VGR, VGR_CASES, VGR_IDS), (ALE, ALE_CASES, ALE_IDS)], ids=["vgr", "ale"]
)
def test_every_criterion_has_a_mutation(spec: str, cases: list[Case], ids: list[str]) -> None:
    in_set = [c.id for c in CATALOG.load(spec).criteria]
    assert in_set == ids
    assert {c.criterion_id for c in cases + ADVICE_CASES if c.criteria_spec == spec} == set(in_set)
    assert all(c.criteria_spec == spec for c in cases)


def test_mutation_ids_are_unique() -> None:
    ids = [(c.criteria_spec, c.test_id) for c in CASES + ADVICE_CASES]
    assert len(ids) == len(set(ids))


# --- more passing variants ------------------------------------------------------------------------

PASSING: list[tuple[str, str, str, Mutation]] = [
    (VGR, "VGR-02", "new-method-without-references", both(put("new", "method", "kind"), drop("method", "references"))),
    (VGR, "VGR-02", "evidence-based-with-references", put("evidence_based", "method", "kind")),
    (VGR, "VGR-03", "references-instead-of-causal-basis", on_effect(0, "references", ["IFAU rapport 2012:8"])),
    (VGR, "VGR-05", "one-day-project", put("2015-08-02", "project", "end")),
    (VGR, "VGR-06", "exactly-region-and-one-municipality", drop_principals("boras-ifo")),
    (VGR, "VGR-06", "region-by-org-number", put("SE-ON-2321000131", "principals", 2, "org_id")),
    (VGR, "VGR-06", "region-by-short-name", put("VGR", "principals", 2, "name")),
    (
        VGR,
        "VGR-09",
        "without-external-project-money",
        put("Utan externa projektmedel, i ordinarie budget.", "continuation", "funding"),
    ),
    (VGR, "VGR-12", "cash-besides-hours", on_co_financing("vgr-bup", cash_sek=200000)),
    (VGR, "VGR-12", "hours-as-decimal", on_co_financing("vgr-bup", hours=0.5)),
    (VGR, "VGR-13", "goal-description-missing-is-a-warning", drop("goal", "description")),
    (ALE, "ALE-01", "other-sector-applies", put("ale-ato", "applicant", "principal")),
    (ALE, "ALE-02", "one-sector-and-external-party", drop_principals("ale-ato")),
    (ALE, "ALE-02", "two-sectors", drop_principals("nodinge-forening")),
    (ALE, "ALE-07", "cost-as-items-only", drop("budget", "total_sek")),
    (ALE, "ALE-07", "cost-as-total-only", drop("budget", "items")),
]


@pytest.mark.parametrize(
    ("spec", "criterion_id", "mutate"),
    [(s, c, m) for s, c, _, m in PASSING],
    ids=[f"{c}-{n}" for _, c, n, _ in PASSING],
)
def test_variant_still_meets_criterion(spec: str, criterion_id: str, mutate: Mutation) -> None:
    application = base_for(spec)
    mutate(application)
    result = run(application, spec)
    assert criterion(result, criterion_id).status == "met"
    assert result.verdict == "eligible", failed_checks(result)


# --- facts DESIGN states --------------------------------------------------------------------------


def test_vgr_12_cash_alone_does_not_count() -> None:
    application = base_for(VGR)
    on_co_financing("vgr-bup", hours=0, cash_sek=450000)(application)
    result = run(application, VGR)
    assert criterion(result, "VGR-12").status == "partial"
    assert failed_checks(result) == {"VGR-12.region-hours"}
    assert result.verdict == "ineligible"


def test_vgr_12_region_hours_under_a_municipality_do_not_count() -> None:
    application = base_for(VGR)
    drop_principals("vgr-bup")(application)
    application["principals"].append({"id": "vgr-bup", "name": "Västra Götalandsregionen", "kind": "region"})
    # The region is a principal but sets no time aside.
    result = run(application, VGR)
    assert criterion(result, "VGR-06").status == "met"
    assert failed_checks(result) == {"VGR-12.region-hours"}


def test_vgr_11_external_recruitment_fails() -> None:
    application = base_for(VGR)
    application["project_lead"]["recruitment"] = "external"
    result = run(application, VGR)
    assert criterion(result, "VGR-11").status == "partial"
    assert failed_checks(result) == {"VGR-11.internal"}
    assert result.verdict == "ineligible"


def test_vgr_05_end_before_start_fails() -> None:
    application = base_for(VGR)
    application["project"]["start"], application["project"]["end"] = "2018-06-30", "2015-08-01"
    result = run(application, VGR)
    assert failed_checks(result) == {"VGR-05.order"}
    assert criterion(result, "VGR-05").status == "partial"
    assert result.verdict == "ineligible"


def test_impossible_date_is_a_schema_error_not_a_criterion() -> None:
    application = base_for(VGR)
    application["project"]["end"] = "2015-02-30"
    result = run(application, VGR)
    assert result.verdict == "invalid"
    # The checklist is still there, on the valid parts: the date counts as not given.
    assert [p.code for p in result.problems][:1] == ["schema"]
    assert [p.location.path for p in result.problems if p.criterion is None] == ["project.end"]
    assert result.score is not None and result.score < 100
    assert criterion(result, "VGR-05").status == "partial"
    # The format problem says what is wrong at project.end; no second gap repeats it.
    assert [p.location.path for p in result.problems].count("project.end") == 1


def test_vgr_02_evidence_based_without_references_is_advice() -> None:
    # Table 1 only asks whether the method is tested, evidence-based or new.
    application = base_for(VGR)
    application["method"]["kind"] = "evidence_based"
    del application["method"]["references"]
    result = run(application, VGR)
    assert failed_checks(result) == {"VGR-02.evidence"}
    assert (result.verdict, result.score) == ("eligible", 100.0)


def test_vgr_08_without_frequency_is_met_with_advice() -> None:
    application = base_for(VGR)
    del application["measurement"]["frequency"]
    result = run(application, VGR)
    assert criterion(result, "VGR-08").status == "met"
    assert [(p.severity, p.code) for p in result.problems] == [("warning", "VGR-08.frequency")]
    assert (result.verdict, result.score) == ("eligible", 100.0)


def test_region_skane_as_the_only_region_fails_vgr_06() -> None:
    application = base_for(VGR)
    region = application["principals"][2]
    region.update(name="Region Skåne", unit="Skånes universitetssjukhus", org_id="SE-ON-2321000255")
    result = run(application, VGR)
    assert "VGR-06.region" in failed_checks(result)
    assert criterion(result, "VGR-06").status == "partial"
    assert result.verdict == "ineligible"


# --- hints an applicant can read --------------------------------------------------------------

# Rule logic in a hint: a parenthesised group joined by "or"/"and", or a negation "not (".
RULE_LOGIC = re.compile(r"\([^()]*\b(?:eller|och|or|and)\b[^()]*\)|\b(?:inte|not) \(|är namnet|is the name")
ORG_ID = re.compile(r"SE-ON-(\d{6})(\d{4})")


def assert_plain_hint(hint: str, where: str) -> None:
    """No rule logic, and no org-id without the organisation number applicants know."""
    assert not RULE_LOGIC.search(hint), f"{where}: {hint}"
    for first, last in ORG_ID.findall(hint):
        assert f"{first}-{last}" in hint, f"{where}: {hint}"


@pytest.mark.parametrize("spec", [VGR, ALE])
def test_every_hand_written_hint_is_plain(spec: str) -> None:
    # The hint is what `sicheck explain CHECK` shows after the arrow, and a gap's hint.
    for found in CATALOG.load(spec).criteria:
        for check in found.checks:
            for text in filter(None, (check.hint, check.advice)):
                for lang in ("sv", "en"):
                    assert_plain_hint(text.get(lang), f"{check.id} {lang}")


@pytest.mark.parametrize("case", CASES + ADVICE_CASES, ids=[c.test_id for c in CASES + ADVICE_CASES])
def test_every_shown_hint_is_plain(case: Case) -> None:
    application = base_for(case.criteria_spec)
    case.mutate(application)
    result = run(application, case.criteria_spec)
    checks = {k.id: k for c in CATALOG.load(case.criteria_spec).criteria for k in c.checks}
    shown = [p for p in result.problems if p.code in checks]
    assert shown, "the mutation shows no gap"
    for problem in shown:
        assert problem.hint is not None
        check = checks[problem.code]
        own = check.advice or check.hint
        for lang in ("sv", "en"):
            hint = problem.hint.get(lang)
            assert_plain_hint(hint, f"{problem.code} {lang}")
            # Either the check's own words, or a short fix for one list item.
            first = hint.splitlines()[0]
            fix = msg("item-fix", rule="").get(lang).rstrip(".")
            assert first == own.get(lang).splitlines()[0] or (first.startswith(fix) and "(" not in first), first


def test_region_skane_gets_the_hand_written_hint_in_plain_words() -> None:
    application = base_for(VGR)
    application["principals"][2].update(name="Region Skåne", org_id="SE-ON-2321000255")
    result = run(application, VGR)
    (gap,) = [p for p in result.problems if p.code == "VGR-06.region"]
    assert gap.hint is not None and gap.item is not None
    sv = "Av ansökan ska framgå att Västra Götalandsregionen (organisationsnummer 232100-0131)"
    assert gap.hint.sv.startswith(sv)
    assert gap.hint.en.startswith("The application must show Västra Götaland Region (organisation number 232100-0131)")
    assert "Rätta posten" not in gap.hint.sv and "Correct the item" not in gap.hint.en


def test_a_simple_condition_still_says_what_to_change_in_the_item() -> None:
    application = base_for(VGR)
    for row in application["co_financing"]:
        row.pop("hours", None)
        row["cash_sek"] = 100000
    result = run(application, VGR)
    hints = [p.hint.sv for p in result.problems if p.code == "VGR-12.region-hours" and p.hint is not None]
    assert hints and hints[0].startswith("Rätta posten så att hours är ett tal större än 0.")


def test_the_european_social_fund_sentence_fails_vgr_09() -> None:
    application = base_for(VGR)
    application["continuation"]["funding"] = "Arbetet fortsätter med projektmedel från Europeiska socialfonden"
    result = run(application, VGR)
    assert failed_checks(result) == {"VGR-09.no-external-funding"}
    assert result.verdict == "ineligible"
    for without in ("Utan externa projektmedel: elevhälsans ordinarie budget.", "Ingen extern projektfinansiering."):
        application["continuation"]["funding"] = without
        assert run(application, VGR).verdict == "eligible", without


def test_ale_01_idea_giver_cannot_apply() -> None:
    application = base_for(ALE)
    application["applicant"]["principal"] = "nodinge-forening"
    result = run(application, ALE)
    found = criterion(result, "ALE-01")
    assert found.status == "partial"
    assert {c.id: c.passed for c in found.checks} == {"ALE-01.applicant": True, "ALE-01.sector": False}
    assert result.verdict == "ineligible"


def test_ale_02_one_sector_and_an_external_party_passes() -> None:
    application = base_for(ALE)
    application["principals"] = [
        {"id": "ale-ukf", "name": "Ale kommun", "unit": "Sektor utbildning, kultur och fritid", "kind": "municipality"},
        {"id": "fou-vast", "name": "FoU i Väst", "kind": "other"},
    ]
    result = run(application, ALE)
    assert criterion(result, "ALE-02").status == "met"
    assert result.verdict == "eligible"
    assert result.score == 100.0


def test_ale_07_cost_estimate_needs_an_amount() -> None:
    # The hint asks for budget.total_sek in kronor or budget.items "med description och sek";
    # a list of costs without any amount is not a cost estimate (kostnadsberäkning).
    for budget in ({"items": [{}]}, {"total_sek": 0, "items": [{"description": "Personal"}]}):
        application = base_for(ALE)
        application["budget"] = budget
        result = run(application, ALE)
        assert result.verdict == "ineligible", budget
        assert "ALE-07.cost" in failed_checks(result), budget


def test_unquoted_and_quoted_dates_give_the_same_result() -> None:
    quoted = to_bytes(base_for(VGR))
    unquoted = re.sub(rb"'(\d{4}-\d{2}-\d{2})'", rb"\1", quoted)
    assert unquoted != quoted
    assert b"end: 2018-06-30\n" in unquoted
    options = CheckOptions(CATALOG, criteria=VGR)
    a, b = check_bytes(quoted, "a.yaml", options), check_bytes(unquoted, "b.yaml", options)
    assert (a.verdict, a.score) == (b.verdict, b.score) == ("eligible", 100.0)
    broken = unquoted.replace(b"end: 2018-06-30", b"end: 2015-07-31")
    result = check_bytes(broken, "c.yaml", options)
    assert failed_checks(result) == {"VGR-05.order"}


@pytest.mark.parametrize(
    ("spec", "mutate", "check_id", "path"),
    [
        (VGR, drop("continuation", "receiver", "anchoring"), "VGR-10.anchoring", "continuation.receiver.anchoring"),
        (VGR, drop_principals("vgr-bup"), "VGR-06.region", "principals"),
        (VGR, put("2015-07-31", "project", "end"), "VGR-05.order", "project.end"),
        (VGR, on_co_financing("vgr-bup", hours=0, cash_sek=300000), "VGR-12.region-hours", "co_financing[2].hours"),
        (VGR, drop("measurement"), "VGR-08.frequency", "measurement.frequency"),
        (ALE, put("nodinge-forening", "applicant", "principal"), "ALE-01.sector", "applicant.principal"),
    ],
    ids=["missing-key-points-at-parent", "count", "date-order-points-at-then", "co-financing", "no-section", "ref"],
)
def test_failed_check_points_at_its_field(spec: str, mutate: Mutation, check_id: str, path: str) -> None:
    application = base_for(spec)
    mutate(application)
    result = run(application, spec)
    problems = [p for p in result.problems if p.code == check_id]
    assert len(problems) == 1
    assert problems[0].location.path == path
    assert problems[0].location.line >= 1
    assert problems[0].criterion == check_id.partition(".")[0]


def test_no_text_check_asks_for_more_than_twelve_words() -> None:
    def word_minimums(spec: Any) -> list[int]:
        if isinstance(spec, dict):
            found = [int(spec["words"]["min"])] if "words" in spec else []
            return found + [m for value in spec.values() for m in word_minimums(value)]
        if isinstance(spec, list):
            return [m for value in spec for m in word_minimums(value)]
        return []

    minimums = [
        m for s in (VGR, ALE) for c in CATALOG.load(s).criteria for k in c.checks for m in word_minimums(k.spec)
    ]
    assert minimums
    assert max(minimums) <= 12


# --- check ids are part of the interface ----------------------------------------------------------


def test_check_ids_named_in_the_design_and_docs_exist() -> None:
    assert "VGR-06.region" in check_ids(VGR)
    assert "VGR-01.group" in check_ids(VGR)


def test_check_ids_are_stable() -> None:
    assert check_ids(VGR) == {
        "VGR-01.group",
        "VGR-01.need",
        "VGR-02.kind",
        "VGR-02.description",
        "VGR-02.evidence",
        "VGR-03.effects",
        "VGR-03.causal-basis",
        "VGR-04.new",
        "VGR-04.not-ordinary",
        "VGR-05.start",
        "VGR-05.end",
        "VGR-05.order",
        "VGR-06.two-principals",
        "VGR-06.region",
        "VGR-06.municipality",
        "VGR-06.county",
        "VGR-07.indicator",
        "VGR-07.number",
        "VGR-07.target",
        "VGR-07.baseline",
        "VGR-08.description",
        "VGR-08.frequency",
        "VGR-08.responsible",
        "VGR-08.effects",
        "VGR-09.plan",
        "VGR-09.no-external-funding",
        "VGR-09.funding",
        "VGR-10.receiver",
        "VGR-10.anchoring",
        "VGR-11.internal",
        "VGR-11.employer",
        "VGR-12.municipality-hours",
        "VGR-12.region-hours",
        "VGR-13.complete-grades",
        "VGR-13.goal",
    }
    assert check_ids(ALE) == {
        "ALE-01.applicant",
        "ALE-01.sector",
        "ALE-02.two-principals",
        "ALE-02.municipality",
        "ALE-02.two-municipal",
        "ALE-03.goal",
        "ALE-04.group",
        "ALE-05.implementation",
        "ALE-06.theory",
        "ALE-07.start",
        "ALE-07.end",
        "ALE-07.order",
        "ALE-07.cost",
        "ALE-08.follow-up",
        "ALE-08.evaluation",
        "ALE-09.method",
        "ALE-09.savings",
    }


def test_required_flags_follow_the_design() -> None:
    for spec in (VGR, ALE):
        for c in CATALOG.load(spec).criteria:
            assert c.required == (c.id not in NOT_REQUIRED), c.id


# --- scoring (DESIGN section 3) -------------------------------------------------------------------


def expected_score(result: ApplicationResult) -> float:
    total = sum(c.max_points for c in result.criteria)
    return round(100.0 * sum(c.points for c in result.criteria) / total, 1)


def test_warning_does_not_block_eligibility() -> None:
    application = base_for(VGR)
    del application["effects"][0]["causal_basis"]
    result = run(application, VGR)
    found = criterion(result, "VGR-03")
    assert found.status == "met"
    assert found.points == found.max_points == 1.0
    assert result.verdict == "eligible"
    assert result.score == 100.0
    assert [(p.severity, p.code) for p in result.problems] == [("warning", "VGR-03.causal-basis")]
    assert result.has_warnings


def test_two_warnings_in_different_criteria() -> None:
    application = base_for(VGR)
    del application["effects"][1]["baseline"]
    del application["measurement"]["effects"]
    result = run(application, VGR)
    assert result.verdict == "eligible"
    assert criterion(result, "VGR-07").status == "met"
    assert criterion(result, "VGR-07").points == 1.0
    assert criterion(result, "VGR-08").points == 1.0
    assert result.score == expected_score(result) == 100.0
    assert [p.severity for p in result.problems] == ["warning", "warning"]


def test_partial_when_some_checks_pass() -> None:
    application = base_for(VGR)
    del application["project"]["end"]
    result = run(application, VGR)
    found = criterion(result, "VGR-05")
    assert found.status == "partial"
    # start passes, end fails; the order has nothing to compare and counts neither way.
    assert found.points == pytest.approx(1 / 2, abs=1e-3)
    assert result.score == expected_score(result)


def test_missing_when_no_check_passes() -> None:
    application = base_for(VGR)
    del application["project"]["start"]
    del application["project"]["end"]
    result = run(application, VGR)
    found = criterion(result, "VGR-05")
    assert found.status == "missing"
    assert found.points == 0
    # Twelve required criteria of weight 1; VGR-13 is not required and never counts.
    assert result.score == pytest.approx(round(100 * 11 / 12, 1))


def test_missing_when_every_error_check_fails_even_if_advice_passes() -> None:
    # VGR-08: the one error check fails; its advice checks pass, but advice does not count.
    application = base_for(VGR)
    del application["measurement"]["description"]
    result = run(application, VGR)
    found = criterion(result, "VGR-08")
    assert found.status == "missing"
    assert found.points == 0
    assert result.verdict == "ineligible"


def test_not_required_criterion_missing_keeps_eligible_and_full_score() -> None:
    application = base_for(ALE)
    del application["socioeconomic"]
    result = run(application, ALE)
    found = criterion(result, "ALE-09")
    assert (found.status, found.points, found.max_points) == ("met", 0.0, 0.0)
    assert {p.severity for p in result.problems} == {"warning"}
    assert result.verdict == "eligible"
    assert result.score == 100.0


def test_score_is_points_as_percent_of_all_weights() -> None:
    application = base_for(VGR)
    for mutate in (
        drop("target_group"),
        drop("measurement", "frequency"),
        on_effect(0, "causal_basis"),
        drop("goal", "complete_grades"),
    ):
        mutate(application)
    result = run(application, VGR)
    assert result.verdict == "ineligible"
    assert criterion(result, "VGR-01").status == "missing"
    assert criterion(result, "VGR-08").status == "met"
    assert result.score == expected_score(result)
    # 0 (VGR-01) + 11 others in full; advice (VGR-08, VGR-03) and VGR-13 cost nothing.
    assert result.score == pytest.approx(round(100 * 11 / 12, 1))


def test_empty_application_scores_zero_and_is_ineligible() -> None:
    result = run({"format": 1}, VGR)
    assert result.verdict == "ineligible"
    assert all(c.status == "missing" for c in result.criteria if c.required and c.id != "VGR-09")
    # Nothing mentions external project money, so that check of VGR-09 passes.
    assert criterion(result, "VGR-09").status == "partial"
    assert criterion(result, "VGR-13").status == "met"  # advice only
    assert result.score == expected_score(result)


WEIGHTED_SET = """\
id: weighted
version: "1"
title: {sv: "Viktad", en: "Weighted"}
description: {sv: "Test av poäng.", en: "Scoring test."}
source: {title: "Test", authors: [Test], publisher: Test, year: 2020}
valid_from: "2020-01-01"
criteria:
  - id: W-01
    title: {sv: "Mål", en: "Goal"}
    requirement: {sv: "Mål.", en: "Goal."}
    source: {sv: "Test", en: "Test"}
    quote: {text: "Mål och titel.", place: {sv: "Test", en: "Test"}}
    required: true
    weight: 2
    checks:
      - id: W-01.goal
        severity: error
        basis: requirement
        points: 3
        text: {sv: "Mål finns.", en: "There is a goal."}
        hint: {sv: "Skriv goal.description.", en: "Write goal.description."}
        rule: {present: goal.description}
      - id: W-01.title
        severity: error
        basis: interpretation
        text: {sv: "Titel finns.", en: "There is a title."}
        hint: {sv: "Skriv project.title.", en: "Write project.title."}
        rule: {present: project.title}
      - id: W-01.grades
        severity: warning
        basis: advice
        text: {sv: "Betyg finns.", en: "Grades."}
        hint: {sv: "Skriv goal.complete_grades.", en: "Write goal.complete_grades."}
        rule: {present: goal.complete_grades}
  - id: W-02
    title: {sv: "Sammanfattning", en: "Summary"}
    requirement: {sv: "Sammanfattning.", en: "Summary."}
    source: {sv: "Test", en: "Test"}
    quote: {text: "Gärna en sammanfattning.", place: {sv: "Test", en: "Test"}}
    required: false
    weight: 0.5
    checks:
      - id: W-02.summary
        severity: warning
        basis: advice
        text: {sv: "Sammanfattning bör finnas.", en: "There should be a summary."}
        hint: {sv: "Skriv project.summary.", en: "Write project.summary."}
        rule: {present: project.summary}
"""


@pytest.fixture
def weighted_set(tmp_path: Path) -> str:
    path = tmp_path / "weighted@1.yaml"
    path.write_text(WEIGHTED_SET, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("application", "status", "points", "verdict", "score"),
    [
        (
            {"goal": {"description": "Mål", "complete_grades": "Betyg"}, "project": {"title": "T", "summary": "S"}},
            "met",
            2.0,
            "eligible",
            100.0,
        ),
        ({"goal": {"description": "Mål"}, "project": {"title": "T", "summary": "S"}}, "met", 2.0, "eligible", 100.0),
        # W-01.goal (3 points) fails, W-01.title (1 point) passes: 2 x 1/4.
        ({"goal": {"complete_grades": "Betyg"}, "project": {"title": "T"}}, "partial", 0.5, "ineligible", 25.0),
        ({"goal": {"complete_grades": "Betyg"}, "project": {"summary": "S"}}, "missing", 0.0, "ineligible", 0.0),
        (
            {"goal": {"description": "Mål", "complete_grades": "Betyg"}, "project": {"title": "T"}},
            "met",
            2.0,
            "eligible",
            100.0,
        ),
    ],
    ids=["all", "warning-fails", "error-fails", "none", "optional-missing"],
)
def test_points_are_weight_times_share_of_error_check_points(
    weighted_set: str, application: Application, status: str, points: float, verdict: str, score: float
) -> None:
    result = check_bytes(to_bytes(application), "test.yaml", CheckOptions(CATALOG, criteria=weighted_set))
    found = criterion(result, "W-01")
    assert found.status == status
    assert found.max_points == 2.0
    assert found.points == pytest.approx(points)
    assert result.verdict == verdict
    assert result.score == pytest.approx(score)
    optional = criterion(result, "W-02")
    assert (optional.required, optional.status, optional.max_points) == (False, "met", 0.0)


# --- sources that can be found ---------------------------------------------------------------------


def test_each_set_names_its_report_authors_year_and_series() -> None:
    vgr, ale = CATALOG.load(VGR), CATALOG.load(ALE)
    assert vgr.reference is not None and ale.reference is not None
    assert vgr.reference.authors == ("Gustaf Kastberg", "Cristian Lagström")
    assert ale.reference.authors == ("Mikael Löfström", "Viveka Nilsson")
    assert (vgr.reference.year, ale.reference.year) == (2018, 2015)
    assert ale.reference.series is not None and "KFi-rapport nr 132" in ale.reference.series
    # The VGR copy has no title page: the set says so rather than invent a number.
    assert vgr.reference.series is None
    assert vgr.reference.note is not None and "serienummer" in vgr.reference.note.sv
    for found in (vgr, ale):
        assert found.reference.title in found.source.sv and found.reference.title in found.source.en


def test_valid_from_is_not_earlier_than_the_decision_the_source_describes() -> None:
    # VGR chose its project model in spring 2015 and drew up the criteria after it; Ale's
    # kommunstyrelse set the money aside in May 2012.
    assert CATALOG.load(VGR).valid_from >= "2015-06-01"
    assert CATALOG.load(ALE).valid_from >= "2012-06-01"


@pytest.mark.parametrize("spec", [VGR, ALE])
def test_own_advice_says_it_is_sichecks(spec: str) -> None:
    # A check without words from the source is sicheck's own advice, and its why says so.
    for found in CATALOG.load(spec).criteria:
        for check in found.checks:
            if check.quote is None:
                assert check.basis == "advice", check.id
                assert check.why is not None and check.why.sv.startswith("sichecks råd"), check.id
                assert check.why.en.startswith("sicheck's advice"), check.id


def test_the_county_list_names_the_49_municipalities_of_vastra_gotaland() -> None:
    (county,) = [k for c in CATALOG.load(VGR).criteria for k in c.checks if k.id == "VGR-06.county"]
    names = county.spec["not"]["count"]["where"]["all"][1]["not"]["named"]["names"]
    assert len(set(names) - {"Gothenburg"}) == 49
    for name in ("Borås stad", "Gullspångs kommun", "Göteborgs stad", "Ale kommun", "Lilla Edets kommun"):
        application = base_for(VGR)
        application["principals"][0]["name"] = name
        assert "VGR-06.county" not in failed_checks(run(application, VGR)), name


def test_table_1_is_spelt_one_way() -> None:
    # VGR's Table 1 is a proper reference: "Tabell 1" everywhere, never "tabell 1".
    texts = [*ROOT.glob("criteria/*.yaml"), *ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "sicheck/i18n.py"]
    found = [path.name for path in texts if re.search(r"\btabell 1\b", path.read_text(encoding="utf-8"))]
    assert not found
    assert "Tabell 1" in (ROOT / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")

"""The data model of an Integrationskonzept: the single source of truth.

Every YAML concept file is validated against :class:`Concept`; the JSON Schema in
``schemas/concept.schema.json`` is generated from it (``integconcept schema``).
Keys are English, descriptions (shown by editors) are German. Free-text fields use the
markup described in :mod:`integconcept.document.markup`.

No ``from __future__ import annotations``: pydantic would turn every annotation into a string to compile
and evaluate at start-up (~1,000 of them); the one forward reference is quoted ("Member").
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from integconcept.document.dates import VagueDate
from integconcept.document.plain import empty_list as _empty_list
from integconcept.document.plain import validate_day as _validate_day
from integconcept.document.plain import validate_vague as _validate_vague
from integconcept.document.enums import (  # noqa: F401  (re-exported: the model's choices and limits)
    AuthorityKind,
    BODY_KIND_LABELS,
    BodyKind,
    ContractKind,
    FORMAT_VERSION,
    Funder,
    KIM_GUIDELINES,
    KI_GUIDELINES,
    KimComponent,
    LEGAL_BASIS_LABELS,
    LegalBasis,
    MAX_CORE_PROPERTY,
    MAX_COUNT,
    MAX_EUR,
    MAX_PEOPLE,
    MemberCategory,
    MunicipalityKind,
    POLITICAL_BODY_KINDS,
    PURPOSE_LABELS,
    PostRole,
    Programme,
    Purpose,
    Status,
    TaskAreaKind,
)


# --------------------------------------------------------------------------- basic types


_VAGUE_PATTERN = r"^(\d{4}-\d{2}(-\d{2})?|(Anfang|Mitte|Ende) (\d{4}-\d{2}|[A-Za-zäöüÄÖÜ]+ \d{4}))$"

VagueDateField = Annotated[
    VagueDate,
    PlainValidator(_validate_vague),
    PlainSerializer(lambda d: d.canonical(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _VAGUE_PATTERN,
            "description": "Datum: 2012-10-30 (Tag), 2012-11 (Monat) oder Anfang/Mitte/Ende 2012-11.",
            "examples": ["2012-10-30", "2012-11", "Anfang 2012-11"],
        }
    ),
]

Day = Annotated[
    dt.date,
    PlainValidator(_validate_day),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "description": "Genauer Tag in der Form JJJJ-MM-TT, z. B. 2012-10-30.",
            "examples": ["2012-10-30"],
        }
    ),
]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(
        description="Stabile Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. „arbeitswelt“.",
        examples=["arbeitswelt"],
    ),
]

Text = Annotated[
    str,
    Field(
        description=(
            "Freitext. Auszeichnung: Leerzeile = neuer Absatz; „- “ = Aufzählung, „1. “ = nummerierte Liste "
            "(Einrückung um zwei Leerzeichen = Unterpunkt); **fett**, *kursiv*; ^[Text] = Fußnote."
        )
    ),
]


class Model(BaseModel):
    """Base: unknown keys are errors; field order is kept for round trips."""

    # defer_build: a model's validator is built when it is first used. Validating a concept builds only
    # the Concept validator (with every part inside it) instead of one validator per class at import,
    # which halves the model's share of a `validate` call's start-up.
    model_config = ConfigDict(extra="forbid", validate_default=False, use_enum_values=False, defer_build=True)


def Remark():  # noqa: N802 - reads like a type in the field declarations
    """The ``remark`` field of an object: a note for the staff who keep the file, never printed.

    Where a part has a printed ``note`` (a step of the approval process, a funding item), ``remark`` holds
    what only the people maintaining the file should read: where a figure comes from, what the source
    leaves open, what a planning tool suggested."""
    return Field(
        None,
        description=(
            "Interne Anmerkung für die Bearbeitung (z. B. woher eine Angabe stammt oder was die Quelle offenlässt); "
            "wird nicht gedruckt. Was im Dokument erscheinen soll, gehört in „note“."
        ),
    )


def NotPrinted(*names: str):  # noqa: N802 - reads like a type in the field declarations
    """The ``not_printed`` field of an object: which of its fields are kept for the checks only.

    The renderer prints everything a concept holds; data taken from elsewhere (press reports, derived
    values, a reference date the original did not print) is listed here and left out of the document."""
    return Field(
        default_factory=_empty_list,
        description=(
            "Angaben, die nur für die Prüfung gespeichert sind und nicht gedruckt werden, z. B. Zahlen aus "
            "einem Pressebericht oder ein Stichtag, den das Original nicht abdruckt. Mögliche Einträge: "
            + ", ".join(f"„{name}“" for name in names)
            + "."
        ),
    )


# --------------------------------------------------------------------------- authority


class Municipality(Model):
    id: Id
    name: str = Field(description="Name der Stadt oder Gemeinde, z. B. „Bergkamen“.")
    kind: MunicipalityKind | None = Field(None, description="Stadt oder Gemeinde.")


class NoticePeriod(Model):
    """Ladungsfrist nach der Geschäftsordnung (KrO NRW § 32 Abs. 2 überlässt sie ihr)."""

    days: int = Field(ge=0, le=60, description="Länge der Ladungsfrist in Tagen.")
    unit: Literal["calendar_days", "working_days"] = Field(
        "calendar_days", description="Kalendertage oder Arbeitstage."
    )
    counts_session_day: bool | None = Field(
        None,
        description="Zählt der Sitzungstag zur Frist mit (z. B. Stadt Hilden: „Sitzungstag mit eingerechnet“)? "
        "Leer: wie im BGB nicht (oder laut Einstellung session_day_counts).",
    )
    source: str | None = Field(None, description="Fundstelle, z. B. „§ 1 Abs. 2 GO Kreistag“.")


class Authority(Model):
    name: str = Field(max_length=MAX_CORE_PROPERTY, description="Name der Gebietskörperschaft, z. B. „Kreis Unna“.")
    kind: AuthorityKind = Field(description="„kreis“ oder „kreisfreie_stadt“.")
    municipalities: list[Municipality] = Field(
        default_factory=_empty_list,
        description="Kreisangehörige Städte und Gemeinden (nur bei einem Kreis).",
    )
    notice_period: NoticePeriod | None = Field(
        None, description="Ladungsfrist für Sitzungen der politischen Gremien laut Geschäftsordnung."
    )


class Adoption(Model):
    body: str = Field(description="Beschließendes Gremium, z. B. „Kreistag“.")
    date: VagueDateField | None = Field(
        None, description="Datum des Beschlusses: ein Tag, oder ungenau wie gedruckt („Anfang 2013-03“)."
    )
    reference: str | None = Field(None, description="Drucksachen- oder Vorlagennummer.")
    lead: str | None = Field(
        None,
        description="Federführung der Beschlussvorlage (Amt oder Fachbereich), z. B. „Fachbereich 50 – "
        "Arbeit und Soziales“; nur für „integconcept vorlage“, im Konzept nicht gedruckt.",
    )


# --------------------------------------------------------------------------- preamble


class DataChart(Model):
    """A chart drawn from data of the concept (or the county's own image file instead)."""

    title: str | None = Field(None, description="Titel der Grafik; leer = der vorgegebene Titel.")
    image: str | None = Field(
        None,
        description="Eigene Bilddatei (PNG oder JPEG) statt der erzeugten Grafik; Pfad relativ zur Konzeptdatei.",
    )
    alt_text: str | None = Field(
        None, description="Eigener Alternativtext (Bildbeschreibung); leer = aus den Daten erzeugt."
    )


class PopulationRow(Model):
    name: str = Field(description="Zeilenbeschriftung wie gedruckt, z. B. „Bergkamen“.")
    municipality: Id | None = Field(
        None, description="Kennung der Gemeinde aus authority.municipalities, falls die Zeile eine Gemeinde ist."
    )
    total: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="Einwohner insgesamt.")
    without_migration_background: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="Personen ohne Migrationshintergrund."
    )
    with_migration_background: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="Personen mit Migrationshintergrund."
    )
    migration_background_percent: float | None = Field(
        None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="Anteil mit Migrationshintergrund in Prozent, wie gedruckt.",
    )
    foreigners: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="Ausländerinnen und Ausländer.")
    foreigners_percent: float | None = Field(
        None, ge=0, le=100, allow_inf_nan=False, description="Ausländeranteil in Prozent, wie gedruckt."
    )


class PopulationColumns(Model):
    """Column headings as printed in the source."""

    name: str = "Kommune"
    total: str = "Insgesamt"
    without_migration_background: str = "Personen ohne MH"
    with_migration_background: str = "Personen mit MH"
    migration_background_percent: str = "MH in %"
    foreigners: str = "Ausländer"
    foreigners_percent: str = "Ausländer in %"


class PopulationTable(Model):
    title: str = Field(description="Tabellenüberschrift.")
    source: str = Field(description="Quelle der Zahlen, z. B. „Zensus 2011 / IT NRW“.")
    reference_date: Day | None = Field(None, description="Stichtag der Zahlen.")
    columns: PopulationColumns = Field(default_factory=PopulationColumns, description="Spaltenköpfe wie gedruckt.")
    percent_decimals: int = Field(1, ge=0, le=3, description="Nachkommastellen der gedruckten Prozentwerte.")
    number_style: Literal["thin_space", "dot"] = Field(
        "dot", description="Tausendertrennung: „thin_space“ (49 011) oder „dot“ (49.011)."
    )
    rows: list[PopulationRow] = Field(
        description="Eine Zeile je Gemeinde (oder Gebiet), in der gedruckten Reihenfolge."
    )
    total_row: PopulationRow | None = Field(None, description="Summenzeile, z. B. „Kreis Unna“.")
    not_printed: list[Literal["reference_date"]] = NotPrinted("reference_date")
    chart: DataChart | None = Field(
        None,
        description="Zusätzlich ein Balkendiagramm „Einwohner nach Gemeinde“ ausgeben; „chart: {}“ genügt.",
    )


class Preamble(Model):
    title: str = Field("Präambel", description="Überschrift des Abschnitts.")
    intro: Text | None = Field(None, description="Text vor der Bevölkerungstabelle.")
    population_table: PopulationTable | None = None
    history: Text | None = Field(None, description="Geschichte der Integrationsarbeit, Schwerpunktthemen usw.")


# --------------------------------------------------------------------------- definitions and goals


class ActionField(Model):
    id: Id
    name: str = Field(description="Name des Handlungsfelds, z. B. „Arbeitswelt“.")
    description: Text | None = None


class Definitions(Model):
    integration: Text | None = Field(None, description="Definition von Integration.")
    target_groups: Text | None = Field(None, description="Definition der Zielgruppen.")


class GuidingGoal(Model):
    id: Id
    action_field: Id = Field(description="Kennung des Handlungsfelds aus action_fields.")
    heading: str | None = Field(None, description="Überschrift, falls sie vom Namen des Handlungsfelds abweicht.")
    goal: Text = Field(description="Ziel („Ziel: …“).")
    measures: list[Text] = Field(
        default_factory=_empty_list, description="Maßnahmen („Es soll erreicht werden durch: …“)."
    )


class GuidingGoals(Model):
    title: str = Field("Integrationsleitziele", description="Überschrift des Abschnitts.")
    adopted_by: str | None = Field(None, description="Gremium, das die Leitziele beschlossen hat.")
    adopted_on: Day | None = Field(None, description="Datum des Leitzielbeschlusses.")
    intro: Text | None = None
    rationale: Text | None = Field(None, description="Begründung der Beschlussvorlage.")
    goals_heading: str | None = Field(None, description="Zwischenüberschrift vor Globalziel und Leitzielen.")
    global_goal: Text | None = Field(None, description="Globalziel.")
    goal_label: str | None = Field(
        None, max_length=80, description="Bezeichnung vor jedem Ziel, wie gedruckt (z. B. „Leitziel:“); leer: „Ziel:“."
    )
    measures_label: str | None = Field(
        None,
        max_length=120,
        description="Zeile vor den Maßnahmen, wie gedruckt (z. B. „Maßnahmen:“); leer: „Es soll "
        "erreicht werden durch:“.",
    )
    goals: list[GuidingGoal] = Field(default_factory=_empty_list)


# --------------------------------------------------------------------------- implementation


class SteeringGroup(Model):
    id: Id
    name: str
    chair: str | None = Field(None, description="Vorsitz.")
    internal: bool = Field(False, description="Nur verwaltungsintern besetzt?")
    management_level: bool = Field(False, description="Auf Leitungsebene besetzt (für KIM verlangt)?")
    tasks_label: str = Field(
        "Aufgabenstellung dieser Steuerungsgruppe ist:", description="Zeile vor den Aufgaben, wie gedruckt."
    )
    tasks: list[Text] = Field(default_factory=_empty_list, description="Aufgaben der Steuerungsgruppe.")
    composition_label: str = Field(
        "Personelle Zusammensetzung der Steuerungsgruppe:", description="Zeile vor der Zusammensetzung, wie gedruckt."
    )
    composition: Text | None = Field(None, description="Personelle Zusammensetzung.")
    members: list["Member"] = Field(default_factory=_empty_list, description="Mitglieder, soweit einzeln benannt.")
    meeting_rhythm: Text | None = Field(None, description="Sitzungsrhythmus.")
    notes: Text | None = None
    not_printed: list[Literal["chair", "members"]] = NotPrinted("chair", "members")


class Member(Model):
    name: Text = Field(description="Mitglied wie gedruckt (Auszeichnung und Fußnoten erlaubt).")
    category: MemberCategory | None = Field(None, description="Art des Mitglieds, für die rechtliche Prüfung.")


class Strategic(Model):
    title: str = "Strategische Umsetzung"
    intro: Text | None = None
    steering_group: SteeringGroup | None = None
    text: Text | None = Field(None, description="Weiterer Text nach der Steuerungsgruppe.")


class Institution(Model):
    count: int | None = Field(None, ge=0, le=MAX_COUNT, description="Anzahl, wie gedruckt.")
    name: str = Field(description="Art der Institution, z. B. „Schulen in 10 Kommunen“.")
    note: str | None = Field(None, description="Zusatz in Klammern.")
    category: MemberCategory | None = None
    same_line: bool = Field(
        False,
        description="Mit dem vorigen Eintrag in einer Aufzählungszeile drucken, verbunden durch „und“ "
        "(z. B. „8 Jugendämter und 17 offene Jugendeinrichtungen“).",
    )


class Operational(Model):
    title: str = "Operative Umsetzung"
    lead_institution: str | None = Field(None, description="Federführende Stelle.")
    intro: Text | None = None
    institutions_intro: Text | None = Field(None, description="Satz vor der Liste der Partnerinstitutionen.")
    institutions: list[Institution] = Field(default_factory=_empty_list, description="Partnerinstitutionen mit Anzahl.")
    text: Text | None = Field(None, description="Text nach der Liste.")
    not_printed: list[Literal["lead_institution"]] = NotPrinted("lead_institution")


class Implementation(Model):
    title: str = "Umsetzung"
    strategic: Strategic | None = None
    operational: Operational | None = None


# --------------------------------------------------------------------------- tasks of the KI (3.3)


class TaskArea(Model):
    id: Id
    name: str = Field(description="Bereich, z. B. „Elementarbereich“.")
    kind: TaskAreaKind
    focus_goal: list[Text] = Field(
        default_factory=_empty_list, description="Schwerpunktziel(e), falls nur für diesen Bereich."
    )
    sub_goals: list[Text] = Field(default_factory=_empty_list, description="Teilziele, falls nur für diesen Bereich.")
    topics: list[Text] = Field(default_factory=_empty_list, description="Themen-/Arbeitsschwerpunkte.")
    products: list[Text] = Field(default_factory=_empty_list, description="Produkte.")
    moderated_networks: list[Text] = Field(
        default_factory=_empty_list, description="Moderierte Facharbeitskreise/Netzwerke."
    )
    memberships: list[Text] = Field(default_factory=_empty_list, description="Netzwerkmitgliedschaften.")
    memberships_label: str | None = Field(None, description="Abweichende Überschrift für die Mitgliedschaften.")
    action_fields: list[Id] = Field(
        default_factory=_empty_list, description="Kennungen der Handlungsfelder, zu denen der Bereich beiträgt."
    )


class TaskGroup(Model):
    id: Id
    name: str = Field(description="Gruppe, z. B. „Bildung und Erziehung“ oder „Querschnitt“.")
    focus_goal: list[Text] = Field(default_factory=_empty_list, description="Schwerpunktziel der Gruppe.")
    sub_goals: list[Text] = Field(default_factory=_empty_list, description="Teilziele der Gruppe.")
    areas: list[TaskArea] = Field(default_factory=_empty_list)


class Period(Model):
    """Ein Zeitraum, z. B. der Arbeitsschwerpunkte des KI."""

    start: VagueDateField = Field(description="Beginn, z. B. „2024-01“.")
    end: VagueDateField = Field(description="Ende, z. B. „2025-12“.")


class KiTasks(Model):
    title: str = "Aufgabenstellung des Kommunalen Integrationszentrums"
    intro: Text | None = None
    period: Period | None = Field(
        None, description="Zeitraum, für den die Arbeitsschwerpunkte festgelegt sind (in der Regel zwei Jahre)."
    )
    groups: list[TaskGroup] = Field(default_factory=_empty_list)


# --------------------------------------------------------------------------- networks and bodies


class Network(Model):
    id: Id
    name: str
    kind: Literal["network", "conference", "dialogue", "working_groups", "steering_group", "other"] = "network"
    title: str | None = Field(None, description="Überschrift des Unterabschnitts.")
    intro: Text | None = None
    mandate_label: str | None = Field(
        None,
        description="Zeile vor dem Auftrag, wie gedruckt (z. B. „Auftrag:“); "
        "leer, wenn der Einleitungstext den Auftrag ankündigt.",
    )
    mandate: list[Text] = Field(default_factory=_empty_list, description="Auftrag.")
    expected_members_label: str = Field(
        "Voraussichtliche Mitglieder:", description="Zeile vor den Mitgliedern, wie gedruckt."
    )
    expected_members: list[Member] = Field(default_factory=_empty_list, description="(Voraussichtliche) Mitglieder.")
    chair_label: str = Field("Vorsitz:", description="Bezeichnung vor dem Vorsitz, wie gedruckt.")
    chair: str | None = Field(None, description="Vorsitz.")
    management: str | None = Field(None, description="Geschäftsführung.")
    text: Text | None = Field(None, description="Text nach den Mitgliedern.")
    linked_to: list[Id] = Field(
        default_factory=_empty_list,
        description=(
            "Verbindungen im Organigramm „Strategische Steuerung“: Kennungen der Steuerungsgruppe oder anderer "
            "Gremien aus networks.bodies, mit denen dieses Gremium zusammenarbeitet; „ki“ steht für das "
            "Kommunale Integrationszentrum. Leer bei allen Gremien = jedes Gremium hängt an der Steuerungsgruppe."
        ),
    )


class Networks(Model):
    title: str = "Netzwerke und Gremien"
    intro: Text | None = None
    bodies: list[Network] = Field(default_factory=_empty_list)


class Monitoring(Model):
    title: str = "Monitoring"
    intro: Text | None = None
    indicators: list[Text] = Field(default_factory=_empty_list, description="Kennzahlen/Indikatoren oder ihre Felder.")
    text: Text | None = None


class Chart(Model):
    title: str = Field(description="Titel der Übersicht (Organigramm).")
    kind: Literal["steering", "ki_organisation"] | None = Field(
        None,
        description=(
            "Organigramm aus den Angaben des Konzepts zeichnen: „steering“ = Strategische Steuerung "
            "(Steuerungsgruppe, Netzwerke und Gremien, ihre Mitglieder und Verbindungen), „ki_organisation“ = "
            "Anbindung und Aufgabenorganisation des KI (Verwaltung, KI, Aufgabenbereiche, Partner)."
        ),
    )
    image: str | None = Field(
        None,
        description="Eigene Bilddatei (PNG oder JPEG) statt der erzeugten Grafik; Pfad relativ zur Konzeptdatei.",
    )
    alt_text: str | None = Field(
        None, description="Eigener Alternativtext (Bildbeschreibung); leer = aus den Angaben erzeugt."
    )
    note: Text | None = Field(None, description="Anmerkung unter der Übersicht.")
    items: list[Text] = Field(
        default_factory=_empty_list, description="Inhalt der Übersicht als Text, falls vorhanden."
    )


class Organisation(Model):
    title: str = "Übersicht Steuerung und Aufgabenorganisation"
    ki_name: str | None = Field(None, description="Name des Kommunalen Integrationszentrums.")
    predecessor: str | None = Field(None, description="Vorgängereinrichtung, z. B. die RAA.")
    attachment: str | None = Field(None, description="Organisatorische Anbindung in der Verwaltung.")
    start: VagueDateField | None = Field(None, description="Arbeitsbeginn des KI.")
    charts: list[Chart] = Field(default_factory=_empty_list)
    not_printed: list[Literal["ki_name", "predecessor", "attachment", "start"]] = NotPrinted(
        "ki_name", "predecessor", "attachment", "start"
    )


# --------------------------------------------------------------------------- staffing and funding


class Post(Model):
    role: PostRole | None = Field(None, description="Funktion; leer, wenn die Quelle keine nennt.")
    fte: float = Field(ge=0, le=100, allow_inf_nan=False, description="Stellenanteile (Vollzeitäquivalente).")
    label: str | None = Field(None, description="Bezeichnung wie in der Quelle.")
    funded_by: Funder | None = None
    kim_component: KimComponent | None = Field(
        None,
        description="Baustein des Kommunalen Integrationsmanagements, zu dem die Stelle gehört: "
        "strategisches Management, Case Management oder Ausländer-/Einbürgerungsbehörde "
        "(für die Prüfung; wird nicht gedruckt).",
    )
    funding_eur_per_year: float | None = Field(
        None,
        ge=0,
        le=MAX_EUR,
        allow_inf_nan=False,
        description="Förderung je Vollzeitstelle und Jahr in Euro (Festbetrag je Stelle), wie in der Quelle.",
    )
    municipality: Id | None = Field(
        None,
        description="Kennung der kreisangehörigen Gemeinde, bei der die Stelle angesiedelt ist "
        "(z. B. Case Management in einer Stadt).",
    )
    other_funding: list[str] = Field(
        default_factory=_empty_list,
        description="Weitere Mittel für diese Stelle (EU, Bund, Land, Dritte), z. B. „ESF Plus“.",
    )


class FundingItem(Model):
    funder: Funder
    programme: Programme | None = Field(None, description="Förderprogramm: KI, KOMM-AN NRW, KIM oder ein anderes.")
    amount_eur: float | None = Field(None, ge=0, le=MAX_EUR, allow_inf_nan=False, description="Betrag in Euro.")
    per: Literal["year", "total"] | None = Field(
        None, description="Zeitraum: „year“ (jährlich), „total“ (gesamt); leer, wenn die Quelle keinen nennt."
    )
    label: str | None = None
    note: str | None = Field(
        None, description="Anmerkung, die in der Finanzierungstabelle gedruckt wird, z. B. „rund“."
    )
    remark: str | None = Remark()


class PassOn(Model):
    """Mittel, die ein Kreis an kreisangehörige Gemeinden weitergibt (§ 9 Abs. 2 S. 2 TIntG 2022)."""

    recipients: Literal["all"] | list[Id] = Field(
        default_factory=_empty_list,
        description="Empfangende Gemeinden: „all“ oder Liste der Kennungen aus authority.municipalities.",
    )
    other_recipients: list[str] = Field(
        default_factory=_empty_list,
        description="Andere Empfänger, z. B. „Träger der Freien Wohlfahrtspflege“ (Weiterleitung nach der "
        "Förderrichtlinie).",
    )
    contract: ContractKind | None = Field(
        None, description="Vertragsgrundlage: Weiterleitungsvertrag, Kooperationsvertrag oder andere."
    )
    contract_label: str | None = Field(None, description="Bezeichnung des Vertrags wie in der Quelle.")
    purpose: Text | None = Field(None, description="Wofür die Mittel weitergegeben werden, z. B. Case Management.")
    kim_component: KimComponent | None = Field(
        None, description="Baustein des Kommunalen Integrationsmanagements (für die Prüfung; wird nicht gedruckt)."
    )
    amount_eur: float | None = Field(None, ge=0, le=MAX_EUR, allow_inf_nan=False, description="Betrag in Euro.")
    per: Literal["year", "total"] | None = Field(None, description="Zeitraum: „year“ (jährlich), „total“ (gesamt).")


class Staffing(Model):
    title: str = "Personal und Finanzierung"
    posts: list[Post] = Field(default_factory=_empty_list)
    funding: list[FundingItem] = Field(default_factory=_empty_list)
    pass_on: list[PassOn] = Field(
        default_factory=_empty_list,
        description="Weitergabe von Mitteln an kreisangehörige Gemeinden (§ 9 Abs. 2 S. 2 TIntG 2022): an wen, "
        "auf welcher Vertragsgrundlage.",
    )
    delimitation: Text | None = Field(
        None,
        description="Abgrenzung zu Mitteln der EU, des Bundes, des Landes oder Dritter: keine "
        "Doppelförderung (§ 9 Abs. 4 TIntG 2022).",
    )
    text: Text | None = None
    no_financial_impact: bool | None = Field(
        None,
        description="Der Beschluss hat keine finanziellen Auswirkungen (z. B. eine Fortschreibung ohne neue "
        "Stellen und Mittel): die Beschlussvorlage nennt dann „keine“. Wird im Konzept nicht gedruckt.",
    )
    not_printed: list[Literal["posts", "funding", "pass_on", "delimitation", "text"]] = NotPrinted(
        "posts", "funding", "pass_on", "delimitation", "text"
    )


# --------------------------------------------------------------------------- approval process


class Body(Model):
    """A body that appears in the approval process (committee, council, conference)."""

    id: Id
    name: str = Field(description="Name des Gremiums, z. B. „Ausschuss für Arbeit, Soziales und Familie“.")
    kind: BodyKind
    notice_period: NoticePeriod | None = Field(None, description="Abweichende Ladungsfrist dieses Gremiums.")
    oparl_organization: str | None = Field(
        None,
        description="Name oder Adresse (id) der Gruppierung im Ratsinformationssystem (OParl), wenn der "
        "Name dort anders lautet, z. B. „Kreistag des Kreises Unna“.",
    )


class ApprovalStep(Model):
    """One step of the approval process."""

    id: Id
    date: VagueDateField | None = Field(
        None, description="Datum des Schritts; fehlt es, gilt die Reihenfolge in der Liste."
    )
    date_label: str | None = Field(
        None,
        description="Gedruckte Zeitangabe, z. B. „Anschließend“; neben einem Datum wird sie statt des Datums "
        "gedruckt (z. B. „Anfang November“ ohne Jahr), das Datum dient dann der Prüfung.",
    )
    lead_in: Text | None = Field(None, description="Zwischentext, der im Dokument vor diesem Schritt steht.")
    time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = Field(
        None, description="Uhrzeit der Sitzung (HH:MM, 00:00 bis 23:59), falls bekannt."
    )
    body: str = Field(description="Gremium oder Stelle, z. B. „Kreisausschuss“.")
    body_ref: Id | None = Field(None, description="Kennung des Gremiums aus approval_process.bodies.")
    body_kind: BodyKind = Field(description="Art des Gremiums.")
    purpose: Purpose = Field(description="Zweck: information, consultation, decision, application, notice.")
    description: Text | None = Field(None, description="Beschreibung wie gedruckt.")
    recipients: list[Text] = Field(default_factory=_empty_list, description="Empfänger bei Weitergabe des Entwurfs.")
    municipalities: Literal["all"] | list[Id] | None = Field(
        None, description="Beteiligte Gemeinden: „all“ oder Liste der Kennungen."
    )
    invitation_date: Day | None = Field(None, description="Tag der Einladung (Ladung) zur Sitzung.")
    dispatch: bool | None = Field(
        None,
        description="Weitergabe des Entwurfs (Versand an Gemeinden/Partner) statt einer Sitzung? Leer: ein "
        "Schritt mit Empfängerliste (recipients) gilt als Weitergabe.",
    )
    on_draft: bool = Field(
        False, description="Beschluss über einen Entwurf, der danach noch den Gemeinden und Partnern vorgelegt wird."
    )
    print_group: Id | None = Field(
        None,
        description="Schritte mit derselben Kennung stehen im Dokument in einer Zeile "
        "(„29.10./30.10.2012 Kreisausschuss/Kreistag“); sie müssen aufeinander folgen.",
    )
    note: Text | None = Field(None, description="Anmerkung, die im Dokument unter dem Schritt gedruckt wird.")
    remark: str | None = Remark()


class ApprovalProcess(Model):
    title: str = "Informations- und Abstimmungsprozess"
    intro: Text | None = None
    min_consultation_days: int | None = Field(
        None, ge=0, le=365, description="Mindestzeit für Rückmeldungen der Gemeinden und Partner (Tage)."
    )
    leading_zero_days: bool = Field(
        False, description="Tage mit führender Null drucken („05. September 2012“ statt „5. September 2012“)."
    )
    timeline_chart: DataChart | None = Field(
        None,
        description="Zusätzlich den Ablauf als Zeitleiste ausgeben (Schritte mit Datum); „timeline_chart: {}“ genügt.",
    )
    bodies: list[Body] = Field(default_factory=_empty_list, description="Gremien des Verfahrens (optional).")
    steps: list[ApprovalStep] = Field(default_factory=_empty_list)


# --------------------------------------------------------------------------- funding basis


class Guidelines(Model):
    """Welche Förderrichtlinie gilt; ohne Angabe wird sie aus den Daten des Konzepts abgeleitet."""

    ki: Literal["2012", "2015", "2018", "2023", "2025"] | None = Field(
        None,
        description="Förderrichtlinie Kommunale Integrationszentren: 2012, 2015 (Änderung), 2018, 2023 "
        "oder 2025. Leer: nach dem Datum des Antrags bzw. Beschlusses.",
    )
    kim: Literal["2020", "2024"] | None = Field(
        None,
        description="Förderrichtlinie Kommunales Integrationsmanagement: 2020 (nur strategisches "
        "Management) oder 2024 (drei Bausteine). Leer: nach dem Datum.",
    )


class Roadmap(Model):
    """Statt eines aktuellen Konzepts: „bis wann, mit wem und wie ein solches Konzept erstellt wird“."""

    until: VagueDateField = Field(description="Bis wann das Konzept erstellt wird, z. B. „2016-12-31“.")
    with_whom: list[Text] = Field(default_factory=_empty_list, description="Mit wem (Gemeinden, Partner, Gremien).")
    how: Text | None = Field(None, description="Wie (Verfahren, Workshops, Beteiligung).")


# --------------------------------------------------------------------------- the concept


class Concept(Model):
    """Ein Integrationskonzept eines Kreises oder einer kreisfreien Stadt in NRW."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"$id": "https://integconcept.invalid/schemas/concept.schema.json"},
        title="Integrationskonzept",
    )

    format_version: Literal[1] = Field(description="Version des Dateiformats; derzeit 1.")
    id: Id = Field(description="Kennung des Konzepts, z. B. „kreis-unna-2012“.")
    title: str = Field(max_length=MAX_CORE_PROPERTY, description="Titel des Dokuments (höchstens 255 Zeichen).")
    subtitle: str | None = Field(
        None, max_length=MAX_CORE_PROPERTY, description="Untertitel, z. B. „Kreistagsbeschluss vom 30.10.2012“."
    )
    short_title: str | None = Field(None, description="Kurztitel für die Kopfzeile.")
    authority: Authority
    status: Status = Field(description="„draft“ (Entwurf) oder „adopted“ (beschlossen).")
    adoption: Adoption | None = Field(None, description="Beschluss: Gremium und Datum.")
    legal_basis: LegalBasis = Field(description="Rechtsgrundlage, gegen die geprüft wird.")
    uses_kim: bool = Field(False, description="Nimmt das Konzept am Kommunalen Integrationsmanagement (§ 9) teil?")
    guidelines: Guidelines | None = Field(
        None, description="Geltende Förderrichtlinien (KI, KIM); ohne Angabe aus den Daten abgeleitet."
    )
    roadmap: Roadmap | None = Field(
        None, description="Fahrplan zur Erstellung oder Fortschreibung des Konzepts (statt eines aktuellen Konzepts)."
    )
    sources: list[str] = Field(default_factory=_empty_list, description="Quellen der Angaben in dieser Datei.")
    preamble: Preamble | None = None
    definitions: Definitions | None = None
    action_fields: list[ActionField] = Field(default_factory=_empty_list, description="Handlungsfelder.")
    guiding_goals: GuidingGoals | None = None
    implementation: Implementation | None = None
    ki_tasks: KiTasks | None = Field(None, description="Aufgabenstellung des KI (Abschnitt 3.3 in Unna).")
    networks: Networks | None = None
    monitoring: Monitoring | None = None
    organisation: Organisation | None = None
    staffing: Staffing | None = None
    approval_process: ApprovalProcess | None = None

"""German names for every value a concept file can choose from, and for every part of the model, in one place.

The keys in a concept file are English (``body_kind: specialist_committee``); the people who write it think
in German ("Fachausschuss"). This module is the one table that connects the two. It is used by

* the JSON Schema (``schema_export``): titles and descriptions of every part and every value, so editors
  show German;
* the messages (``schema_check``): "Meinten Sie …?" understands the German label and common German words;
* ``explain``, the timeline report and the renderer: the German label of a value.

Enumerations are keyed by the name of their class in :mod:`integconcept.document.model`; choices written as
``Literal`` in the model are keyed ``"Class.field"``. A test checks that every value has a label.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Label:
    label: str  #: short German name, as printed in documents, tables and messages
    description: str = ""  #: one German sentence for editors and explanations
    synonyms: tuple[str, ...] = ()  #: German words people write instead of the key


L = Label

ENUMS: dict[str, dict[str, Label]] = {
    "AuthorityKind": {
        "kreis": L("Kreis", "Ein Kreis mit kreisangehörigen Städten und Gemeinden.", ("Landkreis",)),
        "kreisfreie_stadt": L("Kreisfreie Stadt", "Eine kreisfreie Stadt.", ("Stadt", "Großstadt")),
    },
    "MunicipalityKind": {
        "stadt": L("Stadt", "Kreisangehörige Stadt."),
        "gemeinde": L("Gemeinde", "Kreisangehörige Gemeinde."),
    },
    "Status": {
        "draft": L(
            "Entwurf",
            "Das Konzept ist noch nicht beschlossen; fehlende Teile sind Warnungen.",
            ("Entwurf", "Vorlage", "in Arbeit"),
        ),
        "adopted": L(
            "Beschlossen",
            "Das Konzept ist vom Kreistag oder Rat beschlossen.",
            ("beschlossen", "verabschiedet", "gültig"),
        ),
    },
    "LegalBasis": {
        "tintg2012-p7": L(
            "§ 7 TIntG NRW 2012",
            "Teilhabe- und Integrationsgesetz 2012, § 7 (Konzepte bis 2021).",
            ("§ 7", "TIntG 2012", "2012"),
        ),
        "tintg2022-p8": L(
            "§ 8 TIntG NRW 2022",
            "Teilhabe- und Integrationsgesetz 2022, § 8 (Kommunale Integrationszentren).",
            ("§ 8", "TIntG 2022", "2022"),
        ),
        "tintg2022-p8-p9": L(
            "§§ 8 und 9 TIntG NRW 2022 (mit KIM)",
            "§ 8 und § 9 TIntG 2022: Kommunales Integrationszentrum mit Kommunalem Integrationsmanagement.",
            ("§ 9", "KIM"),
        ),
    },
    "BodyKind": {
        "administration": L(
            "Verwaltung",
            "Verwaltungsvorstand oder verwaltungsinterne Steuerungsgruppe.",
            ("Verwaltungsvorstand", "Verwaltungskonferenz", "Lenkungsgruppe"),
        ),
        "municipalities": L(
            "Städte und Gemeinden",
            "Weitergabe des Entwurfs an die kreisangehörigen Städte und Gemeinden.",
            ("Gemeinden", "Kommunen", "Städte"),
        ),
        "partners": L(
            "Partner",
            "Wohlfahrtsverbände, Schulaufsicht, Fraktionen und andere Partner.",
            ("Wohlfahrtsverbände", "Träger", "Fraktionen"),
        ),
        "integration_council": L(
            "Integrationsrat",
            "Integrationsrat oder Integrationsausschuss (§ 27 GO NRW).",
            ("Integrationsausschuss", "Ausländerbeirat"),
        ),
        "conference": L(
            "Konferenz",
            "Bürgermeister-, Dezernenten- oder Fachkonferenz.",
            ("Bürgermeisterkonferenz", "Dezernentenkonferenz", "Fachkonferenz"),
        ),
        "specialist_committee": L(
            "Fachausschuss",
            "Fachausschuss des Kreistags oder Rats, z. B. Sozialausschuss.",
            ("Fachausschuss", "Ausschuss", "Sozialausschuss", "Schulausschuss"),
        ),
        "main_committee": L(
            "Kreisausschuss/Hauptausschuss",
            "Kreisausschuss (Kreis) oder Hauptausschuss (Stadt).",
            ("Kreisausschuss", "Hauptausschuss"),
        ),
        "council": L(
            "Kreistag/Rat",
            "Kreistag (Kreis) oder Rat (Stadt): beschließt das Konzept.",
            ("Kreistag", "Rat", "Stadtrat", "Stadtverordnetenversammlung"),
        ),
        "other_committee": L(
            "Weiterer Ausschuss",
            "Ein weiterer Ausschuss vor dem Beschluss, weder Fachausschuss "
            "noch Kreis-/Hauptausschuss, z. B. Personal- und Verwaltungsausschuss.",
            ("Personalausschuss", "Verwaltungsausschuss", "Finanzausschuss"),
        ),
        "funding_application": L(
            "Förderantrag", "Antrag auf Förderung des KI bei der Bezirksregierung.", ("Antrag", "Förderantrag")
        ),
        "approval_in_principle": L(
            "Grundsätzliche Genehmigung",
            "Grundsätzliche Genehmigung der Ministerien zwischen Beschluss und Antrag (Zweck: Bescheid).",
            ("Genehmigung", "Grundsatzgenehmigung"),
        ),
        "grant_notice": L("Bewilligungsbescheid", "Bescheid über die Förderung.", ("Bescheid", "Bewilligung")),
        "ki_start": L(
            "Arbeitsbeginn des KI",
            "Das Kommunale Integrationszentrum nimmt die Arbeit auf.",
            ("Start", "Arbeitsbeginn", "Eröffnung"),
        ),
        "other": L("Sonstiges", "Ein anderer Schritt."),
    },
    "Purpose": {
        "information": L("Information", "Das Gremium wird unterrichtet.", ("Kenntnisnahme", "Unterrichtung")),
        "consultation": L(
            "Beratung",
            "Das Gremium berät oder gibt eine Stellungnahme ab.",
            ("Stellungnahme", "Anhörung", "Beteiligung"),
        ),
        "decision": L("Beschlussfassung", "Das Gremium beschließt.", ("Beschluss", "Entscheidung")),
        "application": L("Antrag", "Der Förderantrag wird gestellt.", ("Förderantrag",)),
        "notice": L("Bescheid", "Ein Bescheid ergeht.", ("Bewilligung",)),
    },
    "MemberCategory": {
        "municipality": L("Stadt oder Gemeinde", "Kreisangehörige Stadt oder Gemeinde.", ("Kommune", "Gemeinde")),
        "county_administration": L(
            "Kreisverwaltung", "Kreisverwaltung oder eines ihrer Ämter.", ("Verwaltung", "Amt", "Fachbereich")
        ),
        "municipal_institution": L(
            "Kommunale Einrichtung",
            "Kommunale Einrichtung wie Bildungsbüro oder Jobcenter.",
            ("Bildungsbüro", "Jobcenter"),
        ),
        "school_supervision": L(
            "Schulaufsicht", "Untere Schulaufsicht oder Bezirksregierung.", ("Schulamt", "Bezirksregierung")
        ),
        "free_provider": L(
            "Freier Träger",
            "Freie Träger, Wohlfahrtsverbände, Integrationsagenturen.",
            ("Wohlfahrtsverband", "Träger", "Integrationsagentur"),
        ),
        "migrant_organisation": L(
            "Migrantenorganisation", "Migrantenselbstorganisation.", ("Migrantenselbstorganisation", "MSO")
        ),
        "integration_council": L("Integrationsrat", "Integrationsrat oder Integrationsausschuss."),
        "state_or_federal": L(
            "Land oder Bund",
            "Stelle des Landes oder Bundes, z. B. BAMF, Agentur für Arbeit.",
            ("Land", "Bund", "BAMF", "Agentur für Arbeit"),
        ),
        "business": L("Wirtschaft", "IHK, Handwerkskammer, Unternehmen.", ("IHK", "Handwerk", "Unternehmen")),
        "science": L("Wissenschaft", "Hochschule oder Forschungseinrichtung.", ("Hochschule", "Universität")),
        "volunteers": L("Ehrenamt", "Ehrenamtlich Tätige.", ("Ehrenamtliche", "bürgerschaftliches Engagement")),
        "other": L("Sonstige", "Andere Mitglieder."),
    },
    "TaskAreaKind": {
        "elementary": L("Elementarbereich", "Kindertageseinrichtungen und frühe Bildung.", ("Kita", "Kindergarten")),
        "school": L("Schule", "Schulen aller Formen.", ("Schulen",)),
        "school_to_work": L(
            "Übergang Schule – Beruf", "Übergang von der Schule in Ausbildung und Beruf.", ("Schule/Beruf", "Übergang")
        ),
        "cross_cutting": L(
            "Querschnitt",
            "Querschnittsaufgaben, z. B. Kommunale Integration.",
            ("Querschnittsaufgabe", "Kommunale Integration"),
        ),
        "other": L("Sonstiges", "Ein anderer Bereich."),
    },
    "PostRole": {
        "teacher": L(
            "Lehrkraft (Landesstelle)", "Vom Land abgeordnete Lehrkraft.", ("Lehrer", "Lehrerin", "Lehrerstelle")
        ),
        "social_pedagogue": L(
            "Sozialpädagogische Fachkraft",
            "Sozialpädagogische Fachkraft.",
            ("Sozialpädagoge", "Sozialpädagogin", "Sozialarbeit"),
        ),
        "administration": L(
            "Organisation und Verwaltung", "Verwaltungskraft.", ("Verwaltungskraft", "Sachbearbeitung")
        ),
        "management": L("Leitung", "Leitung des KI.", ("Leiter", "Leiterin")),
        "other": L("Sonstige", "Eine andere Funktion."),
    },
    "Funder": {
        "land": L("Land NRW", "Förderung durch das Land Nordrhein-Westfalen.", ("Land", "NRW")),
        "own": L("Eigenmittel", "Eigenanteil des Kreises oder der Stadt.", ("Eigenanteil", "Kreis", "Stadt")),
        "federal": L("Bund", "Mittel des Bundes.", ("Bundesmittel",)),
        "other": L("Sonstige", "Andere Geldgeber, z. B. Stiftungen.", ("Stiftung",)),
    },
    "KimComponent": {
        "strategic": L(
            "Strategisches Management",
            "KIM-Baustein strategisches Management (Richtlinie 2024 Nr. 1.2 a; 2020–2024 „Baustein 1“).",
            ("Strategie", "Baustein a", "Baustein 1", "Modul 1"),
        ),
        "case_management": L(
            "Case Management",
            "KIM-Baustein Case Management vor Ort (Richtlinie 2024 Nr. 1.2 b; 2020–2024 „Baustein 2“).",
            ("Fallmanagement", "Baustein b", "Baustein 2", "Modul 2"),
        ),
        "immigration_office": L(
            "Ausländer- und Einbürgerungsbehörde",
            "KIM-Baustein Arbeit in den örtlichen "
            "Ausländer- und Einbürgerungsbehörden (Richtlinie 2024 Nr. 1.2 c; 2020–2024 "
            "„Baustein 3“).",
            ("Ausländerbehörde", "Einbürgerungsbehörde", "Baustein c", "Baustein 3", "Modul 3"),
        ),
    },
    "Programme": {
        "ki": L("Kommunales Integrationszentrum", "Förderrichtlinie Kommunale Integrationszentren.", ("KI",)),
        "komm_an": L(
            "KOMM-AN NRW",
            "Programm KOMM-AN NRW (Ehrenamt, Geflüchtete); seit 2023 Teil der Förderrichtlinie "
            "Kommunale Integrationszentren.",
            ("KOMM-AN", "Komm an"),
        ),
        "kim": L(
            "Kommunales Integrationsmanagement",
            "Förderrichtlinie Kommunales Integrationsmanagement.",
            ("KIM", "Integrationsmanagement"),
        ),
        "other": L("Anderes Programm", "Ein anderes Förderprogramm, z. B. ESF Plus.", ("ESF", "Bundesprogramm")),
    },
    "ContractKind": {
        "weiterleitungsvertrag": L(
            "Weiterleitungsvertrag",
            "Vertrag über die Weiterleitung von Fördermitteln an eine Gemeinde.",
            ("Weiterleitung", "Weiterleitungsvereinbarung"),
        ),
        "kooperationsvertrag": L(
            "Kooperationsvertrag",
            "Kooperationsvereinbarung zwischen Kreis und Gemeinde.",
            ("Kooperationsvereinbarung", "Kooperation"),
        ),
        "other": L(
            "Andere Grundlage",
            "Eine andere Vertragsgrundlage, z. B. öffentlich-rechtliche Vereinbarung.",
            ("Vereinbarung",),
        ),
    },
    "PassOn.per": {
        "year": L("jährlich", "Betrag je Jahr.", ("pro Jahr", "jährlich", "Jahr")),
        "total": L("gesamt", "Betrag insgesamt.", ("insgesamt", "Summe")),
    },
    "NoticePeriod.unit": {
        "calendar_days": L("Kalendertage", "Die Frist zählt alle Tage.", ("Tage", "Kalendertag")),
        "working_days": L("Arbeitstage", "Die Frist zählt nur Werktage ohne Feiertage.", ("Werktage", "Arbeitstag")),
    },
    "PopulationTable.number_style": {
        "thin_space": L("Leerzeichen", "Tausender mit schmalem Leerzeichen: 49 011."),
        "dot": L("Punkt", "Tausender mit Punkt: 49.011."),
    },
    "Network.kind": {
        "network": L("Netzwerk", "Ein Netzwerk.", ("Netz",)),
        "conference": L("Konferenz", "Eine Konferenz.", ("Bürgermeisterkonferenz",)),
        "dialogue": L("Dialog", "Ein Dialogforum.", ("Forum", "Dialogforum")),
        "working_groups": L("Arbeitskreise", "Arbeitskreise oder Facharbeitskreise.", ("Arbeitskreis", "AG")),
        "steering_group": L("Steuerungsgruppe", "Eine Steuerungs- oder Lenkungsgruppe.", ("Lenkungsgruppe",)),
        "other": L("Sonstiges", "Eine andere Form."),
    },
    "Guidelines.ki": {
        "2012": L("Richtlinie 2012", "Förderrichtlinie KI vom 25.06.2012 (MBl. NRW. 2012 Nr. 19)."),
        "2015": L("Änderung 2015", "Änderung vom 23.03.2015 (mit der Änderung vom 26.04.2016)."),
        "2018": L("Richtlinie 2018", "Förderrichtlinie vom 27.03.2018 (MBl. NRW. 2018 Nr. 9), noch auf § 7."),
        "2023": L("Richtlinie 2023", "Neufassung vom 10.03.2023 (MBl. NRW. 2023 S. 225), auf § 8 Abs. 1."),
        "2025": L("Richtlinie 2025", "Richtlinie vom 03.04.2025 (BASS 11-02 Nr. 10)."),
    },
    "Guidelines.kim": {
        "2020": L("KIM-Richtlinie 2020", "Runderlass vom 25.11.2020: nur strategisches Management."),
        "2024": L(
            "KIM-Richtlinie 2024",
            "Runderlass vom 12.12.2024: drei Bausteine (Management, Case "
            "Management, Ausländer- und Einbürgerungsbehörden).",
        ),
    },
    "Chart.kind": {
        "steering": L(
            "Strategische Steuerung", "Organigramm aus Steuerungsgruppe, Netzwerken und Gremien.", ("Steuerung",)
        ),
        "ki_organisation": L(
            "Aufgabenorganisation des KI",
            "Organigramm aus Anbindung, KI, Aufgabenbereichen und Partnern.",
            ("Organigramm KI",),
        ),
    },
    "FundingItem.per": {
        "year": L("jährlich", "Betrag je Jahr.", ("pro Jahr", "jährlich", "Jahr")),
        "total": L("gesamt", "Betrag insgesamt.", ("insgesamt", "Summe")),
    },
    # not_printed: which fields of a part are kept for the checks only (render leaves them out)
    "PopulationTable.not_printed": {
        "reference_date": L("Stichtag", "Der Stichtag wird nicht unter die Tabelle gedruckt.", ("Stand",)),
    },
    "SteeringGroup.not_printed": {
        "chair": L("Vorsitz", "Der Vorsitz steht nur im Text und wird nicht eigens gedruckt."),
        "members": L("Mitglieder", "Die Mitgliederliste dient nur der Prüfung."),
    },
    "Operational.not_printed": {
        "lead_institution": L("Federführung", "Die federführende Stelle steht nur im Text.", ("federführend",)),
    },
    "Organisation.not_printed": {
        "ki_name": L("Name des KI", "Der Name des KI wird nicht eigens gedruckt."),
        "predecessor": L("Vorgängereinrichtung", "Die Vorgängereinrichtung wird nicht eigens gedruckt.", ("RAA",)),
        "attachment": L("Anbindung", "Die organisatorische Anbindung wird nicht eigens gedruckt."),
        "start": L("Arbeitsbeginn", "Der Arbeitsbeginn wird nicht eigens gedruckt.", ("Start",)),
    },
    "Staffing.not_printed": {
        "posts": L("Stellen", "Die Stellentabelle wird nicht gedruckt (z. B. Angaben aus einem Pressebericht)."),
        "funding": L("Finanzierung", "Die Finanzierungstabelle wird nicht gedruckt.", ("Geld", "Mittel")),
        "pass_on": L(
            "Weitergabe", "Die Tabelle der an Gemeinden weitergegebenen Mittel wird nicht gedruckt.", ("Weiterleitung",)
        ),
        "delimitation": L(
            "Abgrenzung", "Die Abgrenzung zu anderen Förderungen wird nicht gedruckt.", ("Doppelförderung",)
        ),
        "text": L("Text", "Der Text zu Personal und Finanzierung wird nicht gedruckt."),
    },
}

#: German title and description of every part of the model (the JSON Schema's definitions).
MODELS: dict[str, tuple[str, str]] = {
    "Concept": ("Integrationskonzept", "Ein Integrationskonzept eines Kreises oder einer kreisfreien Stadt in NRW."),
    "Municipality": ("Stadt oder Gemeinde", "Eine kreisangehörige Stadt oder Gemeinde."),
    "NoticePeriod": ("Ladungsfrist", "Ladungsfrist nach der Geschäftsordnung (§ 32 Abs. 2 KrO NRW überlässt sie ihr)."),
    "Authority": ("Kreis oder Stadt", "Die Gebietskörperschaft, die das Konzept beschließt."),
    "Adoption": ("Beschluss", "Beschluss des Konzepts: Gremium, Datum, Vorlagennummer."),
    "PopulationRow": ("Tabellenzeile", "Eine Zeile der Bevölkerungstabelle."),
    "PopulationColumns": ("Spaltenköpfe", "Die Spaltenköpfe der Bevölkerungstabelle, wie gedruckt."),
    "PopulationTable": ("Bevölkerungstabelle", "Bevölkerung nach Gemeinden, mit und ohne Migrationshintergrund."),
    "Preamble": ("Präambel", "Einleitender Abschnitt mit Ausgangslage und Bevölkerungstabelle."),
    "ActionField": ("Handlungsfeld", "Ein Handlungsfeld des Konzepts, z. B. Arbeitswelt oder Bildung."),
    "Definitions": ("Begriffe", "Was das Konzept unter Integration und unter seinen Zielgruppen versteht."),
    "GuidingGoal": ("Leitziel", "Ein Integrationsleitziel zu einem Handlungsfeld mit seinen Maßnahmen."),
    "GuidingGoals": ("Integrationsleitziele", "Abschnitt mit Beschluss, Begründung und den Leitzielen."),
    "SteeringGroup": ("Steuerungsgruppe", "Die Gruppe, die die Umsetzung strategisch steuert."),
    "Member": ("Mitglied", "Ein Mitglied eines Netzwerks oder Gremiums, wie gedruckt."),
    "Strategic": ("Strategische Umsetzung", "Wie die Umsetzung strategisch gesteuert wird."),
    "Institution": ("Partnerinstitution", "Eine Art von Partnerinstitution mit ihrer Anzahl."),
    "Operational": ("Operative Umsetzung", "Wer die Umsetzung operativ trägt."),
    "Implementation": ("Umsetzung", "Strategische und operative Umsetzung des Konzepts."),
    "TaskArea": ("Aufgabenbereich", "Ein Bereich der Aufgaben des KI, z. B. Elementarbereich oder Schule."),
    "TaskGroup": ("Aufgabengruppe", "Eine Gruppe von Aufgabenbereichen, z. B. Bildung und Erziehung."),
    "KiTasks": ("Aufgaben des KI", "Aufgabenstellung des Kommunalen Integrationszentrums."),
    "Network": ("Netzwerk oder Gremium", "Ein Netzwerk, eine Konferenz oder ein Arbeitskreis."),
    "Networks": ("Netzwerke und Gremien", "Die Netzwerke und Gremien der Integrationsarbeit."),
    "Monitoring": ("Monitoring", "Wie die Wirkung des Konzepts beobachtet wird."),
    "Chart": ("Übersicht", "Ein Organigramm oder eine andere Übersicht."),
    "DataChart": ("Grafik aus Daten", "Eine Grafik aus den Angaben des Konzepts oder eine eigene Bilddatei."),
    "Organisation": ("Organisation", "Anbindung und Aufgabenorganisation des KI, mit Übersichten."),
    "Post": ("Stelle", "Eine Stelle im KI mit Stellenanteil und Finanzierung."),
    "FundingItem": ("Finanzierung", "Ein Finanzierungsanteil mit Geldgeber und Betrag."),
    "Staffing": ("Personal und Finanzierung", "Stellen und Finanzierung des KI."),
    "PassOn": (
        "Weitergabe an Gemeinden",
        "Mittel, die der Kreis an kreisangehörige Gemeinden weitergibt, mit "
        "Empfängern und Vertragsgrundlage (§ 9 Abs. 2 S. 2 TIntG 2022).",
    ),
    "Period": ("Zeitraum", "Ein Zeitraum mit Beginn und Ende."),
    "Body": ("Gremium", "Ein Gremium des Gremienlaufs (Ausschuss, Rat, Konferenz)."),
    "ApprovalStep": ("Schritt", "Ein Schritt des Gremienlaufs: wer, wann, wozu."),
    "Guidelines": ("Förderrichtlinien", "Welche Förderrichtlinien gelten; ohne Angabe aus den Daten abgeleitet."),
    "Roadmap": ("Fahrplan", "Bis wann, mit wem und wie ein (neues) Konzept erstellt wird."),
    "ApprovalProcess": ("Gremienlauf", "Informations- und Abstimmungsprozess bis zum Beschluss und Förderantrag."),
}

#: German title and description of each enumeration as a whole.
ENUM_TITLES: dict[str, tuple[str, str]] = {
    "AuthorityKind": ("Art der Gebietskörperschaft", "Kreis oder kreisfreie Stadt."),
    "MunicipalityKind": ("Stadt oder Gemeinde", "Ob eine kreisangehörige Kommune Stadt oder Gemeinde ist."),
    "Status": ("Stand", "Entwurf oder beschlossen."),
    "LegalBasis": ("Rechtsgrundlage", "Das Gesetz, gegen das das Konzept geprüft wird."),
    "BodyKind": ("Art des Gremiums", "Art des Gremiums oder Schritts im Gremienlauf."),
    "Purpose": ("Zweck", "Wozu das Gremium befasst wird."),
    "MemberCategory": ("Art des Mitglieds", "Wer ein Mitglied ist; die rechtlichen Regeln prüfen das."),
    "TaskAreaKind": ("Art des Aufgabenbereichs", "Bereiche der Bildungskette und Querschnittsaufgaben."),
    "PostRole": ("Funktion", "Funktion einer Stelle im KI."),
    "Funder": ("Geldgeber", "Wer einen Finanzierungsanteil trägt."),
    "KimComponent": ("KIM-Baustein", "Baustein des Kommunalen Integrationsmanagements."),
    "Programme": ("Förderprogramm", "Aus welchem Programm ein Betrag stammt."),
    "ContractKind": ("Vertragsgrundlage", "Auf welchem Vertrag die Weitergabe von Mitteln beruht."),
}


def _enum_key(member: Enum) -> str:
    return type(member).__name__


def entry(member: Enum | str, enum: str | None = None) -> Label:
    """The :class:`Label` of an enum member (or of a value of the choice ``enum``)."""
    if isinstance(member, Enum):
        return ENUMS[_enum_key(member)][member.value]
    assert enum is not None, "a plain value needs the name of its choice"
    return ENUMS[enum][member]


def label(member: Enum | str, enum: str | None = None) -> str:
    """The German label of a value: ``label(BodyKind.specialist_committee) == "Fachausschuss"``."""
    return entry(member, enum).label


def labels_of(enum: type[Enum]) -> dict:
    """``{member: German label}`` for a whole enumeration (the renderer's and the reports' tables)."""
    return {member: label(member) for member in enum}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def value_for(enum: str, word: str) -> str | None:
    """The value a German word stands for (``value_for("BodyKind", "Fachausschuss") == "specialist_committee"``).

    Compares the label and the synonyms without case, accents, spaces and punctuation; ``None`` when
    nothing matches or the word is ambiguous.
    """
    folded = _fold(word)
    if not folded:
        return None
    hits = {
        value
        for value, item in ENUMS.get(enum, {}).items()
        if folded == _fold(value)
        or folded == _fold(item.label)
        or any(folded == _fold(s) for s in item.synonyms)
        or (len(folded) > 3 and folded in [_fold(part) for part in item.label.split("/")])
    }
    return hits.pop() if len(hits) == 1 else None


def choices_text(enum: str) -> str:
    """``specialist_committee (Fachausschuss), main_committee (Kreisausschuss/Hauptausschuss), …``."""
    return ", ".join(f"{value} ({item.label})" for value, item in ENUMS[enum].items())


#: Short German names of the fields of the model (the studio's form labels): by field name, and
#: ``"Class.field"`` where the same name means something else in that part. A test checks every field.
FIELDS: dict[str, str] = {
    "title": "Überschrift",
    "intro": "Einleitung",
    "text": "Text",
    "name": "Name",
    "kind": "Art",
    "id": "Kennung",
    "goal": "Ziel",
    "heading": "Überschrift",
    "description": "Beschreibung",
    "date": "Datum",
    "body": "Gremium",
    "note": "Anmerkung",
    "notes": "Anmerkungen",
    "history": "Geschichte",
    "population_table": "Bevölkerungstabelle",
    "total": "Einwohner insgesamt",
    "total_row": "Summenzeile",
    "steering_group": "Steuerungsgruppe",
    "strategic": "Strategische Umsetzung",
    "operational": "Operative Umsetzung",
    "status": "Stand",
    "adoption": "Beschluss",
    "legal_basis": "Rechtsgrundlage",
    "purpose": "Zweck",
    "body_kind": "Art des Gremiums",
    "global_goal": "Globalziel",
    "rationale": "Begründung",
    "subtitle": "Untertitel",
    "short_title": "Kurztitel",
    "chair": "Vorsitz",
    "management": "Geschäftsführung",
    "count": "Anzahl",
    "fte": "Stellenanteile",
    "role": "Funktion",
    "amount_eur": "Betrag in Euro",
    "columns": "Spaltenköpfe",
    "source": "Quelle",
    "reference_date": "Stichtag",
    "integration": "Definition von Integration",
    "target_groups": "Zielgruppen",
    "lead_in": "Zwischentext",
    "time": "Uhrzeit",
    "invitation_date": "Tag der Einladung",
    "municipalities": "Städte und Gemeinden",
    "action_field": "Handlungsfeld",
    "authority": "Kreis oder Stadt",
    "start": "Arbeitsbeginn",
    "attachment": "Organisatorische Anbindung",
    "ki_name": "Name des KI",
    "days": "Ladungsfrist (Tage)",
    "unit": "Zählweise",
    "counts_session_day": "Sitzungstag zählt mit",
    "notice_period": "Ladungsfrist",
    "reference": "Vorlagennummer",
    "image": "Eigene Bilddatei",
    "alt_text": "Bildbeschreibung (Alternativtext)",
    "municipality": "Gemeinde (Kennung)",
    "without_migration_background": "Personen ohne Migrationshintergrund",
    "with_migration_background": "Personen mit Migrationshintergrund",
    "migration_background_percent": "Anteil mit Migrationshintergrund (%)",
    "foreigners": "Ausländerinnen und Ausländer",
    "foreigners_percent": "Ausländeranteil (%)",
    "percent_decimals": "Nachkommastellen der Prozentwerte",
    "number_style": "Tausendertrennung",
    "rows": "Zeilen",
    "not_printed": "Nur für die Prüfung (nicht gedruckt)",
    "chart": "Balkendiagramm",
    "measures": "Maßnahmen",
    "adopted_by": "Beschlossen von",
    "adopted_on": "Beschlossen am",
    "goals_heading": "Zwischenüberschrift",
    "goals": "Leitziele",
    "internal": "Nur verwaltungsintern",
    "management_level": "Auf Leitungsebene besetzt",
    "tasks_label": "Zeile vor den Aufgaben",
    "tasks": "Aufgaben",
    "composition_label": "Zeile vor der Zusammensetzung",
    "composition": "Personelle Zusammensetzung",
    "members": "Mitglieder",
    "meeting_rhythm": "Sitzungsrhythmus",
    "category": "Art des Mitglieds",
    "same_line": "In einer Zeile mit dem vorigen Eintrag",
    "lead_institution": "Federführende Stelle",
    "institutions_intro": "Satz vor den Partnerinstitutionen",
    "institutions": "Partnerinstitutionen",
    "focus_goal": "Schwerpunktziel",
    "sub_goals": "Teilziele",
    "topics": "Themen und Arbeitsschwerpunkte",
    "products": "Produkte",
    "moderated_networks": "Moderierte Netzwerke",
    "memberships": "Netzwerkmitgliedschaften",
    "memberships_label": "Überschrift der Mitgliedschaften",
    "action_fields": "Handlungsfelder",
    "areas": "Aufgabenbereiche",
    "groups": "Aufgabengruppen",
    "mandate_label": "Zeile vor dem Auftrag",
    "mandate": "Auftrag",
    "expected_members_label": "Zeile vor den Mitgliedern",
    "expected_members": "Voraussichtliche Mitglieder",
    "chair_label": "Bezeichnung vor dem Vorsitz",
    "linked_to": "Verbindungen im Organigramm",
    "bodies": "Gremien",
    "indicators": "Kennzahlen",
    "items": "Einträge",
    "predecessor": "Vorgängereinrichtung",
    "charts": "Übersichten",
    "label": "Bezeichnung",
    "funded_by": "Finanziert von",
    "funder": "Geldgeber",
    "per": "Zeitraum",
    "posts": "Stellen",
    "funding": "Finanzierung",
    "oparl_organization": "Name im Ratsinformationssystem",
    "date_label": "Gedruckte Zeitangabe",
    "body_ref": "Gremium (Kennung)",
    "recipients": "Empfänger",
    "dispatch": "Weitergabe des Entwurfs",
    "on_draft": "Beschluss über einen Entwurf",
    "print_group": "Druckgruppe",
    "min_consultation_days": "Mindestzeit für Rückmeldungen (Tage)",
    "leading_zero_days": "Tage mit führender Null",
    "timeline_chart": "Zeitleiste als Grafik",
    "steps": "Schritte",
    "ki": "Förderrichtlinie KI",
    "kim": "Förderrichtlinie KIM",
    "until": "Bis wann",
    "with_whom": "Mit wem",
    "how": "Wie",
    "format_version": "Version des Dateiformats",
    "uses_kim": "Mit Kommunalem Integrationsmanagement (§ 9)",
    "guidelines": "Förderrichtlinien",
    "roadmap": "Fahrplan",
    "sources": "Quellen",
    "preamble": "Präambel",
    "definitions": "Begriffe",
    "guiding_goals": "Integrationsleitziele",
    "implementation": "Umsetzung",
    "ki_tasks": "Aufgaben des KI",
    "networks": "Netzwerke und Gremien",
    "monitoring": "Monitoring",
    "organisation": "Organisation",
    "staffing": "Personal und Finanzierung",
    "approval_process": "Gremienlauf",
    "PopulationColumns.name": "Kopf der Namensspalte",
    "PopulationColumns.total": "Kopf „Insgesamt“",
    "PopulationColumns.without_migration_background": "Kopf „ohne Migrationshintergrund“",
    "PopulationColumns.with_migration_background": "Kopf „mit Migrationshintergrund“",
    "PopulationColumns.migration_background_percent": "Kopf „Anteil mit Migrationshintergrund“",
    "PopulationColumns.foreigners": "Kopf „Ausländer“",
    "PopulationColumns.foreigners_percent": "Kopf „Ausländeranteil“",
    "Institution.category": "Art der Institution",
    "TaskArea.kind": "Art des Bereichs",
    "Network.kind": "Form",
    "Chart.kind": "Organigramm zeichnen",
    "ApprovalStep.municipalities": "Beteiligte Gemeinden",
    "Municipality.kind": "Stadt oder Gemeinde",
    "Authority.kind": "Art",
    "Authority.name": "Name",
    "Concept.id": "Kennung des Konzepts",
    "Concept.title": "Titel",
    "Concept.action_fields": "Handlungsfelder",
    "TaskArea.action_fields": "Beiträge zu Handlungsfeldern (Kennungen)",
    "Adoption.body": "Beschließendes Gremium",
    "Adoption.date": "Datum des Beschlusses",
    "ApprovalStep.body": "Gremium oder Stelle",
    "end": "Ende",
    "period": "Zeitraum",
    "kim_component": "Baustein des KIM",
    "funding_eur_per_year": "Förderung je Jahr (Euro)",
    "other_funding": "Weitere Mittel",
    "programme": "Förderprogramm",
    "remark": "Interne Anmerkung",
    "contract": "Vertragsgrundlage",
    "contract_label": "Bezeichnung des Vertrags",
    "pass_on": "Weitergabe an Gemeinden",
    "lead": "Federführung",
    "no_financial_impact": "Keine finanziellen Auswirkungen",
    "delimitation": "Abgrenzung zu anderen Mitteln",
}


def field_label(owner: str, name: str, description: str | None = None) -> str:
    """German label of the field ``name`` of the model class called ``owner`` (``"Adoption"``).

    A field not in :data:`FIELDS` is named by the start of its German ``description`` (up to the first
    example, bracket or sentence end), so a field added to the model never shows its English key."""
    known = FIELDS.get(f"{owner}.{name}") or FIELDS.get(name)
    if known:
        return known
    if description:
        import re

        short = re.split(r",? z\. ?B\.|\s\(|[.;:]\s|\.$|„", description, maxsplit=1)[0].strip()
        if short and len(short) <= 60:
            return short
    return name

"""The concept's choices (enums) and limits, without pydantic: the rules, the reporters and the plain
classes of :mod:`integconcept.document.plain_model` import them from here; :mod:`integconcept.document.model`
declares its fields with them (and re-exports them)."""

from __future__ import annotations

from enum import Enum

from integconcept.document.labels import labels_of

FORMAT_VERSION = 1

#: Number domains (a county's population, an amount in euro, a count): far above any real value,
#: far below what breaks formatting and arithmetic (.nan, .inf and 1e400 are refused as well).
MAX_PEOPLE = 100_000_000
MAX_COUNT = 1_000_000
MAX_EUR = 1e12
#: DOCX core properties (title, subject, author) hold at most 255 characters.
MAX_CORE_PROPERTY = 255

KI_GUIDELINES = ("2012", "2015", "2018", "2023", "2025")
KIM_GUIDELINES = ("2020", "2024")


# --------------------------------------------------------------------------- enums


class AuthorityKind(str, Enum):
    kreis = "kreis"
    kreisfreie_stadt = "kreisfreie_stadt"


class MunicipalityKind(str, Enum):
    stadt = "stadt"
    gemeinde = "gemeinde"


class Status(str, Enum):
    draft = "draft"
    adopted = "adopted"


class LegalBasis(str, Enum):
    """The law the concept is checked against."""

    tintg2012_p7 = "tintg2012-p7"
    tintg2022_p8 = "tintg2022-p8"
    tintg2022_p8_p9 = "tintg2022-p8-p9"


LEGAL_BASIS_LABELS = labels_of(LegalBasis)


class BodyKind(str, Enum):
    """Kind of body or step in the approval process (Gremienlauf)."""

    administration = "administration"  # Verwaltungsvorstand, internal steering group
    municipalities = "municipalities"  # draft sent to the member municipalities
    partners = "partners"  # welfare associations, school supervision, parliamentary groups
    integration_council = "integration_council"
    conference = "conference"  # Bürgermeister-, Dezernentenkonferenz
    specialist_committee = "specialist_committee"  # Fachausschuss
    main_committee = "main_committee"  # Kreisausschuss (Kreis) / Hauptausschuss (Stadt)
    council = "council"  # Kreistag / Rat
    other_committee = "other_committee"  # a further committee before the decision (Personal- und Verwaltungsausschuss)
    funding_application = "funding_application"
    approval_in_principle = "approval_in_principle"  # grundsätzliche Genehmigung der Ministerien (purpose: notice)
    grant_notice = "grant_notice"
    ki_start = "ki_start"  # Arbeitsbeginn des KI
    other = "other"


BODY_KIND_LABELS = labels_of(BodyKind)

#: Political bodies: their sessions need an invitation within the notice period.
POLITICAL_BODY_KINDS = frozenset(
    {
        BodyKind.specialist_committee,
        BodyKind.main_committee,
        BodyKind.council,
        BodyKind.integration_council,
        BodyKind.other_committee,
    }
)


class Purpose(str, Enum):
    information = "information"
    consultation = "consultation"
    decision = "decision"
    application = "application"
    notice = "notice"


PURPOSE_LABELS = labels_of(Purpose)


class MemberCategory(str, Enum):
    """Who a member of a network or body is; the legal rules look at this."""

    municipality = "municipality"  # kreisangehörige Stadt/Gemeinde
    county_administration = "county_administration"  # Kreisverwaltung, its departments
    municipal_institution = "municipal_institution"  # kommunale Einrichtung (Bildungsbüro, Jobcenter …)
    school_supervision = "school_supervision"  # untere Schulaufsicht, Bezirksregierung
    free_provider = "free_provider"  # freie Träger, Wohlfahrtsverbände, Integrationsagenturen
    migrant_organisation = "migrant_organisation"
    integration_council = "integration_council"
    state_or_federal = "state_or_federal"  # Land, Bund (BAMF), Agentur für Arbeit
    business = "business"  # IHK, Handwerk, Unternehmen
    science = "science"
    volunteers = "volunteers"
    other = "other"


class TaskAreaKind(str, Enum):
    """The areas of § 7 Abs. 1 Nr. 1 (education chain) and the cross-cutting work (Nr. 2)."""

    elementary = "elementary"  # Elementarbereich
    school = "school"  # Schule
    school_to_work = "school_to_work"  # Übergang Schule – Beruf
    cross_cutting = "cross_cutting"  # Querschnitt / Kommunale Integration
    other = "other"


class PostRole(str, Enum):
    teacher = "teacher"  # Lehrkraft (vom Land abgeordnet)
    social_pedagogue = "social_pedagogue"  # sozialpädagogische Fachkraft
    administration = "administration"  # Organisation und Verwaltung
    management = "management"
    other = "other"


class Funder(str, Enum):
    land = "land"
    own = "own"  # Eigenmittel des Kreises / der Stadt
    federal = "federal"
    other = "other"


class KimComponent(str, Enum):
    """The building block of the KIM programme a post or sum belongs to (guideline 2024 Nr. 1.2 a-c;
    in 2020-2024 council decisions "Bausteine/Module 1 bis 3")."""

    strategic = "strategic"  # a) strategisches Management
    case_management = "case_management"  # b) Case Management
    immigration_office = "immigration_office"  # c) Ausländer- und Einbürgerungsbehörden


class Programme(str, Enum):
    """The funding programme a sum comes from."""

    ki = "ki"  # Förderrichtlinie Kommunale Integrationszentren
    komm_an = "komm_an"  # KOMM-AN NRW (since 2023 part of the KI guideline)
    kim = "kim"  # Kommunales Integrationsmanagement
    other = "other"


class ContractKind(str, Enum):
    """The contract on which a Kreis passes funds on to a municipality (§ 9 Abs. 2 S. 2 TIntG 2022)."""

    weiterleitungsvertrag = "weiterleitungsvertrag"
    kooperationsvertrag = "kooperationsvertrag"
    other = "other"

"""G901 rechtskreisuebergreifende-steuerung: the check; its cases are in g901_rechtskreisuebergreifende_steuerung.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import MemberCategory
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import categories, structures
from integconcept.rules.law import GUIDELINE_KIM, VERBATIM, p9, quote_p9
from integconcept.rules.packs.kim._shared import kim_citations

PUBLIC_CATEGORIES = {
    MemberCategory.municipality: "Gemeinden",
    MemberCategory.county_administration: "Kreisverwaltung",
    MemberCategory.municipal_institution: "kommunale Einrichtungen (Jobcenter, Ausländerbehörde …)",
    MemberCategory.state_or_federal: "Land/Bund (Agentur für Arbeit, BAMF …)",
    MemberCategory.school_supervision: "Schulaufsicht",
}


@register
class CrossSystemSteering(Rule):
    code = "G901"
    modality = Modality.guideline
    name = "rechtskreisuebergreifende-steuerung"
    summary = "Eine Steuerungsstruktur verbindet Stellen aus mehreren Rechtskreisen (KIM)."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (p9("1"), GUIDELINE_KIM)
    explanation = (
        "Gesucht wird ein Netzwerk oder eine Steuerungsgruppe, deren Mitglieder aus mindestens zwei "
        "verschiedenen öffentlichen Bereichen stammen (`category`: municipality, county_administration, "
        "municipal_institution, state_or_federal, school_supervision) – z. B. Kreisverwaltung, Jobcenter "
        "und Agentur für Arbeit."
    )
    reason = (
        quote_p9("1", "structures") + "; " + quote_p9("1", "aim") + ". Eine Gruppe nur aus einer Verwaltung "
        "steuert nicht über Rechtskreise hinweg. Ein KIM-Konzept von 2020/21 (vor dem TIntG 2022) wird an der "
        "KIM-Förderrichtlinie 2020 gemessen, die das strategische Management ebenso verlangt. " + VERBATIM
    )
    fix = (
        "Beschreiben Sie die KIM-Steuerungsgruppe mit ihren Mitgliedern aus Kreisverwaltung, Jobcenter, "
        "Ausländerbehörde, Agentur für Arbeit usw. und deren `category`."
    )

    def cite(self, ctx):
        return kim_citations(self, ctx, "1", component="strategic")

    def check(self, ctx):
        found = structures(ctx.concept)
        if any(len(categories(s) & set(PUBLIC_CATEGORIES)) >= 2 for s in found):
            return
        path = (
            ("implementation", "strategic", "steering_group")
            if any(s.kind == "steering_group" for s in found)
            else ("networks",)
        )
        yield Problem(
            path,
            "Keine Steuerungsstruktur verbindet Stellen aus mehreren Rechtskreisen; verlangt sind "
            "Mitglieder aus mindestens zwei Bereichen: " + ", ".join(PUBLIC_CATEGORIES.values()) + ".",
            "Ergänzen Sie die Mitglieder der Steuerungsgruppe mit ihrer `category`.",
        )

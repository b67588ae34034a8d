"""FR06 ki-organisatorisch-eigenstaendig: the check; its cases are in fr06_ki_organisatorisch_eigenstaendig.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Modality, Problem, Rule, register
from integconcept.rules.guidelines import KI_CITATIONS
from integconcept.rules.law import GUIDELINES_ON_P8, KI_P8_TEXT, NOT_CHECKED, URL_KI_2026_CONDITIONS


@register
class IndependentKi(Rule):
    code = "FR06"
    modality = Modality.guideline
    name = "ki-organisatorisch-eigenstaendig"
    summary = "Nach den Förderrichtlinien 2023/2025 sagt das Konzept, wo das organisatorisch eigenständige KI angebunden ist."
    severity = Severity.warning
    citations = (KI_CITATIONS["2025"], KI_CITATIONS["2023"])
    explanation = (
        "Nur wenn die KI-Förderrichtlinie 2023 oder 2025 gilt. Verlangt wird die organisatorische Anbindung "
        "(`organisation.attachment`), an der sich zeigt, dass das KI eine eigene Organisationseinheit ist. "
        "Das entspricht FR02 der Förderrichtlinie 2012.\n\n"
        f"{NOT_CHECKED}: Die Voraussetzung steht so im Förderportal des Landes für das Förderjahr 2026; der Text "
        "der Richtlinien selbst wurde nicht gefunden. Darum eine Warnung, kein Fehler."
    )
    reason = (
        f"Fördervoraussetzung laut Förderportal NRW (wörtlich): „{KI_P8_TEXT['conditions_independent']}“ "
        f"({URL_KI_2026_CONDITIONS})."
    )
    fix = "Tragen Sie unter `organisation.attachment` ein, wo das KI in der Verwaltung steht, z. B. „Amt 50, eigenes Sachgebiet“."

    def cite(self, ctx):
        return (KI_CITATIONS[ctx.guideline.ki],) if ctx.guideline.ki in KI_CITATIONS else self.citations

    def check(self, ctx):
        if ctx.guideline.ki not in GUIDELINES_ON_P8:
            return
        organisation = ctx.concept.organisation
        if organisation and organisation.attachment and organisation.attachment.strip():
            return
        yield Problem(("organisation", "attachment"),
                      "Die organisatorische Anbindung des KI ist nicht angegeben; die Förderrichtlinie "
                      f"{ctx.guideline.ki} setzt ein organisatorisch eigenständiges KI voraus.",
                      "Tragen Sie die Anbindung unter `organisation.attachment` ein.")

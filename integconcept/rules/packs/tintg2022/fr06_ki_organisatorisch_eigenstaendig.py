"""FR06 ki-organisatorisch-eigenstaendig: the check; its cases are in fr06_ki_organisatorisch_eigenstaendig.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import Problem, register
from integconcept.rules.law import KI_P8_TEXT, NOT_CHECKED, URL_KI_2026_CONDITIONS
from integconcept.rules.packs.tintg2022._shared import P8GuidelineRule


@register
class IndependentKi(P8GuidelineRule):
    code = "FR06"
    name = "ki-organisatorisch-eigenstaendig"
    summary = (
        "Nach den Förderrichtlinien 2023/2025 sagt das Konzept, wo das organisatorisch eigenständige KI angebunden ist."
    )
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

    def check_conditions(self, ctx):
        organisation = ctx.concept.organisation
        if organisation and organisation.attachment and organisation.attachment.strip():
            return
        yield Problem(
            ("organisation", "attachment"),
            "Die organisatorische Anbindung des KI ist nicht angegeben; die Förderrichtlinie "
            f"{ctx.guideline.ki} setzt ein organisatorisch eigenständiges KI voraus.",
            "Tragen Sie die Anbindung unter `organisation.attachment` ein.",
        )

"""G803 bildungskette-abgedeckt-2022: the check; its cases are in g803_bildungskette_abgedeckt_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p8, VERBATIM, quote_p8


@register
class EducationAreas2022(Rule):
    code = "G803"
    name = "bildungskette-abgedeckt-2022"
    summary = "Die Aufgaben des KI decken Elementarbereich, Schule und Übergang Schule – Beruf ab."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (p8("1", "3", "1"),)
    explanation = (
        "Unter `ki_tasks` muss es für jeden der drei Bereiche einen Aufgabenbereich mit Inhalt geben "
        "(`kind: elementary`, `school`, `school_to_work`). Der Befund nennt die fehlenden."
    )
    reason = (
        quote_p8("1", "3", "1") + " "
        "Die Aufgaben des KI müssen darum alle drei Bereiche der Bildungskette umfassen." + " " + VERBATIM
    )
    fix = "Beschreiben Sie unter `ki_tasks` für jeden fehlenden Bereich Themen, Produkte oder Netzwerke."

    def check(self, ctx):
        yield from tintg_shared.education_areas(ctx)

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p8, VERBATIM, quote_p8


@register
class EducationAreas2022(Rule):
    code = "G803"
    name = "bildungskette-abgedeckt-2022"
    summary = "Die Aufgaben des KI decken Elementarbereich, Schule und Übergang Schule – Beruf ab."
    severity = Severity.error
    relaxed_for_drafts = True
    packs = frozenset({"tintg2022"})
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
    bad_example = examples.TASKS_NO_TRANSITION
    good_example = examples.TASKS_ALL_AREAS

    def check(self, ctx):
        yield from core.education_areas(ctx)

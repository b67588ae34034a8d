"""G803 bildungskette-abgedeckt-2022: the check; its cases are in g803_bildungskette_abgedeckt_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p8, VERBATIM_SOLL, quote_p8


@register
class EducationAreas2022(tintg_shared.EducationAreasRule):
    code = "G803"
    name = "bildungskette-abgedeckt-2022"
    deviation = "Schreiben Sie, warum das KI einen der Bereiche (Elementarbereich, Schule, Übergang Schule – Beruf) nicht unterstützt, z. B. weil ein anderer Träger ihn vollständig abdeckt, und wer das tut."
    citations = (p8("1", "3", "1"),)
    explanation = (
        "Unter `ki_tasks` soll es für jeden der drei Bereiche einen Aufgabenbereich mit Inhalt geben "
        "(`kind: elementary`, `school`, `school_to_work`). Der Befund nennt die fehlenden."
    )
    reason = (
        quote_p8("1", "3", "1") + " "
        "Die Aufgaben des KI sollen darum alle drei Bereiche der Bildungskette umfassen (Soll-Vorschrift)."
        + " "
        + VERBATIM_SOLL
    )

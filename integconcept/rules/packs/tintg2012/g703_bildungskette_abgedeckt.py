"""G703 bildungskette-abgedeckt: the check; its cases are in g703_bildungskette_abgedeckt.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p7


@register
class EducationAreas2012(tintg_shared.EducationAreasRule):
    code = "G703"
    name = "bildungskette-abgedeckt"
    unverified = True
    deviation = "Schreiben Sie, warum das KI einen der Bereiche nicht unterstützt und wer ihn abdeckt."
    citations = (p7("1", "2", "1"),)
    explanation = (
        "Unter `ki_tasks` soll es für jeden der drei Bereiche einen Aufgabenbereich geben "
        "(`kind: elementary`, `school`, `school_to_work`), der Inhalt hat (Ziele, Themen, Produkte oder "
        "Netzwerke). Der Befund nennt die fehlenden Bereiche."
    )
    reason = (
        "§ 7 Abs. 1 S. 2 Nr. 1 TIntG 2012 („Integration durch Bildung“): das KI unterstützt Angebote im "
        "Elementarbereich, in der Schule und beim Übergang von der Schule in den Beruf. Der Wortlaut der "
        "Fassung 2012 ist rekonstruiert, darum eine Warnung."
    )

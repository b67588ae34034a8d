"""G706 qualifizierung-fachkraefte: the check; its cases are in g706_qualifizierung_fachkraefte.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p7


@register
class Qualification2012(tintg_shared.QualificationRule):
    code = "G706"
    name = "qualifizierung-fachkraefte"
    unverified = True
    citations = (p7("2"),)
    explanation = (
        "Dies ist eine Textsuche: in den Aufgaben des KI für Elementarbereich, Schule und Übergang Schule – "
        "Beruf (und den Zielen ihrer Gruppe) wird nach „Qualifizierung“, „Fortbildung“, „Weiterbildung“, "
        "„Schulung“ oder „Fachberatung“ gesucht. Ein Treffer belegt nicht, dass das Angebot gut ist, und "
        "ein anders formuliertes Angebot wird übersehen – darum nur eine Warnung."
    )
    reason = (
        "§ 7 Abs. 2 TIntG 2012: die KI machen ergänzende Qualifizierungsangebote für die Beschäftigten in "
        "Kindertageseinrichtungen, Schulen und sonstigen Bildungseinrichtungen. Der Wortlaut der Fassung "
        "2012 ist rekonstruiert."
    )
    fix = (
        "Nennen Sie die Fortbildungen für pädagogische Fachkräfte und Lehrkräfte unter `ki_tasks`; ist das "
        "Angebot anders benannt, schalten Sie den Befund mit Begründung stumm."
    )

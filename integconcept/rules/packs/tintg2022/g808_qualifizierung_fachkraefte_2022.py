"""G808 qualifizierung-fachkraefte-2022: the check; its cases are in g808_qualifizierung_fachkraefte_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8


@register
class Qualification2022(tintg_shared.QualificationRule):
    code = "G808"
    name = "qualifizierung-fachkraefte-2022"
    citations = (p8("2"),)
    explanation = (
        "Dies ist eine Textsuche: in den Aufgaben des KI für Elementarbereich, Schule und Übergang Schule – "
        "Beruf (und den Zielen ihrer Gruppe) wird nach „Qualifizierung“, „Fortbildung“, „Weiterbildung“, "
        "„Schulung“ oder „Fachberatung“ gesucht. Weil der Beleg nur ein Wort ist, eine Warnung."
    )
    reason = (
        quote_p8("2") + " "
        "Gesucht wird ein Qualifizierungsangebot des KI selbst; eine Mitgliedschaft in einem fremden Netzwerk ist keines."
        + " "
        + PARAPHRASE_TEXT_SEARCH
    )
    fix = "Nennen Sie die Fortbildungen für pädagogische Fachkräfte und Lehrkräfte unter `ki_tasks`."

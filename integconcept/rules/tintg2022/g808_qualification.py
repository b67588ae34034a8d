from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8


@register
class Qualification2022(Rule):
    code = "G808"
    name = "qualifizierung-fachkraefte-2022"
    summary = "Das KI bietet Qualifizierung für Beschäftigte von Kitas und Schulen an."
    severity = Severity.warning
    packs = frozenset({"tintg2022"})
    citations = (p8("2"),)
    explanation = (
        "Dies ist eine Textsuche: in den Aufgaben des KI für Elementarbereich, Schule und Übergang Schule – "
        "Beruf (und den Zielen ihrer Gruppe) wird nach „Qualifizierung“, „Fortbildung“, „Weiterbildung“, "
        "„Schulung“ oder „Fachberatung“ gesucht. Weil der Beleg nur ein Wort ist, eine Warnung."
    )
    reason = (
        quote_p8("2") + " "
        "Gesucht wird ein Qualifizierungsangebot des KI selbst; eine Mitgliedschaft in einem fremden Netzwerk ist keines." + " " + PARAPHRASE_TEXT_SEARCH
    )
    fix = "Nennen Sie die Fortbildungen für pädagogische Fachkräfte und Lehrkräfte unter `ki_tasks`."
    bad_example = examples.TASKS_WITHOUT_QUALIFICATION
    good_example = examples.TASKS_WITH_QUALIFICATION

    def check(self, ctx):
        yield from core.qualification(ctx)

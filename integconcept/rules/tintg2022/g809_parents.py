from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8


@register
class Parents2022(Rule):
    code = "G809"
    name = "zusammenarbeit-eltern-2022"
    summary = "Das KI arbeitet mit zugewanderten Eltern zusammen."
    severity = Severity.warning
    packs = frozenset({"tintg2022"})
    citations = (p8("2"),)
    explanation = (
        "Dies ist eine Textsuche: in allen Aufgaben des KI wird nach Wörtern mit „Eltern“, „Väter“ oder "
        "„Mütter“ gesucht. Weil der Beleg nur ein Wort ist, eine Warnung."
    )
    reason = (
        quote_p8("2") + " "
        "Gemeint ist die Zusammenarbeit mit den zugewanderten Eltern." + " " + PARAPHRASE_TEXT_SEARCH
    )
    fix = "Beschreiben Sie die Elternarbeit des KI (Programme, Elternbildung) unter `ki_tasks`."
    bad_example = examples.TASKS_WITHOUT_PARENTS
    good_example = examples.TASKS_WITH_PARENTS

    def check(self, ctx):
        yield from core.parents(ctx)

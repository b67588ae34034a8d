"""G809 zusammenarbeit-eltern-2022: the check; its cases are in g809_zusammenarbeit_eltern_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8


@register
class Parents2022(Rule):
    code = "G809"
    modality = Modality.must
    name = "zusammenarbeit-eltern-2022"
    summary = "Das KI arbeitet mit zugewanderten Eltern zusammen."
    severity = Severity.warning
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

    def check(self, ctx):
        yield from tintg_shared.parents(ctx)

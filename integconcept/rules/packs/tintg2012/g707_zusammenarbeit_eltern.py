"""G707 zusammenarbeit-eltern: the check; its cases are in g707_zusammenarbeit_eltern.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.law import p7


@register
class Parents2012(Rule):
    code = "G707"
    modality = Modality.must
    name = "zusammenarbeit-eltern"
    summary = "Das KI arbeitet mit zugewanderten Eltern zusammen."
    severity = Severity.warning
    unverified = True
    citations = (p7("2"),)
    explanation = (
        "Dies ist eine Textsuche: in allen Aufgaben des KI (`ki_tasks`) wird nach Wörtern mit „Eltern“, "
        "„Väter“ oder „Mütter“ gesucht (Elternarbeit, Elternbildung, Elternseminare …). Darum nur eine "
        "Warnung."
    )
    reason = (
        "§ 7 Abs. 2 TIntG 2012 nennt neben der Qualifizierung der Fachkräfte die Zusammenarbeit mit den "
        "zugewanderten Eltern. Der Wortlaut der Fassung 2012 ist rekonstruiert."
    )
    fix = "Beschreiben Sie die Elternarbeit des KI (Programme, Elternbildung) unter `ki_tasks`."

    def check(self, ctx):
        yield from tintg_shared.parents(ctx)

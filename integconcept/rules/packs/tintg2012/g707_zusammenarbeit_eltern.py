"""G707 zusammenarbeit-eltern: the check; its cases are in g707_zusammenarbeit_eltern.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p7


@register
class Parents2012(tintg_shared.ParentsRule):
    code = "G707"
    name = "zusammenarbeit-eltern"
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

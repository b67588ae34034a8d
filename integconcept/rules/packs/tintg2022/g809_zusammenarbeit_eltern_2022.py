"""G809 zusammenarbeit-eltern-2022: the check; its cases are in g809_zusammenarbeit_eltern_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8


@register
class Parents2022(tintg_shared.ParentsRule):
    code = "G809"
    name = "zusammenarbeit-eltern-2022"
    citations = (p8("2"),)
    explanation = (
        "Dies ist eine Textsuche: in allen Aufgaben des KI wird nach Wörtern mit „Eltern“, „Väter“ oder "
        "„Mütter“ gesucht. Weil der Beleg nur ein Wort ist, eine Warnung."
    )
    reason = (
        quote_p8("2") + " Gemeint ist die Zusammenarbeit mit den zugewanderten Eltern." + " " + PARAPHRASE_TEXT_SEARCH
    )

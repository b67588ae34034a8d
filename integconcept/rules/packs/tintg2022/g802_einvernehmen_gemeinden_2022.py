"""G802 einvernehmen-gemeinden-2022: the check; its cases are in g802_einvernehmen_gemeinden_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import LABEL_2022, p8, VERBATIM_SOLL, quote_p8


@register
class Agreement2022(tintg_shared.AgreementRule):
    code = "G802"
    name = "einvernehmen-gemeinden-2022"
    law = LABEL_2022
    citations = (p8("1", "3"),)
    reason = (
        quote_p8("1", "3") + " "
        "„Im Einvernehmen mit den Gemeinden“ bestimmt, wie die Aufgaben des KI (Nr. 1 bis 3) wahrgenommen "
        "werden, nicht wie das Konzept beschlossen wird; und „sollen“ macht es zu einer Soll-Vorschrift. "
        "Darum eine Warnung, wenn das Konzept nirgends zeigt, wie die Gemeinden einbezogen sind. " + VERBATIM_SOLL
    )

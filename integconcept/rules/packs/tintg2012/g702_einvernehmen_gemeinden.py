"""G702 einvernehmen-gemeinden: the check; its cases are in g702_einvernehmen_gemeinden.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import LABEL_2012, p7


@register
class Agreement2012(tintg_shared.AgreementRule):
    code = "G702"
    name = "einvernehmen-gemeinden"
    law = LABEL_2012
    unverified = True
    citations = (p7("1", "2"),)
    reason = (
        "Nach § 7 Abs. 1 S. 2 TIntG 2012 nimmt das KI seine Aufgaben im Einvernehmen mit den Gemeinden wahr; "
        "das Einvernehmen bestimmt, wie die Aufgaben wahrgenommen werden, nicht wie das Konzept beschlossen "
        "wird. Der Wortlaut von § 7 in der Fassung 2012 ist aus Sekundärquellen rekonstruiert (wie die Fassung "
        "2022 als Soll-Vorschrift gelesen), darum ist dies eine Warnung, kein Fehler."
    )

"""G702 einvernehmen-gemeinden: the check; its cases are in g702_einvernehmen_gemeinden.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.law import LABEL_2012, p7


@register
class Agreement2012(Rule):
    code = "G702"
    modality = Modality.should
    name = "einvernehmen-gemeinden"
    summary = "Bei einem Kreis sagt das Konzept, wie die Aufgaben des KI mit den Gemeinden abgestimmt werden (Einvernehmen)."
    severity = Severity.warning
    unverified = True
    deviation = ("Schreiben Sie in das Konzept, warum die Aufgaben des KI nicht mit den Gemeinden abgestimmt "
                 "werden, z. B. weil sie nur Einrichtungen des Kreises betreffen.")
    citations = (p7("1", "2"),)
    explanation = (
        "Nur bei einem Kreis. Das Einvernehmen gilt als dargelegt, wenn die Gemeinden Mitglied eines Netzwerks "
        "oder der Steuerungsgruppe sind (`category: municipality`), wenn sie (oder eine Bürgermeisterkonferenz) "
        "am Gremienlauf beteiligt sind, oder wenn der Text „Einvernehmen“ oder die Abstimmung mit den Gemeinden "
        "nennt. Nicht verlangt ist, dass jede einzelne Gemeinde im Gremienlauf erscheint oder Stellung nimmt: "
        "ein Kreis darf sein Konzept auch beschließen, wenn Gemeinden sich nicht geäußert haben."
    )
    reason = (
        "Nach § 7 Abs. 1 S. 2 TIntG 2012 nimmt das KI seine Aufgaben im Einvernehmen mit den Gemeinden wahr; "
        "das Einvernehmen bestimmt, wie die Aufgaben wahrgenommen werden, nicht wie das Konzept beschlossen "
        "wird. Der Wortlaut von § 7 in der Fassung 2012 ist aus Sekundärquellen rekonstruiert (wie die Fassung "
        "2022 als Soll-Vorschrift gelesen), darum ist dies eine Warnung, kein Fehler."
    )
    fix = ("Nehmen Sie die Gemeinden in ein Netzwerk oder die Steuerungsgruppe auf, beteiligen Sie sie im "
           "Gremienlauf, oder beschreiben Sie, wie die Arbeit des KI mit ihnen abgestimmt wird.")

    def check(self, ctx):
        yield from tintg_shared.agreement(ctx, LABEL_2012)

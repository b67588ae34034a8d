"""G802 einvernehmen-gemeinden-2022: the check; its cases are in g802_einvernehmen_gemeinden_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.law import LABEL_2022, p8, VERBATIM_SOLL, quote_p8


@register
class Agreement2022(Rule):
    code = "G802"
    modality = Modality.should
    name = "einvernehmen-gemeinden-2022"
    summary = "Bei einem Kreis sagt das Konzept, wie die Aufgaben des KI mit den Gemeinden abgestimmt werden (Einvernehmen)."
    severity = Severity.warning
    deviation = ("Schreiben Sie in das Konzept, warum die Aufgaben des KI nicht mit den Gemeinden abgestimmt "
                 "werden, z. B. weil sie nur Einrichtungen des Kreises betreffen.")
    citations = (p8("1", "3"),)
    explanation = (
        "Nur bei einem Kreis. Das Einvernehmen gilt als dargelegt, wenn die Gemeinden Mitglied eines Netzwerks "
        "oder der Steuerungsgruppe sind (`category: municipality`), wenn sie (oder eine Bürgermeisterkonferenz) "
        "am Gremienlauf beteiligt sind, oder wenn der Text „Einvernehmen“ oder die Abstimmung mit den Gemeinden "
        "nennt. Nicht verlangt ist, dass jede einzelne Gemeinde im Gremienlauf erscheint oder Stellung nimmt: "
        "ein Kreis darf sein Konzept auch beschließen, wenn Gemeinden sich nicht geäußert haben."
    )
    reason = (
        quote_p8("1", "3") + " "
        "„Im Einvernehmen mit den Gemeinden“ bestimmt, wie die Aufgaben des KI (Nr. 1 bis 3) wahrgenommen "
        "werden, nicht wie das Konzept beschlossen wird; und „sollen“ macht es zu einer Soll-Vorschrift. "
        "Darum eine Warnung, wenn das Konzept nirgends zeigt, wie die Gemeinden einbezogen sind. " + VERBATIM_SOLL
    )
    fix = ("Nehmen Sie die Gemeinden in ein Netzwerk oder die Steuerungsgruppe auf, beteiligen Sie sie im "
           "Gremienlauf, oder beschreiben Sie, wie die Arbeit des KI mit ihnen abgestimmt wird.")

    def check(self, ctx):
        yield from tintg_shared.agreement(ctx, LABEL_2022)

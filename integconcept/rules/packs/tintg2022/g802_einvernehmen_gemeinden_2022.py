"""G802 einvernehmen-gemeinden-2022: the check; its cases are in g802_einvernehmen_gemeinden_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Rule, register
from integconcept.rules.law import LABEL_2022, p8, VERBATIM, quote_p8


@register
class Agreement2022(Rule):
    code = "G802"
    name = "einvernehmen-gemeinden-2022"
    summary = "Bei einem Kreis ist jede kreisangehörige Gemeinde am Gremienlauf beteiligt (Einvernehmen)."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (p8("1", "3"),)
    explanation = (
        "Bei einem Kreis wird gesammelt, welche Gemeinden in den Schritten des Gremienlaufs beteiligt sind "
        "(`municipalities: all` oder eine Liste von Kennungen). Jede Gemeinde aus "
        "`authority.municipalities` muss dabei sein; der Befund nennt die fehlenden."
    )
    reason = (
        quote_p8("1", "3") + " "
        "Die Aufgaben des KI werden im Einvernehmen mit den Gemeinden wahrgenommen; Einvernehmen setzt voraus, dass jede Gemeinde beteiligt wurde." + " " + VERBATIM
    )
    fix = "Tragen Sie beim Schritt, in dem die Gemeinden beteiligt werden, `municipalities: all` ein."

    def check(self, ctx):
        yield from tintg_shared.agreement(ctx, LABEL_2022)

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import LABEL_2022, p8, VERBATIM, quote_p8


@register
class Agreement2022(Rule):
    code = "G802"
    name = "einvernehmen-gemeinden-2022"
    summary = "Bei einem Kreis ist jede kreisangehörige Gemeinde am Gremienlauf beteiligt (Einvernehmen)."
    severity = Severity.error
    relaxed_for_drafts = True
    packs = frozenset({"tintg2022"})
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
    bad_example = examples.STEPS_ONE_MUNICIPALITY
    good_example = examples.STEPS_ALL_MUNICIPALITIES

    def check(self, ctx):
        yield from core.agreement(ctx, LABEL_2022)

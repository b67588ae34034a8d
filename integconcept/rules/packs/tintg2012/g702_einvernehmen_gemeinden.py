"""G702 einvernehmen-gemeinden: the check; its cases are in g702_einvernehmen_gemeinden.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Rule, register
from integconcept.rules.law import LABEL_2012, p7


@register
class Agreement2012(Rule):
    code = "G702"
    name = "einvernehmen-gemeinden"
    summary = "Bei einem Kreis ist jede kreisangehörige Gemeinde am Gremienlauf beteiligt (Einvernehmen)."
    severity = Severity.warning
    unverified = True
    citations = (p7("1", "2"),)
    explanation = (
        "Bei einem Kreis wird gesammelt, welche Gemeinden in den Schritten des Gremienlaufs beteiligt sind "
        "(`municipalities: all` oder eine Liste von Kennungen). Jede Gemeinde aus "
        "`authority.municipalities` muss dabei sein; der Befund nennt die fehlenden. Bei einer kreisfreien "
        "Stadt entfällt die Prüfung."
    )
    reason = (
        "Nach § 7 Abs. 1 S. 2 TIntG 2012 nimmt das KI seine Aufgaben im Einvernehmen mit den Gemeinden wahr; "
        "das setzt voraus, dass jede Gemeinde am Konzept beteiligt wurde. Der Wortlaut von § 7 in der "
        "Fassung 2012 ist aus Sekundärquellen rekonstruiert, darum ist dies eine Warnung, kein Fehler."
    )
    fix = ("Tragen Sie beim Schritt, in dem der Entwurf an die Gemeinden geht oder mit ihnen abgestimmt wird, "
           "`municipalities: all` ein, oder beteiligen Sie die fehlenden Gemeinden.")

    def check(self, ctx):
        yield from tintg_shared.agreement(ctx, LABEL_2012)

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p7


@register
class Coordination2012(Rule):
    code = "G705"
    name = "querschnitt-koordination"
    summary = "Ein Netzwerk oder Gremium koordiniert kommunale Ämter/Einrichtungen und freie Träger."
    severity = Severity.warning
    unverified = True
    packs = frozenset({"tintg2012"})
    citations = (p7("1", "2", "2"),)
    explanation = (
        "Unter den Netzwerken (`networks.bodies[].expected_members`) und der Steuerungsgruppe "
        "(`implementation.strategic.steering_group.members`) muss es eine Struktur geben, deren Mitglieder "
        "sowohl kommunale Stellen (`category: municipality`, `county_administration` oder "
        "`municipal_institution`) als auch freie Träger (`category: free_provider`) umfassen."
    )
    reason = (
        "§ 7 Abs. 1 S. 2 Nr. 2 TIntG 2012 („Integration als Querschnittsaufgabe“): das KI koordiniert die "
        "integrationsbezogenen Aktivitäten der kommunalen Ämter und Einrichtungen und der freien Träger vor "
        "Ort. Ohne eine Struktur, in der beide vertreten sind, gibt es diese Koordination nicht. Der Wortlaut "
        "der Fassung 2012 ist rekonstruiert, darum eine Warnung."
    )
    fix = "Ergänzen Sie im koordinierenden Netzwerk die freien Träger bzw. kommunalen Stellen mit ihrer `category`."
    bad_example = examples.NETWORK_MUNICIPAL_ONLY
    good_example = examples.NETWORK_WITH_FREE_PROVIDERS

    def check(self, ctx):
        yield from core.coordination_structure(ctx, need_free=True)

"""G705 querschnitt-koordination: the check; its cases are in g705_querschnitt_koordination.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p7


@register
class Coordination2012(tintg_shared.CoordinationRule):
    code = "G705"
    name = "querschnitt-koordination"
    unverified = True
    deviation = "Schreiben Sie, wie die Angebote der kommunalen Stellen und der freien Träger ohne gemeinsames Netzwerk koordiniert werden."
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

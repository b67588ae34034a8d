"""G805 koordination-zusammenleben-in-vielfalt: the check; its cases are in g805_koordination_zusammenleben_in_vielfalt.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p8, VERBATIM_SOLL, quote_p8


@register
class Coordination2022(tintg_shared.CoordinationRule):
    code = "G805"
    name = "koordination-zusammenleben-in-vielfalt"
    deviation = "Schreiben Sie, wie die Angebote der kommunalen Stellen und der freien Träger ohne gemeinsames Netzwerk koordiniert werden, und warum."
    citations = (p8("1", "3", "2"),)
    explanation = (
        "Unter den Netzwerken und der Steuerungsgruppe soll es eine Struktur geben, deren Mitglieder sowohl "
        "kommunale Stellen (`category: municipality`, `county_administration`, `municipal_institution`) als "
        "auch freie Träger (`category: free_provider`) umfassen."
    )
    reason = (
        quote_p8("1", "3", "2") + " "
        "Koordinieren kann nur eine Struktur, in der kommunale Stellen und freie Träger zusammensitzen."
        + " "
        + VERBATIM_SOLL
    )

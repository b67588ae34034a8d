"""G805 koordination-zusammenleben-in-vielfalt: the check; its cases are in g805_koordination_zusammenleben_in_vielfalt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.law import p8, VERBATIM_SOLL, quote_p8


@register
class Coordination2022(Rule):
    code = "G805"
    modality = Modality.should
    name = "koordination-zusammenleben-in-vielfalt"
    summary = "Ein Netzwerk oder Gremium koordiniert kommunale Ämter/Einrichtungen und freie Träger."
    severity = Severity.warning
    deviation = 'Schreiben Sie, wie die Angebote der kommunalen Stellen und der freien Träger ohne gemeinsames Netzwerk koordiniert werden, und warum.'
    citations = (p8("1", "3", "2"),)
    explanation = (
        "Unter den Netzwerken und der Steuerungsgruppe soll es eine Struktur geben, deren Mitglieder sowohl "
        "kommunale Stellen (`category: municipality`, `county_administration`, `municipal_institution`) als "
        "auch freie Träger (`category: free_provider`) umfassen."
    )
    reason = (
        quote_p8("1", "3", "2") + " "
        "Koordinieren kann nur eine Struktur, in der kommunale Stellen und freie Träger zusammensitzen." + " " + VERBATIM_SOLL
    )
    fix = "Ergänzen Sie im koordinierenden Netzwerk die freien Träger bzw. kommunalen Stellen mit ihrer `category`."

    def check(self, ctx):
        yield from tintg_shared.coordination_structure(ctx, need_free=True)

"""G804 schulaufsicht-beteiligt-2022: the check; its cases are in g804_schulaufsicht_beteiligt_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p8, VERBATIM_SOLL, quote_p8


@register
class SchoolSupervision2022(tintg_shared.SchoolSupervisionRule):
    code = "G804"
    name = "schulaufsicht-beteiligt-2022"
    deviation = "Schreiben Sie, warum die Zusammenarbeit mit der unteren Schulaufsicht (Schulamt) nicht vorgesehen ist, und wie die Schulen stattdessen erreicht werden."
    citations = (p8("1", "3", "1"),)
    explanation = (
        "Gesucht wird die untere Schulaufsicht: als Mitglied eines Netzwerks, der Steuerungsgruppe oder als "
        "Partnerinstitution mit `category: school_supervision`, oder die Wörter „Schulaufsicht“/„Schulamt“ "
        "in den Aufgaben des KI oder im Gremienlauf."
    )
    reason = (
        quote_p8("1", "3", "1") + " "
        "Die Angebote werden in Zusammenarbeit mit den unteren Schulaufsichtsbehörden unterstützt."
        + " "
        + VERBATIM_SOLL
    )

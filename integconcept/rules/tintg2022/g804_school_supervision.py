from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules import core, examples
from integconcept.rules.base import Rule, register
from integconcept.rules.law import p8, VERBATIM, quote_p8


@register
class SchoolSupervision2022(Rule):
    code = "G804"
    name = "schulaufsicht-beteiligt-2022"
    summary = "Die Zusammenarbeit mit der unteren Schulaufsicht ist vorgesehen."
    severity = Severity.error
    relaxed_for_drafts = True
    packs = frozenset({"tintg2022"})
    citations = (p8("1", "3", "1"),)
    explanation = (
        "Gesucht wird die untere Schulaufsicht: als Mitglied eines Netzwerks, der Steuerungsgruppe oder als "
        "Partnerinstitution mit `category: school_supervision`, oder die Wörter „Schulaufsicht“/„Schulamt“ "
        "in den Aufgaben des KI oder im Gremienlauf."
    )
    reason = (
        quote_p8("1", "3", "1") + " "
        "Die Angebote werden in Zusammenarbeit mit den unteren Schulaufsichtsbehörden unterstützt." + " " + VERBATIM
    )
    fix = "Nehmen Sie die Schulaufsicht als Mitglied (`category: school_supervision`) in ein Netzwerk auf."
    bad_example = examples.NETWORK_MUNICIPAL_ONLY
    good_example = examples.NETWORK_WITH_SCHOOL_SUPERVISION

    def check(self, ctx):
        yield from core.school_supervision(ctx)

"""G704 schulaufsicht-beteiligt: the check; its cases are in g704_schulaufsicht_beteiligt.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import p7


@register
class SchoolSupervision2012(tintg_shared.SchoolSupervisionRule):
    code = "G704"
    name = "schulaufsicht-beteiligt"
    unverified = True
    deviation = "Schreiben Sie, warum die Zusammenarbeit mit der unteren Schulaufsicht nicht vorgesehen ist."
    citations = (p7("1", "2", "1"),)
    explanation = (
        "Gesucht wird die untere Schulaufsicht (Schulamt): als Mitglied eines Netzwerks oder der "
        "Steuerungsgruppe oder als Partnerinstitution mit `category: school_supervision`, oder – als "
        "Textsuche – die Wörter „Schulaufsicht“/„Schulamt“ in den Aufgaben des KI oder im Gremienlauf "
        "(z. B. als Empfänger des Entwurfs)."
    )
    reason = (
        "§ 7 Abs. 1 S. 2 Nr. 1 TIntG 2012: die Angebote der Bildungskette werden in Zusammenarbeit mit den "
        "unteren Schulaufsichtsbehörden unterstützt. Der Wortlaut der Fassung 2012 ist rekonstruiert, "
        "darum eine Warnung."
    )

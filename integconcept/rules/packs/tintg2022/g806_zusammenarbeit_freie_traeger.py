"""G806 zusammenarbeit-freie-traeger: the check; its cases are in g806_zusammenarbeit_freie_traeger.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind, MemberCategory
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import categories, institutions, search, step_texts, steps, structures
from integconcept.rules.law import p8, VERBATIM_SOLL, quote_p8


@register
class FreeProviders2022(Rule):
    code = "G806"
    modality = Modality.should
    name = "zusammenarbeit-freie-traeger"
    summary = "Das Konzept sieht Zusammenarbeit und Abstimmung mit den freien Trägern vor."
    severity = Severity.warning
    deviation = "Schreiben Sie, warum eine Zusammenarbeit und Abstimmung mit den freien Trägern nicht vorgesehen ist (z. B. keine freien Träger in diesem Bereich vor Ort)."
    citations = (p8("1", "2"),)
    explanation = (
        "Zwei Teile: Zusammenarbeit – freie Träger (`category: free_provider`) sind Mitglied eines Netzwerks "
        "oder der Steuerungsgruppe oder Partnerinstitution des KI; Abstimmung – das Konzept wurde mit ihnen "
        "abgestimmt: ein Schritt des Gremienlaufs mit `body_kind: partners`, oder im Gremienlauf werden "
        "Wohlfahrtsverbände oder freie Träger genannt. Der Befund nennt den fehlenden Teil."
    )
    reason = (
        quote_p8("1", "2") + " "
        "Der Satz ist neu gegenüber 2012. Eine Soll-Vorschrift bindet im Regelfall; nur in begründeten Ausnahmefällen darf das Konzept davon abweichen – die Begründung gehört ins Konzept, der Befund kann dann mit Begründung stummgeschaltet werden."
        + " "
        + VERBATIM_SOLL
    )
    fix = (
        "Nehmen Sie die freien Träger in ein Netzwerk auf und beteiligen Sie die Arbeitsgemeinschaft der "
        "Wohlfahrtsverbände im Gremienlauf (`body_kind: partners`)."
    )

    def check(self, ctx):
        c = ctx.concept
        cooperation = any(MemberCategory.free_provider in categories(s) for s in structures(c)) or any(
            inst.category is MemberCategory.free_provider for _, inst in institutions(c)
        )
        coordination = any(step.body_kind is BodyKind.partners for _, step in steps(c)) or bool(
            search(step_texts(c), r"wohlfahrt|freie[nr]? träger")
        )
        missing = []
        if not cooperation:
            missing.append("die Zusammenarbeit (freie Träger als Mitglied eines Netzwerks oder als Partner)")
        if not coordination:
            missing.append("die Abstimmung des Konzepts mit ihnen (Schritt im Gremienlauf)")
        if missing:
            path = ("networks",) if not cooperation else ("approval_process", "steps")
            yield Problem(
                path,
                f"Mit den freien Trägern fehlt {' und '.join(missing)}.",
                "Beteiligen Sie die freien Träger bzw. die AG der Wohlfahrtsverbände im Netzwerk und im Gremienlauf.",
            )

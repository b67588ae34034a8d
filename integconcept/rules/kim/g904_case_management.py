from __future__ import annotations

from ...findings import Severity
from ..base import Problem, Rule, register
from ..evidence import concept_texts, search
from ..law import GUIDELINE_KIM, p9

CASE_MANAGEMENT = r"case[- ]?management|fallmanagement|einzelfallberatung|einzelfallhilfe|lebenslagen\w*"


@register
class CaseManagement(Rule):
    code = "G904"
    name = "case-management"
    summary = "Das Konzept sieht Case Management vor (individuelle, lebenslagenorientierte Beratung)."
    severity = Severity.warning
    packs = frozenset({"kim"})
    citations = (p9("1"), GUIDELINE_KIM)
    explanation = (
        "Dies ist eine Textsuche im ganzen Konzept nach „Case Management“, „Fallmanagement“, "
        "„Einzelfallberatung“, „Einzelfallhilfe“ oder „lebenslagen…“. Weil der Beleg nur ein Wort ist, "
        "eine Warnung."
    )
    reason = (
        "§ 9 Abs. 1 TIntG 2022 fördert neben den Kooperationsstrukturen die individuelle, "
        "lebenslagenorientierte Beratung (Case Management); sie ist Baustein 2 der KIM-Förderrichtlinie."
    )
    fix = "Beschreiben Sie das Case Management (Träger, Stellen, Zielgruppe) im Konzept."
    bad_example = """\
implementation:
  operational:
    intro: Das KI koordiniert die Integrationsangebote im Kreis.
"""
    good_example = """\
implementation:
  operational:
    intro: Das KI koordiniert die Integrationsangebote; das Case Management berät Eingewanderte individuell.
"""

    def check(self, ctx):
        if search(concept_texts(ctx.concept), CASE_MANAGEMENT):
            return
        yield Problem(("implementation", "operational"), "Das Konzept nennt kein Case Management (individuelle, lebenslagenorientierte Beratung).",
                      "Beschreiben Sie das Case Management unter `implementation.operational`.")

"""G904 case-management: the check; its cases are in g904_case_management.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import concept_texts, search
from integconcept.rules.law import GUIDELINE_KIM, PARAPHRASE_TEXT_SEARCH, p9, quote_p9
from integconcept.rules.packs.kim._shared import kim_citations

CASE_MANAGEMENT = r"case[- ]?management|fallmanagement|einzelfallberatung|einzelfallhilfe|lebenslagen\w*"


@register
class CaseManagement(Rule):
    code = "G904"
    modality = Modality.guideline
    name = "case-management"
    summary = "Das Konzept sieht Case Management vor (individuelle, lebenslagenorientierte Beratung)."
    severity = Severity.warning
    citations = (p9("1"), GUIDELINE_KIM)
    explanation = (
        "Nur wenn die KIM-Förderrichtlinie 2024 gilt (nach 2020 kam das Case Management über gesonderte "
        "Pauschalen, nicht über das Konzept). Dies ist eine Textsuche im ganzen Konzept nach „Case Management“, „Fallmanagement“, "
        "„Einzelfallberatung“, „Einzelfallhilfe“ oder „lebenslagen…“. Weil der Beleg nur ein Wort ist, "
        "eine Warnung."
    )
    reason = (
        quote_p9("1", "structures") + ". Die KIM-Förderrichtlinie 2024 nennt als Baustein b) das Case "
        "Management. " + PARAPHRASE_TEXT_SEARCH
    )
    fix = "Beschreiben Sie das Case Management (Träger, Stellen, Zielgruppe) im Konzept."

    def cite(self, ctx):
        return kim_citations(self, ctx, "1")

    def check(self, ctx):
        if ctx.guideline.kim != "2024":
            return
        if search(concept_texts(ctx.concept), CASE_MANAGEMENT):
            return
        yield Problem(("implementation", "operational"), "Das Konzept nennt kein Case Management (individuelle, lebenslagenorientierte Beratung).",
                      "Beschreiben Sie das Case Management unter `implementation.operational`.")

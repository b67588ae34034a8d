"""G904 case-management: the check; its cases are in g904_case_management.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import register
from integconcept.rules.law import GUIDELINE_KIM, PARAPHRASE_TEXT_SEARCH, p9, quote_p9
from integconcept.rules.packs.kim._shared import BausteinRule

CASE_MANAGEMENT = r"case[- ]?management|fallmanagement|einzelfallberatung|einzelfallhilfe|lebenslagen\w*"


@register
class CaseManagement(BausteinRule):
    code = "G904"
    name = "case-management"
    summary = "Das Konzept sieht Case Management vor (individuelle, lebenslagenorientierte Beratung)."
    citations = (p9("1"), GUIDELINE_KIM)
    explanation = (
        "Für jedes KIM-Konzept: nach der KIM-Förderrichtlinie 2024 ist das Case Management Baustein b), in "
        "den Jahren 2020 bis 2024 hieß es Baustein 2 (damals über fachbezogene Pauschalen gefördert; "
        "Ratsbeschlüsse nennen „KIM, Bausteine 1 bis 3“). Belegt ist es durch eine Stelle mit "
        "`kim_component: case_management` oder eine Textsuche im ganzen Konzept nach „Case Management“, "
        "„Fallmanagement“, „Einzelfallberatung“, „Einzelfallhilfe“ oder „lebenslagen…“. Weil der Beleg "
        "meist nur ein Wort ist, eine Warnung."
    )
    reason = (
        quote_p9("1", "structures") + ". Die KIM-Förderrichtlinie 2024 nennt wörtlich als Baustein "
        "„b) Durchführung eines Case Managements vor Ort“; 2020 bis 2024 war es Baustein 2 (Kreis Heinsberg: "
        "„KIM, Bausteine 1 bis 3“, „Baustein 2 (Case Management)“). " + PARAPHRASE_TEXT_SEARCH
    )
    fix = "Beschreiben Sie das Case Management (Träger, Stellen, Zielgruppe) im Konzept."

    component = "case_management"
    pattern = CASE_MANAGEMENT
    paragraphs = ("1",)
    hint = "Beschreiben Sie das Case Management unter `implementation.operational`."

    def message(self, label: str) -> str:
        return f"Das Konzept nennt kein Case Management (individuelle, lebenslagenorientierte Beratung; {label})."

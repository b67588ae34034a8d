"""G905 kim-auslaenderbehoerden: the check; its cases are in g905_kim_auslaenderbehoerden.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import register
from integconcept.rules.law import GUIDELINE_KIM
from integconcept.rules.packs.kim._shared import BausteinRule

IMMIGRATION_OFFICES = r"ausländerbeh\w*|auslaenderbeh\w*|einbürgerung\w*|einbuergerung\w*|zuwanderungsbeh\w*"


@register
class ImmigrationOffices(BausteinRule):
    code = "G905"
    name = "kim-auslaenderbehoerden"
    summary = "Ein KIM-Konzept sagt, wie die Ausländer- und Einbürgerungsbehörden eingebunden sind (2024: Baustein c; 2020–2024: Baustein 3)."
    citations = (GUIDELINE_KIM,)
    explanation = (
        "Für jedes KIM-Konzept, nach der Fassung der KIM-Förderrichtlinie, die zu seinen Daten gilt "
        "(`guidelines.kim`): ab 12.12.2024 Baustein c), in den Jahren 2020 bis 2024 Baustein 3 (Stellen in "
        "der Ausländer- und Einbürgerungsbehörde, damals über fachbezogene Pauschalen gefördert). Belegt "
        "durch eine Stelle mit `kim_component: immigration_office` oder eine Textsuche im ganzen Konzept "
        "nach „Ausländerbehörde…“, „Einbürgerung…“ oder „Zuwanderungsbehörde…“. Weil der Beleg meist nur "
        "ein Wort ist, eine Warnung."
    )
    reason = (
        "Die KIM-Förderrichtlinie 2024 (Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43) hat drei Bausteine, "
        "wörtlich: „a) … strategischen Managements …, b) … Case Managements …, c) Verstetigung der Arbeit in "
        "den örtlichen Ausländer- und Einbürgerungsbehörden“ (recht.nrw.de). Schon 2020 bis 2024 hatte KIM drei "
        "Bausteine: Ratsbeschlüsse nennen „KIM, Bausteine 1 bis 3“ (Kreis Heinsberg), Kreisseiten „Baustein "
        "III … in den Ausländer- und Einbürgerungsbehörden“ (Kreis Minden-Lübbecke); die Stellen kamen damals "
        "über fachbezogene Pauschalen. Der Wortlaut 2024 ist amtlich, der Beleg im Konzept meist nur eine "
        "Textsuche."
    )
    fix = "Beschreiben Sie, wie die Ausländer- und Einbürgerungsbehörde in KIM eingebunden wird."

    component = "immigration_office"
    pattern = IMMIGRATION_OFFICES
    hint = "Beschreiben Sie die Rolle der Ausländer- und Einbürgerungsbehörde unter `implementation`."

    def message(self, label: str) -> str:
        return (
            f"Das Konzept sagt nicht, wie die Ausländer- und Einbürgerungsbehörden in KIM eingebunden sind ({label})."
        )

"""G905 kim-auslaenderbehoerden: the check; its cases are in g905_kim_auslaenderbehoerden.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import concept_texts, search
from integconcept.rules.law import GUIDELINE_KIM
from integconcept.rules.packs.kim._shared import kim_citations

IMMIGRATION_OFFICES = r"ausländerbeh\w*|auslaenderbeh\w*|einbürgerung\w*|einbuergerung\w*|zuwanderungsbeh\w*"


@register
class ImmigrationOffices(Rule):
    code = "G905"
    modality = Modality.guideline
    name = "kim-auslaenderbehoerden"
    summary = "Ein KIM-Konzept nach der Richtlinie 2024 sagt, wie die Arbeit der Ausländer- und Einbürgerungsbehörden verstetigt wird."
    severity = Severity.warning
    citations = (GUIDELINE_KIM,)
    explanation = (
        "Nur wenn die KIM-Förderrichtlinie 2024 gilt (abgeleitet aus den Daten oder `guidelines.kim: "
        "\"2024\"`). Textsuche im ganzen Konzept nach „Ausländerbehörde…“, „Einbürgerung…“ oder "
        "„Zuwanderungsbehörde…“. Weil der Beleg nur ein Wort ist, eine Warnung."
    )
    reason = (
        "Die KIM-Förderrichtlinie 2024 (Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43) hat drei Bausteine, "
        "wörtlich: „a) … strategischen Managements …, b) … Case Managements …, c) Verstetigung der Arbeit in "
        "den örtlichen Ausländer- und Einbürgerungsbehörden“. Nach der Richtlinie 2020 gab es Baustein c) "
        "nicht im Konzept (die Stellen kamen über gesonderte Pauschalen); dann läuft die Regel nicht. Der "
        "Wortlaut ist amtlich, der Beleg im Konzept nur eine Textsuche."
    )
    fix = "Beschreiben Sie, wie die Ausländer- und Einbürgerungsbehörde in KIM eingebunden wird."

    def cite(self, ctx):
        return kim_citations(self, ctx)

    def check(self, ctx):
        if ctx.guideline.kim != "2024":
            return
        if search(concept_texts(ctx.concept), IMMIGRATION_OFFICES):
            return
        yield Problem(("implementation", "operational"),
                      "Das Konzept sagt nicht, wie die Arbeit der Ausländer- und Einbürgerungsbehörden verstetigt "
                      "wird (Baustein c der KIM-Förderrichtlinie 2024).",
                      "Beschreiben Sie die Rolle der Ausländer- und Einbürgerungsbehörde unter `implementation`.")

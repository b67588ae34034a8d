"""What the KIM rules share: their citations follow the KIM guideline that applies, down to the
building block (Baustein) a rule rests on.

KIM guideline 2024 (Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43 S. 1229, Nr. 1.2, verbatim from
recht.nrw.de): "Das KIM besteht aus drei Bausteinen: a) Betrieb eines strategischen Managements in den
Kommunen, b) Durchführung eines Case Managements vor Ort und c) Verstetigung der Arbeit in den
örtlichen Ausländer- und Einbürgerungsbehörden." In 2020-2024 (guideline of 25.11.2020) council
decisions and county pages name the same three as "Bausteine 1 bis 3" / "Baustein I-III" (Kreis
Heinsberg, Kreis Minden-Lübbecke); building blocks 2 and 3 were then funded through separate flat-rate
grants (fachbezogene Pauschalen, Kreis Kleve), the guideline itself covering the strategic management.
"""

from __future__ import annotations

from typing import ClassVar

from integconcept.core.findings import Citation, Severity
from integconcept.rules.base import Modality, Problem, Rule
from integconcept.rules.evidence import concept_texts, search
from integconcept.rules.law import p9

URL_KIM_2024 = (
    "https://recht.nrw.de/lmi/owa/br_vbl_detail_text?anw_nr=7&vd_id=21991&ver=8&val=21991&sg=1&menu=1&vd_back=N"
)

#: component -> (letter 2024, number 2020-2024, the 2024 wording)
BAUSTEINE = {
    "strategic": ("a", "1", "Betrieb eines strategischen Managements in den Kommunen"),
    "case_management": ("b", "2", "Durchführung eines Case Managements vor Ort"),
    "immigration_office": ("c", "3", "Verstetigung der Arbeit in den örtlichen Ausländer- und Einbürgerungsbehörden"),
}
LABELS_2020 = {
    "strategic": "strategisches Management",
    "case_management": "Case Management",
    "immigration_office": "Stellen in der Ausländer- und Einbürgerungsbehörde",
}


def baustein_citation(version: str, component: str) -> Citation:
    """The KIM guideline of ``version`` at the building block ``component``."""
    letter, number, wording = BAUSTEINE[component]
    if version == "2024":
        return Citation(
            "Förderrichtlinie KIM",
            "2024",
            number=f"1.2 {letter})",
            url=URL_KIM_2024,
            note=f"Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43 S. 1229: Baustein {letter}) „{wording}“",
        )
    funded = "" if component == "strategic" else ", gefördert über fachbezogene Pauschalen"
    return Citation(
        "Förderrichtlinie KIM",
        "2020",
        note=f"Runderlass vom 25.11.2020, MBl. NRW. 2020 Nr. 32 S. 751; Baustein {number} "
        f"({LABELS_2020[component]}{funded})",
    )


def baustein_label(version: str | None, component: str) -> str:
    """„Baustein c der KIM-Förderrichtlinie 2024“ / „Baustein 3 des KIM (2020–2024)“."""
    letter, number, _ = BAUSTEINE[component]
    if version == "2024":
        return f"Baustein {letter} der KIM-Förderrichtlinie 2024"
    return f"Baustein {number} des KIM, 2020–2024"


def kim_citations(rule, ctx, *paragraphs: str, component: str | None = None) -> tuple:
    """§ 9 TIntG 2022 (only where the 2022 law applies) and the KIM guideline in force, at the building
    block ``component`` where the rule rests on one."""
    out: list = []
    if ctx.basis != "tintg2012-p7":
        out.extend(p9(paragraph) for paragraph in paragraphs)
    version = ctx.guideline.kim
    if version and component:
        out.append(baustein_citation(version, component))
    elif (citation := ctx.guideline.kim_citation) is not None:
        out.append(citation)
    return tuple(out) or rule.citations


def has_posts(concept, component: str) -> bool:
    """Does the staffing list a post (or a sum passed on) of the building block ``component``?"""
    staffing = concept.staffing
    if staffing is None:
        return False
    return any(p.kim_component is not None and p.kim_component.value == component for p in staffing.posts) or any(
        p.kim_component is not None and p.kim_component.value == component for p in staffing.pass_on
    )


class BausteinRule(Rule):
    """What G904 and G905 share: a KIM concept shows a building block by a post for it or by a text
    search over the whole concept; the citation follows the KIM guideline that applies."""

    modality = Modality.guideline
    severity = Severity.warning
    component: ClassVar[str]  # the building block: "case_management" or "immigration_office"
    pattern: ClassVar[str]  # the text search that counts as evidence
    paragraphs: ClassVar[tuple[str, ...]] = ()  # the paragraphs of § 9 cited besides the building block
    hint: ClassVar[str]

    def cite(self, ctx):
        return kim_citations(self, ctx, *self.paragraphs, component=self.component)

    def message(self, label: str) -> str:
        raise NotImplementedError

    def check(self, ctx):
        if ctx.guideline.kim is None:
            return
        if has_posts(ctx.concept, self.component) or search(concept_texts(ctx.concept), self.pattern):
            return
        label = baustein_label(ctx.guideline.kim, self.component)
        yield Problem(("implementation", "operational"), self.message(label), self.hint)

"""G908 kim-stellen-nach-baustein: the check; its cases are in g908_kim_stellen_nach_baustein.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.core.german import euro
from integconcept.document.enums import Funder, KimComponent
from integconcept.rules.base import Modality, Problem, Rule, register
from integconcept.rules.law import GUIDELINE_KIM
from integconcept.rules.packs.kim._shared import baustein_label, kim_citations

#: Up to 57,000 EUR a year per post [V2: a Kreis's council documents 2023; the same amount per
#: Fachkraftstelle in the Bezirksregierung's text on the KI guideline]. The KIM guideline's own
#: figure is not verified.
MAX_PER_POST = 57_000.0


@register
class KimPostsByBuildingBlock(Rule):
    code = "G908"
    modality = Modality.guideline
    name = "kim-stellen-nach-baustein"
    summary = "Die KIM-Stellen sind nach Bausteinen zugeordnet, mit strategischem Management, und je Stelle höchstens gefördert."
    severity = Severity.warning
    citations = (GUIDELINE_KIM,)
    explanation = (
        "Nur wenn das Konzept Stellen nennt (`staffing.posts`):\n\n"
        "- Hinweis, wenn keine Stelle einem Baustein zugeordnet ist (`kim_component: strategic`, "
        "`case_management` oder `immigration_office`).\n"
        "- Warnung, wenn Stellen im Case Management oder in der Ausländer-/Einbürgerungsbehörde genannt sind, "
        "aber keine im strategischen Management (Baustein a, 2020–2024 Baustein 1: die Koordination, die die "
        "Richtlinie selbst fördert).\n"
        "- Warnung, wenn die Förderung einer Stelle (`funding_eur_per_year`) 57.000 Euro im Jahr übersteigt.\n\n"
        "Wortlaut nicht geprüft: Stellenumfang und Festbetrag je Stelle stehen in der KIM-Förderrichtlinie, "
        "deren Anlagen hier nicht gelesen wurden; belegt sind sie nur aus Ratsunterlagen eines Kreises (2023: "
        "3,5 Stellen strategisches Management und 0,5 Verwaltung, 12 Stellen Case Management, 2 Stellen in der "
        "Ausländer-/Einbürgerungsbehörde; bis zu 57.000 Euro je Stelle). Darum nur Warnungen und Hinweise."
    )
    reason = (
        "Die KIM-Förderrichtlinie 2024 fördert drei Bausteine (Nr. 1.2, wörtlich: „a) Betrieb eines strategischen "
        "Managements in den Kommunen, b) Durchführung eines Case Managements vor Ort und c) Verstetigung der "
        "Arbeit in den örtlichen Ausländer- und Einbürgerungsbehörden“); 2020 bis 2024 hießen sie Bausteine 1 "
        "bis 3, Baustein 2 und 3 kamen über fachbezogene Pauschalen. Ob eine Stelle förderfähig ist und in "
        "welcher Höhe, hängt vom Baustein ab; ein Konzept, das seine Stellen nicht zuordnet, lässt sich nicht "
        "gegen die Förderung prüfen. Der Wortlaut ist amtlich für die Bausteine (recht.nrw.de), für Stellenumfang und "
        "Betrag je Stelle nicht (Wortlaut nicht geprüft)."
    )
    fix = (
        "Ordnen Sie jede KIM-Stelle einem Baustein zu (`kim_component`), und nennen Sie die Förderung je Stelle "
        "so, wie sie im Antrag steht."
    )

    def cite(self, ctx):
        return kim_citations(self, ctx)

    def check(self, ctx):
        staffing = ctx.concept.staffing
        if staffing is None or not staffing.posts:
            return
        posts = staffing.posts
        components = {p.kim_component for p in posts if p.kim_component is not None}
        if not components:
            yield Problem(
                ("staffing", "posts"),
                "Keine Stelle ist einem Baustein des KIM zugeordnet.",
                "Tragen Sie bei jeder KIM-Stelle `kim_component` ein (strategic, case_management, immigration_office).",
                Severity.info,
            )
            return
        if KimComponent.strategic not in components:
            yield Problem(
                ("staffing", "posts"),
                "Das Konzept nennt KIM-Stellen, aber keine im strategischen Management "
                f"({baustein_label(ctx.guideline.kim, 'strategic')}).",
                "Nennen Sie die Stellen der Koordination (strategisches Management) mit `kim_component: strategic`.",
            )
        for i, post in enumerate(posts):
            amount = post.funding_eur_per_year
            if amount is not None and post.funded_by in (Funder.land, None) and amount > MAX_PER_POST:
                yield Problem(
                    ("staffing", "posts", i, "funding_eur_per_year"),
                    f"Die Stelle „{post.label or 'ohne Bezeichnung'}“ soll mit {euro(amount)} im Jahr "
                    f"je Vollzeitstelle gefördert werden; belegt sind bis zu {euro(MAX_PER_POST)} je Stelle (Wortlaut der "
                    "Richtlinie nicht geprüft).",
                    "Prüfen Sie den Betrag am Förderbescheid oder an der Richtlinie.",
                )

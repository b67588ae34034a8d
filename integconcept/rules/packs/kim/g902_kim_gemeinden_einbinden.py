"""G902 kim-gemeinden-einbinden: the check; its cases are in g902_kim_gemeinden_einbinden.yaml beside this file."""

from __future__ import annotations


from integconcept.core.findings import Severity
from integconcept.document.enums import AuthorityKind, MemberCategory
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import categories, concept_texts, search, structures
from integconcept.rules.law import p9, quote_p9
from integconcept.rules.packs.kim._shared import kim_citations

# bounded word lengths: no backtracking over a long word
COMMON_CONCEPT = r"gemeinsame[nms]?\s+(?:\S{1,80}\s+){0,3}?\S{0,80}konzept\w*"


@register
class MunicipalitiesInKim(Rule):
    code = "G902"
    modality = Modality.guideline
    name = "kim-gemeinden-einbinden"
    summary = "Der Kreis bindet die Gemeinden in KIM ein, auf Grundlage eines gemeinsamen Konzepts."
    severity = Severity.warning
    citations = (p9("2"),)
    explanation = (
        "Nur bei einem Kreis. Warnung, wenn kein Netzwerk und keine Steuerungsgruppe Gemeinden als Mitglied "
        "hat (`category: municipality`), und Warnung, wenn der Text nirgends ein gemeinsames Konzept von "
        "Kreis und Gemeinden nennt (Textsuche nach „gemeinsame(s) … Konzept“). Kein Fehler: § 9 Abs. 2 "
        "richtet sich an die Förderung („Im Rahmen der Förderung … festzulegen“), also an die "
        "Fördergrundsätze und den Förderantrag, nicht unmittelbar an den Text des Konzepts."
    )
    reason = (
        quote_p9("2", "common") + " Die Vorschrift beauftragt die Förderung (die KIM-Förderrichtlinie), "
        "festzulegen, wie Kreis und Gemeinden zusammenwirken; das Konzept ist dafür die Grundlage. Darum "
        "eine Richtlinienvoraussetzung und eine Warnung: Ein KIM-Konzept eines Kreises, das die Gemeinden "
        "nicht einbindet, wird die Bezirksregierung beim Antrag beanstanden. Der Wortlaut ist amtlich "
        "(recht.nrw.de)."
    )
    fix = (
        "Nehmen Sie die Gemeinden in die KIM-Steuerung auf und beschreiben Sie, dass das Konzept mit ihnen "
        "gemeinsam erarbeitet wurde."
    )

    def cite(self, ctx):
        return kim_citations(self, ctx, "2", component="strategic")

    def check(self, ctx):
        c = ctx.concept
        if c.authority.kind is not AuthorityKind.kreis:
            return
        if not any(MemberCategory.municipality in categories(s) for s in structures(c)):
            yield Problem(
                ("networks",),
                "Keine Steuerungsstruktur hat die kreisangehörigen Gemeinden als Mitglied.",
                "Nehmen Sie die Gemeinden (`category: municipality`) in ein Netzwerk oder die Steuerungsgruppe auf.",
                severity=Severity.warning,
            )
        if not search(concept_texts(c), COMMON_CONCEPT):
            yield Problem(
                ("networks",),
                "Das Konzept sagt nirgends, dass Kreis und Gemeinden auf Grundlage eines gemeinsamen "
                "Integrationskonzepts zusammenarbeiten (Textsuche).",
                "Beschreiben Sie, wie das Konzept mit den Gemeinden gemeinsam getragen wird.",
                severity=Severity.warning,
            )

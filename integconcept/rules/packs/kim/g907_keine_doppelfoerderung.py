"""G907 keine-doppelfoerderung: the check; its cases are in g907_keine_doppelfoerderung.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import Funder, Programme
from integconcept.rules.base import Modality, Problem, Rule, register
from integconcept.rules.law import p9, quote_p9
from integconcept.rules.packs.kim._shared import kim_citations

OTHER_FUNDERS = frozenset({Funder.federal, Funder.other})


@register
class NoDoubleFunding(Rule):
    code = "G907"
    modality = Modality.must
    name = "keine-doppelfoerderung"
    summary = "KIM-Mittel fördern nichts, was schon EU, Bund, Land oder Dritte bezahlen; das Konzept grenzt das ab."
    severity = Severity.warning
    citations = (p9("4"),)
    explanation = (
        "Warnung, wenn eine vom Land geförderte Stelle eines KIM-Konzepts zugleich weitere Mittel nennt "
        "(`staffing.posts[].other_funding`, z. B. „ESF Plus“) und das Konzept nicht abgrenzt, was wovon bezahlt "
        "wird (`staffing.delimitation`). Hinweis, wenn neben der KIM-Förderung Mittel des Bundes oder Dritter "
        "in der Finanzierung stehen (`staffing.funding`) und die Abgrenzung fehlt."
    )
    reason = (
        quote_p9("4", "double") + " Das ist eine Muss-Vorschrift (der Wortlaut ist amtlich, recht.nrw.de). Ob ein "
        "Vorhaben schon abgedeckt ist, hängt aber von Anteilen und Zeiträumen ab, die die Datei meist nicht "
        "zeigt; die Bezirksregierung prüft es beim Antrag am Finanzierungsplan. Darum sagt die Regel nur, wo "
        "eine Abgrenzung fehlt (Warnung), statt eine Doppelförderung zu behaupten."
    )
    fix = (
        "Schreiben Sie unter `staffing.delimitation`, welche Anteile der Stelle aus KIM-Mitteln und welche aus "
        "anderen Mitteln bezahlt werden, oder dass die anderen Mittel andere Aufgaben decken."
    )

    def cite(self, ctx):
        return kim_citations(self, ctx, "4")

    def check(self, ctx):
        staffing = ctx.concept.staffing
        if staffing is None or staffing.delimitation:
            return
        for i, post in enumerate(staffing.posts):
            kim_post = post.kim_component is not None or post.funded_by is Funder.land
            if kim_post and post.other_funding:
                others = ", ".join(f"„{o}“" for o in post.other_funding)
                yield Problem(
                    ("staffing", "posts", i, "other_funding"),
                    f"Die Stelle „{post.label or 'ohne Bezeichnung'}“ wird aus Landesmitteln und aus "
                    f"{others} finanziert; das Konzept grenzt die Förderungen nicht ab.",
                    "Beschreiben Sie die Abgrenzung unter `staffing.delimitation`.",
                )
        kim_money = any(
            item.programme is Programme.kim or (item.funder is Funder.land and item.programme is None)
            for item in staffing.funding
        )
        other = [item for item in staffing.funding if item.funder in OTHER_FUNDERS]
        if kim_money and other:
            yield Problem(
                ("staffing", "funding"),
                "Neben der Landesförderung stehen Mittel des Bundes oder Dritter in der Finanzierung; "
                "das Konzept sagt nicht, wie sie voneinander abgegrenzt sind.",
                "Beschreiben Sie die Abgrenzung unter `staffing.delimitation`.",
                Severity.info,
            )

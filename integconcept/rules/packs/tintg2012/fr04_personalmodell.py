"""FR04 personalmodell: the check; its cases are in fr04_personalmodell.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import AuthorityKind, Funder, PostRole
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import de_number
from integconcept.rules.law import GUIDELINE_2012

#: The staffing model of the 2012 guideline and its 2015 amendment: 5.5 posts, 2 of them teachers
#: released by the Land [V: Kreis Euskirchen, Kreis Heinsberg; 2015 Nr. 4.2/4.3].
MODEL_TOTAL = 5.5
MODEL_TEACHERS = 2.0
#: From the 2016/17 expansion on (guidelines 2018, 2023, 2025): "bis zu 5,5 Personalstellen für
#: kreisfreie Städte bzw. 6,5 Stellen für Kreise" funded by the Land, teachers not included
#: [V2: Bezirksregierung, undated]. "Up to": fewer is no finding.
MAX_FUNDED = {AuthorityKind.kreis: 6.5, AuthorityKind.kreisfreie_stadt: 5.5}


@register
class Staffing(Rule):
    code = "FR04"
    modality = Modality.guideline
    name = "personalmodell"
    summary = "Die Stellen entsprechen dem Personalmodell der geltenden Förderrichtlinie und der Art der Körperschaft."
    severity = Severity.warning
    also_in = frozenset({"tintg2022"})  # besides its folder's pack
    citations = (GUIDELINE_2012,)
    explanation = (
        "Nur wenn `staffing.posts` angegeben ist. Welche Förderrichtlinie gilt, folgt aus den Daten des "
        "Konzepts (Antrag, sonst Beschluss) oder aus `guidelines.ki`. Richtlinie 2012 und Änderung 2015: "
        "die Summe der Stellen wird mit 5,5 verglichen, die der Lehrkräfte (`role: teacher`) mit 2; jede "
        "Abweichung ist eine Warnung. Ab der Richtlinie 2018: die vom Land geförderten Stellen ohne "
        "Lehrkräfte (`funded_by: land` oder ohne Angabe) dürfen bis zu 6,5 (Kreis) bzw. 5,5 (kreisfreie "
        "Stadt) betragen; weniger ist kein Befund, mehr eine Warnung. Stellen mit `funded_by: own` zählen "
        "dort nicht mit."
    )
    reason = (
        "Das Personalmodell 2012 sah 5,5 Stellen vor: zwei vom Land freigestellte Lehrkräfte und 3,5 kommunale "
        "Stellen, pauschal gefördert (Kreis Euskirchen, Kreis Heinsberg); die Änderung 2015 (Nr. 4.2/4.3) "
        "wörtlich: „in der Regel zwei Vollzeitstellen vom Land freigestellte Lehrkräfte“ und „3 Fachkräfte und "
        "eine ½ Verwaltungsassistenzkraft“. Heute fördert das Land „bis zu 5,5 Personalstellen für kreisfreie "
        "Städte bzw. 6,5 Stellen für Kreise“ (Bezirksregierung, wörtlich, aber undatiert). Weil die Zahlen "
        "teils nur aus Sekundärquellen stammen, warnt die Regel nur."
    )
    fix = "Ergänzen Sie fehlende Stellen unter `staffing.posts` oder begründen Sie die Abweichung im Text."

    def cite(self, ctx):
        return (ctx.guideline.ki_citation,)

    def check(self, ctx):
        staffing = ctx.concept.staffing
        if not staffing or not staffing.posts:
            return
        version = ctx.guideline.ki
        total = sum(post.fte for post in staffing.posts)
        teachers = sum(post.fte for post in staffing.posts if post.role is PostRole.teacher)
        if version in ("2012", "2015"):
            if abs(total - MODEL_TOTAL) > 1e-6 or abs(teachers - MODEL_TEACHERS) > 1e-6:
                yield Problem(
                    ("staffing", "posts"),
                    f"Angegeben sind {de_number(total, 1)} Stellen, davon {de_number(teachers, 1)} "
                    f"Lehrkräfte; das Personalmodell der Förderrichtlinie {version} sieht "
                    f"{de_number(MODEL_TOTAL, 1)} Stellen vor, davon {de_number(MODEL_TEACHERS, 0)} "
                    "Lehrkräfte.",
                    "Ergänzen Sie fehlende Stellen oder erläutern Sie die Abweichung unter `staffing.text`.",
                )
            return
        kind = ctx.concept.authority.kind
        limit = MAX_FUNDED[kind]
        funded = sum(
            post.fte
            for post in staffing.posts
            if post.role is not PostRole.teacher and post.funded_by in (None, Funder.land)
        )
        if funded > limit + 1e-6:
            who = "einen Kreis" if kind is AuthorityKind.kreis else "eine kreisfreie Stadt"
            yield Problem(
                ("staffing", "posts"),
                f"Angegeben sind {de_number(funded, 1)} vom Land geförderte Stellen (ohne Lehrkräfte); "
                f"die Förderrichtlinie {version} fördert für {who} bis zu {de_number(limit, 1)} Stellen.",
                "Kennzeichnen Sie Stellen aus Eigenmitteln mit `funded_by: own` oder prüfen Sie die Zahl.",
            )

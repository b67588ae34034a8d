"""T040: under the 2012 guideline the concept is at most three years old at the application."""

from __future__ import annotations

import datetime as dt

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.law import GUIDELINES_WITH_THIS_LIST
from integconcept.rules.packs.timeline._shared import FOERDER_2012, funding_citations


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def roadmap_until(concept) -> str:
    until = concept.roadmap.until
    return fmt.short(until.start) if until.is_exact else until.german()


@register
class KonzeptHoechstensDreiJahre(Rule):
    code = "T040"
    modality = Modality.should
    name = "konzept-hoechstens-drei-jahre"
    summary = "Beim Förderantrag nach der Förderrichtlinie 2012 ist das Konzept höchstens drei Jahre alt."
    severity = Severity.warning
    deviation = (
        "Legen Sie dem Antrag einen Fahrplan bei, bis wann, mit wem und wie das Konzept fortgeschrieben "
        "wird (`roadmap`), oder begründen Sie, warum das ältere Konzept noch die aktuelle Lage beschreibt."
    )
    citations = (FOERDER_2012,)
    explanation = (
        "Nur bei Rechtsgrundlage § 7 TIntG NRW 2012 (legal_basis: tintg2012-p7) und solange die "
        "Förderrichtlinie 2012 (mit der Änderung 2015) gilt: Am Tag des Förderantrags"
        " soll der Beschluss über das Konzept (adoption.date, sonst die Kreistagssitzung im Gremienlauf) "
        "höchstens drei Jahre zurückliegen.\n\n"
        "Ungenaue Daten: Hängt das Ergebnis vom genauen Antragstag ab, gibt es nur einen Hinweis.\n\n"
        "Fahrplan: Ist unter `roadmap` dargelegt, bis wann, mit wem und wie das Konzept (neu) erstellt wird, "
        "ist ein zu altes Konzept nur ein Hinweis."
        " Je Fassung: die drei Jahre („nicht älter als 3 Jahre sein sollte“) sind nur für 2012 und 2015 belegt; 2018 ist nicht recherchiert; die Fördervoraussetzungen 2023 und 2025 nennen kein Höchstalter, sondern Schwerpunkte im Zwei-Jahres-Turnus (FR05; Wortlaut der Richtlinien nicht geprüft). Dann läuft diese Regel nicht."
    )
    reason = (
        "Nach der Förderrichtlinie 2012 (Runderlass vom 25.06.2012, MBl. NRW. 2012 Nr. 19) gehört zum "
        "Antrag ein vom Rat/Kreistag beschlossenes Integrationskonzept, das nicht älter als drei Jahre "
        "sein soll (so dargestellt unter kommunale-integrationszentren-nrw.de/rahmenbedingungen). Ein "
        "älteres Konzept muss vorher fortgeschrieben und neu beschlossen werden – oder der Antrag erläutert "
        "„bis wann, mit wem und wie ein solches Konzept erstellt wird“ (Anforderungen wörtlich zitiert in "
        "einem Ratsantrag der Stadt Düsseldorf vom 29.05.2013); dann ist das alte Konzept kein Hindernis."
    )
    fix = "Schreiben Sie das Konzept fort und lassen Sie es neu beschließen, oder prüfen Sie die Daten."

    def cite(self, ctx):
        return funding_citations(ctx)

    def check(self, ctx):
        if ctx.basis != "tintg2012-p7" or ctx.guideline.ki not in GUIDELINES_WITH_THIS_LIST:
            return  # the three-year limit is documented for the guideline 2012 (and its 2015 amendment)
        concept = ctx.concept
        steps = ctx.chain
        vague = concept.adoption.date if concept.adoption and concept.adoption.date else None
        adopted = vague.end if vague else None  # a vague date: its last possible day (no false alarm)
        origin = "Beschluss vom" if vague is None or vague.is_exact else f"Beschluss {vague.german()}, spätestens"
        if adopted is None:
            anchor = ctx.adopting_council
            if anchor is None or not anchor.exact:
                return
            adopted, origin = anchor.exact, f"„{anchor.body}“ am"
        limit = _plus_years(adopted, 3)
        for step in steps:
            if step.kind is not BodyKind.funding_application or not step.dated:
                continue
            if step.start > limit and concept.roadmap is not None:
                yield Problem(
                    step.field_path("date"),
                    f"Beim Förderantrag ({fmt.step_date(step)}) ist das Konzept ({origin} "
                    f"{fmt.short(adopted)}) älter als drei Jahre; der Fahrplan (roadmap) sieht ein neues "
                    f"Konzept bis {roadmap_until(concept)} vor, das ersetzt ein aktuelles Konzept.",
                    "Halten Sie den Fahrplan ein und tragen Sie den neuen Beschluss nach.",
                    Severity.info,
                )
            elif step.start > limit:
                yield Problem(
                    step.field_path("date"),
                    f"Beim Förderantrag ({fmt.step_date(step)}) ist das Konzept ({origin} "
                    f"{fmt.short(adopted)}) älter als drei Jahre (Grenze {fmt.short(limit)}).",
                    "Schreiben Sie das Konzept fort und lassen Sie es vor dem Antrag neu beschließen.",
                )
            elif step.end > limit:
                yield Problem(
                    step.field_path("date"),
                    f"Ob das Konzept ({origin} {fmt.short(adopted)}) beim Förderantrag "
                    f"({fmt.step_date(step)}) höchstens drei Jahre alt ist, hängt vom genauen Tag ab "
                    f"(Grenze {fmt.short(limit)}).",
                    "Stellen Sie den Antrag spätestens an diesem Tag.",
                    Severity.info,
                )

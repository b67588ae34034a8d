"""T011: no session of a political body on a Saturday or Sunday."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.procedure import calendar
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import KRO_32_2, council_citations


@register
class SitzungAmWochenende(Rule):
    code = "T011"
    modality = Modality.practice
    name = "sitzung-am-wochenende"
    summary = "Politische Gremien tagen an Arbeitstagen, nicht am Samstag oder Sonntag."
    severity = Severity.warning
    citations = (KRO_32_2,)
    explanation = (
        "Sitzungen von Fachausschuss, Kreisausschuss/Hauptausschuss, Kreistag/Rat und Integrationsrat mit"
        " genauem Datum an einem Samstag oder Sonntag."
    )
    reason = (
        "Die Sitzungen der Gremien legt der Sitzungsplan nach der Geschäftsordnung fest (§ 32 KrO NRW, in der kreisfreien Stadt § 47 GO NRW); "
        "sie liegen an Arbeitstagen. Ein Wochenende ist fast immer ein Tippfehler im Datum (vertauschte "
        "Ziffern). Verwaltungstermine, Konferenzen und Antrag/Bescheid werden nicht geprüft. Verboten ist "
        "eine Sitzung am Samstag nicht (manche Räte tagen zu Haushaltsklausuren am Wochenende): darum eine "
        "Warnung, kein Fehler."
    )
    fix = "Prüfen Sie das Datum im Sitzungskalender."

    def cite(self, ctx):
        return council_citations(ctx)

    def check(self, ctx):
        for step in ctx.chain:
            if step.political and step.exact and calendar.is_weekend(step.exact):
                weekday = calendar.WEEKDAYS_DE[step.exact.weekday()]
                yield Problem(
                    step.field_path("date"),
                    f"„{step.body}“ tagt am {fmt.day(step.exact)}, einem {weekday}.",
                    "Prüfen Sie das Datum; politische Gremien tagen an Arbeitstagen (Montag bis Freitag).",
                )

"""T010: no session of a political body on an NRW public holiday."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.procedure import calendar
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import FEIERTAGSGESETZ


@register
class SitzungAnFeiertag(Rule):
    code = "T010"
    modality = Modality.practice
    name = "sitzung-an-feiertag"
    summary = "Politische Gremien tagen nicht an gesetzlichen Feiertagen in NRW."
    severity = Severity.warning
    citations = (FEIERTAGSGESETZ,)
    explanation = (
        "Sitzungen von Fachausschuss, Kreisausschuss/Hauptausschuss, Kreistag/Rat und Integrationsrat mit"
        " genauem Datum, die auf einen gesetzlichen Feiertag in NRW fallen (z. B. 3. Oktober, Tag der "
        "Deutschen Einheit; 1. November, Allerheiligen). Der Name des Feiertags steht in der Meldung. "
        "Grundlage der Feiertage ist das Paket „holidays“ (offline, für NRW)."
    )
    reason = (
        "Gremien tagen an Arbeitstagen; ein Feiertag im Sitzungsplan ist fast immer ein Tippfehler oder "
        "ein Planungsfehler, der eine Sitzung und damit den Beschluss verschiebt. Verboten ist eine Sitzung "
        "an einem Feiertag aber weder durch die Kreis- oder Gemeindeordnung noch durch das Feiertagsgesetz "
        "(es schützt die Feiertage, regelt aber keine Ratssitzungen): darum eine Warnung, kein Fehler."
    )
    fix = "Prüfen Sie das Datum im Sitzungskalender (Ratsinformationssystem)."

    def check(self, ctx):
        for step in ctx.chain:
            if step.political and step.exact and (name := calendar.public_holiday(step.exact)):
                yield Problem(
                    step.field_path("date"),
                    f"„{step.body}“ tagt am {fmt.day(step.exact)}, einem gesetzlichen Feiertag in NRW ({name}).",
                    "Prüfen Sie das Datum im Sitzungskalender; Gremien tagen an Arbeitstagen.",
                )

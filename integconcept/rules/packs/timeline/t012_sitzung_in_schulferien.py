"""T012: political sessions inside NRW school holidays (warning)."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.procedure import calendar
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import SCHULFERIEN


@register
class SitzungInSchulferien(Rule):
    code = "T012"
    modality = Modality.practice
    name = "sitzung-in-schulferien"
    summary = "Politische Gremien machen in den NRW-Schulferien üblicherweise Sitzungspause (Warnung)."
    severity = Severity.warning
    citations = (SCHULFERIEN,)
    explanation = (
        "Sitzungen von Fachausschuss, Kreisausschuss/Hauptausschuss, Kreistag/Rat und Integrationsrat mit"
        " genauem Datum in den Schulferien in NRW (Sommer-, Herbst-, Weihnachts-, Oster- und "
        "Pfingstferien). Verwaltungstermine werden nicht geprüft: Der Verwaltungsvorstand des Kreises "
        "Unna hat am 31.07.2012 mitten in den Sommerferien getagt, das ist in Ordnung."
    )
    reason = (
        "Kein Gesetz verbietet Sitzungen in den Ferien, aber die Gremien machen dann üblicherweise Pause;"
        " ein Termin in den Ferien ist oft ein Planungsfehler. Die Ferientermine liefert das Paket "
        "„holidays“ offline; für Jahre, die es nicht kennt, gibt es stattdessen einen Hinweis (dann wird "
        "nichts geprüft, statt zu raten)."
    )
    fix = (
        "Prüfen Sie das Datum im Sitzungskalender; ist die Sitzung tatsächlich in den Ferien, können Sie "
        "die Warnung stehen lassen."
    )

    def check(self, ctx):
        uncovered: set[int] = set()
        for step in ctx.chain:
            if not (step.political and step.exact):
                continue
            day = step.exact
            if not calendar.school_data_covers(day.year):
                if day.year not in uncovered:
                    uncovered.add(day.year)
                    yield Problem(
                        step.field_path("date"),
                        f"Die Schulferien in NRW für {day.year} sind dem Programm nicht bekannt; "
                        f"Sitzungen in diesem Jahr werden nicht auf Schulferien geprüft.",
                        "Prüfen Sie die Ferientermine selbst (Schulministerium NRW) oder aktualisieren "
                        "Sie das Paket „holidays“.",
                        Severity.info,
                    )
                continue
            if (name := calendar.school_holiday(day)) is not None:
                yield Problem(
                    step.field_path("date"),
                    f"„{step.body}“ tagt am {fmt.day(day)} in den {name} in NRW; politische Gremien "
                    f"machen dann üblicherweise Pause.",
                    "Prüfen Sie das Datum im Sitzungskalender.",
                )

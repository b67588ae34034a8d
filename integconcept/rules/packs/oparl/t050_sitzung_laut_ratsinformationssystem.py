"""T050: a session step falls on a session of its body in the council information system (OParl)."""

from __future__ import annotations

from integconcept.core.findings import Citation, Severity
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register

#: Body names that read well with "Der …" (Kreistag, Kreisausschuss, Integrationsrat, Beirat).
_MASCULINE = ("tag", "ausschuss", "rat", "beirat")

OPARL = Citation(
    "OParl",
    version="1.1",
    url="https://oparl.org/spezifikation/online-ansicht/",
    note="Standardschnittstelle der Ratsinformationssysteme: Gruppierungen und Sitzungen",
)


def subject(name: str) -> str:
    """„Der Kreistag“ / „Der Ausschuss für …“; other names in quotes (no guessed article)."""
    from integconcept.procedure.oparl.matching import words

    first = (words(name) or [""])[0]
    return f"Der {name}" if first.endswith(_MASCULINE) else f"„{name}“"


def nearest(sessions, start, end) -> str:
    before, after = sessions.before(start), sessions.after(end)
    if before and after:
        return f"Sitzungen: {fmt.short(before)}, {fmt.short(after)}"
    if before:
        return f"letzte Sitzung: {fmt.short(before)}, danach keine"
    if after:
        return f"nächste Sitzung: {fmt.short(after)}, davor keine"
    return "dort steht keine einzige Sitzung dieses Gremiums"


@register
class SitzungImRatsinformationssystem(Rule):
    code = "T050"
    modality = Modality.practice
    name = "sitzung-laut-ratsinformationssystem"
    summary = "Ein Schritt eines politischen Gremiums fällt auf eine Sitzung laut Ratsinformationssystem (OParl)."
    severity = Severity.warning
    citations = (OPARL,)
    explanation = (
        "Läuft nur mit „--oparl ADRESSE“ (oder „oparl“ in der Konfiguration). Für jeden Schritt eines "
        "Fachausschusses, Kreisausschusses/Hauptausschusses oder Kreistags/Rats und jede Beratung oder "
        "Beschlussfassung eines Integrationsrats wird die Gruppierung im Ratsinformationssystem gesucht (siehe "
        "T051) und geprüft, ob sie an diesem Tag tagt. Abgesagte Sitzungen zählen nicht. Ein ungenaues Datum („Anfang November "
        "2012“) passt, wenn im Zeitraum eine Sitzung liegt. Die Meldung nennt die nächste Sitzung davor und "
        "danach."
    )
    reason = (
        "Der Gremienlauf nennt Sitzungen, die es geben muss: ein Tag ohne Sitzung ist ein Tippfehler oder ein "
        "Plan, der mit dem Sitzungskalender nicht zusammenpasst. Eine Warnung, weil Ratsinformationssysteme "
        "ältere oder nichtöffentliche Sitzungen nicht immer führen."
    )
    fix = (
        "Das Datum an die Sitzung laut Ratsinformationssystem anpassen. Fehlt die Sitzung dort nur, den Befund "
        "in seiner Zeile mit Grund stummschalten: # integconcept: ignore[T050] Grund: Sondersitzung."
    )

    def check(self, ctx):
        from integconcept.procedure.oparl import VIEW_KEY

        view = ctx.settings.get(VIEW_KEY)
        if view is None:
            return
        for target in view.targets:
            if target.sessions is None:
                continue
            sessions = target.sessions
            where = f"Gruppierung im Ratsinformationssystem: „{target.result.label}“"
            for step in target.steps:
                if not step.dated:
                    continue
                if step.precision == "day":
                    if sessions.held_on(step.start):
                        continue
                    when = f"am {fmt.short(step.start)}"
                    cancelled = " (die Sitzung an diesem Tag ist abgesagt)" if step.start in sessions.cancelled else ""
                else:
                    if sessions.within(step.start, step.end):
                        continue
                    when = (
                        f"im Zeitraum {fmt.span(step.start, step.end, step.precision)} "
                        f"({fmt.short(step.start)}–{fmt.short(step.end)})"
                    )
                    cancelled = (
                        " (Sitzungen in diesem Zeitraum sind abgesagt)"
                        if any(step.start <= d <= step.end for d in sessions.cancelled)
                        else ""
                    )
                hint = f"Prüfen Sie das Datum ({where})."
                if sessions.before(step.start) is None:
                    hint += (
                        " Das Ratsinformationssystem führt keine frühere Sitzung dieses Gremiums; vielleicht "
                        "reichen seine Daten nicht so weit zurück."
                    )
                yield Problem(
                    step.field_path("date"),
                    f"{subject(step.body)} tagt laut Ratsinformationssystem nicht {when}{cancelled}; "
                    f"{nearest(sessions, step.start, step.end)}.",
                    hint,
                )

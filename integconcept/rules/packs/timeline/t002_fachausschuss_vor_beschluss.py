"""T002: the specialist committee advises before the Kreisausschuss and the Kreistag."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.model import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import DELIBERATING
from integconcept.rules.base import Problem, Rule, register
from integconcept.rules.packs.timeline._shared import KRO_41, KRO_50, order_verdict, preparing


#: Committees that advise before the decision: Fachausschüsse and further committees such as a
#: Personal- und Verwaltungsausschuss (``other_committee``).
COMMITTEES = frozenset({BodyKind.specialist_committee, BodyKind.other_committee})


@register
class FachausschussVorBeschluss(Rule):
    code = "T002"
    name = "fachausschuss-vor-beschluss"
    summary = "Der Fachausschuss berät vor dem Kreistag (Fehler) und in der Regel vor dem Kreisausschuss (Warnung)."
    severity = Severity.error
    citations = (KRO_41, KRO_50)
    explanation = (
        "Die Beratung im Fachausschuss (z. B. Ausschuss für Arbeit, Soziales und Familie) muss vor dem "
        "Beschluss des Kreistags (Rats) liegen oder am selben Tag (Fehler, wenn nicht); ebenso die eines "
        "weiteren Ausschusses (`other_committee`, z. B. Personal- und Verwaltungsausschuss). Liegt sie nach "
        "dem Kreisausschuss (Hauptausschuss), der den Beschluss vorbereitet, gibt es eine Warnung.\n\n"
        "Ungenaue Daten werden als Zeitraum geprüft; hängt das Ergebnis vom genauen Tag ab, gibt es nur "
        "einen Hinweis."
    )
    reason = (
        "Fachausschüsse beraten und empfehlen (§ 41 KrO NRW); der Kreisausschuss bereitet den Beschluss "
        "des Kreistags vor (§ 50 KrO NRW) und soll die Empfehlung des Fachausschusses kennen. Eine "
        "Empfehlung nach dem Beschluss läuft ins Leere."
    )
    fix = (
        "Legen Sie die Fachausschusssitzung vor Kreisausschuss und Kreistag."
    )

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        if anchor is None:
            return
        mains = preparing(steps, BodyKind.main_committee, anchor)
        main = mains[-1] if mains else None
        for step in steps:
            if step.kind not in COMMITTEES or step.purpose not in DELIBERATING:
                continue
            verdict = order_verdict(step, anchor)
            if verdict == "error":
                yield Problem(step.field_path("date"),
                              f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach dem Beschluss von "
                              f"„{anchor.body}“ ({fmt.step_date(anchor)}).",
                              "Die Empfehlung des Fachausschusses gehört vor den Beschluss; prüfen Sie die Daten.")
                continue
            if verdict == "open":
                yield Problem(step.field_path("date"),
                              f"Ob „{step.body}“ ({fmt.step_date(step)}) vor „{anchor.body}“ "
                              f"({fmt.step_date(anchor)}) berät, hängt vom genauen Tag ab.",
                              "Tragen Sie den genauen Sitzungstag ein.", Severity.info)
                continue
            if verdict == "list":
                yield Problem(step.path, f"„{step.body}“ steht in der Liste nach „{anchor.body}“.",
                              "Ordnen Sie die Schritte in der Reihenfolge des Verfahrens oder tragen Sie Daten ein.",
                              Severity.info)
                continue
            if main is not None and step.kind is BodyKind.specialist_committee and \
                    order_verdict(step, main) == "error":
                yield Problem(step.field_path("date"),
                              f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach „{main.body}“ "
                              f"({fmt.step_date(main)}), der den Beschluss vorbereitet.",
                              "Üblich ist: Fachausschuss, dann Kreisausschuss (Hauptausschuss), dann Kreistag (Rat).",
                              Severity.warning)

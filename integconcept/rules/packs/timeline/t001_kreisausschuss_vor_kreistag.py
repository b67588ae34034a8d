"""T001: the Kreisausschuss (Hauptausschuss) deliberates before or on the day of the council."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.model import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import DELIBERATING
from integconcept.rules.base import Problem, Rule, register
from integconcept.rules.packs.timeline._shared import KRO_50, order_verdict


@register
class KreisausschussVorKreistag(Rule):
    code = "T001"
    name = "kreisausschuss-vor-kreistag"
    summary = "Der Kreisausschuss (Hauptausschuss) berät vor oder am Tag des Kreistags (Rats), nicht danach."
    severity = Severity.error
    citations = (KRO_50,)
    explanation = (
        "Jede Beratung oder Beschlussfassung des Kreisausschusses (in einer kreisfreien Stadt: des "
        "Hauptausschusses) muss vor der Sitzung des Kreistags (Rats) liegen, der das Konzept beschließt, "
        "oder am selben Tag.\n\n"
        "Ungenaue Daten („Anfang 2012-11“) gelten als Zeitraum: Liegt der Kreisausschuss an jedem "
        "möglichen Tag nach dem Kreistag, ist das ein Fehler; hängt es vom genauen Tag ab, gibt es nur "
        "einen Hinweis. Schritte ohne Datum werden nur nach ihrer Reihenfolge in der Liste beurteilt "
        "(Hinweis)."
    )
    reason = (
        "Nach § 50 KrO NRW bereitet der Kreisausschuss die Beschlüsse des Kreistags vor. Eine "
        "Vorbereitung nach dem Beschluss ist keine Vorbereitung; der Beschluss müsste wiederholt werden. "
        "Beide Sitzungen dürfen am selben Tag oder an aufeinanderfolgenden Tagen liegen (Kreis Unna: "
        "Kreisausschuss 29.10.2012, Kreistag 30.10.2012)."
    )
    fix = (
        "Prüfen Sie das Datum; legen Sie den Kreisausschuss vor (oder auf den Tag) der Kreistagssitzung."
    )

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        if anchor is None:
            return
        main = "Hauptausschuss" if ctx.concept.authority.kind.value == "kreisfreie_stadt" else "Kreisausschuss"
        for step in steps:
            if step.kind is not BodyKind.main_committee or step.purpose not in DELIBERATING:
                continue
            verdict = order_verdict(step, anchor)
            if verdict == "error":
                yield Problem(step.field_path("date"),
                              f"„{step.body}“ ({fmt.step_date(step)}) liegt nach dem Beschluss von "
                              f"„{anchor.body}“ ({fmt.step_date(anchor)}); der {main} bereitet den Beschluss vor "
                              f"und muss davor oder am selben Tag tagen.",
                              "Prüfen Sie beide Daten; die Sitzung des Ausschusses gehört vor die des "
                              "Kreistags (Rats).")
            elif verdict == "open":
                yield Problem(step.field_path("date"),
                              f"Ob „{step.body}“ ({fmt.step_date(step)}) vor „{anchor.body}“ "
                              f"({fmt.step_date(anchor)}) liegt, hängt vom genauen Tag ab.",
                              "Tragen Sie den genauen Sitzungstag ein, sobald er feststeht.", Severity.info)
            elif verdict == "list":
                yield Problem(step.path,
                              f"„{step.body}“ steht in der Liste nach „{anchor.body}“; der {main} bereitet den "
                              f"Beschluss vor und gehört davor.",
                              "Ordnen Sie die Schritte in der Reihenfolge des Verfahrens oder tragen Sie Daten ein.",
                              Severity.info)

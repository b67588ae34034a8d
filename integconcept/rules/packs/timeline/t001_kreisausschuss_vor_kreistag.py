"""T001: the Kreisausschuss (Hauptausschuss) deliberates before or on the day of the council."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import DELIBERATING
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.packs.timeline._shared import KRO_50, is_city, main_committee_citations, measure, order_problems


@register
class KreisausschussVorKreistag(Rule):
    code = "T001"
    modality = Modality.must
    name = "kreisausschuss-vor-kreistag"
    summary = "Der Kreisausschuss (Hauptausschuss) berät vor oder am Tag des Kreistags (Rats), nicht danach."
    severity = Severity.error
    citations = (KRO_50,)
    explanation = (
        "Jede Beratung oder Beschlussfassung des Kreisausschusses (in einer kreisfreien Stadt: des "
        "Hauptausschusses) muss vor der Sitzung des Kreistags (Rats) liegen, deren Beschluss sie vorbereitet, "
        "oder am selben Tag. Hat der Gremienlauf mehrere Beschlüsse des Kreistags (Rats), etwa bei KIM den "
        "Beitritt zum Programm und später die Verlängerung, wird jede Sitzung an dem nächsten Beschluss "
        "gemessen, der nicht vor ihr liegt. In einer kreisfreien Stadt ist ein Hauptausschuss nach dem Rat nur "
        "eine Warnung (die GO NRW gibt ihm keine vorbereitende Aufgabe wie § 50 KrO NRW dem Kreisausschuss).\n\n"
        "Ungenaue Daten („Anfang 2012-11“) gelten als Zeitraum: Liegt der Kreisausschuss an jedem "
        "möglichen Tag nach dem Kreistag, ist das ein Fehler; hängt es vom genauen Tag ab, gibt es nur "
        "einen Hinweis. Schritte ohne Datum werden nur nach ihrer Reihenfolge in der Liste beurteilt "
        "(Hinweis)."
    )
    reason = (
        "Nach § 50 KrO NRW bereitet der Kreisausschuss die Beschlüsse des Kreistags vor (Muss-Vorschrift). Eine "
        "Vorbereitung nach dem Beschluss ist keine Vorbereitung; der Beschluss müsste wiederholt werden. "
        "Beide Sitzungen dürfen am selben Tag oder an aufeinanderfolgenden Tagen liegen (Kreis Unna: "
        "Kreisausschuss 29.10.2012, Kreistag 30.10.2012)."
    )
    fix = "Prüfen Sie das Datum; legen Sie den Kreisausschuss vor (oder auf den Tag) der Kreistagssitzung."

    def cite(self, ctx):
        return main_committee_citations(ctx)

    def check(self, ctx):
        if ctx.adopting_council is None:
            return
        city = is_city(ctx)
        main = "Hauptausschuss" if city else "Kreisausschuss"
        # A Kreisausschuss after the Kreistag cannot prepare its decision (§ 50 KrO NRW): an error. A
        # Stadt's Hauptausschuss has no such statutory task (§ 59 GO NRW): a warning.
        late = Severity.warning if city else Severity.error
        for step in ctx.chain:
            if step.kind is not BodyKind.main_committee or step.purpose not in DELIBERATING:
                continue
            anchor = measure(ctx, step)
            yield from order_problems(
                step,
                step,
                anchor,
                severity=late,
                wrong=f"„{step.body}“ ({fmt.step_date(step)}) liegt nach dem Beschluss von „{anchor.body}“ "
                f"({fmt.step_date(anchor)}); der {main} "
                + (
                    "soll den Beschluss vorbereiten und davor oder am selben Tag tagen."
                    if city
                    else "bereitet den Beschluss vor und muss davor oder am selben Tag tagen."
                ),
                wrong_hint="Prüfen Sie beide Daten; die Sitzung des Ausschusses gehört vor die des Kreistags (Rats).",
                depends=f"Ob „{step.body}“ ({fmt.step_date(step)}) vor „{anchor.body}“ ({fmt.step_date(anchor)}) "
                "liegt, hängt vom genauen Tag ab.",
                depends_hint="Tragen Sie den genauen Sitzungstag ein, sobald er feststeht.",
                listed=f"„{step.body}“ steht in der Liste nach „{anchor.body}“; der {main} bereitet den Beschluss "
                "vor und gehört davor.",
            )[1]

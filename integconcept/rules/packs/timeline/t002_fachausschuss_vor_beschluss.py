"""T002: the specialist committee advises before the Kreisausschuss and the Kreistag."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import DELIBERATING
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import (
    KRO_41,
    KRO_50,
    committee_citations,
    is_city,
    main_committee_citations,
    main_committee_last,
    measure,
    order_problems,
    order_verdict,
)


#: Committees that advise before the decision: Fachausschüsse and further committees such as a
#: Personal- und Verwaltungsausschuss (``other_committee``).
COMMITTEES = frozenset({BodyKind.specialist_committee, BodyKind.other_committee})


@register
class FachausschussVorBeschluss(Rule):
    code = "T002"
    modality = Modality.consistency
    name = "fachausschuss-vor-beschluss"
    summary = "Der Fachausschuss berät vor dem Beschluss, den er vorbereitet (Fehler), im Kreis auch vor dem Kreisausschuss (Warnung)."
    severity = Severity.error
    citations = (KRO_41, KRO_50)
    explanation = (
        "Die Beratung im Fachausschuss (z. B. Ausschuss für Arbeit, Soziales und Familie) muss vor dem "
        "Beschluss des Kreistags (Rats) liegen, den sie vorbereitet, oder am selben Tag (Fehler, wenn nicht); "
        "ebenso die eines weiteren Ausschusses (`other_committee`, z. B. Personal- und Verwaltungsausschuss). "
        "Hat der Gremienlauf mehrere Beschlüsse (KIM: Beitritt, später Verlängerung), wird jede Beratung am "
        "nächsten Beschluss gemessen, der nicht vor ihr liegt. Im Kreis gibt es eine Warnung, wenn der "
        "Fachausschuss nach dem Kreisausschuss berät, der denselben Beschluss vorbereitet. In einer "
        "kreisfreien Stadt nicht: die GO NRW ordnet Hauptausschuss und Fachausschüsse nicht; schreibt die "
        "Geschäftsordnung es vor, setzen Sie `main_committee_after_committees = true` in "
        "`[tool.integconcept.timeline]`.\n\n"
        "Ungenaue Daten werden als Zeitraum geprüft; hängt das Ergebnis vom genauen Tag ab, gibt es nur "
        "einen Hinweis."
    )
    reason = (
        "Fachausschüsse beraten und empfehlen (§ 41 KrO NRW; in der kreisfreien Stadt § 57 GO NRW); der "
        "Kreisausschuss bereitet den Beschluss des Kreistags vor (§ 50 KrO NRW) und soll die Empfehlung des "
        "Fachausschusses kennen. Eine Empfehlung nach dem Beschluss, den sie vorbereiten soll, widerspricht "
        "dem Gremienlauf selbst (Stimmigkeit): ein Fehler. Der Hauptausschuss einer kreisfreien Stadt "
        "stimmt die Arbeit der Ausschüsse ab (§ 59 GO NRW, sinngemäß), eine Reihenfolge schreibt die GO NRW "
        "nicht vor (ein Haupt- und Beteiligungsausschuss einer Stadt tagte einen Monat vor drei "
        "Fachausschüssen, danach beschloss der Rat)."
    )
    fix = "Legen Sie die Fachausschusssitzung vor Kreisausschuss und Kreistag."

    def cite(self, ctx):
        return committee_citations(ctx) + main_committee_citations(ctx)

    def check(self, ctx):
        steps = ctx.chain
        if ctx.adopting_council is None:
            return
        ordered = main_committee_last(ctx)
        # the Kreisausschuss that prepares each council decision (the last one listed), worked out once
        main_for: dict[int, object] = {}
        for m in steps:
            if m.kind is BodyKind.main_committee and m.purpose in DELIBERATING:
                prepared = measure(ctx, m)
                if prepared is not None and order_verdict(m, prepared) != "error":
                    main_for[id(prepared)] = m
        main_name = "Hauptausschuss" if is_city(ctx) else "Kreisausschuss"
        for step in steps:
            if step.kind not in COMMITTEES or step.purpose not in DELIBERATING:
                continue
            anchor = measure(ctx, step)
            verdict, problems = order_problems(
                step,
                step,
                anchor,
                wrong=f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach dem Beschluss von „{anchor.body}“ "
                f"({fmt.step_date(anchor)}).",
                wrong_hint="Die Empfehlung des Fachausschusses gehört vor den Beschluss; prüfen Sie die Daten.",
                depends=f"Ob „{step.body}“ ({fmt.step_date(step)}) vor „{anchor.body}“ ({fmt.step_date(anchor)}) "
                "berät, hängt vom genauen Tag ab.",
                listed=f"„{step.body}“ steht in der Liste nach „{anchor.body}“.",
            )
            yield from problems
            if verdict is not None:
                continue
            if not ordered or step.kind is not BodyKind.specialist_committee:
                continue
            main = main_for.get(id(anchor))  # the Kreisausschuss that prepares the same decision
            if main is not None and order_verdict(step, main) == "error":
                yield Problem(
                    step.field_path("date"),
                    f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach „{main.body}“ "
                    f"({fmt.step_date(main)}), der den Beschluss vorbereitet.",
                    f"Üblich ist: Fachausschuss, dann {main_name}, dann {'Rat' if is_city(ctx) else 'Kreistag'}.",
                    Severity.warning,
                )

"""T006: the two-step funding procedure: grundsätzliche Genehmigung after the decision, before the application."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind, Purpose
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import FOERDER_2012, funding_citations, order_problems


@register
class GenehmigungVorAntrag(Rule):
    code = "T006"
    modality = Modality.guideline
    name = "grundsaetzliche-genehmigung-vor-antrag"
    summary = "Die grundsätzliche Genehmigung der Ministerien folgt dem Beschluss und geht dem Förderantrag voraus."
    severity = Severity.error
    citations = (FOERDER_2012,)
    explanation = (
        "Für jeden Schritt `body_kind: approval_in_principle` (grundsätzliche Genehmigung der beiden "
        "Ministerien): er muss `purpose: notice` haben, darf nicht vor dem Beschluss des Kreistags (Rats) "
        "liegen und nicht nach dem Förderantrag (`funding_application`). Ungenaue Daten werden als "
        "Zeitraum geprüft; hängt das Ergebnis vom genauen Tag ab, gibt es nur einen Hinweis."
    )
    reason = (
        "Das Förderverfahren hat zwei Stufen: der Ratsbeschluss geht an die beiden Ministerien, und „Nach "
        "der grundsätzlichen Genehmigung erfolgt die Antragstellung bei der Bewilligungsbehörde“ (mais.nrw, "
        "wörtlich); Bewilligungsbehörde ist die Bezirksregierung Arnsberg. Eine Genehmigung vor dem "
        "Beschluss oder nach dem Antrag ist fast immer ein Datumsfehler."
    )
    fix = "Prüfen Sie die Daten: Beschluss, dann grundsätzliche Genehmigung, dann Antrag, dann Bescheid."

    def cite(self, ctx):
        return funding_citations(ctx)

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        applications = [s for s in steps if s.kind is BodyKind.funding_application]
        for step in steps:
            if step.kind is not BodyKind.approval_in_principle:
                continue
            if step.purpose is not Purpose.notice:
                yield Problem(
                    step.field_path("purpose"),
                    f"„{step.body}“ ist eine grundsätzliche Genehmigung; ihr Zweck ist ein Bescheid "
                    f"(`purpose: notice`), nicht „{step.purpose.value}“.",
                    "Setzen Sie `purpose: notice`.",
                )
            if anchor is not None:
                yield from order_problems(
                    step,
                    anchor,
                    step,
                    wrong=f"Die grundsätzliche Genehmigung ({fmt.step_date(step)}) liegt vor dem Beschluss "
                    f"von „{anchor.body}“ ({fmt.step_date(anchor)}).",
                    wrong_hint="Die Ministerien genehmigen den Beschluss; prüfen Sie die Daten.",
                    depends=f"Ob die grundsätzliche Genehmigung ({fmt.step_date(step)}) nach dem Beschluss "
                    f"({fmt.step_date(anchor)}) liegt, hängt vom genauen Tag ab.",
                    depends_hint="Tragen Sie die genauen Daten ein.",
                )[1]
            for application in applications:
                yield from order_problems(
                    step,
                    step,
                    application,
                    wrong=f"Die grundsätzliche Genehmigung ({fmt.step_date(step)}) liegt nach dem "
                    f"Förderantrag ({fmt.step_date(application)}); der Antrag folgt ihr.",
                    wrong_hint="Prüfen Sie die Daten oder die Reihenfolge der Schritte.",
                    listed="Die grundsätzliche Genehmigung steht in der Liste nach dem Förderantrag.",
                    listed_hint="Ordnen Sie die Schritte in der Reihenfolge des Verfahrens.",
                )[1]

"""T004: the grant notice follows the application (and the council decision)."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.packs.timeline._shared import FOERDER_2012, funding_citations, order_problems


@register
class BescheidNachAntrag(Rule):
    code = "T004"
    modality = Modality.consistency
    name = "bescheid-nach-antrag"
    summary = "Der Bewilligungsbescheid folgt dem Förderantrag (und dem Beschluss des Kreistags bzw. Rats)."
    severity = Severity.error
    citations = (FOERDER_2012,)
    explanation = (
        "Ein Bewilligungsbescheid (grant_notice) darf nicht vor dem Förderantrag liegen, auf den er "
        "antwortet (der letzte Antrag davor in der Liste); gibt es keinen Antrag, nicht vor dem Beschluss"
        " des Kreistags (Rats).\n\n"
        "Ungenaue Daten werden als Zeitraum geprüft; hängt das Ergebnis vom genauen Tag ab, gibt es nur "
        "einen Hinweis."
    )
    reason = (
        "Das Land bewilligt auf Antrag (Förderrichtlinie; zitiert wird die Fassung, die nach den Daten gilt). Ein Bescheid vor "
        "dem Antrag ist fast immer ein Tippfehler im Datum."
    )
    fix = "Prüfen Sie beide Daten."

    def cite(self, ctx):
        return funding_citations(ctx)

    def check(self, ctx):
        steps = ctx.chain
        applications = [s for s in steps if s.kind is BodyKind.funding_application]
        anchor = ctx.adopting_council
        for step in steps:
            if step.kind is not BodyKind.grant_notice:
                continue
            before = [a for a in applications if a.index < step.index]
            reference = before[-1] if before else (applications[0] if applications else anchor)
            if reference is None:
                continue
            what = "dem Förderantrag" if reference.kind is BodyKind.funding_application else f"„{reference.body}“"
            yield from order_problems(
                step,
                reference,
                step,
                wrong=f"Der Bewilligungsbescheid ({fmt.step_date(step)}) liegt vor {what} "
                f"({fmt.step_date(reference)}).",
                wrong_hint="Ein Bescheid folgt dem Antrag; prüfen Sie die Daten.",
                depends=f"Ob der Bewilligungsbescheid ({fmt.step_date(step)}) nach {what} "
                f"({fmt.step_date(reference)}) liegt, hängt vom genauen Tag ab.",
                depends_hint="Tragen Sie die genauen Daten ein, sobald sie feststehen.",
                listed=f"Der Bewilligungsbescheid steht in der Liste vor {what}.",
                listed_hint="Ordnen Sie die Schritte in der Reihenfolge des Verfahrens.",
            )[1]

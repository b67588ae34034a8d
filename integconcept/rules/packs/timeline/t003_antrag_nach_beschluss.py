"""T003: the funding application follows the council decision."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.rules.base import Modality, Rule, register
from integconcept.rules.packs.timeline._shared import FOERDER_2012, funding_citations, order_problems


@register
class AntragNachBeschluss(Rule):
    code = "T003"
    modality = Modality.guideline
    name = "antrag-nach-beschluss"
    summary = "Der Förderantrag beim Land folgt dem Beschluss des Kreistags (Rats) über das Konzept."
    severity = Severity.error
    citations = (FOERDER_2012,)
    explanation = (
        "Der Schritt „Förderantrag“ (funding_application) darf nicht vor dem Beschluss des Kreistags "
        "(Rats) über das Konzept liegen; am selben Tag ist erlaubt.\n\n"
        "Ungenaue Daten („Anfang 2012-11“) werden als Zeitraum geprüft; hängt das Ergebnis vom genauen "
        "Tag ab, gibt es nur einen Hinweis."
    )
    reason = (
        "Gefördert wird ein Kommunales Integrationszentrum nur, wenn der Kreis oder die Stadt ein vom "
        "Kreistag (Rat) beschlossenes Integrationskonzept hat; zum Antrag gehören der Beschluss und das "
        "Konzept (Förderrichtlinie 2012, MBl. NRW. 2012 Nr. 19; zitiert wird die Fassung, die nach den Daten des "
        "Konzepts gilt)."
    )
    fix = "Stellen Sie den Antrag nach dem Beschluss oder prüfen Sie die Daten."

    def cite(self, ctx):
        return funding_citations(ctx)

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        if anchor is None:
            return
        for step in steps:
            if step.kind is not BodyKind.funding_application:
                continue
            yield from order_problems(
                step,
                anchor,
                step,
                wrong=f"Der Förderantrag ({fmt.step_date(step)}) liegt vor dem Beschluss von „{anchor.body}“ "
                f"({fmt.step_date(anchor)}).",
                wrong_hint="Der Antrag setzt das beschlossene Konzept voraus; prüfen Sie die Daten.",
                depends=f"Ob der Förderantrag ({fmt.step_date(step)}) nach dem Beschluss von „{anchor.body}“ "
                f"({fmt.step_date(anchor)}) liegt, hängt vom genauen Tag ab.",
                depends_hint="Tragen Sie das genaue Antragsdatum ein, sobald es feststeht.",
                listed=f"Der Förderantrag steht in der Liste vor „{anchor.body}“.",
            )[1]

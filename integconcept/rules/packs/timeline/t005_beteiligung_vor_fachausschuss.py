"""T005: consultation of municipalities and partners comes before the specialist committee (note)."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind, Purpose
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import DELIBERATING
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import GO_27, KRO_41, committee_citations, is_city

#: Bodies that deliberate on the concept and could still take feedback into account.
DELIBERATING_BODIES = frozenset(
    {BodyKind.specialist_committee, BodyKind.other_committee, BodyKind.main_committee, BodyKind.council}
)
EARLY_KINDS = frozenset({BodyKind.municipalities, BodyKind.partners, BodyKind.integration_council, BodyKind.conference})


@register
class BeteiligungVorFachausschuss(Rule):
    code = "T005"
    modality = Modality.practice
    name = "beteiligung-vor-fachausschuss"
    summary = "Städte, Gemeinden, Partner, Integrationsräte und Konferenzen beraten, solange ein Gremium ihre Rückmeldung noch berücksichtigen kann."
    severity = Severity.info
    citations = (KRO_41,)
    explanation = (
        "Schritte zur *Beratung* (purpose: consultation) mit Städten und Gemeinden, Partnern, "
        "Integrationsräten oder Konferenzen, die sicher nach der Beratung eines Ausschusses liegen und "
        "nach denen kein beratendes Gremium mehr tagt (Fachausschuss, weiterer Ausschuss, Kreis-/"
        "Hauptausschuss, Kreistag/Rat), das die Rückmeldungen noch berücksichtigen könnte. Tagt etwa der "
        "Integrationsrat nach dem ersten von vier Ausschüssen, ist das kein Befund. Eine Beteiligung nach "
        "einem Beschluss über einen Entwurf (`on_draft: true`) ist gewollt."
    )
    reason = (
        "Kein Gesetz schreibt diese Reihenfolge vor; Rückmeldungen, die erst nach dem Fachausschuss "
        "kommen, kann er aber nicht mehr berücksichtigen. Reine *Information* (purpose: information), "
        "etwa ein Informationsgespräch mit den Integrationsräten nach dem Ausschuss (Kreis Unna, "
        "02.10.2012), wird nicht gemeldet."
    )
    fix = (
        "Legen Sie die Beteiligung vor die Ausschüsse, oder tragen Sie „information“ als Zweck ein, "
        "wenn es nur um Information geht."
    )

    def cite(self, ctx):
        return committee_citations(ctx) + ((GO_27,) if is_city(ctx) else ())

    def check(self, ctx):
        steps = ctx.chain
        deliberating = [
            s
            for s in steps
            if s.kind in DELIBERATING_BODIES and s.purpose in DELIBERATING and s.dated and not s.on_draft
        ]
        drafts = [s for s in steps if s.kind is BodyKind.council and s.on_draft and s.dated]
        for step in steps:
            if step.kind not in EARLY_KINDS or step.purpose is not Purpose.consultation or not step.dated:
                continue
            if any(draft.end <= step.start for draft in drafts):
                continue  # a council decision on a draft that goes to consultation afterwards
            earlier = [s for s in deliberating if s.end < step.start]
            if not earlier:
                continue
            later = [s for s in deliberating if s.end > step.start]
            if later:
                continue  # a body after it can still consider the feedback
            last = max(earlier, key=lambda s: s.end)
            yield Problem(
                step.field_path("date"),
                f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach „{last.body}“ "
                f"({fmt.step_date(last)}); danach berät kein Gremium mehr, das die Rückmeldungen "
                "berücksichtigen könnte.",
                "Üblich ist die Beteiligung vor den Ausschüssen. Geht es nur um Information, "
                "tragen Sie „purpose: information“ ein.",
            )

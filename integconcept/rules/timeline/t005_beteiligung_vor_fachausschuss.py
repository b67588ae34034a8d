"""T005: consultation of municipalities and partners comes before the specialist committee (note)."""

from __future__ import annotations

from ...findings import Severity
from ...model import BodyKind, Purpose
from ...timeline import fmt
from ...timeline.chain import compare
from ..base import Problem, Rule, register
from ._shared import KRO_41, preparing

EARLY_KINDS = frozenset({BodyKind.municipalities, BodyKind.partners, BodyKind.integration_council,
                         BodyKind.conference})


@register
class BeteiligungVorFachausschuss(Rule):
    code = "T005"
    name = "beteiligung-vor-fachausschuss"
    summary = "Städte, Gemeinden, Partner, Integrationsräte und Konferenzen beraten üblicherweise vor dem Fachausschuss."
    severity = Severity.info
    packs = frozenset({"timeline"})
    citations = (KRO_41,)
    explanation = (
        "Schritte zur *Beratung* (purpose: consultation) mit Städten und Gemeinden, Partnern, "
        "Integrationsräten oder Konferenzen, die sicher erst nach der Beratung im Fachausschuss liegen."
    )
    reason = (
        "Kein Gesetz schreibt diese Reihenfolge vor; Rückmeldungen, die erst nach dem Fachausschuss "
        "kommen, kann er aber nicht mehr berücksichtigen. Reine *Information* (purpose: information), "
        "etwa ein Informationsgespräch mit den Integrationsräten nach dem Ausschuss (Kreis Unna, "
        "02.10.2012), wird nicht gemeldet."
    )
    fix = (
        "Legen Sie die Beteiligung vor den Fachausschuss, oder tragen Sie „information“ als Zweck ein, "
        "wenn es nur um Information geht."
    )
    bad_example = """\
approval_process:
  steps:
    - id: ausschuss
      date: 2012-09-24
      body: Ausschuss für Arbeit, Soziales und Familie
      body_kind: specialist_committee
      purpose: consultation
    - id: konferenz
      date: 2012-10-02
      body: Bürgermeisterkonferenz
      body_kind: conference
      purpose: consultation
"""
    good_example = """\
approval_process:
  steps:
    - id: konferenz
      date: 2012-08-29
      body: Bürgermeisterkonferenz
      body_kind: conference
      purpose: consultation
    - id: ausschuss
      date: 2012-09-24
      body: Ausschuss für Arbeit, Soziales und Familie
      body_kind: specialist_committee
      purpose: consultation
"""

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        committees = [s for s in preparing(steps, BodyKind.specialist_committee, anchor) if s.dated]
        if not committees:
            return
        first = committees[0]
        for step in steps:
            if step.kind not in EARLY_KINDS or step.purpose is not Purpose.consultation or not step.dated:
                continue
            if compare(first, step) == "yes" and first.end < step.start:
                yield Problem(step.field_path("date"),
                              f"„{step.body}“ ({fmt.step_date(step)}) berät erst nach „{first.body}“ "
                              f"({fmt.step_date(first)}); der Ausschuss konnte die Rückmeldungen nicht berücksichtigen.",
                              "Üblich ist die Beteiligung vor dem Fachausschuss. Geht es nur um Information, "
                              "tragen Sie „purpose: information“ ein.")

"""K003 gremium-unbekannt: the check; its cases are in k003_gremium_unbekannt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.core.german import Suggester
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.common.k002_handlungsfeld_unbekannt import unknown_ref


@register
class BodyRefs(Rule):
    code = "K003"
    modality = Modality.consistency
    name = "gremium-unbekannt"
    summary = "Verfahrensschritte verweisen mit body_ref nur auf beschriebene Gremien."
    severity = Severity.error
    explanation = (
        "Nennt ein Schritt des Gremienlaufs `body_ref`, muss es unter `approval_process.bodies` ein Gremium "
        "mit dieser Kennung geben."
    )
    reason = (
        "Über `body_ref` erhält ein Schritt die Angaben des Gremiums (Art, eigene Ladungsfrist). Ein Verweis "
        "ins Leere bedeutet, dass diese Angaben stillschweigend fehlen."
    )
    fix = "Korrigieren Sie die Kennung oder beschreiben Sie das Gremium unter `approval_process.bodies`."

    def check(self, ctx):
        process = ctx.concept.approval_process
        if not process:
            return
        known = Suggester(b.id for b in process.bodies)
        for i, step in enumerate(process.steps):
            if step.body_ref and step.body_ref not in known:
                message, hint = unknown_ref(step.body_ref, known, "ein Gremium", "approval_process.bodies")
                yield Problem(("approval_process", "steps", i, "body_ref"), message, hint)

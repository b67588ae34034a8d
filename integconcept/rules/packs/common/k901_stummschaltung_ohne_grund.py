"""K901 stummschaltung-ohne-grund: the check; its cases are in k901_stummschaltung_ohne_grund.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register


@register
class SilenceWithoutReason(Rule):
    code = "K901"
    modality = Modality.practice
    name = "stummschaltung-ohne-grund"
    summary = "Jede Stummschaltung (# integconcept: ignore[…]) nennt einen Grund."
    severity = Severity.warning
    explanation = (
        "Gesucht werden YAML-Kommentare der Form `# integconcept: ignore[CODE]`. Nach der schließenden "
        "Klammer muss ein Grund stehen (z. B. `Grund: Druckfehler der Vorlage`). Eine Stummschaltung ohne "
        "Grund wirkt nicht: der eigentliche Befund bleibt bestehen."
    )
    reason = (
        "Ein Integrationskonzept ist ein Beschlussdokument. Wer eine Prüfung für eine Stelle abschaltet, "
        "muss nachvollziehbar festhalten, warum – für die Prüfung durch das Land und für die nächste "
        "Fortschreibung."
    )
    fix = "Schreiben Sie den Grund hinter die Klammer: `# integconcept: ignore[K006] Grund: …`."

    def check(self, ctx):
        # silences are comments, not nodes: the problem carries the comment's own position
        for item in ctx.silences:
            if not item.has_reason:
                yield Problem(
                    (),
                    f"Die Stummschaltung von {', '.join(item.codes) or '(kein Code)'} nennt keinen "
                    "Grund und wirkt deshalb nicht.",
                    "Ergänzen Sie hinter der Klammer einen Grund, z. B. „Grund: so in der Vorlage“.",
                    position=(item.line, item.column),
                )

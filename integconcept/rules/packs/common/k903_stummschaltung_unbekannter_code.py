"""K903 stummschaltung-unbekannter-code: the check; its cases are in k903_stummschaltung_unbekannter_code.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.core.german import closest, did_you_mean
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.index import RULES


@register
class SilenceUnknownCode(Rule):
    code = "K903"
    modality = Modality.practice
    name = "stummschaltung-unbekannter-code"
    summary = "Eine Stummschaltung nennt nur Codes, die es gibt."
    severity = Severity.warning
    explanation = (
        "Die Codes in `# integconcept: ignore[…]` werden mit den Regeln verglichen "
        "(`integconcept rules`). Codes der Eingabeprüfung (F, Y, S) lassen sich nicht stummschalten: "
        "eine fehlerhafte Datei muss korrigiert werden."
    )
    reason = "Ein Tippfehler im Code ließe die Stummschaltung wirkungslos und den Grund ins Leere laufen."
    fix = "Korrigieren Sie den Code; die Liste aller Codes zeigt `integconcept rules`."

    def check(self, ctx):
        # silences are comments, not nodes: the problem carries the comment's own position
        for item in ctx.silences:
            for code in item.codes:
                if code not in RULES:  # every rule, also those of packs that do not run
                    hint = did_you_mean(closest(code, RULES), quote=False)
                    yield Problem(
                        (),
                        f"Die Stummschaltung nennt den unbekannten Code „{code}“.",
                        hint + "Alle Codes zeigt `integconcept rules`.",
                        position=(item.line, item.column),
                    )

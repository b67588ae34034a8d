from __future__ import annotations

import difflib

from ...findings import Severity
from ... import silence
from ..base import REGISTRY, Rule, register


@register
class SilenceUnknownCode(Rule):
    code = "K903"
    name = "stummschaltung-unbekannter-code"
    summary = "Eine Stummschaltung nennt nur Codes, die es gibt."
    severity = Severity.warning
    packs = frozenset({"common"})
    explanation = (
        "Die Codes in `# integconcept: ignore[…]` werden mit den Regeln verglichen "
        "(`integconcept rules`). Codes der Eingabeprüfung (F, Y, S) lassen sich nicht stummschalten: "
        "eine fehlerhafte Datei muss korrigiert werden."
    )
    reason = "Ein Tippfehler im Code ließe die Stummschaltung wirkungslos und den Grund ins Leere laufen."
    fix = "Korrigieren Sie den Code; die Liste aller Codes zeigt `integconcept rules`."
    bad_example = """\
title: Integrationskonzept Kreis Beispiel  # integconcept: ignore[K0O6] Grund: Beispiel
"""
    good_example = """\
title: Integrationskonzept Kreis Beispiel
"""

    def check(self, ctx):
        return iter(())  # findings come from ``findings`` below: silences are comments, not nodes

    def findings(self, ctx):
        from ...findings import Finding

        for item in silence.parse(ctx.text):
            for code in item.codes:
                if code not in REGISTRY:
                    close = difflib.get_close_matches(code, list(REGISTRY), n=1)
                    hint = f"Meinten Sie {close[0]}? " if close else ""
                    yield Finding(self.code, self.severity,
                                  f"Die Stummschaltung nennt den unbekannten Code „{code}“.",
                                  (), hint + "Alle Codes zeigt `integconcept rules`.",
                                  item.line, item.column, name=self.name, citations=self.citations)

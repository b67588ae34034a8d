"""K902 stummschaltung-wirkungslos: the check; its cases are in k902_stummschaltung_wirkungslos.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register


@register
class SilenceUnused(Rule):
    """A rule of the post phase: the engine (:mod:`integconcept.rules.engine`) runs it after the other
    rules and the silences, so ``ctx.used_silences`` says which silence removed a finding."""

    code = "K902"
    modality = Modality.practice
    name = "stummschaltung-wirkungslos"
    summary = "Jede Stummschaltung schaltet tatsächlich einen Befund in ihrer Zeile stumm."
    severity = Severity.warning
    explanation = (
        "Nachdem alle Regeln gelaufen sind, wird für jede begründete Stummschaltung geprüft, ob in ihrer "
        "Zeile ein Befund mit einem der genannten Codes stand. Codes von Regeln, die gar nicht liefen "
        "(anderes Regelpaket, `--select`/`--ignore`), zählen nicht."
    )
    reason = (
        "Eine Stummschaltung, die nichts (mehr) stummschaltet, ist veraltet: der Mangel wurde behoben oder "
        "der Kommentar steht in der falschen Zeile. Bliebe sie stehen, würde sie später einen neuen Befund "
        "an dieser Stelle unbemerkt verschlucken."
    )
    fix = "Entfernen Sie den Kommentar oder setzen Sie ihn in die Zeile, in der der Befund gemeldet wird."

    phase = "post"

    def check(self, ctx):
        for item in ctx.silences:
            if not item.has_reason:
                continue  # K901 reports it
            for code in item.codes:
                if code in ctx.active and (item.line, code) not in ctx.used_silences:
                    yield Problem(
                        (),
                        f"Die Stummschaltung von {code} wirkt nicht: in dieser Zeile gibt es keinen Befund {code}.",
                        "Entfernen Sie den Kommentar oder setzen Sie ihn in die Zeile des Befunds.",
                        position=(item.line, item.column),
                    )

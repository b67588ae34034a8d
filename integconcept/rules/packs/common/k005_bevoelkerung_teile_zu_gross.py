"""K005 bevoelkerung-teile-zu-gross: the check; its cases are in k005_bevoelkerung_teile_zu_gross.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import de_number
from integconcept.rules.packs.common._table import all_rows, table


@register
class PopulationParts(Rule):
    code = "K005"
    modality = Modality.consistency
    name = "bevoelkerung-teile-zu-gross"
    summary = "Personen mit und ohne Migrationshintergrund ergeben zusammen nicht mehr als „Insgesamt“."
    severity = Severity.error
    explanation = (
        "Für jede Zeile der Bevölkerungstabelle (auch die Summenzeile) wird „ohne MH“ + „mit MH“ mit "
        "„Insgesamt“ verglichen. Weniger ist erlaubt (beim Zensus bleibt ein Rest ohne Angabe), mehr nicht. "
        "Sind beide Teile auf Zehner gerundet (wie beim Zensus 2011), wird ein Überschuss bis 10 als "
        "Rundung hingenommen."
    )
    reason = (
        "Die Förderrichtlinie 2012 verlangt eine Darstellung der kommunalen Situation mit Zahlen. Teile, "
        "die größer sind als das Ganze, sind ein Abschreib- oder Tippfehler, der die Lagebeschreibung "
        "unglaubwürdig macht."
    )
    fix = "Vergleichen Sie die Zeile mit der Quelle der Tabelle und korrigieren Sie die falsche Zahl."

    def check(self, ctx):
        tab = table(ctx.concept)
        if not tab:
            return
        for path, row in all_rows(tab):
            if None in (row.total, row.with_migration_background, row.without_migration_background):
                continue
            parts = row.with_migration_background + row.without_migration_background
            tolerance = (
                10 if row.with_migration_background % 10 == 0 and row.without_migration_background % 10 == 0 else 0
            )
            if parts - row.total > tolerance:
                yield Problem(
                    path + ("total",),
                    f"„{row.name}“: ohne MH ({de_number(row.without_migration_background)}) + mit MH "
                    f"({de_number(row.with_migration_background)}) = {de_number(parts)} ist mehr als "
                    f"„Insgesamt“ ({de_number(row.total)}).",
                    "Vergleichen Sie die drei Zahlen mit der Quelle der Tabelle.",
                )

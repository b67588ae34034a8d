"""K007 summenzeile-weicht-ab: the check; its cases are in k007_summenzeile_weicht_ab.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import de_number
from integconcept.rules.packs.common._table import TABLE_PATH, table

COUNT_COLUMNS = ("total", "without_migration_background", "with_migration_background", "foreigners")


@register
class PopulationSum(Rule):
    code = "K007"
    modality = Modality.consistency
    name = "summenzeile-weicht-ab"
    summary = "Die Zeilen der Bevölkerungstabelle ergeben zusammen die Summenzeile."
    severity = Severity.warning
    explanation = (
        "Für jede Zahlenspalte (Insgesamt, ohne MH, mit MH, Ausländer) wird die Summe der Zeilen mit der "
        "Summenzeile (`total_row`) verglichen, sofern alle Zeilen einen Wert haben. Gedruckte Zahlen sind "
        "ganze Zahlen; jede Abweichung wird gemeldet. Stammen Zeilen und Summe aus einer Quelle, die jede "
        "Zahl einzeln gerundet hat (z. B. auf Zehner), kann die Abweichung daraus stammen: darum nur eine "
        "Warnung."
    )
    reason = (
        "Die Summenzeile ist die Zahl, die in der Lagebeschreibung zitiert wird. Passt sie nicht zu den "
        "Zeilen, ist eine Zahl falsch abgeschrieben oder eine Gemeinde fehlt."
    )
    fix = "Rechnen Sie die Spalte nach und vergleichen Sie Zeilen und Summe mit der Quelle."

    def check(self, ctx):
        tab = table(ctx.concept)
        if not tab or tab.total_row is None or not tab.rows:
            return
        for key in COUNT_COLUMNS:
            printed = getattr(tab.total_row, key)
            values = [getattr(row, key) for row in tab.rows]
            if printed is None or any(v is None for v in values):
                continue
            total = sum(values)
            if total != printed:
                heading = getattr(tab.columns, key)
                yield Problem(
                    TABLE_PATH + ("total_row", key),
                    f"Spalte „{heading}“: die {len(values)} Zeilen ergeben {de_number(total)}, die "
                    f"Summenzeile „{tab.total_row.name}“ nennt {de_number(printed)} "
                    f"(Abweichung {de_number(printed - total)}).",
                    "Rechnen Sie die Spalte nach; wurden die Zahlen einzeln gerundet "
                    "veröffentlicht, kann die Abweichung aus der Rundung stammen.",
                )

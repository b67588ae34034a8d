"""K008 tabelle-gemeinden-unvollstaendig: the check; its cases are in k008_tabelle_gemeinden_unvollstaendig.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import names_list
from integconcept.rules.packs.common._table import TABLE_PATH, table


@register
class TableMunicipalities(Rule):
    code = "K008"
    modality = Modality.consistency
    name = "tabelle-gemeinden-unvollstaendig"
    summary = "Die Bevölkerungstabelle eines Kreises zeigt jede kreisangehörige Gemeinde genau einmal."
    severity = Severity.warning
    explanation = (
        "Bei einem Kreis wird verglichen, welche Gemeinden die Zeilen der Bevölkerungstabelle über "
        "`municipality` nennen, mit der Liste `authority.municipalities`: fehlende und doppelte Gemeinden "
        "werden gemeldet. (Zeilen mit unbekannter Kennung meldet K004.)"
    )
    reason = (
        "Die Lagebeschreibung soll die Situation im ganzen Kreis zeigen; die Gemeinden sind zudem Partner "
        "des Einvernehmens. Fehlt eine Gemeinde in der Tabelle, ist die Summe unvollständig oder die Zeile "
        "nicht zugeordnet."
    )
    fix = "Ergänzen Sie die fehlende Zeile oder tragen Sie bei der vorhandenen Zeile `municipality: <kennung>` ein."

    def check(self, ctx):
        c = ctx.concept
        tab = table(c)
        if not tab or c.authority.kind.value != "kreis" or not c.authority.municipalities:
            return
        seen: dict[str, int] = {}
        for i, row in enumerate(tab.rows):
            if row.municipality:
                if row.municipality in seen:
                    yield Problem(
                        TABLE_PATH + ("rows", i, "municipality"),
                        f"Die Gemeinde „{row.municipality}“ steht zweimal in der Tabelle "
                        f"(Zeilen {seen[row.municipality] + 1} und {i + 1}).",
                        "Entfernen Sie die doppelte Zeile oder korrigieren Sie die Kennung.",
                    )
                else:
                    seen[row.municipality] = i
        missing = [m.name for m in c.authority.municipalities if m.id not in seen]
        if missing:
            unlinked = {row.name for row in tab.rows if not row.municipality}
            hint = "Ergänzen Sie die Zeilen oder tragen Sie bei vorhandenen Zeilen `municipality: <kennung>` ein."
            if unlinked & set(missing):
                hint = (
                    f"Die Zeilen {names_list(sorted(unlinked & set(missing)))} sind keiner Gemeinde "
                    "zugeordnet: tragen Sie dort `municipality: <kennung>` ein."
                )
            yield Problem(
                TABLE_PATH + ("rows",),
                f"In der Bevölkerungstabelle fehlen {len(missing)} von "
                f"{len(c.authority.municipalities)} kreisangehörigen Gemeinden: {names_list(missing)}.",
                hint,
            )

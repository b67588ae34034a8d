"""K006 prozentwert-weicht-ab: the check; its cases are in k006_prozentwert_weicht_ab.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import de_number
from integconcept.rules.packs.common._table import all_rows, table

COLUMNS = (
    ("migration_background_percent", "with_migration_background", "Anteil mit Migrationshintergrund"),
    ("foreigners_percent", "foreigners", "Ausländeranteil"),
)


@register
class PopulationPercent(Rule):
    code = "K006"
    modality = Modality.consistency
    name = "prozentwert-weicht-ab"
    summary = "Jeder gedruckte Prozentwert stimmt mit dem aus den Zahlen errechneten überein."
    severity = Severity.warning
    explanation = (
        "Für jede Zeile der Bevölkerungstabelle wird der Anteil mit Migrationshintergrund (mit MH ÷ "
        "Insgesamt) und der Ausländeranteil (Ausländer ÷ Insgesamt) errechnet und mit dem gedruckten Wert "
        "verglichen. Erlaubt ist die Abweichung, die aus der Rundung auf `percent_decimals` Nachkommastellen "
        "entstehen kann (bei einer Stelle: 0,05 Prozentpunkte). Option: `extra_tolerance` unter "
        "`[tool.integconcept.rules.K006]` erlaubt zusätzliche Prozentpunkte (Standard 0)."
    )
    reason = (
        "Die Zahlen der Lagebeschreibung (Förderrichtlinie 2012: Darstellung der kommunalen Situation) werden "
        "von Politik und Land gelesen und zitiert. Ein Prozentwert, der nicht zu seinen eigenen Zahlen passt, "
        "ist ein Fehler in der Quelle oder beim Abschreiben. Es ist eine Warnung, weil Beispieldateien die "
        "Quelle wörtlich wiedergeben: dann ist der Befund ein Hinweis auf einen Fehler der Vorlage."
    )
    fix = (
        "Rechnen Sie den Wert aus der Quelle nach. Ist die Vorlage selbst fehlerhaft und soll wörtlich "
        "bleiben, schalten Sie den Befund in der Zeile mit `# integconcept: ignore[K006] Grund: …` stumm."
    )

    CONF = {"extra_tolerance": float}
    DEFAULT = {"extra_tolerance": 0.0}  # percentage points tolerated beyond the rounding of the print

    def check(self, ctx):
        tab = table(ctx.concept)
        if not tab:
            return
        decimals = tab.percent_decimals
        tolerance = 0.5 * 10**-decimals + self.option(ctx, "extra_tolerance") + 1e-9
        for path, row in all_rows(tab):
            if not row.total:
                continue
            for percent_key, count_key, label in COLUMNS:
                printed, count = getattr(row, percent_key), getattr(row, count_key)
                if printed is None or count is None:
                    continue
                exact = 100 * count / row.total
                if abs(printed - exact) > tolerance:
                    yield Problem(
                        path + (percent_key,),
                        f"„{row.name}“: {label} gedruckt {de_number(printed, decimals)} %, aus den Zahlen "
                        f"errechnet {de_number(exact, decimals)} % ({de_number(count)} von {de_number(row.total)}).",
                        "Prüfen Sie Prozentwert und Zahlen an der Quelle; ist die Vorlage fehlerhaft, bleibt sie "
                        "wörtlich und der Befund kann mit Begründung stummgeschaltet werden.",
                    )

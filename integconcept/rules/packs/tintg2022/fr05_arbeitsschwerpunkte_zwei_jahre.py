"""FR05 arbeitsschwerpunkte-zwei-jahre: the check; its cases are in fr05_arbeitsschwerpunkte_zwei_jahre.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import Problem, register
from integconcept.rules.law import KI_P8_TEXT, NOT_CHECKED, URL_KI_2026_CONDITIONS
from integconcept.rules.packs.tintg2022._shared import P8GuidelineRule

#: Two years and a little slack for vague dates (Anfang 2024 to Ende 2025 is 24 months).
MAX_MONTHS = 25


def months(period) -> int:
    return (period.end.end.year - period.start.start.year) * 12 + period.end.end.month - period.start.start.month + 1


@register
class TwoYearPriorities(P8GuidelineRule):
    code = "FR05"
    name = "arbeitsschwerpunkte-zwei-jahre"
    summary = (
        "Nach den Förderrichtlinien 2023/2025 legt das Konzept die Arbeitsschwerpunkte des KI für zwei Jahre fest."
    )
    explanation = (
        "Nur wenn die KI-Förderrichtlinie 2023 oder 2025 gilt (auf § 8 TIntG 2022). Verlangt wird der "
        "Zeitraum der Arbeitsschwerpunkte (`ki_tasks.period`, z. B. `{start: 2025-01, end: 2026-12}`); "
        "Warnung, wenn er fehlt oder länger als zwei Jahre ist.\n\n"
        f"{NOT_CHECKED}: Die Fördervoraussetzung steht so im Förderportal des Landes für das Förderjahr 2026 "
        "(Richtlinie vom 03.04.2025); den Text der Richtlinien selbst (Nr. 4, Zuwendungsvoraussetzungen) "
        "haben wir nicht gefunden, für 2023 ist die Voraussetzung aus der Liste 2025 übernommen. Darum nur "
        "eine Warnung."
    )
    reason = (
        f"Fördervoraussetzung laut Förderportal NRW (wörtlich): „{KI_P8_TEXT['conditions_two_years']}“ "
        f"({URL_KI_2026_CONDITIONS}). Den Zwei-Jahres-Rhythmus kennt die Praxis schon seit 2012 (Kreis Coesfeld "
        "2016: „Festlegung der Arbeitsschwerpunkte für jeweils zwei Jahre“); als Voraussetzung genannt ist er "
        "erst für die Richtlinien auf § 8. Die Förderrichtlinien 2012/2015 verlangten stattdessen ein Konzept, "
        "das nicht älter als drei Jahre sein sollte (T040), und eine Arbeitsplanung (FR03)."
    )
    fix = "Tragen Sie unter `ki_tasks.period` den Zeitraum der Arbeitsschwerpunkte ein (zwei Jahre)."

    def check_conditions(self, ctx):
        tasks = ctx.concept.ki_tasks
        if tasks is None or tasks.period is None:
            yield Problem(
                ("ki_tasks",),
                f"Für welchen Zeitraum die Arbeitsschwerpunkte des KI gelten, ist nicht "
                f"angegeben (Förderrichtlinie {ctx.guideline.ki}: Schwerpunkte im "
                "Zwei-Jahres-Turnus).",
                "Tragen Sie `ki_tasks.period` ein, z. B. `{start: 2025-01, end: 2026-12}`.",
            )
            return
        length = months(tasks.period)
        if length > MAX_MONTHS:
            yield Problem(
                ("ki_tasks", "period"),
                f"Die Arbeitsschwerpunkte gelten für {length} Monate; die "
                "Förderrichtlinie sieht einen Zwei-Jahres-Turnus vor.",
                "Legen Sie die Schwerpunkte für zwei Jahre fest und schreiben Sie sie danach fort.",
            )

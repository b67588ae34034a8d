"""FR01 lagebeschreibung-mit-zahlen: the check; its cases are in fr01_lagebeschreibung_mit_zahlen.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import Problem, register
from integconcept.rules.packs.tintg2012._shared import ApplicationListRule


@register
class LocalSituation(ApplicationListRule):
    code = "FR01"
    name = "lagebeschreibung-mit-zahlen"
    summary = "Das Konzept beschreibt die kommunale Situation mit Zahlen (Bevölkerungstabelle)."
    explanation = (
        "Nur solange die Förderrichtlinie 2012 (mit der Änderung 2015) gilt. "
        "Verlangt wird `preamble.population_table` mit mindestens einer Zeile, die eine Einwohnerzahl "
        "(`total`) nennt."
        " Je Fassung: 2012 und 2015 verlangen „eine kurze Darstellung der kommunalen Situation“; für 2018 (noch auf § 7) ist die Antragsliste nicht recherchiert (keine Prüfung); die Richtlinien 2023 und 2025 (auf § 8) nennen in ihren Fördervoraussetzungen keine Lagebeschreibung (Wortlaut nicht geprüft), dort gelten FR05 und FR06."
    )
    reason = (
        "Die Förderrichtlinie 2012 verlangt für den Antrag eine kurze Darstellung der kommunalen Situation. "
        "Ohne Zahlen zu Bevölkerung und Migrationshintergrund lässt sich der Bedarf nicht beurteilen."
    )
    fix = "Ergänzen Sie die Bevölkerungstabelle mit Quelle und Stichtag unter `preamble.population_table`."

    def check_list(self, ctx):
        preamble = ctx.concept.preamble
        table = preamble.population_table if preamble else None
        if table and any(row.total for row in table.rows):
            return
        path = ("preamble", "population_table") if table else ("preamble",)
        what = "nennt keine Einwohnerzahlen" if table else "fehlt"
        yield Problem(
            path,
            f"Die Bevölkerungstabelle (Darstellung der kommunalen Situation mit Zahlen) {what}.",
            "Ergänzen Sie `preamble.population_table` mit Zeilen je Gemeinde, Quelle und Stichtag.",
        )

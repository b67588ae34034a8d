"""FR01 lagebeschreibung-mit-zahlen: the check; its cases are in fr01_lagebeschreibung_mit_zahlen.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.law import GUIDELINE_2012, GUIDELINES_WITH_THIS_LIST


@register
class LocalSituation(Rule):
    code = "FR01"
    modality = Modality.guideline
    name = "lagebeschreibung-mit-zahlen"
    summary = "Das Konzept beschreibt die kommunale Situation mit Zahlen (Bevölkerungstabelle)."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (GUIDELINE_2012,)
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

    def check(self, ctx):
        if ctx.guideline.ki not in GUIDELINES_WITH_THIS_LIST:
            return  # the application list of later guidelines is not researched (domain.md)
        preamble = ctx.concept.preamble
        table = preamble.population_table if preamble else None
        if table and any(row.total for row in table.rows):
            return
        path = ("preamble", "population_table") if table else ("preamble",)
        what = "nennt keine Einwohnerzahlen" if table else "fehlt"
        yield Problem(path, f"Die Bevölkerungstabelle (Darstellung der kommunalen Situation mit Zahlen) {what}.",
                      "Ergänzen Sie `preamble.population_table` mit Zeilen je Gemeinde, Quelle und Stichtag.")

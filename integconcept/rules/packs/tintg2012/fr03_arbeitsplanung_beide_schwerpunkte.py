"""FR03 arbeitsplanung-beide-schwerpunkte: the check; its cases are in fr03_arbeitsplanung_beide_schwerpunkte.yaml beside this file."""

from __future__ import annotations

from integconcept.document.enums import TaskAreaKind
from integconcept.rules.base import Problem, register
from integconcept.rules.evidence import NR1_KINDS, has_content, task_areas
from integconcept.rules.law import GUIDELINE_2012, p7
from integconcept.rules.packs.tintg2012._shared import ApplicationListRule


@register
class WorkPlan(ApplicationListRule):
    code = "FR03"
    name = "arbeitsplanung-beide-schwerpunkte"
    summary = "Die Arbeitsplanung des KI umfasst beide Schwerpunkte: Bildung (Nr. 1) und Querschnitt (Nr. 2)."
    citations = (GUIDELINE_2012, p7("1", "2"))
    explanation = (
        "Nur solange die Förderrichtlinie 2012 (mit der Änderung 2015) gilt. "
        "Die Aufgaben des KI (`ki_tasks`) gelten als Arbeitsplanung. Verlangt wird mindestens ein "
        "Aufgabenbereich mit Inhalt für „Integration durch Bildung“ (`kind: elementary`, `school` oder "
        "`school_to_work`) und einer für „Integration als Querschnittsaufgabe“ (`kind: cross_cutting`)."
        " Je Fassung: 2012 und 2015 hier; 2018 nicht recherchiert (keine Prüfung); für 2023 und 2025 verlangt das Förderportal die „Festlegung inhaltlicher Schwerpunkte im Zwei-Jahres-Turnus“ (FR05), die Aufgabenbereiche des § 8 prüfen G803–G807."
    )
    reason = (
        "Die Förderrichtlinie 2012 verlangt eine Arbeitsplanung für die beiden Schwerpunkte des § 7 Abs. 1 "
        "Nr. 1 und Nr. 2 TIntG 2012. Diese Pflicht steht in der Richtlinie selbst, darum ein Fehler."
    )
    fix = "Beschreiben Sie unter `ki_tasks` die Aufgaben für den fehlenden Schwerpunkt."

    def check_list(self, ctx):
        kinds = {area.kind for _, _, area in task_areas(ctx.concept) if has_content(area)}
        missing = []
        if not kinds & set(NR1_KINDS):
            missing.append("„Integration durch Bildung“ (Nr. 1)")
        if TaskAreaKind.cross_cutting not in kinds:
            missing.append("„Integration als Querschnittsaufgabe“ (Nr. 2)")
        if missing:
            yield Problem(
                ("ki_tasks",),
                f"Die Arbeitsplanung des KI enthält keinen Schwerpunkt {' und keinen '.join(missing)}.",
                "Ergänzen Sie unter `ki_tasks` einen Aufgabenbereich mit Themen und Produkten.",
            )

"""G903 steuerungsgruppe-leitungsebene: the check; its cases are in g903_steuerungsgruppe_leitungsebene.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.law import GUIDELINE_KIM, p9
from integconcept.rules.packs.kim._shared import kim_citations


@register
class ManagementLevel(Rule):
    code = "G903"
    modality = Modality.guideline
    name = "steuerungsgruppe-leitungsebene"
    summary = "Es gibt eine Steuerungsgruppe auf Leitungsebene (KIM)."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (GUIDELINE_KIM, p9("1"))
    explanation = (
        "Verlangt wird `implementation.strategic.steering_group` mit `management_level: true` (besetzt mit "
        "Dezernentinnen/Dezernenten, Amts- und Behördenleitungen)."
    )
    reason = (
        "Das Programm KIM verlangt (kim.nrw, wörtlich): „in jeder Kommune ein zentrales Gremium einzurichten, "
        "das als Lenkungsgruppe bezeichnet wird“, besetzt mit „(entscheidungsbefugtem) Leitungspersonal aus der "
        "Verwaltung, der Freien Wohlfahrtspflege …“. Das gilt für das strategische Management nach der "
        "KIM-Förderrichtlinie 2020 wie nach der von 2024. Die Regel beruht auf dem wörtlich zitierten Text der "
        "Programmseite (nicht der Richtlinie selbst)."
    )
    fix = "Beschreiben Sie die Steuerungsgruppe und setzen Sie `management_level: true`, wenn sie so besetzt ist."

    def cite(self, ctx):
        return kim_citations(self, ctx, "1", component="strategic")

    def check(self, ctx):
        strategic = ctx.concept.implementation.strategic if ctx.concept.implementation else None
        group = strategic.steering_group if strategic else None
        if group is None:
            yield Problem(
                ("implementation", "strategic", "steering_group"),
                "Eine Steuerungsgruppe (implementation.strategic.steering_group) ist nicht beschrieben.",
                "Beschreiben Sie die KIM-Steuerungsgruppe mit Vorsitz und Mitgliedern.",
            )
        elif not group.management_level:
            yield Problem(
                ("implementation", "strategic", "steering_group"),
                f"Die Steuerungsgruppe „{group.name}“ ist nicht als Gremium der Leitungsebene angegeben.",
                "Besetzen Sie sie mit Leitungskräften und setzen Sie `management_level: true`.",
            )

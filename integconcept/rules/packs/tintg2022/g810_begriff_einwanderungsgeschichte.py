"""G810 begriff-einwanderungsgeschichte: the check; its cases are in g810_begriff_einwanderungsgeschichte.yaml beside this file."""

from __future__ import annotations

import re

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import concept_texts
from integconcept.rules.law import p8, quote_p8

OLD_TERMS = re.compile(r"zuwanderungsgeschichte|migrationshintergrund", re.IGNORECASE)


@register
class Terminology2022(Rule):
    code = "G810"
    modality = Modality.practice
    name = "begriff-einwanderungsgeschichte"
    summary = "Das Konzept verwendet den Begriff des Gesetzes 2022: „Einwanderungsgeschichte“."
    severity = Severity.info
    citations = (p8("1", "3", "1"),)
    explanation = (
        "In allen Freitexten (außer Quellenangaben) werden die Begriffe „Zuwanderungsgeschichte“ und "
        "„Migrationshintergrund“ gesucht; je Textfeld ein Hinweis."
    )
    reason = (
        quote_p8("1", "3", "1") + " "
        "Das TIntG 2022 spricht von Menschen mit „Einwanderungsgeschichte“; die Fassung 2012 sprach von „Zuwanderungsgeschichte“. Statistische Bezeichnungen (Zensus: „Migrationshintergrund“) dürfen bleiben – dann den Hinweis mit Begründung stummschalten."
        + " "
        "Der Begriff steht im amtlichen Wortlaut; weil es um die Wortwahl geht, ist der Befund nur ein Hinweis."
    )
    fix = "Ersetzen Sie den Begriff durch „Einwanderungsgeschichte“, wo er nicht statistisch gemeint ist."

    def check(self, ctx):
        for path, text in concept_texts(ctx.concept):
            words = list(dict.fromkeys(m.group(0) for m in OLD_TERMS.finditer(text)))
            if words:
                yield Problem(
                    path,
                    f"Der Text verwendet {', '.join(f'„{w}“' for w in words)}; das TIntG 2022 "
                    "spricht von „Einwanderungsgeschichte“.",
                    "Verwenden Sie „Einwanderungsgeschichte“, wo der Begriff nicht statistisch gemeint ist.",
                )

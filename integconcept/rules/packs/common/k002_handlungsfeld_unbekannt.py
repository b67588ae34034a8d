"""K002 handlungsfeld-unbekannt: the check; its cases are in k002_handlungsfeld_unbekannt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.core.german import Suggester, did_you_mean
from integconcept.rules.base import Problem, Modality, Rule, register


def unknown_ref(value: str, known: Suggester, what: str, where: str) -> tuple[str, str]:
    hint = did_you_mean(known(value))
    hint += (
        f"Bekannte Kennungen: {', '.join(known.options) or '(keine)'}."
        if len(known.options) <= 12
        else f"Die Kennungen stehen unter {where}."
    )
    return f"Die Kennung „{value}“ verweist auf {what}, das es unter {where} nicht gibt.", hint


@register
class ActionFieldRefs(Rule):
    code = "K002"
    modality = Modality.consistency
    name = "handlungsfeld-unbekannt"
    summary = "Leitziele und Aufgabenbereiche verweisen nur auf vorhandene Handlungsfelder."
    severity = Severity.error
    explanation = (
        "Geprüft werden `guiding_goals.goals[].action_field` und `ki_tasks.groups[].areas[].action_fields`: "
        "jede dort genannte Kennung muss unter `action_fields` stehen."
    )
    reason = (
        "Das Konzept ordnet Leitziele und Aufgaben des KI den Handlungsfeldern zu. Ein Verweis ins Leere "
        "ist meist ein Tippfehler und lässt ein Leitziel ohne Handlungsfeld erscheinen."
    )
    fix = "Korrigieren Sie die Kennung oder legen Sie das Handlungsfeld unter `action_fields` an."

    def check(self, ctx):
        c = ctx.concept
        known = Suggester(f.id for f in c.action_fields)
        if c.guiding_goals:
            for i, goal in enumerate(c.guiding_goals.goals):
                if goal.action_field not in known:
                    message, hint = unknown_ref(goal.action_field, known, "ein Handlungsfeld", "action_fields")
                    yield Problem(("guiding_goals", "goals", i, "action_field"), message, hint)
        if c.ki_tasks:
            for g, group in enumerate(c.ki_tasks.groups):
                for a, area in enumerate(group.areas):
                    for k, ref in enumerate(area.action_fields):
                        if ref not in known:
                            message, hint = unknown_ref(ref, known, "ein Handlungsfeld", "action_fields")
                            yield Problem(("ki_tasks", "groups", g, "areas", a, "action_fields", k), message, hint)

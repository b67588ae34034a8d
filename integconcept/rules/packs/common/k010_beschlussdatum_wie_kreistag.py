"""K010 beschlussdatum-wie-kreistag: the check; its cases are in k010_beschlussdatum_wie_kreistag.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import BodyKind, Purpose
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import steps


def _show(date) -> str:
    return date.start.strftime("%d.%m.%Y") if date.is_exact else date.german()


@register
class AdoptionDateMatchesCouncil(Rule):
    code = "K010"
    modality = Modality.consistency
    name = "beschlussdatum-wie-kreistag"
    summary = "adoption.date stimmt mit dem Tag des Beschluss-Schritts des Kreistags (Rats) überein."
    severity = Severity.error
    explanation = (
        "Nur bei einem beschlossenen Konzept (`status: adopted`). Sind `adoption.date` und ein datierter Schritt mit `body_kind: council` und `purpose: decision` "
        "angegeben (ohne `on_draft: true`), muss einer dieser Schritte in den Zeitraum von `adoption.date` "
        "fallen. Ungenaue Daten („Anfang 2013-03“) gelten als Zeitraum: ein Fehler nur, wenn sich die "
        "Zeiträume nicht überschneiden."
    )
    reason = (
        "Beschlussdatum und Kreistagssitzung beschreiben dasselbe Ereignis. Weichen sie ab (z. B. "
        "adoption.date 31.10.2012, Kreistag am 30.10.2012), ist eines der beiden Daten falsch – und Fristen "
        "wie das Alter des Konzepts beim Antrag werden falsch berechnet."
    )
    fix = "Prüfen Sie beide Daten an der Niederschrift der Sitzung und gleichen Sie sie an."

    def check(self, ctx):
        concept = ctx.concept
        adopted = concept.adoption.date if concept.adoption else None
        if adopted is None or concept.status.value != "adopted":
            return  # a draft's adoption.date is the planned day; its council steps may decide other things
        decisions = [
            (path, step)
            for path, step in steps(concept)
            if step.body_kind is BodyKind.council
            and step.purpose is Purpose.decision
            and step.date
            and not step.on_draft
        ]
        if not decisions:
            return
        if any(step.date.start <= adopted.end and adopted.start <= step.date.end for _, step in decisions):
            return
        path, step = decisions[-1]
        yield Problem(
            ("adoption", "date"),
            f"Das Beschlussdatum ({_show(adopted)}) passt nicht zum Beschluss von „{step.body}“ im "
            f"Gremienlauf ({_show(step.date)}).",
            "Gleichen Sie `adoption.date` und das Datum des Beschluss-Schritts an.",
        )

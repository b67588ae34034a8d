"""K011 druckzeile-zusammenhaengend: the check; its cases are in k011_druckzeile_zusammenhaengend.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import steps


@register
class PrintGroupAdjacent(Rule):
    code = "K011"
    modality = Modality.consistency
    name = "druckzeile-zusammenhaengend"
    summary = "Schritte, die in einer Zeile gedruckt werden (print_group), folgen aufeinander."
    severity = Severity.error
    explanation = (
        "Alle Schritte mit derselben `print_group` müssen in `approval_process.steps` direkt "
        "aufeinander folgen, und eine Gruppe braucht mindestens zwei Schritte."
    )
    reason = (
        "Die Vorlage druckt manche Schritte zusammen („29.10./30.10.2012 Kreisausschuss/Kreistag zur "
        "Beschlussfassung“). Die Ausgabe kann nur aufeinanderfolgende Schritte zu einer Zeile "
        "zusammenfassen; eine Gruppe mit nur einem Schritt ist meist ein Tippfehler in der Kennung."
    )
    fix = "Ordnen Sie die Schritte der Gruppe hintereinander an oder korrigieren Sie die Kennung."

    def check(self, ctx):
        members: dict[str, list[int]] = {}
        all_steps = steps(ctx.concept)
        for index, (_, step) in enumerate(all_steps):
            if step.print_group:
                members.setdefault(step.print_group, []).append(index)
        for group, indexes in members.items():
            path = all_steps[indexes[0]][0] + ("print_group",)
            if len(indexes) == 1:
                yield Problem(
                    path,
                    f"Die Druckzeile „{group}“ hat nur einen Schritt.",
                    "Geben Sie dem zweiten Schritt dieselbe `print_group` oder entfernen Sie sie.",
                )
            elif indexes != list(range(indexes[0], indexes[0] + len(indexes))):
                gap = next(i for i in range(indexes[0], indexes[-1]) if i not in indexes)
                yield Problem(
                    all_steps[gap][0],
                    f"Zwischen den Schritten der Druckzeile „{group}“ steht ein "
                    "anderer Schritt; sie können nicht in einer Zeile stehen.",
                    "Ordnen Sie die Schritte der Gruppe direkt hintereinander an.",
                )

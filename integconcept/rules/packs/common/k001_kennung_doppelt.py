"""K001 kennung-doppelt: the check; its cases are in k001_kennung_doppelt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register


def id_lists(concept):
    """(kind label, [(path, id)]) for every kind of identifier that must be unique."""
    c = concept
    out = [
        (
            "Gemeinde",
            [(("authority", "municipalities", i, "id"), m.id) for i, m in enumerate(c.authority.municipalities)],
        ),
        ("Handlungsfeld", [(("action_fields", i, "id"), f.id) for i, f in enumerate(c.action_fields)]),
    ]
    if c.guiding_goals:
        out.append(
            ("Leitziel", [(("guiding_goals", "goals", i, "id"), g.id) for i, g in enumerate(c.guiding_goals.goals)])
        )
    if c.ki_tasks:
        out.append(
            ("Aufgabengruppe", [(("ki_tasks", "groups", i, "id"), g.id) for i, g in enumerate(c.ki_tasks.groups)])
        )
        out.append(
            (
                "Aufgabenbereich",
                [
                    (("ki_tasks", "groups", i, "areas", j, "id"), a.id)
                    for i, g in enumerate(c.ki_tasks.groups)
                    for j, a in enumerate(g.areas)
                ],
            )
        )
    if c.networks:
        out.append(("Netzwerk", [(("networks", "bodies", i, "id"), n.id) for i, n in enumerate(c.networks.bodies)]))
    if c.approval_process:
        out.append(
            (
                "Gremium",
                [(("approval_process", "bodies", i, "id"), b.id) for i, b in enumerate(c.approval_process.bodies)],
            )
        )
        out.append(
            (
                "Verfahrensschritt",
                [(("approval_process", "steps", i, "id"), s.id) for i, s in enumerate(c.approval_process.steps)],
            )
        )
    return out


@register
class UniqueIds(Rule):
    code = "K001"
    modality = Modality.consistency
    name = "kennung-doppelt"
    summary = "Jede Kennung (id) kommt je Art nur einmal vor."
    severity = Severity.error
    explanation = (
        "Geprüft werden die Kennungen der Gemeinden, Handlungsfelder, Leitziele, Aufgabengruppen und "
        "-bereiche des KI, Netzwerke, Gremien und Verfahrensschritte. Innerhalb jeder Art darf eine "
        "Kennung nur einmal vergeben sein."
    )
    reason = (
        "Querverweise (z. B. vom Leitziel auf sein Handlungsfeld) und Vergleiche zwischen Fassungen "
        "nennen Einträge über ihre Kennung. Gibt es eine Kennung zweimal, ist nicht klar, welcher "
        "Eintrag gemeint ist."
    )
    fix = "Geben Sie dem zweiten Eintrag eine eigene Kennung und passen Sie Verweise darauf an."

    def check(self, ctx):
        for label, items in id_lists(ctx.concept):
            seen: dict[str, tuple] = {}
            for path, value in items:
                if value in seen:
                    line, _ = ctx.source_map.position(seen[value])
                    yield Problem(
                        path,
                        f"Die Kennung „{value}“ ({label}) ist doppelt vergeben; sie steht schon in Zeile {line}.",
                        "Vergeben Sie eine eigene Kennung, z. B. mit angehängtem Zusatz.",
                    )
                else:
                    seen[value] = path

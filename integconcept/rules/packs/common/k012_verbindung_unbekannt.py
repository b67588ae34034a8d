"""K012 verbindung-unbekannt: the check; its cases are in k012_verbindung_unbekannt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.core.german import Suggester, did_you_mean

#: the reserved link target for the Kommunales Integrationszentrum (render/charts.py draws it)
KI_LINK_ID = "ki"


@register
class ChartLinks(Rule):
    code = "K012"
    modality = Modality.consistency
    name = "verbindung-unbekannt"
    summary = "Verbindungen im Organigramm (linked_to) verweisen nur auf vorhandene Gremien."
    severity = Severity.error
    explanation = (
        "`networks.bodies[].linked_to` nennt die Kennungen, mit denen ein Gremium im Organigramm "
        "„Strategische Steuerung“ verbunden wird: die Steuerungsgruppe "
        "(`implementation.strategic.steering_group.id`), ein anderes Gremium aus `networks.bodies` oder „ki“ "
        "für das Kommunale Integrationszentrum. Jede Kennung muss es geben, und ein Gremium verbindet sich "
        "nicht mit sich selbst."
    )
    reason = (
        "Das Organigramm zeichnet nur Verbindungen zwischen vorhandenen Kästen; ein Tippfehler in der "
        "Kennung ließe die Verbindung im Dokument stillschweigend fehlen."
    )
    fix = "Korrigieren Sie die Kennung oder entfernen Sie den Eintrag aus `linked_to`."

    def check(self, ctx):
        bodies = ctx.concept.networks.bodies if ctx.concept.networks else []
        strategic = ctx.concept.implementation.strategic if ctx.concept.implementation else None
        group = strategic.steering_group if strategic else None
        known = Suggester(([group.id] if group is not None else []) + [body.id for body in bodies] + [KI_LINK_ID])
        for i, body in enumerate(bodies):
            for j, target in enumerate(body.linked_to):
                path = ("networks", "bodies", i, "linked_to", j)
                if target == body.id:
                    yield Problem(
                        path,
                        f"Das Gremium „{body.id}“ ist mit sich selbst verbunden.",
                        "Entfernen Sie die eigene Kennung aus `linked_to`.",
                    )
                elif target not in known:
                    yield Problem(
                        path,
                        f"Die Verbindung „{target}“ führt zu keinem Kasten des Organigramms: weder die "
                        "Steuerungsgruppe noch ein Gremium aus networks.bodies hat diese Kennung (das Kommunale "
                        "Integrationszentrum heißt hier „ki“).",
                        did_you_mean(known(target))
                        + (
                            f"Bekannte Kennungen: {', '.join(known.options)}."
                            if len(known.options) <= 12
                            else "Die Kennungen stehen unter networks.bodies."
                        ),
                    )

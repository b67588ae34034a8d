"""T051: every political body of the approval process is found in the council information system."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.oparl.t050_sitzung_laut_ratsinformationssystem import OPARL

MAX_LISTED = 25

HOW_TO_MAP = (
    "Tragen Sie den Namen der Gruppierung ein: als `oparl_organization` beim Gremium unter "
    "`approval_process.bodies` (mit `body_ref` am Schritt) oder in der Konfiguration unter "
    '[tool.integconcept.procedure.oparl.organizations], z. B. kreistag = "Kreistag des Kreises".'
)


def listing(organizations) -> str:
    names = [f"„{o.name}“" for o in organizations[:MAX_LISTED]]
    more = f" und {len(organizations) - MAX_LISTED} weitere" if len(organizations) > MAX_LISTED else ""
    return ", ".join(names) + more if names else "keine"


@register
class GremiumImRatsinformationssystem(Rule):
    code = "T051"
    modality = Modality.practice
    name = "gremium-im-ratsinformationssystem"
    summary = "Jedes politische Gremium des Gremienlaufs ist im Ratsinformationssystem (OParl) zu finden."
    severity = Severity.info
    citations = (OPARL,)
    explanation = (
        "Läuft nur mit „--oparl ADRESSE“ (oder „oparl“ in der Konfiguration). Jedes Gremium mit einer Sitzung "
        "im Gremienlauf wird einer Gruppierung (Organization) des Ratsinformationssystems zugeordnet: zuerst "
        "über eine ausdrückliche Angabe (oparl_organization), dann über den Namen – Groß-/Kleinschreibung, "
        "Umlaute, Füllwörter und der Name des Kreises zählen nicht, „Kreistag“ findet also „Kreistag Kreis "
        "Unna“ –, beim Kreistag/Rat zuletzt über die Einordnung „Parlament“. Fraktionen und Parteien zählen "
        "nicht. Gelingt das nicht oder passen mehrere, nennt der Hinweis die gefundenen Gruppierungen."
    )
    reason = (
        "Nur ein zugeordnetes Gremium lässt sich gegen seine Sitzungen prüfen (T050); ohne Zuordnung bliebe "
        "die Prüfung stumm, ohne dass es jemand merkt."
    )
    fix = HOW_TO_MAP

    def check(self, ctx):
        from integconcept.procedure.oparl import VIEW_KEY

        view = ctx.settings.get(VIEW_KEY)
        if view is None:
            return
        for target in view.targets:
            if target.result.found:
                continue
            path = target.steps[0].field_path("body")
            if target.result.explicit:
                message = (
                    f"Die Gruppierung „{target.result.explicit}“ (angegeben für „{target.name}“) gibt es im "
                    f"Ratsinformationssystem „{view.body}“ nicht; vorhanden sind: {listing(view.listed())}."
                )
            elif target.result.candidates:
                message = (
                    f"„{target.name}“ passt im Ratsinformationssystem „{view.body}“ zu mehreren "
                    f"Gruppierungen: {listing(target.result.candidates)}; die Sitzungstermine werden "
                    "nicht geprüft."
                )
            else:
                message = (
                    f"„{target.name}“ ist im Ratsinformationssystem „{view.body}“ nicht zu finden; die "
                    f"Sitzungstermine werden nicht geprüft. Vorhanden sind: {listing(view.listed())}."
                )
            yield Problem(path, message, HOW_TO_MAP)

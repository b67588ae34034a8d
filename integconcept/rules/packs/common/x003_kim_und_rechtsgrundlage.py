"""X003 kim-und-rechtsgrundlage: the check; its cases are in x003_kim_und_rechtsgrundlage.yaml beside this file."""

from __future__ import annotations

import datetime as dt

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.law import p9

#: The KIM programme began in 2020 (mkffi.nrw, 20.04.2020: „fördert ab 2020“; guideline of 25.11.2020).
KIM_START = dt.date(2020, 1, 1)


@register
class KimFlag(Rule):
    code = "X003"
    modality = Modality.consistency
    name = "kim-und-rechtsgrundlage"
    summary = "uses_kim und die Rechtsgrundlage passen zusammen."
    severity = Severity.warning
    citations = (p9("1"),)
    explanation = (
        "`uses_kim: true` verlangt die Prüfung nach §§ 8 und 9 (`tintg2022-p8-p9`) – außer bei einem "
        "KIM-Konzept von 2020/21 nach der KIM-Förderrichtlinie 2020: es wird nach § 7 TIntG 2012 "
        "(`tintg2012-p7`) geprüft, die KIM-Regeln laufen dann mit. Umgekehrt setzt die Prüfung nach § 9 "
        "`uses_kim: true` voraus. Verglichen wird mit der tatsächlich verwendeten Rechtsgrundlage "
        "(auch bei `--basis`). Ein KIM-Konzept mit Beschluss oder Antrag vor 2020 ist ein Widerspruch: "
        "das Landesprogramm begann 2020."
    )
    reason = (
        "Das Kommunale Integrationsmanagement (§ 9 TIntG 2022) gibt es erst seit dem TIntG 2022 und nur für "
        "Körperschaften mit einem KI nach § 8. Passen Angabe und Prüfung nicht zusammen, laufen die "
        "KIM-Regeln nicht oder zu Unrecht."
    )
    fix = "Setzen Sie `legal_basis: tintg2022-p8-p9`, wenn das Konzept KIM umfasst, sonst `uses_kim: false`."

    def check(self, ctx):
        kim_basis = ctx.basis == "tintg2022-p8-p9"
        day = ctx.guideline.key_date
        if ctx.concept.uses_kim and day is not None and day < KIM_START:
            yield Problem(
                ("uses_kim",),
                f"Das Konzept nimmt laut `uses_kim` am Kommunalen Integrationsmanagement teil, "
                f"stammt aber aus dem Jahr {day.year} ({ctx.guideline.source}); das Landesprogramm "
                "KIM gibt es erst seit 2020 (Förderrichtlinie vom 25.11.2020).",
                "Setzen Sie `uses_kim: false` (auch das Modellprogramm „Einwanderung gestalten NRW“ war "
                "noch kein KIM), oder prüfen Sie die Daten.",
            )
            return
        if ctx.concept.uses_kim and ctx.basis == "tintg2012-p7" and ctx.guideline.kim == "2020":
            return  # a KIM concept of 2020/21: § 7 TIntG 2012 and the KIM guideline 2020 are right
        if ctx.concept.uses_kim and not kim_basis:
            yield Problem(
                ("uses_kim",),
                "Das Konzept nimmt laut `uses_kim` am Kommunalen Integrationsmanagement teil, "
                "wird aber nicht nach § 9 TIntG 2022 geprüft.",
                "Setzen Sie `legal_basis: tintg2022-p8-p9`.",
            )
        elif kim_basis and not ctx.concept.uses_kim:
            yield Problem(
                ("legal_basis",),
                "Geprüft wird nach §§ 8 und 9 (KIM), aber `uses_kim` ist nicht gesetzt.",
                "Setzen Sie `uses_kim: true` oder prüfen Sie nach `tintg2022-p8`.",
            )

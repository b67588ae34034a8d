"""X001 tintg2012-nicht-mehr-anwendbar: the check; its cases are in x001_tintg2012_nicht_mehr_anwendbar.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, register
from integconcept.rules.packs import tintg_shared
from integconcept.rules.evidence import CUTOFF, adoption_date, adoption_when
from integconcept.rules.law import CUTOFF_LABEL


@register
class After2012Law(tintg_shared.ApplicableLawRule):
    code = "X001"
    name = "tintg2012-nicht-mehr-anwendbar"
    summary = (
        "Ein Konzept, das ab dem 01.01.2022 beschlossen oder beantragt wurde, wird nicht nach § 7 TIntG 2012 geprüft."
    )
    severity = Severity.error
    explanation = (
        "Läuft die Prüfung nach § 7 TIntG 2012, werden das Beschlussdatum (`adoption.date` oder der "
        "Beschluss-Schritt des Kreistags/Rats) und der Förderantrag (Schritt mit "
        "`body_kind: funding_application`) mit dem 01.01.2022 verglichen."
    )
    reason = (
        "Das TIntG 2012 ist mit Ablauf des 31.12.2021 außer Kraft getreten; seit dem 01.01.2022 gilt das "
        "TIntG 2022 (§ 8, für KIM § 9). Ein später beschlossenes oder beantragtes Konzept muss dessen "
        "Anforderungen erfüllen."
    )
    fix = "Setzen Sie `legal_basis: tintg2022-p8` (bzw. `tintg2022-p8-p9` mit KIM) oder prüfen Sie die Daten."

    def check(self, ctx):
        adopted = adoption_date(ctx.concept)
        if adopted and adopted[1] >= CUTOFF:
            yield Problem(
                adopted[0],
                f"Das Konzept wurde {adoption_when(ctx.concept, adopted[1])} beschlossen; das TIntG 2012 "
                f"gilt seit dem {CUTOFF_LABEL} nicht mehr.",
                "Prüfen Sie nach dem TIntG 2022: `legal_basis: tintg2022-p8` oder `--basis tintg2022-p8`.",
            )
            return
        late = tintg_shared.late_application(ctx.concept)
        if late:
            path, step = late
            yield Problem(
                path + ("date",),
                f"Der Förderantrag ({step.date}) liegt nach dem {CUTOFF_LABEL}, ab dem das TIntG 2012 nicht mehr gilt.",
                "Prüfen Sie nach dem TIntG 2022: `legal_basis: tintg2022-p8`.",
            )

"""X002 tintg2022-noch-nicht-anwendbar: the check; its cases are in x002_tintg2022_noch_nicht_anwendbar.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, register
from integconcept.rules.packs import tintg_shared
from integconcept.rules.evidence import CUTOFF, adoption_date, adoption_when
from integconcept.rules.law import CUTOFF_LABEL


@register
class Before2022Law(tintg_shared.ApplicableLawRule):
    code = "X002"
    name = "tintg2022-noch-nicht-anwendbar"
    summary = "Ein Konzept, das vor dem 01.01.2022 beschlossen und beantragt wurde, wird nach § 7 TIntG 2012 beurteilt."
    severity = Severity.warning
    explanation = (
        "Läuft die Prüfung nach § 8 TIntG 2022, obwohl das Konzept vor dem 01.01.2022 beschlossen wurde und "
        "kein Förderantrag ab diesem Tag angegeben ist, gibt es eine Warnung. Sie ist keine Fehlermeldung, "
        "weil man ein älteres Konzept bewusst am neuen Recht messen kann (z. B. vor einer Fortschreibung)."
    )
    reason = (
        "Das TIntG 2022 gilt seit dem 01.01.2022; für ein früher beschlossenes und beantragtes Konzept war "
        "§ 7 TIntG 2012 maßgeblich. Befunde nach § 8 sagen dann nichts über die damalige Förderfähigkeit."
    )
    fix = (
        "Setzen Sie `legal_basis: tintg2012-p7`, oder behalten Sie § 8 bewusst bei und schalten Sie den "
        "Hinweis mit Begründung stumm."
    )

    def check(self, ctx):
        adopted = adoption_date(ctx.concept)
        if not adopted or adopted[1] >= CUTOFF:
            return
        if tintg_shared.late_application(ctx.concept):
            return
        if ctx.concept.uses_kim:
            yield Problem(
                adopted[0],
                f"Das KIM-Konzept wurde {adoption_when(ctx.concept, adopted[1])} beschlossen, vor dem "
                f"{CUTOFF_LABEL}; maßgeblich waren damals § 7 TIntG 2012 und die "
                "KIM-Förderrichtlinie 2020, nicht §§ 8 und 9 TIntG 2022.",
                "Setzen Sie `legal_basis: tintg2012-p7` und behalten Sie `uses_kim: true`: dann laufen "
                "die KIM-Regeln nach der Richtlinie 2020 mit, ohne Warnung zur Rechtsgrundlage.",
            )
            return
        yield Problem(
            adopted[0],
            f"Das Konzept wurde {adoption_when(ctx.concept, adopted[1])} beschlossen, vor dem {CUTOFF_LABEL}; "
            "maßgeblich war damals § 7 TIntG 2012, nicht § 8 TIntG 2022.",
            "Prüfen Sie nach § 7 TIntG 2012: `legal_basis: tintg2012-p7` oder `--basis tintg2012-p7`.",
        )

"""T020: the invitation (Ladung) respects the notice period of the Geschäftsordnung."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.procedure import datetext as fmt
from integconcept.procedure.settings import notice_for
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import KRO_32_2, council_citations


@register
class Ladungsfrist(Rule):
    code = "T020"
    modality = Modality.must
    name = "ladungsfrist"
    summary = "Die Einladung zur Sitzung wahrt die Ladungsfrist der Geschäftsordnung."
    severity = Severity.error
    citations = (KRO_32_2,)
    explanation = (
        "Für jeden Schritt mit Einladungsdatum (invitation_date): Zwischen dem Tag der Einladung und dem "
        "Sitzungstag müssen mindestens so viele volle Tage liegen, wie die Ladungsfrist verlangt (beide "
        "Tage werden nicht mitgezählt). Die Frist kommt aus `approval_process.bodies[].notice_period` des"
        " Gremiums (body_ref), sonst aus `authority.notice_period`, sonst aus der Einstellung "
        "`notice_period_days` in `[tool.integconcept.timeline]`, sonst gilt die Annahme 6 Kalendertage "
        "(Geschäftsordnung des Rhein-Kreises Neuss)."
    )
    reason = (
        "Die Ladungsfrist legt nach § 32 Abs. 2 KrO NRW die Geschäftsordnung des Kreistags fest (für den "
        "Kreisausschuss über § 52), in einer kreisfreien Stadt die Geschäftsordnung des Rates (§ 47 GO NRW). Eine zu kurze Ladung macht die Sitzung angreifbar. Beruht die Prüfung"
        " nur auf der Annahme, ist das Ergebnis eine Warnung, kein Fehler. Eine Einladung nach der "
        "Sitzung ist immer ein Fehler."
    )
    fix = (
        "Laden Sie früher ein, oder tragen Sie die Frist Ihrer Geschäftsordnung ein "
        '(`authority.notice_period: {days: 7, unit: calendar_days, source: "§ 1 GO Kreistag"}`).'
    )

    def cite(self, ctx):
        return council_citations(ctx)

    def check(self, ctx):
        for step in ctx.chain:
            if step.invitation_date is None or not step.dated:
                continue
            invited = step.invitation_date
            where = step.field_path("invitation_date")
            if invited > step.end:
                yield Problem(
                    where,
                    f"Die Einladung zu „{step.body}“ ({fmt.short(invited)}) liegt nach der Sitzung "
                    f"({fmt.step_date(step)}).",
                    "Prüfen Sie beide Daten.",
                )
                continue
            notice = notice_for(ctx.concept, step.body_ref, ctx.settings)
            severity = Severity.warning if notice.assumed else None
            latest_early = notice.latest_invitation(step.start)
            latest_late = notice.latest_invitation(step.end)
            basis = f"Ladungsfrist von {notice.dative()} ({notice.source})"
            if invited > latest_late:
                yield Problem(
                    where,
                    f"Die Einladung zu „{step.body}“ am {fmt.short(invited)} ist zu spät: bei einer "
                    f"{basis} hätte sie spätestens am {fmt.day(latest_late)} erfolgen müssen.",
                    "Laden Sie früher ein oder verschieben Sie die Sitzung."
                    + (
                        " Tragen Sie die Frist Ihrer Geschäftsordnung unter authority.notice_period ein."
                        if notice.assumed
                        else ""
                    ),
                    severity,
                )
            elif invited > latest_early:
                yield Problem(
                    where,
                    f"Ob die Einladung zu „{step.body}“ am {fmt.short(invited)} die {basis} wahrt, hängt "
                    f"vom genauen Sitzungstag ab ({fmt.step_date(step)}).",
                    "Tragen Sie den genauen Sitzungstag ein.",
                    Severity.info,
                )

"""T030: municipalities and partners get enough time between the draft and the committee."""

from __future__ import annotations

from integconcept.core.findings import Citation, Severity
from integconcept.document.enums import BodyKind
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import CONSULTATION_KINDS
from integconcept.procedure.settings import consultation_days
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.timeline._shared import agreement_citation, is_city, preparing


@register
class Beteiligungsfrist(Rule):
    code = "T030"
    modality = Modality.practice
    name = "beteiligungsfrist"
    summary = "Städte, Gemeinden und Partner haben genug Zeit zwischen Entwurf und Fachausschuss (Warnung)."
    severity = Severity.warning
    citations = (
        Citation(
            "TIntG NRW",
            version="2012",
            section="§ 7",
            paragraph="1",
            sentence="2",
            note="Aufgaben im Einvernehmen mit den Gemeinden",
        ),
    )
    explanation = (
        "Die Zeit zwischen der Weitergabe des Entwurfs an Städte, Gemeinden und Partner (ein Schritt mit "
        "Empfängerliste `recipients` oder `dispatch: true`, nicht eine Sitzung; gibt es keinen, der früheste "
        "Schritt „municipalities“ oder „partners“; ohne Datum gilt der früheste mögliche Tag, z. B. der "
        "Tag des Verwaltungsvorstands davor) und der Beratung im Fachausschuss (ohne Fachausschuss: im "
        "Kreisausschuss bzw. Kreistag). Die Mindestzeit steht in "
        "`approval_process.min_consultation_days`, sonst in der Einstellung `min_consultation_days` unter"
        " `[tool.integconcept.timeline]`; sonst gilt die Annahme 28 Tage (vier Wochen)."
    )
    reason = (
        "Das Gesetz nennt keine Frist (gute Praxis). Das KI arbeitet aber im Einvernehmen mit den Gemeinden "
        "(§ 7 Abs. 1 S. 2 TIntG NRW 2012, seit 2022 § 8 Abs. 1 S. 3; zitiert wird die Fassung der "
        "Rechtsgrundlage des Konzepts, in einer kreisfreien Stadt nichts), und Stellungnahmen brauchen Zeit "
        "für eigene Gremien."
    )
    fix = (
        "Geben Sie den Entwurf früher heraus, oder tragen Sie eine kürzere, mit den Gemeinden abgestimmte"
        " Frist als `min_consultation_days` ein."
    )

    def cite(self, ctx):
        # a kreisfreie Stadt has no member municipalities: no Einvernehmen to cite; gute Praxis only
        return () if is_city(ctx) else (agreement_citation(ctx),)

    def check(self, ctx):
        steps = ctx.chain
        anchor = ctx.adopting_council
        target = None
        for kind in (BodyKind.specialist_committee, BodyKind.main_committee):
            candidates = [s for s in preparing(steps, kind, anchor) if s.dated]
            if candidates:
                target = candidates[0]
                break
        if target is None and anchor is not None and anchor.dated:
            target = anchor
        if target is None:
            return
        before = [s for s in steps if s.index < target.index and s.earliest]
        # the dispatch of the draft (a step with recipients or `dispatch: true`), not a meeting
        dispatches = [s for s in before if s.dispatch]
        if dispatches:
            first = min(dispatches, key=lambda s: s.earliest)
            what = f"der Weitergabe des Entwurfs („{first.body}“)"
        else:
            meetings = [s for s in before if s.kind in CONSULTATION_KINDS]
            if not meetings:
                return
            first = min(meetings, key=lambda s: s.earliest)
            what = f"der ersten Beteiligung („{first.body}“; eine Weitergabe des Entwurfs ist nicht angegeben)"
        minimum, source, assumed = consultation_days(ctx.concept, ctx.settings)
        available = (target.end - first.earliest).days
        if available < minimum:
            basis = "angenommene " if assumed else ""
            yield Problem(
                target.field_path("date"),
                f"Zwischen {what}, frühestens {fmt.short(first.earliest)}, und „{target.body}“ "
                f"({fmt.step_date(target)}) liegen nur {available} Tage; die {basis}Mindestzeit ist "
                f"{minimum} Tage ({source}).",
                "Geben Sie den Entwurf früher heraus oder legen Sie die Ausschusssitzung später. "
                "Eine mit den Gemeinden abgestimmte Frist tragen Sie als "
                "approval_process.min_consultation_days ein.",
            )

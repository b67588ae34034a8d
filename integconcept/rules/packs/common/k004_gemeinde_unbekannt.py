"""K004 gemeinde-unbekannt: the check; its cases are in k004_gemeinde_unbekannt.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.core.german import Suggester
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.packs.common.k002_handlungsfeld_unbekannt import unknown_ref


@register
class MunicipalityRefs(Rule):
    code = "K004"
    modality = Modality.consistency
    name = "gemeinde-unbekannt"
    summary = (
        "Verfahrensschritte, Tabellenzeilen, Stellen und Weitergaben nennen nur Gemeinden aus authority.municipalities."
    )
    severity = Severity.error
    explanation = (
        "Geprüft werden die Gemeindelisten der Verfahrensschritte (`approval_process.steps[].municipalities`) "
        "die Angabe `municipality` der Zeilen der Bevölkerungstabelle und der Stellen (`staffing.posts`) und "
        "die Empfänger weitergegebener Mittel (`staffing.pass_on[].recipients`): jede Kennung muss unter "
        "`authority.municipalities` stehen."
    )
    reason = (
        "Ob alle kreisangehörigen Gemeinden beteiligt wurden (Einvernehmen) und ob die Tabelle alle "
        "Gemeinden zeigt, lässt sich nur prüfen, wenn die Kennungen zusammenpassen."
    )
    fix = "Korrigieren Sie die Kennung oder ergänzen Sie die Gemeinde unter `authority.municipalities`."

    def check(self, ctx):
        c = ctx.concept
        known = Suggester(m.id for m in c.authority.municipalities)
        if c.approval_process:
            for i, step in enumerate(c.approval_process.steps):
                if isinstance(step.municipalities, list):
                    for k, ref in enumerate(step.municipalities):
                        if ref not in known:
                            message, hint = unknown_ref(ref, known, "eine Gemeinde", "authority.municipalities")
                            yield Problem(("approval_process", "steps", i, "municipalities", k), message, hint)
        staffing = c.staffing
        if staffing:
            for i, post in enumerate(staffing.posts):
                if post.municipality and post.municipality not in known:
                    message, hint = unknown_ref(post.municipality, known, "eine Gemeinde", "authority.municipalities")
                    yield Problem(("staffing", "posts", i, "municipality"), message, hint)
            for i, item in enumerate(staffing.pass_on):
                if isinstance(item.recipients, list):
                    for k, ref in enumerate(item.recipients):
                        if ref not in known:
                            message, hint = unknown_ref(ref, known, "eine Gemeinde", "authority.municipalities")
                            yield Problem(("staffing", "pass_on", i, "recipients", k), message, hint)
        table = c.preamble.population_table if c.preamble else None
        if table:
            for i, row in enumerate(table.rows):
                if row.municipality and row.municipality not in known:
                    message, hint = unknown_ref(row.municipality, known, "eine Gemeinde", "authority.municipalities")
                    yield Problem(("preamble", "population_table", "rows", i, "municipality"), message, hint)

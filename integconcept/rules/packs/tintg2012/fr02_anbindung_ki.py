"""FR02 anbindung-ki: the check; its cases are in fr02_anbindung_ki.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.law import GUIDELINE_2012, GUIDELINES_WITH_THIS_LIST


@register
class Attachment(Rule):
    code = "FR02"
    modality = Modality.guideline
    name = "anbindung-ki"
    summary = "Das Konzept nennt die organisatorische Anbindung des KI in der Verwaltung."
    severity = Severity.error
    relaxed_for_drafts = True
    citations = (GUIDELINE_2012,)
    explanation = (
        "Nur solange die Förderrichtlinie 2012 (mit der Änderung 2015) gilt. "
        "Verlangt wird ein Text in `organisation.attachment` (z. B. „Fachbereich 50, Dezernat III“)."
        " Je Fassung: 2012 und 2015 hier; 2018 nicht recherchiert (keine Prüfung); für 2023 und 2025 prüft FR06 die Anbindung des organisatorisch eigenständigen KI."
    )
    reason = (
        "Die Förderrichtlinie 2012 verlangt für den Antrag die Angabe, wo das KI organisatorisch in der "
        "Verwaltung angebunden ist."
    )
    fix = "Tragen Sie die Anbindung unter `organisation.attachment` ein."

    def check(self, ctx):
        if ctx.guideline.ki not in GUIDELINES_WITH_THIS_LIST:
            return  # the application list of later guidelines is not researched (domain.md)
        organisation = ctx.concept.organisation
        if organisation and organisation.attachment and organisation.attachment.strip():
            return
        yield Problem(("organisation", "attachment"),
                      "Die organisatorische Anbindung des KI in der Verwaltung ist nicht angegeben.",
                      "Tragen Sie sie unter `organisation.attachment` ein, z. B. „Fachbereich 50“.")

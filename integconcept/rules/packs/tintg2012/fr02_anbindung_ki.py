"""FR02 anbindung-ki: the check; its cases are in fr02_anbindung_ki.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.base import Problem, register
from integconcept.rules.packs.tintg2012._shared import ApplicationListRule


@register
class Attachment(ApplicationListRule):
    code = "FR02"
    name = "anbindung-ki"
    summary = "Das Konzept nennt die organisatorische Anbindung des KI in der Verwaltung."
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

    def check_list(self, ctx):
        organisation = ctx.concept.organisation
        if organisation and organisation.attachment and organisation.attachment.strip():
            return
        yield Problem(
            ("organisation", "attachment"),
            "Die organisatorische Anbindung des KI in der Verwaltung ist nicht angegeben.",
            "Tragen Sie sie unter `organisation.attachment` ein, z. B. „Fachbereich 50“.",
        )

"""``integconcept validate KONZEPT.docx``: a Word concept imported in memory and checked like a concept file;
every finding carries its place in the Word document (section heading, paragraph, table cell, a short quote).

The import's own uncertainty – a guessed body kind, a section placed by its content, text without a field of
its own – is reported as notes (W002, severity info) at their places, never as errors. An unreadable document
is W001 (exit code 2). Nothing is written; the Word file is only read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from integconcept.core.codes import code_name
from integconcept.core.findings import FileResult, Finding, Severity, sort_findings

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from integconcept.commands.validate import CheckOptions

#: Comments of the import that describe the import's working, not the document (no note for them).
_NOT_NOTES = {("status",), ("sources",)}


def is_word(file: str) -> bool:
    return file.lower().endswith((".docx", ".docm", ".odt", ".doc"))


def check_word(file: str, *, opened=None, **options: Unpack[CheckOptions]):
    """(FileResult, ImportResult or None): findings with ``location`` set; ``opened``: the document already
    opened with python-docx (``review`` annotates that same object); ``options``: see
    ``validate.validate_document``."""
    from integconcept.commands.validate import validate_document
    from integconcept.document.loader import Document, compose
    from integconcept.wordimport import WordImportError, import_word

    try:
        imported = import_word(file, opened=opened)
    except WordImportError as exc:
        return FileResult(
            file=file,
            findings=[
                Finding(
                    "W001",
                    Severity.error,
                    exc.message,
                    (),
                    "Das Dokument in Word oder LibreOffice öffnen und als .docx speichern; dann erneut prüfen.",
                    name=code_name("W001"),
                )
            ],
            usable=False,
        ), None
    data, source_map = compose(imported.text)
    assert isinstance(data, dict), "an imported draft is a mapping"
    result = validate_document(Document(file, imported.text, data, source_map), **options)
    if not result.usable:  # a bad configuration (K900): reported as for a concept file
        return result, imported
    places = imported.places()
    for finding in result.findings:
        if finding.file is None:
            finding.location = _where(places, tuple(finding.path), opened is not None)
            finding.line, finding.column = 0, 0
    result.findings.extend(import_notes(imported, places, opened is not None))
    result.findings = sort_findings(result.findings)
    result.findings.sort(key=lambda f: ((f.location or {}).get("paragraph") or 0, f.code))
    return result, imported


def import_notes(imported, places, elements: bool = False) -> list[Finding]:
    """The import's ``# import:`` comments as notes at their places in the document."""
    out = []
    for path, texts in imported.outcome.comments.items():
        if tuple(path) in _NOT_NOTES:
            continue
        for text in texts:
            message = text.removeprefix("import: ")
            where = tuple(path)
            if where == ("approval_process", "steps") and (m := re.match(r"Schritt (\d+) \(", message)):
                where += (int(m.group(1)) - 1,)  # the step's own row or line
            out.append(
                Finding(
                    "W002",
                    Severity.info,
                    f"Übernahme geschätzt: {message}",
                    where,
                    "Kein Fehler des Konzepts: die Prüfung beruht hier auf einer Annahme der Übernahme. "
                    "Bitte die Stelle im Dokument ansehen.",
                    0,
                    0,
                    name=code_name("W002"),
                    location=_where(places, where, elements),
                )
            )
    return out


def _where(places, path: tuple, element: bool = False) -> dict:
    """The place of a path; a path about the whole concept (status, legal basis) is the title page.
    ``element``: also the Word element under "_element" (for ``review``; removed before any report)."""
    place = places.locate(path) or places.locate(("title",))
    if place is not None:
        return place.to_json() | ({"_element": place.element} if element else {})
    return {"paragraph": None, "heading": None, "quote": "", "text": "ganzes Dokument"}

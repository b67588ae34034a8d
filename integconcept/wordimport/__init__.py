"""``integconcept import``: an existing Word concept (.docx) → a draft concept file (YAML).

``import_word(path)`` reads the document (:mod:`.reader`), places its parts in the data model
(:mod:`.mapper`) and returns the YAML text with ``# import: …`` comments and a German summary;
Writing the file and the summary is the command's job (:mod:`integconcept.commands.importing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from integconcept.core.errors import UserError
from integconcept.wordimport.reader import WordReadError

__all__ = ["ImportResult", "WordImportError", "WordReadError", "import_word"]


class WordImportError(UserError):
    """The document cannot be imported or the output not written (German message, exit code 2)."""


@dataclass
class ImportResult:
    text: str  # the YAML file
    recognised: list[str] = field(default_factory=list)
    look: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    stats: str = ""
    placement: dict = field(default_factory=dict)
    outcome: object = None  # the mapper's outcome (data, comments) and the document read, for validate/review
    document: object = None

    def places(self):
        """JSON path → place in the Word document (:class:`~.places.PlaceMap`), built on demand."""
        from integconcept.wordimport.places import PlaceMap

        if getattr(self, "_places", None) is None:
            self._places = PlaceMap(
                self.document, self.outcome.data, self.outcome.places, self.outcome.section_headings
            )
        return self._places

    def summary(self) -> str:
        lines = [self.stats]
        if self.placement:
            p = self.placement
            lines.append(
                f"Absätze und Tabellen: {p['recognised']} in eigenen Feldern erkannt, {p['guessed']} nach "
                f"Inhalt oder Stellung zugeordnet (geschätzt), {p['text']} als Text übernommen."
            )
        lines += ["", "Erkannt:"]
        lines += [f"  - Abschnitt {s}" for s in self.sections]
        lines += [f"  - {r}" for r in self.recognised]
        if self.look:
            lines += ["", "Bitte prüfen (in der Datei mit „# import:“ markiert):"]
            lines += [f"  - {item}" for item in self.look]
        return "\n".join(lines)


def import_word(source: str | Path, target: str | Path | None = None, *, opened=None) -> ImportResult:
    """Read a .docx and return the draft concept file as text with the summary.

    With ``target`` (where the file will be written) the file starts with the editor hint to the
    project's JSON Schema, as ``init`` writes it."""
    from integconcept.wordimport.mapper import build
    from integconcept.wordimport.reader import Heading, Para, Table, read_docx
    from integconcept.wordimport.yaml_out import dump

    path = Path(source)
    try:
        document = read_docx(path, opened)
        if not document.blocks and not document.title_lines:
            raise WordImportError(
                f"„{path.name}“ enthält keinen Text (nur leere Absätze, Bilder oder ein "
                "Inhaltsverzeichnis); es gibt nichts zu übernehmen. Es wurde nichts geschrieben."
            )
        from integconcept.wordimport.limits import check_text_size

        check_text_size(path.name, document, WordImportError)
        outcome = build(document, path.name)
    except WordReadError as exc:
        raise WordImportError(exc.message) from None
    except RecursionError:
        raise WordImportError(
            f"„{path.name}“ ist zu tief verschachtelt, um es zu übernehmen. Es wurde nichts geschrieben."
        ) from None
    except (WordImportError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a document shape the reader does not expect: a message, not a traceback
        raise WordImportError(
            f"„{path.name}“ konnte nicht übernommen werden: interner Fehler "
            f"({type(exc).__name__}: {exc}). Bitte mit dem Dokument melden; es wurde nichts "
            "geschrieben."
        ) from exc
    concept = _checked(outcome.data)
    header: list[str] = []
    if target is not None:
        from integconcept.drafting.init import _schema_line

        header = _schema_line(Path(target))
    from integconcept.document.loader import LoadError

    try:
        text = dump(outcome.data, outcome.comments, header, concept)
    except LoadError as exc:  # a limit of concept files (one text over 2,000,000 characters …)
        raise WordImportError(
            f"„{path.name}“ ergäbe eine Konzeptdatei, die validate nicht lesen könnte: "
            f"{exc.message} Bitte den Text im Dokument kürzen oder aufteilen; es wurde nichts "
            "geschrieben."
        ) from None
    headings = sum(1 for b in document.blocks if isinstance(b, Heading))
    paragraphs = sum(1 for b in document.blocks if isinstance(b, Para))
    tables = sum(1 for b in document.blocks if isinstance(b, Table))
    stats = (
        f"Gelesen: {path.name} – {headings} Überschriften, {paragraphs} Absätze, {tables} Tabellen, "
        f"{document.footnotes} Fußnoten."
    )
    return ImportResult(
        text, outcome.recognised, outcome.look, outcome.sections, stats, outcome.placement, outcome, document
    )


def _checked(data: dict):
    """The imported data validated: by pydantic-core from the stored schema (:mod:`integconcept.document.plain`,
    no pydantic at start-up), else – another pydantic-core, or data that do not fit – by the model, whose error
    says what a bug in the mapping produced."""
    from integconcept.document.plain import core, validator

    checker = validator()
    if checker is not None:
        try:
            return checker.validate_python(data)
        except core().ValidationError:
            pass
    from integconcept.document.model import Concept

    try:
        return Concept.model_validate(data)
    except Exception as exc:  # a bug in the mapping: say so instead of writing an invalid file
        raise WordImportError(
            f"Interner Fehler beim Import: die erzeugten Daten passen nicht zum Schema ({exc}). "
            "Bitte melden; es wurde nichts geschrieben."
        ) from None

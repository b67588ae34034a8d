"""``integconcept review KONZEPT.docx -o GEPRUEFT.docx``: a copy of the Word document with one Word comment per
finding, anchored at the paragraph or table cell it concerns.

The copy's text is the original's, character for character: only comment anchors (``w:commentRangeStart``,
``w:commentRangeEnd``, a run with ``w:commentReference``) and the comments part are added. Author
"integconcept", initials "IC"; the comment says code and severity, message, hint and legal basis. The input is
only read; the output is written atomically and never over an existing file unless ``--force`` is given.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from integconcept.core.errors import UserError
from integconcept.core.findings import FileResult, Finding, Severity

AUTHOR = "integconcept"
INITIALS = "IC"


@dataclass
class Reviewed:
    result: FileResult
    comments: int
    output: str


def comment_text(finding: Finding) -> str:
    """Code and severity, message, hint, legal basis – one paragraph each."""
    lines = [f"{finding.code} ({finding.severity.label}): {finding.message}"]
    if finding.hint:
        lines.append(f"Hinweis: {finding.hint}")
    if finding.citations:
        lines.append("Grundlage: " + "; ".join(str(c) for c in finding.citations))
    return "\n".join(lines)


def _runs_of(element, document):
    """The runs a comment is anchored to: those of the paragraph, or of the first paragraph of the cell (or
    table) that has text; an element without runs gets an empty run (no text changes)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if element is None:
        return None
    if element.tag == qn("w:p"):
        paragraphs = [element]
    else:  # w:tc, w:tbl: its paragraphs in order, the first with a run first
        paragraphs = list(element.iter(qn("w:p")))
        paragraphs.sort(key=lambda p: 0 if p.find(qn("w:r")) is not None else 1)
    if not paragraphs:
        return None
    paragraph = Paragraph(paragraphs[0], document._body)
    runs = [r for r in paragraph.runs]
    if not runs:
        runs = [paragraph.add_run("")]
    return runs


def review_file(
    source: str,
    output: str,
    *,
    force: bool = False,
    basis: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    min_severity: Severity = Severity.info,
) -> Reviewed:
    """Check the Word document and write the commented copy. Raises :class:`UserError` (exit 2) for an unusable
    input or output; returns the findings (for the exit code: 1 with errors)."""
    from integconcept.commands.wordcheck import check_word
    from integconcept.core.output import OutputError, atomic_write, check_output_path
    from integconcept.wordimport.reader import WordReadError, open_document

    out = Path(output)
    if out.suffix.lower() != ".docx":
        raise UserError(f"Die Ausgabedatei „{output}“ muss auf .docx enden, z. B. „konzept-geprueft.docx“.")
    try:
        target = check_output_path(output, {"Word-Dokument (Eingabe)": source}, ".docx")
    except OutputError as exc:
        raise UserError(exc.message, exc.exit_code) from None
    if target.exists() and not force:
        raise UserError(
            f"„{output}“ gibt es schon; review überschreibt keine vorhandene Datei. Bitte einen neuen "
            "Namen wählen oder --force angeben, um sie zu ersetzen."
        )
    try:
        document = open_document(Path(source))
    except WordReadError as exc:
        raise UserError(exc.message) from None
    result, _ = check_word(source, basis=basis, select=select, ignore=ignore, opened=document)
    if not result.usable:
        raise UserError("; ".join(f.message for f in result.findings) or f"„{source}“ kann nicht geprüft werden.")
    rank = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    count = 0
    fallback = None
    for finding in result.findings:
        if rank[finding.severity] > rank[min_severity]:
            continue
        element = (finding.location or {}).get("_element")
        runs = _runs_of(element, document)
        if runs is None:  # about the whole document: at its first paragraph with text
            if fallback is None:
                fallback = next((p.runs for p in document.paragraphs if p.runs and p.text.strip()), None)
            runs = fallback
        if not runs:
            continue
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        atomic_write(target, buffer.getvalue())
    except OSError as exc:
        raise UserError(f"Die Ausgabedatei konnte nicht geschrieben werden ({exc.strerror or exc}).") from None
    for finding in result.findings:  # the element was for the comment only; reports show the place as text
        if finding.location:
            finding.location.pop("_element", None)
    return Reviewed(result, count, str(target))

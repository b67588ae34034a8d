"""``integconcept render`` as a library function: check the concept, write the DOCX (and PDF) safely."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from integconcept.core.output import OutputError, atomic_write, check_output_path
from integconcept.render.errors import RenderError


#: What a clerk may name instead of .docx or .pdf, and what to say about it.
_OTHER_FORMATS = {
    ".doc": "das alte Word-Format .doc wird nicht geschrieben; Word öffnet .docx ebenso",
    ".dot": "das alte Word-Format .dot wird nicht geschrieben; Word öffnet .docx ebenso",
    ".dotx": "eine Word-Vorlage wird nicht geschrieben (als Vorlage dient sie mit --template)",
    ".odt": "OpenDocument (.odt) wird nicht geschrieben; LibreOffice öffnet .docx ebenso",
    ".rtf": "RTF wird nicht geschrieben; Word und LibreOffice öffnen .docx ebenso",
}


def output_kind(output: str) -> str:
    """ "docx" or "pdf" by the ending of ``output``; OutputError with the suggestion for anything else."""
    if output == "-":
        raise OutputError(
            "render schreibt eine Datei; „-“ (die Standardausgabe) ist dafür nicht möglich. Schreiben "
            "Sie „-o konzept.docx“ oder „-o konzept.pdf“."
        )
    suffix = Path(output).suffix.lower()
    if suffix in (".docx", ".pdf"):
        return suffix[1:]
    stem = Path(output).stem if suffix else Path(output).name
    name = str(Path(output).with_name(stem or "konzept"))
    why = _OTHER_FORMATS.get(suffix) or (
        f"eine Datei {suffix} wird nicht geschrieben" if suffix else "der Name hat keine Endung"
    )
    raise OutputError(
        f"Die Ausgabedatei „{output}“: {why}. Ausgegeben wird ein Word-Dokument (.docx) oder "
        f"eine PDF-Datei (.pdf). Schreiben Sie „-o {name}.docx“ oder „-o {name}.pdf“."
    )


def render_file(
    file: str,
    output: str,
    *,
    template: str | None = None,
    pdf: bool = False,
    keep_header: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    force: bool = False,
) -> int:
    """Render ``file`` to ``output``; returns the exit code.

    ``output`` ending in .docx: the Word document (with ``pdf`` also the PDF beside it); ending in .pdf:
    only the PDF (as a clerk expects from the name; the Word document is not written). Any other ending
    is refused with the suggestion (:func:`output_kind`).

    An existing DOCX or PDF is replaced only when it is an earlier output of ``render`` (a file saved since by
    Word or LibreOffice, or any other file, only with ``force``; core/replace.py).

    ``keep_header`` (or ``keep_header = true`` in the configuration's ``[render]`` table) keeps the
    template's header and footer.

    Schema errors stop the output (exit code 1, the findings on ``stdout``); rule findings do not, they
    are summed up in one line. Unusable input is exit code 2. Refusals (an input as output, a missing
    folder, a broken template, LibreOffice missing) raise :class:`OutputError`; nothing is written then.
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    docx = output_kind(output) == "docx"
    pdf = pdf or not docx
    _check_outputs(file, output, template, pdf, force, docx)  # before any work: a refused output costs nothing
    export = None
    if pdf:  # LibreOffice starts now and is ready when the document is: its start-up overlaps our work
        from integconcept.render.pdf import PdfExport, check_pdf_tools

        export = PdfExport(check_pdf_tools(_soffice_setting(file)))
    done = False
    try:
        code = _render(file, output, template, keep_header, stdout, stderr, export, force, docx)
        done = True
        return code
    finally:  # an error or a stop signal (SIGINT/SIGTERM/SIGHUP) on the way: LibreOffice is stopped at once
        if export is not None:
            export.close(abort=not done)


def _soffice_setting(file: str) -> str | None:
    """``soffice`` of the configuration's ``[render]`` table (``pyproject.toml``/``integconcept.toml``)."""
    from integconcept.commands.validate import load_settings

    settings, _, _ = load_settings(file)
    render = settings.get("render") if isinstance(settings, dict) else None
    value = render.get("soffice") if isinstance(render, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def _render(
    file: str,
    output: str,
    template: str | None,
    keep_header: bool,
    stdout: TextIO,
    stderr: TextIO,
    export,
    force: bool = False,
    docx: bool = True,
) -> int:
    from integconcept.core.findings import Severity
    from integconcept.core.german import count
    from integconcept.reporting.reporters import TextReporter
    from integconcept.commands.validate import source_map_of, validate_file

    pdf = export is not None
    result = validate_file(file, plain=True)  # the concept of plain classes: no pydantic at start-up (xml_safe)
    if not result.usable or result.concept is None:
        TextReporter(stdout).report([result])
        stderr.write("Es wurde nichts geschrieben: bitte zuerst die Fehler oben beheben.\n")
        return 2 if not result.usable else 1

    from integconcept.render import render_concept

    out_path, pdf_path = _check_outputs(file, output, template, pdf, force, docx)  # again: the folder may have changed
    settings = result.settings.get("render") if isinstance(result.settings, dict) else None
    keep = keep_header or (isinstance(settings, dict) and settings.get("keep_header") is True)
    from integconcept.render.emitter import DocumentTooLarge

    try:
        rendered = render_concept(result.concept, template, keep_header=keep, base_dir=Path(file).resolve().parent)
    except DocumentTooLarge as exc:
        path = _path_of_text(result.concept, exc.where, exc.text) or exc.where
        source_map = source_map_of(result)
        assert source_map is not None, "a usable file has its source map"
        line, column = source_map.position(path, key=True) if path else (1, 1)
        raise RenderError(
            f"{file}:{line}:{column} ({_dotted(path) or 'Anfang'}): {exc.message} Es wurde nichts geschrieben."
        ) from None
    for warning in rendered.warnings:
        stderr.write(f"Warnung: {warning}\n")
    if docx:
        _write(out_path, rendered.data)
        stdout.write(f"Word-Dokument geschrieben: {out_path}\n")
    errors, warnings, infos = (result.count(s) for s in (Severity.error, Severity.warning, Severity.info))
    if errors or warnings or infos:
        stdout.write(
            f"Hinweis: Die Prüfung des Konzepts ergab {count(errors, 'Fehler')}, "
            f"{count(warnings, 'Warnung')} und {count(infos, 'Hinweis')} "
            f"(Einzelheiten: integconcept validate {file}).\n"
        )
    if pdf:
        pdf_data = export.convert(rendered.data)
        if docx and export.toc:  # LibreOffice laid the pages out: the DOCX gets the same TOC page numbers
            from integconcept.render.toc_pages import fill_toc_pages

            filled = fill_toc_pages(rendered.data, export.toc)
            if filled is not None:
                _write(out_path, filled)
                stdout.write(f"Inhaltsverzeichnis mit Seitenzahlen (wie in der PDF-Datei): {out_path}\n")
        _write(pdf_path, pdf_data)
        stdout.write(f"PDF-Datei geschrieben: {pdf_path}\n")
    return 0


def _check_outputs(file: str, output: str, template: str | None, pdf: bool, force: bool, docx: bool = True):
    """(DOCX path or None, PDF path or None); OutputError/ReplaceRefused for an output that must not be
    written. Without ``docx`` (``-o konzept.pdf``) ``output`` is the PDF."""
    from integconcept.core.replace import check_replace

    protected = {"Konzeptdatei (Eingabe)": file, "Vorlage": template}
    out_path = check_output_path(output, protected, ".docx") if docx else None
    pdf_name = str(out_path.with_suffix(".pdf")) if out_path is not None else output  # None without docx
    pdf_path = check_output_path(pdf_name, protected, ".pdf") if pdf else None
    for path in (out_path, pdf_path):
        if path is not None:
            check_replace(path, force=force)
    return out_path, pdf_path


def _path_of_text(concept, where: tuple, text) -> tuple | None:
    """The path below ``where`` of the free text ``text`` (or of the list of texts ``text``) in the model."""
    from integconcept.document.walk import iter_strings

    first = text[0] if isinstance(text, list) and text else text
    if not isinstance(first, str):
        return None
    node = concept
    for part in where:
        node = node[part] if isinstance(part, int) else getattr(node, part, None)
    for path, value in iter_strings(node, tuple(where)):
        if value is first or value == first:
            return path[:-1] if isinstance(text, list) else path
    return None


def _dotted(path: tuple) -> str:
    """("guiding_goals", "goals", 3, "goal") → "guiding_goals.goals[3].goal"."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _write(path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(
            f"Die Ausgabedatei „{path}“ konnte nicht geschrieben werden "
            f"({exc.strerror or exc}). Eine vorhandene Datei wurde nicht verändert."
        ) from None

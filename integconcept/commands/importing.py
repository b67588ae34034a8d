"""``integconcept import`` as library functions: import a Word concept, write the draft, print the summary."""

from __future__ import annotations

from pathlib import Path

from integconcept.wordimport import ImportResult, WordImportError, import_word


def write_import(source: str, output: str) -> ImportResult:
    """Import and write atomically; an existing output file is never touched."""
    from integconcept.core.output import OutputError, check_output_path

    out = Path(output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise WordImportError(f"Die Ausgabedatei „{output}“ muss auf .yaml enden, z. B. „konzept.yaml“.")
    if out.exists() and not out.is_dir():
        raise WordImportError(
            f"„{output}“ gibt es schon; import überschreibt nie eine vorhandene Datei. Bitte einen "
            "neuen Namen wählen oder die alte Datei zuerst umbenennen."
        )
    try:
        path = check_output_path(output, {"Word-Dokument (Eingabe)": source})
    except OutputError as exc:
        raise WordImportError(exc.message, exc.exit_code) from None
    result = import_word(source, path)
    from integconcept.core.replace import ReplaceRefused, create_new

    try:  # a file that appeared at the output while importing stays (no check-then-replace race)
        create_new(
            path,
            result.text.encode("utf-8"),
            exists_message=(
                f"„{output}“ ist während des Imports entstanden; import überschreibt nie eine vorhandene Datei. Es "
                "wurde nichts geschrieben."
            ),
        )
    except ReplaceRefused as exc:
        raise WordImportError(exc.message) from None
    except OSError as exc:
        raise WordImportError(f"Die Ausgabedatei konnte nicht geschrieben werden ({exc.strerror or exc}).") from None
    return result


def import_file(source: str, output: str, *, stdout) -> int:
    """``integconcept import``: write the draft and print the German summary; returns the exit code.
    Refusals raise :class:`WordImportError` (a :class:`UserError`); nothing is written then."""
    from integconcept.core.findings import Severity
    from integconcept.core.german import count
    from integconcept.commands.validate import validate_file

    result = write_import(source, output)
    stdout.write(result.summary() + "\n\n")
    stdout.write(f"Konzeptdatei geschrieben: {output}\n")
    checked = validate_file(output, plain=True)  # as the validate command checks it (no pydantic at start-up)
    errors, warnings, infos = (checked.count(s) for s in (Severity.error, Severity.warning, Severity.info))
    stdout.write(
        f"Prüfung der neuen Datei: {count(errors, 'Fehler')}, {count(warnings, 'Warnung')} und "
        f"{count(infos, 'Hinweis')}" + ("." if errors else " (in einem Entwurf zu erwarten).") + "\n"
    )
    stdout.write(f"Nächste Schritte: Stellen mit „# import:“ prüfen, dann integconcept validate {output}\n")
    return 0

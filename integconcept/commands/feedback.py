"""``integconcept feedback`` as a library function: list the comments and tracked changes of returned
copies, and write the Abwägungstabelle."""

from __future__ import annotations

import sys
from typing import TextIO

from integconcept.core.errors import UserError
from integconcept.core.output import OutputError, atomic_write, check_output_path

FORMATS = ("text", "json")


def feedback_run(
    file: str,
    returns: list[str],
    *,
    format: str,
    output: str | None,
    template: str | None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    force: bool = False,
) -> int:
    """List the remarks (text or JSON on ``stdout``); with ``output`` also write the Abwägungstabelle (.docx).

    Exit code 0 (whether or not there are remarks), 1 when the concept has schema errors; unusable files or
    options raise :class:`UserError` (exit code 2), and nothing is written."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from integconcept.commands.validate import validate_file
    from integconcept.reporting.reporters import TextReporter

    if format not in FORMATS:
        raise UserError(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(FORMATS)}.")
    if not returns:
        raise UserError("Es fehlt mindestens eine zurückgeschickte Word-Datei (RUECKLAUF.docx).")
    seen = set()
    for name in returns:
        if name in seen:
            raise UserError(f"„{name}“ ist zweimal angegeben; jede Datei bitte nur einmal.")
        seen.add(name)
    path = None
    if output:
        from integconcept.core.replace import check_replace

        protected = [
            ("Konzeptdatei (Eingabe)", file),
            ("Vorlage", template),
            *(("Rücklauf (Eingabe)", name) for name in returns),
        ]
        path = check_output_path(output, protected, ".docx")
        check_replace(path, force=force)
    result = validate_file(file)
    if not result.usable or result.concept is None:
        TextReporter(stdout).report([result])
        stderr.write("Die Konzeptdatei ist nicht lesbar: bitte zuerst die Fehler oben beheben.\n")
        return 2 if not result.usable else 1
    from integconcept.drafting.feedback import read_feedback, render_json, render_table, render_text

    collected = read_feedback(result.concept, returns)
    if format == "json":
        stdout.write(render_json(result.concept, collected, file))
    else:
        stdout.write(render_text(result.concept, collected))
    if path is not None:
        data = render_table(result.concept, collected, template)
        try:
            atomic_write(path, data)
        except OSError as exc:
            raise OutputError(
                f"Die Ausgabedatei „{path}“ konnte nicht geschrieben werden ({exc.strerror or exc}). "
                "Eine vorhandene Datei wurde nicht verändert."
            ) from None
        stderr.write(
            f"Abwägungstabelle geschrieben: {path} ({len(collected.remarks)} "
            f"{'Zeile' if len(collected.remarks) == 1 else 'Zeilen'})\n"
        )
    return 0

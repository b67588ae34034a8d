"""``init``, ``fmt`` and ``diff`` as library functions: the command line only passes its options on.

Each function writes its messages to the given streams and returns the exit code; unusable options
and refused outputs raise :class:`~integconcept.core.errors.UserError` (exit code 2).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TextIO

from integconcept.core.errors import UserError
from integconcept.core.german import count

EXAMPLE_INIT = (
    'integconcept init konzept.yaml --authority "Kreis Unna" --kind kreis --basis tintg2022-p8 --municipality Bergkamen'
)
DIFF_FORMATS = ("text", "json", "docx")


def init_run(
    file: str,
    *,
    authority: str | None,
    kind: str | None,
    basis: str | None,
    municipalities: list[str] | None,
    interactive: bool,
    terminal: bool,
    stdout: TextIO | None = None,
    ask: Callable | None = None,
) -> int:
    """Write a new concept file. Asks the questions (``ask``, rich prompts) with ``interactive`` or when no
    option is given on a ``terminal``; without a terminal the options are required."""
    stdout = stdout or sys.stdout  # the process's stream unless given
    from integconcept.drafting.init import InitOptions, ask_options, init_file

    if file == "-":
        raise UserError(
            "init legt eine neue Konzeptdatei an; „-“ (Standardausgabe) ist dafür nicht möglich. "
            f"Bitte einen Dateinamen angeben, z. B.: {EXAMPLE_INIT}"
        )
    given = any((authority, kind, basis, municipalities))
    if interactive or not given:
        if given:
            raise UserError("--interactive fragt alle Angaben ab; bitte ohne --authority/--kind/--basis aufrufen.")
        if not terminal:
            raise UserError(
                "Es fehlen --authority, --kind und --basis (ohne Terminal ist keine Abfrage möglich). "
                f"Beispiel: {EXAMPLE_INIT}"
            )
        if Path(file).exists():
            raise UserError(f"„{file}“ gibt es schon; init überschreibt nie eine vorhandene Datei.")
        try:
            options = (ask or ask_options)()
        except (EOFError, KeyboardInterrupt):
            raise UserError("Abgebrochen; es wurde nichts geschrieben.") from None
    else:
        missing = [
            name for name, value in (("--authority", authority), ("--kind", kind), ("--basis", basis)) if not value
        ]
        if missing or not (authority and kind and basis):
            verb = "fehlt" if len(missing) == 1 else "fehlen"
            raise UserError(f"Es {verb} {' und '.join(missing)}. Beispiel: {EXAMPLE_INIT}")
        options = InitOptions(authority, kind, basis, list(municipalities or []))
    init_file(file, options)
    stdout.write(f"Konzeptdatei angelegt: {file}\n")
    stdout.write(f"Nächste Schritte: Abschnitte ausfüllen, dann integconcept validate {file}\n")
    return 0


def fmt_run(
    files: list[str], *, check: bool, diff: bool, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Format the files (or only look with ``check``/``diff``); 0 done, 1 ``check`` found work, 2 unusable.

    An unusable file is reported and skipped; the others are still formatted."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from integconcept.drafting.fmt import FormatError, format_file

    unusable = changed = 0
    for file in files:
        try:
            result = format_file(file, check=check, diff=diff)
        except FormatError as exc:
            stderr.write(exc.message + "\n")
            unusable += 1
            continue
        if diff and result.changed:
            stdout.write(result.unified_diff())
        if file == "-" and not (check or diff):
            from integconcept.core.console_text import machine_output

            machine_output(stdout).write(result.formatted)  # YAML: UTF-8 on any code page
        if result.changed:
            changed += 1
            if result.written:
                stderr.write(f"Formatiert: {file}\n")
            elif check:
                stderr.write(f"Würde umformatiert: {file}\n")
    looking = check or diff
    verb = ("würde umformatiert" if changed == 1 else "würden umformatiert") if looking else "umformatiert"
    summary = f"{count(len(files), 'Datei')}: {changed} {verb}, {len(files) - changed - unusable} unverändert"
    stderr.write(summary + (f", {unusable} unbrauchbar.\n" if unusable else ".\n"))
    if unusable:
        return 2
    return 1 if check and changed else 0


def diff_run(
    old: str,
    new: str,
    *,
    format: str,
    output: str | None,
    template: str | None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
    force: bool = False,
) -> int:
    """Compare two versions; 0 equal, 1 different, 2 unusable input (DiffInputError is a UserError)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from integconcept.core.output import atomic_write, check_output_path
    from integconcept.core.replace import check_replace
    from integconcept.drafting.diff import compare_files, render_json, render_text

    if format not in DIFF_FORMATS:
        raise UserError(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(DIFF_FORMATS)}.")
    if output and output != "-" and output.lower().endswith(".docx") and format != "docx":
        if format == "json":
            raise UserError(
                f"„{output}“ endet auf .docx, --format json schreibt aber Text. Für die Synopse als "
                "Word-Dokument --format docx angeben, für JSON z. B. -o vergleich.json."
            )
        format = "docx"  # a file named .docx is the Synopse (a text report in it would not open in Word)
    if output == "-":  # as for the inputs: "-" is the standard stream (text and JSON only)
        if format == "docx":
            raise UserError(
                "Die Synopse (--format docx) kann nicht auf die Standardausgabe („-“) geschrieben "
                "werden; bitte eine Datei angeben, z. B. -o synopse.docx."
            )
        output = None
    if format == "docx" and not output:
        raise UserError("Die Synopse (--format docx) braucht eine Ausgabedatei, z. B. -o synopse.docx.")
    protected = {
        "bisherige Fassung (Eingabe)": old if old != "-" else None,
        "neue Fassung (Eingabe)": new if new != "-" else None,
        "Vorlage": template,
    }
    if output:  # before the work: an existing file that is not an earlier output stays (unless --force)
        check_output_path(output, protected, ".docx" if format == "docx" else None)
        check_replace(output, force=force)
    # text and JSON: valid versions are read without pydantic (the Synopse reads the model's defaults)
    comparison = compare_files(old, new, stdin=stdin, plain=format != "docx")
    if format == "docx":
        from integconcept.drafting.synopse import render_synopse

        from integconcept.drafting.diff import compare

        assert output, "refused above without an output file"
        path = check_output_path(output, protected, ".docx")
        _write(atomic_write, path, render_synopse(comparison, template))
        printed = compare(comparison.old, comparison.new, printed=True).changes
        stderr.write(
            f"Synopse geschrieben: {path} ({count(len(printed), 'Änderung')} im gedruckten Inhalt"
            + (
                f"; {count(len(comparison.changes) - len(printed), 'weitere')} nur in internen Angaben"
                if len(printed) != len(comparison.changes)
                else ""
            )
            + ")\n"
        )
    else:
        text = render_json(comparison) if format == "json" else render_text(comparison)
        if output:
            _write(atomic_write, check_output_path(output, protected), text.encode("utf-8"))
            stderr.write(f"Geschrieben: {output}\n")
        else:
            stdout.write(text)
    return 0 if comparison.equal else 1


def _write(atomic_write, path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise UserError(
            f"Die Ausgabedatei konnte nicht geschrieben werden ({exc.strerror or exc}); eine "
            "vorhandene Datei wurde nicht verändert."
        ) from None

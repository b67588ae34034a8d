"""``integconcept vorlage`` as a library function: the Beschlussvorlage of one step, written safely."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from integconcept.core.errors import UserError
from integconcept.core.output import OutputError, atomic_write, check_output_path

if TYPE_CHECKING:
    from integconcept.document.model import Concept
    from integconcept.drafting.feedback import Collected
    from integconcept.drafting.vorlage import VorlageInput


def parse_day_option(value: str | None, option: str = "--date") -> dt.date:
    """The day of an option in ISO form (today when not given); a German message when it is no day."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{option}: „{value}“ ist kein Tag in der Form JJJJ-MM-TT, z. B. 2024-11-05.") from None


def vorlage_input(
    step: str, day: dt.date, settings: dict, previous: Concept | None = None, returns: Collected | None = None
) -> VorlageInput:
    """What the Vorlage is made from besides the concept: the step, its date, Vorlage-Nr. and Federführung from
    ``[vorlage] number`` and ``lead`` of the configuration (``settings``: the checked configuration the concept
    was validated with), the earlier version (Fortschreibung) and the remarks of returned copies."""
    from integconcept.drafting.vorlage import VorlageInput

    configured = settings.get("vorlage") if isinstance(settings, dict) else None
    configured = configured if isinstance(configured, dict) else {}
    return VorlageInput(
        step,
        day,
        number=configured.get("number"),
        lead=configured.get("lead"),
        previous=previous,
        feedback=returns.remarks if returns else [],
        feedback_authors=returns.authors() if returns else [],
    )


def vorlage_run(
    file: str,
    *,
    step: str,
    output: str | None,
    template: str | None,
    date: str | None,
    previous: str | None,
    feedback: list[str] | None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    force: bool = False,
) -> int:
    """Write the Beschlussvorlage for ``step``; returns the exit code (1 when the concept has schema errors).

    Unusable input, an unknown step or a refused output raise :class:`UserError` (exit code 2); nothing is
    written then."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from integconcept.commands.validate import concept_of, validate_file
    from integconcept.reporting.reporters import TextReporter

    day = parse_day_option(date)
    result = validate_file(file)
    if not result.usable or result.concept is None:
        TextReporter(stdout).report([result])
        stderr.write("Es wurde nichts geschrieben: bitte zuerst die Fehler oben beheben.\n")
        return 2 if not result.usable else 1
    from integconcept.drafting.vorlage import find_step, render_vorlage

    concept = concept_of(result)
    assert concept is not None, "checked above"
    find_step(concept, step)  # an unknown step fails before any other work
    old = None
    if previous:
        from integconcept.drafting.diff import load_concept

        old = load_concept(previous)
    collected = None
    if feedback:
        from integconcept.drafting.feedback import read_feedback

        collected = read_feedback(concept, feedback)
    target = output or f"beschlussvorlage-{step}.docx"
    protected = [
        ("Konzeptdatei (Eingabe)", file),
        ("Vorlage", template),
        ("bisherige Fassung (Eingabe)", previous),
        *(("Rücklauf (Eingabe)", name) for name in feedback or []),
    ]
    path = check_output_path(target, protected, ".docx")
    if output is None and path.exists():
        raise OutputError(
            f"„{path}“ gibt es schon; ohne -o wird keine vorhandene Datei ersetzt. Bitte mit "
            f"-o {path} bestätigen oder einen anderen Namen angeben."
        )
    from integconcept.core.replace import check_replace

    check_replace(path, force=force)  # only an earlier output of integconcept, or with --force
    given = vorlage_input(step, day, result.settings, old, collected)
    made = render_vorlage(concept, given, template, base_dir=Path(file).resolve().parent)
    for warning in made.warnings:
        stderr.write(f"Warnung: {warning}\n")
    try:
        atomic_write(path, made.data)
    except OSError as exc:
        raise OutputError(
            f"Die Ausgabedatei „{path}“ konnte nicht geschrieben werden ({exc.strerror or exc}). "
            "Eine vorhandene Datei wurde nicht verändert."
        ) from None
    stdout.write(f"Beschlussvorlage geschrieben: {path} ({made.step.body}, {made.step.id})\n")
    return 0

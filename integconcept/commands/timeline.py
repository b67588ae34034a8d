"""``integconcept timeline`` as library functions: check a concept's Gremienlauf, write or print the result."""

from __future__ import annotations

import io
import sys
from typing import TextIO

from integconcept.core.errors import UserError

FORMATS = ("text", "json", "ics")


def check_file(
    file: str,
    format: str = "text",
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    oparl: str | None = None,
    oparl_cache: str | None = None,
    other_servers: bool | None = None,
) -> tuple[int, str | bytes]:
    """The checked timeline of ``file`` in ``format`` (text, json, ics) and the exit code.

    ``oparl``/``oparl_cache``: also check against the council information system (else as configured);
    ``other_servers=False``: refuse its redirects to another server (``--oparl-same-server``).
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from integconcept.commands.validate import exit_code, validate_file
    from integconcept.reporting import timeline as report

    if format not in FORMATS:
        raise UserError(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(FORMATS)}.")
    from integconcept.procedure.oparl import OParlRequest

    codes = report.timeline_codes()
    request = OParlRequest(oparl, oparl_cache, other_servers=other_servers)
    try:  # finds the configuration as validate does (result.settings); only the timeline's rules run
        result = validate_file(file, oparl=request, only=frozenset(codes), plain=True)
    finally:
        request.close()
    if result.concept is None:
        from integconcept.reporting.reporters import REPORTERS

        REPORTERS["text"](stdout if format == "text" else stderr).report([result])
        return exit_code([result]) or 1, ""
    result.findings = [f for f in result.findings if f.code in codes]
    timeline = report.build(result.file, result.concept, result.findings, result.settings)
    if format == "ics":
        from integconcept.reporting.ics import timeline_ics

        return exit_code([result]), timeline_ics(timeline)
    buffer = io.StringIO()
    (report.render_json if format == "json" else report.render_text)(timeline, buffer)
    return exit_code([result]), buffer.getvalue()


def emit(
    data: str | bytes,
    output: str | None,
    inputs: tuple[str, ...],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    force: bool = False,
) -> None:
    """Print ``data`` or write it to ``output`` atomically (never over one of the ``inputs``, a concept file,
    or – without ``force`` – any existing file that is not an earlier output of integconcept).

    ``stdout``/``stderr`` default to the streams current at the call (not at import: a caller such as a
    test runner may have replaced and closed them since)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if output == "-":  # as with fmt and diff: "-" is the standard output
        output = None
    if not data:
        return
    if isinstance(data, str):  # user text may hold lone surrogates or control characters
        from integconcept.core.safe_text import for_terminal

        data = for_terminal(data)
    if output:
        from integconcept.core.output import atomic_write, check_output_path
        from integconcept.core.replace import check_replace

        role = "Eingabedatei „{}“" if len(inputs) > 1 else "Eingabedatei"
        path = check_output_path(output, [(role.format(source), source) for source in inputs])
        check_replace(output, force=force)
        atomic_write(path, data.encode("utf-8") if isinstance(data, str) else data)
        stderr.write(f"Geschrieben: {output}\n")
    elif isinstance(data, bytes):
        stdout.flush()
        stdout.buffer.write(data)
        stdout.flush()
    else:
        stdout.write(data)
        stdout.flush()

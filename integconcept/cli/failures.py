"""The last words of a command, in German, for both entry points.

``cli.app.main`` (typer) and ``cli.fast`` (the plain calls without typer) end a command the same way after
a stop signal, an unusable file or stdout, or a bug; this module writes those messages once, and
:func:`leave` ends the process after every command.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

STOPPED = "Abgebrochen. Eine vorhandene Ausgabedatei wurde nicht verändert."


def leave(code: int) -> NoReturn:
    """The command is over and its outputs are complete: stop signals are ignored from now on, stdout and stderr
    are flushed, and the process ends without the interpreter's clean-up of every module and object (which
    would cost ~45 ms of a short command and change nothing)."""
    from integconcept.core.signals import finished

    finished()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # /dev/full or a closed pipe: the command has reported what it could
            code = code or 2
    os._exit(code)


def say(message: str) -> None:
    """One line on stderr, flushed at once."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def quiet_stdout() -> None:
    """After a failed write to stdout: point it at /dev/null so the interpreter's last flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def os_error(exc: OSError) -> int:
    """stdout cannot be written (/dev/full, a closed pipe), or a file cannot be used: the message, exit code 2."""
    import errno

    from integconcept.core.output import german_os_error

    if exc.filename is None:
        quiet_stdout()
        message = f"Die Ausgabe konnte nicht geschrieben werden: {german_os_error(exc)}."
    else:
        message = f"„{exc.filename}“ kann nicht verwendet werden: {german_os_error(exc)}."
    if exc.errno != errno.EPIPE:
        try:
            say(f"Fehler: {message}")
        except OSError:
            pass
    return 2


def internal_error(exc: Exception, argv: list[str]) -> int:
    """The last resort (a bug; the fuzz suite must never get here): the message and the exit code.

    A stop signal that a library caught and turned into an error of its own (pydantic-core while it builds
    a schema) still reads "Abgebrochen." with 128 + the signal."""
    from integconcept.core import signals

    stopped_by = signals.received()
    if stopped_by:
        say(STOPPED)
        return 128 + stopped_by
    files = [a for a in argv if not a.startswith("-") and os.path.isfile(a)]
    where = f" bei der Verarbeitung von {', '.join(f'„{f}“' for f in files)}" if files else ""
    say(
        f"Fehler: Interner Fehler{where} ({type(exc).__name__}). Die Eingabedateien wurden nicht "
        "verändert, Ausgabedateien nie halb geschrieben. Vermutlich enthält die Eingabe etwas "
        "Ungewöhnliches, das integconcept noch nicht abfängt: bitte den Fehler mit der Datei melden."
    )
    return 2

"""Writing output files safely: never over an input, never into a missing folder, always atomically.

Shared by ``render`` (DOCX, PDF) and ``timeline`` (JSON, ICS, YAML); every refusal is an
:class:`OutputError` with a German message and exit code 2.

What is refused before anything is written:

* an output that is one of the inputs (concept, template, calendar), also through a symbolic or
  hard link;
* a missing folder, a folder as output;
* an existing output that is not a regular file (a device such as ``/dev/full``, a pipe, or a link
  to one) – replacing it would destroy the device node, and as root clobber ``/dev``;
* an existing read-only output (no write permission bit) – it is protected on purpose, even from root.

Writing goes to a temporary file next to the output that is renamed over it at the end. On any
failure – a full disk, ``/dev/full``, SIGINT, SIGTERM or SIGHUP – the temporary file is removed and an
existing output stays as it was. An existing output reached through a symbolic link is replaced
at the link's target (the link stays).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

from integconcept.core.errors import UserError
from integconcept.core.signals import Interrupted, stop_signals  # noqa: F401  (Interrupted: re-exported)


def __getattr__(name: str):
    """``output.tempfile`` (tests patch its ``mkstemp``) without importing tempfile for every command."""
    if name == "tempfile":
        import tempfile

        return tempfile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class OutputError(UserError):
    """A problem with an output the user can fix (wrong path, bad template, missing LibreOffice …)."""


_OS_ERRORS_DE = {
    errno.ENOSPC: "kein Speicherplatz mehr frei",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EROFS: "das Laufwerk ist schreibgeschützt",
    errno.EIO: "Ein-/Ausgabefehler des Laufwerks",
    errno.EFBIG: "die Datei wird zu groß",
    errno.ENAMETOOLONG: "der Name ist zu lang",
    errno.ENOENT: "der Ordner oder die Datei existiert nicht",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "das ist ein Ordner",
    errno.ELOOP: "zu viele verkettete Verknüpfungen",
    errno.EPIPE: "der Empfänger der Ausgabe wurde beendet",
}


def german_os_error(exc: OSError) -> str:
    """A German reason for an OSError (the system's own text is English)."""
    reason = _OS_ERRORS_DE.get(exc.errno) if exc.errno is not None else None
    return reason or exc.strerror or type(exc).__name__


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, RuntimeError, ValueError):  # RuntimeError: link loop; ValueError: NUL in the name
        return False


def _pairs(protected: Mapping[str, str | None] | Iterable[tuple[str, str | None]]):
    return protected.items() if isinstance(protected, Mapping) else protected


def check_folder(path: Path, what: str = "die Ausgabedatei") -> None:
    """Refuse a file to be written into a folder that does not exist (:class:`OutputError`, German message);
    ``what``: the file in the message."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"Der Ordner „{folder}“ für {what} existiert nicht. Bitte den Ordner zuerst anlegen "
            "oder einen vorhandenen Ordner angeben."
        )


def check_output_path(
    output: str, protected: Mapping[str, str | None] | Iterable[tuple[str, str | None]], suffix: str | None = None
) -> Path:
    """Refuse outputs that would overwrite an input, sit in a missing folder, are folders, devices or
    read-only.

    ``protected`` maps a German role ("Konzeptdatei (Eingabe)") to a path that must not be written;
    pairs ``(role, path)`` may be given instead, so several inputs can share a role.
    """
    path = Path(output)
    if "\0" in output:
        raise OutputError("Der Name der Ausgabedatei enthält ein Nullzeichen; bitte einen gewöhnlichen Namen wählen.")
    if suffix and path.suffix.lower() != suffix:
        raise OutputError(f"Die Ausgabedatei „{output}“ muss auf {suffix} enden, z. B. „konzept{suffix}“.")
    for role, other in _pairs(protected):
        if other and same_file(path, Path(other)):
            raise OutputError(
                f"„{output}“ ist die {role}; sie wird nie überschrieben. Bitte einen anderen Namen für "
                "die Ausgabe wählen."
            )
    check_folder(path)
    if path.is_dir():
        example = f", z. B. „{output}/konzept{suffix}“" if suffix else " (Ordner und Dateiname)"
        raise OutputError(f"„{output}“ ist ein Ordner. Bitte einen Dateinamen angeben{example}.")
    try:
        info = os.stat(path)  # follows links: what would really be replaced
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(
                f"„{output}“ ist eine Verknüpfung auf eine Datei, die es nicht gibt. Bitte die "
                "Verknüpfung entfernen oder einen anderen Namen wählen."
            ) from None
        return path
    except OSError as exc:
        raise OutputError(f"„{output}“ kann nicht geprüft werden: {german_os_error(exc)}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"„{output}“ ist keine gewöhnliche Datei (sondern z. B. ein Gerät wie /dev/null oder "
            "eine Verknüpfung darauf) und wird nicht ersetzt. Bitte einen Dateinamen angeben."
        )
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise OutputError(
            f"„{output}“ ist schreibgeschützt und wird nicht ersetzt. Bitte den Schreibschutz "
            "aufheben oder einen anderen Namen wählen."
        )
    return path


def _target(path: Path) -> Path:
    """Where the bytes go: the target of a link to an existing regular file, else ``path``."""
    if path.is_symlink() and path.exists():
        return Path(os.path.realpath(path))
    return path


def write_output(out: str, data: bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``out`` atomically; never over any of the ``inputs`` (OutputError otherwise)."""
    role = "Eingabedatei „{}“" if len(inputs) > 1 else "Eingabedatei"
    path = check_output_path(out, [(role.format(source), source) for source in inputs])
    atomic_write(path, data)  # OSErrors arrive as OutputError with a German reason


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to a temporary file in the target folder and rename it over path.

    On any failure (including SIGINT/SIGTERM while writing) the temporary file is removed and an
    existing file at path stays untouched. OSErrors become an :class:`OutputError` with a German
    message; a signal becomes :class:`Interrupted`."""
    path = _target(path)
    folder = path.parent if str(path.parent) else Path(".")
    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}  # signal.signal's handlers
    held: list[int] = []  # without pthread_sigmask (Windows): signals that arrived while held
    holding = [False]

    def on_signal(signum, frame):
        if holding[0]:
            held.append(signum)
            return
        raise Interrupted(signum)

    signals = set(stop_signals())  # SIGINT, SIGTERM, SIGHUP; SIGINT, SIGTERM, SIGBREAK on Windows
    main = threading.current_thread() is threading.main_thread()
    if main:
        for signum in signals:
            previous[signum] = signal.signal(signum, on_signal)
    mask = getattr(signal, "pthread_sigmask", None)  # POSIX only

    def hold(block: bool) -> None:  # no signal between creating the file and remembering its name
        if not main:
            return
        if mask is not None:
            mask(signal.SIG_BLOCK if block else signal.SIG_UNBLOCK, signals)
            return
        holding[0] = block  # Windows: the handler notes the signal; it is raised when the hold ends
        if not block and held:
            signum = held[0]
            held.clear()
            raise Interrupted(signum)

    import tempfile  # only when writing (validate imports this module for its messages)

    temp_name = None
    try:
        hold(True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        hold(False)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        readable_by_others(temp_name)
        hold(True)
        replace_file(temp_name, path)
        temp_name = None
    except OSError as exc:
        hold(True)
        _remove(temp_name)
        if isinstance(exc, HeldOpen):
            raise OutputError(exc.message) from None
        raise OutputError(
            f"„{path}“ konnte nicht geschrieben werden: {german_os_error(exc)}. Eine vorhandene "
            "Datei wurde nicht verändert."
        ) from None
    except BaseException:
        hold(True)
        _remove(temp_name)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        hold(False)  # a signal held back now reaches the previous handler


def on_windows() -> bool:
    """Whether the Windows code paths apply (one place, so tests can simulate Windows on Linux)."""
    return sys.platform == "win32" or os.name == "nt"


def readable_by_others(name: str) -> None:
    """A new output readable by others as an ordinary file (``mkstemp`` makes it private to the user). On
    Windows there are no such modes (``chmod`` only sets the read-only flag, which a new file has not)."""
    if on_windows():
        return
    os.chmod(name, 0o644)


class HeldOpen(PermissionError):
    """The output cannot be replaced because another program holds it open (Word, a PDF viewer)."""

    def __init__(self, path: Path):
        super().__init__(errno.EACCES, "held open by another program", str(path))
        self.message = (
            f"„{path}“ ist in einem anderen Programm geöffnet (z. B. in Word oder einem PDF-Betrachter) "
            "und kann deshalb nicht ersetzt werden. Bitte die Datei dort schließen und den Befehl noch "
            "einmal ausführen. Die vorhandene Datei wurde nicht verändert."
        )


#: Windows' answers when another process has the file open: ERROR_ACCESS_DENIED (Word holds it without
#: delete sharing), ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_HELD_OPEN_WINERRORS = (5, 32, 33)
#: a virus scanner or the search indexer holds a new file for a moment: tries, seconds between them
REPLACE_TRIES, REPLACE_PAUSE = 5, 0.2


def replace_file(temp_name: str, path: Path) -> None:
    """``os.replace`` that says in German when the target is held open by another program.

    On Windows a file open in Word cannot be replaced (PermissionError, WinError 5 or 32); a short hold
    (virus scanner, indexer) passes after a few tries, Word's does not, and :class:`HeldOpen` says to close
    the file and run the command again. Elsewhere an open file never blocks the replacement; a
    PermissionError there comes from the folder and is reported as missing permission."""
    import time

    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(temp_name, path)
            return
        except PermissionError as exc:
            held = path.exists() and (
                getattr(exc, "winerror", None) in _HELD_OPEN_WINERRORS
                or (on_windows() and exc.errno in (errno.EACCES, errno.EPERM))
            )
            if not held:
                raise
            if attempt + 1 == REPLACE_TRIES:
                raise HeldOpen(path) from None
            time.sleep(REPLACE_PAUSE)


def _remove(temp_name: str | None) -> None:
    if temp_name is None:
        return
    try:
        os.unlink(temp_name)
    except FileNotFoundError:
        pass

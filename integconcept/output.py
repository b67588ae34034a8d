"""Writing output files safely: never over an input, never into a missing folder, always atomically.

Shared by ``render`` (DOCX, PDF) and ``timeline`` (JSON, ICS, YAML); every refusal is an
:class:`OutputError` with a German message and exit code 2.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UserError


class OutputError(UserError):
    """A problem with an output the user can fix (wrong path, bad template, missing LibreOffice …)."""


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output_path(output: str, protected: dict[str, str | None], suffix: str | None = None) -> Path:
    """Refuse outputs that would overwrite an input, sit in a missing folder or are folders.

    ``protected`` maps a German role ("Konzeptdatei (Eingabe)") to a path that must not be written.
    """
    path = Path(output)
    if suffix and path.suffix.lower() != suffix:
        raise OutputError(f"Die Ausgabedatei „{output}“ muss auf {suffix} enden, z. B. „konzept{suffix}“.")
    for role, other in protected.items():
        if other and same_file(path, Path(other)):
            raise OutputError(
                f"„{output}“ ist die {role}; sie wird nie überschrieben. Bitte einen anderen Namen für "
                "die Ausgabe wählen."
            )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"Der Ordner „{folder}“ für die Ausgabedatei existiert nicht. Bitte den Ordner zuerst anlegen "
            "oder einen vorhandenen Ordner angeben."
        )
    if path.is_dir():
        example = f", z. B. „{output}/konzept{suffix}“" if suffix else " (Ordner und Dateiname)"
        raise OutputError(f"„{output}“ ist ein Ordner. Bitte einen Dateinamen angeben{example}.")
    return path


def write_output(out: str, data: bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``out`` atomically; never over any of the ``inputs`` (OutputError otherwise)."""
    protected = {f"Eingabedatei „{source}“" if len(inputs) > 1 else "Eingabedatei": source for source in inputs}
    path = check_output_path(out, protected)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(f"„{out}“ kann nicht geschrieben werden: {exc.strerror or exc}. "
                          "Eine vorhandene Datei wurde nicht verändert.") from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to a temporary file in the target folder and rename it over path.

    On any failure the temporary file is removed and an existing file at path stays untouched."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise

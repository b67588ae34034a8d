"""Render a concept as a Word document (and optionally PDF): ``integconcept render``.

Heavy libraries (python-docx, lxml, babel) are imported only here, never by ``validate``.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RenderError

__all__ = ["RenderError", "RenderResult", "render_concept", "atomic_write", "check_output_path"]


@dataclass
class RenderResult:
    data: bytes
    warnings: list[str] = field(default_factory=list)
    headings: list = field(default_factory=list)


def render_concept(concept, template_path: str | None = None) -> RenderResult:
    """The DOCX bytes of a concept (deterministic for the same concept and template)."""
    from .docx_writer import DocxWriter
    from .ooxml import deterministic_zip
    from .template import load_template

    template = load_template(template_path)
    writer = DocxWriter(concept, template)
    document = writer.build()
    buffer = io.BytesIO()
    document.save(buffer)
    return RenderResult(deterministic_zip(buffer.getvalue()), template.warnings, writer.headings)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output_path(output: str, protected: dict[str, str | None], suffix: str) -> Path:
    """Refuse outputs that would overwrite an input, sit in a missing folder or are folders."""
    path = Path(output)
    if path.suffix.lower() != suffix:
        raise RenderError(f"Die Ausgabedatei „{output}“ muss auf {suffix} enden, z. B. „konzept{suffix}“.")
    for role, other in protected.items():
        if other and _same_file(path, Path(other)):
            raise RenderError(
                f"„{output}“ ist die {role}; sie wird nicht überschrieben. Bitte einen anderen Namen für "
                "die Ausgabe wählen."
            )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RenderError(
            f"Der Ordner „{folder}“ für die Ausgabedatei existiert nicht. Bitte den Ordner zuerst anlegen "
            "oder einen vorhandenen Ordner angeben."
        )
    if path.is_dir():
        raise RenderError(f"„{output}“ ist ein Ordner. Bitte einen Dateinamen angeben, z. B. „{output}/konzept{suffix}“.")
    return path


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

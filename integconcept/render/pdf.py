"""PDF through LibreOffice headless, with the table of contents filled in.

LibreOffice does not update a DOCX table of contents on ``--convert-to pdf``; we drive it through
its UNO API (see ``_uno_export.py``), which needs a Python interpreter with the ``uno`` module:
LibreOffice's bundled one (Windows, macOS) or the system's python3 with python3-uno (Linux).
Each run uses its own temporary LibreOffice profile, so parallel runs do not collide.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from integconcept.render.errors import RenderError

INSTALL_HINT = (
    "Bitte LibreOffice installieren: unter Debian/Ubuntu „sudo apt-get install libreoffice-writer-nogui "
    "python3-uno“, sonst LibreOffice von https://www.libreoffice.org/download/ herunterladen."
)
TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    explicit = os.environ.get("INTEGCONCEPT_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(candidate).exists():
            return candidate
    return None


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def find_uno_python(soffice: str) -> str | None:
    candidates = []
    if os.environ.get("INTEGCONCEPT_UNO_PYTHON"):
        candidates.append(os.environ["INTEGCONCEPT_UNO_PYTHON"])
    program = Path(os.path.realpath(soffice)).parent
    candidates += [str(program / "python"), str(program / "python.exe"), "/usr/bin/python3",
                   shutil.which("python3") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).exists() and _has_uno(candidate):
            return candidate
    return None


def check_pdf_tools() -> tuple[str, str]:
    """(soffice, python with uno) or a German RenderError saying what to install."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("Für --pdf wird LibreOffice gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT)
    python = find_uno_python(soffice)
    if python is None:
        raise RenderError(
            "Für --pdf wird die Python-Anbindung von LibreOffice (UNO) gebraucht, um das Inhaltsverzeichnis "
            "zu aktualisieren; sie wurde nicht gefunden. " + INSTALL_HINT
        )
    return soffice, python


def docx_to_pdf(docx_bytes: bytes, tools: tuple[str, str], timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with updated indexes; RenderError on failure or timeout."""
    with PdfExport(tools, timeout) as export:
        return export.convert(docx_bytes)


def _read_toc(path: Path) -> list[tuple[str, int]] | None:
    import json

    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [(str(text), int(page)) for text, page in entries]
    except (OSError, ValueError, TypeError):
        return None


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except (OSError, AttributeError):  # no process left in the group, or no process groups (Windows)
        return False
    return True


class PdfExport:
    """One LibreOffice conversion, started early: LibreOffice needs 1–1.5 s to start, which overlaps with
    checking and rendering the concept when the export is started first and given the DOCX later.

        with PdfExport(tools) as export:   # LibreOffice starts in the background
            ...                             # validate, render
            pdf = export.convert(docx_bytes)

    Leaving the ``with`` block without :meth:`convert` (an error, Ctrl+C) stops LibreOffice and removes the
    temporary folder (document, PDF and LibreOffice profile)."""

    def __init__(self, tools: tuple[str, str], timeout: int = TIMEOUT_SECONDS):
        soffice, python = tools
        self.timeout = timeout
        self._work = tempfile.TemporaryDirectory(prefix="integconcept-pdf-")
        work = Path(self._work.name)
        self.source, self.target = work / "dokument.docx", work / "dokument.pdf"
        self.toc: list[tuple[str, int]] | None = None  # the table of contents as LibreOffice filled it
        script = Path(__file__).with_name("_uno_export.py")
        self._process = subprocess.Popen(
            [python, str(script), soffice, (work / "profile").as_uri(), str(self.source), str(self.target),
             str(timeout), "--wait"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True,  # its own process group: stopping it also stops the LibreOffice it started
        )

    def __enter__(self) -> "PdfExport":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def convert(self, docx_bytes: bytes) -> bytes:
        """The PDF of ``docx_bytes``; RenderError on failure or timeout."""
        self.source.write_bytes(docx_bytes)
        try:
            _, stderr = self._process.communicate("los\n", timeout=self.timeout + 30)
        except subprocess.TimeoutExpired:
            self._kill()
            raise RenderError(
                f"LibreOffice hat die PDF-Datei nicht innerhalb von {self.timeout} Sekunden erzeugt. "
                "Bitte erneut versuchen; die Word-Datei wurde geschrieben."
            ) from None
        if self._process.returncode != 0 or not self.target.exists():
            detail = (stderr or "").strip().splitlines()
            raise RenderError(
                "LibreOffice konnte die PDF-Datei nicht erzeugen"
                + (f" ({detail[-1]})" if detail else "")
                + ". Die Word-Datei wurde geschrieben."
            )
        toc = self.target.with_suffix(".toc.json")  # the filled table of contents (_uno_export.write_toc)
        self.toc = _read_toc(toc) if toc.exists() else None
        return self.target.read_bytes()

    def close(self) -> None:
        """Stop the conversion if it still runs (end of input makes the script stop LibreOffice), then
        remove the temporary folder."""
        process = self._process
        if process.poll() is None:
            try:
                process.communicate("", timeout=30)  # closes stdin: the script cancels and exits
            except (subprocess.TimeoutExpired, OSError, ValueError):
                pass
        # LibreOffice's own processes (oosplash, soffice.bin) may outlive the script while they shut down
        # (and remove their temporary files); they are in its process group: wait for them a little, then
        # stop what is left before the profile folder is removed
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _group_alive(process.pid):
            time.sleep(0.05)
        self._kill()
        self._work.cleanup()

    def _kill(self) -> None:
        """Stop the script and the LibreOffice it started (the whole process group)."""
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except (OSError, AttributeError):  # nothing left in the group, or no process groups (Windows)
            if self._process.poll() is None:
                self._process.kill()
        self._process.wait()

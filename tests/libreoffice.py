"""LibreOffice's own conversion for the tests that check a document as a real client opens it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def soffice() -> str | None:
    """LibreOffice's program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    sources, to: str, outdir: Path, profile: Path, *, timeout: int = 180, check: bool = True
) -> subprocess.CompletedProcess:
    """``soffice --headless --convert-to TO`` of ``sources`` into ``outdir`` with the profile folder ``profile``
    (never another LibreOffice instance's); ``to`` may carry filter options (``pdf:writer_pdf_Export:{…}``).
    Output as text; ``check``: a failed conversion raises."""
    return subprocess.run(
        [
            soffice() or "soffice",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )

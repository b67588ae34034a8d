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


def fake_kept_profile(soffice) -> Path:
    """The profile folder ``render --pdf`` keeps for the program ``soffice`` (in XDG_CACHE_HOME), made as an
    earlier successful export would have left it (an empty user installation), for tests with a stand-in soffice."""
    from integconcept.render.pdf import profile_cache

    cache = profile_cache(str(soffice))
    assert cache is not None
    (cache / "user").mkdir(parents=True)
    return cache

"""render --pdf keeps the LibreOffice profile of a successful export in the user's cache folder and copies it
into the next export's own temporary folder (LibreOffice need not create a profile: issue 26); the PDF is the
same (pages, text, page images), a failed export forgets what was cached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .libreoffice import fake_kept_profile
from .conftest import UNNA

ON_CI = os.environ.get("CI") == "true"


def _need_tools() -> None:
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm", "pdfinfo") if shutil.which(tool) is None]
    if missing:
        reason = f"für die PDF-Ausgabe fehlt: {', '.join(missing)}"
        if ON_CI:
            pytest.fail(f"{reason} (auf CI Pflicht)")
        pytest.skip(reason)


def _render_pdf(folder: Path, cache: Path) -> Path:
    folder.mkdir()
    out = folder / "konzept.docx"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TMPDIR": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(UNNA), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [p.name for p in folder.iterdir() if p.name.startswith("integconcept-pdf-")] == []  # cleaned up
    if sys.platform.startswith("linux"):  # no LibreOffice left (the second export stops it without shutdown)
        running = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and str(folder).encode() in (entry / "cmdline").read_bytes():
                    running.append(entry.name)
            except OSError:
                continue
        assert running == []
    return out


def _pages(pdf: Path, folder: Path) -> tuple[str, str, list[bytes]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = next(line for line in info.splitlines() if line.startswith("Pages:"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "seite")], check=True)
    return pages, text, [image.read_bytes() for image in sorted(folder.glob("seite*.png"))]


@pytest.mark.skipif(sys.platform == "win32", reason="XDG_CACHE_HOME (Windows: %LOCALAPPDATA%)")
def test_the_second_export_uses_the_kept_profile_and_gives_the_same_pdf(tmp_path, monkeypatch):
    _need_tools()
    from integconcept.render.pdf import find_soffice, profile_cache

    cache_home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    first = _render_pdf(tmp_path / "eins", cache_home)
    soffice = find_soffice()
    assert soffice is not None
    cache = profile_cache(soffice)
    assert cache is not None and cache.parent == cache_home / "integconcept"
    assert (cache / "user").is_dir(), "the profile of the first export is kept"
    # LibreOffice's note that the profile has seen this version (without it every start runs its graphics tests)
    assert "ooSetupLastVersion" in (cache / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    second = _render_pdf(tmp_path / "zwei", cache_home)
    assert first.read_bytes() == second.read_bytes()  # the DOCX with LibreOffice's page numbers in its TOC
    one = _pages(first.with_suffix(".pdf"), tmp_path / "eins")
    two = _pages(second.with_suffix(".pdf"), tmp_path / "zwei")
    assert one[0] == two[0] and one[1] == two[1] and "Inhalt" in one[1]
    assert one[2] == two[2] and len(one[2]) > 5


def test_a_failed_export_forgets_the_kept_profile(tmp_path, monkeypatch):
    """A crashed LibreOffice with a cached profile: the profile is removed (the next export makes a new one)."""
    from integconcept.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf, "_windows", lambda: False)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 77\n")
    fake.chmod(0o755)
    cache = fake_kept_profile(fake)
    export = pdf.PdfExport(str(fake), timeout=30)
    with pytest.raises(pdf.RenderError) as caught:
        with export:
            export.convert(b"PK")
    assert "Exit-Code 77" in caught.value.message
    assert not cache.exists()


def test_keeping_a_profile_removes_what_exports_before_the_macro_kept(tmp_path):
    """Profiles of the exports through Python with UNO (``libreoffice-profile-…``, with a note of that Python
    beside them) are never used again: keeping the first profile of the macro removes them, nothing else."""
    from integconcept.render import pdf

    folder = tmp_path / "integconcept"
    old = folder / "libreoffice-profile-0123456789abcdef"
    (old / "user").mkdir(parents=True)
    (folder / "libreoffice-profile-0123456789abcdef.python").write_text("/usr/bin/python3", encoding="utf-8")
    other = folder / "notizen.txt"
    other.write_text("bleibt", encoding="utf-8")
    profile = tmp_path / "arbeit" / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text("<oor:items/>", encoding="utf-8")
    cache = folder / "libreoffice-macro-profile-0123456789abcdef"
    pdf._keep_profile(profile, cache)
    assert (cache / "user" / "registrymodifications.xcu").is_file()
    assert sorted(path.name for path in folder.iterdir()) == [cache.name, "notizen.txt"]

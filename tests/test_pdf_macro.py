"""render --pdf runs its export as a LibreOffice Basic macro inside LibreOffice (issue 26: no Python with UNO, no
second process talking to LibreOffice): paths of any kind, a document LibreOffice cannot open and an error inside
the macro reach the user as a German message, never as a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from .conftest import UNNA

ON_CI = os.environ.get("CI") == "true"


def _soffice() -> str:
    from integconcept.render.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None or shutil.which("pdfinfo") is None:
        reason = "LibreOffice (soffice) oder pdfinfo fehlt; .ci/run installiert beides"
        if ON_CI:
            pytest.fail(f"{reason} (auf CI Pflicht)")
        pytest.skip(reason)
    return soffice


def _unna_docx() -> bytes:
    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    concept = validate_file(str(UNNA)).concept
    assert concept is not None
    return render_concept(concept, None).data


def test_the_export_works_in_a_folder_with_spaces_umlauts_and_url_characters(tmp_path, monkeypatch):
    """The macro finds its files from its profile's location: nothing is quoted on the command line."""
    from integconcept.render.pdf import PdfExport

    soffice = _soffice()
    folder = tmp_path / "Ämter & Büros #1 100% (Entwurf)"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with PdfExport(soffice, timeout=120) as export:
        pdf = export.convert(_unna_docx())
        toc = export.toc
    assert pdf.startswith(b"%PDF") and b"erstellt mit integconcept</pdf:Keywords>" in pdf
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf
    assert toc and toc[0] == ("1. Präambel", 3)  # the table of contents with LibreOffice's page numbers
    assert list(folder.iterdir()) == []  # the work folder is gone


def test_a_document_libreoffice_cannot_open_gets_a_german_message_and_keeps_the_profile(tmp_path, monkeypatch):
    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import docx_to_pdf, profile_cache

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docx_to_pdf(_unna_docx(), soffice, timeout=120)  # a profile is kept
    cache = profile_cache(soffice)
    assert cache is not None and cache.is_dir()
    broken = b"PK\x03\x04" + b"\x00" * 200  # the start of a ZIP archive, nothing else
    with pytest.raises(RenderError) as caught:
        docx_to_pdf(broken, soffice, timeout=120)
    assert caught.value.message == (
        "LibreOffice konnte die PDF-Datei nicht erzeugen (es konnte das Word-Dokument nicht öffnen). "
        "Die Word-Datei wurde geschrieben."
    )
    assert cache.is_dir()  # LibreOffice itself worked: the next export need not make a new profile


def test_an_error_inside_the_macro_is_reported_with_its_line_not_a_hang(tmp_path, monkeypatch):
    """An error the macro does not expect (here one raised after the document was loaded) ends LibreOffice with
    the error's number and line in the message; without the macro's handler LibreOffice would sit idle."""
    from integconcept.render import pdf_macro
    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import docx_to_pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = pdf_macro.basic_source()
    assert "    MarkAsOurs(doc)\n" in source
    monkeypatch.setattr(
        pdf_macro, "basic_source", lambda: source.replace("    MarkAsOurs(doc)\n", "    MarkAsOurs(doc)\n    Error 5\n")
    )
    with pytest.raises(RenderError) as caught:
        docx_to_pdf(_unna_docx(), soffice, timeout=120)
    assert "LibreOffice konnte die PDF-Datei nicht erzeugen (Fehler 5 in Zeile" in caught.value.message
    assert "des Exportmakros" in caught.value.message


def test_the_macro_call_needs_no_quoting_on_a_windows_command_line():
    """LibreOffice quotes the macro's bare arguments itself; the argument has no quote and no space, so
    Windows' command line (subprocess.list2cmdline) passes it unchanged."""
    from integconcept.render.pdf_macro import macro_url

    for quick in (True, False):
        url = macro_url(quick, 180)
        assert subprocess.list2cmdline([url]) == url
        assert url.startswith("macro:///Standard.Integconcept.Run(") and url.endswith(",180)")


def test_a_rendered_pdf_is_recognised_as_our_own_output(tmp_path, monkeypatch):
    """core/replace.py replaces an earlier render --pdf by its marks: PDF/A-2, PDF/UA and the keyword, last
    after the concept's own keywords."""
    from integconcept.core.replace import PDF_MARKS
    from integconcept.render.pdf import docx_to_pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pdf = tmp_path / "k.pdf"
    pdf.write_bytes(docx_to_pdf(_unna_docx(), soffice, timeout=120))
    assert all(mark in pdf.read_bytes() for mark in PDF_MARKS)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert " ".join(fields["Keywords"].split()) == "Integrationskonzept, § 7 TIntG NRW 2012, erstellt mit integconcept"
    assert fields["Tagged"].strip() == "yes"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LibreOffice is stopped without shutdown on Linux")
def test_libreoffice_is_stopped_through_its_own_launcher(tmp_path, monkeypatch):
    """With a copied profile LibreOffice is not shut down but stopped: soffice.bin, started by oosplash from a
    thread of its own, is killed, and oosplash then ends by itself (its CPU time and soffice.bin's are counted
    where render --pdf is measured). Missing soffice.bin left oosplash waiting until it was killed as a group."""
    from integconcept.render import pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pdf.docx_to_pdf(_unna_docx(), soffice, timeout=120)  # the kept profile: the next export stops LibreOffice
    with pdf.PdfExport(soffice, timeout=120) as export:
        export.convert(_unna_docx())
        assert export._quick
        pdf._stop_quickly(export._process)
        assert export._process.returncode is not None  # the launcher has ended on its own


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_libreoffice_that_ends_without_running_the_macro_says_so(tmp_path, monkeypatch):
    """LibreOffice ending normally without ever running the macro (a damaged profile, a macro it cannot find)
    is neither a hang nor a crash report: the message says what happened, and the cached profile is dropped."""
    from integconcept.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    cache = pdf.profile_cache(str(fake))
    assert cache is not None
    (cache / "user").mkdir(parents=True)
    with pytest.raises(pdf.RenderError) as caught:
        with pdf.PdfExport(str(fake), timeout=30) as export:
            export.convert(b"PK")
    assert caught.value.message == (
        "LibreOffice hat sich beendet, ohne das Exportmakro auszuführen. Bitte erneut versuchen. "
        "Die Word-Datei wurde geschrieben."
    )
    assert not cache.exists()


def test_a_document_that_never_comes_ends_libreoffice_with_a_message(tmp_path, monkeypatch):
    """The macro waits only so long for the document (a LibreOffice whose caller was killed ends by itself);
    a document given afterwards gets a German message, not a hang."""
    import time

    from integconcept.render import pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf, "WAIT_FOR_DOCUMENT_SECONDS", 2)
    with pytest.raises(pdf.RenderError) as caught:
        with pdf.PdfExport(soffice, timeout=2) as export:
            end = time.monotonic() + 120
            while export._process.poll() is None and time.monotonic() < end:  # LibreOffice gives up and ends
                time.sleep(0.1)
            export.convert(_unna_docx())
    assert caught.value.message == (
        "LibreOffice konnte die PDF-Datei nicht erzeugen (es hat 2 Sekunden vergeblich auf das Word-Dokument "
        "gewartet). Die Word-Datei wurde geschrieben."
    )


def test_where_libreoffice_is_not_stopped_the_macro_shuts_it_down(tmp_path, monkeypatch):
    """Windows and macOS (simulated here by the platform's name) never stop LibreOffice from outside after a
    successful export: the macro closes the document and shuts LibreOffice down, which ends on its own."""
    from integconcept.render import pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pdf.docx_to_pdf(_unna_docx(), soffice, timeout=120)  # a kept profile: on Linux the next one would be stopped
    monkeypatch.setattr(sys, "platform", "darwin")
    with pdf.PdfExport(soffice, timeout=120) as export:
        assert export._cached and not export._quick
        data = export.convert(_unna_docx())
        process = export._process
    assert data.startswith(b"%PDF") and export.toc
    assert process.returncode == 0  # shut down by the macro, not killed

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

from .libreoffice import fake_kept_profile
from .conftest import UNNA, use_kept_profile

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


def test_a_document_libreoffice_cannot_open_gets_a_german_message_and_keeps_the_profile(
    tmp_path, monkeypatch, kept_profile_cache
):
    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import docx_to_pdf, profile_cache

    soffice = _soffice()
    use_kept_profile(kept_profile_cache, tmp_path, monkeypatch)  # a profile is kept
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
@pytest.mark.parametrize("direct", [True, False], ids=["soffice.bin", "Startskript"])
def test_libreoffice_is_stopped_whether_started_directly_or_through_its_launcher(
    tmp_path, monkeypatch, direct, kept_profile_cache
):
    """With a copied profile LibreOffice is not shut down but stopped. Started directly (soffice.bin behind
    Debian's start script), soffice.bin itself is killed; started through the script (another kind of
    installation), soffice.bin, started by oosplash from a thread of its own, is killed, and oosplash then ends
    by itself (its CPU time and soffice.bin's are counted where render --pdf is measured). Missing soffice.bin
    left oosplash waiting until it was killed as a group."""
    from integconcept.render import pdf

    soffice = _soffice()
    if direct and pdf._program_binary(soffice) is None:
        pytest.skip(f"{soffice} ist nicht LibreOffices Startskript neben soffice.bin")
    if not direct:
        monkeypatch.setattr(pdf, "_program_binary", lambda soffice: None)
    use_kept_profile(kept_profile_cache, tmp_path, monkeypatch)  # the kept profile: the export stops LibreOffice
    with pdf.PdfExport(soffice, timeout=120) as export:
        data = export.convert(_unna_docx())
        assert export._quick and (export._direct is not None) == direct
        assert os.path.basename(export._process.args[0]) == ("soffice.bin" if direct else os.path.basename(soffice))
        pdf._stop_quickly(export._process, direct=direct)
        assert export._process.returncode is not None  # ended: soffice.bin, or the launcher on its own
    assert data.startswith(b"%PDF") and export.toc and export.toc[0] == ("1. Präambel", 3)


def _fake_installation(folder, program: str):
    """A LibreOffice installation's program folder: the start script ``soffice``, ``oosplash`` and ``soffice.bin``
    (the shell script ``program``)."""
    folder.mkdir(parents=True)
    (folder / "soffice").write_text('#!/bin/sh\nexec "$(dirname "$0")/oosplash" "$@"\n')
    (folder / "oosplash").write_text('#!/bin/sh\nexec "$(dirname "$0")/soffice.bin" "$@"\n')
    (folder / "soffice.bin").write_text(program)
    for name in ("soffice", "oosplash", "soffice.bin"):
        (folder / name).chmod(0o755)
    return folder / "soffice"


def test_soffice_bin_is_found_behind_the_start_script_only(tmp_path, monkeypatch):
    """soffice.bin is started directly only behind LibreOffice's own start script (also through a link to it, as
    /usr/bin/soffice is on Debian), never for another program called soffice, and not on Windows or macOS."""
    from integconcept.render import pdf

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "name", "posix")
    script = _fake_installation(tmp_path / "lo" / "program", "#!/bin/sh\nexit 0\n")
    assert pdf._program_binary(str(script)) == str(script.with_name("soffice.bin"))
    link = tmp_path / "bin" / "soffice"
    link.parent.mkdir()
    try:
        link.symlink_to(script)
    except OSError:  # no symbolic links (Windows without the right)
        pass
    else:
        assert pdf._program_binary(str(link)) == str(script.with_name("soffice.bin"))
    other = tmp_path / "anders" / "soffice"
    _fake_installation(other.parent, "#!/bin/sh\nexit 0\n")
    other.write_bytes(b"\x7fELF\x02\x01")  # a program, not the start script: started as found
    assert pdf._program_binary(str(other)) is None
    (script.with_name("oosplash")).unlink()  # not LibreOffice's program folder
    assert pdf._program_binary(str(script)) is None
    _fake_installation(tmp_path / "mac" / "program", "#!/bin/sh\nexit 0\n")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert pdf._program_binary(str(tmp_path / "mac" / "program" / "soffice")) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="soffice.bin is started directly on Linux")
def test_soffice_bin_asking_to_be_restarted_is_started_once_more(tmp_path, monkeypatch):
    """soffice.bin started without its launcher may ask to be started again before it runs anything (exit code 81,
    e.g. after extensions were installed since the profile was kept): it is, once, as the launcher would do, and
    the export goes on; asked a second time, the message says what happened."""
    from integconcept.render import pdf

    starts = tmp_path / "starts"
    program = f"""#!/bin/sh
echo start >> "{starts}"
if [ "$(wc -l < "{starts}")" -le "$RESTARTS" ]; then exit 81; fi
for a in "$@"; do case "$a" in -env:UserInstallation=file://*) profile="${{a#-env:UserInstallation=file://}}";; esac; done
work="$(dirname "$profile")"
: > "$work/gestartet"
while [ ! -e "$work/los" ]; do sleep 0.02; done
printf '%%PDF-1.7 fake' > "$work/dokument.pdf"
printf 'fertig\n' > "$work/status.tmp"; mv "$work/status.tmp" "$work/status"
sleep 30
"""
    soffice = _fake_installation(tmp_path / "lo" / "program", program)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fake_kept_profile(soffice)  # a kept profile: soffice.bin is started directly
    monkeypatch.setenv("RESTARTS", "1")
    with pdf.PdfExport(str(soffice), timeout=30) as export:
        assert export._direct == str(soffice.with_name("soffice.bin"))
        assert export.convert(b"PK") == b"%PDF-1.7 fake"
    assert starts.read_text().split() == ["start", "start"]
    starts.unlink()
    monkeypatch.setenv("RESTARTS", "2")
    with pytest.raises(pdf.RenderError) as caught:
        with pdf.PdfExport(str(soffice), timeout=30) as export:
            export.convert(b"PK")
    assert caught.value.message == (
        "LibreOffice hat sich beim Start mit Exit-Code 81 beendet; die PDF-Datei wurde nicht erzeugt. "
        "Die Word-Datei wurde geschrieben."
    )
    assert starts.read_text().split() == ["start", "start"]


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_libreoffice_that_ends_without_running_the_macro_says_so(tmp_path, monkeypatch):
    """LibreOffice ending normally without ever running the macro (a damaged profile, a macro it cannot find)
    is neither a hang nor a crash report: the message says what happened, and the cached profile is dropped."""
    from integconcept.render import pdf

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    cache = fake_kept_profile(fake)
    with pytest.raises(pdf.RenderError) as caught:
        with pdf.PdfExport(str(fake), timeout=30) as export:
            export.convert(b"PK")
    assert caught.value.message == (
        "LibreOffice hat sich beendet, ohne das Exportmakro auszuführen. Bitte erneut versuchen. "
        "Die Word-Datei wurde geschrieben."
    )
    assert not cache.exists()


def test_a_document_that_never_comes_ends_libreoffice_with_a_message(tmp_path, monkeypatch):
    """Watching the work folder (no connection to the caller), the macro waits only so long for the document (a
    LibreOffice whose caller was killed ends by itself); a document given afterwards gets a German message, not
    a hang."""
    import time

    from integconcept.render import pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf, "WAIT_FOR_DOCUMENT_SECONDS", 2)
    monkeypatch.setattr(pdf, "_listen", lambda: None)  # no socket: the macro watches the folder
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


def test_libreoffice_waits_on_its_connection_and_ends_at_once_when_the_caller_does(tmp_path, monkeypatch):
    """The macro waits for the document on its connection to the caller (127.0.0.1), without looking into the
    work folder: a caller that ends before the document is complete (killed, or its concept had errors) leaves
    no LibreOffice behind, at once rather than after the folder-watching limit of ten minutes."""
    import time

    from integconcept.render import pdf

    soffice = _soffice()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    export = pdf.PdfExport(soffice, timeout=120)
    try:
        assert export._port is not None and f",{export._port})" in " ".join(export._process.args)
        end = time.monotonic() + 120
        while not export._started.exists() and export._process.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert export._started.exists(), "the macro has started"
        export._hang_up()  # what the end of the caller's process does to its sockets
        end = time.monotonic() + 60
        while export._process.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert export._process.poll() is not None, "LibreOffice ended by itself"
        assert export._report() == ["fertig", "der Aufruf endete, bevor das Word-Dokument fertig war"]
        assert not export.target.exists()
    finally:
        export.close(abort=True)


def test_where_libreoffice_is_not_stopped_the_macro_shuts_it_down(tmp_path, monkeypatch, kept_profile_cache):
    """Windows and macOS (simulated here by the platform's name) never stop LibreOffice from outside after a
    successful export: the macro closes the document and shuts LibreOffice down, which ends on its own."""
    from integconcept.render import pdf

    soffice = _soffice()
    use_kept_profile(kept_profile_cache, tmp_path, monkeypatch)  # a kept profile: on Linux it would be stopped
    monkeypatch.setattr(sys, "platform", "darwin")
    with pdf.PdfExport(soffice, timeout=120) as export:
        assert export._cached and not export._quick
        data = export.convert(_unna_docx())
        process = export._process
    assert data.startswith(b"%PDF") and export.toc
    assert process.returncode == 0  # shut down by the macro, not killed


_EXPORTING_PROGRAM = """#!/bin/sh
for a in "$@"; do case "$a" in -env:UserInstallation=file://*) profile="${a#-env:UserInstallation=file://}";; esac; done
work="$(dirname "$profile")"
echo "$work" >> "$WORKS"
: > "$work/gestartet"
while [ ! -e "$work/los" ]; do sleep 0.02; done
printf '%%PDF-1.7 fake' > "$work/dokument.pdf"
printf 'fertig\\n' > "$work/status.tmp"; mv "$work/status.tmp" "$work/status"
sleep 30
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kept work folders where LibreOffice is stopped")
def test_exports_reuse_a_kept_work_folder_one_at_a_time(tmp_path, monkeypatch):
    """With a kept profile, an export works in a kept folder beside it (its own copy of the profile, made once):
    no profile is copied and removed per export. After the export only the profile is left there; an export
    running at the same time takes the next folder; an earlier run's files are cleared first; an export that
    fails without LibreOffice's report removes its folder (and the cached profile) so the next starts afresh."""
    from integconcept.render import pdf

    works = tmp_path / "ordner.txt"
    monkeypatch.setenv("WORKS", str(works))
    soffice = _fake_installation(tmp_path / "lo" / "program", _EXPORTING_PROGRAM)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = fake_kept_profile(soffice)
    (cache / "user" / "registrymodifications.xcu").write_text("<oor:items/>")
    kept = [cache.with_name(cache.name.replace("-profile-", "-work-") + f"-{n}") for n in range(2)]

    with pdf.PdfExport(str(soffice), timeout=30) as first:
        assert first.convert(b"PK") == b"%PDF-1.7 fake"
        with pdf.PdfExport(str(soffice), timeout=30) as second:  # at the same time: the next folder
            assert second.convert(b"PK") == b"%PDF-1.7 fake"
    assert works.read_text().split() == [str(kept[0]), str(kept[1])]
    for folder in kept:
        assert sorted(p.name for p in folder.iterdir()) == ["profile"]  # the run's files are gone
        assert (folder / "profile" / "user" / "registrymodifications.xcu").read_text() == "<oor:items/>"
    marker = kept[0] / "profile" / "user" / "noch-da"
    marker.write_text("")  # the same profile is used again, not copied anew
    (kept[0] / "status").write_text("fertig\n")  # a killed run's report: not taken for this run's
    (kept[0] / "dokument.pdf").write_bytes(b"alt")
    with pdf.PdfExport(str(soffice), timeout=30) as third:
        assert third._slot is not None and third._slot.folder == kept[0]
        assert not (kept[0] / "status").exists() and marker.exists()
        assert third.convert(b"PK") == b"%PDF-1.7 fake"

    broken = _fake_installation(tmp_path / "kaputt" / "program", "#!/bin/sh\nexit 0\n")
    broken_cache = fake_kept_profile(broken)
    earlier = broken_cache.with_name(broken_cache.name.replace("-profile-", "-work-") + "-3")
    (earlier / "profile" / "user").mkdir(parents=True)  # a copy of the same profile, kept from an earlier export
    with pytest.raises(pdf.RenderError):
        with pdf.PdfExport(str(broken), timeout=30) as export:
            folder = export._slot.folder if export._slot else None
            export.convert(b"PK")
    assert folder is not None and not folder.exists() and not broken_cache.exists()
    assert not earlier.exists()  # no later export goes on with a copy of the profile that failed

"""DOCX → PDF with all indexes (the table of contents) updated, through LibreOffice's UNO API.

Runs in a Python interpreter that can ``import uno`` (LibreOffice's own or the system's python3 with
python3-uno), NOT in integconcept's environment:

    python3 _uno_export.py SOFFICE PROFILE_URL INPUT.docx OUTPUT.pdf TIMEOUT [--wait] [--no-shutdown]

With ``--wait`` LibreOffice is started and connected first; the document is read only when a line
arrives on stdin (the caller starts LibreOffice early and writes INPUT.docx meanwhile). End of input
without a line cancels: LibreOffice is stopped and the exit code is 5.

Plain ``soffice --convert-to pdf`` keeps the table of contents as stored in the file; Word fills it
when the document is opened, LibreOffice does not. Here the document is loaded hidden, every index is
updated (twice: the first update may move headings to other pages), fields are refreshed, then the PDF
is exported as tagged PDF/A-2 (archivable; the filter options are in ``PDF_FILTER_DATA``). Exit code 0 on
success; messages on stderr.

Beside OUTPUT.pdf the script writes OUTPUT.toc.json: the entries of the table of contents as LibreOffice
filled them, ``[[text, page], …]``, so the caller can write the same page numbers into its own DOCX (a
document that reads right in Word without "update fields", in LibreOffice and in a council information
system).
"""

import json
import os
import subprocess
import sys
import time

import uno  # noqa: F401  (provided by LibreOffice)
from com.sun.star.beans import PropertyValue


#: writer_pdf_Export filter data. SelectPdfVersion 2 = PDF/A-2b (fonts embedded, XMP metadata with
#: pdfaid:part 2); UseTaggedPDF writes the structure tree (headings, lists, tables, figures with their alt
#: texts) that screen readers and the accessibility part of archiving need; PDFUACompliance adds the
#: PDF/UA checks (title shown instead of the file name, alt texts, reading order); ExportBookmarks turns the
#: headings into the PDF outline. The document language (/Lang) and title come from the DOCX properties.
PDF_FILTER_DATA = (
    ("SelectPdfVersion", 2),
    ("UseTaggedPDF", True),
    ("PDFUACompliance", True),
    ("ExportBookmarks", True),
    ("OpenBookmarkLevels", -1),
    ("DisplayPDFDocumentTitle", True),
    ("ExportNotes", False),
    ("ExportFormFields", False),
    ("UseLosslessCompression", True),
    ("ReduceImageResolution", False),
)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


#: the keyword the PDF carries (XMP pdf:Keywords and the Info dictionary), set only for the export: the DOCX
#: does not carry it, so a PDF a person exports from the document in LibreOffice or Word does not either
#: (integconcept/core/replace.py recognises an earlier ``render --pdf`` by it)
PDF_KEYWORD = "erstellt mit integconcept"


def mark_as_ours(doc):
    properties = doc.getDocumentProperties()
    properties.Keywords = tuple(k for k in properties.Keywords if k != PDF_KEYWORD) + (PDF_KEYWORD,)


def write_toc(doc, path):
    """The filled table of contents as [[text, page], …] (each line of the first content index is
    "text<TAB>page"); nothing is written when the document has none."""
    indexes = doc.getDocumentIndexes()
    for i in range(indexes.getCount()):
        index = indexes.getByIndex(i)
        if not index.supportsService("com.sun.star.text.ContentIndex"):
            continue
        entries = []
        for line in index.getAnchor().getString().split("\n"):
            text, tab, page = line.rpartition("\t")
            if tab and page.strip().isdigit():
                entries.append([text.strip(), int(page)])
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(entries, handle, ensure_ascii=False)
        return


def main():
    soffice, profile_url, source, target, timeout = sys.argv[1:6]
    wait = "--wait" in sys.argv[6:]
    # the profile is thrown away (a copy of a kept one): LibreOffice's orderly shutdown (~0.2 s CPU, it saves
    # the profile) is skipped, LibreOffice is stopped once the PDF is written (Linux)
    no_shutdown = "--no-shutdown" in sys.argv[6:]
    deadline = time.time() + float(timeout)
    pipe = f"integconcept{os.getpid()}"
    log_path = os.path.join(os.path.dirname(os.path.abspath(source)), "soffice-fehler.txt")
    log = open(log_path, "wb")  # LibreOffice's own messages: shown if it ends before it answers
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if proc.poll() is not None:  # it ended (crashed, refused): say how, not "too slow"
                    sys.stderr.write(ended_message(proc.returncode, log_path) + "\n")
                    return 3
                if time.time() > deadline:
                    sys.stderr.write(
                        f"LibreOffice ist nicht innerhalb von {timeout} Sekunden gestartet "
                        "(es läuft, antwortet aber nicht).\n"
                    )
                    return 3
                time.sleep(0.05)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        if wait and not sys.stdin.readline().strip():  # the caller gave up (e.g. the concept has errors)
            try:
                desktop.terminate()
            except Exception:
                pass
            return 5
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
        )
        if doc is None:
            sys.stderr.write("LibreOffice konnte das Dokument nicht öffnen.\n")
            return 4
        for _ in range(2):
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
            doc.getTextFields().refresh()
        write_toc(doc, os.path.splitext(target)[0] + ".toc.json")
        mark_as_ours(doc)
        filter_data = uno.Any(
            "[]com.sun.star.beans.PropertyValue", tuple(prop(name, value) for name, value in PDF_FILTER_DATA)
        )
        uno.invoke(
            doc,
            "storeToURL",
            (
                uno.systemPathToFileUrl(os.path.abspath(target)),
                (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data)),
            ),
        )
        if no_shutdown:
            stop_quickly(proc)
            return 0
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the connection drops while LibreOffice shuts down
        try:
            proc.wait(max(1.0, deadline - time.time()))
        except subprocess.TimeoutExpired:
            proc.kill()
        return 0
    finally:
        if proc.poll() is None:
            if os.name == "nt":  # soffice.exe starts soffice.bin: stop the whole tree
                subprocess.run(
                    ["taskkill", "/PID", str(proc.pid), "/T", "/F"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            proc.kill()
            proc.wait()
        log.close()


def stop_quickly(proc):
    """Stop LibreOffice without its shutdown (Linux): SIGKILL to the processes ``proc`` started (soffice.bin
    under oosplash), so that ``proc`` ends and is reaped here and each process by its parent (its CPU time
    counts where the caller measures it); ``proc`` itself when it does not end."""
    import signal

    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 1 and int(fields[1]) == proc.pid:
                children.append(int(entry))
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def ended_message(code, log_path):
    """German: LibreOffice ended before it answered, with its exit status and last message."""
    how = f"durch Signal {-code}" if code < 0 else f"mit Exit-Code {code}"
    try:
        with open(log_path, "rb") as handle:
            lines = [line.strip() for line in handle.read()[-4000:].decode("utf-8", "replace").splitlines()]
    except OSError:
        lines = []
    lines = [line for line in lines if line]
    said = f"; letzte Meldung: „{lines[-1][:300]}“" if lines else ""
    return f"LibreOffice hat sich beim Start {how} beendet{said}"


if __name__ == "__main__":
    sys.exit(main())

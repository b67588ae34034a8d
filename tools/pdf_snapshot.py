"""Export every DOCX of a folder to PDF with ``render --pdf``'s LibreOffice export, for a comparison of what a
reader sees before and after a change to the export (render/pdf.py, render/pdf_macro.py).

    .venv/bin/python tools/render_snapshot.py /tmp/docx --full /tmp/vorlagen   # the documents (once)
    PYTHONPATH=. .venv/bin/python tools/pdf_snapshot.py /tmp/docx /tmp/vorher  # on the old code
    PYTHONPATH=. .venv/bin/python tools/pdf_snapshot.py /tmp/docx /tmp/nachher # on the new code
    .venv/bin/python tools/pdf_snapshot.py --compare /tmp/vorher /tmp/nachher

Per document it keeps the PDF and notes in ``pdf-snapshot.json``: the table of contents as LibreOffice filled
it (what ``render`` writes back into the DOCX), the text of every page (``pdftotext -layout``), pdfinfo's fields
except the times, and a SHA-256 of every page image (``pdftoppm -r 50``). The PDF files themselves differ in
their creation time and ID on every export, so they are not compared byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOTES = "pdf-snapshot.json"
#: pdfinfo fields that change with every export
_VOLATILE = {"CreationDate", "ModDate", "File size"}


def _look(pdf: Path) -> dict:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = {}
    for line in info.splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip() not in _VOLATILE:
            fields[name.strip()] = " ".join(value.split())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), f"{folder}/seite"], check=True)
        pages = [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).glob("seite*.png"))]
    return {"info": fields, "text": text, "pages": pages}


def snapshot(documents: Path, folder: Path) -> int:
    from integconcept.render.pdf import PdfExport, check_pdf_tools

    soffice = check_pdf_tools()
    folder.mkdir(parents=True, exist_ok=True)
    notes = {}
    for docx in sorted(documents.glob("*.docx")):
        with PdfExport(soffice) as export:
            data = export.convert(docx.read_bytes())
            toc = export.toc
        pdf = folder / f"{docx.stem}.pdf"
        pdf.write_bytes(data)
        notes[docx.name] = {"toc": toc, **_look(pdf)}
        print(f"{docx.name}: {notes[docx.name]['info'].get('Pages')} Seiten", flush=True)
    (folder / NOTES).write_text(json.dumps(notes, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(notes)} PDF-Dateien in {folder}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = json.loads((before / NOTES).read_text(encoding="utf-8"))
    new = json.loads((after / NOTES).read_text(encoding="utf-8"))
    different = 0
    for name in sorted(old):
        if name not in new:
            print(f"fehlt: {name}")
            different += 1
            continue
        parts = [part for part in ("toc", "info", "text", "pages") if old[name][part] != new[name][part]]
        if parts:
            print(f"verschieden: {name} ({', '.join(parts)})")
            different += 1
    pages = sum(len(notes["pages"]) for notes in old.values())
    print(
        f"{len(old) - different} von {len(old)} PDF-Dateien gleich (Inhaltsverzeichnis, Text, pdfinfo, {pages} Seitenbilder)"
    )
    return 1 if different or not old else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "folders", nargs=2, type=Path, help="DOCX-Ordner und Zielordner (mit --compare: zwei Zielordner)"
    )
    parser.add_argument("--compare", action="store_true", help="zwei Zielordner vergleichen")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.folders)
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} fehlt (poppler-utils)")
    return snapshot(*args.folders)


if __name__ == "__main__":
    sys.exit(main())

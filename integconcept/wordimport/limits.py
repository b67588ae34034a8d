"""Resource limits of the Word import, checked before the work they protect.

A real Integrationskonzept as .docx is 0.1–20 MB (photos make it big), its ``word/document.xml`` a few
MB, its tables a few hundred rows of at most a dozen columns. The limits below are far above that and
far below what would exhaust a Windows office PC:

* the file: its size from the file system (``stat``), never by reading it; only regular files;
* the ZIP package: its parts (count) and their total size when unpacked, from the central directory
  (Python's ``zipfile`` never hands out more than a part's declared size, so the sum is a true bound);
  the XML parts on their own, because they become a tree in memory;
* the document: table rows per table, grid columns per row (``w:gridSpan`` included: Word allows 63),
  cells in all, tables nested in tables, paragraphs in all. These are counted while reading, before a
  cell is copied or a merged cell is spread across the columns it spans.

Every limit gives a :class:`~integconcept.wordimport.reader.WordReadError` with a German message
(exit code 2); nothing is written then.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024  # the .docx on disk
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # all parts unpacked (images included)
MAX_XML_BYTES = 10 * 1024 * 1024  # one XML part unpacked (Unna: 0.15 MB; its 100-fold: 7 MB; a 14 MB part: 980 MB peak)
MAX_PARTS = 5_000  # parts in the package (a concept with 200 images has ~250)
MAX_TABLE_ROWS = 20_000  # rows of one table
MAX_GRID_COLUMNS = 200  # grid columns of one row, spans included (Word: at most 63)
MAX_CELLS = 200_000  # table cells in the whole document, spans counted (Unna: 300; its 100-fold: ~30,000)
MAX_TABLE_DEPTH = 12  # tables in tables in tables …
MAX_PARAGRAPHS = 100_000  # paragraphs in the whole document (Unna: 470; its 100-fold: 30,000)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _mb(size: int) -> str:
    mb = size / 1024 / 1024
    return (f"{mb:.0f} MB" if mb >= 100 or mb == int(mb) else f"{mb:.1f} MB").replace(".", ",")


def check_file(path: Path, error) -> int:
    """The file's size and kind from the file system; returns the size. ``error`` builds the exception."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise error(f"„{path}“ kann nicht gelesen werden ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"„{path}“ ist keine gewöhnliche Datei (sondern z. B. ein Gerät oder eine Pipe); "
            "bitte ein gespeichertes Word-Dokument (.docx) angeben."
        )
    if info.st_size > MAX_FILE_BYTES:
        raise error(
            f"„{path.name}“ ist mit {_mb(info.st_size)} zu groß für den Import (höchstens "
            f"{_mb(MAX_FILE_BYTES)}). Ein Integrationskonzept als .docx hat meist unter 20 MB; große "
            "Bilder bitte in Word verkleinern („Bilder komprimieren“) oder entfernen und neu speichern."
        )
    return info.st_size


def check_package(path: Path, archive: zipfile.ZipFile, error) -> None:
    """Parts and unpacked sizes from the ZIP's central directory, before any part is unpacked."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise error(
            f"„{path.name}“ besteht aus {_n(len(infos))} Teilen; ein Word-Dokument hat höchstens einige "
            f"hundert (Grenze: {_n(MAX_PARTS)}). Die Datei ist kein gewöhnliches Word-Dokument und wird "
            "nicht übernommen."
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_BYTES:
            raise error(
                f"„{path.name}“: der Teil „{info.filename}“ wäre entpackt {_mb(info.file_size)} groß "
                f"(höchstens {_mb(MAX_XML_BYTES)}). So viel Text hat kein Konzept; die Datei wird nicht "
                "übernommen. Bitte in Word öffnen, prüfen und neu speichern."
            )
    if "word/document.xml" in archive.NameToInfo:
        _prescan(path, archive, error)
    if total > MAX_UNPACKED_BYTES:
        raise error(
            f"„{path.name}“ wäre entpackt {_mb(total)} groß (höchstens {_mb(MAX_UNPACKED_BYTES)}). "
            "Große Bilder bitte in Word verkleinern („Bilder komprimieren“) oder entfernen und neu "
            "speichern."
        )


_PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ", b"<w:p/>")
_CELL_TAGS = (b"<w:tc>", b"<w:tc ", b"<w:tc/>")


def _prescan(path: Path, archive: zipfile.ZipFile, error) -> None:
    """Paragraphs and table cells of ``word/document.xml`` counted in the unpacked stream, 1 MB at a time,
    before the XML is parsed into a tree (a small file of 500,000 empty paragraphs once took 74 s and 1.4 GB
    to parse before the count after parsing refused it). The exact counts while reading stay as well."""
    paragraphs = cells = 0
    tail = b""
    with archive.open("word/document.xml") as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            paragraphs += sum(data.count(tag) for tag in _PARAGRAPH_TAGS)
            cells += sum(data.count(tag) for tag in _CELL_TAGS)
            tail = data[-7:]
            paragraphs -= sum(tail.count(tag) for tag in _PARAGRAPH_TAGS)  # counted again with the next chunk
            cells -= sum(tail.count(tag) for tag in _CELL_TAGS)
            if paragraphs > MAX_PARAGRAPHS:
                raise error(
                    f"„{path.name}“ hat mehr als {_n(MAX_PARAGRAPHS)} Absätze; so lang ist kein Konzept. "
                    "Die Datei wird nicht übernommen."
                )
            if cells > MAX_CELLS:
                raise error(
                    f"„{path.name}“ hat mehr als {_n(MAX_CELLS)} Tabellenzellen; so viele hat kein "
                    "Konzept. Die Datei wird nicht übernommen."
                )


class Counter:
    """Counts a document's paragraphs, cells and table depth while it is read."""

    def __init__(self, name: str, error):
        self.name = name
        self.error = error
        self.paragraphs = 0
        self.cells = 0
        self.depth = 0

    def paragraph(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise self.error(
                f"„{self.name}“ hat mehr als {_n(MAX_PARAGRAPHS)} Absätze; so lang ist kein Konzept. "
                "Die Datei wird nicht übernommen."
            )

    def enter_table(self, rows: int, index: int) -> None:
        self.depth += 1
        if self.depth > MAX_TABLE_DEPTH:
            raise self.error(
                f"„{self.name}“: Tabelle {index} ist {self.depth}-fach in andere Tabellen "
                f"geschachtelt (höchstens {MAX_TABLE_DEPTH}). Bitte die Tabellen in Word "
                "vereinfachen."
            )
        if rows > MAX_TABLE_ROWS:
            raise self.error(
                f"„{self.name}“: Tabelle {index} hat {_n(rows)} Zeilen (höchstens "
                f"{_n(MAX_TABLE_ROWS)}). Bitte die Tabelle aufteilen oder kürzen."
            )

    def leave_table(self) -> None:
        self.depth -= 1

    def row(self, columns: int, index: int, row: int) -> None:
        if columns > MAX_GRID_COLUMNS:
            raise self.error(
                f"„{self.name}“: Tabelle {index}, Zeile {row} reicht über {_n(columns)} Spalten "
                f"(verbundene Zellen mitgezählt; Word erlaubt 63, Grenze {MAX_GRID_COLUMNS}). Die "
                "Tabelle ist beschädigt; bitte in Word öffnen, die Zeile prüfen und neu speichern."
            )
        self.cells += columns
        if self.cells > MAX_CELLS:
            raise self.error(
                f"„{self.name}“ hat mehr als {_n(MAX_CELLS)} Tabellenzellen; so viele hat kein "
                "Konzept. Die Datei wird nicht übernommen."
            )


def check_text_size(name: str, document, error) -> None:
    """The text read must fit a concept file: ``validate`` reads at most 5 MB (F003), so a draft with more text
    could not be checked or formatted. Refused right after reading, before the text is mapped."""
    from integconcept.document.loader import MAX_FILE_BYTES
    from integconcept.wordimport.reader import Para, Table

    total = 0
    for block in document.blocks:
        if isinstance(block, Para):
            total += len(block.plain)
        elif isinstance(block, Table):
            total += sum(len(p.plain) for row in block.rows for cell in row for p in cell.paragraphs)
    limit = MAX_FILE_BYTES * 9 // 10  # room for the keys and comments of the file
    if total > limit:
        raise error(
            f"„{name}“ enthält rund {_mb(total)} Text; eine Konzeptdatei darf höchstens "
            f"{_mb(MAX_FILE_BYTES)} groß sein (so viel liest validate). Die Datei wird nicht übernommen; "
            "bitte Anhänge und Tabellen mit Rohdaten aus dem Dokument nehmen und neu speichern."
        )

"""The import reads a .docx with zipfile and lxml (wordimport.reader.Package.read) instead of python-docx: it must
read what python-docx reads, and leave every package python-docx would read differently or refuse to python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from integconcept.wordimport import WordImportError, import_word
from integconcept.wordimport.reader import Heading, Package, Para, Table, read_docx


def _sample(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("1. Einleitung", 1)
    paragraph = document.add_paragraph("Der Kreis schreibt sein Konzept ")
    paragraph.add_run("fort").bold = True
    paragraph.add_run(" – mit allen Kommunen.")
    document.add_paragraph("Sprachförderung", style="List Bullet")
    document.add_heading("2. Gremienlauf", 1)
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ("Datum", "Gremium", "12.12.2024", "Kreistag")):
        cell.text = text
    document.save(path)
    return path


def _shape(blocks) -> list:
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(("table", block.grid()))
        elif isinstance(block, Heading):
            out.append(("heading", block.level, block.text, block.number, block.style))
        elif isinstance(block, Para):
            out.append(("para", block.markup, block.plain, block.style, block.list_level, block.bold))
    return out


def _rewrite(source: Path, target: Path, name: str, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info, change(data) if info.filename == name else data)
    return target


def test_the_package_reader_reads_what_python_docx_reads(tmp_path):
    path = _sample(tmp_path / "konzept.docx")
    assert Package.read(path) is not None  # the fast way is taken
    fast = read_docx(path)
    slow = read_docx(path, docx.Document(str(path)))
    assert _shape(fast.blocks) == _shape(slow.blocks) and _shape(fast.title_lines) == _shape(slow.title_lines)
    assert fast.producer == slow.producer


def test_a_template_is_left_to_python_docx_and_refused_as_before(tmp_path):
    """A Word template (.dotx content type) under a .docx name: python-docx refuses it; so does the import."""
    path = _sample(tmp_path / "konzept.docx")
    template = _rewrite(
        path,
        tmp_path / "vorlage.docx",
        "[Content_Types].xml",
        lambda data: data.replace(b"document.main+xml", b"template.main+xml"),
    )
    assert Package.read(template) is None
    with pytest.raises(WordImportError) as refused:
        import_word(template)
    assert "beschädigt" in refused.value.message and "vorlage.docx" in refused.value.message


def test_a_package_without_styles_part_is_read_by_python_docx(tmp_path):
    """python-docx adds its default styles where the package has none: the import takes its reading then."""
    path = _sample(tmp_path / "konzept.docx")
    bare = _rewrite(
        path,
        tmp_path / "ohne-formatvorlagen.docx",
        "word/_rels/document.xml.rels",
        lambda data: data.replace(b"relationships/styles", b"relationships/stylesX"),
    )
    assert Package.read(bare) is None
    read = read_docx(bare)
    assert _shape(read.blocks) == _shape(read_docx(bare, docx.Document(str(bare))).blocks)
    assert "Der Kreis schreibt sein Konzept **fort** – mit allen Kommunen." in [
        getattr(b, "markup", "") for b in read.blocks
    ]

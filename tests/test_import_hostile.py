"""Issue 20.7: Word files the import fuzz test (tests/test_fuzz_import.py) found to fail, each as a regular
regression test: refused with a German message that names the file (exit 2, nothing written) or imported
into a concept file that loads – never the last-resort „interner Fehler“ or a library's English text."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from integconcept.commands.importing import import_file
from integconcept.core.errors import UserError

from .test_fuzz import ENGLISH
from .test_fuzz_import import LIBRARY_ENGLISH


def _docx(change_document=None, change_zip=None) -> bytes:
    """A small concept made with python-docx; ``change_document`` edits word/document.xml (bytes → bytes),
    ``change_zip`` the list of (name, bytes) parts."""
    import docx

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("Präambel", 1)
    document.add_paragraph("Der Kreis Beispiel legt sein Integrationskonzept vor.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Gemeinde"
    table.cell(0, 1).text = "Einwohner"
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    parts = [(info.filename, source.read(info)) for info in source.infolist()]
    if change_document:
        parts = [(n, change_document(d) if n == "word/document.xml" else d) for n, d in parts]
    if change_zip:
        parts = change_zip(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, data)
    return out.getvalue()


def _refused(tmp_path, data: bytes) -> str:
    word = tmp_path / "konzept.docx"
    word.write_bytes(data)
    with pytest.raises(UserError) as caught:
        import_file(str(word), str(tmp_path / "konzept.yaml"), stdout=io.StringIO())
    message = caught.value.message
    assert caught.value.exit_code == 2
    assert "konzept.docx" in message and "interner fehler" not in message.lower(), message
    words = re.sub(r"„[^“]*“", "", message)
    assert not ENGLISH.search(words) and not LIBRARY_ENGLISH.search(words), message
    assert not (tmp_path / "konzept.yaml").exists()
    return message


def test_a_document_without_a_body_is_refused_as_empty(tmp_path):
    """Found by the fuzz test: word/document.xml without <w:body> was „interner Fehler (TypeError: 'NoneType'
    object is not iterable)“."""
    message = _refused(tmp_path, _docx(lambda d: re.sub(rb"<w:body>.*</w:body>", b"", d, flags=re.S)))
    assert "keinen Text" in message


def test_a_part_missing_from_the_package_is_named_in_german(tmp_path):
    """Found by the fuzz test: a relationship to a part the zip lacks gave python-docx's English text
    („There is no item named 'customXml/item1.xml' in the archive“)."""
    message = _refused(tmp_path, _docx(change_zip=lambda parts: [p for p in parts if p[0] != "word/styles.xml"]))
    assert "„word/styles.xml“ fehlt" in message


def test_a_corrupt_part_is_named_in_german(tmp_path):
    data = bytearray(_docx())
    at = data.index(b"word/document.xml") + 200  # inside the compressed part
    data[at] ^= 0xFF
    message = _refused(tmp_path, bytes(data))
    assert "beschädigt" in message


def test_a_table_row_with_fewer_cells_reads_as_empty_cells(tmp_path):
    """Found by the fuzz test: a staffing table whose second row has one cell less than the header (Word
    allows such rows) was „interner Fehler (IndexError: list index out of range)“. The missing cell reads as
    empty, as Word shows it; the file imports and loads."""
    import docx

    from integconcept.commands.validate import validate_file

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("Präambel", 1)
    document.add_paragraph("Der Kreis Beispiel legt sein Integrationskonzept vor.")
    document.add_heading("Personal und Finanzierung", 1)
    table = document.add_table(rows=3, cols=2)
    for row, (post, share) in enumerate([("Stelle", "Stellenanteil"), ("Koordination", "1,0"), ("Beratung", "0,5")]):
        table.cell(row, 0).text, table.cell(row, 1).text = post, share
    last = table.rows[2]._tr
    last.remove(last.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")[1])
    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    document.save(word)
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    assert validate_file(str(out)).usable
    assert "Beratung" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("level", ["<w:ilvl/>", '<w:ilvl w:val="x"/>', '<w:ilvl w:val="-3"/>', '<w:ilvl w:val="99"/>'])
def test_a_list_level_without_a_number_reads_as_a_level(tmp_path, level):
    """Found by the import fuzz test (long profile): a list paragraph whose w:ilvl has no w:val was „interner
    Fehler (TypeError: int() argument must be … not 'NoneType')“; a value that is no number raised ValueError
    the same way. The paragraph imports as a list item; the file loads."""
    from integconcept.commands.validate import validate_file

    def with_level(document: bytes) -> bytes:
        item = (
            "<w:p><w:pPr><w:numPr>" + level + '<w:numId w:val="1"/></w:numPr></w:pPr>'
            "<w:r><w:t>Sprachförderung in Kitas</w:t></w:r></w:p>"
        ).encode()
        return document.replace(b"<w:tbl>", item + b"<w:tbl>", 1)

    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    word.write_bytes(_docx(with_level))
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    assert validate_file(str(out)).usable
    assert "Sprachförderung in Kitas" in out.read_text(encoding="utf-8")


def test_a_broken_bzip2_part_is_named_in_german(tmp_path):
    """Found by the long import fuzz run: word/document.xml packed with BZIP2 and corrupted gave bz2's
    „kann nicht gelesen werden (Invalid data stream)“ – English, and as if the disk had failed."""
    data = _docx()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                info = zipfile.ZipInfo(info.filename, info.date_time)
                info.compress_type = zipfile.ZIP_BZIP2
                target.writestr(info, content)
                continue
            target.writestr(info, content)
    packed = bytearray(out.getvalue())
    start = packed.index(b"BZh")  # the part's compressed stream: flip a byte in its middle
    packed[start + 200] ^= 0xFF
    message = _refused(tmp_path, bytes(packed))
    assert "beschädigt" in message and "Invalid" not in message


def test_a_main_part_holding_other_xml_is_refused_in_german(tmp_path):
    """Found by the import fuzz test: word/document.xml with another part's XML (here the content types) was
    „interner Fehler (AttributeError: … has no attribute 'body')“."""

    def swap(parts):
        types = next(data for name, data in parts if name == "[Content_Types].xml")
        return [(n, types if n == "word/document.xml" else d) for n, d in parts]

    message = _refused(tmp_path, _docx(change_zip=swap))
    assert "word/document.xml" in message and "keinen Dokumenttext" in message


@pytest.mark.parametrize(
    "cell, time",
    [
        ("30.10.2012, 16.00 Uhr", "16:00"),  # a time after the date: taken over
        ("30.10.2012, 10.04.2013", None),  # a second date is no time "10:04"
        ("30.10.2012 25:04 Uhr", None),  # no time of day: stays in the note
        ("30.10.2012 25.04.2024", None),
    ],
)
def test_only_a_real_time_after_a_date_becomes_the_steps_time(tmp_path, cell, time):
    """Found by the import fuzz test: "30.10.2012 25.04.2024" in a date column gave the time "25:04" and
    „Interner Fehler beim Import: die erzeugten Daten passen nicht zum Schema“; "10.04.2013" became the
    time 10:04 – a fact the document does not state. Now only 00:00–23:59 not followed by more date."""
    import docx

    from integconcept.document.loader import load

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("Präambel", 1)
    document.add_paragraph("Der Kreis Beispiel legt sein Integrationskonzept vor.")
    document.add_heading("Informations- und Abstimmungsprozess", 1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Datum", "Gremium"
    table.cell(1, 0).text, table.cell(1, 1).text = cell, "Kreistag"
    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    document.save(word)
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    (step,) = load(str(out)).data["approval_process"]["steps"]
    assert str(step["date"]) == "2012-10-30"
    assert step.get("time") == time
    if time is None:
        assert cell in step["note"]  # what was not understood stays visible


@pytest.mark.parametrize("text", ["-\r0", "- \r0", "Ziele:\r+ Sprache", "Ziele:\n- Sprache", "0\r1. Punkt"])
def test_a_line_end_inside_word_text_is_a_break_and_keeps_a_typed_dash(tmp_path, text):
    """Found by the text fuzz property (long profile): a line end inside a run's text (pasted from elsewhere) was
    kept raw or read as a space, so "-\\r0" became the list item "0" and "…\\r+ Sprache" a bullet – the dash
    or plus was gone from the concept. Now it is a line break like <w:br/>, and a marker after it stays text."""
    from integconcept.document import markup
    from integconcept.document.loader import load

    def with_text(document: bytes) -> bytes:
        raw = text.replace("\r", "&#13;").replace("\n", "&#10;").encode()
        item = b'<w:p><w:r><w:t xml:space="preserve">' + raw + b"</w:t></w:r></w:p>"
        return document.replace(b"<w:tbl>", item + b"<w:tbl>", 1)

    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    word.write_bytes(_docx(with_text))
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    shown = markup.plain_text(load(str(out)).data["preamble"]["intro"])
    assert [line.strip() for line in re.split(r"\r\n|\r|\n", text)] == [
        line.strip() for line in shown.split("\n") if line.strip() and "Integrationskonzept" not in line
    ][:2]


def test_a_style_name_without_a_value_is_the_style_id(tmp_path):
    """Found by the import fuzz test: <w:name/> without w:val in a style the document uses was „interner Fehler
    (AttributeError: 'NoneType' object has no attribute 'lower')“; the name is the style's id then."""

    def unnamed(parts):
        return [
            (n, re.sub(rb'(<w:style [^>]*w:styleId="Heading1"[^>]*>\s*<w:name) w:val="[^"]*"', rb"\1", d))
            if n == "word/styles.xml"
            else (n, d)
            for n, d in parts
        ]

    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    data = _docx(change_zip=unnamed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b'w:styleId="Heading1"' in archive.read("word/styles.xml")
        assert re.search(rb'w:styleId="Heading1"[^>]*>\s*<w:name/>', archive.read("word/styles.xml"))
    word.write_bytes(data)
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    from integconcept.commands.validate import validate_file

    assert validate_file(str(out)).usable
    assert "Der Kreis Beispiel legt sein Integrationskonzept vor." in out.read_text(encoding="utf-8")


def test_a_central_directory_pointing_before_the_file_is_damaged_not_a_read_error(tmp_path):
    """Found by the import fuzz test: offsets in the ZIP directory that lead before the file's start made zipfile
    seek to a negative position (OSError EINVAL) and the message read „kann nicht gelesen werden (Invalid
    argument)“ – English, and as if the disk had failed."""
    import struct

    data = bytearray(_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        shift = archive.getinfo("word/document.xml").header_offset + 100
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + shift)  # every part now seems to start `shift` bytes earlier
    message = _refused(tmp_path, bytes(data))
    assert "beschädigt" in message


def test_a_typed_bullet_after_a_leading_line_end_keeps_its_text(tmp_path):
    """Found by the text fuzz property: "\\r- 3" (a paragraph starting with a line end, then a typed bullet) lost
    "3" – the marker was cut one character too far, as the leading break was not counted."""
    from integconcept.document import markup
    from integconcept.document.loader import load

    def with_text(document: bytes) -> bytes:
        item = b'<w:p><w:r><w:t xml:space="preserve">&#13;- Sprachkurse</w:t></w:r></w:p>'
        return document.replace(b"<w:tbl>", item + b"<w:tbl>", 1)

    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    word.write_bytes(_docx(with_text))
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    assert "Sprachkurse" in markup.plain_text(load(str(out)).data["preamble"]["intro"])


def test_a_line_starting_with_a_no_break_space_is_written_so_that_it_loads(tmp_path):
    """Found by the text fuzz property: a line break followed by a no-break space (Word: Shift+Enter, then a
    pasted U+00A0) was written as a literal block whose line starts with U+00A0, which the loader refuses
    (Y010) – the import ended with „ergäbe eine Konzeptdatei, die validate nicht lesen könnte“. Now such a text
    is double-quoted with escapes; the character is kept."""
    from integconcept.document.loader import load

    def with_text(document: bytes) -> bytes:
        item = '<w:p><w:r><w:t>Ziele</w:t><w:br/><w:t xml:space="preserve">\u00a0Sprache</w:t></w:r></w:p>'
        return document.replace(b"<w:tbl>", item.encode() + b"<w:tbl>", 1)

    word, out = tmp_path / "konzept.docx", tmp_path / "konzept.yaml"
    word.write_bytes(_docx(with_text))
    assert import_file(str(word), str(out), stdout=io.StringIO()) == 0
    assert "\u00a0Sprache" in load(str(out)).data["preamble"]["intro"]


def test_fmt_keeps_a_line_starting_with_a_no_break_space_loadable(tmp_path):
    """The same in fmt's writer (the import's fallback): a double-quoted text with "\\n\\u00a0" was written as a
    literal block the loader refuses."""
    from integconcept.commands.drafting import fmt_run
    from integconcept.document.loader import load

    path = tmp_path / "konzept.yaml"
    text = (
        "format_version: 1\nid: kreis-x-2024\ntitle: Integrationskonzept\nauthority:\n  name: Kreis X\n"
        "  kind: kreis\nstatus: draft\nlegal_basis: tintg2012-p7\npreamble:\n"
        '  intro: "Ziele\\n\\u00a0Sprache"\n'
    )
    path.write_text(text, encoding="utf-8")
    before = load(str(path)).data["preamble"]["intro"]
    assert before == "Ziele\n\u00a0Sprache"
    assert fmt_run([str(path)], check=False, diff=False, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert load(str(path)).data["preamble"]["intro"] == before

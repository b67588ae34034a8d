"""`render --pdf` writes a tagged PDF/A-2 with language, title and the images' alt texts."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zlib
from xml.etree import ElementTree


from .render_helpers import RICH
from .test_render_pdf import needs_libreoffice

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def xmp(pdf: bytes) -> ElementTree.Element:
    start = pdf.find(b"<x:xmpmeta")
    end = pdf.find(b"</x:xmpmeta>")
    assert start >= 0 and end > start, "no XMP metadata packet in the PDF"
    return ElementTree.fromstring(pdf[start : end + len(b"</x:xmpmeta>")])


def pdf_strings(pdf: bytes) -> bytes:
    """The PDF with its Flate streams inflated, so that dictionaries inside streams can be searched."""
    out = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        chunk = pdf[match.end() : match.end() + 5_000_000]
        try:
            out.append(zlib.decompressobj().decompress(chunk))
        except zlib.error:
            pass
    return b"\n".join(out)


def literal(text: str) -> list[bytes]:
    """How a PDF may write a text string: literal, or UTF-16BE hex with BOM."""
    utf16 = ("\ufeff" + text).encode("utf-16-be")
    return [
        f"({text})".encode("latin-1", "ignore"),
        b"<" + utf16.hex().upper().encode() + b">",
        b"<" + utf16.hex().encode() + b">",
    ]


def assert_archivable(pdf: bytes, title: str) -> None:
    meta = xmp(pdf)
    assert meta.find(f".//{PDFAID}part").text == "2"
    titles = [li.text for li in meta.find(f".//{DC}title").iter(f"{RDF}li")]
    assert titles == [title]
    assert b"/StructTreeRoot" in pdf, "not a tagged PDF"
    assert b"/MarkInfo" in pdf
    assert re.search(rb"/Lang\s*\(de-DE\)", pdf), "document language de-DE missing"


@needs_libreoffice
def test_render_pdf_is_tagged_pdfa2_with_language_and_title(tmp_path):
    out = tmp_path / "rich.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(RICH), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    from integconcept.commands.validate import validate_file

    title = validate_file(str(RICH)).concept.title
    assert_archivable(out.with_suffix(".pdf").read_bytes(), title)


@needs_libreoffice
def test_alt_text_of_a_picture_reaches_the_pdf():
    import docx
    from PIL import Image

    from integconcept.render.pdf import check_pdf_tools, docx_to_pdf

    document = docx.Document()
    document.core_properties.title = "Probe mit Bild"
    document.core_properties.language = "de-DE"
    document.add_heading("Organigramm", level=1)
    picture = io.BytesIO()
    Image.new("RGB", (60, 30), (30, 80, 120)).save(picture, format="PNG")
    shape = document.add_picture(picture, width=docx.shared.Cm(6))
    alt = "Steuerungsgruppe verbunden mit Netzwerk Kommunale Integration"
    shape._inline.docPr.set("descr", alt)
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = docx_to_pdf(buffer.getvalue(), check_pdf_tools())
    assert xmp(pdf).find(f".//{PDFAID}part").text == "2"
    searchable = pdf_strings(pdf)
    assert b"/Figure" in searchable
    assert any(b"/Alt" + form in searchable or b"/Alt " + form in searchable for form in literal(alt)), (
        "the picture's alt text is not in the PDF's structure"
    )


@needs_libreoffice
def test_every_shape_of_an_organisation_chart_has_its_alt_text_in_the_pdf():
    """LibreOffice tags each shape of a drawn organisation chart as a figure: none without an alt text
    (PDF/UA), the boxes with their text, the connectors with what they link."""
    import docx

    from integconcept.render.charts import org_charts
    from integconcept.render.drawingml import chart_drawing
    from integconcept.render.pdf import check_pdf_tools, docx_to_pdf
    from integconcept.commands.validate import validate_file

    from .conftest import EXAMPLES, UNNA

    chart = org_charts(validate_file(str(UNNA)).concept, EXAMPLES)[1]
    document = docx.Document()
    document.core_properties.title = "Probe mit Organigramm"
    document.core_properties.language = "de-DE"
    document.add_heading("Organigramm", level=1)
    diagram = chart.diagram()
    document.add_paragraph().add_run()._r.append(
        chart_drawing(diagram, shape_id=100, name="Organigramm", title=chart.title, descr=chart.alt_text)
    )
    buffer = io.BytesIO()
    document.save(buffer)
    searchable = pdf_strings(docx_to_pdf(buffer.getvalue(), check_pdf_tools()))
    figures = len(re.findall(rb"/S\s*/Figure", searchable))
    assert figures == len(diagram.boxes) + len(diagram.connectors)
    assert len(re.findall(rb"/Alt\s*[(<]", searchable)) == figures
    for alt in ("Kreis Unna: darunter Kommunales Integrationszentrum", "Elementarbereich"):
        assert any(b"/Alt" + form in searchable or b"/Alt " + form in searchable for form in literal(alt)), alt

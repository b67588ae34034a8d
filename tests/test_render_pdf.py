"""Real client: the rendered DOCX through LibreOffice to PDF, read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .render_helpers import RICH

HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None


def _pdf_tools():
    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import check_pdf_tools

    try:
        return check_pdf_tools()
    except RenderError:
        return None


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or not HAVE_PDFTOTEXT or _pdf_tools() is None,
    reason="LibreOffice (soffice) oder pdftotext fehlt; .ci/run installiert beides",
)


@pytest.fixture(scope="module")
def rich_pdf_pages(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf") / "rich.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(RICH), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    pdf = out.with_suffix(".pdf")
    assert pdf.exists() and "PDF-Datei geschrieben" in result.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@needs_libreoffice
def test_pdf_toc_has_entries_with_page_numbers(rich_pdf_pages):
    toc = rich_pdf_pages[1]
    assert "Inhalt" in toc
    entries = re.findall(r"^\s*(\d+(?:\.\d+)*\.?) (.+?)\.{3,}\s*(\d+)\s*$", toc, re.MULTILINE)
    titles = [(number, title) for number, title, _ in entries]
    assert ("1.", "Präambel") in titles and ("3.1", "Strategische Umsetzung") in titles
    assert ("5.", "Informations- und Abstimmungsprozess") in titles
    pages = {title: int(page) for _, title, page in entries}
    # the page numbers are right: each heading is found on the page the TOC names
    for title in ("Präambel", "Strategische Umsetzung", "Informations- und Abstimmungsprozess"):
        assert title in rich_pdf_pages[pages[title] - 1]
    assert list(pages.values()) == sorted(pages.values())


@needs_libreoffice
def test_pdf_text_headings_tables_footer_and_draft(rich_pdf_pages):
    total = len(rich_pdf_pages)
    for number, page in enumerate(rich_pdf_pages, start=1):
        if number == 1:
            assert "Seite 1" not in page  # the title page has no page footer
        else:
            assert f"Seite {number} von {total}" in page
        assert "Entwurf" in page
    body = "\n".join(rich_pdf_pages[2:])
    flowing = " ".join(body.split())  # table cells may wrap: compare with whitespace collapsed
    assert re.search(r"^1\. Präambel", body, re.MULTILINE)
    assert re.search(r"^3\.1\s+Strategische Umsetzung", body, re.MULTILINE)
    assert re.search(r"Bergkamen\s+49\u202f?\s?011\s+36.?620\s+12.?390\s+25,3\s%", body)
    assert "31. Juli 2012" in flowing
    assert re.search(r"Anfang\s+November(\s+\S+){0,6}\s+2012", flowing)  # wrapped in its cell, next to other cells
    assert "Aktive und geförderte Integrationstätigkeit" in body  # the footnote at the page bottom


def test_pdf_without_libreoffice_is_a_clear_german_error(tmp_path):
    out = tmp_path / "k.docx"
    env = {**os.environ, "PATH": str(tmp_path), "INTEGCONCEPT_SOFFICE": str(tmp_path / "fehlt" / "soffice")}
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(RICH), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not out.with_suffix(".pdf").exists()


#: The adopted original's table of contents (seed 003): chapter → page.
UNNA_ORIGINAL_PAGES = {
    "1. Präambel": 3,
    "2. Integrationsleitziele Kreis Unna": 5,
    "3. Umsetzung des Kreistagsbeschlusses": 7,
    "3.3 Aufgabenstellung des Kommunalen": 9,
    "4. Anpassung / Modifizierung an das": 10,
    "4.5 Übersicht ‚Strategische Steuerung‘": 12,
    "5. Informations- und Abstimmungsprozess": 14,
}


@pytest.fixture(scope="module")
def unna_pdf_pages(tmp_path_factory) -> list[str]:
    from .conftest import UNNA

    out = tmp_path_factory.mktemp("pdf") / "unna.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(UNNA), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(out.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@needs_libreoffice
def test_unna_chapters_start_within_one_page_of_the_original(unna_pdf_pages):
    found = {}
    for heading in UNNA_ORIGINAL_PAGES:
        # after the title page and the table of contents
        found[heading] = next(
            number for number, page in enumerate(unna_pdf_pages, start=1) if number > 2 and heading in page
        )
    off = {h: (found[h], p) for h, p in UNNA_ORIGINAL_PAGES.items() if abs(found[h] - p) > 1}
    assert not off, f"(rendered page, original page): {off}"
    # the table of contents names the same pages (LibreOffice updated the field)
    toc = unna_pdf_pages[1]
    assert re.search(r"1\. Präambel\.+\s*3", toc) and re.search(
        rf"5\. Informations- und Abstimmungsprozess\.+\s*"
        rf"{found['5. Informations- und Abstimmungsprozess']}",
        toc,
    )


@needs_libreoffice
def test_unna_organisation_charts_are_real_text_in_the_pdf(unna_pdf_pages):
    """The boxes of both organisation charts (4.5) are native shapes: LibreOffice prints their text as text."""
    page = next(page for page in unna_pdf_pages if "Anbindung und Aufgabenorganisation des Kommunalen" in page)
    for text in (
        "Steuerungsgruppe ‚Kommunale Integration‘",
        "ZukunftsdialoK Kreis Unna",
        "Vorsitz: Rüdiger Sparbrod, Dezernent für",
        "Facharbeitskreise des",
        "Kommunales Integrationszentrum",
        "Bildung und Erziehung",
        "Elementarbereich",
        "Schule / Beruf",
        "Querschnitt",
        "Partnerinstitutionen",
        "187 Kindertageseinrichtungen",
        "6 Integrationsräte",
    ):
        assert text in page, text


@needs_libreoffice
def test_pdf_export_started_early_is_cancelled_cleanly_when_the_concept_has_errors(tmp_path):
    """--pdf starts LibreOffice before the concept is checked; a concept with errors stops it again:
    exit code 1, no output, no temporary folder or LibreOffice process left behind."""
    bad = tmp_path / "fehler.yaml"
    bad.write_text(RICH.read_text(encoding="utf-8").replace("format_version: 1", "format_version: 7"), encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(bad), "-o", str(out), "--pdf"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Es wurde nichts geschrieben" in result.stderr
    assert not out.exists() and not out.with_suffix(".pdf").exists()
    assert list(temp.iterdir()) == []  # document, PDF and LibreOffice profile removed
    if shutil.which("pgrep"):
        leftover = subprocess.run(["pgrep", "-f", f"UserInstallation=file://{temp}"], capture_output=True, text=True)
        assert leftover.stdout.strip() == "", "LibreOffice still running"


@needs_libreoffice
def test_libreoffice_never_needs_more_lines_in_a_chart_box_than_we_computed(tmp_path):
    """The box heights come from our own wrap of each text (Helvetica widths, a safety margin): for every
    paragraph of every box, LibreOffice prints the same text in at most as many lines (one chart per page,
    at the full and at a narrower width)."""
    import html
    import io

    import docx

    from integconcept.render.charts import org_charts
    from integconcept.render.drawingml import chart_drawing
    from integconcept.render.pdf import check_pdf_tools, docx_to_pdf
    from integconcept.commands.validate import validate_file

    from .conftest import EXAMPLES, UNNA

    def key(text: str) -> str:  # the text without spaces and hyphens (a wrapped line may end in either)
        return re.sub(r"[\s\-\u00ad]", "", text)

    document = docx.Document()
    pages = []  # per page: the boxes as [(key, computed lines) per paragraph]
    for width_cm in (16.0, 12.0):
        for chart in org_charts(validate_file(str(UNNA)).concept, EXAMPLES):
            diagram = chart.diagram(width_cm)
            if pages:
                document.add_page_break()
            document.add_paragraph().add_run()._r.append(
                chart_drawing(
                    diagram, shape_id=100 * (len(pages) + 1), name="x", title=chart.title, descr=chart.alt_text
                )
            )
            pages.append([[(key(p.text), len(p.lines)) for p in box.paragraphs] for box in diagram.boxes])
    buffer = io.BytesIO()
    document.save(buffer)
    pdf = tmp_path / "charts.pdf"
    pdf.write_bytes(docx_to_pdf(buffer.getvalue(), check_pdf_tools()))
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed_pages = re.findall(r"<page[^>]*>(.*?)</page>", layout, re.S)
    assert len(printed_pages) == len(pages)
    checked = 0
    for boxes, page in zip(pages, printed_pages):
        for block in re.findall(r"<block[^>]*>(.*?)</block>", page, re.S):
            lines = [
                html.unescape("".join(re.findall(r"<word[^>]*>(.*?)</word>", line)))
                for line in re.findall(r"<line[^>]*>(.*?)</line>", block, re.S)
            ]
            text = key("".join(lines))
            # a block is one or more consecutive paragraphs of one box
            matches = [
                sum(n for _, n in paragraphs[i:j])
                for paragraphs in boxes
                for i in range(len(paragraphs))
                for j in range(i + 1, len(paragraphs) + 1)
                if "".join(k for k, _ in paragraphs[i:j]) == text
            ]
            assert matches, f"LibreOffice printed text that is in no box: {lines}"
            assert len(lines) <= min(matches), lines
            checked += len(lines)
    assert checked > 100

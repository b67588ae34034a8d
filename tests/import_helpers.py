"""Helpers for the import tests: the prose-line measure and Word documents built in the test."""

from __future__ import annotations

import re
from pathlib import Path

#: The full text of the adopted Unna concept (seeds/003_4e7e70826374b383.txt, extracted from its PDF), kept
#: here so that the round-trip measure runs on a clean clone.
SEED = Path(__file__).resolve().parent / "data" / "seed-003-kreis-unna-2012.txt"
_DATE_PREFIX = re.compile(
    r"^(\d{1,2}\.\d{1,2}\./)?\d{1,2}\.\s*(\d{1,2}\.\d{4}|\w+ \d{4})\s+|^Anfang \w+\s+|^Anschließend\s+"
)


def norm(text: str) -> str:
    """Compare words, not layout: markup, list markers, quotes and spacing do not count."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    text = re.sub(r"[*_\\¹]", "", text)
    text = re.sub(r"[„“”\"‚‘’']", "'", text)
    return " ".join(text.split()).lower()


_SECTION_NUMBER = re.compile(r"^\d+(?:\s?\.\s?\d+)*\s?\.\s+|^\d+(?:\.\d+)+\s+")
_FIELD_LABEL = re.compile(r"^[A-ZÄÖÜ][\w-]*(?: [\w-]+){0,2}:\s+(?=\S)")


def prose_lines(seed_text: str) -> list[str]:
    """The seed's prose lines, in the words that a concept file holds.

    A prose line is running text or a list item of at least five words. Not prose: the table of
    contents (a tab and a page number at the end), table rows (tab-separated), the HTML fragments
    of the KI task matrix, and labels (a short line ending in a colon, e.g. "Es soll erreicht werden
    durch:", which the renderer prints itself). Layout is taken off each line before comparing: list
    markers and section numbers, the date in front of an item of the dated approval list (it becomes
    the step's ``date``), a field label in front ("Ziel:", "Quelle:", "Vorsitz des Netzwerkes:" – the
    value goes into that field), trailing punctuation and footnote marks."""
    out = []
    for raw in seed_text.splitlines():
        line = raw.strip()
        if not line or "\t" in raw or line.startswith("<"):
            continue
        if line.endswith(":") and len(line.split()) < 6:
            continue
        line = re.sub(r"^(- |\d+\. (?=[a-zäöü]))", "", line).strip()
        line = _DATE_PREFIX.sub("", line)
        line = _SECTION_NUMBER.sub("", line)
        line = _FIELD_LABEL.sub("", line)
        line = line.replace("¹", "").rstrip(",;. ")
        if len(line.split()) >= 5:
            out.append(line)
    return out


def held_fraction(lines: list[str], corpus: str) -> tuple[float, list[str]]:
    haystack = norm(corpus)
    missing = [line for line in lines if norm(line) not in haystack]
    return 1 - len(missing) / len(lines), missing


def all_text(data) -> str:
    """Every string value of a loaded concept file, in its markup and as plain text."""
    from integconcept.document import markup

    from integconcept.document.walk import plain_nodes

    texts: list[str] = []
    for node in plain_nodes(data):
        if isinstance(node, dict) and isinstance(node.get("name"), str) and "count" in node:  # a partner as printed
            note = f" ({node['note']})" if node.get("note") else ""
            texts.append(f"{node['count']} {node['name']}{note}")
        elif isinstance(node, str):
            texts.append(node)
            texts.append(markup.plain_text(node))
    return "\n".join(texts)


# ---------------------------------------------------------------------------- building test documents

ROOT = Path(__file__).resolve().parent.parent
UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def bold_line(doc, text: str, size: int | None = None):
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return paragraph


def add_text_box(paragraph, text: str) -> None:
    """A floating text box as Word writes it: the DrawingML shape and the VML fallback hold the same text."""
    from docx.oxml import parse_xml

    body = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    xml = (
        f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        f"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{body}</wps:txbx></wps:wsp></a:graphicData>"
        f"</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{body}"
        f"</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def add_link(paragraph, text: str, url: str) -> None:
    """A hyperlink as Word writes it: the address in the relationships, the text in the paragraph."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        )
    )


def add_tracked(paragraph, inserted: str, deleted: str) -> None:
    """An insertion and a deletion recorded by Word's change tracking (not accepted yet)."""
    from docx.oxml import parse_xml

    paragraph._p.append(
        parse_xml(
            f'<w:ins {_NS} w:id="1" w:author="A" w:date="2013-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">'
            f"{inserted}</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {_NS} w:id="2" w:author="A" w:date="2013-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">'
            f"{deleted}</w:delText></w:r></w:del>"
        )
    )


def merge_row(table, row: int) -> None:
    cells = table.rows[row].cells
    cells[0].merge(cells[-1])


def typed_concept(path: Path, *, tracked: bool | None = None) -> Path:
    """A concept typed by hand in Word: bold lines with typed section numbers instead of heading
    styles, a typed table of contents, typed bullets and numbers, a dated list as the approval
    process, a text box, tables with merged cells. ``tracked``: None = no change tracking,
    False = the changes already accepted, True = the changes still recorded (not accepted)."""
    import docx

    doc = docx.Document()
    bold_line(doc, "Kreis Soest", 20)
    bold_line(doc, "Integrationskonzept für den Kreis Soest", 24)
    doc.add_paragraph("Kreistagsbeschluss vom 12.12.2013")
    doc.add_paragraph("Inhalt")
    doc.add_paragraph("1. Präambel\t3")
    doc.add_paragraph("2. Integrationsleitziele\t4")
    bold_line(doc, "1. Präambel", 14)
    intro = doc.add_paragraph(
        "Der Kreis Soest hat rund 300.000 Einwohnerinnen und Einwohner in 14 Städten und Gemeinden."
    )
    if tracked is True:
        add_tracked(intro, " Die Zahl steigt seit Jahren.", " Die Zahl sinkt leicht.")
    elif tracked is False:
        intro.add_run(" Die Zahl steigt seit Jahren.")
    doc.add_paragraph("Schwerpunkte der bisherigen Arbeit waren:")
    doc.add_paragraph("•\tSprachförderung in den Kindertageseinrichtungen des Kreises")
    doc.add_paragraph("•\tÜbergang von der Schule in den Beruf für junge Zugewanderte")
    doc.add_paragraph("–\tBeratung von Migrantenorganisationen und Vereinen im Kreis")
    box = doc.add_paragraph("Hinweis am Rand:")
    add_text_box(box, "Das Konzept entstand in 15 Werkstätten mit über 400 Beteiligten.")
    table = doc.add_table(rows=4, cols=3)
    for row, values in enumerate(
        [
            ("Werkstatt", "Ort", "Teilnehmende"),
            ("Bildung", "Soest", "80"),
            ("", "Lippstadt", "60"),
            ("Summe der Werkstätten: 140", "", ""),
        ]
    ):
        for col, value in enumerate(values):
            table.rows[row].cells[col].text = value
    table.rows[1].cells[0].merge(table.rows[2].cells[0])  # vertical merge
    merge_row(table, 3)  # a row across the table
    bold_line(doc, "2. Integrationsleitziele", 14)
    doc.add_paragraph("Der Kreistag hat die folgenden Leitziele beraten.")
    bold_line(doc, "2.1 Handlungsfeld Bildung")
    doc.add_paragraph("Ziel: Gleiche Bildungschancen für alle Kinder und Jugendlichen im Kreis Soest")
    doc.add_paragraph("Es soll erreicht werden durch:")
    doc.add_paragraph("1)\tden Ausbau der Sprachförderung in allen Kitas des Kreises")
    doc.add_paragraph("2)\tdie Beratung der Eltern in ihrer Herkunftssprache")
    bold_line(doc, "3. Informations- und Abstimmungsprozess", 14)
    doc.add_paragraph("Der Entwurf wurde folgenden Gremien vorgelegt:")
    doc.add_paragraph("-\t02. September 2013 Verwaltungsvorstand: Beratung des Entwurfs")
    doc.add_paragraph("-\tAnschließend Weitergabe des Entwurfs an die 14 Städte und Gemeinden")
    doc.add_paragraph("-\t12. November 2013 Ausschuss für Soziales und Gesundheit zur Beratung")
    doc.add_paragraph("-\t12.12.2013 Kreistag zur Beschlussfassung")
    doc.add_paragraph("-\tAnfang Januar Antragstellung beim Land NRW")
    bold_line(doc, "4. Anlagen", 14)
    doc.add_paragraph("Liste der Werkstätten und ihrer Ergebnisse (nur in der Papierfassung).")
    doc.save(path)
    return path


def styled_concept(path: Path) -> Path:
    """Headings by German style names ("Überschrift 1/2") and by a house style with an outline level;
    an approval table with a band row, a vertically merged body cell and a purpose column."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    doc = docx.Document()
    doc.styles["Heading 1"].name = "Überschrift 1"
    doc.styles["Heading 2"].name = "Überschrift 2"
    house = doc.styles.add_style("Kapitel Haus", WD_STYLE_TYPE.PARAGRAPH)
    house.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {_NS} w:val="0"/>'))
    doc.add_paragraph("Stadt Bielefeld", style="Title")
    doc.add_paragraph("Integrationskonzept 2024", style="Subtitle")
    doc.add_paragraph("Vorwort", style="Überschrift 1")
    intro = doc.add_paragraph("Bielefeld ist eine vielfältige Stadt mit Menschen aus über 140 Nationen. Mehr: ")
    add_link(intro, "Integrationsportal", "https://www.bielefeld.de/integration")
    doc.add_paragraph("Netzwerke und Gremien", style="Kapitel Haus")
    doc.add_paragraph("Integrationskonferenz", style="Überschrift 2")
    doc.add_paragraph("Die Konferenz tagt zweimal im Jahr und berät die Verwaltung.")
    doc.add_paragraph("Beratungsfolge", style="Überschrift 1")
    table = doc.add_table(rows=5, cols=4)
    rows = [
        ("Datum", "Gremium", "Zweck", "Gegenstand"),
        ("Vorberatung in den Fachausschüssen:", "", "", ""),
        ("05.03.2024", "Sozial- und Gesundheitsausschuss", "Beratung", "erste Lesung"),
        ("19.03.2024", "", "Beratung", "zweite Lesung"),
        ("25.04.2024", "Rat der Stadt Bielefeld", "Beschlussfassung", "Beschluss des Konzepts"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.rows[r].cells[c].text = value
    merge_row(table, 1)
    table.rows[2].cells[1].merge(table.rows[3].cells[1])
    doc.save(path)
    return path


def _cell(cell, label: str, items: list[str]) -> None:
    cell.text = ""
    first = cell.paragraphs[0]
    first.add_run(label).bold = True
    for item in items:
        cell.add_paragraph(item, style="List Bullet")


def ki_matrix_concept(path: Path) -> Path:
    """The KI's task overview as a matrix (areas as columns): a merged group row, the area names,
    a group row with Schwerpunktziel | Teilziele (the latter merged over two columns), rows per label;
    one cell left empty and one with its own label."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("Kreis Gütersloh", style="Title")
    doc.add_heading("Aufgaben des Kommunalen Integrationszentrums", 1)
    doc.add_paragraph("Die Übersicht zeigt die Aufgaben je Bereich.")
    table = doc.add_table(rows=6, cols=3)
    merge_row(table, 0)
    table.rows[0].cells[0].text = "BILDUNG und ERZIEHUNG"
    for cell, name in zip(table.rows[1].cells, ("Elementarbereich", "Schule", "Übergang Schule / Beruf")):
        cell.text = name
    _cell(table.rows[2].cells[0], "Schwerpunktziel", ["Sprachliche Bildung von Anfang an"])
    teil = table.rows[2].cells[1].merge(table.rows[2].cells[2])
    _cell(teil, "Teilziele", ["Qualifizierung von Fachkräften", "Vernetzung der Einrichtungen"])
    for cell, items in zip(
        table.rows[3].cells, (["Rucksack KiTa", "Griffbereit"], ["Rucksack Schule"], ["Berufsorientierung"])
    ):
        _cell(cell, "Produkte:", items)
    for cell, items in zip(table.rows[4].cells[:2], (["AK Kita"], ["DaZ-Forum"])):
        _cell(cell, "Moderation Facharbeitskreise/Netzwerke:", items)
    _cell(table.rows[5].cells[0], "Netzwerkmitgliedschaften:", ["Elternnetzwerk NRW"])
    _cell(table.rows[5].cells[1], "Netzwerkmitgliedschaften:", ["KI-Verbund NRW"])
    _cell(table.rows[5].cells[2], "Mitwirkung in Bündnissen:", ["Bündnis Ausbildung"])
    doc.save(path)
    return path


def _runs(paragraph, text: str) -> None:
    """Text with **bold** parts as runs (the seed marks bold lead-ins that way)."""
    for part in re.split(r"(\*\*[^*]+\*\*)", text):
        if part.startswith("**"):
            paragraph.add_run(part.strip("*")).bold = True
        elif part:
            paragraph.add_run(part)


_SEED_HEADING = re.compile(r"^\d+(?:\s?\.\s?\d+)*\s?\.?\s+[A-ZÄÖÜ„‚]")


def seed_document(path: Path) -> Path:
    """The seed text of the Unna concept typed into Word the way such documents are made: numbered headings
    typed in bold, "- " items as bulleted paragraphs (two leading spaces: second level), tab-separated lines
    as tables, the typed table of contents kept. The HTML fragments of the KI matrix are left out (they are
    not prose and not counted by :func:`prose_lines`)."""
    import docx

    doc = docx.Document()
    lines = SEED.read_text(encoding="utf-8").splitlines()
    table_rows: list[list[str]] = []

    def flush_table():
        if table_rows:
            width = max(len(r) for r in table_rows)
            table = doc.add_table(rows=len(table_rows), cols=width)
            for r, values in enumerate(table_rows):
                for c, value in enumerate(values):
                    table.rows[r].cells[c].text = value
            table_rows.clear()

    in_toc = False
    previous = ""
    for raw in lines:
        line = raw.rstrip()
        if "\t" in line and not in_toc and not re.search(r"\t\d+$", line):
            table_rows.append(line.split("\t"))
            continue
        flush_table()
        stripped = line.strip()
        if not stripped or stripped.startswith("<"):
            continue
        in_toc = stripped == "Inhalt" or (in_toc and bool(re.search(r"\t\d+$", line)))
        if in_toc:
            doc.add_paragraph(line)
        elif re.match(r"^ ?- ", line) and not re.match(r"^- \d+\. \w+ \d{4}|^- \d+\.\d+\./", line):
            level = 2 if line.startswith(" ") else 1
            _runs(doc.add_paragraph(style="List Bullet" if level == 1 else "List Bullet 2"), stripped[2:])
        elif (
            _SEED_HEADING.match(stripped)
            and len(stripped) < 160
            and not stripped.endswith((".", ","))
            and not re.match(r"^\d\. [a-zäöü]", previous)
            and previous != "und die"
        ):
            bold_line(doc, stripped, 14)
        else:
            _runs(doc.add_paragraph(), stripped[2:] if stripped.startswith("- ") else stripped)
        previous = stripped
    flush_table()
    doc.save(path)
    return path

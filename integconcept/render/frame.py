"""The document frame: properties, page setup, header and footer (with the draft watermark), title page
and table of contents. This is all the document prints that the concept file does not hold."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from integconcept.document.enums import LEGAL_BASIS_LABELS
from integconcept.render import outline as ol
from integconcept.render.emitter import Emitter, HeadingEntry
from integconcept.render.ooxml import (
    add_field,
    add_run,
    clear_header_footer,
    close_field,
    right_tab_stop,
    set_paragraph_numbering,
    w,
)

if TYPE_CHECKING:
    from integconcept.document.model import Concept

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
FIXED_EPOCH = dt.datetime(2000, 1, 1)
WATERMARK_TEXT = ol.WATERMARK_TEXT
DRAFT_HEADER_TEXT = "Entwurf"

_VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def set_properties(document, concept: Concept) -> None:
    """Core properties; the time stamps are fixed (adoption date or 2000-01-01) for reproducible output."""
    c = concept
    props = document.core_properties
    props.title = c.title
    props.author = c.authority.name
    props.last_modified_by = c.authority.name
    props.subject = c.subtitle or f"Integrationskonzept nach {LEGAL_BASIS_LABELS[c.legal_basis]}"
    # LibreOffice splits keywords at spaces when it reads a DOCX (the PDF said "§, 7, TIntG"): the parts of
    # one keyword are joined by no-break spaces, which Word shows as ordinary ones
    props.keywords = "; ".join(
        part.replace(" ", "\u00a0") for part in ("Integrationskonzept", LEGAL_BASIS_LABELS[c.legal_basis])
    )
    props.category = "Entwurf" if ol.is_draft(c) else "Beschlossen"
    props.comments = ""
    props.language = "de-DE"
    props.revision = 1
    stamp = FIXED_EPOCH
    if c.adoption and c.adoption.date:
        stamp = dt.datetime.combine(c.adoption.date.start, dt.time())
    props.created = props.modified = stamp
    if props.last_printed is not None:  # a county template may carry one
        props.last_printed = stamp
    set_generator(document)


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
    'openxmlformats.org/officeDocument/2006/extended-properties"><Application>{}</Application></Properties>'
)
_APPLICATION = re.compile(rb"<Application>[^<]*</Application>|<Application\s*/>")


def set_generator(document) -> None:
    """``docProps/app.xml`` names integconcept as the application that wrote the file (the template's may
    name Word). Word and LibreOffice write their own name there when a person saves the file; only a file
    still naming integconcept is replaced by a later ``render`` without --force (core/replace.py)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from integconcept.core.replace import DOCX_GENERATOR

    name = f"<Application>{DOCX_GENERATOR}</Application>".encode()
    package = document.part.package
    for part in package.parts:
        if part.partname == "/docProps/app.xml":
            blob = part.blob
            if _APPLICATION.search(blob):
                part._blob = _APPLICATION.sub(name, blob, count=1)
            else:
                part._blob = blob.replace(b"</Properties>", name + b"</Properties>", 1)
            return
    part = Part(
        PackURI("/docProps/app.xml"),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        _APP_XML.format(DOCX_GENERATOR).encode(),
        package,
    )
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = True  # w:titlePg: the title page has its own (empty) footer


def header_footer(em: Emitter, concept: Concept, keep_template: bool = False) -> None:
    """Our header (short title, authority; "Entwurf" in drafts) and footer ("Seite x von y"); the title
    page has no footer. With ``keep_template`` the template's own header and footer stay; a draft still
    gets the watermark."""
    section = em.doc.sections[0]
    draft = ol.is_draft(concept)
    if keep_template:
        section.different_first_page_header_footer = False
        if draft:
            watermark(section.header)
        if not has_page_number(section.footer):  # a footer without page numbers gets ours
            section.footer.is_linked_to_previous = False
            page_number_line(em, section.footer)
        return
    clear_header_footer(section)
    header = section.header
    line = em.new_paragraph(header, "header")
    line.add_run(concept.short_title or concept.title)
    line.add_run("\t")
    line.add_run(concept.authority.name)
    right_tab_stop(line, section, em.style("header"))
    if draft:
        for target in (header, section.first_page_header):
            mark = em.new_paragraph(target, "header")
            mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            mark.add_run(DRAFT_HEADER_TEXT).bold = True
            watermark(target)
    else:
        em.new_paragraph(section.first_page_header, "header")
    page_number_line(em, section.footer)
    em.new_paragraph(section.first_page_footer, "footer")  # title page: no page number


def page_number_line(em: Emitter, footer) -> None:
    """ "Seite X von Y", centred, as the last paragraph of ``footer``."""
    line = em.new_paragraph(footer, "footer")
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line.add_run("Seite ")
    add_field(line, "PAGE", "1")
    line.add_run(" von ")
    add_field(line, "NUMPAGES", "1")


def has_page_number(part) -> bool:
    """Does a header or footer show the page number (a PAGE field, complex or simple)? A footer that
    is only inherited (no part of its own) has none."""
    if part.is_linked_to_previous:
        return False
    from docx.oxml.ns import qn

    element = part._element
    if any("PAGE" in (node.text or "").split() for node in element.iter(qn("w:instrText"))):
        return True
    return any("PAGE" in (node.get(qn("w:instr")) or "").split() for node in element.iter(qn("w:fldSimple")))


def watermark(header) -> None:
    """A diagonal, light grey "ENTWURF" behind the text of every page that uses this header: the VML
    text shape Word itself writes for a watermark (LibreOffice imports it as a watermark too)."""
    paragraph = header.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    pict = parse_xml(
        f"<w:pict {_W} {_VML}>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e">'
        '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
        '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>'
        '<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:453.5pt;height:113.35pt;rotation:315;'
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
        'fillcolor="#d9d9d9" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="{WATERMARK_TEXT}"/>'
        "</v:shape></w:pict>"
    )
    run = paragraph.add_run()
    run._r.append(pict)


def title_page(em: Emitter, concept: Concept) -> None:
    """Authority, title and subtitle as the original's cover; a draft says so and names the planned
    decision (:func:`.outline.cover` decides the lines). No legal basis or other labels the original does
    not print."""
    cover = ol.cover(concept)
    spacer = em.para()
    spacer.paragraph_format.space_before = Cm(4)
    em.para(text=cover.authority, style="subtitle")
    em.para(text=cover.title, style="title")
    if cover.subtitle:
        em.para(text=cover.subtitle, style="subtitle")
    if cover.draft:
        status = em.para()
        status.paragraph_format.space_before = Cm(2)
        run = status.add_run("Entwurf")
        run.bold = True
        run.font.size = Pt(16)
    if cover.decision:
        em.para(bold_prefix=cover.decision[0], text=cover.decision[1])
    if cover.reference:
        em.para(bold_prefix="Vorlage: ", text=cover.reference)
    em.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


class TableOfContents:
    """The "Inhalt" page: a real TOC field whose result is pre-filled with the headings (without page
    numbers), so the document shows a sensible table of contents before Word or LibreOffice update it."""

    def __init__(self, em: Emitter):
        self.em = em
        heading = em.para(text="Inhalt", style="toc_heading")
        # "TOC Heading" is usually based on Heading 1: keep it out of the numbering and out of the TOC
        set_paragraph_numbering(heading, 0, 0)
        heading._p.get_or_add_pPr().append(w("outlineLvl", val=9))
        self.anchor = em.para(style="toc1")

    def fill(self, headings: list[HeadingEntry]) -> None:
        em = self.em
        entries = [h for h in headings if h.level <= 3] or [
            HeadingEntry(1, "", "Inhaltsverzeichnis: bitte Felder aktualisieren (F9)")
        ]
        first = self.anchor
        first.style = em.style(f"toc{entries[0].level}")
        paragraphs = [first]
        previous = first
        for entry in entries[1:]:
            paragraph = em.new_paragraph(None, f"toc{entry.level}")
            previous._p.addnext(paragraph._p)
            previous = paragraph
            paragraphs.append(paragraph)
        first_entry = f"{entries[0].number} {entries[0].text}".strip()
        add_field(first, TOC_INSTRUCTION, first_entry, close=False)
        for paragraph, entry in zip(paragraphs[1:], entries[1:]):
            add_run(paragraph._p, f"{entry.number} {entry.text}".strip())  # paragraph.add_run(text)
        close_field(paragraphs[-1])
        after = em.new_paragraph()
        paragraphs[-1]._p.addnext(after._p)
        after.add_run().add_break(WD_BREAK.PAGE)

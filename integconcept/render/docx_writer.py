"""Build the Word document of a concept: the frame (frame.py) around the sections (sections.py).

Where things are:
- emitter.py – free text with markup, lists, footnotes, headings (the markup emitter);
- tables.py – tables with explicit widths from the section's text width, row and page-break rules;
- figures.py – the charts (charts.py) as inline pictures with caption, note and alt text;
- frame.py – document properties, page setup, header/footer and watermark, title page, TOC;
- sections.py – the chapters in the order of the Kreis Unna original;
- ooxml.py – the WordprocessingML pieces python-docx has no API for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from integconcept.render import frame
from integconcept.render.emitter import Emitter
from integconcept.render.figures import ChartSource
from integconcept.render.ooxml import set_update_fields
from integconcept.render.sections import Sections
from integconcept.render.template import Template

if TYPE_CHECKING:
    from integconcept.document.model import Concept

_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


class DocxWriter:
    def __init__(
        self, concept: Concept, template: Template, keep_header: bool = False, charts: ChartSource | None = None
    ):
        self.concept = concept
        self.doc = template.document
        self.keep_header = keep_header
        self.charts = charts
        declared_fonts_win(self.doc.styles.element)
        self.emitter = Emitter(self.doc, template.style_ids)

    @property
    def headings(self):
        return self.emitter.headings

    def build(self):
        em = self.emitter
        frame.set_properties(self.doc, self.concept)
        frame.page_setup(self.doc)
        frame.header_footer(em, self.concept, keep_template=self.keep_header)
        frame.title_page(em, self.concept)
        toc = frame.TableOfContents(em)
        Sections(em, self.concept, self.charts).build()
        toc.fill(em.headings)
        set_update_fields(self.doc.settings.element)
        return self.doc


def declared_fonts_win(styles_element) -> None:
    """Where a style names a font and also a theme font, Word and LibreOffice use the theme font
    (python-docx's own template does this for its headings). Drop the theme reference so the declared
    font is the one shown."""
    for fonts in styles_element.iter(qn("w:rFonts")):
        if fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")):
            for attr in _THEME_FONT_ATTRS:
                fonts.attrib.pop(qn(f"w:{attr}"), None)

"""Committee papers in the county's template: the frame the Beschlussvorlage, the Synopse and the
Abwägungstabelle share.

A paper is a python-docx document made from the template (``render.template.load_template``: only the
template's styles, page set-up and theme are taken, never its content). It has a page header (subject
left, authority right), a footer "Seite X von Y" that the first page may leave out (a title page), tables
with fixed widths in the template's table style whose header rows repeat and whose last row never stands
alone on a page, and the same bytes for the same input.
"""

from __future__ import annotations

import datetime as dt

from integconcept.core.german import MONTHS_DE

MISSING = "(bitte ergänzen)"
FIXED_STAMP = dt.datetime(2000, 1, 1)


def german_day(day: dt.date) -> str:
    """30.10.2012 – the date form council papers use."""
    return f"{day:%d.%m.%Y}"


def german_date(value) -> str:
    """A VagueDate as printed in a paper: „30.10.2012“, „November 2012“, „Anfang November 2012“."""
    if value is None:
        return ""
    if value.is_exact:
        return german_day(value.start)
    return value.german()


def long_german_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}"


_UNUSED_STYLES = {"Footnote Text", "Footnote Reference", "TOC Heading", "TOC 1", "TOC 2", "TOC 3"}


def _only_unused_styles(warning: str) -> bool:
    import re

    named = set(re.findall(r"„([^“]+)“", warning.split(":", 1)[-1])) if "Formatvorlage" in warning else set()
    return bool(named) and named <= _UNUSED_STYLES


class Paper:
    """A Word document in the template: paragraphs, headings, tables, header and footer."""

    def __init__(self, template_path: str | None):
        from integconcept.render.template import load_template

        template = load_template(template_path)
        self.doc = template.document
        self.style_ids = template.style_ids
        # a missing style a paper never uses (footnotes, table of contents) is no news for its reader
        self.warnings = [w for w in template.warnings if not _only_unused_styles(w)]
        from integconcept.render.tables import last_section, text_width_cm

        self.width = text_width_cm(last_section(self.doc))

    # ------------------------------------------------------------------ styles and text

    def style(self, key: str):
        from docx.enum.style import WD_STYLE_TYPE

        kind = WD_STYLE_TYPE.TABLE if key == "table" else WD_STYLE_TYPE.PARAGRAPH
        return self.doc.styles.get_by_id(self.style_ids[key], kind)

    def para(
        self,
        text: str = "",
        style: str | None = None,
        *,
        bold_prefix: str | None = None,
        bold: bool = False,
        italic: bool = False,
        container=None,
        after_table: bool = False,
    ):
        from docx.shared import Pt

        container = container if container is not None else self.doc
        paragraph = container.add_paragraph(style=self.style(style) if style else None)
        if after_table:  # a table has no space below it: keep the next line from sticking to it
            paragraph.paragraph_format.space_before = Pt(6)
        if bold_prefix:
            paragraph.add_run(bold_prefix).bold = True
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
        return paragraph

    def heading(self, text: str, level: int = 1):
        from integconcept.render.ooxml import keep_with_next

        paragraph = self.para(text, f"heading{level}")
        keep_with_next(paragraph._p)
        return paragraph

    def bullets(self, items: list[str], container=None) -> None:
        for item in items:
            self.para(item, "list_bullet", container=container)

    def numbered(self, items: list[str]) -> None:
        """A numbered list typed as text ("1.", "2." …): the number belongs to the item (an Anlage is cited
        by its number) and survives any template's list definitions."""
        from docx.shared import Cm

        for number, item in enumerate(items, 1):
            paragraph = self.para(f"{number}.\t{item}")
            paragraph.paragraph_format.left_indent = Cm(0.8)
            paragraph.paragraph_format.first_line_indent = Cm(-0.8)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.8))

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # ------------------------------------------------------------------ tables

    def table(self, fractions: list[float], header: list[str] | None = None, *, borders: bool = True):
        from integconcept.render import tables as tb

        widths = tb.split_width(self.width, fractions)
        table = tb.add_table(self.doc, widths, self.style_ids.get("table"), header=header, borders=borders)
        table._integconcept_widths = widths
        return table

    def row(self, table, values: list[str], *, bold: bool = False):
        """A row of plain texts; a text with line breaks ("\\n") becomes paragraphs in its cell."""
        from integconcept.render import tables as tb

        widths = table._integconcept_widths
        row = tb.add_row(table, widths, [v if "\n" not in v else "" for v in values], bold=bold)
        for index, value in enumerate(values):
            if "\n" in value:
                cell = tb.cell(row, index)
                lines = value.split("\n")
                cell.paragraphs[0].add_run(lines[0]).bold = bold or None
                for line in lines[1:]:
                    cell.add_paragraph().add_run(line).bold = bold or None
        return row

    def finish(self, table, size: float | None = None) -> None:
        from integconcept.render import tables as tb

        tb.finish(table)
        if size:
            tb.font_size(table, size)

    # ------------------------------------------------------------------ frame

    def properties(self, title: str, author: str, subject: str) -> None:
        props = self.doc.core_properties
        props.title = title[:255]
        props.author = author[:255]
        props.last_modified_by = author[:255]
        props.subject = subject[:255]
        props.keywords = ""
        props.comments = ""
        props.category = ""
        props.language = "de-DE"
        props.revision = 1
        props.created = props.modified = FIXED_STAMP
        if props.last_printed is not None:
            props.last_printed = FIXED_STAMP
        from integconcept.render.frame import set_generator

        set_generator(self.doc)  # an earlier output of integconcept may be replaced (core/replace.py)

    def header_footer(self, left: str, right: str, *, title_page: bool = False) -> None:
        """Header "left ⇥ right" and footer "Seite X von Y"; with ``title_page`` the first page has neither."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from integconcept.render.ooxml import add_field, clear_header_footer, right_tab_stop

        section = self.doc.sections[0]
        section.different_first_page_header_footer = title_page
        clear_header_footer(section)
        header = section.header.add_paragraph(style=self.style("header"))
        header.add_run(left)
        header.add_run("\t")
        header.add_run(right)
        right_tab_stop(header, section, self.style("header"))
        footer = section.footer.add_paragraph(style=self.style("footer"))
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" von ")
        add_field(footer, "NUMPAGES", "1")
        # the first page's parts stay empty (a title page); they must exist, else Word shows the default ones
        section.first_page_header.add_paragraph(style=self.style("header"))
        section.first_page_footer.add_paragraph(style=self.style("footer"))

    def save(self) -> bytes:
        from integconcept.render.ooxml import save_deterministic

        return save_deterministic(self.doc)

"""The chapters of the Word document: the blocks of :mod:`.outline` written with python-docx.

What is printed, in which order, with which titles, labels and cell texts is decided in
:mod:`.outline` (shared with the HTML preview); this module decides only how the blocks look in Word:
styles, table widths and fonts, shading of the KI matrix, rows kept together, captions kept with
their tables and figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from integconcept.render import outline as ol
from integconcept.render import tables as tb
from integconcept.render.emitter import Emitter
from integconcept.render.figures import ChartSource, emit_figure
from integconcept.render.ooxml import RPR_ORDER, add_run, keep_with_next, ordered_child

# the names the content decisions had here before outline.py (kept importable)
from integconcept.render.outline import (  # noqa: F401
    KI_ASPECTS,
    NBSP,
    joined_dates,
    joined_descriptions,
    print_lines as _print_lines,
    shown,
)

if TYPE_CHECKING:
    from integconcept.document.model import Concept

GROUP_FILL = "1F3A5F"
AREA_FILL = "D9E2F3"


class Sections:
    #: The cells of the population table, the KI matrix and the steps get their font size (and spacing) as
    #: they are written (``Emitter.cell_format``, rows and list items copied ready-formatted), not by
    #: ``tables.font_size`` over the finished table; the same XML (tests/test_render_output.py holds the two
    #: equal), without a second pass over their thousands of paragraphs and runs.
    INLINE_CELL_FORMAT = True

    def __init__(self, em: Emitter, concept: Concept, charts: ChartSource | None = None):
        self.em = em
        self.concept = concept
        self.draft = ol.is_draft(concept)
        self.charts = charts or ChartSource()

    def build(self) -> None:
        em = self.em
        for block in ol.outline(self.concept, self.charts, draft=self.draft):
            kind = type(block)
            if kind is ol.At:
                em.where = block.path
            elif kind is ol.Heading:
                em.heading(block.text, block.level)
            elif kind is ol.Subheading:
                em.subheading(block.text, block.depth)
            elif kind is ol.Text:
                em.text(block.value, prefix=block.prefix, lead_in=block.lead_in, style=block.style)
            elif kind is ol.Para:
                em.para(text=block.text, style=block.style, bold_prefix=block.bold_prefix)
            elif kind is ol.Label:
                em.label(block.text)
            elif kind is ol.Items:
                em.item_list(block.items, ordered=block.ordered)
            elif kind is ol.Open:
                em.open_marker()
            elif kind is ol.KeepWithNext:
                assert em.last is not None, "KeepWithNext follows a paragraph"
                keep_with_next(em.last._p)
            elif kind is ol.Spacer:
                em.para()
            elif kind is ol.PopulationTable:
                self.population_table(block)
            elif kind is ol.MatrixGroup:
                self.ki_matrix(block)
            elif kind is ol.StepTable:
                self.steps(block)
            elif kind is ol.StaffTable:
                self.staff_table(block)
            elif kind is ol.Figure:
                emit_figure(em, block.chart, title=block.title, note=block.note)
            else:  # pragma: no cover - a new block type must be written here
                raise TypeError(f"unknown outline block {kind.__name__}")

    def text_width(self) -> float:
        return tb.text_width_cm(tb.last_section(self.em.doc))

    # ------------------------------------------------------------------ 1. the population table

    def population_table(self, t: ol.PopulationTable) -> None:
        em = self.em
        columns = len(t.header) - 1
        # as in the original: title, then the source, then the table
        caption = em.para(text=t.title, style="caption")
        keep_with_next(caption._p)
        source_line = em.para(text=t.source, style="caption")
        keep_with_next(source_line._p)
        # the name column fits the longest name at 9.5 pt (about 0.21 cm per character plus padding)
        names = [t.header[0]] + [row[0] for row in t.rows] + ([t.total[0]] if t.total else [])
        longest = max(len(name) for name in names)
        name_width = min(max(2.2, round(longest * 0.21 + 0.3, 2)), 0.3 * self.text_width())
        rest = self.text_width() - name_width
        widths = tb.split_width(self.text_width(), [name_width] + [rest / max(1, columns)] * columns)
        right = set(range(1, columns + 1))
        # seven columns on A4 portrait: a slightly smaller font
        cell_format = tb.CellFormat(9.5) if self.INLINE_CELL_FORMAT else None
        table = tb.add_table(
            em.doc, widths, em.table_style_id, header=t.header, cell_margin=70, cell_format=cell_format
        )
        for index, header_cell in enumerate(table.rows[0].cells):
            if index in right:
                header_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        with em.formatting_cells(cell_format):
            for index, row in enumerate(t.rows):
                em.where = ("preamble", "population_table", "rows", index)
                em.add_row(table, widths, row, align_right=right)
            if t.total:
                em.add_row(table, widths, t.total, bold=True, align_right=right)
        tb.finish(table)
        if cell_format is None:
            tb.font_size(table, 9.5)
        for cell in table.rows[0].cells:  # headings like "Insgesamt" fit their column also in a wide serif
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8.5)

    # ------------------------------------------------------------------ 3.3 the KI task matrix

    def ki_matrix(self, group: ol.MatrixGroup) -> None:
        """One table per group ("Bildung und Erziehung", "Querschnitt") with its areas as columns; the
        group's Schwerpunktziel and Teilziele side by side over the columns, then one row per aspect with
        the aspect label at the top of each cell. The group and area names repeat on every page. Text in
        9 pt, compact (:func:`tables.font_size`)."""
        em = self.em
        n = max(1, len(group.areas))
        widths = tb.split_width(self.text_width(), [1.0] * n)
        table = tb.add_table(em.doc, widths, em.table_style_id, cell_margin=70)
        cell_format = tb.CellFormat(9, compact=True) if self.INLINE_CELL_FORMAT else None
        with em.formatting_cells(cell_format):
            band = em.add_row(table, widths)
            cell = tb.span_to_end(band)
            _shade_text(cell, group.name, GROUP_FILL, white=True, cell_format=cell_format)
            tb.repeat_as_header(band)
            if group.areas:
                names = em.add_row(table, widths)
                for area_cell, area in zip(tb.cells(names), group.areas):
                    _shade_text(area_cell, area, AREA_FILL, cell_format=cell_format)
                tb.repeat_as_header(names)
            if group.goal_cells:
                row = em.add_row(table, widths)
                for position, (first, aspects) in enumerate(group.goal_cells):
                    last = position == len(group.goal_cells) - 1
                    target = tb.span_to_end(row, first) if last else tb.cell(row, first)
                    for aspect in aspects:
                        self._aspect_cell(target, aspect)
            for cells in group.rows:
                row = em.add_row(table, widths)
                for area_cell, aspects in zip(tb.cells(row), cells):
                    for aspect in aspects:
                        self._aspect_cell(area_cell, aspect)
        tb.finish(table)
        if cell_format is None:
            tb.font_size(table, 9, compact=True)

    def _aspect_cell(self, cell, aspect: ol.Aspect) -> None:
        em = self.em
        # a line may break after "/" in a long label ("Facharbeitskreise/Netzwerke:"), not inside a word
        em.para(cell, bold_prefix=aspect.label.replace("/", "/\u200b"))
        em.item_list(aspect.items, container=cell)
        tb.drop_first_empty(cell)

    # ------------------------------------------------------------------ staffing, funding, passing on

    def staff_table(self, t: ol.StaffTable) -> None:
        em = self.em
        widths = tb.split_width(self.text_width(), list(t.widths))
        table = tb.add_table(em.doc, widths, em.table_style_id, header=t.header)
        right = set(t.right)
        for row in t.rows:
            em.add_row(table, widths, row, align_right=right)
        if t.total:
            em.add_row(table, widths, t.total, bold=True, align_right=right)
        tb.finish(table)

    # ------------------------------------------------------------------ 5. approval process

    def steps(self, t: ol.StepTable) -> None:
        """The original prints the steps as a list "date – what happened"; here a borderless two-column
        table (date | description) keeps the dates in one column, unbroken."""
        em = self.em
        width = self.text_width()
        # the date column fits the longest date at 10.5 pt (about 0.21 cm per character plus the cell margins)
        date_width = min(max(3.0, round(t.date_chars * 0.21 + 0.5, 1)), 0.4 * width)
        widths = tb.split_width(width, [date_width, width - date_width])
        table = tb.add_table(em.doc, widths, em.table_style_id, borders=False)
        cell_format = tb.CellFormat(10.5) if self.INLINE_CELL_FORMAT else None
        with em.formatting_cells(cell_format):
            for line in t.lines:
                em.where = ("approval_process", "steps", line.index)
                row = em.add_row(table, widths)
                date = tb.add_text(tb.cell(row, 0), line.date)
                if cell_format is not None:
                    cell_format.run(date)
                cell = tb.cell(row, 1)
                em.text(line.text, container=cell)
                for recipients, note in line.extras:
                    if recipients:
                        em.item_list(recipients, container=cell)
                    if note:
                        em.text(note, container=cell)
                tb.drop_first_empty(cell)
        tb.finish(table)
        if cell_format is None:
            tb.font_size(table, 10.5)


_P, _VAL = qn("w:p"), qn("w:val")


def _shade_text(cell, text: str, fill: str, white: bool = False, cell_format: tb.CellFormat | None = None) -> None:
    """Bold ``text`` (white with ``white``) on ``fill``: what python-docx's ``cell.paragraphs[0].add_run(text)``,
    ``run.bold = True`` and ``run.font.color.rgb`` write, directly (ooxml); with the table's ``cell_format``."""
    tb.shade(cell, fill)
    r = add_run(cell._tc.find(_P), text, bold=True)
    if cell_format is not None:
        cell_format.run(r)
    if white:
        ordered_child(r[0], "w:color", RPR_ORDER).set(_VAL, str(RGBColor(0xFF, 0xFF, 0xFF)))

"""The markup emitter: free text (see :mod:`integconcept.document.markup`) and headings as Word paragraphs.

Everything that writes running text into the document goes through :class:`Emitter`: paragraphs,
labels, nested lists (real Word numbering), bold/italic runs, footnotes, numbered headings and
unnumbered sub-headings. Styles are looked up once per key and cached.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from integconcept.document import markup
from integconcept.render import tables
from integconcept.render.ooxml import (
    Footnotes,
    Numbering,
    add_run,
    append_text,
    clone,
    keep_with_next,
    link_style_numbering,
    make,
    set_left_indent,
    set_paragraph_numbering,
    set_space_after,
)

_VAL = qn("w:val")

HEADING_LEVELS = 4

#: The most one rendered document may hold (README, "Grenzen"). A real concept stays far below (Kreis
#: Unna: 470 paragraphs, 245 lines and markup signs, 1 footnote; a hundred times Unna: 30,134, 8,064
#: and 100), and a document at these limits is written within 2 s (``bench/extreme.py``). Without them
#: a 5 MB file of tiny paragraphs, list items or footnotes took 10 to 30 s and up to 1.6 GB of memory.
MAX_PARAGRAPHS = 40_000  # paragraphs, list items and table cells, also in footnotes
MAX_MARKUP = 60_000  # lines and markup signs (* _ ^ [ ] \ `) of the free texts, counted before parsing
MAX_FOOTNOTES = 2_000
_MARKUP_SIGNS = "\n*_^[]\\`"

# "(noch offen)", markup escaping and footnote flattening are format-neutral (outline.py, also used by
# the HTML preview); kept importable from here
from integconcept.render.outline import OPEN, escape, flatten_footnote as _flatten, next_number  # noqa: E402,F401


@dataclass
class HeadingEntry:
    level: int  # 1..4
    number: str  # "3.1", "" for an unnumbered sub-heading
    text: str


class DocumentTooLarge(Exception):
    """The document would exceed one of the limits above; ``where`` is the concept's path being written,
    ``text`` the free text being parsed then (if any)."""

    def __init__(self, message: str, where: tuple, text: str | list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.text = text


_TOO_LARGE = {
    "paragraphs": (MAX_PARAGRAPHS, "Absätze (Listenpunkte, Tabellenzellen und Fußnotenabsätze mitgezählt)"),
    "markup": (MAX_MARKUP, "Zeilen und Auszeichnungszeichen (* _ ^ [ ] \\ `) in den Freitexten"),
    "footnotes": (MAX_FOOTNOTES, "Fußnoten"),
}


class Emitter:
    """Writes paragraphs, lists, footnotes and headings into a python-docx document."""

    def __init__(self, document, style_ids: dict[str, str]):
        self.doc = document
        self.style_ids = style_ids
        self._styles: dict[str, object] = {}
        self.numbering = Numbering(document)
        heading_styles = [style_ids[f"heading{level}"] for level in range(1, HEADING_LEVELS + 1)]
        heading_num = self.numbering.heading_numbering(heading_styles)
        by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
        for level, style_id in enumerate(heading_styles):
            link_style_numbering(by_id[style_id], heading_num, level)
        self.footnotes = Footnotes(document, style_ids["footnote_text"], style_ids["footnote_reference"])
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default_style_id = default.style_id if default is not None else None
        #: the table style's id for w:tblStyle, None when it is the template's default table style (as
        #: python-docx's ``table.style = …`` writes it)
        table_default = document.styles.default(WD_STYLE_TYPE.TABLE)
        table_id = style_ids["table"]
        self.table_style_id = None if table_default is not None and table_default.style_id == table_id else table_id
        self._body = document._body
        self._body_end = document.element.body.find(qn("w:sectPr"))  # paragraphs go before it
        self.headings: list[HeadingEntry] = []
        self._counters = [0] * HEADING_LEVELS
        self._level = 0  # level of the last numbered heading
        self.last: Paragraph | None = None  # the paragraph written last by para()
        #: empty paragraphs (their w:pPr) by style and numbering, copied for each new paragraph
        self._templates: dict[tuple, object] = {}
        #: what the document holds so far, against the MAX_* limits; ``where``: the part of the concept
        #: being written (set by the sections), for the message when a limit is reached
        self.counts = {"paragraphs": 0, "markup": 0, "footnotes": 0}
        self.where: tuple = ()
        #: set while a table is written whose cells get a font size (and spacing) as they are written
        #: (:class:`tables.CellFormat`) instead of by ``tables.font_size`` once the table is finished
        self.cell_format: tables.CellFormat | None = None
        # the free text (or list of texts) being written, for the same message
        self._current: str | list[str] | None = None

    # ------------------------------------------------------------------ styles

    def style(self, key: str):
        """The python-docx style object for a key of template.REQUIRED_STYLES (cached)."""
        style = self._styles.get(key)
        if style is None:
            kind = WD_STYLE_TYPE.TABLE if key == "table" else WD_STYLE_TYPE.PARAGRAPH
            style = self._styles[key] = self.doc.styles.get_by_id(self.style_ids[key], kind)
        return style

    def new_paragraph(self, container=None, style: str | None = None, text: str = ""):
        """A paragraph at the end of ``container`` (the document body when None or the document, a table
        cell, a header or footer) in the template style of key ``style``, with ``text`` in one run.

        The XML is what python-docx's ``add_paragraph(text, style)`` writes (no ``w:pStyle`` for the
        template's default paragraph style), without its costs per paragraph: a scan of all template
        styles for the default style and a search of the body for its final ``w:sectPr``."""
        style_id = self.style_ids[style] if style else None
        if style_id is None or style_id == self._default_style_id:
            p = make("w:p")
        else:
            p = self._template(style_id, None, 0)
        paragraph = self._place(p, container)
        if text:
            self._run(p, text)
        return paragraph

    def count(self, what: str, amount: int = 1, text: str | None = None) -> None:
        """Add ``amount`` to the count ``what``; past its limit, :class:`DocumentTooLarge`."""
        counts = self.counts
        counts[what] += amount
        if counts[what] > _TOO_LARGE[what][0]:
            limit, label = _TOO_LARGE[what]
            raise DocumentTooLarge(
                f"Das Word-Dokument würde zu umfangreich werden: mehr als {limit:_} ".replace("_", ".") + f"{label}. "
                "Ein Integrationskonzept hat davon einige Hundert bis wenige Tausend. Prüfen Sie, ob es die "
                "richtige Datei ist, oder teilen Sie die Angaben auf mehrere Konzepte auf.",
                self.where,
                text if text is not None else self._current,
            )

    def add_row(
        self,
        table,
        widths: list[float],
        values: list[str] | None = None,
        bold: bool = False,
        align_right: frozenset[int] | set[int] = frozenset(),
    ):
        """:func:`tables.add_row` (with the table's :attr:`cell_format`), its cells counted as paragraphs."""
        self.count("paragraphs", len(widths))
        return tables.add_row(table, widths, values, bold, align_right, self.cell_format)

    def _place(self, p, container) -> Paragraph:
        """Paragraph element ``p`` appended to ``container`` (see :meth:`new_paragraph`)."""
        self.count("paragraphs")
        if container is None or container is self.doc:
            parent = self._body
            if self._body_end is not None:
                self._body_end.addprevious(p)
            else:
                self._body._element.append(p)
        else:
            parent = container
            container._element.append(p)
            if self.cell_format is not None:  # a paragraph in a cell of the table being written
                self.cell_format.paragraph(p)
        return Paragraph(p, parent)

    @contextmanager
    def formatting_cells(self, cell_format: tables.CellFormat | None):
        """While a table's cells are written: every paragraph and run gets ``cell_format`` (None: nothing);
        the format from before afterwards."""
        previous, self.cell_format = self.cell_format, cell_format
        try:
            yield
        finally:
            self.cell_format = previous

    def _run(self, p, text: str = "", bold: bool = False, italic: bool = False):
        """:func:`add_run`, with the table's :attr:`cell_format` while one is written."""
        r = add_run(p, text, bold, italic)
        if self.cell_format is not None:
            self.cell_format.run(r)
        return r

    def _template(self, style_id: str | None, num_id: int | None, level: int):
        """A copy of an empty paragraph in style ``style_id`` (and list ``num_id`` at ``level``): the
        pStyle and numPr python-docx's ``add_paragraph(style=…)`` and :func:`set_paragraph_numbering` write,
        built once (copying it costs what building one of its elements would)."""
        key = (style_id, num_id, level)
        template = self._templates.get(key)
        if template is None:
            template = make("w:p")
            if style_id is not None and style_id != self._default_style_id:
                ppr = make("w:pPr")
                ppr.append(make("w:pStyle"))
                ppr[0].set(_VAL, style_id)
                template.append(ppr)
            if num_id is not None:
                detached = Paragraph(template, None)  # type: ignore[arg-type]  # numbering needs no story part
                set_paragraph_numbering(detached, num_id, level)
            self._templates[key] = template
        return clone(template)

    # ------------------------------------------------------------------ headings

    def heading(self, text: str, level: int) -> None:
        """A numbered heading through the template's heading style and the multilevel list."""
        number = next_number(self._counters, level)
        self.headings.append(HeadingEntry(level, number, text))
        self.new_paragraph(None, f"heading{level}", text)
        self._level = level

    def subheading(self, text: str, depth: int = 1) -> None:
        """An unnumbered heading one level (or ``depth`` levels) below the current numbered heading:
        the outline stays without gaps (1 → 2 → 3), and the template's heading styles apply."""
        level = min(HEADING_LEVELS, self._level + depth)
        paragraph = self.new_paragraph(None, f"heading{level}", text)
        set_paragraph_numbering(paragraph, 0, 0)  # numId 0: no number for this paragraph
        self.headings.append(HeadingEntry(level, "", text))

    # ------------------------------------------------------------------ paragraphs

    def para(self, container=None, text: str = "", style: str | None = None, bold_prefix: str | None = None):
        paragraph = self.new_paragraph(container, style)
        if bold_prefix:
            self._run(paragraph._p, bold_prefix, bold=True)
        if text:
            self._run(paragraph._p, text)
        self.last = paragraph
        return paragraph

    def label(self, text: str, container=None):
        """A bold lead-in line ("Voraussichtliche Mitglieder:") that stays with what follows."""
        paragraph = self.para(container, bold_prefix=text)
        keep_with_next(paragraph._p)
        set_space_after(paragraph._p, Pt(3))
        return paragraph

    def open_marker(self, container=None):
        """ "(noch offen)" in a draft, where a section has no content yet."""
        paragraph = self.para(container)
        self._run(paragraph._p, OPEN, italic=True)
        return paragraph

    def text(
        self,
        value: str | None,
        container=None,
        prefix: str | None = None,
        lead_in: bool = False,
        style: str | None = None,
    ) -> None:
        """Free text with markup: paragraphs, nested lists, bold/italic, footnotes. A ``prefix`` is
        printed in bold before the first paragraph (the original's "Ziel: …"). ``lead_in``: the text
        introduces what follows (a list, a table) and stays on its page."""
        if not value:
            return
        self._current = value
        self._text(value, container, prefix, style)
        self._current = None
        if lead_in and self.last is not None:
            keep_with_next(self.last._p)

    def _text(self, value: str, container, prefix: str | None, style: str | None = None) -> None:
        blocks = self._parse(value)
        container = container if container is not None else self.doc
        if prefix and blocks and isinstance(blocks[0], markup.Paragraph):
            paragraph = self.para(container, bold_prefix=prefix, style=style)
            self.runs(paragraph, blocks[0].runs)
            if len(blocks) > 1 and isinstance(blocks[1], markup.ListBlock):
                keep_with_next(paragraph._p)
            blocks = blocks[1:]
        elif prefix:
            self.label(prefix.rstrip(), container)
        self.blocks(blocks, container, level=0, style=style)

    def blocks(self, blocks, container, level: int, style: str | None = None) -> None:
        for index, block in enumerate(blocks):
            if isinstance(block, markup.Paragraph):
                paragraph = self.para(container, style=style)
                if level:
                    set_left_indent(paragraph._p, Cm(0.63 * level))
                self.runs(paragraph, block.runs)
                # a lead-in ("… lautet:") stays on the page of the list it introduces
                if index + 1 < len(blocks) and isinstance(blocks[index + 1], markup.ListBlock):
                    keep_with_next(paragraph._p)
            else:
                self.list_block(block, container, level)

    def list_block(self, block: markup.ListBlock, container, level: int) -> None:
        in_cell = container is not self.doc
        if block.ordered:
            num_id = self.numbering.new_ordered_list(block.start)
        else:
            num_id = self.numbering.compact_bullet_num if in_cell else self.numbering.bullet_num
        style = "list_number" if block.ordered else "list_bullet"
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], markup.Paragraph) else (None, item)
            paragraph = self.list_item(container, style, num_id, level)
            if first is not None:
                self.runs(paragraph, first.runs)
            for extra in rest:
                if isinstance(extra, markup.ListBlock):
                    self.list_block(extra, container, level + 1)
                else:
                    cont = self.para(container)
                    set_left_indent(cont._p, Cm(0.63 * (level + 1) + (0.12 if block.ordered else 0)))
                    self.runs(cont, extra.runs)

    def list_item(self, container, style: str, num_id: int, level: int):
        """An empty list paragraph (``para(container, style=style)`` numbered ``num_id`` at ``level``)."""
        paragraph = self.last = self._place(self._template(self.style_ids[style], num_id, level), container)
        return paragraph

    def item_list(self, items: list[str], container=None, ordered: bool = False) -> None:
        """A list whose items are free texts (each may carry markup and footnotes)."""
        if not items:
            return
        self._current = items
        container = container if container is not None else self.doc
        if all(map(markup.is_plain, items)):  # most lists: one plain line per item
            self._plain_list(items, container, ordered)
        else:
            block = markup.ListBlock(ordered=ordered, items=[self._parse(item) for item in items])
            self.list_block(block, container, 0)
        self._current = None

    def _plain_list(self, items: list[str], container, ordered: bool) -> None:
        """:meth:`list_block` for items that are each one plain paragraph (:func:`markup.is_plain`): what
        it writes for them, without the blocks and runs of the parser's result in between."""
        if ordered:
            num_id = self.numbering.new_ordered_list(1)
        elif container is not self.doc:
            num_id = self.numbering.compact_bullet_num
        else:
            num_id = self.numbering.bullet_num
        style_id = self.style_ids["list_number" if ordered else "list_bullet"]
        cell_format = self.cell_format
        if cell_format is None or container is self.doc:
            for item in items:
                p = self._template(style_id, num_id, 0)
                self.last = self._place(p, container)
                self._run(p, item)
            return
        # in a table being formatted: the item's paragraph with its spacing and its run with the size, copied
        template = self._formatted_item(style_id, num_id, cell_format)
        with self.formatting_cells(None):  # the copy is formatted already
            for item in items:
                p = clone(template)
                self.last = self._place(p, container)
                append_text(p[-1], item)

    def _formatted_item(self, style_id: str, num_id: int, cell_format: tables.CellFormat):
        """An empty list paragraph with an empty run, as :meth:`_place` and :meth:`_run` write them with
        ``cell_format`` (built once per list and format)."""
        key = (style_id, num_id, cell_format.size, cell_format.compact)
        template = self._templates.get(key)
        if template is None:
            template = self._template(style_id, num_id, 0)
            cell_format.paragraph(template)
            cell_format.run(add_run(template))
            self._templates[key] = template
        return template

    def _parse(self, text: str) -> list:
        """:func:`markup.parse`, its lines and markup signs counted first (parsing costs ~7 µs for each)."""
        if not markup.is_plain(text):
            self.count("markup", 1 + sum(map(text.count, _MARKUP_SIGNS)), text)  # the item itself, in a list
        return markup.parse(text)

    def runs(self, paragraph, runs: list[markup.Run]) -> None:
        for run in runs:
            if run.footnote is not None:
                self.footnote(paragraph, run.footnote)
            elif run.line_break:
                self._run(paragraph._p, "\n")  # <w:r><w:br/></w:r>
            else:
                self._run(paragraph._p, run.text, run.bold, run.italic)

    def footnote(self, paragraph, content) -> None:
        self.count("footnotes")
        _, note = self.footnotes.reference(paragraph)
        if self.cell_format is not None:
            self.cell_format.run(paragraph._p[-1])  # the reference mark is in the table
        with self.formatting_cells(None):  # the footnote's text is not
            first = True
            for block in _flatten(content):
                self.count("paragraphs")
                note_paragraph = self.footnotes.new_paragraph(note, first)
                first = False
                self.runs(note_paragraph, block)
            if first:  # an empty footnote still needs its mark
                self.footnotes.new_paragraph(note, True)

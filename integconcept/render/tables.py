"""Tables: widths from the text width of the section they are in, rows that do not split, header rows
that repeat, and no single row left alone on a page.

Widths are always passed explicitly (in centimetres) to every function that needs them; nothing is
remembered between calls.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.section import Section
from docx.document import Document
from docx.oxml.table import CT_Tbl
from docx.table import Table, _Cell, _Row
from docx.oxml.ns import nsmap, qn
from docx.shared import Cm, Emu, Pt

from docx.oxml.simpletypes import ST_HpsMeasure, ST_TwipsMeasure
from lxml import etree

from integconcept.render.ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    add_run,
    append_text,
    clone,
    insert_in_order,
    keep_with_next,
    make,
    w,
)

_TR, _TC, _P, _R, _RPR = qn("w:tr"), qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:rPr")
_SECT_PR, _SZ, _PPR, _SPACING = qn("w:sectPr"), qn("w:sz"), qn("w:pPr"), qn("w:spacing")
_SZ_RANK, _SPACING_RANK = RPR_ORDER[_SZ], PPR_ORDER[_SPACING]
_AFTER, _LINE, _LINE_RULE, _VAL = qn("w:after"), qn("w:line"), qn("w:lineRule"), qn("w:val")
_GRID_COL, _TBL_GRID, _W, _TYPE = qn("w:gridCol"), qn("w:tblGrid"), qn("w:w"), qn("w:type")
_TCPR_TCW = f"{qn('w:tcPr')}/{qn('w:tcW')}"
#: The paragraphs of a table's cells and their runs (one XPath call instead of a Python loop per level).
W_NS = nsmap["w"]
_CELL_PARAGRAPHS = etree.XPath("./w:tr/w:tc/w:p", namespaces={"w": W_NS})
_CELL_RUNS = etree.XPath("./w:tr/w:tc/w:p/w:r", namespaces={"w": W_NS})

HEADER_FILL = "D9E2F3"


def text_width_cm(section) -> float:
    """The width between the margins of a section (from its page size and margins, also landscape)."""
    width = section.page_width - section.left_margin - section.right_margin
    return Emu(width).cm


def last_section(document):
    """``document.sections[-1]`` (the body's own ``w:sectPr``) without python-docx's search of the whole
    document for every section. The body's sectPr is its last child (ECMA-376 17.2.2); python-docx's
    ``body.sectPr`` scans every paragraph before it, once per table of a long document."""
    body = document.element.body
    try:
        last = body[-1]  # lxml finds the last child directly (``len(body)`` would count them all)
    except IndexError:
        last = None
    return Section(last if last is not None and last.tag == _SECT_PR else body.sectPr, document.part)


NBSP = "\u00a0"


def split_width(total_cm: float, fractions: list[float]) -> list[float]:
    """Column widths that add up to total_cm exactly, in the proportions given (rounded to 0.01 cm)."""
    scale = total_cm / sum(fractions)
    widths = [round(f * scale, 2) for f in fractions]
    widths[-1] = round(total_cm - sum(widths[:-1]), 2)
    return widths


def add_table(
    container,
    widths: list[float],
    style_id: str | None,
    header: list[str] | None = None,
    borders: bool = True,
    cell_margin: int | None = None,
    cell_format: CellFormat | None = None,
):
    """A table with fixed column widths (cm) in the table style ``style_id`` (None: the template's default
    table style, see :attr:`Emitter.table_style_id`). With ``header``, the first row holds the bold column
    headings (with ``cell_format``) and repeats on every page. ``cell_margin``: left/right cell padding in
    twips for dense tables (the template's own padding otherwise)."""
    if isinstance(container, Document):  # what Document.add_table does, without its searches of the body
        section = last_section(container)
        width = section.page_width - section.left_margin - section.right_margin
        key = (width, tuple(widths), style_id, borders, cell_margin)
        prepared = _PREPARED.get(key)
        if prepared is None:
            if len(_PREPARED) >= _PREPARED_MAX:
                _PREPARED.clear()
            prepared = CT_Tbl.new_tbl(0, len(widths), Emu(width))
            _prepare(Table(prepared, container._body), widths, style_id, borders, cell_margin)
            _PREPARED[key] = prepared
        tbl = clone(prepared)
        section._sectPr.addprevious(tbl)  # the body's last child: the table goes just before it
        table = Table(tbl, container._body)
    else:
        table = container.add_table(rows=0, cols=len(widths))
        _prepare(table, widths, style_id, borders, cell_margin)
    if header is not None:
        row = add_row(table, widths, [header_text(h) for h in header], bold=True, cell_format=cell_format)
        repeat_as_header(row)
        for cell_ in cells(row):
            shade(cell_, HEADER_FILL)
    return table


#: Empty tables (``w:tbl`` with its properties and grid, no rows) as :func:`_prepare` made them, by page
#: width, column widths, style, borders and cell margin: a document's tables share a few of these, and a
#: copy costs a tenth of making one (python-docx parses the table's XML text, then each property is set).
#: Never changed once made; bounded, for a long-running studio.
_PREPARED: dict[tuple, object] = {}
_PREPARED_MAX = 64


def _prepare(table, widths: list[float], style_id: str | None, borders: bool, cell_margin: int | None) -> None:
    """The properties :func:`add_table` gives a new table: style, centred, fixed layout and widths, grid,
    borders and cell margins."""
    table._tbl.tblStyle_val = style_id
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table, sum(widths))
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)  # w:gridCol: LibreOffice lays the table out by the grid
    if not borders:
        _no_borders(table)
    if cell_margin is not None:
        margins = w("tblCellMar")
        for side in ("left", "right"):
            margins.append(w(side, w=str(cell_margin), type="dxa"))
        _insert_before(table._tbl.tblPr, margins, ("tblLook", "tblCaption", "tblDescription"))


def add_row(
    table,
    widths: list[float],
    values: list[str] | None = None,
    bold: bool = False,
    align_right: frozenset[int] | set[int] = frozenset(),
    cell_format: CellFormat | None = None,
):
    """A row that does not split across pages; cells get the given widths and optional plain texts
    (bold or explicitly not bold, so a table style's bold first column cannot make them bold), with
    ``cell_format`` already in their paragraphs and runs.

    One cell per grid column, as python-docx's ``table.add_row()`` makes them, written directly: the
    row's elements are built once per table and kind of row and copied for each row (a copy of the
    whole row costs what building two of its elements would)."""
    formatted = (cell_format.size, cell_format.compact) if cell_format is not None else None
    key = (tuple(widths), values is not None, bold, frozenset(align_right), formatted)
    cache = table.__dict__.setdefault("_integconcept_rows", {})
    template = cache.get(key)
    if template is None:
        template = cache[key] = _row_template(table, widths, values is not None, bold, align_right)
        if cell_format is not None:
            cell_format.row(template)
    tr = clone(template)
    if values is not None:
        for index, tc in enumerate(tr.iterchildren(_TC)):
            if index >= len(widths):
                break
            text = values[index]
            if not text:
                continue
            append_text(tc[-1][-1], text)  # into the cell's paragraph's run
    table._tbl.append(tr)
    return _Row(tr, table)


def _row_template(table, widths: list[float], with_values: bool, bold: bool, align_right) -> object:
    """The elements of a row as :func:`add_row` writes it, with an empty run in each cell with a value."""
    tr = make("w:tr")
    trpr = make("w:trPr")
    trpr.append(make("w:cantSplit"))
    tr.append(trpr)
    for index, twips in enumerate(_cell_twips(table, widths)):
        tc = make("w:tc")
        if twips is not None:
            tcpr = make("w:tcPr")
            tcw = make("w:tcW")
            tcw.set(_TYPE, "dxa")
            tcw.set(_W, twips)
            tcpr.append(tcw)
            tc.append(tcpr)
        p = make("w:p")
        tc.append(p)
        if with_values and index < len(widths):
            if index in align_right:
                ppr = make("w:pPr")
                ppr.append(make("w:jc"))
                ppr[0].set(_VAL, "right")
                p.append(ppr)
            r = add_run(p, "", bold=bold)
            if not bold:
                rpr = make("w:rPr")
                rpr.append(make("w:b"))
                rpr[0].set(_VAL, "0")
                r.insert(0, rpr)
        tr.append(tc)
    return tr


def _cell_twips(table, widths: list[float]) -> list[str | None]:
    """The w:tcW of each grid column for ``widths`` (the grid's own width where ``widths`` ends), worked out
    once per table and widths: ``table._tbl.tblGrid`` alone is a search through all rows (lxml's ``find``
    scans every child), which made long tables quadratic."""
    key = tuple(widths)
    cache = table.__dict__.setdefault("_integconcept_twips", {})
    twips = cache.get(key)
    if twips is None:
        grid = next((child for child in table._tbl if child.tag == _TBL_GRID), None)
        columns = grid.findall(_GRID_COL) if grid is not None else []
        twips = cache[key] = [
            str(Cm(widths[index]).twips) if index < len(widths) else column.get(_W)
            for index, column in enumerate(columns)
        ]
    return twips


def cells(row) -> list:
    """The cells of a row, one per ``w:tc`` (our tables merge cells only across columns, never down):
    python-docx's ``row.cells`` works out the whole table's grid for every call, which made long
    tables quadratic."""
    return [_Cell(tc, row.table) for tc in row._tr.iterchildren(_TC)]


def cell(row, index: int):
    """Cell ``index`` of a row (see :func:`cells`)."""
    for position, tc in enumerate(row._tr.iterchildren(_TC)):  # findall(_TC)[index] without the other cells
        if position == index:
            return _Cell(tc, row.table)
    raise IndexError(index)


def add_text(cell_, text: str):
    """``text`` as a run in the cell's first paragraph (``cell.paragraphs[0].add_run(text)``); the run."""
    return add_run(cell_._tc.find(_P), text)


def span_to_end(row, first: int = 0):
    """One cell from the row's cell ``first`` to its last, for a row just made by :func:`add_row` (empty
    cells): the gridSpan and summed width python-docx's ``cell.merge`` writes, without its searches of the
    table grid. Returns the merged cell."""
    tcs = row._tr.findall(_TC)
    keep, rest = tcs[first], tcs[first + 1 :]
    if rest:
        tcw = keep.find(_TCPR_TCW)
        total = int(tcw.get(_W)) + sum(int(tc.find(_TCPR_TCW).get(_W)) for tc in rest)
        tcw.set(_W, str(total))
        span = make("w:gridSpan")
        span.set(_VAL, str(len(tcs) - first))
        tcw.addnext(span)
        for tc in rest:
            row._tr.remove(tc)
    return _Cell(keep, row.table)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(w("cantSplit"))


def repeat_as_header(row) -> None:
    """The row repeats at the top of every page the table runs onto; it stays with the next row."""
    cant_split(row)
    row._tr.get_or_add_trPr().append(w("tblHeader"))


def keep_row_with_next(row) -> None:
    """Word keeps a row on the page of the next one when all its paragraphs keep with next."""
    for tc in row._tr.iterchildren(_TC):  # every paragraph of every cell (``cell.paragraphs``)
        for p in tc.iterchildren(_P):
            keep_with_next(p)


#: A table of at most this many rows is kept on one page (a short step list never leaves a row alone).
SHORT_TABLE_ROWS = 4


def finish(table) -> None:
    """No single row left alone on a page: the last row is kept with the one before it (no widow), the first
    body row with the one after it (no orphan), and a short table (:data:`SHORT_TABLE_ROWS`) stays together.
    Rows are found from the table's ends (python-docx's ``table.rows`` runs an XPath over all rows)."""
    last = table._tbl[-1]  # tblPr and tblGrid come first, so a table always has a last child
    if last.tag != _TR:
        return
    previous = last.getprevious()
    if previous is not None and previous.tag == _TR:
        keep_row_with_next(_Row(previous, table))
    rows = table._tbl.findall(_TR)
    if len(rows) <= SHORT_TABLE_ROWS:
        for tr in rows[:-1]:
            keep_row_with_next(_Row(tr, table))
        return
    body = [tr for tr in rows if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None]
    if len(body) >= 2:
        keep_row_with_next(_Row(body[0], table))


# a column heading never leaves a short last word alone (format-neutral: the HTML preview uses it too)
from integconcept.render.outline import header_text  # noqa: E402,F401


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    tcpr.append(w("shd", val="clear", color="auto", fill=fill))


def font_size(table, points: float, compact: bool = False) -> None:
    """The font size of every run in the table's cell paragraphs; ``compact``: single line spacing and
    little space between paragraphs (long lists in narrow cells). Written directly (one pass over the
    table's XML), as python-docx's ``run.font.size``/``paragraph_format`` would write it
    (:class:`CellFormat`)."""
    cell_format = CellFormat(points, compact)
    tbl = table._tbl
    if compact:
        paragraph = cell_format.paragraph
        for p in _CELL_PARAGRAPHS(tbl):
            paragraph(p)
    run = cell_format.run
    for r in _CELL_RUNS(tbl):
        run(r)


class CellFormat:
    """What :func:`font_size` writes into each run (the size) and, ``compact``, each paragraph (space after
    1 pt, single line spacing) of a table's cells, one element at a time: :func:`font_size` applies it to
    the cells of a finished table; the emitter applies it to each paragraph and run as it writes them
    (``Emitter.cell_format``), which gives the same XML without a second pass over the table (the
    elements either way end in the schema order, whatever is added before or after).

    A missing ``w:rPr``/``w:pPr``, ``w:sz`` or ``w:spacing`` is a copy of one made here once, put where
    ``first_child``/``ordered_child`` would put a new one."""

    def __init__(self, points: float, compact: bool = False):
        self.compact = compact
        self.size = ST_HpsMeasure.convert_to_xml(Pt(points))
        self._sz = make("w:sz")
        self._sz.set(_VAL, self.size)
        self._sized = make("w:rPr")  # the rPr of a run that had none: only the size
        self._sized.append(clone(self._sz))
        self.after = ST_TwipsMeasure.convert_to_xml(Pt(1))
        self._spacing = make("w:spacing")
        self._spacing.set(_AFTER, self.after)
        self._spacing.set(_LINE, "240")  # line_spacing = 1.0: 240 twips, rule "auto" (multiple)
        self._spacing.set(_LINE_RULE, "auto")
        self._spaced = make("w:pPr")  # the pPr of a paragraph that had none: only the spacing
        self._spaced.append(clone(self._spacing))

    def run(self, r) -> None:
        """``run.font.size``: the size in the run's rPr."""
        rpr = r[0] if len(r) else None
        if rpr is None or rpr.tag != _RPR:
            r.insert(0, clone(self._sized))
            return
        existing = next(rpr.iterchildren(_SZ), None)  # rpr.find(_SZ), without ElementPath
        if existing is not None:
            existing.set(_VAL, self.size)
            return
        insert_in_order(rpr, clone(self._sz), RPR_ORDER, _SZ_RANK)  # where ordered_child(rpr, "w:sz", …) puts it

    def paragraph(self, p) -> None:
        """With ``compact``: ``space_after = Pt(1)`` and ``line_spacing = 1.0`` in the paragraph's pPr."""
        if not self.compact:
            return
        ppr = p[0] if len(p) else None
        if ppr is None or ppr.tag != _PPR:
            p.insert(0, clone(self._spaced))
            return
        existing = next(ppr.iterchildren(_SPACING), None)
        if existing is not None:
            existing.set(_AFTER, self.after)
            existing.set(_LINE, "240")
            existing.set(_LINE_RULE, "auto")
            return
        insert_in_order(ppr, clone(self._spacing), PPR_ORDER, _SPACING_RANK)

    def row(self, tr) -> None:
        """Every paragraph and run of a table row's cells."""
        for tc in tr.iterchildren(_TC):
            for p in tc.iterchildren(_P):
                self.paragraph(p)
                for r in p.iterchildren(_R):
                    self.run(r)


def drop_first_empty(cell) -> None:
    """python-docx cells start with an empty paragraph; drop it once other content has been added."""
    paragraphs = cell._tc.iterchildren(_P)  # the first two only (findall would make one for each)
    first, second = next(paragraphs, None), next(paragraphs, None)
    if first is not None and second is not None and next(first.iter(_R), None) is None:  # no run: no text
        cell._tc.remove(first)


def _fixed_layout(table, total_cm: float) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    width = w("tblW", w=str(round(total_cm * 567)), type="dxa")
    layout = w("tblLayout", type="fixed")
    # schema order inside tblPr: tblStyle, …, tblW, jc, …, tblBorders, …, tblLayout, …
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(width)
    else:
        tblpr.insert(0, width)
    for old in tblpr.findall(qn("w:tblLayout")):
        tblpr.remove(old)
    _insert_before(tblpr, layout, ("tblCellMar", "tblLook", "tblCaption", "tblDescription"))


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = w("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(w(side, val="nil"))
    _insert_before(tblpr, borders, ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"))


def _insert_before(parent, element, followers: tuple[str, ...]) -> None:
    tags = {qn(f"w:{name}") for name in followers}
    for child in parent:
        if child.tag in tags:
            child.addprevious(element)
            return
    parent.append(element)

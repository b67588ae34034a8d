"""Figures in the document: the charts of :mod:`.charts` inline, with German alt text.

A figure is printed as the original prints its organisation charts: the title as a caption line above
the figure (kept on the figure's page), the figure at most as wide as the text, and a note below it.
An organisation chart drawn from the model is a native Word drawing (a group of shapes with real text,
:mod:`.drawingml`), laid out at the printed width; charts from data and a county's own image files are
pictures. The alt text goes into ``wp:docPr/@descr`` and the title into ``wp:docPr/@title``, which Word,
screen readers and LibreOffice's tagged PDF export read.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from integconcept.render import tables as tb
from integconcept.render.emitter import Emitter
from integconcept.render.ooxml import keep_with_next

# the chart collection and the caption mark are format-neutral (outline.py, shared with the HTML preview)
from integconcept.render.outline import NOTE_MARK, ChartSource, figure_caption  # noqa: E402,F401


def emit_figure(em: Emitter, chart, title: str | None = None, note: str | None = None) -> None:
    """Caption (title) above, the picture, the note below; all kept together on one page."""
    title = title if title is not None else chart.title
    caption = em.para(text=figure_caption(title, note), style="caption")
    keep_with_next(caption._p)
    width = min(chart.width_cm, tb.text_width_cm(tb.last_section(em.doc)))
    paragraph = em.para()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = bool(note)
    run = paragraph.add_run()
    if getattr(chart, "graph", None) is not None:
        from integconcept.render.drawingml import chart_drawing

        paragraph.paragraph_format.space_before = Pt(4)  # the drawing ends at its outermost lines
        paragraph.paragraph_format.space_after = Pt(4)
        run._r.append(
            chart_drawing(
                chart.diagram(width),
                shape_id=_next_shape_id(em.doc),
                name=f"Organigramm {chart.key.rsplit('-', 1)[-1]}",
                title=title,
                descr=chart.alt_text,
            )
        )
    else:
        shape = run.add_picture(io.BytesIO(chart.png), width=Cm(width))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", chart.alt_text)
        doc_pr.set("title", title)
    if note:
        em.text(note, style="caption")


def _next_shape_id(doc) -> int:
    """An id above every drawing id in the document and its headers and footers (docPr and shape ids
    must be unique in the whole document; python-docx's ``next_id`` looks at the body part only)."""
    highest = doc.part.next_id - 1
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            element = getattr(rel.target_part, "_element", None)
            if element is not None:
                ids = element.xpath("//@id")
                highest = max([highest, *(int(value) for value in ids if value.isdigit())])
    return highest + 1

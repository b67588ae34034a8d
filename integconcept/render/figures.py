"""Pictures in the document: the charts of :mod:`.charts` as inline images with German alt text.

A figure is printed as the original prints its organisation charts: the title as a caption line above
the picture (kept on the picture's page), the picture at most as wide as the text, and a note below it.
The alt text goes into ``wp:docPr/@descr`` and the title into ``wp:docPr/@title``, which Word, screen
readers and LibreOffice's tagged PDF export read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from . import tables as tb
from .emitter import Emitter

#: A note that starts with this mark refers to something in the picture; the caption gets the same mark.
NOTE_MARK = "*"


@dataclass
class ChartSource:
    """The charts of one concept: organisation charts in the order of ``organisation.charts`` (by index)
    and charts from data by key ("population", "approval_timeline")."""

    organisation: dict[int, object] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)

    @classmethod
    def for_concept(cls, concept, base_dir: Path | None) -> ChartSource:
        from .charts import data_charts, org_charts

        organisation = {int(chart.key.rsplit("-", 1)[1]): chart
                        for chart in org_charts(concept, base_dir or Path("."))}
        return cls(organisation, data_charts(concept, base_dir))


def emit_figure(em: Emitter, chart, title: str | None = None, note: str | None = None) -> None:
    """Caption (title) above, the picture, the note below; all kept together on one page."""
    title = title if title is not None else chart.title
    note_marked = bool(note) and note.lstrip("\\").startswith(NOTE_MARK)
    caption = em.para(text=title + (f" {NOTE_MARK}" if note_marked else ""), style="caption")
    caption.paragraph_format.keep_with_next = True
    width = min(chart.width_cm, tb.text_width_cm(tb.last_section(em.doc)))
    paragraph = em.para()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = bool(note)
    run = paragraph.add_run()
    shape = run.add_picture(io.BytesIO(chart.png), width=Cm(width))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt_text)
    doc_pr.set("title", title)
    if note:
        em.text(note, style="caption")

"""The concept as an HTML fragment: the studio's "Vorschau".

:func:`concept_html` writes what the Word document prints (:mod:`.outline`: the same chapters, order,
numbering, tables, KI matrix, footnotes and organisation charts) as one ``<article class="ic-doc">``.
Free texts go through the same markup parser as the document; organisation charts are the same laid-out
diagrams as inline SVG (:mod:`.chart_svg`). The look is in ``preview.css`` (:func:`preview_css`).

Only content: no ids of the concept, no field that the document does not print, no ``id`` attributes
(the fragment can sit in any page). Everything is escaped with the standard library's ``html.escape``.
"""

from __future__ import annotations

import base64
from html import escape
from importlib import resources

from integconcept.document import markup
from integconcept.render import outline as ol

#: Width of the text on an A4 page with 2.5 cm margins: organisation charts are laid out for it.
TEXT_WIDTH_CM = 16.0
_HEADING_LEVELS = 4
_NUM = ' class="ic-n"'  # a number column: right-aligned


def preview_css() -> str:
    """The stylesheet of the preview (``integconcept/render/preview.css``, shipped in the wheel)."""
    return resources.files("integconcept.render").joinpath("preview.css").read_text(encoding="utf-8")


def concept_html(concept, *, draft: bool | None = None, base_dir=None) -> str:
    """The concept as an HTML fragment (one ``<article class="ic-doc">``).

    ``draft``: show it as a draft (watermark "ENTWURF", open chapters marked "(noch offen)") or not;
    None takes the concept's status, as the Word document does. ``base_dir``: the concept file's folder.
    A chart's own image file is shown only when it lies in that folder (or below it): the preview reads no
    other file. Without ``base_dir``, or when a chart cannot be drawn, the article says so at its top
    instead of failing."""
    from integconcept.render import xml_safe

    concept = xml_safe(concept)  # a control character or lone surrogate from a YAML escape: U+FFFD, as in Word
    draft = ol.is_draft(concept) if draft is None else draft
    concept, problems = _confined(concept, base_dir)
    charts, problem = _charts(concept, base_dir)
    if problem:
        problems.append(problem)
    return _Writer(concept, draft, charts, problems).article()


def _charts(concept, base_dir) -> tuple[ol.ChartSource, str | None]:
    from integconcept.render.errors import RenderError

    try:
        return ol.ChartSource.for_concept(concept, base_dir), None
    except RenderError as exc:
        return ol.ChartSource(), str(exc)


def _confined(concept, base_dir) -> tuple[object, list[str]]:
    """The concept without the image files that lie outside ``base_dir`` (all of them without one), and a
    German note for each: the preview never reads a file outside the concept's folder."""
    from pathlib import Path

    root = Path(base_dir).resolve() if base_dir is not None else None

    def outside(name: str) -> bool:
        if root is None:
            return True
        path = Path(name)
        path = (path if path.is_absolute() else root / path).resolve()
        return path != root and root not in path.parents

    problems: list[str] = []

    def note(name: str, where: str) -> None:
        problems.append(
            f"Die Bilddatei „{name}“ {where} zeigt die Vorschau nicht: sie liegt nicht im Ordner "
            "der Konzeptdatei. Im Word-Dokument steht sie."
        )

    update = {}
    organisation = concept.organisation
    if organisation is not None and any(c.image and outside(c.image) for c in organisation.charts):
        charts = []
        for _index, chart in enumerate(organisation.charts):
            if chart.image and outside(chart.image):
                note(chart.image, f"der Übersicht „{chart.title}“")
                chart = chart.model_copy(update={"image": None, "kind": None})
            charts.append(chart)
        update["organisation"] = organisation.model_copy(update={"charts": charts})
    table = concept.preamble.population_table if concept.preamble else None
    if table is not None and table.chart is not None and table.chart.image and outside(table.chart.image):
        note(table.chart.image, "des Diagramms zur Bevölkerungstabelle")
        update["preamble"] = concept.preamble.model_copy(
            update={"population_table": table.model_copy(update={"chart": None})}
        )
    process = concept.approval_process
    if (
        process is not None
        and process.timeline_chart is not None
        and process.timeline_chart.image
        and outside(process.timeline_chart.image)
    ):
        note(process.timeline_chart.image, "der Zeitleiste des Abstimmungsprozesses")
        update["approval_process"] = process.model_copy(update={"timeline_chart": None})
    return (concept.model_copy(update=update) if update else concept), problems


def run_html(run: markup.Run) -> str:
    """The text of a markup run with its emphasis (bold, italic), escaped: the document preview and the
    studio's preview of a text field show emphasis alike."""
    text = escape(run.text)
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    return text


class _Writer:
    def __init__(self, concept, draft: bool, charts: ol.ChartSource, problems: list[str]):
        self.concept = concept
        self.draft = draft
        self.charts = charts
        self.problems = problems
        self.footnotes: list[list[list[markup.Run]]] = []
        self.headings: list[tuple[int, str, str]] = []  # level, number, text (for the contents)
        self.level = 0  # the level of the last numbered heading

    # ------------------------------------------------------------------ the article

    def article(self) -> str:
        blocks = ol.outline(self.concept, self.charts, draft=self.draft)
        body = self.blocks(blocks)
        classes = "ic-doc ic-draft" if self.draft else "ic-doc"
        parts = [f'<article class="{classes}" lang="de">']
        if self.draft:
            parts.append(
                f'<div class="ic-watermark" aria-hidden="true">{ol.WATERMARK_TEXT}</div>'
                '<p class="ic-draft-mark">Entwurf</p>'
            )
        for problem in self.problems:
            parts.append(f'<p class="ic-problem" role="note">{escape(problem)}</p>')
        parts.append(self.cover())
        parts.append(self.contents())
        parts.append(body)
        parts.append(self.footnote_list())
        parts.append("</article>")
        return "".join(parts)

    def cover(self) -> str:
        c = ol.cover(self.concept, self.draft)
        out = [
            '<header class="ic-cover">',
            f'<p class="ic-authority">{escape(c.authority)}</p>',
            f'<h1 class="ic-title">{escape(c.title)}</h1>',
        ]
        if c.subtitle:
            out.append(f'<p class="ic-subtitle">{escape(c.subtitle)}</p>')
        if c.draft:
            out.append('<p class="ic-cover-status">Entwurf</p>')
        if c.decision:
            out.append(f"<p><strong>{escape(c.decision[0])}</strong>{escape(c.decision[1])}</p>")
        if c.reference:
            out.append(f"<p><strong>Vorlage: </strong>{escape(c.reference)}</p>")
        out.append("</header>")
        return "".join(out)

    def contents(self) -> str:
        entries = [(level, number, text) for level, number, text in self.headings if level <= 3]
        if not entries:
            return ""
        items = "".join(
            f'<li class="ic-toc{level}">{escape(f"{number} {text}".strip())}</li>' for level, number, text in entries
        )
        return f'<nav class="ic-toc" aria-label="Inhalt"><p class="ic-toc-title">Inhalt</p><ul>{items}</ul></nav>'

    def footnote_list(self) -> str:
        if not self.footnotes:
            return ""
        items = []
        for paragraphs in self.footnotes:
            inner = "".join(f"<p>{self.runs(runs)}</p>" for runs in paragraphs) or "<p></p>"
            items.append(f"<li>{inner}</li>")
        return f'<section class="ic-footnotes" aria-label="Fußnoten"><ol>{"".join(items)}</ol></section>'

    # ------------------------------------------------------------------ blocks

    def blocks(self, blocks: list) -> str:
        numbers = ol.heading_numbers(blocks)
        out: list[str] = []
        for index, block in enumerate(blocks):
            kind = type(block)
            if kind is ol.Heading:
                number = numbers[index]
                self.level = block.level
                self.headings.append((block.level, number, block.text))
                out.append(
                    f'<h{block.level + 1} class="ic-h{block.level}"><span class="ic-num">{number}</span> '
                    f"{escape(block.text)}</h{block.level + 1}>"
                )
            elif kind is ol.Subheading:
                level = min(_HEADING_LEVELS, self.level + block.depth)
                self.headings.append((level, "", block.text))
                out.append(f'<h{level + 1} class="ic-h{level} ic-sub">{escape(block.text)}</h{level + 1}>')
            elif kind is ol.Text:
                out.append(self.text(block.value, block.prefix, block.style))
            elif kind is ol.Para:
                css = ' class="ic-caption"' if block.style == "caption" else ""
                lead = f"<strong>{escape(block.bold_prefix)}</strong>" if block.bold_prefix else ""
                out.append(f"<p{css}>{lead}{escape(block.text)}</p>")
            elif kind is ol.Label:
                out.append(f'<p class="ic-label"><strong>{escape(block.text)}</strong></p>')
            elif kind is ol.Items:
                out.append(self.item_list(block.items, block.ordered))
            elif kind is ol.Open:
                out.append(f'<p class="ic-open"><em>{ol.OPEN}</em></p>')
            elif kind is ol.PopulationTable:
                out.append(self.population(block))
            elif kind is ol.MatrixGroup:
                out.append(self.matrix(block))
            elif kind is ol.StepTable:
                out.append(self.steps(block))
            elif kind is ol.StaffTable:
                out.append(self.staff(block))
            elif kind is ol.Figure:
                out.append(self.figure(block))
            elif kind not in (ol.At, ol.KeepWithNext, ol.Spacer):  # those three are for the Word document
                raise TypeError(f"unknown outline block {kind.__name__}")  # a new block must be written here
        return "".join(out)

    # ------------------------------------------------------------------ free text

    def text(self, value: str, prefix: str | None = None, style: str | None = None) -> str:
        blocks = markup.parse(value)
        css = ' class="ic-caption"' if style == "caption" else ""
        out = []
        if prefix and blocks and isinstance(blocks[0], markup.Paragraph):
            out.append(f"<p{css}><strong>{escape(prefix)}</strong>{self.runs(blocks[0].runs)}</p>")
            blocks = blocks[1:]
        elif prefix:
            out.append(f'<p class="ic-label"><strong>{escape(prefix.rstrip())}</strong></p>')
        out.append(self.markup_blocks(blocks, css))
        return "".join(out)

    def markup_blocks(self, blocks, css: str = "") -> str:
        out = []
        for block in blocks:
            if isinstance(block, markup.Paragraph):
                out.append(f"<p{css}>{self.runs(block.runs)}</p>")
            else:
                out.append(self.list_block(block))
        return "".join(out)

    def list_block(self, block: markup.ListBlock) -> str:
        if block.ordered:
            start = f' start="{block.start}"' if block.start != 1 else ""
            tag, opening = "ol", f"<ol{start}>"
        else:
            tag, opening = "ul", "<ul>"
        items = []
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], markup.Paragraph) else (None, item)
            inner = self.runs(first.runs) if first is not None else ""
            inner += self.markup_blocks(rest)
            items.append(f"<li>{inner}</li>")
        return f"{opening}{''.join(items)}</{tag}>"

    def item_list(self, items: list[str], ordered: bool = False) -> str:
        return self.list_block(markup.ListBlock(ordered=ordered, items=[markup.parse(item) for item in items]))

    def runs(self, runs: list[markup.Run]) -> str:
        out = []
        for run in runs:
            if run.footnote is not None:
                self.footnotes.append(ol.flatten_footnote(run.footnote))
                number = len(self.footnotes)
                out.append(f'<sup class="ic-fnref" aria-label="Fußnote {number}">{number}</sup>')
            elif run.line_break:
                out.append("<br/>")
            else:
                out.append(run_html(run))
        return "".join(out)

    def cell_text(self, value: str) -> str:
        """Free text in a table cell: a single paragraph without its <p>."""
        blocks = markup.parse(value)
        if len(blocks) == 1 and isinstance(blocks[0], markup.Paragraph):
            return self.runs(blocks[0].runs)
        return self.markup_blocks(blocks)

    # ------------------------------------------------------------------ tables and figures

    def population(self, t: ol.PopulationTable) -> str:
        head = "".join(
            f'<th scope="col"{_NUM if i else ""}>{escape(ol.header_text(h))}</th>' for i, h in enumerate(t.header)
        )
        rows = "".join(self._row(row) for row in t.rows)
        if t.total:
            rows += self._row(t.total, ' class="ic-total"')
        return (
            f'<p class="ic-caption">{escape(t.title)}</p><p class="ic-caption">{escape(t.source)}</p>'
            f'<table class="ic-table ic-population"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )

    @staticmethod
    def _row(values: list[str], css: str = "", right=None) -> str:
        """A body row; its first cell names the row (a row header for screen readers)."""
        cells = []
        for i, value in enumerate(values):
            if i == 0:
                cells.append(f'<th scope="row">{escape(value)}</th>')
            elif i in right if right is not None else i:
                cells.append(f'<td class="ic-n">{escape(value)}</td>')
            else:
                cells.append(f"<td>{escape(value)}</td>")
        return f"<tr{css}>{''.join(cells)}</tr>"

    def staff(self, t: ol.StaffTable) -> str:
        head = "".join(
            f'<th scope="col"{_NUM if i in t.right else ""}>{escape(ol.header_text(h))}</th>'
            for i, h in enumerate(t.header)
        )
        rows = "".join(self._row(row, right=t.right) for row in t.rows)
        if t.total:
            rows += self._row(t.total, ' class="ic-total"', right=t.right)
        total = sum(t.widths)  # the columns in the document's proportions
        cols = "".join(f'<col style="width:{100 * share / total:.1f}%"/>' for share in t.widths)
        return (
            f'<table class="ic-table ic-staff"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )

    def matrix(self, g: ol.MatrixGroup) -> str:
        n = max(1, len(g.areas))
        out = [
            f'<table class="ic-table ic-matrix"><thead><tr><th scope="colgroup" colspan="{n}" class="ic-group">'
            f"{escape(g.name)}</th></tr>"
        ]
        if g.areas:
            out.append("<tr>" + "".join(f'<th scope="col" class="ic-area">{escape(a)}</th>' for a in g.areas) + "</tr>")
        out.append("</thead><tbody>")
        if g.goal_cells:
            cells = []
            for position, (first, aspects) in enumerate(g.goal_cells):
                end = g.goal_cells[position + 1][0] if position + 1 < len(g.goal_cells) else n
                span = f' colspan="{end - first}"' if end - first > 1 else ""
                cells.append(f"<td{span}>{self.aspects(aspects)}</td>")
            out.append(f"<tr>{''.join(cells)}</tr>")
        for row in g.rows:
            out.append("<tr>" + "".join(f"<td>{self.aspects(cell)}</td>" for cell in row) + "</tr>")
        out.append("</tbody></table>")
        return "".join(out)

    def aspects(self, aspects: list[ol.Aspect]) -> str:
        return "".join(
            f'<p class="ic-aspect"><strong>{escape(a.label)}</strong></p>{self.item_list(a.items)}' for a in aspects
        )

    def steps(self, t: ol.StepTable) -> str:
        rows = []
        for line in t.lines:
            inner = self.markup_blocks(markup.parse(line.text)) if line.text else ""
            for recipients, note in line.extras:
                if recipients:
                    inner += self.item_list(recipients)
                if note:
                    inner += self.markup_blocks(markup.parse(note))
            rows.append(f'<tr><td class="ic-date">{escape(line.date)}</td><td>{inner}</td></tr>')
        # the date column as wide in every table of the process (the longest date), as in the document
        return (
            f'<table class="ic-steps"><colgroup><col style="width:calc({t.date_chars}ch + 1.2em)"/><col/>'
            f"</colgroup><tbody>{''.join(rows)}</tbody></table>"
        )

    def figure(self, f: ol.Figure) -> str:
        chart = f.chart
        title = f.title if f.title is not None else chart.title
        caption = f'<p class="ic-caption">{escape(ol.figure_caption(title, f.note))}</p>'
        width = min(chart.width_cm, TEXT_WIDTH_CM)
        if chart.graph is not None:
            from integconcept.render.chart_svg import diagram_svg

            picture = diagram_svg(chart.diagram(width), title=title, descr=chart.alt_text)
        else:
            assert chart.png is not None, "a chart without a graph is an image"
            kind = "image/png" if chart.png.startswith(b"\x89PNG") else "image/jpeg"
            data = base64.b64encode(chart.png).decode("ascii")
            picture = (
                f'<img src="data:{kind};base64,{data}" alt="{escape(chart.alt_text)}" '
                f'style="width:{width:g}cm;max-width:100%"/>'
            )
        note = self.text(f.note, style="caption") if f.note else ""
        return f'<figure class="ic-figure">{caption}<div class="ic-picture">{picture}</div>{note}</figure>'

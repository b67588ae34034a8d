"""Build the Word document of a concept, section by section in the order of the Kreis Unna original:

1. Präambel (with the population table) · 2. Integrationsleitziele (definitions, goals) ·
3. Umsetzung (3.1 strategic, 3.2 operational, 3.3 tasks of the KI) · 4. Netzwerke und Gremien
(4.x networks, monitoring, organisation) · Personal und Finanzierung (where present) ·
Informations- und Abstimmungsprozess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import markup
from ..model import LEGAL_BASIS_LABELS, PURPOSE_LABELS, Concept, Funder, PostRole, Status
from . import formatting as fmt
from .ooxml import (
    Footnotes,
    Numbering,
    add_field,
    link_style_numbering,
    set_paragraph_numbering,
    set_update_fields,
    w,
)
from .template import Template

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
FIXED_EPOCH = dt.datetime(2000, 1, 1)
HEADER_FILL = "D9E2F3"
GROUP_FILL = "1F3A5F"
AREA_FILL = "EEF2F8"

FUNDER_LABELS = {Funder.land: "Land NRW", Funder.own: "Eigenmittel", Funder.federal: "Bund",
                 Funder.other: "Sonstige"}
ROLE_LABELS = {PostRole.teacher: "Lehrkraft (Landesstelle)", PostRole.social_pedagogue: "Sozialpädagogische Fachkraft",
               PostRole.administration: "Organisation und Verwaltung", PostRole.management: "Leitung",
               PostRole.other: "Sonstige"}


@dataclass
class HeadingEntry:
    level: int  # 1..3
    number: str  # "3.1"
    text: str


class DocxWriter:
    def __init__(self, concept: Concept, template: Template):
        self.concept = concept
        self.doc = template.document
        self.style = template.style_ids
        self.numbering = Numbering(self.doc)
        heading_num = self.numbering.heading_numbering(
            [self.style["heading1"], self.style["heading2"], self.style["heading3"]])
        styles_by_id = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.findall(qn("w:style"))}
        for level, key in enumerate(("heading1", "heading2", "heading3")):
            link_style_numbering(styles_by_id[self.style[key]], heading_num, level)
        self.footnotes = Footnotes(self.doc, self.style["footnote_text"], self.style["footnote_reference"])
        self.headings: list[HeadingEntry] = []
        self._counters = [0, 0, 0]
        self._toc_paragraph = None

    # ------------------------------------------------------------------ entry point

    def build(self):
        self._properties()
        self._page_setup()
        self._header_footer()
        self._title_page()
        self._toc()
        self._preamble()
        self._guiding_goals()
        self._implementation()
        self._networks()
        # The approval process stays section 5 as in the adopted Unna document; staffing and
        # funding (not part of that document) follow it.
        self._approval_process()
        self._staffing()
        self._fill_toc()
        set_update_fields(self.doc.settings.element)
        return self.doc

    # ------------------------------------------------------------------ basic blocks

    def heading(self, text: str, level: int) -> None:
        """A numbered heading (levels 1-3) through the template's heading style and multilevel list."""
        self._counters[level - 1] += 1
        for deeper in range(level, 3):
            self._counters[deeper] = 0
        number = ".".join(str(c) for c in self._counters[:level]) + ("." if level == 1 else "")
        self.headings.append(HeadingEntry(level, number, text))
        self.doc.add_paragraph(text, style=self._style_name(f"heading{level}"))

    def subheading(self, text: str) -> None:
        """An unnumbered heading inside a section (Heading 4: not numbered, not in the TOC)."""
        self.doc.add_paragraph(text, style=self._style_name("heading4"))

    def _style_name(self, key: str):
        return self.doc.styles.get_by_id(self.style[key], _paragraph_or_table(key))

    def para(self, container=None, text: str = "", style: str | None = None, bold_prefix: str | None = None):
        container = container or self.doc
        paragraph = container.add_paragraph(style=self._style_name(style) if style else None)
        if bold_prefix:
            paragraph.add_run(bold_prefix).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def label(self, text: str, container=None):
        paragraph = self.para(container, bold_prefix=text)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = Pt(3)
        return paragraph

    def text(self, value: str | None, container=None, prefix: str | None = None) -> None:
        """Free text with markup: paragraphs, nested lists, bold/italic, footnotes."""
        if not value:
            return
        blocks = markup.parse(value)
        container = container or self.doc
        if prefix and blocks and isinstance(blocks[0], markup.Paragraph):
            paragraph = self.para(container, bold_prefix=prefix)
            self.runs(paragraph, blocks[0].runs)
            blocks = blocks[1:]
        elif prefix:
            self.label(prefix.rstrip(), container)
        self.blocks(blocks, container, level=0)

    def blocks(self, blocks, container, level: int) -> None:
        for block in blocks:
            if isinstance(block, markup.Paragraph):
                paragraph = self.para(container)
                if level:
                    paragraph.paragraph_format.left_indent = Cm(0.63 * level)
                self.runs(paragraph, block.runs)
            else:
                self.list_block(block, container, level)

    def list_block(self, block: markup.ListBlock, container, level: int) -> None:
        num_id = self.numbering.new_ordered_list(block.start) if block.ordered else self.numbering.bullet_num
        style = "list_number" if block.ordered else "list_bullet"
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], markup.Paragraph) else (None, item)
            paragraph = self.para(container, style=style)
            set_paragraph_numbering(paragraph, num_id, level)
            if first is not None:
                self.runs(paragraph, first.runs)
            for extra in rest:
                if isinstance(extra, markup.ListBlock):
                    self.list_block(extra, container, level + 1)
                else:
                    cont = self.para(container)
                    cont.paragraph_format.left_indent = Cm(0.63 * (level + 1) + (0.12 if block.ordered else 0))
                    self.runs(cont, extra.runs)

    def item_list(self, items: list[str], container=None, ordered: bool = False) -> None:
        """A list whose items are free texts (each may carry markup and footnotes)."""
        if not items:
            return
        block = markup.ListBlock(ordered=ordered, items=[markup.parse(item) for item in items])
        self.list_block(block, container or self.doc, 0)

    def runs(self, paragraph, runs: list[markup.Run]) -> None:
        for run in runs:
            if run.footnote is not None:
                self.footnote(paragraph, run.footnote)
            elif run.line_break:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            else:
                r = paragraph.add_run(run.text)
                if run.bold:
                    r.bold = True
                if run.italic:
                    r.italic = True

    def footnote(self, paragraph, content) -> None:
        _, note = self.footnotes.reference(paragraph)
        first = True
        for block in _flatten(content):
            note_paragraph = self.footnotes.new_paragraph(note, first)
            first = False
            self.runs(note_paragraph, block)
        if first:  # an empty footnote still needs its mark
            self.footnotes.new_paragraph(note, True)

    # ------------------------------------------------------------------ tables

    def table(self, headers: list[str], widths: list[float], container=None):
        container = container or self.doc
        table = container.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles.get_by_id(self.style["table"], _table_type())
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)  # w:gridCol: LibreOffice lays the table out by the grid
        header = table.rows[0]
        _repeat_header(header)
        for cell, text, width in zip(header.cells, headers, widths):
            cell.width = Cm(width)
            _shade(cell, HEADER_FILL)
            cell.paragraphs[0].add_run(text).bold = True
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        self._widths = widths
        return table

    def row(self, table, values: list[str] | None = None, bold: bool = False, align_right: set[int] = frozenset()):
        row = table.add_row()
        _cant_split(row)
        for index, (cell, width) in enumerate(zip(row.cells, self._widths)):
            cell.width = Cm(width)
            if values is not None:
                run = cell.paragraphs[0].add_run(values[index])
                run.bold = bold
                if index in align_right:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return row

    # ------------------------------------------------------------------ document frame

    def _properties(self) -> None:
        c = self.concept
        props = self.doc.core_properties
        props.title = c.title
        props.author = c.authority.name
        props.last_modified_by = c.authority.name
        props.subject = c.subtitle or f"Integrationskonzept nach {LEGAL_BASIS_LABELS[c.legal_basis]}"
        props.keywords = "Integrationskonzept; " + LEGAL_BASIS_LABELS[c.legal_basis]
        props.category = "Entwurf" if c.status is Status.draft else "Beschlossen"
        props.comments = ""
        props.language = "de-DE"
        props.revision = 1
        stamp = FIXED_EPOCH
        if c.adoption and c.adoption.date:
            stamp = dt.datetime.combine(c.adoption.date.start, dt.time())
        props.created = props.modified = stamp
        if props.last_printed is not None:  # a county template may carry one
            props.last_printed = stamp

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.different_first_page_header_footer = True

    def _header_footer(self) -> None:
        c = self.concept
        section = self.doc.sections[0]
        draft = c.status is Status.draft
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            part.is_linked_to_previous = False
            for child in list(part._element):
                part._element.remove(child)
        header = section.header
        line = header.add_paragraph(style=self._style_name("header"))
        line.add_run(f"{c.short_title or c.title}")
        line.add_run("\t")
        line.add_run(c.authority.name)
        _right_tab(line, section, self.doc.styles.get_by_id(self.style["header"], _paragraph_or_table("header")))
        if draft:
            for target in (header, section.first_page_header):
                mark = target.add_paragraph(style=self._style_name("header"))
                mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = mark.add_run("Entwurf")
                run.bold = True
        else:
            section.first_page_header.add_paragraph(style=self._style_name("header"))
        footer = section.footer.add_paragraph(style=self._style_name("footer"))
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" von ")
        add_field(footer, "NUMPAGES", "1")
        first = section.first_page_footer.add_paragraph(style=self._style_name("footer"))
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first.add_run("Seite ")
        add_field(first, "PAGE", "1")
        first.add_run(" von ")
        add_field(first, "NUMPAGES", "1")

    def _title_page(self) -> None:
        c = self.concept
        spacer = self.para()
        spacer.paragraph_format.space_before = Cm(4)
        self.para(text=c.authority.name, style="subtitle")
        self.para(text=c.title, style="title")
        if c.subtitle:
            self.para(text=c.subtitle, style="subtitle")
        status = self.para()
        status.paragraph_format.space_before = Cm(2)
        if c.status is Status.draft:
            run = status.add_run("Entwurf")
            run.bold = True
            run.font.size = Pt(16)
        else:
            status.add_run("Beschlossene Fassung").bold = True
        if c.adoption:
            if c.status is Status.adopted:
                when = _adoption_when(c.adoption.date, " am ", " ")
                self.para(bold_prefix="Beschluss: ", text=f"{c.adoption.body}{when}")
            else:
                when = _adoption_when(c.adoption.date, ", vorgesehen am ", ", vorgesehen ")
                self.para(bold_prefix="Zur Beschlussfassung: ", text=f"{c.adoption.body}{when}")
            if c.adoption.reference:
                self.para(bold_prefix="Vorlage: ", text=c.adoption.reference)
        self.para(bold_prefix="Rechtsgrundlage: ", text=LEGAL_BASIS_LABELS[c.legal_basis])
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _toc(self) -> None:
        heading = self.para(text="Inhalt", style="toc_heading")
        # "TOC Heading" is usually based on Heading 1: keep it out of the numbering and out of the TOC
        set_paragraph_numbering(heading, 0, 0)
        heading._p.get_or_add_pPr().append(w("outlineLvl", val=9))
        self._toc_paragraph = self.para(style="toc1")

    def _fill_toc(self) -> None:
        """The TOC field; its result is pre-filled with the numbered headings (without page numbers),
        so the document shows a sensible table of contents even before Word or LibreOffice updates it."""
        first = self._toc_paragraph
        entries = self.headings or [HeadingEntry(1, "", "Inhaltsverzeichnis: bitte Felder aktualisieren (F9)")]
        paragraphs = [first]
        first.style = self._style_name(f"toc{entries[0].level}")
        anchor = first
        for entry in entries[1:]:
            new = self.doc.add_paragraph(style=self._style_name(f"toc{entry.level}"))
            anchor._p.addnext(new._p)
            anchor = new
            paragraphs.append(new)
        # begin + instruction + separate in the first paragraph, end after the last entry
        begin = first.add_run()
        begin._r.append(w("fldChar", fldCharType="begin"))
        instr = first.add_run()
        text = w("instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = f" {TOC_INSTRUCTION} "
        instr._r.append(text)
        sep = first.add_run()
        sep._r.append(w("fldChar", fldCharType="separate"))
        for paragraph, entry in zip(paragraphs, entries):
            paragraph.add_run(f"{entry.number} {entry.text}".strip())
        end = paragraphs[-1].add_run()
        end._r.append(w("fldChar", fldCharType="end"))
        after = self.doc.add_paragraph()
        paragraphs[-1]._p.addnext(after._p)
        after.add_run().add_break(WD_BREAK.PAGE)

    # ------------------------------------------------------------------ 1. preamble

    def _preamble(self) -> None:
        p = self.concept.preamble
        if p is None:
            return
        self.heading(p.title, 1)
        self.text(p.intro)
        if p.population_table:
            self._population_table(p.population_table)
        self.text(p.history)

    def _population_table(self, t) -> None:
        cols = t.columns
        rows = list(t.rows) + ([t.total_row] if t.total_row else [])

        def mb_pct(r):
            return r.migration_background_percent if r.migration_background_percent is not None else \
                fmt.share_percent(r.with_migration_background, r.total)

        def fo_pct(r):
            return r.foreigners_percent if r.foreigners_percent is not None else \
                fmt.share_percent(r.foreigners, r.total)

        count = lambda attr: (lambda r: fmt.format_count(getattr(r, attr), t.number_style))  # noqa: E731
        pct = lambda fn: (lambda r: fmt.format_percent(fn(r), t.percent_decimals))  # noqa: E731
        candidates = [
            (cols.total, lambda r: r.total, count("total")),
            (cols.without_migration_background, lambda r: r.without_migration_background,
             count("without_migration_background")),
            (cols.with_migration_background, lambda r: r.with_migration_background,
             count("with_migration_background")),
            (cols.migration_background_percent, mb_pct, pct(mb_pct)),
            (cols.foreigners, lambda r: r.foreigners, count("foreigners")),
            (cols.foreigners_percent, fo_pct, pct(fo_pct)),
        ]
        shown = [(head, render) for head, value, render in candidates if any(value(r) is not None for r in rows)]
        caption = self.para(text=t.title, style="caption")
        caption.paragraph_format.keep_with_next = True
        name_width = 3.1
        other = (16.0 - name_width) / max(1, len(shown))
        table = self.table([cols.name] + [h for h, _ in shown], [name_width] + [other] * len(shown))
        right = set(range(1, len(shown) + 1))
        for index, header_cell in enumerate(table.rows[0].cells):
            if index in right:
                header_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in t.rows:
            self.row(table, [r.name] + [render(r) for _, render in shown], align_right=right)
        if t.total_row:
            self.row(table, [t.total_row.name] + [render(t.total_row) for _, render in shown], bold=True,
                     align_right=right)
        _font_size(table, 9.5)  # seven columns on A4 portrait: a slightly smaller font
        source = f"Quelle: {t.source}"
        if t.reference_date:
            source += f", Stand: {fmt.format_day(t.reference_date)}"
        self.para(text=source, style="caption")

    # ------------------------------------------------------------------ 2. guiding goals

    def _guiding_goals(self) -> None:
        c = self.concept
        g = c.guiding_goals
        d = c.definitions
        if g is None and d is None and not c.action_fields:
            return
        self.heading(g.title if g else "Integrationsleitziele", 1)
        if g:
            self.text(g.intro)
            if not g.intro and (g.adopted_by or g.adopted_on):
                when = f" am {fmt.format_day(g.adopted_on)}" if g.adopted_on else ""
                self.para(text=f"Die Integrationsleitziele wurden{when} beschlossen"
                               f"{' vom Gremium ' + g.adopted_by if g.adopted_by else ''}.")
            if g.rationale:
                self.subheading("Begründung der Beschlussvorlage")
                self.text(g.rationale)
        if d and d.integration:
            self.subheading("Definition Integration")
            self.text(d.integration)
        if d and d.target_groups:
            self.subheading("Zielgruppen")
            self.text(d.target_groups)
        described = [f for f in c.action_fields if f.description]
        if described:
            self.subheading("Handlungsfelder")
            for field in described:
                self.text(field.description, prefix=f"{field.name}: ")
        if g and g.goals_heading:
            self.subheading(g.goals_heading)
        if g and g.global_goal:
            self.subheading("Globalziel")
            self.text(g.global_goal)
        names = {f.id: f.name for f in c.action_fields}
        for goal in g.goals if g else []:
            title = goal.heading or f"Handlungsfeld „{names.get(goal.action_field, goal.action_field)}“"
            self.subheading(title)
            self.text(goal.goal, prefix="Ziel: ")
            if goal.measures:
                self.label("Es soll erreicht werden durch:")
                self.item_list(goal.measures)

    # ------------------------------------------------------------------ 3. implementation, 3.3 KI tasks

    def _implementation(self) -> None:
        c = self.concept
        impl = c.implementation
        if impl is None and c.ki_tasks is None:
            return
        if impl is not None:
            self.heading(impl.title, 1)
            if impl.strategic:
                self._strategic(impl.strategic)
            if impl.operational:
                self._operational(impl.operational)
        if c.ki_tasks:
            self.heading(c.ki_tasks.title, 2 if impl is not None else 1)
            self.text(c.ki_tasks.intro)
            self._ki_table(c.ki_tasks)

    def _strategic(self, s) -> None:
        self.heading(s.title, 2)
        self.text(s.intro)
        sg = s.steering_group
        if sg:
            if sg.chair:
                self.para(bold_prefix=f"{sg.name} – Vorsitz: ", text=sg.chair)
            if sg.tasks:
                self.label("Aufgabenstellung der Steuerungsgruppe:")
                self.item_list(sg.tasks, ordered=True)
            if sg.composition:
                self.label("Personelle Zusammensetzung der Steuerungsgruppe:")
                self.text(sg.composition)
            if sg.members:
                self.label("Mitglieder der Steuerungsgruppe:")
                self.item_list([m.name for m in sg.members])
            self.text(sg.meeting_rhythm)
            self.text(sg.notes)
        self.text(s.text)

    def _operational(self, o) -> None:
        self.heading(o.title, 2)
        if o.lead_institution:
            self.para(bold_prefix="Federführung: ", text=o.lead_institution)
        self.text(o.intro)
        self.text(o.institutions_intro)
        if o.institutions:
            items = []
            for inst in o.institutions:
                item = f"{inst.count} {inst.name}" if inst.count is not None else inst.name
                if inst.note:
                    item += f" ({inst.note})"
                items.append(_escape(item))
            self.item_list(items)
        self.text(o.text)

    def _ki_table(self, tasks) -> None:
        # Layout choice: grouped rows, not areas as columns. Two columns (what / tasks) with a full-width
        # row per group and per area. On A4 portrait (16 cm text width) three or more area columns
        # leave about 5 cm per column for long bullet lists, cells stay empty where an area has no entry
        # (Schule/Beruf has no moderated networks in Unna), and the number of areas differs per group and
        # per county. Grouped rows keep every list at full width, break cleanly across pages (rows do not
        # split, the header row repeats) and read top to bottom, also for screen readers.
        table = self.table(["Bereich", "Aufgaben"], [5.0, 11.0])
        for group in tasks.groups:
            self._ki_band(table, group.name, GROUP_FILL, white=True)
            self._ki_rows(table, "Schwerpunktziel", group.focus_goal)
            self._ki_rows(table, "Teilziele", group.sub_goals)
            for area in group.areas:
                self._ki_band(table, area.name, AREA_FILL)
                self._ki_rows(table, "Schwerpunktziel", area.focus_goal)
                self._ki_rows(table, "Teilziele", area.sub_goals)
                self._ki_rows(table, "Themen-/Arbeitsschwerpunkte", area.topics)
                self._ki_rows(table, "Produkte", area.products)
                self._ki_rows(table, "Moderation Facharbeitskreise/Netzwerke", area.moderated_networks)
                self._ki_rows(table, area.memberships_label or "Netzwerkmitgliedschaften", area.memberships)
        _font_size(table, 10)
        self.para()

    def _ki_band(self, table, text: str, fill: str, white: bool = False) -> None:
        row = self.row(table)
        merged = row.cells[0].merge(row.cells[1])
        _shade(merged, fill)
        run = merged.paragraphs[0].add_run(text)
        run.bold = True
        if white:
            from docx.shared import RGBColor

            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        merged.paragraphs[0].paragraph_format.keep_with_next = True

    def _ki_rows(self, table, label: str, items: list[str]) -> None:
        if not items:
            return
        row = self.row(table)
        # allow a line break after "/" in long labels ("Facharbeitskreise/Netzwerke")
        row.cells[0].paragraphs[0].add_run(label.replace("/", "/\u200b")).bold = True
        cell = row.cells[1]
        self.item_list(items, container=cell)
        _drop_first_empty(cell)

    # ------------------------------------------------------------------ 4. networks, monitoring, organisation

    def _networks(self) -> None:
        c = self.concept
        n, m, o = c.networks, c.monitoring, c.organisation
        if n is None and m is None and o is None:
            return
        sub = 2 if n is not None else 1
        if n is not None:
            self.heading(n.title, 1)
            self.text(n.intro)
            for body in n.bodies:
                self.heading(body.title or body.name, 2)
                self.text(body.intro)
                if body.mandate:
                    self.label("Auftrag:")
                    self.item_list(body.mandate)
                if body.expected_members:
                    self.label("Voraussichtliche Mitglieder:")
                    self.item_list([member.name for member in body.expected_members])
                if body.chair:
                    self.para(bold_prefix="Vorsitz: ", text=body.chair)
                if body.management:
                    self.para(bold_prefix="Geschäftsführung: ", text=body.management)
                self.text(body.text)
        if m is not None:
            self.heading(m.title, sub)
            self.text(m.intro)
            self.item_list(m.indicators)
            self.text(m.text)
        if o is not None:
            self.heading(o.title, sub)
            for label, value in (("Kommunales Integrationszentrum: ", o.ki_name),
                                 ("Vorgängereinrichtung: ", o.predecessor),
                                 ("Organisatorische Anbindung: ", o.attachment),
                                 ("Arbeitsbeginn: ", fmt.format_vague(o.start) if o.start else None)):
                if value:
                    self.para(bold_prefix=label, text=value)
            for chart in o.charts:
                self.subheading(chart.title)
                self.item_list(chart.items)
                if chart.note:
                    self.text(chart.note)

    # ------------------------------------------------------------------ staffing

    def _staffing(self) -> None:
        s = self.concept.staffing
        if s is None:
            return
        self.heading(s.title, 1)
        if s.posts:
            table = self.table(["Stelle", "Stellenanteile", "Finanzierung"], [8.0, 3.5, 4.5])
            for post in s.posts:
                role = ROLE_LABELS[post.role] if post.role else "Stelle"
                self.row(table, [post.label or role, fmt.format_fte(post.fte),
                                 FUNDER_LABELS[post.funded_by] if post.funded_by else fmt.DASH], align_right={1})
            self.row(table, ["Summe", fmt.format_fte(sum(p.fte for p in s.posts)), ""], bold=True,
                     align_right={1})
            self.para()
        if s.funding:
            table = self.table(["Mittelgeber", "Betrag", "Bezug", "Anmerkung"], [4.0, 3.5, 2.5, 6.0])
            for item in s.funding:
                self.row(table, [item.label or FUNDER_LABELS[item.funder],
                                 fmt.format_euro(item.amount_eur) if item.amount_eur is not None else fmt.DASH,
                                 {"year": "jährlich", "total": "insgesamt"}.get(item.per or "", ""),
                                 item.note or ""],
                         align_right={1})
            self.para()
        self.text(s.text)

    # ------------------------------------------------------------------ 5. approval process

    def _approval_process(self) -> None:
        a = self.concept.approval_process
        if a is None:
            return
        self.heading(a.title, 1)
        self.text(a.intro)
        if not a.steps:
            return
        # three columns: with a fourth "Zweck" column long body names ("Bürgermeisterkonferenz") broke
        # mid-word on A4 portrait; the purpose is printed under the body instead
        table = self.table(["Termin", "Gremium / Stelle (Zweck)", "Vorgang"], [3.4, 5.0, 7.6])
        for step in a.steps:
            if step.lead_in:  # text printed between steps, e.g. "Der Entwurf wurde zudem … vorgelegt:"
                band = self.row(table)
                merged = band.cells[0].merge(band.cells[2])
                self.text(step.lead_in, container=merged)
                _drop_first_empty(merged)
                for paragraph in merged.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
            row = self.row(table)
            when = fmt.format_vague(step.date) if step.date else (step.date_label or fmt.DASH)
            if step.time:
                when += f", {step.time} Uhr"
            row.cells[0].paragraphs[0].add_run(when)
            row.cells[1].paragraphs[0].add_run(step.body)
            row.cells[1].add_paragraph().add_run(f"({PURPOSE_LABELS[step.purpose]})").italic = True
            cell = row.cells[2]
            self.text(step.description, container=cell)
            if step.recipients:
                self.item_list(step.recipients, container=cell)
            if step.note:
                self.text(step.note, container=cell)
            _drop_first_empty(cell)
        _font_size(table, 10)


# ---------------------------------------------------------------------- helpers


def _paragraph_or_table(key: str):
    from docx.enum.style import WD_STYLE_TYPE

    return WD_STYLE_TYPE.TABLE if key == "table" else WD_STYLE_TYPE.PARAGRAPH


def _table_type():
    from docx.enum.style import WD_STYLE_TYPE

    return WD_STYLE_TYPE.TABLE


def _escape(text: str) -> str:
    """Plain text passed through the markup parser: keep "10 Schulen" from becoming a numbered list etc."""
    for char in "\\*_[]^`<>#":
        text = text.replace(char, "\\" + char)
    if text[:1] in "-+" or (text.split(" ", 1)[0].rstrip(".)").isdigit() and text.split(" ", 1)[0][-1:] in ".)"):
        text = "\\" + text
    return text


def _flatten(blocks) -> list[list[markup.Run]]:
    """Footnote content as a list of paragraphs' runs (lists become "– item" paragraphs)."""
    out: list[list[markup.Run]] = []
    for block in blocks:
        if isinstance(block, markup.Paragraph):
            out.append(block.runs)
        else:
            for item in block.items:
                inner = _flatten(item)
                if inner:
                    inner[0] = [markup.Run("– ")] + inner[0]
                out.extend(inner)
    return out


def _font_size(table, points: float) -> None:
    for table_row in table.rows:
        for cell in table_row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(points)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    tcpr.append(w("shd", val="clear", color="auto", fill=fill))


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(w("cantSplit"))
    trpr.append(w("tblHeader"))


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(w("cantSplit"))


def _drop_first_empty(cell) -> None:
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0]._p.findall(qn("w:r")):
        cell._tc.remove(paragraphs[0]._p)


def _right_tab(paragraph, section, style) -> None:
    """One right-aligned tab stop at the right margin; the style's own stops are cleared."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    width = section.page_width - section.left_margin - section.right_margin
    stops = paragraph.paragraph_format.tab_stops
    for stop in style.paragraph_format.tab_stops:
        if stop.position != width:
            stops.add_tab_stop(stop.position, alignment=WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)


def _adoption_when(date, exact: str, vague: str) -> str:
    """The adoption date as printed: a day, or a vague date in words (VagueDate.german)."""
    if date is None:
        return ""
    return f"{exact}{fmt.format_day(date.start)}" if date.is_exact else f"{vague}{date.german()}"

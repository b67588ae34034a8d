"""The Synopse: old and new wording side by side, as council members know it from changed statutes.

A committee document through the same template handling as ``render`` (``render.template.load_template``):
title page (no header or footer on it), then header with short title and authority and footer "Seite X von
Y"; per section of the concept a two-column table "bisherige Fassung | neue Fassung" with one row per
change, deletions struck through (red), insertions underlined (blue). Unchanged sections are collapsed to
one line. Only what the document prints is compared (``compare(..., printed=True)``): no ids, no internal
fields, no defaults nobody chose; dates and amounts in German form.
"""

from __future__ import annotations

import functools
import io

from integconcept.core.german import short_date
from integconcept.drafting.diff import Change, Comparison, _is_long, align, compare, describe, german_value, word_diff

DELETED_COLOUR = "C00000"
INSERTED_COLOUR = "1F4E9E"
LABEL_FILL = "E7E6E6"


def render_synopse(comparison: Comparison, template_path: str | None = None) -> bytes:
    """The DOCX bytes of the Synopse for ``comparison``."""
    from integconcept.render.template import load_template

    template = load_template(template_path)
    printed = compare(comparison.old, comparison.new, comparison.old_name, comparison.new_name, printed=True)
    writer = _SynopseWriter(printed, template)
    writer.build()
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    from integconcept.render.ooxml import deterministic_zip

    return deterministic_zip(buffer.getvalue())  # same comparison, same bytes


class _SynopseWriter:
    def __init__(self, comparison: Comparison, template):
        self.c = comparison
        self.doc = template.document
        self.style_ids = template.style_ids

    # ------------------------------------------------------------------ helpers

    def style(self, key: str):
        from docx.enum.style import WD_STYLE_TYPE

        kind = WD_STYLE_TYPE.TABLE if key == "table" else WD_STYLE_TYPE.PARAGRAPH
        return self.doc.styles.get_by_id(self.style_ids[key], kind)

    def para(self, text: str = "", style: str | None = None, bold_prefix: str | None = None, container=None):
        container = container or self.doc
        paragraph = container.add_paragraph(style=self.style(style) if style else None)
        if bold_prefix:
            paragraph.add_run(bold_prefix).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    # ------------------------------------------------------------------ document

    def build(self) -> None:
        from docx.shared import Pt

        self._properties()
        self._header_footer()
        self._title_page()
        for key, title, changes in self.c.by_section():
            if changes:
                self._section(title, changes)
            elif not _printed_section(key):  # e.g. the sources: the document never prints them
                continue
            elif _present(self.c.old, key) or _present(self.c.new, key):
                line = self.para(style="normal")
                line.paragraph_format.space_before = Pt(6)
                line.add_run(title).bold = True
                line.add_run(": unverändert")

    def _properties(self) -> None:
        import datetime as dt

        new = self.c.new
        props = self.doc.core_properties
        props.title = f"Synopse: {new.title}"
        props.author = new.authority.name
        props.last_modified_by = new.authority.name
        props.subject = "Gegenüberstellung der bisherigen und der neuen Fassung"
        props.language = "de-DE"
        props.comments = ""
        props.revision = 1
        props.created = props.modified = dt.datetime(2000, 1, 1)
        from integconcept.render.frame import set_generator

        set_generator(self.doc)  # a later diff -o may replace it (core/replace.py)

    def _header_footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from integconcept.render.ooxml import clear_header_footer

        new = self.c.new
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        clear_header_footer(section)
        header = section.header.add_paragraph(style=self.style("header"))
        header.add_run(f"Synopse: {new.short_title or new.title}")
        header.add_run("\t\t")
        header.add_run(new.authority.name)
        # the title page: no header, no page number (its parts must exist, else Word repeats the others)
        section.first_page_header.add_paragraph(style=self.style("header"))
        section.first_page_footer.add_paragraph(style=self.style("footer"))
        footer = section.footer.add_paragraph(style=self.style("footer"))
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        _field(footer, "PAGE")
        footer.add_run(" von ")
        _field(footer, "NUMPAGES")

    def _title_page(self) -> None:
        from docx.enum.text import WD_BREAK
        from docx.shared import Cm, Pt

        old, new = self.c.old, self.c.new
        spacer = self.para()
        spacer.paragraph_format.space_before = Cm(4)
        self.para(new.authority.name, style="subtitle")
        self.para("Synopse", style="title")
        self.para(new.title, style="subtitle")
        intro = self.para("Gegenüberstellung der bisherigen und der neuen Fassung")
        intro.paragraph_format.space_before = Cm(1)
        intro.runs[0].font.size = Pt(13)
        self.para(_version(old, self.c.old_name), bold_prefix="Bisherige Fassung: ")
        self.para(_version(new, self.c.new_name), bold_prefix="Neue Fassung: ")
        count = len(self.c.changes)
        sections = sum(1 for _, _, changes in self.c.by_section() if changes)
        summary = (
            f"{count} {'Änderung' if count == 1 else 'Änderungen'} in {sections} "
            f"{'Abschnitt' if sections == 1 else 'Abschnitten'}"
            if count
            else "Keine inhaltlichen Änderungen"
        )
        self.para(summary + ".", bold_prefix="Umfang: ")
        legend = self.para(bold_prefix="Lesehilfe: ")
        legend.add_run("Gestrichenes ")
        _styled(legend, "durchgestrichen", "delete")
        legend.add_run(", Neues ")
        _styled(legend, "unterstrichen", "insert")
        legend.add_run("; Abschnitte ohne Änderungen sind in einer Zeile zusammengefasst.")
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _section(self, title: str, changes: list[Change]) -> None:
        from docx.shared import Cm, Pt

        self.para(title, style="heading1")
        table = self.doc.add_table(rows=1, cols=2)
        table.style = self.style("table")
        head = table.rows[0]
        for cell, text in zip(head.cells, ("bisherige Fassung", "neue Fassung")):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(head)
        from docx.oxml.ns import qn
        from docx.table import _Cell

        from integconcept.render.ooxml import clone

        tbl, tc_tag = table._tbl, qn("w:tc")
        blank = None  # the empty label row and change row python-docx makes, copied for every further change
        for change in changes:
            if blank is None:
                label_row = table.add_row()
                merged = label_row.cells[0].merge(label_row.cells[1])
                row = table.add_row()
                blank = clone(label_row._tr), clone(row._tr)
                left, right = row.cells
            else:  # python-docx's add_row/cells/merge look through the whole table: quadratic in changes
                label_tr, tr = clone(blank[0]), clone(blank[1])
                tbl.append(label_tr)
                tbl.append(tr)
                merged = _Cell(label_tr.find(tc_tag), table)
                left, right = (_Cell(tc, table) for tc in tr.iterchildren(tc_tag))
            run = merged.paragraphs[0].add_run(_location(change))
            run.bold = True
            run.font.size = Pt(9)
            _shade(merged, LABEL_FILL)
            self._fill(left, right, change)
        for tc in tbl.iter(tc_tag):  # every cell 8 cm (what setting each row's cells did)
            _Cell(tc, table).width = Cm(8)

    def _fill(self, left, right, change: Change) -> None:
        key = str(change.path[-1]) if change.path else None
        if change.kind == "added":
            _note(left.paragraphs[0], "(bisher nicht enthalten)")
            _lines(right, describe(change.new, change.model, enum=change.enum, printed=True), "insert")
        elif change.kind == "removed":
            _lines(left, describe(change.old, change.model, enum=change.enum, printed=True), "delete")
            _note(right.paragraphs[0], "(entfällt)")
        elif isinstance(change.old, (dict, list)) or isinstance(change.new, (dict, list)):
            _lines(left, describe(change.old, change.model, enum=change.enum, printed=True), "delete")
            _lines(right, describe(change.new, change.model, enum=change.enum, printed=True), "insert")
        elif not (_is_long(change.old) or _is_long(change.new)):  # a number, date or name: whole values
            _ops(left, [("delete", _text(change.old, change.enum, key))] if change.old is not None else [])
            _ops(right, [("insert", _text(change.new, change.enum, key))] if change.new is not None else [])
        else:
            self._long_text(left, right, _text(change.old), _text(change.new))

    def _long_text(self, left, right, old: str, new: str) -> None:
        """Changed paragraphs word by word; runs of unchanged paragraphs shortened to „[…]“."""
        a, b = _paragraphs(old), _paragraphs(new)
        first = True
        for op, i1, i2, j1, j2 in align(a, b):
            if op == "equal":
                for cell in (left, right):
                    _note(cell.paragraphs[0] if first else cell.add_paragraph(), "[…]")
            else:
                ops = word_diff("\n\n".join(a[i1:i2]), "\n\n".join(b[j1:j2]))
                _ops(left, [(o, t) for o, t in ops if o != "insert"], new_paragraph=not first)
                _ops(right, [(o, t) for o, t in ops if o != "delete"], new_paragraph=not first)
            first = False


# --------------------------------------------------------------------------- small pieces


def _printed_section(key: str) -> bool:
    """Does the document print any field of the section ``key`` belongs to?"""
    from integconcept.document.model import Concept
    from integconcept.drafting.diff import UNPRINTED_ROOT, section_title

    title = section_title(key)
    return any(k not in UNPRINTED_ROOT for k in Concept.model_fields if section_title(k) == title)


def _present(concept, key: str) -> bool:
    value = getattr(concept, key, None)
    return value not in (None, [], {})


def _version(concept, name: str) -> str:
    status = "Entwurf" if concept.status.value == "draft" else "beschlossen"
    parts = [concept.subtitle or concept.title, status]
    if concept.adoption and concept.adoption.date:
        date = concept.adoption.date  # a VagueDate: a day, or "Anfang März 2013"
        when = f"am {short_date(date.start)}" if date.is_exact else date.german()
        parts.append(f"{concept.adoption.body} {when}")
    return "; ".join(parts)


def _location(change: Change) -> str:
    """The change's place without the section title (the table stands under it) and without the verb (the
    columns show what changed)."""
    from integconcept.drafting.diff import sections

    label = change.where or change.label
    head, _, rest = label.partition(" › ")
    if rest and head == dict(sections()).get(change.section):
        label = rest
    return label


def _text(value, enum: str | None = None, key: str | None = None) -> str:
    """A single value as the document would print it: German dates and amounts, the German label of a
    choice, "ja"/"nein"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    german = german_value(value, key)
    if german is not None:
        return german
    if enum is not None and isinstance(value, str):
        from integconcept.document.labels import ENUMS

        item = ENUMS.get(enum, {}).get(value)
        if item is not None:
            return item.label
    return _readable(str(value))


def _readable(text: str) -> str:
    """Free-text markup as a reader sees it: no ** markers, footnotes in brackets, no line-end backslashes."""
    import re

    text = re.sub(r"\^\[([^\]]*)\]", r" [Fußnote: \1]", text)
    return text.replace("**", "").replace("\\\n", "\n")


def _styled(paragraph, text: str, op: str):
    """A run of ``text``: struck through in red (delete), underlined in green (insert) or plain. The run is
    what python-docx's ``add_run(text)`` writes, its formatting a copy of what its font properties write
    (made once per kind: each property searches the run's elements)."""
    from docx.text.run import Run

    from integconcept.render.ooxml import add_run, clone

    r = add_run(paragraph._p, text)
    rpr = _change_rpr(op)
    if rpr is not None:
        r.insert(0, clone(rpr))
    return Run(r, paragraph)


@functools.cache
def _change_rpr(op: str):
    """The w:rPr python-docx writes for ``font.strike``/``font.underline`` and the colour of ``op``."""
    from docx.shared import RGBColor
    from docx.text.run import Run

    from integconcept.render.ooxml import make

    if op not in ("delete", "insert"):
        return None
    run = Run(make("w:r"), None)  # type: ignore[arg-type]  # detached: font properties need no story part
    if op == "delete":
        run.font.strike = True
        run.font.color.rgb = RGBColor.from_string(DELETED_COLOUR)
    else:
        run.font.underline = True
        run.font.color.rgb = RGBColor.from_string(INSERTED_COLOUR)
    return run._r.rPr


def _add_text(cell, paragraph, text: str, op: str):
    """Text with line breaks: an empty line starts a new paragraph in the cell, a single one a break."""
    chunks = text.split("\n")
    for index, chunk in enumerate(chunks):
        if index:
            if chunk == "" and index + 1 < len(chunks):
                continue
            if chunks[index - 1] == "" and index > 1:
                paragraph = cell.add_paragraph()
            else:
                paragraph.add_run().add_break()
        if chunk:
            _styled(paragraph, chunk, op)
    return paragraph


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()] or [""]


def _ops(cell, ops: list[tuple[str, str]], new_paragraph: bool = False) -> None:
    paragraph = cell.add_paragraph() if new_paragraph else cell.paragraphs[0]
    for op, text in ops:
        paragraph = _add_text(cell, paragraph, text, op)


def _lines(cell, lines: list[str], op: str) -> None:
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        _styled(paragraph, _readable(line), op)


def _note(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.italic = True


def _field(paragraph, instruction: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)

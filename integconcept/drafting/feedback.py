"""Read the consultation's answers back: comments and tracked changes in returned copies of the rendered
concept (``integconcept feedback``), and the Abwägungstabelle committees use to answer them.

A returned copy is the DOCX ``render`` wrote, opened by a municipality, a welfare association or the
Integrationsrat, commented (``w:comment``) and edited with "Änderungen nachverfolgen" (``w:ins`` /
``w:del`` with ``w:author`` and ``w:date``). Each comment and each change becomes a :class:`Remark` with
its author, date, quoted anchor text and the place in the concept: the section heading and a JSON pointer,
found by matching the copy's paragraphs (as they read before the changes) against what the document
prints (``render.outline``). Several files are read at once; the remarks are listed in the concept's order,
each file's remark on its own (the same remark from two files stays two remarks, with both authors).

Tracked changes are never accepted: the copies are only read, and the changes are listed as proposals.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from integconcept.core.errors import UserError
from integconcept.document import markup

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The largest XML part read from a returned copy (a rendered concept's document.xml is well under 2 MB).
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 100 * 1024 * 1024
KIND_LABELS = {
    "comment": "Kommentar",
    "insertion": "Einfügung",
    "deletion": "Streichung",
    "replacement": "Ersetzung",
    "moved_from": "Verschiebung (alte Stelle)",
    "moved_to": "Verschiebung (neue Stelle)",
}


class FeedbackError(UserError):
    """A returned file cannot be read (exit code 2)."""


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold()


@dataclass
class Remark:
    """One comment or tracked change of one returned file."""

    file: str
    kind: str  # comment | insertion | deletion | replacement
    author: str
    date: str | None  # ISO date (the day) as Word writes it, if any
    text: str  # the comment, or the inserted text
    old: str = ""  # the deleted text (deletion, replacement)
    anchor: str = ""  # the text the remark is about (comment range; for a change its paragraph)
    paragraph: int = 0  # 1-based paragraph of the file (body, tables included)
    section: str = ""  # "2. Integrationsleitziele Kreis Unna"
    path: str = ""  # JSON pointer into the concept, "/guiding_goals/goals/2"
    order: int = 0  # position in the concept's printed order
    number: int = 0  # Nr. in the list and in the Abwägungstabelle

    def what(self) -> str:
        """The remark in one German phrase."""
        if self.kind == "comment":
            return self.text
        if self.kind == "insertion":
            return f"Einfügung „{self.text}“"
        if self.kind == "deletion":
            return f"Streichung „{self.old}“"
        if self.kind == "moved_from":
            return f"„{self.old}“ von hier verschoben"
        if self.kind == "moved_to":
            return f"„{self.text}“ hierher verschoben"
        return f"Ersetzung „{self.old}“ durch „{self.text}“"

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        data.pop("order")
        return data


@dataclass
class Collected:
    files: list[str]
    remarks: list[Remark] = field(default_factory=list)

    def authors(self) -> list[str]:
        return list(dict.fromkeys(r.author for r in self.remarks))


# --------------------------------------------------------------------------- where the printed text stands


@dataclass
class _Place:
    text: str  # normalized
    path: tuple
    section: str
    order: int


def _strings(value) -> list[str]:
    """Every printed string of a block (fields of dataclasses, lists), markup turned into its lines."""
    out: list[str] = []
    if isinstance(value, str):
        try:
            plain = markup.plain_text(value)
        except Exception:  # noqa: BLE001 - a text the parser cannot take is matched as it is
            plain = value
        out += [line for line in plain.split("\n") if line.strip()]
    elif isinstance(value, (list, tuple)):
        for item in value:
            out += _strings(item)
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name in (
                "index",
                "level",
                "depth",
                "ordered",
                "lead_in",
                "date_chars",
                "widths",
                "right",
                "chart",
                "style",
            ):
                continue
            out += _strings(getattr(value, f.name))
    return out


def printed_places(concept) -> list[_Place]:
    """What the document prints, paragraph by paragraph, with its path and section heading."""
    from integconcept.render import outline as ol

    blocks = ol.outline(concept)
    numbers = ol.heading_numbers(blocks)
    places: list[_Place] = []
    path: tuple = ()
    section = "Titelseite"

    def add(texts, where):
        for text in texts:
            places.append(_Place(_norm(text), where, section, len(places)))

    cover = ol.cover(concept)
    add(_strings(cover), ())
    for index, block in enumerate(blocks):
        name = type(block).__name__
        if name == "At":
            path = tuple(block.path)
        elif name == "Heading":
            section = f"{numbers.get(index, '')} {block.text}".strip()
            add([block.text], path)
        elif name == "StepTable":
            for line in block.lines:
                add(_strings([line.date, line.text, line.extras]), ("approval_process", "steps", line.index))
        elif name == "PopulationTable":
            add(_strings([block.title, block.source, block.header]), path + ("population_table",))
            for row_index, row in enumerate(block.rows):
                add(_strings(row), path + ("population_table", "rows", row_index))
            if block.total:
                add(_strings(block.total), path + ("population_table", "total_row"))
        else:
            add(_strings(block), path)
    return places


# --------------------------------------------------------------------------- reading a returned copy


def _parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
    )


def _read_part(archive: zipfile.ZipFile, name: str, file: str):
    from lxml import etree

    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise FeedbackError(
            f"{file}: der Teil {name} ist zu groß ({info.file_size // 1024 // 1024} MB); ein "
            "zurückgeschicktes Konzept ist viel kleiner. Ist es die richtige Datei?"
        )
    data = archive.read(name)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise FeedbackError(
            f"{file}: {name} deklariert eine DTD oder Entitäten; solche Dateien werden nicht "
            "gelesen. Bitte die Datei in Word neu speichern."
        )
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FeedbackError(
            f"{file}: {name} ist beschädigt ({exc}). Bitte die Datei in Word öffnen und neu speichern."
        ) from None


def _open(file: str, data: bytes | None = None) -> zipfile.ZipFile:
    """The returned copy as a zip archive: the file ``file``, or ``data`` uploaded under the name ``file``."""
    path = Path(file)
    if data is None and not path.is_file():
        raise FeedbackError(
            f"Die Datei „{file}“ gibt es nicht (oder es ist ein Ordner). Bitte den Namen der "
            "zurückgeschickten Word-Datei angeben."
        )
    if path.suffix.lower() not in (".docx", ".docm"):
        raise FeedbackError(
            f"„{file}“ ist keine Word-Datei (.docx). Bitte die zurückgeschickte Datei im "
            "Word-Format angeben (in Word: Speichern unter → Word-Dokument)."
        )
    if (len(data) if data is not None else path.stat().st_size) > MAX_FILE_BYTES:
        raise FeedbackError(
            f"„{file}“ ist größer als {MAX_FILE_BYTES // 1024 // 1024} MB; ein Konzept mit "
            "Anmerkungen ist viel kleiner. Ist es die richtige Datei?"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(path.read_bytes() if data is None else data))
        archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise FeedbackError(
            f"„{file}“ ist keine lesbare Word-Datei (.docx). Bitte die Datei in Word öffnen und "
            "als Word-Dokument neu speichern."
        ) from None
    return archive


def _day(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    return match.group(1) if match else None


def _comments(archive, file: str) -> dict[str, tuple[str, str | None, str]]:
    """{id: (author, date, text)} from word/comments.xml."""
    root = _read_part(archive, "word/comments.xml", file)
    out: dict[str, tuple[str, str | None, str]] = {}
    if root is None:
        return out
    for comment in root.iter(_q("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in comment.iter(_q("p"))]
        out[comment.get(_q("id"))] = (
            comment.get(_q("author")) or "unbekannt",
            _day(comment.get(_q("date"))),
            "\n".join(p for p in paragraphs if p.strip()).strip(),
        )
    return out


def _inside(element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _q(tag):
            return True
        if parent.tag == _q("p"):
            return False
        parent = parent.getparent()
    return False


def _original_text(paragraph) -> str:
    """The paragraph as it read before the tracked changes: deleted text in, inserted text out."""
    parts = []
    for node in paragraph.iter(_q("t"), _q("delText"), _q("tab")):
        if node.tag == _q("tab"):
            parts.append(" ")
        elif node.tag == _q("delText"):
            parts.append(node.text or "")
        elif not (_inside(node, "ins") or _inside(node, "moveTo")):
            parts.append(node.text or "")
    return "".join(parts)


def read_file(file: str, data: bytes | None = None) -> tuple[list[Remark], list[str]]:
    """The comments and tracked changes of one returned copy, in document order (paragraph numbers 1-based),
    and the text of each paragraph as it read before the changes. ``data``: the file's content, uploaded under
    the name ``file`` (the studio)."""
    archive = _open(file, data)
    document = _read_part(archive, "word/document.xml", file)
    body = document.find(_q("body")) if document is not None else None
    if body is None:
        raise FeedbackError(f"„{file}“ enthält keinen Textteil (word/document.xml ohne w:body).")
    comments = _comments(archive, file)
    remarks: list[Remark] = []
    texts: list[str] = []  # original text of each paragraph
    anchors: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    active: list[str] = []
    paragraph_no = 0
    for paragraph in body.iter(_q("p")):
        paragraph_no += 1
        texts.append(_original_text(paragraph))
        changes: list[Remark] = []
        for node in paragraph.iter():
            tag = node.tag
            if tag == _q("commentRangeStart"):
                ident = node.get(_q("id"))
                active.append(ident)
                anchors.setdefault(ident, [])
                starts.setdefault(ident, paragraph_no)
            elif tag == _q("commentRangeEnd"):
                ident = node.get(_q("id"))
                if ident in active:
                    active.remove(ident)
            elif tag == _q("commentReference"):
                starts.setdefault(node.get(_q("id")), paragraph_no)
            elif (
                tag in (_q("t"), _q("delText"))
                and active
                and not (tag == _q("t") and (_inside(node, "ins") or _inside(node, "moveTo")))
            ):
                for ident in active:
                    anchors[ident].append(node.text or "")
            elif tag in (_q("moveFrom"), _q("moveTo")) and node.getparent().tag != _q("rPr"):
                text = "".join(t.text or "" for t in node.iter(_q("t"), _q("delText")))
                if text.strip():
                    moved_to = tag == _q("moveTo")
                    changes.append(
                        Remark(
                            file,
                            "moved_to" if moved_to else "moved_from",
                            node.get(_q("author")) or "unbekannt",
                            _day(node.get(_q("date"))),
                            text if moved_to else "",
                            old="" if moved_to else text,
                            paragraph=paragraph_no,
                        )
                    )
            elif tag in (_q("ins"), _q("del")) and node.getparent().tag != _q("rPr"):
                inserted = tag == _q("ins")
                text = "".join(t.text or "" for t in node.iter(_q("t" if inserted else "delText")))
                if not text.strip():
                    continue
                author, date = node.get(_q("author")) or "unbekannt", _day(node.get(_q("date")))
                previous = changes[-1] if changes else None
                if (
                    inserted
                    and previous is not None
                    and previous.kind == "deletion"
                    and previous.author == author
                    and node.getprevious() is not None
                    and node.getprevious().tag == _q("del")
                ):
                    previous.kind, previous.text = "replacement", text  # Word's "replace": a deletion then an insertion
                    continue
                changes.append(
                    Remark(
                        file,
                        "insertion" if inserted else "deletion",
                        author,
                        date,
                        text if inserted else "",
                        old="" if inserted else text,
                        paragraph=paragraph_no,
                    )
                )
        for change in changes:
            change.anchor = texts[-1].strip()
        remarks += changes
    for ident, (author, date, text) in comments.items():
        anchor = "".join(anchors.get(ident, [])).strip()
        where = starts.get(ident, 0)
        if not anchor and where:
            anchor = texts[where - 1].strip()
        remarks.append(Remark(file, "comment", author, date, text, anchor=anchor, paragraph=where))
    remarks.sort(key=lambda r: (r.paragraph or 10**9, r.kind != "comment"))
    return remarks, texts


def _assign_places(remarks: list[Remark], places: list[_Place], texts_by_file: dict[str, list[str]]) -> None:
    """Each remark's section and path: its paragraph matched against the printed places in order (the same
    text twice, e.g. a municipality's name, is told apart by the order), else the place of the nearest
    matched paragraph before it."""
    from integconcept.core.findings import json_pointer

    for file, texts in texts_by_file.items():
        located: list[_Place | None] = []
        cursor = 0
        for text in texts:
            key = _norm(text)
            found = None
            if key:
                found = next((p for p in places[cursor:] if p.text == key), None) or next(
                    (p for p in places if p.text == key), None
                )
                if found is None and len(key) > 20:  # a paragraph the writer changed by hand, or a long line
                    found = next(
                        (
                            p
                            for p in places[cursor:]
                            if p.text.startswith(key[:40]) or key.startswith(p.text[:40]) and len(p.text) > 20
                        ),
                        None,
                    )
            if found is not None:
                cursor = found.order + 1
            located.append(found)
        for remark in remarks:
            if remark.file != file:
                continue
            place = None
            for index in range(min(remark.paragraph, len(located)) - 1, -1, -1):
                if located[index] is not None:
                    place = located[index]
                    break
            if place is None:
                remark.section, remark.path, remark.order = "Titelseite", "", -1
            else:
                remark.section, remark.path, remark.order = place.section, json_pointer(place.path), place.order


def read_feedback(concept, files: list[str], contents: dict[str, bytes] | None = None) -> Collected:
    """All remarks of all returned copies, in the concept's order (then by file, then in the file).

    ``contents``: the files' content by name where they were uploaded rather than read from disk (the studio)."""
    places = printed_places(concept)
    collected = Collected(list(files))
    texts_by_file: dict[str, list[str]] = {}
    position = {}
    for index, file in enumerate(files):
        remarks, texts_by_file[file] = read_file(file, (contents or {}).get(file))
        position[file] = index
        collected.remarks += remarks
    _assign_places(collected.remarks, places, texts_by_file)
    collected.remarks.sort(key=lambda r: (r.order, position[r.file], r.paragraph))
    for number, remark in enumerate(collected.remarks, 1):
        remark.number = number
    return collected


# --------------------------------------------------------------------------- output


def german_date(day: str | None) -> str:
    if not day:
        return "ohne Datum"
    year, month, date = day.split("-")
    return f"{date}.{month}.{year}"


def render_text(concept, collected: Collected) -> str:
    comments = sum(1 for r in collected.remarks if r.kind == "comment")
    changes = len(collected.remarks) - comments
    lines = [
        f"Rückmeldungen zu „{concept.title}“: {len(collected.remarks)} "
        f"{'Anmerkung' if len(collected.remarks) == 1 else 'Anmerkungen'} aus {len(collected.files)} "
        f"{'Datei' if len(collected.files) == 1 else 'Dateien'} ({comments} "
        f"{'Kommentar' if comments == 1 else 'Kommentare'}, {changes} "
        f"{'Änderung' if changes == 1 else 'Änderungen'}).",
        "Änderungen (nachverfolgt) werden nicht übernommen, nur aufgeführt; über sie entscheidet die "
        "Abwägung (-o ABWAEGUNG.docx).",
    ]
    current = None
    for remark in collected.remarks:
        if (remark.section, remark.path) != current:
            current = (remark.section, remark.path)
            lines += ["", f"{remark.section}" + (f"  ({remark.path})" if remark.path else "")]
        lines.append(
            f"  [{remark.number}] {KIND_LABELS[remark.kind]} von {remark.author}, "
            f"{german_date(remark.date)} – {Path(remark.file).name}, Absatz {remark.paragraph}"
        )
        if remark.anchor:
            anchor = remark.anchor if len(remark.anchor) <= 160 else remark.anchor[:159] + "…"
            lines.append(f"      zu: „{anchor}“")
        lines.append(f"      {remark.what()}")
    if not collected.remarks:
        lines += ["", "Keine Kommentare und keine nachverfolgten Änderungen gefunden."]
    return "\n".join(lines) + "\n"


def render_json(concept, collected: Collected, concept_file: str) -> str:
    from integconcept.core.safe_text import json_text

    comments = sum(1 for r in collected.remarks if r.kind == "comment")
    document = {
        "version": 1,
        "concept": concept_file,
        "files": collected.files,
        "remarks": [r.to_json() for r in collected.remarks],
        "summary": {
            "remarks": len(collected.remarks),
            "comments": comments,
            "changes": len(collected.remarks) - comments,
            "authors": collected.authors(),
        },
    }
    return json_text(document, indent=2) + "\n"


def render_table(concept, collected: Collected, template_path: str | None = None) -> bytes:
    """The Abwägungstabelle: Nr. | Abschnitt | Stellungnahme (wer, was) | Stellungnahme der Verwaltung |
    Beschlussvorschlag, landscape, in the county template; the administration's columns are left empty."""
    from docx.enum.section import WD_ORIENT

    from integconcept.drafting.paper import Paper

    paper = Paper(template_path)
    section = paper.doc.sections[0]
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:  # five columns: landscape
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        from integconcept.render.tables import text_width_cm

        paper.width = text_width_cm(section)
    title = f"Abwägungstabelle: {concept.title}"
    paper.properties(title, concept.authority.name, "Stellungnahmen aus der Beteiligung und ihre Abwägung")
    paper.header_footer(title, concept.authority.name)
    paper.para(concept.authority.name, "subtitle")
    paper.para("Abwägungstabelle", "title")
    senders = ", ".join(collected.authors()) or "keine"
    paper.para(
        f"Stellungnahmen aus der Beteiligung zu „{concept.title}“ ({len(collected.remarks)} "
        f"{'Anmerkung' if len(collected.remarks) == 1 else 'Anmerkungen'}; von: {senders}). "
        "Nachverfolgte Änderungen der Einsender sind als Vorschläge aufgeführt und nicht übernommen; "
        "die Stellungnahme der Verwaltung und der Beschlussvorschlag werden von der Verwaltung ergänzt."
    )
    table = paper.table(
        [1.2, 4.5, 9.0, 7.0, 4.3],
        ["Nr.", "Abschnitt", "Stellungnahme (wer, was)", "Stellungnahme der Verwaltung", "Beschlussvorschlag"],
    )
    choices = "☐ berücksichtigt\n☐ teilweise berücksichtigt\n☐ nicht berücksichtigt"
    for remark in collected.remarks:
        who = f"{remark.author}, {german_date(remark.date)} ({KIND_LABELS[remark.kind]}, {Path(remark.file).name})"
        statement = who + "\n" + remark.what()
        if remark.anchor and remark.kind == "comment":
            anchor = remark.anchor if len(remark.anchor) <= 200 else remark.anchor[:199] + "…"
            statement += f"\nzu: „{anchor}“"
        paper.row(table, [str(remark.number), remark.section, statement, "", choices])
    if not collected.remarks:
        paper.row(table, ["–", "", "Keine Kommentare und keine nachverfolgten Änderungen in den Rückläufen.", "", ""])
    paper.finish(table, 9.5)
    return paper.save()

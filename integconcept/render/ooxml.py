"""Low-level WordprocessingML pieces python-docx has no API for: fields, footnotes, numbering,
settings, and a deterministic zip container."""

from __future__ import annotations

import functools
import io
import re
import zipfile

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import NamespacePrefixedTag, nsdecls, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.simpletypes import ST_SignedTwipsMeasure, ST_TwipsMeasure
from lxml.etree import SubElement

# Load an existing footnotes part (e.g. from a county template) as XML we can edit.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str, **attrs: object):
    """A new w:TAG element with w:-prefixed attributes."""
    element = make(f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


@functools.cache
def _clark_and_nsmap(nsptag: str):
    tag = NamespacePrefixedTag(nsptag)
    return tag.clark_name, tag.nsmap


#: One empty element per prefixed tag, made once by python-docx's parser; :func:`make` hands out copies.
_PROTOTYPES: dict[str, object] = {}


def make(nsptag: str):
    """``OxmlElement(nsptag)`` (python-docx's element class for the tag): a copy of an empty element made
    once per tag. lxml's copy of an element keeps its document's parser, so the copy has the same element
    class and namespace declaration; it costs a third of ``makeelement`` (which looks the class up and
    declares the namespace anew on every call)."""
    prototype = _PROTOTYPES.get(nsptag)
    if prototype is None:
        clark, nsmap = _clark_and_nsmap(nsptag)
        prototype = _PROTOTYPES[nsptag] = oxml_parser.makeelement(clark, nsmap=nsmap)
    return prototype.__deepcopy__(None)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- fast element access
# python-docx's generic ``get_or_add_*`` properties cost ~20 µs each; a document of a few hundred pages
# makes ~60,000 such calls. These helpers write the same elements in the same (schema) order directly.


def _order(tags) -> dict[str, int]:
    return {qn(tag): index for index, tag in enumerate(tags)}


#: The child sequences of w:pPr and w:rPr (ECMA-376 Part 1, 17.3.1.26 and 17.3.2.28; python-docx uses the same).
PPR_ORDER = _order(
    (
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    )
)
RPR_ORDER = _order(
    (
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    )
)
_XML_SPACE = qn("xml:space")


def clone(element):
    """A deep copy of ``element`` (lxml's own copy; ``copy.deepcopy`` adds twice its cost in bookkeeping)."""
    return element.__deepcopy__(None)


#: ``qn`` (python-docx splits the prefixed tag on every call) for the few tags of the hot paths
_qn = functools.cache(qn)


def first_child(parent, tag: str):
    """``parent``'s child ``tag`` that comes first in the schema (pPr in w:p, rPr in w:r), added if missing."""
    clark = _qn(tag)
    if len(parent) and parent[0].tag == clark:
        return parent[0]
    element = make(tag)
    parent.insert(0, element)
    return element


def ordered_child(parent, tag: str, order: dict[str, int]):
    """``parent``'s child ``tag``, added at its place in the schema sequence ``order`` if missing."""
    clark = _qn(tag)
    existing = next(parent.iterchildren(clark), None)  # parent.find(clark), without lxml's ElementPath
    if existing is not None:
        return existing
    element = make(tag)
    insert_in_order(parent, element, order, order[clark])
    return element


def insert_in_order(parent, element, order: dict[str, int], rank: int) -> None:
    """``element`` (of rank ``rank`` in the schema sequence ``order``) before ``parent``'s first child ranked
    after it, or last: its place in the sequence."""
    for child in parent:
        if order.get(child.tag, -1) > rank:
            child.addprevious(element)
            return
    parent.append(element)


_R, _RPR, _B, _I, _T, _TAB, _BR = (qn(tag) for tag in ("w:r", "w:rPr", "w:b", "w:i", "w:t", "w:tab", "w:br"))
_W_VAL, _W_AFTER, _W_LEFT, _W_ID = qn("w:val"), qn("w:after"), qn("w:left"), qn("w:id")


def add_run(p, text: str = "", bold: bool = False, italic: bool = False):
    """A ``w:r`` at the end of paragraph element ``p``: what python-docx's ``add_run(text)`` and
    ``bold``/``italic = True`` write (tabs and line breaks in ``text`` become w:tab/w:br). ``SubElement``
    makes and appends each element in one step (python-docx's element classes apply as with ``make``)."""
    r = SubElement(p, _R)
    if bold or italic:
        rpr = SubElement(r, _RPR)
        if bold:
            SubElement(rpr, _B)
        if italic:
            SubElement(rpr, _I)
    if text:
        append_text(r, text)
    return r


_BREAK = re.compile(r"[\t\r\n]")


def append_text(r, text: str) -> None:
    """What python-docx's run-text writer appends for ``text`` (w:t for each stretch of characters, w:tab
    for a tab, w:br for each line break or carriage return), a stretch at a time instead of a character
    at a time (it costs 0.2 µs for every character: seconds for a long text)."""
    if "\n" not in text and "\t" not in text and "\r" not in text:  # most texts: one w:t (or none)
        if text:
            _add_t(r, text)
        return
    position = 0
    for match in _BREAK.finditer(text):
        if match.start() > position:
            _add_t(r, text[position : match.start()])
        SubElement(r, _TAB if match.group() == "\t" else _BR)
        position = match.end()
    if position < len(text):
        _add_t(r, text[position:])


def _add_t(r, text: str) -> None:
    t = SubElement(r, _T)
    t.text = text
    if text[0].isspace() or text[-1].isspace():  # len(text.strip()) < len(text), without the copy
        t.set(_XML_SPACE, "preserve")


def keep_with_next(p) -> None:
    """``paragraph_format.keep_with_next = True`` as python-docx writes it: ``<w:keepNext/>`` in the pPr."""
    ordered_child(first_child(p, "w:pPr"), "w:keepNext", PPR_ORDER).attrib.pop(_W_VAL, None)


def set_left_indent(p, length) -> None:
    """``paragraph_format.left_indent = length`` (w:ind/@w:left in twips, as python-docx converts it)."""
    ordered_child(first_child(p, "w:pPr"), "w:ind", PPR_ORDER).set(
        _W_LEFT, ST_SignedTwipsMeasure.convert_to_xml(length)
    )


def set_space_after(p, length) -> None:
    """``paragraph_format.space_after = length`` (w:spacing/@w:after in twips)."""
    ordered_child(first_child(p, "w:pPr"), "w:spacing", PPR_ORDER).set(_W_AFTER, ST_TwipsMeasure.convert_to_xml(length))


# --------------------------------------------------------------------------- fields


def _fld_char(run, kind: str) -> None:
    run._r.append(w("fldChar", fldCharType=kind))


def clear_header_footer(section) -> None:
    """Unlink the section's four header and footer parts (default and first page) from the previous
    section and empty them: they hold only what the caller adds (an empty first-page part still exists,
    else Word shows the default one on the title page)."""
    for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
        part.is_linked_to_previous = False
        for child in list(part._element):
            part._element.remove(child)


def right_tab_stop(paragraph, section, style) -> None:
    """One right-aligned tab stop at the right margin; the style's own stops are cleared."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    width = section.page_width - section.left_margin - section.right_margin
    stops = paragraph.paragraph_format.tab_stops
    for stop in style.paragraph_format.tab_stops:
        if stop.position != width:
            stops.add_tab_stop(stop.position, alignment=WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)


def add_field(paragraph, instruction: str, result: str = "", style_run=None, close: bool = True):
    """A complex field (begin / instrText / separate / result / end) at the end of paragraph.

    With ``close=False`` the field stays open: its result continues over the following paragraphs
    (a table of contents) until :func:`close_field`. Returns the result run so callers can style it."""
    begin = paragraph.add_run()
    _fld_char(begin, "begin")
    instr = paragraph.add_run()
    text = w("instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr._r.append(text)
    separate = paragraph.add_run()
    _fld_char(separate, "separate")
    result_run = paragraph.add_run(result)
    runs = [begin, instr, separate, result_run]
    if close:
        runs.append(close_field(paragraph))
    if style_run is not None:
        for run in runs:
            style_run(run)
    return result_run


def close_field(paragraph):
    """The end mark of a field opened with ``add_field(..., close=False)``."""
    end = paragraph.add_run()
    _fld_char(end, "end")
    return end


# --------------------------------------------------------------------------- settings

_SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _insert_in_order(parent, element, followers: tuple[str, ...]) -> None:
    for child in parent:
        if child.tag in {qn(f"w:{name}") for name in followers}:
            child.addprevious(element)
            return
    parent.append(element)


def set_update_fields(settings_element) -> None:
    """w:updateFields: Word asks to update the fields (the table of contents) when opening."""
    for old in settings_element.findall(qn("w:updateFields")):
        settings_element.remove(old)
    _insert_in_order(settings_element, w("updateFields", val="true"), _SETTINGS_AFTER_UPDATE_FIELDS)


def strip_rsids(root) -> None:
    """Remove revision-session ids (w:rsid* attributes and w:rsids) so output stays reproducible."""
    for element in root.iter():
        for key in [k for k in element.attrib if k.startswith("{%s}rsid" % W_NS)]:
            del element.attrib[key]
    for rsids in root.findall(qn("w:rsids")):
        root.remove(rsids)


# --------------------------------------------------------------------------- footnotes

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


class Footnotes:
    """The footnotes part of a document: creates it (with the two separator footnotes) if needed."""

    def __init__(self, document, text_style: str, reference_style: str):
        self.document = document
        self.text_style = text_style
        self.reference_style = reference_style
        part = document.part
        try:
            self.part = part.part_related_by(RT.FOOTNOTES)
        except KeyError:
            self.part = XmlPart(
                PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), part.package
            )
            part.relate_to(self.part, RT.FOOTNOTES)
        root = self.part.element
        # Drop content footnotes a template may carry; keep separators.
        for note in root.findall(qn("w:footnote")):
            if note.get(qn("w:type")) in (None, "normal"):
                root.remove(note)
        ids = [int(n.get(qn("w:id"))) for n in root.findall(qn("w:footnote"))]
        self.next_id = max([0, *ids]) + 1
        # what python-docx's add_run/get_or_add_rPr write for the reference and the mark, built once
        self._reference = _styled_run(reference_style, w("footnoteReference"))
        self._paragraphs = {}
        for first in (False, True):
            p = w("p")
            ppr = w("pPr")
            ppr.append(w("pStyle", val=text_style))
            p.append(ppr)
            if first:
                p.append(_styled_run(reference_style, w("footnoteRef")))
                add_run(p, " ")
            self._paragraphs[first] = p

    def reference(self, paragraph) -> tuple[int, object]:
        """Add a footnote reference run to paragraph; return (id, the new footnote's first paragraph)."""
        note_id = self.next_id
        self.next_id += 1
        run = clone(self._reference)
        run[-1].set(_W_ID, str(note_id))
        paragraph._p.append(run)
        note = w("footnote", id=note_id)
        self.part.element.append(note)
        return note_id, note

    def new_paragraph(self, note, first: bool):
        """A paragraph inside the footnote (python-docx Paragraph), the first one carrying the mark."""
        from docx.text.paragraph import Paragraph

        p = clone(self._paragraphs[first])
        note.append(p)
        return Paragraph(p, self.part)


def _styled_run(style_id: str, content):
    """``<w:r><w:rPr><w:rStyle w:val=style_id/></w:rPr>content</w:r>``."""
    r = make("w:r")
    rpr = make("w:rPr")
    rpr.append(w("rStyle", val=style_id))
    r.append(rpr)
    r.append(content)
    return r


# --------------------------------------------------------------------------- numbering


def _lvl(ilvl: int, fmt: str, text: str, left: int, hanging: int, pstyle: str | None = None, font: str | None = None):
    lvl = w("lvl", ilvl=ilvl)
    lvl.append(w("start", val=1))
    lvl.append(w("numFmt", val=fmt))
    if pstyle:
        lvl.append(w("pStyle", val=pstyle))
    lvl.append(w("lvlText", val=text))
    lvl.append(w("lvlJc", val="left"))
    ppr = w("pPr")
    ppr.append(w("ind", left=left, hanging=hanging))
    lvl.append(ppr)
    if font:
        rpr = w("rPr")
        rpr.append(w("rFonts", ascii=font, hAnsi=font, hint="default"))
        lvl.append(rpr)
    return lvl


class Numbering:
    """Adds the abstract numberings the document needs and hands out w:num instances."""

    BULLETS = ("•", "–", "▪")
    ORDERED = (("decimal", "%{n}."), ("lowerLetter", "%{n})"), ("lowerRoman", "%{n}."))

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))]
        self._next_abstract = max([-1, *abstract_ids]) + 1
        num_ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        self._next_num = max([0, *num_ids]) + 1
        self.bullet_abstract = self._abstract(
            "bullets", [_lvl(i, "bullet", self.BULLETS[i % 3], 357 * (i + 1), 357, font=None) for i in range(9)]
        )
        self.ordered_abstract = self._abstract(
            "ordered",
            [
                _lvl(i, self.ORDERED[i % 3][0], self.ORDERED[i % 3][1].format(n=i + 1), 425 * (i + 1), 425)
                for i in range(9)
            ],
        )
        self.bullet_num = self._num(self.bullet_abstract)
        # narrow columns (table cells): the same bullets with a smaller indent
        self.compact_bullet_abstract = self._abstract(
            "bullets-compact", [_lvl(i, "bullet", self.BULLETS[i % 3], 198 + 227 * i, 198, font=None) for i in range(9)]
        )
        self.compact_bullet_num = self._num(self.compact_bullet_abstract)

    def _abstract(self, name: str, levels: list, multilevel: bool = False) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = w("abstractNum", abstractNumId=abstract_id)
        abstract.append(w("multiLevelType", val="multilevel" if multilevel else "hybridMultilevel"))
        abstract.append(w("name", val=f"integconcept-{name}"))
        for level in levels:
            abstract.append(level)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        return abstract_id

    def _num(self, abstract_id: int, restart: int | None = None) -> int:
        num_id = self._next_num
        self._next_num += 1
        num = w("num", numId=num_id)
        num.append(w("abstractNumId", val=abstract_id))
        if restart is not None:
            override = w("lvlOverride", ilvl=0)
            override.append(w("startOverride", val=restart))
            num.append(override)
        # keep all w:num after w:abstractNum (schema order), numIds ascending
        self.root.append(num)
        return num_id

    def new_ordered_list(self, start: int = 1) -> int:
        """A fresh numbered list that starts at `start` (every list restarts)."""
        return self._num(self.ordered_abstract, restart=start)

    def heading_numbering(self, heading_style_ids: list[str]) -> int:
        """A real multilevel list 1. / 1.1 / 1.1.1 linked to the heading styles (pStyle)."""
        levels = []
        for index, style_id in enumerate(heading_style_ids):
            text = ".".join(f"%{i + 1}" for i in range(index + 1)) + ("." if index == 0 else "")
            hanging = (567, 709, 851, 992)[index]
            levels.append(_lvl(index, "decimal", text, hanging, hanging, pstyle=style_id))
        abstract = self._abstract("headings", levels, multilevel=True)
        return self._num(abstract)


def set_paragraph_numbering(paragraph, num_id: int, ilvl: int) -> None:
    numpr = ordered_child(first_child(paragraph._p, "w:pPr"), "w:numPr", PPR_ORDER)
    for tag, value in (("w:ilvl", ilvl), ("w:numId", num_id)):  # the sequence inside numPr: ilvl, numId
        element = numpr.find(_qn(tag))
        if element is None:
            element = make(tag)
            if tag == "w:ilvl":
                numpr.insert(0, element)
            else:
                numpr.append(element)
        element.set(_W_VAL, str(value))


def link_style_numbering(style_element, num_id: int, ilvl: int) -> None:
    """Put numPr into a paragraph style, so every paragraph of that style is numbered."""
    ppr = style_element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    numpr = ppr.get_or_add_numPr()
    if ilvl:
        numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


# --------------------------------------------------------------------------- deterministic container

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip: [Content_Types].xml first, then entries sorted by name; fixed time stamps,
    attributes and compression, so the same content always gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip_entries({name: source.read(name) for name in source.namelist()})


def save_deterministic(document) -> bytes:
    """The document's package as :func:`deterministic_zip` writes it, in one pass: the parts are serialized
    as python-docx's ``save`` does (its PackageWriter) but zipped once, not zipped, read back and zipped
    again."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    entries: dict[str, bytes] = {}

    class _Collect:  # the one method PackageWriter calls on its physical writer
        @staticmethod
        def write(uri, blob) -> None:
            entries[uri.membername] = blob

    try:
        for part in package.parts:
            part.before_marshal()
        PackageWriter._write_content_types_stream(_Collect, package.parts)
        PackageWriter._write_pkg_rels(_Collect, package.rels)
        PackageWriter._write_parts(_Collect, package.parts)  # type: ignore[arg-type]  # _Collect: write() only
    except AttributeError:  # another python-docx layout: the public (slower) path, same bytes
        buffer = io.BytesIO()
        document.save(buffer)
        return deterministic_zip(buffer.getvalue())
    return _zip_entries(entries)


def _zip_entries(entries: dict[str, bytes]) -> bytes:
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()

"""Page numbers for the DOCX's table of contents, taken from LibreOffice's layout (``render --pdf``).

The rendered DOCX holds a real TOC field whose result lists the headings without page numbers; Word fills
them only after "update fields" (a prompt clerks refuse), LibreOffice and council information systems never.
When LibreOffice runs for the PDF anyway it fills the table of contents (``pdf_macro``, its WriteToc); here the
same page numbers are written into our own DOCX: each entry gets a tab and its page (the TOC styles have a
right tab with dot leader; a paragraph tab is added for templates whose styles lack it), and the document no
longer asks Word to update its fields. The document is otherwise unchanged, byte for byte in every other part.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _toc_paragraphs(body) -> list:
    """The paragraphs holding the TOC field's result (from the one with its instruction to the one with its end)."""
    paragraphs = list(body.iter(_q("p")))
    out, inside = [], False
    for paragraph in paragraphs:
        instructions = "".join(t.text or "" for t in paragraph.iter(_q("instrText")))
        if not inside and instructions.strip().startswith("TOC"):
            inside = True
        if inside:
            out.append(paragraph)
            if any(c.get(_q("fldCharType")) == "end" for c in paragraph.iter(_q("fldChar"))):
                break
    return out


def _text_width(body) -> int | None:
    sect = body.find(_q("sectPr"))
    if sect is None:
        return None
    size, margins = sect.find(_q("pgSz")), sect.find(_q("pgMar"))
    try:
        return int(size.get(_q("w"))) - int(margins.get(_q("left"))) - int(margins.get(_q("right")))
    except (AttributeError, TypeError, ValueError):
        return None


#: where render's TOC field begins (its instruction), and the tags around it, in document.xml as render writes
#: it (the prefix w:, one instruction text)
_TOC_INSTRUCTION = re.compile(rb"<w:instrText(?: [^>]*)?>\s*TOC\b")
_ROOT = re.compile(rb"<w:document(?: [^>]*)?>")


def _toc_part(xml: bytes) -> tuple[int, int, bytes, bytes] | None:
    """The paragraphs of the TOC field in ``xml`` (document.xml) without parsing all of it: (start, end) of
    their bytes, the root's start tag (its namespace declarations) and the body's last ``w:sectPr`` (the page
    size); None when the bytes are not laid out as render writes them (then the whole part is parsed)."""
    instruction, root = _TOC_INSTRUCTION.search(xml), _ROOT.search(xml)
    if instruction is None or root is None or xml.count(b"<w:instrText", 0, instruction.start()):
        return None
    start = max(xml.rfind(b"<w:p>", 0, instruction.start()), xml.rfind(b"<w:p ", 0, instruction.start()))
    end_mark = xml.find(b'w:fldCharType="end"', instruction.end())
    end = xml.find(b"</w:p>", end_mark) if end_mark >= 0 else -1
    section = xml.rfind(b"<w:sectPr", end)
    section_end = xml.find(b"</w:sectPr>", section) if section >= 0 else -1
    if start < root.end() or end < 0 or section_end < 0 or xml.find(b"</w:body>", section_end) < 0:
        return None
    return start, end + len(b"</w:p>"), root.group(0), xml[section : section_end + len(b"</w:sectPr>")]


def fill_toc_pages(data: bytes, entries: list[tuple[str, int]]) -> bytes | None:
    """``data`` with the page of every TOC entry, or ``None`` when the entries do not match the document's
    table of contents one to one (then the DOCX is left as it was: better no page numbers than wrong ones).

    Only the TOC's paragraphs (and the page size) are parsed and written again where document.xml is laid out
    as render writes it; the rest of the part keeps its bytes, as a parse and rewrite of all of it would give
    them (lxml wrote them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    parts: dict[str, bytes] = {
        name: source.read(name) for name in ("word/document.xml", "word/settings.xml") if name in names
    }
    xml = parts["word/document.xml"]
    part = _toc_part(xml)
    if part is not None:  # the TOC's paragraphs and the body's page size, inside the root's namespaces
        start, end, root_tag, section = part
        root = etree.fromstring(root_tag + b"<w:body>" + xml[start:end] + section + b"</w:body></w:document>")
    else:
        root = etree.fromstring(xml)
    body = root.find(_q("body"))
    paragraphs = _toc_paragraphs(body)
    texts = [_norm("".join(t.text or "" for t in p.iter(_q("t")))) for p in paragraphs]
    if not paragraphs or len(entries) != len(paragraphs):
        return None
    if any(text != _norm(entry) for text, (entry, _) in zip(texts, entries)):
        return None
    width = _text_width(body)
    for paragraph, (_, page) in zip(paragraphs, entries):
        runs = [r for r in paragraph.iter(_q("r")) if r.find(_q("t")) is not None]
        last = runs[-1]
        run = etree.Element(_q("r"))
        rpr = last.find(_q("rPr"))
        if rpr is not None:
            run.append(etree.fromstring(etree.tostring(rpr)))
        etree.SubElement(run, _q("tab"))
        etree.SubElement(run, _q("t")).text = str(page)
        last.addnext(run)
        if width:
            ppr = paragraph.find(_q("pPr"))
            if ppr is None:
                ppr = etree.Element(_q("pPr"))
                paragraph.insert(0, ppr)
            if ppr.find(_q("tabs")) is None:
                tabs = etree.Element(_q("tabs"))
                etree.SubElement(tabs, _q("tab"), {_q("val"): "right", _q("leader"): "dot", _q("pos"): str(width)})
                style = ppr.find(_q("pStyle"))
                index = 1 if style is not None else 0  # CT_PPr: pStyle, keepNext, …, numPr, …, tabs
                for child in ppr:
                    if child.tag in (
                        _q("keepNext"),
                        _q("keepLines"),
                        _q("pageBreakBefore"),
                        _q("framePr"),
                        _q("widowControl"),
                        _q("numPr"),
                        _q("suppressLineNumbers"),
                        _q("pBdr"),
                        _q("shd"),
                    ):
                        index = list(ppr).index(child) + 1
                ppr.insert(index, tabs)
    if part is not None:
        body.remove(body[-1])  # the page size only
        written = etree.tostring(root, encoding="UTF-8")
        inner = written[written.index(b"<w:body>") + len(b"<w:body>") : written.rindex(b"</w:body>")]
        parts["word/document.xml"] = xml[:start] + inner + xml[end:]
    else:
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if "word/settings.xml" in parts:  # the table of contents is filled: Word need not ask to update fields
        settings = etree.fromstring(parts["word/settings.xml"])
        for update in settings.findall(_q("updateFields")):
            settings.remove(update)
        parts["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _replace_parts(data, source, parts)


def _replace_parts(data: bytes, source: zipfile.ZipFile, changed: dict[str, bytes]) -> bytes:
    """The DOCX ``data`` (open as ``source``) with the parts ``changed``, as ``ooxml._zip_entries`` writes a
    package (entry order, time stamps, attributes, compression level 6). The other parts keep their compressed
    bytes: ``data`` was written that way (render's DOCX), so deflating them again would give the same bytes and
    only cost time (styles.xml and stylesWithEffects.xml: ~0.8 MB, ~10 ms). A package not written that way, or
    a Python whose zipfile lacks what this needs, is written in full by ``_zip_entries``, to the same bytes."""
    from integconcept.render.ooxml import FIXED_ZIP_TIME, _zip_entries

    infos = source.infolist()
    names = [info.filename for info in infos]
    ours = names == sorted(names, key=lambda n: (n != "[Content_Types].xml", n)) and all(
        info.compress_type == zipfile.ZIP_DEFLATED
        and info.date_time == FIXED_ZIP_TIME
        and info.create_system == 0
        and not info.extra
        and info.flag_bits & ~0x800 == 0
        for info in infos
    )
    if ours:
        try:
            return _copy_unchanged(data, source, infos, changed)
        except (AttributeError, TypeError, ValueError, zipfile.BadZipFile):  # another zipfile: the full way
            pass
    return _zip_entries({name: changed.get(name) or source.read(name) for name in names})


def _copy_unchanged(data: bytes, source: zipfile.ZipFile, infos: list, changed: dict[str, bytes]) -> bytes:
    import copy
    import struct

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        stream = target.fp
        if stream is None:
            raise ValueError("zipfile without its stream")
        for info in infos:
            if info.filename in changed:
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.create_system = 0
                entry.external_attr = 0
                target.writestr(entry, changed[info.filename], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                continue
            # the local header (30 bytes, then the name and the extra field) and the compressed data, as they are
            start = info.header_offset
            if data[start : start + 4] != b"PK\x03\x04":
                raise zipfile.BadZipFile(info.filename)
            name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
            begin = start + 30 + name_length + extra_length
            entry = copy.copy(info)
            entry.header_offset = stream.tell()
            stream.write(data[start : begin + info.compress_size])
            target.filelist.append(entry)
            target.NameToInfo[entry.filename] = entry
            target.start_dir = stream.tell()
    return out.getvalue()

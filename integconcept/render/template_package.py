"""A template's package rebuilt safely before python-docx sees it (:func:`sanitize_package`).

A template is untrusted input: size limits on the file, every part and their sum (a zip bomb is refused
from the zip directory's sizes before anything is inflated); XML parsed without entities, DTDs or
network; only the parts the output needs are copied (styles, numbering, settings, theme, font table,
note separators, headers and footers with their pictures); content types and relationships written
fresh; what python-docx or our writer cannot take is repaired (page setup, numbering, note ids, style
names). :mod:`.template` then matches the styles."""

from __future__ import annotations

import copy
import io
import lzma
import posixpath
import zipfile
import zlib
from typing import TypeGuard

from integconcept.render.errors import RenderError

MAX_PART_BYTES = 20 * 1024 * 1024

#: An XML part (styles, numbering, settings, headers …): Word's own are well below 1 MB; 19 MB of styles
#: took 2.9 s to render (issue 13: every input within its limits in 2 s), 5 MB about 1 s.
MAX_XML_PART_BYTES = 5 * 1024 * 1024

MAX_TOTAL_BYTES = 60 * 1024 * 1024

MAX_ENTRIES = 5000

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

CT_BASE = "application/vnd.openxmlformats-officedocument.wordprocessingml."

CORE_ROOT = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties"

DOCUMENT_CT = CT_BASE + "document.main+xml"

CORE_CT = "application/vnd.openxmlformats-package.core-properties+xml"

CORE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

IMAGE_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
}


def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return "{%s}%s" % ({"w": W_NS, "r": R_NS}[prefix], local)


#: relationship type (last path segment) of a document part we copy → its content type
KEPT_PARTS: dict[str, str] = {
    "styles": CT_BASE + "styles+xml",
    "numbering": CT_BASE + "numbering+xml",
    "settings": CT_BASE + "settings+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "fontTable": CT_BASE + "fontTable+xml",
    "footnotes": CT_BASE + "footnotes+xml",
    "endnotes": CT_BASE + "endnotes+xml",
    "header": CT_BASE + "header+xml",
    "footer": CT_BASE + "footer+xml",
}
#: The root element each kept part must have; a part with another root (e.g. the content types saved as
#: styles.xml) is left out like a missing one (python-docx would load it as a bare element and fail later).
PART_ROOTS: dict[str, str] = {
    "styles": f"{{{W_NS}}}styles",
    "numbering": f"{{{W_NS}}}numbering",
    "settings": f"{{{W_NS}}}settings",
    "theme": "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
    "fontTable": f"{{{W_NS}}}fonts",
    "footnotes": f"{{{W_NS}}}footnotes",
    "endnotes": f"{{{W_NS}}}endnotes",
    "header": f"{{{W_NS}}}hdr",
    "footer": f"{{{W_NS}}}ftr",
}


# --------------------------------------------------------------------------- safe package rebuild


def _parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
    )


class _Package:
    """Reads parts of an untrusted zip with limits and safe XML parsing."""

    def __init__(self, data: bytes, label: str):
        self.label = label
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise self.invalid() from None
        if len(infos) > MAX_ENTRIES:
            raise RenderError(
                f"Die Vorlage „{label}“ enthält {len(infos)} Einträge (höchstens {MAX_ENTRIES}). "
                "Bitte eine gewöhnliche, in Word gespeicherte .docx-Datei angeben."
            )
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self.infos.setdefault(info.filename.lstrip("/"), info)
        self.total = 0

    def invalid(self, detail: str = "") -> RenderError:
        return RenderError(
            f"Die Vorlage „{self.label}“ ist keine gültige Word-Datei (.docx oder .dotx){detail}. "
            "Bitte eine in Word oder LibreOffice gespeicherte .docx-Datei angeben oder --template weglassen."
        )

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        info = self.infos[name]
        if info.file_size > limit or self.total + info.file_size > MAX_TOTAL_BYTES:
            raise RenderError(
                f"Die Vorlage „{self.label}“ ist zu groß: der Teil „{name}“ ist entpackt "
                f"{info.file_size / 1048576:.1f} MB groß (erlaubt: {limit // 1048576} MB für diesen Teil, "
                f"{MAX_TOTAL_BYTES // 1048576} MB insgesamt). Bitte eine schlanke Vorlage ohne große Bilder angeben."
            )
        try:
            with self.zip.open(info) as stream:
                content = stream.read(limit + 1)
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            ValueError,
            OSError,
            EOFError,
            zlib.error,
            lzma.LZMAError,
        ):  # a corrupt deflate/LZMA stream raises its module's own error
            raise self.invalid(f" (der Teil „{name}“ ist beschädigt oder verschlüsselt)") from None
        if len(content) > limit:
            raise self.invalid(f" (der Teil „{name}“ ist größer als angegeben)")
        self.total += len(content)
        return content

    def xml(self, name: str):
        from lxml import etree

        content = self.read(name, MAX_XML_PART_BYTES)
        head = content[:4096].lstrip()
        try:
            root = etree.fromstring(content, _parser())
        except etree.XMLSyntaxError:
            if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                raise self.entities(name) from None
            raise self.invalid(f" (der Teil „{name}“ ist kein wohlgeformtes XML)") from None
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None or b"<!ENTITY" in content:
            raise self.entities(name)
        return root

    def entities(self, name: str) -> RenderError:
        return RenderError(
            f"Die Vorlage „{self.label}“ wird nicht verwendet: der Teil „{name}“ deklariert eine DTD oder "
            "Entitäten (<!DOCTYPE …>/<!ENTITY …>). Word und LibreOffice schreiben so etwas nie; solche Dateien "
            "können Inhalte von außen nachladen. Bitte die Vorlage in Word neu speichern oder eine andere angeben."
        )


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _relationships(package: _Package, part: str) -> list[tuple[str, str, str, bool]]:
    """(rId, type, target part name, external) of a part; [] if it has none."""
    name = _rels_name(part)
    if not package.has(name):
        return []
    root = package.xml(name)
    out = []
    base = posixpath.dirname(part)
    for rel in root:
        if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
            continue
        rid, rtype, target = rel.get("Id"), rel.get("Type") or "", rel.get("Target") or ""
        if not rid:
            continue
        external = rel.get("TargetMode") == "External"
        if not external:
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out.append((rid, rtype, target, external))
    return out


def _rels_xml(rels: list[tuple], part: str) -> bytes:
    """Relationships (rId, type, target[, external]) of ``part``; internal targets are part names."""
    from lxml import etree

    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
    base = posixpath.dirname(part)
    for rid, rtype, target, *external in rels:
        if external and external[0]:
            etree.SubElement(
                root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=rtype, Target=target, TargetMode="External"
            )
        else:
            etree.SubElement(
                root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=rtype, Target=posixpath.relpath(target, base or ".")
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


PAGE_RANGE = (144, 31680)  # twips: 0.1 to 22 inches, Word's limits for a page side
MIN_TEXT = 1134  # at least 2 cm of text width and height


def _int_between(value: str | None, low: int, high: int) -> bool:
    return is_int(value) and low <= int(value) <= high


def is_int(value: str | None) -> TypeGuard[str]:
    """Is ``value`` the text of a whole number (``int`` accepts it)?"""
    try:
        int(value)  # type: ignore[arg-type]
        return True
    except (TypeError, ValueError):
        return False


def _clean_numbering(root) -> None:
    """Drop numbering entries with non-integer ids; and links of list levels to paragraph styles (our
    heading numbering links the heading styles itself; a second claim confuses Word and LibreOffice)."""
    for element in list(root):
        if element.tag == qn("w:abstractNum") and not is_int(element.get(qn("w:abstractNumId"))):
            root.remove(element)
        elif element.tag == qn("w:num"):
            abstract = element.find(qn("w:abstractNumId"))
            if not is_int(element.get(qn("w:numId"))) or abstract is None or not is_int(abstract.get(qn("w:val"))):
                root.remove(element)
    for lvl in root.iter(qn("w:lvl")):
        for pstyle in lvl.findall(qn("w:pStyle")):
            lvl.remove(pstyle)


def _clean_notes(root) -> None:
    """Keep only the separator notes (the template's own notes are template content)."""
    for note in list(root):
        if not isinstance(note.tag, str):
            continue
        if note.get(qn("w:type")) in (None, "normal") or not is_int(note.get(qn("w:id"))):
            root.remove(note)


STYLE_TYPES = ("paragraph", "character", "table", "numbering")
ON_OFF = ("1", "0", "true", "false", "on", "off")  # ST_OnOff: python-docx refuses anything else


def _clean_styles(root) -> None:
    for style in list(root.findall(qn("w:style"))):
        if not style.get(qn("w:styleId")) or style.get(qn("w:type"), "paragraph") not in STYLE_TYPES:
            root.remove(style)
            continue
        for flag in ("w:default", "w:customStyle"):  # w:default="" made python-docx fail finding the default
            if style.get(qn(flag)) not in (None, *ON_OFF):
                del style.attrib[qn(flag)]
        for name in style.findall(qn("w:name")):
            if not name.get(qn("w:val")):
                style.remove(name)
        numpr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numpr is not None:
            num_id = numpr.find(qn("w:numId"))
            if num_id is not None and not is_int(num_id.get(qn("w:val"))):
                numpr.getparent().remove(numpr)


def _clean_settings(root) -> None:
    """Settings must not point at parts we do not copy (attached template, mail merge data)."""
    for tag in ("w:attachedTemplate", "w:mailMerge"):
        for element in root.findall(qn(tag)):
            root.remove(element)


def _drop_dangling_references(root, kept: set[str]) -> None:
    """Remove the runs (or elements) of a header/footer that refer to relationships we did not copy."""
    prefix = "{%s}" % R_NS
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if any(key.startswith(prefix) and value not in kept for key, value in element.attrib.items()):
            holder = element
            while holder is not None and holder.tag != qn("w:r") and holder.getparent() is not root:
                holder = holder.getparent()
            doomed.append(holder if holder is not None else element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _clean_font_table(root) -> None:
    for font in root.findall(qn("w:font")):
        for child in list(font):
            if isinstance(child.tag, str) and child.tag.split("}")[1].startswith("embed"):
                font.remove(child)


A4 = {"w": "11906", "h": "16838"}
MARGINS = {
    "top": "1418",
    "right": "1418",
    "bottom": "1134",
    "left": "1418",
    "header": "709",
    "footer": "709",
    "gutter": "0",
}


def _empty_document(root, kept_rids: set[str]):
    """The document part with an empty body: only the last section's properties, repaired."""
    from lxml import etree

    body = root.find(qn("w:body"))
    if body is None:
        body = etree.SubElement(root, qn("w:body"))
    sect = body.find(qn("w:sectPr"))
    if sect is None:  # Word puts the last section's properties last in the body; else use the last one
        found = list(body.iter(qn("w:sectPr")))
        sect = copy.deepcopy(found[-1]) if found else etree.Element(qn("w:sectPr"))
    for child in list(body):
        body.remove(child)
    for child in list(root):
        if child is not body and isinstance(child.tag, str) and child.tag != qn("w:background"):
            root.remove(child)
    for ref in list(sect):
        if ref.tag in (qn("w:headerReference"), qn("w:footerReference")) and ref.get(qn("r:id")) not in kept_rids:
            sect.remove(ref)
        elif ref.tag in (qn("w:sectPrChange"), qn("w:printerSettings")):
            sect.remove(ref)
    size = sect.find(qn("w:pgSz"))
    if size is None:
        size = etree.Element(qn("w:pgSz"))
        _insert_sect_child(sect, size)
    if not all(_int_between(size.get(qn(f"w:{key}")), *PAGE_RANGE) for key in A4):  # Word: 0.1 to 22 inches
        for key, value in A4.items():
            size.set(qn(f"w:{key}"), value)
    if size.get(qn("w:orient")) not in (None, "portrait", "landscape"):
        del size.attrib[qn("w:orient")]
    margins = sect.find(qn("w:pgMar"))
    if margins is None:
        margins = etree.Element(qn("w:pgMar"))
        _insert_sect_child(sect, margins)
    for key, value in MARGINS.items():
        if not _int_between(margins.get(qn(f"w:{key}")), -PAGE_RANGE[1], PAGE_RANGE[1]):
            margins.set(qn(f"w:{key}"), value)
    width, height = (int(size.get(qn(f"w:{key}"))) for key in ("w", "h"))
    left, right, top, bottom = (abs(int(margins.get(qn(f"w:{key}")))) for key in ("left", "right", "top", "bottom"))
    if width - left - right < MIN_TEXT or height - top - bottom < MIN_TEXT:  # no room for text: our margins
        for key, value in MARGINS.items():
            margins.set(qn(f"w:{key}"), value)
        ours = {key: int(value) for key, value in MARGINS.items()}
        if width - ours["left"] - ours["right"] < MIN_TEXT or height - ours["top"] - ours["bottom"] < MIN_TEXT:
            for key, value in A4.items():  # a page too small even for them (0.1 inch wide): A4
                size.set(qn(f"w:{key}"), value)
    body.append(sect)


_SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar")


def _insert_sect_child(sect, element) -> None:
    local = element.tag.split("}")[1]
    rank = _SECT_ORDER.index(local)
    for index, child in enumerate(sect):
        child_local = child.tag.split("}")[1] if isinstance(child.tag, str) else ""
        if child_local not in _SECT_ORDER[: rank + 1]:
            sect.insert(index, element)
            return
    sect.append(element)


_EMPTY_NUMBERING = f'<w:numbering xmlns:w="{W_NS}"/>'.encode()


def sanitize_package(data: bytes, label: str) -> bytes:
    """A new, minimal .docx built from the template's needed parts (see module docstring)."""
    from lxml import etree

    package = _Package(data, label)
    if not package.has("_rels/.rels"):
        raise package.invalid(" (es fehlt „_rels/.rels“)")
    main = None
    core = None
    for _rid, rtype, target, external in _package_relationships(package):
        if external:
            continue
        if rtype.endswith("/officeDocument") and main is None:
            main = target
        elif rtype == CORE_RT and core is None and package.has(target):
            core = target
    if main is None or not package.has(main):
        raise package.invalid(" (es fehlt der Hauptteil „word/document.xml“)")
    parts: dict[str, bytes] = {}
    overrides: dict[str, str] = {}
    doc_rels: list[tuple[str, str, str]] = []
    kept_rids: set[str] = set()
    seen_types: set[str] = set()
    for rid, rtype, target, external in _relationships(package, main):
        kind = rtype.rsplit("/", 1)[-1]
        if external or kind not in KEPT_PARTS or not package.has(target) or target in parts:
            continue
        if kind not in ("header", "footer") and kind in seen_types:
            continue
        root = package.xml(target)
        if root.tag != PART_ROOTS[kind]:
            continue
        if kind not in ("header", "footer"):
            seen_types.add(kind)
        if kind == "numbering":
            _clean_numbering(root)
        elif kind in ("footnotes", "endnotes"):
            _clean_notes(root)
        elif kind == "styles":
            _clean_styles(root)
        elif kind == "fontTable":
            _clean_font_table(root)
        elif kind == "settings":
            _clean_settings(root)
        if kind in ("header", "footer"):
            media: list[tuple] = []  # (rId, type, target[, external])
            for mrid, mtype, mtarget, mexternal in _relationships(package, target):
                extension = mtarget.rsplit(".", 1)[-1].lower()
                if mexternal and mtype.endswith("/hyperlink"):
                    media.append((mrid, mtype, mtarget, True))
                elif not mexternal and mtype.endswith("/image") and package.has(mtarget) and extension in IMAGE_TYPES:
                    parts[mtarget] = package.read(mtarget)
                    media.append((mrid, mtype, mtarget))
            _drop_dangling_references(root, {m[0] for m in media})
            if media:
                parts[_rels_name(target)] = _rels_xml(media, target)
        parts[target] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        overrides[target] = KEPT_PARTS[kind]
        doc_rels.append((rid, rtype, target))
        kept_rids.add(rid)
    if "numbering" not in seen_types:
        target = posixpath.join(posixpath.dirname(main), "numbering.xml")
        while target in parts:
            target = target.replace(".xml", "1.xml")
        rid = "rIdIntegconceptNumbering"
        parts[target] = _EMPTY_NUMBERING
        overrides[target] = KEPT_PARTS["numbering"]
        doc_rels.append((rid, RT_BASE + "numbering", target))
    document = package.xml(main)
    if document.tag != qn("w:document"):
        raise package.invalid(" (der Hauptteil ist kein Word-Dokument)")
    _empty_document(document, kept_rids)
    parts[main] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    overrides[main] = DOCUMENT_CT
    parts[_rels_name(main)] = _rels_xml(doc_rels, main)
    root_rels = [("rId1", RT_BASE + "officeDocument", main)]
    if core is not None:
        try:
            core_root = package.xml(core)
        except RenderError as exc:
            if "DTD" in exc.message:
                raise
            core_root = None
        if core_root is not None and core_root.tag == CORE_ROOT:  # else python-docx makes its own
            parts[core] = etree.tostring(core_root, xml_declaration=True, encoding="UTF-8", standalone=True)
            overrides[core] = CORE_CT
            root_rels.append(("rId2", CORE_RT, core))
    parts["_rels/.rels"] = _rels_xml(root_rels, "")
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(
        types,
        f"{{{CT_NS}}}Default",
        Extension="rels",
        ContentType="application/vnd.openxmlformats-package.relationships+xml",
    )
    etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    for extension, content_type in IMAGE_TYPES.items():
        etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target_zip:
        target_zip.writestr(
            "[Content_Types].xml", etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
        )
        for name in sorted(parts):
            target_zip.writestr(name, parts[name])
    return out.getvalue()


def _package_relationships(package: _Package) -> list[tuple[str, str, str, bool]]:
    root = package.xml("_rels/.rels")
    out = []
    for rel in root:
        if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
            continue
        target = (rel.get("Target") or "").lstrip("/")
        out.append(
            (
                rel.get("Id") or "",
                rel.get("Type") or "",
                posixpath.normpath(target) if target else "",
                rel.get("TargetMode") == "External",
            )
        )
    return out

"""Templates: the default template shipped with the package, or a county's own .docx/.dotx.

The county template provides the styles (corporate design), page setup and, if wanted, its header and
footer. A template is untrusted input, so before python-docx sees it the package is rebuilt from the
parts the output needs (:func:`.template_package.sanitize_package`):

* size limits on the file, on every part and on the sum of the parts (a zip bomb is refused from the
  sizes in the zip directory, before anything is inflated; zipfile stops at the declared size);
* every XML part is parsed with entity resolution, DTD loading and network access off; a part that
  declares a DTD or entities is refused (Word never writes one);
* only the parts the output needs are copied: styles, numbering, settings, theme, font table, footnote
  and endnote separators, headers and footers with their pictures. Body media, embedded fonts, custom
  XML, macros, comments and the like stay behind (a 100 MB template gives a small output);
* [Content_Types].xml and the relationships are written fresh, so missing content-type overrides, a
  ``.dotx`` content type or dangling relationships do not matter;
* what python-docx or our writer cannot take is repaired: a missing ``sectPr``/``pgSz``/``pgMar`` gets
  A4 with 2.5 cm margins, a missing numbering part is created (LibreOffice writes none for a blank
  document), numbering and footnote entries with non-integer ids and ``<w:name/>`` without a value are
  dropped.

Styles are then matched by their built-in name (``w:name``; Word writes "heading 1" whatever the UI
language and style id, e.g. "berschrift1"), by German and LibreOffice names, and for headings by outline
level. Styles the template lacks are copied from the default template with their ``basedOn``/``next``/
``link`` mapped onto the template's own styles (a German template keeps its single "Normal", id
"Standard") and without explicit fonts and colours (the template's corporate font applies). One German
warning names every style that was missing.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integconcept.render.errors import RenderError, read_named_file
from integconcept.render.template_package import is_int, qn, sanitize_package

if TYPE_CHECKING:
    from docx.document import Document

DEFAULT_TEMPLATE_NAME = "default-template.docx"

#: Limits for a county template (stated in the README): the file, one part, all parts kept, entries.
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024

#: key → (style name in styles.xml, style type). Names are compared case-insensitively, because Word
#: writes built-in names in lower case ("heading 1", "footnote text") and python-docx's template in
#: title case.
REQUIRED_STYLES: dict[str, tuple[str, str]] = {
    "normal": ("Normal", "paragraph"),
    "title": ("Title", "paragraph"),
    "subtitle": ("Subtitle", "paragraph"),
    "heading1": ("Heading 1", "paragraph"),
    "heading2": ("Heading 2", "paragraph"),
    "heading3": ("Heading 3", "paragraph"),
    "heading4": ("Heading 4", "paragraph"),
    "list_bullet": ("List Bullet", "paragraph"),
    "list_number": ("List Number", "paragraph"),
    "caption": ("Caption", "paragraph"),
    "header": ("Header", "paragraph"),
    "footer": ("Footer", "paragraph"),
    "footnote_text": ("Footnote Text", "paragraph"),
    "footnote_reference": ("Footnote Reference", "character"),
    "toc_heading": ("TOC Heading", "paragraph"),
    "toc1": ("TOC 1", "paragraph"),
    "toc2": ("TOC 2", "paragraph"),
    "toc3": ("TOC 3", "paragraph"),
    "table": ("Table Grid", "table"),
}

#: Other names the same style has: German (a style created under a German UI, e.g. by a copy of a
#: built-in) and LibreOffice (its own names survive a .docx export for some styles).
STYLE_ALIASES: dict[str, tuple[str, ...]] = {
    "normal": ("Standard", "Default Paragraph Style", "Default Style"),
    "title": ("Titel",),
    "subtitle": ("Untertitel",),
    "heading1": ("Überschrift 1",),
    "heading2": ("Überschrift 2",),
    "heading3": ("Überschrift 3",),
    "heading4": ("Überschrift 4",),
    "list_bullet": ("Aufzählungszeichen", "List 1"),
    "list_number": ("Listennummer", "Numbering 1"),
    "caption": ("Beschriftung",),
    "header": ("Kopfzeile",),
    "footer": ("Fußzeile",),
    "footnote_text": ("Fußnotentext", "Footnote", "Footnote Text"),
    "footnote_reference": ("Fußnotenzeichen", "Footnote Characters", "Footnote Symbol", "Footnote Anchor"),
    "toc_heading": ("Inhaltsverzeichnisüberschrift", "Contents Heading"),
    "toc1": ("Verzeichnis 1", "Contents 1"),
    "toc2": ("Verzeichnis 2", "Contents 2"),
    "toc3": ("Verzeichnis 3", "Contents 3"),
    "table": ("Tabellenraster",),
}
HEADING_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2, "heading4": 3}


def default_template_bytes() -> bytes:
    return resources.files("integconcept.data").joinpath(DEFAULT_TEMPLATE_NAME).read_bytes()


# --------------------------------------------------------------------------- styles


def _open_docx(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data))


def _style_name(style) -> str | None:
    name = style.find(qn("w:name"))
    value = name.get(qn("w:val")) if name is not None else None
    return value.lower() if value else None


def _styles_by_name(styles_element) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for style in styles_element.findall(qn("w:style")):
        name = _style_name(style)
        if name:
            found.setdefault(name, style)
    return found


def _styles_by_id(styles_element) -> dict[str, Any]:
    return {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style")) if s.get(qn("w:styleId"))}


def _outline_level(style) -> int | None:
    level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    value = level.get(qn("w:val")) if level is not None else None
    return int(value) if is_int(value) else None


def _find_style(key: str, styles_element, by_name: dict[str, Any]):
    name, kind = REQUIRED_STYLES[key]
    for candidate in (name, *STYLE_ALIASES.get(key, ())):
        style = by_name.get(candidate.lower())
        if style is not None and style.get(qn("w:type")) == kind:
            return style
    if key == "normal":
        for style in styles_element.findall(qn("w:style")):
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                return style
    if key in HEADING_LEVELS:  # a heading style known only by its outline level (LibreOffice, own names)
        for style in styles_element.findall(qn("w:style")):
            if (
                style.get(qn("w:type")) == "paragraph"
                and _outline_level(style) == HEADING_LEVELS[key]
                and "toc" not in (_style_name(style) or "")
            ):
                return style
    return None


@dataclass
class Template:
    document: Document  # with an empty body
    style_ids: dict[str, str]  # key of REQUIRED_STYLES → styleId in this document
    warnings: list[str] = field(default_factory=list)


def load_template(path: str | None) -> Template:
    """Open the template (default if path is None), empty its body and make sure every needed style exists."""
    default_data = default_template_bytes()
    if path is None:
        document = _open_docx(default_data)
        label = None
    else:
        label = path
        data = _read_template_file(path)
        clean = sanitize_package(data, path)
        try:
            document = _open_docx(clean)
        except Exception:  # python-docx/lxml errors on a package we could not repair: not a usable .docx
            raise RenderError(
                f"Die Vorlage „{path}“ ist keine gültige Word-Datei (.docx oder .dotx). "
                "Bitte eine in Word gespeicherte .docx-Datei angeben oder --template weglassen."
            ) from None
    styles_element = document.styles.element
    default_styles = _open_docx(default_data).styles.element if label else styles_element
    style_ids, missing = _resolve_styles(styles_element, default_styles, foreign=label is not None)
    warnings: list[str] = []
    if label and missing:
        names = ", ".join(f"„{name}“" for name in missing)
        which = "diese Formatvorlage" if len(missing) == 1 else f"diese {len(missing)} Formatvorlagen"
        warnings.append(
            f"Die Vorlage „{label}“ hat {which} nicht, es gelten die der Standardvorlage in der Schrift "
            f"der Vorlage: {names}."
        )
    _prepare_headings(styles_element, style_ids)
    _empty_body(document)
    return Template(document=document, style_ids=style_ids, warnings=warnings)


def _read_template_file(path: str) -> bytes:
    folder = f"„{path}“ ist ein Ordner, keine Word-Vorlage (.docx)."
    return read_named_file(
        Path(path),
        MAX_TEMPLATE_BYTES,
        folder=folder,
        too_big=lambda size: (
            f"Die Vorlage „{path}“ ist {size / 1048576:.0f} MB groß (höchstens "
            f"{MAX_TEMPLATE_BYTES // 1048576} MB). Bitte eine Vorlage ohne eingebettete große "
            "Bilder angeben."
        ),
        missing=f"Die Vorlage „{path}“ gibt es nicht. Bitte den Pfad prüfen.",
        unreadable=lambda exc: f"Die Vorlage „{path}“ kann nicht gelesen werden ({exc.strerror or exc}).",
    )


def _resolve_styles(styles_element, default_styles, foreign: bool) -> tuple[dict[str, str], list[str]]:
    by_name = _styles_by_name(styles_element)
    existing = _styles_by_id(styles_element)
    default_by_name = _styles_by_name(default_styles)
    default_by_id = _styles_by_id(default_styles)
    mapping: dict[str, str] | None = None  # built on the first copy, then kept up to date by _copy_style
    style_ids: dict[str, str] = {}
    missing: list[str] = []
    for key, (name, _kind) in REQUIRED_STYLES.items():
        style = _find_style(key, styles_element, by_name)
        if style is None:
            source = default_by_name[name.lower()]
            if mapping is None:
                mapping = _id_map(styles_element, default_styles, by_name)
            for added in _copy_style(source, styles_element, default_by_id, mapping, existing, foreign):
                added_name = _style_name(added)
                if added_name:
                    by_name.setdefault(added_name, added)
            style = added
            missing.append(name)
        style_ids[key] = style.get(qn("w:styleId"))
    return style_ids, missing


def _id_map(styles_element, default_styles, by_name: dict[str, Any]) -> dict[str, str]:
    """Default template style id → the template's style id for the same built-in style name."""
    mapping = {}
    for style in default_styles.findall(qn("w:style")):
        name = _style_name(style)
        key = next((k for k, (n, _t) in REQUIRED_STYLES.items() if n.lower() == name), None)
        own = by_name.get(name) if name else None
        if own is None and key is not None:
            own = _find_style(key, styles_element, by_name)
        if own is not None and own.get(qn("w:type")) == style.get(qn("w:type")):
            mapping[style.get(qn("w:styleId"))] = own.get(qn("w:styleId"))
    return mapping


def _copy_style(
    source, styles_element, default_by_id, mapping: dict[str, str], existing: dict[str, Any], foreign: bool
) -> list:
    """Copy a style from the default template, with the styles it is based on if the template has no
    style of the same name; references are mapped onto the template's styles. Returns the new styles,
    the requested one last; ``mapping`` (default id → template id) and ``existing`` (id → style) are
    updated, so that a template with thousands of styles is indexed once, not once per copied style."""
    chain = [source]
    current = source
    while True:
        based = current.find(qn("w:basedOn"))
        if based is None:
            break
        parent_id = based.get(qn("w:val"))
        if parent_id in mapping or parent_id not in default_by_id or parent_id in existing:
            break
        current = default_by_id[parent_id]
        chain.append(current)
    added = []
    for style in reversed(chain):
        clone = copy.deepcopy(style)
        wanted = clone.get(qn("w:styleId"))
        new_id = wanted
        while new_id in existing:  # an unrelated template style with the same id
            new_id += "Integconcept"
        clone.set(qn("w:styleId"), new_id)
        mapping[wanted] = new_id
        clone.attrib.pop(qn("w:default"), None)
        for ref_tag in ("w:basedOn", "w:next", "w:link"):
            ref = clone.find(qn(ref_tag))
            if ref is None:
                continue
            target = mapping.get(ref.get(qn("w:val")), ref.get(qn("w:val")))
            if target in existing or target in mapping.values():
                ref.set(qn("w:val"), target)
            else:  # a link to a style the template does not have would dangle
                clone.remove(ref)
        if foreign:  # let the template's corporate font and colour apply
            for rpr in clone.findall(qn("w:rPr")):
                for tag in ("w:rFonts", "w:color"):
                    for element in rpr.findall(qn(tag)):
                        rpr.remove(element)
        styles_element.append(clone)
        existing[new_id] = clone
        added.append(clone)
    return added


def _prepare_headings(styles_element, style_ids: dict[str, str]) -> None:
    """Heading styles carry their outline level (the TOC is built from it) and no numbering of the
    template (the writer links its own multilevel list)."""
    from lxml import etree

    by_id = _styles_by_id(styles_element)
    for key, level in HEADING_LEVELS.items():
        style = by_id.get(style_ids[key])
        if style is None:
            continue
        ppr = _style_ppr(style)
        for numpr in ppr.findall(qn("w:numPr")):
            ppr.remove(numpr)
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = etree.SubElement(ppr, qn("w:outlineLvl"))
            _order_ppr(ppr, outline)
        outline.set(qn("w:val"), str(level))
    toc_heading = by_id.get(style_ids["toc_heading"])
    if toc_heading is not None:  # usually based on Heading 1: keep the TOC's own heading out of the TOC
        ppr = _style_ppr(toc_heading)
        if ppr.find(qn("w:outlineLvl")) is None:
            outline = etree.SubElement(ppr, qn("w:outlineLvl"))
            _order_ppr(ppr, outline)
            outline.set(qn("w:val"), "9")


def _style_ppr(style):
    """The style's w:pPr, added before its w:rPr (schema order) when missing."""
    from lxml import etree

    ppr = style.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(style, qn("w:pPr"))
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(ppr)
    return ppr


_PPR_TAIL = ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _order_ppr(ppr, outline) -> None:
    """outlineLvl sits before divId/cnfStyle/rPr/sectPr/pPrChange in CT_PPr."""
    for child in ppr:
        if child is not outline and isinstance(child.tag, str) and child.tag.split("}")[1] in _PPR_TAIL:
            child.addprevious(outline)
            return


def _empty_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

"""Templates: the default template shipped with the package, or a county's own .docx.

The county template provides the styles (corporate design). Styles the document needs but the
template lacks are copied from the default template, with a German warning naming them.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from docx.oxml.ns import qn

from .errors import RenderError

DEFAULT_TEMPLATE_NAME = "default-template.docx"

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


def default_template_bytes() -> bytes:
    return resources.files("integconcept.data").joinpath(DEFAULT_TEMPLATE_NAME).read_bytes()


def _open_docx(data: bytes):
    import docx

    # A Word template (.dotx) differs from a document only in the main part's content type.
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer) as archive:
        types = archive.read("[Content_Types].xml")
    if b"wordprocessingml.template.main+xml" in types:
        patched = io.BytesIO()
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(b"wordprocessingml.template.main+xml",
                                              b"wordprocessingml.document.main+xml")
                target.writestr(item, content)
        buffer = patched
    buffer.seek(0)
    return docx.Document(buffer)


def _styles_by_name(styles_element) -> dict[str, object]:
    found = {}
    for style in styles_element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            found.setdefault(name.get(qn("w:val")).lower(), style)
    return found


def _styles_by_id(styles_element) -> dict[str, object]:
    return {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style"))}


@dataclass
class Template:
    document: object  # docx.Document with an empty body
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
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise RenderError(f"Die Vorlage „{path}“ gibt es nicht. Bitte den Pfad prüfen.") from None
        except IsADirectoryError:
            raise RenderError(f"„{path}“ ist ein Ordner, keine Word-Vorlage (.docx).") from None
        except OSError as exc:
            raise RenderError(f"Die Vorlage „{path}“ kann nicht gelesen werden ({exc.strerror}).") from None
        try:
            document = _open_docx(data)
        except Exception:  # zip, xml and package errors: all mean "not a usable .docx"
            raise RenderError(
                f"Die Vorlage „{path}“ ist keine gültige Word-Datei (.docx oder .dotx). "
                "Bitte eine in Word gespeicherte .docx-Datei angeben oder --template weglassen."
            ) from None
    warnings: list[str] = []
    styles_element = document.styles.element
    by_name = _styles_by_name(styles_element)
    default_styles = _open_docx(default_data).styles.element if label else styles_element
    default_by_name = _styles_by_name(default_styles)
    default_by_id = _styles_by_id(default_styles)
    style_ids: dict[str, str] = {}
    for key, (name, kind) in REQUIRED_STYLES.items():
        style = by_name.get(name.lower())
        if style is not None and style.get(qn("w:type")) != kind:
            style = None
        if style is None:
            source = default_by_name[name.lower()]
            _copy_style(source, styles_element, default_by_id)
            by_name = _styles_by_name(styles_element)
            style = by_name[name.lower()]
            if label:
                warnings.append(
                    f"Die Vorlage „{label}“ hat keine Formatvorlage „{name}“; "
                    "die Formatvorlage der Standardvorlage wird verwendet."
                )
        style_ids[key] = style.get(qn("w:styleId"))
    _empty_body(document)
    return Template(document=document, style_ids=style_ids, warnings=warnings)


def _copy_style(source, styles_element, default_by_id) -> None:
    """Copy a style from the default template, with the styles it is based on if they are missing."""
    existing = _styles_by_id(styles_element)
    chain = [source]
    current = source
    while True:
        based = current.find(qn("w:basedOn"))
        if based is None:
            break
        parent_id = based.get(qn("w:val"))
        if parent_id in existing or parent_id not in default_by_id:
            break
        current = default_by_id[parent_id]
        chain.append(current)
    for style in reversed(chain):
        clone = copy.deepcopy(style)
        if clone.get(qn("w:styleId")) in existing:
            continue
        # a link to a character style that the target does not have would dangle
        link = clone.find(qn("w:link"))
        if link is not None and link.get(qn("w:val")) not in existing:
            clone.remove(link)
        styles_element.append(clone)
        existing[clone.get(qn("w:styleId"))] = clone


def _empty_body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

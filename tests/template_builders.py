"""Templates of every kind, built here (nothing downloaded): LibreOffice-saved, Word-like German, python-docx."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .libreoffice import convert

FODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text">\n'
)

BLANK_FODT = FODT_HEAD + "<office:body><office:text><text:p/></office:text></office:body></office:document>\n"

#: A county-style LibreOffice template: own fonts, numbered outline headings, a bullet list style,
#: 2 cm margins. LibreOffice writes numbering.xml with its outline list linked to the heading styles.
NUMBERED_FODT = (
    FODT_HEAD
    + """
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt"/></style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:color="#1f4e79"/></style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2"/>
  <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3"/>
  <text:outline-style style:name="Outline">
   <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>
   <text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>
   <text:outline-level-style text:level="3" style:num-format="1" text:display-levels="3"/>
  </text:outline-style>
  <text:list-style style:name="Aufzaehlung"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text>
  <text:h text:style-name="Heading_20_1" text:outline-level="1">Kapitel der Vorlage</text:h>
  <text:list text:style-name="Aufzaehlung"><text:list-item><text:p text:style-name="Standard">Punkt</text:p></text:list-item></text:list>
 </office:text></office:body>
</office:document>
"""
)


def libreoffice_docx(fodt: str, folder: Path, name: str) -> Path:
    """Save an .fodt we wrote as .docx with LibreOffice (its own export, as a county would)."""
    source = folder / f"{name}.fodt"
    source.write_text(fodt, encoding="utf-8")
    convert([source], "docx", folder, folder / "lo-profile")
    out = folder / f"{name}.docx"
    assert out.exists(), "LibreOffice did not write the template"
    return out


def python_docx_template() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


#: German Word writes these style ids (the names stay the built-in English ones, lower case)
GERMAN_IDS = {
    "Normal": "Standard",
    "Heading1": "berschrift1",
    "Heading2": "berschrift2",
    "Heading3": "berschrift3",
    "Heading4": "berschrift4",
    "Heading1Char": "berschrift1Zchn",
    "Title": "Titel",
    "TitleChar": "TitelZchn",
    "Subtitle": "Untertitel",
    "Header": "Kopfzeile",
    "HeaderChar": "KopfzeileZchn",
    "Footer": "Fuzeile",
    "FooterChar": "FuzeileZchn",
    "ListBullet": "Aufzhlungszeichen",
    "ListNumber": "Listennummer",
    "Caption": "Beschriftung",
    "TableGrid": "Tabellenraster",
    "ListParagraph": "Listenabsatz",
}


def german_word_template(dotx: bool = True) -> bytes:
    """python-docx's Word-made template edited as German Word saves it: German style ids, lower-case
    built-in names, theme fonts, a .dotx content type; no TOC or footnote styles (they must fall back)."""
    source = zipfile.ZipFile(io.BytesIO(python_docx_template()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in (
                "word/styles.xml",
                "word/document.xml",
                "word/numbering.xml",
                "word/stylesWithEffects.xml",
            ):
                text = content.decode("utf-8")
                for old, new in GERMAN_IDS.items():
                    text = re.sub(
                        rf'(w:styleId=|<w:(?:basedOn|next|link|pStyle|rStyle|tblStyle) w:val=)"{old}"',
                        rf'\1"{new}"',
                        text,
                    )
                for level in range(1, 10):
                    text = text.replace(f'<w:name w:val="Heading {level}"/>', f'<w:name w:val="heading {level}"/>')
                text = text.replace('<w:name w:val="Caption"/>', '<w:name w:val="caption"/>')
                # drop TOC Heading: it must be copied from the default template onto "Standard"
                text = re.sub(r'<w:style [^>]*w:styleId="TOCHeading".*?</w:style>', "", text, flags=re.S)
                content = text.encode("utf-8")
            if item.filename == "[Content_Types].xml" and dotx:
                content = content.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            target.writestr(item, content)
    return out.getvalue()


def edit_part(data: bytes, name: str, change) -> bytes:
    """A copy of a .docx with one part changed (change: bytes → bytes, or None to delete the part)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = change(content)
                if content is None:
                    continue
            target.writestr(item.filename, content)
    return out.getvalue()


WEIRD_VALUES = ["", "x", "-1", "99999999999999999999", "1.5", "0", "null", "ä", "Heading1", "1e9"]


def mutate_template(data: bytes, rng) -> bytes:
    """One random structural mutation of an XML part: drop the part, cut it, or drop elements/attributes
    and set attributes to odd values (the template fuzzing of issue 13, seeded)."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    target = rng.choice([n for n in names if n.endswith((".xml", ".rels"))])
    content = source.read(target)
    roll = rng.random()
    if roll < 0.08:
        new = None
    elif roll < 0.15:
        new = content[: rng.randrange(len(content))]
    else:
        root = etree.fromstring(content)
        for _ in range(rng.randint(1, 4)):
            element = rng.choice(list(root.iter()))
            action = rng.random()
            if action < 0.4 and element.getparent() is not None:
                element.getparent().remove(element)
            elif element.attrib:
                key = rng.choice(sorted(element.attrib))
                if action < 0.7:
                    del element.attrib[key]
                else:
                    element.set(key, rng.choice(WEIRD_VALUES))
        new = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return edit_part(data, target, lambda _old: new)

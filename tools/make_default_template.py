"""Generate integconcept/data/default-template.docx (committed; run again after changing this script).

    .venv/bin/python tools/make_default_template.py [OUTPUT.docx]

Starts from python-docx's built-in template and makes it a clean, accessible German A4 template:
real heading styles, footnote and table-of-contents styles, document language de-DE, no thumbnail
image. The output is deterministic (fixed properties, sorted zip entries, fixed time stamps).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integconcept.render.ooxml import deterministic_zip, strip_rsids, w  # noqa: E402

OUT = ROOT / "integconcept" / "data" / "default-template.docx"
FONT = "Arial"  # metric-compatible "Liberation Sans" is used where Arial is not installed
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)

EXTRA_STYLES = [
    f"""<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">
      <w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/>
      <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
      <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>
    </w:style>""",
    f"""<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar">
      <w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>
      <w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/><w:rPr><w:sz w:val="18"/></w:rPr>
    </w:style>""",
    f"""<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">
      <w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>
      <w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
    </w:style>""",
]
for level, indent in ((1, 0), (2, 284), (3, 567)):
    EXTRA_STYLES.append(
        f"""<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">
      <w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
      <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
      <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9061"/></w:tabs>
        <w:spacing w:before="{120 if level == 1 else 0}" w:after="60"/><w:ind w:left="{indent}"/></w:pPr>
      {"<w:rPr><w:b/></w:rPr>" if level == 1 else ""}
    </w:style>"""
    )


def main(out: Path = OUT) -> None:
    document = docx.Document()
    # no thumbnail (an image of English sample text) and no sample content
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.0)

    styles = document.styles
    # document defaults: font, size and language de-DE (spell checking, hyphenation, screen readers)
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:lang", "w:sz", "w:szCs"):
        for old in rpr_default.findall(qn(tag)):
            rpr_default.remove(old)
    rpr_default.insert(0, w("rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT))
    rpr_default.append(w("sz", val=22))
    rpr_default.append(w("szCs", val=22))
    rpr_default.append(w("lang", val="de-DE", eastAsia="en-US", bidi="ar-SA"))

    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before in (
        ("Heading 1", 16, 18),
        ("Heading 2", 13, 12),
        ("Heading 3", 12, 10),
        ("Heading 4", 11, 10),
    ):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    for name, size in (("Title", 26), ("Subtitle", 15)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.italic = False
        style.paragraph_format.space_after = Pt(12)
        ppr = style.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.bold = False
    caption.font.italic = True
    caption.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    toc_heading = styles["TOC Heading"]
    toc_heading.font.color.rgb = ACCENT
    for list_style in ("List Bullet", "List Number"):
        styles[list_style].paragraph_format.space_after = Pt(3)

    for xml in EXTRA_STYLES:
        styles.element.append(parse_xml(xml))

    # One font family: every style inherits FONT from the document defaults. python-docx's template
    # gives its headings (and 60 more styles) theme fonts, which Word and LibreOffice prefer over a
    # declared font (headings came out in another family than the body).
    for style in styles.element.findall(qn("w:style")):
        for fonts in style.iter(qn("w:rFonts")):
            fonts.getparent().remove(fonts)

    settings = document.settings.element
    strip_rsids(settings)
    for element in (styles.element, document.element):
        strip_rsids(element)

    props = document.core_properties
    props.title = "Integrationskonzept"
    props.author = "integconcept"
    props.last_modified_by = "integconcept"
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(2000, 1, 1)
    props.language = "de-DE"

    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(deterministic_zip(buffer.getvalue()))
    print(f"{out} geschrieben.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)

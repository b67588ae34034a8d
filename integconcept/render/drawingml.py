"""An organisation chart (:class:`.chart_layout.Diagram`) as a native Word drawing.

One inline drawing per chart, written the way Word writes a grouped drawing (ECMA-376 Part 1 §20.4
wordprocessingDrawing, with the Office 2010 wordprocessingGroup/wordprocessingShape extensions)::

    w:drawing/wp:inline (extent, docPr with title and alt text)
      a:graphic/a:graphicData[@uri=…/wordprocessingGroup]/wpg:wgp
        wps:wsp per connector  – a freeform line (a:custGeom, no fill), drawn first so boxes cover its ends
        wps:wsp per box        – a rounded rectangle with fill and outline and its text in
                                 wps:txbx/w:txbxContent (centred Arial paragraphs, exact line heights)

Sizes are in EMU (12,700 per point); the group's child coordinates equal its extent (no scaling), so
text sizes print as laid out. Paragraphs in a box carry all their formatting (spacing, indents, font,
size, colour), so neither Word nor LibreOffice applies a template's "Normal" style that would change
the wrap we computed. A word we broke gets a soft hyphen (``w:softHyphen``) at that place.
"""

from __future__ import annotations

from docx.oxml import parse_xml

from integconcept.core.safe_text import xml_escape as escape, xml_quoteattr as quoteattr
from integconcept.render.chart_layout import CONNECTOR, CORNER_PT, FILL, FILL_EMPHASIS, LINE, LINE_EMPHASIS


EMU_PER_PT = 12700
FONT = "Arial"
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
_NSDECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NS.items())
GROUP_URI = _NS["wpg"]

__all__ = ["CONNECTOR", "FILL", "FILL_EMPHASIS", "LINE", "LINE_EMPHASIS", "chart_drawing", "emu"]
LINE_WIDTH_EMU = round(0.8 * EMU_PER_PT)
#: The outermost outlines reach half a line width beyond the drawing's extent (as Word records it).
_HALF_LINE = LINE_WIDTH_EMU // 2


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def chart_drawing(diagram, *, shape_id: int, name: str, title: str, descr: str):
    """The ``w:drawing`` element for ``diagram``: ``shape_id`` for the drawing's docPr, the following
    ids for its shapes (unique in the document when ``shape_id`` is). The drawing's alt text and title go
    into docPr (Word reads them there); every shape carries its own alt text as well, a box its text and a
    connector what it links, because LibreOffice tags each shape of a group as a figure of its own in a
    tagged PDF and does not read a group's docPr."""
    width, height = max(emu(diagram.width), 1), max(emu(diagram.height), 1)
    shapes = []
    next_id = shape_id + 1
    labels = diagram.labels or ("",) * len(diagram.connectors)
    for number, (points, label) in enumerate(zip(diagram.connectors, labels), 1):
        shapes.append(_connector(points, next_id, f"Verbindungslinie {number}", label))
        next_id += 1
    for number, box in enumerate(diagram.boxes, 1):
        shapes.append(_box(box, next_id, f"Kasten {number}", diagram.padding))
        next_id += 1
    xml = (
        f"<w:drawing {_NSDECLS}>"
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/>'
        f'<wp:effectExtent l="{_HALF_LINE}" t="{_HALF_LINE}" r="{_HALF_LINE}" b="{_HALF_LINE}"/>'
        f'<wp:docPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(descr)} title={quoteattr(title)}/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{GROUP_URI}"><wpg:wgp><wpg:cNvGrpSpPr/>'
        f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>'
        + "".join(shapes)
        + "</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    return parse_xml(xml)


def _xfrm(x: int, y: int, cx: int, cy: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _non_visual(shape_id: int, name: str, descr: str) -> str:
    alt = f" descr={quoteattr(descr)}" if descr else ""
    return f'<wps:cNvPr id="{shape_id}" name={quoteattr(name)}{alt}/><wps:cNvSpPr/>'


def _connector(points, shape_id: int, name: str, descr: str) -> str:
    xs = [emu(x) for x, _ in points]
    ys = [emu(y) for _, y in points]
    left, top = min(xs), min(ys)
    cx, cy = max(max(xs) - left, 1), max(max(ys) - top, 1)
    path = "".join(
        f'<a:{"moveTo" if index == 0 else "lnTo"}><a:pt x="{x - left}" y="{y - top}"/>'
        f"</a:{'moveTo' if index == 0 else 'lnTo'}>"
        for index, (x, y) in enumerate(zip(xs, ys))
    )
    return (
        f"<wps:wsp>{_non_visual(shape_id, name, descr)}<wps:spPr>"
        + _xfrm(left, top, cx, cy)
        + '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{cx}" h="{cy}" fill="none">{path}</a:path></a:pathLst></a:custGeom>'
        f'<a:noFill/><a:ln w="{LINE_WIDTH_EMU}" cap="flat">{_fill(CONNECTOR)}<a:round/></a:ln>'
        "</wps:spPr><wps:bodyPr/></wps:wsp>"
    )


def _box(box, shape_id: int, name: str, padding: float) -> str:
    cx, cy = emu(box.w), emu(box.h)
    corner = round(100000 * CORNER_PT / max(min(box.w, box.h), CORNER_PT * 2))
    fill, line = (FILL_EMPHASIS, LINE_EMPHASIS) if box.emphasis else (FILL, LINE)
    inset = emu(padding)
    paragraphs = "".join(_paragraph(p) for p in box.paragraphs)
    return (
        f"<wps:wsp>{_non_visual(shape_id, name, box.descr)}<wps:spPr>"
        + _xfrm(emu(box.x), emu(box.y), cx, cy)
        + f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {corner}"/></a:avLst></a:prstGeom>'
        + _fill(fill)
        + f'<a:ln w="{LINE_WIDTH_EMU}">{_fill(line)}</a:ln>'
        f"</wps:spPr><wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" spcFirstLastPara="0" vertOverflow="overflow" horzOverflow="overflow" vert="horz" '
        f'wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" numCol="1" spcCol="0" '
        'rtlCol="0" fromWordArt="0" anchor="ctr" anchorCtr="0" forceAA="0" compatLnSpc="1">'
        '<a:prstTxWarp prst="textNoShape"><a:avLst/></a:prstTxWarp><a:noAutofit/></wps:bodyPr></wps:wsp>'
    )


def _run_properties(size: float, bold: bool) -> str:
    half_points = round(size * 2)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>{weight}'
        '<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


def _paragraph(paragraph) -> str:
    """One centred paragraph; the soft hyphens of our word breaks become ``w:softHyphen``."""
    run_pr = _run_properties(paragraph.size, paragraph.bold)
    line = round(paragraph.leading * 20)
    pieces = paragraph.text.split("\u00ad")
    content = "<w:softHyphen/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return (
        '<w:p><w:pPr><w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:widowControl w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:contextualSpacing w:val="0"/><w:jc w:val="center"/>'
        f"{run_pr}</w:pPr><w:r>{run_pr}{content}</w:r></w:p>"
    )

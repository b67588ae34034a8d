"""An organisation chart (:class:`.chart_layout.Diagram`) as SVG, for the HTML preview.

The same laid-out diagram the Word document draws (:mod:`.drawingml`): boxes, connectors and the lines
we wrapped the text into, in points, with the same colours. Text is Arial (metric-compatible Liberation
Sans or Helvetica where Arial is missing), so the lines fit their boxes as they do in Word. No matplotlib,
no font engine: a chart of 80 boxes is a few milliseconds.
"""

from __future__ import annotations

from html import escape

from integconcept.render.chart_layout import CONNECTOR, CORNER_PT, FILL, FILL_EMPHASIS, LINE, LINE_EMPHASIS

FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"
LINE_WIDTH = 0.8
#: Arial's ascent and descent (units of the font size): a line's baseline sits where Word puts it in an
#: exact line height, the glyph box centred in the line.
_ASCENT, _DESCENT = 0.905, 0.212


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (the same input gives the same text)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def diagram_svg(diagram, *, title: str, descr: str) -> str:
    """The SVG of ``diagram`` (an ``<svg>`` element, sized in points, scaling with its container)."""
    pad = LINE_WIDTH
    width, height = diagram.width + 2 * pad, diagram.height + 2 * pad
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ic-chart" role="img" aria-label="{escape(descr)}" '
        f'viewBox="{_n(-pad)} {_n(-pad)} {_n(width)} {_n(height)}" width="{_n(width)}pt" height="{_n(height)}pt" '
        f'font-family="{FONT_FAMILY}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(descr)}</desc>",
        f'<g fill="none" stroke="#{CONNECTOR}" stroke-width="{LINE_WIDTH}" stroke-linejoin="round">',
    ]
    for points in diagram.connectors:
        parts.append(f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}"/>')
    parts.append("</g>")
    for box in diagram.boxes:
        parts.append(_box(box, diagram.padding))
    parts.append("</svg>")
    return "".join(parts)


def _box(box, padding: float) -> str:
    fill, line = (FILL_EMPHASIS, LINE_EMPHASIS) if box.emphasis else (FILL, LINE)
    radius = min(CORNER_PT, box.w / 2, box.h / 2)
    out = [
        f'<g><rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" rx="{_n(radius)}" '
        f'fill="#{fill}" stroke="#{line}" stroke-width="{LINE_WIDTH}"/>'
    ]
    content = sum(p.leading * len(p.lines) for p in box.paragraphs)
    top = box.y + (box.h - content) / 2  # anchored in the middle, as the Word shape's text
    centre = box.x + box.w / 2
    out.append('<text text-anchor="middle" fill="#000000">')
    for paragraph in box.paragraphs:
        weight = ' font-weight="bold"' if paragraph.bold else ""
        baseline = (paragraph.leading - (_ASCENT + _DESCENT) * paragraph.size) / 2 + _ASCENT * paragraph.size
        for text, broken in zip(paragraph.lines, paragraph.broken):
            out.append(
                f'<tspan x="{_n(centre)}" y="{_n(top + baseline)}" font-size="{_n(paragraph.size)}"{weight}>'
                f"{escape(text + ('-' if broken else ''))}</tspan>"
            )
            top += paragraph.leading
    out.append("</text></g>")
    return "".join(out)

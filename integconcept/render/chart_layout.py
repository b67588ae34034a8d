"""The layout of an organisation chart in points: boxes in rows by level, stacked columns, elbow connectors.

Text is measured with the advance widths of Arial (font_widths.py, generated from the Helvetica metrics,
to which Arial is metric-compatible), so no font engine is imported for a render. drawingml.py draws the
laid-out :class:`Diagram` as native Word shapes, chart_svg.py as SVG for the HTML preview."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from integconcept.render.chart_graph import _Graph, _Node, drawable

#: Printed width of a chart (the text width of an A4 page with 2.5 cm margins is 16 cm).
DEFAULT_WIDTH_CM = 16.0
_PT_PER_CM = 72 / 2.54
#: Text in a box is cut here (with "…"); the alt text keeps the whole text.
MAX_BOX_TEXT = 300
_BOXES_PER_ROW = 5


#: Text sizes in points (title bold, further lines regular) and their exact line heights.
_TITLE_PT = 8.0
_LINE_PT = 7.0
_TITLE_LEADING = 9.5
_LINE_LEADING = 8.5
#: Inner margin of a box (the text box insets).
_PAD = 4.0
#: Corner radius of a box. Word and LibreOffice lay text out in the rounded rectangle's text rectangle,
#: which lies inside the corners by radius × (1 − 1/√2) on every side (ECMA-376 presetShapeDefinitions,
#: roundRect: il = x1 × 29289 / 100000), and then inside the insets.
CORNER_PT = 3.0
#: Colours (hex RGB) of a drawn chart, in Word (drawingml.py) and in the HTML preview (chart_svg.py):
#: emphasis boxes (steering group, KI) blue, other boxes grey, connectors dark grey.
FILL, FILL_EMPHASIS = "F2F2F2", "DBE7F3"
LINE, LINE_EMPHASIS, CONNECTOR = "595959", "1F4E79", "404040"
_TEXT_INSET = _PAD + CORNER_PT * 0.29289
#: Room left below the last line so that neither client needs more height than we computed.
_SLACK_Y = 1.5
_GAP_Y = 22.0
_GAP_X = 8.0
_STACK_INDENT = 12.0
_STACK_GAP = 6.0
#: Measured widths are widened by this factor: Word and LibreOffice place glyphs slightly differently
#: (rounding, hinting), and a line we computed must never need more room there than we left for it.
_WIDTH_SAFETY = 1.02
#: Width (1/1000 em) of a character outside the table: as wide as the widest letters, so text we cannot
#: measure makes a box taller rather than overflow it.
_FALLBACK_WIDTH = 1000
_SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class BoxText:
    """One paragraph of a box: its size, weight and the lines we wrapped it into. A line that ends
    in a word broken by us is followed by a soft hyphen (Word and LibreOffice break there, too)."""

    size: float
    bold: bool
    leading: float
    lines: tuple[str, ...]
    broken: tuple[bool, ...]  # per line: True when the line ends inside a word (a hyphen is shown)

    @property
    def text(self) -> str:
        """The paragraph's text with a soft hyphen where we break a word (what the document holds)."""
        parts = []
        for line, broken in zip(self.lines, self.broken):
            parts.append(line + (_SOFT_HYPHEN if broken else " "))
        return "".join(parts).rstrip(" ")


@dataclass(frozen=True)
class Box:
    id: str
    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[BoxText, ...]
    emphasis: bool
    descr: str = ""  # the box's text on one line, its alt text (LibreOffice's tagged PDF reads it)


@dataclass(frozen=True)
class Diagram:
    """An organisation chart laid out in points: boxes and connectors (polylines from box to box)."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    connectors: tuple[tuple[tuple[float, float], ...], ...]
    labels: tuple[str, ...] = ()  # per connector, what it links ("Kreis Unna: darunter …"), its alt text
    padding: float = _PAD


def _char_width(ch: str, bold: bool) -> int:
    from integconcept.render.font_widths import BOLD, REGULAR

    table = BOLD if bold else REGULAR
    width = table.get(ord(ch))
    if width is not None:
        return width
    if ch in "\u00a0\u202f\u2009\u2007":
        return table[32]
    import unicodedata

    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):  # combining marks, soft hyphen, joiners
        return 0
    base = unicodedata.normalize("NFD", ch)[0]  # a letter with a diacritic as wide as its base letter
    if base != ch and ord(base) in table:
        return table[ord(base)]
    return _FALLBACK_WIDTH


@functools.lru_cache(maxsize=8192)
def _measure(text: str, size: float, bold: bool) -> float:
    """Width of ``text`` in points in Arial (Helvetica metrics), widened by the safety factor."""
    return sum(_char_width(ch, bold) for ch in text) * size / 1000 * _WIDTH_SAFETY


#: No line break before these even after a space (Unicode line breaking, UAX #14 rule LB13: closing
#: brackets, "!", "?", ",", ".", ":", ";", "/"), nor after these opening marks (LB14). Word and
#: LibreOffice keep "Antirassismusarbeit /" together; our wrap must not break where they cannot.
_NO_BREAK_BEFORE = ")]}»›!?,.:;/"
_NO_BREAK_AFTER = "([{«‹„‚"


def _words(text: str) -> list[str]:
    """The units between which a line may break: words, with the marks of rules LB13/LB14 attached."""
    words: list[str] = []
    for word in text.replace(_SOFT_HYPHEN, "").split(" "):
        if not word:
            continue
        if words and (word[0] in _NO_BREAK_BEFORE or words[-1][-1] in _NO_BREAK_AFTER):
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _wrap(text: str, width_pt: float, size: float, bold: bool = False) -> list[tuple[str, bool]]:
    """Greedy word wrap by measured width, breaking only where Word and LibreOffice may break too; a word
    longer than the line is broken with a hyphen. Returns (line, broken) pairs; ``broken`` marks a line
    that ends inside a word."""
    lines: list[tuple[str, bool]] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if _measure(candidate, size, bold) <= width_pt:
            current = candidate
            continue
        if current:
            lines.append((current, False))
        while _measure(word, size, bold) > width_pt and len(word) > 4:
            low, high = 2, len(word) - 1  # the longest head that fits with its hyphen (binary search)
            while low < high:
                middle = (low + high + 1) // 2
                if _measure(word[:middle] + "-", size, bold) <= width_pt:
                    low = middle
                else:
                    high = middle - 1
            lines.append((word[:low], True))
            word = word[low:]
        current = word
    if current:
        lines.append((current, False))
    return lines or [("", False)]


def _paragraph(text: str, width: float, size: float, bold: bool, leading: float) -> BoxText:
    wrapped = _wrap(text, width, size, bold)
    return BoxText(size, bold, leading, tuple(line for line, _ in wrapped), tuple(b for _, b in wrapped))


def _box_text(node: _Node, width: float) -> tuple[BoxText, ...]:
    inner = width - 2 * _TEXT_INSET
    paragraphs = [_paragraph(drawable(node.title, MAX_BOX_TEXT), inner, _TITLE_PT, True, _TITLE_LEADING)]
    for extra in node.lines:
        paragraphs.append(_paragraph(drawable(extra, MAX_BOX_TEXT), inner, _LINE_PT, False, _LINE_LEADING))
    return tuple(paragraphs)


def _box_height(paragraphs: tuple[BoxText, ...]) -> float:
    return sum(p.leading * len(p.lines) for p in paragraphs) + 2 * _TEXT_INSET + _SLACK_Y


def layout(graph: _Graph, width: float) -> Diagram:
    """Boxes in rows by level (at most five side by side), nodes with ``stack_under`` in a column below
    their parent; connectors as elbows from the bottom of the upper box to the top of the lower one.
    All in points for a chart ``width`` points wide."""
    stacked: dict[str, list[_Node]] = {}
    levels: dict[int, list[_Node]] = {}
    for node in graph.nodes:
        if node.stack_under:
            stacked.setdefault(node.stack_under, []).append(node)
        else:
            levels.setdefault(node.level, []).append(node)
    boxes: dict[str, Box] = {}
    rows = []
    for level in sorted(levels):
        members = levels[level]
        rows += [members[i : i + _BOXES_PER_ROW] for i in range(0, len(members), _BOXES_PER_ROW)]
    y = 4.0
    for row in rows:
        box_w = min((width - 8 - _GAP_X * (len(row) - 1)) / len(row), width * 0.62)
        total = box_w * len(row) + _GAP_X * (len(row) - 1)
        x = (width - total) / 2
        bottom = y
        for node in row:
            paragraphs = _box_text(node, box_w)
            boxes[node.id] = Box(
                node.id, x, y, box_w, _box_height(paragraphs), paragraphs, node.emphasis, _describe(node)
            )
            column_bottom = y + boxes[node.id].h
            for child in stacked.get(node.id, []):
                child_w = box_w - _STACK_INDENT
                child_paragraphs = _box_text(child, child_w)
                top = column_bottom + _STACK_GAP
                boxes[child.id] = Box(
                    child.id,
                    x + _STACK_INDENT,
                    top,
                    child_w,
                    _box_height(child_paragraphs),
                    child_paragraphs,
                    child.emphasis,
                    _describe(child),
                )
                column_bottom = top + boxes[child.id].h
            bottom = max(bottom, column_bottom)
            x += box_w + _GAP_X
        y = bottom + _GAP_Y
    stack_parent = {n.id: n.stack_under for n in graph.nodes if n.stack_under}
    row_of = {node.id: index for index, row in enumerate(rows) for node in row}
    for node in graph.nodes:
        if node.stack_under:
            row_of[node.id] = row_of.get(node.stack_under, 0)
    connectors: list[tuple[tuple[float, float], ...]] = []  # polylines
    names = {node.id: drawable(node.title, MAX_BOX_TEXT) for node in graph.nodes}
    labels = tuple(f"{names[a]}: {verb} {names[b]}" for a, b, verb in graph.edges)
    for a, b, _ in graph.edges:
        first, second = boxes[a], boxes[b]
        if stack_parent.get(b) == a:  # elbow: down the parent's left edge, across to the child
            rail = first.x + _STACK_INDENT / 2
            middle = second.y + second.h / 2
            connectors.append(((rail, first.y + first.h), (rail, middle), (second.x, middle)))
            continue
        if row_of[a] == row_of[b]:
            left, right = (first, second) if first.x < second.x else (second, first)
            connectors.append(((left.x + left.w, left.y + left.h / 2), (right.x, right.y + right.h / 2)))
            continue
        upper, lower = (first, second) if first.y < second.y else (second, first)
        start = (upper.x + upper.w / 2, upper.y + upper.h)
        end = (lower.x + lower.w / 2, lower.y)
        middle = (start[1] + end[1]) / 2 if lower.y - (upper.y + upper.h) <= _GAP_Y * 1.5 else lower.y - _GAP_Y / 2
        if abs(start[0] - end[0]) < 0.01:
            connectors.append((start, end))
        else:
            connectors.append((start, (start[0], middle), (end[0], middle), end))
    return _cropped(tuple(boxes[node.id] for node in graph.nodes), tuple(connectors), labels)


def _describe(node: _Node) -> str:
    lines = [drawable(line, MAX_BOX_TEXT) for line in node.lines]
    return drawable(node.title, MAX_BOX_TEXT) + (f" ({'; '.join(lines)})" if lines else "")


def _cropped(boxes: tuple[Box, ...], connectors, labels: tuple[str, ...] = ()) -> Diagram:
    """The diagram exactly as large as what it shows, from (0, 0). LibreOffice sizes a group by its shapes
    (not by the group's child extent), so a margin or a narrow chart would otherwise come out stretched."""
    if not boxes:
        return Diagram(0.0, 0.0, (), ())
    xs = [b.x for b in boxes] + [b.x + b.w for b in boxes] + [x for line in connectors for x, _ in line]
    ys = [b.y for b in boxes] + [b.y + b.h for b in boxes] + [y for line in connectors for _, y in line]
    left, top = min(xs), min(ys)
    moved = tuple(Box(b.id, b.x - left, b.y - top, b.w, b.h, b.paragraphs, b.emphasis, b.descr) for b in boxes)
    lines = tuple(tuple((x - left, y - top) for x, y in line) for line in connectors)
    return Diagram(max(xs) - left, max(ys) - top, moved, lines, labels)

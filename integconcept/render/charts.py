"""Charts for the document: the organisation charts of section 4.5 and optional charts from data.

Public API (used by the DOCX writer)::

    org_charts(concept, base_dir) -> list[Chart]     # one per organisation.charts entry with kind or image
    data_charts(concept, base_dir) -> dict[str, Chart]  # "population", "approval_timeline" when asked for

Each :class:`Chart` carries a German title, a German alt text that says what it shows (who is linked to
whom, which numbers) and the width to print it at, and either picture bytes (PNG, or the county's own
JPEG) or, for an organisation chart drawn from the model, the graph that :func:`layout` turns into a
:class:`Diagram` at the printed width. figures.py writes a diagram as native Word shapes (drawingml.py):
rounded rectangles with real, searchable text and connector lines, sharp in print and editable in Word.

Organisation charts: the layout (boxes in rows by level, stacked columns, elbow connectors) is our own,
in points; text is measured with the advance widths of Arial (font_widths.py, generated from the
Helvetica metrics, to which Arial is metric-compatible) so no font engine is imported for a render.

Charts from data (population, approval timeline) are drawn with **matplotlib (Agg backend)** through
``Figure``/``FigureCanvasAgg`` (no pyplot, no global state), imported only when such a chart is asked
for. Determinism: rcParams are reset to matplotlib's defaults inside an ``rc_context`` (a user's
matplotlibrc cannot change the picture), the PNG is written with ``metadata={"Software": None}`` (no
version, no time stamp), and the layout depends on the model only.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

from integconcept.document.markup import plain_text
from integconcept.render.errors import RenderError

#: Printed width of a chart (the text width of an A4 page with 2.5 cm margins is 16 cm).
DEFAULT_WIDTH_CM = 16.0
_PT_PER_CM = 72 / 2.54
#: the reserved link target for the Kommunales Integrationszentrum in Network.linked_to
KI_LINK_ID = "ki"

#: Member categories in the plural, for the "Mitglieder: …" line of a box (labels.py has the singular).
_CATEGORY_LABELS = {
    "municipality": "Städte und Gemeinden",
    "county_administration": "Kreisverwaltung",
    "municipal_institution": "kommunale Einrichtungen",
    "school_supervision": "Schulaufsicht",
    "free_provider": "freie Träger",
    "migrant_organisation": "Migrantenorganisationen",
    "integration_council": "Integrationsräte",
    "state_or_federal": "Land und Bund",
    "business": "Wirtschaft",
    "science": "Wissenschaft",
    "volunteers": "Ehrenamtliche",
    "other": "weitere",
}


#: Beyond these a chart is unreadable at page width; the German error says so.
MAX_DATA_ROWS = 60
MAX_BOXES = 80
#: Text in a box is cut here (with "…"); the alt text keeps the whole text.
MAX_BOX_TEXT = 300
_BOXES_PER_ROW = 5


def _safe(text: str, limit: int | None = None) -> str:
    """Text the font engine can draw: no control characters or lone surrogates, optionally shortened."""
    import unicodedata

    clean = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn") else " " for ch in text)
    clean = " ".join(clean.split())
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return clean


@dataclass(frozen=True)
class Chart:
    """A chart for the document. ``png`` holds PNG bytes, or JPEG bytes when the concept names a JPEG;
    an organisation chart drawn from the model has ``png`` None and its ``graph`` instead."""

    key: str
    title: str
    alt_text: str
    png: bytes | None
    width_cm: float
    graph: _Graph | None = field(default=None, compare=False, repr=False)

    def diagram(self, width_cm: float | None = None) -> Diagram:
        """The organisation chart laid out for a printed width (default: the chart's own)."""
        return layout(self.graph, (width_cm or self.width_cm) * _PT_PER_CM)


# --------------------------------------------------------------------------- public API


def org_charts(concept, base_dir: Path) -> list[Chart]:
    """The organisation charts of ``concept.organisation.charts``, in their order.

    An entry with ``image`` uses that file (relative to ``base_dir``, the concept file's folder); an entry
    with ``kind`` is drawn from the model; an entry with neither has no picture and is left out. The key
    is ``organisation-<index>`` with the entry's index in ``organisation.charts``.
    """
    organisation = concept.organisation
    if organisation is None:
        return []
    charts = []
    for index, entry in enumerate(organisation.charts):
        if entry.kind is None and entry.image is None:
            continue
        key = f"organisation-{index}"
        if entry.kind == "steering":
            graph = _steering_graph(concept)
        elif entry.kind == "ki_organisation":
            graph = _ki_graph(concept)
        else:
            graph = None
        alt = entry.alt_text or (
            _graph_alt_text(entry.title, graph) if graph else f"Organigramm „{entry.title}“."
        )
        if entry.image is not None:
            data = _own_image(entry.image, base_dir, f"organisation.charts[{index}].image")
            graph = None
        elif not graph.nodes:
            raise RenderError(
                f"Das Organigramm „{entry.title}“ (organisation.charts[{index}].kind: {entry.kind}) hätte keinen "
                "Kasten: das Konzept nennt weder eine Steuerungsgruppe "
                "(implementation.strategic.steering_group) noch Netzwerke (networks.bodies). Bitte diese angeben, "
                "„kind“ entfernen oder ein eigenes Bild mit „image“ angeben."
            )
        elif len(graph.nodes) > MAX_BOXES:
            raise RenderError(
                f"Das Organigramm „{entry.title}“ hätte {len(graph.nodes)} Kästen; lesbar sind höchstens "
                f"{MAX_BOXES}. Bitte ein eigenes Bild mit „image“ angeben (organisation.charts[{index}].image)."
            )
        else:
            data = None
        charts.append(Chart(key, _safe(entry.title), _safe(alt), data, DEFAULT_WIDTH_CM, graph))
    return charts


def data_charts(concept, base_dir: Path | None = None) -> dict[str, Chart]:
    """Charts from data that the concept asks for: ``"population"`` (``preamble.population_table.chart``)
    and ``"approval_timeline"`` (``approval_process.timeline_chart``). ``base_dir`` (the concept file's
    folder) is needed only when one of them names its own image file."""
    charts: dict[str, Chart] = {}
    table = concept.preamble.population_table if concept.preamble else None
    if table is not None and table.chart is not None:
        rows = [(r.name, r.total) for r in table.rows if r.total is not None]
        title = table.chart.title or f"Einwohner nach Gemeinde ({table.title})"
        alt = table.chart.alt_text or _population_alt(title, rows, table.source, table.number_style)
        if table.chart.image is not None:
            data = _own_image(table.chart.image, base_dir, "preamble.population_table.chart.image")
        elif len(rows) > MAX_DATA_ROWS:
            raise RenderError(
                f"Das Balkendiagramm der Einwohner kann höchstens {MAX_DATA_ROWS} Zeilen lesbar darstellen, die "
                f"Tabelle hat {len(rows)}. Bitte „preamble.population_table.chart“ entfernen oder ein eigenes "
                "Bild mit „image“ angeben."
            )
        elif rows:
            data = _draw_population(rows, table.number_style)
        else:
            data = None
        if data is not None:
            charts["population"] = Chart("population", _safe(title), _safe(alt), data, DEFAULT_WIDTH_CM)
    process = concept.approval_process
    if process is not None and process.timeline_chart is not None:
        steps = [(s.date, s.body, _purpose_label(s.purpose)) for s in process.steps if s.date is not None]
        title = process.timeline_chart.title or f"Zeitleiste: {process.title}"
        alt = process.timeline_chart.alt_text or _timeline_alt(title, steps)
        if process.timeline_chart.image is not None:
            data = _own_image(process.timeline_chart.image, base_dir, "approval_process.timeline_chart.image")
        elif len(steps) > MAX_DATA_ROWS:
            raise RenderError(
                f"Die Zeitleiste kann höchstens {MAX_DATA_ROWS} Schritte lesbar darstellen, der Ablauf hat "
                f"{len(steps)}. Bitte „approval_process.timeline_chart“ entfernen oder ein eigenes Bild mit "
                "„image“ angeben."
            )
        elif steps:
            data = _draw_timeline(steps)
        else:
            data = None
        if data is not None:
            charts["approval_timeline"] = Chart("approval_timeline", _safe(title), _safe(alt), data,
                                                DEFAULT_WIDTH_CM)
    return charts


# --------------------------------------------------------------------------- own image files

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def _own_image(name: str, base_dir: Path | None, where: str) -> bytes:
    path = Path(name)
    if not path.is_absolute():
        path = (base_dir or Path(".")) / path
    hint = f"(angegeben in {where})"
    try:
        if path.is_dir():
            raise RenderError(f"Die Bilddatei „{name}“ {hint} ist ein Ordner. Bitte eine PNG- oder JPEG-Datei angeben.")
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise RenderError(
                f"Die Bilddatei „{name}“ {hint} ist zu groß ({size // (1024 * 1024)} MB; höchstens "
                f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB). Bitte das Bild verkleinern."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise RenderError(
            f"Die Bilddatei „{name}“ {hint} gibt es nicht (gesucht: {path}). Der Pfad gilt relativ zur "
            "Konzeptdatei; bitte prüfen oder die Angabe „image“ entfernen, dann wird die Grafik erzeugt."
        ) from None
    except OSError as exc:
        raise RenderError(f"Die Bilddatei „{name}“ {hint} kann nicht gelesen werden ({exc.strerror or exc}).") from None
    if not (data.startswith(_PNG_MAGIC) or data.startswith(_JPEG_MAGIC)):
        raise RenderError(
            f"Die Bilddatei „{name}“ {hint} ist kein PNG- oder JPEG-Bild. Bitte das Bild als PNG oder JPEG speichern."
        )
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for broken files; all mean "not a readable image"
        raise RenderError(
            f"Die Bilddatei „{name}“ {hint} ist beschädigt und kann nicht gelesen werden. "
            "Bitte das Bild neu als PNG oder JPEG speichern."
        ) from None
    return data


# --------------------------------------------------------------------------- graphs (organisation charts)


@dataclass
class _Node:
    id: str
    title: str
    lines: list[str] = field(default_factory=list)  # smaller text under the title
    level: int = 0
    emphasis: bool = False
    stack_under: str | None = None  # drawn in a column below this node instead of in a row


@dataclass
class _Graph:
    nodes: list[_Node]
    edges: list[tuple[str, str, str]]  # (from id, to id, German verb phrase for the alt text)
    summary: list[str] = field(default_factory=list)  # extra sentences for the alt text


def _plain(text: str | None) -> str:
    if not text:
        return ""
    flat = " ".join(plain_text(text).split())
    return flat.rstrip(",;").strip()


def _members_line(members) -> str:
    labels: list[str] = []
    for member in members:
        label = _CATEGORY_LABELS.get(member.category.value if member.category else "other", "weitere")
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def _printed(obj, name: str):
    """A field's value, or None when the concept keeps it for the checks only (``not_printed``): a chart
    prints no more than the document does."""
    if obj is None or name in (getattr(obj, "not_printed", None) or ()):
        return None
    return getattr(obj, name)


def _steering_graph(concept) -> _Graph:
    nodes: list[_Node] = []
    edges: list[tuple[str, str, str]] = []
    summary: list[str] = []
    strategic = concept.implementation.strategic if concept.implementation else None
    group = strategic.steering_group if strategic else None
    bodies = concept.networks.bodies if concept.networks else []
    if group is not None:
        lines = []
        if _printed(group, "chair"):
            lines.append(f"Vorsitz: {group.chair}")
        if _printed(group, "members"):
            lines.append("Mitglieder: " + ", ".join(_plain(m.name) for m in group.members))
        nodes.append(_Node(group.id, group.name, lines, 0, emphasis=True))
    for body in bodies:
        lines = []
        if body.chair:
            lines.append(f"Vorsitz: {body.chair}")
        if body.management:
            lines.append(f"Geschäftsführung: {body.management}")
        if body.expected_members:
            lines.append("Mitglieder: " + _members_line(body.expected_members))
        nodes.append(_Node(body.id, body.name, lines, 1))
        if body.expected_members:
            summary.append(
                f"Mitglieder von {body.name}: " + "; ".join(_plain(m.name) for m in body.expected_members) + "."
            )
    known = {n.id for n in nodes}
    explicit = any(body.linked_to for body in bodies)
    ki_used = any(KI_LINK_ID in body.linked_to for body in bodies)
    if ki_used:
        nodes.append(_Node(KI_LINK_ID, _ki_name(concept), [], 2, emphasis=True))
        known.add(KI_LINK_ID)
    if explicit:
        for body in bodies:
            for target in body.linked_to:
                if target in known and target != body.id:
                    edges.append((body.id, target, "verbunden mit"))
    elif group is not None:
        edges = [(group.id, body.id, "verbunden mit") for body in bodies]
    _assign_levels(nodes, edges, group.id if group else None)
    return _Graph(nodes, edges, summary)


def _ki_name(concept) -> str:
    organisation = concept.organisation
    return _printed(organisation, "ki_name") or "Kommunales Integrationszentrum"


def _ki_graph(concept) -> _Graph:
    organisation = concept.organisation
    nodes: list[_Node] = []
    edges: list[tuple[str, str, str]] = []
    summary: list[str] = []
    nodes.append(_Node("authority", concept.authority.name, [], 0))
    parent = "authority"
    if _printed(organisation, "attachment"):
        nodes.append(_Node("attachment", organisation.attachment, [], 1))
        edges.append(("authority", "attachment", "darunter"))
        parent = "attachment"
    ki_lines = []
    if _printed(organisation, "predecessor"):
        ki_lines.append(f"ehemals {organisation.predecessor}")
    if _printed(organisation, "start") is not None:
        ki_lines.append(f"Arbeitsbeginn: {organisation.start.german()}")
    nodes.append(_Node(KI_LINK_ID, _ki_name(concept), ki_lines, 2, emphasis=True))
    edges.append((parent, KI_LINK_ID, "darunter"))
    groups = concept.ki_tasks.groups if concept.ki_tasks else []
    for group in groups:
        gid = f"group-{group.id}"
        nodes.append(_Node(gid, group.name, [], 3))
        edges.append((KI_LINK_ID, gid, "Aufgabenbereiche"))
        for area in group.areas:
            aid = f"area-{area.id}"
            nodes.append(_Node(aid, area.name, [], 4, stack_under=gid))
            edges.append((gid, aid, "mit den Bereichen"))
    operational = concept.implementation.operational if concept.implementation else None
    if operational is not None and operational.institutions:
        partner_lines = []
        for item in operational.institutions:
            text = f"{item.count} {item.name}" if item.count is not None else item.name
            partner_lines.append(text)
        nodes.append(_Node("partners", "Partnerinstitutionen", partner_lines, 3))
        edges.append((KI_LINK_ID, "partners", "Ansprech- und Netzwerkpartnerin für"))
    return _Graph(nodes, edges, summary)


def _assign_levels(nodes: list[_Node], edges, root: str | None) -> None:
    """Level = distance from the steering group over the links; unlinked bodies go below the rest."""
    if root is None:
        return
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for a, b, _ in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    level = {root: 0}
    queue = [root]
    while queue:
        current = queue.pop(0)
        for other in neighbours[current]:
            if other not in level:
                level[other] = level[current] + 1
                queue.append(other)
    bottom = max(level.values()) + 1
    for node in nodes:
        node.level = level.get(node.id, bottom)


def _graph_alt_text(title: str, graph: _Graph) -> str:
    names = {n.id: n for n in graph.nodes}

    def describe(node: _Node) -> str:
        return node.title + (f" ({'; '.join(node.lines)})" if node.lines else "")

    sentences = [f"Organigramm „{title}“."]
    described: set[str] = set()
    by_source: dict[str, list[tuple[str, str]]] = {}
    for a, b, verb in graph.edges:
        by_source.setdefault(a, []).append((b, verb))
    for source, targets in by_source.items():
        node = names[source]
        groups: dict[str, list[str]] = {}
        for target, verb in targets:
            text = names[target].title if target in described else describe(names[target])
            groups.setdefault(verb, []).append(text)
            described.add(target)
        subject = node.title if source in described else describe(node)
        described.add(source)
        parts = [f"{verb} {_join(items)}" for verb, items in groups.items()]
        sentences.append(f"{subject}: {'; '.join(parts)}.")
    for node in graph.nodes:
        if node.id not in described:
            sentences.append(f"Ohne Verbindung: {describe(node)}.")
    sentences.extend(graph.summary)
    return " ".join(sentences)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " und " + items[-1]


# --------------------------------------------------------------------------- layout (organisation charts)

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
    paragraphs = [_paragraph(_safe(node.title, MAX_BOX_TEXT), inner, _TITLE_PT, True, _TITLE_LEADING)]
    for extra in node.lines:
        paragraphs.append(_paragraph(_safe(extra, MAX_BOX_TEXT), inner, _LINE_PT, False, _LINE_LEADING))
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
        rows += [members[i:i + _BOXES_PER_ROW] for i in range(0, len(members), _BOXES_PER_ROW)]
    y = 4.0
    for row in rows:
        box_w = min((width - 8 - _GAP_X * (len(row) - 1)) / len(row), width * 0.62)
        total = box_w * len(row) + _GAP_X * (len(row) - 1)
        x = (width - total) / 2
        bottom = y
        for node in row:
            paragraphs = _box_text(node, box_w)
            boxes[node.id] = Box(node.id, x, y, box_w, _box_height(paragraphs), paragraphs, node.emphasis,
                                 _describe(node))
            column_bottom = y + boxes[node.id].h
            for child in stacked.get(node.id, []):
                child_w = box_w - _STACK_INDENT
                child_paragraphs = _box_text(child, child_w)
                top = column_bottom + _STACK_GAP
                boxes[child.id] = Box(child.id, x + _STACK_INDENT, top, child_w, _box_height(child_paragraphs),
                                      child_paragraphs, child.emphasis, _describe(child))
                column_bottom = top + boxes[child.id].h
            bottom = max(bottom, column_bottom)
            x += box_w + _GAP_X
        y = bottom + _GAP_Y
    stack_parent = {n.id: n.stack_under for n in graph.nodes if n.stack_under}
    row_of = {node.id: index for index, row in enumerate(rows) for node in row}
    for node in graph.nodes:
        if node.stack_under:
            row_of[node.id] = row_of.get(node.stack_under, 0)
    connectors = []
    names = {node.id: _safe(node.title, MAX_BOX_TEXT) for node in graph.nodes}
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
    lines = [_safe(line, MAX_BOX_TEXT) for line in node.lines]
    return _safe(node.title, MAX_BOX_TEXT) + (f" ({'; '.join(lines)})" if lines else "")


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


# --------------------------------------------------------------------------- drawing (charts from data)

_DPI = 200
_FONT = "DejaVu Sans"


def _figure(width_pt: float, height_pt: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width_pt)
    axes.set_ylim(height_pt, 0)
    axes.axis("off")
    return figure, axes


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


class _Style:
    """matplotlib's defaults plus our font, whatever the user's matplotlibrc says."""

    def __enter__(self):
        import matplotlib

        self._context = matplotlib.rc_context()
        self._context.__enter__()
        matplotlib.rcdefaults()
        matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": [_FONT],
                                    "svg.hashsalt": "integconcept", "path.simplify": True,
                                    "text.parse_math": False, "text.usetex": False})
        return self

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)


def _population_alt(title: str, rows: list[tuple[str, int]], source: str, style: str) -> str:
    from integconcept.core.german import number

    parts = [f"{name}: {number(total, thousands=style)}" for name, total in rows]
    return f"Balkendiagramm „{title}“ (Quelle: {source}). Einwohner je Gemeinde: " + "; ".join(parts) + "."


def _draw_population(rows: list[tuple[str, int]], style: str) -> bytes:
    from matplotlib.ticker import FuncFormatter

    from integconcept.core.german import number

    def format_int(value: int) -> str:
        return number(value, thousands=style)

    width = DEFAULT_WIDTH_CM * _PT_PER_CM
    height = 24.0 + 14.0 * len(rows)
    with _Style():
        figure, _ = _figure(width, height)
        figure.clear()
        axes = figure.add_axes((0.28, 18 / height, 0.62, 1 - 24 / height))
        names = [_safe(name, 40) for name, _ in rows][::-1]
        values = [total for _, total in rows][::-1]
        bars = axes.barh(range(len(values)), values, color="#1f4e79", height=0.6)  # equal names stay apart
        axes.set_yticks(range(len(values)))
        axes.set_yticklabels(names)
        axes.tick_params(labelsize=7)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_int(int(v))))
        axes.spines[["top", "right"]].set_visible(False)
        for bar, value in zip(bars, values):
            axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + format_int(value),
                      va="center", fontsize=6.5)
        axes.set_xlim(0, max(values) * 1.15 if values and max(values) > 0 else 1)
        return _png(figure)


def _purpose_label(purpose) -> str:
    from integconcept.document.labels import label

    return label(purpose)


def _timeline_alt(title: str, steps) -> str:
    parts = [f"{date.german()}: {body} ({purpose})" for date, body, purpose in steps]
    return f"Zeitleiste „{title}“ mit {len(steps)} Schritten: " + "; ".join(parts) + "."


def _draw_timeline(steps) -> bytes:
    import matplotlib.dates as mdates

    width = DEFAULT_WIDTH_CM * _PT_PER_CM
    row = 13.0
    height = 30.0 + row * len(steps)
    with _Style():
        figure, _ = _figure(width, height)
        figure.clear()
        axes = figure.add_axes((0.47, 22 / height, 0.50, 1 - 28 / height))
        labels = []
        for index, (date, body, purpose) in enumerate(steps):
            start = mdates.date2num(date.start)
            end = mdates.date2num(date.end) + 1
            y = len(steps) - 1 - index
            if date.is_exact:
                axes.plot([start + 0.5], [y], marker="o", markersize=4, color="#1f4e79")
            else:
                axes.barh([y], [end - start], left=[start], height=0.4, color="#9dc3e6", edgecolor="#1f4e79",
                          linewidth=0.6)
            when = date.start.strftime("%d.%m.%Y") if date.is_exact else date.german()
            labels.append(f"{when}  {_short(_safe(body), 40)}")
        axes.set_yticks(range(len(steps)))
        axes.set_yticklabels(labels[::-1], fontsize=6.5)
        first = min(mdates.date2num(d.start) for d, _, _ in steps)
        last = max(mdates.date2num(d.end) + 1 for d, _, _ in steps)
        margin = max(3.0, (last - first) * 0.04)
        axes.set_xlim(first - margin, last + margin)
        axes.set_ylim(-0.7, len(steps) - 0.3)
        if last - first <= 800:
            locator = mdates.MonthLocator(interval=max(1, int((last - first) // 240) + 1))
        else:
            locator = mdates.YearLocator(base=max(1, int((last - first) / 365 / 8) + 1))
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(FuncFormatterMonths())
        axes.tick_params(axis="x", labelsize=6.5)
        axes.grid(axis="x", color="#d9d9d9", linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def FuncFormatterMonths():  # noqa: N802 (a factory that reads like the formatter it returns)
    """German month labels ("Jul 2012") without relying on the process locale."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    months = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]

    def label(value, _pos):
        day = mdates.num2date(value)
        return f"{months[day.month - 1]} {day.year}"

    return FuncFormatter(label)

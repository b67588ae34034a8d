"""Charts for the document: the organisation charts of section 4.5 and optional charts from data.

Public API (used by the DOCX writer)::

    org_charts(concept, base_dir) -> list[Chart]     # one per organisation.charts entry with kind or image
    data_charts(concept, base_dir) -> dict[str, Chart]  # "population", "approval_timeline" when asked for

Each :class:`Chart` carries a German title, a German alt text that says what it shows (who is linked to
whom, which numbers) and the width to print it at, and either picture bytes (PNG, or the county's own
JPEG) or, for an organisation chart drawn from the model, the graph that :func:`layout` turns into a
:class:`Diagram` at the printed width. figures.py writes a diagram as native Word shapes (drawingml.py):
rounded rectangles with real, searchable text and connector lines, sharp in print and editable in Word.

The parts, along their seams: :mod:`.chart_graph` builds the graph of an organisation chart from the
model, :mod:`.chart_layout` lays it out in points (our own layout, text measured with Arial's advance
widths), :mod:`.chart_plots` draws the charts from data with matplotlib; this module chooses which charts
a concept asks for, reads the county's own images and checks the limits.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from integconcept.render.chart_graph import _ki_graph, _steering_graph, _graph_alt_text, _Graph, drawable
from integconcept.render.chart_layout import _PT_PER_CM, DEFAULT_WIDTH_CM, Diagram, layout
from integconcept.render.chart_plots import (
    _draw_population,
    _draw_timeline,
    _population_alt,
    _purpose_label,
    _timeline_alt,
)
from integconcept.render.errors import RenderError, read_named_file


#: Beyond these a chart is unreadable at page width; the German error says so.
MAX_DATA_ROWS = 60
MAX_BOXES = 80


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
        assert self.graph is not None, "only an organisation chart drawn from the model has a diagram"
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
        alt = entry.alt_text or (_graph_alt_text(entry.title, graph) if graph else f"Organigramm „{entry.title}“.")
        if entry.image is not None:
            data = _own_image(entry.image, base_dir, f"organisation.charts[{index}].image")
            graph = None
        else:
            assert graph is not None, "without an image, kind is one of the model's two chart kinds"
            if not graph.nodes:
                raise RenderError(
                    f"Das Organigramm „{entry.title}“ (organisation.charts[{index}].kind: {entry.kind}) "
                    "hätte keinen Kasten: das Konzept nennt weder eine Steuerungsgruppe "
                    "(implementation.strategic.steering_group) noch Netzwerke (networks.bodies). Bitte diese angeben, "
                    "„kind“ entfernen oder ein eigenes Bild mit „image“ angeben."
                )
            if len(graph.nodes) > MAX_BOXES:
                raise RenderError(
                    f"Das Organigramm „{entry.title}“ hätte {len(graph.nodes)} Kästen; lesbar sind höchstens "
                    f"{MAX_BOXES}. Bitte ein eigenes Bild mit „image“ angeben (organisation.charts[{index}].image)."
                )
            data = None
        charts.append(Chart(key, drawable(entry.title), drawable(alt), data, DEFAULT_WIDTH_CM, graph))
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
        too_many = (
            f"Das Balkendiagramm der Einwohner kann höchstens {MAX_DATA_ROWS} Zeilen lesbar darstellen, "
            f"die Tabelle hat {len(rows)}. Bitte „preamble.population_table.chart“ entfernen oder ein "
            "eigenes Bild mit „image“ angeben."
        )
        _add_data_chart(
            charts,
            "population",
            table.chart.image,
            base_dir,
            "preamble.population_table.chart.image",
            rows,
            too_many,
            lambda: _draw_population(rows, table.number_style),
            title,
            alt,
        )
    process = concept.approval_process
    if process is not None and process.timeline_chart is not None:
        steps = [(s.date, s.body, _purpose_label(s.purpose)) for s in process.steps if s.date is not None]
        title = process.timeline_chart.title or f"Zeitleiste: {process.title}"
        alt = process.timeline_chart.alt_text or _timeline_alt(title, steps)
        too_many = (
            f"Die Zeitleiste kann höchstens {MAX_DATA_ROWS} Schritte lesbar darstellen, der Ablauf hat "
            f"{len(steps)}. Bitte „approval_process.timeline_chart“ entfernen oder ein eigenes Bild mit "
            "„image“ angeben."
        )
        _add_data_chart(
            charts,
            "approval_timeline",
            process.timeline_chart.image,
            base_dir,
            "approval_process.timeline_chart.image",
            steps,
            too_many,
            lambda: _draw_timeline(steps),
            title,
            alt,
        )
    return charts


def _add_data_chart(
    charts: dict[str, Chart],
    key: str,
    image: str | None,
    base_dir: Path | None,
    where: str,
    items: list,
    too_many: str,
    draw,
    title: str,
    alt: str,
) -> None:
    """One data chart: the concept's own image file, else drawn from ``items`` (refused with ``too_many``
    beyond :data:`MAX_DATA_ROWS`); none where there is nothing to draw."""
    if image is not None:
        data = _own_image(image, base_dir, where)
    elif len(items) > MAX_DATA_ROWS:
        raise RenderError(too_many)
    elif items:
        data = draw()
    else:
        data = None
    if data is not None:
        charts[key] = Chart(key, drawable(title), drawable(alt), data, DEFAULT_WIDTH_CM)


# --------------------------------------------------------------------------- own image files

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def _own_image(name: str, base_dir: Path | None, where: str) -> bytes:
    path = Path(name)
    if not path.is_absolute():
        path = (base_dir or Path(".")) / path
    hint = f"(angegeben in {where})"
    data = read_named_file(
        path,
        MAX_IMAGE_BYTES,
        folder=f"Die Bilddatei „{name}“ {hint} ist ein Ordner. Bitte eine PNG- oder JPEG-Datei angeben.",
        too_big=lambda size: (
            f"Die Bilddatei „{name}“ {hint} ist zu groß ({size // (1024 * 1024)} MB; höchstens "
            f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB). Bitte das Bild verkleinern."
        ),
        missing=(
            f"Die Bilddatei „{name}“ {hint} gibt es nicht (gesucht: {path}). Der Pfad gilt relativ zur "
            "Konzeptdatei; bitte prüfen oder die Angabe „image“ entfernen, dann wird die Grafik erzeugt."
        ),
        unreadable=lambda exc: f"Die Bilddatei „{name}“ {hint} kann nicht gelesen werden ({exc.strerror or exc}).",
    )
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

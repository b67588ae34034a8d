"""K013 bilddatei-fehlt: the check; its cases are in k013_bilddatei_fehlt.yaml beside this file."""

from __future__ import annotations

from pathlib import Path

from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register

#: What render accepts (render/charts.py checks the same before it copies a picture into the document).
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def image_fields(concept):
    """(path, file name) of every own image file the concept names."""
    table = concept.preamble.population_table if concept.preamble else None
    if table is not None and table.chart is not None and table.chart.image:
        yield ("preamble", "population_table", "chart", "image"), table.chart.image
    for index, chart in enumerate(concept.organisation.charts if concept.organisation else []):
        if chart.image:
            yield ("organisation", "charts", index, "image"), chart.image
    process = concept.approval_process
    if process is not None and process.timeline_chart is not None and process.timeline_chart.image:
        yield ("approval_process", "timeline_chart", "image"), process.timeline_chart.image


@register
class ImageFiles(Rule):
    code = "K013"
    modality = Modality.consistency
    name = "bilddatei-fehlt"
    summary = "Eigene Bilddateien (image) gibt es und sie sind PNG- oder JPEG-Bilder."
    severity = Severity.error
    explanation = (
        "Geprüft werden `organisation.charts[].image`, `preamble.population_table.chart.image` und "
        "`approval_process.timeline_chart.image`: der Pfad gilt relativ zum Ordner der Konzeptdatei; die Datei "
        f"muss es geben, sie muss ein PNG- oder JPEG-Bild sein und höchstens {MAX_IMAGE_BYTES // 2**20} MB groß."
    )
    reason = (
        "Sonst bricht `integconcept render` erst bei der Ausgabe ab; die Prüfung zeigt es schon beim "
        "Schreiben, mit Zeile und Spalte."
    )
    fix = (
        "Legen Sie das Bild neben die Konzeptdatei (oder korrigieren Sie den Pfad), speichern Sie es als "
        "PNG oder JPEG, oder entfernen Sie `image`, dann wird die Grafik aus den Angaben gezeichnet."
    )

    def check(self, ctx):
        folder = Path(ctx.file).resolve().parent
        for path, name in image_fields(ctx.concept):
            problem = _image_problem(folder, name)
            if problem:
                yield Problem(
                    path,
                    f"Die Bilddatei „{name}“ {problem}.",
                    "Der Pfad gilt relativ zur Konzeptdatei. Ohne „image“ wird die Grafik aus den Angaben gezeichnet.",
                )


def _image_problem(folder: Path, name: str) -> str | None:
    path = Path(name)
    path = path if path.is_absolute() else folder / path
    try:
        if path.is_dir():
            return "ist ein Ordner"
        if not path.is_file():
            return f"gibt es nicht (gesucht: {path})"
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return f"ist zu groß ({size // 2**20} MB, höchstens {MAX_IMAGE_BYTES // 2**20} MB)"
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return f"kann nicht gelesen werden ({exc.strerror or exc})"
    except ValueError:  # a NUL character or similar in the name
        return "hat einen ungültigen Namen"
    if not head.startswith(_MAGIC):
        return "ist kein PNG- oder JPEG-Bild"
    return None

"""Charts: organisation charts of 4.5 drawn from the model, optional data charts, own image files."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from integconcept.render.charts import Chart, data_charts, org_charts
from integconcept.render.errors import RenderError
from integconcept.validate import validate_file

from .conftest import EXAMPLES, ROOT, UNNA


def unna():
    return validate_file(str(UNNA)).concept


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == "PNG"
        return image.size


def test_unna_has_both_organisation_charts_with_alt_text_naming_the_bodies():
    charts = org_charts(unna(), EXAMPLES)
    assert [c.key for c in charts] == ["organisation-0", "organisation-1"]
    assert all(isinstance(c, Chart) and c.width_cm > 0 for c in charts)
    steering, ki = charts
    assert steering.title.startswith("Strategische Steuerung")
    for name in ("Steuerungsgruppe ‚Kommunale Integration‘",
                 "Netzwerk „Kommunale Integration Kreis Unna“", "ZukunftsdialoK Kreis Unna",
                 "Facharbeitskreise des Kommunalen Integrationszentrums", "Rüdiger Sparbrod",
                 "Regionalen Bildungsbüros"):
        assert name in steering.alt_text
    for name in ("Kommunales Integrationszentrum", "Elementarbereich", "Schule / Beruf", "Kommunale Integration",
                 "187 Kindertageseinrichtungen"):
        assert name in ki.alt_text
    # Unna keeps chair and members of the steering group and the facts about the KI (press reports) for
    # the checks only (not_printed): the charts print no more than the document does
    for name in ("Landrat Michael Makiolla", "FB 50", "RAA Kreis Unna", "Januar 2013"):
        assert name not in steering.alt_text + ki.alt_text
    shown = unna()
    shown.implementation.strategic.steering_group.not_printed = []
    shown.organisation.not_printed = []
    steering, ki = org_charts(shown, EXAMPLES)
    assert "(Vorsitz: Landrat Michael Makiolla; Mitglieder: Dezernenten, Fachbereichsleitungen, Stabsstellen): " \
        "verbunden mit Netzwerk „Kommunale Integration Kreis Unna“" in steering.alt_text
    for name in ("Kreis Unna: darunter FB 50", "Kommunales Integrationszentrum Kreis Unna", "RAA Kreis Unna",
                 "Januar 2013"):
        assert name in ki.alt_text
    for chart in charts:
        width, height = png_size(chart.png)
        assert width > 1000 and height > 200


def test_chart_bytes_are_identical_across_runs():
    first = [c.png for c in org_charts(unna(), EXAMPLES)]
    code = ("import sys, hashlib; from integconcept.validate import validate_file;"
            "from integconcept.render.charts import org_charts; from pathlib import Path;"
            f"c = validate_file({str(UNNA)!r}).concept;"
            f"print(' '.join(hashlib.sha256(x.png).hexdigest() for x in org_charts(c, Path({str(EXAMPLES)!r}))))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    import hashlib

    assert other.stdout.split() == [hashlib.sha256(x).hexdigest() for x in first]
    # no time stamp or software chunk in the PNG
    for data in first:
        assert b"tIME" not in data and b"Software" not in data and b"matplotlib" not in data


def test_charts_follow_the_model():
    concept = unna()
    concept.organisation.not_printed = []  # Unna keeps the attachment for the checks only
    before = org_charts(concept, EXAMPLES)
    concept.networks.bodies[1].name = "Regionaler Integrationsdialog"
    concept.organisation.attachment = "Fachbereich 40"
    after = org_charts(concept, EXAMPLES)
    assert before[0].png != after[0].png and before[1].png != after[1].png
    assert "Regionaler Integrationsdialog" in after[0].alt_text
    assert "ZukunftsdialoK" not in after[0].alt_text
    assert "Kreis Unna: darunter Fachbereich 40" in after[1].alt_text


def test_explicit_links_are_drawn_and_described():
    concept = unna()
    concept.implementation.strategic.steering_group.not_printed = []  # print chair, members and KI name
    concept.organisation.not_printed = []
    bodies = concept.networks.bodies
    bodies[0].linked_to = ["steuerungsgruppe", "zukunftsdialog"]
    bodies[2].linked_to = ["ki"]
    steering = org_charts(concept, EXAMPLES)[0]
    text = steering.alt_text
    assert "Netzwerk „Kommunale Integration Kreis Unna“" in text
    assert "Migrantenorganisationen): verbunden mit Steuerungsgruppe ‚Kommunale Integration‘ (Vorsitz" in text
    assert "Stabsstellen) und ZukunftsdialoK Kreis Unna." in text
    assert "Facharbeitskreise des Kommunalen Integrationszentrums: verbunden mit " \
        "Kommunales Integrationszentrum Kreis Unna." in text
    default = org_charts(unna(), EXAMPLES)[0]
    assert default.png != steering.png


def test_entry_without_kind_or_image_has_no_picture():
    concept = unna()
    concept.organisation.charts[0].kind = None
    assert [c.key for c in org_charts(concept, EXAMPLES)] == ["organisation-1"]


def test_own_image_file_is_used(tmp_path):
    image = Image.new("RGB", (40, 20), (200, 10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    (tmp_path / "bilder").mkdir()
    (tmp_path / "bilder" / "steuerung.png").write_bytes(buffer.getvalue())
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG")
    (tmp_path / "zeit.jpg").write_bytes(jpeg.getvalue())
    concept = unna()
    concept.organisation.charts[0].image = "bilder/steuerung.png"
    concept.organisation.charts[0].alt_text = "Eigenes Organigramm der Steuerung."
    charts = org_charts(concept, tmp_path)
    assert charts[0].png == buffer.getvalue()
    assert charts[0].alt_text == "Eigenes Organigramm der Steuerung."
    process = concept.approval_process
    process.timeline_chart = type(process).model_fields["timeline_chart"].annotation.__args__[0](image="zeit.jpg")
    assert data_charts(concept, tmp_path)["approval_timeline"].png == jpeg.getvalue()


@pytest.mark.parametrize("content, expected", [
    (None, "gibt es nicht"),
    (b"GIF89a not a png", "kein PNG- oder JPEG-Bild"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "beschädigt"),
])
def test_bad_own_image_gets_a_german_message(tmp_path, content, expected):
    if content is not None:
        (tmp_path / "org.png").write_bytes(content)
    concept = unna()
    concept.organisation.charts[1].image = "org.png"
    with pytest.raises(RenderError) as caught:
        org_charts(concept, tmp_path)
    assert expected in caught.value.message
    assert "org.png" in caught.value.message and "organisation.charts[1].image" in caught.value.message


def test_data_charts_only_when_asked():
    concept = unna()
    assert data_charts(concept) == {}
    table = concept.preamble.population_table
    table.chart = type(table).model_fields["chart"].annotation.__args__[0]()
    process = concept.approval_process
    process.timeline_chart = type(process).model_fields["timeline_chart"].annotation.__args__[0]()
    charts = data_charts(concept)
    assert set(charts) == {"population", "approval_timeline"}
    assert "Bergkamen: 49.011" in charts["population"].alt_text or "Bergkamen: 49" in charts["population"].alt_text
    assert "Lünen" in charts["population"].alt_text
    timeline = charts["approval_timeline"].alt_text
    assert "30. Oktober 2012: Kreistag (Beschlussfassung)" in timeline
    assert "Anfang November 2012: Land NRW (Antrag)" in timeline
    for chart in charts.values():
        png_size(chart.png)
    again = data_charts(concept)
    assert {k: c.png for k, c in again.items()} == {k: c.png for k, c in charts.items()}
    table.rows[0].total = 99999
    assert data_charts(concept)["population"].png != charts["population"].png


def test_validate_never_imports_the_chart_library():
    code = ("import sys; from integconcept.cli import main; sys.argv=['integconcept','validate',%r];\n"
            "try:\n    main()\nexcept SystemExit: pass\n"
            "print('HEAVY', [m for m in ('matplotlib','PIL','integconcept.render.charts') if m in sys.modules])"
            ) % str(UNNA)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out


def test_odd_text_many_bodies_and_edge_dates_give_charts_or_a_german_message():
    import datetime as dt

    from integconcept.dates import VagueDate

    concept = unna()
    bodies = concept.networks.bodies
    template = bodies[1]
    odd = ["Kosten $x^2$ \\frac{1}{2}", "Steuer\ud800gruppe\x01\x0b", "W" * 100_000, "‚Zitat‘ „x“ – Ä"]
    for index in range(24):
        bodies.append(template.model_copy(update={"id": f"netz-{index}", "name": odd[index % 4] + f" {index}"}))
    concept.implementation.strategic.steering_group.name = "$\\alpha$ Steuerung_" + "x" * 5000
    steps = concept.approval_process.steps
    steps[0].date = VagueDate.day(dt.date(1, 1, 1))
    steps[-1].date = VagueDate.day(dt.date(9999, 12, 31))
    table = concept.preamble.population_table
    table.chart = type(table).model_fields["chart"].annotation.__args__[0]()
    table.rows[0].name = "Berg$kamen$"
    table.rows[1].name = table.rows[2].name  # equal names are two bars
    concept.approval_process.timeline_chart = type(table.chart)()
    import time

    start = time.monotonic()
    charts = org_charts(concept, EXAMPLES) + list(data_charts(concept).values())
    assert time.monotonic() - start < 30
    for chart in charts:
        width, height = png_size(chart.png)
        assert width < 4000 and height < 30000
    assert "netz-3" not in charts[0].alt_text and "Kosten $x^2$ \\frac{1}{2} 0" in charts[0].alt_text
    for chart in charts:  # safe for XML (the DOCX) and for the terminal
        assert not any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in chart.alt_text + chart.title)
    many = [r.model_copy(update={"name": f"Ort {i}"}) for i, r in enumerate(table.rows * 7)]
    table.rows = many
    with pytest.raises(RenderError) as caught:
        data_charts(concept)
    assert "höchstens 60 Zeilen" in caught.value.message

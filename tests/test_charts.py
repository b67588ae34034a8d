"""Charts: organisation charts of 4.5 drawn from the model, optional data charts, own image files."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from integconcept.render.charts import Chart, data_charts, org_charts
from integconcept.render.errors import RenderError
from integconcept.commands.validate import validate_file

from .conftest import EXAMPLES, ROOT, UNNA


def unna():
    return validate_file(str(UNNA)).concept


def box_texts(chart) -> str:
    return " | ".join(paragraph.text for box in chart.diagram().boxes for paragraph in box.paragraphs)


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
    for name in (
        "Steuerungsgruppe ‚Kommunale Integration‘",
        "Netzwerk „Kommunale Integration Kreis Unna“",
        "ZukunftsdialoK Kreis Unna",
        "Facharbeitskreise des Kommunalen Integrationszentrums",
        "Rüdiger Sparbrod",
        "Regionalen Bildungsbüros",
    ):
        assert name in steering.alt_text
    for name in (
        "Kommunales Integrationszentrum",
        "Elementarbereich",
        "Schule / Beruf",
        "Kommunale Integration",
        "187 Kindertageseinrichtungen",
    ):
        assert name in ki.alt_text
    # Unna keeps chair and members of the steering group and the facts about the KI (press reports) for
    # the checks only (not_printed): the charts print no more than the document does
    for name in ("Landrat Michael Makiolla", "FB 50", "RAA Kreis Unna", "Januar 2013"):
        assert name not in steering.alt_text + ki.alt_text
    shown = unna()
    shown.implementation.strategic.steering_group.not_printed = []
    shown.organisation.not_printed = []
    steering, ki = org_charts(shown, EXAMPLES)
    assert (
        "(Vorsitz: Landrat Michael Makiolla; Mitglieder: Dezernenten, Fachbereichsleitungen, Stabsstellen): "
        "verbunden mit Netzwerk „Kommunale Integration Kreis Unna“" in steering.alt_text
    )
    for name in (
        "Kreis Unna: darunter FB 50",
        "Kommunales Integrationszentrum Kreis Unna",
        "RAA Kreis Unna",
        "Januar 2013",
    ):
        assert name in ki.alt_text
    for chart in charts:  # drawn from the model: native shapes, no picture
        assert chart.png is None
    # one box per body, connectors as the links say (steering group to each body; the KI's hierarchy)
    steering, ki = (chart.diagram() for chart in charts)
    assert len(steering.boxes) == 4 and len(steering.connectors) == 3
    assert len(ki.boxes) == 10 and len(ki.connectors) == 9


def _drawing_xml(chart) -> bytes:
    from lxml import etree

    from integconcept.render.drawingml import chart_drawing

    return etree.tostring(
        chart_drawing(chart.diagram(), shape_id=10, name="x", title=chart.title, descr=chart.alt_text)
    )


def test_drawings_are_identical_across_runs():
    import hashlib

    first = [hashlib.sha256(_drawing_xml(c)).hexdigest() for c in org_charts(unna(), EXAMPLES)]
    code = (
        "from integconcept.commands.validate import validate_file; from pathlib import Path; import hashlib;"
        "from integconcept.render.charts import org_charts; from tests.test_charts import _drawing_xml;"
        f"c = validate_file({str(UNNA)!r}).concept;"
        f"print(' '.join(hashlib.sha256(_drawing_xml(x)).hexdigest() for x in org_charts(c, Path({str(EXAMPLES)!r}))))"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert other.stdout.split() == first


def test_charts_follow_the_model():
    concept = unna()
    concept.organisation.not_printed = []  # Unna keeps the attachment for the checks only
    before = org_charts(concept, EXAMPLES)
    concept.networks.bodies[1].name = "Regionaler Integrationsdialog"
    concept.organisation.attachment = "Fachbereich 40"
    after = org_charts(concept, EXAMPLES)
    assert box_texts(before[0]) != box_texts(after[0]) and box_texts(before[1]) != box_texts(after[1])
    assert "Regionaler Integrationsdialog" in box_texts(after[0])
    assert "Fachbereich 40" in box_texts(after[1]) and "Fachbereich 40" not in box_texts(before[1])
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
    assert (
        "Facharbeitskreise des Kommunalen Integrationszentrums: verbunden mit "
        "Kommunales Integrationszentrum Kreis Unna." in text
    )
    default = org_charts(unna(), EXAMPLES)[0]
    assert len(default.diagram().connectors) == 3  # steering group to each body
    assert len(steering.diagram().connectors) == 3  # network to group and dialogue, working groups to KI
    assert len(steering.diagram().boxes) == len(default.diagram().boxes) + 1  # the KI is drawn


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


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "gibt es nicht"),
        (b"GIF89a not a png", "kein PNG- oder JPEG-Bild"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "beschädigt"),
    ],
)
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
    code = (
        "import sys; from integconcept.cli.app import main; sys.argv=['integconcept','validate',%r];\n"
        "try:\n    main()\nexcept SystemExit: pass\n"
        "print('HEAVY', [m for m in ('matplotlib','PIL','integconcept.render.charts') if m in sys.modules])"
    ) % str(UNNA)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out


def test_odd_text_many_bodies_and_edge_dates_give_charts_or_a_german_message():
    import datetime as dt

    from integconcept.document.dates import VagueDate

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
    charts = org_charts(concept, EXAMPLES) + list(data_charts(concept).values())
    for chart in charts:
        if chart.png is not None:
            width, height = png_size(chart.png)
            assert width < 4000 and height < 30000
    steering = charts[0].diagram()
    assert len(steering.boxes) == 28 and steering.height < 2000
    assert_text_fits(steering)
    giant = next(box for box in steering.boxes if box.paragraphs[0].text.startswith("WWW"))
    assert giant.paragraphs[0].text.replace("\u00ad", "").endswith("W…")  # cut, the alt text keeps all
    assert "netz-3" not in charts[0].alt_text and "Kosten $x^2$ \\frac{1}{2} 0" in charts[0].alt_text
    for chart in charts:  # safe for XML (the DOCX) and for the terminal
        assert not any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in chart.alt_text + chart.title)
    many = [r.model_copy(update={"name": f"Ort {i}"}) for i, r in enumerate(table.rows * 7)]
    table.rows = many
    with pytest.raises(RenderError) as caught:
        data_charts(concept)
    assert "höchstens 60 Zeilen" in caught.value.message


def assert_text_fits(diagram) -> None:
    """Every line we wrapped fits its box by the measured width, and the box is tall enough for its lines."""
    from integconcept.render.chart_layout import _TEXT_INSET, _measure

    for box in diagram.boxes:
        assert 0 <= box.x and box.x + box.w <= diagram.width + 0.01 and box.y + box.h <= diagram.height
        needed = 2 * _TEXT_INSET
        for paragraph in box.paragraphs:
            needed += paragraph.leading * len(paragraph.lines)
            for line, broken in zip(paragraph.lines, paragraph.broken):
                assert (
                    _measure(line + ("-" if broken else ""), paragraph.size, paragraph.bold) <= box.w - 2 * _TEXT_INSET
                ), line
        assert box.h >= needed


def test_unna_boxes_hold_their_text_at_every_printed_width():
    for chart in org_charts(unna(), EXAMPLES):
        for width_cm in (16.0, 14.0, 12.0):
            assert_text_fits(chart.diagram(width_cm))
    narrow = org_charts(unna(), EXAMPLES)[0].diagram(12.0)
    wide = org_charts(unna(), EXAMPLES)[0].diagram(16.0)
    assert narrow.width < wide.width and narrow.height > wide.height  # narrower boxes wrap into more lines


def test_long_word_is_broken_with_a_soft_hyphen():
    from integconcept.render.chart_layout import _wrap

    lines = _wrap("Integrationsleitzielvereinbarungsfortschreibung gilt", 60.0, 8.0, True)
    assert len(lines) > 2 and all(broken for _, broken in lines[:-1]) and lines[-1][1] is False
    assert "".join(line for line, _ in lines) == "Integrationsleitzielvereinbarungsfortschreibung gilt"


def test_width_table_equals_the_helvetica_metrics_it_was_made_from():
    pytest.importorskip("matplotlib")
    pytest.importorskip("fontTools")
    import importlib.util

    from integconcept.render import font_widths

    spec = importlib.util.spec_from_file_location("make_font_widths", ROOT / "tools" / "make_font_widths.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert font_widths.REGULAR == tool.afm_widths("phvr8a.afm")
    assert font_widths.BOLD == tool.afm_widths("phvb8a.afm")
    # what German text needs is in the table; unknown characters are measured wide, accents as their letter
    for ch in "äöüÄÖÜß„“‚‘–…€"[:-1]:
        assert ord(ch) in font_widths.REGULAR and ord(ch) in font_widths.BOLD
    from integconcept.render.chart_layout import _FALLBACK_WIDTH, _char_width

    assert _char_width("€", False) == _FALLBACK_WIDTH and _char_width("ş", True) == _char_width("s", True)
    assert _char_width("\u00ad", False) == 0


def test_render_does_not_import_matplotlib_for_organisation_charts(tmp_path):
    code = (
        "import sys; from integconcept.cli.app import main;"
        f"sys.argv=['integconcept','render',{str(UNNA)!r},'-o',{str(tmp_path / 'u.docx')!r}];\n"
        "try:\n    main()\nexcept SystemExit: pass\n"
        "print('HEAVY', [m for m in ('matplotlib', 'fontTools') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert (tmp_path / "u.docx").exists(), out.stderr
    assert "HEAVY []" in out.stdout


def test_chart_text_is_escaped_as_the_standard_library_escapes_it():
    """drawingml writes box texts and the name, title and alt text of a chart (and render --pdf its macro) with
    core.safe_text's xml_escape and xml_quoteattr (xml.sax.saxutils imports urllib, http, ssl and email at every
    start of render): the same text as the standard library's for every mix of the characters that matter."""
    import itertools
    from xml.sax import saxutils

    from integconcept.core.safe_text import xml_escape as escape, xml_quoteattr as quoteattr

    for length in range(4):
        for chars in itertools.product(["a", "&", "<", ">", '"', "'", "\n", "\r", "\t", "ä", "&amp;"], repeat=length):
            text = "".join(chars)
            assert escape(text) == saxutils.escape(text) and quoteattr(text) == saxutils.quoteattr(text), text


def test_steering_chart_without_group_or_networks_gets_a_german_message():
    concept = unna()
    concept.implementation.strategic.steering_group = None
    concept.networks.bodies = []
    with pytest.raises(RenderError) as caught:
        org_charts(concept, EXAMPLES)
    message = caught.value.message
    assert "organisation.charts[0].kind: steering" in message and "hätte keinen Kasten" in message
    assert "networks.bodies" in message


def test_a_narrow_chart_is_as_wide_as_its_boxes():
    """LibreOffice stretches a group to its shapes: the diagram must have no empty margin of its own."""
    concept = unna()
    concept.ki_tasks.groups = []
    concept.implementation.operational.institutions = []
    diagram = org_charts(concept, EXAMPLES)[1].diagram()  # Kreis Unna → KI, one box per row
    left = min(box.x for box in diagram.boxes)
    right = max(box.x + box.w for box in diagram.boxes)
    assert left == 0 and abs(right - diagram.width) < 1e-6 and diagram.width < 0.7 * 16 / 2.54 * 72
    assert min(box.y for box in diagram.boxes) == 0
    assert abs(max(box.y + box.h for box in diagram.boxes) - diagram.height) < 1e-6


def test_wrap_breaks_only_where_word_and_libreoffice_may():
    """No break before "/", ",", ")" … even after a space, none after an opening „ or ( (UAX #14)."""
    from integconcept.render.chart_layout import _words, _wrap

    assert _words("Demokratieförderung & Antirassismuarbeit / Mädchen & Frauen") == [
        "Demokratieförderung",
        "&",
        "Antirassismuarbeit /",
        "Mädchen",
        "&",
        "Frauen",
    ]
    assert _words("Schule ( Sek. I ) , Beruf „ Start") == ["Schule", "( Sek.", "I ) ,", "Beruf", "„ Start"]
    lines = [line for line, _ in _wrap("& Antirassismuarbeit / Mädchen", 80.0, 8.0, True)]
    assert lines == ["&", "Antirassismuarbeit /", "Mädchen"]

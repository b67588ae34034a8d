"""The HTML preview (render/html.py) shows what the Word document prints: chapters in the same order and
numbering, the population table as printed, markup, footnotes, the organisation charts as SVG, the
draft marking – and nothing the document does not print."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, UNNA

RICH = ROOT / "tests" / "data" / "render-rich.yaml"
ALL = sorted(EXAMPLES.glob("*.yaml")) + [RICH]
SVG = "{http://www.w3.org/2000/svg}"


def _concept(path: Path):
    from integconcept.commands.validate import validate_file

    result = validate_file(str(path))
    assert result.concept is not None
    return result.concept


def _html(concept, **options) -> str:
    from integconcept.render.html import concept_html

    return concept_html(concept, **options)


def _tree(fragment: str) -> ET.Element:
    """The fragment parsed as XML: it must be well-formed (no stray tags, everything escaped)."""
    return ET.fromstring(fragment)


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _headings(root: ET.Element) -> list[str]:
    """The document's headings in order ("3.2 Aktuelle operative Umsetzungen"), the cover title left out."""
    out = []
    for element in root.iter():
        if element.tag in ("h2", "h3", "h4", "h5"):
            out.append(" ".join(_text(element).split()))
    return out


@pytest.fixture(scope="module")
def unna_concept():
    return _concept(UNNA)


@pytest.fixture(scope="module")
def unna_html(unna_concept) -> str:
    return _html(unna_concept, base_dir=UNNA.parent)


@pytest.fixture(scope="module")
def unna_docx(unna_concept):
    from integconcept.render import render_concept

    return render_concept(unna_concept, base_dir=UNNA.parent)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_headings_in_the_order_and_numbering_of_the_word_document(path):
    """Every heading the DOCX writes (numbered chapters and unnumbered sub-headings), in its order, with
    its number – for every example and the rich test file (drafts with their open chapters included)."""
    from integconcept.render import render_concept

    concept = _concept(path)
    docx_headings = [f"{h.number} {h.text}".strip() for h in render_concept(concept, base_dir=path.parent).headings]
    html = _html(concept, base_dir=path.parent)
    assert _headings(_tree(html)) == [" ".join(h.split()) for h in docx_headings]


def test_unna_chapter_headings_read_from_the_docx_file(unna_html, unna_docx):
    """The level-1 headings as python-docx reads them from the rendered file, in that order."""
    import docx

    document = docx.Document(io.BytesIO(unna_docx.data))
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert chapters[:5] == [
        "Präambel",
        "Integrationsleitziele Kreis Unna",
        "Umsetzung des Kreistagsbeschlusses",
        "Anpassung / Modifizierung an das neue Teilhabe- und Integrationsgesetz",
        "Informations- und Abstimmungsprozess",
    ]
    root = _tree(unna_html)
    html_chapters = [re.sub(r"^\d+\.\s*", "", " ".join(_text(h).split())) for h in root.iter("h2")]
    assert html_chapters == chapters


def test_unna_population_table_as_printed_in_the_docx(unna_html, unna_docx):
    import docx

    document = docx.Document(io.BytesIO(unna_docx.data))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Kommune")
    docx_rows = [[cell.text for cell in row.cells] for row in table.rows]
    root = _tree(unna_html)
    html_table = next(t for t in root.iter("table") if "ic-population" in t.get("class", ""))
    html_rows = [[_text(cell) for cell in row] for row in html_table.iter("tr")]
    assert html_rows == docx_rows
    # German formatting: the file's thin-space thousands and decimal commas
    assert [
        "Bergkamen",
        "49\u202f011",
        "36\u202f620",
        "12\u202f390",
        "25,3\u00a0%",
        "4\u202f250",
        "8,7\u00a0%",
    ] in html_rows
    assert html_rows[-1][0] == "Kreis Unna"
    total_row = [row for row in html_table.iter("tr")][-1]
    assert "ic-total" in total_row.get("class", "")


def test_nothing_the_document_does_not_print(unna_html, unna_concept):
    text = _text(_tree(unna_html))
    markup_only = re.sub(r"<[^>]+>", " ", unna_html)
    # ids of steps, goals, task areas and networks appear nowhere, not even in attributes
    process = unna_concept.approval_process
    ids = [step.id for step in process.steps] + [goal.id for goal in unna_concept.guiding_goals.goals]
    ids += [body.id for body in unna_concept.networks.bodies]
    for identifier in ids:
        if "-" in identifier:  # one-word ids like "kreistag" are words of the text as well
            assert identifier not in unna_html, identifier
    assert ' id="' not in unna_html
    # fields listed in not_printed
    assert "Federführung: " not in text  # operational.lead_institution (its name is only in the prose)
    assert "Vorsitz: Landrat" not in text  # steering_group.chair
    assert "zweier vom Land finanzierter Lehrerstellen" not in text  # staffing.posts
    assert "170 000 Euro" not in text and "Personal und Finanzierung" not in text
    assert "Stand:" not in text  # population_table.reference_date
    # no English keys or internal values
    for internal in ("approval_process", "body_kind", "not_printed", "county_administration", "None"):
        assert internal not in markup_only, internal


def test_markup_bold_italic_line_breaks_lists_and_footnotes(unna_concept):
    preamble = unna_concept.preamble.model_copy(
        update={
            "intro": "Ein **fetter** und ein *kursiver* Teil.^[Quelle: Zensus 2011.] Weiter\\\nneue Zeile.\n\n"
            "- erster Punkt\n  - eingerückt mit ^[Zweite Fußnote]\n- zweiter <Punkt> & mehr",
        }
    )
    concept = unna_concept.model_copy(update={"preamble": preamble})
    html = _html(concept)
    root = _tree(html)
    assert "<strong>fetter</strong>" in html and "<em>kursiver</em>" in html
    assert "Weiter<br/>neue Zeile." in html
    refs = [element for element in root.iter("sup") if "ic-fnref" in element.get("class", "")]
    assert [ref.text for ref in refs] == ["1", "2", "3"]  # Unna's own footnote (in 2.) is the third
    notes = next(element for element in root.iter("section") if element.get("class") == "ic-footnotes")
    assert [_text(item) for item in notes.iter("li")][:2] == ["Quelle: Zensus 2011.", "Zweite Fußnote"]
    nested = [ul for ul in root.iter("ul") if any(child.tag == "ul" for li in ul for child in li)]
    assert nested, "the indented item is a nested list"
    assert "zweiter &lt;Punkt&gt; &amp; mehr" in html  # text is escaped, never markup


def test_organisation_charts_are_inline_svg_of_the_shared_layout(unna_html, unna_concept):
    from integconcept.render.charts import org_charts
    from integconcept.render.html import TEXT_WIDTH_CM

    root = _tree(unna_html)
    svgs = list(root.iter(f"{SVG}svg"))
    charts = org_charts(unna_concept, UNNA.parent)
    assert len(svgs) == len(charts) == 2
    for svg, chart in zip(svgs, charts):
        assert svg.get("role") == "img" and svg.get("aria-label") == chart.alt_text
        assert svg.find(f"{SVG}title").text == chart.title
        diagram = chart.diagram(TEXT_WIDTH_CM)
        assert len(svg.findall(f".//{SVG}rect")) == len(diagram.boxes)
        assert len(svg.findall(f".//{SVG}polyline")) == len(diagram.connectors)
        shown = " ".join(t.text for t in svg.iter(f"{SVG}tspan"))
        for box in diagram.boxes:
            assert box.paragraphs[0].lines[0] in shown
    # the note under the second chart and the marked caption, as in the DOCX
    text = _text(root)
    assert "Anbindung und Aufgabenorganisation des Kommunalen Integrationszentrums Kreis Unna *" in text
    assert "* Je nach Schwerpunktsetzung" in text


def test_ki_matrix_groups_areas_and_aspects(unna_html, unna_concept):
    root = _tree(unna_html)
    matrices = [t for t in root.iter("table") if "ic-matrix" in t.get("class", "")]
    groups = [g for g in unna_concept.ki_tasks.groups]
    assert len(matrices) == len(groups)
    for table, group in zip(matrices, groups):
        header = table.find("thead")
        assert _text(header.find("tr")) == group.name
        assert [_text(th) for th in list(header)[1]] == [area.name for area in group.areas]
        body = _text(table.find("tbody"))
        assert "Themen-/Arbeitsschwerpunkte:" in body


def test_draft_watermark_follows_the_status_like_the_document(unna_concept):
    adopted = _html(unna_concept)
    assert "ic-draft" not in adopted and "ENTWURF" not in adopted
    draft = _html(unna_concept, draft=True)
    root = _tree(draft)
    assert "ic-draft" in root.get("class").split()
    assert any(_text(element) == "ENTWURF" for element in root.iter())
    # a draft concept is shown as a draft without being told; its open chapters as in the DOCX
    siegen = _concept(EXAMPLES / "kreis-siegen-wittgenstein-2013.yaml")
    html = _html(siegen)
    assert 'class="ic-doc ic-draft"' in html and "(noch offen)" in html


def test_a_missing_chart_image_is_named_in_the_preview_not_a_crash(unna_concept, tmp_path):
    organisation = unna_concept.organisation
    charts = [organisation.charts[0].model_copy(update={"image": "fehlt.png", "kind": None})]
    concept = unna_concept.model_copy(update={"organisation": organisation.model_copy(update={"charts": charts})})
    html = _html(concept, base_dir=tmp_path)
    assert "ic-problem" in html and "fehlt.png" in html
    assert "Präambel" in html


def test_the_same_concept_gives_the_same_html(unna_concept):
    assert _html(unna_concept) == _html(unna_concept)


def test_preview_css_is_package_data():
    from importlib import resources

    from integconcept.render.html import preview_css

    css = preview_css()
    assert ".ic-doc" in css and "Liberation Sans" in css
    assert resources.files("integconcept.render").joinpath("preview.css").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"integconcept.render" = ["*.css"]' in pyproject


def _words(root: ET.Element) -> str:
    """The text of the HTML as one line: blocks and line breaks as spaces, footnote marks left out."""
    parts: list[str] = []

    blocks = ("br", "p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5")

    def walk(element):
        if "ic-fnref" in (element.get("class") or "") or element.tag.startswith(SVG):
            parts.append(element.tail or "")
            return
        block = element.tag in blocks
        parts.append(" " if block else "")
        parts.append(element.text or "")
        for child in element:
            walk(child)
        parts.append(" " if block else "")
        parts.append(element.tail or "")

    walk(root)
    return _normal("".join(parts))


def _normal(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    return " ".join(text.split())


def _docx_paragraphs(document) -> list[str]:
    """Every paragraph python-docx reads in the body, in table cells too (footnote marks are not text)."""
    out = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(document.tables)
    return [_normal(text) for text in out if _normal(text)]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_every_paragraph_of_the_docx_is_in_the_preview(path):
    """What the Word document prints, paragraph by paragraph (title page, contents, chapters, tables,
    the KI matrix, the steps), is in the preview's text, and the preview prints nothing else: what is left
    after taking out every paragraph of the document are the heading numbers (Word numbers headings
    through its list numbering, which is not paragraph text) and the draft's "Entwurf" marks."""
    import docx

    from integconcept.render import render_concept

    concept = _concept(path)
    document = docx.Document(io.BytesIO(render_concept(concept, base_dir=path.parent).data))
    paragraphs = _docx_paragraphs(document)
    root = _tree(_html(concept, base_dir=path.parent))
    for parent in root.iter():  # footnotes are in the document's footnote part, tested above
        for child in list(parent):
            if child.get("class") == "ic-footnotes":
                parent.remove(child)
    text = _words(root)
    missing = [p for p in paragraphs if p not in text]
    assert not missing, missing[:5]
    rest = text
    for paragraph in sorted(paragraphs, key=len, reverse=True):
        rest = rest.replace(paragraph, " ", 1)
    leftover = [word for word in rest.split() if not re.fullmatch(r"(\d+(\.\d+)*\.?|\.|ENTWURF|Entwurf)", word)]
    assert not leftover, leftover[:10]


def test_control_characters_and_lone_surrogates_cannot_break_the_preview(unna_concept):
    preamble = unna_concept.preamble.model_copy(update={"intro": "Vor\x01her und \ud800 danach"})
    html = _html(unna_concept.model_copy(update={"preamble": preamble}))
    html.encode("utf-8")
    assert "Vorher und \ufffd danach" in _text(_tree(html))  # as the Word document (safe_text.for_xml)


def test_an_image_outside_the_concept_folder_is_never_read(unna_concept, tmp_path, monkeypatch):
    """The studio reads no file outside the concept's folder: a chart image named by an absolute path or
    by "../" is left out of the preview with a German note; one inside the folder is shown."""
    import base64

    from integconcept.render import charts as charts_module

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    folder = tmp_path / "konzept"
    folder.mkdir()
    (folder / "eigen.png").write_bytes(png)
    (tmp_path / "fremd.png").write_bytes(png)
    read = []
    original = charts_module._own_image
    monkeypatch.setattr(
        charts_module, "_own_image", lambda name, base, where: read.append(name) or original(name, base, where)
    )
    organisation = unna_concept.organisation
    charts = [
        organisation.charts[0].model_copy(update={"image": str(tmp_path / "fremd.png")}),
        organisation.charts[1].model_copy(update={"image": "../fremd.png"}),
        organisation.charts[1].model_copy(update={"image": "eigen.png", "title": "Eigenes Bild"}),
    ]
    concept = unna_concept.model_copy(update={"organisation": organisation.model_copy(update={"charts": charts})})
    html = _html(concept, base_dir=folder)
    assert read == ["eigen.png"]
    root = _tree(html)
    notes = [_text(p) for p in root.iter("p") if p.get("class") == "ic-problem"]
    assert len(notes) == 2 and "fremd.png" in notes[0] and "nicht im Ordner der Konzeptdatei" in notes[0]
    assert "der Übersicht „Anbindung und Aufgabenorganisation" in notes[1]
    images = [img for img in root.iter("img")]
    assert len(images) == 1 and images[0].get("src").startswith("data:image/png;base64,")
    # without the folder no file is read at all
    read.clear()
    _html(concept)
    assert read == []

"""integconcept render: the Word document read back, as a reviewer would check it."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from .conftest import MINIMAL
from .render_helpers import NS, RICH, part, q, tables, text_of, numbered_headings

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def rich_docx(tmp_path_factory) -> bytes:
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("render") / "rich.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(RICH), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Word-Dokument geschrieben" in result.stdout
    return out.read_bytes()


def test_headings_numbered_by_a_real_multilevel_list_in_seed_order(rich_docx):
    assert numbered_headings(rich_docx) == [
        "1. Präambel",
        "2. Integrationsleitziele Kreis Beispiel",
        "3. Umsetzung des Kreistagsbeschlusses",
        "3.1 Strategische Umsetzung",
        "3.2 Aktuelle operative Umsetzungen",
        "3.3 Aufgabenstellung des Kommunalen Integrationszentrums",
        "4. Anpassung an § 7 des Gesetzes",
        "4.1 Einrichtung eines Netzwerks ‚Kommunale Integration‘",
        "4.2 Einbindung in den Zukunftsdialog",
        "4.3 Weiterentwicklung der Querschnittsaufgabe Integration",
        "4.4 Übersicht Strategische Steuerung und Aufgabenorganisation",
        "5. Informations- und Abstimmungsprozess",
        "6. Personal und Finanzierung",
    ]
    # the numbers are not typed into the heading text
    document = part(rich_docx, "word/document.xml")
    assert not any(
        re.match(r"^\d", text_of(p))
        for p in document.iter(q("p"))
        if (s := p.find("w:pPr/w:pStyle", NS)) is not None and s.get(q("val")).startswith("Heading")
    )


def test_population_table_every_row_in_german_format(rich_docx):
    population = next(t for t in tables(rich_docx) if t[0][0] == "Kommune")
    assert population == [
        # a short last word is bound to the one before it: headings wrap at words, "%" never alone
        [
            "Kommune",
            "Insgesamt",
            f"Personen ohne{NBSP}MH",
            f"Personen mit{NBSP}MH",
            f"MH in{NBSP}%",
            "Ausländer",
            f"Ausländer in{NBSP}%",
        ],
        ["Bergkamen", f"49{NNBSP}011", f"36{NNBSP}620", f"12{NNBSP}390", f"25,3{NBSP}%", f"4{NNBSP}250", f"8,7{NBSP}%"],
        # Bönen has counts only: 4150/18018 = 23.03 %, 1520/18018 = 8.44 %
        ["Bönen", f"18{NNBSP}018", f"13{NNBSP}820", f"4{NNBSP}150", f"23,0{NBSP}%", f"1{NNBSP}520", f"8,4{NBSP}%"],
        [
            "Kreis Beispiel",
            f"67{NNBSP}029",
            f"50{NNBSP}440",
            f"16{NNBSP}540",
            f"24,7{NBSP}%",
            f"5{NNBSP}770",
            f"8,6{NBSP}%",
        ],
    ]
    document = part(rich_docx, "word/document.xml")
    tbl = next(t for t in document.iter(q("tbl")) if text_of(t).startswith("Kommune"))
    first_row = tbl.find("w:tr", NS)
    assert first_row.find("w:trPr/w:tblHeader", NS) is not None, "header row must repeat on every page"
    body = text_of(document)
    assert "Quelle: Zensus 2011 / IT NRW, Stand: 9. Mai 2011" in body


def test_dot_number_style_and_percent_decimals(tmp_path, run_cli):
    source = RICH.read_text(encoding="utf-8").replace(
        "number_style: thin_space", "number_style: dot\n    percent_decimals: 2"
    )
    concept = tmp_path / "dot.yaml"
    concept.write_text(source, encoding="utf-8")
    out = tmp_path / "dot.docx"
    assert run_cli("render", str(concept), "-o", str(out)).returncode == 0
    population = next(t for t in tables(out.read_bytes()) if t[0][0] == "Kommune")
    assert population[1][:2] == ["Bergkamen", "49.011"]
    assert population[1][4] == f"25,30{NBSP}%"  # given by the author, printed with two decimals
    assert population[2][4] == f"23,03{NBSP}%"  # computed from the counts


def test_lists_are_real_word_numbering_not_typed_characters(rich_docx):
    document = part(rich_docx, "word/document.xml")
    paragraphs = {text_of(p): p for p in document.iter(q("p"))}
    sub = paragraphs["Unterpunkt eins"]
    assert sub.find("w:pPr/w:numPr/w:ilvl", NS).get(q("val")) == "1"
    top = paragraphs["Das neue Zuwanderungsgesetz: Es trat am 01.01.2005 in Kraft."]
    assert top.find("w:pPr/w:numPr/w:ilvl", NS).get(q("val")) == "0"
    bold = [r for r in top.iterfind("w:r", NS) if r.find("w:rPr/w:b", NS) is not None]
    assert text_of(bold[0]) == "Das neue Zuwanderungsgesetz:"
    first, second = paragraphs["die Sichtung der Integrationsleitziele,"], paragraphs["erstens"]
    numbering = part(rich_docx, "word/numbering.xml")
    num_ids = {p.find("w:pPr/w:numPr/w:numId", NS).get(q("val")) for p in (first, second)}
    assert len(num_ids) == 2, "every numbered list restarts at 1"
    for num_id in num_ids:
        num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride/w:startOverride", NS).get(q("val")) == "1"


def test_footnote_is_a_real_word_footnote(rich_docx):
    archive = zipfile.ZipFile(io.BytesIO(rich_docx))
    assert "word/footnotes.xml" in archive.namelist()
    types = archive.read("[Content_Types].xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "footnotes.xml" in archive.read("word/_rels/document.xml.rels").decode()
    notes = part(rich_docx, "word/footnotes.xml")
    content = [n for n in notes.iterfind("w:footnote", NS) if n.get(q("type")) is None]
    assert len(content) == 1
    assert text_of(content[0]).strip() == "Aktive und geförderte Integrationstätigkeit"
    assert {n.get(q("type")) for n in notes.iterfind("w:footnote", NS)} >= {"separator", "continuationSeparator"}
    document = part(rich_docx, "word/document.xml")
    refs = list(document.iter(q("footnoteReference")))
    assert [r.get(q("id")) for r in refs] == [content[0].get(q("id"))]
    paragraph = refs[0].getparent().getparent()
    assert text_of(paragraph) == "Vertreter/innen von ausgewählten Migrantenorganisationen"


def test_header_footer_and_draft_marking(rich_docx):
    archive = zipfile.ZipFile(io.BytesIO(rich_docx))
    headers = [archive.read(n) for n in archive.namelist() if n.startswith("word/header")]
    footers = [archive.read(n) for n in archive.namelist() if n.startswith("word/footer")]
    header_texts = [text_of(__import__("lxml.etree").etree.fromstring(h)) for h in headers]
    assert any("Integrationskonzept Kreis Beispiel" in t and "Kreis Beispiel" in t for t in header_texts)
    # default and first-page header: both carry "Entwurf"
    assert len(headers) == 2 and all("Entwurf" in t for t in header_texts)
    # the page footer ("Seite x von y") is on every page but the title page (titlePg + empty first footer)
    page_footers = [f.decode() for f in footers if b" PAGE " in f]
    assert len(footers) == 2 and len(page_footers) == 1
    assert "Seite " in page_footers[0] and " NUMPAGES " in page_footers[0] and " von " in page_footers[0]
    settings = part(rich_docx, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(q("val")) == "true"
    document = part(rich_docx, "word/document.xml")
    instr = "".join(t.text for t in document.iter(q("instrText")))
    assert 'TOC \\o "1-3" \\h \\z \\u' in instr
    assert document.find(".//w:sectPr/w:titlePg", NS) is not None


def test_adopted_concept_has_no_draft_marking(tmp_path, run_cli):
    concept = tmp_path / "adopted.yaml"
    # without a subtitle naming the decision, the title page names it
    concept.write_text(
        RICH.read_text(encoding="utf-8")
        .replace("status: draft", "status: adopted")
        .replace("subtitle: Entwurf für den Kreistag\n", ""),
        encoding="utf-8",
    )
    out = tmp_path / "adopted.docx"
    assert run_cli("render", str(concept), "-o", str(out)).returncode == 0
    archive = zipfile.ZipFile(out)
    for name in archive.namelist():
        if name.startswith("word/header"):
            assert "Entwurf" not in archive.read(name).decode()
    body = text_of(part(out.read_bytes(), "word/document.xml"))
    assert "Beschluss: Kreistag am 30. Oktober 2012" in body


def test_document_properties(rich_docx):
    import docx

    props = docx.Document(io.BytesIO(rich_docx)).core_properties
    assert props.title == "Integrationskonzept Kreis Beispiel"
    assert props.author == "Kreis Beispiel"
    assert props.subject == "Entwurf für den Kreistag"
    assert props.created.date().isoformat() == "2012-10-30" == props.modified.date().isoformat()
    assert props.language == "de-DE"


def test_guiding_goals_ki_table_networks_and_approval(rich_docx):
    body = text_of(part(rich_docx, "word/document.xml"))
    assert "Ziel: Förderung der Berufsausbildung" in body
    assert body.count("Es soll erreicht werden durch:") == 2
    assert "Vorsitz: Dezernent für Arbeit und Soziales" in body
    assert "Geschäftsführung: Leiterin des Kommunalen Integrationszentrums" in body
    ki = next(t for t in tables(rich_docx) if t[0] == ["Bildung und Erziehung"])
    assert ki[1] == ["Elementarbereich", "Schule / Beruf"]
    assert ki[2] == [
        "Schwerpunktziel / Unterstützung der Regeleinrichtungen",
        "Teilziele / Entwicklung nachhaltiger Projekte / Vernetzung relevanter Regeleinrichtungen",
    ]
    assert ["Produkte: / Griffbereit / Rucksack KiTa", "Produkte: / Servicestelle START Schülerstipendium"] in ki
    approval = next(t for t in tables(rich_docx) if t[0][0] == "31.\u00a0Juli\u00a02012")
    assert [row[0].replace("\u00a0", " ") for row in approval] == [
        "31. Juli 2012",
        "Anschließend",
        "30. Oktober 2012, 15:00 Uhr",
        "Anfang November 2012",
        "Dezember 2012",
    ]
    assert approval[1][1] == (
        "Weitergabe des Entwurfs m.d.B. um Rückmeldung / an die 10 Städte und Gemeinden / an die Schulaufsicht"
    )
    assert approval[2][1] == "Kreistag (Beschlussfassung)"  # no description: body and purpose, once
    assert all(len(row) == 2 for row in approval)


def test_two_renders_are_byte_identical(tmp_path, run_cli):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run_cli("render", str(RICH), "-o", str(a)).returncode == 0
    assert run_cli("render", str(RICH), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    infos = zipfile.ZipFile(a).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])


def test_failure_mid_write_leaves_existing_output_untouched(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import integconcept.core.output as output_module
    from integconcept.cli.app import app

    out = tmp_path / "konzept.docx"
    out.write_bytes(b"old version")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", broken_fsync)
    result = CliRunner().invoke(app, ["render", str(RICH), "-o", str(out), "--force"])
    assert result.exit_code == 2
    assert "nicht geschrieben" in result.output and "Traceback" not in result.output
    assert out.read_bytes() == b"old version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["konzept.docx"]


def test_schema_errors_block_and_write_nothing(tmp_path, run_cli):
    concept = tmp_path / "bad.yaml"
    concept.write_text(MINIMAL.replace("status: draft", "status: entwurf"), encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = run_cli("render", str(concept), "-o", str(out))
    assert result.returncode == 1
    assert "S005" in result.stdout and "Es wurde nichts geschrieben" in result.stderr
    assert not out.exists()


def test_rule_findings_do_not_block_and_are_summarised(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import integconcept.commands.validate as validate_module
    from integconcept.cli.app import app
    from integconcept.core.findings import Finding, Severity

    def fake_rules(*args, **kwargs):
        return [Finding("T001", Severity.error, "Termin zu knapp"), Finding("T002", Severity.warning, "x")]

    monkeypatch.setattr(validate_module, "run_rules", fake_rules)
    out = tmp_path / "k.docx"
    result = CliRunner().invoke(app, ["render", str(RICH), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    summary = [line for line in result.output.splitlines() if line.startswith("Hinweis: Die Prüfung")]
    assert summary == [
        f"Hinweis: Die Prüfung des Konzepts ergab 1 Fehler, 1 Warnung und 0 Hinweise "
        f"(Einzelheiten: integconcept validate {RICH})."
    ]


@pytest.mark.parametrize("case", ["input", "template", "missing_folder", "folder", "suffix"])
def test_refusals(tmp_path, run_cli, case):
    concept = tmp_path / "k.yaml"
    concept.write_text(RICH.read_text(encoding="utf-8"), encoding="utf-8")
    before = concept.read_bytes()
    args = ["render", str(concept)]
    if case == "input":
        args += ["-o", str(concept.with_suffix(".docx"))]
        os.symlink(concept, concept.with_suffix(".docx"))
        expected = "Konzeptdatei"
    elif case == "template":
        template = tmp_path / "vorlage.docx"
        template.write_bytes(
            Path(__import__("integconcept.render.template", fromlist=["x"]).__file__)
            .parent.parent.joinpath("data", "default-template.docx")
            .read_bytes()
        )
        args += ["-o", str(template), "--template", str(template)]
        expected = "Vorlage"
    elif case == "missing_folder":
        args += ["-o", str(tmp_path / "neu" / "k.docx")]
        expected = "existiert nicht"
    elif case == "folder":
        (tmp_path / "ordner.docx").mkdir()
        args += ["-o", str(tmp_path / "ordner.docx")]
        expected = "ist ein Ordner"
    else:
        args += ["-o", str(tmp_path / "k.odt")]  # .pdf writes the PDF (tests/test_render_output.py)
        expected = "Schreiben Sie „-o " + str(tmp_path / "k.docx") + "“ oder"
    result = run_cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert concept.read_bytes() == before
    assert not (tmp_path / "neu").exists()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_county_template_styles_used_and_missing_ones_fall_back(tmp_path, run_cli):
    import docx
    from docx.shared import Pt

    county = docx.Document()  # python-docx's own template: has headings, lacks footnote and TOC styles
    county.styles["Normal"].font.name = "Times New Roman"
    county.styles["Normal"].font.size = Pt(12)
    county.add_paragraph("Briefkopf, der nicht im Konzept landen darf")
    template = tmp_path / "kreis.docx"
    county.save(template)
    out = tmp_path / "k.docx"
    result = run_cli("render", str(RICH), "-o", str(out), "--template", str(template))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warnung:")]
    assert len(warnings) == 1, "one warning names every missing style"
    assert "„Footnote Text“" in warnings[0] and "„TOC 1“" in warnings[0] and "Formatvorlage" in warnings[0]
    assert "„Heading 1“" not in warnings[0]
    rendered = docx.Document(out)
    assert rendered.styles["Normal"].font.name == "Times New Roman"
    assert "Briefkopf" not in text_of(part(out.read_bytes(), "word/document.xml"))
    assert numbered_headings(out.read_bytes())[:2] == ["1. Präambel", "2. Integrationsleitziele Kreis Beispiel"]
    assert len(list(part(out.read_bytes(), "word/footnotes.xml").iterfind("w:footnote", NS))) == 3


def test_invalid_template_is_a_german_error(tmp_path, run_cli):
    template = tmp_path / "kaputt.docx"
    template.write_text("keine Word-Datei", encoding="utf-8")
    out = tmp_path / "k.docx"
    result = run_cli("render", str(RICH), "-o", str(out), "--template", str(template))
    assert result.returncode == 2
    assert "keine gültige Word-Datei" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_default_template_is_a4_german_and_reproducible(tmp_path):
    import subprocess
    import sys

    from integconcept.render.template import default_template_bytes

    import docx

    document = docx.Document(io.BytesIO(default_template_bytes()))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = part(default_template_bytes(), "word/styles.xml")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(q("val")) == "de-DE"
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(io.BytesIO(default_template_bytes())).namelist()
    root = Path(__file__).resolve().parent.parent
    # the committed template is exactly what the generator produces
    fresh = tmp_path / "neu.docx"
    subprocess.run(
        [sys.executable, str(root / "tools" / "make_default_template.py"), str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == (root / "integconcept" / "data" / "default-template.docx").read_bytes()


# ---------------------------------------------------------------------- the real Kreis Unna example

UNNA_POPULATION = """\
Bergkamen 49011 36620 12390 25,3 4250 8,7
Bönen 18018 13820 4150 23,0 1520 8,4
Fröndenberg 20928 17300 3560 17,0 1030 4,9
Holzwickede 16755 13920 2820 16,8 870 5,2
Kamen 43815 34400 9080 20,7 2580 5,9
Lünen 86010 56510 29190 34,6 9010 10,5
Schwerte 46743 36810 9590 20,5 2880 6,2
Selm 26017 22390 3540 13,6 800 3,1
Unna 59149 44400 14320 24,2 3540 6,0
Werne 29614 25480 4060 13,7 1230 4,2
Kreis Unna 396060 301650 92700 23,4 27720 7,0"""


@pytest.fixture(scope="module")
def unna_docx(tmp_path_factory) -> bytes:
    import subprocess
    import sys

    from .conftest import UNNA

    out = tmp_path_factory.mktemp("unna") / "unna.docx"
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(UNNA), "-o", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_unna_headings_follow_the_adopted_original(unna_docx):
    headings = numbered_headings(unna_docx)
    assert headings[:11] == [
        "1. Präambel",
        "2. Integrationsleitziele Kreis Unna",
        "3. Umsetzung des Kreistagsbeschlusses",
        "3.1 Strategische Umsetzung",
        "3.2 Aktuelle operative Umsetzungen",
        "3.3 Aufgabenstellung des Kommunalen Integrationszentrums Kreis Unna",
        "4. Anpassung / Modifizierung an das neue Teilhabe- und Integrationsgesetz",
        "4.1 Einrichtung eines Netzwerks ‚Kommunale Integration Kreis Unna‘",
        "4.2 Einbindung in den ZukunftsdialoK Kreis Unna",
        "4.3 Einbindung der Facharbeitskreise des Kommunalen Integrationszentrums",
        "4.4 Weiterentwicklung der Querschnittsaufgabe Integration",
    ]
    assert headings[11].startswith("4.5 Übersicht ‚Strategische Steuerung‘")
    # section 5 is the approval process, as in the adopted document; the staffing figures from the press
    # report are marked as not printed, so there is no chapter 6
    assert headings[12:] == ["5. Informations- und Abstimmungsprozess"]


def test_unna_population_table_every_row(unna_docx):
    population = next(t for t in tables(unna_docx) if t[0][0] == "Kommune")
    expected = []
    for line in UNNA_POPULATION.splitlines():
        *name, total, without, with_, mh, foreigners, fo = line.split()
        expected.append(
            [" ".join(name)]
            + [f"{int(v):,}".replace(",", NNBSP) for v in (total, without, with_)]
            + [f"{mh}{NBSP}%", f"{int(foreigners):,}".replace(",", NNBSP), f"{fo}{NBSP}%"]
        )
    assert population[1:] == expected


def test_unna_footnote_in_network_members(unna_docx):
    notes = part(unna_docx, "word/footnotes.xml")
    content = [n for n in notes.iterfind("w:footnote", NS) if n.get(q("type")) is None]
    assert [text_of(n).strip() for n in content] == ["Aktive und geförderte Integrationstätigkeit"]
    document = part(unna_docx, "word/document.xml")
    (ref,) = document.iter(q("footnoteReference"))
    assert "Migrantenorganisationen" in text_of(ref.getparent().getparent())

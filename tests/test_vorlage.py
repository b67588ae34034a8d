"""integconcept vorlage: the Beschlussvorlage of a step, read back with python-docx part by part
(issue 24.1), and once through LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from .conftest import EXAMPLES, UNNA
from .libreoffice import convert

KIM = EXAMPLES / "kreis-unna-kim-2021.yaml"

CITY = """\
format_version: 1
id: stadt-musterhausen-2024
title: Integrationskonzept Stadt Musterhausen
authority:
  name: Stadt Musterhausen
  kind: kreisfreie_stadt
status: draft
adoption:
  body: Rat
  reference: "0815/2024"
legal_basis: tintg2022-p8
action_fields:
  - id: bildung
    name: Bildung
  - id: arbeit
    name: Arbeit
staffing:
  funding:
    - funder: land
      amount_eur: 330000
      per: year
    - funder: own
      amount_eur: 50000
      per: year
approval_process:
  steps:
    - id: integrationsrat
      date: 2024-11-05
      body: Integrationsrat
      body_kind: integration_council
      purpose: consultation
    - id: partner
      date: 2024-09-02
      body: Wohlfahrtsverbände
      body_kind: partners
      purpose: consultation
      description: Weitergabe des Entwurfs an die Wohlfahrtsverbände
    - id: hauptausschuss
      date: 2024-11-28
      body: Hauptausschuss
      body_kind: main_committee
      purpose: consultation
    - id: rat
      date: 2024-12-12
      time: "16:00"
      body: Rat
      body_kind: council
      purpose: decision
"""

DRAFT_NO_MONEY = """\
format_version: 1
id: kreis-test
title: Integrationskonzept Kreis Test
authority:
  name: Kreis Test
  kind: kreis
  municipalities:
    - id: a-stadt
      name: A-Stadt
    - id: b-dorf
      name: B-Dorf
status: draft
legal_basis: tintg2012-p7
approval_process:
  steps:
    - id: gemeinden
      date: 2013-02-01
      body: Städte und Gemeinden
      body_kind: municipalities
      purpose: consultation
      municipalities: [a-stadt]
    - id: sozialausschuss
      date: 2013-03-04
      body: Sozialausschuss
      body_kind: specialist_committee
      purpose: consultation
    - id: kreistag
      date: Anfang 2013-04
      body: Kreistag
      body_kind: council
      purpose: decision
"""


def _vorlage(run_cli, tmp_path, concept: str | Path, step: str, *extra: str):
    out = tmp_path / f"vorlage-{step}.docx"
    result = run_cli("vorlage", str(concept), "--step", step, "-o", str(out), "--date", "2024-10-01", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return docx.Document(str(out)), result, out


def _sections(document) -> dict[str, list[str]]:
    """Body paragraphs grouped under their Heading 1 (the parts of the Vorlage)."""
    parts: dict[str, list[str]] = {"": []}
    current = ""
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
            parts[current] = []
        elif paragraph.text.strip():
            parts[current].append(paragraph.text)
    return parts


def _head(document) -> dict[str, str]:
    return {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_unna_kreistag(run_cli, tmp_path):
    document, result, _ = _vorlage(run_cli, tmp_path, UNNA, "kreistag")
    assert "Beschlussvorlage geschrieben" in result.stdout
    head = _head(document)
    assert head == {
        "Vorlage-Nr.": "(bitte ergänzen)",
        "Federführung": "(bitte ergänzen)",
        "Datum": "01.10.2024",
        "Betreff": "Integrationskonzept Kreis Unna – Beschluss",
    }
    assert _rows(document.tables[1]) == [
        ["Gremium", "Sitzungstermin", "Zuständigkeit"],
        ["Ausschuss für Arbeit, Soziales und Familie", "24.09.2012", "Vorberatung"],
        ["Integrationsräte im Kreis Unna", "02.10.2012", "Kenntnisnahme"],
        ["Kreisausschuss", "29.10.2012", "Vorberatung"],
        ["Kreistag", "30.10.2012", "Entscheidung"],
    ]
    assert all(run.bold for run in document.tables[1].rows[4].cells[0].paragraphs[0].runs)  # this Vorlage's body
    assert not any(run.bold for run in document.tables[1].rows[1].cells[0].paragraphs[0].runs)
    parts = _sections(document)
    assert parts["Beschlussvorschlag"] == [
        "Der Kreistag beschließt das Integrationskonzept Kreis Unna in der als Anlage beigefügten Fassung."
    ]
    reasons = "\n".join(parts["Begründung"])
    assert "§ 7 Abs. 1 des Teilhabe- und Integrationsgesetzes NRW" in reasons
    assert "Förderrichtlinie Kommunale Integrationszentren 2012 (Runderlass vom 25.06.2012" in reasons
    assert "gliedert sich in: 1. Präambel; 2. Integrationsleitziele Kreis Unna" in reasons
    assert "5 Handlungsfelder (Arbeitswelt, Bildung und Erziehung" in reasons and "25 Maßnahmen" in reasons
    assert "31.07.2012: Behandlung des Entwurfs des Integrationskonzepts im Verwaltungsvorstand" in reasons
    assert "29.10.2012: Kreisausschuss zur Beschlussfassung – Ergebnis: (bitte ergänzen)" in reasons
    assert "Informationsgespräch mit den 6 Integrationsräten im Kreis Unna" in reasons
    assert "Beteiligt waren alle 10 kreisangehörigen Städte und Gemeinden." in reasons
    assert "Kreistag zur Beschlussfassung" not in reasons  # the step itself is not "so far"
    assert "Antragstellung" not in reasons  # nor what follows it
    money = _rows(document.tables[2])
    assert money[0] == ["Finanzierung", "Betrag", "Zeitraum"]
    assert money[1][1] == "170.000,00\u00a0€" and money[1][2] == "(bitte ergänzen)"  # the file has no period
    assert money[2][0].startswith("Eigenanteil") and money[2][1] == "240.000,00\u00a0€ (rund)"
    assert "Stellen: 2 Vollzeitstellen" in "\n".join(parts["Finanzielle Auswirkungen"])
    assert parts["Anlagen"] == ["1.\tIntegrationskonzept Kreis Unna"]
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Vorlage-Nr. (bitte ergänzen)\tKreis Unna"
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    # no ids, no internal fields
    text = "\n".join(p.text for p in document.paragraphs)
    for internal in ("kreistag-beschluss", "body_kind", "not_printed", "remark", "ausschuss-arbeit-soziales"):
        assert internal not in text


def test_unna_fachausschuss(run_cli, tmp_path):
    document, _, _ = _vorlage(run_cli, tmp_path, UNNA, "ausschuss-arbeit-soziales-familie")
    parts = _sections(document)
    assert parts["Beschlussvorschlag"] == [
        "Der Ausschuss für Arbeit, Soziales und Familie empfiehlt dem Kreistag, das Integrationskonzept Kreis "
        "Unna in der als Anlage beigefügten Fassung zu beschließen."
    ]
    assert all(run.bold for run in document.tables[1].rows[1].cells[0].paragraphs[0].runs)
    reasons = "\n".join(parts["Begründung"])
    assert "06.09.2012: Sozial- und Jugenddezernentenkonferenz" in reasons
    assert "Kreisausschuss zur Beschlussfassung" not in reasons and "02.10.2012" not in reasons
    assert "Diese Vorlage: Ausschuss für Arbeit, Soziales und Familie am 24.09.2012." in parts["Beratungsfolge"]


def test_kim_participation_decision(run_cli, tmp_path):
    document, _, _ = _vorlage(run_cli, tmp_path, KIM, "kreistag-beteiligung-kim")
    assert _head(document)["Betreff"] == (
        "Kommunales Integrationsmanagement Kreis Unna (KIM KU) – Beteiligung am Landesprogramm KIM"
    )
    assert _rows(document.tables[1])[1] == ["Kreistag", "(bitte ergänzen)", "Entscheidung"]  # no date in the file
    parts = _sections(document)
    assert parts["Beschlussvorschlag"] == [
        "Der Kreistag beschließt die Beteiligung des Kreises Unna am Landesprogramm „Kommunales "
        "Integrationsmanagement“ (KIM) auf der Grundlage des als Anlage beigefügten Konzepts „Kommunales "
        "Integrationsmanagement Kreis Unna (KIM KU)“."
    ]
    reasons = "\n".join(parts["Begründung"])
    assert "Förderrichtlinie KIM 2020 (Runderlass vom 25.11.2020" in reasons
    assert "§ 7" not in reasons
    money = _rows(document.tables[2])
    assert money[1] == ["Landesförderung – Fördermittel des Landes (KIM), bis zu", "815.000,00\u00a0€", "jährlich"]
    assert money[2] == ["Eigenanteil – Eigenanteil des Kreises, rund", "165.000,00\u00a0€", "jährlich"]
    finance = "\n".join(parts["Finanzielle Auswirkungen"])
    assert "Insgesamt 980.000,00\u00a0€ jährlich, davon Eigenanteil 165.000,00\u00a0€." in finance
    assert "Der Bericht nennt keinen Zeitraum" not in finance  # the staff remark is not printed
    assert parts["Anlagen"] == ["1.\tKommunales Integrationsmanagement Kreis Unna (KIM KU) (Entwurf)"]


def test_kreisfreie_stadt_rat_and_hauptausschuss(run_cli, tmp_path):
    concept = tmp_path / "stadt.yaml"
    concept.write_text(CITY, encoding="utf-8")
    (tmp_path / "integconcept.toml").write_text(
        '[vorlage]\nlead = "Amt für Integration"\nnumber = "9999"\n', encoding="utf-8"
    )
    document, _, _ = _vorlage(run_cli, tmp_path, concept, "rat")
    head = _head(document)
    assert head["Vorlage-Nr."] == "0815/2024"  # the file's number wins over the configuration's
    assert head["Federführung"] == "Amt für Integration"
    assert _rows(document.tables[1])[1:] == [
        ["Integrationsrat", "05.11.2024", "Vorberatung"],
        ["Hauptausschuss", "28.11.2024", "Vorberatung"],
        ["Rat", "12.12.2024, 16:00 Uhr", "Entscheidung"],
    ]
    parts = _sections(document)
    assert parts["Beschlussvorschlag"] == [
        "Der Rat der Stadt Musterhausen beschließt das Integrationskonzept Stadt Musterhausen in der als Anlage "
        "beigefügten Fassung."
    ]
    reasons = "\n".join(parts["Begründung"])
    assert "„Das Land fördert auf der Grundlage entsprechender Verwaltungsvorschriften Kommunale" in reasons
    assert "kreisangehörigen" not in reasons  # a city has no member municipalities
    assert "02.09.2024: Weitergabe des Entwurfs an die Wohlfahrtsverbände" in reasons
    finance = "\n".join(parts["Finanzielle Auswirkungen"])
    assert "Insgesamt 380.000,00\u00a0€ jährlich, davon Eigenanteil 50.000,00\u00a0€." in finance
    committee, _, _ = _vorlage(run_cli, tmp_path, concept, "hauptausschuss")
    assert _sections(committee)["Beschlussvorschlag"] == [
        "Der Hauptausschuss empfiehlt dem Rat der Stadt Musterhausen, das Integrationskonzept Stadt Musterhausen "
        "in der als Anlage beigefügten Fassung zu beschließen."
    ]


def test_draft_without_funding_data_is_marked_and_warned(run_cli, tmp_path):
    concept = tmp_path / "entwurf.yaml"
    concept.write_text(DRAFT_NO_MONEY, encoding="utf-8")
    document, result, _ = _vorlage(run_cli, tmp_path, concept, "sozialausschuss")
    assert "Warnung: Die Konzeptdatei enthält keine Angaben zu Personal und Finanzierung" in result.stderr
    parts = _sections(document)
    assert len(document.tables) == 2  # head and Beratungsfolge; no finance table invented
    assert parts["Finanzielle Auswirkungen"] == [
        "Angaben zu Landesförderung, Eigenanteil und Folgekosten: (bitte ergänzen)"
    ]
    assert _rows(document.tables[1])[2] == ["Kreistag", "Anfang April 2013", "Entscheidung"]
    assert parts["Beschlussvorschlag"] == [
        "Der Sozialausschuss empfiehlt dem Kreistag, das Integrationskonzept Kreis Test in der als Anlage "
        "beigefügten Fassung zu beschließen."
    ]
    reasons = "\n".join(parts["Begründung"])
    assert "Beteiligt waren 1 der 2 kreisangehörigen Städte und Gemeinden." in reasons
    assert "Das Konzept (Anlage 1) gliedert sich in: 1. Präambel" in reasons  # a draft keeps chapters 1-5
    # the file says there are no costs: "Keine.", and no warning
    concept.write_text(DRAFT_NO_MONEY + "staffing:\n  no_financial_impact: true\n", encoding="utf-8")
    document, result, _ = _vorlage(run_cli, tmp_path, concept, "kreistag")
    assert "Warnung" not in result.stderr
    assert _sections(document)["Finanzielle Auswirkungen"] == ["Keine."]


def test_fortschreibung_has_synopse_as_attachment(run_cli, tmp_path):
    new = tmp_path / "neu.yaml"
    new.write_text(
        UNNA.read_text(encoding="utf-8").replace(
            "title: Integrationskonzept Kreis Unna\n", "title: Integrationskonzept Kreis Unna 2015\n"
        ),
        encoding="utf-8",
    )
    document, _, _ = _vorlage(run_cli, tmp_path, new, "kreistag", "--previous", str(UNNA))
    assert _head(document)["Betreff"] == "Integrationskonzept Kreis Unna 2015 – Fortschreibung"
    parts = _sections(document)
    assert parts["Beschlussvorschlag"] == [
        "Der Kreistag beschließt die Fortschreibung des Integrationskonzepts des Kreises Unna in der als Anlage "
        "beigefügten Fassung."
    ]
    assert (
        "Das bisherige Integrationskonzept des Kreises Unna vom 30.10.2012 (Kreistag) wird fortgeschrieben. "
        "Die Änderungen zeigt die Synopse (Anlage 2)."
    ) in parts["Begründung"]
    assert parts["Anlagen"] == [
        "1.\tIntegrationskonzept Kreis Unna 2015",
        "2.\tSynopse: Gegenüberstellung der bisherigen und der neuen Fassung",
    ]


def test_unknown_step_lists_valid_ids_and_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "v.docx"
    result = run_cli("vorlage", str(UNNA), "--step", "kreistagg", "-o", str(out))
    assert result.returncode == 2
    assert "keinen Schritt „kreistagg“" in result.stderr
    for valid in ("ausschuss-arbeit-soziales-familie", "integrationsraete", "kreisausschuss", "kreistag"):
        assert f"  {valid}: " in result.stderr
    assert "verwaltungsvorstand:" not in result.stderr  # not a session of a political body
    assert not out.exists()
    result = run_cli("vorlage", str(UNNA), "--step", "verwaltungsvorstand", "-o", str(out))
    assert result.returncode == 2 and "keine Sitzung eines politischen Gremiums" in result.stderr
    assert not out.exists() and "Traceback" not in result.stderr


def test_default_output_never_replaces_a_file(run_cli, tmp_path):
    existing = tmp_path / "beschlussvorlage-kreistag.docx"
    existing.write_bytes(b"mine")
    result = run_cli("vorlage", str(UNNA), "--step", "kreistag", cwd=tmp_path)
    assert result.returncode == 2 and "ohne -o" in result.stderr
    assert existing.read_bytes() == b"mine"


def test_bad_date_option(run_cli, tmp_path):
    result = run_cli("vorlage", str(UNNA), "--step", "kreistag", "--date", "1.10.2024", "-o", str(tmp_path / "v.docx"))
    assert result.returncode == 2 and "JJJJ-MM-TT" in result.stderr


def _libreoffice_or_skip():
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) oder pdftotext fehlt, in der CI aber Pflicht")
        pytest.skip("LibreOffice (soffice) oder pdftotext fehlt; .ci/run installiert beides")


def test_vorlage_through_libreoffice(run_cli, tmp_path):
    _libreoffice_or_skip()
    _, _, out = _vorlage(run_cli, tmp_path, UNNA, "kreistag")
    profile = tmp_path / "profile"
    convert([out], "pdf", tmp_path, profile, timeout=240)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"Seite {number} von {len(pages)}" in page
    flowing = " ".join(text.split())
    for part in (
        "Beschlussvorlage",
        "Beratungsfolge",
        "Beschlussvorschlag",
        "Begründung",
        "Finanzielle Auswirkungen",
        "Anlagen",
    ):
        assert part in flowing
    assert "Kreistag 30.10.2012 Entscheidung" in flowing


def test_vorlage_in_the_county_template(run_cli, tmp_path):
    from .template_builders import german_word_template

    template = tmp_path / "kreis.dotx"
    template.write_bytes(german_word_template())
    document, result, _ = _vorlage(run_cli, tmp_path, UNNA, "kreistag", "--template", str(template))
    heading = next(p for p in document.paragraphs if p.text == "Beratungsfolge")
    assert heading.style.style_id == "berschrift1"  # the county's own heading style
    assert "Warnung" not in result.stderr  # missing TOC/footnote styles do not concern a Vorlage
    assert _sections(document)["Beschlussvorschlag"] == [
        "Der Kreistag beschließt das Integrationskonzept Kreis Unna in der als Anlage beigefügten Fassung."
    ]

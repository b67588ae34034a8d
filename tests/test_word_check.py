"""Issue 23.2 and 23.3: ``validate KONZEPT.docx`` reports findings at their places in the Word document, and
``review KONZEPT.docx -o GEPRUEFT.docx`` writes a copy with one Word comment per finding at that place.

The Word files: the rendered Unna example, the seed text of the adopted Unna concept typed into Word
(tests/import_helpers.seed_document), the corpus shapes (python-docx, pandoc, LibreOffice) and a document that
already carries comments the way Word writes them."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from . import word_corpus as corpus
from .conftest import UNNA
from .import_helpers import seed_document
from .libreoffice import convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def unna_docx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unna")
    out = folder / "unna.docx"
    result = subprocess.run([*_cli(), "render", str(UNNA), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _cli():
    import sys

    return [sys.executable, "-m", "integconcept"]


def _body_text(path: Path) -> str:
    """Every w:t of the main document, in order: the text a reader sees."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _k006(findings: list[dict]) -> dict:
    return next(f for f in findings if f["code"] == "K006")


@pytest.mark.parametrize("source", ["rendered", "seed"])
def test_validate_word_finds_the_luenen_slip_at_its_cell(run_cli, unna_docx, tmp_path, source):
    word = unna_docx if source == "rendered" else seed_document(tmp_path / "unna-aus-dem-seed.docx")
    text = run_cli("validate", str(word))
    assert text.returncode == 0, text.stdout + text.stderr  # warnings only: exit code as for YAML
    line = next(x for x in text.stdout.splitlines() if " K006 " in x)
    assert re.search(r"Abschnitt „(1\. )?Präambel“, Tabelle 1, Zeile 7, Spalte 5: K006 \(Warnung\) „Lünen“", line), line
    assert "    Text: „34,6 %“" in text.stdout
    data = json.loads(run_cli("validate", "--format", "json", str(word)).stdout)
    finding = _k006(data["files"][0]["findings"])
    assert finding["location"]["table"] == 1 and finding["location"]["row"] == 7
    assert finding["location"]["quote"] == "34,6 %" and "Präambel" in finding["location"]["heading"]
    assert isinstance(finding["location"]["paragraph"], int)
    strict = run_cli("validate", "--strict", str(word))
    assert strict.returncode == 1


def test_the_imports_own_uncertainty_is_a_note_not_an_error(run_cli, unna_docx):
    data = json.loads(run_cli("validate", "--format", "json", str(unna_docx)).stdout)
    notes = [f for f in data["files"][0]["findings"] if f["code"] == "W002"]
    assert notes and all(f["severity"] == "info" for f in notes)
    assert any("geschätzt" in f["message"] for f in notes)
    assert all(f["location"]["text"] for f in notes)


def test_paragraph_places_name_heading_and_paragraph(run_cli, tmp_path):
    """A finding about a paragraph in a pandoc document: "Abschnitt „…“, Absatz N" with a quote."""
    if reason := corpus.available("pandoc"):
        if corpus.ci():
            pytest.fail(reason)
        pytest.skip(reason)
    word = corpus.build("kreis-2022", "pandoc", tmp_path)
    data = json.loads(run_cli("validate", "--format", "json", str(word)).stdout)
    located = [f["location"] for f in data["files"][0]["findings"] if f.get("location", {}).get("section_paragraph")]
    assert located, data
    assert all(re.fullmatch(r"(Abschnitt „.+“|Titelseite), Absatz \d+", loc["text"]) for loc in located)


def test_an_unreadable_word_file_exits_2(run_cli, tmp_path):
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"kein zip")
    result = run_cli("validate", str(broken))
    assert result.returncode == 2
    assert "W001" in result.stdout and "kein ZIP-Paket" in result.stdout


def test_review_writes_one_comment_per_finding_at_its_cell(run_cli, unna_docx, tmp_path):
    import docx

    before = hashlib.sha256(unna_docx.read_bytes()).hexdigest()
    out = tmp_path / "geprueft.docx"
    result = run_cli("review", str(unna_docx), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(unna_docx.read_bytes()).hexdigest() == before  # the input is never changed
    assert _body_text(out) == _body_text(unna_docx)  # the copy's text is the original's
    findings = json.loads(run_cli("validate", "--format", "json", str(unna_docx)).stdout)["files"][0]["findings"]
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == len(findings)
    assert f"({len(comments)} Kommentare, Autor „integconcept“)" in result.stdout
    assert {c.author for c in comments} == {"integconcept"}
    k006 = next(c for c in comments if c.text.startswith("K006 (Warnung): „Lünen“"))
    assert "Hinweis: Prüfen Sie Prozentwert" in k006.text
    # anchored in the Lünen row, in the cell "34,6 %"
    body = docx.Document(str(out)).element.body
    start = next(e for e in body.iter(f"{W}commentRangeStart") if e.get(f"{W}id") == str(k006.comment_id))
    cell = next(a for a in start.iterancestors(f"{W}tc"))
    row = cell.getparent()
    assert "".join(t.text for t in cell.iter(f"{W}t")).replace("\xa0", " ") == "34,6 %"
    assert "".join(t.text for t in row.iter(f"{W}t")).startswith("Lünen")
    with_citation = [c for c in comments if "Grundlage: " in c.text]
    assert with_citation  # the legal basis goes into the comment


def test_review_never_replaces_a_file_unless_asked(run_cli, unna_docx, tmp_path):
    out = tmp_path / "geprueft.docx"
    out.write_bytes(b"meine Datei")
    refused = run_cli("review", str(unna_docx), "-o", str(out))
    assert refused.returncode == 2 and "gibt es schon" in refused.stderr
    assert out.read_bytes() == b"meine Datei"
    same = run_cli("review", str(unna_docx), "-o", str(unna_docx), "--force")
    assert same.returncode == 2 and "nie überschrieben" in same.stderr
    forced = run_cli("review", str(unna_docx), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert zipfile.is_zipfile(out)


def _word_comment(path: Path) -> None:
    """A document with a reviewer's comment as Word writes it: range start/end around runs in the paragraph, a
    reference run with the CommentReference style, and the comment in word/comments.xml."""
    import docx

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Lindenau", style="Title")
    document.add_paragraph("Kreistagsbeschluss vom 13.12.2012")
    document.add_heading("1. Präambel", 1)
    paragraph = document.add_paragraph("Im Kreis Lindenau leben rund 150.000 Menschen.")
    document.add_comment(
        paragraph.runs, text="Bitte die Zahl vom Zensus 2022 nehmen.", author="Gemeinde Bönen", initials="GB"
    )
    document.add_heading("2. Informations- und Abstimmungsprozess", 1)
    for line in ("05. September 2012 Verwaltungsvorstand zur Beratung", "13.12.2012 Kreistag zur Beschlussfassung"):
        document.add_paragraph(line, style="List Bullet")
    document.save(path)


def test_review_keeps_the_comments_already_in_the_document(run_cli, tmp_path):
    import docx

    word = tmp_path / "ruecklauf.docx"
    _word_comment(word)
    out = tmp_path / "geprueft.docx"
    result = run_cli("review", str(word), "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    comments = list(docx.Document(str(out)).comments)
    authors = [c.author for c in comments]
    assert authors.count("Gemeinde Bönen") == 1 and authors.count("integconcept") >= 1
    assert len({c.comment_id for c in comments}) == len(comments)
    assert _body_text(out) == _body_text(word)


@pytest.mark.parametrize("producer", corpus.PRODUCERS)
def test_review_on_each_producer_keeps_the_text(run_cli, tmp_path, producer):
    if reason := corpus.available(producer):
        if corpus.ci():
            pytest.fail(reason)
        pytest.skip(reason)
    word = corpus.build("stadt-teile", producer, tmp_path)
    out = tmp_path / "geprueft.docx"
    result = run_cli("review", str(word), "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    assert _body_text(out) == _body_text(word)
    assert "Kommentar" in result.stdout


def test_libreoffice_shows_the_review_comments(run_cli, unna_docx, tmp_path):
    """The commented copy opened by LibreOffice: every comment becomes a PDF note annotation."""
    soffice = corpus.soffice()
    if soffice is None:
        if corpus.ci():
            pytest.fail("LibreOffice (soffice) ist nicht installiert")
        pytest.skip("LibreOffice (soffice) ist nicht installiert")
    import docx

    out = tmp_path / "geprueft.docx"
    assert run_cli("review", str(unna_docx), "-o", str(out)).returncode == 0
    count = len(list(docx.Document(str(out)).comments))
    profile = tmp_path / "profil"
    export = (
        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
        '"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    )
    convert([out], export, tmp_path / "pdf", profile, timeout=300)
    pdf = (tmp_path / "pdf" / "geprueft.pdf").read_bytes()
    shutil.rmtree(profile, ignore_errors=True)
    assert len(re.findall(rb"/Subtype\s*/Text", pdf)) == count


def test_review_of_a_document_with_tracked_changes_keeps_them_recorded(run_cli, tmp_path):
    """Insertions and deletions recorded by Word's change tracking stay recorded (never accepted) in the copy."""
    from .import_helpers import typed_concept

    word = typed_concept(tmp_path / "mit-aenderungen.docx", tracked=True)
    out = tmp_path / "geprueft.docx"
    result = run_cli("review", str(word), "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    original = zipfile.ZipFile(word).read("word/document.xml").decode("utf-8")
    copy = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    for tag in ("<w:ins ", "<w:del ", "<w:delText"):
        assert copy.count(tag) == original.count(tag) >= 1
    assert _body_text(out) == _body_text(word)

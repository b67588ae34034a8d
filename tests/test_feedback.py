"""integconcept feedback (issue 23.4): comments and tracked changes of returned copies of the rendered
concept, tied to section and JSON path, several files in the concept's order; the Abwägungstabelle."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .conftest import UNNA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tracked(paragraph, old: str | None, new: str | None, author: str, date: str, anchor_word: str) -> None:
    """Replace (or delete / insert at) ``anchor_word`` in the paragraph's runs the way Word writes a tracked
    change: the run split, ``w:del`` with ``w:delText`` and/or ``w:ins`` with ``w:t``, author and date."""
    for run in paragraph.runs:
        if anchor_word not in run.text:
            continue
        before, after = run.text.split(anchor_word, 1)
        r = run._r

        def make(text: str, deleted: bool = False, r=r):
            new_run = OxmlElement("w:r")
            if r.rPr is not None:
                new_run.append(copy.deepcopy(r.rPr))
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            new_run.append(t)
            return new_run

        def mark(tag: str, ident: str, text: str):
            element = OxmlElement(tag)
            element.set(qn("w:id"), ident)
            element.set(qn("w:author"), author)
            element.set(qn("w:date"), date)
            element.append(make(text, deleted=tag == "w:del"))
            return element

        r.addprevious(make(before))
        if old is not None:
            r.addprevious(mark("w:del", "801", old))
        else:
            r.addprevious(make(anchor_word))
        if new is not None:
            r.addprevious(mark("w:ins", "802", new))
        r.addprevious(make(after))
        r.getparent().remove(r)
        return
    raise AssertionError(f"{anchor_word!r} not in {paragraph.text!r}")


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """The rendered Unna concept and three returned copies (two municipalities, a welfare association)."""
    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    folder = tmp_path_factory.mktemp("ruecklauf")
    original = folder / "konzept.docx"
    original.write_bytes(render_concept(validate_file(str(UNNA)).concept).data)

    def copy_with(name, change):
        document = docx.Document(str(original))
        change(document)
        path = folder / name
        document.save(str(path))
        return path

    def preamble(document):
        return next(p for p in document.paragraphs if "400.000 Menschen" in p.text)

    def kamen(document):
        paragraph = preamble(document)
        document.add_comment(
            paragraph.runs,
            text="Bitte die Einwohnerzahl auf den Stand 2026 bringen.",
            author="Stadt Kamen",
            initials="SK",
        )
        _tracked(paragraph, "400.000", "395.000", "Stadt Kamen", "2027-05-20T10:00:00Z", "400.000")

    def awo(document):
        document.add_comment(
            preamble(document).runs,
            text="Bitte die Einwohnerzahl auf den Stand 2026 bringen.",
            author="AWO Unterbezirk",
            initials="AWO",
        )
        # a comment in a cell of the population table: the row of Lünen
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "Kommune")
        cell = next(row.cells[0] for row in table.rows if row.cells[0].text == "Lünen")
        document.add_comment(
            cell.paragraphs[0].runs, text="Die Zahl für Lünen ist zu niedrig.", author="AWO Unterbezirk", initials="AWO"
        )

    def bergkamen(document):
        intro = next(p for p in document.paragraphs if p.text.startswith("Dieses Konzept wurde folgenden Gremien"))
        _tracked(intro, None, " und den Integrationsräten", "Stadt Bergkamen", "2027-05-22T09:30:00Z", "Gremien")
        goal = next(
            p for p in document.paragraphs if "Stadtentwicklung" in p.text and p.style.name.startswith("Heading")
        )
        _tracked(goal, "Stadtentwicklung", None, "Stadt Bergkamen", "2027-05-22T09:31:00Z", "Stadtentwicklung")

    paths = [copy_with("kamen.docx", kamen), copy_with("awo.docx", awo), copy_with("bergkamen.docx", bergkamen)]
    return folder, paths


def _digest(paths) -> list[str]:
    return [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]


def test_feedback_lists_every_comment_and_change_in_concept_order(run_cli, returned):
    folder, paths = returned
    before = _digest(paths)
    result = run_cli("feedback", str(UNNA), *map(str, paths), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    remarks = data["remarks"]
    assert data["summary"] == {
        "remarks": 6,
        "comments": 3,
        "changes": 3,
        "authors": ["Stadt Kamen", "AWO Unterbezirk", "Stadt Bergkamen"],
    }
    assert [r["number"] for r in remarks] == list(range(1, 7))
    # the same remark from two files stays two remarks, each with its author
    same = [r for r in remarks if r["text"] == "Bitte die Einwohnerzahl auf den Stand 2026 bringen."]
    assert [r["author"] for r in same] == ["Stadt Kamen", "AWO Unterbezirk"]
    assert all(r["section"] == "1. Präambel" and r["path"] == "/preamble" for r in same)
    assert all("400.000 Menschen" in r["anchor"] for r in same)
    replacement = next(r for r in remarks if r["kind"] == "replacement")
    assert (replacement["old"], replacement["text"], replacement["author"], replacement["date"]) == (
        "400.000",
        "395.000",
        "Stadt Kamen",
        "2027-05-20",
    )
    cell = next(r for r in remarks if r["text"] == "Die Zahl für Lünen ist zu niedrig.")
    assert cell["anchor"] == "Lünen" and cell["path"] == "/preamble/population_table/rows/5"
    deletion = next(r for r in remarks if r["kind"] == "deletion")
    assert deletion["old"] == "Stadtentwicklung" and deletion["author"] == "Stadt Bergkamen"
    assert deletion["path"].startswith("/guiding_goals/goals/") and deletion["section"].startswith("2.")
    insertion = next(r for r in remarks if r["kind"] == "insertion")
    assert insertion["text"] == " und den Integrationsräten" and insertion["date"] == "2027-05-22"
    assert insertion["section"] == "5. Informations- und Abstimmungsprozess"
    assert insertion["path"] == "/approval_process"
    # in the concept's order: Präambel (comments, change, the table cell), goals, approval process
    order = [(r["path"].split("/")[1], r["author"], r["kind"]) for r in remarks]
    assert order == [
        ("preamble", "Stadt Kamen", "comment"),
        ("preamble", "Stadt Kamen", "replacement"),
        ("preamble", "AWO Unterbezirk", "comment"),
        ("preamble", "AWO Unterbezirk", "comment"),
        ("guiding_goals", "Stadt Bergkamen", "deletion"),
        ("approval_process", "Stadt Bergkamen", "insertion"),
    ]
    assert _digest(paths) == before  # the returned copies are only read; no change is accepted


def test_feedback_text_names_author_date_anchor_and_place(run_cli, returned):
    _, paths = returned
    result = run_cli("feedback", str(UNNA), str(paths[0]))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(
        "Rückmeldungen zu „Integrationskonzept Kreis Unna“: 2 Anmerkungen aus 1 Datei (1 Kommentar, 1 Änderung)."
    )
    assert "werden nicht übernommen" in out
    assert "1. Präambel  (/preamble)" in out
    assert "Ersetzung von Stadt Kamen, 20.05.2027 – kamen.docx, Absatz" in out
    assert "Ersetzung „400.000“ durch „395.000“" in out
    assert "zu: „Der Kreis Unna grenzt" in out


def test_abwaegungstabelle(run_cli, returned, tmp_path):
    _, paths = returned
    out = tmp_path / "abwaegung.docx"
    result = run_cli("feedback", str(UNNA), *map(str, paths), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Abwägungstabelle geschrieben" in result.stderr
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape: five columns
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Nr.",
        "Abschnitt",
        "Stellungnahme (wer, was)",
        "Stellungnahme der Verwaltung",
        "Beschlussvorschlag",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 6 and [r[0] for r in rows] == [str(n) for n in range(1, 7)]
    assert all(r[3] == "" for r in rows)  # the administration's statement: left for the administration
    assert all(r[4] == "☐ berücksichtigt\n☐ teilweise berücksichtigt\n☐ nicht berücksichtigt" for r in rows)
    assert rows[0][1] == "1. Präambel"
    assert rows[0][2].startswith("Stadt Kamen, ") and "Bitte die Einwohnerzahl" in rows[0][2]
    assert any(r[2].startswith("AWO Unterbezirk, ") and "Bitte die Einwohnerzahl" in r[2] for r in rows)
    assert any("Ersetzung „400.000“ durch „395.000“" in r[2] for r in rows)
    assert any(
        r[1] == "5. Informations- und Abstimmungsprozess" and "Einfügung „ und den Integrationsräten“" in r[2]
        for r in rows
    )
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Abwägungstabelle: Integrationskonzept Kreis Unna\tKreis Unna"


def test_a_copy_without_remarks(run_cli, returned):
    folder, _ = returned
    result = run_cli("feedback", str(UNNA), str(folder / "konzept.docx"))
    assert result.returncode == 0
    assert "0 Anmerkungen" in result.stdout and "Keine Kommentare und keine nachverfolgten Änderungen" in result.stdout


def test_unusable_returns_are_refused_in_german(run_cli, tmp_path, returned):
    result = run_cli("feedback", str(UNNA), str(tmp_path / "fehlt.docx"))
    assert result.returncode == 2 and "gibt es nicht" in result.stderr and "Traceback" not in result.stderr
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"kein zip")
    result = run_cli("feedback", str(UNNA), str(broken))
    assert result.returncode == 2 and "keine lesbare Word-Datei" in result.stderr
    text = tmp_path / "antwort.txt"
    text.write_text("Anmerkung", encoding="utf-8")
    result = run_cli("feedback", str(UNNA), str(text))
    assert result.returncode == 2 and "keine Word-Datei (.docx)" in result.stderr
    _, paths = returned
    result = run_cli("feedback", str(UNNA), str(paths[0]), "-o", str(paths[0]))
    assert result.returncode == 2 and "Rücklauf (Eingabe)" in result.stderr


def test_vorlage_names_the_feedback_and_the_abwaegungstabelle(run_cli, returned, tmp_path):
    _, paths = returned
    out = tmp_path / "vorlage.docx"
    result = run_cli(
        "vorlage",
        str(UNNA),
        "--step",
        "kreistag",
        "--date",
        "2027-06-01",
        "-o",
        str(out),
        *[arg for path in paths for arg in ("--feedback", str(path))],
    )
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert (
        "Aus der Beteiligung liegen 6 Anmerkungen (Kommentare und Änderungen) vor, von Stadt Kamen, "
        "AWO Unterbezirk, Stadt Bergkamen."
    ) in text
    assert "Abwägungstabelle (Anlage 2)" in text
    assert "2.\tAbwägungstabelle: Stellungnahmen aus der Beteiligung mit Stellungnahme der Verwaltung" in text


def test_moved_text_is_listed_at_both_places(tmp_path, returned):
    """Word writes a move as w:moveFrom (old place) and w:moveTo (new place)."""
    from integconcept.drafting.feedback import read_file

    folder, _ = returned
    document = docx.Document(str(folder / "konzept.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    source, target = paragraphs[10], paragraphs[12]

    def wrap(tag: str, text: str):
        element = OxmlElement(tag)
        element.set(qn("w:id"), "700")
        element.set(qn("w:author"), "Kreis Redaktion")
        element.set(qn("w:date"), "2027-06-01T08:00:00Z")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        run.append(t)
        element.append(run)
        return element

    source._p.append(wrap("w:moveFrom", " Verschobener Satz."))
    target._p.append(wrap("w:moveTo", " Verschobener Satz."))
    path = tmp_path / "verschoben.docx"
    document.save(str(path))
    remarks, texts = read_file(str(path))
    kinds = [(r.kind, r.author, r.date) for r in remarks]
    assert kinds == [("moved_from", "Kreis Redaktion", "2027-06-01"), ("moved_to", "Kreis Redaktion", "2027-06-01")]
    assert remarks[0].what() == "„ Verschobener Satz.“ von hier verschoben"
    # the paragraphs as they read before the move: the sentence at its old place, not yet at the new one
    assert texts[remarks[0].paragraph - 1].endswith("Verschobener Satz.")
    assert "Verschobener Satz" not in texts[remarks[1].paragraph - 1]

"""``render -o`` by the name's ending (a clerk writing ``-o konzept.pdf`` gets a PDF), and the document's
keywords as LibreOffice carries them into the PDF (issue 27)."""

from __future__ import annotations

import os
import shutil
import subprocess

import docx
import pytest

from .conftest import UNNA


def _needs_libreoffice() -> None:
    """Skip with a visible reason when LibreOffice or poppler is missing; fail instead under CI=true."""
    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import check_pdf_tools

    missing = None
    if shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        missing = "LibreOffice (soffice) oder pdfinfo (poppler) fehlt"
    else:
        try:
            check_pdf_tools()
        except RenderError as exc:
            missing = f"LibreOffice ist nicht nutzbar: {exc}"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing + " (CI=true: LibreOffice ist dort Pflicht)")
        pytest.skip(missing)


@pytest.mark.parametrize(
    "name, why",
    [
        ("konzept.doc", "das alte Word-Format .doc"),
        ("konzept.odt", "OpenDocument (.odt)"),
        ("konzept.rtf", "RTF"),
        ("konzept.txt", "eine Datei .txt"),
        ("konzept", "keine Endung"),
    ],
)
def test_an_output_name_that_is_neither_docx_nor_pdf_is_refused_with_the_suggestion(run_cli, tmp_path, name, why):
    out = tmp_path / name
    result = run_cli("render", str(UNNA), "-o", str(out))
    assert result.returncode == 2
    assert why in result.stderr
    stem = str(tmp_path / "konzept")
    assert f"„-o {stem}.docx“ oder „-o {stem}.pdf“" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, no Word document under a wrong name


def test_a_pdf_name_writes_only_the_pdf(run_cli, tmp_path):
    _needs_libreoffice()
    out = tmp_path / "konzept.pdf"
    result = run_cli("render", str(UNNA), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "PDF-Datei geschrieben" in result.stdout and "Word-Dokument geschrieben" not in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["konzept.pdf"]
    assert out.read_bytes().startswith(b"%PDF-")  # a real PDF, not a Word document named .pdf
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Integrationskonzept Kreis Unna" in info
    # the legal basis stays one keyword: "§ 7 TIntG NRW 2012", not "§, 7, TIntG, NRW, 2012"
    keywords = next(line for line in info.splitlines() if line.startswith("Keywords:"))
    parts = [part.strip().replace("\u00a0", " ") for part in keywords.split(":", 1)[1].split(",")]
    # the last keyword marks the PDF as written by render --pdf (core/replace.py; the DOCX does not carry it)
    assert parts == ["Integrationskonzept", "§ 7 TIntG NRW 2012", "erstellt mit integconcept"]


def test_docx_with_pdf_flag_still_writes_both(run_cli, tmp_path):
    _needs_libreoffice()
    result = run_cli("render", str(UNNA), "-o", str(tmp_path / "k.docx"), "--pdf")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.docx", "k.pdf"]


def test_the_docx_keywords_keep_the_legal_basis_together(tmp_path):
    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    result = validate_file(str(UNNA))
    out = tmp_path / "k.docx"
    out.write_bytes(render_concept(result.concept, None).data)
    keywords = docx.Document(str(out)).core_properties.keywords
    assert keywords.split("; ") == ["Integrationskonzept", "§\u00a07\u00a0TIntG\u00a0NRW\u00a02012"]


def test_tables_formatted_as_written_equal_formatting_the_finished_table(monkeypatch):
    """The cells of the population table (9.5 pt), the KI matrix (9 pt, compact spacing) and the steps
    (10.5 pt) get their format as they are written (Emitter.cell_format, with ready-formatted rows and list
    items); the general way formats the finished table (tables.font_size). Both give the same document,
    byte for byte: for every example, and for a concept whose matrix and steps hold everything a cell can
    (bold and italic, a footnote, a line break, numbered and nested lists, continuation paragraphs, empty
    cells, a goal spanning the columns, recipients and notes)."""
    from pathlib import Path

    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept
    from integconcept.render.sections import Sections

    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
    concepts = [validate_file(str(path)).concept for path in examples]
    rich = validate_file(str(UNNA)).concept.model_copy(deep=True)
    group = rich.ki_tasks.groups[0]
    group.focus_goal = ["Ziel mit **fett** und *kursiv*^[Eine Fußnote im Ziel]"]
    group.sub_goals = ["1. erstes\n2. zweites\n   - darunter", "Zeile\\\numgebrochen"]
    area = group.areas[0]
    area.topics = ["- Punkt\n\n  Fortsetzung des Punkts", "Thema^[Fußnote mit **fett**]", "10 Schulen"]
    area.products = []
    area.memberships = ["Mitglied *im* Netz", "- a\n  - b\n    - c"]
    group.areas[-1].moderated_networks = ["   ", "\\* kein Punkt"]
    step = rich.approval_process.steps[0]
    step.description = "**Beratung**^[Fußnote im Schritt]\n\n- erster\n- *zweiter*\n\nSchluss\\\nZeile"
    step.recipients = ["Kreistag", "Ausschuss für *Soziales*", "1. Liste"]
    step.note = "Notiz mit Fußnote^[im Vermerk]"
    concepts.append(rich)

    for concept in concepts:
        inline = render_concept(concept).data
        with monkeypatch.context() as patch:
            patch.setattr(Sections, "INLINE_CELL_FORMAT", False)
            general = render_concept(concept).data
        assert inline == general, concept.title


def test_render_reads_the_concept_without_pydantic_and_writes_the_same_document(tmp_path):
    """``render`` checks the file into the plain classes (document/plain.py: no pydantic, no model at
    start-up); the document is the one the model's concept gives, byte for byte, for every example and the
    rich test concept, and with a text XML cannot hold (control characters and U+FFFE from YAML escapes:
    cleaned as before, through the model; the loader refuses a lone surrogate)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from integconcept.commands.validate import validate_file
    from integconcept.document.plain import PlainModel
    from integconcept.render import render_concept

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "examples").glob("*.yaml")) + [root / "tests" / "data" / "render-rich.yaml"]
    unsafe = tmp_path / "steuerzeichen.yaml"
    unsafe.write_text(
        UNNA.read_text(encoding="utf-8").replace(
            "title: Integrationskonzept Kreis Unna\n", 'title: "Integrations\\x01konzept\\x0b\\uFFFE Kreis Unna"\n', 1
        ),
        encoding="utf-8",
    )
    for path in [*files, unsafe]:
        plain = validate_file(str(path), plain=True).concept
        model = validate_file(str(path)).concept
        assert isinstance(plain, PlainModel) and not isinstance(model, PlainModel)
        assert render_concept(plain, base_dir=path.parent).data == render_concept(model, base_dir=path.parent).data
    assert docx.Document(str(_render_cli(unsafe, tmp_path))).core_properties.title == "Integrationskonzept Kreis Unna"

    probe = (
        "import json, os, sys\n"
        f"sys.argv = ['integconcept', 'render', {str(UNNA)!r}, '-o', {str(tmp_path / 'p.docx')!r}]\n"
        "os._exit = lambda code: (print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr), sys.exit(code))\n"
        "from integconcept.cli.console import run\nrun()\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, timeout=300)
    code, modules = json.loads(out.stderr.strip().splitlines()[-1])
    assert code == 0 and (tmp_path / "p.docx").exists(), out.stderr
    assert "pydantic" not in modules and "integconcept.document.model" not in modules


def _render_cli(path, folder):
    """``integconcept render PATH -o …`` through the command line; the written document."""
    import subprocess
    import sys

    target = folder / f"{path.stem}.docx"
    subprocess.run(
        [sys.executable, "-m", "integconcept", "render", str(path), "-o", str(target)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return target

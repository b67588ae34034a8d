"""No command replaces a file the user did not mean to replace (issue 20, item 1).

``timeline plan … -o konzept.yaml`` replaced an 834-line concept with a 1.4 KB plan, exit 0. Every command
that writes an output now replaces an existing file only when it is an earlier output of integconcept
(recognised by the marker each output carries), any other file only with --force, a concept file never.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import UNNA
from .libreoffice import convert

ROOT = Path(__file__).resolve().parents[1]
NOTES = b"Meine Notizen zum Gremienlauf\n"


@pytest.fixture
def concept(tmp_path) -> Path:
    path = tmp_path / "konzept.yaml"
    shutil.copy(UNNA, path)
    return path


def _refused(result, path: Path, before: bytes, says: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert says in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_plan_output_never_replaces_the_concept_file(run_cli, concept):
    """The finding itself: the README calls the plan "zum Einfügen in die Konzeptdatei"."""
    before = concept.read_bytes()
    for extra in ([], ["--force"]):
        result = run_cli(
            "timeline", "plan", "--council-date", "2012-10-30", "--format", "yaml", "-o", str(concept), *extra
        )
        _refused(result, concept, before, "ist eine Konzeptdatei; sie wird nie durch eine Ausgabe ersetzt")


def test_plan_for_a_concept_never_replaces_another_concept(run_cli, concept, tmp_path):
    other = tmp_path / "fortschreibung.yaml"
    shutil.copy(UNNA, other)
    before = other.read_bytes()
    result = run_cli("timeline", "plan", "-d", "2012-10-30", str(concept), "-f", "yaml", "-o", str(other))
    _refused(result, other, before, "ist eine Konzeptdatei")


def test_plan_replaces_a_foreign_file_only_with_force(run_cli, tmp_path):
    out = tmp_path / "plan.txt"
    out.write_bytes(NOTES)
    result = run_cli("timeline", "plan", "-d", "2012-10-30", "-o", str(out))
    _refused(result, out, NOTES, "keine frühere Ausgabe von integconcept")
    assert "--force" in result.stderr
    result = run_cli("timeline", "plan", "-d", "2012-10-30", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("Vorschlag Gremienlauf bis 30.10.2012")


@pytest.mark.parametrize("first, second", [("yaml", "yaml"), ("text", "json"), ("json", "ics"), ("ics", "yaml")])
def test_an_earlier_plan_is_replaced(run_cli, tmp_path, first, second):
    out = tmp_path / "plan.out"
    assert run_cli("timeline", "plan", "-d", "2012-10-30", "-f", first, "-o", str(out)).returncode == 0
    result = run_cli("timeline", "plan", "-d", "2014-11-27", "-f", second, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "2014" in out.read_text(encoding="utf-8")


def test_a_plan_made_into_a_concept_is_no_longer_a_plan(run_cli, tmp_path):
    """A user who started a concept from the plan's YAML (its marker comment still on top) keeps it."""
    out = tmp_path / "neu.yaml"
    assert run_cli("timeline", "plan", "-d", "2012-10-30", "-f", "yaml", "-o", str(out)).returncode == 0
    grown = out.read_bytes() + b"notes:\n  - Eigene Ergaenzung\n"
    out.write_bytes(grown)
    result = run_cli("timeline", "plan", "-d", "2014-11-27", "-f", "yaml", "-o", str(out))
    _refused(result, out, grown, "keine frühere Ausgabe")


def test_timeline_report_never_replaces_another_concept_or_foreign_file(run_cli, concept, tmp_path):
    other = tmp_path / "andere.yaml"
    shutil.copy(UNNA, other)
    before = other.read_bytes()
    _refused(
        run_cli("timeline", str(concept), "-f", "json", "-o", str(other), "--force"),
        other,
        before,
        "ist eine Konzeptdatei",
    )
    notes = tmp_path / "gremienlauf.txt"
    notes.write_bytes(NOTES)
    _refused(run_cli("timeline", str(concept), "-o", str(notes)), notes, NOTES, "keine frühere Ausgabe")
    own = tmp_path / "g.ics"
    for _ in range(2):  # an earlier report is replaced
        assert run_cli("timeline", str(concept), "-f", "ics", "-o", str(own)).returncode == 0


@pytest.mark.parametrize("format", ["text", "json", "docx"])
def test_diff_output_replaces_only_an_earlier_diff(run_cli, concept, tmp_path, format):
    changed = tmp_path / "neu.yaml"
    changed.write_text(concept.read_text(encoding="utf-8").replace("Kreis Unna", "Kreis Unna (neu)"), encoding="utf-8")
    out = tmp_path / f"synopse.{'docx' if format == 'docx' else 'txt'}"
    out.write_bytes(NOTES)
    _refused(
        run_cli("diff", str(concept), str(changed), "-f", format, "-o", str(out)), out, NOTES, "keine frühere Ausgabe"
    )
    out.unlink()
    for _ in range(2):
        result = run_cli("diff", str(concept), str(changed), "-f", format, "-o", str(out))
        assert result.returncode == 1, result.stderr
    assert out.read_bytes() != NOTES
    before = changed.read_bytes()
    _refused(
        run_cli("diff", str(concept), str(UNNA), "-o", str(changed), "--force"),
        changed,
        before,
        "ist eine Konzeptdatei",
    )


def _word_saved(data: bytes, application: bytes = b"Microsoft Office Word") -> bytes:
    """``data`` as if a person had opened and saved it in Word (Word writes its own name into app.xml)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "docProps/app.xml":
                part = part.replace(
                    b"<Application>integconcept</Application>", b"<Application>" + application + b"</Application>"
                )
            target.writestr(info, part)
    return out.getvalue()


def test_render_replaces_its_own_document_but_not_one_saved_in_word(run_cli, concept, tmp_path):
    out = tmp_path / "konzept.docx"
    assert run_cli("render", str(concept), "-o", str(out)).returncode == 0
    with zipfile.ZipFile(out) as archive:
        assert b"<Application>integconcept</Application>" in archive.read("docProps/app.xml")
    result = run_cli("render", str(concept), "-o", str(out))  # the earlier output: replaced
    assert result.returncode == 0, result.stderr
    edited = _word_saved(out.read_bytes())
    out.write_bytes(edited)
    _refused(run_cli("render", str(concept), "-o", str(out)), out, edited, "keine frühere Ausgabe")
    result = run_cli("render", str(concept), "-o", str(out), "--force")
    assert result.returncode == 0 and out.read_bytes() != edited


def test_render_never_replaces_the_word_original(run_cli, concept, tmp_path):
    """The Word file a concept was imported from (here: a Word document that integconcept did not write)."""
    original = tmp_path / "Integrationskonzept.docx"
    shutil.copy(ROOT / "integconcept" / "data" / "default-template.docx", original)
    before = original.read_bytes()
    _refused(run_cli("render", str(concept), "-o", str(original)), original, before, "keine frühere Ausgabe")


def test_render_pdf_never_replaces_a_foreign_pdf_beside_the_document(run_cli, concept, tmp_path):
    """``--pdf`` writes NAME.pdf beside NAME.docx: a published PDF of that name is not replaced."""
    published = tmp_path / "konzept.pdf"
    published.write_bytes(b"%PDF-1.7\n% vom Kreistag beschlossene Fassung\n/Producer (Microsoft Word)\n%%EOF\n")
    before = published.read_bytes()
    # refused before LibreOffice is looked for or started: no LibreOffice needed here
    result = run_cli(
        "render",
        str(concept),
        "-o",
        str(tmp_path / "konzept.docx"),
        "--pdf",
        env={"INTEGCONCEPT_SOFFICE": str(tmp_path / "fehlt" / "soffice")},
    )
    _refused(result, published, before, "keine frühere Ausgabe")
    assert not (tmp_path / "konzept.docx").exists()


def test_recognisers():
    from integconcept.core.replace import PDF_MARKS, is_own_output, looks_like_concept

    assert looks_like_concept(UNNA.read_text(encoding="utf-8")[:4000])
    assert not looks_like_concept("approval_process:\n  steps: []\n")
    pdf_like = b"%PDF-1.7\n" + b"x" * (3 * 1024 * 1024) + b"".join(PDF_MARKS)  # the marks deep in the file
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.pdf"
        path.write_bytes(pdf_like)
        assert is_own_output(path)
        path.write_bytes(pdf_like[: -len(PDF_MARKS[-1])])
        assert not is_own_output(path)
        path = Path(folder) / "a.docx"
        path.write_bytes(b"PK\x03\x04 kein ZIP")
        assert not is_own_output(path)


def test_import_never_replaces_a_file_that_appears_while_importing(tmp_path, monkeypatch):
    """The check "does the output exist?" came seconds before the write; a file saved there meanwhile (the
    user's own draft, Word's autosave) was replaced. Now the draft is linked into place only if nothing is there."""
    from integconcept.commands import importing
    from integconcept.wordimport import WordImportError

    from .import_helpers import typed_concept

    word = typed_concept(tmp_path / "konzept.docx")
    out = tmp_path / "konzept.yaml"
    real = importing.import_word

    def slow_import(source, path):
        result = real(source, path)
        out.write_bytes(NOTES)  # someone saves a file under that name meanwhile
        return result

    monkeypatch.setattr(importing, "import_word", slow_import)
    with pytest.raises(WordImportError) as caught:
        importing.write_import(str(word), str(out))
    assert "während des Imports entstanden" in caught.value.message
    assert out.read_bytes() == NOTES
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_init_dash_is_refused_and_creates_nothing(run_cli, tmp_path):
    result = run_cli(
        "init", "-", "--authority", "Kreis Test", "--kind", "kreis", "--basis", "tintg2022-p8", cwd=tmp_path
    )
    assert result.returncode == 2 and "„-“ (Standardausgabe) ist dafür nicht möglich" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [["timeline", str(UNNA), "-f", "json"], ["timeline", "plan", "-d", "2012-10-30"], ["diff", str(UNNA), str(UNNA)]],
)
def test_output_dash_is_the_standard_output(run_cli, tmp_path, args):
    """As for the inputs of fmt and diff: "-" is the standard stream, never a file named "-"."""
    result = run_cli(*args, "-o", "-", cwd=tmp_path)
    assert result.returncode in (0, 1) and result.stdout.strip(), result.stderr
    assert list(tmp_path.iterdir()) == []
    result = run_cli("diff", str(UNNA), str(UNNA), "-f", "docx", "-o", "-", cwd=tmp_path)
    assert result.returncode == 2 and "Standardausgabe" in result.stderr and list(tmp_path.iterdir()) == []


def test_render_pdf_replaces_its_own_earlier_pdf(run_cli, tmp_path):
    """The PDF is recognised by what the export writes (PDF/A-2 and PDF/UA from LibreOffice Writer)."""
    import os

    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import check_pdf_tools

    try:
        check_pdf_tools()
    except RenderError:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice fehlt (auf CI Pflicht)")
        pytest.skip("LibreOffice (soffice) fehlt")
    concept = ROOT / "examples" / "kreis-soest-2013.yaml"
    out = tmp_path / "soest.pdf"
    for _ in range(2):
        result = run_cli("render", str(concept), "-o", str(out))
        assert result.returncode == 0, result.stderr
    from integconcept.core.replace import is_own_output

    assert is_own_output(out)


def test_render_pdf_never_replaces_a_pdf_a_the_user_exported_from_libreoffice(run_cli, tmp_path):
    """Issue 20.6: the marker was what LibreOffice writes for any PDF/A-2 + PDF/UA export from Writer, so the
    user's own export (here even of a rendered DOCX) counted as an earlier output and ``render -o their.pdf``
    replaced it. The export of ``render --pdf`` adds a keyword the DOCX does not carry."""
    import os

    from integconcept.render.errors import RenderError
    from integconcept.render.pdf import check_pdf_tools

    try:
        check_pdf_tools()
    except RenderError:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice fehlt (auf CI Pflicht)")
        pytest.skip("LibreOffice (soffice) fehlt")
    concept = ROOT / "examples" / "kreis-soest-2013.yaml"
    docx = tmp_path / "soest.docx"
    assert run_cli("render", str(concept), "-o", str(docx)).returncode == 0
    options = (
        '{"SelectPdfVersion":{"type":"long","value":"2"},"PDFUACompliance":{"type":"boolean","value":"true"},'
        '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    )
    convert([docx], f"pdf:writer_pdf_Export:{options}", tmp_path / "eigen", tmp_path / "profil")
    theirs = tmp_path / "eigen" / "soest.pdf"
    before = theirs.read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in before and b"<pdfuaid:part>1</pdfuaid:part>" in before  # PDF/A + UA
    result = run_cli("render", str(concept), "-o", str(theirs))
    assert result.returncode == 2, result.stderr
    assert theirs.read_bytes() == before
    assert "--force" in result.stderr


def test_fmt_never_replaces_a_version_saved_while_it_formatted(tmp_path, monkeypatch):
    """fmt read the file, formatted it and replaced it: a version saved meanwhile (an editor, Word's
    autosave of a synced folder) was lost. Now the file is compared before it is replaced."""
    from integconcept.drafting import fmt
    from integconcept.drafting.fmt import FormatError

    path = tmp_path / "konzept.yaml"
    path.write_text(
        UNNA.read_text(encoding="utf-8").replace(
            "  name: Kreis Unna\n  kind: kreis\n", "  kind: kreis\n  name: Kreis Unna\n"
        ),
        encoding="utf-8",
    )
    saved = UNNA.read_bytes() + b"# am Bildschirm ergaenzt\n"
    real = fmt.format_text

    def format_while_saving(text, *, name):
        result = real(text, name=name)
        path.write_bytes(saved)
        return result

    monkeypatch.setattr(fmt, "format_text", format_while_saving)
    with pytest.raises(FormatError) as caught:
        fmt.format_file(str(path))
    assert "während des Formatierens geändert" in caught.value.message
    assert path.read_bytes() == saved


def test_plan_into_never_replaces_a_version_saved_meanwhile(tmp_path, monkeypatch):
    import datetime as dt
    import re

    from integconcept.commands import plan
    from integconcept.core.errors import UserError
    from integconcept.drafting import plan_into

    path = tmp_path / "konzept.yaml"
    path.write_text(re.sub(r"2012-([01]\d)", r"2099-\1", UNNA.read_text(encoding="utf-8")), encoding="utf-8")
    saved = path.read_bytes() + b"# gerade gespeichert\n"
    real = plan_into.plan_into_text

    def plan_while_saving(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_bytes(saved)
        return result

    monkeypatch.setattr(plan_into, "plan_into_text", plan_while_saving)
    with pytest.raises(UserError) as caught:
        plan.plan_into_file(
            plan.PlanRequest("2099-10-30", str(path)),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
            today=dt.date(2099, 1, 1),
        )
    assert "während der Planung geändert" in caught.value.message
    assert path.read_bytes() == saved


@pytest.mark.parametrize("args", [["timeline", "plan", "-d", "2012-10-30", "-"]])
def test_dash_as_input_of_a_command_that_reads_files_says_so(run_cli, tmp_path, args):
    result = run_cli(*args, cwd=tmp_path)
    assert (
        result.returncode == 2
        and "„-“ (die Standardeingabe) lesen nur validate, timeline, render, fmt und diff"
        in (result.stdout + result.stderr)
    )
    assert list(tmp_path.iterdir()) == []


UNNA_BYTES = UNNA.read_bytes()
BROKEN = UNNA_BYTES.replace(b"title: ", b"title: [offen", 1)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom"])
def test_validate_reads_the_concept_from_standard_input_as_fmt_and_diff_do(run_cli, tmp_path, encoding):
    """Issue 20.6: ``validate -`` was refused while fmt and diff read standard input; now it reads it (UTF-8,
    with or without a BOM, as a file), and every place names „<Standardeingabe>“."""
    data = (b"\xef\xbb\xbf" if encoding == "utf-8-bom" else b"") + UNNA_BYTES
    from_file = run_cli("validate", str(UNNA), "-f", "json")
    from_stdin = run_cli("validate", "-", "-f", "json", cwd=tmp_path, stdin=data)
    assert from_stdin.returncode == from_file.returncode, from_stdin.stderr
    import json

    findings = json.loads(from_stdin.stdout)["files"][0]
    assert findings["file"] == "<Standardeingabe>"
    expected = json.loads(from_file.stdout)["files"][0]["findings"]
    assert [(f["code"], f["line"]) for f in findings["findings"]] == [(f["code"], f["line"]) for f in expected]
    broken = run_cli("validate", "-", cwd=tmp_path, stdin=BROKEN)
    as_file = tmp_path.parent / f"kaputt-{encoding}.yaml"
    as_file.write_bytes(BROKEN)
    expected_place = run_cli("validate", str(as_file)).stdout.split(": ", 1)[0].replace(str(as_file), "")
    assert expected_place.startswith(":") and expected_place.count(":") == 2  # :line:column
    assert broken.returncode == 2 and broken.stdout.startswith(f"<Standardeingabe>{expected_place}: Y001"), (
        broken.stdout
    )
    assert list(tmp_path.iterdir()) == []


def test_standard_input_named_twice_is_refused_before_anything_is_read(run_cli, tmp_path):
    """``validate - -`` read the concept once and reported the second „-“ as an empty file (Y004); now it is
    refused as a usage error (exit 2) that says how to call it, and nothing is checked."""
    result = run_cli("validate", "-", str(UNNA), "-", cwd=tmp_path, stdin=UNNA_BYTES)
    assert result.returncode == 2
    assert "„-“ (die Standardeingabe) ist mehrmals angegeben" in result.stderr
    assert "Y004" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_cp1252_concept_on_standard_input_is_refused_at_its_place(run_cli, tmp_path):
    """As a file in cp1252: F005 with line and column of the first byte that is no UTF-8, exit 2."""
    data = UNNA_BYTES.decode("utf-8").encode("cp1252", errors="replace")
    offset = next(i for i, b in enumerate(data) if b >= 0x80)
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    result = run_cli("validate", "-", cwd=tmp_path, stdin=data)
    assert result.returncode == 2
    assert result.stdout.startswith(f"<Standardeingabe>:{line}:{column}: F005 Die Eingabe ist nicht in UTF-8")


def test_timeline_and_render_read_standard_input_too(run_cli, tmp_path):
    timeline = run_cli("timeline", "-", "-f", "json", cwd=tmp_path, stdin=UNNA_BYTES)
    assert timeline.returncode in (0, 1), timeline.stderr
    import json

    assert json.loads(timeline.stdout)["file"] == "<Standardeingabe>"
    assert json.loads(timeline.stdout)["steps"]
    rendered = run_cli("render", "-", "-o", "k.docx", cwd=tmp_path, stdin=UNNA_BYTES)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "k.docx").read_bytes()[:2] == b"PK"


def test_render_to_dash_is_refused_without_a_file_named_dash(run_cli, tmp_path):
    result = run_cli("render", str(UNNA), "-o", "-", cwd=tmp_path)
    assert result.returncode == 2 and "„-“ (die Standardausgabe) ist dafür nicht möglich" in result.stderr
    assert list(tmp_path.iterdir()) == []

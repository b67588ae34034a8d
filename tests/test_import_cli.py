"""integconcept import as a user runs it: summary, exit codes, refusals, never overwriting."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from .import_helpers import styled_concept, typed_concept


@pytest.fixture
def word(tmp_path) -> str:
    return str(typed_concept(tmp_path / "konzept.docx"))


def test_import_writes_a_valid_draft_and_prints_a_german_summary(run_cli, word, tmp_path):
    out = tmp_path / "konzept.yaml"
    result = run_cli("import", word, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Erkannt:" in result.stdout and "Abschnitt „Präambel“ → Präambel (preamble)" in result.stdout
    assert "Gremienlauf: 5 Schritte, davon 2 ohne genauen Tag" in result.stdout
    assert "Bitte prüfen (in der Datei mit „# import:“ markiert):" in result.stdout
    assert f"Konzeptdatei geschrieben: {out}" in result.stdout
    assert re.search(r"Prüfung der neuen Datei: 0 Fehler, \d+ Warnungen? und \d+ Hinweise?", result.stdout)
    text = out.read_text(encoding="utf-8")
    assert "\n# Entwurf, erzeugt von „integconcept import“" in text
    assert text.startswith("# Für Ergänzungen im Editor:")  # no schemas/ folder above tmp_path: how to get one
    checked = run_cli("validate", str(out))
    assert checked.returncode == 0, checked.stdout  # schema-valid; in this draft the rules only warn
    assert not re.search(r": [FYS]\d{3} ", checked.stdout)
    formatted = run_cli("fmt", "--check", str(out))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr  # already in canonical form


def test_existing_output_is_never_overwritten(run_cli, word, tmp_path):
    out = tmp_path / "konzept.yaml"
    out.write_text("# meine Arbeit\n", encoding="utf-8")
    result = run_cli("import", word, "-o", str(out))
    assert result.returncode == 2
    assert "gibt es schon; import überschreibt nie eine vorhandene Datei" in result.stderr
    assert out.read_text(encoding="utf-8") == "# meine Arbeit\n"


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "soffice --headless --convert-to docx"),
        ("alt.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "altes Word-Dokument (.doc)"),
        ("text.docx", b"Das ist kein Word-Dokument.", "kein ZIP-Paket"),
        ("archiv.docx", None, "kein Word-Dokument (word/document.xml fehlt)"),
        ("kaputt.docx", "truncated", "beschädigt"),
        ("fehlt.docx", "missing", "gibt es nicht"),
        ("leer.docx", "empty", "enthält keinen Text"),
    ],
)
def test_unusable_inputs_exit_2_with_a_german_message(run_cli, tmp_path, word, name, content, expected):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hallo")
    elif content == "truncated":
        data = Path(word).read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
            for item in source.infolist():
                body = source.read(item)
                target.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
        path.write_bytes(buffer.getvalue())
    elif content == "empty":
        import docx

        docx.Document().save(path)
    elif content != "missing":
        path.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = run_cli("import", str(path), "-o", str(out))
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr
    assert result.stderr.startswith("Fehler: ")
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists()


def test_odt_gets_the_conversion_command(run_cli, tmp_path):
    odt = tmp_path / "konzept.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    result = run_cli("import", str(odt), "-o", str(tmp_path / "k.yaml"))
    assert result.returncode == 2
    assert "soffice --headless --convert-to docx „konzept.odt“" in result.stderr


def test_output_must_be_yaml_in_an_existing_folder_and_not_the_input(run_cli, tmp_path):
    word = str(styled_concept(tmp_path / "k.docx"))
    for output, message in (
        (str(tmp_path / "k.txt"), "muss auf .yaml enden"),
        (str(tmp_path / "fehlt" / "k.yaml"), "existiert nicht"),
    ):
        result = run_cli("import", word, "-o", output)
        assert result.returncode == 2 and message in result.stderr
    assert Path(word).exists()


def test_import_without_output_option_is_a_usage_error(run_cli, word):
    result = run_cli("import", word)
    assert result.returncode == 2
    assert "Die Option „--output“ muss angegeben werden" in result.stderr or "--output" in result.stderr

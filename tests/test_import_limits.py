"""Issue 20.2: the import's resource limits are checked before the work they protect.

Each hostile file is refused with a German message and exit code 2, nothing written, and – run under an
address-space limit – without exhausting memory (before the fix a 55 KB .docx with a gridSpan of
2,000,000,000 grew past 22 GB, /dev/zero was read to the end)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from integconcept.wordimport import limits

ROOT = Path(__file__).resolve().parent.parent


def _docx_bytes(body_xml: str) -> bytes:
    """A python-docx document whose body is replaced by ``body_xml`` (WordprocessingML)."""
    import docx

    document = docx.Document()
    document.add_heading("Präambel", 1)
    document.add_paragraph("Text.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:body>") + len("<w:body>")
                end = text.index("<w:sectPr")
                data = (text[:start] + body_xml + text[end:]).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


_HEAD = '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Präambel</w:t></w:r></w:p>'


def _cell(text: str = "x", props: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _table(rows: list[str]) -> str:
    return "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def _nested(depth: int) -> str:
    inner = "<w:p><w:r><w:t>innen</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return inner


def _run(args: list[str], memory: int | None = None) -> subprocess.CompletedProcess:
    """The real command line, optionally under an address-space limit (POSIX ``resource``)."""
    preexec = None
    if memory is not None:
        import resource

        def preexec():  # noqa: F811
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "integconcept", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        preexec_fn=preexec,
    )


HOSTILE = {
    "grid_span": (
        lambda: _docx_bytes(_HEAD + _table([_cell("a", '<w:gridSpan w:val="2000000000"/>') + _cell()] * 3)),
        "Zeile 1 reicht über 2.000.000.000 Spalten",
    ),
    "many_rows": (
        lambda: _docx_bytes(_HEAD + _table([_cell()] * (limits.MAX_TABLE_ROWS + 1))),
        "Zeilen (höchstens 20.000)",
    ),
    "nesting": (lambda: _docx_bytes(_HEAD + _nested(limits.MAX_TABLE_DEPTH + 1)), "geschachtelt"),
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_document_limits_refuse_before_the_work(tmp_path, shape):
    build, expected = HOSTILE[shape]
    word = tmp_path / f"{shape}.docx"
    word.write_bytes(build())
    out = tmp_path / "out.yaml"
    result = _run(["import", str(word), "-o", str(out)])
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("Fehler: ") and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="resource.setrlimit gibt es unter Windows nicht")
def test_the_gridspan_bomb_stays_within_400_mb_of_address_space(tmp_path):
    """The 55 KB file of the finding under a 1 GB address-space limit: refused, not killed (the interpreter
    with the import's libraries needs roughly 0.5 GB of address space; the bomb once needed 22 GB)."""
    word = tmp_path / "bombe.docx"
    word.write_bytes(_docx_bytes(_HEAD + _table([_cell("a", '<w:gridSpan w:val="2000000000"/>')] * 2000)))
    assert word.stat().st_size < 100_000
    result = _run(["import", str(word), "-o", str(tmp_path / "out.yaml")], memory=1024**3)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Spalten" in result.stderr and "MemoryError" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="resource.setrlimit gibt es unter Windows nicht")
def test_a_small_file_of_many_paragraphs_is_refused_before_parsing(tmp_path):
    """100,001 empty paragraphs (a small file): counted in the unpacked stream and refused before python-docx
    builds the tree (the same shape with 500,000 paragraphs once took 74 s and 1.4 GB)."""
    word = tmp_path / "absaetze.docx"
    word.write_bytes(_docx_bytes(_HEAD + "<w:p/>" * (limits.MAX_PARAGRAPHS + 1)))
    assert word.stat().st_size < 200_000
    result = _run(["import", str(word), "-o", str(tmp_path / "out.yaml")], memory=1024**3)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "mehr als 100.000 Absätze" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="kein /dev/zero auf diesem System")
def test_dev_zero_is_refused_without_reading_it():
    result = _run(["import", "/dev/zero", "-o", "/tmp/nie-geschrieben-integconcept.yaml"], memory=1024**3)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "keine gewöhnliche Datei" in result.stderr
    assert not Path("/tmp/nie-geschrieben-integconcept.yaml").exists()


def test_a_huge_file_is_refused_by_its_size_alone(tmp_path):
    """A sparse file of 300 MB (no disk space used): refused from stat, never read."""
    huge = tmp_path / "riesig.docx"
    with open(huge, "wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    result = _run(["import", str(huge), "-o", str(tmp_path / "out.yaml")])
    assert result.returncode == 2
    assert "zu groß für den Import (höchstens 200 MB)" in result.stderr


def test_package_limits_parts_and_unpacked_xml(tmp_path):
    many = tmp_path / "teile.docx"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
        for index in range(limits.MAX_PARTS + 1):
            archive.writestr(f"word/media/p{index}.bin", b"")
    result = _run(["import", str(many), "-o", str(tmp_path / "a.yaml")])
    assert result.returncode == 2 and "Teilen" in result.stderr, result.stderr
    big = tmp_path / "gross.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (limits.MAX_XML_BYTES + 1) + b"</w:document>")
    assert big.stat().st_size < 1_000_000
    result = _run(["import", str(big), "-o", str(tmp_path / "b.yaml")])
    assert result.returncode == 2 and "„word/document.xml“ wäre entpackt" in result.stderr, result.stderr


def test_a_wide_but_legal_table_still_imports(tmp_path):
    """The limits are far above real documents: a 60-column table with a merged title row imports."""
    word = tmp_path / "breit.docx"
    row = "".join(_cell(str(i)) for i in range(60))
    word.write_bytes(_docx_bytes(_HEAD + _table([_cell("Titel", '<w:gridSpan w:val="60"/>'), row, row])))
    out = tmp_path / "out.yaml"
    result = _run(["import", str(word), "-o", str(out)])
    assert result.returncode == 0, result.stderr
    assert "Titel" in out.read_text(encoding="utf-8")


def test_more_text_than_a_concept_file_may_hold_is_refused(tmp_path):
    """A document with more text than validate reads (5 MB) is refused after reading, with the reason, instead
    of an internal error when the draft is written (found with a 22 MB document)."""
    word = tmp_path / "viel-text.docx"
    paragraph = "<w:p><w:r><w:t>" + "Integration " * 500 + "</w:t></w:r></w:p>"
    word.write_bytes(_docx_bytes(_HEAD + paragraph * 1000))  # 6 MB of text
    result = _run(["import", str(word), "-o", str(tmp_path / "out.yaml")])
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Text; eine Konzeptdatei darf höchstens 5 MB groß sein" in result.stderr
    assert "Interner Fehler" not in result.stderr

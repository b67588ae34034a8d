"""Fuzz suite for ``integconcept import`` (issue 20): no Word file, however hostile or odd, makes the import
fail, hang, change its input or leave a concept file that does not load.

Inputs (:func:`tests.fuzz_strategies.word_mutation`): real-looking Word concepts (the Unna and Soest
examples as rendered, the adopted Unna concept typed as a county would, python-docx documents with typed
headings, styles, text boxes, links, tracked changes, merged rows, the KI task matrix) changed at XML level
(spans of 0 to 2,000,000,000 columns, vertical merges, tables nested up to beyond the limit, paragraphs and
rows repeated, odd and raw control characters in the text, attribute values up to 2 MB, heading styles on
anything, elements deleted, duplicated, moved, added, entities and DTDs, parts cut, empty, UTF-16, 30,000
levels deep), at zip level (parts dropped, duplicated, renamed, added, other compression, 5,001 entries)
and at byte level (cut, corrupted, sizes and methods in the zip headers, bytes before or after); now and
then no Word file at all.

Each runs through ``commands.importing.import_file`` (what ``integconcept import`` runs; its
``UserError`` is what ``cli.main`` prints as „Fehler: …“ with the exit code). What a user would notice:

* exit 0 with a concept file that ``validate`` reads (no syntax or load finding), or exit 2 with a German
  message that names the file, no output file and no English text from a library; never the last-resort
  „interner Fehler“ (a document shape the reader did not expect is a bug);
* the Word file unchanged, no temporary file left; the summary encodes as UTF-8;
* the CPU time within the budget of :mod:`tests.test_fuzz` (2 s in the long profile: README, „Grenzen“:
  refused within a second or two).

The second property runs the text test of :mod:`tests.test_import_characters` (arbitrary Unicode text in
paragraphs, headings and cells → the file loads and keeps the text) under the same profile.

Profiles as in :mod:`tests.test_fuzz`; the long profile writes its figures to
``.hypothesis/fuzz-report-long-import.json`` (or ``INTEGCONCEPT_FUZZ_REPORT``).
"""

from __future__ import annotations

import io
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .fuzz_strategies import mutated_word
from .test_fuzz import ENGLISH, FUZZ, _count, _encodable, _save_input, timed, write_report
from .test_import_characters import TEXT, _import_and_load, _words

LOAD_FINDING = re.compile(r"[FYS]\d{3}")
#: English of the libraries below the import (zipfile, bz2, lzma, lxml, python-docx) that ENGLISH does not name
LIBRARY_ENGLISH = re.compile(r"\b(Invalid|Errno|stream|data|archive|item|named|unsupported|Unsupported|compression)\b")


@pytest.fixture(scope="module", autouse=True)
def _warm_and_report(tmp_path_factory):
    """Build the bases and import one once (start-up is not an input's cost), then write the figures."""
    from integconcept.commands.importing import import_file

    from .fuzz_strategies import import_bases

    folder = tmp_path_factory.mktemp("warm")
    (folder / "warm.docx").write_bytes(import_bases()[0][1])
    import_file(str(folder / "warm.docx"), str(folder / "warm.yaml"), stdout=io.StringIO())
    started = time.time()
    yield
    write_report(started, ("import", "import-text"), "import")


def _outcome(message: str) -> str:
    """The kind of refusal, for the figures: the message's first words without the file name."""
    text = re.sub(r"\d+", "N", re.sub(r"„[^“]*“", "„…“", message))
    return " ".join(text.split()[:6])


@FUZZ
@given(data=mutated_word)
def test_import_never_raises_and_writes_only_loadable_files(tmp_path_factory, data):
    from integconcept.commands.importing import import_file
    from integconcept.commands.validate import validate_file
    from integconcept.core.errors import UserError

    folder = tmp_path_factory.mktemp("i")
    word = folder / "konzept.docx"
    word.write_bytes(data)
    out = folder / "konzept.yaml"
    stdout = io.StringIO()

    def run():
        try:
            return import_file(str(word), str(out), stdout=stdout), ""
        except UserError as exc:  # what cli.main prints as „Fehler: …“ with the exit code
            return exc.exit_code, exc.message

    code, message = timed("import", data, run)
    try:
        assert code in (0, 2), (code, message)
        assert word.read_bytes() == data
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
        _encodable(stdout.getvalue() + message)
        if code == 2:
            _count("import", code, _outcome(message))
            assert not out.exists()
            assert "konzept.docx" in message, message
            assert "interner fehler" not in message.lower(), message
            words = re.sub(r"„[^“]*“", "", message).replace(str(folder), "")  # names and quoted text are not words
            assert not ENGLISH.search(words) and not LIBRARY_ENGLISH.search(words), message
            return
        checked = validate_file(str(out), rules=False)  # loading and the schema; import_file ran the rules
        problems = [f"{f.code} {f.message}" for f in checked.findings if LOAD_FINDING.fullmatch(f.code)]
        _count("import", code, "übernommen" if not problems else "übernommen, Ladefehler")
        assert checked.usable and not problems, problems
    except AssertionError as exc:
        raise AssertionError(f"{exc} – the Word file is saved in {_save_input('import', 'fehler', data)}") from exc


@FUZZ
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_imports_and_the_file_loads(tmp_path_factory, texts):
    """As :func:`tests.test_import_characters.test_any_text_imports_and_the_file_loads`, timed and counted."""
    from integconcept.document import markup
    from integconcept.document.walk import plain_strings

    folder = tmp_path_factory.mktemp("t")
    data, _ = timed(
        "import-text", "\n".join(texts).encode("utf-8", "surrogatepass"), lambda: _import_and_load(folder, texts)
    )
    _count("import-text", 0, "geladen")
    kept = _words(" ".join(markup.plain_text(text) for _, text in plain_strings(data)))
    for text in texts:
        assert _words(text) in kept or not _words(text)

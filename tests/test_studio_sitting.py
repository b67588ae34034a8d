"""The studio's page for the committee papers: returned Word copies read back (Abwägungstabelle) and the
Beschlussvorlage written – the same library functions as ``integconcept feedback`` and ``vorlage``."""

from __future__ import annotations

import io
import re
import shutil

import docx
import pytest

from .conftest import UNNA
from .test_feedback import returned  # noqa: F401  (the fixture: three returned copies of the Unna concept)
from .test_studio import ORIGIN, client

pytest.importorskip("starlette")


@pytest.fixture
def studio(tmp_path):
    target = tmp_path / "kreis-unna-2012.yaml"
    shutil.copy(UNNA, target)
    return client(target)


def _upload(test, *files):
    return test.post(
        "/rueckmeldungen",
        files=[("rueckmeldung", (name, data, "application/octet-stream")) for name, data in files],
        headers=ORIGIN,
        follow_redirects=True,
    )


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_returned_copies_are_listed_in_the_concepts_order_with_who_and_what(studio, returned):  # noqa: F811
    test, session = studio
    _, paths = returned
    page = _upload(test, *((p.name, p.read_bytes()) for p in paths))
    assert page.status_code == 200
    assert "3 Dateien gelesen: 6 Anmerkungen insgesamt." in page.text
    for who in ("Stadt Kamen", "AWO Unterbezirk", "Stadt Bergkamen"):
        assert who in page.text
    assert "Bitte die Einwohnerzahl auf den Stand 2026 bringen." in page.text
    assert "Die Zahl für Lünen ist zu niedrig." in page.text
    numbers = re.findall(r"<tr><td>(\d+)</td>", page.text)
    assert numbers == [str(n) for n in range(1, 7)]
    assert not session.dirty  # reading feedback changes nothing in the concept


def test_two_returns_with_the_same_name_are_kept_apart(studio, returned):  # noqa: F811
    test, _ = studio
    _, paths = returned
    kamen, awo = paths[0].read_bytes(), paths[1].read_bytes()
    page = _upload(test, ("Stellungnahme.docx", kamen), ("Stellungnahme.docx", awo))
    assert "Gelesen: Stellungnahme.docx, Stellungnahme (2).docx." in page.text
    assert "Stadt Kamen" in page.text and "AWO Unterbezirk" in page.text


def test_the_abwaegungstabelle_download_has_one_row_per_remark(studio, returned, run_cli, tmp_path):  # noqa: F811
    test, _ = studio
    _, paths = returned
    _upload(test, *((p.name, p.read_bytes()) for p in paths))
    response = test.get("/abwaegungstabelle")
    assert response.status_code == 200
    assert "abwaegungstabelle.docx" in response.headers["content-disposition"]
    table = docx.Document(io.BytesIO(response.content)).tables[-1]
    assert [row.cells[0].text for row in table.rows] == ["Nr.", "1", "2", "3", "4", "5", "6"]
    # the same table as the command line writes from the same files
    out = tmp_path / "abwaegung.docx"
    assert run_cli("feedback", str(UNNA), *map(str, paths), "-o", str(out)).returncode == 0
    assert _text(response.content) == _text(out.read_bytes())


def test_a_file_that_is_no_word_document_is_refused_in_german_and_nothing_is_kept(studio, returned):  # noqa: F811
    test, session = studio
    _, paths = returned
    _upload(test, (paths[0].name, paths[0].read_bytes()))
    page = _upload(test, ("notizen.txt", b"nur Text"))
    assert page.status_code == 400
    assert "„notizen.txt“ ist keine Word-Datei (.docx)" in page.text
    assert list(session.returns) == [paths[0].name]  # the earlier upload stays, the bad one is not added
    page = _upload(test, ("kaputt.docx", b"PK\x03\x04 kein zip"))
    assert page.status_code == 400 and "„kaputt.docx“ ist keine lesbare Word-Datei" in page.text


def test_the_beschlussvorlage_is_the_one_the_command_line_writes(studio, returned, run_cli, tmp_path):  # noqa: F811
    test, _ = studio
    _, paths = returned
    page = test.get("/sitzung")
    assert '<option value="kreistag">' in page.text
    _upload(test, *((p.name, p.read_bytes()) for p in paths))
    response = test.post(
        "/beschlussvorlage",
        data={"step": "kreistag", "date": "2027-06-01", "with_returns": "1"},
        headers=ORIGIN,
    )
    assert response.status_code == 200, response.text
    assert "beschlussvorlage-kreistag.docx" in response.headers["content-disposition"]
    text = _text(response.content)
    assert "Der Kreistag beschließt" in text
    assert "Abwägungstabelle (Anlage 2)" in text
    out = tmp_path / "vorlage.docx"
    args = ["vorlage", str(UNNA), "--step", "kreistag", "--date", "2027-06-01", "-o", str(out)]
    assert run_cli(*args, *[a for p in paths for a in ("--feedback", str(p))]).returncode == 0
    assert text == _text(out.read_bytes())


def test_a_fortschreibung_with_the_previous_version_lists_the_synopse(studio):
    test, _ = studio
    response = test.post(
        "/beschlussvorlage",
        data={"step": "kreistag", "date": "15.10.2012"},
        files={"previous": ("konzept-2008.yaml", UNNA.read_bytes(), "application/x-yaml")},
        headers=ORIGIN,
    )
    assert response.status_code == 200, response.text
    assert "Synopse" in _text(response.content)


def test_wrong_inputs_get_a_german_message_on_the_page(studio):
    test, _ = studio
    page = test.post("/beschlussvorlage", data={"step": "gibtsnicht", "date": "2027-06-01"}, headers=ORIGIN)
    assert page.status_code == 400 and "keinen Schritt „gibtsnicht“" in page.text
    page = test.post("/beschlussvorlage", data={"step": "kreistag", "date": "31.02.2027"}, headers=ORIGIN)
    assert page.status_code == 400 and "„31.02.2027“ ist kein Tag" in page.text
    page = test.post(
        "/beschlussvorlage",
        data={"step": "kreistag"},
        files={"previous": ("alt.yaml", b"title: [kaputt", "application/x-yaml")},
        headers=ORIGIN,
    )
    assert page.status_code == 400 and "alt.yaml" in page.text
    assert "Traceback" not in page.text

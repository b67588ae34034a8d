"""The studio's server (Starlette TestClient): token, Host and Origin checks, files only in the folder,
live findings, saving exactly what changed."""

from __future__ import annotations

import difflib
import io
import json
import os
import sys
import shutil
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=DeprecationWarning)
pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from integconcept.studio import make_session  # noqa: E402
from integconcept.studio.app import COOKIE, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = {"origin": BASE}
PERCENT = "/preamble/population_table/rows/5/migration_background_percent"


@pytest.fixture
def unna(tmp_path):
    target = tmp_path / "kreis-unna-2012.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", target)
    return target


def client(file=None, folder=None, *, cookie=True):
    session = make_session(str(file) if file else None, folder=str(folder) if folder else None)
    app = create_app(session, "geheim", PORT)
    test = TestClient(app, base_url=BASE)
    if cookie:
        test.cookies.set(COOKIE, "geheim")
    return test, session


def test_without_token_every_request_is_refused(unna):
    test, _ = client(unna, cookie=False)
    for url in ("/", "/kapitel/allgemein", "/download/docx", "/static/studio.js"):
        response = test.get(url)
        assert response.status_code == 403
        assert "nur mit dem Link erreichbar" in response.text
        assert "kreis-unna" not in response.text and "Speichern" not in response.text  # nothing of the session
    assert test.get("/?token=falsch").status_code == 403


def test_the_token_in_the_url_becomes_a_strict_httponly_cookie(unna):
    test, _ = client(unna, cookie=False)
    response = test.get("/?token=geheim", follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert test.get("/kapitel/allgemein").status_code == 200


def test_a_foreign_host_is_refused(unna):
    test, _ = client(unna)
    response = test.get("/kapitel/allgemein", headers={"host": "evil.example:8765"})
    assert response.status_code == 403
    response = test.get("/kapitel/allgemein", headers={"host": "127.0.0.1:9999"})
    assert response.status_code == 403


def test_a_change_from_a_foreign_origin_is_refused_and_changes_nothing(unna):
    test, session = client(unna)
    before = session.text
    for headers in ({"origin": "http://evil.example"}, {}):
        response = test.post("/api/edit", json={"path": PERCENT, "value": "33,9"}, headers=headers)
        assert response.status_code == 403
        response = test.post("/speichern", data={"back": "/"}, headers=headers)
        assert response.status_code == 403
    assert session.text == before
    assert unna.read_text(encoding="utf-8") == before


def test_no_file_outside_the_folder_is_opened_or_served(tmp_path):
    folder = tmp_path / "ordner"
    folder.mkdir()
    secret = tmp_path / "geheim.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", secret)
    test, session = client(folder=folder)
    for name in ("../geheim.yaml", str(secret), "..\\geheim.yaml"):
        response = test.post("/oeffnen", data={"file": name}, headers=ORIGIN)
        assert session.file is None
        assert "nicht" in response.text
    for url in ("/static/../session.py", "/static/%2e%2e/session.py", "/static/..%2fapp.py"):
        response = test.get(url)
        assert response.status_code == 404
        assert "import" not in response.text
    response = test.post(
        "/neu",
        data={"file": "../draussen.yaml", "authority": "Kreis X", "kind": "kreis", "basis": "tintg2022-p8"},
        headers=ORIGIN,
    )
    assert not (tmp_path / "draussen.yaml").exists()
    assert (folder / "draussen.yaml").exists()  # the name without its folder, inside the studio's folder


def test_findings_follow_an_edit_before_saving_and_the_file_stays_untouched(unna):
    test, session = client(unna)
    original = unna.read_bytes()
    assert "K006" in [f.code for f in session.findings]
    response = test.post("/api/edit", json={"path": PERCENT, "value": "33,9"}, headers=ORIGIN)
    assert response.status_code == 200
    payload = response.json()
    assert "K006" not in [f["code"] for f in payload["findings"]]
    assert payload["dirty"] is True
    response = test.post(
        "/api/edit", json={"path": "/preamble/population_table/rows/5/total", "value": "viele"}, headers=ORIGIN
    )
    schema = [f for f in response.json()["findings"] if f["path"] == "/preamble/population_table/rows/5/total"]
    assert schema and schema[0]["severity"] == "error" and "ganze Zahl" in schema[0]["message"]
    assert unna.read_bytes() == original


def test_speichern_changes_exactly_the_edited_line_and_keeps_every_comment(unna):
    test, _ = client(unna)
    before = unna.read_text(encoding="utf-8")
    test.post("/api/edit", json={"path": PERCENT, "value": "33,9"}, headers=ORIGIN)
    test.post("/api/edit", json={"path": "/adoption/date", "value": "30.10.2012"}, headers=ORIGIN)
    response = test.post("/speichern", data={"back": "/kapitel/allgemein"}, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303 and "Gespeichert" in response.headers["location"].replace("%20", " ")
    after = unna.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == ["-        migration_background_percent: 34.6", "+        migration_background_percent: 33.9"]


def test_windows_line_ends_and_a_byte_order_mark_are_kept(tmp_path):
    target = tmp_path / "konzept.yaml"
    text = (ROOT / "examples" / "kreis-unna-2012.yaml").read_text(encoding="utf-8")
    target.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    test, _ = client(target)
    test.post("/api/edit", json={"path": PERCENT, "value": "33,9"}, headers=ORIGIN)
    test.post("/speichern", data={"back": "/"}, headers=ORIGIN)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == text.count("\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"migration_background_percent: 33.9\r\n" in raw


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(unna):
    test, session = client(unna)
    test.post("/api/edit", json={"path": PERCENT, "value": "33,9"}, headers=ORIGIN)
    other = unna.read_text(encoding="utf-8").replace("Kreis Unna", "Kreis Unna (geändert)", 1)
    unna.write_text(other, encoding="utf-8")
    response = test.post("/speichern", data={"back": "/"}, headers=ORIGIN)
    assert response.status_code == 409
    assert "außerhalb des Studios geändert" in response.text and "Neu laden" in response.text
    assert unna.read_text(encoding="utf-8") == other
    mine = test.get("/meine-fassung")
    assert b"migration_background_percent: 33.9" in mine.content
    test.post("/speichern", data={"back": "/", "overwrite": "1"}, headers=ORIGIN)
    assert "33.9" in unna.read_text(encoding="utf-8") and session.dirty is False


def test_pages_are_german_and_show_no_english_keys(unna):
    test, _ = client(unna)
    page = test.get("/kapitel/gremienlauf").text
    assert '<html lang="de">' in page
    import re

    visible = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1].split('<script type="application/json"', 1)[0])
    for key in ("body_kind", "specialist_committee", "approval_process", "date_label", "invitation_date"):
        assert key not in visible
    assert "Art des Gremiums" in visible and "Fachausschuss" in visible


def test_unknown_pages_get_a_german_error_page(unna):
    test, _ = client(unna)
    response = test.get("/gibt-es-nicht")
    assert response.status_code == 404
    assert "gibt es im Studio nicht" in response.text


def test_a_finding_is_silenced_with_its_reason_as_a_comment(unna):
    test, session = client(unna)
    index = [f.code for f in session.findings].index("K006")
    test.post(
        "/stummschalten",
        data={"index": str(index), "code": "K006", "reason": "Druckfehler der Vorlage", "back": "/kapitel/praeambel"},
        headers=ORIGIN,
    )
    assert "K006" not in [f.code for f in session.findings]
    assert (
        "migration_background_percent: 34.6  # integconcept: ignore[K006] Grund: Druckfehler der Vorlage"
        in session.text
    )


def test_the_keystroke_path_finds_what_a_full_check_of_the_text_finds(unna):
    from integconcept.commands.validate import validate_text

    test, session = client(unna)
    for value in ("33,9", "34,6", "viele", "12,5"):
        test.post("/api/edit", json={"path": PERCENT, "value": value}, headers=ORIGIN)
        full = validate_text(str(unna), session.text)
        assert [(f.code, f.path, f.line, f.message) for f in session.findings] == [
            (f.code, f.path, f.line, f.message) for f in full.findings
        ]


def test_the_import_notes_are_listed_as_todos_that_lead_to_their_field(tmp_path):
    text = (ROOT / "examples" / "kreis-unna-2012.yaml").read_text(encoding="utf-8")
    text = text.replace("\nstatus: adopted", "\n# import: Stand geschätzt; bitte prüfen\nstatus: adopted", 1)
    target = tmp_path / "konzept.yaml"
    target.write_text(text, encoding="utf-8")
    test, session = client(target)
    assert [(note, chapter, pointer) for _, note, chapter, pointer in session.todo_places()] == [
        ("Stand geschätzt; bitte prüfen", "allgemein", "/status")
    ]
    page = test.get("/kapitel/allgemein").text
    assert "Stand geschätzt; bitte prüfen" in page and 'href="/kapitel/allgemein#f--status-box"' in page


def test_the_backward_plan_is_proposed_and_taken_into_the_concept_step_by_step(unna):
    test, session = client(unna)
    steps_before = len(session.data()["approval_process"]["steps"])
    page = test.post("/gremienlauf/plan", data={"council_date": "30.10.2012"}, headers=ORIGIN).text
    assert "Vorschlag (späteste Termine)" in page and "30.10.2012" in page
    assert 'value="30.10.2012"' in page  # the question stays filled in
    test.post("/gremienlauf/uebernehmen", data={"index": "0"}, headers=ORIGIN)
    steps = session.data()["approval_process"]["steps"]
    assert len(steps) == steps_before + 1
    assert steps[-1]["id"] not in [s["id"] for s in steps[:-1]]
    assert unna.read_text(encoding="utf-8") == session.saved  # taken into the edit, not yet saved
    assert "In das Konzept übernehmen" in test.get("/gremienlauf").text  # the proposal stays for the next step


@pytest.mark.skipif(sys.platform == "win32", reason="Strg+C is sent as SIGINT here (POSIX)")
def test_the_command_prints_one_german_line_with_the_link_serves_and_stops_on_ctrl_c(unna):
    import signal
    import subprocess

    import httpx

    from integconcept.studio import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "integconcept", "studio", str(unna), "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith(f"Studio läuft unter http://127.0.0.1:{port}/?token=")
        assert line.rstrip().endswith("beenden mit Strg+C.")
        url = line.split()[3]
        with httpx.Client() as http:
            for _ in range(100):
                try:
                    refused = http.get(f"http://127.0.0.1:{port}/kapitel/allgemein")
                    break
                except httpx.TransportError:
                    import time

                    time.sleep(0.1)
            assert refused.status_code == 403
            assert http.get(url, follow_redirects=True).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Studio beendet." in out and "Traceback" not in err


def test_an_image_outside_the_folder_is_not_read(tmp_path):
    folder = tmp_path / "ordner"
    folder.mkdir()
    target = folder / "konzept.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", target)
    secret = tmp_path / "privat.png"
    from PIL import Image

    Image.new("RGB", (4, 4), "red").save(secret)
    test, session = client(target)
    test.post(
        "/api/edit", json={"path": "/preamble/population_table/chart/image", "value": "../privat.png"}, headers=ORIGIN
    )
    assert "../privat.png" in session.text
    response = test.get("/download/docx", follow_redirects=True)
    assert "außerhalb" in response.text and response.headers["content-type"].startswith("text/html")
    preview = test.get("/vorschau").text
    assert "außerhalb" in preview


def test_calendar_findings_and_synopse_downloads(unna):
    test, session = client(unna)
    ics = test.get("/download/ics")
    assert ics.headers["content-type"].startswith("text/calendar") and b"BEGIN:VCALENDAR" in ics.content
    assert b"Kreistag" in ics.content
    findings = test.get("/download/befunde.json").json()
    assert "K006" in json.dumps(findings)
    old = (
        (ROOT / "examples" / "kreis-unna-2012.yaml")
        .read_text(encoding="utf-8")
        .replace("migration_background_percent: 34.6", "migration_background_percent: 30.0")
    )
    response = test.post(
        "/synopse", files={"old": ("alt.yaml", old.encode("utf-8"), "application/yaml")}, headers=ORIGIN
    )
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    import docx

    document = docx.Document(io.BytesIO(response.content))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "30" in cells and "34,6" in cells


def test_uploads_are_bounded_and_only_word_documents_are_imported(tmp_path):
    from integconcept.studio import app as studio_app

    test, session = client(folder=tmp_path)
    response = test.post("/import", files={"docx": ("brief.txt", b"kein Word", "text/plain")}, headers=ORIGIN)
    assert ".docx" in response.text and session.file is None
    assert list(tmp_path.iterdir()) == []
    big = b"0" * (studio_app.MAX_UPLOAD_BYTES + 2 * 1024 * 1024)
    response = test.post("/import", files={"docx": ("gross.docx", big, "application/octet-stream")}, headers=ORIGIN)
    assert response.status_code == 413 and "zu groß" in response.text
    assert list(tmp_path.iterdir()) == []


def test_pdf_download_or_what_to_install(unna):
    from integconcept.render.pdf import find_soffice

    test, _ = client(unna)
    page = test.get("/downloads").text
    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice fehlt (in CI muss der PDF-Download geprüft werden)")
        assert "LibreOffice" in page and "installieren" in page
        pytest.skip("LibreOffice fehlt: nur der Hinweis geprüft")
    response = test.get("/download/pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

"""The studio in a real browser (Debian's Chromium through Playwright): what an administrative user sees.

Skipped with a reason when Chromium or Playwright is missing; fails instead when CI=true. With
INTEGCONCEPT_SCREENSHOTS=docs the tests write the README's screenshots (docs/studio-*.png)."""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=de-DE",
]
SHOTS = os.environ.get("INTEGCONCEPT_SCREENSHOTS")


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (in CI a browser test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} fehlt (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Python-Paket playwright fehlt (pip install -e .[test])")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Studio:
    """The real server (uvicorn) on a free loopback port, in a thread."""

    def __init__(self, file=None, folder=None):
        import uvicorn

        from integconcept.studio import free_port, make_session
        from integconcept.studio.app import create_app

        self.session = make_session(str(file) if file else None, folder=str(folder) if folder else None)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/?token=t0k3n"
        config = uvicorn.Config(
            create_app(self.session, "t0k3n", self.port),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str, full: bool = False) -> None:
    if SHOTS:
        folder = ROOT / SHOTS
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"studio-{name}.png"), full_page=full)


def wait_checked(page, before: int) -> None:
    # no page script from the test: the studio's Content-Security-Policy forbids evaluated strings
    page.wait_for_selector(f"body[data-checked='{before + 1}']", state="attached")


def checked(page) -> int:
    return int(page.get_attribute("body", "data-checked") or 0)


def test_unna_findings_edit_save_preview_and_word(page, tmp_path):
    target = tmp_path / "kreis-unna-2012.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", target)
    before = target.read_text(encoding="utf-8")
    studio = Studio(target)
    try:
        page.goto(studio.url)
        assert page.get_attribute("html", "lang") == "de"
        findings = page.locator("#findings-list")
        for code in ("K006", "K007", "FR04"):
            assert findings.get_by_text(code).count() >= 1  # listed at once, before any change
        page.get_by_role("link", name="Präambel").click()
        page.wait_for_url("**/kapitel/praeambel")
        field = page.locator('[data-edit="/preamble/population_table/rows/5/migration_background_percent"]')
        assert field.input_value() == "34,6"
        beside = page.locator("#f--preamble--population_table--rows--5--migration_background_percent-e")
        assert beside.get_by_text("K006").count() == 1
        field.scroll_into_view_if_needed()
        shot(page, "befund")
        count = checked(page)
        field.fill("33,9")
        field.blur()
        wait_checked(page, count)
        assert beside.get_by_text("K006").count() == 0
        assert findings.get_by_text("K006").count() == 0
        assert page.locator("#dirty").is_visible()
        assert target.read_text(encoding="utf-8") == before  # nothing written before Speichern
        total = page.locator('[data-edit="/preamble/population_table/rows/5/total"]')
        count = checked(page)
        total.fill("viele")
        total.blur()
        wait_checked(page, count)
        total_box = page.locator("#f--preamble--population_table--rows--5--total-e")
        assert total_box.get_by_text("ganze Zahl").count() == 1
        assert total.get_attribute("aria-invalid") == "true"
        count = checked(page)
        total.fill("86010")
        total.blur()
        wait_checked(page, count)
        assert total_box.get_by_text("ganze Zahl").count() == 0
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_url("**meldung=Gespeichert*")
        after = target.read_text(encoding="utf-8")
        import difflib

        diff = [
            line
            for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        assert diff == ["-        migration_background_percent: 34.6", "+        migration_background_percent: 33.9"]
        assert [line for line in before.splitlines() if "#" in line] == [
            line for line in after.splitlines() if "#" in line
        ]
        page.get_by_role("link", name="Gremienlauf", exact=True).click()
        page.wait_for_url("**/kapitel/gremienlauf")
        shot(page, "editor")
        page.get_by_role("link", name="Vorschau").click()
        page.wait_for_url("**/vorschau")
        document = page.get_by_role("region", name="Dokument")
        assert document.get_by_text("Integrationskonzept Kreis Unna").count() >= 1
        shot(page, "vorschau")
        page.get_by_role("link", name="Zeitplan Gremienlauf").click()
        page.wait_for_url("**/gremienlauf")
        assert page.get_by_role("heading", name="Zeitplan des Gremienlaufs").is_visible()
        page.get_by_label("Sitzung des Kreistags oder Rats (Beschluss)").fill("30.10.2012")
        page.get_by_role("button", name="Vorschlag berechnen").click()
        page.wait_for_url("**/gremienlauf/plan")
        assert page.get_by_role("button", name="In das Konzept übernehmen").count() >= 3
        if svg := page.locator("figure.timeline svg").count():
            assert svg == 1  # the time line of the steps (with holidays and notice periods)
        shot(page, "gremienlauf", full=True)
        page.get_by_role("link", name="Herunterladen").click()
        with page.expect_download() as info:
            page.get_by_role("link", name="Word-Dokument").click()
        data = Path(info.value.path()).read_bytes()
        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        tables = " ".join(c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
        assert "Integrationskonzept" in text and "33,9" in tables
    finally:
        studio.stop()


def test_a_new_concept_made_filled_and_rendered(page, tmp_path):
    studio = Studio(folder=tmp_path)
    try:
        page.goto(studio.url)
        assert page.get_by_role("heading", name="Neues Konzept").is_visible()
        shot(page, "start")
        page.get_by_label("Name des Kreises oder der Stadt").fill("Kreis Beispiel")
        page.get_by_label("Kreisangehörige Städte und Gemeinden").fill("Bönen\nHolzwickede")
        page.get_by_label("Dateiname").fill("beispiel.yaml")
        page.get_by_role("button", name="Konzept anlegen").click()
        page.wait_for_url("**/kapitel/allgemein*")
        assert (tmp_path / "beispiel.yaml").exists()
        title = page.locator('[data-edit="/title"]')
        count = checked(page)
        title.fill("Integrationskonzept Kreis Beispiel 2026")
        title.blur()
        wait_checked(page, count)
        page.get_by_role("link", name="Kreis oder Stadt").click()
        page.wait_for_url("**/kapitel/gebiet")
        assert page.locator('[data-edit="/authority/municipalities/1/name"]').input_value() == "Holzwickede"
        page.get_by_label("Name für neuen Eintrag (Gemeinde)").fill("Fröndenberg/Ruhr")
        page.get_by_role("button", name="Gemeinde hinzufügen").click()
        assert page.locator('[data-edit="/authority/municipalities/2/id"]').input_value() == "froendenberg-ruhr"
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_url("**meldung=Gespeichert*")
        saved = (tmp_path / "beispiel.yaml").read_text(encoding="utf-8")
        assert "title: Integrationskonzept Kreis Beispiel 2026" in saved and "froendenberg-ruhr" in saved
        page.get_by_role("link", name="Herunterladen").click()
        with page.expect_download() as info:
            page.get_by_role("link", name="Word-Dokument").click()
        import docx

        document = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert any("Kreis Beispiel 2026" in p.text for p in document.paragraphs)
        # 200 % zoom: half the CSS width at twice the pixel density; nothing runs off to the side
        zoomed = page.context.browser.new_context(viewport={"width": 700, "height": 450}, device_scale_factor=2)
        try:
            small = zoomed.new_page()
            small.goto(studio.url.replace("/?", "/kapitel/gebiet?"))
            small.goto(f"http://127.0.0.1:{studio.port}/kapitel/gebiet")
            assert (
                small.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
            )
            small.keyboard.press("Tab")
            assert small.evaluate("() => document.activeElement.textContent") == "Zum Inhalt springen"
            shot(small, "zoom200")
        finally:
            zoomed.close()
    finally:
        studio.stop()


def test_a_word_document_imported_and_fixed(page, tmp_path):
    sys.path.insert(0, str(ROOT / "tests"))
    from import_helpers import typed_concept

    source = typed_concept(tmp_path / "upload" / "soest.docx") if (tmp_path / "upload").mkdir() is None else None
    folder = tmp_path / "ordner"
    folder.mkdir()
    studio = Studio(folder=folder)
    try:
        page.goto(studio.url)
        page.get_by_label("Word-Dokument (.docx, höchstens 20 MB)").set_input_files(str(source))
        page.get_by_label("Name der neuen Konzeptdatei").fill("soest.yaml")
        page.get_by_role("button", name="Importieren").click()
        page.wait_for_url("**/kapitel/allgemein*")
        assert (folder / "soest.yaml").exists()
        findings = page.locator("#findings-list")
        assert findings.get_by_text("FR02").count() == 1
        page.get_by_role("link", name="Organisation").first.click()
        page.wait_for_url("**/kapitel/organisation")
        field = page.locator('[data-edit="/organisation/attachment"]')
        count = checked(page)
        field.fill("Fachbereich Schulen und Bildung")
        field.blur()
        wait_checked(page, count)
        assert findings.get_by_text("FR02").count() == 0
        shot(page, "import")
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_url("**meldung=Gespeichert*")
        assert "attachment: Fachbereich Schulen und Bildung" in (folder / "soest.yaml").read_text(encoding="utf-8")
    finally:
        studio.stop()


def test_unsaved_changes_are_guarded_when_leaving_the_studio_only(page, tmp_path):
    target = tmp_path / "kreis-unna-2012.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", target)
    studio = Studio(target)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    try:
        page.goto(studio.url)
        title = page.locator('[data-edit="/title"]')
        count = checked(page)
        title.fill("Geänderter Titel")
        title.blur()
        wait_checked(page, count)
        page.get_by_role("link", name="Präambel").click()  # inside the studio: no question
        page.wait_for_url("**/kapitel/praeambel")
        assert dialogs == [] and page.locator("#dirty").is_visible()
        page.locator('[data-edit="/preamble/intro"]').click()  # the page needs a user gesture for the question
        from playwright.sync_api import Error as PlaywrightError

        with pytest.raises(PlaywrightError):  # leaving the studio: the browser asks; "stay" cancels it
            page.goto("about:blank")
        assert dialogs == ["beforeunload"]
        assert "/kapitel/praeambel" in page.url
    finally:
        studio.stop()

"""The Synopse as a committee document (issue 24.3): alt | neu per changed section, German labels and
dates, no ids or internal fields, unchanged defaults not listed, a title page without page footer, in the
county template."""

from __future__ import annotations

import docx
import pytest

from .conftest import UNNA
from .template_builders import german_word_template

ADDED_STEP = """\
    - id: entwurf-gemeinden
      date: 2012-11-12
      body: Städte und Gemeinden
      body_kind: funding_application
      purpose: application
      on_draft: false
      remark: Nur intern, Vorschlag des Planers.
      description: Weitergabe der beschlossenen Fassung an die Städte und Gemeinden
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fassungen")
    old = UNNA.read_text(encoding="utf-8")
    new = old.replace(
        "      date: 2012-10-30\n      body: Kreistag\n", "      date: 2012-11-06\n      body: Kreistag\n"
    )
    new = new.replace("    - id: wv-verwaltungsvorstand\n", ADDED_STEP + "    - id: wv-verwaltungsvorstand\n")
    # internal-only changes: a staff remark, a print group, a source
    new = new.replace(
        "      description: Bürgermeisterkonferenz\n",
        "      description: Bürgermeisterkonferenz\n      remark: interne Notiz\n      print_group: bmk\n",
    )
    new = new.replace("sources:\n", "sources:\n  - Neue Quelle, Aktenvermerk vom 01.11.2012\n", 1)
    assert new.count("remark:") >= 2 and "Neue Quelle" in new
    (folder / "alt.yaml").write_text(old, encoding="utf-8")
    (folder / "neu.yaml").write_text(new, encoding="utf-8")
    return folder


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    section = document.sections[0]
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def test_synopse_of_two_versions_has_no_internal_field(versions, run_cli):
    out = versions / "synopse.docx"
    result = run_cli("diff", str(versions / "alt.yaml"), str(versions / "neu.yaml"), "--format", "docx", "-o", str(out))
    assert result.returncode == 1, result.stderr  # the versions differ
    assert "2 Änderungen im gedruckten Inhalt" in result.stderr and "nur in internen Angaben" in result.stderr
    document = docx.Document(str(out))
    text = _all_text(document)
    # what the document prints: the changed date and the added step, in German form
    assert "30.10.2012" in text and "06.11.2012" in text
    assert "Datum: 12.11.2012" in text and "Beschreibung: Weitergabe der beschlossenen Fassung" in text
    assert "Schritt „Kreistag“ › Datum" in text and "Schritt „Städte und Gemeinden“" in text
    # nothing internal: ids, kinds, purposes, defaults, staff remarks, print groups, sources, ISO dates
    for internal in (
        "Kennung",
        "entwurf-gemeinden",
        "buergermeisterkonferenz",
        "kreistag“",
        "Interne Anmerkung",
        "Nur intern",
        "interne Notiz",
        "Art des Gremiums",
        "Förderantrag",
        "Zweck",
        "Beschluss über einen Entwurf",
        "bmk",
        "Schritte mit derselben",
        "Quelle",
        "Aktenvermerk",
        "2012-11-12",
        "2012-10-30",
        "alt.yaml",
        "neu.yaml",
    ):
        assert internal not in text, internal
    changed = [t for t in document.tables if t.rows[0].cells[0].text == "bisherige Fassung"]
    assert len(changed) == 1 and [c.text for c in changed[0].rows[0].cells] == ["bisherige Fassung", "neue Fassung"]
    assert [c.text for c in changed[0].rows[2].cells] == ["30.10.2012", "06.11.2012"]
    # the title page has neither header nor page number; the other pages have both
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_footer.paragraphs)
    assert "PAGE" not in section.first_page_footer._element.xml
    assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert "Umfang: 2 Änderungen in 1 Abschnitt." in text


def test_synopse_in_the_county_template(versions, run_cli):
    template = versions / "kreis.dotx"
    template.write_bytes(german_word_template())
    out = versions / "synopse-kreis.docx"
    result = run_cli(
        "diff",
        str(versions / "alt.yaml"),
        str(versions / "neu.yaml"),
        "--format",
        "docx",
        "-o",
        str(out),
        "--template",
        str(template),
    )
    assert result.returncode == 1, result.stderr
    document = docx.Document(str(out))
    heading = next(p for p in document.paragraphs if p.text == "Gremienlauf")
    assert heading.style.style_id == "berschrift1"  # the county's own heading style
    assert "Kennung" not in _all_text(document)


def test_text_and_json_diff_still_show_everything_for_staff(versions, run_cli):
    result = run_cli("diff", str(versions / "alt.yaml"), str(versions / "neu.yaml"))
    assert result.returncode == 1
    assert "Interne Anmerkung" in result.stdout and "Kennung: entwurf-gemeinden" in result.stdout

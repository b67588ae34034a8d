"""What Word, PDF and Outlook paste into a YAML file: invisible characters and typographic quotes are
named at their own line and column, with the corrected line (issue 27)."""

from __future__ import annotations

import pytest

from integconcept.document.loader import LoadError, compose

from .conftest import MINIMAL


def error_of(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        compose(text)
    return info.value


HEAD = "format_version: 1\nid: kreis-test\n"  # lines 1 and 2


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u00a0", "geschütztes Leerzeichen (U+00A0)"),
        ("\u2007", "Ziffern-Leerzeichen (U+2007)"),
        ("\u202f", "schmales geschütztes Leerzeichen (U+202F)"),
        ("\u3000", "(U+3000)"),
        ("\u200b", "Leerzeichen ohne Breite (U+200B)"),
        ("\ufeff", "Byte-Order-Mark"),
    ],
)
def test_an_invisible_character_at_the_start_of_a_line_is_named_at_its_own_place(char, name):
    # the case: a no-break space before the indentation was reported at the *next* line
    text = HEAD + "preamble:\n  title: Präambel\n" + char + " intro: Text\nguiding_goals:\n  goals: []\n"
    error = error_of(text)
    assert (error.code, error.line, error.column) == ("Y010", 5, 1)
    assert name in error.message and "Zeile 5, Spalte 1" in error.message
    fixed = "  intro: Text" if char not in "\u200b\ufeff" else " intro: Text"
    assert f"Zeile 5 richtig: „{fixed}“" in error.hint


@pytest.mark.parametrize(
    "line, column, where",
    [
        ("title:\u00a0Integrationskonzept", 7, "beim Schlüssel"),  # after the colon: parser fails a line later
        ("title\u00a0: Integrationskonzept", 6, "im Schlüssel"),  # before the colon: an unknown key "title "
        ("ti\u200btle: Integrationskonzept", 3, "im Schlüssel"),  # inside the key: invisible in the message
    ],
)
def test_an_invisible_character_at_a_key_is_named_at_its_own_column(line, column, where):
    error = error_of(HEAD + line + "\nstatus: draft\n")
    assert (error.code, error.line, error.column) == ("Y010", 3, column)
    assert where in error.message
    assert "Zeile 3 richtig: „title: Integrationskonzept“" in error.hint


def test_a_no_break_space_after_a_list_dash_is_found_although_the_file_parses():
    # "-\u00a0x" is no list item for YAML: it would silently become one text "-\u00a0x - y"
    error = error_of("a:\n  -\u00a0x\n  - y\n")
    assert (error.code, error.line, error.column) == ("Y010", 2, 4)
    assert "„  - x“" in error.hint


def test_no_break_spaces_inside_a_text_stay_allowed():
    data, _ = compose(
        MINIMAL.replace("title: Integrationskonzept Kreis Test", "title: Konzept nach §\u00a07 TIntG,\u202fStand 2025")
    )
    assert data["title"] == "Konzept nach §\u00a07 TIntG,\u202fStand 2025"


@pytest.mark.parametrize(
    "opening, closing", [("„", "“"), ("“", "”"), ("”", "”"), ("‚", "‘"), ("»", "«"), ("«", "»"), ("›", "‹")]
)
def test_a_text_in_typographic_quotes_gets_the_corrected_line(opening, closing):
    error = error_of(HEAD + f"preamble:\n  intro: {opening}Im Kreis leben Menschen. Stand: 31.12.2025.{closing}\n")
    assert (error.code, error.line, error.column) == ("Y011", 4, 10)
    assert "nur gerade Anführungszeichen (\" oder ')" in error.message
    assert 'Vermutlich richtig: intro: "Im Kreis leben Menschen. Stand: 31.12.2025."' in error.hint
    # and how to keep the typographic quotes as part of the text
    assert f'in gerade: intro: "{opening}Im Kreis leben Menschen. Stand: 31.12.2025.{closing}"' in error.hint


def test_a_text_with_a_straight_double_quote_inside_is_corrected_with_single_quotes():
    error = error_of('intro: „Er sagte "Ja". Stand: 2025“\n')
    assert error.code == "Y011"
    assert "Vermutlich richtig: intro: 'Er sagte \"Ja\". Stand: 2025'" in error.hint


def test_a_multi_line_text_in_typographic_quotes_is_found_where_it_begins():
    error = error_of(HEAD + "intro: „Im Kreis leben\n  viele. Stand: 31.12.2025.“\nstatus: draft\n")
    assert (error.code, error.line, error.column) == ("Y011", 3, 8)


def test_a_list_item_in_typographic_quotes_does_not_silently_become_a_mapping():
    # without the check YAML reads {"„Ziel": "Bildung“"} and the schema complains about a mapping
    error = error_of("indicators:\n  - „Ziel: Bildung“\n")
    assert (error.code, error.line) == ("Y011", 2)
    assert 'Vermutlich richtig: - "Ziel: Bildung"' in error.hint


def test_a_text_in_typographic_quotes_is_not_silently_cut_at_a_hash():
    error = error_of("intro: „Punkt #1 der Liste“\n")
    assert error.code == "Y011" and "Kommentar" in error.message and "#1 der Liste" in error.message
    assert 'intro: "Punkt #1 der Liste"' in error.hint


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("intro: 'Im Kreis: dabei’\nb: 2\nc: 3\n", "intro: 'Im Kreis: dabei'"),
        ('intro: "Im Kreis: dabei”\nb: 2\nc: "x"\nd: 1\n', 'intro: "Im Kreis: dabei"'),
    ],
)
def test_a_straight_quote_closed_by_a_typographic_one_is_named(text, fixed):
    error = error_of(text)
    assert (error.code, error.line) == ("Y011", 1)
    assert "wird nie geschlossen" in error.message and f"Zeile 1 richtig: {fixed}" in error.hint


def test_typographic_quotes_inside_a_text_stay_allowed():
    data, _ = compose("title: \"Konzept „Vielfalt: gemeinsam“\"\nsubtitle: „Zusammen leben“\nintro: 'Er sagte: „Ja“'\n")
    assert data == {"title": "Konzept „Vielfalt: gemeinsam“", "subtitle": "„Zusammen leben“", "intro": "Er sagte: „Ja“"}


def test_validate_shows_the_place_and_the_fix(run_cli, write):
    path = write("k.yaml", MINIMAL + "preamble:\n  title: Präambel\n\u00a0 intro: Text\n")
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert (
        f"{path}:14:1: Y010 Unsichtbares Zeichen: geschütztes Leerzeichen (U+00A0) in Zeile 14, Spalte 1"
        in result.stdout
    )


@pytest.mark.parametrize(
    "line, where, fixed",
    [
        ("status: draft\u00a0", "status", None),  # "„draft “ ist hier kein erlaubter Wert"
        ("adoption:\n  body: Kreistag\n  date: 2012-10-30\u200b", "adoption.date", "Meinten Sie 2012-10-30?"),
    ],
)
def test_an_invisible_character_in_a_wrong_value_is_named(write, line, where, fixed):
    from integconcept.commands.validate import validate_file

    text = MINIMAL.replace("status: draft\n", "") + line + "\n" if line.startswith("status") else MINIMAL + line + "\n"
    (finding,) = [f for f in validate_file(write("k.yaml", text)).findings if f.code.startswith("S")]
    assert ".".join(map(str, finding.path)) == where
    assert "Darin steht ein unsichtbares Zeichen:" in finding.message
    assert ("(U+00A0)" if "\u00a0" in line else "(U+200B)") in finding.message
    if fixed:
        assert fixed in finding.hint


def test_many_keys_and_quoted_texts_stay_linear():
    """Non-ASCII keys and texts that open with „ are looked at for pasted characters; the file's lines
    are split once, not once per key (which made 90,000 such keys take minutes)."""
    from .scaling import assert_grows_linearly

    def text(count: int) -> str:
        return "".join(f"schlüssel{i}: „Zitat {i}“\n" for i in range(count))

    data, _ = assert_grows_linearly(compose, text(2_000), text(20_000), 10, what="compose")
    assert data["schlüssel19999"] == "„Zitat 19999“"

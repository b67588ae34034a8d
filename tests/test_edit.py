"""document.edit: one change to a concept's text changes exactly its lines; comments and order stay."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from integconcept.document.edit import EditError, insert_item, move_item, remove_item, set_value
from integconcept.document.loader import compose

ROOT = Path(__file__).resolve().parent.parent
UNNA = (ROOT / "examples" / "kreis-unna-2012.yaml").read_text(encoding="utf-8")


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def data(text: str) -> dict:
    return compose(text)[0]


def test_a_number_changes_only_its_line_and_keeps_the_comment_lines():
    path = ("preamble", "population_table", "rows", 5, "migration_background_percent")
    new = set_value(UNNA, path, 33.9)
    assert changed_lines(UNNA, new) == [
        "-        migration_background_percent: 34.6",
        "+        migration_background_percent: 33.9",
    ]
    assert data(new)["preamble"]["population_table"]["rows"][5]["migration_background_percent"] == 33.9


def test_a_comment_after_the_value_stays_on_its_line():
    text = "format_version: 1\ntitle: Alt  # wie gedruckt\nid: x\n"
    assert set_value(text, ("title",), "Neu") == "format_version: 1\ntitle: Neu  # wie gedruckt\nid: x\n"


def test_text_that_yaml_would_misread_is_quoted():
    text = "title: Alt\nid: x\n"
    new = set_value(text, ("title",), "Ziel: 2012")
    assert data(new)["title"] == "Ziel: 2012"
    assert data(set_value(text, ("title",), "2012"))["title"] == "2012"
    assert data(set_value(text, ("title",), "yes"))["title"] == "yes"


def test_a_text_with_a_line_break_becomes_a_literal_block_and_back():
    text = "preamble:\n  intro: kurz  # Kommentar\n  history: alt\n"
    new = set_value(text, ("preamble", "intro"), "Erster Absatz.\n\nZweiter Absatz.")
    assert data(new)["preamble"] == {"intro": "Erster Absatz.\n\nZweiter Absatz.", "history": "alt"}
    assert "# Kommentar" in new
    back = set_value(new, ("preamble", "intro"), "wieder kurz")
    assert data(back)["preamble"] == {"intro": "wieder kurz", "history": "alt"}


def test_a_missing_key_is_added_in_the_models_order_and_nothing_else_changes():
    text = "format_version: 1\nid: x\ntitle: T\n# Kommentar vor authority\nauthority:\n  name: Kreis X\n  kind: kreis\n"
    new = set_value(text, ("subtitle",), "Entwurf")
    assert changed_lines(text, new) == ["+subtitle: Entwurf"]
    assert list(data(new)) == ["format_version", "id", "title", "subtitle", "authority"]


def test_removing_a_value_removes_its_key():
    text = "title: T\nsubtitle: U\nid: x\n"
    assert set_value(text, ("subtitle",), None) == "title: T\nid: x\n"


def test_list_entries_are_added_moved_and_removed_with_their_lines():
    path = ("authority", "municipalities")
    added = insert_item(UNNA, path, None, {"id": "neu", "name": "Neu"})
    assert data(added)["authority"]["municipalities"][-1] == {"id": "neu", "name": "Neu"}
    assert changed_lines(UNNA, added) == ["+    - id: neu", "+      name: Neu"]
    assert "      kind: stadt\n    - id: neu\n      name: Neu\n\nstatus: adopted" in added  # before the blank line
    moved = move_item(UNNA, path, 0, 1)
    names = [m["name"] for m in data(moved)["authority"]["municipalities"]]
    assert names[:2] == ["Bönen", "Bergkamen"]
    assert len(changed_lines(UNNA, moved)) == 6
    removed = remove_item(UNNA, path, 2)
    assert "Fröndenberg" not in [m["name"] for m in data(removed)["authority"]["municipalities"]]
    assert changed_lines(UNNA, removed) == ["-    - id: froendenberg", "-      name: Fröndenberg", "-      kind: stadt"]


def test_every_comment_of_the_example_survives_a_structural_change():
    new = insert_item(UNNA, ("action_fields",), 0, {"id": "neu", "name": "Neues Feld"})
    comments = [line.strip() for line in UNNA.splitlines() if line.strip().startswith("#")]
    for comment in comments:
        assert comment in new


def test_a_place_that_is_not_there_is_refused():
    with pytest.raises(EditError):
        move_item(UNNA, ("authority", "municipalities"), 0, 99)
    with pytest.raises(EditError):
        remove_item(UNNA, ("sources",), 500)


def test_entries_deep_in_the_file_and_new_keys_in_a_part_keep_every_other_line():
    goals = ("guiding_goals", "goals", 1, "measures")
    added = insert_item(UNNA, goals, 0, "Eine neue Maßnahme")
    assert data(added)["guiding_goals"]["goals"][1]["measures"][0] == "Eine neue Maßnahme"
    assert changed_lines(UNNA, added) == ["+        - Eine neue Maßnahme"]
    steps = ("approval_process", "steps")
    moved = move_item(UNNA, steps, 2, 1)
    assert [s["id"] for s in data(moved)["approval_process"]["steps"]][1:3] == [
        s["id"] for s in data(UNNA)["approval_process"]["steps"]
    ][2:0:-1]
    note = set_value(UNNA, ("approval_process", "steps", 0, "note"), "Neu angelegt")
    assert changed_lines(UNNA, note) == ["+      note: Neu angelegt"]
    for text in (added, moved, note):
        comments = [line.strip() for line in UNNA.splitlines() if line.strip().startswith("#")]
        assert all(comment in text for comment in comments)


def test_text_pasted_from_word_is_written_so_that_it_reads_back():
    """A no-break space or zero-width space at the start of a line would be refused by the loader (Y010):
    such a value goes into double quotes with escapes."""
    for value in ("\u00a0", "\u00a0Einzug", "Zeile\n\u00a0eingerückt", "\u200bunsichtbar", "„Zitat“ am Anfang"):
        for path in (("title",), ("guiding_goals", "goals", 1, "measures", 0)):
            new = set_value(UNNA, path, value)
            got = data(new)
            assert (got["title"] if path == ("title",) else got["guiding_goals"]["goals"][1]["measures"][0]) == value


def test_an_empty_value_gets_its_space():
    for text, path in (("a:\nb: 1\n", ("a",)), ("a:   # Kommentar\nb: 1\n", ("a",)), ("l:\n  -\n  - x\n", ("l", 0))):
        for value in ("neu", "zwei\nZeilen", 12):
            new = set_value(text, path, value)
            got = data(new)
            assert (got["l"][0] if path[0] == "l" else got["a"]) == value


from hypothesis import given, settings, strategies as st  # noqa: E402

_TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029")
    | st.sampled_from(list(":#-'\"|>[]{}&*!%@`,?\n „“‚‘»«\u00a0\u200b\u3000")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(value=_TEXTS | st.integers(-(10**6), 10**6) | st.floats(0, 100, allow_nan=False) | st.booleans())
def test_every_value_written_by_the_splice_reads_back_as_itself(value):
    """Whatever is typed into a field, the file holds exactly that value afterwards (quotes, blocks)."""
    path = ("guiding_goals", "goals", 1, "measures", 0)
    new = set_value(UNNA, path, value)
    assert data(new)["guiding_goals"]["goals"][1]["measures"][0] == value
    changes = [
        op
        for op in difflib.SequenceMatcher(None, UNNA.splitlines(), new.splitlines()).get_opcodes()
        if op[0] != "equal"
    ]
    assert len(changes) <= 1  # one place of the file changed, every other line is as it was


@pytest.mark.parametrize("value", ["\n", "\n\n", "\n \n", "\t\n"])
def test_a_value_of_only_line_breaks_is_written_so_it_reads_back(value):
    """Found by the property test above: a field set to a bare line break was written as a literal block of
    empty lines that no longer parsed (Y001 'fehlt der Doppelpunkt'); it is now written in double quotes."""
    new = set_value(UNNA, ("guiding_goals", "goals", 1, "measures", 0), value)
    assert data(new)["guiding_goals"]["goals"][1]["measures"][0] == value

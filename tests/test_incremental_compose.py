"""Reading an edited text again only where it changed (``document/incremental.py``) gives exactly what reading it
whole gives: the same data (values and their types, in order), the same source map (every key's and value's
line and column, in order), the same LoadError (code, message, hint, place), and the same findings of
``validate_text``.

Differential: every example and ``tests/data/*.yaml`` goes through chains of random small edits (characters
and lines inserted, deleted, duplicated, indented, YAML syntax, anchors, references, tags, duplicate keys, new
keys at the margin), each text compared with :func:`compose` of the same text; the cutting into parts is
also forced down to the smallest entries (``SPLIT_CHARS`` 0 and 200, runs of about 2 entries). Deterministic seeds; the profile of
:mod:`tests.test_fuzz` (``INTEGCONCEPT_FUZZ=long``) runs 25 times as many edits."""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from integconcept.document import compose as compose_module
from integconcept.document import incremental
from integconcept.document.compose import compose
from integconcept.document.incremental import compose_edited, forget
from integconcept.document.source import LoadError

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "data").glob("*.yaml"))
LONG = os.environ.get("INTEGCONCEPT_FUZZ", "fast") == "long"
EDITS = 1000 if LONG else 40


def _outcome(function, text: str):
    try:
        data, source_map = function(text)
    except LoadError as exc:
        return ("error", exc.code, exc.message, exc.hint, exc.line, exc.column)
    # repr keeps types apart (1, 1.0, True, "1") and shows the order of the keys
    return ("ok", repr(data), list(source_map.values.items()), list(source_map.keys.items()))


def _same(text: str) -> bool:
    """Compare both reads of ``text``; whether the text is valid YAML (a whole read without error)."""
    expected = _outcome(compose, text)
    got = _outcome(compose_edited, text)
    assert got == expected, f"incremental read differs for:\n{text[:2000]}"
    return expected[0] == "ok"


_SNIPPETS = (
    " ",
    "\n",
    "  ",
    ":",
    ": ",
    "- ",
    "#",
    " # Kommentar",
    "x",
    "ü",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "|",
    ">",
    "&a ",
    "*a",
    "!!str ",
    "<<: *a\n",
    "\t",
    "---\n",
    "...\n",
    "? ",
    "neu: 1\n",
    "id: doppelt\n",
    "\u200b",
    "„Zitat“",
    "12",
    "null",
    "true",
    "- - x\n",
    "key: |\n  block\n",
)


def _edit(rng: random.Random, text: str, original: str) -> str:
    """One random small edit of ``text``."""
    lines = text.split("\n")
    choice = rng.randrange(16)
    if choice >= 11:  # the everyday edit: a word typed into a text (the text stays valid YAML)
        places = [n for n, line in enumerate(lines) if ": " in line and line[-1:].isalpha()]
        if places:
            at = rng.choice(places)
            lines[at] += rng.choice((" und mehr", "n", " Kreis", "ß"))
            return "\n".join(lines)
    if choice == 0 and text:  # insert a snippet at a random place
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(_SNIPPETS) + text[at:]
    if choice == 1 and text:  # delete a few characters
        at = rng.randrange(len(text))
        return text[:at] + text[at + rng.randint(1, 4) :]
    if choice == 2:  # duplicate a line (duplicate keys, a second item)
        at = rng.randrange(len(lines))
        return "\n".join(lines[: at + 1] + [lines[at]] + lines[at + 1 :])
    if choice == 3 and len(lines) > 1:  # delete a line
        at = rng.randrange(len(lines))
        return "\n".join(lines[:at] + lines[at + 1 :])
    if choice == 4:  # indent or dedent a line
        at = rng.randrange(len(lines))
        line = lines[at]
        lines[at] = line[2:] if line.startswith("  ") and rng.random() < 0.5 else "  " + line
        return "\n".join(lines)
    if choice == 5:  # append a word to a line (the studio's everyday edit)
        at = rng.randrange(len(lines))
        lines[at] += rng.choice((" und mehr", "x", " #", ":", " - b"))
        return "\n".join(lines)
    if choice == 6:  # a new key at the margin
        at = rng.randrange(len(lines) + 1)
        return "\n".join(lines[:at] + [rng.choice(("neu: Wert", "title: zweimal", "neu:", "- x"))] + lines[at:])
    if choice == 7:  # an anchor and a reference
        at = rng.randrange(len(lines))
        lines[at] = lines[at].replace(": ", ": &anker ", 1)
        return "\n".join(lines) + "\nverweis: *anker\n"
    if choice == 8:  # copy a block of lines elsewhere
        start = rng.randrange(len(lines))
        block = lines[start : start + rng.randint(1, 12)]
        at = rng.randrange(len(lines) + 1)
        return "\n".join(lines[:at] + block + lines[at:])
    if choice == 9:  # back to the text as it was (stale parts would show here)
        return original
    at = rng.randrange(len(text) + 1)  # a character typed
    return text[:at] + rng.choice("abc -:#\n'\"") + text[at:]


@pytest.fixture(
    params=[(None, None), (0, None), (200, None), (200, 2)], ids=["default", "split-all", "split-200", "runs-2"]
)
def split(request, monkeypatch):
    chars, run = request.param
    if chars is not None:
        monkeypatch.setattr(incremental, "SPLIT_CHARS", chars)
    if run is not None:
        monkeypatch.setattr(incremental, "RUN", run)
    forget()
    yield
    forget()


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_random_edits_read_as_the_whole_text(file, split, monkeypatch):
    whole: list[str] = []
    monkeypatch.setattr(incremental, "compose", lambda text: whole.append(text) or compose(text))
    original = file.read_text(encoding="utf-8")
    rng = random.Random(f"{file.name}-{incremental.SPLIT_CHARS}-{incremental.RUN}")
    valid = in_parts = 0
    text = original
    for number in range(EDITS + 1):
        if number:
            text = _edit(rng, text, original)
        whole.clear()
        if _same(text):
            valid += 1
            in_parts += not whole
        if rng.random() < 0.3:  # start again from the valid file, from another place
            text = original
    # the comparison is not empty: most valid texts were read in parts (the others whole, as they must be)
    assert in_parts > 0.6 * valid


def test_parts_are_reused_and_an_edit_then_its_revert_read_right():
    """An edit far from an entry leaves that entry's data as it was (taken over, not read again); the edited
    entry is read again, and going back to the first text gives the first text's values, not the edit's."""
    forget()
    original = (ROOT / "examples" / "kreis-unna-2012.yaml").read_text(encoding="utf-8")
    first, _ = compose_edited(original)
    assert isinstance(first, dict)
    edited_text = original.replace(
        "title: Integrationskonzept Kreis Unna", "title: Integrationskonzept Kreis Unna X", 1
    )
    edited, edited_map = compose_edited(edited_text)
    assert isinstance(edited, dict)
    assert edited["title"] == "Integrationskonzept Kreis Unna X"
    assert edited["networks"] is first["networks"]  # unchanged: taken over
    assert edited_map.values == compose(edited_text)[1].values
    # a line added above an unchanged entry: its places move, its data stays
    moved_text = "# eine Zeile mehr\n" + edited_text
    moved, moved_map = compose_edited(moved_text)
    assert isinstance(moved, dict)
    assert moved_map.keys[("networks",)][0] == edited_map.keys[("networks",)][0] + 1
    assert (moved, moved_map) == compose(moved_text)
    back, back_map = compose_edited(original)
    assert isinstance(back, dict)
    assert back["title"] == "Integrationskonzept Kreis Unna"
    assert (back, back_map) == compose(original)
    forget()


def test_a_changed_item_deep_in_a_list_is_read_again():
    forget()
    items = "".join(f"  - id: punkt-{n}\n    text: Text {n}\n" for n in range(400))
    text = "title: T\nitems:\n" + items + "ende: 1\n"
    compose_edited(text)
    changed = text.replace("text: Text 200\n", "text: Text 200 geändert\n")
    data, source_map = compose_edited(changed)
    assert isinstance(data, dict)
    assert data["items"][200] == {"id": "punkt-200", "text": "Text 200 geändert"}
    assert (data, source_map) == compose(changed)
    # an item inserted: the items after it get new indexes and lines
    inserted = changed.replace("  - id: punkt-100\n", "  - id: neu\n  - id: punkt-100\n")
    assert _outcome(compose_edited, inserted) == _outcome(compose, inserted)
    forget()


@pytest.mark.parametrize(
    ("name", "limit"),
    [("MAX_NODES", 60), ("MAX_DEPTH", 4), ("MAX_LIST_ITEMS", 3), ("MAX_ALIASES", 2)],
    ids=["nodes", "depth", "items", "aliases"],
)
def test_limits_as_in_the_whole_read(monkeypatch, name, limit):
    """Near a limit the result is the whole read's (its message at its place)."""
    for module in (compose_module, incremental):
        if hasattr(module, name):
            monkeypatch.setattr(module, name, limit)
    monkeypatch.setattr(incremental, "SPLIT_CHARS", 0)
    rng = random.Random(name)
    for size in range(1, 30):
        items = "".join(
            f"  - id: &p{n} p{n}\n    sub:\n      - *p{n}\n      - b: [1, {{c: 2}}]\n"
            if name == "MAX_ALIASES"
            else f"  - p{n}\n"
            if name == "MAX_DEPTH"
            else f"  - id: p{n}\n    sub:\n      - a\n      - b: [1, {{c: 2}}]\n"
            for n in range(size)
        )
        deep = "".join("  " * level + f"stufe{level}:\n" for level in range(size % 7))
        text = f"title: T\nliste:\n{items}{deep}{'  ' * (size % 7)}am_tiefsten: {size}\n"
        forget()
        _same(text)
        _same(_edit(rng, text, text))


def test_threads_get_their_own_texts():
    """The studio is a server: texts checked at the same time in several threads each read as themselves."""
    forget()
    original = (ROOT / "examples" / "kreis-soest-2013.yaml").read_text(encoding="utf-8")
    texts = [original.replace("title: ", f"title: Fassung {n} ", 1) for n in range(6)]
    expected = [_outcome(compose, text) for text in texts]
    failures: list[int] = []

    def work(offset: int) -> None:
        for round_ in range(8):
            index = (offset + round_) % len(texts)
            if _outcome(compose_edited, texts[index]) != expected[index]:
                failures.append(index)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    forget()


def test_validate_text_finds_what_the_whole_read_finds():
    """``validate_text`` (incremental) reports the same findings as checking the whole read of the same text."""
    from integconcept.commands.validate import validate_document, validate_text
    from integconcept.document.source import Document

    forget()
    rng = random.Random("validate")
    for file in FILES:
        original = file.read_text(encoding="utf-8")
        text = original
        for _ in range(8 if not LONG else 80):
            text = _edit(rng, text, original)
            got = validate_text(str(file), text)
            try:
                data, source_map = compose(text)
            except LoadError as exc:
                assert [f.code for f in got.findings] == [exc.code]
                assert got.findings == [exc.finding()]
                continue
            if not isinstance(data, dict):
                assert not got.usable
                continue
            expected = validate_document(Document(str(file), text, data, source_map))
            assert got.findings == expected.findings
            assert got.usable == expected.usable
            if rng.random() < 0.3:
                text = original
    forget()


@pytest.mark.parametrize("bad", ["\t# Kommentar", "# Steuer\x01zeichen", "\u200b# unsichtbar", "\t"])
def test_lines_between_the_parts_are_checked_as_in_the_whole_read(bad, monkeypatch):
    """Comment lines before the first key and between a key and its first entry belong to no part: a tab, a
    control character or an invisible character there is the whole read's error, at its place."""
    monkeypatch.setattr(incremental, "SPLIT_CHARS", 0)
    body = "".join(f"  - punkt {n}\n" for n in range(20))
    for text in (f"# Kopf\n{bad}\ntitle: T\nliste:\n{body}", f"title: T\nliste:\n  # davor\n{bad}\n{body}ende: 1\n"):
        forget()
        assert _outcome(compose, text)[0] == "error"
        _same(text)
        _same(text.replace(bad, "# sauber"))


def test_the_studio_checks_each_edited_text_as_a_whole_read_would(tmp_path):
    """The studio's text changes (``Session.apply``) read the text in parts: its findings and the data its
    pages show are those of the whole read of the same text, also after going back to the saved text."""
    import shutil

    from integconcept.commands.validate import validate_document
    from integconcept.document.source import Document
    from integconcept.studio import make_session

    forget()
    file = tmp_path / "konzept.yaml"
    shutil.copy(ROOT / "examples" / "kreis-unna-2012.yaml", file)
    session = make_session(str(file))
    original = session.text
    rng = random.Random("studio")
    for number in range(12):
        back = number % 4 == 3
        session.apply(lambda text, back=back: original if back else _edit(rng, text, original))
        try:
            data, source_map = compose(session.text)
        except LoadError as exc:
            assert session.findings == [exc.finding()]
            assert session.data() == {}
            continue
        if isinstance(data, dict):
            expected = validate_document(Document(str(file), session.text, data, source_map))
            assert session.findings == expected.findings
            assert repr(session.data()) == repr(data)
    forget()

"""Every kind of unusable input ends in a clear German message with a place, never a traceback."""

from __future__ import annotations

import hashlib
import re

import pytest

from integconcept.document.loader import LoadError, load
from integconcept.commands.validate import validate_file

from .conftest import MINIMAL, UNNA


def load_error(path: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load(path)
    return info.value


def test_minimal_concept_loads_with_positions(write):
    doc = load(write("c.yaml", MINIMAL))
    assert doc.data["authority"]["municipalities"][0]["name"] == "A-Stadt"
    assert doc.source_map.position(("authority", "municipalities", 0, "name")) == (9, 13)
    assert doc.source_map.position(("authority", "kind"), key=True) == (6, 3)


def test_missing_file():
    error = load_error("/nonexistent/konzept.yaml")
    assert error.code == "F001" and "gibt es nicht" in error.message


def test_directory(tmp_path):
    error = load_error(str(tmp_path))
    assert error.code == "F002" and "Ordner" in error.message


def test_too_large(write, monkeypatch):
    import integconcept.document.loader as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    error = load_error(write("big.yaml", MINIMAL + "#" * 200))
    assert error.code == "F003" and "zu groß" in error.message


def test_binary_file(write):
    error = load_error(write("c.yaml", b"PK\x03\x04\x00\x00binary"))
    assert error.code == "F004" and "Binärdaten" in error.message


def test_not_utf8_points_to_the_byte(write):
    error = load_error(write("c.yaml", MINIMAL.replace("Kreis Test\n", "Kreis T\xe4st\n", 1).encode("latin-1")))
    assert error.code == "F005" and "UTF-8" in error.message
    assert (error.line, error.column) == (3, 35)


def test_yaml_syntax_error_position(write):
    error = load_error(write("c.yaml", 'format_version: 1\ntitle: "offen\nid: x\n'))
    assert error.code == "Y001" and error.message.startswith("YAML-Syntaxfehler")
    assert error.line >= 2


def test_mapping_value_error_explained(write):
    error = load_error(write("c.yaml", "title: Ziel: mehr Teilhabe\n"))
    assert error.code == "Y001" and "Anführungszeichen" in error.message
    assert (error.line, error.column) == (1, 12)


def test_duplicate_key(write):
    error = load_error(write("c.yaml", MINIMAL + "title: nochmal\n"))
    assert error.code == "Y002" and "„title“" in error.message
    assert error.line == 12


def test_tab_indentation(write):
    error = load_error(write("c.yaml", "authority:\n\tname: X\n"))
    assert error.code == "Y003" and "Tabulator" in error.message
    assert (error.line, error.column) == (2, 1)


@pytest.mark.parametrize("content", ["", "   \n\n", "# nur ein Kommentar\n"])
def test_empty_file(write, content):
    assert load_error(write("c.yaml", content)).code == "Y004"


@pytest.mark.parametrize("content", ["- a\n- b\n", "nur Text\n", "42\n"])
def test_top_level_not_a_mapping(write, content):
    error = load_error(write("c.yaml", content))
    assert error.code == "Y005" and "Zuordnung" in error.message


def test_billion_laughs_is_stopped(write):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    error = load_error(write("bomb.yaml", "\n".join(lines) + "\n"))
    assert error.code == "Y006"


@pytest.mark.parametrize("content", ["a: &a\n  b: *a\n", "a: &a [1, *a]\n"])
def test_self_referencing_alias_terminates(write, content):
    result = validate_file(write("loop.yaml", content))
    assert result.findings and all(f.severity.value == "error" for f in result.findings)


def test_loading_never_modifies_the_file():
    before = hashlib.sha256(UNNA.read_bytes()).hexdigest(), UNNA.stat().st_mtime_ns
    result = validate_file(str(UNNA))
    assert result.usable
    assert (hashlib.sha256(UNNA.read_bytes()).hexdigest(), UNNA.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01", "title: ä\n".encode("utf-16"), b"a: [", b"- x", b"a: *nirgends\n"],
)
def test_validate_file_never_raises(write, content):
    result = validate_file(write("x.yaml", content))
    assert not result.usable
    assert result.findings and result.findings[0].severity.value == "error"
    assert all(f.message and f.line >= 1 and f.column >= 1 for f in result.findings)


# --------------------------------------------------------------------------- syntax errors a person can act on


@pytest.mark.parametrize(
    "text, line, message, hint",
    [
        # one space too many under a key that opens no block (the parser says "mapping values are not allowed")
        (
            "format_version: 1\nauthority:\n  name: Kreis Test\n   kind: kreis\n",
            4,
            "Zeile 4 ist mit 3 Leerzeichen eingerückt, Zeile 3 darüber mit 2",
            "„  kind: kreis“ (2 Leerzeichen)",
        ),
        # one space too few
        (
            "format_version: 1\nauthority:\n  name: Kreis Test\n kind: kreis\n",
            4,
            "Zeile 4 ist mit 1 Leerzeichen eingerückt",
            "„  kind: kreis“",
        ),
        # a missing colon is noticed by the parser only on the next line: reported where it is missing
        ("format_version: 1\nid kreis-test\ntitle: Test\n", 2, "in Zeile 2 fehlt der Doppelpunkt", "„id: kreis-test“"),
    ],
)
def test_syntax_errors_name_the_likely_cause_and_show_a_corrected_line(tmp_path, text, line, message, hint):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load(str(path))
    error = info.value
    assert error.code == "Y001" and error.line == line
    assert message in error.message and hint in error.hint
    assert not re.search(r"expected|found|mapping|block", error.message + error.hint)

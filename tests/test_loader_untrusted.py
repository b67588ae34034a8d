"""The loader takes any file as untrusted input: YAML tags, merge keys, anchors, odd characters and
sizes end in a German message at the real place (issue 13), never in a traceback or a warning."""

from __future__ import annotations

import math

import pytest

from integconcept.document import compose as compose_module
from integconcept.document import loader
from integconcept.document.loader import LoadError, compose, load, parse_yaml, to_plain
from integconcept.commands.validate import validate_file

from .conftest import EXAMPLES, MINIMAL, example_files


def error_of(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        compose(text)
    return info.value


# --- the fast path reads every file exactly as ruamel.yaml's round trip did -------------------


@pytest.mark.parametrize(
    "path", [*example_files(), EXAMPLES.parent / "tests" / "data" / "render-rich.yaml"], ids=lambda p: p.name
)
def test_fast_path_equals_round_trip_data_and_positions(path):
    text = path.read_text(encoding="utf-8")
    data, source_map = compose(text)
    rt_data, rt_map = to_plain(parse_yaml(text))
    assert data == rt_data
    assert source_map.values == rt_map.values and source_map.keys == rt_map.keys


SCALARS = [
    "017",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "-0",
    "+12",
    "1.5",
    "1e3",
    "1E3",
    ".5",
    "-.inf",
    ".NaN",
    "1_0.5",
    "0.",
    "true",
    "True",
    "FALSE",
    "yes",
    "No",
    "on",
    "~",
    "null",
    "NULL",
    "Null",
    "nUll",
    "2012-10-30",
    "2012-10-30 10:00:00",
    "1:20",
    "=",
    "0777",
    "08",
    "1.0e+3",
    "+.5",
    "-1_2",
    "0o8",
    "12abc",
    ".inf",
    "+.inf",
    "'1'",
    '"x"',
    "Ende 2012-11",
    "a b",
    "ä",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_are_read_as_the_round_trip_reads_them(scalar):
    for text in (f"v: {scalar}\n", f"{scalar}: v\n"):
        fast = compose(text)[0]
        slow = to_plain(parse_yaml(text))[0]
        for a, b in ((fast, slow), (list(fast), list(slow))):
            if isinstance(a, dict):
                a, b = a.get("v"), b.get("v")
            same = (isinstance(a, float) and math.isnan(a) and isinstance(b, float) and math.isnan(b)) or a == b
            assert same and type(a) is type(b), (text, a, b)


def test_positions_count_characters_not_bytes():
    data, source_map = compose("ä: „ü“\nb:\n  - c: ö\n")
    assert source_map.position(("ä",)) == (1, 4)
    assert source_map.position(("b", 0, "c")) == (3, 8)


# --- YAML constructs -----------------------------------------------------------------------


def test_merge_key_merges_and_explicit_keys_win():
    data, source_map = compose("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n")
    assert data["c"] == {"x": 1, "y": 3}
    assert source_map.position(("c", "y")) == (4, 6)
    assert source_map.position(("c", "x")) == (3, 7)  # where the merge is written


def test_merge_of_several_mappings_keeps_the_first():
    data, _ = compose("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n")
    assert data["c"] == {"x": 1, "z": 3}


@pytest.mark.parametrize("text, line, column", [("a: &a 5\nc:\n  <<: *a\n", 3, 7), ("c:\n  <<: [1, 2]\n", 2, 12)])
def test_merge_of_something_else_than_a_mapping(text, line, column):
    error = error_of(text)
    assert error.code == "Y007" and "<<" in error.message and (error.line, error.column) == (line, column)


@pytest.mark.parametrize("tag", ["!foo", "!!python/object:os.system", "!!binary", "!!set", "!!omap"])
def test_unsupported_tags_are_named_at_their_place(tag):
    value = {"!!set": "{x, y}", "!!omap": "[x: 1]"}.get(tag, "aGVsbG8=")
    error = error_of(f"a: 1\nb: {tag} {value}\n")
    assert error.code == "Y007" and tag in error.message and (error.line, error.column) == (2, 4)


def test_standard_tags_convert_or_explain():
    assert compose("a: !!str 12\nb: !!int '12'\nc: ! 5\n")[0] == {"a": "12", "b": 12, "c": "5"}
    error = error_of("a:\n  b: !!int zwölf\n")
    assert error.code == "Y007" and "„zwölf“" in error.message and (error.line, error.column) == (2, 6)


def test_aliases_are_copies_with_the_positions_of_their_anchor():
    data, source_map = compose("a: &x\n  k: [1, {m: 2}]\nb: *x\n")
    assert data["b"] == data["a"] and data["b"] is not data["a"]
    assert source_map.position(("b",)) == (3, 4)
    assert source_map.position(("b", "k", 1, "m")) == (2, 14)


def test_redefined_anchor_is_valid_yaml_and_gives_no_warning(recwarn):
    data, _ = compose("a: &x 1\nb: &x [2]\nc: *x\n")
    assert data == {"a": 1, "b": [2], "c": [2]}
    to_plain(parse_yaml("a: &x 1\nb: &x [2]\nc: *x\n"))
    assert not recwarn.list


def test_redefined_anchor_reaches_no_user_through_the_cli(write, run_cli):
    path = write("c.yaml", MINIMAL + "extra: &x 1\nother: &x 2\n")
    result = run_cli("validate", path)
    assert result.returncode == 1  # a schema finding about the unknown keys, not a crash
    assert "Warning" not in result.stderr and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "text, code, place",
    [
        ("a: 1\nb: *nope\n", "Y001", (2, 4)),
        ("a: &a\n  b: *a\n", "Y006", (2, 6)),
        ("? [a, b]\n: 1\n", "Y007", (1, 3)),
        ("a: &k {x: 1}\n*k : 2\n", "Y007", (2, 1)),
        ("a: 1\n---\nb: 2\n", "Y001", (2, 1)),
    ],
)
def test_alias_key_and_document_problems(text, code, place):
    error = error_of(text)
    assert error.code == code and (error.line, error.column) == place
    assert "expected" not in error.message and "found" not in error.message


# --- characters and parser messages ----------------------------------------------------------


@pytest.mark.parametrize("char, column", [("\x01", 6), ("\x7f", 6), ("\ufffe", 6)])
def test_unacceptable_character_at_its_real_place_in_german(char, column):
    error = error_of(f"a: 1\nb: xä{char}y\n")
    assert error.code == "Y009" and f"U+{ord(char):04X}" in error.message and "Steuerzeichen" in error.message
    assert (error.line, error.column) == (2, column)


def test_surrogate_escape_is_a_syntax_error_at_its_place():
    error = error_of('a: 1\nb: "\\ud800"\n')
    assert error.code == "Y001" and error.line == 2 and "Escape" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b: 1\n c: 2\n",
        "a: [1, 2\nb: 3\n",
        'a: "\\q"\n',
        "a: @x\n",
        "%FOO bar\n---\na: 1\n",
        "a: 1\n...\nb\n",
        "a: !x!y 1\n",
        "- a\nb: 1\n",
    ],
)
def test_parser_problems_are_german(text):
    error = error_of(text)
    assert error.code == "Y001" and error.message.startswith("YAML-Syntaxfehler: ")
    problem = error.message.removeprefix("YAML-Syntaxfehler: ")
    assert not any(word in problem for word in ("expected", "found", "while", "not allowed", "could not"))


# --- limits ----------------------------------------------------------------------------------


def _pure_python_parser(text: str):
    import yaml

    return yaml.SafeLoader(text)


@pytest.mark.parametrize("parser", ["installed", "pure-python"])
def test_deep_nesting_is_stopped_at_its_place_without_recursion(parser, monkeypatch):
    """Whichever parser stops the nesting first (libyaml has its own limit of 1000 levels and reads flow
    brackets ahead; PyYAML's pure Python parser has none, so ours at MAX_DEPTH applies), the user reads the
    same German message in the line of the brackets, never a syntax error or a RecursionError."""
    if parser == "pure-python":
        monkeypatch.setattr(compose_module, "_event_source", _pure_python_parser)
    brackets = 100_000
    error = error_of("a: " + "[" * brackets + "]" * brackets + "\n")
    assert error.code == "Y008" and "verschachtelt" in error.message and "Teilen Sie" in error.hint
    assert error.line == 1 and 3 + loader.MAX_DEPTH <= error.column <= 3 + brackets
    block = "a:\n" + "".join("  " * i + "-\n" for i in range(1, 200))
    error = error_of(block)
    assert error.code == "Y008" and "verschachtelt" in error.message
    assert error.line == loader.MAX_DEPTH + 1


def test_deep_nesting_through_the_cli_is_a_clear_message(run_cli, write):
    path = write("tief.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert "verschachtelt" in result.stdout + result.stderr and "tief.yaml:1:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Recursion" not in result.stdout + result.stderr


def test_a_long_list_without_aliases_is_not_called_too_many_references():
    error = error_of("a:\n" + "- 1\n" * 400_000)
    assert error.code == "Y008" and "Liste" in error.message and "Verweis" not in error.message
    assert (error.line, error.column) == (loader.MAX_LIST_ITEMS + 2, 3)


def test_long_text_and_long_number():
    error = error_of("a: 1\nb: " + "x" * (loader.MAX_STRING_CHARS + 1) + "\n")
    assert error.code == "Y008" and "Text" in error.message and (error.line, error.column) == (2, 4)
    error = error_of("a: 0x" + "F" * 5000 + "\n")
    assert error.code == "Y008" and "Stellen" in error.message


def test_node_count(monkeypatch):
    monkeypatch.setattr(compose_module, "MAX_NODES", 50)  # the limit the composer reads
    error = error_of("".join(f"k{i}: {i}\n" for i in range(40)))
    assert error.code == "Y008" and "Angaben" in error.message and error.line == 25


def test_billion_laughs_is_reported_as_references():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{'abcdefghi'[index]}"] * 9) + "]")
    error = error_of("\n".join(lines) + "\n")
    assert error.code == "Y006" and "Verweise" in error.message and error.line > 4


def test_limits_are_explained():
    from integconcept.core.codes import NON_RULE_CODES

    stated = NON_RULE_CODES["Y008"][1]
    for limit in (loader.MAX_NODES, loader.MAX_DEPTH, loader.MAX_LIST_ITEMS, loader.MAX_STRING_CHARS):
        assert f"{limit:,}".replace(",", ".") in stated


def test_load_rejects_a_list_at_the_top_level(write):
    with pytest.raises(LoadError) as info:
        load(write("c.yaml", "- a\n"))
    assert info.value.code == "Y005"


@pytest.mark.parametrize("content", ["a: !foo 1\n", "a: &a\n  <<: *a\n", "<<: 5\n", "a: " + "[" * 70 + "]" * 70])
def test_validate_file_reports_constructs_as_unusable(write, content):
    result = validate_file(write("x.yaml", content))
    assert not result.usable and result.findings[0].code in ("Y006", "Y007", "Y008")


def test_every_input_code_the_check_can_report_is_in_the_one_catalogue():
    """A finding's name and its ``explain`` text come from integconcept.core.codes; a code written in the
    loader or the schema check without an entry there would reach users without either."""
    import re
    from pathlib import Path

    import integconcept
    from integconcept.core.codes import NON_RULE_CODES, code_name

    root = Path(integconcept.__file__).parent
    used = set()
    for module in (
        "document/loader.py",
        "document/source.py",
        "document/compose.py",
        "document/yaml_messages.py",
        "document/pasted.py",
        "document/schema_check.py",
        "commands/validate.py",
    ):
        path = root / module
        if path.exists():
            used |= set(re.findall(r'"([FYS]\d{3}|K900)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(NON_RULE_CODES), sorted(used - set(NON_RULE_CODES))
    assert all(code_name(code) for code in used)


def test_twenty_thousand_references_stop_while_reading():
    """20,000 references to one step made 200,000 values whose checks took 15-27 s (issue 20); reading now
    stops at the first reference over the limit, before any check runs."""
    head = "format_version: 1\nsteps:\n  - &s {id: a, date: 2012-01-02, body: Kreistag, purpose: decision}\n"
    error = error_of(head + "  - *s\n" * 20_000)
    assert error.code == "Y006" and "mehr als 1.000 Verweise" in error.message
    assert error.line == 3 + loader.MAX_ALIASES + 1  # the 1,001st reference


def test_references_that_write_out_too_many_values_stop_while_reading():
    block = "{" + ", ".join(f"k{i}: {i}" for i in range(500)) + "}"
    error = error_of(f"a: &a {block}\nb:\n" + "  - *a\n" * 60)
    assert error.code == "Y006" and "mehr als 20.000 zusätzliche Angaben" in error.message
    # each reference writes out 1,001 values (the mapping, 500 keys, 500 values): the 20th crosses 20,000
    assert error.line == 2 + 20

"""The import's YAML writer (wordimport.yaml_out): it writes the draft line by line and must give exactly the
text ruamel.yaml's dump through ``fmt`` gives (the canonical form ``integconcept fmt --check`` accepts), for
every value: plain or quoted text, numbers, dates, literal blocks, lists of ids on one line, comments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integconcept.document.model import Concept
from integconcept.wordimport.yaml_out import HEADER, dump, dump_via_ruamel

#: Characters that decide between plain, single- and double-quoted text or a literal block in YAML.
_TRICKY = list("aZ9 0.-+:#?,[]{}&*!|>'\"%@`=~<_xXeEoObBnNyYtTfF/\\\nä„“–") + [
    "true",
    "no",
    "On",
    "null",
    "0x1F",
    "1_000",
    "12:30",
    "2024-05-06",
    "1e5",
    ".inf",
    "---",
    "...",
    " #",
    ": ",
]
_TEXT = st.lists(st.sampled_from(_TRICKY), min_size=1, max_size=12).map("".join)


def _data(title: str, texts: list[str], block: str) -> dict:
    return {
        "format_version": 1,
        "id": "kreis-x",
        "title": title,
        "authority": {"name": "Kreis X", "kind": "kreis"},
        "status": "draft",
        "legal_basis": "tintg2012-p7",
        "sources": texts,
        "preamble": {"title": "Präambel", "intro": block},
        "action_fields": [{"id": "arbeitswelt", "name": "Arbeitswelt"}],
        "guiding_goals": {
            "goals": [
                {"id": "z1", "action_field": "arbeitswelt", "goal": title, "measures": texts},
                {"id": "z2", "action_field": "arbeitswelt", "goal": block, "measures": ["a-1", "b2", "2012"]},
            ]
        },
    }


def _both(data: dict, comments: dict) -> tuple[str, str]:
    """The writer's text (the same from the model and from the plain classes the import validates into) and
    ruamel's."""
    from integconcept.document.plain import validator

    concept = Concept.model_validate(data)
    before = {path: list(lines) for path, lines in comments.items()}
    header = ["# yaml-language-server: $schema=concept.schema.json", *HEADER]
    fast = dump(data, comments, header[:1], concept)
    checker = validator()
    if checker is not None:
        assert dump(data, comments, header[:1], checker.validate_python(data)) == fast
    return fast, dump_via_ruamel(data, concept, before, header)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.lists(_TEXT, min_size=1, max_size=4), _TEXT)
def test_the_line_writer_gives_ruamels_text(title, texts, block):
    title = title.replace("\n", " ").strip() or "T"
    block = block.strip() or "x"
    comments = {
        ("preamble",): ["import: Abschnitt „Präambel“"],
        ("guiding_goals", "goals", 1): ["import: geschätzt"],
        ("sources", 0): ["import: erste Quelle"],
    }
    fast, reference = _both(_data(title, texts, block), comments)
    assert fast == reference


def test_a_list_of_ids_stands_on_one_line_and_numbers_are_quoted():
    fast, reference = _both(_data("Titel", ["eins", "zwei"], "Text"), {})
    assert fast == reference
    assert "measures: [a-1, b2, '2012']" in fast


def test_text_only_a_double_quoted_escape_can_carry_is_left_to_ruamel():
    """Line and paragraph separators, C1 controls …: the writer hands the file to ruamel.yaml, same result."""
    fast, reference = _both(_data("Titel", ["eins"], "Vor\u2028nach\x85dem \x9fZeichen"), {})
    assert fast == reference
    assert '"Vor\\Lnach\\Ndem \\x9FZeichen"' in fast

"""No rule's regular expression backtracks on long text (issue 13) and K009 tests for a year first
(issue 10): a 1 MB word in the free texts of the real Unna concept is checked quickly."""

from __future__ import annotations

import re

import pytest

from integconcept.rules.packs import tintg_shared
from integconcept.rules.packs.common import k009_angabe_nach_beschluss as k009_later_facts
from integconcept.rules.evidence import search
from integconcept.commands.validate import validate_file

from .conftest import UNNA
from .scaling import assert_grows_linearly

TEXT = UNNA.read_text(encoding="utf-8")
WORD = "a" * 1_000_000


def test_parent_search_is_linear_on_a_long_word_and_still_finds_the_word():
    assert search([((), WORD)], tintg_shared.PARENTS) is None
    assert_grows_linearly(lambda word: search([((), word)], tintg_shared.PARENTS), WORD[:100_000], WORD, 10)
    assert search([(("x",), "Programme zur Elternbildung und Rucksack")], tintg_shared.PARENTS) == (
        ("x",),
        "Elternbildung",
    )


def test_k009_skips_texts_without_a_later_year_quickly():
    import datetime as dt

    assert k009_later_facts.later_mentions(WORD + " 1999 " + WORD, dt.date(2012, 10, 30)) == []
    assert_grows_linearly(
        lambda word: k009_later_facts.later_mentions(word + " 1999 " + word, dt.date(2012, 10, 30)),
        WORD[:100_000],
        WORD,
        10,
    )
    assert k009_later_facts.later_mentions("Stand: Januar 2014", dt.date(2012, 10, 30)) == ["Januar 2014"]


def _with_long_words(word: str) -> str:
    marker = "    - id: verwaltungsvorstand\n"
    assert marker in TEXT
    # the long word sits in KI task texts, networks and the approval process (searched by many rules)
    text = TEXT.replace(marker, marker + f"      note: gemeinsame {word}\n", 1)
    text = re.sub(r"(\n  intro: \|-\n)", lambda m: m.group(1) + f"    {word}\n", text, count=1)
    ki_tasks = "ki_tasks:\n  title: Aufgabenstellung des Kommunalen Integrationszentrums Kreis Unna\n"
    assert ki_tasks in text
    return text.replace(ki_tasks, ki_tasks + f"  intro: {word}\n", 1)


@pytest.mark.parametrize("basis", ["tintg2012-p7", "tintg2022-p8-p9"])
def test_a_megabyte_word_in_the_free_texts_does_not_stall_validation(tmp_path, basis):
    paths = {}
    for size in (100_000, 1_000_000):
        paths[size] = tmp_path / f"unna-{size}.yaml"
        paths[size].write_text(_with_long_words("a" * size), encoding="utf-8")
    assert validate_file(str(paths[1_000_000]), basis=basis).usable
    assert_grows_linearly(
        lambda path: validate_file(str(path), basis=basis), paths[100_000], paths[1_000_000], 10, tries=2
    )


def _rule_patterns():
    """Every regular expression a rule module defines at module level (UPPER_CASE names)."""
    import importlib
    import pkgutil

    import integconcept.rules as package
    from integconcept.rules import all_rules

    all_rules()
    found = []
    for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if not name.lstrip("_").isupper():
                continue
            if isinstance(value, re.Pattern):
                found.append((f"{info.name}.{name}", value))
            elif isinstance(value, str) and len(value) < 400 and any(ch in value for ch in "\\|*+?"):
                try:
                    found.append((f"{info.name}.{name}", re.compile(value, re.IGNORECASE)))
                except re.error:
                    pass
    return found


PATTERNS = _rule_patterns()


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
@pytest.mark.parametrize("filler", ["a", "ä", "1", " ", "a "])
def test_no_rule_regex_backtracks_on_long_text(name, pattern, filler):
    def text(size: int) -> str:
        return "gemeinsame " + filler * (size // len(filler)) + " 2014"

    assert_grows_linearly(lambda t: list(pattern.finditer(t)), text(10_000), text(200_000), 20, what=name)


def _naive_locate(text, start, quote):
    """The first implementation: split the whole text for every finding (quadratic in a long file)."""
    lines = text.split("\n")
    if not 0 <= start[0] - 1 < len(lines):
        return None
    offset = sum(len(line) + 1 for line in lines[: start[0] - 1]) + start[1] - 1
    position = text.find(quote, offset)
    if position < 0:
        return None
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def test_quotes_are_located_as_before_with_the_line_index_worked_out_once():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from integconcept.rules.base import _line_starts, locate_quote

    @settings(max_examples=300, deadline=None)
    @given(
        st.text(alphabet="ab\n", max_size=60),
        st.integers(0, 12),
        st.integers(1, 8),
        st.text(alphabet="ab\n", min_size=1, max_size=3),
    )
    def same(text, line, column, quote):
        assert locate_quote(text, (line, column), quote, _line_starts(text)) == _naive_locate(
            text, (line, column), quote
        )
        assert locate_quote(text, (line, column), quote) == _naive_locate(text, (line, column), quote)

    same()

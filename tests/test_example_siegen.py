"""The Siegen-Wittgenstein example: built from a press report, it says so, takes only the report's own
sentences and prints each of them once (issue 27: "Es folgte eine inhaltliche Abstimmung …" stood in the
Präambel and in chapter 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integconcept.commands.validate import validate_file
from integconcept.document.walk import iter_strings

from .conftest import EXAMPLES

SIEGEN = EXAMPLES / "kreis-siegen-wittgenstein-2013.yaml"
SEED = Path("/work/shared/seeds/001_216e2cfd19a8b6a4.txt")
#: The free texts (names, ids, labels and the source note are no sentences of the report).
_PROSE = ("intro", "history", "description", "note", "text")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> list[str]:
    """Sentences of a free text (split after . ! ? or a closing quote followed by a capital letter)."""
    return [s for s in re.split(r"(?<=[.!?“])\s+(?=[„A-ZÄÖÜ])", _norm(text)) if len(s) > 40]


def _prose():
    concept = validate_file(str(SIEGEN)).concept
    for path, value in iter_strings(concept):
        if path[-1] in _PROSE:
            yield path, value


@pytest.mark.skipif(not SEED.is_file(), reason="seeds not available (/work/shared/seeds)")
def test_every_sentence_is_the_press_reports_own():
    seed = _norm(SEED.read_text(encoding="utf-8"))
    foreign = [(path, s) for path, value in _prose() for s in _sentences(value) if s not in seed]
    assert foreign == []


def test_no_sentence_is_printed_twice():
    seen: dict[str, tuple] = {}
    twice = []
    for path, value in _prose():
        for sentence in _sentences(value):
            if sentence in seen:
                twice.append((seen[sentence], path, sentence))
            seen.setdefault(sentence, path)
    assert twice == []
    assert any("Es folgte eine inhaltliche Abstimmung" in s for s in seen)  # still there, once (chapter 5)


def test_the_file_says_what_is_press_text():
    text = SIEGEN.read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "Pressetext" in comments and "Landrat Paul Breuer" in comments and "Helge Klinkert" in comments

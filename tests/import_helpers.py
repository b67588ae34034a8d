"""Helpers for the import tests: the prose-line measure and Word documents built in the test."""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path("/work/shared/seeds/003_4e7e70826374b383.txt")
_DATE_PREFIX = re.compile(
    r"^(\d{1,2}\.\d{1,2}\./)?\d{1,2}\.\s*(\d{1,2}\.\d{4}|\w+ \d{4})\s+|^Anfang \w+\s+|^Anschließend\s+")


def norm(text: str) -> str:
    """Compare words, not layout: markup, list markers, quotes and spacing do not count."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    text = re.sub(r"[*_\\¹]", "", text)
    text = re.sub(r"[„“”\"‚‘’']", "'", text)
    return " ".join(text.split()).lower()


_SECTION_NUMBER = re.compile(r"^\d+(?:\s?\.\s?\d+)*\s?\.\s+|^\d+(?:\.\d+)+\s+")
_FIELD_LABEL = re.compile(r"^[A-ZÄÖÜ][\w-]*(?: [\w-]+){0,2}:\s+(?=\S)")


def prose_lines(seed_text: str) -> list[str]:
    """The seed's prose lines, in the words that a concept file holds.

    A prose line is running text or a list item of at least five words. Not prose: the table of
    contents (a tab and a page number at the end), table rows (tab-separated), the HTML fragments
    of the KI task matrix, and labels (a short line ending in a colon, e.g. "Es soll erreicht werden
    durch:", which the renderer prints itself). Layout is taken off each line before comparing: list
    markers and section numbers, the date in front of an item of the dated approval list (it becomes
    the step's ``date``), a field label in front ("Ziel:", "Quelle:", "Vorsitz des Netzwerkes:" – the
    value goes into that field), trailing punctuation and footnote marks."""
    out = []
    for raw in seed_text.splitlines():
        line = raw.strip()
        if not line or "\t" in raw or line.startswith("<"):
            continue
        if line.endswith(":") and len(line.split()) < 6:
            continue
        line = re.sub(r"^(- |\d+\. (?=[a-zäöü]))", "", line).strip()
        line = _DATE_PREFIX.sub("", line)
        line = _SECTION_NUMBER.sub("", line)
        line = _FIELD_LABEL.sub("", line)
        line = line.replace("¹", "").rstrip(",;. ")
        if len(line.split()) >= 5:
            out.append(line)
    return out


def held_fraction(lines: list[str], corpus: str) -> tuple[float, list[str]]:
    haystack = norm(corpus)
    missing = [line for line in lines if norm(line) not in haystack]
    return 1 - len(missing) / len(lines), missing


def all_text(data) -> str:
    """Every string value of a loaded concept file, in its markup and as plain text."""
    from integconcept import markup

    texts: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str) and "count" in node:  # a partner institution as printed
                note = f" ({node['note']})" if node.get("note") else ""
                texts.append(f"{node['count']} {node['name']}{note}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            texts.append(node)
            texts.append(markup.plain_text(node))

    walk(data)
    return "\n".join(texts)

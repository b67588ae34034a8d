"""Where in the Word document a value of the imported concept stands: JSON path → paragraph or table cell.

The import records the places of what it reads as structure (population table cells, rows of the approval
table, dated lines); the rest is found by its text: a field's value begins with the text of the paragraph it
came from (free texts are paragraphs joined), a short value (a name, a body) equals a paragraph or a cell.
A finding's place is the place of its path, else of the nearest enclosing path that has one, else the
heading of the section the path's top key came from.

A :class:`Location` names the place as a user finds it in Word – "Abschnitt „2. Ausgangslage und Daten“,
Absatz 3" or "…, Tabelle 1, Zeile 5, Spalte 4" – and carries the element (``w:p``/``w:tc``) for ``review``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integconcept.wordimport.reader import Cell, Heading, Para, Table
from integconcept.wordimport.text import plain

_QUOTE = 60


@dataclass
class Location:
    paragraph: int | None  # 1-based among the body's paragraphs (headings included); a table: the one before it
    heading: str | None  # the nearest heading above, as printed (with its number)
    section_paragraph: int | None  # 1-based among the paragraphs under that heading
    quote: str
    table: int | None = None
    row: int | None = None  # 1-based
    column: int | None = None  # 1-based grid column
    element: object = field(default=None, repr=False, compare=False)  # w:p or w:tc (or w:tbl/w:tr)

    def text(self) -> str:
        where = f"Abschnitt „{self.heading}“" if self.heading else "Titelseite"
        if self.table is not None:
            where += f", Tabelle {self.table}"
            if self.row is not None:
                where += f", Zeile {self.row}"
            if self.column is not None:
                where += f", Spalte {self.column}"
        elif self.section_paragraph is not None:
            where += f", Absatz {self.section_paragraph}"
        return where

    def to_json(self) -> dict:
        out = {"paragraph": self.paragraph, "heading": self.heading, "quote": self.quote, "text": self.text()}
        if self.section_paragraph is not None and self.table is None:
            out["section_paragraph"] = self.section_paragraph
        if self.table is not None:
            out.update({"table": self.table, "row": self.row, "column": self.column})
        return out


def _norm(text: str) -> str:
    return " ".join(text.replace("\\\n", " ").split()).lower()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1].rstrip() + "…"


def _heading_text(heading: Heading) -> str:
    return heading.shown or (f"{heading.number} {heading.text}" if heading.number else heading.text)


class PlaceMap:
    """Built once per import: the document's blocks with their headings, and the paths' places."""

    def __init__(self, document, data: dict, places: dict, section_headings: dict):
        self.locations: dict[tuple, Location | None] = {}  # None: placed from a block that has no place
        self._of_block: dict[int, Location] = {}
        heading, counter = None, 0
        by_text: dict[str, list] = {}
        by_prefix: dict[str, list] = {}
        for block in document.ordered:
            if isinstance(block, Heading):
                heading, counter = block, 0
                location = Location(
                    block.ordinal or None, _heading_text(block), None, _quote(block.text), element=block.element
                )
                self._of_block[id(block)] = location
                continue
            if isinstance(block, Para):
                if block.ordinal:
                    counter += 1
                location = Location(
                    block.ordinal or None,
                    _heading_text(heading) if heading else None,
                    counter if block.ordinal else None,
                    _quote(block.plain),
                    element=block.element,
                )
                self._of_block[id(block)] = location
                key = _norm(block.plain)
                if key:
                    by_text.setdefault(key, []).append(location)
                    by_prefix.setdefault(key[:30], []).append(location)
                    if m := re.match(r"^[^:]{1,40}:\s*(.+)$", key):  # "ziel: …" – the value without its label
                        by_prefix.setdefault(m.group(1)[:30], []).append(location)
                        by_text.setdefault(m.group(1), []).append(location)
            elif isinstance(block, Table):
                self._of_block[id(block)] = Location(
                    block.ordinal or None,
                    _heading_text(heading) if heading else None,
                    None,
                    _quote(" | ".join(c.plain for c in block.rows[0] if c.plain) if block.rows else ""),
                    table=block.index,
                    element=block.element,
                )
                for r, row in enumerate(block.rows, start=1):
                    for c, cell in enumerate(_grid_columns(row), start=1):
                        if cell is None:
                            continue
                        key = _norm(cell.plain)
                        if key:
                            by_text.setdefault(key, []).append(self._cell(block, r, c, cell))
        for path, (block, row, column) in places.items():
            found = (
                self.of_table_cell(block, row, column) if isinstance(block, Table) else self._of_block.get(id(block))
            )
            self.locations[path] = found
        for key, heading_block in section_headings.items():
            if (key,) not in self.locations and id(heading_block) in self._of_block:
                self.locations[(key,)] = self._of_block[id(heading_block)]
        self._by_text, self._by_prefix = by_text, by_prefix
        self._walk(data, ())

    def _cell(self, table: Table, row: int, column: int, cell: Cell) -> Location:
        base = self._of_block.get(id(table))
        return Location(
            base.paragraph if base else None,
            base.heading if base else None,
            None,
            _quote(cell.plain),
            table.index,
            row,
            column,
            cell.element,
        )

    def of_table_cell(self, table: Table, row: int | None, column: int | None) -> Location | None:
        base = self._of_block.get(id(table))
        if base is None:
            return None
        if row is None:
            return base
        grid = table.resolved()
        if row >= len(grid) or not grid[row]:
            return base
        cell = grid[row][min(column or 0, len(grid[row]) - 1)]
        return Location(
            base.paragraph,
            base.heading,
            None,
            _quote(cell.plain),
            table.index,
            row + 1,
            None if column is None else column + 1,
            cell.element,
        )

    def _walk(self, node, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                self._walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._walk(value, path + (index,))
        elif isinstance(node, str) and path not in self.locations:
            text = _norm(plain(node))
            if not text:
                return
            found = self._by_text.get(text) or self._by_prefix.get(text[:30])
            if not found:
                first = _norm(plain(node.split("\n\n", 1)[0]))
                found = self._by_text.get(first) or self._by_prefix.get(first[:30])
            if found:
                self.locations[path] = found[0]

    def locate(self, path: tuple) -> Location | None:
        """The place of ``path``, else of the nearest enclosing path with one (a number in a row → the row), else
        the first place found below it (a section → its first paragraph)."""
        for length in range(len(path), 0, -1):
            if (found := self.locations.get(tuple(path[:length]))) is not None:
                return found
        below = [
            loc
            for p, loc in self.locations.items()
            if tuple(p[: len(path)]) == tuple(path) and loc is not None and loc.paragraph
        ]
        return min(below, key=lambda loc: loc.paragraph or 0) if below and path else None


def _grid_columns(row: list[Cell]) -> list:
    out: list = []
    for cell in row:
        out.append(cell)
        out.extend([None] * (max(1, cell.span) - 1))
    return out

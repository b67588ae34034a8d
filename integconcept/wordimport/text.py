"""Blocks of a Word document → one free text in the project's markup (paragraphs, nested lists,
continuation paragraphs, sub-headings as bold lines, unrecognised tables as lists of rows)."""

from __future__ import annotations

from functools import lru_cache

from integconcept.wordimport.inline import escape
from integconcept.wordimport.reader import Cell, Heading, Para, Table


def _indent_lines(text: str, indent: str) -> str:
    return ("\n" + indent).join(text.split("\n"))


class TextBuilder:
    def __init__(self):
        self.chunks: list[str] = []
        self._list: list[str] | None = None  # lines of the list being built
        self._widths: list[int] = []  # content indent per open level
        self._counters: list[int] = []
        self._last_item_indent: int | None = None

    def _close_list(self) -> None:
        if self._list is not None:
            self.chunks.append("\n".join(self._list))
        self._list = None
        self._widths = []
        self._counters = []
        self._last_item_indent = None

    def paragraph(self, markup: str) -> None:
        self._close_list()
        if markup.strip():
            self.chunks.append(markup.strip())

    def heading(self, text: str) -> None:
        self.paragraph(f"**{escape(text)}**")

    def item(self, markup: str, level: int, ordered: bool) -> None:
        if self._list is None:
            self._list = []
        level = min(level, len(self._widths))  # no jumps over levels
        del self._widths[level:]
        del self._counters[level + 1 :]
        if len(self._counters) <= level:
            self._counters.append(0)
        self._counters[level] += 1
        indent = sum(self._widths)
        marker = f"{self._counters[level]}. " if ordered else "- "
        self._widths.append(len(marker))
        body = _indent_lines(markup.strip() or "\\-", " " * (indent + len(marker)))
        if self._list and self._list[-1] == "" and level == 0:
            pass
        self._list.append(" " * indent + marker + body)
        self._last_item_indent = indent + len(marker)

    def continuation(self, markup: str) -> bool:
        """A paragraph that continues the last list item (indented under it)."""
        if self._list is None or self._last_item_indent is None:
            return False
        pad = " " * self._last_item_indent
        self._list.append("")
        self._list.append(pad + _indent_lines(markup.strip(), pad))
        return True

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.heading(block.text)
        elif isinstance(block, Para):
            if block.is_item:
                self.item(block.markup, block.list_level or 0, block.ordered)
            elif block.indented and self.continuation(block.markup):
                pass
            else:
                self.paragraph(block.markup)
        elif isinstance(block, Table):
            self.table(block)

    def table(self, table: Table) -> None:
        self._close_list()
        for row in table.rows:
            cells = [cell_text(c) for c in row if not c.continued]
            cells = [c for c in cells if c]
            if cells:
                self.item(" | ".join(cells), 0, False)
        self._close_list()

    def text(self) -> str:
        self._close_list()
        return "\n\n".join(c for c in self.chunks if c.strip())


def cell_text(cell: Cell) -> str:
    """A table cell on one line: its paragraphs and list items joined by "; "."""
    parts = [p.markup.replace("\\\n", " ").replace("\n", " ").strip() for p in cell.paragraphs]
    return "; ".join(p for p in parts if p)


def blocks_text(blocks) -> str:
    builder = TextBuilder()
    for block in blocks:
        builder.block(block)
    return builder.text()


def items_of(blocks) -> list[str]:
    """List items (level 0) with their sub-items and continuation paragraphs as free texts."""
    items: list[list] = []
    for block in blocks:
        if isinstance(block, Para) and block.is_item and (block.list_level or 0) == 0:
            items.append([block])
        elif items:
            items[-1].append(block)
    out = []
    for group in items:
        first, rest = group[0], group[1:]
        builder = TextBuilder()
        for block in rest:
            if isinstance(block, Para) and block.is_item:
                builder.item(block.markup, max(0, (block.list_level or 1) - 1), block.ordered)
            else:
                builder.paragraph(block.markup if isinstance(block, Para) else "")
        tail = builder.text()
        out.append(first.markup + ("\n\n" + tail if tail else ""))
    return out


_MARKUP = __import__("re").compile(
    r"[*_\\`\[\]^<>&|~#=]|^\s*(?:[-+]\s|[-+]$|\d{1,9}[.)](?:\s|$))|^ {4}|\t", __import__("re").M
)


@lru_cache(maxsize=4096)  # the mapper asks for the same field texts more than once
def plain(text: str) -> str:
    """The text without the project's markup – for comparing what the import placed; text without any markup
    character is returned as it is (parsing every field with the Markdown parser made large imports slow)."""
    if _MARKUP.search(text) is None:
        return text
    from integconcept.document import markup

    return markup.plain_text(text)

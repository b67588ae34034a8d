"""Inline markup in free text: a small Markdown subset.

The convention (also in README.md) is deliberately small, so that what an author writes is
what the Word document shows:

* an empty line starts a new paragraph; a line ending in a backslash forces a line break;
* ``- item`` is a bullet list, ``1. item`` a numbered list; indent by two spaces for sub-items,
  and an indented paragraph under an item continues that item;
* ``**bold**`` and ``*italic*``;
* ``^[text]`` is a footnote at that place (rendered as a real Word footnote).

Everything else (headings, links, HTML, tables, code) is shown as plain text.
Parsing uses markdown-it-py (CommonMark) with the footnote plugin of mdit-py-plugins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a forced line break (text is empty)
    footnote: list["Block"] | None = None  # footnote content (text is empty)


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "".join("\n" if r.line_break else r.text for r in self.runs)


@dataclass
class ListBlock:
    ordered: bool
    items: list[list["Block"]] = field(default_factory=list)
    start: int = 1


Block = Union[Paragraph, ListBlock]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False})
    md.disable(
        [
            "heading",
            "lheading",
            "code",
            "fence",
            "blockquote",
            "hr",
            "html_block",
            "reference",
            "link",
            "image",
            "autolink",
            "html_inline",
            "backticks",
            "entity",
        ]
    )
    md.use(footnote_plugin)
    return md


#: Characters that may start markup inside a line (escape, emphasis, footnotes, code spans) or that the
#: parser normalises; a line without them and without a list marker at its start is plain text.
_INLINE_MARKUP = frozenset("\\*_[]^`") | frozenset(chr(code) for code in range(32)) | {"\x7f"}


def is_plain(text: str) -> bool:
    """True when ``text`` is one paragraph of plain text for the parser (one line, no markup characters,
    no list marker, no surrounding white space): it parses to a single plain run of itself.

    A text may start with a number ("10 Stadt- und Gemeindeverwaltungen", "2012"): only digits followed
    by "." or ")" start an ordered list ("2012. Kreistag")."""
    if not text or text[0] in "-+*" or text != text.strip() or not _INLINE_MARKUP.isdisjoint(text):
        return False
    if text[0] in _DIGITS:
        rest = text.lstrip(_DIGITS)
        return not rest or rest[0] not in ".)"
    return True


_DIGITS = "0123456789"


def parse(text: str) -> list[Block]:
    """Parse free text into blocks of paragraphs and (nested) lists."""
    if is_plain(text):  # most table cells and names: no need to run the Markdown parser
        return [Paragraph([Run(text)])]
    if "\n" in text:
        simple = _simple_blocks(text)
        if simple is not None:
            return simple
    tokens = _parser().parse(text or "")
    footnotes: dict[int, list[Block]] = {}
    # Footnote bodies come last; collect them first so references can be resolved.
    body_end = len(tokens)
    for index, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            body_end = index
            break
    i = body_end
    while i < len(tokens):
        token = tokens[i]
        if token.type == "footnote_open":
            fid = token.meta["id"]
            depth, j = 1, i + 1
            while depth:
                if tokens[j].type == "footnote_open":
                    depth += 1
                elif tokens[j].type == "footnote_close":
                    depth -= 1
                j += 1
            footnotes[fid] = _blocks(tokens[i + 1 : j - 1], footnotes)
            i = j
        else:
            i += 1
    return _blocks(tokens[:body_end], footnotes)


def _simple_blocks(text: str) -> list[Block] | None:
    """The blocks of a text made only of plain lines and "- " items of plain text (paragraphs and bullet
    lists separated by empty lines, as most concept texts are), without the Markdown parser; None for
    anything else (then markdown-it decides). A property test holds the result equal to the parser's.

    Where CommonMark has subtle rules the text is left to the parser: a line right after an item (lazy
    continuation), indented or white-space-only lines. (An item right after a paragraph line starts a
    list, as in CommonMark: "Lead-in:" directly followed by "- …".)"""
    blocks: list[Block] = []
    previous = "blank"  # what the line before was: "blank", "para" or "item"
    for line in text.split("\n"):
        if not line:
            previous = "blank"
        elif line.startswith("- ") and is_plain(line[2:]):
            if previous == "item" or (previous == "blank" and blocks and isinstance(blocks[-1], ListBlock)):
                items = blocks[-1]
                assert isinstance(items, ListBlock), "an item follows an item of the same list"
                items.items.append([Paragraph([Run(line[2:])])])
            else:
                blocks.append(ListBlock(ordered=False, items=[[Paragraph([Run(line[2:])])]]))
            previous = "item"
        elif is_plain(line):
            if previous == "item":
                return None
            if previous == "para":
                paragraph = blocks[-1]
                assert isinstance(paragraph, Paragraph), "a line after a paragraph's line continues it"
                paragraph.runs.append(Run(" " + line))  # a soft line break: one space, as the parser gives
            else:
                blocks.append(Paragraph([Run(line)]))
            previous = "para"
        else:
            return None
    return blocks or None


def _blocks(tokens, footnotes) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "paragraph_open":
            blocks.append(Paragraph(_runs(tokens[i + 1], footnotes)))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            close = token.type.replace("open", "close")
            depth, j = 1, i + 1
            items: list[list[Block]] = []
            item_start = None
            while depth:
                t = tokens[j]
                if t.type == token.type:
                    depth += 1
                elif t.type == close:
                    depth -= 1
                elif depth == 1 and t.type == "list_item_open":
                    item_start = j + 1
                elif depth == 1 and t.type == "list_item_close":
                    items.append(_blocks(tokens[item_start:j], footnotes))
                j += 1
            start = int(token.attrs.get("start", 1)) if token.attrs else 1
            blocks.append(ListBlock(ordered=token.type == "ordered_list_open", items=items, start=start))
            i = j
        elif token.type == "inline":
            blocks.append(Paragraph(_runs(token, footnotes)))
            i += 1
        else:
            i += 1
    return blocks


def _runs(inline, footnotes) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in inline.children or []:
        kind = child.type
        if kind == "text":
            if (
                runs
                and runs[-1].bold == bold
                and runs[-1].italic == italic
                and not (runs[-1].line_break or runs[-1].footnote is not None)
            ):
                runs[-1].text += child.content
            else:
                runs.append(Run(child.content, bold, italic))
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic))
        elif kind == "hardbreak":
            runs.append(Run("", bold, italic, line_break=True))
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "footnote_ref":
            runs.append(Run("", bold, italic, footnote=footnotes.get(child.meta["id"], [])))
        elif child.content:
            runs.append(Run(child.content, bold, italic))
    return [r for r in runs if r.text or r.line_break or r.footnote is not None]


def plain_text(text: str) -> str:
    """The text without markup, footnotes dropped (for tables, search and rules)."""

    def flatten(blocks: list[Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                out.append("".join("\n" if r.line_break else r.text for r in block.runs))
            else:
                for item in block.items:
                    out.extend(flatten(item))
        return out

    return "\n".join(flatten(parse(text)))

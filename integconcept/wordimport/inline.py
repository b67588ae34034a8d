"""Runs of a Word paragraph → the project's inline markup (``**bold**``, ``*italic*``, ``^[footnote]``,
``\\`` line breaks), escaped only where the text would otherwise be read as markup.

Every result is checked by parsing it back with :mod:`integconcept.document.markup`: when the plain text
differs (an asterisk in "Bürgermeister*innen" pairing with another one, emphasis that CommonMark
cannot close), the text is escaped, and as a last resort the emphasis is dropped – the words
always survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPECIAL = re.compile(r"([\\*_\[\]^`<>])")
_BLOCK_START = re.compile(r"^(\s*)([-+*>#=]|\d{1,9}[.)])(?=\s|$)")


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False
    footnote: str | None = None


def escape(text: str, line_start: bool = False) -> str:
    out = _SPECIAL.sub(r"\\\1", text)
    if line_start:
        out = _BLOCK_START.sub(_escape_block_start, out)
    return out


def _escape_block_start(m: re.Match) -> str:
    """``- `` → ``\\- ``; a number marker ``1.`` → ``1\\.`` (CommonMark escapes punctuation only: ``\\1.`` would
    print the backslash)."""
    marker = m.group(2)
    if marker[0].isdigit():
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for seg in segments:
        if (
            seg.footnote is None
            and not seg.line_break
            and merged
            and merged[-1].footnote is None
            and not merged[-1].line_break
            and merged[-1].bold == seg.bold
            and merged[-1].italic == seg.italic
        ):
            merged[-1] = Segment(merged[-1].text + seg.text, seg.bold, seg.italic)
        elif seg.footnote is not None or seg.line_break or seg.text:
            merged.append(Segment(seg.text, seg.bold, seg.italic, seg.line_break, seg.footnote))
    # whitespace-only runs carry no emphasis
    for seg in merged:
        if seg.footnote is None and not seg.text.strip():
            seg.bold = seg.italic = False
    return merged


def _build(segments: list[Segment], escaped: bool, emphasis: bool) -> str:
    parts: list[str] = []
    at_line_start = True
    for seg in segments:
        if seg.line_break:
            parts.append("\\\n")
            at_line_start = True
            continue
        if seg.footnote is not None:
            note = escape(seg.footnote) if escaped else seg.footnote.replace("]", "\\]")
            parts.append(f"^[{note}]")
            at_line_start = False
            continue
        text = " ".join(seg.text.replace("\t", "\t ").split(" ")) if "\t" in seg.text else seg.text
        text = re.sub(r"[ \u00a0]{2,}", " ", text)
        body = escape(text, line_start=at_line_start) if escaped else text
        if emphasis and (seg.bold or seg.italic) and body.strip():
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()) :]
            mark = "***" if seg.bold and seg.italic else "**" if seg.bold else "*"
            body = f"{lead}{mark}{body.strip()}{mark}{trail}"
        parts.append(body)
        if text.strip():
            at_line_start = False
    out = "".join(parts)
    # no trailing line break, no spaces around breaks
    out = re.sub(r"[ \t]*\\\n[ \t]*", "\\\n", out)
    while out.endswith("\\\n"):
        out = out[:-2]
    return out.strip()


def _norm(text: str) -> str:
    return " ".join(text.split())


def plain_of(segments: list[Segment]) -> str:
    return "".join("\n" if s.line_break else ("" if s.footnote is not None else s.text) for s in segments)


def inline_markup(segments: list[Segment]) -> tuple[str, str]:
    """(markup, plain) for a paragraph's segments."""
    from integconcept.wordimport.text import plain as plain_text

    merged = _merge(segments)
    plain = plain_of(merged)
    wanted = _norm(plain.replace("\t", " "))
    notes = [s.footnote for s in merged if s.footnote is not None]
    for escaped, emphasis in ((False, True), (True, True), (True, False)):
        candidate = _build(merged, escaped, emphasis)
        if _norm(plain_text(candidate)) == wanted and _notes_of(candidate) == [_norm(n) for n in notes]:
            return candidate, plain
    return _build(merged, True, False), plain


def _notes_of(text: str) -> list[str]:
    if "^" not in text:  # every footnote form (^[…], [^…] and its definition) has a caret: no parse needed
        return []
    from integconcept.document import markup as markup_module

    found: list[str] = []

    def walk(blocks):
        for block in blocks:
            if isinstance(block, markup_module.Paragraph):
                for run in block.runs:
                    if run.footnote is not None:
                        found.append(_blocks_text(run.footnote))
            else:
                for item in block.items:
                    walk(item)

    walk(markup_module.parse(text))
    return found


def _blocks_text(blocks) -> str:
    from integconcept.document import markup as markup_module

    out = []
    for block in blocks:
        if isinstance(block, markup_module.Paragraph):
            out.append(block.plain)
        else:
            for item in block.items:
                out.append(_blocks_text(item))
    return _norm(" ".join(out))


def drop_prefix(segments: list[Segment], count: int) -> list[Segment]:
    """The segments without their first ``count`` characters of text (a typed bullet or number)."""
    out: list[Segment] = []
    for seg in segments:
        if count > 0 and seg.line_break:  # a break before the marker: "\n" in the plain text the count is of
            count -= 1
            continue
        if count > 0 and seg.footnote is None and not seg.line_break:
            if len(seg.text) <= count:
                count -= len(seg.text)
                continue
            seg = Segment(seg.text[count:], seg.bold, seg.italic)
            count = 0
        out.append(seg)
    if out and out[0].footnote is None and not out[0].line_break:
        out[0] = Segment(out[0].text.lstrip(" \t"), out[0].bold, out[0].italic)
    return out

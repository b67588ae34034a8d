"""Inline silences: a YAML comment naming rule codes and a reason.

    migration_background_percent: 34.6  # integconcept: ignore[K006] Grund: Druckfehler der Vorlage

A silence applies to findings on the same line; a silence on the key line of a field (also after a
block scalar's ``|``, where a comment may stand) applies to the findings about that field, even
when they point at words further down inside its text. Several codes are separated by commas. The reason
is the text after the closing bracket (an optional „Grund:“ is dropped); without a reason the
silence has no effect and is itself reported (K901), a silence that silences nothing is reported
too (K902), and so is an unknown code (K903).

Only real YAML comments count: they are taken from the comment tokens of ruamel.yaml's scanner,
so silence-like text inside a block scalar (``|``/``>``) or a quoted string is text, not a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"^#\s*integconcept\s*:\s*ignore\s*\[(?P<codes>[^\]]*)\](?P<reason>.*)$", re.IGNORECASE)
#: Text every silence comment contains (the start of :data:`_MARKER`, anywhere in the file).
_MAYBE = re.compile(r"#\s*integconcept\s*:\s*ignore\s*\[", re.IGNORECASE)
_REASON_PREFIX = re.compile(r"^[\s:–—-]*(?:(?:grund|begründung|begruendung)\s*:)?\s*", re.IGNORECASE)


@dataclass
class Silence:
    line: int
    column: int  # of the "#"
    codes: tuple[str, ...]
    reason: str

    @property
    def has_reason(self) -> bool:
        return len(self.reason) >= 3 and any(ch.isalpha() for ch in self.reason)


def comments(text: str) -> list[tuple[int, int, str]]:
    """Every YAML comment of ``text`` as (line, column of "#", comment text), 1-based.

    ruamel.yaml's scanner attaches comments to the token before them and merges a trailing comment
    with the full-line comments after it into one token; each piece is matched back to its line.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    lines = text.split("\n")
    out: list[tuple[int, int, str]] = []
    seen: set[int] = set()

    def add(line_index: int, piece: str) -> None:
        # the piece is on this line or, after blank lines, further down
        for index in range(line_index, min(len(lines), line_index + 200)):
            if index in seen:
                continue
            position = lines[index].rfind(piece) if piece else -1
            if position >= 0 and lines[index][position:].rstrip() == piece.rstrip():
                seen.add(index)
                out.append((index + 1, position + 1, piece.rstrip()))
                return

    def visit(token, owner_line: int) -> None:
        if token is None:
            return
        if isinstance(token, list):
            for item in token:
                visit(item, owner_line)
            return
        value: object
        if isinstance(token, str):  # the comment after a block scalar's "|"/">": on the owner's line
            value, line = token, owner_line
        else:
            value = getattr(token, "value", None)
            mark = getattr(token, "start_mark", None)
            if not isinstance(value, str) or mark is None:
                return
            line = mark.line
        for piece in value.split("\n"):
            stripped = piece.strip()
            if stripped.startswith("#"):
                add(line, stripped)
            line += 1

    try:
        for token in YAML(typ="rt").scan(text):
            visit(getattr(token, "_comment", None), token.start_mark.line)
    except (YAMLError, RecursionError, ValueError):
        return []  # an unparsable file never reaches the rules
    return sorted(out)


def parse(text: str) -> list[Silence]:
    """All silence comments of a YAML text (1-based line and column of the "#")."""
    if _MAYBE.search(text) is None:
        return []  # the scanner runs only for files that may hold a silence (not for every "# import:" note)
    out: list[Silence] = []
    for line, column, comment in comments(text):
        match = _MARKER.match(comment)
        if not match:
            continue
        codes = tuple(code.strip().upper() for code in match.group("codes").split(",") if code.strip())
        reason = _REASON_PREFIX.sub("", match.group("reason")).strip()
        out.append(Silence(line, column, codes, reason))
    return out


def comment_text(text: str) -> str:
    """``text`` as it can stand in a one-line YAML comment: control characters, line and paragraph
    separators, lone surrogates and characters YAML does not allow become spaces, runs of space one."""
    import unicodedata

    cleaned = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp", "Co", "Cn") or ch in "\ufeff\ufffe\uffff" else ch
        for ch in text
    )
    return " ".join(cleaned.split())


def add_silence(text: str, line: int, code: str, reason: str) -> str:
    """``text`` with a silence for ``code`` on ``line`` (1-based) and the reason after it.

    An existing silence comment on that line gets the code added; another comment on the line stays
    and the silence is put in front of it (``# integconcept: ignore[K006] Grund: … # alter Kommentar``
    would read the old comment as part of the reason, so the old comment follows on the next word)."""
    if not re.fullmatch(r"[A-Z]{1,3}\d{2,4}", code or ""):
        raise ValueError(f"unknown rule code {code!r}")
    reason = comment_text(reason)
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        raise ValueError("line outside the text")
    current = lines[line - 1]
    own = [c for c in comments(text) if c[0] == line]
    if own:
        column = own[0][1]
        comment = own[0][2]
        match = _MARKER.match(comment)
        if match:
            codes = [c.strip() for c in match.group("codes").split(",") if c.strip()]
            if code not in codes:
                codes.append(code)
            old_reason = _REASON_PREFIX.sub("", match.group("reason")).strip()
            joined = f"{old_reason}; {reason}" if old_reason and reason not in old_reason else (old_reason or reason)
            lines[line - 1] = current[: column - 1] + f"# integconcept: ignore[{', '.join(codes)}] Grund: {joined}"
            return "\n".join(lines)
        body = current[: column - 1].rstrip()
        lines[line - 1] = f"{body}  # integconcept: ignore[{code}] Grund: {reason} – {comment.lstrip('#').strip()}"
        return "\n".join(lines)
    lines[line - 1] = current.rstrip() + f"  # integconcept: ignore[{code}] Grund: {reason}"
    return "\n".join(lines)

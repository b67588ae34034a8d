"""What text pasted from Word, PDF or Outlook brings into a YAML file, found at its real place.

Two kinds of characters look right in an editor but are not what YAML reads:

* invisible characters (a no-break space, a zero-width space, a byte order mark inside the file …):
  YAML counts only the ordinary space as indentation and after ``:`` or ``-``, so a no-break space at
  the start of a line makes the line content, not indentation, and the parser fails a line later or
  reads a key no one can see;
* typographic quotes („…“, “…”, ‚…‘, »…« …): only the straight ``"`` and ``'`` quote in YAML; a text in
  typographic quotes is plain text, so a ``: `` or `` #`` inside it still breaks it or cuts it off.

The functions here return ``(message, hint, line, column)`` in German, or None; the loader turns them
into its errors (codes Y010 and Y011).
"""

from __future__ import annotations

import functools
import re

#: Characters an editor shows as a space or not at all, with their German names. Tabs have their own
#: message (Y003); U+FEFF at the very start of a file is a byte order mark and is fine there.
INVISIBLE: dict[str, str] = {
    "\u00a0": "geschütztes Leerzeichen",
    "\u2007": "geschütztes Ziffern-Leerzeichen",
    "\u202f": "schmales geschütztes Leerzeichen",
    "\u2000": "typografisches Leerzeichen (Halbgeviert)",
    "\u2001": "typografisches Leerzeichen (Geviert)",
    "\u2002": "typografisches Leerzeichen (Halbgeviert)",
    "\u2003": "typografisches Leerzeichen (Geviert)",
    "\u2004": "typografisches Leerzeichen (Drittelgeviert)",
    "\u2005": "typografisches Leerzeichen (Viertelgeviert)",
    "\u2006": "typografisches Leerzeichen (Sechstelgeviert)",
    "\u2008": "typografisches Leerzeichen (Interpunktion)",
    "\u2009": "schmales Leerzeichen",
    "\u200a": "sehr schmales Leerzeichen",
    "\u205f": "mittleres mathematisches Leerzeichen",
    "\u3000": "ideografisches (breites) Leerzeichen",
    "\u200b": "Leerzeichen ohne Breite",
    "\u200c": "Bindehemmer ohne Breite",
    "\u200d": "Verbinder ohne Breite",
    "\u2060": "Wortverbinder ohne Breite",
    "\ufeff": "Byte-Order-Mark (Leerzeichen ohne Breite)",
    "\u00ad": "weiches Trennzeichen",
}
#: The ones that take no room at all: the fix is deleting them, not replacing them by a space.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_INV = "".join(INVISIBLE)


@functools.cache
def leading_pattern() -> re.Pattern[str]:
    """Invisible characters where YAML expects indentation: at the start of a line (also after "- ").
    Compiled on first use (~4 ms: most texts hold no invisible character and never need it)."""
    return re.compile(rf"^ *(?:-[ ]+)*-?[{_INV}]", re.MULTILINE)


@functools.cache
def _around_key() -> re.Pattern[str]:
    """Invisible characters around the colon of a key or after a list dash (the parser fails later)."""
    return re.compile(rf"^ *(?:- +)*(?:[\w.-]*[{_INV}]+[\w.-]*:|[\w.-]+[{_INV}]*:[{_INV}]|-[{_INV}])")


#: Typographic opening quotes → the closing ones that belong to them (German, English, French, Swiss,
#: Scandinavian usage; also the full-width forms of East Asian input methods).
QUOTE_PAIRS: dict[str, str] = {
    "„": "“”",
    "“": "”“",
    "”": "”",
    "‚": "‘’",
    "‘": "’‘",
    "’": "’",
    "»": "«»",
    "«": "»«",
    "›": "‹›",
    "‹": "›‹",
    "＂": "＂",
    "＇": "＇",
    "「": "」",
    "『": "』",
}
_OPENING = "".join(QUOTE_PAIRS)
_CLOSING = "".join(sorted(set("".join(QUOTE_PAIRS.values()))))
#: A line whose value (after "key: " or "- ") begins with a typographic quote.
_QUOTED_VALUE = re.compile(rf"^(?P<lead> *(?:- +)*(?:[^\s#:'\"][^:#]*?: +)?)(?P<open>[{_OPENING}])")
#: A line whose value opens with a straight quote and ends with a typographic one.
_MIXED = re.compile(rf"^ *(?:- +)*(?:[^\s#:'\"][^:#]*?: +)?(?P<open>[\"'])(?P<text>.*?)(?P<close>[{_CLOSING}])\s*$")

STRAIGHT_ONLY = "Für YAML zählen nur gerade Anführungszeichen (\" oder ') als Anführungszeichen"


def describe(char: str) -> str:
    """ "geschütztes Leerzeichen (U+00A0)"."""
    return f"{INVISIBLE.get(char, 'unsichtbares Zeichen')} (U+{ord(char):04X})"


def invisible_in_value(value: str) -> str | None:
    """ " Darin steht ein unsichtbares Zeichen: …" for a value that failed a check, or None."""
    index = next((i for i, c in enumerate(value) if c in INVISIBLE), None)
    if index is None:
        return None
    return (
        f" Darin steht ein unsichtbares Zeichen: {describe(value[index])} als {index + 1}. Zeichen "
        f"(meist aus einer Kopie aus Word, PDF oder Outlook); löschen Sie es."
    )


def _fixed(line: str, drop: bool = False) -> str:
    """The line with every invisible character replaced by a space, or dropped if it has no width or
    ``drop`` is set (in a key)."""
    return "".join(
        "" if c in _ZERO_WIDTH or (drop and c in INVISIBLE) else " " if c in INVISIBLE else c for c in line
    ).rstrip()


def invisible_at(line_text: str, line: int, index: int, where: str) -> tuple[str, str, int, int]:
    """Y010 for the invisible character at ``index`` (0-based) of line ``line``."""
    char = line_text[index]
    what = INVISIBLE.get(char, "unsichtbares Zeichen")
    drop = where == "im Schlüssel"
    replace = "Löschen Sie es" if char in _ZERO_WIDTH or drop else "Ersetzen Sie es durch ein gewöhnliches Leerzeichen"
    message = (
        f"Unsichtbares Zeichen: {what} (U+{ord(char):04X}) in Zeile {line}, Spalte {index + 1} "
        f"({where}); YAML liest es nicht als Leerzeichen."
    )
    fixed = _fixed(line_text, drop)
    if fixed.strip():
        hint = (
            f"{replace} (meist aus einer Kopie aus Word, PDF oder Outlook; im Editor unsichtbar). "
            f"Zeile {line} richtig: „{fixed}“"
        )
    else:
        hint = f"{replace}; die Zeile ist dann leer (meist aus einer Kopie aus Word, PDF oder Outlook)."
    return message, hint, line, index + 1


def leading_invisible(text: str) -> tuple[str, str, int, int] | None:
    """The first invisible character where YAML expects indentation (start of a line, after "- ")."""
    if not any(character in text for character in INVISIBLE):  # most texts have none: 21 fast scans, not the regex
        return None
    match = leading_pattern().search(text, 1 if text.startswith("\ufeff") else 0)
    if match is None:
        return None
    offset = match.end() - 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line_text = text[start:] if end < 0 else text[start:end]
    return invisible_at(line_text.rstrip("\r"), text.count("\n", 0, offset) + 1, offset - start, "am Zeilenanfang")


def invisible_near(lines: list[str], first: int, last: int) -> tuple[str, str, int, int] | None:
    """An invisible character at a key's colon or after a list dash in lines ``first``..``last`` (1-based)."""
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        line_text = lines[number - 1]
        match = _around_key().match(line_text)
        if match is not None:
            index = next(i for i in range(match.end() - 1, -1, -1) if line_text[i] in INVISIBLE)
            return invisible_at(line_text, number, index, "beim Schlüssel oder Listenpunkt")
    return None


def suspicious_key(key: str) -> bool:
    """A key that holds an invisible character or begins with a typographic quote."""
    return key[0] in QUOTE_PAIRS or any(c in INVISIBLE for c in key)


def invisible_in_key(lines: list[str], line: int, column: int, key: str) -> tuple[str, str, int, int] | None:
    """Y010 for a key that holds an invisible character (it parses, but no one can see why it is unknown)."""
    char = next((c for c in key if c in INVISIBLE), None)
    if char is None:
        return None
    line_text = lines[line - 1] if 0 < line <= len(lines) else key
    index = line_text.find(char, max(column - 1, 0))
    if index < 0:
        index = max(column - 1, 0)
        line_text = line_text[:index] + key
        index += key.index(char)
    return invisible_at(line_text, line, index, "im Schlüssel")


def _yaml_quoted(text: str) -> str:
    """``text`` in straight YAML quotes: double, or single where the text holds " or a backslash."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def typographic_quotes(lines: list[str], line: int) -> tuple[str, str, int, int] | None:
    """(message, hint, line, column) when the text that broke at ``line`` opens with a typographic quote.

    Looks at the error line and upwards through the lines the same text continues on (indented
    deeper than the line the value starts on)."""
    if not 0 < line <= len(lines):
        return None
    deeper = None  # the least indentation of the lines below the candidate, up to the error line
    for number in range(line, max(line - 40, 0), -1):
        content = lines[number - 1]
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        indent = len(content) - len(content.lstrip(" "))
        if deeper is None or indent < deeper:
            match = _QUOTED_VALUE.match(content)
            if match is not None:
                return _quote_diagnosis(content, number, match)
        elif indent >= deeper:
            continue  # a line the text continues on
        if deeper is not None:
            return None  # the first line less indented is where the text begins, or its parent
        deeper = indent
    return None


def _quote_diagnosis(content: str, number: int, match: re.Match) -> tuple[str, str, int, int]:
    lead, opening = match.group("lead"), match.group("open")
    rest = content[match.end() :].rstrip()
    closing = QUOTE_PAIRS[opening]
    column = match.start("open") + 1
    if rest and rest[-1] in closing:
        inner = rest[:-1]
        lead = lead.lstrip(" ")  # the line's own indentation stays as it is
        straight = f"{lead}{_yaml_quoted(inner)}"
        verbatim = f"{lead}{_yaml_quoted(opening + inner + rest[-1])}"
        hint = (
            f"Vermutlich richtig: {straight} – sollen die Anführungszeichen im Text erscheinen, setzen Sie "
            f"den ganzen Text zusätzlich in gerade: {verbatim}"
        )
    else:
        hint = (
            f"Setzen Sie gerade Anführungszeichen statt {opening} am Anfang und am Ende des Textes, z. B. "
            f'{lead.lstrip(" ")}"{rest[:40]}…"'
        )
    message = (
        f"YAML-Syntaxfehler: der Text in Zeile {number} steht in typografischen Anführungszeichen "
        f"({opening}…{closing[0]}). {STRAIGHT_ONLY}; {opening}…{closing[0]} gehören zum Text, darum "
        "stört ein „: “ oder „ #“ darin."
    )
    return message, hint, number, column


def mixed_quotes(
    lines: list[str], line: int, first: int, closed_by: str | None = None
) -> tuple[str, str, int, int] | None:
    """A text opened with a straight quote but closed with a typographic one, in lines ``first``..``line``.

    With ``closed_by`` (the error line up to the error), the straight quote must appear in it: the
    parser read everything up to there as the one quoted text."""
    for number in range(min(line, len(lines)), max(first, 1) - 1, -1):
        content = lines[number - 1]
        match = _MIXED.match(content)
        if match is None or match.group("open") in match.group("text").replace("''", ""):
            continue
        if closed_by is not None and match.group("open") not in closed_by:
            continue
        opening, close = match.group("open"), match.group("close")
        fixed = content[: match.start("close")] + opening + content[match.end("close") :]
        return (
            f"YAML-Syntaxfehler: das Anführungszeichen {opening} in Zeile {number} wird nie geschlossen: am "
            f"Ende des Textes steht das typografische {close}. {STRAIGHT_ONLY}; beide müssen gleich sein.",
            f"Zeile {number} richtig: {fixed.strip()}",
            number,
            match.start("close") + 1,
        )
    return None


def cut_at_comment(value: str, rest_of_line: str) -> str | None:
    """A plain text that opens with a typographic quote and lost its end to a " #" (read as a comment)."""
    if not value or value[0] not in QUOTE_PAIRS:
        return None
    closing = QUOTE_PAIRS[value[0]]
    if any(c in value[1:] for c in closing):
        return None
    stripped = rest_of_line.rstrip()
    if stripped.lstrip().startswith("#") and stripped and stripped[-1] in closing:
        return stripped
    return None

"""German messages for what a YAML reader reports: syntax errors with their likely cause (a missing colon, an
indentation slip, text pasted from Word), tags, duplicate keys, too deep or too big files."""

from __future__ import annotations


from integconcept.document import pasted
from integconcept.document.source import MAX_DEPTH, LoadError

_YAML = "tag:yaml.org,2002:"

_TAG_HINT = (
    "Ein Konzept braucht keine YAML-Tags (!…): löschen Sie den Tag, oder schreiben Sie Texte, die wie "
    "Zahlen aussehen, in Anführungszeichen."
)


def _tag_message(tag: str, value: str | None) -> str:
    short = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    if value is not None and (tag.startswith(_YAML) and tag[len(_YAML) :] in ("int", "float", "bool", "null")):
        return f"Der Wert „{value[:40]}“ passt nicht zum YAML-Tag „{short}“."
    return f"Der YAML-Tag „{short[:60]}“ wird nicht unterstützt."


def _timestamp_as_text(constructor, node):
    return constructor.construct_scalar(node)


def _duplicate_key_name(problem: str) -> str:
    if '"' in problem:
        return "„" + problem.split('"')[1] + "“ "
    return ""


#: Problems of the YAML parsers (libyaml and ruamel.yaml), by the start of their English text.
_PROBLEMS = {
    "mapping values are not allowed": "hier darf kein Doppelpunkt mit Wert stehen "
    "(fehlen Anführungszeichen um einen Text mit „: “?)",
    "could not find expected ':'": "ein Doppelpunkt fehlt",
    "found character '\\t' that cannot start any token": "ein Tabulator ist hier nicht erlaubt",
    "found a tab character": "ein Tabulator ist hier nicht erlaubt",
    "found character that cannot start any token": "mit diesem Zeichen kann hier nichts beginnen (Texte, die mit "
    "@, ` oder % beginnen, gehören in Anführungszeichen)",
    "expected <block end>, but found '-'": "ein Listenpunkt ist falsch eingerückt",
    "expected <block end>": "die Einrückung stimmt nicht (ein Eintrag ist zu weit oder zu wenig eingerückt)",
    "block sequence entries are not allowed": "hier darf kein Listenpunkt („- “) stehen (Einrückung prüfen)",
    "mapping keys are not allowed": "hier darf kein Schlüssel stehen (Einrückung prüfen)",
    "did not find expected key": "ein Schlüssel fehlt oder die Einrückung stimmt nicht",
    "found undefined alias": "ein Verweis (*name) zeigt auf keinen Anker (&name)",
    "found unexpected end of stream": "die Datei endet mitten in einem Eintrag (Anführungszeichen nicht geschlossen?)",
    "did not find expected '-' indicator": "ein Listenpunkt ist falsch eingerückt",
    "did not find expected node content": "hier fehlt ein Wert",
    "did not find expected ',' or ']'": "eine Liste in eckigen Klammern ist nicht richtig geschlossen "
    "(fehlt „,“ oder „]“?)",
    "did not find expected ',' or '}'": "eine Zuordnung in geschweiften Klammern ist nicht richtig geschlossen "
    "(fehlt „,“ oder „}“?)",
    "did not find expected <document start>": "nach dem Ende des Dokuments folgt noch Text",
    "did not find expected comment or line break": "nach dem Wert folgt noch Text (Anführungszeichen prüfen; "
    "ein Kommentar braucht ein Leerzeichen vor „#“)",
    "did not find expected alphabetic or numeric character": "nach „&“ oder „*“ muss ein Name stehen (Texte, die "
    "mit & oder * beginnen, gehören in Anführungszeichen)",
    "did not find expected whitespace": "hier fehlt ein Leerzeichen",
    "did not find expected hexdecimal number": "eine Escape-Folge (\\x, \\u) in doppelten Anführungszeichen ist "
    "unvollständig",
    "found unknown escape character": "unbekannte Escape-Folge nach „\\“ in doppelten Anführungszeichen (für einen "
    "Rückstrich „\\\\“ schreiben oder einfache Anführungszeichen verwenden)",
    "found invalid Unicode character escape code": "eine Escape-Folge in doppelten Anführungszeichen ergibt kein "
    "gültiges Zeichen",
    "found unexpected document indicator": "eine Zeile „---“ oder „...“ steht mitten in einem Text",
    "found unexpected ':'": "ein Doppelpunkt steht hier falsch",
    "found an indentation indicator equal to 0": "die Angabe nach „|“ oder „>“ ist ungültig",
    "expected a single document": "die Datei enthält mehr als ein YAML-Dokument („---“ trennt Dokumente)",
    "expected ": "der Aufbau der Datei stimmt an dieser Stelle nicht",
}
_TAG_PROBLEMS = (
    "found undefined tag handle",
    "did not find expected tag URI",
    "did not find URI escaped octet",
    "did not find expected '!'",
    "found an incorrect",
    "while parsing a tag",
)
_DIRECTIVE_PROBLEMS = (
    "found duplicate %",
    "found incompatible YAML document",
    "could not find expected directive",
    "did not find expected digit",
    "did not find expected version",
    "found extremely long",
    "found unknown directive",
    "found unexpected non-alphabetical",
    "while parsing a %",
)


TOO_BIG_HINT = (
    "Teilen Sie die Angaben auf oder kürzen Sie sie; ein Konzept braucht so viel nicht. Prüfen Sie, ob "
    "es die richtige Datei ist."
)
TOO_DEEP = f"Die Angaben sind tiefer als {MAX_DEPTH} Ebenen verschachtelt."

GENERIC_SYNTAX_HINT = (
    "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile "
    "davor. Texte mit „: “ oder „#“ gehören in Anführungszeichen."
)


def syntax_error(text: str, exc) -> LoadError:
    """Y001 for a parser error: German, at the place the user must change, with the likely cause.

    The parser often notices a slip one line late (a missing colon at the start of the next line) or
    names a symptom ("mapping values are not allowed") of a wrong indentation; the two most common
    causes are recognised from the text and get a corrected line as the hint."""
    mark = exc.problem_mark or exc.context_mark
    line, column = ((mark.line + 1), (mark.column + 1)) if mark else (1, 1)
    problem = exc.problem or exc.context or ""
    if "nesting depth" in problem:
        # libyaml (since 0.2.5) has its own nesting limit (1000) and may reach it before our MAX_DEPTH does,
        # because its scanner reads flow brackets ahead: the user is told the same as for our limit.
        return LoadError("Y008", TOO_DEEP, TOO_BIG_HINT, line, column)
    message = f"YAML-Syntaxfehler: {_translate_problem(problem)}"
    lines = text.splitlines()
    pasted_error = _pasted_cause(lines, exc, line)
    if pasted_error is not None:
        return pasted_error
    diagnosis = _indentation_slip(lines, line) if 0 < line <= len(lines) else None
    if diagnosis:
        return LoadError("Y001", f"YAML-Syntaxfehler: {diagnosis[0]}", diagnosis[1], line, 1)
    if problem.startswith("could not find expected ':'"):
        previous = _previous_content_line(lines, line)
        if previous:
            number, content = previous
            return LoadError(
                "Y001",
                f"YAML-Syntaxfehler: in Zeile {number} fehlt der Doppelpunkt nach dem Schlüssel.",
                f"Schreiben Sie „Schlüssel: Wert“ mit Doppelpunkt und Leerzeichen, z. B. "
                f"„{_with_colon(content.strip())}“.",
                number,
                len(content.rstrip()) + 1,
            )
    return LoadError("Y001", message, GENERIC_SYNTAX_HINT, line, column)


def _pasted_cause(lines: list[str], exc, line: int) -> LoadError | None:
    """Y010/Y011 when pasted characters caused the parser error: an invisible space at a key or list
    dash (the parser notices it a line later), a text in typographic quotes, or a straight quote closed
    by a typographic one."""
    previous = _previous_content_line(lines, line)
    found = pasted.invisible_near(lines, previous[0] if previous else line, line)
    if found is not None:
        return LoadError("Y010", *found)
    found = pasted.typographic_quotes(lines, line)
    if found is None:
        context = exc.context_mark if "quoted scalar" in (exc.context or "") else None
        if context is not None:
            found = pasted.mixed_quotes(lines, context.line + 1, context.line + 1)
        elif exc.problem_mark is not None and line <= len(lines):
            found = pasted.mixed_quotes(lines, line - 1, line - 40, lines[line - 1][: exc.problem_mark.column])
    return LoadError("Y011", *found) if found is not None else None


def _previous_content_line(lines: list[str], line: int) -> tuple[int, str] | None:
    for number in range(line - 1, 0, -1):
        content = lines[number - 1]
        if content.strip() and not content.lstrip().startswith("#"):
            return number, content
    return None


def _indent(content: str) -> int:
    return len(content) - len(content.lstrip(" "))


def _with_colon(content: str) -> str:
    key, _, rest = content.partition(" ")
    return f"{key}: {rest}".rstrip() if rest else f"{key}:"


def _indentation_slip(lines: list[str], line: int) -> tuple[str, str] | None:
    """(message, hint) when line ``line`` is indented unlike any level above it."""
    current = lines[line - 1]
    if not current.strip() or current.lstrip().startswith("#"):
        return None
    previous = _previous_content_line(lines, line)
    if previous is None:
        return None
    number, above = previous
    mine, theirs = _indent(current), _indent(above)
    opens_block = above.rstrip().endswith((":", "|", "|-", ">", ">-")) or above.lstrip().startswith("- ")
    levels = {_indent(c) for c in lines[: line - 1] if c.strip() and not c.lstrip().startswith("#")}
    if mine > theirs and not opens_block:
        target = theirs
    elif mine < theirs and mine not in levels:  # between two levels: a one-space slip, or back to the parent
        target = theirs if theirs - mine <= 1 else max((lvl for lvl in levels if lvl < mine), default=0)
    else:
        return None
    fixed = " " * target + current.lstrip(" ")
    return (
        f"Zeile {line} ist mit {mine} Leerzeichen eingerückt, Zeile {number} darüber mit {theirs}; "
        "die Einrückung passt zu keiner Ebene.",
        f"Gleich weit eingerückte Zeilen gehören zusammen. Vermutlich richtig: „{fixed}“ ({target} Leerzeichen).",
    )


def _translate_problem(problem: str) -> str:
    """German text for a parser problem; never the English original."""
    for english, german in _PROBLEMS.items():
        if problem.startswith(english):
            return german
    if problem.startswith(_TAG_PROBLEMS):
        return "ein YAML-Tag (!…) ist fehlerhaft"
    if problem.startswith(_DIRECTIVE_PROBLEMS):
        return "eine Zeile, die mit „%“ beginnt, ist eine fehlerhafte YAML-Anweisung"
    return "der Aufbau der Datei stimmt an dieser Stelle nicht"

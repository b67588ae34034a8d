"""Load a concept file: bytes → checked text → ruamel.yaml round-trip tree → plain data + source map.

Every problem a user can cause becomes a :class:`LoadError` with a German message, a code and
a 1-based line and column. The file is opened read-only and never written.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from .findings import Finding, Path, Severity

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # after alias expansion; a real concept has a few thousand
MAX_DEPTH = 60


@dataclass
class LoadError(Exception):
    code: str
    message: str
    hint: str | None = None
    line: int = 1
    column: int = 1

    def finding(self) -> Finding:
        return Finding(self.code, Severity.error, self.message, (), self.hint, self.line, self.column,
                       name=LOAD_ERROR_NAMES.get(self.code))


LOAD_ERROR_NAMES = {
    "F001": "datei-fehlt",
    "F002": "verzeichnis-statt-datei",
    "F003": "datei-zu-gross",
    "F004": "binaerdatei",
    "F005": "kein-utf8",
    "F006": "datei-nicht-lesbar",
    "Y001": "yaml-syntaxfehler",
    "Y002": "doppelter-schluessel",
    "Y003": "tabulator-einrueckung",
    "Y004": "leere-datei",
    "Y005": "keine-zuordnung",
    "Y006": "zu-viele-verweise",
}


@dataclass
class SourceMap:
    """1-based positions of every key and value in the YAML file, by path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``; falls back to the nearest ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return (1, 1)


@dataclass
class Document:
    file: str
    text: str
    data: dict
    source_map: SourceMap


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(file: str) -> str:
    """Read a file as UTF-8 text, with German errors for everything that can go wrong."""
    path = FsPath(file)
    if not path.exists():
        raise LoadError("F001", f"Die Datei „{file}“ gibt es nicht.",
                        "Prüfen Sie den Dateinamen und den Ordner (Groß- und Kleinschreibung zählt).")
    if path.is_dir():
        raise LoadError("F002", f"„{file}“ ist ein Ordner, keine Datei.",
                        "Geben Sie die YAML-Datei des Konzepts an, z. B. examples/kreis-unna-2012.yaml.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError("F003", f"Die Datei ist mit {size // 1024} KB zu groß für ein Konzept "
                                    f"(höchstens {MAX_FILE_BYTES // 1024 // 1024} MB).",
                            "Prüfen Sie, ob Sie die richtige Datei angegeben haben.")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError("F006", f"Die Datei „{file}“ kann nicht gelesen werden: {exc.strerror or exc}.",
                        "Prüfen Sie die Zugriffsrechte der Datei.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError("F003", "Die Datei ist zu groß für ein Konzept.", None)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise LoadError("F004", "Die Datei ist keine Textdatei (sie enthält Binärdaten).",
                        "Ein Konzept ist eine YAML-Textdatei. Word- oder PDF-Dateien können nicht geprüft werden.",
                        line, 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError("F005", f"Die Datei ist nicht in UTF-8 gespeichert (ungültiges Byte 0x{raw[exc.start]:02X}).",
                        "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ "
                        "(z. B. im Editor: Speichern unter → Codierung UTF-8).", line, column) from None
    return text


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise LoadError("Y003", "Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt nur Leerzeichen.",
                            "Ersetzen Sie den Tabulator durch Leerzeichen (zwei je Ebene).",
                            number, len(line) - len(stripped) + 1)


def parse_yaml(text: str):
    """Parse YAML text in round-trip mode; raise LoadError on syntax problems."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    _check_tabs(text)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise LoadError("Y004", "Die Datei ist leer (sie enthält keine Angaben, höchstens Kommentare).",
                        "Beginnen Sie mit einer Kopie von examples/kreis-unna-2012.yaml.")
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    # Dates stay text: the model parses them, so a wrong date gets a precise German message.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    try:
        return yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark or exc.context_mark
        key = _duplicate_key_name(str(exc.problem or ""))
        raise LoadError("Y002", f"Der Schlüssel {key}kommt in derselben Zuordnung zweimal vor.",
                        "Jeder Schlüssel darf je Ebene nur einmal stehen; fassen Sie die Angaben zusammen "
                        "oder löschen Sie eine davon.",
                        (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LoadError("Y001", f"YAML-Syntaxfehler: {_translate_problem(exc.problem or exc.context or '')}",
                        "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der "
                        "Zeile davor. Texte mit „: “ oder „#“ gehören in Anführungszeichen.",
                        (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise LoadError("Y001", f"YAML-Syntaxfehler: {exc}".strip(),
                        "Prüfen Sie den Aufbau der Datei.") from None


def _timestamp_as_text(constructor, node):
    return constructor.construct_scalar(node)


def _duplicate_key_name(problem: str) -> str:
    if '"' in problem:
        return "„" + problem.split('"')[1] + "“ "
    return ""


_PROBLEMS = {
    "mapping values are not allowed here": "hier darf kein Doppelpunkt mit Wert stehen "
                                           "(fehlen Anführungszeichen um einen Text mit „: “?)",
    "could not find expected ':'": "ein Doppelpunkt fehlt",
    "found character '\\t' that cannot start any token": "ein Tabulator ist hier nicht erlaubt",
    "expected <block end>, but found '-'": "ein Listenpunkt ist falsch eingerückt",
    "did not find expected key": "ein Schlüssel fehlt oder die Einrückung stimmt nicht",
    "found undefined alias": "ein Verweis (*name) zeigt auf keinen Anker (&name)",
    "found unexpected end of stream": "die Datei endet mitten in einem Eintrag (Anführungszeichen nicht geschlossen?)",
    "did not find expected '-' indicator": "ein Listenpunkt ist falsch eingerückt",
    "did not find expected node content": "hier fehlt ein Wert",
}


def _translate_problem(problem: str) -> str:
    for english, german in _PROBLEMS.items():
        if problem.startswith(english):
            return german
    return problem


def to_plain(root) -> tuple[dict, SourceMap]:
    """Convert the round-trip tree to plain Python data and record every position.

    Aliases are expanded, but with a budget: a "billion laughs" file stops with an error
    instead of exhausting memory, and a self-referencing alias is rejected.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    source_map = SourceMap()
    budget = [MAX_NODES]
    active: set[int] = set()

    def lc_pos(lc_tuple) -> tuple[int, int]:
        return (lc_tuple[0] + 1, lc_tuple[1] + 1)

    def convert(node, path: Path, depth: int):
        budget[0] -= 1
        if budget[0] < 0:
            raise LoadError("Y006", "Die Datei enthält zu viele Verweise (Anker/Aliase) oder ist zu verschachtelt "
                                    "zum Prüfen.",
                            "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu wiederholen.",
                            *source_map.position(path))
        if depth > MAX_DEPTH:
            raise LoadError("Y006", "Die Datei ist zu tief verschachtelt.", None, *source_map.position(path))
        if isinstance(node, (CommentedMap, CommentedSeq)):
            if id(node) in active:
                raise LoadError("Y006", "Ein Alias verweist auf sich selbst (Endlosschleife).",
                                "Entfernen Sie den Verweis (*name) innerhalb des eigenen Ankers (&name).",
                                *source_map.position(path))
            active.add(id(node))
            try:
                if isinstance(node, CommentedMap):
                    out = {}
                    for key in node:
                        child = path + (str(key),)
                        try:
                            source_map.keys[child] = lc_pos(node.lc.key(key))
                            source_map.values[child] = lc_pos(node.lc.value(key))
                        except (KeyError, TypeError, AttributeError):
                            pass
                        out[str(key)] = convert(node[key], child, depth + 1)
                    return out
                items = []
                for index, value in enumerate(node):
                    child = path + (index,)
                    try:
                        source_map.values[child] = lc_pos(node.lc.item(index))
                    except (KeyError, TypeError, AttributeError):
                        pass
                    items.append(convert(value, child, depth + 1))
                return items
            finally:
                active.discard(id(node))
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, (dt.date, dt.datetime)):
            return node
        if isinstance(node, dict):  # ordered maps, sets: treat like a mapping
            return {str(k): convert(v, path + (str(k),), depth + 1) for k, v in node.items()}
        if isinstance(node, (list, tuple)):
            return [convert(v, path + (i,), depth + 1) for i, v in enumerate(node)]
        return str(node)

    data = convert(root, (), 0)
    return data, source_map


def load(file: str) -> Document:
    """Load a concept file. Raises LoadError; never modifies the file."""
    text = read_text(file)
    root = parse_yaml(text)
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(root, CommentedMap):
        kind = "eine Liste" if isinstance(root, list) else ("leer" if root is None else "ein einzelner Wert")
        raise LoadError("Y005", f"Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein; "
                                f"sie ist {kind}.",
                        "Eine Konzeptdatei beginnt mit Schlüsseln wie „format_version: 1“, „id: …“, „title: …“.")
    data, source_map = to_plain(root)
    return Document(os.fspath(file), text, data, source_map)

"""Load a concept file: bytes → checked text → ruamel.yaml round-trip tree → plain data + source map.

Every problem a user can cause becomes a :class:`LoadError` with a German message, a code and
a 1-based line and column. The file is opened read-only and never written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from integconcept.core.codes import code_name
from integconcept.core.findings import Finding, Path, Severity
from integconcept.document import pasted

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # values, also after alias expansion; a real concept has a few thousand
MAX_DEPTH = 60  # levels of nesting; a real concept has 6
#: References (``*name``) and the values they add when written out. A hand-written concept uses a few
#: dozen at most; 20,000 references to a step made 200,000 values whose rules took 15–27 s. Both limits stop
#: such a file while it is being read, before any check runs, so reading and checking stay within seconds.
MAX_ALIASES = 1_000
MAX_ALIAS_NODES = 20_000


@dataclass
class LoadError(Exception):
    code: str
    message: str
    hint: str | None = None
    line: int = 1
    column: int = 1

    def finding(self) -> Finding:
        return Finding(self.code, Severity.error, self.message, (), self.hint, self.line, self.column,
                       name=code_name(self.code))




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
    if file == "-" and not path.exists():
        raise LoadError("F001", "„-“ (die Standardeingabe) liest nur fmt und diff; dieser Befehl braucht eine Datei.",
                        "Geben Sie den Namen der Konzeptdatei an, z. B. konzept.yaml.")
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


def read_stdin(stream=None) -> str:
    """A concept piped into standard input (``-``), read as UTF-8 like a file (:func:`read_text`) whatever
    the console's code page (``type konzept.yaml | integconcept fmt -`` on Windows would be read as
    cp1252 otherwise); a text stream without bytes underneath (a test, the studio) is read as it is."""
    stream = stream if stream is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        text = stream.read(MAX_FILE_BYTES + 1)
        raw = None
    else:
        raw = buffer.read(MAX_FILE_BYTES + 1)
        text = None
    if len(raw if raw is not None else text) > MAX_FILE_BYTES:
        raise LoadError("F003", f"Die Eingabe ist zu groß für ein Konzept (höchstens "
                                f"{MAX_FILE_BYTES // 1024 // 1024} MB).")
    if raw is None:
        return text.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError("F005", f"Die Eingabe ist nicht in UTF-8 (ungültiges Byte 0x{raw[exc.start]:02X}).",
                        "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ "
                        "(z. B. im Editor: Speichern unter → Codierung UTF-8).", line, column) from None


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
#: Characters YAML 1.2 does not allow in a stream (c-printable), e.g. U+0001 or U+FFFE.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]")
_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def _check_text(text: str) -> None:
    """What the YAML reader would reject or misreport, found with its real place and a German message."""
    if (tab := _TAB_INDENT.search(text)) is not None:
        line, column = _line_col(text, tab.end() - 1)
        raise LoadError("Y003", "Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt nur Leerzeichen.",
                        "Ersetzen Sie den Tabulator durch Leerzeichen (zwei je Ebene).", line, column)
    if (bad := _NOT_PRINTABLE.search(text)) is not None:
        line, column = _line_col(text, bad.start())
        raise LoadError("Y009", f"Die Datei enthält das unzulässige Steuerzeichen U+{ord(bad.group()):04X}; "
                                "YAML erlaubt es nicht im Text.",
                        "Löschen Sie das Zeichen (es ist im Editor oft unsichtbar, z. B. aus einer Kopie aus "
                        "Word oder PDF). Soll es im Text stehen, schreiben Sie es in doppelten "
                        "Anführungszeichen als Escape, z. B. \"\\x01\".", line, column)
    if (invisible := pasted.leading_invisible(text)) is not None:
        raise LoadError("Y010", *invisible)
    if _CONTENT_LINE.search(text) is None:
        raise LoadError("Y004", "Die Datei ist leer (sie enthält keine Angaben, höchstens Kommentare).",
                        "Beginnen Sie mit einer Kopie von examples/kreis-unna-2012.yaml.")


def _check_tabs(text: str) -> None:  # kept for callers of the old name
    _check_text(text)


def parse_yaml(text: str):
    """Parse YAML text in ruamel.yaml's round-trip mode, keeping comments; raise LoadError on problems.

    Only for callers that need the comments (formatting, rewriting a file). :func:`compose` is the
    fast path every check uses; it runs first here too, so that both accept exactly the same files
    and report every problem the same way (place, German message, limits).
    """
    import warnings

    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    compose(text)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    # Dates stay text: the model parses them, so a wrong date gets a precise German message.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. ReusedAnchorWarning: a redefined anchor is valid YAML
            return yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark or exc.context_mark
        key = _duplicate_key_name(str(exc.problem or ""))
        raise LoadError("Y002", f"Der Schlüssel {key}kommt in derselben Zuordnung zweimal vor.",
                        "Jeder Schlüssel darf je Ebene nur einmal stehen; fassen Sie die Angaben zusammen "
                        "oder löschen Sie eine davon.",
                        (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from None
    except MarkedYAMLError as exc:
        raise syntax_error(text, exc) from None
    except (YAMLError, RecursionError, ValueError, KeyError, IndexError, TypeError, AssertionError,
            AttributeError) as exc:
        # compose() accepted the file, so this is a construct only ruamel's round trip cannot take.
        raise LoadError("Y007", "Diese YAML-Schreibweise kann nicht verarbeitet werden "
                                f"({type(exc).__name__}).",
                        "Schreiben Sie die Angaben ohne Tags (!…), Zusammenführungen (<<) und Verweise "
                        "(&anker/*alias) aus.") from None


# --- the fast path: libyaml events → plain data + source map ------------------------------------

#: Limits for one concept file (a real one: ~800 lines, ~2,500 values, 6 levels, lists of < 100
#: items, texts of a few thousand characters). Each is reported with its own German message (Y008).
MAX_LIST_ITEMS = 10_000
MAX_STRING_CHARS = 2_000_000  # a rule must stay fast on a 1 MB word (tests/test_rules_performance.py)
_MAX_DIGITS = 4_300  # Python's own limit for converting decimal text to int

_YAML = "tag:yaml.org,2002:"
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                        |[-+]?\.(?:inf|Inf|INF)
                        |\.(?:nan|NaN|NAN))$""", re.X)
_NOT_TEXT = frozenset("-+0123456789.tTfFnN~")  # first characters a non-text plain scalar can have


def _int_value(text: str) -> int | None:
    """An integer as ruamel.yaml's round trip (YAML 1.2) reads it; None if it is no number after all."""
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    base = {"0b": 2, "0x": 16, "0o": 8}.get(digits[:2], 10)
    if base != 10:
        digits = digits[2:]
    if not digits:
        return None
    if len(digits) > _MAX_DIGITS:
        raise _TooLong(f"Die Zahl hat mehr als {_MAX_DIGITS:,} Stellen.".replace(",", "."))
    return sign * int(digits, base)


def _float_value(text: str) -> float:
    lowered = text.replace("_", "").lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


class _TooLong(Exception):
    pass


def _plain_value(text: str):
    """Value of an untagged plain scalar under YAML 1.2's core schema, as the round trip gives it."""
    if not text:
        return None
    if text[0] not in _NOT_TEXT:
        return text
    if text.isdigit() and text.isascii() and len(text) <= _MAX_DIGITS:
        return int(text)
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text[0] in "tT"
    if _INT.match(text):
        value = _int_value(text)
        return text if value is None else value
    if _FLOAT.match(text):
        return _float_value(text)
    return text  # also dates: they stay text, the model reads them with German messages


def _tagged_value(tag: str, text: str):
    """Value of a scalar with an explicit standard tag (``!!str 12``); ValueError if it does not fit."""
    kind = tag[len(_YAML):] if tag.startswith(_YAML) else None
    if tag == "!" or kind in ("str", "timestamp"):
        return text
    if kind == "null" and _NULL.match(text):
        return None
    if kind == "bool" and _BOOL.match(text):
        return text[0] in "tT"
    if kind == "int" and _INT.match(text) and (value := _int_value(text)) is not None:
        return value
    if kind == "float" and (_FLOAT.match(text) or _INT.match(text)):
        try:
            return _float_value(text)
        except ValueError:
            pass
    raise ValueError(kind)


def _event_source(text: str):
    """libyaml's event parser (PyYAML's C extension); PyYAML's pure Python parser if it is missing."""
    try:
        from yaml._yaml import CParser

        parser = CParser(text)
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        import yaml

        parser = yaml.SafeLoader(text)
    return parser


class _Frame:
    __slots__ = ("out", "path", "is_map", "key", "key_pos", "merges", "anchor", "log_start", "nodes", "pos")

    def __init__(self, out, path, is_map, anchor, log_start, nodes, pos):
        self.out = out
        self.path = path
        self.is_map = is_map
        self.key = None  # mapping: the key waiting for its value (str), or _MERGE
        self.key_pos = None
        self.merges = None
        self.anchor = anchor
        self.log_start = log_start
        self.nodes = nodes
        self.pos = pos


_MERGE = object()


def compose(text: str) -> tuple[object, SourceMap]:
    """Parse YAML text into plain Python data and the 1-based position of every key and value.

    The fast path (libyaml events, no node tree, no recursion). YAML 1.2 core schema as ruamel.yaml's
    round trip reads it; dates stay text. Duplicate keys, unknown tags, bad merge keys, undefined and
    self-referencing aliases and every limit (:data:`MAX_NODES`, :data:`MAX_DEPTH`,
    :data:`MAX_LIST_ITEMS`, :data:`MAX_STRING_CHARS`, alias expansion) end in a :class:`LoadError`
    with a German message at the real place. Anchors may be redefined (YAML allows it; an alias
    refers to the latest definition).
    """
    import copy

    from yaml.error import MarkedYAMLError, YAMLError
    from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                             SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

    _check_text(text)
    lines = _Lines(text)
    values: dict = {}
    keys: dict = {}
    source_map = SourceMap(values, keys)
    anchors: dict[str, tuple] = {}  # name → (value, path, log slice, node count)
    open_anchors: set[str] = set()
    log: list | None = None  # paths written while an anchored node is open (to replay for aliases)
    stack: list[_Frame] = []
    nodes = 0
    expanded = 0
    aliases = 0
    root = None
    documents = 0
    parser = _event_source(text)
    get_event = parser.get_event

    def fail(code: str, message: str, hint: str | None, mark) -> LoadError:
        return LoadError(code, message, hint, mark.line + 1, mark.column + 1)

    def too_big(message: str, mark) -> LoadError:
        return fail("Y008", message, TOO_BIG_HINT, mark)

    def attach(value, pos: tuple[int, int], mark, merge_key: bool = False):
        """Place a finished value into its parent (or as the root)."""
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if parent.is_map:
            key = parent.key
            if key is None:  # the value is a key
                if isinstance(value, (dict, list)):
                    raise fail("Y007", "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                               "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.", mark)
                if merge_key:
                    parent.key = _MERGE
                else:
                    key_text = str(value)
                    if isinstance(value, str) and value and not value.isascii() and pasted.suspicious_key(value):
                        _check_pasted_key(lines, value, mark)
                    if key_text in parent.out:
                        raise fail("Y002", f"Der Schlüssel „{key_text}“ kommt in derselben Zuordnung zweimal vor.",
                                   "Jeder Schlüssel darf je Ebene nur einmal stehen; fassen Sie die Angaben "
                                   "zusammen oder löschen Sie eine davon.", mark)
                    parent.key = key_text
                parent.key_pos = pos
                return
            parent.key = None
            if key is _MERGE:
                sources = value if isinstance(value, list) else [value]
                if not sources or not all(isinstance(item, dict) for item in sources):
                    raise fail("Y007", "Nach „<<:“ muss eine Zuordnung oder ein Verweis auf eine stehen.",
                               "Schreiben Sie z. B. „<<: *vorlage“ mit einem Anker „&vorlage“ an einer "
                               "Zuordnung, oder schreiben Sie die Angaben aus.", mark)
                parent.merges = (parent.merges or []) + [(item, pos) for item in sources]
                return
            path = parent.path + (key,)
            parent.out[key] = value
            keys[path] = parent.key_pos
        else:
            if len(parent.out) >= MAX_LIST_ITEMS:
                raise too_big(f"Die Liste hat mehr als {MAX_LIST_ITEMS:,} Einträge.".replace(",", "."), mark)
            path = parent.path + (len(parent.out),)
            parent.out.append(value)
        values[path] = pos
        if log is not None:
            log.append(path)

    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                nodes += 1
                mark = event.start_mark
                value = event.value
                if len(value) > MAX_STRING_CHARS:
                    raise too_big(f"Der Text ist länger als {MAX_STRING_CHARS:,} Zeichen.".replace(",", "."),
                                  mark)
                tag = event.tag
                plain = event.implicit[0]
                if plain and value[:1] in pasted.QUOTE_PAIRS:
                    _check_cut_text(lines, value, event.end_mark)
                try:
                    if tag is None:
                        value = _plain_value(value) if plain else value
                    else:
                        value = _tagged_value(tag, value)
                except ValueError:
                    raise fail("Y007", _tag_message(tag, value), _TAG_HINT, mark) from None
                except _TooLong as exc:
                    raise too_big(str(exc), mark) from None
                if nodes > MAX_NODES:
                    raise too_big(f"Die Datei enthält mehr als {MAX_NODES:,} Angaben.".replace(",", "."), mark)
                pos = (mark.line + 1, mark.column + 1)
                anchor = event.anchor
                attach(value, pos, mark, plain and tag is None and value == "<<")
                if anchor is not None:
                    anchors[anchor] = (value, None, (), 1)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                nodes += 1
                mark = event.start_mark
                tag = event.tag
                is_map = cls is MappingStartEvent
                if tag is not None and tag not in ((_YAML + "map") if is_map else (_YAML + "seq"), "!"):
                    raise fail("Y007", _tag_message(tag, None), _TAG_HINT, mark)
                if len(stack) >= MAX_DEPTH:
                    raise too_big(TOO_DEEP, mark)
                if nodes > MAX_NODES:
                    raise too_big(f"Die Datei enthält mehr als {MAX_NODES:,} Angaben.".replace(",", "."), mark)
                if stack and stack[-1].is_map and stack[-1].key is None:
                    raise fail("Y007", "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                               "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.", mark)
                if stack:
                    parent = stack[-1]
                    path = parent.path + ((parent.key if parent.key is not _MERGE else "<<") if parent.is_map
                                          else len(parent.out),)
                else:
                    path = ()
                anchor = event.anchor
                if anchor is not None:
                    open_anchors.add(anchor)
                    if log is None:
                        log = []
                stack.append(_Frame({} if is_map else [], path, is_map, anchor,
                                    len(log) if log is not None else 0, nodes + expanded,
                                    (mark.line + 1, mark.column + 1)))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.out
                if frame.merges:
                    _apply_merges(frame, values, keys, log)
                attach(value, frame.pos, event.start_mark)
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (value, frame.path, (frame.log_start, len(log)),
                                             nodes + expanded - frame.nodes + 1)
            elif cls is AliasEvent:
                mark = event.start_mark
                name = event.anchor
                if name in open_anchors:
                    raise fail("Y006", "Ein Verweis (*" + name + ") steht in seinem eigenen Anker "
                               "(Endlosschleife).",
                               "Entfernen Sie den Verweis (*name) innerhalb des eigenen Ankers (&name).", mark)
                if name not in anchors:
                    raise fail("Y001", f"YAML-Syntaxfehler: der Verweis *{name} zeigt auf keinen Anker "
                                       f"(&{name}).",
                               "Setzen Sie den Anker &" + name + " vor die Angabe, auf die verwiesen wird, "
                               "oder schreiben Sie die Angabe aus.", mark)
                value, anchor_path, span, count = anchors[name]
                expanded += count
                aliases += 1
                if aliases > MAX_ALIASES or expanded > MAX_ALIAS_NODES:
                    what = (f"mehr als {MAX_ALIASES:,} Verweise (*name)" if aliases > MAX_ALIASES else
                            f"über Verweise mehr als {MAX_ALIAS_NODES:,} zusätzliche Angaben").replace(",", ".")
                    raise fail("Y006", f"Die Datei enthält {what}; ein Konzept braucht so viele nicht.",
                               "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu "
                               "wiederholen.", mark)
                if nodes + expanded > MAX_NODES:
                    raise fail("Y006", "Die Verweise (Anker/Aliase) der Datei ergeben ausgeschrieben mehr als "
                                       f"{MAX_NODES:,} Angaben.".replace(",", "."),
                               "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu "
                               "wiederholen.", mark)
                if stack and stack[-1].is_map and stack[-1].key is None and isinstance(value, (dict, list)):
                    raise fail("Y007", "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                               "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.", mark)
                merging = bool(stack) and stack[-1].is_map and stack[-1].key is _MERGE
                if isinstance(value, (dict, list)) and not merging:
                    value = copy.deepcopy(value)
                    target = _child_path(stack)
                    if anchor_path is not None and target is not None:
                        _replay(anchor_path, target, log[span[0]:span[1]], values, keys, log)
                attach(value, (mark.line + 1, mark.column + 1), mark)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail("Y001", "YAML-Syntaxfehler: die Datei enthält mehr als ein YAML-Dokument "
                                       "(„---“ trennt Dokumente).",
                               "Ein Konzept ist genau ein Dokument; entfernen Sie die zweite „---“-Zeile "
                               "oder teilen Sie die Datei.", event.start_mark)
            elif cls is StreamEndEvent:
                break
    except MarkedYAMLError as exc:
        raise syntax_error(text, exc) from None
    except YAMLError as exc:  # a reader error: the text has a character YAML does not allow
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if isinstance(position, int) else (1, 1)
        character = getattr(exc, "character", None)
        named = f" (U+{ord(character) if isinstance(character, str) else character:04X})" if character else ""
        raise LoadError("Y009", f"Die Datei enthält ein Zeichen, das YAML nicht erlaubt{named}.",
                        "Löschen Sie das Zeichen.", line, column) from None
    return root, source_map


class _Lines:
    """The text's lines, split once and only when a check needs them."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None

    def get(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines


def _check_pasted_key(text_lines: _Lines, key: str, mark) -> None:
    """A key with an invisible character in it, or one that is really a text in typographic quotes."""
    lines = text_lines.get()
    found = pasted.invisible_in_key(lines, mark.line + 1, mark.column + 1, key)
    if found is not None:
        raise LoadError("Y010", *found)
    if key[0] in pasted.QUOTE_PAIRS and (found := pasted.typographic_quotes(lines, mark.line + 1)) is not None:
        raise LoadError("Y011", *found)


def _check_cut_text(text_lines: _Lines, value: str, end) -> None:
    """A plain text in typographic quotes that YAML cut off at " #" (the rest became a comment)."""
    lines = text_lines.get()
    line_text = lines[end.line] if end.line < len(lines) else ""
    comment = pasted.cut_at_comment(value, line_text[end.column:])
    if comment is not None:
        raise LoadError("Y011", f"Der Text in Zeile {end.line + 1} endet nach „{value[1:][-30:]}“: YAML liest „ #“ als "
                                f"Beginn eines Kommentars, der Rest „{comment.strip()[:40]}“ fehlt. "
                                f"{pasted.STRAIGHT_ONLY}.",
                        "Setzen Sie den ganzen Text in gerade Anführungszeichen, z. B. "
                        + line_text[:line_text.index(value[0])] + '"' + value[1:] + " " + comment.strip()[:-1]
                        + '"', end.line + 1, end.column + 1)


def _child_path(stack: list[_Frame]):
    """Path the next value in the innermost open collection will get."""
    if not stack:
        return ()
    parent = stack[-1]
    if parent.is_map:
        return None if parent.key is None or parent.key is _MERGE else parent.path + (parent.key,)
    return parent.path + (len(parent.out),)


def _replay(source: tuple, target: tuple, paths: list, values: dict, keys: dict, log: list | None) -> None:
    """Give the copy of an anchored value (at ``target``) the positions of the original (at ``source``)."""
    cut = len(source)
    for path in paths:
        new = target + path[cut:]
        if path in values:
            values[new] = values[path]
        if path in keys:
            keys[new] = keys[path]
        if log is not None:
            log.append(new)


def _apply_merges(frame: _Frame, values: dict, keys: dict, log: list | None) -> None:
    """``<<: *base`` / ``<<: [*a, *b]``: keys of the mapping win, then the earlier merged mapping."""
    import copy

    out = frame.out
    merged: dict = {}
    for source, pos in frame.merges:
        for key, value in source.items():
            if key not in out and key not in merged:
                merged[key] = copy.deepcopy(value)
                path = frame.path + (key,)
                values[path] = pos
                keys[path] = pos
                if log is not None:
                    log.append(path)
    out.update(merged)


_TAG_HINT = ("Ein Konzept braucht keine YAML-Tags (!…): löschen Sie den Tag, oder schreiben Sie Texte, die wie "
             "Zahlen aussehen, in Anführungszeichen.")


def _tag_message(tag: str, value: str | None) -> str:
    short = "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag
    if value is not None and (tag.startswith(_YAML) and tag[len(_YAML):] in ("int", "float", "bool", "null")):
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
_TAG_PROBLEMS = ("found undefined tag handle", "did not find expected tag URI", "did not find URI escaped octet",
                 "did not find expected '!'", "found an incorrect", "while parsing a tag")
_DIRECTIVE_PROBLEMS = ("found duplicate %", "found incompatible YAML document", "could not find expected directive",
                       "did not find expected digit", "did not find expected version", "found extremely long",
                       "found unknown directive", "found unexpected non-alphabetical", "while parsing a %")


TOO_BIG_HINT = ("Teilen Sie die Angaben auf oder kürzen Sie sie; ein Konzept braucht so viel nicht. Prüfen Sie, ob "
                "es die richtige Datei ist.")
TOO_DEEP = f"Die Angaben sind tiefer als {MAX_DEPTH} Ebenen verschachtelt."

GENERIC_SYNTAX_HINT = ("Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile "
                       "davor. Texte mit „: “ oder „#“ gehören in Anführungszeichen.")


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
            return LoadError("Y001", f"YAML-Syntaxfehler: in Zeile {number} fehlt der Doppelpunkt nach dem "
                                     "Schlüssel.",
                             f"Schreiben Sie „Schlüssel: Wert“ mit Doppelpunkt und Leerzeichen, z. B. "
                             f"„{_with_colon(content.strip())}“.", number, len(content.rstrip()) + 1)
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
            found = pasted.mixed_quotes(lines, line - 1, line - 40, lines[line - 1][:exc.problem_mark.column])
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
    levels = {_indent(c) for c in lines[:line - 1] if c.strip() and not c.lstrip().startswith("#")}
    if mine > theirs and not opens_block:
        target = theirs
    elif mine < theirs and mine not in levels:  # between two levels: a one-space slip, or back to the parent
        target = theirs if theirs - mine <= 1 else max((lvl for lvl in levels if lvl < mine), default=0)
    else:
        return None
    fixed = " " * target + current.lstrip(" ")
    return (f"Zeile {line} ist mit {mine} Leerzeichen eingerückt, Zeile {number} darüber mit {theirs}; "
            "die Einrückung passt zu keiner Ebene.",
            f"Gleich weit eingerückte Zeilen gehören zusammen. Vermutlich richtig: „{fixed}“ "
            f"({target} Leerzeichen).")


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
            raise LoadError("Y008", TOO_DEEP, None,
                            *source_map.position(path))
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
    """Load a concept file (fast path, :func:`compose`). Raises LoadError; never modifies the file."""
    text = read_text(file)
    data, source_map = compose(text)
    if not isinstance(data, dict):
        kind = "eine Liste" if isinstance(data, list) else ("leer" if data is None else "ein einzelner Wert")
        raise LoadError("Y005", f"Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein; "
                                f"sie ist {kind}.",
                        "Eine Konzeptdatei beginnt mit Schlüsseln wie „format_version: 1“, „id: …“, „title: …“.")
    return Document(os.fspath(file), text, data, source_map)

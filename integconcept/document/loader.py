"""Load a concept file: bytes → checked text → plain data + source map (and the ruamel.yaml round-trip tree
where comments matter).

This module reads (files and standard input: size, encoding, BOM) and is the entry point; the parts sit
beside it: :mod:`.source` (LoadError, SourceMap, Document, limits, checks of the raw text), :mod:`.compose`
(the fast path from libyaml's events) and :mod:`.yaml_messages` (German messages for YAML problems). Every
problem a user can cause becomes a :class:`LoadError` with a German message, a code and a 1-based line and
column. The file is opened read-only and never written.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path as FsPath

from integconcept.core.findings import Path
from integconcept.document.compose import MAX_LIST_ITEMS, MAX_STRING_CHARS, compose  # noqa: F401  (public names)
from integconcept.document.source import (
    MAX_ALIAS_NODES,  # noqa: F401
    MAX_ALIASES,  # noqa: F401
    MAX_DEPTH,
    MAX_FILE_BYTES,  # noqa: F401
    MAX_NODES,
    Document,
    LoadError,
    SourceMap,
    _check_tabs,  # noqa: F401
    _check_text,  # noqa: F401
    _line_col,  # noqa: F401
)
from integconcept.document.yaml_messages import (
    GENERIC_SYNTAX_HINT,  # noqa: F401
    TOO_BIG_HINT,  # noqa: F401
    TOO_DEEP,  # noqa: F401
    _duplicate_key_name,
    _timestamp_as_text,
    syntax_error,
)


def read_text(file: str) -> str:
    """Read a file as UTF-8 text, with German errors for everything that can go wrong."""
    path = FsPath(file)
    if file == "-" and not path.exists():
        raise LoadError(
            "F001",
            "„-“ (die Standardeingabe) lesen nur validate, timeline, render, fmt und diff; dieser Befehl braucht eine Datei.",
            "Geben Sie den Namen der Konzeptdatei an, z. B. konzept.yaml.",
        )
    if not path.exists():
        raise LoadError(
            "F001",
            f"Die Datei „{file}“ gibt es nicht.",
            "Prüfen Sie den Dateinamen und den Ordner (Groß- und Kleinschreibung zählt).",
        )
    if path.is_dir():
        raise LoadError(
            "F002",
            f"„{file}“ ist ein Ordner, keine Datei.",
            "Geben Sie die YAML-Datei des Konzepts an, z. B. examples/kreis-unna-2012.yaml.",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                "F003",
                f"Die Datei ist mit {size // 1024} KB zu groß für ein Konzept "
                f"(höchstens {MAX_FILE_BYTES // 1024 // 1024} MB).",
                "Prüfen Sie, ob Sie die richtige Datei angegeben haben.",
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError(
            "F006",
            f"Die Datei „{file}“ kann nicht gelesen werden: {exc.strerror or exc}.",
            "Prüfen Sie die Zugriffsrechte der Datei.",
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError("F003", "Die Datei ist zu groß für ein Konzept.", None)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise LoadError(
            "F004",
            "Die Datei ist keine Textdatei (sie enthält Binärdaten).",
            "Ein Konzept ist eine YAML-Textdatei. Word- oder PDF-Dateien können nicht geprüft werden.",
            line,
            1,
        )
    return _decode(raw, "Die Datei ist nicht in UTF-8 gespeichert")


def _decode(raw: bytes, what: str) -> str:
    """UTF-8 with or without BOM; F005 at the line and column of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "F005",
            f"{what} (ungültiges Byte 0x{raw[exc.start]:02X}).",
            "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ "
            "(z. B. im Editor: Speichern unter → Codierung UTF-8).",
            line,
            column,
        ) from None


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
        raise LoadError(
            "F003", f"Die Eingabe ist zu groß für ein Konzept (höchstens {MAX_FILE_BYTES // 1024 // 1024} MB)."
        )
    if raw is None:
        return text.removeprefix("\ufeff")
    return _decode(raw, "Die Eingabe ist nicht in UTF-8")


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
        raise LoadError(
            "Y002",
            f"Der Schlüssel {key}kommt in derselben Zuordnung zweimal vor.",
            "Jeder Schlüssel darf je Ebene nur einmal stehen; fassen Sie die Angaben zusammen "
            "oder löschen Sie eine davon.",
            (mark.line + 1) if mark else 1,
            (mark.column + 1) if mark else 1,
        ) from None
    except MarkedYAMLError as exc:
        raise syntax_error(text, exc) from None
    except (
        YAMLError,
        RecursionError,
        ValueError,
        KeyError,
        IndexError,
        TypeError,
        AssertionError,
        AttributeError,
    ) as exc:
        # compose() accepted the file, so this is a construct only ruamel's round trip cannot take.
        raise LoadError(
            "Y007",
            f"Diese YAML-Schreibweise kann nicht verarbeitet werden ({type(exc).__name__}).",
            "Schreiben Sie die Angaben ohne Tags (!…), Zusammenführungen (<<) und Verweise (&anker/*alias) aus.",
        ) from None


# --- the fast path: libyaml events → plain data + source map ------------------------------------


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
            raise LoadError(
                "Y006",
                "Die Datei enthält zu viele Verweise (Anker/Aliase) oder ist zu verschachtelt zum Prüfen.",
                "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu wiederholen.",
                *source_map.position(path),
            )
        if depth > MAX_DEPTH:
            raise LoadError("Y008", TOO_DEEP, None, *source_map.position(path))
        if isinstance(node, (CommentedMap, CommentedSeq)):
            if id(node) in active:
                raise LoadError(
                    "Y006",
                    "Ein Alias verweist auf sich selbst (Endlosschleife).",
                    "Entfernen Sie den Verweis (*name) innerhalb des eigenen Ankers (&name).",
                    *source_map.position(path),
                )
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
        raise LoadError(
            "Y005",
            f"Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein; sie ist {kind}.",
            "Eine Konzeptdatei beginnt mit Schlüsseln wie „format_version: 1“, „id: …“, „title: …“.",
        )
    return Document(os.fspath(file), text, data, source_map)

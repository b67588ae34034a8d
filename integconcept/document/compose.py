"""The fast path of loading: libyaml's events → plain data and a source map, within the stated limits.

Scalars are resolved as the concept format needs them (dates stay text, YAML 1.1 booleans, big numbers
refused), references are expanded with their own limits, merges applied; every problem becomes a
:class:`~integconcept.document.source.LoadError` at its place with a German message
(:mod:`integconcept.document.yaml_messages`)."""

from __future__ import annotations

import re

from integconcept.document import pasted
from integconcept.document.source import (
    MAX_ALIAS_NODES,
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_NODES,
    LoadError,
    SourceMap,
    _check_text,
    _line_col,
)
from integconcept.document.yaml_messages import _TAG_HINT, _YAML, TOO_BIG_HINT, TOO_DEEP, _tag_message, syntax_error

#: Limits for one concept file (a real one: ~800 lines, ~2,500 values, 6 levels, lists of < 100
#: items, texts of a few thousand characters). Each is reported with its own German message (Y008).
MAX_LIST_ITEMS = 10_000
MAX_STRING_CHARS = 2_000_000  # a rule must stay fast on a 1 MB word (tests/test_rules_performance.py)
_MAX_DIGITS = 4_300  # Python's own limit for converting decimal text to int

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                        |[-+]?\.(?:inf|Inf|INF)
                        |\.(?:nan|NaN|NAN))$""",
    re.X,
)
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
    kind = tag[len(_YAML) :] if tag.startswith(_YAML) else None
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
    root, source_map, _ = compose_part(text)
    return root, source_map


def compose_part(text: str, line_offset: int = 0, prefix: tuple = (), pad: int = 0) -> tuple[object, SourceMap, bool]:
    """:func:`compose` of a part of a longer text (:mod:`.incremental`): the lines count from ``line_offset``
    + 1, every path starts with ``prefix``, a top-level list starts at index ``pad`` (its first ``pad`` items
    are None). The third value says whether the text uses anything whose meaning reaches beyond the part:
    an anchor, a reference, a merge key (``<<``) or an explicit tag."""
    import copy

    from yaml.error import MarkedYAMLError, YAMLError
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

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
    special = False
    first_line = line_offset + 1
    parser = _event_source(text)
    get_event = parser.get_event
    quote_pairs = pasted.QUOTE_PAIRS

    def fail(code: str, message: str, hint: str | None, mark) -> LoadError:
        return LoadError(code, message, hint, mark.line + 1, mark.column + 1)

    def too_big(message: str, mark) -> LoadError:
        return fail("Y008", message, TOO_BIG_HINT, mark)

    def attach(value, pos: tuple[int, int], mark, merge_key: bool = False):
        """Place a finished value into its parent (or as the root)."""
        nonlocal root, special
        if not stack:
            root = value
            return
        parent = stack[-1]
        if parent.is_map:
            key = parent.key
            if key is None:  # the value is a key
                if isinstance(value, (dict, list)):
                    raise fail(
                        "Y007",
                        "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                        "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.",
                        mark,
                    )
                if merge_key:
                    special = True
                    parent.key = _MERGE
                else:
                    key_text = str(value)
                    if isinstance(value, str) and value and not value.isascii() and pasted.suspicious_key(value):
                        _check_pasted_key(lines, value, mark)
                    if key_text in parent.out:
                        raise fail(
                            "Y002",
                            f"Der Schlüssel „{key_text}“ kommt in derselben Zuordnung zweimal vor.",
                            "Jeder Schlüssel darf je Ebene nur einmal stehen; fassen Sie die Angaben "
                            "zusammen oder löschen Sie eine davon.",
                            mark,
                        )
                    parent.key = key_text
                parent.key_pos = pos
                return
            parent.key = None
            if key is _MERGE:
                sources = value if isinstance(value, list) else [value]
                if not sources or not all(isinstance(item, dict) for item in sources):
                    raise fail(
                        "Y007",
                        "Nach „<<:“ muss eine Zuordnung oder ein Verweis auf eine stehen.",
                        "Schreiben Sie z. B. „<<: *vorlage“ mit einem Anker „&vorlage“ an einer "
                        "Zuordnung, oder schreiben Sie die Angaben aus.",
                        mark,
                    )
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
                    raise too_big(f"Der Text ist länger als {MAX_STRING_CHARS:,} Zeichen.".replace(",", "."), mark)
                tag = event.tag
                plain = event.implicit[0]
                if plain and value[:1] in quote_pairs:
                    _check_cut_text(lines, value, event.end_mark)
                try:
                    if tag is None:
                        if plain and (not value or value[0] in _NOT_TEXT):  # else a text: stays as it is
                            value = _plain_value(value)
                    else:
                        special = True
                        value = _tagged_value(tag, value)
                except ValueError:
                    raise fail("Y007", _tag_message(tag, value), _TAG_HINT, mark) from None
                except _TooLong as exc:
                    raise too_big(str(exc), mark) from None
                if nodes > MAX_NODES:
                    raise too_big(f"Die Datei enthält mehr als {MAX_NODES:,} Angaben.".replace(",", "."), mark)
                pos = (mark.line + first_line, mark.column + 1)
                anchor = event.anchor
                # The common cases of attach() written out (a 2 MB file has ~60,000 scalars): a plain ASCII
                # key, a value in a mapping, an item of a list; attach() does every other case and the checks.
                parent = stack[-1] if stack else None
                if parent is None:
                    attach(value, pos, mark, plain and tag is None and value == "<<")
                elif parent.is_map:
                    key = parent.key
                    if key is None:
                        if value.__class__ is str and value != "<<" and value.isascii() and value not in parent.out:
                            parent.key = value
                            parent.key_pos = pos
                        else:
                            attach(value, pos, mark, plain and tag is None and value == "<<")
                    elif key is _MERGE:
                        attach(value, pos, mark)
                    else:
                        parent.key = None
                        path = parent.path + (key,)
                        parent.out[key] = value
                        keys[path] = parent.key_pos
                        values[path] = pos
                        if log is not None:
                            log.append(path)
                elif len(parent.out) < MAX_LIST_ITEMS:
                    path = parent.path + (len(parent.out),)
                    parent.out.append(value)
                    values[path] = pos
                    if log is not None:
                        log.append(path)
                else:
                    attach(value, pos, mark)
                if anchor is not None:
                    special = True
                    anchors[anchor] = (value, None, (), 1)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                nodes += 1
                mark = event.start_mark
                tag = event.tag
                is_map = cls is MappingStartEvent
                if tag is not None:
                    special = True
                    if tag not in ((_YAML + "map") if is_map else (_YAML + "seq"), "!"):
                        raise fail("Y007", _tag_message(tag, None), _TAG_HINT, mark)
                if len(stack) >= MAX_DEPTH:
                    raise too_big(TOO_DEEP, mark)
                if nodes > MAX_NODES:
                    raise too_big(f"Die Datei enthält mehr als {MAX_NODES:,} Angaben.".replace(",", "."), mark)
                if stack and stack[-1].is_map and stack[-1].key is None:
                    raise fail(
                        "Y007",
                        "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                        "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.",
                        mark,
                    )
                if stack:
                    parent = stack[-1]
                    path = parent.path + (
                        (parent.key if parent.key is not _MERGE else "<<") if parent.is_map else len(parent.out),
                    )
                else:
                    path = prefix
                anchor = event.anchor
                if anchor is not None:
                    special = True
                    open_anchors.add(anchor)
                    if log is None:
                        log = []
                stack.append(
                    _Frame(
                        {} if is_map else [None] * pad if pad and not stack else [],
                        path,
                        is_map,
                        anchor,
                        len(log) if log is not None else 0,
                        nodes + expanded,
                        (mark.line + first_line, mark.column + 1),
                    )
                )
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.out
                if frame.merges:
                    _apply_merges(frame, values, keys, log)
                attach(value, frame.pos, event.start_mark)
                if frame.anchor is not None:
                    assert log is not None, "the log starts with the first anchor"
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (
                        value,
                        frame.path,
                        (frame.log_start, len(log)),
                        nodes + expanded - frame.nodes + 1,
                    )
            elif cls is AliasEvent:
                special = True
                mark = event.start_mark
                name = event.anchor
                if name in open_anchors:
                    raise fail(
                        "Y006",
                        "Ein Verweis (*" + name + ") steht in seinem eigenen Anker (Endlosschleife).",
                        "Entfernen Sie den Verweis (*name) innerhalb des eigenen Ankers (&name).",
                        mark,
                    )
                if name not in anchors:
                    raise fail(
                        "Y001",
                        f"YAML-Syntaxfehler: der Verweis *{name} zeigt auf keinen Anker (&{name}).",
                        "Setzen Sie den Anker &" + name + " vor die Angabe, auf die verwiesen wird, "
                        "oder schreiben Sie die Angabe aus.",
                        mark,
                    )
                value, anchor_path, span, count = anchors[name]
                expanded += count
                aliases += 1
                if aliases > MAX_ALIASES or expanded > MAX_ALIAS_NODES:
                    what = (
                        f"mehr als {MAX_ALIASES:,} Verweise (*name)"
                        if aliases > MAX_ALIASES
                        else f"über Verweise mehr als {MAX_ALIAS_NODES:,} zusätzliche Angaben"
                    ).replace(",", ".")
                    raise fail(
                        "Y006",
                        f"Die Datei enthält {what}; ein Konzept braucht so viele nicht.",
                        "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu wiederholen.",
                        mark,
                    )
                if nodes + expanded > MAX_NODES:
                    raise fail(
                        "Y006",
                        "Die Verweise (Anker/Aliase) der Datei ergeben ausgeschrieben mehr als "
                        f"{MAX_NODES:,} Angaben.".replace(",", "."),
                        "Schreiben Sie die Angaben aus, statt sie über &anker/*alias zu wiederholen.",
                        mark,
                    )
                if stack and stack[-1].is_map and stack[-1].key is None and isinstance(value, (dict, list)):
                    raise fail(
                        "Y007",
                        "Ein Schlüssel muss ein einfacher Text sein, keine Liste oder Zuordnung.",
                        "Schreiben Sie den Schlüssel als Wort vor den Doppelpunkt, z. B. „title:“.",
                        mark,
                    )
                merging = bool(stack) and stack[-1].is_map and stack[-1].key is _MERGE
                if isinstance(value, (dict, list)) and not merging:
                    value = copy.deepcopy(value)
                    target = _child_path(stack)
                    if anchor_path is not None and target is not None:
                        assert log is not None, "an alias follows its anchor, which started the log"
                        _replay(anchor_path, target, log[span[0] : span[1]], values, keys, log)
                attach(value, (mark.line + first_line, mark.column + 1), mark)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(
                        "Y001",
                        "YAML-Syntaxfehler: die Datei enthält mehr als ein YAML-Dokument („---“ trennt Dokumente).",
                        "Ein Konzept ist genau ein Dokument; entfernen Sie die zweite „---“-Zeile "
                        "oder teilen Sie die Datei.",
                        event.start_mark,
                    )
            elif cls is StreamEndEvent:
                break
    except MarkedYAMLError as exc:
        raise syntax_error(text, exc) from None
    except YAMLError as exc:  # a reader error: the text has a character YAML does not allow
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if isinstance(position, int) else (1, 1)
        character = getattr(exc, "character", None)
        named = f" (U+{ord(character) if isinstance(character, str) else character:04X})" if character else ""
        raise LoadError(
            "Y009",
            f"Die Datei enthält ein Zeichen, das YAML nicht erlaubt{named}.",
            "Löschen Sie das Zeichen.",
            line,
            column,
        ) from None
    return root, source_map, special


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
    comment = pasted.cut_at_comment(value, line_text[end.column :])
    if comment is not None:
        raise LoadError(
            "Y011",
            f"Der Text in Zeile {end.line + 1} endet nach „{value[1:][-30:]}“: YAML liest „ #“ als "
            f"Beginn eines Kommentars, der Rest „{comment.strip()[:40]}“ fehlt. "
            f"{pasted.STRAIGHT_ONLY}.",
            "Setzen Sie den ganzen Text in gerade Anführungszeichen, z. B. "
            + line_text[: line_text.index(value[0])]
            + '"'
            + value[1:]
            + " "
            + comment.strip()[:-1]
            + '"',
            end.line + 1,
            end.column + 1,
        )


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

"""Reading a text that is edited again and again (the studio checks the whole text after every change): the
same data and source map as :func:`~integconcept.document.compose.compose`, but only the entries whose text
changed are parsed again.

The text is cut at the lines that start an entry: a key at the left margin, and inside an entry longer than
:data:`SPLIT_CHARS` whose value is a block mapping or list on the following lines, each of its keys or items
(at the indentation of the first one), and so on down. Each long entry is a part of its own (joined from its
own parts when it was cut); shorter neighbours are parsed together in runs of about :data:`RUN` (a run ends
after an entry whose text's CRC-32 is a multiple of it, so an edit changes one run and leaves the others as they
were). Each part is parsed on its own, with its lines counted from where it stands, its paths starting with
its parent's and its items counted from its first index (:func:`.compose.compose_part`); a part whose text,
parent and place did not change since one of the last two texts is taken as it was (its positions moved if
lines were added or removed above it). The parts are joined in the order a whole parse gives (data and source
map alike). A part starts where the whole parse starts an entry at the same indentation, so the parser sees
its lines as it sees them in the whole text; a cut in the wrong place (inside a quoted text or a flow list)
leaves a part that does not parse on its own.

Whenever the joined result could differ from parsing the whole text, the whole text is parsed instead:
anything that is not a plain block mapping of plain keys at the top, a part that does not parse on its own or
holds other entries than it should, an anchor, reference, merge key or explicit tag in a part parsed, a key
twice in a mapping that was cut, a line break other than ``\\n``, a byte order mark, a tab, control or invisible
character in the comment lines outside every part, and every limit of :mod:`.source` (nodes, depth, list
items) the joined result comes close to. Every message, place and value is then the whole parse's own. The
parsed parts are shared between the results of successive calls (the callers, ``validate_text`` and the
studio, only read them); the parts of the last two texts are kept (per process, thread-safe)."""

from __future__ import annotations

import re
import threading
from zlib import crc32

from integconcept.document.compose import compose, compose_part
from integconcept.document.source import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, LoadError, SourceMap

#: an entry longer than this (characters) whose value is a block mapping or list is cut into its entries
SPLIT_CHARS = 1500

#: shorter entries are parsed in runs of about this many (a run ends after an entry whose text's CRC-32 is a multiple)
RUN = 32

_WHOLE = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")  # line breaks other than "\n", a byte order mark
_CONTENT = re.compile(r"^( *)[^ \n#]", re.M)  # the first line that is neither blank nor a comment
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:(?=[ \n]|\Z)")
_HEADER = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): *\n")  # a key whose value follows on the next lines
_RESOLVED = frozenset(("null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"))
_SHALLOW: dict[int, re.Pattern[str]] = {}


class _Whole(Exception):
    """The joined parts could differ from the whole parse: parse the whole text."""


class _Part:
    """Entries read on their own, or one long entry joined from its own entries: the entries (a dict of keys and
    values, or a list of items), their positions (absolute, in the order of a whole parse), their first line
    (0-based), the longest path in them and, when joined, the parts they were joined from
    (``((text, path, index), part)``)."""

    __slots__ = ("entries", "values", "keys", "line", "depth", "children")

    def __init__(self, entries, values: dict, keys: dict, line: int, depth: int, children=None):
        self.entries = entries
        self.values = values
        self.keys = keys
        self.line = line
        self.depth = depth
        self.children = children

    def moved(self, line: int) -> _Part:
        """The same entries ``line - self.line`` lines further down (its parts are moved when they are used)."""
        shift = line - self.line
        return _Part(
            self.entries,
            {p: (row + shift, column) for p, (row, column) in self.values.items()},
            {p: (row + shift, column) for p, (row, column) in self.keys.items()},
            line,
            self.depth,
            self.children,
        )


def _shallow(indent: int) -> re.Pattern[str]:
    """Lines (neither blank nor comments) indented by at most ``indent`` spaces, after their line break."""
    pattern = _SHALLOW.get(indent)
    if pattern is None:
        pattern = _SHALLOW[indent] = re.compile(r"\n( {0,%d})(?=[^ \n#])" % indent)
    return pattern


def _entries(text: str, start: int, end: int, indent: int, kind: str | None = None) -> tuple[str, list[int]] | None:
    """The starts of the entries of the block collection in ``text[start:end]`` (whole lines, ``start`` > 0)
    at ``indent``: ("map", key lines) or ("seq", item lines); None if a line is indented less or is neither a
    plain key nor an item (then the region is not cut). In a mapping, items at the key's indentation are the
    key's value."""
    starts = []
    for match in _shallow(indent).finditer(text, start - 1, end):
        first = match.end()
        if first - match.start() - 1 != indent:
            return None
        if text[first] == "-" and text[first + 1 : first + 2] in (" ", "\n", ""):
            line_kind = "seq"
        elif _KEY.match(text, first) is not None:
            line_kind = "map"
        else:
            return None
        if kind is None:
            kind = line_kind
        elif line_kind != kind:
            if kind == "map":
                continue
            return None
        starts.append(match.start() + 1)
    return None if kind is None else (kind, starts)


def _clean(gap: str) -> bool:
    """Whether lines that belong to no part (comments, blank lines) pass the checks of the raw text."""
    from integconcept.document import pasted
    from integconcept.document.source import _NOT_PRINTABLE

    return "\t" not in gap and _NOT_PRINTABLE.search(gap) is None and pasted.leading_invisible(gap) is None


class _Join:
    """The parts of one text, parsed or taken from the last texts, joined in the order of a whole parse."""

    def __init__(self, text: str, cached: tuple[dict, dict]):
        self.text = text
        self.last, self.before = cached
        self.parts: dict = {}  # (part text, parent path, index) → _Part, for the next calls
        self._line = 0
        self._at = 0

    def line(self, offset: int) -> int:
        """0-based line of ``offset`` (asked in increasing order)."""
        self._line += self.text.count("\n", self._at, offset)
        self._at = offset
        return self._line

    def top(self) -> tuple:
        text = self.text
        first = _CONTENT.search(text)
        if first is None or first.group(1) or _KEY.match(text, first.start()) is None:
            raise _Whole
        if not _clean(text[: first.start()]):
            raise _Whole
        found = _entries(text, first.start() + 1, len(text), 0, "map")
        if found is None:
            raise _Whole
        return self.collection("map", [first.start(), *found[1]], len(text), 0, ())

    def collection(self, kind: str, starts: list[int], end: int, indent: int, path: tuple):
        """The value, positions (in the order of a whole parse) and longest path of the entries at ``starts``
        (up to ``end``) and the parts they were read in: an entry longer than :data:`SPLIT_CHARS` on its own,
        shorter ones in runs that end after an entry whose text's CRC-32 is a multiple of :data:`RUN` (so the
        runs after an edited entry stay as they were)."""
        text = self.text
        mapping = kind == "map"
        out: dict | list = {} if mapping else []
        values: dict = {}
        keys: dict = {}
        depth = 0
        children = []
        run = None  # index of the first entry of the run being collected
        count = len(starts)
        for index, begin in enumerate(starts):
            finish = starts[index + 1] if index + 1 < count else end
            if finish - begin > SPLIT_CHARS:
                cache_key, part = (
                    self.entry(begin, finish, indent, path) if mapping else self.run(begin, finish, path, index, 1)
                )
            else:
                if run is None:
                    run = index
                following = starts[index + 2] if index + 2 < count else end
                if not (
                    index + 1 == count
                    or following - finish > SPLIT_CHARS
                    or crc32(text[begin:finish].encode("utf-8", "surrogatepass")) % RUN == 0
                ):
                    continue
                first = starts[run]
                cache_key, part = self.run(first, finish, path, -1 if mapping else run, index + 1 - run)
                run = None
            if mapping:
                for key, value in part.entries.items():  # type: ignore[union-attr]
                    if key in out:
                        raise _Whole
                    out[key] = value  # type: ignore[call-overload]
            else:
                out.extend(part.entries)  # type: ignore[union-attr]
            values.update(part.values)
            keys.update(part.keys)
            if part.depth > depth:
                depth = part.depth
            children.append((cache_key, part))
        return out, values, keys, depth, children

    def lookup(self, cache_key: tuple, line: int) -> _Part | None:
        part = self.last.get(cache_key) or self.before.get(cache_key)
        if part is None:
            return None
        if part.line != line:
            part = part.moved(line)
        self.parts[cache_key] = part
        self.keep(part)
        return part

    def keep(self, part: _Part) -> None:
        """Keep the entries of a part taken whole for the next texts (an edit inside it needs them)."""
        if part.children:
            for cache_key, child in part.children:
                self.parts.setdefault(cache_key, child)
                self.keep(child)

    def run(self, begin: int, finish: int, path: tuple, index: int, count: int) -> tuple[tuple, _Part]:
        """``count`` entries read together (index -1: of a mapping, else the items from ``index`` on)."""
        line = self.line(begin)
        cache_key = (self.text[begin:finish], path, index)
        part = self.lookup(cache_key, line)
        if part is None:
            part = self.parts[cache_key] = _parse(cache_key[0], path, index, line, count)
        return cache_key, part

    def entry(self, begin: int, finish: int, indent: int, path: tuple) -> tuple[tuple, _Part]:
        """A long mapping entry: joined from its own entries when its value is a block collection."""
        text = self.text
        line = self.line(begin)
        cache_key = (text[begin:finish], path, -1)
        part = self.lookup(cache_key, line)
        if part is not None:
            return cache_key, part
        if (header := _HEADER.match(text, begin + indent)) is not None:
            key = header.group(1)
            first = _CONTENT.search(text, header.end(), finish)
            if key not in _RESOLVED and first is not None and _clean(text[header.end() : first.start()]):
                inner = len(first.group(1))
                found = _entries(text, header.end(), finish, inner) if inner >= indent else None
                if found is not None and found[1] and (inner > indent or found[0] == "seq"):
                    kind, starts = found
                    child = path + (key,)
                    value, values, keys, depth, children = self.collection(kind, starts, finish, inner, child)
                    # a whole parse places the collection where its first key or item begins
                    values[child] = (text.count("\n", begin, starts[0]) + line + 1, inner + 1)
                    keys[child] = (line + 1, indent + 1)
                    part = _Part({key: value}, values, keys, line, depth, children)
                    self.parts[cache_key] = part
                    return cache_key, part
        part = self.parts[cache_key] = _parse(cache_key[0], path, -1, line, 1)
        return cache_key, part


def _parse(chunk: str, path: tuple, index: int, line: int, count: int) -> _Part:
    """``count`` entries read on their own (items after ``index`` others: more than the limit of list items is
    refused here as in the whole parse, see :func:`.compose.compose_part`)."""
    try:
        root, source_map, special = compose_part(chunk, line, path, max(index, 0))
    except LoadError:
        raise _Whole from None
    if special:
        raise _Whole
    entries: dict | list
    if index < 0:
        if not isinstance(root, dict) or len(root) != count:
            raise _Whole
        entries = root
    else:
        if not isinstance(root, list) or len(root) != index + count:
            raise _Whole
        entries = root[index:]
    depth = max(map(len, source_map.values), default=0)
    return _Part(entries, source_map.values, source_map.keys, line, depth)


_lock = threading.Lock()
_cached: tuple[dict, dict] = ({}, {})  # the parts of the last text and of the one before


def compose_edited(text: str) -> tuple[object, SourceMap]:
    """:func:`~integconcept.document.compose.compose` for a text that is checked after every edit: the same
    result (data, source map, LoadError), parsing again only the entries that changed since the last two
    texts. Thread-safe; the returned data shares the unchanged entries with earlier results (read only)."""
    global _cached
    if len(text) > MAX_FILE_BYTES or any(character in text for character in _WHOLE):
        return compose(text)
    with _lock:
        cached = _cached
    join = _Join(text, cached)
    try:
        data, values, keys, depth, _ = join.top()
        if depth >= MAX_DEPTH - 1 or len(values) + len(keys) + 1 > MAX_NODES:
            raise _Whole
    except _Whole:
        data = None
    with _lock:
        _cached = (join.parts, _cached[0])
    if data is None:
        return compose(text)
    return data, SourceMap(values, keys)


def forget() -> None:
    """Drop the kept parts (tests; a process that is done with editing)."""
    global _cached
    with _lock:
        _cached = ({}, {})

"""Canonical formatting of concept files (``integconcept fmt``).

The canonical form is produced by ruamel.yaml's round trip:

* mappings indented by two spaces, list items as ``  - `` (dash two spaces in, content four);
* keys in the order of the fields of the pydantic model (:mod:`integconcept.document.model`), read from the
  model itself so that fields added later are placed without touching this module; keys the model
  does not know cannot occur, because files with schema errors are refused;
* text with a line break or longer than :data:`LONG_TEXT` characters as a literal block scalar
  (``|-``), never wrapped (wrapping a literal block would change the text); shorter text on one line;
* dates of the model's date fields in ISO form (``Anfang November 2012`` → ``Anfang 2012-11``);
* every comment kept: a comment line stays in front of the entry that followed it (and moves with it
  when keys are reordered), a comment at the end of a line stays at the end of its entry's line,
  the header (``yaml-language-server`` line …) stays at the top; blank lines between entries are
  kept, several in a row become one, none directly after the line that opens a block.

The data are dumped without comments and the comments are then put back by the position of each
key or list item in the dump (ruamel's own comment attachment is tied to the original layout and
does not survive reordering). Before anything is returned, the result is parsed again and must
hold the same values and the same comments; otherwise nothing is written.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath

from integconcept.document.loader import LoadError, parse_yaml, read_stdin, read_text, to_plain
from integconcept.drafting.errors import DraftingError, describe_findings

#: Text longer than this (in characters) is written as a block scalar even without a line break.
LONG_TEXT = 120

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"

Path = tuple


class FormatError(DraftingError):
    """The file cannot be formatted (YAML or schema errors); it is left untouched (exit code 2)."""


@dataclass
class FormatResult:
    """``original`` is the file's text as it is (BOM and line endings included); ``formatted`` the canonical
    form with LF line endings; ``newline`` and ``bom`` the file's own, which the written file keeps (Git for
    Windows checks files out with CRLF; Notepad may add a BOM). Line endings and a BOM alone are no change."""

    file: str
    original: str
    formatted: str
    written: bool = False
    newline: str = "\n"
    bom: bool = False

    @property
    def plain_original(self) -> str:
        """The original with LF line endings and without a BOM: what ``formatted`` is compared with."""
        return _lf(self.original.removeprefix("\ufeff"))

    @property
    def changed(self) -> bool:
        return self.plain_original != self.formatted

    @property
    def file_text(self) -> str:
        """The formatted text as the file gets it: its own line endings and BOM."""
        return ("\ufeff" if self.bom else "") + self.formatted.replace("\n", self.newline)

    def unified_diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.plain_original.splitlines(keepends=True),
                self.formatted.splitlines(keepends=True),
                fromfile=f"{self.file} (bisher)",
                tofile=f"{self.file} (formatiert)",
            )
        )


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_ending(text: str) -> str:
    """The file's line ending: CRLF when most of its lines end so, else LF."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 > text.count("\n") else "\n"


# --------------------------------------------------------------------------- public functions


def format_text(text: str, *, name: str = "<Eingabe>") -> str:
    """Return the canonical form of a concept file's text.

    Raises :class:`FormatError` (German message naming ``name``:line:column) when the text is not
    usable YAML or does not fit the schema; such text is never reformatted.
    """
    text = text.removeprefix("\ufeff")
    from integconcept.document.loader import compose
    from integconcept.document.schema_check import check_schema

    try:  # the fast reader (libyaml) first: a file that does not fit the schema is refused before the slow
        fast, fast_map = compose(text)  # round-trip parse (most files a pre-commit hook refuses end here)
    except LoadError as exc:
        raise FormatError(_load_error_text(name, exc)) from None
    if isinstance(fast, dict):
        _refuse_schema_errors(name, *check_schema(fast, fast_map))
    root, concept = load_checked(text, name)
    layout = _read_layout(text, root)
    canonical = _canonical(root, concept, _commented_lists(root, layout))
    dumped = _dump(canonical)
    result = _splice(dumped, canonical, layout)
    _verify(text, result, concept, layout, name)
    return result


def _refuse_schema_errors(name: str, concept, findings, refused: str = "nicht formatiert") -> None:
    """Raise :class:`FormatError` listing the schema errors; ``refused`` says what was not done."""
    errors = [f for f in findings if f.severity.value == "error"]
    if concept is None or errors:
        raise FormatError(
            describe_findings(name, errors)
            + f"\n{name}: {refused}, weil die Datei nicht zum Schema passt. Bitte zuerst die Fehler "
            "oben beheben (integconcept validate zeigt alle); die Datei bleibt unverändert.",
            errors,
        )


def load_checked(text: str, name: str, refused: str = "nicht formatiert"):
    """The round-trip tree of a concept file's text and its validated model; :class:`FormatError` (saying
    ``refused``) where the text does not fit the schema."""
    from integconcept.document.schema_check import check_schema

    root = _load(text, name)
    data, source_map = to_plain(root)
    concept, findings = check_schema(data, source_map)
    _refuse_schema_errors(name, concept, findings, refused)
    return root, concept


def format_data(data: dict, concept, before: dict[Path, list[str]], header: Sequence[str] = ()) -> str:
    """The canonical text of data that are already checked (``concept``: the validated model), with comment
    lines in front of entries (``before``: path → lines without "# ") and a header of comment lines (with "#")
    and blank lines (""). What :func:`format_text` gives for the same data and comments, without writing
    and parsing the file first (``import`` writes its draft this way: one parse instead of four)."""
    canonical = _canonical(data, concept, frozenset())
    dumped = _dump(canonical)
    return splice_comments(dumped, canonical, before, header, _fast_starts(dumped))


def splice_comments(
    dumped: str, tree, before: dict[Path, list[str]], header: Sequence[str], starts: dict[int, list[Path]]
) -> str:
    """Comment lines in front of entries (``before``: path → lines without "# ") and a header (comment lines
    with "#", blank lines "") put into ``dumped``, the canonical text of ``tree`` whose keys and list items
    begin on the lines ``starts`` gives (0-based line → paths)."""
    layout = _Layout(
        [None if not line else line for line in header],
        {tuple(path): [f"# {line}" for line in lines] for path, lines in before.items()},
        {},
        [],
    )
    return _splice(dumped, tree, layout, starts)


def _fast_starts(text: str) -> dict[int, list[Path]]:
    """What :func:`_starts` finds, from the fast loader's positions (libyaml) instead of a round-trip parse: the
    0-based line of every key and of every list item."""
    from integconcept.document.loader import compose

    _, source_map = compose(text)
    starts: dict[int, list[Path]] = defaultdict(list)
    for path, (line, _) in source_map.keys.items():
        starts[line - 1].append(tuple(path))
    for path, (line, _) in source_map.values.items():
        if path and isinstance(path[-1], int):
            starts[line - 1].append(tuple(path))
    return starts


def format_file(path: str, check: bool = False, diff: bool = False) -> FormatResult:
    """Format one file in place (atomically) unless ``check`` or ``diff`` asks only to look.

    Returns what was found; raises :class:`FormatError` for unusable input (file untouched).
    ``path`` ``-`` reads standard input (the result is never written; the caller prints it).
    """
    if path == "-":
        try:
            original = read_stdin()
        except LoadError as exc:
            raise FormatError(_load_error_text("<stdin>", exc)) from None
        return FormatResult("-", original, format_text(original, name="<stdin>"))
    try:
        original = read_text(path)
    except LoadError as exc:
        raise FormatError(_load_error_text(path, exc)) from None
    with open(path, "rb") as handle:  # the line endings and a BOM as the file has them
        raw = handle.read()
    raw_text = raw.decode("utf-8", errors="replace")
    result = FormatResult(
        path,
        raw_text,
        format_text(original, name=path),
        newline=line_ending(raw_text),
        bom=raw_text.startswith("\ufeff"),
    )
    if result.changed and not (check or diff):
        from integconcept.core.output import atomic_write
        from integconcept.core.replace import changed_since

        if changed_since(FsPath(path), raw):  # saved by an editor while we formatted: that version stays
            raise FormatError(
                f"{path}: Die Datei wurde während des Formatierens geändert (z. B. im Editor "
                "gespeichert); sie bleibt, wie sie jetzt ist. Bitte fmt erneut aufrufen."
            )

        try:
            atomic_write(FsPath(path), result.file_text.encode("utf-8"))
        except OSError as exc:
            raise FormatError(
                f"{path}: Die Datei konnte nicht geschrieben werden ({exc.strerror or exc}); sie ist unverändert."
            ) from None
        result.written = True
    return result


# --------------------------------------------------------------------------- loading


def _load_error_text(name: str, exc: LoadError) -> str:
    hint = f"\n    Hinweis: {exc.hint}" if exc.hint else ""
    outcome = "nicht formatiert" + ("." if exc.code in ("F001", "F002") else "; die Datei bleibt unverändert.")
    return f"{name}:{exc.line}:{exc.column}: {exc.code} {exc.message}{hint}\n{name}: {outcome}"


def _load(text: str, name: str):
    from ruamel.yaml.comments import CommentedMap

    try:
        root = parse_yaml(text)
    except LoadError as exc:
        raise FormatError(_load_error_text(name, exc)) from None
    if not isinstance(root, CommentedMap):
        error = LoadError(
            "Y005",
            "Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein.",
            "Eine Konzeptdatei beginnt mit Schlüsseln wie „format_version: 1“, „id: …“.",
        )
        raise FormatError(_load_error_text(name, error))
    return root


# --------------------------------------------------------------------------- layout: comments and blank lines


@dataclass
class _Layout:
    header: list[str | None]  # comment lines (text from "#") and blank lines (None) before the first entry
    before: dict[Path, list[str | None]]  # the same, in front of an entry
    eol: dict[Path, list[str]]  # comments at the end of an entry's line
    trailer: list[str | None]  # after the last entry

    def comments(self) -> Counter:
        found: Counter = Counter(c for c in self.header + self.trailer if c)
        for block in self.before.values():
            found.update(c for c in block if c)
        for items in self.eol.values():
            found.update(items)
        return found


def _starts(root) -> dict[int, list[Path]]:
    """0-based line → paths of the keys and list items that begin on it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    starts: dict[int, list[Path]] = defaultdict(list)
    seen: set[int] = set()

    def walk(node, path: Path) -> None:
        if id(node) in seen:  # an alias: its entries were recorded where the anchor is
            return
        if isinstance(node, CommentedMap):
            seen.add(id(node))
            for key in node:
                try:
                    starts[node.lc.key(key)[0]].append(path + (str(key),))
                except (KeyError, TypeError, AttributeError):
                    pass
                walk(node[key], path + (str(key),))
        elif isinstance(node, CommentedSeq):
            seen.add(id(node))
            for index, item in enumerate(node):
                try:
                    starts[node.lc.item(index)[0]].append(path + (index,))
                except (KeyError, TypeError, AttributeError):
                    pass
                walk(item, path + (index,))

    walk(root, ())
    return starts


_BLOCK_HEADER = re.compile(r"^[|>][0-9+-]*")
_COMMENT_START = re.compile(r"(?:^|(?<=\s))#")


def _read_layout(text: str, root) -> _Layout:
    """Find every comment and blank line and the entry it belongs to.

    Lines inside a scalar (block scalars, multi-line quoted or plain text) are text, not layout;
    which lines those are comes from the parser's events, so a ``#`` inside a text never counts as
    a comment.
    """
    from ruamel.yaml import YAML

    lines = text.split("\n")
    inside: set[int] = set()  # lines that belong to a scalar's text
    ends: dict[int, int] = {}  # line → column after the last token ending on it
    block_starts: dict[int, int] = {}
    for event in YAML(typ="rt").parse(text):
        start, end = event.start_mark, event.end_mark
        if end is None:
            continue
        ends[end.line] = max(ends.get(end.line, 0), end.column)
        if type(event).__name__ != "ScalarEvent" or end.line == start.line:
            continue
        if event.style in ("|", ">"):
            block_starts[start.line] = start.column
            block_header = _BLOCK_HEADER.match(lines[start.line][start.column :])
            keep = block_header is not None and "+" in block_header.group(0)
            last = end.line if end.column > 0 else end.line - 1
            if not keep:
                while last > start.line and not lines[last].strip():
                    last -= 1
            inside.update(range(start.line + 1, last + 1))
            ends[start.line] = max(
                ends.get(start.line, 0), start.column + (len(block_header.group(0)) if block_header else 1)
            )
        else:  # quoted or plain text over several lines: a "#" in it is text
            inside.update(range(start.line + 1, end.line + 1))
            ends[start.line] = len(lines[start.line])

    starts = _starts(root)
    first_line = min(starts) if starts else len(lines)
    header: list[str | None] = []
    before: dict[Path, list[str | None]] = {}
    eol: dict[Path, list[str]] = defaultdict(list)
    pending: list[str | None] = []
    last_start: int | None = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if number not in inside:
            if not stripped:
                pending.append(None)
                continue
            if stripped.startswith("#"):
                pending.append(stripped.rstrip())
                continue
        elif number not in ends:
            continue
        if number in starts:
            anchor = min(starts[number], key=len)
            if number == first_line:
                header, pending = pending, []
            elif pending:
                before.setdefault(anchor, []).extend(pending)
                pending = []
            last_start = number
        rest_from = ends.get(number, 0)
        match = _COMMENT_START.search(line, rest_from) if rest_from < len(line) else None
        if match and last_start is not None:
            owner = max(starts[last_start], key=len)
            eol[owner].append(line[match.start() :].rstrip())
    return _Layout(header, before, dict(eol), pending)


# --------------------------------------------------------------------------- the canonical tree


def _commented_lists(root, layout: _Layout) -> frozenset:
    """The lists (by object id) one of whose items has a comment of its own."""
    found = set()
    for path in list(layout.before) + list(layout.eol):
        if path and isinstance(path[-1], int):
            node = root
            for part in path[:-1]:
                node = node[part]
            found.add(id(node))
    return frozenset(found)


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _canonical(node, instance, commented: frozenset = frozenset()):
    """A fresh comment-free tree: keys in model order, text styles and dates canonical.

    A list of ids is written on one line (``[a, b]``) unless one of its items carries a comment."""
    import datetime as dt

    from pydantic import BaseModel
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    from integconcept.core.safe_text import needs_yaml_quotes
    from integconcept.document.pasted import leading_pattern
    from integconcept.document.dates import VagueDate

    def build(value, inst):
        if isinstance(value, dict):
            keys = list(value.keys())
            if isinstance(inst, BaseModel):
                order = {name: index for index, name in enumerate(type(inst).model_fields)}
                keys.sort(key=lambda k: order.get(str(k), len(order)))
            out = CommentedMap()
            for key in keys:
                out[key] = build(value[key], _child(inst, key))
            return out
        if isinstance(value, list):
            items = inst if isinstance(inst, (list, tuple)) else [None] * len(value)
            out = CommentedSeq(build(v, items[i] if i < len(items) else None) for i, v in enumerate(value))
            if out and all(isinstance(v, str) and _ID.match(v) for v in out) and path_free(value):
                out.fa.set_flow_style()  # a list of ids: action_fields: [arbeitswelt, bildung]
            return out
        if isinstance(value, str):
            text = str(value)
            if isinstance(inst, VagueDate):
                text = inst.canonical()
            elif isinstance(inst, dt.date) and not isinstance(inst, dt.datetime):
                text = inst.isoformat()
            # a block scalar cannot hold it: double-quoted with escapes (also a line that would start with a no-break
            # space or another invisible character, which the loader refuses there: Y010)
            if needs_yaml_quotes(text) or leading_pattern().search(text):
                return DoubleQuotedScalarString(text)
            if "\n" in text or len(text) > LONG_TEXT:
                return LiteralScalarString(text)
            return text
        return value

    def path_free(value) -> bool:
        return id(value) not in commented

    def _child(inst, key):
        if isinstance(inst, BaseModel):
            return getattr(inst, str(key), None)
        if isinstance(inst, dict):
            return inst.get(key)
        return None

    return build(node, instance)


def _yaml():
    from integconcept.document.edit import round_trip_yaml

    return round_trip_yaml()


def _dump(tree) -> str:
    stream = io.StringIO()
    _yaml().dump(tree, stream)
    return stream.getvalue()


# --------------------------------------------------------------------------- putting the comments back


def _first_child(tree, path: Path) -> bool:
    if not path:
        return True
    parent = tree
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if isinstance(last, int):
        return last == 0
    return next(iter(parent)) == last


def _normalise(block: list[str | None], *, leading_blank: bool) -> list[str | None]:
    out: list[str | None] = []
    for item in block:
        if item is None and (out and out[-1] is None or not out and not leading_blank):
            continue
        out.append(item)
    return out


def _splice(dumped: str, tree, layout: _Layout, starts: dict | None = None) -> str:
    lines = dumped.rstrip("\n").split("\n")
    if starts is None:
        from ruamel.yaml import YAML

        starts = _starts(YAML(typ="rt").load(dumped))
    line_of: dict[Path, int] = {path: number for number, paths in starts.items() for path in paths}
    prefix: dict[int, list[str | None]] = defaultdict(list)
    for number, paths in starts.items():
        for path in sorted(paths, key=len):
            prefix[number].extend(layout.before.get(path, []))
    suffix: dict[int, list[str]] = defaultdict(list)
    for path, comments in layout.eol.items():
        if path in line_of:
            suffix[line_of[path]].extend(comments)
    out: list[str] = []
    header = _normalise(layout.header, leading_blank=False)
    out.extend("" if c is None else c for c in header)
    for number, line in enumerate(lines):
        if number in prefix and number in starts:
            outer = min(starts[number], key=len)
            block = _normalise(prefix[number], leading_blank=not _first_child(tree, outer) and bool(out))
            indent = " " * (len(line) - len(line.lstrip(" ")))
            out.extend("" if c is None else indent + c for c in block)
        if number in suffix:
            line = line + "".join("  " + c for c in suffix[number])
        out.append(line)
    trailer = _normalise(layout.trailer, leading_blank=True)
    while trailer and trailer[-1] is None:
        trailer.pop()
    out.extend("" if c is None else c for c in trailer)
    return "\n".join(out) + "\n"


def _verify(original: str, result: str, concept, layout: _Layout, name: str) -> None:
    """The result must hold the same values and comments as the input; never write anything else."""
    from integconcept.document.schema_check import check_schema

    problem = None
    try:
        root = parse_yaml(result)
        data, source_map = to_plain(root)
        again, _ = check_schema(data, source_map)
        if again is None or again.model_dump(mode="json") != concept.model_dump(mode="json"):
            problem = "die Werte weichen ab"
        elif _read_layout(result, root).comments() != layout.comments():
            problem = "Kommentare fehlen"
    except LoadError as exc:
        problem = exc.message
    if problem:
        raise FormatError(
            f"{name}: interner Fehler beim Formatieren ({problem}); die Datei bleibt unverändert. "
            "Bitte melden Sie diesen Fall mit der Datei."
        )

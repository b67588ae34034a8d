"""Apply one change (a value at a path, a list entry added, removed or moved) to a concept file's text.

The studio edits the YAML text itself, so that saving writes exactly what changed:

* a scalar replaced by a scalar (the common case, every keystroke) is a splice of the text: the old
  value's characters (found with libyaml's event marks) are replaced by the new value written as the
  canonical form writes it (quotes where YAML needs them, a literal block ``|-`` for text with a line
  break or longer than :data:`~integconcept.drafting.fmt.LONG_TEXT`); the rest of the line (a comment)
  and every other line stay as they are;
* anything else (a new key, a removed key, list entries added, removed or moved, a mapping or list as
  value) goes through ruamel.yaml's comment-preserving round trip; only the lines that the change
  touches in ruamel's output are carried over into the original text, so a file that is not in the
  canonical form keeps its own layout elsewhere.

Every result is parsed again and must hold the intended data; otherwise :class:`EditError` is raised
and the text is left as it was. Texts here use ``\\n`` line ends (the caller keeps the file's own).
"""

from __future__ import annotations

import difflib
import io
from typing import Any

from integconcept.core.findings import Path

#: Text longer than this is written as a literal block (the canonical form's rule, drafting.fmt.LONG_TEXT).
LONG_TEXT = 120

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"


class EditError(ValueError):
    """The change cannot be applied (German message); the text is unchanged."""


# --------------------------------------------------------------------------- public functions


def set_value(text: str, path: Path, value: Any) -> str:
    """``text`` with the value at ``path`` set to ``value`` (``None`` removes the key or the entry's value).

    Missing parent mappings are created. A list index must exist."""
    path = tuple(path)
    if not path:
        raise EditError("Die ganze Datei kann nicht auf einmal ersetzt werden.")
    if value is not None and not isinstance(value, (dict, list)):
        spliced = _splice_scalar(text, path, value)
        if spliced is not None:
            return spliced

    def change(tree):
        parent = _parent(tree, path, create=value is not None)
        if parent is None:
            return False
        return change_in(parent)

    def change_in(parent):
        last = path[-1]
        if value is None:
            if isinstance(last, int):
                parent[last] = None
            elif last in parent:
                del parent[last]
            else:
                return False
        elif isinstance(last, int):
            if not 0 <= last < len(parent):
                raise EditError(f"Eintrag {last + 1} gibt es nicht.")
            parent[last] = _node(value)
        else:
            _insert_key(parent, last, _node(value))
        return True

    local = _local_round_trip(text, path[:-1], change_in) if len(path) > 1 else None
    return local if local is not None else _round_trip(text, change)


def splice_scalar(text: str, path: Path, value: Any) -> str | None:
    """The scalar splice alone: ``text`` with the scalar at ``path`` replaced by the scalar ``value``, or
    None when the value there is no plain one-place scalar (then :func:`set_value` takes the round trip).
    Lets a caller that keeps the parsed data update it in place instead of parsing the text again."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return _splice_scalar(text, tuple(path), value)


def insert_item(text: str, path: Path, index: int | None, value: Any) -> str:
    """``text`` with ``value`` inserted into the list at ``path`` before ``index`` (``None``: at the end).

    A missing list (and missing parent mappings) is created."""
    path = tuple(path)

    def change(tree):
        parent = _parent(tree, path, create=True)
        last = path[-1]
        if isinstance(last, int):
            raise EditError("Hier ist keine Liste.")
        if last not in parent or parent[last] is None:
            from ruamel.yaml.comments import CommentedSeq

            _insert_key(parent, last, CommentedSeq())
        return change_in(parent[last])

    def change_in(target):
        if not isinstance(target, list):
            raise EditError("Hier ist keine Liste.")
        position = len(target) if index is None else max(0, min(index, len(target)))
        target.insert(position, _node(value))
        return True

    local = _local_round_trip(text, path, change_in)
    return local if local is not None else _round_trip(text, change)


def remove_item(text: str, path: Path, index: int) -> str:
    """``text`` without entry ``index`` of the list at ``path`` (an emptied list is removed with its key)."""
    path = tuple(path)

    def change(tree):
        target = _get(tree, path)
        if not isinstance(target, list) or not 0 <= index < len(target):
            raise EditError(f"Eintrag {index + 1} gibt es nicht.")
        del target[index]
        if not target and not isinstance(path[-1], int):
            del _get(tree, path[:-1])[path[-1]]
        return True

    def change_in(target):
        if not isinstance(target, list) or not 0 <= index < len(target) or len(target) < 2:
            raise _NotLocal
        del target[index]
        return True

    local = _local_round_trip(text, path, change_in)
    return local if local is not None else _round_trip(text, change)


def move_item(text: str, path: Path, index: int, new_index: int) -> str:
    """``text`` with entry ``index`` of the list at ``path`` moved to ``new_index``."""
    path = tuple(path)

    def change(tree):
        return change_in(_get(tree, path))

    def change_in(target):
        if not isinstance(target, list) or not 0 <= index < len(target) or not 0 <= new_index < len(target):
            raise EditError("Dieser Eintrag kann nicht dorthin verschoben werden.")
        if index == new_index:
            return False
        item = target.pop(index)
        target.insert(new_index, item)
        return True

    local = _local_round_trip(text, path, change_in)
    return local if local is not None else _round_trip(text, change)


def value_at(data: Any, path: Path, default: Any = None) -> Any:
    """The value at ``path`` in plain data (``default`` when a part is missing)."""
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return default
        elif not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


# --------------------------------------------------------------------------- the scalar splice


def _event_parser(text: str):
    """A YAML event parser over ``text``: libyaml's (fast), else PyYAML's own."""
    try:
        from yaml._yaml import CParser

        return CParser(text)
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        import yaml

        return yaml.SafeLoader(text)


def _scalar_event(text: str, path: Path):
    """(event, parent flow style, key column) of the scalar value at ``path``; None when it is no scalar
    or is not there. Stops reading at the value."""
    from yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )
    from yaml.error import YAMLError

    parser = _event_parser(text)
    # stack entries: [is_map, key or index, flow, expecting_key, key_column, own path]
    stack: list[list] = []
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return None
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                stack.pop()
                if not stack:
                    return None
                _advance(stack[-1])
                continue
            if not stack:
                if kind is MappingStartEvent:
                    stack.append([True, None, bool(event.flow_style), True, 0, ()])
                continue
            top = stack[-1]
            if top[0] and top[3]:  # a key
                if kind is not ScalarEvent:
                    return None
                top[1] = event.value
                top[4] = event.start_mark.column
                top[3] = False
                continue
            own = top[5] + (top[1],)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                if own == path[: len(own)] and len(own) < len(path):
                    stack.append(
                        [
                            kind is MappingStartEvent,
                            None if kind is MappingStartEvent else 0,
                            bool(event.flow_style),
                            kind is MappingStartEvent,
                            0,
                            own,
                        ]
                    )
                    continue
                if own == path:
                    return None
                _skip(parser, MappingStartEvent, SequenceStartEvent, MappingEndEvent, SequenceEndEvent)
                _advance(top)
                continue
            if own == path:
                if kind is ScalarEvent and not event.anchor and not event.tag:
                    return event, top[2], (top[4] if top[0] else event.start_mark.column - 2)
                return None
            if kind is AliasEvent or kind is ScalarEvent:
                _advance(top)
    except YAMLError:
        return None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _advance(entry: list) -> None:
    if entry[0]:
        entry[3] = True
    else:
        entry[1] += 1


def _skip(parser, map_start, seq_start, map_end, seq_end) -> None:
    depth = 1
    while depth:
        kind = type(parser.get_event())
        if kind in (map_start, seq_start):
            depth += 1
        elif kind in (map_end, seq_end):
            depth -= 1


def _splice_scalar(text: str, path: Path, value: Any) -> str | None:
    found = _scalar_event(text, path)
    if found is None:
        return None
    event, flow, key_column = found
    if flow:
        return None
    start, end = event.start_mark.index, event.end_mark.index
    block = event.style in ("|", ">")
    if event.style is None and event.start_mark.line != event.end_mark.line:
        return None  # a plain text over several lines: the round trip rewrites it
    rendered = scalar_text(value, key_column + 2)
    if rendered is None:
        return None
    if start == end and start > 0 and text[start - 1] not in " \n":  # an empty value ("key:"): a space first
        rendered = " " + rendered
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if block:  # the old value ran to the end of its last line
        rest, after = "", text[end:]
        if not rendered.endswith("\n"):
            rendered += "\n"
    else:
        rest, after = text[end:line_end], text[line_end:]
        if rendered.endswith("\n"):  # a block now: a comment after the value goes behind the "|-"
            head, body = rendered.split("\n", 1)
            comment = rest if rest.strip().startswith("#") else ""
            rendered, rest = head + comment + "\n" + body.rstrip("\n"), ""
    result = text[:start] + rendered + rest + after
    return result


def scalar_text(value: Any, indent: int) -> str | None:
    """A scalar as YAML text for a value position whose block content would be indented ``indent``
    spaces: one line, or a literal block (``|-`` and its lines, ending with a line break)."""
    node = _scalar_node(value)
    dumped = _dump({"k": node})
    head, _, body = dumped.partition("\n")
    if body:  # a literal block
        lines = body.split("\n")
        shifted = "\n".join((" " * (indent - 2) + line) if line else line for line in lines)
        return head[len("k: ") :] + "\n" + shifted.rstrip(" ")
    if not head.startswith("k: "):
        return None
    return head[len("k: ") :]


def _scalar_node(value: Any):
    """The value as the canonical form writes it (a literal block for long or multi-line text), unless the
    reader would not read that back as the same value – e.g. a line that starts with a no-break space pasted
    from Word, which the loader refuses at the start of a line (Y010) – then in double quotes with escapes."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    from integconcept.document.loader import LoadError, compose

    if not isinstance(value, str):
        return value
    if "\n" in value and not value.strip():  # only line breaks: a literal block of empty lines is fragile
        return DoubleQuotedScalarString(value)
    node = LiteralScalarString(value) if "\n" in value or len(value) > LONG_TEXT else value
    try:  # as a mapping's value and as a list entry ("- …": the loader looks at the start of the line)
        back, _ = compose(_dump({"k": node, "l": [node]}))
        if back == {"k": value, "l": [value]}:
            return node
    except LoadError:
        pass
    return DoubleQuotedScalarString(value)


# --------------------------------------------------------------------------- the round trip


def round_trip_yaml():
    """ruamel.yaml's round trip set up for the canonical form (also used by ``fmt``)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    yaml11 = VersionedResolver(version=(1, 1))

    class Resolver(VersionedResolver):
        """Decides which text needs quotes.

        Dates are text in concept files (the loader switches timestamps off), so a date is written
        without quotes. Text that a YAML 1.1 reader (PyYAML, older editors) would take for a number,
        a time or yes/no (``14:00``, ``on``) is quoted, so every tool reads the same value.
        """

        def resolve(self, kind, value, implicit):
            tag = super().resolve(kind, value, implicit)
            name = str(getattr(tag, "value", tag))
            if name == _TIMESTAMP_TAG:
                return super().resolve(kind, "x", implicit)
            if name == _STR_TAG and implicit[0]:
                other = yaml11.resolve(kind, value, implicit)
                if str(getattr(other, "value", other)) not in (_STR_TAG, _TIMESTAMP_TAG):
                    return other
            return tag

    yaml = YAML(typ="rt")
    yaml.Resolver = Resolver
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    return yaml


_yaml = round_trip_yaml


def _dump(tree) -> str:
    stream = io.StringIO()
    _yaml().dump(tree, stream)
    return stream.getvalue()


def _node(value: Any):
    """Plain data as round-trip nodes (multi-line text as a literal block)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _node(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(item) for item in value)
    return _scalar_node(value)


def _get(tree, path: Path):
    node = tree
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise EditError("Diese Stelle gibt es in der Datei nicht (mehr); bitte neu laden.") from None
    return node


def _parent(tree, path: Path, *, create: bool):
    from ruamel.yaml.comments import CommentedMap

    node = tree
    for part in path[:-1]:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                raise EditError("Diese Stelle gibt es in der Datei nicht (mehr); bitte neu laden.")
            child = node[part]
        else:
            if not isinstance(node, dict):
                raise EditError("Diese Stelle gibt es in der Datei nicht (mehr); bitte neu laden.")
            child = node.get(part)
            if child is None:
                if not create:
                    return None
                child = CommentedMap()
                _insert_key(node, part, child)
        node = child
    return node


def _insert_key(mapping, key: str, value) -> None:
    """Set ``key``; a new key goes where the model puts it (after the keys that come before it there)."""
    if key in mapping:
        mapping[key] = value
        return
    order = _model_order(mapping)
    if order and key in order:
        rank = order.index(key)
        position = 0
        for index, existing in enumerate(mapping):
            if existing in order and order.index(existing) < rank:
                position = index + 1
        mapping.insert(position, key, value)
    else:
        mapping[key] = value


def _model_order(mapping) -> list[str] | None:
    """The field order of the model part that has the keys of ``mapping`` (None when unknown)."""
    from integconcept.document import model

    keys = set(mapping)
    best, best_hits = None, 0
    for item in vars(model).values():
        fields = getattr(item, "model_fields", None)
        if isinstance(item, type) and fields and issubclass(item, model.Model):
            if keys <= set(fields) and len(fields) and (best is None or len(fields) < len(best)):
                best, best_hits = list(fields), len(keys)
    return best if best_hits or not keys else None


def _round_trip(text: str, change) -> str:
    from integconcept.document.loader import LoadError, compose, to_plain

    yaml = _yaml()
    try:
        tree = yaml.load(text)
    except Exception as exc:  # ruamel raises many kinds; all mean the text is no readable YAML
        raise EditError(f"Die Datei ist kein lesbares YAML mehr ({exc.__class__.__name__}); bitte neu laden.") from None
    before = _dump(tree)
    if change(tree) is False:
        return text
    after = _dump(tree)
    try:
        expected, _ = to_plain(tree)
    except LoadError as exc:
        raise EditError(exc.message) from None
    result = _carry_over(text, before, after)
    if result is not None and _holds(result, expected, compose):
        return result
    if _holds(after, expected, compose):
        return after
    raise EditError("Die Änderung konnte nicht sicher in die Datei geschrieben werden; nichts geändert.")


class _NotLocal(Exception):
    """The change cannot be made on the part alone (the whole file goes through the round trip)."""


def _block_span(text: str, path: Path) -> tuple[int, int, int] | None:
    """(first line, end line, indentation) of the block mapping or list at ``path``, when it starts on a line
    of its own (nothing before it but spaces); None otherwise."""
    from yaml.events import (
        AliasEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )
    from yaml.error import YAMLError

    parser = _event_parser(text)
    stack: list[list] = []  # [is_map, key or index, expecting_key, own path]
    start_event = None
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return None
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                entry = stack.pop()
                if start_event is not None and entry[3] == path:
                    mark = event.start_mark
                    lines = text.count("\n", 0, mark.index) if mark.column else mark.line
                    first = start_event.start_mark
                    line_start = text.rfind("\n", 0, first.index) + 1
                    if text[line_start : first.index].strip() or start_event.flow_style:
                        return None
                    return first.line, lines, first.column
                if not stack:
                    return None
                top = stack[-1]
                if top[0]:
                    top[2] = True
                else:
                    top[1] += 1
                continue
            if not stack:
                if kind is MappingStartEvent:
                    stack.append([True, None, True, ()])
                    if path == ():
                        return None
                continue
            top = stack[-1]
            if top[0] and top[2]:
                top[1] = event.value if kind is ScalarEvent else None
                top[2] = False
                continue
            own = top[3] + (top[1],)
            if kind in (MappingStartEvent, SequenceStartEvent):
                stack.append(
                    [
                        kind is MappingStartEvent,
                        None if kind is MappingStartEvent else 0,
                        kind is MappingStartEvent,
                        own,
                    ]
                )
                if own == path:
                    start_event = event
                continue
            if own == path:
                return None
            if kind in (ScalarEvent, AliasEvent):
                if top[0]:
                    top[2] = True
                else:
                    top[1] += 1
    except YAMLError:
        return None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _shift(text: str, spaces: int) -> str:
    """``text`` with ``spaces`` fewer (negative: more) leading spaces on every line that has them."""
    out = []
    for line in text.splitlines(keepends=True):
        if spaces > 0:
            cut = len(line) - len(line.lstrip(" "))
            out.append(line[min(cut, spaces) :] if line.strip() else line.lstrip(" "))
        else:
            out.append(" " * -spaces + line if line.strip() else line)
    return "".join(out)


def _first_indent(text: str) -> int:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return len(line) - len(line.lstrip(" "))
    return 0


def _local_round_trip(text: str, anchor: Path, change) -> str | None:
    """The round trip on the part at ``anchor`` only (a long file is not read and written whole for one
    list entry); None when that part cannot be cut out cleanly, then the caller takes the whole file."""
    from integconcept.document.loader import LoadError, compose, to_plain

    span = _block_span(text, tuple(anchor))
    if span is None:
        return None
    first, end, indent = span
    lines = text.splitlines(keepends=True)
    block = _shift("".join(lines[first:end]), indent)
    yaml = _yaml()
    try:
        tree = yaml.load(block)
        if not isinstance(tree, (dict, list)):
            return None
        before = _dump(tree)
        if change(tree) is False:
            return text
        after = _dump(tree)
        plain, _ = to_plain(tree)
        original, _ = compose(text)
    except _NotLocal:
        return None
    except LoadError:
        return None
    except EditError:
        raise
    except Exception:  # ruamel could not read the part on its own: the whole file instead
        return None
    shift = _first_indent(before)
    carried = _carry_over(block, _shift(before, shift), _shift(after, shift))
    if carried is None:
        return None
    if carried and not carried.endswith("\n"):
        carried += "\n"
    result = "".join(lines[:first]) + _shift(carried, -indent) + "".join(lines[end:])
    expected = _replaced(original, tuple(anchor), plain)
    return result if _holds(result, expected, compose) else None


def _replaced(data, path: Path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    assert isinstance(head, int), "a list's place is its position"
    copy = list(data)
    copy[head] = _replaced(data[head], rest, value)
    return copy


def _holds(text: str, expected, compose) -> bool:
    from integconcept.document.loader import LoadError

    try:
        data, _ = compose(text)
    except LoadError:
        return False
    return _same(data, expected)


def _same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b or (str(a) == str(b) and not isinstance(a, (bool, int, float)))


def _carry_over(original: str, before: str, after: str) -> str | None:
    """The changes from ``before`` to ``after`` (two dumps) applied to ``original`` (the file's own layout);
    None when a changed line of the dump has no counterpart in the original."""
    orig = original.splitlines(keepends=True)
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    mapping: range | dict[int, int]  # line of the dump -> line of the file
    if old == orig:  # the file is in the canonical form: line i of the dump is line i of the file
        mapping = range(len(orig))
    else:
        matched: dict[int, int] = {}
        for tag, i1, i2, j1, _ in _opcodes(old, orig):
            if tag == "equal":
                for offset in range(i2 - i1):
                    matched[i1 + offset] = j1 + offset
        mapping = matched
    hunks = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            continue
        if i1 < i2:
            if not all(i in mapping for i in range(i1, i2)):
                return None
            start, stop = mapping[i1], mapping[i2 - 1] + 1
            if stop - start != i2 - i1:
                return None
        elif i1 in mapping:
            start = stop = mapping[i1]
        elif i1 - 1 in mapping:
            start = stop = mapping[i1 - 1] + 1
        elif i1 == 0:
            start = stop = 0
        else:
            return None
        hunks.append((start, stop, new[j1:j2]))
    out = list(orig)
    for start, stop, lines in sorted(hunks, key=lambda h: h[0], reverse=True):
        if start == stop and lines and (lines[0][:1] == " " or start == len(out)):
            # an entry added at the end of an indented block goes before the blank lines that close it
            while start > 0 and not out[start - 1].strip() and all(line.strip() for line in lines):
                start -= 1
            stop = start
        out[start:stop] = lines
    return "".join(out)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with the common first and last lines taken off before difflib compares the middle
    (one change in a long file is then compared in time proportional to the file, not to its square)."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    out = [("equal", 0, start, 0, start)] if start else []
    middle = difflib.SequenceMatcher(None, a[start : len(a) - end], b[start : len(b) - end], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        out.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        out.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return out

"""The imported data as YAML text: keys in the order of the model, ``# import: …`` comments above
the keys they explain, then the project's canonical ``fmt`` form (``integconcept.drafting.fmt.format_text``),
so that ``integconcept fmt --check`` accepts a freshly imported file."""

from __future__ import annotations

import datetime as dt
import io
import re
import types
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING

from integconcept.document.compose import _FLOAT, _INT
from integconcept.document.pasted import leading_pattern  # what the loader refuses (Y010)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from integconcept.document.plain import PlainModel


def _model_of(annotation) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Preamble | None`` or ``list[Network]``."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


def _ordered(value, model: type[BaseModel] | None, path: tuple, comments: dict, indent: int):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    from integconcept.core.safe_text import needs_yaml_quotes, yaml_comment

    if isinstance(value, dict):
        out = CommentedMap()
        fields = list(model.model_fields) if model is not None else []
        keys = [k for k in fields if k in value] + [k for k in value if k not in fields]
        for key in keys:
            sub = _model_of(model.model_fields[key].annotation) if model is not None and key in fields else None
            out[key] = _ordered(value[key], sub, path + (key,), comments, indent + 2)
            if (path + (key,)) in comments:
                text = "\n".join(yaml_comment(line) for line in comments[path + (key,)])
                out.yaml_set_comment_before_after_key(key, before=text, indent=indent)
        return out
    if isinstance(value, list):
        seq = CommentedSeq()
        for index, item in enumerate(value):
            seq.append(_ordered(item, model, path + (index,), comments, indent + 4))
        return seq
    if isinstance(value, str) and (needs_yaml_quotes(value) or leading_pattern().search(value)):
        return DoubleQuotedScalarString(value)  # escaped: U+2028, DEL, C1 controls, CR …; a line's leading U+00A0
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


HEADER = [
    "# Entwurf, erzeugt von „integconcept import“ aus einem Word-Dokument.",
    "# Stellen mit „# import: …“ bitte prüfen; danach: integconcept validate DATEI",
    "",
]


def dump(
    data: dict,
    comments: dict[tuple, list[str]],
    header: Sequence[str] = (),
    concept: BaseModel | PlainModel | None = None,
) -> str:
    """The draft's text in the canonical form of ``fmt``. ``concept``: the data already validated, as the model
    or as the plain classes of :mod:`integconcept.document.plain_model` (else validated here).

    The text is written line by line (:class:`_Writer`), each key's and list item's line noted on the way; what
    the writer does not handle itself (double-quoted escapes, a block with trailing line breaks, a very large
    value …) goes through :func:`integconcept.drafting.fmt.format_data` (ruamel.yaml's dump), which gives the
    same text for everything the writer does handle (tests/test_import_yaml_writer.py)."""
    from integconcept.core.safe_text import yaml_comment

    if concept is None:
        from integconcept.document.model import Concept

        concept = Concept.model_validate(data)
    before = {
        tuple(str(p) if not isinstance(p, int) else p for p in path): [yaml_comment(line) for line in lines]
        for path, lines in comments.items()
    }
    lines = [*header, *HEADER]
    try:
        writer = _Writer()
        tree = writer.document(data, concept)
    except _Unhandled:
        return dump_via_ruamel(data, concept, before, lines)
    from integconcept.drafting.fmt import splice_comments

    return splice_comments("\n".join(writer.lines) + "\n", tree, before, lines, writer.starts)


def dump_via_ruamel(
    data: dict, concept: BaseModel | PlainModel, before: dict[tuple, list[str]], header: Sequence[str]
) -> str:
    """The same text through ruamel.yaml's dump (:func:`integconcept.drafting.fmt.format_data`, which reads the
    model)."""
    from pydantic import BaseModel

    from integconcept.drafting.fmt import format_data

    if not isinstance(concept, BaseModel):
        from integconcept.document.model import Concept

        concept = Concept.model_validate(data)
    return format_data(data, concept, before, header)


class _Unhandled(Exception):
    """A value :class:`_Writer` leaves to ruamel.yaml."""


#: Plain text ruamel.yaml would take for another type: the exact forms of YAML 1.2 and 1.1 (bool, null, the
#: merge key, "=" and the tag characters); numbers and times are matched by :data:`_NUMBER_LIKE`.
_WORDS = frozenset(
    "true True TRUE false False FALSE y Y yes Yes YES n N no No NO on On ON off Off OFF ~ null Null NULL << = ! & *".split()
)
#: A text starting so may be read as a number, a time or a date: ruamel.yaml's resolvers decide (below).
_NUMBER_START = frozenset("-+0123456789.")
#: Characters ruamel.yaml writes raw (allow_unicode), apart from the line break.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # as fmt: a list of ids is written on one line

#: The resolvers of ruamel.yaml (0.18/0.19) for text starting with a digit, sign or dot, YAML 1.2 then 1.1, each
#: (tag, regex) in ruamel's order; the project's resolver (document.edit.round_trip_yaml) writes text that 1.2
#: reads as a timestamp plain, and quotes text that either version reads as another type.
_RESOLVE_12 = (
    ("float", _FLOAT),  # YAML 1.2's core schema, as the loader reads it (document.compose)
    ("int", _INT),
    (
        "timestamp",
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
            (?:[Tt]|[ \t]+)[0-9][0-9]?
            :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
            (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
    ),
)
_RESOLVE_11 = (
    (
        "float",
        re.compile(
            r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
            |\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
    ),
    (
        "int",
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0?[0-7_]+
            |[-+]?(?:0|[1-9][0-9_]*)
            |[-+]?0x[0-9a-fA-F_]+
            |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
            re.X,
        ),
    ),
    ("timestamp", _RESOLVE_12[2][1]),
)


def _first_match(resolvers: tuple, text: str) -> str | None:
    for tag, regex in resolvers:
        if regex.match(text):
            return tag
    return None


def _other_type(text: str) -> bool:
    """Whether the project's resolver gives ``text`` (non-empty, one line) a tag other than str (then it is
    quoted)."""
    if text in _WORDS:
        return True
    if text[0] not in _NUMBER_START:
        return False
    tag = _first_match(_RESOLVE_12, text)
    if tag == "timestamp":
        return False
    if tag is not None:
        return True
    return _first_match(_RESOLVE_11, text) not in (None, "timestamp")


_BREAKS = "\0 \t\r\n\x85\u2028\u2029"


def _plain_allowed(text: str, flow: bool) -> bool:
    """ruamel.yaml's analysis (Emitter.analyze_scalar) of printable one-line text: may it stand plain (in a
    block, or in a flow list)?"""
    if text[0] == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    first = text[0]
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    spaced = len(text) == 1 or text[1] in _BREAKS  # the first character is followed by whitespace
    if first in "?:" and (spaced or flow and len(text) == 1):
        return False
    if first == "-" and spaced:
        return False
    if flow and any(ch in text[1:] for ch in ",[]{}"):
        return False
    return ": " not in text[1:] and not text.endswith(":") and " #" not in text


def _scalar(text: str, flow: bool = False) -> str:
    """One line of printable text as ruamel.yaml writes it: plain, single- or double-quoted."""
    if text and _plain_allowed(text, flow) and not _other_type(text):
        return text
    if "'" in text:  # ruamel prefers double quotes then; only " and \ need an escape in printable text
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + text + "'"


class _Writer:
    """The canonical block layout of ``fmt`` (document.edit.round_trip_yaml: mappings indented by two, list
    items as ``  - ``): keys in the model's order, dates in ISO form, text with a line break or longer than
    fmt.LONG_TEXT characters as ``|-``, lists of ids on one line. ``starts``: 0-based line → paths of the keys
    and list items beginning on it (what fmt's splice needs to put the comments in)."""

    def __init__(self) -> None:
        from integconcept.document.compose import MAX_LIST_ITEMS, MAX_STRING_CHARS
        from integconcept.document.source import MAX_DEPTH, MAX_NODES
        from integconcept.drafting.fmt import LONG_TEXT

        self.lines: list[str] = []
        self.starts: dict[int, list[tuple]] = {}
        self.nodes = 0
        self.limits = (MAX_LIST_ITEMS, MAX_STRING_CHARS, MAX_DEPTH - 5, MAX_NODES // 2)
        self.long_text = LONG_TEXT

    def document(self, data: dict, concept: BaseModel | PlainModel) -> dict:
        from integconcept.document.dates import VagueDate

        self._vague = VagueDate
        tree = self.canonical(data, concept, 0)
        if not isinstance(tree, dict) or not tree:
            raise _Unhandled
        self.mapping(tree, (), 0, None)
        return tree

    # -- the canonical values (fmt._canonical without ruamel's node types) ----------------------------------

    def canonical(self, value, inst, depth: int):
        self.nodes += 1
        if depth > self.limits[2] or self.nodes > self.limits[3]:
            raise _Unhandled
        if isinstance(value, dict):
            keys = list(value.keys())
            fields = getattr(type(inst), "model_fields", None)  # a model class or a plain one: the field order
            if fields is not None:
                order = {name: index for index, name in enumerate(fields)}
                keys.sort(key=lambda k: order.get(str(k), len(order)))
            out = {}
            for key in keys:
                if not isinstance(key, str) or len(key) >= 128 or not _KEY.fullmatch(key) or key in _WORDS:
                    raise _Unhandled
                if fields is not None:
                    child = getattr(inst, key, None)
                elif isinstance(inst, dict):
                    child = inst.get(key)
                else:
                    child = None
                out[key] = self.canonical(value[key], child, depth + 1)
            return out
        if isinstance(value, list):
            if len(value) >= self.limits[0]:
                raise _Unhandled
            items = inst if isinstance(inst, (list, tuple)) else ()
            return _List(
                [self.canonical(v, items[i] if i < len(items) else None, depth + 1) for i, v in enumerate(value)]
            )
        if isinstance(value, str):
            text = str(value)
            if isinstance(inst, self._vague):
                text = inst.canonical()
            elif isinstance(inst, dt.date) and not isinstance(inst, dt.datetime):
                text = inst.isoformat()
            if len(text) > self.limits[1] or not _PRINTABLE.fullmatch(text.replace("\n", "")):
                raise _Unhandled  # double-quoted with escapes (needs_yaml_quotes), tabs …
            if leading_pattern().search(text):  # a line would start with a no-break space …: the loader's Y010
                raise _Unhandled  # fmt's writer checks its text loads back and quotes it
            if "\n" in text or len(text) > self.long_text:
                if text[0] in " \n" or text[-1] == "\n" or _ID.match(text):
                    raise _Unhandled  # an indentation or keep indicator
                return _Block(text)
            return text
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            if abs(value) >= 10**4000:
                raise _Unhandled
            return value
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")) or "e" in repr(value):
                raise _Unhandled
            return value
        raise _Unhandled  # None, dates as objects …

    # -- writing -----------------------------------------------------------------------------------------

    def note(self, path: tuple) -> None:
        self.starts.setdefault(len(self.lines), []).append(path)

    def inline(self, value) -> str | None:
        """The text after ``key: `` or ``- `` when the value fits on the line, else None."""
        if isinstance(value, _Block):
            return None
        if isinstance(value, str):
            return _scalar(value) if value else "''"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return repr(value).lower() if isinstance(value, float) else str(value)
        if isinstance(value, _List) and not value:
            return "[]"
        if isinstance(value, dict) and not value:
            return "{}"
        return None

    def mapping(self, tree: dict, path: tuple, indent: int, first_prefix: str | None) -> None:
        """The entries of a mapping at ``indent``; ``first_prefix``: the ``- `` the first entry follows."""
        pad = " " * indent
        for number, (key, value) in enumerate(tree.items()):
            child = path + (key,)
            lead = first_prefix if number == 0 and first_prefix is not None else pad
            self.note(child)
            self.value(value, child, f"{lead}{key}:", indent)

    def value(self, value, path: tuple, head: str, indent: int) -> None:
        text = self.inline(value)
        if text is not None:
            self.lines.append(f"{head} {text}")
        elif isinstance(value, _Block):
            self.lines.append(f"{head} |-")
            self.block(value, indent + 2)
        elif isinstance(value, dict):
            self.lines.append(head)
            self.mapping(value, path, indent + 2, None)
        elif isinstance(value, _List):
            if value.ids():
                line = len(self.lines)
                self.lines.append(f"{head} [{', '.join(_scalar(v, flow=True) for v in value)}]")
                for index in range(len(value)):
                    self.starts.setdefault(line, []).append(path + (index,))
                return
            self.lines.append(head)
            self.sequence(value, path, indent + 2)
        else:
            raise _Unhandled

    def sequence(self, items: list, path: tuple, indent: int) -> None:
        dash = " " * indent + "- "
        for index, item in enumerate(items):
            child = path + (index,)
            self.note(child)
            text = self.inline(item)
            if text is not None:
                self.lines.append(dash + text)
            elif isinstance(item, _Block):
                self.lines.append(dash + "|-")
                self.block(item, indent + 2)
            elif isinstance(item, dict):
                self.mapping(item, child, indent + 2, dash)
            else:
                raise _Unhandled  # a list in a list

    def block(self, text: str, indent: int) -> None:
        pad = " " * indent
        self.lines.extend(pad + line if line else "" for line in text.split("\n"))


class _List(list):
    """A list in the canonical tree."""

    def ids(self) -> bool:
        return bool(self) and all(isinstance(v, str) and not isinstance(v, _Block) and _ID.match(v) for v in self)


class _Block(str):
    """Text written as a literal block (``|-``)."""


def dump_via_fmt(data: dict, comments: dict[tuple, list[str]], header: Sequence[str] = ()) -> str:
    """The same text through a ruamel dump and ``fmt``'s full round trip (four parses): the reference the fast
    path is compared with in the tests."""
    from ruamel.yaml import YAML

    from integconcept.document.model import Concept

    tree = _ordered(data, Concept, (), comments, 0)
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    for line in header:
        buffer.write(line + "\n")
    buffer.write(
        "# Entwurf, erzeugt von „integconcept import“ aus einem Word-Dokument.\n"
        "# Stellen mit „# import: …“ bitte prüfen; danach: integconcept validate DATEI\n\n"
    )
    yaml.dump(tree, buffer)
    from integconcept.drafting.fmt import format_text

    return format_text(buffer.getvalue(), name="<import>")

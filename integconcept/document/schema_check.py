"""Schema level: validate loaded data against the model and explain every error in German."""

from __future__ import annotations

import difflib
import enum
import re
import reprlib
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from integconcept.document import pasted
from integconcept.document.dates import ACCEPTED_FORMS
from integconcept.core.codes import code_name
from integconcept.core.findings import Finding, Path, Severity, dotted_path
from integconcept.document.loader import SourceMap
from integconcept.document.model import Concept
from integconcept.core.safe_text import for_terminal


# --------------------------------------------------------------------------- model introspection


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation stands for (Optional/Union/Annotated removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    return [annotation]


def field_at(path: Path, root: type[BaseModel] = Concept):
    """Return (owning model, field name, FieldInfo) for a path, or None."""
    current: list[Any] = [root]
    owner = None
    info = None
    name = None
    for part in path:
        nxt: list[Any] = []
        for candidate in current:
            if isinstance(part, int):
                if typing.get_origin(candidate) is list:
                    nxt.extend(_unwrap(typing.get_args(candidate)[0]))
            elif isinstance(candidate, type) and issubclass(candidate, BaseModel):
                if part in candidate.model_fields:
                    owner, name, info = candidate, part, candidate.model_fields[part]
                    nxt.extend(_unwrap(info.annotation))
        if not nxt:
            return None
        current = nxt
    return (owner, name, info) if info is not None else None


def model_at(path: Path, root: type[BaseModel] = Concept) -> type[BaseModel] | None:
    """The model class whose mapping sits at ``path``."""
    if not path:
        return root
    found = field_at(path, root)
    if found is None:
        return None
    candidates = _unwrap(found[2].annotation)
    if isinstance(path[-1], int):
        candidates = []
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        if typing.get_origin(candidate) is list and isinstance(path[-1], str):
            continue
    # list item of a model list
    parent = field_at(path[:-1], root) if isinstance(path[-1], int) else None
    if parent:
        for candidate in _unwrap(parent[2].annotation):
            if typing.get_origin(candidate) is list:
                for item in _unwrap(typing.get_args(candidate)[0]):
                    if isinstance(item, type) and issubclass(item, BaseModel):
                        return item
    return None


def _description(path: Path) -> str | None:
    found = field_at(path)
    if found and found[2].description:
        return found[2].description
    return None


def _enum_values(path: Path) -> list[str]:
    found = field_at(path)
    if not found:
        return []
    values: list[str] = []
    for candidate in _unwrap(found[2].annotation):
        if typing.get_origin(candidate) is list:
            candidate = typing.get_args(candidate)[0]
        for inner in _unwrap(candidate):
            if isinstance(inner, type) and issubclass(inner, enum.Enum):
                values.extend(str(m.value) for m in inner)
            elif typing.get_origin(inner) is typing.Literal:
                values.extend(str(v) for v in typing.get_args(inner))
    return values


def choice_key(owner, name: str) -> str | None:
    """The key of a field's choices in :mod:`integconcept.document.labels` (also for a list of choices): the enum's
    class name or "Model.field"; None when the field offers no choice."""
    from integconcept.document import labels

    info = owner.model_fields.get(name) if owner is not None else None
    if info is None:
        return None
    for candidate in _unwrap(info.annotation):
        if typing.get_origin(candidate) is list:
            candidate = typing.get_args(candidate)[0]
        for inner in _unwrap(candidate):
            if isinstance(inner, type) and issubclass(inner, enum.Enum) and inner.__name__ in labels.ENUMS:
                return inner.__name__
    key = f"{owner.__name__}.{name}"
    return key if key in labels.ENUMS else None


def _choice_key(path: Path) -> str | None:
    found = field_at(path)
    return choice_key(found[0], found[1]) if found else None


def choice_hint(path: Path, value: Any, options: list[str]) -> str:
    """ "Meinten Sie …?" and the allowed values with their German meaning.

    A German word is understood ("Fachausschuss" → specialist_committee); an English word that is part of
    several values ("committee") names all of them instead of guessing one."""
    from integconcept.core import german
    from integconcept.document import labels

    key = _choice_key(path)
    shown = _plain(value) if isinstance(value, (str, int, float)) else ""  # str() of a huge int raises
    word = shown if len(shown) <= 200 else ""
    guesses: list[str] = []
    if key and word:
        german_hit = labels.value_for(key, word)
        parts = [o for o in options if word.casefold() in o.casefold().split("_")]
        guesses = [german_hit] if german_hit else parts if len(parts) > 1 else []
    if not guesses and word:
        guess = did_you_mean(word, options)
        guesses = [guess] if guess else []

    def named(option: str, quote: bool = True) -> str:
        meaning = labels.ENUMS[key].get(option) if key else None
        shown = f"„{option}“" if quote else option
        return f"{shown} ({meaning.label})" if meaning else shown

    hint = f"Meinten Sie {german.either([named(g) for g in guesses])}? " if guesses else ""
    return hint + "Erlaubt: " + ", ".join(named(o, quote=False) for o in options) + "."


def did_you_mean(word: str, options: list[str]) -> str | None:
    if len(word) > 200:  # nothing to guess from a page of text, and difflib would be slow
        return None
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {o.lower(): o for o in options}
        matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        matches = [lowered[m] for m in matches]
    return matches[0] if matches else None


# --------------------------------------------------------------------------- error translation


def _real_path(loc: tuple, data: Any) -> Path:
    """Drop pydantic's union-branch labels from an error location."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(part, int) and isinstance(current, list) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(part, str) and isinstance(current, dict):
            path.append(part)
            current = current.get(part)
        elif isinstance(part, str) and current is None and path:
            # field under a missing value: keep it (for "missing")
            path.append(part)
        # anything else is a union/validator tag: skip it
    return tuple(path)


SHOW_LIMIT = 60


class _ShortRepr(reprlib.Repr):
    """A bounded rendering of any loaded value: big lists, maps and integers cost no more than a
    short one (``str()`` of a 4,301-digit integer even raises ValueError)."""

    def __init__(self):
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict, self.maxstring, self.maxother = 2, 4, 4, SHOW_LIMIT, SHOW_LIMIT

    def repr_int(self, value, level):
        if value.bit_length() > 200:
            return f"<ganze Zahl mit etwa {int(value.bit_length() * 0.30103) + 1} Stellen>"
        return str(value)

    def repr_str(self, value, level):
        return value[:SHOW_LIMIT]


_SHORT = _ShortRepr()


def _plain(value: Any) -> str:
    """The value as the user wrote it, bounded in length and safe for a terminal."""
    if isinstance(value, str):
        text = value[: SHOW_LIMIT + 1]
    elif isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    else:
        text = _SHORT.repr(value)
    return for_terminal(text)


def _show(value: Any) -> str:
    text = _plain(value)
    if len(text) > SHOW_LIMIT:
        text = text[: SHOW_LIMIT - 3] + "…"
    return f"„{text}“"


def _type_name(kind: str) -> str:
    return {
        "int": "eine ganze Zahl",
        "float": "eine Zahl",
        "string": "ein Text",
        "bool": "true oder false",
        "list": "eine Liste (Zeilen mit „- “)",
        "dict": "eine Zuordnung (Schlüssel: Wert)",
        "model": "eine Zuordnung (Schlüssel: Wert)",
    }.get(kind, kind)


def translate(error: Mapping[str, Any], data: Any, source_map: SourceMap) -> Finding:
    loc = tuple(error.get("loc", ()))
    path = _real_path(loc, data)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    hint = None
    at_key = False

    if kind == "extra_forbidden":
        key = _plain(path[-1]) if path else "?"
        owner = model_at(path[:-1])
        allowed = list(owner.model_fields) if owner else []
        guess = did_you_mean(key, allowed)
        code = "S001"
        where = dotted_path(path[:-1])
        message = f"Unbekannter Schlüssel {_show(key)}" + (f" in {where}." if path[:-1] else " auf oberster Ebene.")
        hint = (f"Meinten Sie „{guess}“? " if guess else "") + (
            "Erlaubt sind hier: " + ", ".join(allowed) + "." if allowed else ""
        )
        at_key = True
    elif kind == "missing":
        code = "S002"
        name = str(path[-1]) if path else "?"
        where = dotted_path(path[:-1])
        message = f"Pflichtangabe „{name}“ fehlt" + (f" in {where}." if path[:-1] else " auf oberster Ebene.")
        description = _description(path)
        hint = f"Ergänzen Sie „{name}: …“" + (f" – {description}" if description else ".")
        position = source_map.position(path[:-1], key=True) if path[:-1] else (1, 1)
        return Finding(code, Severity.error, message, path, hint, *position, name=code_name(code))
    elif kind == "date_format":
        code = "S004"
        message = f"Ungültiges Datum: {ctx.get('reason', '')}".strip()
        suggestion = ctx.get("suggestion")
        hint = ("Meinten Sie " + suggestion + "? " if suggestion else "") + "Erlaubte Formen: " + ACCEPTED_FORMS + "."
    elif kind in ("enum", "literal_error"):
        options = _enum_values(path) or [s.strip(" '") for s in str(ctx.get("expected", "")).split(",")]
        code = "S005"
        message = f"{_show(value)} ist hier kein erlaubter Wert."
        hint = choice_hint(path, value, options)
        description = _description(path)
        if description and "list" in str(field_at(path)[2].annotation):
            hint += " " + description
    elif kind == "string_pattern_mismatch" and field_at(path) and _is_id_field(path):
        code = "S006"
        message = f"{_show(value)} ist keine gültige Kennung."
        hint = (
            "Kennungen bestehen nur aus Kleinbuchstaben a–z, Ziffern und Bindestrichen, z. B. „"
            + slugify(_plain(value)[:64])
            + "“."
        )
    elif kind == "string_pattern_mismatch":
        code = "S003"
        message = f"{_show(value)} hat nicht die erwartete Form."
        hint = _description(path)
    elif kind == "finite_number":
        code = "S007"
        message = f"Der Wert {_show(value)} ist keine endliche Zahl."
        hint = (
            "Bitte eine gewöhnliche Zahl angeben, z. B. 12.5 (.nan, .inf und Zahlen wie 1e400 sind nicht "
            "erlaubt)." + (" " + described if (described := _description(path)) else "")
        )
    elif kind == "string_too_long":
        code = "S007"
        limit = ctx.get("max_length")
        message = (
            f"Der Text {_show(value)} ist zu lang: {len(value) if isinstance(value, str) else '?'} "
            f"Zeichen, erlaubt sind höchstens {limit}."
        )
        hint = "Bitte kürzen." + (" " + described if (described := _description(path)) else "")
    elif kind in (
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
        "too_long",
        "too_short",
        "string_too_long",
        "string_too_short",
    ):
        code = "S007"
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt", ctx.get("max_length", ctx.get("min_length"))))))
        word = {
            "greater_than_equal": "mindestens",
            "greater_than": "größer als",
            "less_than_equal": "höchstens",
            "less_than": "kleiner als",
        }.get(kind, "Grenze:")
        message = f"Der Wert {_show(value)} liegt außerhalb des erlaubten Bereichs ({word} {bound})."
        hint = _description(path)
    else:
        code = "S003"
        expected = kind.split("_")[0]
        if kind == "string_unicode":
            message = (
                f"Der Text {_show(value)} enthält ein Zeichen, das es nicht gibt: ein einzelnes "
                "UTF-16-Ersatzzeichen aus einer Escape-Folge wie „\\ud800“ (angezeigt als �)."
            )
        elif kind.endswith(("_type", "_parsing")) or kind in ("model_attributes_type", "int_from_float"):
            message = f"Hier wird {_type_name(expected)} erwartet, gefunden: {_show(value)}."
        elif expected in ("int", "float", "string", "bool", "list", "dict", "model"):
            message = f"Ungültiger Wert {_show(value)}: hier wird {_type_name(expected)} erwartet."
        else:  # pydantic's own text is English: say what was found, the hint says what is expected
            message = f"Ungültiger Wert {_show(value)}."
        options = _enum_values(path)
        description = _description(path)
        hint = _number_hint(kind, value, description)
        if options and kind.startswith("list"):
            hint = (description + " " if description else "") + "Erlaubt: " + ", ".join(options) + "."

    shown = path[-1] if at_key and path else value
    if isinstance(shown, str) and (invisible := pasted.invisible_in_value(shown)) is not None:
        message += invisible  # "„draft “ ist hier kein erlaubter Wert" would not say why
    position = source_map.position(path, key=at_key)
    return Finding(code, Severity.error, message, path, hint, *position, name=code_name(code))


def _number_hint(kind: str, value: Any, description: str | None) -> str | None:
    """A German way of writing a number, corrected: "2,5" → 2.5; "49.011" as a count → 49011."""
    written = value.strip() if isinstance(value, str) else None
    if kind == "float_parsing" and written and re.fullmatch(r"-?\d+,\d+", written):
        fix = f"Dezimalzahlen mit Punkt schreiben, also {written.replace(',', '.')} statt {written}."
    elif kind in ("int_from_float", "int_parsing") and (
        (isinstance(value, float) and re.fullmatch(r"\d{1,3}\.\d{3}", repr(value)))
        or (written and re.fullmatch(r"\d{1,3}([.,]\d{3})+", written))
    ):
        fix = f"Ganze Zahlen ohne Tausenderpunkt schreiben, also {re.sub(r'[.,]', '', str(value))}."
    else:
        return description
    return f"{fix} {description}" if description else fix


def _is_id_field(path: Path) -> bool:
    found = field_at(path)
    if not found:
        return False
    meta = [m for m in found[2].metadata if hasattr(m, "pattern")]
    return (
        path[-1] in ("id", "action_field", "municipality", "body_ref")
        or any(getattr(m, "pattern", "") == r"^[a-z0-9][a-z0-9-]*$" for m in meta)
        or isinstance(path[-1], int)
    )


def slugify(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    out = "".join(c if c.isalnum() else "-" for c in text.translate(table).lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-") or "kennung"


def check_schema(data: dict, source_map: SourceMap) -> tuple[Concept | None, list[Finding]]:
    """Validate against the model; return the concept (or None) and all schema findings."""
    try:
        return Concept.model_validate(data), []
    except ValidationError as exc:
        findings: dict[tuple, Finding] = {}
        for error in exc.errors(include_url=False):
            finding = translate(error, data, source_map)
            # a union yields one error per branch: report each path once
            findings.setdefault((finding.path, finding.code if finding.code == "S001" else "value"), finding)
        # When one union branch failed inside the value (a list item), the other branches'
        # complaints about the value as a whole are noise.
        # (Linear: collect every proper prefix once instead of comparing all pairs.)
        inner = {g.path[:i] for g in findings.values() for i in range(len(g.path))}
        kept = [f for f in findings.values() if f.code == "S001" or f.path not in inner]
        return None, kept

"""The studio's forms, generated from the pydantic model and the German labels.

Every part of the model becomes a field: text fields, text areas for free texts (with a small live
rendering of the markup), choices with German words, dates and numbers in German forms, lists whose
entries can be added, removed and moved. A field is named by the JSON pointer of its place in the
file; findings are placed beside the field with the same (or the nearest enclosing) pointer.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from markupsafe import Markup, escape
from pydantic import BaseModel

from integconcept.core.findings import json_pointer
from integconcept.document import labels
from integconcept.document.dates import DateFormatError, VagueDate, parse_vague_date
from integconcept.document.model import Concept

#: The chapters of the navigation: (slug, German title, top-level keys). Keys the model gains later
#: and no chapter names are shown under "Allgemeines".
CHAPTERS: list[tuple[str, str, list[str]]] = [
    (
        "allgemein",
        "Allgemeines",
        [
            "title",
            "subtitle",
            "short_title",
            "id",
            "status",
            "adoption",
            "legal_basis",
            "uses_kim",
            "guidelines",
            "roadmap",
            "sources",
            "format_version",
        ],
    ),
    ("gebiet", "Kreis oder Stadt", ["authority"]),
    ("praeambel", "Präambel", ["preamble"]),
    ("begriffe", "Begriffe", ["definitions"]),
    ("handlungsfelder", "Handlungsfelder", ["action_fields"]),
    ("leitziele", "Integrationsleitziele", ["guiding_goals"]),
    ("umsetzung", "Umsetzung", ["implementation"]),
    ("aufgaben", "Aufgaben des KI", ["ki_tasks"]),
    ("netzwerke", "Netzwerke und Gremien", ["networks"]),
    ("monitoring", "Monitoring", ["monitoring"]),
    ("organisation", "Organisation", ["organisation"]),
    ("personal", "Personal und Finanzierung", ["staffing"]),
    ("gremienlauf", "Gremienlauf", ["approval_process"]),
]


def chapters() -> list[tuple[str, str, list[str]]]:
    named = {key for _, _, keys in CHAPTERS for key in keys}
    extra = [key for key in Concept.model_fields if key not in named]
    out = [(slug, title, list(keys)) for slug, title, keys in CHAPTERS]
    out[0][2].extend(extra)
    return out


def chapter_of(path: tuple) -> str:
    """The slug of the chapter that shows ``path``."""
    if not path:
        return "allgemein"
    for slug, _, keys in chapters():
        if path[0] in keys:
            return slug
    return "allgemein"


# --------------------------------------------------------------------------- kinds of values


@dataclass
class Kind:
    """What a field holds, worked out once from its annotation."""

    name: str  # model, list, text, str, int, float, bool, choice, date, day, time, id, all_or_ids, literal_list
    optional: bool = True
    model: type[BaseModel] | None = None
    item: "Kind | None" = None
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, German label)


def _is_text(extra: list) -> bool:
    for item in extra:
        description = getattr(item, "description", None)
        if isinstance(description, str) and description.startswith("Freitext"):
            return True
    return False


def _choice_labels(values: list[str], key: str | None) -> list[tuple[str, str]]:
    table = labels.ENUMS.get(key or "", {})
    return [(value, table[value].label if value in table else value) for value in values]


def kind_of(annotation: Any, owner: str, name: str, extra: list | None = None) -> Kind:
    extra = list(extra or [])
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, extra = args[0], extra + list(args[1:])
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(typing.get_args(annotation))
            if (
                len(members) == 2
                and any(typing.get_origin(a) is Literal for a in members)
                and any(typing.get_origin(a) is list for a in members)
            ):
                return Kind("all_or_ids", optional)
            annotation = members[0]
            continue
        break
    origin = typing.get_origin(annotation)
    if origin is list:
        item = kind_of(typing.get_args(annotation)[0], owner, name)
        if item.name == "choice":
            return Kind("literal_list", optional, choices=item.choices)
        return Kind("list", optional, item=item)
    if origin is Literal:
        values = [str(v) for v in typing.get_args(annotation)]
        return Kind("choice", optional, choices=_choice_labels(values, f"{owner}.{name}"))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return Kind("model", optional, model=annotation)
        if issubclass(annotation, Enum):
            return Kind("choice", optional, choices=_choice_labels([m.value for m in annotation], annotation.__name__))
        if annotation is bool:
            return Kind("bool", optional)
        if annotation is int:
            return Kind("int", optional)
        if annotation is float:
            return Kind("float", optional)
        if annotation is VagueDate:
            return Kind("date", optional)
        if annotation is dt.date:
            return Kind("day", optional)
        if annotation is str:
            if _is_text(extra):
                return Kind("text", optional)
            for item in extra:
                pattern = getattr(item, "pattern", None)
                if pattern and pattern.startswith("^[a-z0-9]"):
                    return Kind("id", optional)
            return Kind("str", optional)
    return Kind("str", optional)


@functools.cache
def fields_of(model: type[BaseModel]) -> list[tuple[str, Kind, str, str]]:
    """(key, kind, German label, German description) of every field of ``model``, in the model's order."""
    hints = typing.get_type_hints(model, include_extras=True)
    out = []
    for key, info in model.model_fields.items():
        kind = kind_of(hints.get(key, info.annotation), model.__name__, key, list(info.metadata))
        kind.optional = kind.optional or not info.is_required()
        description = info.description or ""
        if kind.model is not None and not description:  # a part of its own: the part's description
            description = labels.MODELS.get(kind.model.__name__, ("", ""))[1]
        label = labels.field_label(model.__name__, key, info.description)
        for value, german in kind.choices:  # „thin_space“ (49 011) → „Leerzeichen“ (49 011)
            description = re.sub(rf"„{re.escape(value)}“(\s*\((?:[A-Za-zäöüÄÖÜß ]+)\))?", f"„{german}“", description)
        description = _german_description(description)
        if description.rstrip(".").strip().casefold() == label.casefold():
            description = ""  # "Einwohner insgesamt." under "Einwohner insgesamt" says nothing new
        out.append((key, kind, label, description))
    return out


_CODE = re.compile(r"`([^`]*)`")


def _german_description(text: str) -> str:
    """Descriptions name a few choices by their key ("„draft“ (Entwurf)"): the form shows only German."""
    text = _CODE.sub(r"\1", text)
    text = re.sub(r"\s*Mögliche Einträge:[^.]*\.", "", text)  # the checkboxes name them in German
    text = re.sub(r";?\s*„[a-z_]+: \{\}“ genügt\.?", ".", text)
    text = re.sub(r"\s*\([^()]*\b[a-z]+_[a-z_]+\b[^()]*\)", "", text)  # a setting's key in brackets
    text = re.sub(r"\b[a-z]+_[a-z_]+\b", lambda m: f"„{labels.FIELDS.get(m.group(0), m.group(0))}“", text)
    text = re.sub(
        r"„(draft|adopted|kreis|kreisfreie_stadt|thin_space|dot|year|total|steering|ki_organisation|all)“\s*", "", text
    )
    text = re.sub(r"\b(information|consultation|decision|application|notice)(, |\.)", "", text)
    text = re.sub(r"\(\s*[=:]?\s*", "(", text).replace("()", "")
    text = re.sub(r"\b[a-z_]+\.[a-z_.]+\b", "", text)  # a dotted key path ("approval_process.bodies")
    text = re.sub(r"\s+([,.)])", r"\1", text).replace("oder „“", "").strip()
    return re.sub(r"\s{2,}", " ", text).rstrip(":").strip()


# --------------------------------------------------------------------------- values between form and file


class FormValueError(ValueError):
    pass


def to_form(kind: Kind, value: Any) -> str:
    """The text a field shows for a value of the file."""
    if value is None:
        return ""
    if kind.name == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_decimal(value)
    if kind.name in ("date", "day") and isinstance(value, str):
        try:
            parsed = parse_vague_date(value)
        except DateFormatError:
            return value
        return parsed.start.strftime("%d.%m.%Y") if parsed.is_exact else parsed.german()
    if kind.name == "all_or_ids":
        return "alle" if value == "all" else ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value)


def format_decimal(value: float | int) -> str:
    text = repr(float(value)) if isinstance(value, float) else str(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def from_form(kind: Kind, text: str) -> Any:
    """The value for the file from a field's text. Text that is not a value of the kind is kept as it
    is, so the check reports it beside the field (the schema's own message)."""
    raw = text.replace("\r\n", "\n")
    stripped = raw.strip()
    if stripped == "" and kind.name not in ("text", "str"):
        return None
    if kind.name in ("text", "str"):
        if kind.name == "str":
            raw = raw.strip()
        return raw if raw.strip() else None
    if kind.name == "int":
        compact = stripped.replace(".", "").replace("\u202f", "").replace(" ", "")
        return int(compact) if re.fullmatch(r"[+-]?\d+", compact) else stripped
    if kind.name == "float":
        compact = stripped.replace("\u202f", "").replace(" ", "")
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?", compact):
            compact = compact.replace(".", "")
        compact = compact.replace(",", ".")
        try:
            number = float(compact)
        except ValueError:
            return stripped
        return int(number) if number.is_integer() and "." not in compact else number
    if kind.name == "bool":
        return {"ja": True, "nein": False}.get(stripped.lower(), stripped)
    if kind.name in ("date", "day"):
        try:
            return parse_vague_date(stripped).canonical()
        except DateFormatError as exc:
            if exc.suggestion:
                try:
                    return parse_vague_date(exc.suggestion).canonical()
                except DateFormatError:
                    pass
            return stripped
    if kind.name == "all_or_ids":
        if stripped.lower() in ("alle", "all"):
            return "all"
        return [part.strip() for part in stripped.split(",") if part.strip()]
    return stripped


def kind_at(path: tuple) -> Kind | None:
    """The kind of the field at ``path`` (None when the model has no such place)."""
    model: type[BaseModel] | None = Concept
    kind: Kind | None = None
    for part in path:
        if isinstance(part, int):
            if kind is None or kind.name != "list" or kind.item is None:
                return None
            kind = kind.item
            model = kind.model
            continue
        if model is None:
            return None
        match = [k for key, k, _, _ in fields_of(model) if key == part]
        if not match:
            return None
        kind = match[0]
        model = kind.model
    return kind


def model_kind(path: tuple) -> Kind:
    """The kind of a field the code itself names (a place the model has; a KeyError would be a bug)."""
    kind = kind_at(path)
    if kind is None:
        raise KeyError(path)
    return kind


def parse_pointer(pointer: str) -> tuple:
    """A JSON pointer as a path; numbers are list indexes (no key of the model is a number)."""
    if not pointer.startswith("/"):
        raise FormValueError("ungültige Stelle")
    parts = []
    for raw in pointer[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


# --------------------------------------------------------------------------- HTML


def _id(pointer: str) -> str:
    return "f" + re.sub(r"[^A-Za-z0-9_-]", "_", pointer.replace("/", "--"))


def item_title(item: Any, noun: str, index: int) -> str:
    if isinstance(item, dict):
        for key in ("name", "heading", "body", "title", "goal", "id"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                text = " ".join(value.split())
                return f"{noun} {index + 1}: {text[:70]}{'…' if len(text) > 70 else ''}"
    if isinstance(item, str) and item.strip():
        text = " ".join(item.split())
        return f"{noun} {index + 1}: {text[:70]}{'…' if len(text) > 70 else ''}"
    return f"{noun} {index + 1}"


def noun_of(key: str, model: type[BaseModel] | None) -> str:
    from integconcept.drafting.diff import ITEM_NOUNS

    if key in ITEM_NOUNS:
        return ITEM_NOUNS[key]
    if model is not None and model.__name__ in labels.MODELS:
        return labels.MODELS[model.__name__][0]
    return "Eintrag"


class FormWriter:
    """Writes the fields of one chapter as HTML."""

    def __init__(self, data: dict, chapter: str, ids: dict[str, list[str]] | None = None):
        self.data = data
        self.chapter = chapter
        self.out: list[str] = []

    def chapter_html(self, keys: list[str]) -> Markup:
        for key, kind, label, description in fields_of(Concept):
            if key in keys:
                self.field((key,), self.data.get(key), kind, label, description, level=2, flat=len(keys) == 1)
        return Markup("".join(self.out))

    # one field
    def field(
        self, path: tuple, value: Any, kind: Kind, label: str, description: str, level: int, flat: bool = False
    ) -> None:
        pointer = json_pointer(path)
        if kind.name == "model":
            self.group(
                path,
                value if isinstance(value, dict) else {},
                kind,
                label,
                description,
                level,
                missing=value is None,
                flat=flat,
            )
            return
        if kind.name == "list" and kind.item is not None:
            self.list(path, value if isinstance(value, list) else [], kind, label, description, level, flat=flat)
            return
        fid = _id(pointer)
        described = f"{fid}-d" if description else ""
        a = self.out.append
        a(f'<div class="field" data-path="{escape(pointer)}" id="{fid}-box">')
        required = "" if kind.optional else ' <span class="req" title="Pflichtangabe">(Pflicht)</span>'
        if kind.name == "literal_list":
            a(f'<fieldset class="checks" id="{fid}"><legend>{escape(label)}{Markup(required)}</legend>')
            chosen = value if isinstance(value, list) else []
            for choice, text in kind.choices:
                checked = " checked" if choice in chosen else ""
                a(
                    f'<label class="check"><input type="checkbox" data-edit="{escape(pointer)}" data-kind="literal_list"'
                    f' value="{escape(choice)}" name="{fid}"{checked}> {escape(text)}</label>'
                )
            a("</fieldset>")
        else:
            a(f'<label for="{fid}">{escape(label)}{Markup(required)}</label>')
            attrs = f'id="{fid}" data-edit="{escape(pointer)}" data-kind="{kind.name}"' + (
                f' aria-describedby="{described} {fid}-e"' if described else f' aria-describedby="{fid}-e"'
            )
            shown = to_form(kind, value)
            if kind.name in ("choice", "bool"):
                options = kind.choices if kind.name == "choice" else [("ja", "Ja"), ("nein", "Nein")]
                current = shown if kind.name == "bool" else ("" if value is None else str(value))
                a(f"<select {attrs}>")
                a(f'<option value=""{" selected" if current == "" else ""}>– keine Angabe –</option>')
                known = False
                for choice, text in options:
                    selected = choice == current
                    known = known or selected
                    a(f'<option value="{escape(choice)}"{" selected" if selected else ""}>{escape(text)}</option>')
                if current and not known:
                    a(f'<option value="{escape(current)}" selected>{escape(current)} (unbekannt)</option>')
                a("</select>")
            elif kind.name == "text" or (isinstance(value, str) and "\n" in value):
                rows = min(18, max(3, shown.count("\n") + 2, len(shown) // 90 + 2))
                a(f'<textarea {attrs} rows="{rows}" data-markup="1">{escape(shown)}</textarea>')
                a(f'<div class="markup" id="{fid}-m" aria-label="Darstellung">{markup_html(shown)}</div>')
            else:
                mode = ' inputmode="decimal"' if kind.name in ("int", "float") else ""
                hint = ""
                if kind.name in ("date", "day"):
                    hint = (
                        ' placeholder="z. B. 30.10.2012"'
                        if kind.name == "day"
                        else ' placeholder="z. B. 30.10.2012 oder Anfang November 2012"'
                    )
                a(f'<input type="text" {attrs} value="{escape(shown)}"{mode}{hint} autocomplete="off">')
        if description:
            a(f'<p class="desc" id="{described}">{escape(description)}</p>')
        a(f'<div class="field-findings" id="{fid}-e" aria-live="polite"></div></div>')

    def group(
        self, path, value: dict, kind: Kind, label, description, level, missing: bool, flat: bool = False
    ) -> None:
        pointer = json_pointer(path)
        fid = _id(pointer)
        a = self.out.append
        tag = f"h{min(level, 6)}"
        if flat:  # the chapter's own part: the page's heading names it already
            a(f'<section class="group" data-path="{escape(pointer)}" id="{fid}-box" aria-label="{escape(label)}">')
        else:
            a(f'<section class="group" data-path="{escape(pointer)}" id="{fid}-box" aria-labelledby="{fid}-h">')
            a(f'<{tag} id="{fid}-h">{escape(label)}</{tag}>')
        if description:
            a(f'<p class="desc">{escape(description)}</p>')
        a(f'<div class="field-findings" id="{fid}-e" aria-live="polite"></div>')
        if missing:
            a('<p class="empty">Noch keine Angaben; ein ausgefülltes Feld legt diesen Teil an.</p>')
        for key, child, child_label, child_description in fields_of(kind.model):
            self.field(path + (key,), value.get(key), child, child_label, child_description, level + 1)
        a("</section>")

    def list(self, path, items: list, kind: Kind, label, description, level, flat: bool = False) -> None:
        pointer = json_pointer(path)
        fid = _id(pointer)
        item = kind.item
        assert item is not None, "a list field knows the kind of its entries (kind_of)"
        noun = noun_of(str(path[-1]), item.model)
        a = self.out.append
        tag = f"h{min(level, 6)}"
        a(f'<section class="group list" data-path="{escape(pointer)}" id="{fid}-box" aria-labelledby="{fid}-h">')
        a(f'<{tag} id="{fid}-h">{escape(label)} <span class="count">({len(items)})</span></{tag}>')
        if description:
            a(f'<p class="desc">{escape(description)}</p>')
        a(f'<div class="field-findings" id="{fid}-e" aria-live="polite"></div>')
        for index, entry in enumerate(items):
            entry_path = path + (index,)
            entry_pointer = json_pointer(entry_path)
            eid = _id(entry_pointer)
            title = item_title(entry, noun, index)
            a(f'<div class="entry" data-path="{escape(entry_pointer)}" id="{eid}-box">')
            a(f'<div class="entry-head"><span class="entry-title" id="{eid}-t">{escape(title)}</span>')
            a(self._buttons(pointer, index, len(items), title))
            a("</div>")
            if item.name == "model":
                a(f'<div class="field-findings" id="{eid}-e" aria-live="polite"></div>')
                for key, child, child_label, child_description in fields_of(item.model):
                    value = entry.get(key) if isinstance(entry, dict) else None
                    self.field(entry_path + (key,), value, child, child_label, child_description, level + 1)
            else:
                self.field(entry_path, entry, item, title, "", level + 1)
            a("</div>")
        a(self._add_form(pointer, noun, item))
        a("</section>")

    def _buttons(self, pointer: str, index: int, length: int, title: str) -> str:
        out = [
            '<form method="post" action="/liste" class="entry-actions">',
            f'<input type="hidden" name="path" value="{escape(pointer)}">',
            f'<input type="hidden" name="index" value="{index}">',
            f'<input type="hidden" name="chapter" value="{escape(self.chapter)}">',
        ]
        if index > 0:
            out.append(f'<button name="op" value="up" aria-label="{escape(title)} nach oben">↑ nach oben</button>')
        if index < length - 1:
            out.append(f'<button name="op" value="down" aria-label="{escape(title)} nach unten">↓ nach unten</button>')
        out.append(
            f'<button name="op" value="remove" class="danger" aria-label="{escape(title)} entfernen" '
            f'data-confirm="„{escape(title)}“ entfernen?">Entfernen</button>'
        )
        out.append("</form>")
        return "".join(out)

    def _add_form(self, pointer: str, noun: str, item: Kind) -> str:
        fid = _id(pointer) + "-new"
        has_name = item.name == "model" and any(key in ("name", "body") for key, *_ in fields_of(item.model))
        out = [
            '<form method="post" action="/liste" class="add">',
            f'<input type="hidden" name="path" value="{escape(pointer)}">',
            f'<input type="hidden" name="chapter" value="{escape(self.chapter)}">',
            '<input type="hidden" name="op" value="add">',
        ]
        if has_name or item.name != "model":
            what = "Name" if has_name else "Text"
            out.append(
                f'<label for="{fid}">{what} für neuen Eintrag ({escape(noun)})</label>'
                f'<input type="text" id="{fid}" name="name" autocomplete="off">'
            )
        out.append(f'<button type="submit">{escape(noun)} hinzufügen</button></form>')
        return "".join(out)


# --------------------------------------------------------------------------- markup


def markup_html(text: str) -> Markup:
    """The free-text markup as a small HTML rendering (paragraphs, lists, bold, italic, footnotes)."""
    from integconcept.document.markup import ListBlock, Paragraph, parse
    from integconcept.render.html import run_html

    if not text.strip():
        return Markup("")
    try:
        blocks = parse(text)
    except Exception:  # a text the parser cannot read is shown as it is
        return Markup(f"<p>{escape(text)}</p>")
    notes: list[str] = []

    def runs(items) -> str:
        out = []
        for run in items:
            if run.line_break:
                out.append("<br>")
                continue
            if run.footnote is not None:
                notes.append("".join(block(b) for b in run.footnote))
                out.append(f"<sup>{len(notes)}</sup>")
                continue
            out.append(run_html(run))
        return "".join(out)

    def block(item) -> str:
        if isinstance(item, Paragraph):
            return f"<p>{runs(item.runs)}</p>"
        if isinstance(item, ListBlock):
            tag = "ol" if item.ordered else "ul"
            entries = [f"<li>{''.join(block(b) for b in entry)}</li>" for entry in item.items]
            return f"<{tag}>{''.join(entries)}</{tag}>"
        return f"<p>{escape(str(item))}</p>"

    html = "".join(block(b) for b in blocks)
    if notes:
        html += '<ol class="notes">' + "".join(f"<li>{n}</li>" for n in notes) + "</ol>"
    return Markup(html)


# --------------------------------------------------------------------------- keys in messages as German names

_BACKTICKED = re.compile(r"`([^`]+)`")
_DOTTED = re.compile(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$")


def path_label(dotted: str) -> str | None:
    """``preamble.population_table`` → ``Präambel › Bevölkerungstabelle`` (None when the model has no such place)."""
    if not _DOTTED.match(dotted):
        return None
    model: type[BaseModel] | None = Concept
    names = []
    for part in dotted.split("."):
        key = part.split("[", 1)[0]
        if model is None:
            return None
        match = [(kind, label) for name, kind, label, _ in fields_of(model) if name == key]
        if not match:
            return None
        kind, label = match[0]
        names.append(label)
        model = kind.model or (kind.item.model if kind.item is not None else None)
    return " › ".join(names)


def german_keys(text: str) -> str:
    """Keys of the file quoted in a message or hint (```status: adopted```) as the German names the studio
    shows („Stand: Beschlossen“); anything else in backticks loses only the backticks."""

    def replace(match: re.Match) -> str:
        inner = match.group(1).strip()
        key, colon, value = inner.partition(":")
        label = path_label(key.strip())
        if label is None:
            return f"„{inner}“"
        if not colon:
            return f"„{label}“"
        value = value.strip()
        kind = kind_at(tuple(int(p) if p.isdigit() else p for p in re.split(r"\.|\[|\]", key.strip()) if p))
        if kind is not None and kind.name == "choice":
            value = dict(kind.choices).get(value, value)
        elif kind is not None and kind.name == "bool":
            value = {"true": "Ja", "false": "Nein"}.get(value, value)
        return f"„{label}: {value}“" if value else f"„{label}“"

    return _BACKTICKED.sub(replace, text)

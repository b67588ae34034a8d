"""Semantic comparison of two versions of a concept (``integconcept diff``).

Entries are matched by their ids (action fields, goals, steps, networks, municipalities …), rows of
the population table by municipality or name, members and institutions by name, lists of text by
content; free text is compared word by word. The result is a list of :class:`Change` objects with
a JSON pointer into the new version (into the old one for removals) and a German label.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from integconcept.core.findings import Path, json_pointer
from integconcept.document.labels import FIELDS
from integconcept.document.loader import LoadError, compose, read_stdin, read_text
from integconcept.core.safe_text import json_text
from integconcept.drafting.errors import DraftingError, describe_findings


class DiffInputError(DraftingError):
    """One of the two versions is not usable (exit code 2)."""


@dataclass
class Change:
    path: Path  # in the new version; in the old one for removals
    kind: str  # "added" | "removed" | "changed"
    old: Any
    new: Any
    label: str
    section: str = ""
    model: Any = None  # the model part of old/new when they are whole entries (for describing them)
    enum: str | None = None  # the choice old/new come from (for their German labels)
    where: str = ""  # the place without the verb: "Gremienlauf › Schritt „kreistag“ (Kreistag) › Datum"

    def to_json(self) -> dict:
        return {
            "path": json_pointer(self.path),
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "label": self.label,
        }


@dataclass
class Comparison:
    old_name: str
    new_name: str
    old: Any  # Concept
    new: Any  # Concept
    changes: list[Change] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not self.changes

    def by_section(self) -> list[tuple[str, str, list[Change]]]:
        """(key, German title, changes) for every section either version holds, in model order."""
        from integconcept.document.plain_model import Concept

        def held(title: str) -> bool:
            keys = [k for k in Concept.model_fields if section_title(k) == title]
            return any(
                getattr(concept, k, None) not in (None, [], {}, "") for concept in (self.old, self.new) for k in keys
            )

        return [(key, title, [c for c in self.changes if c.section == key]) for key, title in sections() if held(title)]


# --------------------------------------------------------------------------- loading


def load_concept(source: str, *, stdin=None, name: str | None = None, plain: bool = False):
    """Read a concept (file name or ``-`` for standard input, shown as ``name`` if given); DiffInputError if
    unusable. ``plain``: a valid concept is made of the plain classes of
    :mod:`integconcept.document.plain_model` (no pydantic; enough for :func:`compare` without ``printed``),
    one with schema findings is checked and explained by the model as before."""
    if plain:
        from integconcept.document.plain import check as check_schema
    else:
        from integconcept.document.schema_check import check_schema

    name = name or ("<stdin>" if source == "-" else source)
    try:
        if source == "-":
            text = read_stdin(stdin)
        else:
            text = read_text(source)
        # the fast loader of validate (libyaml): comments play no part in a comparison, and ruamel's
        # round-trip parser took 5 s for a 2 MB file
        data, source_map = compose(text)
        if not isinstance(data, dict):
            raise LoadError("Y005", "Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein.")
    except LoadError as exc:
        raise DiffInputError(
            describe_findings(name, [exc.finding()]) + f"\n{name}: kann nicht verglichen werden.", [exc.finding()]
        ) from None
    concept, findings = check_schema(data, source_map)
    errors = [f for f in findings if f.severity.value == "error"]
    if concept is None or errors:
        raise DiffInputError(
            describe_findings(name, errors) + f"\n{name}: kann nicht verglichen werden, weil die "
            "Datei nicht zum Schema passt (integconcept validate zeigt alle Fehler).",
            errors,
        )
    return concept


def compare_files(old: str, new: str, *, stdin=None, plain: bool = False) -> Comparison:
    """Both versions read and compared; ``plain``: read into plain classes (see :func:`load_concept`), for a
    caller that only prints the changes (not the Synopse, which reads the model's defaults)."""
    if old == "-" and new == "-":
        raise DiffInputError("Nur eine der beiden Fassungen kann von der Standardeingabe („-“) kommen.")
    return compare(
        load_concept(old, stdin=stdin, plain=plain),
        load_concept(new, stdin=stdin, plain=plain),
        "<stdin>" if old == "-" else old,
        "<stdin>" if new == "-" else new,
    )


# --------------------------------------------------------------------------- labels from the model


#: Titles of the sections that are not a part of the model of their own (the head fields share one); the
#: other sections take the German title of their model part from :mod:`integconcept.document.labels`.
SECTION_TITLES = {
    "format_version": "Titel und Kopf",
    "id": "Titel und Kopf",
    "title": "Titel und Kopf",
    "subtitle": "Titel und Kopf",
    "short_title": "Titel und Kopf",
    "status": "Status und Beschluss",
    "adoption": "Status und Beschluss",
    "legal_basis": "Status und Beschluss",
    "uses_kim": "Status und Beschluss",
    "sources": "Quellen",
    "action_fields": "Handlungsfelder",
}

#: Labels of top-level fields that are not sections of their own.
ROOT_LABELS = {
    "format_version": "Formatversion",
    "id": "Kennung",
    "title": "Titel",
    "subtitle": "Untertitel",
    "short_title": "Kurztitel",
    "status": "Status",
    "adoption": "Beschluss",
    "legal_basis": "Rechtsgrundlage",
    "uses_kim": "Teilnahme am KIM",
    "sources": "Quellen",
}

#: What one item of a list is called.
ITEM_NOUNS = {
    "municipalities": "Gemeinde",
    "action_fields": "Handlungsfeld",
    "goals": "Leitziel",
    "measures": "Maßnahme",
    "steps": "Schritt",
    "bodies": "Gremium",
    "rows": "Zeile",
    "expected_members": "Mitglied",
    "members": "Mitglied",
    "institutions": "Institution",
    "groups": "Aufgabengruppe",
    "areas": "Aufgabenbereich",
    "posts": "Stelle",
    "funding": "Finanzierung",
    "sources": "Quelle",
    "indicators": "Kennzahl",
    "tasks": "Aufgabe",
    "mandate": "Auftrag",
    "topics": "Thema",
    "products": "Produkt",
    "charts": "Übersicht",
    "moderated_networks": "Moderiertes Netzwerk",
    "memberships": "Mitgliedschaft",
    "focus_goal": "Schwerpunktziel",
    "sub_goals": "Teilziel",
    "recipients": "Empfänger",
    "items": "Eintrag",
}

#: Short German names of fields where the model's description is a sentence: the form's names
#: (:data:`integconcept.document.labels.FIELDS`) for these fields, ...
_FORM_NAMED = (
    "title",
    "intro",
    "text",
    "name",
    "kind",
    "id",
    "goal",
    "heading",
    "description",
    "date",
    "body",
    "note",
    "history",
    "population_table",
    "total",
    "total_row",
    "steering_group",
    "strategic",
    "operational",
    "adoption",
    "legal_basis",
    "purpose",
    "body_kind",
    "global_goal",
    "rationale",
    "subtitle",
    "short_title",
    "chair",
    "management",
    "count",
    "fte",
    "role",
    "amount_eur",
    "columns",
    "source",
    "reference_date",
    "integration",
    "target_groups",
    "lead_in",
    "time",
    "invitation_date",
    "action_field",
    "start",
    "attachment",
    "ki_name",
    "remark",
)
#: ... and the Synopse's own names where they differ from the form's.
_SYNOPSE_NAMED = {"status": "Status", "municipalities": "Beteiligte Gemeinden", "authority": "Gebietskörperschaft"}
FIELD_LABELS = {key: FIELDS[key] for key in _FORM_NAMED} | _SYNOPSE_NAMED


#: Top-level fields the document never prints (ids, checks, sources): a Synopse leaves them out.
UNPRINTED_ROOT = frozenset({"format_version", "id", "sources", "legal_basis", "uses_kim", "guidelines", "roadmap"})

#: Fields the document never prints at any level: ids and references, kinds and categories for the checks,
#: layout switches, staff remarks. A Synopse (``compare(..., printed=True)``) leaves them out, as well as
#: every field an object lists in its ``not_printed``.
UNPRINTED = frozenset(
    {
        "id",
        "remark",
        "not_printed",
        "body_ref",
        "body_kind",
        "purpose",
        "on_draft",
        "dispatch",
        "print_group",
        "municipality",
        "municipalities",
        "category",
        "invitation_date",
        "oparl_organization",
        "notice_period",
        "min_consultation_days",
        "leading_zero_days",
        "action_field",
        "action_fields",
        "linked_to",
        "internal",
        "management_level",
        "kind",
        "lead",
        "no_financial_impact",
        "kim_component",
        "programme",
        "number_style",
        "percent_decimals",
        "same_line",
        "counts_session_day",
    }
)


@functools.cache
def sections() -> tuple[tuple[str, str], ...]:
    """(first key, title) of the sections, in the model's order; head fields share one section (worked out
    once: a comparison asks for every change)."""
    from integconcept.document.plain_model import Concept

    out: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for key in Concept.model_fields:
        title = section_title(key)
        if title in seen:
            continue
        seen[title] = key
        out.append((key, title))
    return tuple(out)


@functools.cache
def section_title(key: str) -> str:
    """German title of the section a top-level key belongs to."""
    from integconcept.document.labels import MODELS
    from integconcept.document.plain_model import FIELD_INFO

    if key in SECTION_TITLES:
        return SECTION_TITLES[key]
    info = FIELD_INFO["Concept"].get(key)
    model = info[1] if info else None
    if model is not None and model in MODELS:
        return MODELS[model][0]
    return (_short(info[0]) if info else None) or key


def section_of(key: str) -> str:
    """The section key (first key of its group) a top-level key belongs to."""
    title = section_title(key)
    for first, other in sections():
        if other == title:
            return first
    return key


def _short(description: str | None) -> str | None:
    if not description:
        return None
    text = re.split(r",? z\. ?B\.|\s\(|[.;:]\s|\.$|„", description, maxsplit=1)[0].strip()
    return text or None


def field_label(owner, key: str) -> str:
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    if isinstance(owner, type) and issubclass(owner, _plain_base()):
        plain = _plain_info(owner, key)
        return (_short(plain[0]) if plain else None) or key
    info = getattr(owner, "model_fields", {}).get(key) if owner is not None else None
    return _short(info.description if info else None) or key


def _item_name(item: Any, noun: str, index: int, printed: bool = False) -> str:
    """How a list item is named in a change's place; ``printed``: never by its id (a reader of the
    document does not know ids)."""
    if isinstance(item, dict):
        for key in ("name", "heading", "title", "body", "goal", "label", "id"):
            if printed and key == "id":
                break
            if not printed and key in ("goal", "label"):
                continue
            value = item.get(key)
            if isinstance(value, str) and value:
                ident = item.get("id")
                shown = _clip(_plain_text(value), 60)
                if ident and key != "id" and noun in ("Leitziel", "Schritt") and not printed:
                    return f"{noun} „{ident}“ ({shown})"
                return f"{noun} {shown}" if "„" in shown else f"{noun} „{shown}“"
        return f"{noun} {index + 1}"
    if isinstance(item, str):
        return f"{noun} „{_clip(_plain_text(item), 60)}“"
    return f"{noun} {index + 1}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _plain_text(text: str) -> str:
    return re.sub(r"\^\[[^\]]*\]", "", text).replace("**", "").replace("\\", "")


# --------------------------------------------------------------------------- comparing


def compare(old, new, old_name: str = "ALT", new_name: str = "NEU", *, printed: bool = False) -> Comparison:
    """All changes from ``old`` to ``new`` (two validated Concept objects).

    ``printed``: only what the document prints (the Synopse for committees): no ids in the places, no
    internal fields (:data:`UNPRINTED`, ``not_printed``). The field names, labels and choices come from the
    model's classes, or for a concept of plain classes from their table (the same, generated from the model)."""
    if printed or not isinstance(new, _plain_base()):
        from integconcept.document.model import Concept
    else:
        from integconcept.document.plain_model import Concept  # type: ignore[assignment]

    from integconcept.document.plain import PlainModel, dump

    result = Comparison(old_name, new_name, old, new)
    a = dump(old) if isinstance(old, PlainModel) else old.model_dump(mode="json")
    b = dump(new) if isinstance(new, PlainModel) else new.model_dump(mode="json")
    _Walker(result.changes, printed).mapping(a, b, (), (), Concept, [])
    for change in result.changes:
        change.section = section_of(str(change.path[0])) if change.path else ""
    return result


class _Walker:
    def __init__(self, changes: list[Change], printed: bool = False):
        self.changes = changes
        self.printed = printed

    def emit(
        self, kind: str, path: Path, old: Any, new: Any, trail: list[str], enum: str | None = None, model: Any = None
    ) -> None:
        what = " › ".join(trail) if trail else "Konzept"
        verb = {"added": "hinzugefügt", "removed": "entfernt", "changed": "geändert"}[kind]
        label = f"{what}: {verb}"
        if kind == "changed" and not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)):
            if not _is_long(old) and not _is_long(new):
                label += f" ({_show(old, enum)} → {_show(new, enum)})"
        self.changes.append(Change(path, kind, old, new, label, model=model, enum=enum, where=what))

    def value(self, a, b, path_a: Path, path_b: Path, owner, key, trail: list[str]) -> None:
        if a == b:
            return
        if a is None or a == [] or a == {}:
            if b is not None and b != [] and b != {}:
                if isinstance(b, list):
                    self.sequence([], b, path_a, path_b, owner, key, trail)
                else:
                    self.emit("added", path_b, None, b, trail, _enum_name(owner, key), _sub_model(owner, key))
                return
        if b is None or b == [] or b == {}:
            if isinstance(a, list):
                self.sequence(a, [], path_a, path_b, owner, key, trail)
            else:
                self.emit("removed", path_a, a, None, trail, _enum_name(owner, key), _sub_model(owner, key))
            return
        if isinstance(a, dict) and isinstance(b, dict):
            self.mapping(a, b, path_a, path_b, _sub_model(owner, key), trail)
        elif isinstance(a, list) and isinstance(b, list):
            self.sequence(a, b, path_a, path_b, owner, key, trail)
        else:
            self.emit("changed", path_b, a, b, trail, _enum_name(owner, key))

    def mapping(self, a: dict, b: dict, path_a: Path, path_b: Path, model, trail: list[str]) -> None:
        hidden: set = set()
        if self.printed:
            hidden = set(UNPRINTED) | set(a.get("not_printed") or ()) | set(b.get("not_printed") or ())
            if not path_b:
                hidden = (hidden - {"action_fields", "municipalities"}) | UNPRINTED_ROOT
        for key in dict.fromkeys([*a.keys(), *b.keys()]):
            if key in hidden:
                continue
            if not path_b:
                label = ROOT_LABELS.get(key) or section_title(key)
            else:
                label = field_label(model, key)
            is_list = isinstance(a.get(key), list) or isinstance(b.get(key), list)
            sub_trail = trail if is_list and key in ITEM_NOUNS and path_b else trail + [label]
            self.value(a.get(key), b.get(key), path_a + (key,), path_b + (key,), model, key, sub_trail)

    def sequence(self, a: list, b: list, path_a: Path, path_b: Path, owner, key, trail: list[str]) -> None:
        from integconcept.document.labels import MODELS

        item_model = _item_model(owner, key)
        noun = (
            MODELS[item_model.__name__][0]
            if item_model is not None and item_model.__name__ in MODELS
            else ITEM_NOUNS.get(str(key), "Eintrag")
        )
        pairs, removed, added = _match(a, b)
        printed = self.printed
        for i in removed:
            self.emit(
                "removed", path_a + (i,), a[i], None, trail + [_item_name(a[i], noun, i, printed)], model=item_model
            )
        for i, j in pairs:
            renamed = _identity(a[i]) != _identity(b[j])
            name = f"{noun} {j + 1}" if renamed else _item_name(b[j], noun, j, printed)
            if isinstance(a[i], dict) and isinstance(b[j], dict):
                self.mapping(a[i], b[j], path_a + (i,), path_b + (j,), item_model, trail + [name])
            elif a[i] != b[j]:
                self.emit("changed", path_b + (j,), a[i], b[j], trail + [f"{noun} {j + 1}"])
        for j in added:
            self.emit(
                "added", path_b + (j,), None, b[j], trail + [_item_name(b[j], noun, j, printed)], model=item_model
            )


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and (len(value) > 60 or "\n" in value)


def _show(value: Any, enum: str | None = None) -> str:
    if value is None:
        return "leer"
    if enum is not None and isinstance(value, str):
        from integconcept.document.labels import ENUMS

        item = ENUMS.get(enum, {}).get(value)
        if item is not None:
            return f"„{item.label}“"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, str):
        return f"„{value}“"
    return json.dumps(value, ensure_ascii=False)


def _identity(item: Any) -> Any:
    """What identifies a list item across versions: its id, else its municipality or name."""
    if isinstance(item, dict):
        for key in ("id", "municipality", "name", "label", "funder", "title"):
            if item.get(key) not in (None, ""):
                return (key, item[key])
        return None
    return None


def _match(a: list, b: list) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of corresponding items, removed indexes in ``a``, added indexes in ``b``."""
    ids_a = [_identity(x) for x in a]
    ids_b = [_identity(x) for x in b]
    pairs: list[tuple[int, int]] = []
    if all(i is not None for i in ids_a + ids_b) and a and b and any(isinstance(x, dict) for x in a + b):
        where_b: dict[Any, list[int]] = {}
        for j, ident in enumerate(ids_b):
            where_b.setdefault(ident, []).append(j)
        used: set[int] = set()
        removed = []
        for i, ident in enumerate(ids_a):
            candidates = [j for j in where_b.get(ident, []) if j not in used]
            if candidates:
                pairs.append((i, candidates[0]))
                used.add(candidates[0])
            else:
                removed.append(i)
        added = [j for j in range(len(b)) if j not in used]
        # an item renamed in place (same position, no id of its own) counts as changed, not removed and added
        if ids_a and ids_a[0] and ids_a[0][0] != "id":
            for i in list(removed):
                for j in list(added):
                    if _position_match(a, b, i, j, pairs):
                        pairs.append((i, j))
                        removed.remove(i)
                        added.remove(j)
                        break
        return sorted(pairs, key=lambda p: p[1]), removed, added
    keys_a = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in a]
    keys_b = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in b]
    removed, added = [], []
    for op, i1, i2, j1, j2 in align(keys_a, keys_b):
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
        elif op == "replace":
            common = min(i2 - i1, j2 - j1)
            pairs.extend(zip(range(i1, i1 + common), range(j1, j1 + common)))
            removed.extend(range(i1 + common, i2))
            added.extend(range(j1 + common, j2))
        elif op == "delete":
            removed.extend(range(i1, i2))
        else:
            added.extend(range(j1, j2))
    return pairs, removed, added


def _position_match(a, b, i, j, pairs) -> bool:
    """Items at the same place between the same neighbours correspond (a renamed row or member)."""
    before_a = [p for p in pairs if p[0] < i]
    before_b = [p for p in pairs if p[1] < j]
    return len(before_a) == len(before_b) and (not before_a or before_a[-1] == before_b[-1])


def _plain_base() -> type:
    from integconcept.document.plain import PlainModel

    return PlainModel


def _plain_info(owner, key) -> tuple | None:
    """What the table of :mod:`integconcept.document.plain_model` says about a field of a plain class
    (description, class it holds, class of its list items, key of its choices); None for a model class
    (or an unknown field)."""
    if not (isinstance(owner, type) and issubclass(owner, _plain_base())):
        return None
    from integconcept.document.plain_model import FIELD_INFO

    return FIELD_INFO[owner.__name__].get(key)


def _plain_class(name: str | None):
    if name is None:
        return None
    from integconcept.document import plain_model

    return getattr(plain_model, name)


def _enum_name(owner, key) -> str | None:
    """The name of the choice a field takes its values from (an Enum class or ``Class.field``)."""
    if isinstance(owner, type) and issubclass(owner, _plain_base()):
        info = _plain_info(owner, key)
        return info[3] if info else None
    from integconcept.document.schema_check import choice_key

    return choice_key(owner, key)


def _field_types(owner, key) -> tuple:
    """The types a field of a model part allows (its annotation unwrapped); none for an unknown field."""
    from integconcept.document.schema_check import _unwrap

    info = owner.model_fields.get(key) if owner is not None else None
    return tuple(_unwrap(info.annotation)) if info is not None else ()


def _first_model(candidates):
    from pydantic import BaseModel

    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _sub_model(owner, key):
    """The model part a field holds, if it holds one."""
    if isinstance(owner, type) and issubclass(owner, _plain_base()):
        info = _plain_info(owner, key)
        return _plain_class(info[1]) if info else None
    return _first_model(_field_types(owner, key))


def _item_model(owner, key):
    """The model part the items of a list field are, if they are one."""
    import typing

    if isinstance(owner, type) and issubclass(owner, _plain_base()):
        info = _plain_info(owner, key)
        return _plain_class(info[2]) if info else None

    from integconcept.document.schema_check import _unwrap

    for candidate in _field_types(owner, key):
        if typing.get_origin(candidate) is list:
            model = _first_model(_unwrap(typing.get_args(candidate)[0]))
            if model is not None:
                return model
    return None


# --------------------------------------------------------------------------- word-level changes


_TOKEN = re.compile(r"\s+|\d+(?:[.,:/]\d+)*|\w+|[^\w\s]", re.UNICODE)  # 400.000 is one word


#: The most work difflib's alignment may do, counted as the pairs of equal elements it has to consider
#: (:func:`_work`): few for distinct lines, but in text that repeats itself (every other word is a space)
#: nearly the product of both lengths, and then its time grows faster still (1,000 words against 1,000:
#: 0.8 s; 2,500: 13 s). A changed part over it is aligned by lines first, word by word only within lines.
MAX_ALIGN_WORK = 250_000


def _work(a: list, b: list) -> int:
    """Pairs of equal elements of ``a`` and ``b``, plus their lengths: what difflib's search goes through."""
    from collections import Counter

    if len(a) * len(b) <= MAX_ALIGN_WORK:
        return len(a) * len(b)
    counts = Counter(b)
    return len(a) + len(b) + sum(counts[x] for x in a)


def align(a: list, b: list) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for ``a`` → ``b``, in bounded time: the common beginning and end are matched
    directly; the changed middle is aligned by difflib when it is small enough (:data:`MAX_ALIGN_WORK`),
    else it counts as replaced as a whole."""
    n, m = len(a), len(b)
    start = 0
    while start < n and start < m and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and end < m - start and a[n - 1 - end] == b[m - 1 - end]:
        end += 1
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, start, 0, start)] if start else []
    i2, j2 = n - end, m - end
    if start < i2 and start < j2:
        if _work(a[start:i2], b[start:j2]) <= MAX_ALIGN_WORK:
            matcher = difflib.SequenceMatcher(None, a[start:i2], b[start:j2], autojunk=False)
            ops += [
                (op, x1 + start, x2 + start, y1 + start, y2 + start) for op, x1, x2, y1, y2 in matcher.get_opcodes()
            ]
        else:
            ops.append(("replace", start, i2, start, j2))
    elif start < i2:
        ops.append(("delete", start, i2, start, start))
    elif start < j2:
        ops.append(("insert", start, start, start, j2))
    if end:
        ops.append(("equal", i2, n, j2, m))
    return ops


def _lines(tokens: list[str], offset: int) -> tuple[list[str], list[int]]:
    """The word tokens joined into lines (each ends with the white space that holds its line break), and
    the token index (plus ``offset``) at which each line starts, with the end as a last entry."""
    lines, starts, current = [], [offset], []
    for index, token in enumerate(tokens):
        current.append(token)
        if "\n" in token:
            lines.append("".join(current))
            starts.append(offset + index + 1)
            current = []
    if current:
        lines.append("".join(current))
        starts.append(offset + len(tokens))
    return lines, starts


def _word_ops(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes; a long changed part is aligned line by line, then word by word inside small changes."""
    ops = []
    for op, i1, i2, j1, j2 in align(a, b):
        if op != "replace" or _work(a[i1:i2], b[j1:j2]) <= MAX_ALIGN_WORK:
            ops.append((op, i1, i2, j1, j2))
            continue
        lines_a, starts_a = _lines(a[i1:i2], i1)
        lines_b, starts_b = _lines(b[j1:j2], j1)
        for lop, k1, k2, l1, l2 in align(lines_a, lines_b):
            x1, x2, y1, y2 = starts_a[k1], starts_a[k2], starts_b[l1], starts_b[l2]
            if lop == "replace" and _work(a[x1:x2], b[y1:y2]) <= MAX_ALIGN_WORK:
                ops += [(o, p1 + x1, p2 + x1, q1 + y1, q2 + y1) for o, p1, p2, q1, q2 in align(a[x1:x2], b[y1:y2])]
            else:
                ops.append((lop, x1, x2, y1, y2))
    return ops


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "equal", "delete" or "insert"; whitespace stays with the words."""
    a = _TOKEN.findall(old or "")
    b = _TOKEN.findall(new or "")
    out: list[tuple[str, str]] = []
    ops = _word_ops(a, b)
    same = sum(i2 - i1 for op, i1, i2, _, _ in ops if op == "equal")
    if a and b and 2 * same / (len(a) + len(b)) < 0.4:  # rewritten rather than edited: old out, new in
        return [("delete", old), ("insert", new)]
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
    return _merge(out)


def _merge(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def inline_word_diff(old: str, new: str, context: int = 6) -> str:
    """``… [-alt-]{+neu+} …`` with a few words of context around each change (like git --word-diff)."""
    parts = []
    ops = word_diff(old, new)
    for index, (op, text) in enumerate(ops):
        lead = text[: len(text) - len(text.lstrip())]
        tail = text[len(text.rstrip()) :]
        core = text.strip()
        if op == "delete":
            parts.append(f"{lead}[-{core}-]{tail}")
        elif op == "insert":
            parts.append(f"{lead}{{+{core}+}}{tail}")
        else:
            words = core.split()
            first, last = index == 0, index == len(ops) - 1
            if len(words) > 2 * context or (first or last) and len(words) > context:
                before = [] if first else words[:context]
                after = [] if last else words[-context:]
                core = " ".join([*before, "…", *after])
            parts.append(f"{lead}{core}{tail}")
    return " ".join("".join(parts).split())


# --------------------------------------------------------------------------- text and json output


def render_json(comparison: Comparison) -> str:
    document = {"version": 1, "changes": [c.to_json() for c in comparison.changes]}
    return json_text(document, indent=2) + "\n"


_MARK = {"added": "+", "removed": "-", "changed": "~"}


def render_text(comparison: Comparison) -> str:
    lines = [f"Vergleich {comparison.old_name} (bisher) → {comparison.new_name} (neu)"]
    if comparison.equal:
        lines.append("Keine inhaltlichen Unterschiede.")
        return "\n".join(lines) + "\n"
    count = len(comparison.changes)
    lines.append(f"{count} {'Änderung' if count == 1 else 'Änderungen'}; + hinzugefügt, - entfernt, ~ geändert.")
    for _key, title, changes in comparison.by_section():
        if not changes:
            continue
        lines.append("")
        lines.append(title)
        for change in changes:
            lines.append(f"  {_MARK[change.kind]} {change.label}")
            if change.kind == "changed" and (_is_long(change.old) or _is_long(change.new)):
                lines.append(f"      {inline_word_diff(str(change.old), str(change.new))}")
            elif change.kind in ("added", "removed"):
                value = change.new if change.kind == "added" else change.old
                for line in describe(value, change.model, enum=change.enum)[:8]:
                    lines.append(f"      {_clip(line, 160)}")
    lines.append("")
    lines.append(f"Unverändert: {', '.join(t for _, t, c in comparison.by_section() if not c) or '–'}.")
    return "\n".join(lines) + "\n"


def describe(
    value: Any, model: Any = None, indent: str = "", enum: str | None = None, *, printed: bool = False
) -> list[str]:
    """A value as readable German lines (for added and removed entries), labelled from the model.

    ``printed`` (the Synopse): without internal fields (:data:`UNPRINTED`, ``not_printed``), without values
    that are only the model's default, dates and amounts in German form."""
    if value is None:
        return []
    if isinstance(value, dict):
        out = []
        hidden = (set(UNPRINTED) | set(value.get("not_printed") or ())) if printed else set()
        for key, item in value.items():
            if item in (None, [], {}) or key in hidden or (printed and _is_default(model, key, item)):
                continue
            label = field_label(model, key)
            if isinstance(item, dict):
                out.append(f"{indent}{label}:")
                out.extend(describe(item, _sub_model(model, key), indent + "  ", printed=printed))
            elif isinstance(item, list):
                out.append(f"{indent}{label}:")
                out.extend(
                    describe(item, _item_model(model, key), indent + "  ", _enum_name(model, key), printed=printed)
                )
            else:
                out.append(f"{indent}{label}: {_plain_scalar(item, _enum_name(model, key), printed, key)}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            inner = describe(item, model, indent + "  ", enum, printed=printed)
            if inner:
                out.append(f"{indent}- {inner[0].strip()}")
                out.extend(inner[1:])
        return out
    return [f"{indent}{_plain_scalar(value, enum, printed)}"]


def _is_default(model, key: str, value: Any) -> bool:
    """Is ``value`` (as dumped to JSON) the model's default for ``key``? (a default no one chose)"""
    if isinstance(model, type) and issubclass(model, _plain_base()):  # the model knows the defaults
        from integconcept.document import model as models

        model = getattr(models, model.__name__)
    info = getattr(model, "model_fields", {}).get(key) if model is not None else None
    if info is None:
        return False
    from pydantic_core import PydanticUndefined

    if info.default_factory is not None:
        try:
            default = info.default_factory()
        except TypeError:
            return False
    elif info.default is PydanticUndefined:
        return False
    else:
        default = info.default
    if hasattr(default, "model_dump"):
        default = default.model_dump(mode="json")
    elif hasattr(default, "value"):  # an enum member
        default = default.value
    return default == value


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(?:(Anfang|Mitte|Ende) )?(\d{4})-(\d{2})$")


def german_value(value: Any, key: str | None = None) -> str | None:
    """A date or amount as a German reader writes it: „12.05.2027“, „Anfang November 2012“, „170.000,00 €“;
    ``None`` when the value is neither."""
    from integconcept.core.german import MONTHS_DE, decimal_text, euro

    if isinstance(value, str):
        day = _ISO_DAY.match(value)
        if day:
            return f"{day[3]}.{day[2]}.{day[1]}"
        month = _ISO_MONTH.match(value)
        if month and 1 <= int(month[3]) <= 12:
            text = f"{MONTHS_DE[int(month[3]) - 1]} {month[2]}"
            return f"{month[1]} {text}" if month[1] else text
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if key == "amount_eur":
            return euro(value)
        if key in ("fte",) or isinstance(value, float):
            return decimal_text(value)
    return None


def _plain_scalar(value: Any, enum: str | None = None, printed: bool = False, key: str | None = None) -> str:
    if printed:
        german = german_value(value, key)
        if german is not None:
            return german
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if enum is not None and isinstance(value, str):
        from integconcept.document.labels import ENUMS

        item = ENUMS.get(enum, {}).get(value)
        if item is not None:
            return item.label
    return " ".join(str(value).split())

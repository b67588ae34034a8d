"""Walking a concept: every string of the model (or of its plain data) with its path, in document order.

One walker for the rules (text search), the renderer (the place of an oversized text), the import
(what text was kept) and the tests, instead of a copy in each."""

from __future__ import annotations

from enum import Enum
from typing import Iterable, Iterator

from integconcept.core.findings import Path

#: Keys whose strings are identifiers or codes, not text a reader sees.
_NOT_TEXT = frozenset(
    {
        "id",
        "action_field",
        "action_fields",
        "municipality",
        "municipalities",
        "body_ref",
        "kind",
        "time",
        "unit",
        "number_style",
        "per",
    }
)


#: per type met: the fields that may hold text, in declaration order (none for a number, a date …)
_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def iter_strings(node, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string value below ``node`` (a model, list or str) with its YAML path.

    Depth first in document order, with a stack instead of nested generators (a 100× concept has
    ~30,000 nodes; every level of ``yield from`` would pass each string up once more)."""
    stack = [(node, path)]
    pop, push = stack.pop, stack.extend
    while stack:
        node, path = pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, list):
            push([(node[index], path + (index,)) for index in range(len(node) - 1, -1, -1)])
        else:
            kind = type(node)
            names = _TEXT_FIELDS.get(kind)
            if names is None:
                fields = getattr(kind, "model_fields", None) or ()  # a model or a plain class; else no text
                names = _TEXT_FIELDS[kind] = tuple(name for name in fields if name not in _NOT_TEXT)
            if not names:
                continue
            fields_set = node.model_fields_set
            values = node.__dict__
            children = []
            for name in names:  # document order (fields are declared in print order)
                if name in fields_set:
                    value = values[name]
                    if value is not None and not isinstance(value, Enum):
                        children.append((value, path + (name,)))
            push(reversed(children))


def concept_texts(concept, *, exclude: Iterable[str] = ("sources", "id")) -> Iterator[tuple[Path, str]]:
    """Free texts of the whole concept in document order, without the given top-level keys."""
    skip = set(exclude)
    for name in type(concept).model_fields:
        if name in skip or name not in concept.model_fields_set:
            continue
        value = getattr(concept, name)
        if value is not None:
            yield from iter_strings(value, (name,))


def plain_strings(node, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string of loaded plain data (mappings, lists, strings) with its path, keys in file order."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from plain_strings(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from plain_strings(item, path + (index,))


def plain_nodes(node) -> Iterator[object]:
    """Every mapping, list and scalar of loaded plain data, parents before their children, in file order."""
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from plain_nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from plain_nodes(item)

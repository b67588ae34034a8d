"""German labels for every value and every part of the model, and a German JSON Schema."""

from __future__ import annotations

import inspect
import re
import typing
from enum import Enum

import pytest
from pydantic import BaseModel

from integconcept.document import labels
from integconcept.document import enums, model
from integconcept.document.schema_export import schema_document

ENGLISH_WORDS = re.compile(r"\b(the|of|and|is|for|with|which|that|one|step|body|kind)\b")


def model_classes():
    return [
        c
        for c in vars(model).values()
        if inspect.isclass(c) and issubclass(c, BaseModel) and c.__module__ == model.__name__ and c is not model.Model
    ]


def enum_classes():
    """The model's enums (declared in the enums module, re-exported by the model)."""
    return [
        c for c in vars(model).values() if inspect.isclass(c) and issubclass(c, Enum) and c.__module__ == enums.__name__
    ]


def literal_choices(annotation) -> list[str]:
    """The string values of a Literal inside an annotation (``Literal["a", "b"] | None``)."""
    if typing.get_origin(annotation) is typing.Literal:
        return [v for v in typing.get_args(annotation) if isinstance(v, str)]
    return [v for arg in typing.get_args(annotation) for v in literal_choices(arg)]


@pytest.mark.parametrize("enum", enum_classes(), ids=lambda e: e.__name__)
def test_every_enum_value_has_a_german_label_and_description(enum):
    assert enum.__name__ in labels.ENUM_TITLES
    for member in enum:
        entry = labels.entry(member)
        assert entry.label and entry.description, member


def test_every_choice_field_has_german_labels():
    for cls in model_classes():
        for name, field in cls.model_fields.items():
            values = literal_choices(field.annotation)
            if len(values) > 1:
                assert set(labels.ENUMS[f"{cls.__name__}.{name}"]) == set(values), (cls.__name__, name)


def test_schema_is_german_throughout():
    schema = schema_document()
    definitions = {"Concept": schema, **schema["$defs"]}
    for name, definition in definitions.items():
        assert definition["title"] in {t for t, _ in [*labels.MODELS.values(), *labels.ENUM_TITLES.values()]}, name
        assert not ENGLISH_WORDS.search(definition["description"]), (name, definition["description"])
        for field, prop in definition.get("properties", {}).items():
            assert "title" not in prop, f"{name}.{field} has an auto-generated title"
            assert not ENGLISH_WORDS.search(prop.get("description", "")), (name, field)


def test_schema_explains_every_allowed_value():
    schema = schema_document()
    kinds = schema["$defs"]["BodyKind"]
    meanings = dict(zip(kinds["enum"], kinds["markdownEnumDescriptions"]))
    assert meanings["specialist_committee"].startswith("**Fachausschuss**")
    unit = schema["$defs"]["NoticePeriod"]["properties"]["unit"]
    assert dict(zip(unit["enum"], unit["enumDescriptions"]))["working_days"].startswith("Arbeitstage")


@pytest.mark.parametrize(
    "enum, word, value",
    [
        ("BodyKind", "Fachausschuss", "specialist_committee"),
        ("BodyKind", "fachausschuss", "specialist_committee"),
        ("BodyKind", "Kreisausschuss", "main_committee"),
        ("BodyKind", "Kreistag", "council"),
        ("BodyKind", "Integrationsrat", "integration_council"),
        ("Status", "Entwurf", "draft"),
        ("PostRole", "Lehrerin", "teacher"),
        ("AuthorityKind", "Kreisfreie Stadt", "kreisfreie_stadt"),
        ("NoticePeriod.unit", "Werktage", "working_days"),
    ],
)
def test_german_words_find_their_value(enum, word, value):
    assert labels.value_for(enum, word) == value


def test_unknown_or_ambiguous_words_find_nothing():
    assert labels.value_for("BodyKind", "Gremium") is None
    assert labels.value_for("BodyKind", "") is None


def test_every_field_of_the_model_has_a_german_label():
    """The studio shows these labels; an English key must never be visible."""
    import inspect

    from integconcept.document import model
    from integconcept.document.labels import field_label

    missing = []
    for name, cls in vars(model).items():
        if inspect.isclass(cls) and issubclass(cls, model.Model) and cls is not model.Model:
            for key, info in cls.model_fields.items():
                if field_label(name, key, info.description) == key:
                    missing.append(f"{name}.{key}")
    assert missing == []

"""The JSON Schema for editors, generated from the model, with German titles and value descriptions."""

from __future__ import annotations

import json

from integconcept.document import labels
from integconcept.document.model import Concept


def schema_document() -> dict:
    schema = Concept.model_json_schema(mode="validation")
    germanise(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(schema_document(), ensure_ascii=False, indent=2) + "\n"


def germanise(schema: dict) -> None:
    """German titles and descriptions for every definition, German meanings for every allowed value.

    pydantic titles each property after its English key ("Amount Eur") and describes a definition by the
    class docstring (English, for developers): both are replaced from :mod:`integconcept.document.labels`. Allowed
    values get ``enumDescriptions`` / ``markdownEnumDescriptions``, which VS Code and the YAML language
    server show next to each value.
    """
    for name, definition in [("Concept", schema), *schema.get("$defs", {}).items()]:
        title, description = labels.MODELS.get(name) or labels.ENUM_TITLES.get(name) or (None, None)
        if title:
            definition["title"], definition["description"] = title, description
        if "enum" in definition and name in labels.ENUMS:
            _describe_values(definition, labels.ENUMS[name])
        for field, prop in definition.get("properties", {}).items():
            prop.pop("title", None)
            choices = labels.ENUMS.get(f"{name}.{field}")
            if choices:
                for candidate in [prop, *prop.get("anyOf", [])]:
                    if "enum" in candidate:
                        _describe_values(candidate, choices)


def _describe_values(schema: dict, choices: dict[str, labels.Label]) -> None:
    items = [choices[value] for value in schema["enum"]]
    schema["enumDescriptions"] = [f"{item.label}: {item.description}" for item in items]
    schema["markdownEnumDescriptions"] = [f"**{item.label}**: {item.description}" for item in items]

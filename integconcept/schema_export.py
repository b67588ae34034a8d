"""The JSON Schema for editors, generated from the model."""

from __future__ import annotations

import json

from .model import Concept


def schema_document() -> dict:
    schema = Concept.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    return json.dumps(schema_document(), ensure_ascii=False, indent=2) + "\n"

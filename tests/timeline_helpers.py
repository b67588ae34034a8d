"""Helpers for the timeline tests: build concepts from YAML text and run the timeline rules."""

from __future__ import annotations

import copy

from integconcept.document.loader import parse_yaml, to_plain
from integconcept.document.schema_check import check_schema
from integconcept.commands.validate import run_rules

from .conftest import MINIMAL


def merge(base: dict, patch: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def concept_text(patch_yaml: str) -> str:
    """MINIMAL with a YAML patch merged in, dumped back to text (positions are those of this text)."""
    import io

    from ruamel.yaml import YAML

    base, _ = to_plain(parse_yaml(MINIMAL))
    patch, _ = to_plain(parse_yaml(patch_yaml))
    yaml = YAML()
    yaml.default_flow_style = False
    buffer = io.StringIO()
    yaml.dump(merge(base, patch), buffer)
    return buffer.getvalue()


def findings_for_text(text: str, *, settings: dict | None = None, codes_prefix: str = "T"):
    data, source_map = to_plain(parse_yaml(text))
    concept, schema_findings = check_schema(data, source_map)
    assert concept is not None, [f.message for f in schema_findings]
    found = run_rules(concept, source_map, "test.yaml", settings=settings)
    return [f for f in found if f.code.startswith(codes_prefix)]


def findings_for_patch(patch_yaml: str, **kwargs):
    return findings_for_text(concept_text(patch_yaml), **kwargs)

"""Render a concept as a Word document (and optionally PDF): ``integconcept render``.

Heavy libraries (python-docx, lxml, babel) are imported only here, never by ``validate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integconcept.core.output import atomic_write, check_output_path
from integconcept.render.errors import RenderError

__all__ = ["RenderError", "RenderResult", "render_concept", "atomic_write", "check_output_path"]


@dataclass
class RenderResult:
    data: bytes
    warnings: list[str] = field(default_factory=list)
    headings: list = field(default_factory=list)


def render_concept(
    concept, template_path: str | None = None, *, keep_header: bool = False, base_dir=None
) -> RenderResult:
    """The DOCX bytes of a concept (deterministic for the same concept and template).

    ``keep_header``: keep the template's own header and footer instead of ours. ``base_dir``: the concept
    file's folder, against which a chart's own image file (``image: …``) is resolved."""
    from integconcept.render.docx_writer import DocxWriter
    from integconcept.render.figures import ChartSource
    from integconcept.render.ooxml import save_deterministic
    from integconcept.render.template import load_template

    concept = xml_safe(concept)
    template = load_template(template_path)
    charts = ChartSource.for_concept(concept, base_dir)
    writer = DocxWriter(concept, template, keep_header=keep_header, charts=charts)
    document = writer.build()
    return RenderResult(save_deterministic(document), template.warnings, writer.headings)


def xml_safe(concept):
    """The concept with every text made safe for XML (safe_text.for_xml), so a control character or a lone
    surrogate from a YAML escape in any free text cannot break the document; the concept is unchanged when
    all its texts are safe already (the common case costs one JSON dump, :func:`_surely_xml_safe`).

    ``concept``: of the model's classes, or of the plain classes (:mod:`integconcept.document.plain`, as
    ``render`` reads a file: no pydantic at start-up); a plain concept with a text to clean comes back as one
    of the model's classes (the model validates the cleaned data, as for a model's concept)."""
    from integconcept.core.safe_text import for_xml, is_xml_safe
    from integconcept.document.plain import PlainModel, dump

    plain = isinstance(concept, PlainModel)
    if _surely_xml_safe(concept, plain):
        return concept
    changed = False

    def clean(value):
        nonlocal changed
        if isinstance(value, str):
            if is_xml_safe(value):
                return value
            changed = True
            return for_xml(value)
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    data = clean(
        dump(concept, mode="python", exclude_unset=True)
        if plain
        else concept.model_dump(mode="python", exclude_unset=True)
    )
    if not changed:
        return concept
    if plain:
        from integconcept.document.model import Concept

        return Concept.model_validate(data)
    return type(concept).model_validate(data)


#: In pydantic-core's JSON of a concept every character XML 1.0 forbids is an escape ``\u0000`` … ``\u001f``
#: (``\b`` and ``\f`` for two of them; tab, line feed and carriage return are allowed) or U+FFFE/U+FFFF
#: as it is, and a lone surrogate cannot be written at all. A backslash of the text itself is ``\\``:
#: followed by "b", "f" or "u00" it is found too, and the concept is then walked as before.
_JSON_MARKS = ("\\u00", "\\b", "\\f", "\ufffe", "\uffff")
_JSON_BYTE_MARKS = tuple(mark.encode("utf-8") for mark in _JSON_MARKS)  # the same in pydantic-core's UTF-8

_PLAIN_SERIALIZER = None


def _surely_xml_safe(concept, plain: bool = False) -> bool:
    """True when no text of the concept needs :func:`xml_safe`'s cleaning, found in one JSON dump (written by
    pydantic-core in Rust: the model's ``model_dump_json``, or for a concept of plain classes a serializer of
    the stored schema they were validated with; every text of the concept is in it) instead of a walk in
    Python over every value; False when it cannot tell."""
    global _PLAIN_SERIALIZER
    try:
        if plain:
            if _PLAIN_SERIALIZER is None:
                from integconcept.document.plain import core
                from integconcept.document.plain_model import SCHEMA

                _PLAIN_SERIALIZER = core().SchemaSerializer(SCHEMA)
            encoded = _PLAIN_SERIALIZER.to_json(concept)
            return not any(mark in encoded for mark in _JSON_BYTE_MARKS)
        dumped = concept.model_dump_json()
    except Exception:  # a lone surrogate (pydantic-core's serialization error), or anything else: walk
        return False
    return not any(mark in dumped for mark in _JSON_MARKS)

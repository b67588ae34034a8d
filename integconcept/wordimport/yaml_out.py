"""The imported data as YAML text: keys in the order of the model, ``# import: …`` comments above
the keys they explain, then the project's canonical ``fmt`` form (``integconcept.drafting.fmt.format_text``),
so that ``integconcept fmt --check`` accepts a freshly imported file."""

from __future__ import annotations

import io
import types
import typing

from pydantic import BaseModel


def _model_of(annotation) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Preamble | None`` or ``list[Network]``."""
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
    if isinstance(value, str) and needs_yaml_quotes(value):  # escaped: U+2028, DEL, C1 controls, CR …
        return DoubleQuotedScalarString(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


HEADER = [
    "# Entwurf, erzeugt von „integconcept import“ aus einem Word-Dokument.",
    "# Stellen mit „# import: …“ bitte prüfen; danach: integconcept validate DATEI",
    "",
]


def dump(data: dict, comments: dict[tuple, list[str]], header: list[str] = (), concept=None) -> str:
    """The draft's text in the canonical form of ``fmt``, written directly from the data (one YAML parse, to find
    the lines the comments go in front of). ``concept``: the data already validated (else validated here)."""
    from integconcept.core.safe_text import yaml_comment
    from integconcept.document.model import Concept
    from integconcept.drafting.fmt import format_data

    if concept is None:
        concept = Concept.model_validate(data)
    before = {
        tuple(str(p) if not isinstance(p, int) else p for p in path): [yaml_comment(line) for line in lines]
        for path, lines in comments.items()
    }
    return format_data(data, concept, before, [*header, *HEADER])


def dump_via_fmt(data: dict, comments: dict[tuple, list[str]], header: list[str] = ()) -> str:
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

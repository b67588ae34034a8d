"""The examples of the rules: YAML patches merged onto one small valid base concept.

Every rule's ``bad_example`` and ``good_example`` is a YAML fragment, not a whole file. To try it
out, :func:`example_document` merges it onto :data:`BASE`: mappings merge key by key, lists and
scalars replace the base's value, and a comment on a key's line travels with the key (so inline
silences can be shown too). ``integconcept explain CODE`` prints the fragments; the test
``tests/test_rule_snippets.py`` validates both merged documents for every rule.
"""

from __future__ import annotations

import io

BASE = """\
format_version: 1
id: kreis-beispiel
title: Integrationskonzept Kreis Beispiel
authority:
  name: Kreis Beispiel
  kind: kreis
  municipalities:
    - id: a-stadt
      name: A-Stadt
    - id: b-dorf
      name: B-Dorf
status: draft
legal_basis: tintg2012-p7
"""

#: The basis used to try a rule's examples when the rule does not name one.
PACK_BASIS = {"common": "tintg2012-p7", "timeline": "tintg2012-p7", "tintg2012": "tintg2012-p7",
              "tintg2022": "tintg2022-p8", "kim": "tintg2022-p8-p9"}


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _merge(base, patch) -> None:
    from ruamel.yaml.comments import CommentedMap

    for key, value in patch.items():
        if isinstance(value, CommentedMap) and isinstance(base.get(key), CommentedMap):
            _merge(base[key], value)
        else:
            base[key] = value
        if key in patch.ca.items:
            base.ca.items[key] = patch.ca.items[key]


def example_document(patch: str, base: str = BASE) -> str:
    """The YAML text of ``base`` with ``patch`` merged onto it."""
    yaml = _yaml()
    root = yaml.load(base)
    addition = yaml.load(patch) if patch.strip() else None
    if addition is not None:
        _merge(root, addition)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def example_basis(rule) -> str:
    return rule.example_basis or PACK_BASIS.get(rule.pack(), "tintg2012-p7")

"""The cases of the rules: one YAML file per rule beside its module, fragments merged onto one base.

``rules/packs/<pack>/<code>_<slug>.py`` holds the check, ``<code>_<slug>.yaml`` beside it its cases
(after sqlfluff's ``std_rule_cases``)::

    rule: K006
    basis: tintg2022-p8          # optional: the legal basis to check the cases with
    cases:
      - name: beispiel-fehlerhaft
        shown: bad               # printed by ``integconcept explain`` as "Fehlerhaft:"
        expect:                  # the findings of this rule the case must yield, nothing more
          - {code: K006, severity: warning, path: "preamble.population_table.rows[0].migration_background_percent"}
        yaml: |
          preamble: ...

A case is a fragment of a concept file, not a whole file: :func:`example_document` merges it onto
:data:`BASE` (mappings merge key by key, lists and scalars replace the base's value, a comment on a
key's line travels with the key, so inline silences can be shown too). ``tests/test_rule_cases.py``
runs every case of every rule; ``integconcept explain CODE`` prints the cases marked ``shown``.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
PACK_BASIS = {
    "common": "tintg2012-p7",
    "timeline": "tintg2012-p7",
    "tintg2012": "tintg2012-p7",
    "tintg2022": "tintg2022-p8",
    "kim": "tintg2022-p8-p9",
    "oparl": "tintg2012-p7",
}


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


@dataclass(frozen=True)
class Expected:
    """One finding a case must yield: its code and, where the case says so, severity and path."""

    code: str
    severity: str | None = None
    path: str | None = None
    message: str | None = None  # words the German message must contain

    def matches(self, finding) -> bool:
        return (
            finding.code == self.code
            and (self.severity is None or finding.severity.value == self.severity)
            and (self.path is None or path_text(finding.path) == self.path)
            and (self.message is None or self.message in finding.message)
        )


@dataclass(frozen=True)
class Case:
    name: str
    yaml: str
    expect: tuple[Expected, ...]
    shown: str | None = None  # "bad" or "good": printed by ``explain``


@dataclass(frozen=True)
class RuleCases:
    code: str
    file: Path
    basis: str | None
    cases: tuple[Case, ...]

    def shown(self, kind: str) -> str:
        """The fragment ``explain`` prints as the bad or good example ("" when there is none)."""
        return next((case.yaml for case in self.cases if case.shown == kind), "")


def case_file(rule) -> Path:
    """The case file of a rule: its module's file with the suffix .yaml."""
    return Path(sys.modules[rule.__module__].__file__ or "").with_suffix(".yaml")


class CaseFileError(ValueError):
    """A case file that does not follow the format above (a contributor's mistake, found by the tests)."""


@lru_cache(maxsize=None)
def _load(file: Path) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(file.read_text(encoding="utf-8"))


def rule_cases(rule) -> RuleCases:
    """The cases of ``rule`` read from its case file."""
    file = case_file(rule)
    if not file.is_file():
        raise CaseFileError(f"{rule.code}: no case file {file.name} beside {file.with_suffix('.py').name}")
    data = _load(file)
    if not isinstance(data, dict) or data.get("rule") != rule.code or not isinstance(data.get("cases"), list):
        raise CaseFileError(f"{file}: needs `rule: {rule.code}` and a list `cases`")
    cases = []
    for entry in data["cases"]:
        if (
            not isinstance(entry, dict)
            or not {"name", "yaml", "expect"} <= set(entry)
            or set(entry) - {"name", "yaml", "expect", "shown"}
            or entry.get("shown") not in (None, "bad", "good")
        ):
            raise CaseFileError(f"{file}: a case needs name, yaml and expect (and may have shown: bad|good): {entry!r}")
        expect = tuple(Expected(**e) if isinstance(e, dict) else Expected(str(e)) for e in entry["expect"] or ())
        cases.append(Case(str(entry["name"]), entry["yaml"] or "", expect, entry.get("shown")))
    return RuleCases(rule.code, file, data.get("basis"), tuple(cases))


def path_text(path) -> str:
    """A finding's path as the case files write it: ``approval_process.steps[0].date``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


def example_basis(rule) -> str:
    """The legal basis a rule's cases are checked with: the case file's, else its pack's."""
    return rule_cases(rule).basis or PACK_BASIS.get(rule.pack(), "tintg2012-p7")

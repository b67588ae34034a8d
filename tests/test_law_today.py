"""Today's law (issue 25): severities as the norm words them, citations per authority kind and
guideline version, the 2023/2025 guidelines, § 9 Abs. 2 S. 2 and Abs. 4, KIM staffing, and the
chains of kreisfreie Städte and of more than one council decision."""

from __future__ import annotations

import pytest

from integconcept.core.findings import Severity
from integconcept.commands.validate import validate_file

from .render_helpers import flat_text, part, q, tables

KIM_FULL = """\
format_version: 1
id: kreis-x-kim
title: KIM Kreis X
authority:
  name: Kreis X
  kind: kreis
  municipalities:
    - {id: a-stadt, name: A-Stadt}
    - {id: b-dorf, name: B-Dorf}
status: draft
legal_basis: tintg2022-p8-p9
uses_kim: true
ki_tasks:
  period: {start: 2025-01, end: 2026-12}
staffing:
  posts:
    - {label: Strategisches Management, fte: 3.5, funded_by: land, kim_component: strategic, funding_eur_per_year: 57000}
    - {label: Case Management, fte: 2, funded_by: land, kim_component: case_management, municipality: a-stadt,
       other_funding: [ESF Plus]}
  pass_on:
    - {recipients: [a-stadt], contract: weiterleitungsvertrag, amount_eur: 114000, per: year, purpose: Case Management}
  delimitation: Die Stellen werden nicht aus anderen Mitteln gefördert.
"""


def validate_text(tmp_path, text: str, basis: str | None = None, name: str = "c.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate_file(str(path), basis=basis)
    assert result.usable and result.concept is not None, [(f.code, f.message) for f in result.findings]
    schema = [(f.code, f.message) for f in result.findings if f.code[0] in "SFY"]
    assert not schema, schema
    return result


# --------------------------------------------------------------------------- model: printed as the file holds it


def test_pass_on_posts_by_place_and_delimitation_are_printed(tmp_path):
    from integconcept.render import render_concept

    result = validate_text(tmp_path, KIM_FULL)
    data = render_concept(result.concept, None).data
    rows = [row for table in tables(data) for row in table]
    assert ["Case Management", "A-Stadt", "2", "Land NRW; ESF Plus", "–"] in rows
    assert ["A-Stadt", "Weiterleitungsvertrag", "114.000,00\u00a0€ jährlich", "Case Management"] in rows
    text = " ".join(flat_text(p) for p in part(data, "word/document.xml").iter(q("p")))
    assert "Die Stellen werden nicht aus anderen Mitteln gefördert." in text
    assert "Zeitraum der Arbeitsschwerpunkte: Januar 2025 bis Dezember 2026" in text
    assert "case_management" not in text and "Baustein" not in text  # the classification is not printed

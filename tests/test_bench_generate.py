"""The benchmark's synthetic concepts are schema-valid and as large as they claim (no timing here)."""

from __future__ import annotations

import sys

from integconcept.core.findings import Severity
from integconcept.commands.validate import validate_file

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402


def test_scaled_concept_is_schema_valid_and_grows_by_entries(tmp_path):
    data = generate.base_data()
    big = generate.scaled(data, 3)
    assert len(big["approval_process"]["steps"]) == 3 * len(data["approval_process"]["steps"])
    assert len(big["authority"]["municipalities"]) == 3 * len(data["authority"]["municipalities"])
    ids = [m["id"] for m in big["authority"]["municipalities"]]
    assert len(set(ids)) == len(ids)
    rows = big["preamble"]["population_table"]["rows"]
    assert {r["municipality"] for r in rows if r.get("municipality")} <= set(ids)
    result = validate_file(str(generate.write_concept(tmp_path / "x3.yaml", big)))
    assert result.usable and result.concept is not None
    assert not [f for f in result.findings if f.code.startswith("S")]
    assert result.count(Severity.error) == 0


def test_one_concept_per_kreis_and_kreisfreie_stadt(tmp_path):
    concepts = generate.nrw_concepts(generate.base_data())
    assert len(concepts) == 54 and len({name for name, _ in concepts}) == 54
    kinds = [c["authority"]["kind"] for _, c in concepts]
    assert kinds.count("kreis") == 31 and kinds.count("kreisfreie_stadt") == 23
    name, concept = concepts[-1]
    result = validate_file(str(generate.write_concept(tmp_path / name, concept)))
    assert result.usable and not [f for f in result.findings if f.code.startswith("S")]


def test_writer_refuses_a_concept_the_model_rejects(tmp_path):
    import pytest

    data = generate.base_data()
    data["status"] = "fertig"
    with pytest.raises(ValueError):
        generate.write_concept(tmp_path / "bad.yaml", data)
    assert not (tmp_path / "bad.yaml").exists()

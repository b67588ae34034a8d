"""The plain classes (``validate``'s start-up without pydantic) validate exactly like the model.

:mod:`integconcept.document.plain_model` is generated from the model by ``tools/make_plain_model.py``; the
``validate`` command checks a concept with pydantic-core's validator from its stored schema into plain
classes. Here: the stored file is current, every example, test file and rule case gives the same findings
and a concept of the same shape (classes, fields, values and their types, the keys the file gave) on both
paths, and ``validate`` runs without importing pydantic or the model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from integconcept.document.loader import LoadError, compose, load
from integconcept.document.plain import PlainModel, check
from integconcept.document.schema_check import check_schema
from integconcept.rules import all_rules
from integconcept.rules.cases import example_document

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/data/*.yaml")])
CASES = [(code, case) for code, rule in all_rules().items() for case in rule.cases().cases]


def test_generated_file_is_current():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_plain_model
    finally:
        sys.path.pop(0)
    assert (ROOT / "integconcept" / "document" / "plain_model.py").read_text(
        encoding="utf-8"
    ) == make_plain_model.text(), "plain_model.py veraltet: .venv/bin/python tools/make_plain_model.py"


def assert_same(model, plain, path=()):
    """The plain concept has the model's shape: class names, field order, values and their types, fields set."""
    if isinstance(model, BaseModel):
        assert isinstance(plain, PlainModel), path
        assert type(plain).__name__ == type(model).__name__, path
        assert type(plain).model_fields == tuple(type(model).model_fields), path
        assert plain.model_fields_set == model.model_fields_set, path
        assert list(plain.__dict__) == list(model.__dict__), path
        assert plain.__pydantic_extra__ == model.__pydantic_extra__, path
        for name, value in model.__dict__.items():
            assert_same(value, getattr(plain, name), (*path, name))
    elif isinstance(model, list):
        assert type(plain) is list and len(plain) == len(model), path
        for index, (a, b) in enumerate(zip(model, plain)):
            assert_same(a, b, (*path, index))
    else:
        assert type(plain) is type(model), (path, model, plain)
        assert plain == model or (plain != plain and model != model), (path, model, plain)


def both_ways(data, source_map):
    model, model_findings = check_schema(data, source_map)
    plain, plain_findings = check(data, source_map)
    assert plain_findings == model_findings
    if model is None:
        assert plain is None
    else:
        assert_same(model, plain)
        assert repr(plain) == repr(model)  # pydantic's repr, e.g. in a message or a log
    return model, plain


@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_files_validate_alike(file):
    try:
        document = load(str(file))
    except LoadError:
        pytest.skip("not loadable: no schema step")
    model, plain = both_ways(document.data, document.source_map)
    if model is not None:
        assert plain == plain and plain != model  # equality within the plain classes, like the model's


def test_rule_cases_validate_alike():
    """Every case of every rule (the documents the rules are proven on), findings and concepts."""
    valid = 0
    for _code, case in CASES:
        data, source_map = compose(example_document(case.yaml))
        model, _ = both_ways(data, source_map)
        valid += model is not None
    assert valid == len(CASES)


def test_schema_findings_come_from_the_model():
    """A concept with a schema finding gets the model's German message and place on the plain path too."""
    data, source_map = compose(example_document("status: entwurf\nauthority:\n  kind: kreis\n  name: Kreis X\n"))
    plain, findings = check(data, source_map)
    assert plain is None
    assert [(f.code, f.path) for f in findings] == [("S005", ("status",))]
    assert "„entwurf“ ist hier kein erlaubter Wert" in findings[0].message


def test_a_default_object_is_validated_like_the_model():
    """A field whose default is an object (PopulationTable.columns) gets the model's defaults, no field set."""
    from integconcept.document import plain_model

    columns = plain_model.PopulationColumns()
    assert columns.name == "Kommune" and columns.model_fields_set == set()


def test_validate_starts_without_pydantic(tmp_path):
    """``integconcept validate`` (the fast command line) checks a concept without importing pydantic or
    the model; a file with schema findings still gets them (then the model is loaded)."""
    script = (
        "import json, os, sys\n"
        "sys.argv = ['integconcept', 'validate', sys.argv[1]]\n"
        "os._exit = lambda code: (print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr), sys.exit(code))\n"
        "from integconcept.cli.console import run\n"
        "run()\n"
    )
    heavy = {"pydantic", "integconcept.document.model", "integconcept.document.schema_check"}
    unna = ROOT / "examples" / "kreis-unna-2012.yaml"
    bad = tmp_path / "falsch.yaml"
    bad.write_text(unna.read_text(encoding="utf-8").replace("status: adopted", "status: beschlossen"), encoding="utf-8")
    for file, code, loaded in ((unna, 0, set()), (bad, 1, heavy)):
        done = subprocess.run([sys.executable, "-c", script, str(file)], capture_output=True, text=True)
        exit_code, modules = json.loads(done.stderr.strip().splitlines()[-1])
        assert (exit_code, heavy & set(modules)) == (code, loaded), done.stdout[-2000:]


def test_another_pydantic_core_validates_with_the_model(monkeypatch):
    """The stored schema is pydantic-core's format of one version: with another one installed, the model
    validates (same findings and concept, only the start is slower) instead of building a validator from it."""
    from integconcept.document import plain, plain_model

    monkeypatch.setattr(plain_model, "CORE_VERSION", "0.0.0")
    monkeypatch.setattr(plain, "_VALIDATOR", None)
    document = load(str(ROOT / "examples" / "kreis-unna-2012.yaml"))
    concept, findings = check(document.data, document.source_map)
    assert findings == [] and isinstance(concept, BaseModel)
    monkeypatch.setattr(plain, "_VALIDATOR", None)  # built again for the installed version after the test


@pytest.mark.parametrize("file", FILES, ids=[f.name for f in FILES])
def test_plain_dump_is_the_models_json_dump(file):
    """``diff`` compares the JSON form of both versions: the plain classes give the model's, key for key."""
    from integconcept.document.plain import dump

    try:
        document = load(str(file))
    except LoadError:
        pytest.skip("not loadable: no schema step")
    model, plain = both_ways(document.data, document.source_map)
    if model is not None:
        assert json.dumps(dump(plain), ensure_ascii=False) == json.dumps(
            model.model_dump(mode="json"), ensure_ascii=False
        )


def _one_line_edits(text: str) -> dict[str, str]:
    """Versions of a concept with one line changed: a number, a date, an enum, an added list item, a
    removed section."""
    import re

    edits = {
        "number": re.sub(r"(?m)^(\s+total: )(\d+)$", lambda m: m.group(1) + str(int(m.group(2)) + 7), text, count=1),
        "date": re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\1-\2-01", text, count=1),
        "vague date": re.sub(r"(?m)^(\s+date: )'?(\d{4}-\d{2})-\d{2}'?$", r"\1Ende \2", text, count=1),
        "enum": text.replace("status: adopted", "status: draft"),
        "list item": re.sub(r"(?m)^(\s*)(- Quelle.*)$", r"\1\2\n\1- Eine neue Quelle", text, count=1),
        "section": re.sub(r"(?ms)^monitoring:.*?(?=^\w)", "", text, count=1),
    }
    return {name: edited for name, edited in edits.items() if edited != text}


def test_diff_reads_plain_classes_like_the_model(tmp_path):
    """The changes a comparison lists (places, German labels, choices, described entries) are the same
    whether both versions are read into the model's classes or into the plain ones."""
    from integconcept.drafting.diff import compare_files, render_json, render_text

    compared = 0
    for file in FILES:
        try:
            load(str(file))
        except LoadError:
            continue
        text = file.read_text(encoding="utf-8")
        for name, edited in _one_line_edits(text).items():
            new = tmp_path / f"{file.stem}-{name.replace(' ', '-')}.yaml"
            new.write_text(edited, encoding="utf-8")
            for pair in ((str(file), str(new)), (str(new), str(file))):
                model = compare_files(*pair)
                plain = compare_files(*pair, plain=True)
                assert isinstance(plain.new, PlainModel) and isinstance(model.new, BaseModel)
                assert render_text(plain) == render_text(model), (file.name, name)
                assert render_json(plain) == render_json(model), (file.name, name)
                compared += not model.equal
    assert compared >= 20


def test_diff_starts_without_pydantic(tmp_path):
    """``integconcept diff ALT NEU`` (text) compares two valid versions without importing pydantic or the
    model; a version with schema findings is explained by the model as before (exit 2)."""
    script = (
        "import json, os, sys\n"
        "sys.argv = ['integconcept', 'diff', sys.argv[1], sys.argv[2]]\n"
        "os._exit = lambda code: (print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr), sys.exit(code))\n"
        "from integconcept.cli.console import run\n"
        "run()\n"
    )
    heavy = {"pydantic", "integconcept.document.model", "integconcept.document.schema_check"}
    unna = ROOT / "examples" / "kreis-unna-2012.yaml"
    text = unna.read_text(encoding="utf-8")
    changed = tmp_path / "neu.yaml"
    changed.write_text(_one_line_edits(text)["number"], encoding="utf-8")
    bad = tmp_path / "falsch.yaml"
    bad.write_text(text.replace("status: adopted", "status: beschlossen"), encoding="utf-8")
    for new, code, loaded, shown in ((changed, 1, set(), "(49011 → 49018)"), (bad, 2, heavy, "S005")):
        done = subprocess.run([sys.executable, "-c", script, str(unna), str(new)], capture_output=True, text=True)
        exit_code, modules = json.loads(done.stderr.strip().splitlines()[-1])
        assert (exit_code, heavy & set(modules)) == (code, loaded), done.stdout[-2000:]
        assert shown in done.stdout + done.stderr

"""integconcept diff: semantic comparison by ids, word-level text changes, text/json/docx (Synopse)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from ruamel.yaml import YAML

from integconcept.drafting.diff import compare_files, inline_word_diff, word_diff

from .conftest import UNNA
from .test_fmt import _reindent
from .libreoffice import convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _load(path):
    yaml = YAML(typ="rt")
    return yaml.load(path.read_text(encoding="utf-8"))


def _dump(data, path) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return str(path)


def _index(items, ident):
    return next(i for i, item in enumerate(items) if item.get("id") == ident)


@pytest.fixture
def mutated(tmp_path):
    """Unna with six known edits; returns (path, expected {(pointer, kind)})."""
    data = _load(UNNA)
    steps = data["approval_process"]["steps"]
    council = _index(steps, "kreistag")
    steps[council]["date"] = "2012-11-06"
    data["action_fields"].append({"id": "sprache", "name": "Sprache"})
    goals = data["guiding_goals"]["goals"]
    removed_measure = goals[0]["measures"].pop(1)
    assert removed_measure
    data["preamble"]["population_table"]["rows"][0]["total"] = 49500
    data["preamble"]["intro"] = data["preamble"]["intro"].replace("rund 400.000 Menschen", "rund 395.000 Menschen")
    members = data["networks"]["bodies"][0]["expected_members"]
    members.append({"name": "Integrationsrat der Stadt Unna"})
    expected = {
        (f"/approval_process/steps/{council}/date", "changed"),
        (f"/action_fields/{len(data['action_fields']) - 1}", "added"),
        ("/guiding_goals/goals/0/measures/1", "removed"),
        ("/preamble/population_table/rows/0/total", "changed"),
        ("/preamble/intro", "changed"),
        (f"/networks/bodies/0/expected_members/{len(members) - 1}", "added"),
    }
    return _dump(data, tmp_path / "neu.yaml"), expected


def test_unna_vs_mutated_lists_exactly_the_mutations(mutated):
    path, expected = mutated
    comparison = compare_files(str(UNNA), path)
    assert {(c.to_json()["path"], c.kind) for c in comparison.changes} == expected
    by_path = {c.to_json()["path"]: c for c in comparison.changes}
    total = by_path["/preamble/population_table/rows/0/total"]
    assert (total.old, total.new) == (49011, 49500)
    assert "Tabellenzeile „Bergkamen“" in total.label and "Einwohner insgesamt" in total.label
    assert by_path["/action_fields/" + str(len(comparison.new.action_fields) - 1)].new == {
        "id": "sprache",
        "name": "Sprache",
        "description": None,
    }


def test_text_output_groups_by_section_in_german(mutated, run_cli):
    path, _ = mutated
    result = run_cli("diff", str(UNNA), path)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "6 Änderungen" in out
    for section in ("Präambel", "Handlungsfelder", "Integrationsleitziele", "Netzwerke und Gremien", "Gremienlauf"):
        assert f"\n{section}\n" in out
    assert out.index("\nPräambel\n") < out.index("\nHandlungsfelder\n") < out.index("\nGremienlauf\n")
    assert "rund [-400.000-]{+395.000+} Menschen" in out or "[-400-]{+395+}" in out
    assert "+ Handlungsfelder › Handlungsfeld „Sprache“: hinzugefügt" in out
    assert "Unverändert: " in out and "Monitoring" in out.split("Unverändert: ")[1]


def test_json_output(mutated, run_cli):
    path, expected = mutated
    result = run_cli("diff", str(UNNA), path, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert {(c["path"], c["kind"]) for c in document["changes"]} == expected
    for change in document["changes"]:
        assert set(change) == {"path", "kind", "old", "new", "label"}
        assert change["label"]
    removed = next(c for c in document["changes"] if c["kind"] == "removed")
    assert removed["new"] is None and isinstance(removed["old"], str)


def test_equal_and_reformatted_files_are_equal(tmp_path, run_cli):
    other = tmp_path / "umformatiert.yaml"
    other.write_text(_reindent(UNNA.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("diff", str(UNNA), str(other))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Keine inhaltlichen Unterschiede" in result.stdout
    assert (
        run_cli("diff", str(UNNA), str(UNNA), "-f", "json").stdout.strip() == '{\n  "version": 1,\n  "changes": []\n}'
    )


def test_unusable_input_exit_2(tmp_path, run_cli):
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("format_version: 1\nid: [\n", encoding="utf-8")
    result = run_cli("diff", str(UNNA), str(broken))
    assert result.returncode == 2
    assert "kaputt.yaml:" in result.stderr and "Y001" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("diff", str(UNNA), str(tmp_path / "fehlt.yaml"))
    assert result.returncode == 2 and "F001" in result.stderr
    result = run_cli("diff", str(UNNA), str(UNNA), "--format", "pdf")
    assert result.returncode == 2 and "unbekanntes Format" in result.stderr
    result = run_cli("diff", str(UNNA), str(UNNA), "--format", "docx")
    assert result.returncode == 2 and "-o" in result.stderr


def test_stdin_as_old_version(mutated):
    path, expected = mutated
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "diff", "-", path, "-f", "json"],
        input=UNNA.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert {(c["path"], c["kind"]) for c in json.loads(result.stdout)["changes"]} == expected


def test_word_diff_marks_only_changed_words():
    ops = word_diff("Der Kreis fördert die Sprache.", "Der Kreis fördert die Sprache und Bildung.")
    assert ops == [("equal", "Der Kreis fördert die Sprache"), ("insert", " und Bildung"), ("equal", ".")]
    assert inline_word_diff("a b c", "a x c") == "a [-b-]{+x+} c"


def test_ids_not_positions_decide(tmp_path):
    data = _load(UNNA)
    fields = data["action_fields"]
    fields.insert(0, fields.pop())  # moved, not changed
    fields[1]["name"] = fields[1]["name"] + " und Kultur"
    comparison = compare_files(str(UNNA), _dump(data, tmp_path / "neu.yaml"))
    assert [(c.to_json()["path"], c.kind) for c in comparison.changes] == [("/action_fields/1/name", "changed")]


def test_values_of_a_choice_are_shown_in_german(tmp_path):
    data = _load(UNNA)
    steps = data["approval_process"]["steps"]
    index = _index(steps, "kreistag")
    steps[index]["body_kind"] = "main_committee"
    comparison = compare_files(str(UNNA), _dump(data, tmp_path / "neu.yaml"))
    [change] = comparison.changes
    assert change.to_json()["path"] == f"/approval_process/steps/{index}/body_kind"
    assert (change.old, change.new) == ("council", "main_committee")
    assert "(„Kreistag/Rat“ → „Kreisausschuss/Hauptausschuss“)" in change.label


# --------------------------------------------------------------------------- Synopse (docx)


@pytest.fixture
def synopse(mutated, tmp_path, run_cli):
    path, _ = mutated
    out = tmp_path / "synopse.docx"
    result = run_cli("diff", str(UNNA), path, "--format", "docx", "-o", str(out))
    assert result.returncode == 1, result.stderr
    return out


def test_synopse_opens_in_python_docx_with_two_column_tables(synopse):
    import docx

    document = docx.Document(str(synopse))
    texts = [p.text for p in document.paragraphs]
    assert "Synopse" in texts
    assert any(t.startswith("Monitoring") and t.endswith("unverändert") for t in texts)
    assert not any(t.startswith("Präambel") and "unverändert" in t for t in texts)
    assert len(document.tables) == 5  # one per changed section
    for table in document.tables:
        assert [c.text for c in table.rows[0].cells] == ["bisherige Fassung", "neue Fassung"]
    header = document.sections[0].header.paragraphs[0].text
    assert "Synopse" in header and "Kreis Unna" in header
    runs = [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    struck = {r.text for r in runs if r.font.strike}
    underlined = {r.text for r in runs if r.font.underline}
    assert "400" in "".join(struck) and "49011" in struck
    assert "395" in "".join(underlined) and "49500" in underlined
    assert any("Sprache" in t for t in underlined)
    assert any("Integrationsrat der Stadt Unna" in t for t in underlined)


def test_synopse_xml_has_strike_and_underline(synopse):
    xml = zipfile.ZipFile(synopse).read("word/document.xml").decode("utf-8")
    assert "<w:strike/>" in xml or '<w:strike w:val="1"/>' in xml or "<w:strike " in xml
    assert '<w:u w:val="single"/>' in xml
    assert "<w:tblHeader" in xml


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice oder pdftotext fehlt"
)
def test_synopse_opens_in_libreoffice(synopse, tmp_path):
    profile = tmp_path / "profile"
    result = convert([synopse], "pdf", tmp_path, profile, timeout=240, check=False)
    pdf = tmp_path / "synopse.pdf"
    assert pdf.exists(), result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "Synopse" in text and "bisherige Fassung" in text and "neue Fassung" in text
    assert "Monitoring: unverändert" in text
    assert "49500" in text and "Seite 2 von" in text
    assert os.path.getsize(pdf) > 5000


def test_readme_example_is_real_output(tmp_path, run_cli):
    import re

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text[^\n]*\n\$ integconcept diff alt\.yaml konzept\.yaml\n(.*?)```", readme, re.S).group(1)
    data = _load(UNNA)
    data["preamble"]["intro"] = data["preamble"]["intro"].replace("rund 400.000 Menschen", "rund 395.000 Menschen")
    data["action_fields"].append({"id": "sprache", "name": "Sprache"})
    data["approval_process"]["steps"][_index(data["approval_process"]["steps"], "kreistag")]["date"] = "2012-11-06"
    _dump(data, tmp_path / "konzept.yaml")
    shutil.copy(UNNA, tmp_path / "alt.yaml")
    result = run_cli("diff", "alt.yaml", "konzept.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == shown


def test_drafting_library_is_thin_cli_ready():
    """init, fmt and diff are library functions without typer; refusals are UserErrors with exit code 2."""
    from integconcept.commands.drafting import diff_run, fmt_run, init_run
    from integconcept.core.errors import UserError

    code = (
        "import sys; import integconcept.commands.drafting, integconcept.drafting.fmt, integconcept.drafting.init, "
        "integconcept.drafting.diff, integconcept.drafting.synopse; "
        "print('typer' in sys.modules or 'click' in sys.modules, 'docx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(UNNA.parent.parent))
    assert out.stdout.split() == ["False", "False"], out.stderr
    stdout, stderr = io.StringIO(), io.StringIO()
    assert diff_run(str(UNNA), str(UNNA), format="json", output=None, template=None, stdout=stdout, stderr=stderr) == 0
    with pytest.raises(UserError) as info:
        diff_run(str(UNNA), str(UNNA), format="xml", output=None, template=None, stdout=stdout, stderr=stderr)
    assert info.value.exit_code == 2
    with pytest.raises(UserError):
        init_run(
            "x.yaml",
            authority=None,
            kind=None,
            basis=None,
            municipalities=None,
            interactive=False,
            terminal=False,
            stdout=stdout,
        )
    assert fmt_run([str(UNNA)], check=True, diff=False, stdout=stdout, stderr=stderr) == 0


def test_synopse_shortens_unchanged_paragraphs_of_a_long_text(tmp_path):
    import docx

    from integconcept.drafting.synopse import render_synopse

    data = _load(UNNA)
    history = data["preamble"]["history"]
    paragraphs = history.split("\n\n")
    assert len(paragraphs) > 3
    data["preamble"]["history"] = history.replace(paragraphs[0], paragraphs[0].replace("Integration", "Teilhabe", 1))
    comparison = compare_files(str(UNNA), _dump(data, tmp_path / "neu.yaml"))
    out = tmp_path / "s.docx"
    out.write_bytes(render_synopse(comparison))
    [table] = docx.Document(str(out)).tables
    left, right = (cell.text for cell in table.rows[2].cells)
    assert "[…]" in left and "[…]" in right
    assert paragraphs[-1][:40] not in left  # the unchanged end is not repeated
    assert "Teilhabe" in right and "Teilhabe" not in left


def test_synopse_is_byte_identical_between_runs_and_prints_a_vague_adoption_date(tmp_path):
    import docx

    from integconcept.drafting.synopse import render_synopse

    data = _load(UNNA)
    data["adoption"]["date"] = "Anfang 2012-11"  # adoption.date may be vague (issue 14)
    data["title"] = data["title"] + " (Fortschreibung)"
    comparison = compare_files(str(UNNA), _dump(data, tmp_path / "neu.yaml"))
    first, second = render_synopse(comparison), render_synopse(comparison)
    assert first == second
    out = tmp_path / "s.docx"
    out.write_bytes(first)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Kreistag Anfang November 2012" in text and "Kreistag am 30.10.2012" in text


# --------------------------------------------------------------------------- long texts in bounded time


def test_align_gives_valid_opcodes_for_any_two_sequences():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from integconcept.drafting.diff import align

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from("aab c"), max_size=40), st.lists(st.sampled_from("aab c"), max_size=40))
    def valid(a, b):
        rebuilt, i_end, j_end = [], 0, 0
        for op, i1, i2, j1, j2 in align(a, b):
            assert (i1, j1) == (i_end, j_end)  # contiguous, in order
            if op == "equal":
                assert a[i1:i2] == b[j1:j2]
            rebuilt += b[j1:j2]
            i_end, j_end = i2, j2
        assert (i_end, j_end) == (len(a), len(b)) and rebuilt == b

    valid()


def test_one_word_changed_in_two_megabytes_of_text_is_found_at_once():
    """difflib aligned the whole text word by word: two 2 MB texts with one word changed took minutes."""
    from integconcept.drafting.diff import word_diff

    from .scaling import assert_grows_linearly

    def texts(repeats: int) -> tuple[str, str]:
        prose = "Der Kreis grenzt an das Ruhrgebiet und an Westfalen; dort leben rund 400.000 Menschen.\n\n"
        old = prose * repeats
        middle = len(old) // 2
        return old, old[:middle] + old[middle:].replace("Ruhrgebiet", "Sauerland", 1)

    old, new = texts(20_000)
    ops = word_diff(old, new)
    assert_grows_linearly(lambda pair: word_diff(*pair), texts(2_000), (old, new), 10, tries=3)
    assert [op for op, _ in ops] == ["equal", "delete", "insert", "equal"]
    assert ops[1:3] == [("delete", "Ruhrgebiet"), ("insert", "Sauerland")]


def test_changes_spread_over_a_repetitive_text_stay_fast_and_exact():
    """Text that repeats itself made difflib's time grow with the cube of its length (2,500 words: 13 s).
    Long changed parts are aligned by lines first; the result still turns the old text into the new."""
    from integconcept.drafting.diff import word_diff

    from .scaling import assert_grows_linearly

    def texts(count: int) -> tuple[str, str]:
        lines = [f"Der Kreis grenzt an das Ruhrgebiet; dort leben rund {n} Menschen." for n in range(count)]
        return (
            "\n".join(lines),
            "\n".join(line.replace("grenzt", "liegt") if k % 3 == 0 else line for k, line in enumerate(lines)),
        )

    old, new = texts(600)
    ops = word_diff(old, new)
    assert_grows_linearly(lambda pair: word_diff(*pair), texts(60), (old, new), 10)  # cubic: 1,000 times
    assert "".join(t for op, t in ops if op != "insert") == old
    assert "".join(t for op, t in ops if op != "delete") == new
    assert ("delete", "grenzt") in ops and ("insert", "liegt") in ops  # still word by word


def test_a_synopse_of_hundreds_of_changes_has_every_change_in_its_own_pair_of_rows(tmp_path):
    """Rows after the first are copies of python-docx's own empty rows (its add_row and merge searched the
    whole table for every change): each change still has a merged label row and a row old | new, 8 cm each."""
    import zipfile

    import docx

    from integconcept.drafting.synopse import render_synopse

    data = _load(UNNA)
    # rows of the population table: printed content (the list of municipalities itself is not printed, so
    # the Synopse leaves it out)
    for i in range(300):
        data["preamble"]["population_table"]["rows"].append({"name": f"Neugemeinde {i}", "total": 1000 + i})
    comparison = compare_files(str(UNNA), _dump(data, tmp_path / "neu.yaml"))
    assert len(comparison.changes) == 300
    out = tmp_path / "synopse.docx"
    out.write_bytes(render_synopse(comparison))
    table = docx.Document(str(out)).tables[0]
    assert len(table.rows) == 1 + 2 * 300
    for index in (1, 299, 599):
        label, row = table.rows[index], table.rows[index + 1]
        assert len(label._tr.findall(f"{W}tc")) == 1 and label._tr.find(f".//{W}gridSpan").get(f"{W}val") == "2"
        assert f"Neugemeinde {(index - 1) // 2}“" in label.cells[0].text
        assert [c.text for c in row.cells] == ["(bisher nicht enthalten)", row.cells[1].text]
        assert f"Neugemeinde {(index - 1) // 2}" in row.cells[1].text
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert xml.count('<w:tcW w:type="dxa" w:w="4535"/>') == 2 + 300 + 2 * 300  # header, labels, old | new


def test_an_output_named_docx_is_the_synopse(run_cli, tmp_path):
    """-o synopse.docx without --format wrote the text report into a file Word cannot open, and the next run
    refused to replace it (not recognised as an earlier output)."""
    import zipfile

    old, new = tmp_path / "alt.yaml", tmp_path / "neu.yaml"
    old.write_text(UNNA.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(UNNA.read_text(encoding="utf-8").replace("Kreis Unna", "Kreis Unna (neu)", 3), encoding="utf-8")
    out = tmp_path / "synopse.docx"
    for _ in range(2):  # the second run replaces the first one's Synopse
        result = run_cli("diff", str(old), str(new), "-o", str(out))
        assert result.returncode == 1, result.stderr
        assert zipfile.is_zipfile(out) and "Synopse geschrieben" in result.stderr
    refused = run_cli("diff", str(old), str(new), "-f", "json", "-o", str(tmp_path / "v.docx"))
    assert refused.returncode == 2 and "--format docx" in refused.stderr and not (tmp_path / "v.docx").exists()

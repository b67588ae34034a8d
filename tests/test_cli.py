"""The validate command as a user runs it: output formats and exit codes."""

from __future__ import annotations

import json
import re

from .conftest import MINIMAL, ROOT, UNNA

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z][A-Z0-9-]*\d) (?P<msg>.+)$")


def test_text_format_one_line_per_finding_with_hint_and_summary(run_cli, write):
    path = write("c.yaml", MINIMAL.replace("status: draft", "status: entwurf") + "foo: 1\n")
    result = run_cli("validate", path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    first = LINE.match(lines[0])
    assert first and first["file"] == path and first["line"] == "10" and first["code"] == "S005"
    assert lines[1] == "    Stelle: status"
    assert lines[2].startswith("    Hinweis: ") and "draft" in lines[2]
    assert LINE.match(lines[3])["code"] == "S001"
    assert lines[-1] == "1 Datei geprüft: 2 Fehler, 0 Warnungen, 0 Hinweise."
    assert "Traceback" not in result.stdout + result.stderr


def test_json_format_shape(run_cli, write):
    bad = write("bad.yaml", MINIMAL.replace("kind: kreis", "kind: bezirk"))
    good = write("good.yaml", MINIMAL)
    # MINIMAL is a content-free draft: the legal packs rightly find plenty in it. This test is about
    # the output shape, so only the consistency pack (which MINIMAL passes) runs.
    result = run_cli("validate", "--format", "json", "--select", "common", bad, good)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert [f["file"] for f in document["files"]] == [bad, good]
    (finding,) = document["files"][0]["findings"]
    assert {k: finding[k] for k in ("code", "severity", "path", "line", "column")} == {
        "code": "S005",
        "severity": "error",
        "path": "/authority/kind",
        "line": 6,
        "column": 9,
    }
    assert isinstance(finding["message"], str) and isinstance(finding["hint"], str)
    assert document["files"][1]["findings"] == []
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}


def test_exit_codes(run_cli, write):
    good = write("good.yaml", MINIMAL)
    bad = write("bad.yaml", MINIMAL.replace("status: draft", "status: x"))
    # MINIMAL is a draft: what the funding guideline requires and it lacks is only a warning.
    assert run_cli("validate", good).returncode == 0
    assert run_cli("validate", "--strict", good).returncode == 1
    assert run_cli("validate", "--strict", "--select", "common", good).returncode == 0
    assert run_cli("validate", bad).returncode == 1
    assert run_cli("validate", "--exit-zero", bad).returncode == 0
    assert run_cli("validate", "--exit-zero", bad, str(ROOT / "fehlt.yaml")).returncode == 2
    assert run_cli("validate", "--format", "xml", good).returncode == 2
    assert run_cli("validate").returncode == 2


def test_unusable_input_exit_2_and_other_files_still_checked(run_cli, write):
    bad = write("bad.yaml", MINIMAL.replace("status: draft", "status: x"))
    binary = write("bild.yaml", b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_cli("validate", binary, bad)
    assert result.returncode == 2
    assert re.search(re.escape(binary) + r":\d+:1: F004", result.stdout) and f"{bad}:10:9: S005" in result.stdout
    assert "Traceback" not in result.stderr


def test_unknown_format_message_is_german(run_cli, write):
    result = run_cli("validate", "--format", "xml", write("c.yaml", MINIMAL))
    assert "unbekanntes Format „xml“" in result.stderr and "text" in result.stderr


def test_example_validates_via_python_m(run_cli_process):
    result = run_cli_process("validate", str(UNNA))
    assert result.returncode == 0, result.stdout
    assert "0 Fehler" in result.stdout.splitlines()[-1]


def test_schema_command_prints_the_schema(run_cli):
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Integrationskonzept"


def test_validate_does_not_import_rendering_libraries(run_cli):
    code = (
        "import sys; from integconcept.cli.app import main; sys.argv=['integconcept','validate',%r];\n"
        "try:\n    main()\nexcept SystemExit: pass\n"
        # holidays is allowed: the timeline rules (T010-T012) need NRW holidays during
        # validate and import it lazily only when a political session has an exact date.
        "heavy=[m for m in ('docx','lxml','icalendar','babel') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    ) % str(UNNA)
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out


def test_wrong_usage_is_explained_in_german(run_cli):
    unknown_option = run_cli("validate", "--fromat", "json", "x.yaml")
    assert unknown_option.returncode == 2
    assert "Fehler: Unbekannte Option „--fromat“. Meinten Sie „--format“?" in unknown_option.stderr
    missing = run_cli("validate")
    assert missing.returncode == 2 and "Es fehlt die Angabe" in missing.stderr
    unknown_command = run_cli("pruefen")
    assert unknown_command.returncode == 2 and "Unbekannter Befehl „pruefen“" in unknown_command.stderr
    for result in (unknown_option, missing, unknown_command):
        assert "Traceback" not in result.stderr

"""integconcept fmt: canonical formatting that keeps every comment and value."""

from __future__ import annotations

import io
import os
import re

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from integconcept.drafting.fmt import FormatError, format_file, format_text
from integconcept.document.loader import parse_yaml, to_plain

from .conftest import EXAMPLES, UNNA, example_files

BASE = """\
# yaml-language-server: $schema=../schemas/concept.schema.json
# Kopfkommentar

format_version: 1
id: kreis-test
title: Integrationskonzept Kreis Test
authority:
  name: Kreis Test
  kind: kreis
status: draft
legal_basis: tintg2012-p7
"""


def comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for m in re.finditer(r"(?:^|\s)#.*$", text, re.M))


def plain(text: str):
    return to_plain(parse_yaml(text))[0]


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.name)
def test_examples_are_canonical(example):
    text = example.read_text(encoding="utf-8")
    assert format_text(text) == text, f"{example.name} ist nicht kanonisch: integconcept fmt {example}"


def test_unna_is_idempotent_and_keeps_comments():
    text = UNNA.read_text(encoding="utf-8")
    once = format_text(text)
    assert format_text(once) == once
    assert comments(once) == comments(text)
    assert once.startswith("# yaml-language-server: $schema=../schemas/concept.schema.json\n")
    assert "# integconcept: ignore[K006]" in text or "integconcept: ignore" not in text


def _reindent(text: str, *, width: int = 50) -> str:
    """What another editor or tool makes of a file: other indentation, wrapped text, other quotes."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=4, sequence=2, offset=0)
    yaml.width = width
    data = yaml.load(text)

    def unliteral(node):
        if isinstance(node, dict):
            for key, value in node.items():
                node[key] = unliteral(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                node[index] = unliteral(value)
        elif isinstance(node, LiteralScalarString) and "\n" not in node:
            return str(node)  # a long one-line text now gets wrapped over several lines
        return node

    unliteral(data)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.name)
def test_reindented_and_rewrapped_file_comes_back_byte_identical(example):
    canonical = format_text(example.read_text(encoding="utf-8"))
    other = _reindent(canonical)
    assert other != canonical
    assert plain(other) == plain(canonical)
    assert format_text(other) == canonical


def test_keys_follow_the_model_and_comments_move_with_their_key():
    text = BASE.replace("status: draft\n", "") + ("# Vor dem Status\nstatus: draft  # noch nicht beschlossen\n")
    text = text.replace(
        "authority:\n  name: Kreis Test\n  kind: kreis\n",
        "authority:\n  kind: kreis   # Art\n  # Name der Körperschaft\n  name: Kreis Test\n",
    )
    out = format_text(text)
    assert (
        out.index("authority:") < out.index("# Vor dem Status") < out.index("status: draft") < out.index("legal_basis")
    )
    assert "  # Name der Körperschaft\n  name: Kreis Test\n  kind: kreis  # Art\n" in out
    assert "status: draft  # noch nicht beschlossen\n" in out
    assert comments(out) == comments(text)
    assert format_text(out) == out


def test_silence_comment_stays_on_its_value_line():
    text = BASE + ("uses_kim: false  # integconcept: ignore[X003] Grund: Test\n")
    out = format_text(text)
    assert "uses_kim: false  # integconcept: ignore[X003] Grund: Test\n" in out


def test_long_text_becomes_block_scalar_and_dates_iso():
    long = "Ein langer Satz, " * 10
    text = BASE + (
        "preamble:\n"
        f'  intro: "{long.strip()}"\n'
        "organisation:\n"
        "  start: Anfang November 2012\n"
        "approval_process:\n"
        "  steps:\n"
        "    - {id: beschluss, body: Kreistag, body_kind: council, purpose: decision, date: '2012-10-30'}\n"
    )
    out = format_text(text)
    assert f"  intro: |-\n    {long.strip()}\n" in out
    assert "  start: Anfang 2012-11\n" in out
    assert "      date: 2012-10-30\n" in out
    assert format_text(out) == out


def test_hash_inside_text_is_not_a_comment():
    text = BASE + (
        "preamble:\n"
        "  intro: 'Nummer\n"
        "    #1 der Liste'\n"
        "  history: |-\n"
        "    Absatz\n"
        "    # keine Überschrift, sondern Text\n"
    )
    out = format_text(text)
    assert plain(out)["preamble"] == plain(text)["preamble"]
    assert format_text(out) == out


def test_blank_lines_are_kept_but_not_doubled():
    text = BASE.replace("status: draft\n", "\n\n\nstatus: draft\n")
    out = format_text(text)
    assert "kind: kreis\n\nstatus: draft\n" in out


@pytest.mark.parametrize(
    "bad, code",
    [
        ("format_version: 1\n  id: x\n: y\n", "Y001"),
        ("format_version: 1\nformat_version: 1\n", "Y002"),
        ("- a\n- b\n", "Y005"),
        (BASE.replace("kind: kreis", "kind: landkreis"), "S005"),
        (BASE + "titel: Tippfehler\n", "S001"),
    ],
)
def test_unusable_input_raises_german_error(bad, code):
    with pytest.raises(FormatError) as info:
        format_text(bad, name="konzept.yaml")
    assert info.value.exit_code == 2
    assert re.search(rf"konzept\.yaml:\d+:\d+: {code} ", info.value.message)
    assert "unverändert" in info.value.message


def test_format_file_writes_atomically_and_check_does_not(tmp_path):
    path = tmp_path / "konzept.yaml"
    messy = BASE.replace("  name: Kreis Test\n  kind: kreis\n", "    kind: kreis\n    name: Kreis Test\n")
    path.write_text(messy, encoding="utf-8")
    result = format_file(str(path), check=True)
    assert result.changed and not result.written
    assert path.read_text(encoding="utf-8") == messy
    diff = format_file(str(path), diff=True).unified_diff()
    assert "-    kind: kreis" in diff and "+  name: Kreis Test" in diff
    assert path.read_text(encoding="utf-8") == messy
    result = format_file(str(path))
    assert result.written
    assert path.read_text(encoding="utf-8") == format_text(messy)
    assert os.listdir(tmp_path) == ["konzept.yaml"]  # no temporary file left
    assert not format_file(str(path)).changed


def test_format_file_never_touches_broken_file(tmp_path):
    path = tmp_path / "kaputt.yaml"
    broken = BASE + "preamble: [\n"
    path.write_text(broken, encoding="utf-8")
    before = path.stat().st_mtime_ns
    with pytest.raises(FormatError):
        format_file(str(path))
    assert path.read_text(encoding="utf-8") == broken
    assert path.stat().st_mtime_ns == before


def test_cli_exit_codes_check_diff_and_write(tmp_path, run_cli):
    messy = tmp_path / "messy.yaml"
    messy.write_text(
        BASE.replace("  name: Kreis Test\n  kind: kreis\n", "    kind: kreis\n    name: Kreis Test\n"), encoding="utf-8"
    )
    tidy = tmp_path / "tidy.yaml"
    tidy.write_text(format_text(BASE), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("format_version: 1\n\tid: x\n", encoding="utf-8")
    before = messy.read_bytes()

    result = run_cli("fmt", "--check", str(tidy))
    assert result.returncode == 0, result.stderr
    result = run_cli("fmt", "--check", str(tidy), str(messy))
    assert result.returncode == 1
    assert f"Würde umformatiert: {messy}" in result.stderr
    assert messy.read_bytes() == before
    result = run_cli("fmt", "--diff", str(messy))
    assert result.returncode == 0
    assert result.stdout.startswith(f"--- {messy} (bisher)\n+++ {messy} (formatiert)\n")
    assert messy.read_bytes() == before
    result = run_cli("fmt", str(messy), str(broken))
    assert result.returncode == 2
    assert re.search(r"broken\.yaml:2:1: Y003 ", result.stderr) and "Traceback" not in result.stderr
    assert broken.read_text(encoding="utf-8") == "format_version: 1\n\tid: x\n"
    assert messy.read_text(encoding="utf-8") == tidy.read_text(encoding="utf-8")
    assert run_cli("fmt", "--check", str(messy)).returncode == 0


def test_cli_reads_stdin(run_cli):
    import subprocess
    import sys

    messy = BASE.replace("  name: Kreis Test\n  kind: kreis\n", "  kind: kreis\n  name: Kreis Test\n")
    result = subprocess.run(
        [sys.executable, "-m", "integconcept", "fmt", "-"],
        input=messy,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == format_text(messy)


def test_examples_check_exits_zero(run_cli):
    result = run_cli("fmt", "--check", *[str(p) for p in example_files()])
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        # comments around list items, an item whose keys are in the wrong order, a flow mapping
        "action_fields:\n  # erstes\n  - id: a\n    name: A   # am Ende\n  # zwischen\n  -\n    name: B\n    id: b\n"
        "  - {id: c, name: C}  # Flussform\n# am Dateiende\n",
        # a comment after a block scalar's header, a folded text, text YAML 1.1 would misread
        "preamble:\n  intro: |-  # über die Einleitung\n    Text\n    mehr\n  history: >-\n    gefaltet\n    weiter\n"
        "sources: ['yes', '14:00', '1.5', 'null', '# kein Kommentar', 'a: b']\n",
        # an anchor and its alias
        "sources:\n  - &quelle Quelle eins\n  - *quelle\n",
    ],
)
def test_unusual_layouts_keep_values_and_comments(extra):
    text = BASE + extra
    out = format_text(text)
    assert plain(out) == plain(text)
    assert comments(out) == comments(text)
    assert format_text(out) == out


def test_crlf_bom_and_document_markers():
    text = "\ufeff---\r\n" + BASE.replace("\n", "\r\n") + "# Ende\r\n...\r\n"
    out = format_text(text)
    assert "\r" not in out and "\ufeff" not in out and "---" not in out
    assert out.endswith("legal_basis: tintg2012-p7\n# Ende\n")
    assert plain(out) == plain(BASE)


def test_silence_still_silences_after_formatting_a_reindented_file(tmp_path):
    from integconcept.commands.validate import validate_file

    text = UNNA.read_text(encoding="utf-8").replace(
        "migration_background_percent: 34.6\n",
        "migration_background_percent: 34.6  # integconcept: ignore[K006] Grund: so in der Vorlage gedruckt\n",
        1,
    )
    assert "ignore[K006]" in text
    path = tmp_path / "konzept.yaml"
    path.write_text(_reindent(text), encoding="utf-8")
    before = [f.code for f in validate_file(str(path)).findings]
    assert "K006" not in before and "K902" not in before
    format_file(str(path))
    formatted = path.read_text(encoding="utf-8")
    assert re.search(
        r"\n +migration_background_percent: 34\.6  # integconcept: ignore\[K006\] Grund: so in der "
        r"Vorlage gedruckt\n",
        formatted,
    )
    after = [f.code for f in validate_file(str(path)).findings]
    assert after == before


# --------------------------------------------------------------------------- Windows line endings and BOM (issue 19)


def test_a_canonical_file_with_crlf_and_bom_passes_the_check_and_stays_byte_for_byte(run_cli, tmp_path):
    """Git for Windows checks files out with CRLF (autocrlf) and Notepad may add a BOM: a canonical file
    is still canonical ('fmt --check' showed an 834-line diff with no visible change)."""
    path = tmp_path / "konzept.yaml"
    data = b"\xef\xbb\xbf" + UNNA.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(data)
    check = run_cli("fmt", "--check", str(path))
    assert check.returncode == 0, check.stderr
    assert run_cli("fmt", "--diff", str(path)).stdout == ""
    assert run_cli("fmt", str(path)).returncode == 0
    assert path.read_bytes() == data


def test_formatting_keeps_crlf_and_bom(run_cli, tmp_path):
    path = tmp_path / "konzept.yaml"
    untidy = UNNA.read_text(encoding="utf-8").replace(
        "  name: Kreis Unna\n  kind: kreis\n", "  kind: kreis\n  name: Kreis Unna\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + untidy.replace("\n", "\r\n").encode("utf-8"))
    check = run_cli("fmt", "--check", str(path))
    assert check.returncode == 1 and "Würde umformatiert" in check.stderr
    diff = run_cli("fmt", "--diff", str(path)).stdout
    changed = [
        line for line in diff.splitlines() if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    assert len(changed) == 2 and "\r" not in diff  # one line moved, not every line of the file
    assert run_cli("fmt", str(path)).returncode == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == UNNA.read_text(encoding="utf-8")


def test_lf_files_stay_lf_and_mixed_endings_alone_are_no_change(run_cli, tmp_path):
    path = tmp_path / "konzept.yaml"
    lines = UNNA.read_bytes().split(b"\n")
    mixed = b"\n".join(line + (b"\r" if i % 3 == 0 and i < len(lines) - 1 else b"") for i, line in enumerate(lines))
    path.write_bytes(mixed)
    assert run_cli("fmt", "--check", str(path)).returncode == 0
    assert run_cli("fmt", str(path)).returncode == 0 and path.read_bytes() == mixed
    untidy = UNNA.read_text(encoding="utf-8").replace(
        "  name: Kreis Unna\n  kind: kreis\n", "  kind: kreis\n  name: Kreis Unna\n"
    )
    path.write_text(untidy, encoding="utf-8")
    assert run_cli("fmt", str(path)).returncode == 0
    assert path.read_bytes() == UNNA.read_bytes()


def test_the_pre_commit_hooks_pass_on_a_checkout_with_autocrlf(run_cli, tmp_path):
    """A repository as Git for Windows checks it out by default (core.autocrlf=true: CRLF in the working
    tree): both hooks pass on the examples, and fmt --check still finds an untidy file."""
    import shlex
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git fehlt")
    repo = tmp_path / "repo"
    repo.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, repo / example.name)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "core.autocrlf=true"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "Beispiele"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    for example in repo.glob("*.yaml"):
        example.unlink()
    subprocess.run([*git, "checkout", "--", "."], cwd=repo, check=True, capture_output=True)
    files = sorted(repo.glob("*.yaml"))
    assert files and all(b"\r\n" in f.read_bytes() for f in files)
    hooks = YAML(typ="safe").load((EXAMPLES.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        result = run_cli(*shlex.split(hook["entry"])[1:], *map(str, files))
        assert result.returncode == 0, (hook["id"], result.stdout[-500:], result.stderr[-500:])
    files[0].write_bytes(files[0].read_bytes().replace(b"status: ", b"status:   ", 1))
    assert run_cli("fmt", "--check", str(files[0])).returncode == 1

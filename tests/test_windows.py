"""Windows desktops (issue 19): code pages, files held open by Word, calls POSIX alone has, simulated here.

German Windows writes redirected or piped output in cp1252 and its console in cp850; ``PYTHONIOENCODING``
gives a Python process the same encodings on Linux, so those runs are real. What only Windows does (refuse
to replace a file Word holds open, no ``pthread_sigmask``, no hard links on FAT) is simulated by
monkeypatching ``os``/``signal``/``sys.platform``."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from integconcept.core import output
from integconcept.core.console_text import readable, substitute

from .conftest import MINIMAL, UNNA

ENCODINGS = ["cp1252", "cp850", "ascii"]

#: every command, as a user runs it in one folder (render before import: import reads the DOCX)
COMMANDS = [
    ["validate", "unna.yaml"],
    ["validate", "latin1.yaml"],
    ["validate", "--format", "json", "unna.yaml"],
    ["validate", "--format", "sarif", "latin1.yaml"],
    ["timeline", "unna.yaml"],
    ["timeline", "unna.yaml", "--format", "json"],
    ["timeline", "plan", "-d", "2012-10-30", "unna.yaml"],
    ["timeline", "plan", "-d", "2012-10-30", "--format", "yaml"],
    ["diff", "unna.yaml", "unna-neu.yaml"],
    ["render", "unna.yaml", "-o", "unna.docx"],
    ["import", "unna.docx", "-o", "importiert.yaml"],
    ["rules"],
    ["rules", "--format", "json"],
    ["explain", "K004"],
    ["explain", "Y008"],
    ["fmt", "--diff", "unformatiert.yaml"],
    ["fmt", "unformatiert.yaml"],
    [
        "init",
        "neu.yaml",
        "--authority",
        "Kreis Höxter",
        "--kind",
        "kreis",
        "--basis",
        "tintg2012-p7",
        "--municipality",
        "Bad Driburg",
    ],
    ["schema"],
    ["validate", "fehlt.yaml"],
]

#: runs every command of argv[1] (JSON) through cli.main in this process, whose stdout/stderr Python set up
#: from PYTHONIOENCODING as at any start; a separator line after each, the exit codes into argv[2]
DRIVER = """
import json, sys
from integconcept.cli.app import main
commands, target, codes = json.loads(sys.argv[1]), sys.argv[2], []
for index, args in enumerate(commands):
    sys.argv = ["integconcept", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    codes.append(code)
    for stream in (sys.stdout, sys.stderr):
        stream.write(f"\\n@@@ {index}\\n")
        stream.flush()
open(target, "w", encoding="utf-8").write(json.dumps(codes))
"""


def _folder(path: Path) -> Path:
    path.mkdir()
    shutil.copy(UNNA, path / "unna.yaml")
    text = UNNA.read_text(encoding="utf-8")
    (path / "unna-neu.yaml").write_text(text.replace("Kreis Unna", "Kreis Unna (neu)", 3), encoding="utf-8")
    (path / "latin1.yaml").write_bytes(
        (MINIMAL + "subtitle: Für Zuwanderer – „Vielfalt“\n").encode("latin-1", "replace")
    )
    (path / "unformatiert.yaml").write_text(MINIMAL.replace("title: ", "title:    "), encoding="utf-8")
    return path


def _machine_readable(args: list[str]) -> bool:
    """JSON, SARIF, iCalendar, YAML and the schema go to standard output as UTF-8 on any code page."""
    return args[0] == "schema" or any(f in args for f in ("json", "sarif", "ics", "yaml"))


def _run_all(folder: Path, encoding: str) -> tuple[list[int], list[str], list[str]]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "100"}
    env.pop("PYTHONUTF8", None)
    env.pop("GITHUB_ACTIONS", None)
    codes_file = folder / "codes.json"
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(COMMANDS), str(codes_file)],
        capture_output=True,
        cwd=folder,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # each command's output decodes strictly: machine-readable formats as UTF-8, the rest in the code page
    # (click writes its own messages as UTF-8 when a stream says ASCII: it calls that misconfigured)
    human = "utf-8" if encoding in ("ascii", "utf-8") else encoding
    stdout = [
        part.decode("utf-8" if index < len(COMMANDS) and _machine_readable(COMMANDS[index]) else human)
        for index, part in enumerate(result.stdout.split(b"\n@@@ "))
    ]
    stderr = [part.decode(human) for part in result.stderr.split(b"\n@@@ ")]
    return json.loads(codes_file.read_text(encoding="utf-8")), stdout, stderr


@pytest.fixture(scope="module")
def utf8_run(tmp_path_factory):
    return _run_all(_folder(tmp_path_factory.mktemp("utf8") / "k"), "utf-8")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_command_runs_on_a_windows_code_page_as_in_utf8(tmp_path, encoding, utf8_run):
    """Redirected output on German Windows (cp1252), its console (cp850) and pure ASCII: every command
    ends with the exit code it has in UTF-8, none with an internal error; what the code page lacks is a
    readable substitute; the files written stay UTF-8."""
    codes, stdout, stderr = _run_all(_folder(tmp_path / "k"), encoding)
    utf8_codes, utf8_stdout, utf8_stderr = utf8_run
    assert dict(zip(map(" ".join, COMMANDS), codes)) == dict(zip(map(" ".join, COMMANDS), utf8_codes))
    unusable = {"validate latin1.yaml", "validate --format sarif latin1.yaml", "validate fehlt.yaml"}  # exit 2
    assert {" ".join(c) for c, code in zip(COMMANDS, utf8_codes) if code == 2} == unusable
    for text in stdout + stderr:
        assert "Interner Fehler" not in text and "Traceback" not in text and "UnicodeEncodeError" not in text
    # what a user reads: the same lines with substitutes (no line lost, the German letters kept where the
    # code page has them)
    for index, (ours, reference) in enumerate(zip(stdout, utf8_stdout)):
        assert len(ours.splitlines()) == len(reference.splitlines())
        if index < len(COMMANDS) and _machine_readable(COMMANDS[index]):
            assert ours == reference  # the data unchanged, also for a program reading a redirected file
        elif encoding != "ascii":
            assert readable(reference, encoding) == ours
    validate_latin1 = stderr[1] + stdout[1]
    assert "->" in validate_latin1 or "→" in validate_latin1
    # files written are UTF-8 whatever the console
    folder = tmp_path / "k"
    for name in ("importiert.yaml", "neu.yaml", "unformatiert.yaml"):
        (folder / name).read_bytes().decode("utf-8")
    assert "Kreis Höxter" in (folder / "neu.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_the_console_script_itself_on_a_code_page(tmp_path, encoding):
    """The installed console script (not just cli.main): validate and timeline of the Unna example with
    redirected output, exit codes as in UTF-8."""
    script = Path(sys.executable).parent / ("integconcept.exe" if os.name == "nt" else "integconcept")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("GITHUB_ACTIONS", None)
    for args in (["validate", str(UNNA)], ["timeline", str(UNNA)]):
        runs = {
            enc: subprocess.run(
                [str(script), *args], capture_output=True, env={**env, "PYTHONIOENCODING": enc}, timeout=300
            )
            for enc in ("utf-8", encoding)
        }
        assert runs[encoding].returncode == runs["utf-8"].returncode
        text = runs[encoding].stdout.decode(encoding) + runs[encoding].stderr.decode(encoding)
        assert "Interner Fehler" not in text and "Traceback" not in text
        assert text.strip()


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_a_concept_piped_in_is_read_as_utf8_on_a_code_page(tmp_path, encoding):
    """``type konzept.yaml | integconcept fmt -`` and ``… | integconcept diff - neu.yaml``: the piped file is
    UTF-8 like every concept file (read as cp1252 it gave 'HÃ¶xter'); fmt's YAML comes out as UTF-8."""
    text = MINIMAL.replace("Kreis Test", "Kreis Höxter – „Test“").replace("title: ", "title:   ")
    (tmp_path / "neu.yaml").write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "integconcept", *args],
            input=text.encode("utf-8"),
            capture_output=True,
            cwd=tmp_path,
            env=env,
            timeout=300,
        )

    formatted = run("fmt", "-")
    assert formatted.returncode == 0, formatted.stderr.decode(encoding)
    assert "authority:\n  name: Kreis Höxter – „Test“\n" in formatted.stdout.decode("utf-8")
    compared = run("diff", "-", "neu.yaml")
    assert compared.returncode == 1, compared.stderr.decode(encoding)
    assert "Höxter" in compared.stdout.decode(encoding) and "Ã" not in compared.stdout.decode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_the_internal_error_message_is_readable_on_the_code_page(tmp_path, encoding):
    """The last-resort message (a bug) names the file in quotes the code page can show, not as mojibake."""
    code = (
        "import sys\n"
        "import integconcept.commands.validate as v\n"
        "def boom(*a, **k): raise RuntimeError('kaputt')\n"
        "v.validate_file = boom\n"
        "from integconcept.cli import app\n"
        "app.validate_file = boom\n"
        f"sys.argv = ['integconcept', 'validate', {str(UNNA)!r}]\n"
        "app.main()\n"
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=300)
    assert result.returncode == 2
    text = result.stderr.decode("utf-8" if encoding == "ascii" else encoding)
    assert "Interner Fehler" in text and "Traceback" not in text
    assert f"{UNNA}" in text and "Eingabedateien wurden nicht" in text
    if encoding == "cp850":
        assert f'"{UNNA}"' in text  # „…“ are not in cp850


def test_substitutes_are_readable_and_in_the_code_page():
    cases = {"\u202f": " ", "„": '"', "“": '"', "→": "->", "─": "-", "│": "|", "┼": "+", "…": "...", "€": "EUR"}
    for char, expected in cases.items():
        assert substitute(char, "ascii") == expected
    assert readable("27\u202f710 Einwohner", "cp1252") == "27 710 Einwohner"
    assert readable("„Zitat“ – § 7 → ä", "cp850") == '"Zitat" - § 7 -> ä'
    assert readable("„Zitat“ – § 7 → ä", "cp1252") == "„Zitat“ – § 7 -> ä"
    assert readable("Größe € 5 ✓ 😀", "ascii") == "Groesse EUR 5 OK ?"
    assert readable("ok", "ascii") == "ok"


def test_a_users_error_handler_and_utf8_are_left_alone():
    import io

    from integconcept.core.console_text import readable_output

    chosen = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="replace")
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    strict = io.TextIOWrapper(io.BytesIO(), encoding="cp850")
    readable_output(chosen, utf8, strict)
    assert chosen.errors == "replace" and utf8.errors == "strict" and strict.errors != "strict"
    strict.write("27\u202f710 → „x“")
    strict.flush()
    assert strict.buffer.getvalue().decode("cp850") == '27 710 -> "x"'


# --------------------------------------------------------------------------- a file held open in Word


def _held_open(monkeypatch, how: str):
    """os.replace as Windows answers when another program holds the target open."""
    calls = []

    def refuse(source, target):
        calls.append(target)
        exc = PermissionError(errno.EACCES, "Der Prozess kann nicht auf die Datei zugreifen", str(target))
        if how == "winerror-32":
            exc.winerror = 32  # ERROR_SHARING_VIOLATION
        raise exc

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(output, "REPLACE_PAUSE", 0)
    if how == "eacces-on-windows":
        monkeypatch.setattr(sys, "platform", "win32")
    return calls


def _write_commands(folder: Path) -> dict[str, tuple[list[str], str]]:
    """Every command that writes a file: its arguments (writing into folder) and the file it writes."""
    return {
        "render": (["render", "unna.yaml", "-o", "konzept.docx"], "konzept.docx"),
        "timeline -o": (["timeline", "unna.yaml", "--format", "ics", "-o", "termine.ics"], "termine.ics"),
        "timeline plan -o": (
            ["timeline", "plan", "-d", "2012-10-30", "unna.yaml", "--format", "json", "-o", "plan.json"],
            "plan.json",
        ),
        "diff -o": (["diff", "unna.yaml", "unna-neu.yaml", "-o", "synopse.docx"], "synopse.docx"),
        "fmt": (["fmt", "unformatiert.yaml"], "unformatiert.yaml"),
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A folder where every writing command has run once (so each output is an earlier output of its own)."""
    from .conftest import cli_in_process

    folder = _folder(tmp_path_factory.mktemp("ausgaben") / "k")
    for name, (args, target) in _write_commands(folder).items():
        result = cli_in_process(*args, cwd=folder)
        assert result.returncode in (0, 1) and (folder / target).exists(), (name, result.stderr)  # diff: 1
    (folder / "unformatiert.yaml").write_text(MINIMAL.replace("title: ", "title:    "), encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["winerror-32", "eacces-on-windows"])
@pytest.mark.parametrize("command", ["render", "timeline -o", "timeline plan -o", "diff -o", "fmt"])
def test_a_file_held_open_in_word_is_named_and_left_as_it_was(written, tmp_path, monkeypatch, command, how):
    from .conftest import cli_in_process

    folder = tmp_path / "k"
    shutil.copytree(written, folder)
    args, target = _write_commands(folder)[command]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = _held_open(monkeypatch, how)
    result = cli_in_process(*args, cwd=folder)
    assert calls, "the command did not try to replace its output"
    assert result.returncode == 2, result.stderr
    message = " ".join(result.stderr.split())
    assert f"{target}“ ist in einem anderen Programm geöffnet" in message
    assert "schließen und den Befehl noch einmal ausführen" in message and "nicht verändert" in message
    assert "Traceback" not in result.stderr and "Interner Fehler" not in result.stderr
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before  # the old file intact, no temporary file left


def test_a_new_file_that_cannot_be_placed_is_not_blamed_on_word(tmp_path, monkeypatch):
    """Nothing can hold open a file that does not exist yet: a PermissionError when placing a new output is
    reported as missing permission, and nothing is left behind."""
    _held_open(monkeypatch, "winerror-32")
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(output.OutputError) as caught:
        output.atomic_write(tmp_path / "neu.ics", b"x")
    assert "keine Berechtigung" in caught.value.message and "Word" not in caught.value.message
    assert os.listdir(tmp_path) == []


def test_a_short_hold_by_a_virus_scanner_passes(tmp_path, monkeypatch):
    """Windows only: a scanner or indexer holds a new file for a moment; the replacement is tried again."""
    real_replace = os.replace
    refusals = []

    def briefly_held(source, target):
        if len(refusals) < 2:
            exc = PermissionError(errno.EACCES, "held")
            exc.winerror = 32
            refusals.append(target)
            raise exc
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", briefly_held)
    monkeypatch.setattr(output, "REPLACE_PAUSE", 0)
    monkeypatch.setattr(sys, "platform", "win32")
    target = tmp_path / "a.ics"
    target.write_bytes(b"alt")
    output.atomic_write(target, b"neu")
    assert target.read_bytes() == b"neu" and len(refusals) == 2 and os.listdir(tmp_path) == ["a.ics"]


def test_on_linux_a_permission_error_is_not_blamed_on_word(tmp_path, monkeypatch):
    def refuse(source, target):
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "name", "posix")
    target = tmp_path / "a.ics"
    target.write_bytes(b"alt")
    with pytest.raises(output.OutputError) as caught:
        output.atomic_write(target, b"neu")
    assert "keine Berechtigung" in caught.value.message and "Word" not in caught.value.message
    assert os.listdir(tmp_path) == ["a.ics"] and target.read_bytes() == b"alt"


# --------------------------------------------------------------------------- calls POSIX alone has


def test_outputs_are_written_without_pthread_sigmask(tmp_path, monkeypatch):
    """Windows' signal module has no pthread_sigmask: every -o output still works (it gave 'Interner
    Fehler (AttributeError)')."""
    from .conftest import cli_in_process

    monkeypatch.delattr(signal, "pthread_sigmask", raising=False)
    folder = _folder(tmp_path / "k")
    result = cli_in_process("timeline", "unna.yaml", "--format", "ics", "-o", "termine.ics", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "termine.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    target = tmp_path / "b.txt"
    target.write_bytes(b"alt")
    output.atomic_write(target, b"neu")
    assert target.read_bytes() == b"neu"


def test_no_chmod_on_windows(tmp_path, monkeypatch):
    """Windows knows no permission bits (chmod sets only the read-only flag): the output is written
    without it; on Linux the new file gets the usual 0644, not mkstemp's private 0600."""
    target = tmp_path / "a.txt"
    output.atomic_write(target, b"x")
    assert target.stat().st_mode & 0o777 == 0o644

    def no_chmod(*args, **kwargs):
        raise AssertionError("chmod called on Windows")

    monkeypatch.setattr(os, "chmod", no_chmod)
    monkeypatch.setattr(sys, "platform", "win32")
    output.atomic_write(target, b"y")
    assert target.read_bytes() == b"y"


@pytest.mark.parametrize("command", ["init", "import"])
def test_new_files_on_windows_are_renamed_into_place_not_linked(tmp_path, monkeypatch, command):
    """Hard links fail on FAT-formatted sticks and many network shares; Windows' rename never replaces an
    existing file, so init and import use it there (simulated: rename refuses an existing target as on
    Windows); no chmod either."""
    from integconcept.drafting.init import InitError, InitOptions, init_file

    options = InitOptions(authority="Kreis Höxter", kind="kreis", basis="tintg2012-p7", municipalities=["Bad Driburg"])
    (tmp_path / "warm").mkdir()
    init_file(str(tmp_path / "warm" / "k.yaml"), options)  # lazy imports done before sys.platform changes
    shutil.rmtree(tmp_path / "warm")
    real_rename = os.rename

    def windows_rename(source, target):
        if os.path.exists(target):
            raise FileExistsError(errno.EEXIST, "Die Datei ist bereits vorhanden", str(target))
        real_rename(source, target)

    def no_link(*args):
        raise AssertionError("os.link called on Windows")

    monkeypatch.setattr(os, "rename", windows_rename)
    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(os, "chmod", no_link)
    monkeypatch.setattr(sys, "platform", "win32")
    target = tmp_path / "neu.yaml"
    if command == "init":
        init_file(str(target), options)
        assert "Kreis Höxter" in target.read_text(encoding="utf-8") and os.listdir(tmp_path) == ["neu.yaml"]
        before = target.read_bytes()
        with pytest.raises(InitError) as caught:
            init_file(str(target), options)
        assert "gibt es schon" in caught.value.message
    else:  # import's writer; a file that appeared meanwhile stays
        from integconcept.core.replace import ReplaceRefused, create_new

        create_new(target, "format_version: 1\n".encode(), exists_message="entstanden")
        before = target.read_bytes()
        with pytest.raises(ReplaceRefused):
            create_new(target, b"anders", exists_message="entstanden")
    assert target.read_bytes() == before and os.listdir(tmp_path) == ["neu.yaml"]

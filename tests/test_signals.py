"""Stopping a command at any point (issue 20, item 3): SIGTERM, SIGINT and SIGHUP leave nothing behind.

``render --pdf`` left ``integconcept-pdf-*`` folders (the concept as DOCX and PDF and a LibreOffice profile) in
the temporary folder, and with a hanging LibreOffice the helper script and soffice ran on for up to 180 s:
the signal handlers were installed only while an output was being written. Tested with a fake soffice that
hangs and with the real LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import UNNA

ROOT = Path(__file__).resolve().parents[1]
ON_CI = os.environ.get("CI") == "true"


def _need(condition: bool, reason: str) -> None:
    """Skip with a visible reason – but fail on CI, where the tools must be there."""
    if not condition:
        if ON_CI:
            pytest.fail(f"{reason} (auf CI Pflicht)")
        pytest.skip(reason)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent does not count)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in handle)
    except FileNotFoundError:
        return False


def _wait_for(condition, limit: float = 120.0) -> bool:
    """Poll ``condition`` (bounded; the outcome, not the time, is what the tests assert)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes() and _alive(int(entry.name)):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _default_signals() -> None:
    """A command started from a background job (CI) inherits SIGINT/SIGHUP ignored, and an ignored signal stays
    ignored (nohup); a person's terminal delivers them: the child gets the default handling back."""
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


HANGING_SOFFICE = """#!/bin/sh
echo $$ > "{pidfile}"
exec sleep 600
"""


def _start_render(tmp_path: Path, env_extra: dict) -> tuple[subprocess.Popen, Path, Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    concept = tmp_path / "konzept.yaml"
    shutil.copy(UNNA, concept)
    out = tmp_path / "konzept.docx"
    env = {**os.environ, "TMPDIR": str(temp), **env_extra}
    process = subprocess.Popen(
        [sys.executable, "-m", "integconcept", "render", str(concept), "-o", str(out), "--pdf"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_signals,
    )
    return process, temp, out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_with_a_hanging_libreoffice_leaves_nothing_behind(tmp_path, signum):
    pidfile = tmp_path / "soffice.pid"
    fake = tmp_path / "soffice"
    fake.write_text(HANGING_SOFFICE.format(pidfile=pidfile))
    fake.chmod(0o755)
    process, temp, out = _start_render(tmp_path, {"INTEGCONCEPT_SOFFICE": str(fake)})
    try:
        assert _wait_for(lambda: pidfile.exists() and pidfile.read_text().strip()), "the fake soffice never started"
        soffice = int(pidfile.read_text())
        assert _alive(soffice)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signum, stderr
    assert "Abgebrochen" in stderr and "Traceback" not in stderr
    assert list(temp.iterdir()) == []  # no integconcept-pdf-* folder
    assert _wait_for(lambda: not _alive(soffice), 30)
    assert not out.with_suffix(".pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    if out.exists():  # the DOCX may have been finished before the signal: then it is whole
        with zipfile.ZipFile(out) as archive:
            assert archive.testzip() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and POSIX signals")
@pytest.mark.parametrize("kept", [False, True], ids=["neues-Profil", "aufbewahrter-Arbeitsordner"])
def test_sigterm_with_the_real_libreoffice_stops_it_and_removes_its_profile(tmp_path, kept, request):
    """Stopped during the export, LibreOffice ends and its profile goes: the temporary folder of a first export,
    or (with a kept profile) the kept work folder beside it, which the next export makes afresh."""
    _need(shutil.which("soffice") is not None, "LibreOffice (soffice) fehlt")
    cache_home = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache_home)}
    if kept:  # the profile a successful export keeps: the next export works in a kept folder beside it
        shutil.copytree(request.getfixturevalue("kept_profile_cache"), cache_home)
        assert [p.name for p in (cache_home / "integconcept").iterdir() if "-work-" in p.name] == []
    existing = tmp_path / "konzept.pdf"
    process, temp, out = _start_render(tmp_path, env)
    where = cache_home / "integconcept" if kept else temp
    try:
        # LibreOffice is up when its profile folder is there and a LibreOffice uses it
        assert _wait_for(
            lambda: (
                bool(_processes_mentioning(f"UserInstallation=file://{where}"))
                and any((folder / "profile").exists() for folder in where.glob("*") if folder.is_dir())
            )
        ), "LibreOffice never started"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Abgebrochen" in stderr
    assert _wait_for(lambda: not _processes_mentioning(f"UserInstallation=file://{where}"), 30), (
        "LibreOffice still runs"
    )
    assert list(temp.iterdir()) == []
    assert not existing.exists()
    if kept:  # the kept work folder is gone (stopped half-way), the kept profile stays
        left = sorted(p.name for p in (cache_home / "integconcept").iterdir())
        assert [name for name in left if "-work-" in name and not name.endswith(".lock")] == []
        assert any(name.startswith("libreoffice-macro-profile-") for name in left)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and POSIX signals")
def test_a_crashed_libreoffice_is_reported_as_what_happened(tmp_path):
    """Not "nicht rechtzeitig gestartet": its exit status and its last message."""
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Fatal exception: Signal 6' >&2\nexit 77\n")
    fake.chmod(0o755)
    process, temp, out = _start_render(tmp_path, {"INTEGCONCEPT_SOFFICE": str(fake)})
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert "LibreOffice hat sich beim Start mit Exit-Code 77 beendet" in stderr
    assert "Fatal exception: Signal 6" in stderr and "nicht rechtzeitig" not in stderr
    assert list(temp.iterdir()) == []


# --------------------------------------------------------------------------- Windows, simulated


def test_atomic_write_without_pthread_sigmask(tmp_path, monkeypatch):
    """Windows has no signal.pthread_sigmask: atomic_write called it unguarded (AttributeError on every write)."""
    from integconcept.core import output

    monkeypatch.delattr(signal, "pthread_sigmask")
    monkeypatch.setattr(sys, "platform", "win32")
    out = tmp_path / "k.txt"
    output.atomic_write(out, b"eins")
    assert out.read_bytes() == b"eins"

    # a signal while the temporary file is being created is held back and raised once its name is known
    real_mkstemp = output.tempfile.mkstemp

    def mkstemp_interrupted(*args, **kwargs):
        result = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return result

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp_interrupted)
    with pytest.raises(output.Interrupted) as caught:
        output.atomic_write(out, b"zwei")
    assert caught.value.signum == signal.SIGTERM
    assert out.read_bytes() == b"eins" and sorted(p.name for p in tmp_path.iterdir()) == ["k.txt"]


def _fake_winreg(value: str | None):
    import contextlib
    import types

    def open_key(hive, name, reserved=0, access=0):
        if value is None or hive != 2 or not name.endswith(r"App Paths\soffice.exe"):
            raise OSError(2, "not found")
        return contextlib.nullcontext(object())

    return types.SimpleNamespace(
        HKEY_CURRENT_USER=1,
        HKEY_LOCAL_MACHINE=2,
        KEY_READ=0x20019,
        KEY_WOW64_64KEY=0x100,
        KEY_WOW64_32KEY=0x200,
        OpenKey=open_key,
        QueryValueEx=lambda key, name: (f'"{value}"', 1),
    )


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """This process as seen by pdf.py on Windows: no soffice on PATH, no registry entry, empty Program Files."""
    from integconcept.render import pdf

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    monkeypatch.delenv("INTEGCONCEPT_SOFFICE", raising=False)
    for variable in ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)"):
        monkeypatch.setenv(variable, str(tmp_path / variable))
    monkeypatch.setattr(
        pdf, "_program_files", lambda real=pdf._program_files: [p for p in real() if not p.startswith("C:")]
    )  # never the real C: of a Windows test machine
    monkeypatch.setitem(sys.modules, "winreg", _fake_winreg(None))
    return pdf


def _exe(folder: Path) -> str:
    path = folder / "LibreOffice" / "program" / "soffice.exe"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"MZ")
    return str(path)


@pytest.mark.parametrize("variable", ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"])
def test_windows_finds_libreoffice_in_either_program_files_folder(windows, tmp_path, variable):
    assert windows.find_soffice() is None
    expected = _exe(tmp_path / variable)
    assert windows.find_soffice() == expected


def test_windows_finds_libreoffice_through_the_registry(windows, tmp_path, monkeypatch):
    elsewhere = _exe(tmp_path / "D" / "Programme")
    monkeypatch.setitem(sys.modules, "winreg", _fake_winreg(elsewhere))
    assert windows.find_soffice() == elsewhere


def test_windows_setting_and_variable_come_first_and_a_wrong_one_is_named(windows, tmp_path, monkeypatch):
    _exe(tmp_path / "ProgramFiles")
    configured = _exe(tmp_path / "Konfiguriert")
    assert windows.find_soffice(configured) == configured
    variable = _exe(tmp_path / "Variable")
    monkeypatch.setenv("INTEGCONCEPT_SOFFICE", variable)
    assert windows.find_soffice(configured) == variable
    monkeypatch.setenv("INTEGCONCEPT_SOFFICE", str(tmp_path / "fehlt.exe"))
    with pytest.raises(windows.SofficeSetting) as caught:
        windows.find_soffice(configured)
    assert "INTEGCONCEPT_SOFFICE" in caught.value.message and "fehlt.exe" in caught.value.message


def test_windows_stops_libreoffice_as_a_process_tree_without_process_groups(windows, monkeypatch):
    calls = []

    class Process:
        pid = 4242
        killed = False

        def poll(self):
            return 1 if calls else None

        def kill(self):
            self.killed = True

        def wait(self, timeout=None):
            return 1

    def no_groups(*args):
        raise AssertionError("os.killpg/SIGKILL on Windows")

    monkeypatch.setattr(windows.os, "killpg", no_groups, raising=False)
    monkeypatch.setattr(windows.subprocess, "run", lambda command, **kwargs: calls.append(command))
    windows.kill_tree(Process())
    assert calls == [["taskkill", "/PID", "4242", "/T", "/F"]]
    assert windows._popen_options() == {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    assert not windows._group_alive(Process())  # after the kill: nothing left (no os.killpg asked)


@pytest.mark.parametrize("args", [["validate", "{unna}"], ["timeline", "{unna}"]])
def test_a_stop_signal_a_library_turned_into_its_own_error_still_reads_abgebrochen(monkeypatch, run_cli, args):
    """Found by a clean-clone CI run: SIGINT arrived while pydantic-core built the model's schema; pydantic
    caught the Interrupted our handler raised and raised a SchemaError, so the user read "Interner Fehler
    (SchemaError)" and exit 2. Any error after a stop signal now reads "Abgebrochen." with 128 + the signal."""
    import signal as signal_module

    from integconcept.commands import validate as validate_module
    from integconcept.core import signals

    def interrupted_inside_a_library(*args, **kwargs):
        try:
            signals._handler(signal_module.SIGINT, None)
        except BaseException as exc:  # what pydantic-core does with an exception raised inside its build
            raise RuntimeError("schema build failed") from exc

    monkeypatch.setattr(validate_module, "validate_file", interrupted_inside_a_library)
    unna = str(Path(__file__).resolve().parent.parent / "examples" / "kreis-unna-2012.yaml")
    result = run_cli(*[a.format(unna=unna) for a in args])
    assert result.returncode == 128 + signal_module.SIGINT, result.stderr
    assert "Abgebrochen" in result.stderr and "Interner Fehler" not in result.stderr


LOADING_STOP = """
import os, signal, sys, time
import integconcept.cli.fast as fast

def stopped_while_loading(argv):  # the signal arrives while the modules of a command load
    os.kill(os.getpid(), signal.{name})
    time.sleep(30)

fast.dispatch = stopped_while_loading
sys.argv = ["integconcept", "validate", "konzept.yaml"]
from integconcept.cli.console import run
run()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_signal_while_the_command_loads_reads_abgebrochen_not_a_traceback(tmp_path, name):
    """A Ctrl+C in the first tenth of a second (before the command's own handling) printed a Python traceback
    (KeyboardInterrupt in an import, or the Interrupted of the handler) – found by sending SIGINT at random
    moments of ``render --pdf``."""
    result = subprocess.run(
        [sys.executable, "-c", LOADING_STOP.format(name=name)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_default_signals,
    )
    signum = getattr(signal, name)
    assert result.returncode == 128 + signum, result.stderr
    assert result.stderr == "Abgebrochen.\n"


LOST_SIGNAL = """
import os, signal, sys
from integconcept.core import signals
from integconcept.render.pdf import PdfExport

class Swallowing:
    def __del__(self):  # Python ignores what a __del__ raises: the handler's Interrupted is lost here
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):
            pass

signals.install()
export = PdfExport({soffice!r}, timeout=90)
Swallowing()
assert signals.received() == signal.SIGTERM
try:
    export.convert(b"PK")
except signals.Interrupted as exc:
    export.close(abort=True)
    sys.exit(128 + exc.signum)
sys.exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and POSIX signals")
def test_a_stop_signal_lost_on_the_way_still_ends_the_wait_for_libreoffice(tmp_path):
    """A signal whose exception Python swallowed (it arrived inside a ``__del__``) left ``render --pdf`` waiting
    on a hanging LibreOffice for its full 210 s (a clean-clone CI run under load): the wait now looks for a
    received signal every second."""
    pidfile = tmp_path / "soffice.pid"
    fake = tmp_path / "soffice"
    fake.write_text(HANGING_SOFFICE.format(pidfile=pidfile))
    fake.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", LOST_SIGNAL.format(soffice=str(fake))],
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temp)},
        capture_output=True,
        text=True,
        timeout=60,  # without the fix: 90 + 30 s
        preexec_fn=_default_signals,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert list(temp.iterdir()) == []
    if pidfile.exists() and pidfile.read_text().strip():
        soffice = int(pidfile.read_text())
        assert _wait_for(lambda: not _alive(soffice), 30)


def test_a_signal_of_an_earlier_command_does_not_stop_a_later_one():
    """The studio's PDF download failed (CancelledError) after a test had stopped a command in the same
    process: the received signal outlived its command. A command's end forgets it; outside the main thread
    (the studio's worker threads) nothing is raised."""
    import threading

    from integconcept.core import signals

    previous = signals.install()
    try:
        with pytest.raises(signals.Interrupted):
            signals._handler(signal.SIGTERM, None)
        raised = []
        worker = threading.Thread(target=lambda: raised.append(_raises(signals.stop_if_received)))
        worker.start()
        worker.join()
        assert raised == [False]
        assert _raises(signals.stop_if_received)  # the command itself stops
    finally:
        signals.restore(previous)
    assert not _raises(signals.stop_if_received)  # the next command starts afresh


def _raises(function) -> bool:
    from integconcept.core.signals import Interrupted

    try:
        function()
    except Interrupted:
        return True
    return False


SWALLOWED_SIGNAL = """
import os, signal, sys
from integconcept.core import signals

class Swallowing:
    def __del__(self):  # Python ignores what a __del__ raises (as in a weakref callback of an import)
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):
            pass

signals.install()
Swallowing()
assert signals.received() == signal.SIGTERM
try:
    signals.stop_if_received()  # what the long waits (LibreOffice's conversion) ask
except signals.Interrupted as exc:
    sys.exit(128 + exc.signum)
sys.exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_a_stop_signal_raised_where_python_ignores_it_prints_no_traceback(tmp_path):
    """Ctrl+C while ``render --pdf`` was still importing printed "Exception ignored in: <function
    _get_module_lock.<locals>.cb …>" and a traceback (its Interrupted raised in a weakref callback); now
    nothing is printed there, the signal stays recorded and stops the command where it waits."""
    result = subprocess.run(
        [sys.executable, "-c", SWALLOWED_SIGNAL],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_default_signals,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    assert result.stderr == ""

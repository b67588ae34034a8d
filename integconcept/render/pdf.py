"""PDF through LibreOffice headless, with the table of contents filled in.

LibreOffice does not update a DOCX table of contents on ``--convert-to pdf``; we drive it through
its UNO API (see ``_uno_export.py``), which needs a Python interpreter with the ``uno`` module:
LibreOffice's bundled one (Windows, macOS) or the system's python3 with python3-uno (Linux).
Each run uses its own temporary LibreOffice profile, so parallel runs do not collide. LibreOffice spends about
a quarter of a second of CPU creating a new profile; a profile from an earlier successful export (kept in the
user's cache folder, one per LibreOffice installation, see :func:`profile_cache`) is copied in instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any
from pathlib import Path

from integconcept.render.errors import RenderError

INSTALL_HINT = (
    "Bitte LibreOffice installieren: unter Debian/Ubuntu „sudo apt-get install libreoffice-writer-nogui "
    "python3-uno“, sonst LibreOffice von https://www.libreoffice.org/download/ herunterladen. Ein LibreOffice an "
    "anderer Stelle nennt die Umgebungsvariable INTEGCONCEPT_SOFFICE oder die Einstellung soffice in [render] "
    "(pyproject.toml [tool.integconcept.render] oder integconcept.toml)."
)
TIMEOUT_SECONDS = 180


def _windows() -> bool:
    return os.name == "nt" or sys.platform == "win32"


def _registry_soffice() -> list[str]:
    """Where the Windows registry's App Paths say soffice.exe is (the LibreOffice installer writes the key)."""
    try:
        import winreg as registry
    except ImportError:
        return []
    winreg: Any = registry  # typeshed declares the module's functions for Windows only; tests stand in for it
    found = []
    key_name = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
    for hive in (getattr(winreg, "HKEY_CURRENT_USER", None), getattr(winreg, "HKEY_LOCAL_MACHINE", None)):
        if hive is None:
            continue
        for view in (0, getattr(winreg, "KEY_WOW64_64KEY", 0), getattr(winreg, "KEY_WOW64_32KEY", 0)):
            try:
                with winreg.OpenKey(hive, key_name, 0, getattr(winreg, "KEY_READ", 0x20019) | view) as key:
                    value, _ = winreg.QueryValueEx(key, "")
            except OSError:
                continue
            if isinstance(value, str) and value.strip():
                found.append(value.strip().strip('"'))
    return found


def _program_files() -> list[str]:
    """soffice.exe in both Program Files folders (64- and 32-bit LibreOffice)."""
    folders = []
    for variable in ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)"):
        value = os.environ.get(variable)
        if value and value not in folders:
            folders.append(value)
    for default in (r"C:\Program Files", r"C:\Program Files (x86)"):
        if default not in folders:
            folders.append(default)
    return [os.path.join(folder, "LibreOffice", "program", "soffice.exe") for folder in folders]


class SofficeSetting(RenderError):
    """INTEGCONCEPT_SOFFICE or ``[render] soffice`` names a program that is not there."""


def find_soffice(setting: str | None = None) -> str | None:
    """LibreOffice's ``soffice``: the environment variable ``INTEGCONCEPT_SOFFICE``, the setting
    ``[render] soffice`` (``setting``), PATH, then (Windows) the registry's App Paths and both Program Files
    folders, (macOS) the application folder. A variable or setting naming a missing file is an error that
    says so (:class:`SofficeSetting`), not a silent search elsewhere."""
    for source, value in (
        ("Umgebungsvariable INTEGCONCEPT_SOFFICE", os.environ.get("INTEGCONCEPT_SOFFICE")),
        ("Einstellung render.soffice", setting),
    ):
        if value:
            if Path(value).is_file():
                return value
            raise SofficeSetting(
                f"Für --pdf wird LibreOffice gebraucht: die {source} nennt „{value}“, dort gibt es "
                "aber kein LibreOffice (soffice). Bitte den Pfad zu soffice.exe bzw. soffice "
                "angeben oder die Angabe entfernen. " + INSTALL_HINT
            )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [*_registry_soffice(), *_program_files()] if _windows() else []
    candidates.append("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    for candidate in candidates:
        if Path(candidate).is_file():
            return candidate
    return None


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def find_uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno`` for ``soffice``: INTEGCONCEPT_UNO_PYTHON, LibreOffice's own, the system's.

    Trying one costs a Python start and LibreOffice's UNO libraries; the one an earlier export succeeded with is
    remembered beside the cached profile (:func:`remembered_python`) and taken without trying it again."""
    candidates = []
    if os.environ.get("INTEGCONCEPT_UNO_PYTHON"):
        candidates.append(os.environ["INTEGCONCEPT_UNO_PYTHON"])
    else:
        remembered = remembered_python(soffice)
        if remembered is not None:
            return remembered
    program = Path(os.path.realpath(soffice)).parent
    candidates += [
        str(program / "python"),
        str(program / "python.exe"),
        "/usr/bin/python3",
        shutil.which("python3") or "",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists() and _has_uno(candidate):
            return candidate
    return None


def check_pdf_tools(setting: str | None = None) -> tuple[str, str]:
    """(soffice, python with uno) or a German RenderError saying what to install; ``setting``: ``[render] soffice``."""
    soffice = find_soffice(setting)
    if soffice is None:
        raise RenderError("Für --pdf wird LibreOffice gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT)
    python = find_uno_python(soffice)
    if python is None:
        raise RenderError(
            "Für --pdf wird die Python-Anbindung von LibreOffice (UNO) gebraucht, um das Inhaltsverzeichnis "
            "zu aktualisieren; sie wurde nicht gefunden. " + INSTALL_HINT
        )
    return soffice, python


def profile_cache(soffice: str) -> Path | None:
    """Where a LibreOffice profile left by a successful export is kept for the LibreOffice ``soffice``: in the
    user's cache folder (Windows: %LOCALAPPDATA%, macOS: ~/Library/Caches, otherwise $XDG_CACHE_HOME or
    ~/.cache), a folder per installation (path, size and time of the program file: an update gets a new one);
    ``None`` when there is no such folder."""
    if _windows():
        base = os.environ.get("LOCALAPPDATA")
    elif os.environ.get("XDG_CACHE_HOME"):
        base = os.environ["XDG_CACHE_HOME"]
    else:
        home = os.path.expanduser("~")
        base = (
            None if home == "~" else os.path.join(home, "Library", "Caches" if sys.platform == "darwin" else ".cache")
        )
    if not base or not os.path.isabs(base):
        return None
    try:
        program = os.path.realpath(soffice)
        info = os.stat(program)
    except OSError:
        return None
    import hashlib

    key = hashlib.sha256(f"{program}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "replace")).hexdigest()
    return Path(base) / "integconcept" / f"libreoffice-profile-{key[:16]}"


def _python_note(cache: Path) -> Path:
    return cache.with_name(f"{cache.name}.python")


def remembered_python(soffice: str) -> str | None:
    """The Python with ``uno`` an earlier successful export used with ``soffice``, if it is still there."""
    cache = profile_cache(soffice)
    if cache is None:
        return None
    try:
        python = _python_note(cache).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return python if python and Path(python).is_file() else None


def _forget(cache: Path) -> None:
    """An export failed with what was cached: the next one makes a new profile and looks for Python again."""
    shutil.rmtree(cache, ignore_errors=True)
    try:
        _python_note(cache).unlink()
    except OSError:
        pass


def _copy_profile(source: Path, target: Path) -> bool:
    """Copy a LibreOffice profile folder (without a lock file); False (nothing left at ``target``) on failure."""
    try:
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lock"))
        return True
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)
        return False


def _keep_profile(profile: Path, cache: Path, python: str) -> None:
    """Keep ``profile`` (LibreOffice has ended) as the cached profile, unless one is there already: copied
    beside it first, then renamed, so another run sees either no cached profile or a complete one; ``python``
    (it ran the export) is noted beside it."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        note = _python_note(cache)
        if not note.exists():
            partial_note = note.with_name(f"{note.name}.{os.getpid()}.tmp")
            partial_note.write_text(python, encoding="utf-8")
            os.replace(partial_note, note)
    except OSError:
        return
    if cache.exists() or not profile.is_dir():
        return
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    if _copy_profile(profile, partial):
        try:
            os.rename(partial, cache)
        except OSError:  # another run was quicker
            shutil.rmtree(partial, ignore_errors=True)


def docx_to_pdf(docx_bytes: bytes, tools: tuple[str, str], timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with updated indexes; RenderError on failure or timeout."""
    with PdfExport(tools, timeout) as export:
        return export.convert(docx_bytes)


def _read_toc(path: Path) -> list[tuple[str, int]] | None:
    import json

    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [(str(text), int(page)) for text, page in entries]
    except (OSError, ValueError, TypeError):
        return None


def _group_alive(process: subprocess.Popen) -> bool:
    """Is anything of the export left: its process group (POSIX), the script itself (Windows)?"""
    if _windows() or not hasattr(os, "killpg"):
        return process.poll() is None
    try:
        os.killpg(process.pid, 0)
    except OSError:  # no process left in the group
        return False
    return True


def _popen_options() -> dict:
    """POSIX: a session of its own, so the whole group (script, oosplash, soffice.bin) can be stopped at once.
    Windows has no process groups of that kind: a new console process group (Ctrl+C of the console does not
    reach LibreOffice half-way), stopped as a process tree with taskkill."""
    if _windows():
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def kill_tree(process: subprocess.Popen) -> None:
    """Stop ``process`` and everything it started (LibreOffice), on POSIX by its process group, on Windows with
    ``taskkill /T /F`` (the process tree); then reap it."""
    if _windows():
        try:
            subprocess.run(
                ["taskkill", "/PID", str(process.pid), "/T", "/F"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            pass
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (OSError, AttributeError):  # nothing left in the group
            pass
    if process.poll() is None:
        try:
            process.kill()
        except OSError:
            pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass


class PdfExport:
    """One LibreOffice conversion, started early: LibreOffice needs 1–1.5 s to start, which overlaps with
    checking and rendering the concept when the export is started first and given the DOCX later.

        with PdfExport(tools) as export:   # LibreOffice starts in the background
            ...                             # validate, render
            pdf = export.convert(docx_bytes)

    Leaving the ``with`` block without :meth:`convert` (an error, Ctrl+C, SIGTERM, SIGHUP) stops LibreOffice and
    removes the temporary folder (document, PDF and LibreOffice profile); an interruption stops it at once."""

    def __init__(self, tools: tuple[str, str], timeout: int = TIMEOUT_SECONDS):
        from integconcept.core.signals import deferred

        soffice, python = tools
        self.timeout = timeout
        self._python = python
        with deferred():  # a signal now would leave the folder or the process without an owner
            self._work = tempfile.TemporaryDirectory(prefix="integconcept-pdf-")
            work = Path(self._work.name)
            self.source, self.target = work / "dokument.docx", work / "dokument.pdf"
            self.toc: list[tuple[str, int]] | None = None  # the table of contents as LibreOffice filled it
            script = Path(__file__).with_name("_uno_export.py")
            profile = work / "profile"
            self._cache = profile_cache(soffice)
            self._succeeded = False
            # a profile of an earlier export (LibreOffice need not create one); none: LibreOffice makes it
            self._cached = self._cache is not None and self._cache.is_dir() and _copy_profile(self._cache, profile)
            # with a copied profile (thrown away afterwards) LibreOffice is stopped, not shut down, after the
            # export (Linux: the script stops its processes; elsewhere the orderly shutdown)
            self._quick = self._cached and sys.platform.startswith("linux")
            # LibreOffice's own temporary files go into the work folder too: removed with it, even after a kill
            scratch = work / "tmp"
            scratch.mkdir()
            env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
            try:
                self._process = subprocess.Popen(
                    [
                        python,
                        str(script),
                        soffice,
                        profile.as_uri(),
                        str(self.source),
                        str(self.target),
                        str(timeout),
                        "--wait",
                        *(["--no-shutdown"] if self._quick else []),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                    **_popen_options(),
                )
            except OSError as exc:
                self._work.cleanup()
                raise RenderError(
                    f"LibreOffice konnte nicht gestartet werden ({exc.strerror or exc}). " + INSTALL_HINT
                ) from None

    def __enter__(self) -> "PdfExport":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(abort=exc_type is not None)

    def convert(self, docx_bytes: bytes) -> bytes:
        """The PDF of ``docx_bytes``; RenderError on failure or timeout."""
        from integconcept.core.signals import stop_if_received

        self.source.write_bytes(docx_bytes)
        deadline = time.monotonic() + self.timeout + 30
        go: str | None = "los\n"  # sent once; a repeated communicate() goes on where it stopped
        while True:  # in steps of a second: a stop signal that got lost on the way still ends the wait
            stop_if_received()
            try:
                _, stderr = self._process.communicate(go, timeout=min(1.0, max(0.0, deadline - time.monotonic())))
                break
            except subprocess.TimeoutExpired:
                go = None
                if time.monotonic() < deadline:
                    continue
            self._kill()
            raise RenderError(
                f"LibreOffice hat die PDF-Datei nicht innerhalb von {self.timeout} Sekunden erzeugt. "
                "Bitte erneut versuchen; die Word-Datei wurde geschrieben."
            ) from None
        if self._process.returncode != 0 or not self.target.exists():
            if self._cache is not None:  # perhaps what was cached: the next run makes a new profile, looks again
                _forget(self._cache)
            detail = [line for line in (stderr or "").strip().splitlines() if line.strip()]
            reason = detail[-1] if detail else _exit_text(self._process.returncode)
            raise RenderError(
                f"LibreOffice konnte die PDF-Datei nicht erzeugen ({reason.rstrip('.')}). "
                "Die Word-Datei wurde geschrieben."
            )
        self._succeeded = True
        toc = self.target.with_suffix(".toc.json")  # the filled table of contents (_uno_export.write_toc)
        self.toc = _read_toc(toc) if toc.exists() else None
        return self.target.read_bytes()

    def close(self, abort: bool = False) -> None:
        """Stop the conversion if it still runs, then remove the temporary folder.

        Normally end of input makes the script stop LibreOffice, whose own processes get a little time to
        finish their shutdown. With ``abort`` (an error or a stop signal on the way) everything is stopped at
        once. A stop signal during this clean-up waits until it is done (core/signals.py)."""
        from integconcept.core.signals import deferred

        with deferred():
            process = self._process
            if process.poll() is None:
                try:
                    if abort:  # end of input: a script still waiting for the document cancels and stops LibreOffice
                        if process.stdin is not None:
                            process.stdin.close()
                    else:
                        process.communicate("", timeout=30)  # the same, and waits for it
                except (subprocess.TimeoutExpired, OSError, ValueError):
                    pass
            # LibreOffice's own processes (oosplash, soffice.bin) may outlive the script while they shut down:
            # wait for them a little (an interruption: shortly), then stop what is left
            deadline = time.monotonic() + (0 if self._quick and self._succeeded else 3 if abort else 10)
            while time.monotonic() < deadline and _group_alive(process):
                time.sleep(0.05)
            ended = not _group_alive(process)
            self._kill()
            for stream in (process.stdin, process.stderr):
                try:
                    if stream:
                        stream.close()
                except OSError:
                    pass
            if self._succeeded and ended and not abort and self._cache is not None:
                _keep_profile(Path(self._work.name) / "profile", self._cache, self._python)
            self._work.cleanup()

    def _kill(self) -> None:
        """Stop the script and the LibreOffice it started (POSIX: the process group; Windows: the tree)."""
        kill_tree(self._process)


def _exit_text(code: int | None) -> str:
    if code is None:
        return "ohne Rückmeldung"
    if code < 0:
        return f"durch Signal {-code} beendet"
    return f"Exit-Code {code}"

"""PDF through LibreOffice headless, with the table of contents filled in.

LibreOffice does not update a DOCX table of contents on ``--convert-to pdf``; a LibreOffice Basic macro does it
inside LibreOffice (``pdf_macro.py``): it is placed into the export's own LibreOffice profile and started on
LibreOffice's command line. Nothing else is needed (no Python with LibreOffice's UNO bridge).
Each run uses a LibreOffice profile of its own, so parallel runs do not collide. LibreOffice spends about
a quarter of a second of CPU creating a new profile; a profile from an earlier successful export (kept in the
user's cache folder, one per LibreOffice installation, see :func:`profile_cache`) is copied into the run's
temporary folder instead, or (Linux, where LibreOffice is stopped after the export and never writes its
profile) the run works in a kept work folder that holds its own copy of it (:class:`_Slot`). LibreOffice starts
while the caller validates and renders; the macro and the caller wake each other through a connection on
127.0.0.1 (see ``pdf_macro.py``).
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
    "Bitte LibreOffice installieren: unter Debian/Ubuntu „sudo apt-get install libreoffice-writer-nogui“, sonst "
    "LibreOffice von https://www.libreoffice.org/download/ herunterladen. Ein LibreOffice an "
    "anderer Stelle nennt die Umgebungsvariable INTEGCONCEPT_SOFFICE oder die Einstellung soffice in [render] "
    "(pyproject.toml [tool.integconcept.render] oder integconcept.toml)."
)
TIMEOUT_SECONDS = 180
#: exit codes of soffice.bin asking its launcher to start it again (desktop/source/app: EXITHELPER_*)
_RESTART_AFTER_CRASH, _RESTART = 79, 81
WAIT_FOR_DOCUMENT_SECONDS = 600


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


def check_pdf_tools(setting: str | None = None) -> str:
    """LibreOffice's soffice, or a German RenderError saying what to install; ``setting``: ``[render] soffice``."""
    soffice = find_soffice(setting)
    if soffice is None:
        raise RenderError("Für --pdf wird LibreOffice gebraucht, es wurde aber nicht gefunden. " + INSTALL_HINT)
    return soffice


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
        cache = os.path.join("Library", "Caches") if sys.platform == "darwin" else ".cache"
        base = None if home == "~" else os.path.join(home, cache)
    if not base or not os.path.isabs(base):
        return None
    try:
        program = os.path.realpath(soffice)
        info = os.stat(program)
    except OSError:
        return None
    import hashlib

    key = hashlib.sha256(f"{program}\0{info.st_size}\0{info.st_mtime_ns}".encode("utf-8", "replace")).hexdigest()
    # "macro": a profile of the exports before the macro (Python with UNO) lacks the settled version note
    return Path(base) / "integconcept" / f"libreoffice-macro-profile-{key[:16]}"


def _program_binary(soffice: str) -> str | None:
    """Linux and the BSDs: LibreOffice's own program ``soffice.bin`` behind the ``soffice`` that was found, when
    that is LibreOffice's start script (program/soffice, a shell script beside soffice.bin and its launcher
    oosplash). The script and oosplash cost about 15 ms of CPU per start (a dozen small processes: dirname,
    ls, sed; the launcher's Java search) and do nothing the export needs; soffice.bin reads its installation
    from its own location. None for anything else (Windows' soffice.exe, macOS, a wrapper of a distribution
    such as a Snap or Flatpak): that is started as found."""
    if _windows() or sys.platform == "darwin":
        return None
    try:
        program = Path(os.path.realpath(soffice))
        binary, launcher = program.with_name("soffice.bin"), program.with_name("oosplash")
        if program.name != "soffice" or not (binary.is_file() and launcher.is_file()):
            return None
        with open(program, "rb") as handle:
            if handle.read(2) != b"#!":  # a start script; anything else is not LibreOffice's own
                return None
    except OSError:
        return None
    return str(binary) if os.access(binary, os.X_OK) else None


def _listen():
    """A socket listening on 127.0.0.1 (a free port) for the macro's connection; None where that is not possible
    (the macro then watches the work folder)."""
    import socket

    try:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return None
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
    except OSError:
        listener.close()
        return None
    return listener


def _forget(cache: Path) -> None:
    """An export failed with what was cached: the next one makes a new profile, and no kept work folder goes on
    with a copy of the old one (those in use by another export are left to it: they go if it fails too)."""
    shutil.rmtree(cache, ignore_errors=True)
    for number in range(_SLOTS):
        slot = _Slot.lock(_slot_folder(cache, number))
        if slot is not None:
            slot.release(remove=True)


def _stops_quickly() -> bool:
    """Is LibreOffice stopped (SIGKILL) rather than shut down after a successful export? Linux, where the
    processes are known (see :func:`_stop_quickly`); it then never writes its profile."""
    return sys.platform.startswith("linux")


#: kept work folders per LibreOffice installation (Linux): as many exports at the same time reuse one each
_SLOTS = 4


def _slot_folder(cache: Path, slot: int) -> Path:
    return cache.with_name(f"{cache.name.replace('-profile-', '-work-')}-{slot}")


class _Slot:
    """A kept work folder beside the cached profile (Linux, where LibreOffice is stopped rather than shut down
    after the export and so never writes its profile): its own copy of the profile, made once and used run
    after run, locked for one export at a time. Copying the profile into a new folder for every export and
    removing it again meant creating ~70 files and folders each time (about 10-20 ms of the file system's
    CPU here, more with a virus scanner)."""

    def __init__(self, folder: Path, lock: int):
        self.folder, self._lock = folder, lock

    @classmethod
    def take(cls, cache: Path) -> "_Slot | None":
        """A free kept work folder with the profile in it, cleared of an earlier run's files; None when there is
        none (all in use, the cache folder cannot be written): the export then works in a temporary folder."""
        for number in range(_SLOTS):
            slot = cls.lock(_slot_folder(cache, number))
            if slot is None:  # another export uses it (or it cannot be locked at all)
                continue
            if slot._prepare(cache):
                return slot
            slot.release(remove=True)
            return None
        return None

    @classmethod
    def lock(cls, folder: Path) -> "_Slot | None":
        """The kept work folder ``folder``, locked for this process; None when another export holds it or it
        cannot be locked (no ``fcntl``, the cache folder cannot be written)."""
        try:
            import fcntl
        except ImportError:
            return None
        try:
            lock = os.open(folder.with_name(folder.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            return None
        return cls(folder, lock)

    def _prepare(self, cache: Path) -> bool:
        from integconcept.render.pdf_macro import PROFILE_FOLDER

        profile = self.folder / PROFILE_FOLDER
        if not (profile / "user").is_dir():
            shutil.rmtree(self.folder, ignore_errors=True)
            try:
                self.folder.mkdir()
            except OSError:
                return False
            if not _copy_profile(cache, profile):
                return False
        self.clear()
        return True

    def clear(self) -> None:
        """Remove a run's files: everything in the folder but the profile (the document, the PDF, the files the
        caller and the macro talk through, LibreOffice's messages, temporary files and lock file)."""
        from integconcept.render.pdf_macro import PROFILE_FOLDER

        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            if entry.name == PROFILE_FOLDER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass

    def release(self, remove: bool = False) -> None:
        """Clear the folder (``remove``: remove it, profile and all: the next export makes it again) and unlock it."""
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            self.clear()
        try:
            os.close(self._lock)  # the lock goes with the file
        except OSError:
            pass


def _copy_profile(source: Path, target: Path) -> bool:
    """Copy a LibreOffice profile folder (without its lock file, its logs and ``pack``, the backup LibreOffice
    makes of the profile at its shutdown for its safe mode); False (nothing left at ``target``) on failure."""
    try:
        shutil.copytree(
            source, target, ignore=shutil.ignore_patterns(".lock", "*.log", "pack"), copy_function=shutil.copyfile
        )
        return True
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)
        return False


def _keep_profile(profile: Path, cache: Path) -> None:
    """Keep ``profile`` (LibreOffice has ended) as the cached profile, unless one is there already: copied
    beside it first, then renamed, so another run sees either no cached profile or a complete one."""
    if cache.exists() or not profile.is_dir():
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    if _copy_profile(profile, partial):
        try:
            os.rename(partial, cache)
        except OSError:  # another run was quicker
            shutil.rmtree(partial, ignore_errors=True)
            return
        _forget_old_format(cache.parent)


def _forget_old_format(folder: Path) -> None:
    """Remove what exports before the macro kept in ``folder``: profiles ``libreoffice-profile-…`` (without the
    macro's version note, never used again) and the notes of their Python with UNO beside them."""
    try:
        old = [path for path in folder.iterdir() if path.name.startswith("libreoffice-profile-")]
    except OSError:
        return
    for path in old:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                pass


def docx_to_pdf(docx_bytes: bytes, soffice: str, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert DOCX bytes to PDF bytes with updated indexes; RenderError on failure or timeout."""
    with PdfExport(soffice, timeout) as export:
        return export.convert(docx_bytes)


def _read_toc(path: Path) -> list[tuple[str, int]] | None:
    """The table of contents as the macro wrote it (lines "text<TAB>page") as [(text, page), …]."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    entries = []
    for line in lines:
        text, tab, page = line.rpartition("\t")
        if tab and page.strip().isdigit():
            entries.append((text.strip(), int(page)))
    return entries


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
    """One LibreOffice conversion, started early: LibreOffice's start overlaps with checking and rendering the
    concept when the export is started first and given the DOCX later (the macro waits for it).

        with PdfExport(soffice) as export:  # LibreOffice starts in the background
            ...                             # validate, render
            pdf = export.convert(docx_bytes)

    Leaving the ``with`` block without :meth:`convert` (an error, Ctrl+C, SIGTERM, SIGHUP) stops LibreOffice and
    removes the temporary folder (document, PDF and LibreOffice profile); an interruption stops it at once."""

    def __init__(self, soffice: str, timeout: int = TIMEOUT_SECONDS):
        from integconcept.core.signals import deferred
        from integconcept.render import pdf_macro

        self.timeout = timeout
        with deferred():  # a signal now would leave the folder or the process without an owner
            self._cache = profile_cache(soffice)
            kept = self._cache if self._cache is not None and self._cache.is_dir() else None  # a profile to copy
            # Linux: a kept work folder with its own copy of the cached profile; else a temporary folder
            self._slot = _Slot.take(kept) if kept is not None and _stops_quickly() else None
            self._work: tempfile.TemporaryDirectory | None = None
            if self._slot is not None:
                work = self._slot.folder
            else:
                self._work = tempfile.TemporaryDirectory(prefix="integconcept-pdf-")
                work = Path(self._work.name)
            self.source, self.target = work / "dokument.docx", work / "dokument.pdf"
            self._go, self._started, self._status = work / "los", work / "gestartet", work / "status"
            self.toc: list[tuple[str, int]] | None = None  # the table of contents as LibreOffice filled it
            profile = work / pdf_macro.PROFILE_FOLDER
            self._succeeded = False
            # a profile of an earlier export (LibreOffice need not create one); none: LibreOffice makes it
            self._cached = self._slot is not None or (kept is not None and _copy_profile(kept, profile))
            # with a copy of the kept profile LibreOffice is stopped, not shut down, after the export (Linux: its
            # processes are stopped here; elsewhere the orderly shutdown, which saves the profile)
            self._quick = self._cached and _stops_quickly()
            # LibreOffice's program without its start script and launcher, where a copied profile makes sure
            # LibreOffice does not ask to be restarted (the launcher's job: a new profile may need it)
            self._direct = _program_binary(soffice) if self._quick else None
            # LibreOffice's own temporary files go into the work folder too: removed with it, even after a kill
            scratch = work / "tmp"
            scratch.mkdir()
            env = {**os.environ, "TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)}
            if self._direct:  # what the start script sets for LibreOffice
                env["SAL_ENABLE_FILE_LOCKING"] = "1"
            self._log_path = work / "soffice-meldungen.txt"
            # the macro connects here: "los" goes to it and "fertig" comes back without either side looking
            # into the work folder every 20 ms (for LibreOffice, each round of waiting cost ~2.5 ms of CPU)
            self._listener, self._delivered = _listen(), False
            self._callers: list = []  # the macro's connections (sockets)
            self._port = self._listener.getsockname()[1] if self._listener is not None else None
            try:
                pdf_macro.install(profile)
                self._log = open(self._log_path, "wb")  # LibreOffice's own messages: shown if it ends early
            except OSError as exc:
                self._hang_up()
                self._remove_work(discard_kept=False)  # LibreOffice never ran in it
                raise RenderError(
                    f"Der Arbeitsordner für LibreOffice konnte nicht angelegt werden ({exc.strerror or exc})."
                ) from None
            try:
                self._command = [
                    self._direct or soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--invisible",
                    "--norestore",
                    "--nologo",
                    "--nodefault",
                    "--nolockcheck",
                    # how long the macro waits for the document watching the folder (without a connection): the
                    # caller's work (validate, render) comes first; a LibreOffice whose caller was killed ends by
                    # itself after this time (with a connection, as soon as the caller's end closes it)
                    pdf_macro.macro_url(self._quick, max(timeout, WAIT_FOR_DOCUMENT_SECONDS), self._port),
                ]
                self._env = env
                self._restarted = False
                self._process = self._start()
            except OSError as exc:
                self._log.close()
                self._hang_up()
                self._remove_work(discard_kept=False)  # LibreOffice never ran in it
                raise RenderError(
                    f"LibreOffice konnte nicht gestartet werden ({exc.strerror or exc}). " + INSTALL_HINT
                ) from None

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(
            self._command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            env=self._env,
            **_popen_options(),
        )

    def _restart_asked(self) -> bool:
        """soffice.bin started without its launcher asked to be started again before running the macro (exit code
        79 or 81: after it updated the profile, e.g. for extensions installed since): started once more, as the
        launcher does."""
        if self._direct is None or self._restarted or self._started.exists():
            return False
        if self._process.returncode not in (_RESTART_AFTER_CRASH, _RESTART):
            return False
        self._restarted = True
        try:
            self._process = self._start()
        except OSError:
            return False
        return True

    def __enter__(self) -> "PdfExport":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(abort=exc_type is not None)

    def convert(self, docx_bytes: bytes) -> bytes:
        """The PDF of ``docx_bytes``; RenderError on failure or timeout."""
        from integconcept.core.signals import stop_if_received

        self.source.write_bytes(docx_bytes)
        self._go.write_bytes(b"")  # the document is complete: the macro goes on
        self._delivered = True
        for caller in self._callers:
            self._send_go(caller)
        deadline = time.monotonic() + self.timeout
        while True:  # a stop signal that got lost on the way still ends the wait
            stop_if_received()
            if self._status.exists():
                break
            if self._process.poll() is not None and not self._restart_asked():
                break  # ended; its report may have come just before
            if time.monotonic() > deadline:
                self._kill()
                raise RenderError(
                    f"LibreOffice hat die PDF-Datei nicht innerhalb von {self.timeout} Sekunden erzeugt. "
                    "Bitte erneut versuchen; die Word-Datei wurde geschrieben."
                )
            self._wait(deadline - time.monotonic())
        problem = self._problem()
        if problem is not None:
            # LibreOffice ended without a report (crashed, refused to start): perhaps what was cached, the next
            # run makes a new profile; a report of the macro (a document it cannot open) keeps it
            if self._cache is not None and not self._reported():
                _forget(self._cache)  # the kept work folder of this run goes when it is closed (not a success)
            raise RenderError(f"{problem}. Die Word-Datei wurde geschrieben.")
        self._succeeded = True
        toc = self.target.with_name("toc.txt")  # the filled table of contents (pdf_macro WriteToc)
        self.toc = _read_toc(toc) if toc.exists() else None
        return self.target.read_bytes()

    def _wait(self, seconds: float) -> None:
        """Wait for the macro: for its "fertig" on its connection, or for its connection (LibreOffice still
        starting); without a listening socket 20 ms. A connection that comes now gets "los" when the document is
        complete (the macro connected late, or LibreOffice was started again)."""
        if self._listener is None:
            time.sleep(0.02)
            return
        import select

        # connected: the macro says when it is done (a look every half second for a crash or a stop signal);
        # not (yet): LibreOffice is still starting, or watches the folder (without a connection): 50 ms
        pause = 0.5 if self._callers else 0.05
        readable, _, _ = select.select([self._listener, *self._callers], [], [], max(0.0, min(seconds, pause)))
        for ready in readable:
            if ready is self._listener:
                try:
                    caller, _ = self._listener.accept()
                except OSError:
                    continue
                self._callers.append(caller)
                if self._delivered:
                    self._send_go(caller)
                continue
            try:
                said = ready.recv(64)
            except OSError:
                said = b""
            if not said:  # closed: LibreOffice has ended, or gave up on it
                ready.close()
                self._callers.remove(ready)

    def _send_go(self, caller) -> None:
        try:
            caller.sendall(b"los\n")
        except OSError:  # gone: noticed while waiting
            pass

    def _hang_up(self) -> None:
        for end in [*self._callers, self._listener]:
            if end is not None:
                try:
                    end.close()
                except OSError:
                    pass
        self._callers, self._listener = [], None

    def _report(self) -> list[str]:
        """The macro's report: ["fertig", message] (an empty message: success), [] when there is none."""
        try:
            return self._status.read_text(encoding="utf-8").split("\n", 1)
        except (OSError, UnicodeDecodeError):
            return []

    def _reported(self) -> bool:
        return self._report()[:1] == ["fertig"]

    def _problem(self) -> str | None:
        """Why there is no PDF (German), or None."""
        status = self._report()
        if status and status[0] == "fertig":
            message = " ".join(status[1].split()) if len(status) > 1 else ""
            if not message and self.target.exists():
                return None
            reason = message[:500] or "ohne Meldung"
            return f"LibreOffice konnte die PDF-Datei nicht erzeugen ({reason.rstrip('.')})"
        code = self._process.returncode
        started = self._started.exists()
        said = _last_message(self._log_path)
        said = f"; letzte Meldung: „{said}“" if said else ""
        if code == 0 and not started:  # e.g. a damaged profile (it is not kept): a new run makes a new one
            return f"LibreOffice hat sich beendet, ohne das Exportmakro auszuführen{said}. Bitte erneut versuchen"
        if code == 0:
            return f"LibreOffice hat sich bei der Umwandlung beendet, ohne die PDF-Datei zu erzeugen{said}"
        when = "bei der Umwandlung" if started else "beim Start"
        return f"LibreOffice hat sich {when} {_exit_text(code)} beendet{said}; die PDF-Datei wurde nicht erzeugt"

    def close(self, abort: bool = False) -> None:
        """Stop LibreOffice if it still runs, then remove the temporary folder.

        After a successful export LibreOffice is stopped at once where its profile is a copy (Linux), else it
        shuts down by itself (the macro ends it) and gets a little time for that; then the profile is kept for
        the next export. Without a PDF (an error or a stop signal on the way, a concept with errors) everything is
        stopped at once. A stop signal during this clean-up waits until it is done (core/signals.py)."""
        from integconcept.core.signals import deferred

        with deferred():
            process = self._process
            if self._succeeded and not abort and not self._quick:
                try:  # the macro shuts LibreOffice down (it saves the profile)
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pass
                deadline = time.monotonic() + 10  # its own processes may outlive the first one a little
                while time.monotonic() < deadline and _group_alive(process):
                    time.sleep(0.05)
            elif self._quick and self._succeeded:
                _stop_quickly(process, direct=self._direct is not None)
            ended = not _group_alive(process)
            self._kill()
            self._hang_up()
            try:
                self._log.close()
            except OSError:
                pass
            if self._succeeded and ended and not abort and self._cache is not None and self._work is not None:
                _keep_profile(Path(self._work.name) / "profile", self._cache)
            # stopped half-way (a failure, a stop signal): perhaps while writing into its profile
            self._remove_work(discard_kept=not self._succeeded or abort)

    def _remove_work(self, discard_kept: bool) -> None:
        """Remove the temporary work folder, or clear and unlock the kept one (``discard_kept``: remove it,
        profile and all)."""
        if self._slot is not None:
            self._slot.release(remove=discard_kept)
        elif self._work is not None:
            self._work.cleanup()

    def _kill(self) -> None:
        """Stop LibreOffice (POSIX: the process group; Windows: the tree)."""
        kill_tree(self._process)


def _stop_quickly(process: subprocess.Popen, direct: bool = False) -> None:
    """Stop LibreOffice without its shutdown (Linux): SIGKILL to soffice.bin – ``process`` itself when it was
    started ``direct``, else the processes ``process`` started (soffice.bin under oosplash), so that
    ``process`` ends and is reaped here and each process by its parent (its CPU time counts where the caller
    measures it)."""
    if direct:
        try:
            process.kill()
            process.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass  # kill_tree follows
        return
    children: list[int] = []
    try:  # the kernel's lists of the children, one per thread (oosplash starts soffice.bin from another one)
        for thread in os.listdir(f"/proc/{process.pid}/task"):
            with open(f"/proc/{process.pid}/task/{thread}/children", "rb") as handle:
                children += [int(pid) for pid in handle.read().split()]
    except (OSError, ValueError):
        children = []
    try:  # no such lists (Linux before 3.5): every process's parent
        entries = [] if children else os.listdir("/proc")
    except OSError:
        entries = []
    for entry in entries:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 1 and int(fields[1]) == process.pid:
                children.append(int(entry))
    for pid in children:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass  # kill_tree follows


def _last_message(log: Path) -> str:
    """The last line LibreOffice wrote to its error output (without its java warning), shortened."""
    try:
        with open(log, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 4000))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip() and "javaldx" not in line]
    return lines[-1][:300] if lines else ""


def _exit_text(code: int | None) -> str:
    if code is None:
        return "ohne Rückmeldung"
    if code < 0:
        return f"durch Signal {-code}"
    return f"mit Exit-Code {code}"

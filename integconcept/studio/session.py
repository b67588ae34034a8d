"""One studio session: the opened concept file, its edited text, its findings, saving.

The YAML text is the single source of truth: every change is applied to the text
(:mod:`integconcept.document.edit`), checked in-process with the same library function as ``validate``
(:func:`integconcept.commands.validate.validate_text`) and kept in memory until "Speichern" writes it
atomically with the file's own line ends and encoding. Nothing is written before.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from integconcept.core.errors import UserError
from typing import TYPE_CHECKING

from integconcept.core.findings import FileResult, Finding

if TYPE_CHECKING:
    from integconcept.document.model import Concept
    from integconcept.document.source import Document

#: what the studio says where a page needs an opened concept (its pages send the browser to the start page first)
NO_FILE = "Bitte zuerst eine Konzeptdatei öffnen oder anlegen."


class StudioError(UserError):
    """A refusal shown to the user (German message)."""


@dataclass
class Signature:
    size: int
    mtime_ns: int
    digest: str


def signature(path: Path) -> Signature | None:
    try:
        data = path.read_bytes()
        stat = path.stat()
    except OSError:
        return None
    return Signature(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


def inside(root: Path, candidate: Path) -> bool:
    """Whether ``candidate`` (resolved, symbolic links followed) lies in the folder ``root``."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


@dataclass
class Session:
    """The state of the studio: the folder it may use and the opened concept (if any)."""

    root: Path  # the only folder the studio reads and writes in
    template: str | None = None
    file: Path | None = None
    text: str = ""  # edited text, "\n" line ends
    saved: str = ""  # the text as last read or written
    newline: str = "\n"
    bom: bool = False
    disk: Signature | None = None
    result: FileResult | None = None
    todos: list[tuple[int, str]] = field(default_factory=list)  # (line, note) of "# import:" comments
    document: Document | None = None  # the parsed edited text (data and positions), kept between edits
    plan: list = field(default_factory=list)  # the last backward plan's steps (proposal)
    returns: dict[str, bytes] = field(default_factory=dict)  # returned Word copies of the consultation, by name
    lock: threading.RLock = field(default_factory=threading.RLock)

    @property
    def opened(self) -> Path:
        """The opened concept file (the pages that show or write a concept are reached only with one)."""
        if self.file is None:
            raise StudioError(NO_FILE)
        return self.file

    @property
    def checked(self) -> FileResult:
        """The result of the last check of the opened concept."""
        if self.result is None:
            raise StudioError(NO_FILE)
        return self.result

    @property
    def concept(self) -> Concept | None:
        """The validated concept of the last check; None when the text does not fit the model (or none is open)."""
        from integconcept.commands.validate import concept_of

        return concept_of(self.result) if self.result else None

    # ------------------------------------------------------------------ opening

    def resolve(self, name: str, *, must_exist: bool = True) -> Path:
        """A file name given in the studio, as a path inside the folder; anything else is refused."""
        name = (name or "").strip().strip('"')
        if not name:
            raise StudioError("Bitte einen Dateinamen angeben.")
        candidate = Path(name)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        if not inside(self.root, candidate):
            raise StudioError(
                f"„{name}“ liegt nicht im Ordner {self.root}. Das Studio öffnet und schreibt nur "
                "Dateien in diesem Ordner."
            )
        if must_exist and not candidate.is_file():
            raise StudioError(f"Die Datei „{name}“ gibt es im Ordner {self.root} nicht.")
        return candidate.resolve()

    def open(self, path: Path) -> None:
        from integconcept.document.loader import LoadError, read_text

        with self.lock:
            if not inside(self.root, path):
                raise StudioError(f"„{path}“ liegt nicht im Ordner {self.root}.")
            try:
                raw = path.read_bytes()
                text = read_text(str(path))
            except LoadError as exc:
                raise StudioError(f"{path.name}: {exc.message} {exc.hint or ''}".strip()) from None
            except OSError as exc:
                raise StudioError(f"{path.name} kann nicht gelesen werden ({exc.strerror or exc}).") from None
            if path != self.file:
                self.returns = {}  # the returned copies belong to the concept they comment on
            self.file = path
            self.bom = raw.startswith(b"\xef\xbb\xbf")
            self.newline = "\r\n" if "\r\n" in text else "\n"
            self.text = self.saved = text.replace("\r\n", "\n")
            self.disk = signature(path)
            self.todos = import_notes(self.text)
            self.check()

    # ------------------------------------------------------------------ state

    @property
    def dirty(self) -> bool:
        return self.text != self.saved

    def changed_on_disk(self) -> bool:
        if self.file is None:
            return False
        now = signature(self.file)
        if now is None or self.disk is None:
            return now != self.disk
        return now.digest != self.disk.digest

    def check(self) -> FileResult:
        """Validate the edited text (schema, configuration, every rule of the concept's packs, silences); the
        text is read again only where it changed (:func:`~integconcept.commands.validate.read_edited_text`) and
        once: a text that cannot be read gives its finding without a second attempt."""
        from integconcept.commands.validate import read_edited_text, validate_document

        read = read_edited_text(str(self.file), self.text)
        if isinstance(read, FileResult):
            self.document = None
            self.result = read
        else:
            self.document = read
            self.result = validate_document(read)
        return self.result

    def set_scalar(self, path: tuple, value) -> FileResult | None:
        """A scalar changed in place: the text is spliced and the parsed data updated, without parsing the
        whole file again (the keystroke path). None when this is no such change (then :meth:`apply`)."""
        import copy

        from integconcept.document.edit import splice_scalar

        with self.lock:
            document = self.document
            if document is None:
                return None
            parent = document.data
            for part in path[:-1]:
                try:
                    parent = parent[part]
                except (KeyError, IndexError, TypeError):
                    return None
            if not isinstance(parent, (dict, list)) or isinstance(parent, dict) and path[-1] not in parent:
                return None
            text = splice_scalar(self.text, path, value)
            if text is None or text.count("\n") != self.text.count("\n"):
                return None
            data = copy.copy(document.data)  # the path is copied, the rest shared (read-only for the checks)
            node = data
            for part in path[:-1]:
                node[part] = copy.copy(node[part])
                node = node[part]
            node[path[-1]] = value
            from integconcept.commands.validate import validate_document
            from integconcept.document.loader import Document

            self.text = text
            self.document = Document(document.file, text, data, document.source_map)
            self.result = validate_document(self.document)
            return self.result

    def todo_places(self) -> list[tuple[int, str, str, str]]:
        """The "# import:" notes as (line, note, chapter, JSON pointer of the field they stand at)."""
        from integconcept.core.findings import json_pointer
        from integconcept.studio.forms import chapter_of

        keys = sorted(
            (position[0], path) for path, position in (self.document.source_map.keys.items() if self.document else ())
        )
        out = []
        for line, note in self.todos:
            path: tuple = ()
            for key_line, candidate in keys:
                if key_line > line + 1:
                    break
                path = candidate
            out.append((line, note, chapter_of(path), json_pointer(path)))
        return out

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result else []

    def data(self) -> dict:
        """The data of the edited text, to read (not to change: it shares the unchanged entries with the
        parts :func:`~integconcept.document.incremental.compose_edited` keeps for the next check)."""
        from integconcept.document.incremental import compose_edited
        from integconcept.document.loader import LoadError

        try:
            data, _ = compose_edited(self.text)
        except LoadError:
            return {}
        return data if isinstance(data, dict) else {}

    # ------------------------------------------------------------------ changes

    def apply(self, change) -> FileResult:
        """Apply ``change`` (text → text) to the edited text and check the result."""
        from integconcept.document.edit import EditError

        with self.lock:
            try:
                self.text = change(self.text)
            except EditError as exc:
                raise StudioError(str(exc)) from None
            return self.check()

    def add_silence(self, finding: Finding, reason: str) -> None:
        """Silence ``finding`` with ``reason``: the comment goes on the key line of the field it concerns."""
        from integconcept.document.silence import add_silence

        reason = " ".join(reason.split())
        if len(reason) < 3 or not any(c.isalpha() for c in reason):
            raise StudioError("Bitte einen Grund angeben (mindestens drei Zeichen), z. B. „Druckfehler der Vorlage“.")
        with self.lock:
            line = finding.line
            from integconcept.commands.validate import source_map_of

            source_map = source_map_of(self.result) if self.result else None
            if finding.path and source_map is not None:
                line = source_map.position(finding.path, key=True)[0]
            self.text = add_silence(self.text, line, finding.code, reason)
            self.check()

    # ------------------------------------------------------------------ saving

    def save(self, *, overwrite: bool = False) -> None:
        """Write the edited text atomically (the file's line ends and encoding kept).

        Refused when the file changed on disk since it was opened or saved, unless ``overwrite``."""
        from integconcept.core.output import atomic_write

        with self.lock:
            if self.file is None:
                raise StudioError("Es ist keine Datei geöffnet.")
            if not overwrite and self.changed_on_disk():
                raise ConflictError()
            data = self.text.replace("\n", self.newline).encode("utf-8")
            if self.bom:
                data = b"\xef\xbb\xbf" + data
            try:
                atomic_write(self.file, data)
            except OSError as exc:
                raise StudioError(
                    f"Die Datei konnte nicht gespeichert werden ({exc.strerror or exc}); sie ist "
                    "unverändert. Ist sie in einem anderen Programm geöffnet?"
                ) from None
            self.saved = self.text
            self.disk = signature(self.file)

    def reload(self) -> None:
        if self.file is not None:
            self.open(self.file)

    def mine_bytes(self) -> bytes:
        return self.text.replace("\n", self.newline).encode("utf-8")


class ConflictError(StudioError):
    def __init__(self):
        super().__init__("Die Datei wurde seit dem Öffnen außerhalb des Studios geändert.")


def import_notes(text: str) -> list[tuple[int, str]]:
    """The ``# import:`` notes the Word import left in the file: (line, note), as to-dos."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        position = line.find("#")
        if position >= 0 and line.startswith("# import:", position):
            out.append((number, line[position + len("# import:") :].strip()))
    return out


def safe_name(name: str, suffix: str) -> str:
    """A file name for a new file from what the user typed (no folders)."""
    base = os.path.basename((name or "").strip().replace("\\", "/"))
    if not base:
        raise StudioError("Bitte einen Dateinamen angeben, z. B. „konzept.yaml“.")
    if not base.lower().endswith((".yaml", ".yml")):
        base = Path(base).stem + suffix
    return base

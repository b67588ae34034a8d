"""May an existing output file be replaced? Only an earlier output of integconcept itself, or with ``--force``.

An output path the user names may already hold something else: the concept file (``timeline plan -o
konzept.yaml`` – the README calls the plan "zum Einfügen in die Konzeptdatei"), the Word original of an
imported concept, a published PDF, notes. Each output integconcept writes carries a marker at its start (the
first line of a text report, the opening keys of a JSON report, the PRODID of a calendar, the generator
property of a Word file); an existing file with the marker of any of these outputs is an earlier output and
may be replaced. Anything else is replaced only with ``--force`` – and a concept file never: it is the
user's work, and a report written over it would lose it whole.

Only the first bytes of a file are read (``MARKER_BYTES``), never all of it; a Word file is opened as a
ZIP and only its small property part is read (bounded as well).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from integconcept.core.errors import UserError

#: first line of the YAML fragment of ``timeline plan --format yaml``
PLAN_YAML_MARKER = "# Vorschlag von „integconcept timeline plan“"
#: the generator written into ``docProps/app.xml`` (``<Application>``) of every rendered Word file;
#: Word and LibreOffice write their own name there when a person saves the file, which then counts as theirs
DOCX_GENERATOR = "integconcept"
#: a PDF of ``render --pdf``: what our export filter asks for together (PDF/A-2b and PDF/UA, from LibreOffice
#: Writer) and the keyword the export adds to the document's keywords (render/pdf_macro.PDF_KEYWORD; the DOCX
#: does not carry it). A PDF/A export a person makes in LibreOffice – even of a rendered DOCX – lacks the
#: keyword; one saved from Word, Acrobat or a scanner lacks all of these
PDF_KEYWORD_MARK = b"erstellt mit integconcept</pdf:Keywords>"
PDF_MARKS = (
    b"<pdfaid:part>2</pdfaid:part>",
    b"<pdfuaid:part>1</pdfuaid:part>",
    b"<xmp:CreatorTool>Writer<",
    b"<pdf:Producer>LibreOffice",
    PDF_KEYWORD_MARK,
)
_PDF_SCAN = 256 * 1024 * 1024

MARKER_BYTES = 64 * 1024
_MAX_PART = 1024 * 1024

_TEXT_STARTS = (
    PLAN_YAML_MARKER,
    "Gremienlauf: ",  # timeline FILE (text)
    "Vorschlag Gremienlauf bis ",  # timeline plan (text)
    "BEGIN:VCALENDAR",  # ICS; the PRODID below is checked as well
)
_JSON_TIMELINE = re.compile(r'\A\{\s*"version":\s*1,\s*"file":\s*".*?",\s*"steps":', re.S)
_JSON_DIFF = re.compile(r'\A\{\s*"version":\s*1,\s*"changes":\s*\[')
_DIFF_TEXT = re.compile(r"\AVergleich .* \(bisher\) → .* \(neu\)\n")
_CONCEPT_KEY = re.compile(r"^(format_version|authority|legal_basis|title|status)\s*:", re.M)


class ReplaceRefused(UserError):
    """An existing output that is not an earlier output of integconcept (exit code 2)."""


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MARKER_BYTES)


def looks_like_concept(head: str) -> bool:
    """A YAML concept file: at least two of its top-level keys in the first bytes (and no plan marker)."""
    if head.startswith(PLAN_YAML_MARKER):
        return False
    return len(set(m.group(1) for m in _CONCEPT_KEY.finditer(head))) >= 2


def _own_text(head: str) -> bool:
    if head.startswith("\ufeff"):
        head = head[1:]
    if head.startswith(PLAN_YAML_MARKER):
        # an earlier plan, unless someone has since made a concept of it (top-level keys besides approval_process)
        return not any(
            line and not line[0].isspace() and not line.startswith(("#", "approval_process:"))
            for line in head.splitlines()[1:]
        )
    if head.startswith("BEGIN:VCALENDAR"):
        return "PRODID:-//integconcept//" in head[:2048]
    if head.startswith(_TEXT_STARTS):
        return True
    return bool(_JSON_TIMELINE.match(head) or _JSON_DIFF.match(head) or _DIFF_TEXT.match(head))


def _own_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/app.xml")
            if info.file_size > _MAX_PART:
                return False
            with archive.open(info) as part:
                data = part.read(_MAX_PART)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError, EOFError):
        return False
    match = re.search(rb"<(?:\w+:)?Application>([^<]*)</", data)
    return match is not None and match.group(1).strip().startswith(DOCX_GENERATOR.encode())


def _own_pdf(path: Path) -> bool:
    """A PDF written by ``render --pdf`` (see ``PDF_MARKS``); the metadata stream may sit anywhere in the file."""
    missing = set(PDF_MARKS)
    tail = b""
    try:
        with open(path, "rb") as handle:
            if not handle.read(5) == b"%PDF-":
                return False
            read = 0
            while missing and read < _PDF_SCAN:
                chunk = handle.read(1024 * 1024)
                if not chunk:
                    break
                read += len(chunk)
                window = tail + chunk
                missing = {mark for mark in missing if mark not in window}
                tail = chunk[-64:]
    except OSError:
        return False
    return not missing


def is_own_output(path: Path) -> bool:
    """True when ``path`` holds an earlier output of integconcept (any of its reports, plans, documents)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _own_docx(path)
    if suffix == ".pdf":
        return _own_pdf(path)
    try:
        head = _head(path)
    except OSError:
        return False
    if head.startswith(b"%PDF-"):
        return _own_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        return _own_docx(path)
    return _own_text(head.decode("utf-8", errors="replace"))


def check_replace(output: str | Path, *, force: bool = False) -> None:
    """Refuse to replace an existing ``output`` that is not an earlier output of integconcept.

    With ``force`` any such file may be replaced – except a concept file, which is never replaced by an
    output. A missing file, or one that is not a regular file (checked elsewhere), passes."""
    path = Path(output)
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(info.st_mode):
        return
    try:
        head = _head(path).decode("utf-8", errors="replace")
    except OSError:
        head = ""
    if looks_like_concept(head.lstrip("\ufeff")):
        raise ReplaceRefused(
            f"„{output}“ ist eine Konzeptdatei; sie wird nie durch eine Ausgabe ersetzt (auch nicht mit --force). "
            "Bitte einen anderen Namen für die Ausgabe wählen."
        )
    if force or is_own_output(path):
        return
    raise ReplaceRefused(
        f"„{output}“ gibt es schon, und es ist keine frühere Ausgabe von integconcept; die Datei wird nicht "
        "ersetzt. Bitte einen anderen Namen wählen – oder --force angeben, wenn sie wirklich ersetzt werden soll."
    )


def create_new(path: Path, data: bytes, *, exists_message: str) -> None:
    """Write ``data`` to a NEW file ``path``: never over a file that exists or appears meanwhile.

    The bytes go to a temporary file in the same folder which is then linked (POSIX) or renamed (Windows:
    ``os.rename`` refuses an existing target) into place; a file that appeared since the caller's check
    stays and :class:`ReplaceRefused` says ``exists_message``. OSErrors are left to the caller."""
    import tempfile

    from integconcept.core.output import on_windows, readable_by_others

    folder = path.parent if str(path.parent) else Path(".")
    temp_name: str | None  # None once renamed into place
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        readable_by_others(temp_name)
        try:
            if on_windows():
                # Windows' rename never replaces an existing file (FileExistsError) and, unlike a hard
                # link, works on FAT-formatted USB sticks and every network share
                os.rename(temp_name, path)
                temp_name = None
            else:
                os.link(temp_name, path)
        except FileExistsError:
            raise ReplaceRefused(exists_message) from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except FileNotFoundError:
                pass


def skip_other_yaml(files: list[str], stderr) -> list[str]:
    """The files that may be concept files; each other YAML file is named on ``stderr`` as skipped.

    For the pre-commit hooks, which get every YAML file of a repository (``.pre-commit-config.yaml``, CI
    workflows …): a file is skipped when it can be read and looks like no concept (no ``format_version:`` and
    not two of the concept's top-level keys in its first bytes). A file that cannot be read is kept: the
    command reports why."""
    kept = []
    for name in files:
        try:
            head = _head(Path(name)).decode("utf-8", errors="replace").lstrip("\ufeff")
        except (OSError, ValueError):
            kept.append(name)
            continue
        if name == "-" or re.search(r"^format_version\s*:", head, re.M) or looks_like_concept(head):
            kept.append(name)
        else:
            stderr.write(f"Übersprungen (keine Konzeptdatei, kein „format_version:“): {name}\n")
    return kept


def changed_since(path: Path, read: bytes) -> bool:
    """Has the file at ``path`` changed since its bytes ``read`` were read (an editor saved it meanwhile)?"""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(read) + 1) != read
    except OSError:
        return True

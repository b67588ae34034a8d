"""Findings: what validation reports, with code, severity, place and legal citation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def label(self) -> str:
        return {"error": "Fehler", "warning": "Warnung", "info": "Hinweis"}[self.value]


Path = tuple[str | int, ...]


def json_pointer(path: Path) -> str:
    """RFC 6901 JSON pointer of a YAML path ("" is the document root)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def dotted_path(path: Path) -> str:
    """A human-readable YAML path, e.g. ``approval_process.steps[3].date``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(Dokument)"


@dataclass(frozen=True)
class Citation:
    """A legal provision a rule rests on."""

    law: str  # e.g. "TIntG NRW"
    version: str = ""  # e.g. "2012"
    section: str = ""  # e.g. "§ 7"
    paragraph: str = ""  # Abs.
    sentence: str = ""  # S.
    number: str = ""  # Nr.
    url: str = ""
    note: str = ""

    def __str__(self) -> str:
        parts = [self.section]
        if self.paragraph:
            parts.append(f"Abs. {self.paragraph}")
        if self.sentence:
            parts.append(f"S. {self.sentence}")
        if self.number:
            parts.append(f"Nr. {self.number}")
        law = f"{self.law} {self.version}".strip() if self.version else self.law
        text = " ".join(p for p in parts if p)
        text = f"{text} {law}".strip() if text else law
        return f"{text} ({self.note})" if self.note else text


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    path: Path = ()
    hint: str | None = None
    line: int = 1
    column: int = 1
    name: str | None = None
    citations: tuple[Citation, ...] = ()
    #: the file line and column refer to when it is not the checked concept file (K900: the configuration)
    file: str | None = None
    #: the place in a checked Word document (``validate KONZEPT.docx``): paragraph, heading, quote, "text"
    #: (line and column then refer to nothing the user has)
    location: dict | None = None

    def to_json(self) -> dict:
        return {
            **({"file": self.file} if self.file else {}),
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "path": json_pointer(self.path),
            "line": self.line,
            "column": self.column,
            "name": self.name,
            "citations": [str(c) for c in self.citations],
            **({"location": self.location} if self.location else {}),
        }


@dataclass
class FileResult:
    """All findings of one file; ``usable`` is False when the file could not be read as a concept."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    usable: bool = True
    concept: object | None = None  # the validated Concept, when the schema check passed
    source_map: object | None = None
    settings: dict = field(default_factory=dict)  # the configuration the rules ran with

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))

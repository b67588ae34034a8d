"""What loading a concept file produces and where it stops: the German LoadError, the source map (JSON path →
line and column), the loaded Document, the limits of a file, and the checks of the raw text that any YAML
reader would otherwise reject or misreport (tabs, control characters, invisible characters, an empty file)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integconcept.core.codes import code_name
from integconcept.core.findings import Finding, Path, Severity
from integconcept.document import pasted

MAX_FILE_BYTES = 5 * 1024 * 1024

MAX_NODES = 200_000  # values, also after alias expansion; a real concept has a few thousand

MAX_DEPTH = 60  # levels of nesting; a real concept has 6

#: References (``*name``) and the values they add when written out. A hand-written concept uses a few
#: dozen at most; 20,000 references to a step made 200,000 values whose rules took 15–27 s. Both limits stop
#: such a file while it is being read, before any check runs, so reading and checking stay within seconds.
MAX_ALIASES = 1_000

MAX_ALIAS_NODES = 20_000


@dataclass
class LoadError(Exception):
    code: str
    message: str
    hint: str | None = None
    line: int = 1
    column: int = 1

    def finding(self) -> Finding:
        return Finding(
            self.code, Severity.error, self.message, (), self.hint, self.line, self.column, name=code_name(self.code)
        )


@dataclass
class SourceMap:
    """1-based positions of every key and value in the YAML file, by path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``; falls back to the nearest ancestor."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return (1, 1)


@dataclass
class Document:
    file: str
    text: str
    data: dict
    source_map: SourceMap


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

#: Characters YAML 1.2 does not allow in a stream (c-printable), e.g. U+0001 or U+FFFE.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def _check_text(text: str) -> None:
    """What the YAML reader would reject or misreport, found with its real place and a German message."""
    if "\t" in text and (tab := _TAB_INDENT.search(text)) is not None:  # the cheap scan first (a 2 MB file: 10 ms)
        line, column = _line_col(text, tab.end() - 1)
        raise LoadError(
            "Y003",
            "Die Zeile ist mit einem Tabulator eingerückt; YAML erlaubt nur Leerzeichen.",
            "Ersetzen Sie den Tabulator durch Leerzeichen (zwei je Ebene).",
            line,
            column,
        )
    if (bad := _NOT_PRINTABLE.search(text)) is not None:
        line, column = _line_col(text, bad.start())
        raise LoadError(
            "Y009",
            f"Die Datei enthält das unzulässige Steuerzeichen U+{ord(bad.group()):04X}; YAML erlaubt es nicht im Text.",
            "Löschen Sie das Zeichen (es ist im Editor oft unsichtbar, z. B. aus einer Kopie aus "
            "Word oder PDF). Soll es im Text stehen, schreiben Sie es in doppelten "
            'Anführungszeichen als Escape, z. B. "\\x01".',
            line,
            column,
        )
    if (invisible := pasted.leading_invisible(text)) is not None:
        raise LoadError("Y010", *invisible)
    if _CONTENT_LINE.search(text) is None:
        raise LoadError(
            "Y004",
            "Die Datei ist leer (sie enthält keine Angaben, höchstens Kommentare).",
            "Beginnen Sie mit einer Kopie von examples/kreis-unna-2012.yaml.",
        )


def _check_tabs(text: str) -> None:  # kept for callers of the old name
    _check_text(text)

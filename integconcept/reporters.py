"""Output formats as a small table of reporter classes (after check-jsonschema's reporter.py)."""

from __future__ import annotations

import json
from typing import ClassVar, TextIO

from .findings import FileResult, Severity, dotted_path


def summary(results: list[FileResult]) -> dict:
    return {
        "files": len(results),
        "errors": sum(r.count(Severity.error) for r in results),
        "warnings": sum(r.count(Severity.warning) for r in results),
        "infos": sum(r.count(Severity.info) for r in results),
    }


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_line(results: list[FileResult]) -> str:
    s = summary(results)
    return (f"{_plural(s['files'], 'Datei', 'Dateien')} geprüft: {_plural(s['errors'], 'Fehler', 'Fehler')}, "
            f"{_plural(s['warnings'], 'Warnung', 'Warnungen')}, {_plural(s['infos'], 'Hinweis', 'Hinweise')}.")


class Reporter:
    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, stream: TextIO):
        self.stream = stream

    def report(self, results: list[FileResult]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class TextReporter(Reporter):
    name = "text"
    description = "Eine Zeile je Befund (Datei:Zeile:Spalte: CODE Meldung), darunter der Hinweis."

    def report(self, results: list[FileResult]) -> None:
        write = self.stream.write
        for result in results:
            for f in result.findings:
                label = "" if f.severity is Severity.error else f"({f.severity.label}) "
                write(f"{result.file}:{f.line}:{f.column}: {f.code} {label}{f.message}\n")
                if f.path:
                    write(f"    Stelle: {dotted_path(f.path)}\n")
                if f.hint:
                    write(f"    Hinweis: {f.hint}\n")
                if f.citations:
                    write(f"    Grundlage: {'; '.join(str(c) for c in f.citations)}\n")
        write(summary_line(results) + "\n")


class JsonReporter(Reporter):
    name = "json"
    description = "Ein JSON-Dokument mit allen Befunden (version 1)."

    def report(self, results: list[FileResult]) -> None:
        document = {
            "version": 1,
            "files": [{"file": r.file, "findings": [f.to_json() for f in r.findings]} for r in results],
            "summary": summary(results),
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {cls.name: cls for cls in (TextReporter, JsonReporter)}

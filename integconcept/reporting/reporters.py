"""Output formats as a small table of reporter classes (after check-jsonschema's reporter.py)."""

from __future__ import annotations

from typing import Any, ClassVar, TextIO

from integconcept.core.findings import FileResult, Severity, dotted_path
from integconcept.core.german import count
from integconcept.core.safe_text import TerminalStream, json_text


def summary(results: list[FileResult]) -> dict:
    return {
        "files": len(results),
        "errors": sum(r.count(Severity.error) for r in results),
        "warnings": sum(r.count(Severity.warning) for r in results),
        "infos": sum(r.count(Severity.info) for r in results),
    }


def summary_line(results: list[FileResult]) -> str:
    s = summary(results)
    return (
        f"{count(s['files'], 'Datei')} geprüft: {count(s['errors'], 'Fehler')}, "
        f"{count(s['warnings'], 'Warnung')}, {count(s['infos'], 'Hinweis')}."
    )


class Reporter:
    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, stream: TextIO):
        # file names and messages quote the user's text: lone surrogates and control characters
        # from YAML escapes must neither crash the encoder nor reach the terminal raw
        self.stream = TerminalStream(stream)

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
                where = f"{f.location['text']}" if f.location else f"{f.line}:{f.column}"
                write(f"{f.file or result.file}:{' ' if f.location else ''}{where}: {f.code} {label}{f.message}\n")
                if f.location and f.location.get("quote"):
                    write(f"    Text: „{f.location['quote']}“\n")
                elif f.path:
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
        self.stream.write(json_text(document, indent=2))
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {cls.name: cls for cls in (TextReporter, JsonReporter)}


# --------------------------------------------------------------------------- SARIF and GitHub

_SARIF_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _artifact_uri(file: str) -> str:
    import os
    from pathlib import PurePath
    from urllib.parse import quote

    # the file's bytes as the file system has them (a non-UTF-8 name arrives as lone surrogates)
    return quote(os.fsencode(PurePath(file).as_posix()), safe="/:")


def _input_code_text(code: str) -> tuple[str, str]:
    from integconcept.core.codes import NON_RULE_CODES

    name, text = NON_RULE_CODES.get(code, ("", ""))
    return name or code, text


class SarifReporter(Reporter):
    name = "sarif"
    description = "SARIF 2.1.0 (für Code-Scanning-Werkzeuge, z. B. GitHub)."

    def report(self, results: list[FileResult]) -> None:
        from integconcept import __version__
        from integconcept.rules import all_rules

        rules = all_rules()
        descriptors: list[dict] = []
        index: dict[str, int] = {}
        for code, rule in rules.items():
            descriptor = {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": " ".join(p for p in (rule.explanation, rule.reason) if p) or rule.summary},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {
                    "packs": sorted(rule.packs),
                    "citations": [str(c) for c in rule.citations],
                    "modality": rule.modality.value if rule.modality else None,
                },
            }
            if rule.help_uri():
                descriptor["helpUri"] = rule.help_uri()
            index[code] = len(descriptors)
            descriptors.append(descriptor)
        for result in results:  # input-check codes (F, Y, S) that occur
            for f in result.findings:
                if f.code not in index:
                    name, text = _input_code_text(f.code)
                    index[f.code] = len(descriptors)
                    descriptors.append(
                        {
                            "id": f.code,
                            "name": f.name or name,
                            "shortDescription": {"text": text or f.code},
                            "fullDescription": {"text": text or f.code},
                            "defaultConfiguration": {"level": "error"},
                        }
                    )
        sarif_results = []
        for result in results:
            for f in result.findings:
                message = f.message + (f" Hinweis: {f.hint}" if f.hint else "")
                entry: dict[str, Any] = {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _artifact_uri(f.file or result.file)},
                                "region": {"startLine": max(1, f.line), "startColumn": max(1, f.column)},
                            }
                        }
                    ],
                }
                if f.path:
                    entry["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": dotted_path(f.path)}]
                sarif_results.append(entry)
        document = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "integconcept", "version": __version__, "rules": descriptors}},
                    "results": sarif_results,
                }
            ],
        }
        self.stream.write(json_text(document, indent=2))
        self.stream.write("\n")


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class GithubReporter(Reporter):
    name = "github"
    description = "Anmerkungen für GitHub Actions (::error file=…,line=…::…); automatisch bei GITHUB_ACTIONS=true."

    def report(self, results: list[FileResult]) -> None:
        command = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
        for result in results:
            for f in result.findings:
                message = f.message + (f"\nHinweis: {f.hint}" if f.hint else "")
                if f.citations:
                    message += "\nGrundlage: " + "; ".join(str(c) for c in f.citations)
                self.stream.write(
                    f"::{command[f.severity]} file={_gh_escape(f.file or result.file, prop=True)},line={f.line},"
                    f"col={f.column},title={_gh_escape(f.code, prop=True)}::{_gh_escape(message)}\n"
                )
        self.stream.write(summary_line(results) + "\n")


REPORTERS.update({cls.name: cls for cls in (SarifReporter, GithubReporter)})

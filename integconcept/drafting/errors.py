"""The error every drafting command raises for input it cannot use (exit code 2, German message)."""

from __future__ import annotations

from integconcept.core.errors import UserError
from integconcept.core.findings import Finding, Severity, dotted_path


class DraftingError(UserError):
    """Unusable input or a refused output; ``message`` is German and complete (place, problem, fix)."""

    def __init__(self, message: str, findings: list[Finding] | None = None, exit_code: int = 2):
        super().__init__(message, exit_code)
        self.findings = list(findings or [])

    def __str__(self) -> str:
        return self.message


def describe_findings(file: str, findings: list[Finding]) -> str:
    """Findings as in ``validate``'s text format: file:line:column: CODE message, place, hint."""
    lines = []
    for f in findings:
        label = "" if f.severity is Severity.error else f"({f.severity.label}) "
        lines.append(f"{file}:{f.line}:{f.column}: {f.code} {label}{f.message}")
        if f.path:
            lines.append(f"    Stelle: {dotted_path(f.path)}")
        if f.hint:
            lines.append(f"    Hinweis: {f.hint}")
    return "\n".join(lines)

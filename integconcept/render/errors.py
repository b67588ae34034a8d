"""The error type of rendering: a German message for the user and an exit code."""

from __future__ import annotations

from integconcept.core.output import OutputError


class RenderError(OutputError):
    """A problem the user can fix while rendering (bad template, missing LibreOffice …)."""

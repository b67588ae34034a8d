"""The error type of rendering: a German message for the user and an exit code."""

from __future__ import annotations


class RenderError(Exception):
    """A problem the user can fix (wrong path, bad template, missing LibreOffice …)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

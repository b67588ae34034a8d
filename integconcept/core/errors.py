"""The one kind of error a user can cause and fix: a German message and an exit code.

Library functions raise :class:`UserError` (or a subclass such as ``OutputError``) instead of printing and
exiting; the command line prints ``Fehler: <message>`` and exits with ``exit_code`` in one place
(``cli.main``).
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix (wrong option value, unusable path, missing program …)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

"""The error type of rendering: a German message for the user and an exit code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from integconcept.core.output import OutputError


class RenderError(OutputError):
    """A problem the user can fix while rendering (bad template, missing LibreOffice …)."""


def read_named_file(
    path: Path,
    limit: int,
    *,
    folder: str,
    too_big: Callable[[int], str],
    missing: str,
    unreadable: Callable[[OSError], str],
) -> bytes:
    """The bytes (at most ``limit`` + 1) of a file the user named (a template, an image); a
    :class:`RenderError` with the caller's German message for a folder, a file over ``limit`` bytes
    (``too_big(size)``), a missing file or one that cannot be read (``unreadable(error)``)."""
    try:
        if path.is_dir():
            raise RenderError(folder)
        size = path.stat().st_size
        if size > limit:
            raise RenderError(too_big(size))
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except FileNotFoundError:
        raise RenderError(missing) from None
    except IsADirectoryError:
        raise RenderError(folder) from None
    except OSError as exc:
        raise RenderError(unreadable(exc)) from None

"""Stopping a command cleanly: SIGINT (Ctrl+C), SIGTERM, SIGHUP (terminal closed) and, on Windows, SIGBREAK.

The command line installs :func:`install` once at its start. From then on each of these signals raises
:class:`Interrupted` in the main thread, wherever the command is: every ``with`` block and ``finally`` on
the way out runs – temporary files and folders (``integconcept-pdf-*``) are removed, LibreOffice and its
helper are stopped, an output being written is dropped and an existing one stays as it was – and
``cli.main`` says in German what happened and exits with 128 + the signal number.

Clean-up code that must not itself be cut short runs inside :func:`deferred`: a signal arriving there is
remembered and raised when the block ends. A signal whose handler was "ignore" when the command started
(``nohup``) stays ignored. Windows has no ``signal.pthread_sigmask`` and no SIGHUP; nothing here needs them.
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived (temporary files are removed on the way out).

    Not a KeyboardInterrupt: typer would turn that into a silent exit code 130; ``cli.main`` says
    in German what happened and exits with 128 + the signal number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def stop_signals() -> tuple[int, ...]:
    """The signals that stop a command on this system."""
    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


_state: dict = {"depth": 0, "pending": None, "installed": False, "received": None, "unraisable": None}


def _handler(signum, frame) -> None:
    _state["received"] = _state["received"] or signum
    if _state["depth"]:
        _state["pending"] = _state["pending"] or signum
        return
    raise Interrupted(signum)


def install() -> dict:
    """From now on the stop signals raise :class:`Interrupted` (main thread only; else nothing happens).

    Returns the previous handlers for :func:`restore`."""
    previous: dict = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for signum in stop_signals():
        try:
            handler = signal.getsignal(signum)
            if handler == signal.SIG_IGN:
                continue
            signal.signal(signum, _handler)
            previous[signum] = handler
        except (OSError, ValueError):  # not settable here
            continue
    if sys.unraisablehook is not _unraisable:
        _state["unraisable"] = sys.unraisablehook
        sys.unraisablehook = _unraisable
    _state["installed"] = True
    _state["received"] = None
    return previous


def _unraisable(unraisable) -> None:
    """An :class:`Interrupted` raised where Python cannot pass it on – a weakref callback of the import machinery,
    a ``__del__`` – is not printed ("Exception ignored in …" and a traceback, seen when Ctrl+C came while
    ``render --pdf`` was still importing): the signal stays recorded (:func:`received`), and the places that wait
    long stop on it (:func:`stop_if_received`). Delivering it again from here would raise inside this hook.
    Anything else goes to the hook from before :func:`install`."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    (_state["unraisable"] or sys.__unraisablehook__)(unraisable)


def restore(previous: dict) -> None:
    """The handlers from before :func:`install` (a test that calls ``cli.main`` gets its own back)."""
    for signum, handler in previous.items():
        try:
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        except (OSError, ValueError, TypeError):
            pass
    _state["installed"] = False
    _state["received"] = None  # the next command (a test calling cli.main again) starts afresh
    if sys.unraisablehook is _unraisable:
        sys.unraisablehook = _state["unraisable"] or sys.__unraisablehook__


def finished() -> None:
    """The command is done and its outputs complete: a stop signal while the process flushes its streams and
    leaves changes nothing any more and is ignored (instead of raising where nothing catches it)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in stop_signals():
        try:
            signal.signal(signum, signal.SIG_IGN)
        except (OSError, ValueError):
            continue


def installed() -> bool:
    return bool(_state["installed"])


def received() -> int | None:
    """The stop signal that arrived during this command, if any – also when a library caught the
    :class:`Interrupted` it raised and turned it into an error of its own (pydantic-core does so while
    it builds a schema), so the last-resort handler can still say "Abgebrochen." instead of "Interner Fehler"."""
    return _state["received"]


def stop_if_received() -> None:
    """Raise :class:`Interrupted` if a stop signal arrived during this command.

    For the places that wait long (LibreOffice's conversion): a signal whose :class:`Interrupted` was raised
    where Python ignores exceptions – inside a ``__del__`` method or a weakref callback that happened to run at
    that moment ("Exception ignored in …") – would otherwise be lost, and the command would wait on."""
    signum = _state["received"]
    if signum and _state["installed"] and not _state["depth"] and threading.current_thread() is threading.main_thread():
        raise Interrupted(signum)


@contextmanager
def deferred():
    """Run clean-up without being cut short: a stop signal inside is raised when the block ends."""
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        if not _state["depth"] and _state["pending"]:
            signum, _state["pending"] = _state["pending"], None
            raise Interrupted(signum)

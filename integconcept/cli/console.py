"""The ``integconcept`` console script.

The plain calls of the everyday commands (``validate``, ``timeline``, ``diff``, ``render``, ``fmt``,
``import``) run through :mod:`integconcept.cli.fast` without importing typer; everything else (help, usage
errors, the other commands) through the typer command line :func:`integconcept.cli.app.run`.

The cyclic garbage collector is off from the first import on: the imports of pydantic and the model
create many objects and no cyclic garbage, a command's objects (model, XML tree, findings) are freed by
reference counting, and collector passes over them cost 10–20 % of a run; peak memory of the 100×
benchmark concept is the same with and without (bench/run.py). pydantic's plugin loader is switched off
by its documented variable (an explicit setting is kept): it would scan the metadata of every installed
package for plugins, and the tool uses none. With plugins off, pydantic's loader module is replaced by one
that offers none, as the real one does then: importing it pulls in ``importlib.metadata`` (email, zipfile,
csv …), ~18 ms CPU of a ~150 ms ``validate`` (tests/test_fast_cli.py keeps the two in step)."""

import gc
import os
import sys
import types

#: The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all.
PLUGINS_OFF = ("__all__", "1", "true")


def skip_plugin_loader() -> None:
    """With pydantic's plugins switched off, stand in for its loader module (it would return no plugin)."""
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF or name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic's plugin loader while plugins are switched off: no plugins.")
    vars(loader).update(PYDANTIC_ENTRY_POINT_GROUP="pydantic", get_plugins=lambda: ())
    sys.modules[name] = loader


def run() -> None:
    # The stop signals are handled from the first line on: a Ctrl+C while the modules load (the slowest part of
    # a short command) reads "Abgebrochen." like one later on, not a Python traceback.
    from integconcept.core import signals

    signals.install()
    try:
        code = _dispatch()
    except (signals.Interrupted, KeyboardInterrupt) as exc:
        code = _stopped(exc)
    from integconcept.cli.failures import leave

    leave(code)


def _dispatch() -> int:
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_loader()
    from integconcept.cli.fast import dispatch

    code = dispatch(sys.argv[1:])
    if code is None:
        from integconcept.cli.app import run as cli_run

        cli_run()  # leaves the process itself
    return code or 0


def _stopped(exc: BaseException) -> int:
    """A stop signal before or after a command's own handling (while loading, before typer took over)."""
    from integconcept.core import signals

    signals.install()  # a second Ctrl+C while the message is written ends the same way
    try:
        sys.stderr.write("Abgebrochen.\n")
        sys.stderr.flush()
    except (OSError, ValueError, signals.Interrupted, KeyboardInterrupt):
        pass
    return 128 + exc.signum if isinstance(exc, signals.Interrupted) else 130

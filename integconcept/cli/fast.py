"""The plain invocations of the everyday commands, parsed without typer (start-up time).

Importing typer (click, its pydantic adapters) costs more CPU than checking a concept, and typer builds
pydantic ``TypeAdapter`` objects while it parses the arguments. :func:`dispatch` recognises the common
calls of ``validate``, ``timeline`` (``check`` and ``plan``), ``diff``, ``render``, ``fmt`` and ``import`` – options
spelled as the help lists them, ``--option=WERT`` and ``-fWERT`` included – and runs them through
:mod:`integconcept.cli.actions`, the functions the typer commands call too. Anything else (help, an
unknown or incomplete option, a missing or surplus argument, ``--``, a wildcard on Windows) returns
``None``: the typer command line then handles it and writes its German help or usage error.

The error handling is that of :func:`integconcept.cli.app.main` plus the command group's (a
:class:`UserError` becomes ``Fehler: …`` with its exit code). ``tests/test_fast_cli.py`` checks that the
option tables below match the typer commands and that both paths print the same."""

from __future__ import annotations

import os
import sys

#: Per command: (action name, positional parameter names, (minimum, maximum) count of positionals or
#: None for "one per name", options). An option is (declarations, parameter name, kind); kind "value"
#: takes one value (the last one given counts), "multi" collects values, "flag" takes none.
COMMANDS: dict[str, tuple] = {
    "validate": (
        "validate",
        ("files",),
        (1, None),
        (
            (("--format", "-f"), "format", "value"),
            (("--strict",), "strict", "flag"),
            (("--exit-zero",), "exit_zero", "flag"),
            (("--select",), "select", "multi"),
            (("--ignore",), "ignore", "multi"),
            (("--basis",), "basis", "value"),
            (("--oparl",), "oparl", "value"),
            (("--oparl-cache",), "oparl_cache", "value"),
            (("--skip-other-yaml",), "skip_other_yaml", "flag"),
            (("--oparl-same-server",), "oparl_same_server", "flag"),
        ),
    ),
    "render": (
        "render",
        ("file",),
        None,
        (
            (("--output", "-o"), "output", "value"),
            (("--template", "-t"), "template", "value"),
            (("--pdf",), "pdf", "flag"),
            (("--keep-header",), "keep_header", "flag"),
            (("--force",), "force", "flag"),
        ),
    ),
    "timeline check": (
        "timeline_check",
        ("file",),
        None,
        (
            (("--format", "-f"), "format", "value"),
            (("--output", "-o"), "out", "value"),
            (("--oparl",), "oparl", "value"),
            (("--oparl-cache",), "oparl_cache", "value"),
            (("--force",), "force", "flag"),
            (("--oparl-same-server",), "oparl_same_server", "flag"),
        ),
    ),
    "timeline plan": (
        "timeline_plan",
        ("file",),
        (0, 1),
        (
            (("--council-date", "-d"), "council_date", "value"),
            (("--authority-kind",), "authority_kind", "value"),
            (("--committee",), "committee", "value"),
            (("--calendar",), "calendar_file", "value"),
            (("--format", "-f"), "format", "value"),
            (("--output", "-o"), "out", "value"),
            (("--oparl",), "oparl", "value"),
            (("--oparl-cache",), "oparl_cache", "value"),
            (("--oparl-same-server",), "oparl_same_server", "flag"),
            (("--force",), "force", "flag"),
            (("--into",), "into", "value"),
            (("--check",), "check", "flag"),
        ),
    ),
    "diff": (
        "diff",
        ("old", "new"),
        None,
        (
            (("--format", "-f"), "format", "value"),
            (("--output", "-o"), "output", "value"),
            (("--template", "-t"), "template", "value"),
            (("--force",), "force", "flag"),
        ),
    ),
    "import": ("import_word", ("word",), None, ((("--output", "-o"), "output", "value"),)),
    "fmt": (
        "fmt",
        ("files",),
        (1, None),
        (
            (("--check",), "check", "flag"),
            (("--diff",), "diff", "flag"),
            (("--skip-other-yaml",), "skip_other_yaml", "flag"),
        ),
    ),
}

#: Options a command cannot run without (typer reports them missing in German).
REQUIRED = {"render": ("output",), "timeline plan": ("council_date",), "import": ("output",)}

_WILDCARDS = frozenset("*?[")


def parse(argv: list[str]) -> tuple[str, dict] | None:
    """(action name, keyword arguments) for a plain call, or ``None`` when typer should handle it."""
    if not argv:
        return None
    name, args = argv[0], argv[1:]
    if name == "timeline":
        if not args or args[0] in ("-h", "--help"):
            return None
        if args[0] in ("check", "plan"):
            name, args = f"timeline {args[0]}", args[1:]
        else:
            name = "timeline check"
    spec = COMMANDS.get(name)
    if spec is None:
        return None
    action, positional_names, counts, options = spec
    if os.name == "nt" and any(_WILDCARDS & set(arg) for arg in args):
        return None  # click expands wildcards on Windows (cmd.exe does not)
    table = {decl: (param, kind) for decls, param, kind in options for decl in decls}
    values: dict = {}
    positionals: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "-" or not arg.startswith("-"):
            positionals.append(arg)
            continue
        attached: str | None
        if arg.startswith("--"):
            key, equals, attached = arg.partition("=")
            if not equals:
                attached = None
        else:
            key, attached = arg[:2], (arg[2:] or None)
        if key not in table:
            return None
        param, kind = table[key]
        if kind == "flag":
            if attached is not None:
                return None
            values[param] = True
            continue
        if attached is None:
            if index >= len(args):
                return None
            attached = args[index]
            index += 1
            if attached.startswith("-") and len(attached) > 1:
                return None  # click would take it for an option and report the missing value
        if kind == "multi":
            values.setdefault(param, []).append(attached)
        else:
            values[param] = attached
    if counts is None:
        if len(positionals) != len(positional_names):
            return None
        values.update(zip(positional_names, positionals))
    else:
        low, high = counts
        if len(positionals) < low or (high is not None and len(positionals) > high):
            return None
        if high == 1:
            if positionals:
                values[positional_names[0]] = positionals[0]
        else:
            values[positional_names[0]] = positionals
    if any(param not in values for param in REQUIRED.get(name, ())):
        return None
    return action, values


def dispatch(argv: list[str]) -> int | None:
    """Run a plain call and return its exit code, or ``None`` (nothing done) when typer should handle it."""
    parsed = parse(argv)
    if parsed is None:
        return None
    from integconcept.core.signals import install, restore

    previous = install()  # SIGINT/SIGTERM/SIGHUP at any point: clean-up runs, then the German message
    try:
        return _run(argv, *parsed)
    finally:
        restore(previous)


def _run(argv: list[str], action: str, values: dict) -> int:
    import errno

    from integconcept.cli import actions, failures
    from integconcept.cli.failures import STOPPED, quiet_stdout, say
    from integconcept.core.console_text import readable_output
    from integconcept.core.errors import UserError
    from integconcept.core.output import Interrupted

    readable_output(sys.stdout, sys.stderr)  # a code page that lacks a character: a readable substitute
    try:
        try:
            code = getattr(actions, action)(**values)
        except UserError as exc:  # as the command group does
            say(f"Fehler: {exc.message}")
            code = exc.exit_code
        except KeyboardInterrupt:  # inside a command typer ends silently with 130
            return 130
        except EOFError:  # click: an empty line, then its Abort reaches the last resort below
            say("")
            raise _Abort() from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # click quiets both streams and exits with 1
                quiet_stdout()
                return 1
            raise
        sys.stdout.flush()  # a full disk or /dev/full as stdout shows here, not at interpreter exit
    except Interrupted as exc:  # a stop signal: temporary files and LibreOffice are already cleaned up
        say(STOPPED)
        return 128 + exc.signum
    except KeyboardInterrupt:
        say("Abgebrochen.")
        return 130
    except OSError as exc:  # stdout cannot be written (/dev/full, a closed pipe), or a file cannot be used
        return failures.os_error(exc)
    except Exception as exc:  # last resort: a bug; the fuzz suite in tests/ must never get here
        return failures.internal_error(exc, argv)
    return code if isinstance(code, int) else 0


class _Abort(Exception):
    """click's ``Abort`` (its name is what the last-resort message shows)."""


_Abort.__name__ = "Abort"

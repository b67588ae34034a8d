"""Command-line interface: a thin layer over the library functions."""

from __future__ import annotations

import re
import sys
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="integconcept",
    help="Integrationskonzepte (TIntG NRW) prüfen, als Word-Dokument ausgeben und den Gremienlauf planen.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail_usage(message: str) -> None:
    """Wrong usage: German message on stderr, exit code 2."""
    typer.echo(f"Fehler: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"integconcept {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Version anzeigen und beenden.")] = None,
) -> None:
    """Integrationskonzepte prüfen, ausgeben und ihren Gremienlauf planen."""


@app.command()
def validate(
    files: Annotated[list[str], typer.Argument(help="Eine oder mehrere Konzeptdateien (YAML).",
                                               show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help="Ausgabeformat: text oder json.")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Auch Warnungen führen zu Exit-Code 1.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero",
                                            help="Immer Exit-Code 0, außer die Eingabe ist unbrauchbar.")] = False,
) -> None:
    """Konzeptdateien prüfen: Aufbau (Schema) und Regeln.

    Exit-Code 0: keine Fehler; 1: Fehler gefunden (mit --strict auch Warnungen);
    2: Datei unbrauchbar oder falscher Aufruf.
    """
    from .reporters import REPORTERS
    from .validate import exit_code, validate_files

    if format not in REPORTERS:
        fail_usage(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(REPORTERS)}.")
    results = validate_files(files)
    REPORTERS[format](sys.stdout).report(results)
    raise typer.Exit(exit_code(results, strict=strict, exit_zero=exit_zero))


@app.command()
def schema() -> None:
    """Das JSON-Schema der Konzeptdateien ausgeben (für Editoren)."""
    from .schema_export import schema_text

    sys.stdout.write(schema_text())


def _click_exception_types() -> tuple[type[BaseException], ...]:
    """Click's exception base: typer vendors click in newer releases, older ones use click."""
    types_: list[type[BaseException]] = []
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            types_.append(__import__(module, fromlist=["ClickException"]).ClickException)
        except (ImportError, AttributeError):
            continue
    return tuple(types_)


_USAGE_TRANSLATIONS = (
    (re.compile(r"^No such option: (\S+)(?: \(Possible options: (.*)\))?.*$", re.S),
     lambda m: f"Unbekannte Option {m[1]}." + (f" Meinten Sie {m[2]}?" if m[2] else "")),
    (re.compile(r"^No such command '(.+)'\.?$"), lambda m: f"Unbekannter Befehl „{m[1]}“."),
    (re.compile(r"^Missing argument '(.+)'\.?$"), lambda m: f"Es fehlt die Angabe „{m[1]}“ (z. B. eine Konzeptdatei)."),
    (re.compile(r"^Missing option '(.+)'\.?$"), lambda m: f"Die Option „{m[1]}“ muss angegeben werden."),
    (re.compile(r"^Option '(.+)' requires an argument\.?$"), lambda m: f"Die Option „{m[1]}“ braucht einen Wert."),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"), lambda m: f"Überzählige Angabe: {m[1]}."),
    (re.compile(r"^Invalid value for (.+?): (.*)$", re.S), lambda m: f"Ungültiger Wert für {m[1]}: {m[2]}"),
)


def _german_usage_error(message: str) -> str:
    for pattern, build in _USAGE_TRANSLATIONS:
        if match := pattern.match(message.strip()):
            return build(match)
    return message


def main() -> None:
    click_errors = _click_exception_types()
    try:
        code = app(prog_name="integconcept", standalone_mode=False)
    except KeyboardInterrupt:
        typer.echo("Abgebrochen.", err=True)
        sys.exit(130)
    except click_errors as exc:  # wrong usage: German message, exit code 2
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            typer.echo(ctx.get_usage().replace("Usage:", "Aufruf:"), err=True)
            typer.echo(f"Hilfe: {ctx.command_path} -h", err=True)
        typer.echo(f"Fehler: {_german_usage_error(exc.format_message())}", err=True)
        sys.exit(getattr(exc, "exit_code", 2) or 2)
    sys.exit(code if isinstance(code, int) else 0)

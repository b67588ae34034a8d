"""Command-line interface: a thin layer over the library functions."""

from __future__ import annotations

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


def main() -> None:
    try:
        app(prog_name="integconcept")
    except KeyboardInterrupt:
        typer.echo("Abgebrochen.", err=True)
        sys.exit(130)

"""Glue for the ``timeline`` commands: atomic output, input protection, the FILE-or-plan group."""

from __future__ import annotations

import os
import tempfile

import typer
from typer.core import TyperGroup


class DefaultCheckGroup(TyperGroup):
    """``timeline FILE`` is short for ``timeline check FILE``; ``timeline plan …`` plans."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def write_output(out: str, data: bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``out`` atomically (temp file in the target folder, then os.replace)."""
    for source in inputs:
        if source and os.path.exists(out) and same_file(out, source):
            typer.echo(f"Fehler: „{out}“ ist die Eingabedatei; sie wird nie überschrieben. "
                       "Wählen Sie mit -o einen anderen Dateinamen.", err=True)
            raise typer.Exit(2)
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        typer.echo(f"Fehler: Den Ordner „{folder}“ für die Ausgabe gibt es nicht.", err=True)
        raise typer.Exit(2)
    if os.path.isdir(out):
        typer.echo(f"Fehler: „{out}“ ist ein Ordner; geben Sie einen Dateinamen an.", err=True)
        raise typer.Exit(2)
    handle, temp = tempfile.mkstemp(prefix=".integconcept-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, out)
    except OSError as exc:
        if os.path.exists(temp):
            os.unlink(temp)
        typer.echo(f"Fehler: „{out}“ kann nicht geschrieben werden: {exc.strerror or exc}.", err=True)
        raise typer.Exit(2) from None

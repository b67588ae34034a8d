"""Glue for the ``timeline`` commands: atomic output, input protection, the FILE-or-plan group."""

from __future__ import annotations

import typer

from ..cli_german import GermanGroup


class DefaultCheckGroup(GermanGroup):
    """``timeline FILE`` is short for ``timeline check FILE``; ``timeline plan …`` plans."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def write_output(out: str, data: bytes, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``out`` atomically; never over an input file (exit code 2 otherwise)."""
    from ..output import OutputError, atomic_write, check_output_path

    try:
        path = check_output_path(out, {"Eingabedatei": source for source in inputs})
        atomic_write(path, data)
    except OutputError as exc:
        typer.echo(f"Fehler: {exc.message}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        typer.echo(f"Fehler: „{out}“ kann nicht geschrieben werden: {exc.strerror or exc}. "
                   "Eine vorhandene Datei wurde nicht verändert.", err=True)
        raise typer.Exit(2) from None

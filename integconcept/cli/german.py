"""The command line in German: help screens, placeholders, overview and usage errors, in one place.

typer (which vendors click) writes its help and its usage errors in English, partly through
``gettext`` (typer's own strings) and partly hard-coded (click's "Usage:", "Show this message and exit.",
its exception texts). Rather than patching strings where they are printed, the CLI uses the command and
group classes defined here:

* :class:`GermanGroup` and :class:`GermanCommand` write the whole help screen themselves (usage line,
  description, arguments, options, commands) from the parameters' public attributes, in German, with
  German placeholders (``DATEI``, ``AUSGABE`` …) and no truncated summaries;
* :class:`GermanTyper` uses them by default, so a new ``@app.command()`` is German without extra code;
* :func:`usage_error_message` turns click's exception objects (not their English text) into German.
"""

from __future__ import annotations

import inspect
import textwrap

import typer
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup

#: Placeholders for option values and arguments, by parameter name. A parameter may also set its own
#: ``metavar`` in cli.py; a test fails when a help screen shows a parameter without a German placeholder.
PLACEHOLDERS = {
    "file": "DATEI",
    "files": "DATEI",
    "output": "AUSGABE",
    "out": "AUSGABE",
    "template": "VORLAGE",
    "format": "FORMAT",
    "select": "REGELN",
    "ignore": "REGELN",
    "basis": "GRUNDLAGE",
    "council_date": "JJJJ-MM-TT",
    "authority_kind": "ART",
    "committee": "NAME",
    "calendar_file": "KALENDER.ics",
    "code": "CODE",
    "step": "KENNUNG",
    "date": "JJJJ-MM-TT",
    "previous": "ALT.yaml",
    "feedback": "RUECKLAUF.docx",
    "port": "PORT",
}

#: German words for the kinds of values click reports as missing or invalid.
_KIND = {"argument": "Angabe", "option": "Option", "parameter": "Angabe"}

HELP_OPTION_TEXT = "Diese Hilfe anzeigen und beenden."


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, paragraphs kept, never broken inside a word or at a hyphen
    (``--council-date``, ``JJJJ-MM-TT`` stay whole so they can be copied)."""
    lines: list[str] = []
    for number, paragraph in enumerate(inspect.cleandoc(text).split("\n\n")):
        if number:
            lines.append("")
        lines += textwrap.wrap(
            " ".join(paragraph.split()), max(width, 20), break_on_hyphens=False, break_long_words=False
        ) or [""]
    return lines


class GermanFormatter(_click.HelpFormatter):
    """click's formatter with a German usage prefix and wrapping that never splits an option or a date."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Aufruf: " if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(
            "".join(f"{indent}{line}\n" if line else "\n" for line in _wrap(text, self.width - self.current_indent))
        )

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max(len(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            lines = _wrap(second, self.width - self.current_indent - first_col - 2) if second else []
            if len(first) <= first_col - col_spacing:
                head = f"{indent}{first:<{first_col}}"
            else:  # a long call form gets its own line, the text starts below it
                self.write(f"{indent}{first}\n")
                head = " " * (first_col + self.current_indent)
            self.write(f"{head}{lines[0]}\n".rstrip(" ") if lines else f"{indent}{first}\n")
            for line in lines[1:]:
                self.write(f"{' ' * (first_col + self.current_indent)}{line}\n" if line else "\n")


class GermanContext(_click.Context):
    formatter_class = GermanFormatter


def placeholder(param) -> str:
    """The German placeholder of a parameter's value (``DATEI``), without brackets."""
    if param.metavar:
        return param.metavar
    if param.name in PLACEHOLDERS:
        return PLACEHOLDERS[param.name]
    return "WERT"


def _is_argument(param) -> bool:
    return isinstance(param, TyperArgument)


def _is_help_option(ctx, param) -> bool:
    return not param.expose_value and set(param.opts) <= set(ctx.help_option_names)


def _default_text(param, ctx) -> str | None:
    if getattr(param, "is_flag", False):
        return None
    if not (param.show_default or ctx.show_default):
        return None
    default = param.default
    if default is None or default == () or default == []:
        return None
    if isinstance(param.show_default, str):
        return param.show_default
    return ", ".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default)


def _short_first(opts: list[str]) -> list[str]:
    """``-o, --output``: the short form first, as in every manual."""
    return sorted(opts, key=lambda opt: (opt.startswith("--"), opt))


def help_record(command, ctx, param) -> tuple[str, str] | None:
    """One row of the help screen for a parameter: its call form and its German explanation."""
    if getattr(param, "hidden", False):
        return None
    if _is_help_option(ctx, param):
        return ", ".join(_short_first(param.opts)), HELP_OPTION_TEXT
    if _is_argument(param):
        name = placeholder(param) + ("…" if param.nargs != 1 else "")
    else:
        name = ", ".join(_short_first([*param.opts, *param.secondary_opts]))
        if not getattr(param, "is_flag", False):
            name += " " + placeholder(param)
    extra = []
    default = _default_text(param, ctx)
    if default:
        extra.append(f"Standard: {default}")
    if param.required:
        extra.append("Pflichtangabe")
    text = param.help or ""
    if extra:
        text = f"{text}  [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"
    return name, text


def usage_pieces(command, ctx) -> list[str]:
    """The usage line after the command path: ``[OPTIONEN] DATEI…``."""
    pieces = ["[OPTIONEN]"] if any(not _is_argument(p) for p in command.get_params(ctx)) else []
    for param in command.get_params(ctx):
        if _is_argument(param):
            piece = placeholder(param) + ("…" if param.nargs != 1 else "")
            pieces.append(piece if param.required else f"[{piece}]")
    if isinstance(command, TyperGroup):
        pieces.append(command.subcommand_metavar)
    return pieces


def summary(command) -> str:
    """A command's one-line summary: the first paragraph of its help, never cut off."""
    if command.short_help:
        return inspect.cleandoc(command.short_help)
    text = inspect.cleandoc(command.help or "")
    return " ".join(text.split("\n\n", 1)[0].split())


class _GermanHelp(_click.Command):
    """Help screen written in German (mixed into the command and the group class, before typer's own)."""

    context_class: type[_click.Context] = GermanContext

    def collect_usage_pieces(self, ctx):
        return usage_pieces(self, ctx)

    def format_options(self, ctx, formatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = help_record(self, ctx, param)
            if record:
                (arguments if _is_argument(param) else options).append(record)
        for title, rows in (("Argumente", arguments), ("Optionen", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_help(self, ctx, formatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)


class GermanCommand(_GermanHelp, TyperCommand):
    """A command whose help screen is German."""


class GermanGroup(_GermanHelp, TyperGroup):
    """A command group whose help screen is German."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["subcommand_metavar"] = "BEFEHL [ANGABEN]…"
        super().__init__(*args, **kwargs)

    def invoke(self, ctx):
        """The one error path: a :class:`UserError` raised by the library becomes ``Fehler: …`` and its exit
        code (also when the app is called directly, as tests do)."""
        from integconcept.core.errors import UserError

        try:
            return super().invoke(ctx)
        except UserError as exc:
            typer.echo(f"Fehler: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        rows = [(name, summary(command)) for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Befehle"):
                formatter.write_dl(rows)


class GermanTyper(typer.Typer):
    """``typer.Typer`` whose groups and commands are German unless a command names its own class."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("cls", GermanGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or GermanCommand, **kwargs)


def overview(command, prog: str = "integconcept") -> str:
    """The short German overview shown when the program is called without a command."""
    lines = [summary(command), "", f"Aufruf: {prog} BEFEHL [ANGABEN]…", "", "Befehle:"]
    width = max(len(name) for name in command.commands)
    for name, sub in command.commands.items():
        if not sub.hidden:
            lines.append(f"  {name:<{width}}  {summary(sub)}")
    lines += ["", f"Hilfe zu einem Befehl: {prog} BEFEHL -h   (zum Beispiel: {prog} validate -h)"]
    return "\n".join(lines) + "\n"


def _option_label(param) -> str:
    if param is None:
        return "die Angabe"
    if _is_argument(param):
        return f"die Angabe {placeholder(param)}"
    return "die Option " + " / ".join(_short_first(param.opts))


def usage_error_message(exc) -> str:
    """A click usage error as a German sentence (built from the exception's data, not its English text)."""
    exceptions = _click.exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        text = f"Unbekannte Option „{exc.option_name}“."
        if exc.possibilities:
            text += " Meinten Sie " + " oder ".join(f"„{p}“" for p in sorted(exc.possibilities)) + "?"
        return text
    if isinstance(exc, exceptions.MissingParameter):
        label = _option_label(exc.param)
        if exc.param is not None and _is_argument(exc.param):
            return (
                f"Es fehlt {label} (z. B. eine Konzeptdatei)."
                if placeholder(exc.param) == "DATEI"
                else f"Es fehlt {label}."
            )
        return f"{label[0].upper()}{label[1:]} muss angegeben werden."
    if isinstance(exc, exceptions.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"Die Option „{exc.option_name}“ ist ein Schalter und nimmt keinen Wert."
        return f"Die Option „{exc.option_name}“ braucht einen Wert."
    if isinstance(exc, exceptions.BadParameter):
        return f"Ungültiger Wert für {_option_label(exc.param)}."
    message = exc.format_message().strip()
    if message.startswith("Got unexpected extra argument"):
        extra = message[message.rfind("(") + 1 : message.rfind(")")] if message.endswith(")") else ""
        return f"Überzählige Angabe: {extra}. Jeder Befehl nimmt die Angaben, die seine Hilfe (-h) nennt."
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        return f"Unbekannter Befehl „{name}“."
    if message == "Missing command.":
        return "Es fehlt ein Befehl."
    return message

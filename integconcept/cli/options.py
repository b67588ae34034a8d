"""The options and arguments of the command line, declared once for every command that takes them.

A command in :mod:`integconcept.cli.app` names its parameters with these ``Annotated`` aliases
(``select: SelectOption = None``) instead of spelling out ``typer.Option("--select", help=…)`` again:
the option's names, short form, placeholder and German help text live here. Where commands share an
option's name but explain it differently (``--output`` writes a Word file in one, a table in another),
the factory (:func:`output_option`) keeps the names in one place and the command gives its own text.

No ``from __future__ import annotations`` (see :mod:`integconcept.cli.app`): typer reads these aliases
as they are. typer copies each ``typer.Option(…)`` before it uses it, so one declaration can serve
several commands. The typer-free fast path (:mod:`integconcept.cli.fast`) keeps its own table of the
option names; ``tests/test_fast_cli.py`` checks that it matches the commands built from these."""

from typing import Annotated, Any, Optional

import typer

#: the values of --basis (integconcept.commands.validate.PACKS_FOR_BASIS; a test checks they agree)
BASIS_VALUES = "tintg2012-p7, tintg2022-p8 oder tintg2022-p8-p9"

SKIP_HELP = (
    "YAML-Dateien, die keine Konzeptdatei sind (ohne „format_version:“), mit einem Hinweis überspringen "
    "(für den pre-commit-Hook, der alle YAML-Dateien übergibt)."
)
FORCE_HELP = (
    "Eine vorhandene Ausgabedatei auch dann ersetzen, wenn sie keine frühere Ausgabe von integconcept "
    "ist (eine Konzeptdatei wird nie ersetzt)."
)
OPARL_HELP = (
    "Sitzungstermine im Ratsinformationssystem prüfen: Adresse der OParl-Schnittstelle (System oder "
    "Körperschaft), z. B. https://ratsinfo.kreis-beispiel.de/oparl/v1/system."
)
OPARL_CACHE_HELP = (
    "Antworten des Ratsinformationssystems in diesem Ordner speichern und wiederverwenden "
    "(erneute Prüfung ohne Netz; zum Aktualisieren den Ordner löschen)."
)


# ------------------------------------------------------------------ names shared, help per command


def format_option(help: str) -> Any:
    """``--format/-f``; the command's own formats in ``help`` (a default other than ``None`` is shown)."""
    return typer.Option("--format", "-f", help=help)


def output_option(help: str) -> Any:
    """``--output/-o``; what the command writes there in ``help``."""
    return typer.Option("--output", "-o", help=help, show_default=False)


def template_option(help: str) -> Any:
    """``--template/-t``: a Word template of the house."""
    return typer.Option("--template", "-t", help=help, show_default=False)


def basis_option(help: str) -> Any:
    """``--basis``: the legal basis (one of :data:`BASIS_VALUES`)."""
    return typer.Option("--basis", help=f"{help}: {BASIS_VALUES}.", show_default=False)


def oparl_option(help: str) -> Any:
    """``--oparl ADRESSE``: the council information system."""
    return typer.Option("--oparl", help=help, metavar="ADRESSE", show_default=False)


def force_option(help: str) -> Any:
    """``--force``: replace an output file that integconcept did not write."""
    return typer.Option("--force", help=help)


# ------------------------------------------------------------------ whole declarations


ConceptArgument = Annotated[str, typer.Argument(help="Die Konzeptdatei (YAML).", show_default=False)]
SelectOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--select",
        help="Nur diese Regeln: Code (K006), Code-Anfang (G7) oder Regelpaket (tintg2012); mehrfach oder mit Komma.",
        show_default=False,
    ),
]
IgnoreOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--ignore", help="Diese Regeln nicht anwenden (Code, Code-Anfang oder Regelpaket).", show_default=False
    ),
]
OParlOption = Annotated[Optional[str], oparl_option(OPARL_HELP)]
OParlCacheOption = Annotated[
    Optional[str], typer.Option("--oparl-cache", help=OPARL_CACHE_HELP, metavar="ORDNER", show_default=False)
]
OParlSameServerOption = Annotated[
    bool,
    typer.Option(
        "--oparl-same-server",
        help="Leitet das Ratsinformationssystem auf einen anderen Server weiter, abbrechen statt folgen "
        "(wie die Einstellung other_servers = false).",
    ),
]
SkipOtherYamlOption = Annotated[bool, typer.Option("--skip-other-yaml", help=SKIP_HELP)]
#: --force of the commands that write a document beside the concept (render, timeline, diff)
ForceOption = Annotated[bool, force_option(FORCE_HELP)]
#: --force of the committee papers (vorlage, feedback)
ForcePaperOption = Annotated[
    bool, force_option("Eine vorhandene Datei ersetzen, auch wenn sie nicht von integconcept stammt.")
]
HouseTemplateOption = Annotated[Optional[str], template_option("Word-Vorlage des Hauses (wie bei render).")]

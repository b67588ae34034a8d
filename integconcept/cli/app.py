"""Command-line interface: a thin layer over the library functions.

No ``from __future__ import annotations`` here: typer reads the parameters from the annotations, and
string annotations would be evaluated again (with every ``typer.Option(…)`` in them) for every command
on every start, ~10 ms of a ~200 ms ``validate``."""

import os
import sys
from typing import Annotated, Optional

import typer

from integconcept import __version__
from integconcept.cli.german import GermanGroup, GermanTyper, overview, usage_error_message
from integconcept.cli.options import (
    ConceptArgument,
    ForceOption,
    ForcePaperOption,
    HouseTemplateOption,
    IgnoreOption,
    OParlCacheOption,
    OParlSameServerOption,
    OParlOption,
    SelectOption,
    SkipOtherYamlOption,
    basis_option,
    force_option,
    format_option,
    oparl_option,
    output_option,
    template_option,
)

app = GermanTyper(
    name="integconcept",
    help="Integrationskonzepte (TIntG NRW) prüfen, als Word-Dokument ausgeben und den Gremienlauf planen.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


from integconcept.cli.actions import MACHINE_FORMATS, fail_usage, stdout_for as _stdout_for  # noqa: E402,F401


def _version(value: bool) -> None:
    if value:
        typer.echo(f"integconcept {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Version anzeigen und beenden."),
    ] = None,
) -> None:
    """Integrationskonzepte prüfen, ausgeben und ihren Gremienlauf planen."""


@app.command()
def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Eine oder mehrere Konzeptdateien (YAML) oder Konzepte als "
            "Word-Dokument (.docx): diese werden im Speicher übernommen, "
            "die Befunde nennen Abschnitt und Absatz im Dokument.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Optional[str],
        format_option(
            "Ausgabeformat: text, json, sarif oder github (Standard: text; github, wenn GITHUB_ACTIONS=true)."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Auch Warnungen führen zu Exit-Code 1.")] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Immer Exit-Code 0, außer die Eingabe ist unbrauchbar.")
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    basis: Annotated[Optional[str], basis_option("Rechtsgrundlage statt legal_basis der Datei")] = None,
    oparl: OParlOption = None,
    oparl_cache: OParlCacheOption = None,
    skip_other_yaml: SkipOtherYamlOption = False,
    oparl_same_server: OParlSameServerOption = False,
) -> None:
    """Konzeptdateien (YAML) oder Word-Dokumente (.docx) prüfen: Aufbau (Schema) und Regeln.

    Exit-Code 0: keine Fehler; 1: Fehler gefunden (mit --strict auch Warnungen);
    2: Datei unbrauchbar oder falscher Aufruf.
    """
    from integconcept.cli import actions

    raise typer.Exit(
        actions.validate(
            files,
            format,
            strict,
            exit_zero,
            select,
            ignore,
            basis,
            oparl,
            oparl_cache,
            skip_other_yaml,
            oparl_same_server,
        )
    )


@app.command()
def schema() -> None:
    """Das JSON-Schema der Konzeptdateien ausgeben (für Editoren)."""
    from integconcept.document.schema_export import schema_text

    _stdout_for("json").write(schema_text())


@app.command()
def render(
    file: ConceptArgument,
    output: Annotated[
        str, output_option("Die Datei, die geschrieben wird: .docx für ein Word-Dokument, .pdf für eine PDF-Datei.")
    ],
    template: Annotated[
        Optional[str], template_option("Eigene Word-Vorlage (.docx) mit den Formatvorlagen des Hauses.")
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Zusätzlich eine archivtaugliche PDF-Datei (PDF/A-2 mit "
            "Tags) neben der Word-Datei erzeugen (braucht LibreOffice; "
            "„-o konzept.pdf“ schreibt nur die PDF-Datei).",
        ),
    ] = False,
    keep_header: Annotated[
        bool,
        typer.Option(
            "--keep-header",
            help="Kopf- und Fußzeile der Vorlage behalten statt der eigenen "
            "(auch per Einstellung render.keep_header = true).",
        ),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Das Konzept als Word-Dokument oder PDF-Datei ausgeben („-o konzept.docx“ oder „-o konzept.pdf“).

    Fehler im Aufbau (Schema) verhindern die Ausgabe (Exit-Code 1); Befunde der Regeln nicht – sie
    werden in einer Zeile zusammengefasst. Exit-Code 2: Datei unbrauchbar oder falscher Aufruf.
    """
    from integconcept.cli import actions

    raise typer.Exit(actions.render(file, output, template=template, pdf=pdf, keep_header=keep_header, force=force))


# --------------------------------------------------------------------------- timeline (Gremienlauf)


class DefaultCheckGroup(GermanGroup):
    """``timeline FILE`` is short for ``timeline check FILE``; ``timeline plan …`` plans."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


timeline_app = GermanTyper(
    cls=DefaultCheckGroup,
    help=(
        "Gremienlauf prüfen („timeline DATEI“) oder rückwärts vom Kreistagstermin planen "
        "(„timeline plan --council-date JJJJ-MM-TT“)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(timeline_app, name="timeline")


@timeline_app.command("check")
def timeline_check(
    file: Annotated[str, typer.Argument(help="Konzeptdatei (YAML).", show_default=False)],
    format: Annotated[str, format_option("Ausgabeformat: text, json oder ics.")] = "text",
    out: Annotated[Optional[str], output_option("In diese Datei schreiben statt auf den Bildschirm.")] = None,
    oparl: OParlOption = None,
    oparl_cache: OParlCacheOption = None,
    force: ForceOption = False,
    oparl_same_server: OParlSameServerOption = False,
) -> None:
    """Den Gremienlauf eines Konzepts prüfen und als Tabelle, JSON oder Kalender (ICS) ausgeben.

    Exit-Code 0: keine Fehler; 1: Fehler im Gremienlauf oder im Aufbau der Datei; 2: Datei
    unbrauchbar oder falscher Aufruf.
    """
    from integconcept.cli import actions

    raise typer.Exit(actions.timeline_check(file, format, out, oparl, oparl_cache, force, oparl_same_server))


@timeline_app.command("plan")
def timeline_plan(
    council_date: Annotated[
        str,
        typer.Option("--council-date", "-d", help="Zieltermin des Kreistags (Rats), JJJJ-MM-TT.", show_default=False),
    ],
    file: Annotated[
        Optional[str],
        typer.Argument(help="Konzeptdatei (optional): liefert Kreis/Stadt, Gremien und Fristen.", show_default=False),
    ] = None,
    authority_kind: Annotated[
        Optional[str], typer.Option("--authority-kind", help="ohne Konzeptdatei: kreis oder kreisfreie_stadt.")
    ] = None,
    committee: Annotated[
        Optional[str], typer.Option("--committee", help="Name des Fachausschusses, wie er im Sitzungskalender steht.")
    ] = None,
    calendar_file: Annotated[
        Optional[str], typer.Option("--calendar", help="Sitzungskalender (.ics) aus dem Ratsinformationssystem.")
    ] = None,
    format: Annotated[str, format_option("Ausgabeformat: text, json, ics oder yaml.")] = "text",
    out: Annotated[Optional[str], output_option("In diese Datei schreiben.")] = None,
    oparl: Annotated[
        Optional[str],
        oparl_option(
            "Echte Sitzungstermine aus dem Ratsinformationssystem als Kalender: Adresse der OParl-Schnittstelle."
        ),
    ] = None,
    oparl_cache: OParlCacheOption = None,
    oparl_same_server: OParlSameServerOption = False,
    force: ForceOption = False,
    into: Annotated[
        Optional[str],
        typer.Option(
            "--into",
            metavar="KONZEPT.yaml",
            help="Den Plan in approval_process.steps dieser Konzeptdatei übernehmen "
            "(Kommentare bleiben; Schritte, die schon stattgefunden haben, bleiben unverändert).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Mit --into: nur zeigen, was sich ändern würde, nichts schreiben (Exit-Code 1 bei Änderungen).",
        ),
    ] = False,
) -> None:
    """Den Gremienlauf rückwärts vom Zieltermin des Kreistags (Rats) planen.

    Schlägt für jeden Schritt den spätesten möglichen Tag vor (Ladungsfrist, Beteiligungsfrist,
    Wochenenden, Feiertage und Schulferien in NRW; mit --calendar oder --oparl die echten
    Sitzungstermine).
    """
    from integconcept.cli import actions

    raise typer.Exit(
        actions.timeline_plan(
            council_date,
            file,
            authority_kind,
            committee,
            calendar_file,
            format,
            out,
            oparl,
            oparl_cache,
            force,
            into,
            check,
            oparl_same_server,
        )
    )


# --------------------------------------------------------------------------- drafting (init, fmt, diff)


@app.command("init")
def init_command(
    file: Annotated[
        str, typer.Argument(help="Die neue Konzeptdatei (YAML); sie darf noch nicht existieren.", show_default=False)
    ],
    authority: Annotated[
        Optional[str],
        typer.Option(
            "--authority",
            metavar="NAME",
            help="Name des Kreises oder der kreisfreien Stadt, z. B. „Kreis Unna“.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option("--kind", metavar="ART", help="kreis oder kreisfreie_stadt.", show_default=False)
    ] = None,
    basis: Annotated[Optional[str], basis_option("Rechtsgrundlage")] = None,
    municipality: Annotated[
        Optional[list[str]],
        typer.Option(
            "--municipality",
            metavar="GEMEINDE",
            help="Kreisangehörige Stadt oder Gemeinde (mehrfach angeben).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Die Angaben im Terminal abfragen.")] = False,
) -> None:
    """Eine neue Konzeptdatei anlegen: alle Abschnitte mit Hinweisen, Status Entwurf.

    Eine vorhandene Datei wird nie überschrieben (Exit-Code 2). Ohne Optionen im Terminal (oder mit
    --interactive) fragt init die Angaben ab.
    """
    from integconcept.commands.drafting import init_run

    raise typer.Exit(
        init_run(
            file,
            authority=authority,
            kind=kind,
            basis=basis,
            municipalities=municipality,
            interactive=interactive,
            terminal=sys.stdin.isatty(),
        )
    )


@app.command("fmt")
def fmt_command(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Eine oder mehrere Konzeptdateien (YAML); „-“ liest von "
            "der Standardeingabe und schreibt auf die Standardausgabe.",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Nur prüfen, nichts schreiben; Exit-Code 1, wenn eine "
            "Datei umformatiert würde (für CI und pre-commit).",
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Die Änderungen als Unified Diff zeigen, nichts schreiben.")
    ] = False,
    skip_other_yaml: SkipOtherYamlOption = False,
) -> None:
    """Konzeptdateien einheitlich formatieren; alle Kommentare und Werte bleiben erhalten.

    Einrückung, Reihenfolge der Schlüssel wie im Datenmodell, lange Texte als Block (|-), Daten in
    ISO-Form. Exit-Code 0: alles formatiert; 1: mit --check, wenn eine Datei umformatiert würde;
    2: Datei unbrauchbar (YAML- oder Schemafehler; sie bleibt unverändert) oder falscher Aufruf.
    """
    from integconcept.cli import actions

    raise typer.Exit(actions.fmt(files, check=check, diff=diff, skip_other_yaml=skip_other_yaml))


@app.command("diff")
def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="ALT", help="Bisherige Fassung (YAML); „-“ = Standardeingabe.", show_default=False)
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEU", help="Neue Fassung (YAML); „-“ = Standardeingabe.", show_default=False)
    ],
    format: Annotated[str, format_option("Ausgabeformat: text, json oder docx (Synopse).")] = "text",
    output: Annotated[Optional[str], output_option("In diese Datei schreiben (bei docx nötig).")] = None,
    template: Annotated[Optional[str], template_option("Word-Vorlage für die Synopse (wie bei render).")] = None,
    force: ForceOption = False,
) -> None:
    """Zwei Fassungen eines Konzepts inhaltlich vergleichen (nach Kennungen, Text Wort für Wort).

    Exit-Code 0: keine Unterschiede; 1: Unterschiede; 2: Datei unbrauchbar oder falscher Aufruf.
    Eine ältere Fassung aus git: git show HEAD~1:konzept.yaml > alt.yaml
    """
    from integconcept.cli import actions

    raise typer.Exit(actions.diff(old, new, format=format, output=output, template=template, force=force))


# --------------------------------------------------------------------------- committee papers


@app.command("vorlage")
def vorlage_command(
    file: ConceptArgument,
    step: Annotated[
        str,
        typer.Option(
            "--step",
            "-s",
            help="Kennung des Schritts im Gremienlauf "
            "(approval_process.steps), z. B. kreistag; ohne gültige Kennung nennt die "
            "Meldung alle möglichen.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[str],
        output_option(
            "Word-Datei der Vorlage (Standard: beschlussvorlage-SCHRITT.docx; eine vorhandene Datei wird nur "
            "mit -o ersetzt)."
        ),
    ] = None,
    template: HouseTemplateOption = None,
    date: Annotated[
        Optional[str], typer.Option("--date", help="Datum der Vorlage (Standard: heute).", show_default=False)
    ] = None,
    previous: Annotated[
        Optional[str],
        typer.Option(
            "--previous",
            help="Bisherige Fassung (YAML): die Vorlage wird eine Fortschreibung mit der Synopse als Anlage.",
            show_default=False,
        ),
    ] = None,
    feedback: Annotated[
        Optional[list[str]],
        typer.Option(
            "--feedback",
            help="Zurückgeschickte Word-Dateien mit "
            "Kommentaren und Änderungen (mehrfach): die Vorlage "
            "nennt sie und die Abwägungstabelle als Anlage.",
            show_default=False,
        ),
    ] = None,
    force: ForcePaperOption = False,
) -> None:
    """Die Beschlussvorlage für einen Schritt des Gremienlaufs schreiben (Word, in der Vorlage des Hauses).

    Kopf (Vorlage-Nr., Federführung, Datum, Betreff), Beratungsfolge, Beschlussvorschlag, Begründung,
    finanzielle Auswirkungen und Anlagen – aus der Konzeptdatei; was sie nicht enthält, steht als
    „(bitte ergänzen)“ in der Vorlage. Vorlage-Nr. und Federführung: adoption.reference und adoption.lead
    oder [tool.integconcept.vorlage] number und lead in der Konfiguration.

    Exit-Code 0: geschrieben; 1: Schemafehler in der Konzeptdatei; 2: Datei unbrauchbar, unbekannter
    Schritt oder falscher Aufruf (dann wird nichts geschrieben).
    """
    from integconcept.commands.vorlage import vorlage_run

    raise typer.Exit(
        vorlage_run(
            file,
            step=step,
            output=output,
            template=template,
            date=date,
            previous=previous,
            feedback=feedback,
            force=force,
        )
    )


@app.command("feedback")
def feedback_command(
    file: Annotated[
        str,
        typer.Argument(
            help="Die Konzeptdatei (YAML), aus der die verschickte Fassung erzeugt wurde.", show_default=False
        ),
    ],
    returns: Annotated[
        list[str],
        typer.Argument(
            metavar="RUECKLAUF.docx",
            help="Zurückgeschickte Word-Dateien mit Kommentaren und nachverfolgten Änderungen (eine oder mehrere).",
            show_default=False,
        ),
    ],
    format: Annotated[str, format_option("Ausgabeformat: text oder json.")] = "text",
    output: Annotated[Optional[str], output_option("Die Abwägungstabelle als Word-Datei schreiben.")] = None,
    template: HouseTemplateOption = None,
    force: ForcePaperOption = False,
) -> None:
    """Rückmeldungen lesen: Kommentare und nachverfolgte Änderungen in zurückgeschickten Word-Dateien.

    Jede Anmerkung mit Verfasser, Datum, dem Text, auf den sie sich bezieht, und der Stelle im Konzept
    (Abschnitt und Pfad), in der Reihenfolge des Konzepts; mehrere Dateien auf einmal. Änderungen werden
    nie übernommen, nur aufgeführt. Mit -o die Abwägungstabelle (Nr. | Abschnitt | Stellungnahme |
    Stellungnahme der Verwaltung | Beschlussvorschlag).

    Exit-Code 0: gelesen; 1: Schemafehler in der Konzeptdatei; 2: Datei unbrauchbar oder falscher Aufruf.
    """
    from integconcept.commands.feedback import feedback_run

    raise typer.Exit(feedback_run(file, returns, format=format, output=output, template=template, force=force))


# --------------------------------------------------------------------------- rules and explain


@app.command("rules")
def rules_command(
    format: Annotated[str, format_option("Ausgabeformat: text oder json.")] = "text",
) -> None:
    """Alle Regeln mit Code, Name, Schweregrad, Regelpaket und Rechtsgrundlage auflisten."""
    from integconcept.reporting.explain import print_rules

    if format not in ("text", "json"):
        fail_usage(f"unbekanntes Format „{format}“. Erlaubt: text, json.")
    print_rules(_stdout_for(format), format)


@app.command("explain")
def explain_command(
    code: Annotated[str, typer.Argument(help="Regelcode (z. B. G702) oder Regelname.", show_default=False)],
) -> None:
    """Eine Regel erklären: was sie prüft, warum, ein fehlerhaftes und ein richtiges Beispiel."""
    from integconcept.reporting.explain import print_explanation, resolve, suggest

    found = resolve(code)
    if found is None:
        from integconcept.core.german import did_you_mean

        fail_usage(
            f"unbekannter Regelcode „{code}“. {did_you_mean(suggest(code), quote=False)}"
            "Alle Regeln zeigt: integconcept rules"
        )
    print_explanation(found, sys.stdout)


# --------------------------------------------------------------------------- import (Word → YAML)


@app.command("import")
def import_command(
    word: Annotated[
        str,
        typer.Argument(
            help="Das vorhandene Konzept als Word-Dokument (.docx).", show_default=False, metavar="WORD.docx"
        ),
    ],
    output: Annotated[
        str,
        output_option("Die Konzeptdatei, die neu angelegt wird (.yaml); eine vorhandene Datei wird nie überschrieben."),
    ],
) -> None:
    """Ein vorhandenes Konzept aus Word (.docx) als Entwurf einer Konzeptdatei übernehmen.

    Überschriften werden den Abschnitten zugeordnet, Absätze und Listen zu Freitext, erkannte
    Tabellen (Bevölkerung, Gremienlauf) zu Daten. Was keinen eigenen Platz hat, steht im nächsten
    Freitext mit einem Kommentar „# import: …“. Exit-Code 0: geschrieben; 2: Eingabe unbrauchbar
    oder Ausgabedatei vorhanden.
    """
    from integconcept.cli.actions import import_word

    raise typer.Exit(import_word(word, output))


@app.command("review")
def review_command(
    word: Annotated[
        str,
        typer.Argument(
            help="Das Konzept als Word-Dokument (.docx); es wird nur gelesen.",
            show_default=False,
            metavar="KONZEPT.docx",
        ),
    ],
    output: Annotated[str, output_option("Die kommentierte Kopie (.docx), z. B. „konzept-geprueft.docx“.")],
    force: Annotated[
        bool, force_option("Eine vorhandene Ausgabedatei ersetzen (das Word-Dokument selbst wird nie ersetzt).")
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    basis: Annotated[Optional[str], basis_option("Rechtsgrundlage statt der geschätzten")] = None,
    no_notes: Annotated[
        bool,
        typer.Option(
            "--ohne-hinweise",
            help="Nur Fehler und Warnungen kommentieren, keine Hinweise (auch nicht die der Übernahme).",
        ),
    ] = False,
) -> None:
    """Ein Word-Konzept prüfen und eine Kopie mit einem Word-Kommentar je Befund schreiben.

    Der Kommentar (Autor „integconcept“) steht an dem Absatz oder der Tabellenzelle, die er betrifft, und
    nennt Code, Meldung, Hinweis und Rechtsgrundlage. Der Text der Kopie ist derselbe wie im Original.
    Exit-Code 0: keine Fehler; 1: Fehler gefunden; 2: Eingabe unbrauchbar oder Ausgabedatei vorhanden.
    """
    from integconcept.cli.actions import check_rule_options
    from integconcept.commands.review import review_file
    from integconcept.commands.validate import exit_code
    from integconcept.core.findings import Severity
    from integconcept.core.german import count

    check_rule_options(basis, select, ignore)
    reviewed = review_file(
        word,
        output,
        force=force,
        basis=basis,
        select=select,
        ignore=ignore,
        min_severity=Severity.warning if no_notes else Severity.info,
    )
    result = reviewed.result
    errors, warnings, infos = (result.count(s) for s in (Severity.error, Severity.warning, Severity.info))
    sys.stdout.write(
        f"Geprüft: {word} – {count(errors, 'Fehler')}, {count(warnings, 'Warnung')}, {count(infos, 'Hinweis')}.\n"
    )
    sys.stdout.write(
        f"Kommentierte Kopie geschrieben: {reviewed.output} ({reviewed.comments} Kommentar{'' if reviewed.comments == 1 else 'e'}, "
        "Autor „integconcept“).\n"
    )
    raise typer.Exit(exit_code([result]))


# --------------------------------------------------------------------------- studio (the concept in the browser)


@app.command("studio")
def studio_command(
    file: Annotated[
        Optional[str],
        typer.Argument(
            help="Die Konzeptdatei (YAML); ohne Angabe startet das Studio mit "
            "„Neues Konzept / Datei öffnen / Word-Dokument importieren“ "
            "im aktuellen Ordner.",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        Optional[int],
        typer.Option(
            "--port", help="Port auf 127.0.0.1 (ohne Angabe: ein freier Port).", show_default=False, min=1, max=65535
        ),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Den Browser nicht selbst öffnen (nur den Link ausgeben).")
    ] = False,
    template: Annotated[
        Optional[str], template_option("Eigene Word-Vorlage (.docx) für den Download „Word-Dokument“.")
    ] = None,
) -> None:
    """Das Konzept im Browser bearbeiten: Formulare, Befunde beim Tippen, Vorschau, Downloads.

    Startet einen Webserver nur auf diesem Rechner (127.0.0.1), gibt den Link aus und öffnet den
    Browser. Gespeichert wird erst mit „Speichern“. Beenden mit Strg+C.
    """
    from integconcept.studio import serve

    raise typer.Exit(serve(file, port=port, open_browser=not no_browser, template=template, stdout=sys.stdout))


def main() -> None:
    # pydantic looks for plugins in the metadata of every installed package (~12 ms) before it
    # builds the model; the tool uses none. An explicit setting of the variable is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from integconcept.core.signals import install, restore

    previous = install()  # SIGINT/SIGTERM/SIGHUP at any point: clean-up runs, then the German message below
    try:
        _main()
    finally:
        restore(previous)


def _main() -> None:
    from integconcept.core.console_text import readable_output

    # cp1252 (redirected output on German Windows), cp850 (its console), ASCII: what the code page lacks
    # is written as a readable substitute instead of failing with UnicodeEncodeError
    readable_output(sys.stdout, sys.stderr)

    from typer import _click

    from integconcept.cli import failures
    from integconcept.core.output import Interrupted

    try:
        code = app(prog_name="integconcept", standalone_mode=False)
        sys.stdout.flush()  # a full disk or /dev/full as stdout shows here, not at interpreter exit
    except Interrupted as exc:  # a stop signal: temporary files and LibreOffice are already cleaned up
        failures.say(failures.STOPPED)
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        failures.say("Abgebrochen.")
        sys.exit(130)
    except _click.exceptions.NoArgsIsHelpError as exc:  # a command group called alone: what it offers
        ctx = exc.ctx
        typer.echo(overview(ctx.command) if ctx.parent is None else ctx.get_help())
        sys.exit(0)
    except _click.exceptions.ClickException as exc:  # wrong usage: German message, exit code 2
        context = getattr(exc, "ctx", None)
        if context is not None:
            typer.echo(context.get_usage(), err=True)
            typer.echo(f"Hilfe: {context.command_path} -h", err=True)
        typer.echo(f"Fehler: {usage_error_message(exc)}", err=True)
        sys.exit(getattr(exc, "exit_code", 2) or 2)
    except OSError as exc:  # stdout cannot be written (/dev/full, a closed pipe), or a file cannot be used
        sys.exit(failures.os_error(exc))
    except Exception as exc:  # last resort: a bug; the fuzz suite in tests/ must never get here
        sys.exit(failures.internal_error(exc, sys.argv[1:]))
    sys.exit(code if isinstance(code, int) else 0)


def run() -> None:
    """The console script: :func:`main`, then leave the process without the interpreter's clean-up.

    Everything the command writes is finished when :func:`main` returns (outputs are replaced atomically,
    temporary files and folders are removed by their ``with`` blocks and signal handlers); tearing down
    every module and object of a finished process would cost ~45 ms of a ~230 ms ``validate`` call and
    change nothing. Only stdout and stderr are flushed first. Tests call :func:`main`, which raises
    ``SystemExit`` as usual.

    The console script (integconcept/console.py) turns the cyclic garbage collector off before it imports
    this module: a command's objects (model, XML tree, findings) are freed by reference counting, and
    collector passes over them cost 10–20 % of a render or timeline run; peak memory of the 100× benchmark
    concept is the same with and without (bench/run.py)."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    from integconcept.cli.failures import leave

    leave(code)

"""Start a new concept file (``integconcept init``).

The file has every section of the model, each with German guidance comments: what belongs there,
which provision asks for it (depending on the legal basis) and a short example that can be
uncommented. It validates without errors; as a draft (``status: draft``) the missing content is
reported as warnings. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from integconcept.drafting.errors import DraftingError

KINDS = ("kreis", "kreisfreie_stadt")
BASES = ("tintg2012-p7", "tintg2022-p8", "tintg2022-p8-p9")


class InitError(DraftingError):
    """Refused (file exists, wrong option); nothing was written (exit code 2)."""


@dataclass
class InitOptions:
    authority: str
    kind: str
    basis: str
    municipalities: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)


# --------------------------------------------------------------------------- ids


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slug(name: str) -> str:
    """An id as the schema requires it: lower case letters, digits and hyphens ("Bönen" → "boenen")."""
    text = name.translate(_TRANSLITERATION).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:64].rstrip("-") or "gemeinde"


def municipality_ids(names: list[str]) -> list[tuple[str, str]]:
    """(id, name) for each municipality; a repeated id gets a number (``-2``)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = slug(name)
        seen[base] = seen.get(base, 0) + 1
        out.append((base if seen[base] == 1 else f"{base}-{seen[base]}", name))
    return out


# --------------------------------------------------------------------------- checks


def check_options(options: InitOptions) -> None:
    name = options.authority.strip()
    if not name:
        raise InitError('Der Name der Gebietskörperschaft fehlt (--authority), z. B. --authority "Kreis Unna".')
    if options.kind not in KINDS:
        raise InitError(f"Unbekannte Art „{options.kind}“ (--kind). Erlaubt: kreis, kreisfreie_stadt.")
    if options.basis not in BASES:
        raise InitError(
            f"Unbekannte Rechtsgrundlage „{options.basis}“ (--basis). Erlaubt: {', '.join(BASES)} "
            "(tintg2012-p7 = § 7 TIntG 2012, tintg2022-p8 = § 8 TIntG 2022, tintg2022-p8-p9 = "
            "zusätzlich § 9, Kommunales Integrationsmanagement)."
        )
    if options.kind == "kreisfreie_stadt" and options.municipalities:
        raise InitError(
            "Eine kreisfreie Stadt hat keine kreisangehörigen Gemeinden; bitte --municipality "
            "weglassen oder --kind kreis angeben."
        )
    empty = [m for m in options.municipalities if not m.strip()]
    if empty:
        raise InitError("Ein Gemeindename (--municipality) ist leer.")


# --------------------------------------------------------------------------- provisions by legal basis


def _law(basis: str) -> dict[str, str]:
    if basis == "tintg2012-p7":
        return {
            "law": "§ 7 TIntG NRW 2012 (Wortlaut nur rekonstruiert)",
            "funding": "§ 7 Abs. 1 S. 1 TIntG 2012 und Förderrichtlinie 2012 (Konzept vom Kreistag/Rat "
            "beschlossen, beim Antrag nicht älter als drei Jahre)",
            "agreement": "§ 7 Abs. 1 S. 2 TIntG 2012: „im Einvernehmen mit den Gemeinden“",
            "education": "§ 7 Abs. 1 S. 2 Nr. 1 TIntG 2012 (Elementarbereich, Schule, Übergang Schule – Beruf, "
            "mit der unteren Schulaufsicht)",
            "coordination": "§ 7 Abs. 1 S. 2 Nr. 2 TIntG 2012 (Aktivitäten der kommunalen Ämter, Einrichtungen "
            "und freien Träger koordinieren)",
            "qualification": "§ 7 Abs. 2 TIntG 2012 (Qualifizierung der Beschäftigten in Kitas und Schulen, "
            "Zusammenarbeit mit zugewanderten Eltern)",
            "situation": "Förderrichtlinie 2012: „eine kurze Darstellung der kommunalen Situation“",
            "attachment": "Förderrichtlinie 2012: „die organisatorische Anbindung“ des KI",
            "work_plan": "Förderrichtlinie 2012: „eine Arbeitsplanung für die beiden im Gesetz (§ 7 Abs. 1, "
            "Ziffern 1 und 2) festgelegten Schwerpunkte“",
            "staffing": "Förderrichtlinie 2012: 5,5 Stellen, davon zwei vom Land abgeordnete Lehrkräfte, "
            "Pauschale bis 170.000 Euro im Jahr",
        }
    law = {
        "law": "§ 8 TIntG NRW 2022",
        "funding": "§ 8 Abs. 1 S. 1 TIntG 2022: gefördert werden KI in Kreisen und kreisfreien Städten, „die "
        "über ein Integrationskonzept verfügen“",
        "agreement": "§ 8 Abs. 1 S. 3 TIntG 2022: „im Einvernehmen mit den Gemeinden“",
        "education": "§ 8 Abs. 1 S. 3 Nr. 1 TIntG 2022 (Elementarbereich, Schule, Übergang Schule – Beruf, "
        "mit den unteren Schulaufsichtsbehörden)",
        "coordination": "§ 8 Abs. 1 S. 3 Nr. 2 und 3 TIntG 2022 (Aktivitäten der kommunalen Ämter, "
        "Einrichtungen und freien Träger koordinieren; Ehrenamt, besonders für Geflüchtete); "
        "§ 8 Abs. 1 S. 2: Zusammenarbeit und Abstimmung mit freien Trägern",
        "qualification": "§ 8 Abs. 2 TIntG 2022 (Qualifizierung der Beschäftigten in Kitas und Schulen, "
        "Zusammenarbeit mit zugewanderten Eltern)",
        "situation": "Förderrichtlinie (Antrag): eine kurze Darstellung der kommunalen Situation",
        "attachment": "Förderrichtlinie (Antrag): die organisatorische Anbindung des KI",
        "work_plan": "§ 8 Abs. 1 S. 3 Nr. 1–3 TIntG 2022: Arbeitsplanung für die Aufgaben des KI",
        "staffing": "Förderrichtlinie in der geltenden Fassung (Stellen und Pauschalen je Fachkraftstelle)",
    }
    if basis == "tintg2022-p8-p9":
        law["law"] = "§§ 8 und 9 TIntG NRW 2022 (mit Kommunalem Integrationsmanagement)"
        law["steering"] = (
            "§ 9 Abs. 1 TIntG 2022 und Förderrichtlinie KIM: eine Lenkungsgruppe mit "
            "(entscheidungsbefugtem) Leitungspersonal für die rechtskreisübergreifende Steuerung"
        )
    return law


# --------------------------------------------------------------------------- the file


def _schema_line(target: Path) -> list[str]:
    """The editor hint, pointing at schemas/concept.schema.json if one is found above the file."""
    folder = target.resolve().parent
    for candidate in (folder, *folder.parents):
        schema = candidate / "schemas" / "concept.schema.json"
        if schema.is_file():
            return [f"# yaml-language-server: $schema={os.path.relpath(schema, folder)}"]
    return [
        "# Für Ergänzungen im Editor: „integconcept schema > concept.schema.json“ und dann als erste Zeile",
        "# „# yaml-language-server: $schema=concept.schema.json“ eintragen.",
    ]


def concept_text(options: InitOptions, target: Path | None = None) -> str:
    """The text of a new concept file (canonical ``fmt`` form)."""
    check_options(options)
    from integconcept.drafting.fmt import format_text

    name = options.authority.strip()
    kreis = options.kind == "kreis"
    law = _law(options.basis)
    council = "Kreistag" if kreis else "Rat"
    main_committee = "Kreisausschuss" if kreis else "Hauptausschuss"
    year = options.today.year
    concept_id = f"{slug(name)}-{year}"[:64].rstrip("-")
    lines: list[str] = []
    add = lines.append
    header = _schema_line(target) if target is not None else []
    lines.extend(header)
    if header:
        add("#")
    add(f"# Integrationskonzept {name}: Entwurf, angelegt am {options.today.isoformat()} mit „integconcept init“.")
    add(f"# Rechtsgrundlage: {law['law']}.")
    add("# Jeder Abschnitt hat Hinweise: was hineingehört, welche Vorschrift es verlangt, ein kurzes Beispiel")
    add("# (zum Verwenden das „# “ am Zeilenanfang entfernen). Die Hinweise dürfen gelöscht werden.")
    add("# Prüfen: integconcept validate DATEI · Aufräumen: integconcept fmt DATEI ·")
    add("# Word-Dokument: integconcept render DATEI -o konzept.docx")
    add("")
    add("format_version: 1")
    add(f"id: {concept_id}")
    add(f"title: {_quoted(f'Integrationskonzept {name}')}")
    add(f"# Untertitel, z. B. „Fortschreibung {year}“ oder „{council}sbeschluss vom 30.10.{year}“:")
    add("subtitle:")
    add("# Kurztitel für die Kopfzeile des Word-Dokuments:")
    add(f"short_title: {_quoted(f'Integrationskonzept {name}')}")
    add("")
    add("authority:")
    add(f"  name: {_quoted(name)}")
    add(f"  kind: {options.kind}")
    if kreis:
        add("  # Die kreisangehörigen Städte und Gemeinden. Das Einvernehmen mit ihnen verlangt")
        add(f"  # {law['agreement']}; im Gremienlauf wird jede beteiligt.")
        add("  # Kennung (id): Kleinbuchstaben, Ziffern, Bindestriche; ä → ae, ö → oe, ü → ue, ß → ss.")
        add("  # Beispiel:  - {id: boenen, name: Bönen, kind: gemeinde}")
        if options.municipalities:
            add("  municipalities:")
            for ident, label in municipality_ids(options.municipalities):
                add(f"    - id: {ident}")
                add(f"      name: {_quoted(label)}")
        else:
            add("  municipalities: []")
    add("  # Ladungsfrist der politischen Gremien laut Geschäftsordnung (für die Terminprüfung), z. B.")
    add(f"  # notice_period: {{days: 7, unit: calendar_days, source: § 1 Abs. 2 GO {council}}}")
    add("  notice_period:")
    add("")
    session = "des Kreistags" if kreis else "des Rates der Stadt"
    add(f"# Entwurf, bis der {council} beschlossen hat. Den geplanten Sitzungstermin tragen Sie im Gremienlauf")
    add("# (approval_process, Kapitel 5) als Schritt mit „body_kind: council, purpose: decision“ ein; das Titelblatt")
    add(f"# des Entwurfs nennt ihn: „Vorlage für die Sitzung {session} am …“.")
    add("# Erst nach dem Beschluss „status: adopted“ setzen und den Beschluss eintragen:")
    add(f"# adoption: {{body: {council}, date: {year}-10-30, reference: DS {year}/123}}")
    add(f"# Grundlage: {law['funding']}.")
    add("status: draft")
    add(f"legal_basis: {options.basis}")
    add("# Teilnahme am Kommunalen Integrationsmanagement (§ 9 TIntG 2022): mit legal_basis tintg2022-p8-p9;")
    add("# ein KIM-Konzept von 2020/21 (Förderrichtlinie KIM 2020) mit tintg2012-p7.")
    add(f"uses_kim: {'true' if options.basis == 'tintg2022-p8-p9' else 'false'}")
    add("# Geltende Förderrichtlinien (KI: 2012, 2015, 2018, 2023, 2025; KIM: 2020, 2024). Leer lassen: sie werden")
    add("# aus den Daten des Konzepts abgeleitet. Nur zum Überschreiben angeben, z. B. „ki: '2025'“.")
    add("guidelines:")
    add("# Statt eines aktuellen Konzepts kann der Förderantrag einen Fahrplan nennen: bis wann, mit wem und wie")
    add("# das Konzept erstellt oder fortgeschrieben wird. Beispiel:")
    add(f"#   until: {year + 1}-06-30")
    add("#   with_whom: [die Städte und Gemeinden, der Integrationsrat]")
    add("#   how: Workshops je Handlungsfeld, danach Beschluss")
    add("roadmap:")
    add("# Woher die Angaben stammen (Statistik, Beschlüsse, Berichte), z. B. „IT.NRW, Zensus 2022“:")
    add("sources: []")
    add("")
    add("# --------------------------------------------------------------------------- 1. Präambel")
    add("# Ausgangslage: Lage des Kreises/der Stadt, Bevölkerung, Geschichte der Integrationsarbeit, mit Zahlen.")
    add(f"# Grundlage: {law['situation']}.")
    add("# Beispiel für die Bevölkerungstabelle (eine Zeile je Gemeinde, Zahlen wie veröffentlicht):")
    add("#   population_table:")
    add("#     title: Bevölkerung nach Migrationshintergrund")
    add("#     source: Zensus 2022 / IT.NRW")
    add("#     reference_date: 2022-05-15")
    add("#     rows:")
    add("#       - {name: Bönen, municipality: boenen, total: 18018, with_migration_background: 4150}")
    add("preamble:")
    add("  title: Präambel")
    add("  # Text vor der Tabelle, z. B. „Im Kreis leben rund 400.000 Menschen …“. Auszeichnung: Leerzeile =")
    add("  # neuer Absatz, „- “ = Aufzählung, **fett**, ^[Text] = Fußnote.")
    add("  intro:")
    add("  # Geschichte der Integrationsarbeit (RAA, Integrationsrat, bisherige Konzepte, Schwerpunkte).")
    add("  history:")
    add("")
    add("# --------------------------------------------------------------------------- 2. Integrationsleitziele")
    add("# Was Integration hier bedeutet und wer gemeint ist (Zielgruppen).")
    add("definitions:")
    add("  integration:")
    add("  target_groups:")
    add("")
    add("# Handlungsfelder, jeweils mit Kennung. Verbreitet: Bildung und Erziehung, Sprache, Arbeit und Ausbildung,")
    add("# Wohnen und Stadtentwicklung, Gesundheit, Partizipation und Ehrenamt, Interkulturelle Öffnung.")
    add("# Beispiel:  - {id: arbeitswelt, name: Arbeitswelt}")
    add("action_fields: []")
    add("")
    add("# Leitbild und Leitziele mit Maßnahmen je Handlungsfeld (wer, bis wann, womit).")
    add("# Beispiel für ein Ziel:")
    add("#   goals:")
    add("#     - id: ausbildung")
    add("#       action_field: arbeitswelt")
    add("#       goal: Mehr junge Menschen mit Einwanderungsgeschichte beginnen eine Ausbildung.")
    add("#       measures:")
    add("#         - Ausbildungsmessen mit Migrantenorganisationen")
    add("guiding_goals:")
    add("  title: Integrationsleitziele")
    add(f"  # Gremium und Datum des Leitzielbeschlusses, z. B. adopted_by: {council}")
    add("  adopted_by:")
    add("  intro:")
    add("  global_goal:")
    add("  goals: []")
    add("")
    add("# --------------------------------------------------------------------------- 3. Umsetzung")
    add("# Strategische Umsetzung (Steuerungsgruppe) und operative Umsetzung (KI mit Partnerinstitutionen).")
    add(f"# Grundlage: {law['coordination']}.")
    if "steering" in law:
        add(f"# Für KIM: {law['steering']}.")
    add("# Beispiel für die Steuerungsgruppe:")
    add("#   steering_group:")
    add("#     id: steuerungsgruppe")
    add("#     name: Steuerungsgruppe Integration")
    add("#     chair: Landrat")
    add("#     management_level: true")
    add("implementation:")
    add("  title: Umsetzung")
    add("  strategic:")
    add("    title: Strategische Umsetzung")
    add("    intro:")
    add("  operational:")
    add("    title: Operative Umsetzung")
    add("    # Federführende Stelle, z. B. das Kommunale Integrationszentrum.")
    add("    lead_institution:")
    add("    intro:")
    add("    # Partnerinstitutionen mit Anzahl, z. B.  - {count: 12, name: Grundschulen, category: other}")
    add("    institutions: []")
    add("")
    add("# Aufgabenstellung des KI: Arbeitsplanung je Bereich der Bildungskette und für den Querschnitt.")
    add(f"# Grundlage: {law['work_plan']}; {law['education']}; {law['qualification']}.")
    add("# Beispiel (kind: elementary, school, school_to_work, cross_cutting):")
    add("#   groups:")
    add("#     - id: bildung")
    add("#       name: Bildung und Erziehung")
    add("#       areas:")
    add("#         - id: elementarbereich")
    add("#           name: Elementarbereich")
    add("#           kind: elementary")
    add("#           topics:")
    add("#             - Sprachbildung in Kitas, Qualifizierung der Fachkräfte")
    add("ki_tasks:")
    add("  title: Aufgabenstellung des Kommunalen Integrationszentrums")
    add("  intro:")
    add("  groups: []")
    add("")
    add("# --------------------------------------------------------------------------- 4. Netzwerke und Gremien")
    add("# Netzwerke, Konferenzen und Arbeitskreise mit Auftrag und Mitgliedern (Schulaufsicht, freie Träger,")
    add(f"# Migrantenorganisationen, Gemeinden). Grundlage: {law['coordination']}.")
    add("# Beispiel:")
    add("#   bodies:")
    add("#     - id: integrationskonferenz")
    add("#       name: Integrationskonferenz")
    add("#       kind: conference")
    add("#       expected_members:")
    add("#         - {name: Untere Schulaufsicht, category: school_supervision}")
    add("#         - {name: Wohlfahrtsverbände, category: free_provider}")
    add("networks:")
    add("  title: Netzwerke und Gremien")
    add("  intro:")
    add("  bodies: []")
    add("")
    add("# Monitoring: woran der Erfolg gemessen wird (Kennzahlen) und wann das Konzept fortgeschrieben wird.")
    add("monitoring:")
    add("  title: Monitoring")
    add("  intro:")
    add("  # Beispiel:  - Anteil der Kinder mit Einwanderungsgeschichte in Kitas")
    add("  indicators: []")
    add("")
    add(f"# Anbindung des KI in der Verwaltung. Grundlage: {law['attachment']}.")
    add("organisation:")
    add("  title: Übersicht Steuerung und Aufgabenorganisation")
    add(f"  # z. B. „Kommunales Integrationszentrum {name}“")
    add("  ki_name:")
    add("  # z. B. „Dezernat II, Fachbereich Schule und Bildung“")
    add("  attachment:")
    add("  # Arbeitsbeginn des KI: 2013-01-01, 2013-01 oder „Anfang 2013-01“.")
    add("  start:")
    add("")
    add("# --------------------------------------------------------------------------- Personal und Finanzierung")
    add(f"# Stellen und Finanzierung. Grundlage: {law['staffing']}.")
    add("# Beispiel:")
    add("#   posts:")
    add("#     - {role: teacher, fte: 2, funded_by: land}")
    add("#     - {role: social_pedagogue, fte: 3, funded_by: land}")
    add("#   funding:")
    add("#     - {funder: land, amount_eur: 170000, per: year}")
    add("staffing:")
    add("  title: Personal und Finanzierung")
    add("  posts: []")
    add("  funding: []")
    add("")
    add("# --------------------------------------------------------------------------- 5. Gremienlauf")
    add(f"# Informations- und Abstimmungsprozess bis zum Beschluss des {council}s: Verwaltung, Gemeinden")
    add(f"# und Partner (Einvernehmen: {law['agreement']}), Fachausschuss, {main_committee}, {council}, Förderantrag.")
    add("# Einen Vorschlag mit Terminen liefert: integconcept timeline plan --council-date JJJJ-MM-TT --format yaml")
    add("# Beispiel für einen Schritt (der Beschluss; sein Datum nennt das Titelblatt des Entwurfs):")
    add(f"#     - {{id: beschluss, date: {year}-10-30, body: {council}, body_kind: council, purpose: decision}}")
    add("approval_process:")
    add("  title: Informations- und Abstimmungsprozess")
    add("  intro:")
    add("  steps: []")
    return format_text("\n".join(_wrap(line) for line in lines) + "\n", name="integconcept init")


def _wrap(line: str, width: int = 110) -> str:
    """Long guidance comments over several comment lines of the same indentation."""
    import textwrap

    stripped = line.lstrip(" ")
    if len(line) <= width or not stripped.startswith("# "):
        return line
    indent = " " * (len(line) - len(stripped))
    return "\n".join(
        textwrap.wrap(
            stripped[2:],
            width=width - len(indent) - 2,
            initial_indent=indent + "# ",
            subsequent_indent=indent + "# ",
            break_on_hyphens=False,
        )
    )


def _quoted(text: str) -> str:
    """A one-line YAML value (double-quoted when plain YAML would misread it)."""
    import json

    if re.fullmatch(r"[^\s#:'\"{}\[\],&*!|>%@`-][^#:]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def init_file(path: str, options: InitOptions) -> str:
    """Write a new concept file at ``path``; refuse when something exists there. Returns the text."""
    from integconcept.core.output import OutputError, check_folder
    from integconcept.core.replace import ReplaceRefused, create_new

    target = Path(path)
    if target.exists() or target.is_symlink():
        raise InitError(
            f"„{path}“ gibt es schon; init überschreibt nie eine vorhandene Datei. Bitte einen "
            "anderen Namen wählen oder die Datei zuerst umbenennen."
        )
    try:
        check_folder(target, "die neue Konzeptdatei")
    except OutputError as exc:
        raise InitError(exc.message) from None
    text = concept_text(options, target)
    # Written to a temporary file, then linked (renamed on Windows) into place: that fails if a file
    # appeared meanwhile, so nothing is ever overwritten, and the file is never seen half-written.
    try:
        create_new(
            target,
            text.encode("utf-8"),
            exists_message=f"„{path}“ gibt es schon; init überschreibt nie eine vorhandene Datei.",
        )
    except ReplaceRefused as exc:
        raise InitError(exc.message) from None
    except OSError as exc:
        raise InitError(f"„{path}“ konnte nicht geschrieben werden ({exc.strerror or exc}).") from None
    return text


# --------------------------------------------------------------------------- interactive


def ask_options(console=None, stream=None, today: dt.date | None = None) -> InitOptions:
    """Ask the questions in German (rich prompts); ``stream`` replaces the keyboard in tests."""
    from rich.console import Console
    from rich.prompt import Prompt as RichPrompt

    class Prompt(RichPrompt):
        illegal_choice_message = "[prompt.invalid.choice]Bitte eine der angegebenen Möglichkeiten wählen."
        validate_error_message = "[prompt.invalid]Bitte eine gültige Angabe machen."

        @classmethod
        def get_input(cls, console, prompt, password, stream=None) -> str:
            return super().get_input(console, prompt, password, stream=stream).rstrip("\r\n")

    console = console or Console()
    console.print("Neues Integrationskonzept anlegen. Bitte beantworten Sie vier Fragen.")
    authority = ""
    while not authority.strip():
        authority = Prompt.ask(
            "Name des Kreises oder der kreisfreien Stadt (z. B. Kreis Unna)", console=console, stream=stream
        )
    kind = Prompt.ask(
        "Art: „kreis“ oder „kreisfreie_stadt“",
        choices=list(KINDS),
        default="kreis" if authority.lower().startswith("kreis") else "kreisfreie_stadt",
        console=console,
        stream=stream,
    )
    basis = Prompt.ask(
        "Rechtsgrundlage: tintg2012-p7 (§ 7 TIntG 2012), tintg2022-p8 (§ 8 TIntG 2022), tintg2022-p8-p9 (mit KIM)",
        choices=list(BASES),
        default="tintg2022-p8",
        console=console,
        stream=stream,
    )
    municipalities: list[str] = []
    if kind == "kreis":
        answer = Prompt.ask(
            "Kreisangehörige Städte und Gemeinden, durch Komma getrennt (leer lassen: später eintragen)",
            default="",
            show_default=False,
            console=console,
            stream=stream,
        )
        municipalities = [m.strip() for m in answer.split(",") if m.strip()]
    return InitOptions(authority.strip(), kind, basis, municipalities, today or dt.date.today())

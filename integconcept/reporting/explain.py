"""``integconcept rules`` and ``integconcept explain``: the rules as a reader sees them."""

from __future__ import annotations

import difflib
from typing import TextIO

from integconcept.core.german import severity_label
from integconcept.core.safe_text import json_text

#: Codes that are not rules (input check of the foundation, configuration): name and one paragraph.
NON_RULE_CODES: dict[str, tuple[str, str]] = {
    "F001": ("datei-fehlt", "Die angegebene Datei gibt es nicht. Prüfen Sie Dateiname und Ordner; Groß- und "
             "Kleinschreibung zählen. Die Prüfung der übrigen Dateien läuft weiter, der Exit-Code ist 2."),
    "F002": ("verzeichnis-statt-datei", "Angegeben ist ein Ordner statt einer Datei. Geben Sie die YAML-Datei "
             "des Konzepts an, z. B. examples/kreis-unna-2012.yaml."),
    "F003": ("datei-zu-gross", "Die Datei ist größer als 5 MB. Ein Konzept ist eine Textdatei von einigen "
             "hundert Kilobyte; wahrscheinlich ist es die falsche Datei."),
    "F004": ("binaerdatei", "Die Datei enthält Binärdaten (z. B. ein Word-Dokument, PDF oder Bild). Geprüft "
             "werden nur YAML-Textdateien."),
    "F005": ("kein-utf8", "Die Datei ist nicht in UTF-8 gespeichert; Umlaute wären sonst falsch. Speichern Sie "
             "sie im Editor mit der Kodierung „UTF-8“ neu. Zeile und Spalte nennen das erste falsche Zeichen."),
    "F006": ("datei-nicht-lesbar", "Die Datei kann nicht gelesen werden, meist wegen fehlender Zugriffsrechte. "
             "Prüfen Sie die Rechte der Datei."),
    "Y001": ("yaml-syntaxfehler", "Die Datei ist kein gültiges YAML. Häufige Ursachen: falsche Einrückung, "
             "fehlender Doppelpunkt, ein Text mit „: “ oder „#“ ohne Anführungszeichen. Zeile und Spalte zeigen, "
             "wo der Leser nicht weiterkam; der Fehler steht oft in der Zeile davor."),
    "Y002": ("doppelter-schluessel", "Ein Schlüssel steht in derselben Zuordnung zweimal. YAML würde sonst still "
             "den ersten Wert verwerfen; fassen Sie die Angaben zusammen oder löschen Sie eine."),
    "Y003": ("tabulator-einrueckung", "Eine Zeile ist mit einem Tabulator eingerückt. YAML erlaubt nur "
             "Leerzeichen; üblich sind zwei je Ebene."),
    "Y004": ("leere-datei", "Die Datei enthält keine Angaben (höchstens Kommentare). Beginnen Sie mit einer "
             "Kopie von examples/kreis-unna-2012.yaml."),
    "Y005": ("keine-zuordnung", "Die oberste Ebene muss eine Zuordnung aus Schlüsseln und Werten sein "
             "(format_version, id, title …), keine Liste und kein einzelner Wert."),
    "Y006": ("zu-viele-verweise", "Die Datei enthält zu viele oder sich selbst enthaltende Verweise "
             "(&anker/*alias). Schreiben Sie die Angaben aus, statt sie über Verweise zu wiederholen."),
    "Y007": ("nicht-unterstuetztes-yaml", "Die Datei nutzt eine YAML-Schreibweise, die ein Konzept nicht braucht: "
             "einen Tag (!…, außer !!str, !!int, !!float, !!bool, !!null), eine Liste oder Zuordnung als Schlüssel "
             "oder „<<:“ (Zusammenführen) mit etwas anderem als einer Zuordnung. Schreiben Sie die Angaben aus."),
    "Y008": ("zu-gross-zum-pruefen", "Die Datei überschreitet eine Grenze: mehr als 200.000 Angaben, mehr als 60 "
             "Ebenen Verschachtelung, eine Liste mit mehr als 10.000 Einträgen, ein Text mit mehr als 2.000.000 "
             "Zeichen oder eine Zahl mit mehr als 4.300 Stellen (die Datei selbst höchstens 5 MB, siehe F003). Ein "
             "echtes Konzept liegt weit darunter; prüfen Sie, ob es die richtige Datei ist."),
    "Y009": ("unzulaessiges-zeichen", "Die Datei enthält ein Steuerzeichen, das YAML nicht erlaubt (z. B. U+0001, "
             "oft unsichtbar aus einer Kopie aus Word oder PDF). Zeile und Spalte zeigen das Zeichen; löschen Sie "
             "es."),
    "Y010": ("unsichtbares-zeichen", "Die Datei enthält ein unsichtbares Zeichen an einer Stelle, an der YAML "
             "ein Leerzeichen oder nichts erwartet: ein geschütztes Leerzeichen (U+00A0, U+202F, U+2007), ein "
             "Leerzeichen ohne Breite (U+200B), eine Byte-Order-Mark (U+FEFF) mitten in der Datei, ein breites "
             "Leerzeichen (U+3000) oder ähnliche, meist aus einer Kopie aus Word, PDF oder Outlook. Am "
             "Zeilenanfang, im Schlüssel oder nach „:“ oder „-“ zählt es nicht als Einrückung oder Leerzeichen. "
             "Zeile und Spalte zeigen das Zeichen selbst, der Hinweis die berichtigte Zeile. In Freitexten "
             "sind geschützte Leerzeichen erlaubt (z. B. „§ 7“)."),
    "Y011": ("typografische-anfuehrungszeichen", "Ein Text steht in typografischen Anführungszeichen („…“, "
             "“…”, ‚…‘, »…«, «…» …) oder beginnt mit einem geraden und endet mit einem typografischen. Für YAML "
             "zählen nur gerade Anführungszeichen (\" oder ') als Anführungszeichen; typografische gehören zum "
             "Text und schützen einen „: “ oder „ #“ darin nicht. Der Hinweis zeigt die berichtigte Zeile."),
    "S001": ("unbekannter-schluessel", "Ein Schlüssel gehört an dieser Stelle nicht zum Dateiformat, oft ein "
             "Tippfehler. Der Hinweis schlägt den nächstliegenden erlaubten Schlüssel vor und nennt alle "
             "erlaubten."),
    "S002": ("pflichtangabe-fehlt", "Eine Pflichtangabe fehlt (z. B. id, title, authority, status, "
             "legal_basis). Ergänzen Sie den genannten Schlüssel an der angegebenen Stelle."),
    "S003": ("falscher-typ", "Ein Wert hat die falsche Art, z. B. ein Text, wo eine Liste erwartet wird, oder "
             "eine Zahl in Anführungszeichen. Der Hinweis zeigt die erwartete Form."),
    "S004": ("ungueltiges-datum", "Ein Datum steht nicht in einer erlaubten Form. Erlaubt sind 2012-10-30 "
             "(Tag), 2012-11 (Monat) und Anfang/Mitte/Ende 2012-11; der Hinweis schlägt die richtige "
             "Schreibweise vor, z. B. für „30.10.2012“."),
    "S005": ("unerlaubter-wert", "Ein Wert ist nicht in der Liste der erlaubten Werte (z. B. status: draft oder "
             "adopted). Der Hinweis nennt die erlaubten Werte und den nächstliegenden."),
    "S006": ("ungueltige-kennung", "Eine Kennung (id) enthält unerlaubte Zeichen. Erlaubt sind Kleinbuchstaben "
             "ohne Umlaute, Ziffern und Bindestriche, z. B. „kreistag-beschluss“."),
    "S007": ("wert-ausserhalb-bereich", "Eine Zahl liegt außerhalb des erlaubten Bereichs, z. B. ein "
             "Prozentwert über 100 oder eine negative Einwohnerzahl."),
    "K900": ("konfiguration-ungueltig", "Die Konfiguration ([tool.integconcept] in pyproject.toml oder "
             "integconcept.toml, gefunden vom Ordner der Konzeptdatei aufwärts) ist kein gültiges TOML, enthält "
             "einen unbekannten Schlüssel (Tippfehler wie „notice_period_unt“; der Befund nennt Datei, Zeile und "
             "„Meinten Sie …?“), einen Wert falschen Typs (\"7\" in Anführungszeichen statt 7) oder nennt in "
             "select/ignore etwas, das zu keiner Regel passt. Die Datei wird dann nicht geprüft (Exit-Code 2), "
             "damit keine Einstellung unbemerkt wirkungslos bleibt."),
}



def known_codes() -> dict[str, object]:
    from integconcept.rules import all_rules

    return {**{code: None for code in NON_RULE_CODES}, **all_rules()}


def suggest(query: str) -> list[str]:
    from integconcept.rules import all_rules

    rules = all_rules()
    codes = list(known_codes())
    by_name = {rule.name: code for code, rule in rules.items()}
    by_name.update({name: code for code, (name, _) in NON_RULE_CODES.items()})
    close = difflib.get_close_matches(query.upper(), codes, n=3, cutoff=0.5)
    close += [by_name[n] for n in difflib.get_close_matches(query.lower(), list(by_name), n=3, cutoff=0.6)]
    return list(dict.fromkeys(close))[:3]


def resolve(query: str) -> str | None:
    from integconcept.rules import all_rules

    code = query.strip().upper()
    if code in known_codes():
        return code
    for rule_code, rule in all_rules().items():
        if rule.name == query.strip().lower():
            return rule_code
    for other, (name, _) in NON_RULE_CODES.items():
        if name == query.strip().lower():
            return other
    return None


def rules_table() -> list[dict]:
    from integconcept.rules import all_rules

    return [{
        "code": code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "modality": rule.modality.value,
        "modality_label": rule.modality.label,
        "deviation": rule.deviation,
        "pack": rule.pack(),
        "packs": sorted(rule.packs),
        "citations": [str(c) for c in rule.citations],
        "urls": [c.url for c in rule.citations if c.url],
        "unverified": rule.unverified,
    } for code, rule in all_rules().items()]


def print_rules(stream: TextIO, fmt: str) -> None:
    rows = rules_table()
    if fmt == "json":
        stream.write(json_text({"version": 1, "rules": rows}, indent=2))
        stream.write("\n")
        return
    import textwrap

    for row in rows:
        stream.write(f"{row['code']:<5} {severity_label(row['severity']):<8} {row['pack']:<10} {row['name']}\n")
        for line in textwrap.wrap(row["summary"], 72):
            stream.write(f"      {line}\n")
        stream.write(f"      Art: {row['modality_label']}\n")
        if row["citations"]:
            for line in textwrap.wrap("Grundlage: " + "; ".join(row["citations"]), 72):
                stream.write(f"      {line}\n")
    stream.write(f"\n{len(rows)} Regeln. Erklärung einer Regel: integconcept explain CODE "
                 "(auch für die Codes der Eingabeprüfung F…, Y…, S…).\n")


def print_explanation(code: str, stream: TextIO, width: int = 80) -> None:
    """Print one code's explanation with rich (plain text when not a terminal)."""
    from rich.console import Console
    from rich.syntax import Syntax
    from rich.text import Text

    from integconcept.rules import all_rules
    from integconcept.rules.cases import example_basis

    console = Console(file=stream, width=width, highlight=False, soft_wrap=False, markup=False)
    if code in NON_RULE_CODES:
        name, text = NON_RULE_CODES[code]
        console.print(Text(f"{code} {name}", style="bold"))
        console.print("Eingabeprüfung (Fehler; lässt sich nicht abschalten oder stummschalten)")
        console.print()
        console.print(text)
        return
    rule = all_rules()[code]
    console.print(Text(f"{code} {rule.name}", style="bold"))
    console.print(f"{severity_label(rule.severity)} · {rule.modality.label} · Regelpaket "
                  f"{', '.join(sorted(rule.packs))}")
    for citation in rule.citations:
        console.print(f"Grundlage: {citation}")
        if citation.url:  # never wrapped: a broken address cannot be copied into a browser
            console.print(Text(f"  {citation.url}"), no_wrap=True, overflow="ignore", crop=False)
    if rule.relaxed_for_drafts:
        console.print("Bei einem Entwurf (status: draft) ist ein Befund nur eine Warnung.")
    if rule.unverified:
        console.print(Text("Der Wortlaut dieser Vorschrift ist nicht amtlich belegt (rekonstruiert); die Regel "
                           "warnt deshalb nur.", style="italic"))

    def section(title: str, body: str) -> None:
        if body:
            console.print()
            console.print(Text(title, style="bold underline"))
            console.print(body)

    section("Was wird geprüft?", " ".join(p for p in (rule.summary, rule.explanation) if p))
    section("Warum?", rule.reason)
    section(f"Art der Vorschrift: {rule.modality.label}", rule.modality.sentence)
    section("Abweichen mit Begründung:", rule.deviation)
    cases = rule.cases()
    for title, snippet in (("Fehlerhaft:", cases.shown("bad")), ("Richtig:", cases.shown("good"))):
        if snippet:
            console.print()
            console.print(Text(title, style="bold underline"))
            console.print(Syntax(snippet.rstrip("\n"), "yaml", theme="ansi_dark", background_color="default",
                                 word_wrap=True))
    if cases.shown("bad"):
        console.print(Text(f"(Ausschnitt einer Konzeptdatei; geprüft nach „{example_basis(rule)}“.)",
                           style="dim"))
    section("So beheben Sie es:", rule.fix)
    if rule.CONF:
        types = {int: "ganze Zahl", float: "Zahl", bool: "true/false", str: "Text"}
        section(f"Optionen ([tool.integconcept.rules.{code}]):", "; ".join(
            f"{name} ({types.get(kind, kind.__name__)}, Standard {rule.DEFAULT[name]!r})"
            for name, kind in rule.CONF.items()))

"""The codes that are not rules, in one catalogue: the input check (F… file, Y… YAML, S… schema) and
K900 (configuration). Each has a kebab-case German name (in JSON, SARIF and ``explain``) and one
German paragraph for ``integconcept explain``; the loader, the schema check and the configuration
check take the names from here, so a new code is added in one place."""

from __future__ import annotations

#: Codes that are not rules (input check of the foundation, configuration): name and one paragraph.
NON_RULE_CODES: dict[str, tuple[str, str]] = {
    "F001": (
        "datei-fehlt",
        "Die angegebene Datei gibt es nicht. Prüfen Sie Dateiname und Ordner; Groß- und "
        "Kleinschreibung zählen. Die Prüfung der übrigen Dateien läuft weiter, der Exit-Code ist 2.",
    ),
    "F002": (
        "verzeichnis-statt-datei",
        "Angegeben ist ein Ordner statt einer Datei. Geben Sie die YAML-Datei "
        "des Konzepts an, z. B. examples/kreis-unna-2012.yaml.",
    ),
    "F003": (
        "datei-zu-gross",
        "Die Datei ist größer als 5 MB. Ein Konzept ist eine Textdatei von einigen "
        "hundert Kilobyte; wahrscheinlich ist es die falsche Datei.",
    ),
    "F004": (
        "binaerdatei",
        "Die Datei enthält Binärdaten (z. B. ein Word-Dokument, PDF oder Bild). Geprüft werden nur YAML-Textdateien.",
    ),
    "F005": (
        "kein-utf8",
        "Die Datei ist nicht in UTF-8 gespeichert; Umlaute wären sonst falsch. Speichern Sie "
        "sie im Editor mit der Kodierung „UTF-8“ neu. Zeile und Spalte nennen das erste falsche Zeichen.",
    ),
    "F006": (
        "datei-nicht-lesbar",
        "Die Datei kann nicht gelesen werden, meist wegen fehlender Zugriffsrechte. Prüfen Sie die Rechte der Datei.",
    ),
    "Y001": (
        "yaml-syntaxfehler",
        "Die Datei ist kein gültiges YAML. Häufige Ursachen: falsche Einrückung, "
        "fehlender Doppelpunkt, ein Text mit „: “ oder „#“ ohne Anführungszeichen. Zeile und Spalte zeigen, "
        "wo der Leser nicht weiterkam; der Fehler steht oft in der Zeile davor.",
    ),
    "Y002": (
        "doppelter-schluessel",
        "Ein Schlüssel steht in derselben Zuordnung zweimal. YAML würde sonst still "
        "den ersten Wert verwerfen; fassen Sie die Angaben zusammen oder löschen Sie eine.",
    ),
    "Y003": (
        "tabulator-einrueckung",
        "Eine Zeile ist mit einem Tabulator eingerückt. YAML erlaubt nur Leerzeichen; üblich sind zwei je Ebene.",
    ),
    "Y004": (
        "leere-datei",
        "Die Datei enthält keine Angaben (höchstens Kommentare). Beginnen Sie mit einer "
        "Kopie von examples/kreis-unna-2012.yaml.",
    ),
    "Y005": (
        "keine-zuordnung",
        "Die oberste Ebene muss eine Zuordnung aus Schlüsseln und Werten sein "
        "(format_version, id, title …), keine Liste und kein einzelner Wert.",
    ),
    "Y006": (
        "zu-viele-verweise",
        "Die Datei enthält zu viele oder sich selbst enthaltende Verweise "
        "(&anker/*alias): höchstens 1.000 Verweise, die zusammen höchstens 20.000 Angaben ergeben. Schreiben Sie die Angaben aus, statt sie über Verweise zu wiederholen.",
    ),
    "Y007": (
        "nicht-unterstuetztes-yaml",
        "Die Datei nutzt eine YAML-Schreibweise, die ein Konzept nicht braucht: "
        "einen Tag (!…, außer !!str, !!int, !!float, !!bool, !!null), eine Liste oder Zuordnung als Schlüssel "
        "oder „<<:“ (Zusammenführen) mit etwas anderem als einer Zuordnung. Schreiben Sie die Angaben aus.",
    ),
    "Y008": (
        "zu-gross-zum-pruefen",
        "Die Datei überschreitet eine Grenze: mehr als 200.000 Angaben, mehr als 60 "
        "Ebenen Verschachtelung, eine Liste mit mehr als 10.000 Einträgen, ein Text mit mehr als 2.000.000 "
        "Zeichen oder eine Zahl mit mehr als 4.300 Stellen (die Datei selbst höchstens 5 MB, siehe F003). Ein "
        "echtes Konzept liegt weit darunter; prüfen Sie, ob es die richtige Datei ist.",
    ),
    "Y009": (
        "unzulaessiges-zeichen",
        "Die Datei enthält ein Steuerzeichen, das YAML nicht erlaubt (z. B. U+0001, "
        "oft unsichtbar aus einer Kopie aus Word oder PDF). Zeile und Spalte zeigen das Zeichen; löschen Sie "
        "es.",
    ),
    "Y010": (
        "unsichtbares-zeichen",
        "Die Datei enthält ein unsichtbares Zeichen an einer Stelle, an der YAML "
        "ein Leerzeichen oder nichts erwartet: ein geschütztes Leerzeichen (U+00A0, U+202F, U+2007), ein "
        "Leerzeichen ohne Breite (U+200B), eine Byte-Order-Mark (U+FEFF) mitten in der Datei, ein breites "
        "Leerzeichen (U+3000) oder ähnliche, meist aus einer Kopie aus Word, PDF oder Outlook. Am "
        "Zeilenanfang, im Schlüssel oder nach „:“ oder „-“ zählt es nicht als Einrückung oder Leerzeichen. "
        "Zeile und Spalte zeigen das Zeichen selbst, der Hinweis die berichtigte Zeile. In Freitexten "
        "sind geschützte Leerzeichen erlaubt (z. B. „§ 7“).",
    ),
    "Y011": (
        "typografische-anfuehrungszeichen",
        "Ein Text steht in typografischen Anführungszeichen („…“, "
        "“…”, ‚…‘, »…«, «…» …) oder beginnt mit einem geraden und endet mit einem typografischen. Für YAML "
        "zählen nur gerade Anführungszeichen (\" oder ') als Anführungszeichen; typografische gehören zum "
        "Text und schützen einen „: “ oder „ #“ darin nicht. Der Hinweis zeigt die berichtigte Zeile.",
    ),
    "S001": (
        "unbekannter-schluessel",
        "Ein Schlüssel gehört an dieser Stelle nicht zum Dateiformat, oft ein "
        "Tippfehler. Der Hinweis schlägt den nächstliegenden erlaubten Schlüssel vor und nennt alle "
        "erlaubten.",
    ),
    "S002": (
        "pflichtangabe-fehlt",
        "Eine Pflichtangabe fehlt (z. B. id, title, authority, status, "
        "legal_basis). Ergänzen Sie den genannten Schlüssel an der angegebenen Stelle.",
    ),
    "S003": (
        "falscher-typ",
        "Ein Wert hat die falsche Art, z. B. ein Text, wo eine Liste erwartet wird, oder "
        "eine Zahl in Anführungszeichen. Der Hinweis zeigt die erwartete Form.",
    ),
    "S004": (
        "ungueltiges-datum",
        "Ein Datum steht nicht in einer erlaubten Form. Erlaubt sind 2012-10-30 "
        "(Tag), 2012-11 (Monat) und Anfang/Mitte/Ende 2012-11; der Hinweis schlägt die richtige "
        "Schreibweise vor, z. B. für „30.10.2012“.",
    ),
    "S005": (
        "unerlaubter-wert",
        "Ein Wert ist nicht in der Liste der erlaubten Werte (z. B. status: draft oder "
        "adopted). Der Hinweis nennt die erlaubten Werte und den nächstliegenden.",
    ),
    "S006": (
        "ungueltige-kennung",
        "Eine Kennung (id) enthält unerlaubte Zeichen. Erlaubt sind Kleinbuchstaben "
        "ohne Umlaute, Ziffern und Bindestriche, z. B. „kreistag-beschluss“.",
    ),
    "S007": (
        "wert-ausserhalb-bereich",
        "Eine Zahl liegt außerhalb des erlaubten Bereichs, z. B. ein "
        "Prozentwert über 100 oder eine negative Einwohnerzahl.",
    ),
    "W001": (
        "word-nicht-lesbar",
        "Ein Word-Dokument (.docx) sollte geprüft werden, konnte aber nicht gelesen "
        "werden (beschädigt, kein .docx, zu groß oder ohne Text). Die Meldung sagt, was zu tun ist, z. B. eine "
        ".doc- oder .odt-Datei zuerst als .docx zu speichern. Exit-Code 2.",
    ),
    "W002": (
        "import-unsicher",
        "Beim Prüfen eines Word-Dokuments wird es zuerst in das Datenmodell übernommen. "
        "Wo diese Übernahme schätzen musste (Art eines Gremiums, Zweck eines Schritts, ein Abschnitt nach "
        "seinem Inhalt zugeordnet, Text ohne eigenes Feld), steht ein Hinweis an der Stelle im Dokument. Er "
        "ist kein Fehler des Konzepts; er sagt, wo die Prüfung auf einer Annahme beruht.",
    ),
    "K900": (
        "konfiguration-ungueltig",
        "Die Konfiguration ([tool.integconcept] in pyproject.toml oder "
        "integconcept.toml, gefunden vom Ordner der Konzeptdatei aufwärts) ist kein gültiges TOML, enthält "
        "einen unbekannten Schlüssel (Tippfehler wie „notice_period_unt“; der Befund nennt Datei, Zeile und "
        '„Meinten Sie …?“), einen Wert falschen Typs ("7" in Anführungszeichen statt 7) oder nennt in '
        "select/ignore etwas, das zu keiner Regel passt. Die Datei wird dann nicht geprüft (Exit-Code 2), "
        "damit keine Einstellung unbemerkt wirkungslos bleibt.",
    ),
}


def code_name(code: str) -> str | None:
    """The kebab-case name of a non-rule code (``Y001`` → ``yaml-syntaxfehler``)."""
    entry = NON_RULE_CODES.get(code)
    return entry[0] if entry else None

"""A corpus of Integrationskonzepte in shapes other than Kreis Unna's, built at test time by three producers.

Each shape is written once as a list of blocks and made into a .docx by

* ``python-docx``: heading styles, "List Bullet" items, bold labels, Word tables;
* ``pandoc`` from Markdown (``# 1. Einleitung``, pipe tables, ``**Ziel:**``);
* ``libreoffice``: the python-docx file opened and saved again by LibreOffice (``soffice --convert-to docx``),
  as happens when a county edits the concept in LibreOffice.

Each shape carries the facts a correct import puts into the model (JSON path → expected value); the
scoring test measures how many land in the right field (:func:`score`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from .libreoffice import convert, soffice


@dataclass
class Shape:
    name: str
    blocks: list  # ("title"|"h1"|"h2"|"p"|"li"|"label"|"table", value)
    facts: dict = field(default_factory=dict)  # "a.b[0].c" → expected value (or a callable check)


def _kreis_2022() -> Shape:
    rows = [
        ["Gemeinde", "Einwohner", "mit Einwanderungsgeschichte", "Anteil in %"],
        ["Borkenfeld", "42.310", "11.020", "26,0"],
        ["Heidhausen", "18.200", "3.100", "17,0"],
        ["Moorbach", "9.870", "1.480", "15,0"],
        ["Kreis Borkenfeld", "70.380", "15.600", "22,2"],
    ]
    steps = [
        ["Datum", "Gremium", "Anlass"],
        ["10.06.2024", "Verwaltungsvorstand", "Vorberatung"],
        ["01.07.2024", "Städte und Gemeinden des Kreises", "Stellungnahme bis 30.08.2024"],
        ["19.09.2024", "Ausschuss für Soziales und Integration", "Vorberatung"],
        ["12.12.2024", "Kreistag", "Beschluss"],
    ]
    blocks = [
        ("title", "Integrationskonzept Kreis Borkenfeld 2024"),
        ("h1", "1. Einleitung"),
        (
            "p",
            "Der Kreis Borkenfeld schreibt sein Integrationskonzept nach dem Teilhabe- und "
            "Integrationsgesetz von 2022 fort.",
        ),
        ("h1", "2. Ausgangslage und Daten"),
        ("p", "Im Kreis leben Menschen aus über 120 Staaten."),
        ("p", "Tabelle 1: Bevölkerung mit Einwanderungsgeschichte"),
        ("table", rows),
        ("p", "Quelle: IT.NRW, Stand: 31.12.2023"),
        ("h1", "3. Handlungsfelder und Ziele"),
        ("p", "Der Kreis verfolgt vier Handlungsfelder."),
        ("h2", "3.1 Sprache und Bildung"),
        ("label", "Ziel: Alle Kinder sprechen bei der Einschulung gut Deutsch."),
        ("label", "Maßnahmen:"),
        ("li", "Sprachförderung in allen Kitas"),
        ("li", "Elterncafés in den Familienzentren"),
        ("h2", "3.2 Arbeit und Ausbildung"),
        ("label", "Ziel: Mehr junge Zugewanderte beginnen eine Ausbildung."),
        ("label", "Maßnahmen:"),
        ("li", "Ausbildungslotsen an den Berufskollegs"),
        ("h2", "3.3 Gesundheit"),
        ("label", "Ziel: Zugewanderte finden den Weg in die Gesundheitsversorgung."),
        ("label", "Maßnahmen:"),
        ("li", "Sprachmittlerpool für Arztpraxen"),
        ("h2", "3.4 Zusammenleben"),
        ("label", "Ziel: Vereine öffnen sich für neue Mitglieder."),
        ("label", "Maßnahmen:"),
        ("li", "Vereinsberatung durch das KI"),
        ("h1", "4. Das Kommunale Integrationszentrum"),
        ("p", "Das Kommunale Integrationszentrum koordiniert die Integrationsarbeit im Kreis."),
        ("label", "Anbindung: Dezernat II, Fachbereich Soziales"),
        ("p", "Im KI arbeiten 4,5 Stellen, davon 2 Lehrerstellen des Landes."),
        ("h1", "5. Beteiligung und Beschlussfassung"),
        ("p", "Das Konzept wurde mit den Gemeinden und Verbänden abgestimmt."),
        ("table", steps),
        ("p", "Der Kreistag hat das Konzept am 12.12.2024 beschlossen."),
    ]
    facts = {
        "authority.name": "Kreis Borkenfeld",
        "authority.kind": "kreis",
        "legal_basis": lambda v: str(v).startswith("tintg2022"),
        "preamble.population_table.rows[0].name": "Borkenfeld",
        "preamble.population_table.rows[0].total": 42310,
        "preamble.population_table.rows[0].with_migration_background": 11020,
        "preamble.population_table.rows[2].migration_background_percent": 15.0,
        "preamble.population_table.total_row.name": "Kreis Borkenfeld",
        "preamble.population_table.source": "IT.NRW",
        "preamble.population_table.title": "Tabelle 1: Bevölkerung mit Einwanderungsgeschichte",
        "guiding_goals.goals[0].goal": "Alle Kinder sprechen bei der Einschulung gut Deutsch.",
        "guiding_goals.goals[0].measures": ["Sprachförderung in allen Kitas", "Elterncafés in den Familienzentren"],
        "guiding_goals.goals[3].measures": ["Vereinsberatung durch das KI"],
        "guiding_goals.measures_label": "Maßnahmen:",
        "action_fields[1].name": "Arbeit und Ausbildung",
        "organisation.attachment": "Dezernat II, Fachbereich Soziales",
        "staffing.text": lambda v: "4,5 Stellen" in str(v),
        "approval_process.steps[0].body": "Verwaltungsvorstand",
        "approval_process.steps[1].purpose": "consultation",
        "approval_process.steps[1].description": lambda v: "Stellungnahme bis 30.08.2024" in str(v),
        "approval_process.steps[2].date": "2024-09-19",
        "approval_process.steps[3].body": "Kreistag",
        "approval_process.steps[3].purpose": "decision",
        "approval_process.steps[3].body_kind": "council",
        "adoption.date": "2024-12-12",
    }
    return Shape("kreis-2022", blocks, facts)


def _stadt_teile() -> Shape:
    rows = [
        ["Stadtbezirk", "Einwohner insgesamt", "mit Zuwanderungsgeschichte", "Ausländer"],
        ["Mitte", "81.400", "30.120", "14.900"],
        ["Nord", "64.200", "19.900", "9.100"],
        ["Süd", "58.700", "12.300", "5.600"],
        ["Stadt Hafenstadt", "204.300", "62.320", "29.600"],
    ]
    steps = [
        ["Termin", "Gremium", "Zweck", "Gegenstand"],
        ["14.03.2023", "Integrationsrat", "Beratung", "Entwurf des Konzepts"],
        ["28.03.2023", "Ausschuss für Soziales", "Beratung", "Empfehlung an den Rat"],
        ["04.05.2023", "Rat der Stadt Hafenstadt", "Beschlussfassung", "Beschluss des Konzepts"],
    ]
    blocks = [
        ("title", "Integrationskonzept der Stadt Hafenstadt"),
        ("h1", "Teil A Grundlagen"),
        ("p", "Hafenstadt ist eine kreisfreie Stadt mit rund 200.000 Einwohnerinnen und Einwohnern."),
        ("h1", "Teil B Die Stadt in Zahlen"),
        ("table", rows),
        ("p", "Quelle: Amt für Statistik der Stadt Hafenstadt"),
        ("h1", "Teil C Leitziele und Handlungsziele"),
        ("h2", "Handlungsfeld Bildung"),
        ("label", "Leitziel: Bildungserfolg hängt nicht von der Herkunft ab."),
        ("label", "Umsetzung:"),
        ("li", "Schulsozialarbeit an allen Grundschulen"),
        ("li", "Mentoringprogramm für Studierende"),
        ("h2", "Handlungsfeld Wohnen"),
        ("label", "Leitziel: Zugewanderte finden bezahlbaren Wohnraum in allen Stadtbezirken."),
        ("label", "Umsetzung:"),
        ("li", "Wohnraumberatung im Bürgeramt"),
        ("h1", "Teil D Verfahren"),
        ("table", steps),
    ]
    facts = {
        "authority.name": "Stadt Hafenstadt",
        "authority.kind": "kreisfreie_stadt",
        "preamble.population_table.rows[0].name": "Mitte",
        "preamble.population_table.rows[1].total": 64200,
        "preamble.population_table.rows[1].with_migration_background": 19900,
        "preamble.population_table.rows[2].foreigners": 5600,
        "preamble.population_table.total_row.name": "Stadt Hafenstadt",
        "preamble.population_table.columns.name": "Stadtbezirk",
        "guiding_goals.goals[0].goal": "Bildungserfolg hängt nicht von der Herkunft ab.",
        "guiding_goals.goals[0].measures": [
            "Schulsozialarbeit an allen Grundschulen",
            "Mentoringprogramm für Studierende",
        ],
        "guiding_goals.goals[1].measures": ["Wohnraumberatung im Bürgeramt"],
        "guiding_goals.measures_label": "Umsetzung:",
        "guiding_goals.goal_label": "Leitziel:",
        "action_fields[0].name": "Bildung",
        "approval_process.steps[0].body": "Integrationsrat",
        "approval_process.steps[0].body_kind": "integration_council",
        "approval_process.steps[1].date": "2023-03-28",
        "approval_process.steps[2].purpose": "decision",
        "approval_process.steps[2].body_kind": "council",
        "approval_process.steps[2].description": "Beschluss des Konzepts",
    }
    return Shape("stadt-teile", blocks, facts)


def _kreis_2012() -> Shape:
    blocks = [
        ("title", "Integrationskonzept für den Kreis Lindenau"),
        ("p", "Kreistagsbeschluss vom 13.12.2012"),
        ("h1", "1. Präambel"),
        ("p", "Im Kreis Lindenau leben rund 150.000 Menschen, davon 18 % mit Migrationshintergrund."),
        ("h1", "2. Integrationsleitziele"),
        ("h2", "Handlungsfeld Sprache"),
        ("label", "Ziel: Deutschkenntnisse für alle Zugewanderten"),
        ("label", "Es soll erreicht werden durch:"),
        ("li", "Integrationskurse in allen Städten"),
        ("h1", "3. Informations- und Abstimmungsprozess"),
        ("li", "05. September 2012 Verwaltungsvorstand zur Beratung"),
        ("li", "Anschließend Weitergabe des Entwurfs an die Städte und Gemeinden"),
        ("li", "13.12.2012 Kreistag zur Beschlussfassung"),
    ]
    facts = {
        "authority.name": "Kreis Lindenau",
        "legal_basis": "tintg2012-p7",
        "adoption.date": "2012-12-13",
        "guiding_goals.goals[0].goal": "Deutschkenntnisse für alle Zugewanderten",
        "guiding_goals.goals[0].measures": ["Integrationskurse in allen Städten"],
        "approval_process.steps[0].date": "2012-09-05",
        "approval_process.steps[1].date_label": "Anschließend",
        "approval_process.steps[2].body": "Kreistag",
        "approval_process.steps[2].purpose": "decision",
    }
    return Shape("kreis-2012", blocks, facts)


SHAPES = {s.name: s for s in (_kreis_2022(), _stadt_teile(), _kreis_2012())}
PRODUCERS = ("python-docx", "pandoc", "libreoffice")


# ---------------------------------------------------------------------------- producers


def _python_docx(shape: Shape, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in shape.blocks:
        if kind == "title":
            document.add_paragraph(value, style="Title")
        elif kind in ("h1", "h2"):
            document.add_heading(value, 1 if kind == "h1" else 2)
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "li":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "label":
            label, _, rest = value.partition(":")
            paragraph = document.add_paragraph()
            paragraph.add_run(label + ":").bold = True
            if rest.strip():
                paragraph.add_run(" " + rest.strip())
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.rows[r].cells[c].text = text
    document.save(path)
    return path


def markdown(shape: Shape) -> str:
    lines: list[str] = []
    for kind, value in shape.blocks:
        if kind == "title":
            lines += ["---", f'title: "{value}"', "---", ""]
        elif kind == "h1":
            lines += [f"# {value}", ""]
        elif kind == "h2":
            lines += [f"## {value}", ""]
        elif kind == "p":
            lines += [value, ""]
        elif kind == "li":
            escaped = re.sub(r"^(\d+)\. ", r"\1\\. ", value)  # "05. September": not an ordered list
            lines += [f"- {escaped}", ""]
        elif kind == "label":
            label, _, rest = value.partition(":")
            lines += [f"**{label}:** {rest.strip()}".rstrip(), ""]
        elif kind == "table":
            lines += ["| " + " | ".join(value[0]) + " |", "|" + "---|" * len(value[0])]
            lines += ["| " + " | ".join(row) + " |" for row in value[1:]]
            lines += [""]
    return "\n".join(lines)


def _pandoc(shape: Shape, path: Path) -> Path:
    source = path.with_suffix(".md")
    source.write_text(markdown(shape), encoding="utf-8")
    subprocess.run(
        ["pandoc", "-f", "markdown-auto_identifiers", "-t", "docx", str(source), "-o", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def _libreoffice(shape: Shape, path: Path) -> Path:
    """The python-docx file saved again by LibreOffice (its own profile folder, so parallel runs do not clash)."""
    source_dir = Path(tempfile.mkdtemp(prefix="ic-corpus-"))
    try:
        source = _python_docx(shape, source_dir / path.name)
        profile = source_dir / "profile"
        out_dir = source_dir / "out"
        convert([source], "docx:MS Word 2007 XML", out_dir, profile)
        shutil.copyfile(out_dir / path.name, path)
    finally:
        shutil.rmtree(source_dir, ignore_errors=True)
    return path


def available(producer: str) -> str | None:
    """None when the producer can run here, else the reason (German, for the skip message)."""
    if producer == "pandoc" and not shutil.which("pandoc"):
        return "pandoc ist nicht installiert"
    if producer == "libreoffice" and not soffice():
        return "LibreOffice (soffice) ist nicht installiert"
    return None


def build(shape: str, producer: str, folder: Path) -> Path:
    path = folder / f"{shape}-{producer}.docx"
    maker = {"python-docx": _python_docx, "pandoc": _pandoc, "libreoffice": _libreoffice}[producer]
    return maker(SHAPES[shape], path)


# ---------------------------------------------------------------------------- scoring


def lookup(data, dotted: str):
    import re

    node = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", dotted):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(node, list) or index >= len(node):
                return None
            node = node[index]
        else:
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
    return node


def score(shape: str, data: dict) -> tuple[int, int, list[str]]:
    """(facts in the right field, facts in all, the missed ones with what was found instead)."""
    facts = SHAPES[shape].facts
    missed = []
    for dotted, expected in facts.items():
        found = lookup(data, dotted)
        if isinstance(found, str):
            found_cmp = found.strip()
        else:
            found_cmp = found
        ok = expected(found) if callable(expected) else found_cmp == expected or str(found_cmp) == str(expected)
        if not ok:
            missed.append(f"{dotted}: erwartet {expected!r}, gefunden {found!r}")
    return len(facts) - len(missed), len(facts), missed


def ci() -> bool:
    return os.environ.get("CI") == "true"

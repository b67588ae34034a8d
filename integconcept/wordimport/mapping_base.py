"""The mapper's shared state and helpers: data being built, ``# import:`` comments, the summary lists, free
text placement (``put_text``/``spill``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integconcept.wordimport.inline import escape
from integconcept.wordimport.reader import Document, Para
from integconcept.wordimport.text import blocks_text


SECTION_PATTERNS = [
    (
        "approval_process",
        r"abstimmungsprozess|gremienlauf|beschlussverfahren|beratungsfolge|beteiligungsverfahren|"
        r"beratungs- und beschluss|informations- und abstimmung|beschlussfassung",
    ),
    ("ki_tasks", r"aufgabenstellung|aufgaben des (ki\b|kommunal)|aufgabenmatrix|aufgabenübersicht"),
    ("staffing", r"personal|finanzierung|stellenplan|ausstattung|stellen\b"),
    ("monitoring", r"monitoring|kennzahl|evaluation|controlling|querschnittsaufgabe|berichtswesen"),
    ("organisation", r"organigramm|aufgabenorganisation|anbindung|organisation|übersicht"),
    (
        "ki_chapter",
        r"(?:das|unser) kommunale[sn]? integrationszentrum|^kommunale[sn]? integrationszentrum\b|"
        r"^(?:das )?ki\b|integrationszentrum \(ki\)$",
    ),
    ("preamble", r"präambel|vorwort|einleitung|ausgangslage|vorbemerkung|ausgangssituation|hintergrund"),
    ("guiding_goals", r"leitziel|leitlinie|leitbild|integrationsziel|\bziele\b|handlungsfelder"),
    ("implementation", r"umsetzung|handlungskonzept|maßnahmen"),
    ("networks", r"netzwerk|gremien|anpassung|kooperation|zusammenarbeit|beteiligung|steuerung|tintg|gesetz"),
]
SECTION_LABELS = {
    "preamble": "Präambel",
    "guiding_goals": "Integrationsleitziele",
    "implementation": "Umsetzung",
    "ki_tasks": "Aufgaben des KI",
    "networks": "Netzwerke und Gremien",
    "monitoring": "Monitoring",
    "organisation": "Übersicht/Organisation",
    "staffing": "Personal und Finanzierung",
    "approval_process": "Informations- und Abstimmungsprozess",
    "ki_chapter": "Kommunales Integrationszentrum (Organisation, Personal, Aufgaben)",
}


_DATE_IN_TEXT = re.compile(r"\b\d{1,2}\.\s?(?:\d{1,2}\.\s?\d{2,4}|[A-ZÄÖÜ][a-zäöü]+\s+\d{4})")
_BODY_WORDS = re.compile(r"kreistag|\brat\b|ausschuss|integrationsrat|verwaltungsvorstand|gremi|konferenz")


def content_key(heading, blocks, subs, used: dict) -> str | None:
    """A section whose heading says nothing known ("Teil D Verfahren", "4. Unser Weg"): its key from what it
    holds – a table with dates and bodies or dated lines naming bodies (the approval process), lines
    "Ziel:"/"Leitziel:" (the guiding goals), the words of a KI chapter (Stellen, Anbindung)."""
    from integconcept.wordimport.reader import Table

    everything = blocks + [x for h, b in subs for x in [h] + b]
    paragraphs = [b.plain for b in everything if isinstance(b, Para)]
    for block in everything:
        if isinstance(block, Table) and block.rows and "approval_process" not in used:
            header = " ".join(c.plain.lower() for c in block.rows[0])
            if re.search(r"termin|datum|wann|sitzung", header) and re.search(r"gremi|\bwer\b|organ|stelle", header):
                return "approval_process"
    dated = sum(1 for text in paragraphs if _DATE_IN_TEXT.search(text) and _BODY_WORDS.search(text.lower()))
    if dated >= 2 and "approval_process" not in used:
        return "approval_process"
    if (
        "guiding_goals" not in used
        and sum(1 for text in paragraphs if re.match(r"^(?:Leit|Handlungs|Teil|Wirkungs)?[Zz]iele?\s*:", text)) >= 1
    ):
        return "guiding_goals"
    words = " ".join(paragraphs).lower()
    if "integrationszentrum" in words and re.search(r"\bstellen?\b|vzä|vollzeit|anbindung|angesiedelt", words):
        return "ki_chapter"
    return None


def section_key(title: str) -> str | None:
    lowered = title.lower()
    for key, pattern in SECTION_PATTERNS:
        if re.search(pattern, lowered):
            return key
    return None


@dataclass
class Placed:
    """Where a block stood that was taken into a structured field before the sections were read (the
    population table): the running text skips it, the section it stands in knows it was there."""

    what: str
    block: object


@dataclass
class Outcome:
    data: dict
    comments: dict[tuple, list[str]] = field(default_factory=dict)
    recognised: list[str] = field(default_factory=list)
    look: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    placement: dict = field(default_factory=dict)  # paragraphs recognised / guessed / left as text
    places: dict = field(default_factory=dict)  # JSON path → (block, row, column) read as structure
    section_headings: dict = field(default_factory=dict)


def is_label(block) -> bool:
    return (
        isinstance(block, Para)
        and not block.is_item
        and ((block.bold and len(block.plain) <= 120) or block.plain.endswith(":"))
    )


def label_value(block: Para, label_pattern: str) -> str | None:
    """ "**Vorsitz:** Rüdiger Sparbrod" → "Rüdiger Sparbrod" for the label pattern "vorsitz"."""
    m = re.match(rf"^\s*(?:\*\*)?\s*(?:{label_pattern})\s*:\s*(?:\*\*)?\s*(.+)$", block.markup, re.IGNORECASE | re.S)
    if m and m.group(1).strip() and not m.group(1).strip().startswith("**"):
        return m.group(1).strip()
    return None


class MapperBase:
    def __init__(self, doc: Document, source_name: str):
        self.doc = doc
        self.source_name = source_name
        self.data: dict = {}
        self.comments: dict[tuple, list[str]] = {}
        self.recognised: list[str] = []
        self.look: list[str] = []
        self.ids: set[str] = set()
        self.last_text: tuple | None = None  # path of the last free text written (the "nearest" one)
        self.consumed: set[int] = set()  # ids of blocks placed as structure (labels, table cells)
        self.section_map: list[str] = []
        self.home: dict[int, str] = {}  # block id → the section it was read in
        self.guessed_sections: set[str] = set()
        #: JSON path → (block, table row, grid column) where the structure was read (rows None: the block itself)
        self.places: dict[tuple, tuple] = {}
        self.section_headings: dict[
            str, object
        ] = {}  # top-level key → the heading it was read under  # sections placed by their content or position, not heading

    # ------------------------------------------------------------------ helpers

    def comment(self, path: tuple, text: str) -> None:
        self.comments.setdefault(path, []).append(f"import: {text}")

    def get(self, path: tuple):
        node: object = self.data
        for key in path:
            if isinstance(node, list):
                node = node[key] if isinstance(key, int) and key < len(node) else None
            else:
                node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                return None
        return node

    def ensure(self, path: tuple) -> dict:
        node = self.data
        for key in path:
            node = node[key] if isinstance(node, list) else node.setdefault(key, {})
        return node

    def put_text(self, path: tuple, text: str, why: str | None = None) -> None:
        """Append free text to the field at path (creating it)."""
        text = (text or "").strip()
        if not text:
            return
        parent = self.ensure(path[:-1])
        old = parent.get(path[-1])
        parent[path[-1]] = f"{old}\n\n{text}" if old else text
        if why:
            self.comment(path, why)
        self.last_text = path

    def spill(self, text: str, why: str, fallback: tuple = ("preamble", "intro")) -> None:
        """Text that has no place of its own: into the nearest free text, with a comment saying why."""
        self.put_text(self.last_text or fallback, text, why)

    # ------------------------------------------------------------------ entry

    def _subs_as_text(self, subs) -> str:
        return "\n\n".join(
            f"**{escape(h.text)}**" + (f"\n\n{blocks_text(b)}" if blocks_text(b) else "") for h, b in subs
        )

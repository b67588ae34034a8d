"""The mapper's shared state and helpers: data being built, ``# import:`` comments, the summary lists, free
text placement (``put_text``/``spill``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integconcept.wordimport.inline import escape
from integconcept.wordimport.reader import Document, Para
from integconcept.wordimport.text import blocks_text


SECTION_PATTERNS = [
    ("approval_process", r"abstimmungsprozess|gremienlauf|beschlussverfahren|beratungsfolge|beteiligungsverfahren|"
                         r"beratungs- und beschluss|informations- und abstimmung|beschlussfassung"),
    ("ki_tasks", r"aufgabenstellung|aufgaben des (ki\b|kommunal)|aufgabenmatrix|aufgabenübersicht"),
    ("staffing", r"personal|finanzierung|stellenplan|ausstattung|stellen\b"),
    ("monitoring", r"monitoring|kennzahl|evaluation|controlling|querschnittsaufgabe|berichtswesen"),
    ("organisation", r"organigramm|aufgabenorganisation|anbindung|organisation|übersicht"),
    ("preamble", r"präambel|vorwort|einleitung|ausgangslage|vorbemerkung|ausgangssituation|hintergrund"),
    ("guiding_goals", r"leitziel|leitlinie|leitbild|integrationsziel|\bziele\b|handlungsfelder"),
    ("implementation", r"umsetzung|handlungskonzept|maßnahmen"),
    ("networks", r"netzwerk|gremien|anpassung|kooperation|zusammenarbeit|beteiligung|steuerung|tintg|gesetz"),
]
SECTION_LABELS = {
    "preamble": "Präambel", "guiding_goals": "Integrationsleitziele", "implementation": "Umsetzung",
    "ki_tasks": "Aufgaben des KI", "networks": "Netzwerke und Gremien", "monitoring": "Monitoring",
    "organisation": "Übersicht/Organisation", "staffing": "Personal und Finanzierung",
    "approval_process": "Informations- und Abstimmungsprozess",
}


def section_key(title: str) -> str | None:
    lowered = title.lower()
    for key, pattern in SECTION_PATTERNS:
        if re.search(pattern, lowered):
            return key
    return None


@dataclass
class Outcome:
    data: dict
    comments: dict[tuple, list[str]] = field(default_factory=dict)
    recognised: list[str] = field(default_factory=list)
    look: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def is_label(block) -> bool:
    return isinstance(block, Para) and not block.is_item and (
        (block.bold and len(block.plain) <= 120) or block.plain.endswith(":"))


def label_value(block: Para, label_pattern: str) -> str | None:
    """"**Vorsitz:** Rüdiger Sparbrod" → "Rüdiger Sparbrod" for the label pattern "vorsitz"."""
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

    # ------------------------------------------------------------------ helpers

    def comment(self, path: tuple, text: str) -> None:
        self.comments.setdefault(path, []).append(f"import: {text}")

    def get(self, path: tuple):
        node = self.data
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
        return "\n\n".join(f"**{escape(h.text)}**" + (f"\n\n{blocks_text(b)}" if blocks_text(b) else "")
                           for h, b in subs)

"""Blocks of a Word concept → the data of a draft concept file, with ``# import:`` comments and a
German summary of what was recognised and what needs a look.

Sections are matched by the words of their headings (and the first unmatched section by its
position: it becomes the preamble). Structure is taken where it is recognised; everything else is
free text in the nearest section, and a final check puts every paragraph that did not arrive
anywhere into the nearest free text, so nothing of the document is lost.
"""

from __future__ import annotations


from integconcept.wordimport.approval import ApprovalSection
from integconcept.wordimport.inline import escape
from integconcept.wordimport.mapping_base import SECTION_LABELS, Outcome, Placed, content_key, section_key
from integconcept.wordimport.reader import Document, Heading, Para, Table
from integconcept.wordimport.sec_goals import GoalsSection
from integconcept.wordimport.sec_implementation import ImplementationSection, KiChapterSection
from integconcept.wordimport.sec_networks import NetworksSection
from integconcept.wordimport.sec_organisation import OrganisationSection
from integconcept.wordimport.sec_preamble import PreambleSection
from integconcept.wordimport.sec_title import TitleSection
from integconcept.wordimport.text import blocks_text, plain


class Mapper(
    TitleSection,
    PreambleSection,
    GoalsSection,
    ImplementationSection,
    NetworksSection,
    OrganisationSection,
    KiChapterSection,
    ApprovalSection,
):
    def run(self) -> Outcome:
        self.title_page()
        self.place_population_table()
        sections = self.split_sections()
        used: dict[str, int] = {}
        for index, (heading, blocks, subs) in enumerate(sections):
            key = section_key(heading.text) if heading else None
            if (
                heading is not None
                and (key is None or key in used)
                and (by_content := content_key(heading, blocks, subs, used)) is not None
            ):
                key = by_content
                self.look.append(
                    f"Abschnitt „{heading.text}“ nach seinem Inhalt als {SECTION_LABELS[key]} übernommen (geschätzt)."
                )
                self.guessed_sections.add(key)
            if key is None and heading is not None and index == 0 and "preamble" not in used:
                key = "preamble"
                self.look.append(f"Abschnitt „{heading.text}“ nach seiner Stellung als Präambel übernommen.")
                self.guessed_sections.add(key)
            if heading is None:  # text before the first heading
                if blocks:
                    self.put_text(
                        ("preamble", "intro"),
                        blocks_text(blocks),
                        "Text vor der ersten Überschrift; bitte prüfen, wohin er gehört",
                    )
                    self.look.append("Text vor der ersten Überschrift steht in preamble.intro.")
                continue
            if key is None or (key in used and key not in ("networks", "ki_chapter")):
                why = (
                    f"Abschnitt „{heading.text}“ passt zu keinem Abschnitt des Datenmodells; hier angehängt"
                    if key is None
                    else f"zweiter Abschnitt zu {SECTION_LABELS[key]} („{heading.text}“); hier angehängt"
                )
                text = "\n\n".join(
                    t
                    for t in [f"**{escape(heading.text)}**", blocks_text(blocks)]
                    + [f"**{escape(h.text)}**\n\n{blocks_text(b)}" for h, b in subs]
                    if t.strip()
                )
                self.spill(text, why)
                self.look.append(
                    f"Abschnitt „{heading.text}“ keinem Modellabschnitt zugeordnet: als Text angehängt."
                    if key is None
                    else f"Abschnitt „{heading.text}“ ist ein weiterer Abschnitt zu "
                    f"{SECTION_LABELS[key]}: als Text angehängt."
                )
                self.section_map.append(f"„{heading.text}“ → (angehängt)")
                continue
            used[key] = used.get(key, 0) + 1
            for top in {"ki_chapter": ("ki_tasks", "organisation", "staffing")}.get(key) or (key,):
                self.section_headings.setdefault(top, heading)
            self.section_map.append(f"„{heading.text}“ → {SECTION_LABELS[key]} ({key})")
            for block in blocks + [x for h, b in subs for x in [h] + b]:
                self.home[id(block)] = key
            getattr(self, f"section_{key}")(heading, blocks, subs)
        self.finish()
        return Outcome(
            self.data,
            self.comments,
            self.recognised,
            self.look,
            self.section_map,
            self.placement,
            self.places,
            self.section_headings,
        )

    def split_sections(self):
        blocks = self.doc.blocks
        headings = [b for b in blocks if isinstance(b, Heading)]
        if not headings:
            self.look.append("Keine Überschriften erkannt: der ganze Text steht in preamble.intro.")
            return [(None, blocks, [])]
        levels = sorted({h.level for h in headings})
        top = levels[0]
        top_headings = [h for h in headings if h.level == top]
        if (
            len(top_headings) == 1
            and headings[0] is top_headings[0]
            and len(levels) > 1
            and sum(1 for h in headings if h.level == levels[1]) >= 2
        ):
            # one heading above all others: the document title
            self.doc.title_lines.append(
                Para(markup=escape(top_headings[0].text), plain=top_headings[0].text, style="Title")
            )
            blocks = [b for b in blocks if b is not top_headings[0]]
            levels = levels[1:]
            top = levels[0]
        sub = next((lv for lv in levels if lv > top), None)
        if sub is not None and sub > top + 1 and not any(h.level == sub and h.number for h in headings):
            sub_numbered = [h for h in headings if h.level == sub]
            if len(sub_numbered) and all(
                h.style.lower().startswith(("heading 4", "überschrift 4")) for h in sub_numbered
            ):
                sub = None  # unnumbered sub-headings (our own render uses Heading 4 for them)
        sections = []
        current = None
        for block in blocks:
            if isinstance(block, Heading) and block.level == top:
                current = [block, [], []]
                sections.append(current)
            elif current is None:
                if not sections or sections[0][0] is not None:
                    sections.insert(0, [None, [], []])
                sections[0][1].append(block)
            elif isinstance(block, Heading) and sub is not None and block.level == sub:
                current[2].append((block, []))
            elif current[2]:
                current[2][-1][1].append(block)
            else:
                current[1].append(block)
        return [tuple(s) for s in sections]

    # ------------------------------------------------------------------ title page
    def catch_all(self, key: str | None) -> tuple:
        """The free-text field that takes what has no place of its own in a section."""
        if key == "preamble":
            return ("preamble", "history" if self.get(("preamble", "population_table")) else "intro")
        if key == "implementation":
            return (
                "implementation",
                "operational" if self.get(("implementation", "operational")) else "strategic",
                "text",
            )
        return {
            "guiding_goals": ("guiding_goals", "intro"),
            "ki_tasks": ("ki_tasks", "intro"),
            "ki_chapter": ("ki_tasks", "intro"),
            "networks": ("networks", "intro"),
            "monitoring": ("monitoring", "text"),
            "organisation": ("networks", "intro") if self.get(("networks",)) else ("monitoring", "text"),
            "staffing": ("staffing", "text"),
            "approval_process": ("approval_process", "intro"),
        }.get(key or "", self.last_text or ("preamble", "intro"))

    # ------------------------------------------------------------------ the final check

    def finish(self) -> None:
        """Every paragraph of the document must be somewhere in the output; what is not goes into the
        nearest free text (with a comment). Deleted text of tracked changes is reported."""
        texts: list[str] = []

        def collect(node):
            if isinstance(node, dict):
                for value in node.values():
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)
            elif isinstance(node, str):
                texts.append(node)

        collect(self.data)
        haystack = _norm(" ".join(plain(t) + " " + t for t in texts))
        # the paragraphs of every text (as written and without markup), each one checked to be inside its own
        # text and so inside the haystack: a paragraph found here needs no search through the whole haystack
        pieces: set[str] = set()
        for t in texts:
            for source in (t, plain(t)):
                whole = _norm(source)
                for piece in source.split("\n\n"):
                    if (normed := _norm(piece)) and normed in whole:
                        pieces.add(normed)
        missing = []
        for block in self.doc.blocks:
            if isinstance(block, Para) and id(block) not in self.consumed:
                if block.origin == "diagram":  # box texts of a drawing: kept as a comment, not as text
                    key = self.home.get(id(block))
                    self.comment(
                        self.catch_all(key)[:1], f"Grafik aus Kästen nicht übernommen; ihr Text: {block.plain}"
                    )
                    self.look.append(
                        "Eine Grafik aus Kästen wurde nicht übernommen (ihr Text steht als Kommentar in der Datei)."
                    )
                elif (normed := _norm(block.plain)) and normed not in pieces and normed not in haystack:
                    missing.append(block)
        by_section: dict[str | None, list] = {}
        for block in missing:
            by_section.setdefault(self.home.get(id(block)), []).append(block)
        for key, blocks in by_section.items():
            target = self.catch_all(key)
            self.put_text(
                target,
                blocks_text(blocks),
                f"{len(blocks)} Absatz/Absätze ohne erkannten Platz (Abschnitt "
                f"{SECTION_LABELS.get(key or '', 'unbekannt')}); bitte einordnen",
            )
            self.look.append(
                f"{len(blocks)} Absatz/Absätze ohne erkannten Platz: an {'.'.join(str(p) for p in target)} angehängt."
            )
        for step_index, step in enumerate(self.get(("approval_process", "steps")) or []):
            if step.pop("_guessed", False):
                self.comment(
                    ("approval_process", "steps"),
                    f"Schritt {step_index + 1} ({step['body']}): Jahr ohne "
                    "Angabe im Dokument, aus der Reihenfolge ergänzt",
                )
            for note in step.pop("_notes", []):
                self.comment(("approval_process", "steps"), f"Schritt {step_index + 1} ({step['body']}): {note}")
        if self.doc.deletions:
            shown = "; ".join(f"„{' '.join(d.split())[:60]}“" for d in self.doc.deletions[:5])
            self.comment(
                ("sources",),
                f"Änderungsverfolgung: {len(self.doc.deletions)} gelöschte Stelle(n) nicht "
                f"übernommen: {shown}{' …' if len(self.doc.deletions) > 5 else ''}",
            )
            self.look.append(
                f"Änderungsverfolgung: {len(self.doc.deletions)} Löschung(en) und "
                f"{self.doc.insertions} Einfügung(en) als angenommen gelesen – bitte prüfen."
            )
        elif self.doc.insertions:
            self.look.append(f"Änderungsverfolgung: {self.doc.insertions} Einfügung(en) als angenommen gelesen.")
        if self.doc.textboxes:
            self.recognised.append(f"Textfelder: {self.doc.textboxes} (Text an ihrer Stelle übernommen)")
        if self.doc.comments:
            self.look.append(f"{self.doc.comments} Kommentar(e) im Word-Dokument werden nicht übernommen.")
        if self.doc.images and not any("Bild" in line for line in self.look):
            self.look.append(f"{self.doc.images} Bild(er)/Grafik(en) im Dokument werden nicht übernommen.")
        if self.doc.toc_lines:
            self.recognised.append(
                f"Inhaltsverzeichnis ({self.doc.toc_lines} Zeilen) übersprungen – render erzeugt es neu"
            )
        self.count_placement()

    def count_placement(self) -> None:
        """How each paragraph of the document arrived: in a field of its own (recognised), in a field of a
        section found by its content or position (guessed), or as free text (left as text)."""
        structured: list[str] = []

        def collect(node, key=None):
            if isinstance(node, dict):
                for k, value in node.items():
                    collect(value, k)
            elif isinstance(node, list):
                for value in node:
                    collect(value, key)
            elif isinstance(node, str) and key not in FREE_TEXT_KEYS:
                structured.append(_norm(plain(node)))

        collect(self.data)
        exact = set(structured)
        # the structured texts by their first character, one string each ("\n" cannot occur in a normalised
        # text): a paragraph found inside one of them is placed (one substring search instead of one per text)
        grouped: dict[str, list[str]] = {}
        for s in exact:
            if s:
                grouped.setdefault(s[0], []).append(s)
        inside = {first: "\n".join(texts) for first, texts in grouped.items()}
        counts = {"recognised": 0, "guessed": 0, "text": 0}
        for block in self.doc.blocks:
            if isinstance(block, Placed):
                counts["guessed" if self.home.get(id(block)) in self.guessed_sections else "recognised"] += 1
                continue
            if not isinstance(block, (Para, Table)):
                continue
            text = _norm(block.plain) if isinstance(block, Para) else ""
            placed = id(block) in self.consumed or (
                text and (text in exact or len(text) > 3 and text in inside.get(text[0], ""))
            )
            if placed:
                counts["guessed" if self.home.get(id(block)) in self.guessed_sections else "recognised"] += 1
            else:
                counts["text"] += 1
        self.placement = counts


#: Fields that hold running text: a paragraph there is "left as text", not recognised structure.
FREE_TEXT_KEYS = {
    "intro",
    "text",
    "history",
    "rationale",
    "global_goal",
    "note",
    "lead_in",
    "institutions_intro",
    "composition",
    "integration",
    "target_groups",
    "delimitation",
    "sources",
}


def _norm(text: str) -> str:
    return " ".join(text.replace("\\\n", " ").split())


def build(doc: Document, source_name: str) -> Outcome:
    return Mapper(doc, source_name).run()

"""Blocks of a Word concept → the data of a draft concept file, with ``# import:`` comments and a
German summary of what was recognised and what needs a look.

Sections are matched by the words of their headings (and the first unmatched section by its
position: it becomes the preamble). Structure is taken where it is recognised; everything else is
free text in the nearest section, and a final check puts every paragraph that did not arrive
anywhere into the nearest free text, so nothing of the document is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integconcept.wordimport.approval import ApprovalSection
from integconcept.wordimport.inline import escape
from integconcept.wordimport.ki import ki_groups
from integconcept.wordimport.reader import Document, Heading, Para, Table
from integconcept.wordimport.recognise import (
    find_adoption,
    find_authority,
    leading_dates,
    parse_count,
    parse_number,
    parse_percent,
    short_slug,
    slug,
    unique,
)
from integconcept.wordimport.text import blocks_text, items_of

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


def _is_label(block) -> bool:
    return isinstance(block, Para) and not block.is_item and (
        (block.bold and len(block.plain) <= 120) or block.plain.endswith(":"))


def _label_value(block: Para, label_pattern: str) -> str | None:
    """"**Vorsitz:** Rüdiger Sparbrod" → "Rüdiger Sparbrod" for the label pattern "vorsitz"."""
    m = re.match(rf"^\s*(?:\*\*)?\s*(?:{label_pattern})\s*:\s*(?:\*\*)?\s*(.+)$", block.markup, re.IGNORECASE | re.S)
    if m and m.group(1).strip() and not m.group(1).strip().startswith("**"):
        return m.group(1).strip()
    return None


class Mapper(ApprovalSection):
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

    def run(self) -> Outcome:
        self.title_page()
        sections = self.split_sections()
        used: dict[str, int] = {}
        for index, (heading, blocks, subs) in enumerate(sections):
            key = section_key(heading.text) if heading else None
            if key is None and heading is not None and index == 0 and "preamble" not in used:
                key = "preamble"
                self.look.append(f"Abschnitt „{heading.text}“ nach seiner Stellung als Präambel übernommen.")
            if heading is None:  # text before the first heading
                if blocks:
                    self.put_text(("preamble", "intro"), blocks_text(blocks),
                                  "Text vor der ersten Überschrift; bitte prüfen, wohin er gehört")
                    self.look.append("Text vor der ersten Überschrift steht in preamble.intro.")
                continue
            if key is None or (key in used and key not in ("networks",)):
                why = (f"Abschnitt „{heading.text}“ passt zu keinem Abschnitt des Datenmodells; hier angehängt"
                       if key is None else
                       f"zweiter Abschnitt zu {SECTION_LABELS[key]} („{heading.text}“); hier angehängt")
                text = "\n\n".join(t for t in [f"**{escape(heading.text)}**", blocks_text(blocks)] +
                                   [f"**{escape(h.text)}**\n\n{blocks_text(b)}" for h, b in subs] if t.strip())
                self.spill(text, why)
                self.look.append(f"Abschnitt „{heading.text}“ keinem Modellabschnitt zugeordnet: als Text angehängt."
                                 if key is None else f"Abschnitt „{heading.text}“ ist ein weiterer Abschnitt zu "
                                                     f"{SECTION_LABELS[key]}: als Text angehängt.")
                self.section_map.append(f"„{heading.text}“ → (angehängt)")
                continue
            used[key] = used.get(key, 0) + 1
            self.section_map.append(f"„{heading.text}“ → {SECTION_LABELS[key]} ({key})")
            for block in blocks + [x for h, b in subs for x in [h] + b]:
                self.home[id(block)] = key
            getattr(self, f"section_{key}")(heading, blocks, subs)
        self.finish()
        return Outcome(self.data, self.comments, self.recognised, self.look, self.section_map)

    def split_sections(self):
        blocks = self.doc.blocks
        headings = [b for b in blocks if isinstance(b, Heading)]
        if not headings:
            self.look.append("Keine Überschriften erkannt: der ganze Text steht in preamble.intro.")
            return [(None, blocks, [])]
        levels = sorted({h.level for h in headings})
        top = levels[0]
        top_headings = [h for h in headings if h.level == top]
        if len(top_headings) == 1 and headings[0] is top_headings[0] and len(levels) > 1 and \
                sum(1 for h in headings if h.level == levels[1]) >= 2:
            # one heading above all others: the document title
            self.doc.title_lines.append(Para(markup=escape(top_headings[0].text), plain=top_headings[0].text,
                                             style="Title"))
            blocks = [b for b in blocks if b is not top_headings[0]]
            levels = levels[1:]
            top = levels[0]
        sub = next((lv for lv in levels if lv > top), None)
        if sub is not None and sub > top + 1 and not any(h.level == sub and h.number for h in headings):
            sub_numbered = [h for h in headings if h.level == sub]
            if len(sub_numbered) and all(h.style.lower().startswith(("heading 4", "überschrift 4")) for h in sub_numbered):
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

    def title_page(self) -> None:
        lines = [p.plain for p in self.doc.title_lines]
        styled = [p.plain for p in self.doc.title_lines if p.style.lower() in ("title", "titel")]
        title = next((t for t in styled if "konzept" in t.lower()), None) or \
            next((t for t in lines if "konzept" in t.lower()), None) or next(iter(styled), None)
        body_texts = [b.plain for b in self.doc.blocks[:80] if isinstance(b, (Para, Heading)) and
                      hasattr(b, "plain")] + [b.text for b in self.doc.blocks[:80] if isinstance(b, Heading)]
        found = find_authority(lines) or find_authority([title or ""]) or find_authority(body_texts)
        if found:
            name, kind = found
            self.recognised.append(f"Behörde: {name} ({'Kreis' if kind == 'kreis' else 'kreisfreie Stadt'})"
                                   f"{' – von der Titelseite' if find_authority(lines) else ' – aus dem Text'}")
            if not find_authority(lines):
                self.look.append(f"Behörde „{name}“ aus dem Text geschätzt; bitte prüfen.")
        else:
            name, kind = "Bitte eintragen", "kreis"
            self.look.append("Behörde nicht erkannt: authority.name und authority.kind bitte eintragen.")
        self.data["format_version"] = 1
        adoption = find_adoption(lines)
        year = None
        if adoption and adoption[1]:
            year = adoption[1][:4]
        else:
            for text in lines + ([title] if title else []):
                if m := re.search(r"\b(19[89]\d|20[0-4]\d)\b", text):
                    year = m.group(1)
                    break
        self.data["id"] = slug(f"{name} {year or 'integrationskonzept'}", "integrationskonzept")
        if not title:
            title = f"Integrationskonzept {name}" if found else "Integrationskonzept"
            self.comment(("title",), "kein Titel auf der Titelseite erkannt; bitte prüfen")
            self.look.append("Kein Titel erkannt: title bitte prüfen.")
        self.data["title"] = title
        rest = [p for p in self.doc.title_lines if p.plain != title]
        subtitle = next((p.plain for p in rest if p.style.lower() in ("subtitle", "untertitel") and p.plain != name),
                        None) or (adoption[2] if adoption else None)
        if subtitle:
            self.data["subtitle"] = subtitle
        self.data["authority"] = {"name": name, "kind": kind}
        if not found:
            self.comment(("authority",), "Behörde nicht erkannt; Name und Art (kreis/kreisfreie_stadt) eintragen")
        self.data["status"] = "draft"
        note = "als Entwurf angelegt"
        if adoption:
            body, day, line = adoption
            self.data["adoption"] = {"body": body, **({"date": day} if day else {})}
            note += f"; laut Titelseite „{line}“ – nach der Prüfung ggf. auf adopted setzen"
            when = f" am {day[8:10]}.{day[5:7]}.{day[:4]}" if day else ""
            self.recognised.append(f"Beschluss: {body}{when} (Titelseite: „{line}“)")
        self.comment(("status",), note)
        basis, kim, why = self.legal_basis(lines)
        self.data["legal_basis"] = basis
        if kim:
            self.data["uses_kim"] = True
        self.comment(("legal_basis",), f"geschätzt ({why}); bitte prüfen")
        self.look.append(f"Rechtsgrundlage geschätzt: {basis} ({why}).")
        self.data["sources"] = [f"Importiert aus dem Word-Dokument „{self.source_name}“ (integconcept import)."]
        # title-page lines that are neither title, subtitle, authority nor fixed labels: keep them
        known = {title, subtitle, name, "Beschlossene Fassung", "Entwurf"}
        extra = [p for p in rest if p.plain not in known and not (adoption and p.plain == adoption[2])
                 and not re.match(r"^(Rechtsgrundlage|Beschluss|Zur Beschlussfassung)\s*:", p.plain)]
        if extra:
            self.data["sources"].append("Weitere Angaben der Titelseite: " + " · ".join(p.plain for p in extra))
            self.comment(("sources",), "Zeilen der Titelseite ohne eigenes Feld stehen hier")

    def legal_basis(self, lines: list[str]) -> tuple[str, bool, str]:
        everything = " ".join(lines) + " " + " ".join(
            b.plain for b in self.doc.blocks if isinstance(b, Para))
        title_text = " ".join(lines)
        if re.search(r"§\s*9|Kommunale[sn]? Integrationsmanagement|\bKIM\b", everything):
            return "tintg2022-p8-p9", True, "Kommunales Integrationsmanagement bzw. § 9 erwähnt"
        if re.search(r"§\s*8\s*(TIntG|Teilhabe)|TIntG\s*(NRW\s*)?2022|§§\s*8", everything):
            return "tintg2022-p8", False, "§ 8 TIntG 2022 erwähnt"
        if re.search(r"§\s*7", title_text + everything):
            return "tintg2012-p7", False, "§ 7 TIntG 2012 erwähnt"
        years = [int(y) for y in re.findall(r"\b(20[0-4]\d)\b", title_text)]
        if years and max(years) >= 2022:
            return "tintg2022-p8", False, f"Jahr {max(years)} auf der Titelseite"
        return "tintg2012-p7", False, "keine Angabe gefunden; Standard"

    # ------------------------------------------------------------------ sections

    def _subs_as_text(self, subs) -> str:
        return "\n\n".join(f"**{escape(h.text)}**" + (f"\n\n{blocks_text(b)}" if blocks_text(b) else "")
                           for h, b in subs)

    def section_preamble(self, heading, blocks, subs) -> None:
        self.data.setdefault("preamble", {})["title"] = heading.text
        before, after, table_done = [], [], False
        table_at = next((i for i, b in enumerate(blocks) if isinstance(b, Table) and
                         self.population_table(b, blocks, i)), None)
        for index, block in enumerate(blocks):
            if index == table_at:
                table_done = True
                continue
            if id(block) in self.consumed:
                continue
            (after if table_done else before).append(block)
        self.put_text(("preamble", "intro"), blocks_text(before))
        self.put_text(("preamble", "history"), blocks_text(after))
        if subs:
            self.put_text(("preamble", "history" if table_done else "intro"), self._subs_as_text(subs))

    def population_table(self, table: Table, blocks: list, index: int) -> bool:
        grid = table.grid()
        caption = None
        if len(grid) > 1 and len(set(grid[0])) == 1 and grid[0][0].strip():  # a title row across the table
            caption = grid[0][0].strip()
            grid = grid[1:]
        if len(grid) < 3 or len(grid[0]) < 3:
            return False
        header = [h.strip() for h in grid[0]]
        mapping: dict[int, str] = {}
        for col, text in enumerate(header[1:], start=1):
            t = text.lower()
            pct = "%" in t or "anteil" in t or "quote" in t
            if re.search(r"ausländer|nichtdeutsch|ausl\.", t):
                key = "foreigners_percent" if pct else "foreigners"
            elif re.search(r"\bohne\b", t):
                key = "without_migration_background"
            elif re.search(r"mh|migrations", t):
                key = "migration_background_percent" if pct else "with_migration_background"
            elif re.search(r"insgesamt|einwohner|gesamt|bevölkerung|summe", t) and not pct:
                key = "total"
            else:
                return False
            if key in mapping.values():
                return False
            mapping[col] = key
        if len(mapping) < 2:
            return False
        rows, style, decimals = [], None, 1
        for line in grid[1:]:
            if not any(c.strip() for c in line):
                continue
            row = {"name": line[0].strip()}
            for col, key in mapping.items():
                cell = line[col].strip() if col < len(line) else ""
                if cell in ("", "–", "-", "—"):
                    continue
                if key.endswith("percent"):
                    value, places = parse_percent(cell)
                    if value is None or value > 100:
                        return False
                    decimals = places
                    row[key] = value
                else:
                    value = parse_count(cell)
                    if value is None:
                        return False
                    if style is None and re.search(r"\d[ \u202f\u00a0\u2009]\d{3}", cell):
                        style = "thin_space"
                    elif style is None and re.search(r"\d\.\d{3}", cell):
                        style = "dot"
                    row[key] = value
            if not row["name"]:
                return False
            rows.append(row)
        if len(rows) < 2:
            return False
        total_row = None
        authority = self.data.get("authority", {}).get("name", "")
        last = rows[-1]["name"]
        if re.match(r"^(summe|gesamt|insgesamt|kreis\b|stadt\b)", last.lower()) or last == authority or \
                last.lower().endswith("kreis"):
            total_row = rows.pop()
        columns = {"name": header[0] or "Kommune"}
        columns.update({key: header[col] for col, key in mapping.items()})
        # title and source: the lines right around the table
        title, source, reference = None, None, None
        around = [(i, blocks[i]) for i in (index - 2, index - 1, index + 1, index + 2) if 0 <= i < len(blocks)]
        for i, block in around:
            if not isinstance(block, Para) or block.is_item:
                continue
            if m := re.match(r"^Quelle\s*:\s*(.+)$", block.plain):
                source = m.group(1)
                if m2 := re.search(r",?\s*Stand\s*:?\s*(.+)$", source):
                    dates, _, _, guessed = leading_dates(m2.group(1))
                    if dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]) and not guessed:
                        reference = dates[0]
                        source = source[: m2.start()].strip()
                self.consumed.add(id(block))
            elif i < index and title is None and len(block.plain) < 160 and (
                    i == index - 1 or "tabelle" in block.style.lower() or "caption" in block.style.lower()
                    or "beschriftung" in block.style.lower()):
                title = block.plain
                self.consumed.add(id(block))
        title = title or caption
        table_data = {"title": title or "Bevölkerung", "source": source or "Bitte eintragen"}
        if reference:
            table_data["reference_date"] = reference
        table_data["columns"] = columns
        table_data["percent_decimals"] = decimals
        table_data["number_style"] = style or "dot"
        kind = self.data.get("authority", {}).get("kind")
        municipalities = []
        used: set[str] = set()
        for row in rows:
            if kind == "kreis":
                mid = unique(slug(row["name"]), used)
                municipalities.append({"id": mid, "name": row["name"]})
                row["municipality"] = mid
        table_data["rows"] = [{"name": r["name"], **({"municipality": r["municipality"]} if "municipality" in r else {}),
                               **{k: r[k] for k in ("total", "without_migration_background", "with_migration_background",
                                                    "migration_background_percent", "foreigners", "foreigners_percent")
                                  if k in r}} for r in rows]
        if total_row:
            table_data["total_row"] = total_row
        self.ensure(("preamble",))["population_table"] = table_data
        if not title:
            self.comment(("preamble", "population_table"), "keine Tabellenüberschrift gefunden; title bitte prüfen")
        if not source:
            self.comment(("preamble", "population_table"), "keine Quellenangabe gefunden; source bitte eintragen")
            self.look.append("Bevölkerungstabelle ohne Quellenangabe: source bitte eintragen.")
        if municipalities and not self.data["authority"].get("municipalities"):
            self.data["authority"]["municipalities"] = municipalities
            self.comment(("authority", "municipalities"), "aus den Zeilen der Bevölkerungstabelle abgeleitet; "
                                                          "kind (stadt/gemeinde) bitte ergänzen")
        self.recognised.append(f"Bevölkerungstabelle: {len(rows)} Zeilen"
                               f"{' und Summenzeile' if total_row else ''}, {len(mapping)} Zahlenspalten")
        return True

    def section_guiding_goals(self, heading, blocks, subs) -> None:
        gg = self.data.setdefault("guiding_goals", {})
        gg["title"] = heading.text
        # sub-headings (numbered or not) split the section into parts
        parts: list[tuple[str | None, list]] = [(None, [])]
        every = blocks + [x for h, b in subs for x in [h] + b]

        def part_heading(index: int, block) -> bool:
            """A sub-heading: a heading, a bold line, or a short plain line that names a known part
            (Begründung, Definition, Zielgruppen, Globalziel, Leitziele, Handlungsfeld …) or stands right
            before a "Ziel:" line."""
            if isinstance(block, Heading):
                return True
            if not isinstance(block, Para) or block.is_item or block.indented or re.match(r"^Ziele?\s*:", block.plain):
                return False
            if block.bold and len(block.plain) <= 120 and not block.plain.endswith(":"):
                return True
            if len(block.plain) > 100 or block.plain.endswith((".", ":", ",", ";")):
                return False
            following = every[index + 1] if index + 1 < len(every) else None
            return bool(re.search(r"^(begründung|definition|zielgruppen|globalziel|handlungsfeld)|leitziel",
                                  block.plain.lower())) or (isinstance(following, Para) and
                                                           bool(re.match(r"^Ziele?\s*:", following.plain)))

        for index, block in enumerate(every):
            if part_heading(index, block):
                parts.append((block.text if isinstance(block, Heading) else block.plain, []))
                self.consumed.add(id(block))
            else:
                parts[-1][1].append(block)
        if m := re.search(r"(Kreistag|Rat)\w*\s+hat\s+am\s+(.+?)\s+(?:die\s+)?Integrationsleitziele",
                          blocks_text(parts[0][1])):
            dates, _, _, guessed = leading_dates(m.group(2))
            if dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]) and not guessed:
                gg["adopted_by"] = m.group(1)
                gg["adopted_on"] = dates[0]
        self.put_text(("guiding_goals", "intro"), blocks_text(parts[0][1]))
        goals = []
        fields: list[dict] = []
        for title, content in parts[1:]:
            lowered = title.lower()
            goal_para = next((b for b in content if isinstance(b, Para) and re.match(r"^Ziele?\s*:", b.plain)), None)
            if goal_para is not None:
                m = re.match(r"^Handlungsfeld\s*[„\"‚'»«]?(.+?)[“\"‘'»«]?$", title)
                field_name = m.group(1) if m else title
                field_id = unique(slug(field_name), {f["id"] for f in fields})
                fields.append({"id": field_id, "name": field_name})
                goal = {"id": f"leitziel-{field_id}"[:64].strip("-"), "action_field": field_id}
                if not m:
                    goal["heading"] = title
                goal_text = re.sub(r"^\s*(\*\*)?Ziele?\s*:\s*(\*\*)?\s*", "", goal_para.markup)
                measures, extra = [], []
                after = content[content.index(goal_para) + 1:]
                label = next((b for b in after if _is_label(b) and re.search(r"erreich|maßnahme", b.plain.lower())),
                             None)
                if label is not None:
                    self.consumed.add(id(label))
                    measures = items_of(after[after.index(label) + 1:])
                    rest = [b for b in after if b is not label and not (isinstance(b, Para) and b.is_item)]
                else:
                    measures = items_of(after)
                    rest = [b for b in after if not (isinstance(b, Para) and b.is_item)]
                rest = [b for b in rest if not (isinstance(b, Para) and b.indented)]
                before = content[: content.index(goal_para)]
                extra = blocks_text(before + rest)
                goal["goal"] = goal_text + (f"\n\n{extra}" if extra else "")
                if extra:
                    self.comment(("guiding_goals", "goals"), f"Ziel „{field_name}“: weiterer Text an das Ziel angehängt")
                if measures:
                    goal["measures"] = measures
                self.consumed.add(id(goal_para))
                goals.append(goal)
            elif re.search(r"begründung", lowered):
                self.put_text(("guiding_goals", "rationale"), blocks_text(content))
            elif re.search(r"^definition.*integration|^integration\b", lowered):
                self.put_text(("definitions", "integration"), blocks_text(content))
            elif re.search(r"zielgruppe", lowered):
                self.put_text(("definitions", "target_groups"), blocks_text(content))
            elif re.search(r"globalziel", lowered):
                self.put_text(("guiding_goals", "global_goal"), blocks_text(content))
            elif not goals and re.search(r"leitziel", lowered) and "goals_heading" not in gg:
                gg["goals_heading"] = title
                text = blocks_text(content)
                if text:
                    self.put_text(("guiding_goals", "global_goal"), text)
            else:
                target = ("guiding_goals", "rationale") if "rationale" in gg and not goals else ("guiding_goals", "intro")
                self.put_text(target, f"**{escape(title)}**" + (f"\n\n{blocks_text(content)}" if content else ""),
                              f"Unterabschnitt „{title}“ ohne eigenes Feld; hier angehängt")
        if goals:
            gg["goals"] = goals
            existing = {f["id"] for f in self.data.get("action_fields", [])}
            self.data.setdefault("action_fields", []).extend(f for f in fields if f["id"] not in existing)
            self.recognised.append(f"Integrationsleitziele: {len(goals)} Ziele mit "
                                   f"{sum(len(g.get('measures', [])) for g in goals)} Maßnahmen; "
                                   f"{len(fields)} Handlungsfelder")

    def section_implementation(self, heading, blocks, subs) -> None:
        impl = self.data.setdefault("implementation", {})
        impl["title"] = heading.text
        if blocks:
            self.put_text(("implementation", "strategic", "intro"), blocks_text(blocks),
                          "Text direkt unter der Überschrift „Umsetzung“ (das Modell hat dort kein Feld)")
        if not subs:
            return
        for sub_heading, sub_blocks in subs:
            lowered = sub_heading.text.lower()
            if section_key(sub_heading.text) == "ki_tasks":
                self.section_ki_tasks(sub_heading, sub_blocks, [])
            elif "strateg" in lowered and "strategic" not in impl or (
                    "strategic" not in impl and "operativ" not in lowered and "operational" not in impl):
                self.strategic(sub_heading, sub_blocks)
            elif "operational" not in impl:
                self.operational(sub_heading, sub_blocks)
            else:
                self.put_text(("implementation", "operational", "text"),
                              f"**{escape(sub_heading.text)}**\n\n{blocks_text(sub_blocks)}",
                              f"Unterabschnitt „{sub_heading.text}“ ohne eigenes Feld; hier angehängt")

    def strategic(self, heading, blocks) -> None:
        s = self.ensure(("implementation", "strategic"))
        s["title"] = heading.text
        group: dict = {}
        intro, text = [], []
        i = 0
        while i < len(blocks):
            block = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Para) and (m := re.match(r"^(.*?)\s*[–-]\s*Vorsitz\s*:\s*(.+)$", block.plain)):
                group["name"], group["chair"] = m.group(1).strip(), m.group(2).strip()
                self.consumed.add(id(block))
            elif _is_label(block) and re.search(r"aufgabe", block.plain.lower()) and isinstance(nxt, Para) and nxt.is_item:
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and (blocks[j].is_item or blocks[j].indented):
                    j += 1
                group["tasks"] = items_of(blocks[i + 1:j])
                self.consumed.add(id(block))
                if not block.bold:  # a sentence, not a printed label: keep it
                    self.comment(("implementation", "strategic", "steering_group", "tasks"),
                                 f"eingeleitet mit „{block.plain}“")
                i = j
                continue
            elif _is_label(block) and re.search(r"zusammensetzung", block.plain.lower()) and block.bold:
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and not blocks[j].is_item and not _is_label(blocks[j]):
                    j += 1
                group["composition"] = blocks_text(blocks[i + 1:j])
                self.consumed.add(id(block))
                i = j
                continue
            elif _is_label(block) and re.search(r"mitglieder", block.plain.lower()) and isinstance(nxt, Para) and nxt.is_item:
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and blocks[j].is_item:
                    j += 1
                group["members"] = [{"name": item} for item in items_of(blocks[i + 1:j])]
                self.consumed.add(id(block))
                i = j
                continue
            else:
                (text if group else intro).append(block)
            i += 1
        self.put_text(("implementation", "strategic", "intro"), blocks_text(intro))
        if group:
            words = " ".join(b.plain for b in blocks if isinstance(b, Para))
            if "name" not in group and (m := re.search(r"Steuerungsgruppe\s+[‚'„\"»]([^‘'“\"«]{2,80})[‘'“\"«]", words)):
                group["name"] = m.group(0)
            if "chair" not in group and (m := re.search(
                    r"unter (?:dem )?Vorsitz (?:von |des |der )?((?:Landrat|Landrätin|Oberbürgermeister(?:in)?|"
                    r"Bürgermeister(?:in)?|Dezernent(?:in)?)(?: [A-ZÄÖÜ][\w-]+){1,3})", words)):
                group["chair"] = m.group(1)
            if re.search(r"verwaltungsintern", words):
                group["internal"] = True
            name = group.get("name") or "Steuerungsgruppe"
            sg = {"id": unique(short_slug(name, "steuerungsgruppe"), self.ids), "name": name}
            for key in ("chair", "internal", "tasks", "composition", "members"):
                if key in group:
                    sg[key] = group[key]
            s["steering_group"] = sg
            self.recognised.append(f"Steuerungsgruppe: {name}"
                                   f"{', ' + str(len(group.get('tasks', []))) + ' Aufgaben' if group.get('tasks') else ''}")
        self.put_text(("implementation", "strategic", "text"), blocks_text(text))

    def operational(self, heading, blocks) -> None:
        o = self.ensure(("implementation", "operational"))
        o["title"] = heading.text
        rest = []
        for block in blocks:
            if isinstance(block, Para) and (value := _label_value(block, "Federführung")) and "lead_institution" not in o:
                o["lead_institution"] = re.sub(r"\*", "", value)
                self.consumed.add(id(block))
            else:
                rest.append(block)
        # the first list whose items mostly start with a count: the partner institutions
        start = None
        for index, block in enumerate(rest):
            if isinstance(block, Para) and block.is_item and block.list_level == 0 and (index == 0 or not (
                    isinstance(rest[index - 1], Para) and rest[index - 1].is_item)):
                end = index
                while end < len(rest) and isinstance(rest[end], Para) and rest[end].is_item:
                    end += 1
                items = [b for b in rest[index:end] if b.list_level == 0]
                counted = [b for b in items if re.match(r"^\d+\s+\S", b.plain)]
                if len(items) >= 3 and len(counted) >= 0.6 * len(items):
                    start = (index, end)
                    break
        if start is None:
            self.put_text(("implementation", "operational", "intro"), blocks_text(rest))
            return
        index, end = start
        before = rest[:index]
        if before and isinstance(before[-1], Para) and not before[-1].is_item:
            o_intro = blocks_text(before[:-1])
            self.put_text(("implementation", "operational", "intro"), o_intro)
            self.put_text(("implementation", "operational", "institutions_intro"), before[-1].markup)
        else:
            self.put_text(("implementation", "operational", "intro"), blocks_text(before))
        institutions = []
        for block in rest[index:end]:
            self.consumed.add(id(block))
            if block.list_level != 0:
                institutions[-1]["name"] += " " + block.plain if institutions else ""
                continue
            text = block.plain.rstrip(",;. ")
            item: dict = {}
            if m := re.match(r"^(\d+)\s+(.+)$", text):
                item["count"], text = int(m.group(1)), m.group(2)
            if m := re.match(r"^(.+?)\s*\(([^()]+)\)$", text):
                text, item["note"] = m.group(1).strip(), m.group(2).strip()
            institutions.append({"count": item.get("count"), "name": text, "note": item.get("note")})
        o["institutions"] = [{k: v for k, v in inst.items() if v is not None} for inst in institutions]
        self.comment(("implementation", "operational", "institutions"),
                     "aus einer Aufzählung mit Anzahlen; category (Art der Institution) bitte ergänzen")
        self.recognised.append(f"Partnerinstitutionen: {len(institutions)} Einträge mit Anzahl")
        self.put_text(("implementation", "operational", "text"), blocks_text(rest[end:]))

    def section_ki_tasks(self, heading, blocks, subs) -> None:
        k = self.data.setdefault("ki_tasks", {})
        k["title"] = heading.text
        tables = [b for b in blocks if isinstance(b, Table)]
        groups = ki_groups(tables) if tables else None
        if groups:
            k["groups"] = groups
            for table in tables:
                self.consumed.add(id(table))
            blocks = [b for b in blocks if not isinstance(b, Table)]
            areas = [a for g in groups for a in g["areas"]]
            self.recognised.append(f"Aufgaben des KI: {len(groups)} Gruppen, {len(areas)} Bereiche ("
                                   + ", ".join(a["name"] for a in areas) + ")")
            self.comment(("ki_tasks", "groups"), "aus der Aufgabenübersicht (Tabelle); Bereichsart (kind) "
                                                 "geschätzt, action_fields bitte ergänzen")
            self.look.append("Aufgaben des KI: Bereichsart (kind) geschätzt, action_fields der Bereiche ergänzen.")
            tables = []
        text = blocks_text(blocks) + ("\n\n" + self._subs_as_text(subs) if subs else "")
        if tables:
            self.put_text(("ki_tasks", "intro"), text,
                          "die Aufgabenübersicht (Tabelle) ist als Text übernommen, eine Zeile je Tabellenzeile; "
                          "bitte in groups/areas (topics, products, moderated_networks, memberships) übertragen")
            self.look.append(f"Aufgaben des KI: {len(tables)} Tabelle(n) als Text in ki_tasks.intro – bitte in "
                             "groups/areas übertragen.")
        else:
            self.put_text(("ki_tasks", "intro"), text)

    def section_networks(self, heading, blocks, subs) -> None:
        n = self.data.setdefault("networks", {})
        n.setdefault("title", heading.text)
        self.put_text(("networks", "intro"), blocks_text(blocks))
        for sub_heading, sub_blocks in subs:
            key = section_key(sub_heading.text)
            if key in ("monitoring", "organisation") and key not in self.data:
                getattr(self, f"section_{key}")(sub_heading, sub_blocks, [])
                continue
            self.network_body(sub_heading, sub_blocks)

    def network_body(self, heading, blocks) -> None:
        title = heading.text
        lowered = title.lower()
        kind = ("conference" if "konferenz" in lowered else "dialogue" if "dialog" in lowered else
                "working_groups" if re.search(r"arbeitskreis|facharbeitskreis|arbeitsgruppe", lowered) else
                "steering_group" if "steuerungsgruppe" in lowered else
                "network" if "netzwerk" in lowered else "other")
        body: dict = {"id": unique(short_slug(title, "netzwerk"), self.ids), "name": title, "kind": kind,
                      "title": title}
        bodies = self.data["networks"].setdefault("bodies", [])
        bodies.append(body)
        path = ("networks", "bodies", len(bodies) - 1)
        intro, text, seen_structure = [], [], False
        i = 0
        while i < len(blocks):
            block = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if _is_label(block) and isinstance(nxt, Para) and nxt.is_item and re.search(
                    r"auftrag|mitglied", block.plain.lower()):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and (blocks[j].is_item or blocks[j].indented):
                    j += 1
                items = items_of(blocks[i + 1:j])
                if "auftrag" in block.plain.lower() and "mandate" not in body:
                    body["mandate"] = items
                elif "expected_members" not in body:
                    body["expected_members"] = [{"name": item} for item in items]
                else:
                    text.extend(blocks[i:j])
                if block.bold:  # a printed label: the field stands for it
                    self.consumed.add(id(block))
                else:  # a sentence that introduces the list: it stays text
                    (text if seen_structure else intro).append(block)
                seen_structure = True
                i = j
                continue
            if isinstance(block, Para) and (value := _label_value(block, "Vorsitz(?: des \\w+)?")) and "chair" not in body:
                body["chair"] = re.sub(r"\*", "", value)
                self.consumed.add(id(block))
                seen_structure = True
            elif isinstance(block, Para) and (value := _label_value(block, "Geschäftsführung")) and "management" not in body:
                body["management"] = re.sub(r"\*", "", value)
                self.consumed.add(id(block))
                seen_structure = True
            else:
                (text if seen_structure else intro).append(block)
            i += 1
        body["intro"] = blocks_text(intro) or None
        if body["intro"] is None:
            del body["intro"]
        if text:
            body["text"] = blocks_text(text)
            self.last_text = path + ("text",)
        elif "intro" in body:
            self.last_text = path + ("intro",)
        self.recognised.append(f"Netzwerk/Gremium: {title} ({kind})")

    def section_monitoring(self, heading, blocks, subs) -> None:
        m = self.data.setdefault("monitoring", {})
        m["title"] = heading.text
        blocks = blocks + [x for h, b in subs for x in [h] + b]
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Para) and b.is_item), None)
        if first is None:
            self.put_text(("monitoring", "intro"), blocks_text(blocks))
            return
        end = first
        while end < len(blocks) and isinstance(blocks[end], Para) and (blocks[end].is_item or blocks[end].indented):
            end += 1
        self.put_text(("monitoring", "intro"), blocks_text(blocks[:first]))
        m["indicators"] = items_of(blocks[first:end])
        self.put_text(("monitoring", "text"), blocks_text(blocks[end:]))

    def section_organisation(self, heading, blocks, subs) -> None:
        o = self.data.setdefault("organisation", {})
        o["title"] = heading.text
        labels = {"ki_name": "Kommunales Integrationszentrum", "predecessor": "Vorgängereinrichtung",
                  "attachment": "Organisatorische Anbindung", "start": "Arbeitsbeginn"}
        charts: list[dict] = []
        loose = []
        for block in blocks + [x for h, b in subs for x in [h] + b]:
            placed = False
            if isinstance(block, Para) and not charts:
                for key, label in labels.items():
                    if key not in o and (value := _label_value(block, label)):
                        value = re.sub(r"\*", "", value)
                        if key == "start":
                            dates, _, rest, guessed = leading_dates(value)
                            if not dates or rest or guessed:
                                continue
                            value = dates[0]
                        o[key] = value
                        self.consumed.add(id(block))
                        placed = True
                        break
            if placed:
                continue
            if isinstance(block, Para) and block.origin == "diagram":  # the chart drawn in Word
                if charts:
                    charts[-1].setdefault("_diagrams", []).append(block.plain)
                else:
                    self.comment(("organisation", "title"), f"Grafik aus Kästen ohne Titel; ihr Text: {block.plain}")
                self.consumed.add(id(block))
                continue
            if isinstance(block, Heading) or (isinstance(block, Para) and (block.bold or block.italic or any(
                    k in block.style.lower() for k in ("caption", "beschriftung"))) and not block.is_item and
                    not block.plain.endswith(":") and len(block.plain) <= 160
                    and not (charts and block.plain.startswith("*"))):  # "* Je nach …": the last chart's note
                charts.append({"title": block.text if isinstance(block, Heading) else block.plain, "_blocks": []})
                self.consumed.add(id(block))
            elif charts:
                charts[-1]["_blocks"].append(block)
            else:
                loose.append(block)
        out = []
        for index, chart in enumerate(charts):
            for text in chart.get("_diagrams", []):
                self.comment(("organisation", "charts", index, "title"),
                             f"Grafik aus Kästen: {text}. Übernommen ist der Titel; zeichnen lässt sie sich mit "
                             "„kind: steering“ oder „kind: ki_organisation“ aus den Angaben der Datei, oder mit "
                             "„image“ als eigenes Bild")
            items = [b for b in chart["_blocks"] if isinstance(b, Para) and b.is_item]
            other = [b for b in chart["_blocks"] if not (isinstance(b, Para) and b.is_item)]
            entry = {"title": chart["title"]}
            if items:
                entry["items"] = items_of(chart["_blocks"])
            if other:
                entry["note"] = blocks_text(other)
            out.append(entry)
        if out:
            o["charts"] = out
            empty = not any("items" in c for c in out)
            drawn = sum(len(c.get("_diagrams", [])) for c in charts)
            self.recognised.append(f"Übersichten (Organigramme): {len(out)} Titel" + (
                "" if not empty else f" (Inhalt als Grafik aus Kästen, Text als Kommentar: {drawn})" if drawn else
                " (Inhalt als Bild, nicht übernommen)" if self.doc.images else " (ohne Inhalt)"))
            if self.doc.images:
                self.look.append(f"{self.doc.images} Bild(er)/Grafik(en) im Dokument: Bilder werden nicht übernommen; "
                                 "Organigramme bitte als charts.items beschreiben.")
        if loose:
            self.spill(blocks_text(loose), f"Text aus „{heading.text}“ (das Modell hat dort kein Textfeld)",
                       ("networks", "intro"))

    def section_staffing(self, heading, blocks, subs) -> None:
        s = self.data.setdefault("staffing", {})
        s["title"] = heading.text
        rest = []
        for block in blocks + [x for h, b in subs for x in [h] + b]:
            if isinstance(block, Table) and self.staffing_table(block):
                continue
            rest.append(block)
        self.put_text(("staffing", "text"), blocks_text(rest))

    def staffing_table(self, table: Table) -> bool:
        grid = table.grid()
        if len(grid) < 2:
            return False
        header = [h.lower() for h in grid[0]]
        known = r"stelle|anteil|vzä|umfang|finanz|mittelgeber|betrag|euro|€|bezug|zeitraum|anmerkung|bemerkung"
        if not all(re.search(known, h) for h in header):
            return False  # a column the model has no field for: the table stays text
        if header[0].startswith("stelle") and any("anteil" in h or "vzä" in h or "umfang" in h for h in header):
            fte_col = next(i for i, h in enumerate(header) if "anteil" in h or "vzä" in h or "umfang" in h)
            fund_col = next((i for i, h in enumerate(header) if "finanz" in h), None)
            posts = []
            for line in grid[1:]:
                if line[0].strip().lower() in ("summe", "gesamt", "insgesamt"):
                    continue
                fte = parse_number(line[fte_col])
                if fte is None or fte > 100:
                    return False
                post = {"fte": fte, "label": line[0].strip()}
                if re.search(r"lehr", line[0].lower()):
                    post["role"] = "teacher"
                if fund_col is not None:
                    funder = _funder(line[fund_col])
                    if funder:
                        post["funded_by"] = funder
                posts.append(post)
            self.ensure(("staffing",))["posts"] = [{k: p[k] for k in ("role", "fte", "label", "funded_by") if k in p}
                                                  for p in posts]
            self.recognised.append(f"Stellen: {len(posts)} Einträge")
            return True
        if any("betrag" in h or "euro" in h or "€" in h for h in header):
            amount_col = next(i for i, h in enumerate(header) if "betrag" in h or "euro" in h or "€" in h)
            per_col = next((i for i, h in enumerate(header) if "bezug" in h or "zeitraum" in h), None)
            note_col = next((i for i, h in enumerate(header) if "anmerkung" in h or "bemerkung" in h), None)
            items = []
            for line in grid[1:]:
                amount = parse_number(line[amount_col]) if line[amount_col].strip() not in ("", "–", "-") else None
                if amount is None and line[amount_col].strip() not in ("", "–", "-"):
                    return False
                item = {"funder": _funder(line[0]) or "other", "label": line[0].strip()}
                if amount is not None:
                    item["amount_eur"] = amount
                if per_col is not None and (per := {"jährlich": "year", "insgesamt": "total"}.get(
                        line[per_col].strip().lower())):
                    item["per"] = per
                if note_col is not None and line[note_col].strip():
                    item["note"] = line[note_col].strip()
                items.append(item)
            self.ensure(("staffing",))["funding"] = items
            self.recognised.append(f"Finanzierung: {len(items)} Einträge")
            return True
        return False

    def catch_all(self, key: str | None) -> tuple:
        """The free-text field that takes what has no place of its own in a section."""
        if key == "preamble":
            return ("preamble", "history" if self.get(("preamble", "population_table")) else "intro")
        if key == "implementation":
            return ("implementation", "operational" if self.get(("implementation", "operational")) else "strategic",
                    "text")
        return {"guiding_goals": ("guiding_goals", "intro"), "ki_tasks": ("ki_tasks", "intro"),
                "networks": ("networks", "intro"), "monitoring": ("monitoring", "text"),
                "organisation": ("networks", "intro") if self.get(("networks",)) else ("monitoring", "text"),
                "staffing": ("staffing", "text"), "approval_process": ("approval_process", "intro")}.get(
            key, self.last_text or ("preamble", "intro"))

    # ------------------------------------------------------------------ the final check

    def finish(self) -> None:
        """Every paragraph of the document must be somewhere in the output; what is not goes into the
        nearest free text (with a comment). Deleted text of tracked changes is reported."""
        from integconcept.document import markup as markup_module

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
        haystack = _norm(" ".join(markup_module.plain_text(t) + " " + t for t in texts))
        missing = []
        for block in self.doc.blocks:
            if isinstance(block, Para) and id(block) not in self.consumed:
                if block.origin == "diagram":  # box texts of a drawing: kept as a comment, not as text
                    key = self.home.get(id(block))
                    self.comment(self.catch_all(key)[:1], f"Grafik aus Kästen nicht übernommen; ihr Text: {block.plain}")
                    self.look.append("Eine Grafik aus Kästen wurde nicht übernommen (ihr Text steht als Kommentar "
                                     "in der Datei).")
                elif _norm(block.plain) and _norm(block.plain) not in haystack:
                    missing.append(block)
        by_section: dict[str | None, list] = {}
        for block in missing:
            by_section.setdefault(self.home.get(id(block)), []).append(block)
        for key, blocks in by_section.items():
            target = self.catch_all(key)
            self.put_text(target, blocks_text(blocks),
                          f"{len(blocks)} Absatz/Absätze ohne erkannten Platz (Abschnitt "
                          f"{SECTION_LABELS.get(key, 'unbekannt')}); bitte einordnen")
            self.look.append(f"{len(blocks)} Absatz/Absätze ohne erkannten Platz: an "
                             f"{'.'.join(str(p) for p in target)} angehängt.")
        for step_index, step in enumerate(self.get(("approval_process", "steps")) or []):
            if step.pop("_guessed", False):
                self.comment(("approval_process", "steps"), f"Schritt {step_index + 1} ({step['body']}): Jahr ohne "
                                                            "Angabe im Dokument, aus der Reihenfolge ergänzt")
            for note in step.pop("_notes", []):
                self.comment(("approval_process", "steps"), f"Schritt {step_index + 1} ({step['body']}): {note}")
        if self.doc.deletions:
            shown = "; ".join(f"„{' '.join(d.split())[:60]}“" for d in self.doc.deletions[:5])
            self.comment(("sources",), f"Änderungsverfolgung: {len(self.doc.deletions)} gelöschte Stelle(n) nicht "
                                       f"übernommen: {shown}{' …' if len(self.doc.deletions) > 5 else ''}")
            self.look.append(f"Änderungsverfolgung: {len(self.doc.deletions)} Löschung(en) und "
                             f"{self.doc.insertions} Einfügung(en) als angenommen gelesen – bitte prüfen.")
        elif self.doc.insertions:
            self.look.append(f"Änderungsverfolgung: {self.doc.insertions} Einfügung(en) als angenommen gelesen.")
        if self.doc.textboxes:
            self.recognised.append(f"Textfelder: {self.doc.textboxes} (Text an ihrer Stelle übernommen)")
        if self.doc.comments:
            self.look.append(f"{self.doc.comments} Kommentar(e) im Word-Dokument werden nicht übernommen.")
        if self.doc.images and not any("Bild" in line for line in self.look):
            self.look.append(f"{self.doc.images} Bild(er)/Grafik(en) im Dokument werden nicht übernommen.")
        if self.doc.toc_lines:
            self.recognised.append(f"Inhaltsverzeichnis ({self.doc.toc_lines} Zeilen) übersprungen – render erzeugt es neu")


def _norm(text: str) -> str:
    return " ".join(text.replace("\\\n", " ").split())


def _funder(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\bland\b|landes", t):
        return "land"
    if re.search(r"eigen|kreis|stadt|kommun", t):
        return "own"
    if re.search(r"bund", t):
        return "federal"
    return None


def build(doc: Document, source_name: str) -> Outcome:
    return Mapper(doc, source_name).run()

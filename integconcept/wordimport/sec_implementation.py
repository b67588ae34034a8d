"""Implementation: strategic (steering group) and operational (partner institutions) parts, the KI task overview."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from integconcept.wordimport.inline import escape
from integconcept.wordimport.ki import ki_groups
from integconcept.wordimport.mapping_base import MapperBase, is_label, label_value, section_key
from integconcept.wordimport.reader import Para, Table
from integconcept.wordimport.recognise import short_slug, unique
from integconcept.wordimport.text import blocks_text, items_of


class ImplementationSection(MapperBase):
    def section_implementation(self, heading, blocks, subs) -> None:
        impl = self.data.setdefault("implementation", {})
        impl["title"] = heading.text
        if blocks:
            self.put_text(
                ("implementation", "strategic", "intro"),
                blocks_text(blocks),
                "Text direkt unter der Überschrift „Umsetzung“ (das Modell hat dort kein Feld)",
            )
        if not subs:
            return
        for sub_heading, sub_blocks in subs:
            lowered = sub_heading.text.lower()
            if section_key(sub_heading.text) == "ki_tasks":
                self.section_ki_tasks(sub_heading, sub_blocks, [])
            elif (
                "strateg" in lowered
                and "strategic" not in impl
                or ("strategic" not in impl and "operativ" not in lowered and "operational" not in impl)
            ):
                self.strategic(sub_heading, sub_blocks)
            elif "operational" not in impl:
                self.operational(sub_heading, sub_blocks)
            else:
                self.put_text(
                    ("implementation", "operational", "text"),
                    f"**{escape(sub_heading.text)}**\n\n{blocks_text(sub_blocks)}",
                    f"Unterabschnitt „{sub_heading.text}“ ohne eigenes Feld; hier angehängt",
                )

    def strategic(self, heading, blocks) -> None:
        s = self.ensure(("implementation", "strategic"))
        s["title"] = heading.text
        group: dict = {}
        intro: list = []
        text: list = []
        i = 0
        while i < len(blocks):
            block = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Para) and (m := re.match(r"^(.*?)\s*[–-]\s*Vorsitz\s*:\s*(.+)$", block.plain)):
                group["name"], group["chair"] = m.group(1).strip(), m.group(2).strip()
                self.consumed.add(id(block))
            elif (
                is_label(block) and re.search(r"aufgabe", block.plain.lower()) and isinstance(nxt, Para) and nxt.is_item
            ):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and (blocks[j].is_item or blocks[j].indented):
                    j += 1
                group["tasks"] = items_of(blocks[i + 1 : j])
                self.consumed.add(id(block))
                if not block.bold:  # a sentence, not a printed label: keep it
                    self.comment(
                        ("implementation", "strategic", "steering_group", "tasks"), f"eingeleitet mit „{block.plain}“"
                    )
                i = j
                continue
            elif is_label(block) and re.search(r"zusammensetzung", block.plain.lower()) and block.bold:
                j = i + 1
                while (
                    j < len(blocks)
                    and isinstance(blocks[j], Para)
                    and not blocks[j].is_item
                    and not is_label(blocks[j])
                ):
                    j += 1
                group["composition"] = blocks_text(blocks[i + 1 : j])
                self.consumed.add(id(block))
                i = j
                continue
            elif (
                is_label(block)
                and re.search(r"mitglieder", block.plain.lower())
                and isinstance(nxt, Para)
                and nxt.is_item
            ):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and blocks[j].is_item:
                    j += 1
                group["members"] = [{"name": item} for item in items_of(blocks[i + 1 : j])]
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
            if "chair" not in group and (
                m := re.search(
                    r"unter (?:dem )?Vorsitz (?:von |des |der )?((?:Landrat|Landrätin|Oberbürgermeister(?:in)?|"
                    r"Bürgermeister(?:in)?|Dezernent(?:in)?)(?: [A-ZÄÖÜ][\w-]+){1,3})",
                    words,
                )
            ):
                group["chair"] = m.group(1)
            if re.search(r"verwaltungsintern", words):
                group["internal"] = True
            name = group.get("name") or "Steuerungsgruppe"
            sg = {"id": unique(short_slug(name, "steuerungsgruppe"), self.ids), "name": name}
            for key in ("chair", "internal", "tasks", "composition", "members"):
                if key in group:
                    sg[key] = group[key]
            s["steering_group"] = sg
            self.recognised.append(
                f"Steuerungsgruppe: {name}"
                f"{', ' + str(len(group.get('tasks', []))) + ' Aufgaben' if group.get('tasks') else ''}"
            )
        self.put_text(("implementation", "strategic", "text"), blocks_text(text))

    def operational(self, heading, blocks) -> None:
        o = self.ensure(("implementation", "operational"))
        o["title"] = heading.text
        rest = []
        for block in blocks:
            if (
                isinstance(block, Para)
                and (value := label_value(block, "Federführung"))
                and "lead_institution" not in o
            ):
                o["lead_institution"] = re.sub(r"\*", "", value)
                self.consumed.add(id(block))
            else:
                rest.append(block)
        # the first list whose items mostly start with a count: the partner institutions
        start = None
        for index, block in enumerate(rest):
            if (
                isinstance(block, Para)
                and block.is_item
                and block.list_level == 0
                and (index == 0 or not (isinstance(rest[index - 1], Para) and rest[index - 1].is_item))
            ):
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
        institutions: list = []
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
        self.comment(
            ("implementation", "operational", "institutions"),
            "aus einer Aufzählung mit Anzahlen; category (Art der Institution) bitte ergänzen",
        )
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
            self.recognised.append(
                f"Aufgaben des KI: {len(groups)} Gruppen, {len(areas)} Bereiche ("
                + ", ".join(a["name"] for a in areas)
                + ")"
            )
            self.comment(
                ("ki_tasks", "groups"),
                "aus der Aufgabenübersicht (Tabelle); Bereichsart (kind) geschätzt, action_fields bitte ergänzen",
            )
            self.look.append("Aufgaben des KI: Bereichsart (kind) geschätzt, action_fields der Bereiche ergänzen.")
            tables = []
        text = blocks_text(blocks) + ("\n\n" + self._subs_as_text(subs) if subs else "")
        if tables:
            self.put_text(
                ("ki_tasks", "intro"),
                text,
                "die Aufgabenübersicht (Tabelle) ist als Text übernommen, eine Zeile je Tabellenzeile; "
                "bitte in groups/areas (topics, products, moderated_networks, memberships) übertragen",
            )
            self.look.append(
                f"Aufgaben des KI: {len(tables)} Tabelle(n) als Text in ki_tasks.intro – bitte in "
                "groups/areas übertragen."
            )
        else:
            self.put_text(("ki_tasks", "intro"), text)


class KiChapterSection(MapperBase):
    """A chapter about the KI as a whole ("4. Das Kommunale Integrationszentrum"): its organisation (labels
    "Anbindung:", "Arbeitsbeginn:", "Vorgängereinrichtung:"), its staffing (sentences and tables with posts)
    and what it does (the rest, as the KI tasks' introduction) – wherever the document puts them."""

    _ORGANISATION = {
        "attachment": r"(?:Organisatorische\s+)?Anbindung|Angesiedelt|Zuordnung",
        "predecessor": r"Vorgängereinrichtung|Vorgänger",
        "start": r"Arbeitsbeginn|Start|Gründung",
        "ki_name": r"Name|Bezeichnung",
    }

    if TYPE_CHECKING:

        def staffing_table(self, table: Table) -> bool: ...  # OrganisationSection's (the mapper has both)

    def section_ki_chapter(self, heading, blocks, subs) -> None:
        from integconcept.wordimport.recognise import leading_dates

        tasks_text, staffing_text = [], []
        for block in blocks + [x for h, b in subs for x in [h] + b]:
            if isinstance(block, Para) and not block.is_item:
                placed = False
                for key, label in self._ORGANISATION.items():
                    if (value := label_value(block, label)) and key not in (self.data.get("organisation") or {}):
                        value = re.sub(r"\*", "", value)
                        if key == "start":
                            dates, _, rest, guessed = leading_dates(value)
                            if not dates or rest or guessed:
                                continue
                            value = dates[0]
                        organisation = self.ensure(("organisation",))
                        organisation.setdefault("title", heading.text)
                        organisation[key] = value
                        self.consumed.add(id(block))
                        self.recognised.append(f"KI-Organisation: {key} „{value}“ (aus „{heading.text}“)")
                        placed = True
                        break
                if placed:
                    continue
                if re.search(
                    r"\b\d+(?:,\d+)?\s*(?:Stellen?|VZÄ|Vollzeitstellen?|Vollzeitäquivalente?)\b|"
                    r"\bPersonal(?:ausstattung)?\b|\bLehrerstellen?\b",
                    block.plain,
                ):
                    staffing_text.append(block)
                    continue
            if isinstance(block, Table) and self.staffing_table(block):
                self.data["staffing"].setdefault("title", "Personal und Finanzierung")
                continue
            tasks_text.append(block)
        if staffing_text:
            self.ensure(("staffing",)).setdefault("title", "Personal und Finanzierung")
            self.put_text(
                ("staffing", "text"), blocks_text(staffing_text), f"Angaben zum Personal aus „{heading.text}“"
            )
            self.recognised.append(
                f"Personal des KI: {len(staffing_text)} Absatz/Absätze aus „{heading.text}“ (staffing.text)"
            )
        ki = self.ensure(("ki_tasks",))
        ki.setdefault("title", heading.text)
        self.put_text(("ki_tasks", "intro"), blocks_text(tasks_text))

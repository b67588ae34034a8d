"""Networks and bodies, and the monitoring section."""

from __future__ import annotations

import re

from integconcept.wordimport.mapping_base import MapperBase, section_key, is_label, label_value
from integconcept.wordimport.reader import Para
from integconcept.wordimport.recognise import short_slug, unique
from integconcept.wordimport.text import blocks_text, items_of


class NetworksSection(MapperBase):
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
        kind = (
            "conference"
            if "konferenz" in lowered
            else "dialogue"
            if "dialog" in lowered
            else "working_groups"
            if re.search(r"arbeitskreis|facharbeitskreis|arbeitsgruppe", lowered)
            else "steering_group"
            if "steuerungsgruppe" in lowered
            else "network"
            if "netzwerk" in lowered
            else "other"
        )
        body: dict = {
            "id": unique(short_slug(title, "netzwerk"), self.ids),
            "name": title,
            "kind": kind,
            "title": title,
        }
        bodies = self.data["networks"].setdefault("bodies", [])
        bodies.append(body)
        path = ("networks", "bodies", len(bodies) - 1)
        intro: list = []
        text: list = []
        seen_structure = False
        i = 0
        while i < len(blocks):
            block = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                is_label(block)
                and isinstance(nxt, Para)
                and nxt.is_item
                and re.search(r"auftrag|mitglied", block.plain.lower())
            ):
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and (blocks[j].is_item or blocks[j].indented):
                    j += 1
                items = items_of(blocks[i + 1 : j])
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
            if (
                isinstance(block, Para)
                and (value := label_value(block, "Vorsitz(?: des \\w+)?"))
                and "chair" not in body
            ):
                body["chair"] = re.sub(r"\*", "", value)
                self.consumed.add(id(block))
                seen_structure = True
            elif (
                isinstance(block, Para)
                and (value := label_value(block, "Geschäftsführung"))
                and "management" not in body
            ):
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

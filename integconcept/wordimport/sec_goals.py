"""The guiding goals (Leitziele/Ziele/Handlungsziele) with their measures and the action fields."""

from __future__ import annotations

from typing import Any

import re

from integconcept.wordimport.inline import escape
from integconcept.wordimport.mapping_base import MapperBase, is_label
from integconcept.wordimport.reader import Heading, Para
from integconcept.wordimport.recognise import leading_dates, slug, unique
from integconcept.wordimport.text import blocks_text, items_of


#: The line in front of a goal, 2012 and 2022 wording: "Ziel:", "Leitziel:", "Handlungsziel:", "Teilziel:".
GOAL_LABEL = r"^((?:Leit|Handlungs|Teil|Wirkungs|Integrations)?[Zz]iele?)\s*:"
#: The line in front of the measures: "Es soll erreicht werden durch:", "Maßnahmen:", "Umsetzung:".
MEASURES_LABEL = r"erreich|maßnahme|umsetzung|umgesetzt|aktivitäten|projekte"


class GoalsSection(MapperBase):
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
            if not isinstance(block, Para) or block.is_item or block.indented or re.match(GOAL_LABEL, block.plain):
                return False
            if block.bold and len(block.plain) <= 120 and not block.plain.endswith(":"):
                return True
            if len(block.plain) > 100 or block.plain.endswith((".", ":", ",", ";")):
                return False
            following = every[index + 1] if index + 1 < len(every) else None
            return bool(
                re.search(
                    r"^(begründung|definition|zielgruppen|globalziel|handlungsfeld)|leitziel", block.plain.lower()
                )
            ) or (isinstance(following, Para) and bool(re.match(GOAL_LABEL, following.plain)))

        for index, block in enumerate(every):
            if part_heading(index, block):
                parts.append((block.text if isinstance(block, Heading) else block.plain, []))
                self.consumed.add(id(block))
            else:
                parts[-1][1].append(block)
        if m := re.search(
            r"(Kreistag|Rat)\w*\s+hat\s+am\s+(.+?)\s+(?:die\s+)?Integrationsleitziele", blocks_text(parts[0][1])
        ):
            dates, _, _, guessed = leading_dates(m.group(2))
            if dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]) and not guessed:
                gg["adopted_by"] = m.group(1)
                gg["adopted_on"] = dates[0]
        self.put_text(("guiding_goals", "intro"), blocks_text(parts[0][1]))
        goals = []
        fields: list[dict] = []
        for heading_text, content in parts[1:]:
            title = heading_text or ""  # every part after the first has its sub-heading
            lowered = title.lower()
            goal_para = next((b for b in content if isinstance(b, Para) and re.match(GOAL_LABEL, b.plain)), None)
            if goal_para is not None:
                m = re.match(r"^Handlungsfeld\s*[„\"‚'»«]?(.+?)[“\"‘'»«]?$", title)
                field_name = m.group(1) if m else title
                field_id = unique(slug(field_name), {f["id"] for f in fields})
                fields.append({"id": field_id, "name": field_name})
                goal: dict[str, Any] = {"id": f"leitziel-{field_id}"[:64].strip("-"), "action_field": field_id}
                if not m:
                    goal["heading"] = title
                label_match = re.match(GOAL_LABEL, goal_para.plain)  # it matched when goal_para was found
                printed = label_match.group(1) if label_match else ""
                if printed.lower() != "ziel" and "goal_label" not in gg:
                    gg["goal_label"] = f"{printed}:"
                goal_text = re.sub(rf"^\s*(\*\*)?{re.escape(printed)}\s*:\s*(\*\*)?\s*", "", goal_para.markup)
                measures: list[str] = []
                after = content[content.index(goal_para) + 1 :]
                label = next((b for b in after if is_label(b) and re.search(MEASURES_LABEL, b.plain.lower())), None)
                if label is not None:
                    self.consumed.add(id(label))
                    if label.plain.strip() != "Es soll erreicht werden durch:" and "measures_label" not in gg:
                        gg["measures_label"] = label.plain.strip()
                    measures = items_of(after[after.index(label) + 1 :])
                    rest = [b for b in after if b is not label and not (isinstance(b, Para) and b.is_item)]
                else:
                    measures = items_of(after)
                    rest = [b for b in after if not (isinstance(b, Para) and b.is_item)]
                rest = [b for b in rest if not (isinstance(b, Para) and b.indented)]
                before = content[: content.index(goal_para)]
                extra = blocks_text(before + rest)
                goal["goal"] = goal_text + (f"\n\n{extra}" if extra else "")
                if extra:
                    self.comment(
                        ("guiding_goals", "goals"), f"Ziel „{field_name}“: weiterer Text an das Ziel angehängt"
                    )
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
                target = (
                    ("guiding_goals", "rationale") if "rationale" in gg and not goals else ("guiding_goals", "intro")
                )
                self.put_text(
                    target,
                    f"**{escape(title)}**" + (f"\n\n{blocks_text(content)}" if content else ""),
                    f"Unterabschnitt „{title}“ ohne eigenes Feld; hier angehängt",
                )
        if goals:
            gg["goals"] = goals
            existing = {f["id"] for f in self.data.get("action_fields", [])}
            self.data.setdefault("action_fields", []).extend(f for f in fields if f["id"] not in existing)
            self.recognised.append(
                f"Integrationsleitziele: {len(goals)} Ziele mit "
                f"{sum(len(g.get('measures', [])) for g in goals)} Maßnahmen; "
                f"{len(fields)} Handlungsfelder"
            )

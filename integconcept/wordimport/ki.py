"""The KI's task overview (Aufgabenstellung des KI) from its table: groups and areas with their lists."""

from __future__ import annotations

from typing import Any

import re

from integconcept.wordimport.reader import Table
from integconcept.wordimport.recognise import slug, unique
from integconcept.wordimport.text import items_of

KI_FIELDS = [
    ("focus_goal", r"schwerpunktziel"),
    ("sub_goals", r"teilziel"),
    ("topics", r"themen|arbeitsschwerpunkt"),
    ("products", r"produkt"),
    ("moderated_networks", r"moderation|moderiert"),
    ("memberships", r"mitglied"),
]


def _ki_label(text: str) -> str | None:
    lowered = text.lower()
    for key, pattern in KI_FIELDS:
        if re.search(pattern, lowered):
            return key
    return None


def _ki_cell(cell) -> tuple[str | None, str, list[str]]:
    """(field, label as printed, entries) of a cell that starts with a label line."""
    paragraphs = [p for p in cell.paragraphs if p.plain.strip()]
    if not paragraphs:
        return None, "", []
    first = paragraphs[0]
    label = first.plain
    if first.is_item or len(label) > 120:
        return None, "", []
    entries = items_of(paragraphs[1:]) if any(p.is_item for p in paragraphs[1:]) else []
    loose = [p.markup for p in paragraphs[1:] if not p.is_item and not p.indented]
    if loose and not entries:
        entries = loose
    elif loose:
        entries += loose
    return _ki_label(label), label, [e for e in entries if e.strip() not in ("", "\\-", "-")]


def _area_kind(name: str, group: str) -> str:
    lowered = name.lower()
    if re.search(r"elementar|kita|frühkind|vorschul", lowered):
        return "elementary"
    if re.search(r"beruf|übergang|ausbildung", lowered):
        return "school_to_work"
    if re.search(r"schul", lowered):
        return "school"
    if re.search(r"querschnitt|kommunal", f"{group} {lowered}".lower()):
        return "cross_cutting"
    return "other"


def ki_groups(tables: list[Table]) -> list[dict] | None:
    """The KI's task overview as groups and areas, from either layout the renderers use:

    * a matrix per group: a row across the table with the group's name, a row with the areas' names,
      then rows of cells that start with a label ("Produkte:") followed by the entries; a row whose
      cells carry different labels (Schwerpunktziel | Teilziele) belongs to the group;
    * grouped rows: two columns (label | entries) with rows across the table naming a group or an area.
    Returns None when the tables fit neither layout (they then stay text)."""
    groups: list[dict] = []
    used: set[str] = set()
    for table in tables:
        grid = table.resolved()
        if not grid or len(grid[0]) < 2:
            return None
        width = len(grid[0])
        if (
            all(cell is grid[0][0] for cell in grid[0])
            and len(grid) > 2
            and len({id(c) for c in grid[1]}) == width
            and all(_ki_label(c.plain) is None for c in grid[1])
        ):
            # matrix layout
            group: dict[str, Any] = {"id": unique(slug(grid[0][0].plain), used), "name": grid[0][0].plain, "areas": []}
            areas: list[dict[str, Any]] = [
                {"id": unique(slug(c.plain), used), "name": c.plain, "kind": _area_kind(c.plain, group["name"])}
                for c in grid[1]
            ]
            for row in grid[2:]:
                cells = []
                for index, cell in enumerate(row):
                    if index and cell is row[index - 1]:
                        continue
                    cells.append((index, cell))
                parsed = [(index, *_ki_cell(cell)) for index, cell in cells]
                fields = [p[1] for p in parsed if p[1]]
                if not fields:
                    return None
                group_row = len(set(fields)) > 1 and all(f in ("focus_goal", "sub_goals") for f in fields)
                common = max(set(fields), key=fields.count)
                for index, field, label, entries in parsed:
                    if not entries and not field:
                        continue
                    if not group_row and index >= len(areas):
                        return None  # a row wider than the areas' row: no matrix of this layout
                    target = group if group_row else areas[index]
                    key = field or common
                    if key is None:
                        return None
                    if not field and key == "memberships":
                        target["memberships_label"] = label
                    elif not field:
                        return None
                    if entries:
                        target.setdefault(key, []).extend(entries)
            group["areas"] = areas
            groups.append(group)
        elif width == 2:
            # grouped rows: bands (one cell across) name groups and areas
            current_group: dict[str, Any] | None = groups[-1] if groups else None
            current_area: dict[str, Any] | None = None
            header_done = False
            for row_index, row in enumerate(grid):
                if row[0] is row[1]:
                    name = row[0].plain.strip()
                    if not name:
                        continue
                    following = grid[row_index + 1] if row_index + 1 < len(grid) else None
                    next_field = (
                        _ki_label(following[0].plain) if following and following[0] is not following[1] else None
                    )
                    # a group: the first band, or a band after areas that is followed by the group's goals
                    if current_group is None or (
                        current_area is not None and next_field in ("focus_goal", "sub_goals")
                    ):
                        current_group = {"id": unique(slug(name), used), "name": name, "areas": []}
                        groups.append(current_group)
                        current_area = None
                    else:
                        current_area = {
                            "id": unique(slug(name), used),
                            "name": name,
                            "kind": _area_kind(name, current_group["name"]),
                        }
                        current_group["areas"].append(current_area)
                    continue
                label = row[0].plain.strip()
                field = _ki_label(label)
                if field is None:
                    if not header_done and row_index == 0:
                        header_done = True  # "Bereich | Aufgaben"
                        continue
                    if current_area is not None and re.search(r"teilnahme|mitwirk|netzwerk", label.lower()):
                        field = "memberships"
                        current_area["memberships_label"] = label
                    else:
                        return None
                header_done = True
                entries = (
                    items_of(row[1].paragraphs)
                    if any(p.is_item for p in row[1].paragraphs)
                    else [p.markup for p in row[1].paragraphs if p.plain.strip()]
                )
                owner = current_area if current_area is not None else current_group
                if owner is None:
                    return None
                owner.setdefault(field, []).extend(entries)
        else:
            return None
    if not groups or not any(g["areas"] for g in groups):
        return None
    return [{k: g[k] for k in ("id", "name", "focus_goal", "sub_goals", "areas") if k in g} for g in groups]

"""The preamble and the population table (found in any section: municipalities or districts, 2012 and 2022 wording)."""

from __future__ import annotations

from typing import Any

import re

from integconcept.wordimport.mapping_base import MapperBase, Placed
from integconcept.wordimport.reader import Para, Table
from integconcept.wordimport.recognise import (
    leading_dates,
    parse_count,
    parse_percent,
    slug,
    unique,
)
from integconcept.wordimport.text import blocks_text


#: Column words for people with a migration background, 2012 and 2022 wording (§ 4 TIntG 2022:
#: "Einwanderungsgeschichte"; Zensus/IT.NRW: "Migrationshintergrund"; also "Zuwanderungsgeschichte").
MIGRATION_WORDS = r"\bmh\b|migrations|einwanderungs|zuwanderungs|zugewandert|eingewandert"


class PreambleSection(MapperBase):
    def place_population_table(self) -> None:
        """The population table wherever it stands (in "Ausgangslage und Daten", "Teil B Die Stadt in Zahlen" …):
        the first table that reads as one is taken out of the running text, with its caption and source, and
        a marker left at its place (the preamble splits its text there)."""
        blocks = self.doc.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Table) and self.population_table(block, blocks, index):
                blocks[index] = Placed("population_table", block)
                self.doc.blocks = [b for b in blocks if id(b) not in self.consumed or isinstance(b, Placed)]
                return

    def section_preamble(self, heading, blocks, subs) -> None:
        self.data.setdefault("preamble", {})["title"] = heading.text
        before: list = []
        after: list = []
        table_done = False
        table_at = next((i for i, b in enumerate(blocks) if isinstance(b, Placed)), None)
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
        caption, first = None, 0
        if len(grid) > 1 and len(set(grid[0])) == 1 and grid[0][0].strip():  # a title row across the table
            caption = grid[0][0].strip()
            grid = grid[1:]
            first = 1
        if len(grid) < 3 or len(grid[0]) < 3:
            return False
        header = [h.strip() for h in grid[0]]
        mapping: dict[int, str] = {}
        for col, text in enumerate(header[1:], start=1):
            t = text.lower()
            pct = "%" in t or "anteil" in t or "quote" in t
            previous = mapping.get(col - 1)
            if re.search(r"ausländer|nichtdeutsch|ausl\.|staatsangehörigkeit", t):
                key = "foreigners_percent" if pct else "foreigners"
            elif re.search(r"\bohne\b", t):
                key = "without_migration_background"
            elif re.search(MIGRATION_WORDS, t):
                key = "migration_background_percent" if pct else "with_migration_background"
            elif re.search(r"insgesamt|einwohner|gesamt|bevölkerung|summe", t) and not pct:
                key = "total"
            elif pct and previous in ("with_migration_background", "foreigners"):  # "Anteil in %" after its count
                key = (
                    "migration_background_percent" if previous == "with_migration_background" else "foreigners_percent"
                )
            else:
                return False
            if key in mapping.values():
                return False
            mapping[col] = key
        if len(mapping) < 2:
            return False
        rows: list[dict] = []
        style, decimals = None, 1
        for line_index, line in enumerate(grid[1:], start=first + 1):
            if not any(c.strip() for c in line):
                continue
            row: dict[str, Any] = {"name": line[0].strip(), "_row": line_index}
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
        if (
            re.match(r"^(summe|gesamt|insgesamt|kreis\b|stadt\b)", last.lower())
            or last == authority
            or last.lower().endswith("kreis")
        ):
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
            elif (
                i < index
                and title is None
                and len(block.plain) < 160
                and (
                    i == index - 1
                    or "tabelle" in block.style.lower()
                    or "caption" in block.style.lower()
                    or "beschriftung" in block.style.lower()
                )
            ):
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
        table_data["rows"] = [
            {
                "name": r["name"],
                **({"municipality": r["municipality"]} if "municipality" in r else {}),
                **{
                    k: r[k]
                    for k in (
                        "total",
                        "without_migration_background",
                        "with_migration_background",
                        "migration_background_percent",
                        "foreigners",
                        "foreigners_percent",
                    )
                    if k in r
                },
            }
            for r in rows
        ]
        base = ("preamble", "population_table")
        self.places[base] = (table, None, None)
        for row_index, row in enumerate(rows + ([total_row] if total_row else [])):
            where = base + (("rows", row_index) if row_index < len(rows) else ("total_row",))
            self.places[where] = (table, row["_row"], 0)
            for col, key in mapping.items():
                self.places[where + (key,)] = (table, row["_row"], col)
        for row in rows + ([total_row] if total_row else []):
            row.pop("_row", None)
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
            self.comment(
                ("authority", "municipalities"),
                "aus den Zeilen der Bevölkerungstabelle abgeleitet; kind (stadt/gemeinde) bitte ergänzen",
            )
        self.recognised.append(
            f"Bevölkerungstabelle: {len(rows)} Zeilen"
            f"{' und Summenzeile' if total_row else ''}, {len(mapping)} Zahlenspalten"
        )
        return True

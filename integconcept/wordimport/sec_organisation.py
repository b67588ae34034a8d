"""The organisation (KI name, attachment, charts) and staffing and funding tables."""

from __future__ import annotations

import re

from integconcept.wordimport.mapping_base import MapperBase, label_value
from integconcept.wordimport.reader import Heading, Para, Table
from integconcept.wordimport.recognise import leading_dates, parse_number
from integconcept.wordimport.text import blocks_text, items_of


class OrganisationSection(MapperBase):
    def section_organisation(self, heading, blocks, subs) -> None:
        o = self.data.setdefault("organisation", {})
        o["title"] = heading.text
        labels = {
            "ki_name": "Kommunales Integrationszentrum",
            "predecessor": "Vorgängereinrichtung",
            "attachment": "Organisatorische Anbindung",
            "start": "Arbeitsbeginn",
        }
        charts: list[dict] = []
        loose = []
        for block in blocks + [x for h, b in subs for x in [h] + b]:
            placed = False
            if isinstance(block, Para) and not charts:
                for key, label in labels.items():
                    if key not in o and (value := label_value(block, label)):
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
            if isinstance(block, Heading) or (
                isinstance(block, Para)
                and (block.bold or block.italic or any(k in block.style.lower() for k in ("caption", "beschriftung")))
                and not block.is_item
                and not block.plain.endswith(":")
                and len(block.plain) <= 160
                and not (charts and block.plain.startswith("*"))
            ):  # "* Je nach …": the last chart's note
                charts.append({"title": block.text if isinstance(block, Heading) else block.plain, "_blocks": []})
                self.consumed.add(id(block))
            elif charts:
                charts[-1]["_blocks"].append(block)
            else:
                loose.append(block)
        out = []
        for index, chart in enumerate(charts):
            for text in chart.get("_diagrams", []):
                self.comment(
                    ("organisation", "charts", index, "title"),
                    f"Grafik aus Kästen: {text}. Übernommen ist der Titel; zeichnen lässt sie sich mit "
                    "„kind: steering“ oder „kind: ki_organisation“ aus den Angaben der Datei, oder mit "
                    "„image“ als eigenes Bild",
                )
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
            self.recognised.append(
                f"Übersichten (Organigramme): {len(out)} Titel"
                + (
                    ""
                    if not empty
                    else f" (Inhalt als Grafik aus Kästen, Text als Kommentar: {drawn})"
                    if drawn
                    else " (Inhalt als Bild, nicht übernommen)"
                    if self.doc.images
                    else " (ohne Inhalt)"
                )
            )
            if self.doc.images:
                self.look.append(
                    f"{self.doc.images} Bild(er)/Grafik(en) im Dokument: Bilder werden nicht übernommen; "
                    "Organigramme bitte als charts.items beschreiben."
                )
        if loose:
            self.spill(
                blocks_text(loose),
                f"Text aus „{heading.text}“ (das Modell hat dort kein Textfeld)",
                ("networks", "intro"),
            )

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
            self.ensure(("staffing",))["posts"] = [
                {k: p[k] for k in ("role", "fte", "label", "funded_by") if k in p} for p in posts
            ]
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
                item: dict[str, object] = {"funder": _funder(line[0]) or "other", "label": line[0].strip()}
                if amount is not None:
                    item["amount_eur"] = amount
                if per_col is not None and (
                    per := {"jährlich": "year", "insgesamt": "total"}.get(line[per_col].strip().lower())
                ):
                    item["per"] = per
                if note_col is not None and line[note_col].strip():
                    item["note"] = line[note_col].strip()
                items.append(item)
            self.ensure(("staffing",))["funding"] = items
            self.recognised.append(f"Finanzierung: {len(items)} Einträge")
            return True
        return False


def _funder(text: str) -> str | None:
    t = text.lower()
    if re.search(r"\bland\b|landes", t):
        return "land"
    if re.search(r"eigen|kreis|stadt|kommun", t):
        return "own"
    if re.search(r"bund", t):
        return "federal"
    return None

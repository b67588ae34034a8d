"""The title page: authority, title, adoption, legal basis, the title-page lines without a field."""

from __future__ import annotations

import re

from integconcept.wordimport.mapping_base import MapperBase
from integconcept.wordimport.reader import Heading, Para
from integconcept.wordimport.recognise import find_adoption, find_authority, slug


class TitleSection(MapperBase):
    def title_page(self) -> None:
        lines = [p.plain for p in self.doc.title_lines]
        styled = [p.plain for p in self.doc.title_lines if p.style.lower() in ("title", "titel")]
        title = (
            next((t for t in styled if "konzept" in t.lower()), None)
            or next((t for t in lines if "konzept" in t.lower()), None)
            or next(iter(styled), None)
        )
        body_texts = [
            b.plain for b in self.doc.blocks[:80] if isinstance(b, (Para, Heading)) and hasattr(b, "plain")
        ] + [b.text for b in self.doc.blocks[:80] if isinstance(b, Heading)]
        found = find_authority(lines) or find_authority([title or ""]) or find_authority(body_texts)
        if found:
            name, kind = found
            self.recognised.append(
                f"Behörde: {name} ({'Kreis' if kind == 'kreis' else 'kreisfreie Stadt'})"
                f"{' – von der Titelseite' if find_authority(lines) else ' – aus dem Text'}"
            )
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
        subtitle = next(
            (p.plain for p in rest if p.style.lower() in ("subtitle", "untertitel") and p.plain != name), None
        ) or (adoption[2] if adoption else None)
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
        extra = [
            p
            for p in rest
            if p.plain not in known
            and not (adoption and p.plain == adoption[2])
            and not re.match(r"^(Rechtsgrundlage|Beschluss|Zur Beschlussfassung)\s*:", p.plain)
        ]
        if extra:
            self.data["sources"].append("Weitere Angaben der Titelseite: " + " · ".join(p.plain for p in extra))
            self.comment(("sources",), "Zeilen der Titelseite ohne eigenes Feld stehen hier")

    def legal_basis(self, lines: list[str]) -> tuple[str, bool, str]:
        everything = " ".join(lines) + " " + " ".join(b.plain for b in self.doc.blocks if isinstance(b, Para))
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

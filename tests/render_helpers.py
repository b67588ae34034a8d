"""Reading a rendered DOCX back: headings with their computed numbering, tables, parts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parent.parent
RICH = ROOT / "tests" / "data" / "render-rich.yaml"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))


def numbered_headings(data: bytes) -> list[str]:
    """Headings as Word shows them: the number is computed from numbering.xml through the styles' numPr
    and the abstract numbering's lvlText, not taken from our own bookkeeping."""
    styles = part(data, "word/styles.xml")
    numbering = part(data, "word/numbering.xml")
    document = part(data, "word/document.xml")
    style_num = {}
    for style in styles.iterfind("w:style", NS):
        numpr = style.find("w:pPr/w:numPr", NS)
        if numpr is not None and numpr.find("w:numId", NS) is not None:
            ilvl = numpr.find("w:ilvl", NS)
            style_num[style.get(q("styleId"))] = (
                numpr.find("w:numId", NS).get(q("val")),
                int(ilvl.get(q("val"))) if ilvl is not None else 0,
            )
    abstract_of = {
        n.get(q("numId")): n.find("w:abstractNumId", NS).get(q("val")) for n in numbering.iterfind("w:num", NS)
    }
    abstracts = {a.get(q("abstractNumId")): a for a in numbering.iterfind("w:abstractNum", NS)}
    counters: dict[str, list[int]] = {}
    out = []
    for p in document.iter(q("p")):
        style = p.find("w:pPr/w:pStyle", NS)
        if style is None or style.get(q("val")) not in style_num:
            continue
        if p.find("w:pPr/w:numPr", NS) is not None:  # paragraph-level override (e.g. TOC heading, numId 0)
            continue
        num_id, ilvl = style_num[style.get(q("val"))]
        abstract = abstracts[abstract_of[num_id]]
        lvl = abstract.find(f"w:lvl[@w:ilvl='{ilvl}']", NS)
        assert lvl.find("w:pStyle", NS).get(q("val")) == style.get(q("val")), "lvl must link back to the style"
        c = counters.setdefault(num_id, [0] * 9)
        c[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            c[deeper] = 0
        label = lvl.find("w:lvlText", NS).get(q("val"))
        for i in range(9):
            label = label.replace(f"%{i + 1}", str(c[i]))
        out.append(f"{label} {text_of(p)}")
    return out


def tables(data: bytes) -> list[list[list[str]]]:
    document = part(data, "word/document.xml")
    result = []
    for tbl in document.iter(q("tbl")):
        rows = []
        for tr in tbl.iterfind("w:tr", NS):
            rows.append(
                [" / ".join(text_of(p) for p in tc.iterfind("w:p", NS) if text_of(p)) for tc in tr.iterfind("w:tc", NS)]
            )
        result.append(rows)
    return result


def flat_text(element) -> str:
    """Text of an element with line breaks and tabs as spaces (what a reader sees on one line)."""
    out = []
    for node in element.iter(q("t"), q("br"), q("tab")):
        out.append(node.text or "" if node.tag == q("t") else " ")
    return "".join(out)


def body_paragraphs(data: bytes) -> list:
    """The document body's paragraphs outside tables and outside drawings (the boxes of an organisation
    chart have paragraphs of their own), in order."""
    body = part(data, "word/document.xml").find("w:body", NS)
    return [p for p in body.iter(q("p")) if not any(a.tag in (q("tc"), q("txbxContent")) for a in p.iterancestors())]


def style_names(data: bytes) -> dict[str, str]:
    styles = part(data, "word/styles.xml")
    return {
        s.get(q("styleId")): s.find("w:name", NS).get(q("val")).lower()
        for s in styles.iterfind("w:style", NS)
        if s.find("w:name", NS) is not None
    }


def heading_levels(data: bytes) -> list[tuple[int, str]]:
    """(level, text) of every heading paragraph in the body, by its style's built-in name."""
    names = style_names(data)
    out = []
    for p in body_paragraphs(data):
        style = p.find("w:pPr/w:pStyle", NS)
        name = names.get(style.get(q("val")), "") if style is not None else ""
        if name.startswith("heading "):
            out.append((int(name.split()[1]), text_of(p)))
    return out


def text_width_twips(sect_pr) -> int:
    size = sect_pr.find("w:pgSz", NS)
    margins = sect_pr.find("w:pgMar", NS)
    return int(size.get(q("w"))) - int(margins.get(q("left"))) - int(margins.get(q("right")))

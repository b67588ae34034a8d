"""Hypothesis strategies for concept files near the real examples.

Two families, both starting from the files in ``examples/`` (and ``tests/data``):

* **text mutations** of the YAML as written: a value replaced by an odd YAML literal (``.nan``,
  ``1e400``, a 5,000-digit hex number, ``"\\ud800"``, ``"\\x01"``, tags, anchors, aliases, merge
  keys, deep flow nesting, edge dates and times), lines deleted, duplicated, re-indented or
  tab-indented, the file cut, bytes inserted (BOM, NUL, broken UTF-8);
* **data mutations** of the loaded tree, dumped again as YAML: any node replaced by an odd scalar
  or unicode text, keys removed or added, lists lengthened, values nested deeply.

``scalar_mutated`` changes only scalars (mostly text), so that many still pass the model, for ``render``.

``mutated_template``: the real templates (ours, python-docx's, a German-Word-like .dotx, one saved by
LibreOffice) changed at zip level (parts dropped, duplicated, renamed, added, other compression, 5,001
entries, cut, corrupt bytes, declared sizes and methods in the headers) and at XML level (elements in
styles/document/numbering/settings deleted, duplicated, moved or added, odd attribute values, ids
dropped, entities and DTDs, parts cut, empty, UTF-16, 30,000 levels deep).
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
BASES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "data" / "render-rich.yaml"]


@lru_cache(maxsize=None)
def base_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in BASES)


@lru_cache(maxsize=None)
def base_data() -> tuple[dict, ...]:
    from integconcept.document.loader import load

    return tuple(load(str(p)).data for p in BASES)


# --------------------------------------------------------------------------- odd values

EDGE_DATES = [
    "9999-12-31",
    "0001-01-01",
    "0000-01-01",
    "Ende 9999-12",
    "Anfang 0001-01",
    "Mitte 1899-12",
    "2199-12-31",
    "1900-01-01",
    "Ende 2199-12",
    "2012-02-30",
    "2012-13",
    "Ende Dezember 9999",
    "30.10.2012",
    "2012-10-30T10:00:00",
    "Anfang Nonember 2012",
    "2012-W44",
]
EDGE_TIMES = ["24:00", "23:59", "00:00", "99:99", "7:5", "12:60", "-1:00"]
ODD_LITERALS = [
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "1e400",
    "-1e400",
    "1e-400",
    "0x" + "F" * 5000,
    "9" * 5000,
    "-0",
    "0o777",
    "1_000",
    "~",
    "null",
    "true",
    "yes",
    "no",
    "on",
    "''",
    '""',
    '"\\ud800"',
    '"\\udfff x"',
    '"a\\ud83d"',
    '"\\x01"',
    '"\\x0b"',
    '"\\x1b[2J\\x1b[31mrot"',
    '"\\u202eevil"',
    '"\\0"',
    '"\\uffff"',
    '"\\ufffe"',
    '"a\\x00b"',
    '"\\t\\r\\n"',
    "!!binary aGFsbG8=",
    "!!python/object:os.system ls",
    "!foo bar",
    "!!set {a, b}",
    "!!timestamp 2012-10-30",
    "!!omap [a: 1]",
    "!!str 12",
    "!!int abc",
    "!!float x",
    "!<tag:x> y",
    "!!int 0b",
    "!!int 0x",
    "!!bool maybe",
    "!!null a",
    "!!str [a]",
    "!!map [a]",
    "!!seq {a: 1}",
    "!!timestamp 2012-13-45",
    '!!binary "@@"',
    "!!merge a",
    "!!python/name:os.system",
    "!!pairs [a: 1]",
    "&anker wert",
    "*anker",
    "*fehlt",
    "{<<: *anker}",
    "[",
    "{",
    "'",
    '"\\',
    "|",
    ">-",
    "- a",
    ": b",
    "? c",
    "[" * 200 + "]" * 200,
    "{a: " * 80 + "1" + "}" * 80,
    "%YAML 1.1",
    "---",
    "...",
    "@",
    "`",
    "#",
    '"' + "ä" * 300 + '"',
    "x" * 300,
    "[1, 2, 3]",
    "{a: 1}",
    "2012-10-30",
    "12:30",
    "4294967296",
    "-9223372036854775809",
    "1e308",
    "0.1e-320",
    '"**fett** ^[Fußnote ^[innen]] [x](y) <w:p/> &amp;"',
]


def yaml_double_quoted(text: str) -> str:
    """A YAML double-quoted scalar for any str, lone surrogates and controls included (JSON escapes)."""
    return json.dumps(text, ensure_ascii=True)


odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
    st.sampled_from(
        [
            "\ud800",
            "\x01",
            "\x0b",
            "a\x00b",
            "\u202e",
            "\x1b[31m",
            "\ufffe",
            "\U0001f600",
            "Ä" * 300,
            "**",
            "^[",
            "^[a]",
            "- ",
            "1. ",
            "[x]",
            "<",
            "&",
            "\\",
            "\n\n",
            " ",
            "",
        ]
    ),
)

odd_scalar = st.one_of(
    odd_text,
    st.sampled_from(EDGE_DATES + EDGE_TIMES),
    st.integers(),
    st.integers(min_value=-(10**6), max_value=10**12),
    st.sampled_from([10**400, -(10**30), 2**63, 2**64]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


def odd_literal() -> st.SearchStrategy[str]:
    """A YAML literal to put after ``key: `` on one line."""
    return st.one_of(
        st.sampled_from(ODD_LITERALS),
        st.sampled_from(EDGE_DATES + EDGE_TIMES),
        odd_text.map(yaml_double_quoted),
        st.integers().map(str),
        st.floats().map(repr),
    )


# --------------------------------------------------------------------------- text mutations


@st.composite
def text_mutation(draw, text: str) -> bytes:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        op = draw(
            st.sampled_from(
                ["value", "value", "value", "delete", "duplicate", "indent", "tab", "anchor", "merge", "key", "nest"]
            )
        )
        if op == "value" and ":" in line:
            head = line[: line.index(":") + 1]
            lines[index] = f"{head} {draw(odd_literal())}"
        elif op == "value" and line.lstrip().startswith("- "):
            lines[index] = line[: line.index("- ") + 2] + draw(odd_literal())
        elif op == "delete":
            del lines[index]
        elif op == "duplicate":
            lines[index:index] = [line] * draw(st.integers(1, 5))
        elif op == "indent":
            lines[index] = " " * draw(st.integers(0, 9)) + line.lstrip()
        elif op == "tab":
            lines[index] = "\t" + line
        elif op == "anchor" and ":" in line:
            other = draw(st.integers(0, len(lines) - 1))
            head = line[: line.index(":") + 1]
            lines[index] = f"{head} &a {line[line.index(':') + 1 :].strip() or 'x'}"
            if ":" in lines[other]:
                lines[other] = lines[other][: lines[other].index(":") + 1] + " *a"
        elif op == "merge":
            indent = len(line) - len(line.lstrip())
            lines.insert(
                index,
                " " * indent
                + draw(st.sampled_from(["<<: *a", "<<: {a: 1}", "<<: [*a, *b]", "<<: 1", "&a <<: x", "? [a, b]\n: c"])),
            )
        elif op == "key":
            indent = len(line) - len(line.lstrip())
            key = draw(
                st.one_of(
                    st.sampled_from(
                        ["titel", "title", "id", "1", "null", "[a]", "? x", "<<", "'\\x01'", '"\\ud800"', "~"]
                    ),
                    odd_text.map(yaml_double_quoted),
                )
            )
            lines.insert(index, " " * indent + f"{key}: {draw(odd_literal())}")
        elif op == "nest" and ":" in line:
            depth = draw(st.integers(10, 120))
            lines[index] = line[: line.index(":") + 1] + " " + "[" * depth + "1" + "]" * depth
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    byte_op = draw(st.sampled_from(["none"] * 8 + ["cut", "bom", "nul", "latin1", "crlf", "insert"]))
    if byte_op == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif byte_op == "bom":
        data = b"\xef\xbb\xbf" + data
    elif byte_op == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif byte_op == "latin1":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xe4\xfc" + data[at:]
    elif byte_op == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif byte_op == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


mutated_text = st.sampled_from(range(len(BASES))).flatmap(lambda i: text_mutation(base_texts()[i]))


# --------------------------------------------------------------------------- data mutations


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def data_mutation(draw, base: dict, *, scalars_only: bool = False) -> dict:
    data = copy.deepcopy(base)
    paths = [p for p in _paths(data) if p]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        try:
            parent = _get(data, path[:-1])
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if scalars_only:
            if isinstance(current, (dict, list)):
                continue
            ops = ["scalar", "text", "text", "text"]  # text keeps most concepts valid: they reach render
        else:
            ops = ["scalar", "scalar", "text", "delete", "unknown", "list", "nest", "long_list", "mapping"]
        op = draw(st.sampled_from(ops))
        if op == "scalar":
            parent[path[-1]] = draw(odd_scalar)
        elif op == "text":
            value = current if isinstance(current, str) else ""
            at = draw(st.integers(0, len(value)))
            parent[path[-1]] = value[:at] + draw(odd_text) + value[at:]
        elif op == "delete":
            del parent[path[-1]]
        elif op == "unknown" and isinstance(current, dict):
            current[draw(odd_text) or "x"] = draw(odd_scalar)
        elif op == "list":
            parent[path[-1]] = [current]
        elif op == "nest":
            value = current
            for _ in range(draw(st.integers(5, 80))):
                value = [value] if draw(st.booleans()) else {"a": value}
            parent[path[-1]] = value
        elif op == "long_list" and isinstance(current, list) and current:
            current.extend(current[-1:] * draw(st.integers(1, 300)))
        elif op == "mapping":
            parent[path[-1]] = {"a": current}
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
    return data


def dump_yaml(data) -> bytes:
    """Block-style YAML like the examples; JSON (a YAML subset) where ruamel cannot emit a value."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    buffer = io.StringIO()
    try:
        yaml.dump(data, buffer)
        return buffer.getvalue().encode("utf-8")
    except Exception:  # lone surrogates, 5,000-digit integers …
        return json.dumps(data, ensure_ascii=True, allow_nan=True, default=str).encode("ascii")


mutated_data = st.sampled_from(range(len(BASES))).flatmap(lambda i: data_mutation(base_data()[i]))

concept_bytes = st.one_of(mutated_text, mutated_data.map(dump_yaml))

#: scalar-only mutations: most stay schema-valid and reach the renderer with odd text and numbers
scalar_mutated = st.sampled_from(range(len(BASES))).flatmap(lambda i: data_mutation(base_data()[i], scalars_only=True))


# --------------------------------------------------------------------------- templates (untrusted .docx)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_PARTS = ("word/styles.xml", "word/document.xml", "word/numbering.xml", "word/settings.xml")
#: elements the template code reads; a mutation hits one of them more often than a random element
TEMPLATE_TAGS = [
    "style",
    "name",
    "basedOn",
    "link",
    "next",
    "pPr",
    "rPr",
    "rFonts",
    "sz",
    "numPr",
    "numId",
    "ilvl",
    "abstractNum",
    "num",
    "abstractNumId",
    "lvl",
    "numFmt",
    "lvlText",
    "pStyle",
    "outlineLvl",
    "sectPr",
    "pgSz",
    "pgMar",
    "cols",
    "docGrid",
    "headerReference",
    "footerReference",
    "titlePg",
    "body",
    "p",
    "r",
    "t",
    "tbl",
    "docDefaults",
    "rPrDefault",
    "pPrDefault",
    "latentStyles",
    "lsdException",
    "zoom",
    "defaultTabStop",
    "compat",
    "rsids",
    "footnotePr",
    "endnotePr",
    "Override",
    "Default",
    "Relationship",
    "font",
    "lang",
    "spacing",
    "ind",
    "jc",
    "color",
    "b",
    "i",
]
TEMPLATE_ATTRS = [
    f"{{{W}}}{name}"
    for name in (
        "val",
        "styleId",
        "type",
        "default",
        "customStyle",
        "numId",
        "abstractNumId",
        "ilvl",
        "w",
        "h",
        "top",
        "left",
        "right",
        "bottom",
        "header",
        "footer",
        "gutter",
        "orient",
        "space",
        "num",
        "ascii",
        "hAnsi",
        "id",
        "fmt",
        "start",
        "code",
    )
] + [f"{{{R}}}id", "Id", "Type", "Target", "TargetMode", "ContentType", "PartName", "Extension"]
ODD_ATTRIBUTE_VALUES = [
    "",
    " ",
    "x",
    "-1",
    "0",
    "1.5",
    "1e9",
    "1e400",
    "NaN",
    "-0",
    "0x10",
    " 12 ",
    "١٢",
    "12pt",
    "99999999999999999999",
    "-99999999999999999999",
    "2147483648",
    "auto",
    "true",
    "off",
    "null",
    "ä" * 300,
    "x" * 10_000,
    "Heading1",
    "Standard",
    "berschrift1",
    "heading 1",
    "../../../etc/passwd",
    "/word/document.xml",
    "word/styles.xml",
    "http://127.0.0.1:9/x",
    "file:///etc/hostname",
    "External",
    "rId1",
    "rId999",
    "#",
    "%s",
    "{0}",
    "&",
    "<x/>",
]
RENAMED = [
    "word/Styles.xml",
    "word/styles2.xml",
    "styles.xml",
    "word\\styles.xml",
    "/word/styles.xml",
    "../word/styles.xml",
    "word/document.xml",
    "WORD/DOCUMENT.XML",
    "word/document.xml.bak",
    "word/ü.xml",
    "word/numbering.xml",
    "word/settings.xml",
    "[Content_Types].xml",
    "_rels/.rels",
    "word/footnotes.xml",
]
ADDED = [
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/media/image1.png",
    "word/vbaProject.bin",
    "customXml/item9.xml",
    "word/media/gross.bin",
    "word/glossary/document.xml",
]
ENTITY_DECLARATIONS = [
    b'<!DOCTYPE x [<!ENTITY e "Wert">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/e">]>',
    b'<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>',
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c '
    b'"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e '
    b'"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
]
xml_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@lru_cache(maxsize=None)
def template_bases() -> tuple[tuple[str, bytes], ...]:
    """The real templates of issue 8: ours, python-docx's (Word-made), a German-Word-like .dotx and – with
    LibreOffice installed – one saved by LibreOffice (numbered outline headings)."""
    import shutil
    import tempfile

    from integconcept.render.template import default_template_bytes

    from .template_builders import NUMBERED_FODT, german_word_template, libreoffice_docx, python_docx_template

    bases = [
        ("standard", default_template_bytes()),
        ("python-docx", python_docx_template()),
        ("word-de", german_word_template()),
    ]
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as folder:
            bases.append(("libreoffice", libreoffice_docx(NUMBERED_FODT, Path(folder), "lo").read_bytes()))
    return tuple(bases)


def _parse(content: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        return None


def _pick_element(draw, root, tags=TEMPLATE_TAGS):
    if draw(st.integers(0, 9)) < 7:
        tag = draw(st.sampled_from(tags))
        found = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == tag]
        if found:
            return found[draw(st.integers(0, len(found) - 1))]
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    return elements[draw(st.integers(0, len(elements) - 1))]


def _xml_mutation(draw, entries: list, name: str, tags=TEMPLATE_TAGS) -> None:
    """One XML-level change of the part ``name`` (in place in ``entries``); ``tags``: the elements the code
    under test reads, picked more often than others."""
    import copy as _copy

    from lxml import etree

    index = next(i for i, entry in enumerate(entries) if entry[0] == name)
    content = entries[index][1]
    root = _parse(content)
    op = draw(
        st.sampled_from(
            [
                "delete",
                "delete",
                "duplicate",
                "attr",
                "attr",
                "attr_delete",
                "drop_ids",
                "text",
                "move",
                "foreign",
                "entity",
                "raw",
            ]
        )
    )
    if root is None or op == "raw":
        kind = draw(
            st.sampled_from(
                [
                    "cut",
                    "empty",
                    "garbage",
                    "latin1",
                    "utf16",
                    "other_part",
                    "deep",
                    "undeclared_prefix",
                    "no_namespace",
                ]
            )
        )
        if kind == "cut":
            new = content[: draw(st.integers(0, max(len(content) - 1, 0)))]
        elif kind == "empty":
            new = b""
        elif kind == "garbage":
            new = draw(st.binary(max_size=64))
        elif kind == "latin1":
            at = draw(st.integers(0, len(content)))
            new = content[:at] + b"\xe4\xfc\xff" + content[at:]
        elif kind == "utf16":
            new = content.decode("utf-8", "replace").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        elif kind == "other_part":
            new = draw(st.sampled_from(entries))[1]
        elif kind == "deep":
            depth = draw(st.sampled_from([300, 3000, 30_000]))
            new = b'<w:document xmlns:w="%s">' % W.encode() + b"<w:p>" * depth + b"</w:p>" * depth + b"</w:document>"
        elif kind == "undeclared_prefix":
            new = content.replace(b'xmlns:w="', b'xmlns:v0="', 1)
        else:
            new = re.sub(rb'\sxmlns(:\w+)?="[^"]*"', b"", content)
        entries[index] = (name, new, entries[index][2])
        return
    element = _pick_element(draw, root, tags)
    parent = element.getparent()
    if op == "delete" and parent is not None:
        parent.remove(element)
    elif op == "duplicate" and parent is not None:
        parent.insert(parent.index(element) + 1, _copy.deepcopy(element))
    elif op == "attr":
        key = draw(
            st.one_of(
                st.sampled_from(sorted(element.attrib)) if element.attrib else st.nothing(),
                st.sampled_from(TEMPLATE_ATTRS),
            )
        )
        element.set(key, draw(st.one_of(st.sampled_from(ODD_ATTRIBUTE_VALUES), xml_text, st.integers().map(str))))
    elif op == "attr_delete" and element.attrib:
        del element.attrib[draw(st.sampled_from(sorted(element.attrib)))]
    elif op == "drop_ids":
        key = draw(
            st.sampled_from(
                [
                    f"{{{W}}}styleId",
                    f"{{{W}}}numId",
                    f"{{{W}}}abstractNumId",
                    f"{{{R}}}id",
                    f"{{{W}}}id",
                    "Id",
                    f"{{{W}}}val",
                ]
            )
        )
        for item in root.iter():
            if isinstance(item.tag, str) and key in item.attrib:
                del item.attrib[key]
    elif op == "text":
        element.text = draw(st.one_of(xml_text, st.sampled_from(["", "x" * 100_000, "ä" * 5000, "  "])))
    elif op == "move":
        target = _pick_element(draw, root, tags)
        if parent is not None and target is not element and element not in target.iterancestors():
            target.append(element)
    elif op == "foreign":
        tag = draw(
            st.sampled_from(
                [
                    f"{{{W}}}unbekannt",
                    "{urn:fremd}x",
                    f"{{{W}}}style",
                    f"{{{W}}}sectPr",
                    f"{{{W}}}num",
                    f"{{{W}}}abstractNum",
                    f"{{{W}}}pgMar",
                    f"{{{W}}}p",
                ]
            )
        )
        element.append(etree.Element(tag))
    elif op == "entity":
        text = etree.tostring(root, encoding="UTF-8")
        declaration = draw(st.sampled_from(ENTITY_DECLARATIONS))
        if draw(st.booleans()):
            text = (
                re.sub(rb"(<w:t(?: [^>]*)?>)", rb"\1&e;", text, count=1)
                if b"<w:t" in text
                else re.sub(rb'(w:val=")', rb"\1&e;", text, count=1)
            )
        entries[index] = (
            name,
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + declaration + text,
            entries[index][2],
        )
        return
    entries[index] = (
        name,
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        entries[index][2],
    )


def _zip_mutation(draw, entries: list) -> None:
    names = [entry[0] for entry in entries]
    op = draw(st.sampled_from(["drop", "drop", "duplicate", "rename", "add", "compression", "many"]))
    if op == "drop" and entries:
        entries.pop(draw(st.integers(0, len(entries) - 1)))
    elif op == "duplicate" and entries:
        index = draw(st.integers(0, len(entries) - 1))
        content = entries[index][1] if draw(st.booleans()) else draw(st.sampled_from(entries))[1]
        entries.insert(draw(st.integers(0, len(entries))), (entries[index][0], content, entries[index][2]))
    elif op == "rename" and entries:
        index = draw(st.sampled_from([i for i, n in enumerate(names) if n in MAIN_PARTS] or range(len(entries))))
        entries[index] = (draw(st.sampled_from(RENAMED)), *entries[index][1:])
    elif op == "add":
        size = draw(st.sampled_from(["klein", "klein", "gross"]))
        content = (
            draw(st.binary(max_size=200)) if size == "klein" else b"\0" * draw(st.sampled_from([5 * 2**20, 21 * 2**20]))
        )
        entries.append((draw(st.sampled_from(ADDED)), content, zipfile.ZIP_DEFLATED))
    elif op == "compression" and entries:
        index = draw(st.integers(0, len(entries) - 1))
        method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
        entries[index] = (*entries[index][:2], method)
    elif op == "many":
        entries.extend(
            (f"customXml/leer{i}.xml", b"<a/>", zipfile.ZIP_STORED) for i in range(draw(st.sampled_from([100, 5001])))
        )


def _patch_headers(draw, data: bytes) -> bytes:
    """Change one field of the zip headers: declared sizes, compression method, encryption flag."""
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    local = [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
    field = draw(st.sampled_from(["size", "size", "compressed_size", "method", "encrypted"]))
    data = bytearray(data)
    targets = draw(st.sampled_from(["central", "local", "both"]))
    offsets = {
        "central": {"size": 24, "compressed_size": 20, "method": 10, "encrypted": 8},
        "local": {"size": 22, "compressed_size": 18, "method": 8, "encrypted": 6},
    }
    for kind, starts in (("central", central), ("local", local)):
        if not starts or targets not in (kind, "both"):
            continue
        at = starts[draw(st.integers(0, len(starts) - 1))] + offsets[kind][field]
        if field in ("size", "compressed_size"):
            value = draw(st.sampled_from([0, 1, 0xFFFFFFFF, 0xFFFFFFFE, 3_000_000_000, 60 * 2**20, 2**31]))
            data[at : at + 4] = value.to_bytes(4, "little")
        elif field == "method":
            data[at : at + 2] = draw(st.sampled_from([1, 6, 9, 12, 14, 99, 0xFFFF])).to_bytes(2, "little")
        else:
            data[at] |= 1
    return bytes(data)


def _zip_bytes(entries: list) -> bytes:
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point
        with zipfile.ZipFile(out, "w") as archive:
            for entry_name, content, method in entries:
                archive.writestr(zipfile.ZipInfo(entry_name, (2012, 10, 30, 0, 0, 0)), content, compress_type=method)
    return out.getvalue()


def _byte_mutation(draw, data: bytes) -> bytes:
    """Maybe one change of the package's bytes: cut, corrupted, headers patched, bytes before or after."""
    byte_op = draw(st.sampled_from(["none"] * 6 + ["cut", "corrupt", "headers", "headers", "prepend", "append"]))
    if byte_op == "cut":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif byte_op == "corrupt":
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
        data = bytes(data)
    elif byte_op == "headers":
        data = _patch_headers(draw, data)
    elif byte_op == "prepend":
        data = draw(st.binary(min_size=1, max_size=64)) + data
    elif byte_op == "append":
        data = data + draw(st.binary(min_size=1, max_size=64))
    return data


@st.composite
def template_mutation(draw) -> bytes:
    """A real template with 1–3 changes at XML or zip level, then maybe one at byte level."""
    name, base = draw(st.sampled_from(template_bases()))
    source = zipfile.ZipFile(io.BytesIO(base))
    entries = [(info.filename, source.read(info.filename), info.compress_type) for info in source.infolist()]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 3)) < 3:
            present = [entry[0] for entry in entries]
            parts = [p for p in MAIN_PARTS if p in present] * 3 + [p for p in present if p.endswith((".xml", ".rels"))]
            if parts:
                _xml_mutation(draw, entries, draw(st.sampled_from(parts)))
                continue
        _zip_mutation(draw, entries)
    return _byte_mutation(draw, _zip_bytes(entries))


class TemplateBytes(bytes):
    """A template's bytes that hypothesis reports by size and hash, not as 100 kB of escapes."""

    def __repr__(self) -> str:
        import hashlib

        return f"<Vorlage, {len(self)} Bytes, sha256 {hashlib.sha256(self).hexdigest()[:12]}>"

    def _repr_pretty_(self, printer, cycle) -> None:  # hypothesis's failure report
        printer.text(repr(self))


mutated_template = template_mutation().map(TemplateBytes)


# --------------------------------------------------------------------------- Word files for import

#: elements the Word import reads; a mutation hits one of them more often than a random element
IMPORT_TAGS = [
    "body",
    "p",
    "r",
    "t",
    "tab",
    "br",
    "pPr",
    "pStyle",
    "rPr",
    "b",
    "i",
    "u",
    "sz",
    "numPr",
    "numId",
    "ilvl",
    "outlineLvl",
    "tbl",
    "tblGrid",
    "gridCol",
    "tr",
    "tc",
    "tcPr",
    "gridSpan",
    "vMerge",
    "footnoteReference",
    "footnote",
    "hyperlink",
    "sdt",
    "sdtContent",
    "ins",
    "del",
    "delText",
    "fldSimple",
    "instrText",
    "fldChar",
    "txbxContent",
    "bookmarkStart",
    "sectPr",
    "style",
    "name",
    "basedOn",
    "abstractNum",
    "num",
    "lvl",
    "numFmt",
    "lvlText",
    "title",
    "creator",
    "lastModifiedBy",
]
IMPORT_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "docProps/core.xml")
#: characters pasted from web pages and PDFs, and ones XML 1.0 cannot carry at all (as raw bytes or references)
ODD_CHARACTERS = ["\u2028", "\u2029", "\u0085", "\r", "\x7f", "\x80", "\x9f", "\ufeff", "\u200b", "\u202e", "\t"]
RAW_CONTROL = [b"\x01", b"\x1b[2J", b"&#x1;", b"&#0;", b"&#xFFFE;", b"&#xD800;", b"\x0c", b"\xc2\x85", b"\xff"]
SPAN_VALUES = [
    "0",
    "1",
    "2",
    "63",
    "199",
    "200",
    "201",
    "1000",
    "2000000000",
    "-5",
    "x",
    "",
    "1.5",
    "99999999999999999999",
]


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _import_xml_mutation(draw, entries: list, name: str) -> None:
    """A change of ``word/document.xml`` that the import in particular must survive: spans and vertical
    merges (huge, negative, not numbers), tables nested in cells (up to beyond the limit), paragraphs and
    rows repeated (within the limits), odd and raw control characters in the text, huge attribute values,
    a heading style on anything."""
    import copy as _copy

    from lxml import etree

    index = next(i for i, entry in enumerate(entries) if entry[0] == name)
    root = _parse(entries[index][1])
    if root is None:
        return _xml_mutation(draw, entries, name, IMPORT_TAGS)
    op = draw(st.sampled_from(["span", "span", "vmerge", "nest", "repeat", "chars", "raw_control", "huge", "style"]))
    cells = list(root.iter(_w("tc")))
    paragraphs = list(root.iter(_w("p")))
    raw = None
    if op in ("span", "vmerge") and cells:
        cell = cells[draw(st.integers(0, len(cells) - 1))]
        properties = cell.find(_w("tcPr"))
        if properties is None:
            properties = etree.Element(_w("tcPr"))
            cell.insert(0, properties)
        tag = "gridSpan" if op == "span" else "vMerge"
        for old in properties.findall(_w(tag)):
            properties.remove(old)
        marker = etree.SubElement(properties, _w(tag))
        value = draw(
            st.sampled_from(SPAN_VALUES) if op == "span" else st.sampled_from(["restart", "continue", "", "x", None])
        )
        if value is not None:
            marker.set(_w("val"), value)
    elif op == "nest" and cells:
        tables = list(root.iter(_w("tbl")))
        table = tables[draw(st.integers(0, len(tables) - 1))]
        depth = draw(st.sampled_from([1, 2, 5, 11, 12, 13, 40]))
        cell = cells[draw(st.integers(0, len(cells) - 1))]
        pristine = _copy.deepcopy(table)  # copied before the nesting (the cell may lie in this very table)
        inner = _copy.deepcopy(pristine)
        for _ in range(depth):
            cell.append(inner)
            cell.append(etree.Element(_w("p")))  # a cell ends with a paragraph
            inner_cells = list(inner.iter(_w("tc")))
            if not inner_cells:
                break
            cell, inner = inner_cells[0], _copy.deepcopy(pristine)
    elif op == "repeat" and paragraphs:
        element = draw(st.sampled_from(paragraphs + list(root.iter(_w("tr")))))
        parent = element.getparent()
        if parent is not None:
            for _ in range(draw(st.sampled_from([2, 50, 500, 2000]))):
                parent.insert(parent.index(element) + 1, _copy.deepcopy(element))
    elif op == "chars" and paragraphs:
        texts = list(root.iter(_w("t"))) or [etree.SubElement(etree.SubElement(paragraphs[0], _w("r")), _w("t"))]
        t = texts[draw(st.integers(0, len(texts) - 1))]
        extra = "".join(draw(st.lists(st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=5)))
        at = draw(st.integers(0, len(t.text or "")))
        t.text = (t.text or "")[:at] + extra + (t.text or "")[at:]
    elif op == "raw_control":
        raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        found = [m.end() for m in re.finditer(rb"<w:t(?: [^>]*)?>", raw)]
        if found:
            at = found[draw(st.integers(0, len(found) - 1))]
            raw = raw[:at] + draw(st.sampled_from(RAW_CONTROL)) + raw[at:]
    elif op == "huge":
        element = _pick_element(draw, root, IMPORT_TAGS)
        key = draw(st.sampled_from([_w("val"), _w("styleId"), _w("id"), "{urn:fremd}x"]))
        element.set(
            key, draw(st.sampled_from(["ä", "x", "9", " "])) * draw(st.sampled_from([10_000, 300_000, 2_000_000]))
        )
    elif op == "style" and paragraphs:
        paragraph = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
        properties = paragraph.find(_w("pPr"))
        if properties is None:
            properties = etree.Element(_w("pPr"))
            paragraph.insert(0, properties)
        style = properties.find(_w("pStyle"))
        if style is None:
            style = etree.SubElement(properties, _w("pStyle"))
        style.set(
            _w("val"),
            draw(st.sampled_from(["Heading1", "Heading9", "berschrift1", "Title", "ListBullet", "TOC1", "", "x"])),
        )
    else:
        return _xml_mutation(draw, entries, name, IMPORT_TAGS)
    if raw is None:
        raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    entries[index] = (name, raw, entries[index][2])


@lru_cache(maxsize=None)
def import_bases() -> tuple[tuple[str, bytes], ...]:
    """Real-looking Word concepts: the Unna and Soest examples as integconcept renders them, the seed (the
    adopted Unna concept) typed as a county would, and python-docx documents with typed headings, styles,
    text boxes, links, tracked changes, merged rows and the KI task matrix."""
    import tempfile

    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept

    from . import import_helpers

    bases = []
    for example in ("kreis-unna-2012", "kreis-soest-2013"):
        concept = validate_file(str(ROOT / "examples" / f"{example}.yaml")).concept
        bases.append((f"render-{example}", render_concept(concept).data))
    with tempfile.TemporaryDirectory() as folder:
        for maker in ("seed_document", "typed_concept", "styled_concept", "ki_matrix_concept"):
            path = getattr(import_helpers, maker)(Path(folder) / f"{maker}.docx")
            bases.append((maker, path.read_bytes()))
    return tuple(bases)


@st.composite
def word_mutation(draw) -> bytes:
    """A real-looking Word concept with 1–3 changes (most at XML level, the import's own ones in half of
    those), then maybe one at byte level; now and then no Word file at all."""
    kind = draw(st.integers(0, 39))
    if kind == 0:  # not a Word file: empty, random bytes, an old .doc header, a zip without a document
        return draw(
            st.sampled_from(
                [
                    b"",
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                    _zip_bytes([("content.xml", b"<x/>", zipfile.ZIP_DEFLATED)]),
                    _zip_bytes([("word/dokument.xml", b"<x/>", zipfile.ZIP_DEFLATED)]),
                    b"PK\x05\x06" + b"\0" * 18,
                ]
            )
            | st.binary(max_size=200)
        )
    _, base = draw(st.sampled_from(import_bases()))
    source = zipfile.ZipFile(io.BytesIO(base))
    entries = [(info.filename, source.read(info.filename), info.compress_type) for info in source.infolist()]
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 3)) < 3:
            present = [entry[0] for entry in entries]
            if "word/document.xml" in present and draw(st.booleans()):
                _import_xml_mutation(draw, entries, "word/document.xml")
                continue
            parts = [p for p in IMPORT_PARTS if p in present] * 3 + [
                p for p in present if p.endswith((".xml", ".rels"))
            ]
            if parts:
                _xml_mutation(draw, entries, draw(st.sampled_from(parts)), IMPORT_TAGS)
                continue
        _zip_mutation(draw, entries)
    return _byte_mutation(draw, _zip_bytes(entries))


class WordBytes(TemplateBytes):
    def __repr__(self) -> str:
        import hashlib

        return f"<Word-Dokument, {len(self)} Bytes, sha256 {hashlib.sha256(self).hexdigest()[:12]}>"


mutated_word = word_mutation().map(WordBytes)

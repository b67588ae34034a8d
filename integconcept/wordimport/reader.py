"""Read a Word document (.docx) into a flat list of blocks: headings, paragraphs (with list
information and markup), tables (merged cells resolved) and the title-page lines.

Works on the WordprocessingML that Word, LibreOffice and pandoc write: styles are recognised by
name (English and German) and by outline level, list paragraphs by their numbering (direct or
through the style) or by a typed bullet, headings also by a typed section number in bold text.
Text boxes are read in document order, footnotes and endnotes become ``^[…]``, tracked changes
are read as accepted (insertions kept, deletions counted and reported).
"""

from __future__ import annotations

import errno
import re
import zipfile
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from integconcept.wordimport.inline import Segment, drop_prefix, inline_markup

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CP_NS = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


@lru_cache(maxsize=None)
def qn(tag: str) -> str:
    """``w:p`` → ``{namespace}p`` (as python-docx's ``qn``, without importing python-docx)."""
    prefix, name = tag.split(":")
    return "{%s}%s" % ({"w": W_NS, "r": R_NS}[prefix], name)


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WPG_GROUP = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}wgp"

#: Subtrees whose text is not part of the paragraph as shown (or is read elsewhere).
_SKIP = {
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:txbxContent"),
    MC_FALLBACK,
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:instrText"),
    qn("w:delText"),
}

_MANUAL_NUMBER = re.compile(r"^(\d{1,2}(?:\s?\.\s?\d{1,2})*)\s?\.?(?:\s+|\t)(?=\S)")
_MONTH_START = re.compile(
    r"^(januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)\b", re.IGNORECASE
)
_MANUAL_BULLET = re.compile(r"^([•·▪◦‣∙●○■□\-–—o\uf0b7\uf0a7\uf0d8\uf0fc])[^\S\r\n]+(?=\S)")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_HEADING_STYLE = re.compile(r"^(heading|überschrift|titre|kop)\s*(\d)$")
_TOC_WORDS = ("inhalt", "inhaltsverzeichnis", "inhaltsübersicht", "gliederung")
_TOC_LINE = re.compile(r"(\t\s*\d+\s*$)|(\.{4,}\s*\d+\s*$)")


@dataclass
class Para:
    """A paragraph of running text (also a list item or a paragraph in a table cell)."""

    markup: str  # inline markup: **bold**, *italic*, ^[footnote], escapes
    plain: str  # the text as shown, footnotes left out
    style: str = ""
    list_level: int | None = None  # 0-based nesting level when the paragraph is a list item
    ordered: bool = False
    indented: bool = False  # left indent without numbering (continuation of a list item)
    bold: bool = False  # the whole paragraph is bold (a label or an unnumbered sub-heading)
    italic: bool = False  # the whole paragraph is italic (a caption, a note)
    large: bool = False  # bigger font than the body text
    origin: str = "body"  # "body", "textbox", "diagram" (the box texts of a drawing group, " | " between boxes)
    raw: str = ""  # the text with its tabs (a typed table of contents: "1. Präambel<TAB>3")
    element: object = field(default=None, repr=False, compare=False)  # the w:p (for places and review comments)
    ordinal: int = 0  # 1-based among the body's paragraphs (headings included; 0: in a table or text box)

    @property
    def is_item(self) -> bool:
        return self.list_level is not None


@dataclass
class Heading:
    level: int
    text: str  # without the section number
    number: str | None = None  # a typed section number ("3.1"), None for style numbering
    style: str = ""
    element: object = field(default=None, repr=False, compare=False)
    ordinal: int = 0
    shown: str = ""  # as printed, with a typed number ("2. Ausgangslage und Daten")


@dataclass
class Cell:
    paragraphs: list[Para]
    span: int = 1
    continued: bool = False  # the lower part of a vertically merged cell
    element: object = field(default=None, repr=False, compare=False)  # the w:tc

    @property
    def plain(self) -> str:
        return "\n".join(p.plain for p in self.paragraphs).strip()


@dataclass
class Table:
    rows: list[list[Cell]]  # cells as printed (a cell spanning columns appears once)
    index: int = 0
    element: object = field(default=None, repr=False, compare=False)  # the w:tbl
    ordinal: int = 0  # the body paragraphs before it (its place: "after paragraph N")

    def resolved(self) -> list[list[Cell]]:
        """Cells per grid column: a merged cell repeated across the columns and rows it covers."""
        out: list[list[Cell]] = []
        above: dict[int, Cell] = {}
        for row in self.rows:
            line: list[Cell] = []
            for cell in row:
                source = above.get(len(line), cell) if cell.continued else cell
                for _ in range(cell.span):
                    above[len(line)] = source
                    line.append(source)
            out.append(line)
        return out

    def grid(self) -> list[list[str]]:
        """Plain text per grid column (merged cells repeated); a row with fewer cells than the widest (Word
        allows such rows) is filled with empty texts, as Word shows it."""
        rows = [[cell.plain for cell in row] for row in self.resolved()]
        width = max((len(row) for row in rows), default=0)
        return [row + [""] * (width - len(row)) for row in rows]


@dataclass
class Document:
    blocks: list = field(default_factory=list)  # Heading | Para | Table, in order
    title_lines: list[Para] = field(default_factory=list)  # before the first heading / TOC
    toc_lines: int = 0
    footnotes: int = 0
    textboxes: int = 0
    diagrams: int = 0  # drawings made of boxes (organisation charts), their text kept as import comments
    insertions: int = 0
    deletions: list[str] = field(default_factory=list)  # text of tracked deletions (not taken over)
    comments: int = 0
    images: int = 0
    producer: str = ""
    ordered: list = field(default_factory=list)  # every block as read, in document order (for places)


def _level(value: str | None) -> int:
    """A list level (``w:ilvl``): 0 to 8 (Word's nine levels); missing or not a number counts as the first
    level, a number beyond the range as the nearest level."""
    try:
        level = int(value or "0")
    except ValueError:
        return 0
    return min(max(level, 0), 8)


class WordReadError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------- opening


def _check_document(path: Path) -> None:
    """Refuse what is no readable .docx (German WordReadError), before anything is parsed."""
    from integconcept.wordimport.limits import check_file, check_package

    if not path.exists():
        raise WordReadError(f"Die Datei „{path}“ gibt es nicht. Bitte den Pfad prüfen.")
    if path.is_dir():
        raise WordReadError(f"„{path}“ ist ein Ordner, kein Word-Dokument.")
    suffix = path.suffix.lower()
    if suffix in (".doc", ".odt", ".rtf", ".docm", ".dotx", ".dot", ".wpd", ".pages"):
        raise WordReadError(
            f"„{path.name}“ ist kein .docx-Dokument ({suffix}). Bitte zuerst umwandeln, z. B. mit "
            f"LibreOffice: soffice --headless --convert-to docx „{path.name}“ – oder in Word über "
            "„Speichern unter“ → „Word-Dokument (*.docx)“. Danach die .docx-Datei importieren."
        )
    check_file(path, WordReadError)  # size and kind by stat, before anything is read
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WordReadError(f"„{path.name}“ kann nicht gelesen werden ({exc.strerror or exc}).") from None
    if not zipfile.is_zipfile(path):
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise WordReadError(
                f"„{path.name}“ ist ein altes Word-Dokument (.doc), auch wenn es auf {suffix or 'nichts'} endet. "
                f"Bitte umwandeln: soffice --headless --convert-to docx „{path.name}“."
            )
        raise WordReadError(
            f"„{path.name}“ ist kein Word-Dokument (.docx): die Datei ist kein ZIP-Paket "
            "(beschädigt oder ein anderes Format). Bitte in Word oder LibreOffice öffnen und "
            "als .docx speichern."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            check_package(path, archive, WordReadError)
            names = set(archive.namelist())
    except WordReadError:
        raise
    except OSError as exc:
        # the disk or the network drive, not the file's content (EINVAL: zipfile sought a part before the file's
        # start, which a damaged central directory gives)
        if exc.errno is not None and exc.errno != errno.EINVAL:
            raise WordReadError(f"„{path.name}“ kann nicht gelesen werden ({exc.strerror or exc}).") from None
        raise WordReadError(  # bz2 says "Invalid data stream" as an OSError without errno
            f"„{path.name}“ ist beschädigt und kann nicht gelesen werden ({_package_problem(exc)}). "
            "Bitte in Word oder LibreOffice öffnen und neu als .docx speichern."
        ) from None
    except Exception as exc:  # zipfile, zlib, lzma while the prescan unpacks word/document.xml
        raise WordReadError(
            f"„{path.name}“ ist beschädigt und kann nicht gelesen werden ({_package_problem(exc)}). "
            "Bitte in Word oder LibreOffice öffnen und neu als .docx speichern."
        ) from None
    if "content.xml" in names and "word/document.xml" not in names:
        raise WordReadError(
            f"„{path.name}“ ist ein OpenDocument-Text (.odt), kein .docx. Bitte umwandeln: "
            f"soffice --headless --convert-to docx „{path.name}“."
        )
    if "word/document.xml" not in names:
        raise WordReadError(
            f"„{path.name}“ ist ein ZIP-Paket, aber kein Word-Dokument (word/document.xml "
            "fehlt). Bitte die richtige Datei angeben."
        )


def open_document(path: Path):
    """Open a .docx with python-docx (review writes comments into it); every failure becomes a German
    WordReadError."""
    _check_document(path)
    return _python_docx(path)


def _python_docx(path: Path):
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx, zipfile and lxml errors from a broken package: said in German
        raise WordReadError(
            f"„{path.name}“ ist beschädigt und kann nicht gelesen werden ({_package_problem(exc)}). "
            "Bitte in Word oder LibreOffice öffnen und neu als .docx speichern."
        ) from None
    if document.element.tag != qn("w:document"):  # the main part holds some other XML (another part's copy)
        raise WordReadError(
            f"„{path.name}“ ist beschädigt und kann nicht gelesen werden (der Hauptteil „word/document.xml“ "
            "enthält keinen Dokumenttext). Bitte in Word oder LibreOffice öffnen und neu als .docx speichern."
        )
    return document


def _package_problem(exc: Exception) -> str:
    """What is wrong with a package python-docx could not open, in German (the library's text is English)."""
    import re

    from docx.opc.exceptions import PackageNotFoundError

    text = str(exc.args[0]) if exc.args else ""
    if isinstance(exc, KeyError) and (named := re.search(r"named '([^']*)'", text)):
        return f"der Teil „{named.group(1)}“ fehlt im Paket"
    if isinstance(exc, zipfile.BadZipFile):
        part = re.search(r"file '([^']*)'", text)
        return f"der Teil „{part.group(1)}“ ist beschädigt" if part else "das ZIP-Paket ist beschädigt"
    if isinstance(exc, OSError) and exc.errno == errno.EINVAL:
        return "das ZIP-Verzeichnis nennt Stellen außerhalb der Datei"
    if type(exc).__name__ in ("error", "LZMAError", "EOFError") or (isinstance(exc, OSError) and exc.errno is None):
        return "ein gepackter Teil ist beschädigt"  # zlib.error, lzma.LZMAError, bz2's OSError: a broken stream
    if isinstance(exc, PackageNotFoundError):
        return "das Paket ist unvollständig"
    if type(exc).__name__ in ("XMLSyntaxError", "ParseError"):
        return "ein XML-Teil ist nicht wohlgeformt"
    if isinstance(exc, (NotImplementedError, RuntimeError)):
        return "ein Teil ist verschlüsselt oder mit einem unbekannten Verfahren gepackt"
    return "der Aufbau des Pakets ist fehlerhaft"


class Package:
    """The parts of a .docx the reader uses: the body, styles, numbering, footnotes and endnotes, the document's
    relationships (hyperlinks) and who saved it last.

    :meth:`read` takes them from the ZIP with lxml, parsed as python-docx parses them (its parser settings), so
    the import does not load python-docx and its object model; :meth:`of` from a document python-docx opened
    (review adds its comments to the very elements the import read)."""

    def __init__(
        self, body, styles, numbering, rels: dict, notes: list[tuple[str, bytes]], producer: str, document=None
    ):
        self.body = body
        self.styles = styles  # the w:styles element
        self.numbering = numbering  # the w:numbering element or None
        self.rels = rels  # rId → (relationship type, target, external)
        self.notes = notes  # ("footnotes" | "endnotes", the part as stored)
        self.producer = producer
        self.document = document  # the python-docx document, when it was opened that way

    @classmethod
    def of(cls, document) -> Package:
        part = document.part
        rels = {rid: (rel.reltype, rel.target_ref, rel.is_external) for rid, rel in part.rels.items()}
        notes = [
            (rel.reltype.rsplit("/", 1)[-1], rel.target_part.blob)
            for rel in part.rels.values()
            if rel.reltype.rsplit("/", 1)[-1] in ("footnotes", "endnotes") and not rel.is_external
        ]
        try:
            numbering = part.numbering_part.element
        except Exception:
            numbering = None
        try:
            styles = document.styles.element
        except Exception:  # a document without styles part
            styles = None
        try:
            producer = (document.core_properties.last_modified_by or "") if document.core_properties else ""
        except Exception:
            producer = ""
        return cls(document.element.body, styles, numbering, rels, notes, producer, document)

    @classmethod
    def read(cls, path: Path) -> Package | None:
        """The parts straight from the ZIP; None where python-docx would read the package differently (a main
        part elsewhere, no styles or core properties part: python-docx adds its defaults) or fail (then it
        says why)."""
        import posixpath

        from lxml import etree

        parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # python-docx's settings

        def relationships(xml: bytes, base: str) -> dict:
            out = {}
            for rel in etree.fromstring(xml, parser).iter(f"{_REL_NS}Relationship"):
                target = rel.get("Target") or ""
                external = rel.get("TargetMode") == "External"
                if not external:
                    target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
                out[rel.get("Id")] = (rel.get("Type") or "", target, external)
            return out

        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "[Content_Types].xml" not in names:
                    return None
                types = etree.fromstring(archive.read("[Content_Types].xml"), parser)
                if _main_content_type(types) != _WML_MAIN:
                    return None  # a template, a macro document …: python-docx refuses it with its reason
                package = relationships(archive.read("_rels/.rels"), "")
                main = [t for kind, t, ext in package.values() if kind == _RT + "officeDocument" and not ext]
                core = [t for kind, t, ext in package.values() if kind == _CORE_RT and not ext]
                if main != ["word/document.xml"] or len(core) != 1 or core[0] not in names:
                    return None
                rels = {}
                if "word/_rels/document.xml.rels" in names:
                    rels = relationships(archive.read("word/_rels/document.xml.rels"), "word")

                def part(kind: str):
                    for rel_kind, target, external in rels.values():
                        if rel_kind == _RT + kind and not external:
                            return target
                    return None

                styles_name, numbering_name = part("styles"), part("numbering")
                if styles_name is None or styles_name not in names:
                    return None
                if numbering_name is not None and numbering_name not in names:
                    return None
                notes = []
                for kind, target, external in rels.values():
                    if kind.rsplit("/", 1)[-1] in ("footnotes", "endnotes") and not external:
                        if target not in names:
                            return None
                        notes.append((kind.rsplit("/", 1)[-1], archive.read(target)))
                root = etree.fromstring(archive.read("word/document.xml"), parser)
                styles = etree.fromstring(archive.read(styles_name), parser)
                numbering = etree.fromstring(archive.read(numbering_name), parser) if numbering_name else None
                core_root = etree.fromstring(archive.read(core[0]), parser)
        except Exception:  # anything unusual: python-docx reads it (or names the damage)
            return None
        body = root.find(qn("w:body"))
        if root.tag != qn("w:document") or body is None:
            return None
        modified_by = core_root.find(f"{_CP_NS}lastModifiedBy")
        producer = (modified_by.text or "") if modified_by is not None else ""
        return cls(body, styles, numbering, rels, notes, producer)


_WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _main_content_type(types) -> str | None:
    """The content type ``[Content_Types].xml`` gives ``/word/document.xml`` (an override, else the default for
    ``.xml``), looked up as python-docx does (names without regard to case)."""
    overrides = {(o.get("PartName") or "").lower(): o.get("ContentType") for o in types.iter(f"{_CT_NS}Override")}
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") for d in types.iter(f"{_CT_NS}Default")}
    return overrides.get("/word/document.xml", defaults.get("xml"))


def open_package(path: Path) -> Package:
    """The .docx at ``path`` checked and read for the import; every failure becomes a German WordReadError."""
    _check_document(path)
    package = Package.read(path)
    return package if package is not None else Package.of(_python_docx(path))


# ---------------------------------------------------------------------------- styles and numbering


_T = TypeVar("_T")


def _cached(method: Callable[..., _T]) -> Callable[..., _T]:
    """A method of :class:`_Styles` whose answers are kept per arguments."""

    def wrapper(self, *args):
        key = (method.__name__, *args)
        if key not in self._cache:
            self._cache[key] = method(self, *args)
        return self._cache[key]

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class _Styles:
    """Style lookups through the basedOn chain, each answer kept (a document asks the same few styles for
    every paragraph and table cell)."""

    def __init__(self, package: Package):
        self._cache: dict = {}
        self.by_id = {}
        if package.styles is not None:
            for style in package.styles.findall(qn("w:style")):
                self.by_id[style.get(qn("w:styleId"))] = style
        self.default = None
        for style in self.by_id.values():
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self.default = style.get(qn("w:styleId"))

    def chain(self, style_id: str | None):
        seen = set()
        style_id = style_id or self.default
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    @_cached
    def name(self, style_id: str | None) -> str:
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            # a <w:name/> without a value names the style by its id, as names() does
            return (name.get(qn("w:val")) if name is not None else None) or style_id or ""
        return style_id or ""

    @_cached
    def facts(self, style_id: str | None) -> tuple[tuple[str, ...], str, bool, int | None, bool]:
        """What a paragraph's style says about it: (the names along the basedOn chain in lower case, the style's
        name, a table of contents line, the heading level its name gives, a title or subtitle)."""
        names = tuple(n.lower() for n in self.names(style_id))
        style_name = self.name(style_id)
        lowered = style_name.lower()
        is_toc = (
            lowered.startswith(("toc", "verzeichnis", "inhaltsverzeichnis"))
            or "toc heading" in lowered
            or "contents heading" in lowered
        )
        level = None
        for name in names:
            if m := _HEADING_STYLE.match(name):
                level = int(m.group(2))
                break
        is_title = any(n in ("title", "titel", "subtitle", "untertitel") for n in names)
        return names, style_name, is_toc, level, is_title

    @_cached
    def names(self, style_id: str | None) -> list[str]:
        out = []
        for style in self.chain(style_id):
            name = style.find(qn("w:name"))
            out.append((name.get(qn("w:val")) if name is not None else style.get(qn("w:styleId"))) or "")
        return out

    @_cached
    def ppr_value(self, style_id: str | None, tag: str):
        for style in self.chain(style_id):
            ppr = style.find(qn("w:pPr"))
            if ppr is not None and (found := ppr.find(qn(tag))) is not None:
                return found
        return None

    @_cached
    def run_flag(self, style_id: str | None, tag: str) -> bool:
        for style in self.chain(style_id):
            rpr = style.find(qn("w:rPr"))
            if rpr is not None and (found := rpr.find(qn(tag))) is not None:
                return found.get(qn("w:val")) not in ("0", "false", "off")
        return False

    @_cached
    def size(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            rpr = style.find(qn("w:rPr"))
            if rpr is not None and (found := rpr.find(qn("w:sz"))) is not None:
                try:
                    return int(found.get(qn("w:val")))
                except (TypeError, ValueError):
                    return None
        return None


class _Numbering:
    def __init__(self, package: Package):
        self.formats: dict[tuple[str, int], str] = {}
        element = package.numbering
        if element is None:
            return
        abstract = {}
        for node in element.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                value = fmt.get(qn("w:val")) if fmt is not None else "decimal"
                text = lvl.find(qn("w:lvlText"))
                if (
                    value == "bullet"
                    and text is not None
                    and not (text.get(qn("w:val")) or "").replace("\uf020", "").strip()
                ):
                    value = "blank"  # an invisible bullet: pandoc's continuation paragraphs
                levels[_level(lvl.get(qn("w:ilvl")))] = value
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in element.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = abstract.get(ref.get(qn("w:val")) if ref is not None else None, {})
            for level, fmt in levels.items():
                self.formats[(num.get(qn("w:numId")), level)] = fmt
            for override in num.findall(qn("w:lvlOverride")):
                lvl = override.find(qn("w:lvl"))
                if lvl is not None and (fmt := lvl.find(qn("w:numFmt"))) is not None:
                    self.formats[(num.get(qn("w:numId")), _level(override.get(qn("w:ilvl"))))] = fmt.get(qn("w:val"))

    def kind(self, num_id: str, level: int) -> str | None:
        """ "bullet", "ordered", "blank" (an item's continuation) or None (no visible numbering)."""
        fmt = self.formats.get((num_id, level), self.formats.get((num_id, 0)))
        if fmt is None:
            return "bullet" if num_id not in ("0", None) and not self.formats else None
        if fmt in ("none", "blank"):
            return "blank" if fmt == "blank" else None
        return "bullet" if fmt == "bullet" else "ordered"


# ---------------------------------------------------------------------------- the reader


class _Reader:
    def __init__(self, package: Package, name: str = "Dokument"):
        from integconcept.wordimport.limits import Counter

        self.count = Counter(name, WordReadError)
        self.ordinal = 0
        self.package = package
        self.styles = _Styles(package)
        self.numbering = _Numbering(package)
        self.notes = self._notes()
        self.result = Document()
        sizes = [s for s in (self.styles.size(None),) if s]
        self.body_size = sizes[0] if sizes else 22
        self.tables = 0

    def _notes(self) -> dict[tuple[str, str], object]:
        from lxml import etree

        notes = {}
        for kind, blob in self.package.notes:
            try:
                root = etree.fromstring(blob)
            except Exception:
                continue
            tag = "footnote" if kind == "footnotes" else "endnote"
            for note in root.findall(qn(f"w:{tag}")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                notes[(tag, note.get(qn("w:id")))] = note
        return notes

    # -- paragraphs ------------------------------------------------------------------

    def segments(self, p, style_id: str | None) -> list[Segment]:
        style_bold = self.styles.run_flag(style_id, "w:b")
        style_italic = self.styles.run_flag(style_id, "w:i")
        out: list[Segment] = []

        def flags(run):
            bold, italic = style_bold, style_italic
            rpr = run.find(qn("w:rPr"))
            if rpr is not None:
                rstyle = rpr.find(qn("w:rStyle"))
                if rstyle is not None:
                    names = " ".join(self.styles.names(rstyle.get(qn("w:val")))).lower()
                    bold = bold or any(k in names for k in ("strong", "fett", "bold"))
                    italic = italic or any(k in names for k in ("emphasis", "hervorhebung", "kursiv"))
                    bold = bold or self.styles.run_flag(rstyle.get(qn("w:val")), "w:b")
                    italic = italic or self.styles.run_flag(rstyle.get(qn("w:val")), "w:i")
                for tag, name in (("w:b", "bold"), ("w:i", "italic")):
                    found = rpr.find(qn(tag))
                    if found is not None:
                        value = found.get(qn("w:val")) not in ("0", "false", "off")
                        if name == "bold":
                            bold = value
                        else:
                            italic = value
            return bold, italic

        def walk(node, run_flags):
            for child in node:
                tag = child.tag
                if tag in _SKIP:
                    if tag == qn("w:del"):
                        text = "".join(t.text or "" for t in child.iter(qn("w:delText")))
                        if text.strip():
                            self.result.deletions.append(text)
                    continue
                if tag == qn("w:ins"):
                    if any((t.text or "").strip() for t in child.iter(qn("w:t"))):
                        self.result.insertions += 1
                if tag == qn("w:r"):
                    walk(child, flags(child))
                    continue
                if tag == qn("w:hyperlink"):  # the address is kept after the link text (links are not markup)
                    start = len(out)
                    walk(child, run_flags)
                    url = self.link_target(child.get(qn("r:id")))
                    shown = "".join(seg.text for seg in out[start:])
                    if url and url.rstrip("/") not in shown and url.removeprefix("mailto:") not in shown:
                        out.append(Segment(f" ({url.removeprefix('mailto:')})"))
                    continue
                if tag == qn("w:t"):
                    text = (child.text or "").replace("\u200b", "").replace("\u00ad", "")
                    # a line end inside the text (pasted; Word shows it as a break) is a line break like <w:br/>
                    for number, line in enumerate(_LINE_ENDS.split(text)):
                        if number:
                            out.append(Segment("", *run_flags, line_break=True))
                        out.append(Segment(line, *run_flags))
                elif tag in (qn("w:tab"), qn("w:ptab")):
                    out.append(Segment("\t", *run_flags))
                elif tag in (qn("w:br"), qn("w:cr")):
                    if child.get(qn("w:type")) not in ("page", "column"):
                        out.append(Segment("", *run_flags, line_break=True))
                elif tag == qn("w:noBreakHyphen"):
                    out.append(Segment("-", *run_flags))
                elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                    kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                    note = self.notes.get((kind, child.get(qn("w:id"))))
                    if note is not None:
                        self.result.footnotes += 1
                        text = " ".join(self.note_text(note).split())
                        out.append(Segment("", *run_flags, footnote=text))
                elif tag in (qn("w:drawing"), qn("w:pict")) or tag.endswith("}AlternateContent"):
                    if not list(child.iter(qn("w:txbxContent"))) and (
                        list(child.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
                        or list(child.iter("{urn:schemas-microsoft-com:vml}imagedata"))
                    ):
                        self.result.images += 1
                    walk(child, run_flags)
                elif tag in (qn("w:commentReference"),):
                    self.result.comments += 1
                else:
                    walk(child, run_flags)

        walk(p, (style_bold, style_italic))
        return out

    def link_target(self, rid: str | None) -> str | None:
        if not rid:
            return None
        rel = self.package.rels.get(rid)
        return rel[1] if rel is not None and rel[2] else None

    def note_text(self, note) -> str:
        parts = []
        for p in note.iter(qn("w:p")):
            texts = []
            for node in p.iter():
                if node.tag == qn("w:t"):
                    texts.append(node.text or "")
                elif node.tag == qn("w:tab"):
                    texts.append(" ")
            parts.append("".join(texts))
        return "\n".join(parts).strip()

    def paragraph(self, p, origin: str = "body") -> Para | Heading | None:
        self.count.paragraph()
        ppr = p.find(qn("w:pPr"))
        style_id = None
        if ppr is not None and (pstyle := ppr.find(qn("w:pStyle"))) is not None:
            style_id = pstyle.get(qn("w:val"))
        names, style_name, is_toc, name_level, is_title = self.styles.facts(style_id)
        lowered_name = style_name.lower()
        segments = self.segments(p, style_id)
        markup, plain = inline_markup(segments)
        plain_stripped = plain.strip()
        if not plain_stripped and not any(s.footnote for s in segments):
            return None
        if is_toc:
            self.result.toc_lines += 1
            return None
        # outline level: direct, then from the style; heading styles by name
        level = None
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if outline is None:
            outline = self.styles.ppr_value(style_id, "w:outlineLvl")
        if outline is not None:
            try:
                value = int(outline.get(qn("w:val")))
                level = value + 1 if value < 9 else None
            except (TypeError, ValueError):
                level = None
        if name_level is not None:
            level = name_level
        if level is not None:
            text = plain_stripped
            number = None
            if m := _MANUAL_NUMBER.match(text):
                number = re.sub(r"\s", "", m.group(1))
                text = text[m.end() :].strip()
            return Heading(
                level, " ".join(text.split()), number, style_name, element=p, shown=" ".join(plain_stripped.split())
            )
        # lists: direct numbering, then the style's
        list_level, ordered, continuation = None, False, False
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        from_style = numpr is None
        if numpr is None:
            numpr = self.styles.ppr_value(style_id, "w:numPr")
        if numpr is not None:
            num_id = numpr.find(qn("w:numId"))
            ilvl = numpr.find(qn("w:ilvl"))
            num = num_id.get(qn("w:val")) if num_id is not None else None
            lvl = _level(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            if num not in (None, "0"):
                kind = self.numbering.kind(num, lvl)
                if kind == "blank":
                    continuation = True
                elif kind is not None:
                    list_level, ordered = min(lvl, 8), kind == "ordered"
                    if (
                        from_style
                        and ilvl is None
                        and (
                            m := re.search(
                                r"(list bullet|list number|aufzählungszeichen|listennummer)\s*(\d)$", lowered_name
                            )
                        )
                    ):
                        list_level = int(m.group(2)) - 1  # "List Bullet 2": the second level
        indent = continuation
        if ppr is not None and (ind := ppr.find(qn("w:ind"))) is not None:
            left = ind.get(qn("w:left")) or ind.get(qn("w:start"))
            try:
                indent = indent or int(left or 0) > 0
            except ValueError:
                pass
        text_segments = [s for s in segments if s.text.strip()]
        bold = bool(text_segments) and all(s.bold for s in text_segments)
        italic = bool(text_segments) and all(s.italic for s in text_segments)
        sizes = []
        for run in p.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            size = rpr.find(qn("w:sz")) if rpr is not None else None
            if size is not None:
                try:
                    sizes.append(int(size.get(qn("w:val"))))
                except (TypeError, ValueError):
                    pass
        style_size = self.styles.size(style_id)
        large = bool((sizes and min(sizes) >= self.body_size + 4) or (style_size and style_size >= self.body_size + 4))
        if list_level is None and not is_title:
            # a typed section number in a bold or large line: a heading with manual numbering
            if (
                (m := _MANUAL_NUMBER.match(plain_stripped))
                and (bold or large)
                and len(plain_stripped) <= 160
                and not _MONTH_START.match(plain_stripped[m.end() :])
                and not plain_stripped.endswith(":")
            ):
                number = re.sub(r"\s", "", m.group(1))
                text = " ".join(plain_stripped[m.end() :].split())
                if text and text[0].isupper():
                    return Heading(
                        number.count(".") + 1,
                        text,
                        number,
                        style_name,
                        element=p,
                        shown=" ".join(plain_stripped.split()),
                    )
            prefix = len(plain) - len(plain.lstrip())
            if m := _MANUAL_BULLET.match(plain_stripped):
                list_level, ordered = (1 if indent else 0), False
                markup, _ = inline_markup(drop_prefix(segments, prefix + m.end()))
                plain_stripped = plain_stripped[m.end() :]
            elif (
                (m := re.match(r"^(\d{1,2})[.)][^\S\r\n]+(?=\S)", plain_stripped))
                and not bold
                and not _MONTH_START.match(plain_stripped[m.end() :])
                and not re.match(r"^\d{1,2}\.\s*\d{1,2}\.", plain_stripped)
            ):
                list_level, ordered = (1 if indent else 0), True
                markup, _ = inline_markup(drop_prefix(segments, prefix + m.end()))
                plain_stripped = plain_stripped[m.end() :]
        markup = markup.replace("\t", " ")
        return Para(
            markup=markup.strip(),
            plain=" ".join(plain_stripped.replace("\t", " ").split()),
            style=style_name,
            list_level=list_level,
            ordered=ordered,
            indented=indent and list_level is None,
            bold=bold,
            italic=italic,
            large=large,
            origin=origin,
            raw=plain.strip(),
            element=p,
        )

    def textboxes(self, p) -> list:
        out = []
        diagrams: dict = {}  # drawing group → the texts of its boxes (an organisation chart drawn in Word)
        for box in p.iter(qn("w:txbxContent")):
            if any(a.tag == MC_FALLBACK for a in box.iterancestors()):
                continue
            if any(a.tag == qn("w:txbxContent") for a in box.iterancestors()):
                continue
            group = next((a for a in box.iterancestors() if a.tag == _WPG_GROUP), None)
            if group is not None:  # a box of a diagram: its text is no running text of the concept
                lines = ["".join(t.text or "" for t in inner.iter(qn("w:t"))) for inner in box.iter(qn("w:p"))]
                text = " ".join(" ".join(lines).split())
                diagrams.setdefault(group, [])
                if text:
                    diagrams[group].append(text.replace("\u00ad", ""))
                continue
            self.result.textboxes += 1
            for inner in box.iter(qn("w:p")):
                block = self.paragraph(inner, origin="textbox")
                if block is not None:
                    if isinstance(block, Heading):
                        block = Para(
                            markup=f"**{block.text}**",
                            plain=block.text,
                            bold=True,
                            origin="textbox",
                            element=block.element,
                        )
                    out.append(block)
        for texts in diagrams.values():
            self.result.diagrams += 1
            joined = " | ".join(texts)
            out.append(Para(markup=joined, plain=joined, origin="diagram"))
        return out

    # -- tables ----------------------------------------------------------------------

    def table(self, tbl) -> Table:
        rows = []
        trs = tbl.findall(qn("w:tr"))
        self.count.enter_table(len(trs), self.tables + 1)
        for row_number, tr in enumerate(trs, start=1):
            cells = []
            columns = 0
            for tc in tr.findall(qn("w:tc")) + [c for sdt in tr.findall(qn("w:sdt")) for c in sdt.iter(qn("w:tc"))]:
                tcpr = tc.find(qn("w:tcPr"))
                span, continued = 1, False
                if tcpr is not None:
                    if (grid := tcpr.find(qn("w:gridSpan"))) is not None:
                        try:
                            span = max(1, int(grid.get(qn("w:val"))))
                        except (TypeError, ValueError):
                            span = 1
                    if (vmerge := tcpr.find(qn("w:vMerge"))) is not None:
                        continued = vmerge.get(qn("w:val")) in (None, "continue")
                columns += span
                self.count.row(columns, self.tables + 1, row_number)  # before the cell is read or spread
                paragraphs = []
                for child in tc:
                    if child.tag == qn("w:p"):
                        block = self.paragraph(child)
                        if isinstance(block, Heading):
                            block = Para(markup=f"**{block.text}**", plain=block.text, bold=True, element=block.element)
                        if block is not None:
                            paragraphs.append(block)
                        paragraphs.extend(self.textboxes(child))
                    elif child.tag == qn("w:tbl"):  # a nested table: its cells as paragraphs
                        inner = self.table(child)
                        for row in inner.rows:
                            for cell in row:
                                paragraphs.extend(cell.paragraphs)
                    elif child.tag == qn("w:sdt"):
                        for p in child.iter(qn("w:p")):
                            if (block := self.paragraph(p)) is not None and isinstance(block, Para):
                                paragraphs.append(block)
                cells.append(Cell(paragraphs, span, continued, tc))
            rows.append(cells)
        self.count.leave_table()
        self.tables += 1
        return Table(rows, self.tables, tbl)

    # -- body ------------------------------------------------------------------------

    def body(self, container) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                block = self.paragraph(child)
                if block is not None:
                    self.ordinal += 1
                    block.ordinal = self.ordinal
                    self.result.blocks.append(block)
                self.result.blocks.extend(self.textboxes(child))
            elif child.tag == qn("w:tbl"):
                table = self.table(child)
                table.ordinal = self.ordinal
                self.result.blocks.append(table)
            elif child.tag in (qn("w:sdt"),):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
                    if gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower():
                        self.result.toc_lines += sum(1 for _ in content.iter(qn("w:p")))
                        continue
                    self.body(content)
            elif child.tag in (qn("w:customXml"), qn("w:ins"), qn("w:moveTo")):
                self.body(child)

    def drop_toc_sections(self) -> None:
        """A heading "Inhalt"/"Inhaltsverzeichnis" and the typed entries under it are the table of contents."""
        out, in_toc = [], False
        for block in self.result.blocks:
            if isinstance(block, Heading) and block.text.lower().rstrip(":") in _TOC_WORDS:
                in_toc = True
                self.result.toc_lines += 1
                continue
            if (
                in_toc
                and isinstance(block, Para)
                and (_TOC_LINE.search(block.raw) or len(block.plain) < 120 and not block.plain.endswith("."))
            ):
                self.result.toc_lines += 1
                continue
            in_toc = False
            out.append(block)
        self.result.blocks = out

    def split_title_page(self) -> None:
        """Lines before the first heading are the title page; a typed table of contents there is dropped."""
        blocks = self.result.blocks
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), None)
        if first is None:
            return
        head, rest = blocks[:first], blocks[first:]
        title: list = []
        for block in head:
            if isinstance(block, Para) and (
                _TOC_LINE.search(block.raw) or block.plain.lower().rstrip(":") in _TOC_WORDS
            ):
                self.result.toc_lines += 1
                continue
            title.append(block)
        self.result.title_lines = [b for b in title if isinstance(b, Para)]
        # tables on the title page stay in the body (they are content)
        self.result.blocks = [b for b in title if isinstance(b, Table)] + rest


def read_docx(path: str | Path, document=None) -> Document:
    """Read the .docx at ``path``; ``document``: the same file already opened with python-docx (review adds its
    comments to the very elements the import read)."""
    path = Path(path)
    package = Package.of(document) if document is not None else open_package(path)
    reader = _Reader(package, path.name)
    reader.result.producer = package.producer
    if package.body is not None:  # a document.xml without <w:body> has no text: import_word says so
        reader.body(package.body)
    reader.drop_toc_sections()
    reader.split_title_page()
    reader.result.ordered = list(reader.result.title_lines) + list(reader.result.blocks)
    return reader.result

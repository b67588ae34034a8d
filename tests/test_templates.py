"""Any template works: LibreOffice, German Word (.dotx), python-docx; untrusted templates are handled."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from integconcept.render import RenderError, render_concept
from integconcept.commands.validate import validate_file

from .conftest import UNNA
from .render_helpers import NS, part, q
from .scaling import assert_not_much_slower
from .template_builders import (
    BLANK_FODT,
    NUMBERED_FODT,
    edit_part,
    german_word_template,
    libreoffice_docx,
    python_docx_template,
)
from .test_render_pdf import needs_libreoffice
from .libreoffice import convert

HAVE_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice fehlt; .ci/run installiert es")


@pytest.fixture(scope="module")
def concept():
    return validate_file(str(UNNA)).concept


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("vorlagen")
    found = {}
    (folder / "word-de.dotx").write_bytes(german_word_template())
    found["word-de"] = folder / "word-de.dotx"
    (folder / "python-docx.docx").write_bytes(python_docx_template())
    found["python-docx"] = folder / "python-docx.docx"
    if HAVE_SOFFICE:
        found["lo-blank"] = libreoffice_docx(BLANK_FODT, folder, "lo-blank")
        found["lo-numbered"] = libreoffice_docx(NUMBERED_FODT, folder, "lo-numbered")
    return found


@pytest.fixture(scope="module")
def rendered(concept, templates) -> dict[str, object]:
    return {kind: render_concept(concept, str(path)) for kind, path in templates.items()}


def style_names(data: bytes) -> list[tuple[str, str]]:
    styles = part(data, "word/styles.xml")
    return [
        (s.get(q("styleId")), (s.find("w:name", NS).get(q("val")) if s.find("w:name", NS) is not None else ""))
        for s in styles.iterfind("w:style", NS)
    ]


def used_paragraph_styles(data: bytes) -> set[str]:
    document = part(data, "word/document.xml")
    return {p.get(q("val")) for p in document.iter(q("pStyle"))}


@pytest.mark.parametrize(
    "kind",
    [
        "word-de",
        "python-docx",
        pytest.param("lo-blank", marks=needs_soffice),
        pytest.param("lo-numbered", marks=needs_soffice),
    ],
)
def test_every_template_kind_renders_and_opens_in_python_docx(kind, rendered):
    import docx

    result = rendered[kind]
    document = docx.Document(io.BytesIO(result.data))
    assert any(p.text.endswith("Präambel") or p.text == "Präambel" for p in document.paragraphs)
    names = [name.lower() for _id, name in style_names(result.data)]
    assert names.count("normal") == 1, "exactly one Normal style"
    ids = {sid for sid, _name in style_names(result.data)}
    assert used_paragraph_styles(result.data) <= ids, "every paragraph style used exists"
    assert len(result.warnings) <= 1


def test_german_word_template_keeps_its_styles_and_font(rendered):
    data = rendered["word-de"].data
    names = dict(style_names(data))
    assert names["Standard"] == "Normal" and "Normal" not in names, "no second Normal style"
    used = used_paragraph_styles(data)
    assert {"berschrift1", "berschrift2"} <= used and "Heading1" not in used
    styles = part(data, "word/styles.xml")
    by_id = {s.get(q("styleId")): s for s in styles.iterfind("w:style", NS)}
    # styles copied from the default template hang on the template's own styles and bring no font/colour
    warning = rendered["word-de"].warnings[0]
    assert "„TOC Heading“" in warning and "„Heading 1“" not in warning
    for _sid, style in by_id.items():
        if (style.find("w:name", NS).get(q("val")) or "").lower() in ("toc heading", "footnote text", "toc 1"):
            assert style.find("w:rPr/w:rFonts", NS) is None and style.find("w:rPr/w:color", NS) is None
            based = style.find("w:basedOn", NS)
            if based is not None:
                assert based.get(q("val")) in by_id and based.get(q("val")) not in ("Normal", "Heading1")
    assert b"Arial" not in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


@needs_soffice
def test_libreoffice_templates_get_numbering_and_outline_levels(rendered):
    for kind in ("lo-blank", "lo-numbered"):
        data = rendered[kind].data
        assert "word/numbering.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        styles = part(data, "word/styles.xml")
        heading_ids = {
            s.get(q("styleId")): s
            for s in styles.iterfind("w:style", NS)
            if (s.find("w:name", NS).get(q("val")) or "").lower() in ("heading 1", "heading 2")
        }
        assert heading_ids, kind
        for style in heading_ids.values():
            assert style.find("w:pPr/w:outlineLvl", NS) is not None
        numbering = part(data, "word/numbering.xml")
        claimed = [p.get(q("val")) for p in numbering.iter(q("pStyle"))]
        assert len(claimed) == len(set(claimed)), "a heading style is linked to one list only"


@needs_libreoffice
def test_outputs_open_in_libreoffice_and_numbered_lo_template_keeps_every_chapter_in_the_toc(rendered, tmp_path):
    from integconcept.render.pdf import check_pdf_tools, docx_to_pdf

    files = []
    for kind, result in rendered.items():
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(result.data)
        files.append(path)
    convert(files, "pdf", tmp_path, tmp_path / "profile", timeout=300)
    for path in files:
        text = subprocess.run(
            ["pdftotext", str(path.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Präambel" in text and "Informations- und Abstimmungsprozess" in text, path.name
    result = rendered["lo-numbered"]
    pdf = docx_to_pdf(result.data, check_pdf_tools())
    (tmp_path / "toc.pdf").write_bytes(pdf)
    pages = subprocess.run(
        ["pdftotext", str(tmp_path / "toc.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    toc_page = next(page for page in pages if "Inhalt" in page and "Präambel" in page)
    entries = [line for line in toc_page.splitlines() if re.search(r"(\.\s?){2,}\d+\s*$", line)]
    expected = [h for h in result.headings if h.level <= 3]
    assert len(entries) == len(expected), (entries, expected)
    flat = " ".join(toc_page.split())
    for heading in expected:
        assert f"{heading.number} {heading.text}"[:30] in flat


# --------------------------------------------------------------------------- untrusted templates


def template_file(tmp_path: Path, data: bytes, name: str = "vorlage.docx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


ENTITY_STYLES = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:styles [<!ENTITY x SYSTEM '
    b'"file:///etc/hostname">]>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/'
    b'wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Normal"><w:name '
    b'w:val="Normal"/><w:rPr><w:rFonts w:ascii="&x;"/></w:rPr></w:style></w:styles>'
)


def test_template_declaring_entities_is_refused(tmp_path, concept, run_cli):
    path = template_file(tmp_path, edit_part(python_docx_template(), "word/styles.xml", lambda _: ENTITY_STYLES))
    with pytest.raises(RenderError) as caught:
        render_concept(concept, path)
    assert "DTD oder Entitäten" in caught.value.message and "word/styles.xml" in caught.value.message
    out = tmp_path / "k.docx"
    result = run_cli("render", str(UNNA), "-o", str(out), "--template", path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "DTD oder Entitäten" in result.stderr and not out.exists()


def test_zip_bomb_template_is_refused_quickly(tmp_path, concept):
    huge = (
        b'<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + b" " * (40 * 1024 * 1024)
        + b"</w:styles>"
    )
    path = template_file(tmp_path, edit_part(python_docx_template(), "word/styles.xml", lambda _: huge))
    assert Path(path).stat().st_size < 200_000
    with pytest.raises(RenderError) as caught:
        render_concept(concept, path)
    assert "zu groß" in caught.value.message and "word/styles.xml" in caught.value.message
    usual = template_file(tmp_path, python_docx_template(), name="gewoehnlich.docx")

    def render_or_refuse(template: str) -> None:
        try:
            render_concept(concept, template)
        except RenderError:
            pass

    # refused before the 40 MB part is read: no slower than rendering with an ordinary template
    assert_not_much_slower(render_or_refuse, usual, path, 1.0, what="Vorlage mit 40 MB styles.xml")


def test_only_needed_parts_are_copied(tmp_path, concept):
    import docx
    from PIL import Image

    county = docx.Document()
    picture = io.BytesIO()
    Image.effect_noise((900, 900), 80).convert("RGB").save(picture, format="PNG")
    county.add_picture(picture)
    buffer = io.BytesIO()
    county.save(buffer)
    data = edit_part(buffer.getvalue(), "docProps/thumbnail.jpeg", lambda old: old)
    with zipfile.ZipFile(io.BytesIO(data), "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/video.bin", b"\0" * (60 * 1024 * 1024))  # not referenced at all
        archive.writestr("word/vbaProject.bin", b"macro")
    path = template_file(tmp_path, data)
    result = render_concept(concept, path)
    # the unreferenced 60 MB are skipped, not copied: about as fast as the same template without them
    without = template_file(tmp_path, buffer.getvalue(), name="ohne-video.docx")
    assert_not_much_slower(
        lambda template: render_concept(concept, template),
        without,
        path,
        2.0,
        what="Vorlage mit 60 MB unbenutzter Datei",
    )
    archive = zipfile.ZipFile(io.BytesIO(result.data))
    names = archive.namelist()
    assert not [n for n in names if "vba" in n or "customXml" in n or "thumbnail" in n], names
    # no pictures: none of the template's, and the concept's charts (4.5) are drawn as native shapes
    assert not [n for n in names if "media" in n]
    assert len(result.data) < 300_000


def _no_sectpr(xml: bytes) -> bytes:
    return re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", xml, flags=re.S)


def _no_pgmar(xml: bytes) -> bytes:
    return re.sub(rb"<w:pgMar[^>]*/>", b"", xml)


def _no_overrides(xml: bytes) -> bytes:
    return re.sub(rb"<Override [^>]*/>", b"", xml)


def _empty_names(xml: bytes) -> bytes:
    return xml.replace(b'<w:name w:val="Heading 1"/>', b"<w:name/>").replace(
        b'<w:name w:val="Title"/>', b'<w:name w:val=""/>'
    )


def _bad_numbering_ids(xml: bytes) -> bytes:
    return xml.replace(b'w:abstractNumId="0"', b'w:abstractNumId="null"', 1).replace(
        b"</w:numbering>", b'<w:num w:numId="eins"><w:abstractNumId w:val="x"/></w:num></w:numbering>'
    )


FOOTNOTES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.'
    b'openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
    b'<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="abc"><w:p><w:r><w:t>x</w:t></w:r></w:p>'
    b"</w:footnote></w:footnotes>"
)


def _with_bad_footnotes(data: bytes) -> bytes:
    data = edit_part(
        data,
        "word/_rels/document.xml.rels",
        lambda xml: xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
        ),
    )
    with zipfile.ZipFile(io.BytesIO(data), "a") as archive:
        archive.writestr("word/footnotes.xml", FOOTNOTES)
    return data


BROKEN = {
    "ohne-sectPr": lambda d: edit_part(d, "word/document.xml", _no_sectpr),
    "ohne-pgMar": lambda d: edit_part(d, "word/document.xml", _no_pgmar),
    "ohne-overrides": lambda d: edit_part(d, "[Content_Types].xml", _no_overrides),
    "leere-namen": lambda d: edit_part(d, "word/styles.xml", _empty_names),
    "ids-keine-zahlen": lambda d: _with_bad_footnotes(edit_part(d, "word/numbering.xml", _bad_numbering_ids)),
    "ohne-numbering": lambda d: edit_part(d, "word/numbering.xml", lambda _: None),
    "ohne-styles": lambda d: edit_part(d, "word/styles.xml", lambda _: None),
    "ohne-document": lambda d: edit_part(d, "word/document.xml", lambda _: None),
    "kaputtes-xml": lambda d: edit_part(d, "word/styles.xml", lambda x: x[: len(x) // 2]),
    # found by fuzzing: an unknown style type, a page 10^20 twips wide, margins wider than the page
    "style-typ-unbekannt": lambda d: edit_part(
        d,
        "word/styles.xml",
        lambda x: x.replace(b'w:type="paragraph" w:styleId="Heading2"', b'w:type="0" w:styleId="Heading2"'),
    ),
    "riesige-seite": lambda d: edit_part(
        d, "word/document.xml", lambda x: re.sub(rb'w:w="\d+"', b'w:w="99999999999999999999"', x)
    ),
    "raender-breiter-als-seite": lambda d: edit_part(
        d, "word/document.xml", lambda x: re.sub(rb'w:left="\d+"', b'w:left="20000"', x)
    ),
    # found by the long template fuzzing (session 4): a style's w:default neither on nor off; a page 0.1 inch
    # wide, narrower than any margins
    "default-weder-an-noch-aus": lambda d: edit_part(
        d, "word/styles.xml", lambda x: x.replace(b'w:default="1"', b'w:default=""')
    ),
    "seite-schmaler-als-jeder-rand": lambda d: edit_part(
        d, "word/document.xml", lambda x: re.sub(rb'(<w:pgSz[^>]*?)w:w="\d+"', rb'\1w:w="144"', x)
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_templates_render_or_get_a_german_message(case, tmp_path, concept):
    import docx

    path = template_file(tmp_path, BROKEN[case](python_docx_template()))
    try:
        result = render_concept(concept, path)
    except RenderError as exc:
        assert case in ("ohne-document", "kaputtes-xml"), exc.message
        assert "Vorlage" in exc.message and "keine gültige Word-Datei" in exc.message
        return
    assert case not in ("ohne-document", "kaputtes-xml")
    document = docx.Document(io.BytesIO(result.data))
    section = document.sections[0]
    assert section.page_width and section.left_margin is not None and section.right_margin is not None
    assert section.page_width - section.left_margin - section.right_margin > docx.shared.Cm(2)
    assert section.page_width < docx.shared.Inches(23)
    assert any("Präambel" in p.text for p in document.paragraphs)


def test_template_problems_reach_the_user_as_german_exit_2(tmp_path, run_cli):
    path = template_file(tmp_path, BROKEN["kaputtes-xml"](python_docx_template()))
    out = tmp_path / "k.docx"
    result = run_cli("render", str(UNNA), "-o", str(out), "--template", path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "keine gültige Word-Datei" in result.stderr and not out.exists()


def test_heading_styles_with_own_names_are_found_by_outline_level(tmp_path, concept):
    own = edit_part(
        python_docx_template(),
        "word/styles.xml",
        lambda xml: xml.replace(
            b'w:styleId="Heading1"><w:name w:val="heading 1"/>', b'w:styleId="Kapitel"><w:name w:val="Kapitel"/>'
        ).replace(b'<w:basedOn w:val="Heading1"/>', b'<w:basedOn w:val="Kapitel"/>'),
    )
    result = render_concept(concept, template_file(tmp_path, own))
    assert "Kapitel" in used_paragraph_styles(result.data)
    assert not any("„Heading 1“" in warning for warning in result.warnings)
    names = {sid: name for sid, name in style_names(result.data)}
    assert "heading 1" not in {name.lower() for name in names.values()}, "no copied Heading 1 beside it"


def test_seeded_template_mutations_never_escape_as_exceptions(tmp_path):
    """A short, seeded run of the template mutations of issue 13 (its fuzz suite runs the long profile)."""
    import random

    import docx

    from .render_helpers import RICH
    from .template_builders import mutate_template

    small = validate_file(str(RICH)).concept
    rng = random.Random(20261121)
    bases = [python_docx_template(), german_word_template()]
    outcomes = {"gerendert": 0, "Meldung": 0}
    for index in range(25):
        data = rng.choice(bases)
        for _ in range(rng.randint(1, 3)):
            data = mutate_template(data, rng)
        path = template_file(tmp_path, data, f"mutation-{index}.docx")
        try:
            result = render_concept(small, path)
        except RenderError as exc:
            assert "Vorlage" in exc.message
            outcomes["Meldung"] += 1
            continue
        docx.Document(io.BytesIO(result.data))
        outcomes["gerendert"] += 1
    assert outcomes["gerendert"] > 0

"""Issue 20.5: text pasted from web pages and PDFs (U+2028, U+2029, U+0085, CR, DEL, C1 controls, BOM …)
imports, and the written concept file always loads and keeps the text.

The Word files are built with python-docx; a character python-docx turns into markup (tab, line break) is
written into ``w:t`` directly, so that exactly the character reaches the import."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integconcept.core.safe_text import needs_yaml_quotes

#: What XML 1.0 can carry (a .docx cannot hold anything else): everything but C0 controls other than tab,
#: LF and CR, surrogates and U+FFFE/U+FFFF.
_XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[*(chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)), "\ufffe", "\uffff"],
)
#: The characters of the finding, weighted in so that every example has a good chance to meet them.
_PASTED = st.sampled_from(
    [
        "\u2028",
        "\u2029",
        "\u0085",
        "\r",
        "\x7f",
        "\x80",
        "\x9f",
        "\ufeff",
        "\u00a0",
        "\u200b",
        "\u202e",
        "\t",
        "\n",
        "#",
        ": ",
        "- ",
        "'",
        '"',
        "\\",
        "*",
        "&",
        "!",
        "%",
    ]
)
TEXT = st.lists(st.one_of(_XML_CHARS, _PASTED), min_size=1, max_size=60).map("".join)


def _paragraph_with_raw_text(document, text: str, style: str | None = None):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run()
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run._r.append(t)
    return paragraph


def _word(texts: list[str]) -> bytes:
    """A concept with the texts as a section heading, as paragraphs and in a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Integrationskonzept Kreis Beispiel", style="Title")
    document.add_heading("Präambel", 1)
    for text in texts:
        _paragraph_with_raw_text(document, text)
    _paragraph_with_raw_text(document, "Weiteres " + texts[0], style="Heading 1")
    _paragraph_with_raw_text(document, texts[-1])
    table = document.add_table(rows=2, cols=2)
    for row in table.rows:
        for cell in row.cells:
            t = cell.paragraphs[0].add_run()._r
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            node = OxmlElement("w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = texts[0]
            t.append(node)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _import_and_load(tmp_path, texts):
    from integconcept.commands.validate import validate_file
    from integconcept.document.loader import load
    from integconcept.wordimport import import_word

    word = tmp_path / "konzept.docx"
    word.write_bytes(_word(texts))
    out = tmp_path / "konzept.yaml"
    result = import_word(word, out)
    out.write_text(result.text, encoding="utf-8")
    checked = validate_file(str(out), rules=False)
    problems = [f"{f.code} {f.message}" for f in checked.findings if re.match(r"[FYS]\d{3}", f.code)]
    assert checked.usable and not problems, problems
    return load(str(out)).data, result.text


def _words(text: str) -> str:
    """The visible characters, in order (Word shows tabs, breaks and spaces as spacing); a typed list marker in
    front ("- ", "• ", "1) ", followed by spaces or tabs on the same line) is the list item's marker, not its
    text."""
    from integconcept.wordimport.reader import _MANUAL_BULLET

    text = text.replace("\u200b", "").replace("\u00ad", "")  # the import drops these invisible characters first
    stripped = text.strip()
    if m := (_MANUAL_BULLET.match(stripped) or re.match(r"^(\d{1,2})[.)][^\S\r\n]+(?=\S)", stripped)):
        text = stripped[m.end() :]
    return "".join(c for c in text if not c.isspace() and c not in "\u2028\u2029\u0085\ufeff\u200b\u00ad")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_imports_and_the_file_loads(tmp_path, texts):
    from integconcept.document import markup

    data, _ = _import_and_load(tmp_path, texts)
    from integconcept.document.walk import plain_strings

    strings = [markup.plain_text(text) for _, text in plain_strings(data)]
    kept = _words(" ".join(strings))
    for text in texts:
        assert _words(text) in kept or not _words(text)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\r", "\x7f", "\x80", "\x9f", "\ufeff"])
def test_each_character_of_the_finding_is_kept_escaped(tmp_path, char):
    """The character itself survives (double-quoted with a YAML escape), the import writes no raw one. A carriage
    return is a line end, which Word shows as a break: it becomes the markup's line break (as <w:br/> does), so
    that a typed "- " or "+ " after it stays text instead of starting a list."""
    data, text = _import_and_load(tmp_path, [f"Vor{char}nach dem Zeichen"])
    kept = "\\\n" if char == "\r" else char
    assert f"Vor{kept}nach dem Zeichen" in data["preamble"]["intro"]
    assert char not in text  # written as an escape such as \L, \N, \x7F, \r, \uFEFF
    assert not needs_yaml_quotes(text.replace("\n", " "))


@given(st.text(max_size=80))
def test_the_yaml_writer_escapes_what_yaml_cannot_carry_raw(value):
    """The import's writer on its own, with lone surrogates as well (a .docx cannot carry them, a YAML file
    can as an escape): the output parses back to the same text."""
    from integconcept.document.loader import compose
    from integconcept.wordimport.yaml_out import dump

    data = {
        "format_version": 1,
        "id": "kreis-x",
        "title": "T",
        "authority": {"name": "Kreis X", "kind": "kreis"},
        "status": "draft",
        "legal_basis": "tintg2012-p7",
        "preamble": {"intro": value or "x"},
    }
    text = dump(data, {("preamble",): [f"import: Abschnitt „{value}“"]})
    loaded, _ = compose(text)
    assert loaded["preamble"]["intro"] == (value or "x")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9.-+*_#=>&[]()\\`^~|:\n\t\u00a0ä§%1")), max_size=40))
def test_the_fast_plain_text_agrees_with_the_markup_parser(value):
    """The import compares texts without markup; its shortcut for text without markup characters must give what
    the project's markup parser gives (spacing aside)."""
    from integconcept.document.markup import plain_text
    from integconcept.wordimport.text import plain

    assert " ".join(plain(value).split()) == " ".join(plain_text(value).split())

"""The free-text markup convention documented in README.md."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integconcept.document import markup
from integconcept.document.markup import ListBlock, Paragraph, parse, plain_text


def test_paragraphs_bold_italic_and_line_break():
    blocks = parse("Erster **fetter** und *kursiver* Text\\\nneue Zeile\n\nZweiter Absatz")
    assert len(blocks) == 2 and all(isinstance(b, Paragraph) for b in blocks)
    runs = blocks[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs[:4]] == [
        ("Erster ", False, False),
        ("fetter", True, False),
        (" und ", False, False),
        ("kursiver", False, True),
    ]
    assert any(r.line_break for r in runs)
    assert blocks[0].plain.endswith("Text\nneue Zeile")


def test_nested_bullets_and_continuation_paragraph():
    (lst,) = parse("- **Integrationskonferenz**\n\n  Die Konferenz arbeitet …\n- Portal\n  - Unterpunkt")
    assert isinstance(lst, ListBlock) and not lst.ordered and len(lst.items) == 2
    first, second = lst.items
    assert first[0].runs[0].bold and first[1].plain == "Die Konferenz arbeitet …"
    assert isinstance(second[1], ListBlock) and second[1].items[0][0].plain == "Unterpunkt"


def test_numbered_list_keeps_start():
    (lst,) = parse("3. drei\n4. vier")
    assert lst.ordered and lst.start == 3 and len(lst.items) == 2


def test_inline_footnote_is_attached_at_its_place():
    (para,) = parse("von ausgewählten^[Aktive und geförderte Integrationstätigkeit] Migrantenorganisationen")
    texts = [r.text for r in para.runs]
    index = next(i for i, r in enumerate(para.runs) if r.footnote is not None)
    assert texts[index - 1].endswith("ausgewählten") and texts[index + 1].startswith(" Migranten")
    assert para.runs[index].footnote[0].plain == "Aktive und geförderte Integrationstätigkeit"


def test_other_markdown_is_plain_text():
    assert plain_text("# Keine Überschrift\n\n<b>kein HTML</b> [kein](link)") == (
        "# Keine Überschrift\n<b>kein HTML</b> [kein](link)"
    )


# ---------------------------------------------------------------------------- the plain-text fast path


_ALPHABET = st.sampled_from(
    list('aäßZ 019-+*._[]^`\\#&<>!~|=()"„“\u00a0\u2028\t\n\r\x00') + ["Kreis", "1. ", "- ", "10 ", "2012", "1)"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_plain_fast_path_parses_like_the_markdown_parser(text):
    """parse() skips markdown-it for plain text; whenever it does, the result is what markdown-it gives."""
    if markup.is_plain(text):
        markup.is_plain, original = (lambda _t: False), markup.is_plain
        try:
            slow = markup.parse(text)
        finally:
            markup.is_plain = original
        assert markup.parse(text) == slow


def test_plain_fast_path_is_taken_for_ordinary_names_only():
    assert markup.is_plain("Kommunales Integrationszentrum Kreis Unna (kiz)")
    assert not markup.is_plain("2012. Kreistag")  # an ordered list starting at 2012
    assert not markup.is_plain("- Punkt") and not markup.is_plain("**fett**") and not markup.is_plain("a\nb")
    # a number at the start is a list marker only with "." or ")" after it
    for text in ("10 Stadt- und Gemeindeverwaltungen", "2012", "3 Integrationsagenturen", "1 Vertreter/in, 2 Gäste"):
        assert markup.is_plain(text)
        assert markup._blocks(markup._parser().parse(text), {}) == markup.parse(text) == [Paragraph([markup.Run(text)])]
    for text in ("1) a", "12. Kreistag", "1.", "7)"):
        assert not markup.is_plain(text) and isinstance(markup.parse(text)[0], ListBlock)


# ---------------------------------------------------------------------------- paragraphs and bullet items


_LINES = st.sampled_from(
    [
        "",
        "",
        "a",
        "Kreis Unna",
        "- a",
        "- b c",
        "- Punkt",
        "-a",
        "- ",
        "-  a",
        " a",
        "a ",
        "  - a",
        "1. a",
        "2012. Kreistag",
        "* a",
        "+ a",
        "**b**",
        "- **b**",
        "a^[b]",
        "\t",
        " ",
        "- 10 Schulen",
        "#",
        "> q",
        "===",
        "---",
        "a\\",
        "- a\\",
        "&amp;",
        "<b>",
        "[x]: y",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINES, max_size=10).map("\n".join))
def test_paragraph_and_item_fast_path_parses_like_the_markdown_parser(text):
    """parse() writes simple paragraphs and "- " lists itself; whenever it does, the result is markdown-it's."""
    fast = markup._simple_blocks(text) if "\n" in text else None
    if fast is not None:
        saved = markup._simple_blocks
        markup._simple_blocks = lambda _t: None
        try:
            slow = markup.parse(text)
        finally:
            markup._simple_blocks = saved
        assert fast == slow, text


def test_paragraph_and_item_fast_path_is_taken_for_the_usual_texts():
    text = "Interkulturelle Bevölkerung meint insbesondere:\n\n- Spätaussiedler/innen,\n- Personen,\n\nEnde"
    assert (
        markup._simple_blocks(text)
        == markup.parse(text)
        == [
            markup.Paragraph([markup.Run("Interkulturelle Bevölkerung meint insbesondere:")]),
            markup.ListBlock(
                ordered=False,
                items=[
                    [markup.Paragraph([markup.Run("Spätaussiedler/innen,")])],
                    [markup.Paragraph([markup.Run("Personen,")])],
                ],
            ),
            markup.Paragraph([markup.Run("Ende")]),
        ]
    )
    assert markup._simple_blocks("a\nb\n\nc") == [
        markup.Paragraph([markup.Run("a"), markup.Run(" b")]),
        markup.Paragraph([markup.Run("c")]),
    ]
    parser = markup._blocks(markup._parser().parse("Lead:\n- x"), {})
    assert markup._simple_blocks("Lead:\n- x") == parser and len(parser) == 2  # a list may follow a line directly
    assert markup._simple_blocks("- a\nlazy") is None and markup._simple_blocks("- **a**\n- b") is None

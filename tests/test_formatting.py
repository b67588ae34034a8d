"""German numbers and dates (integconcept.core.german, the one formatting module for messages, documents,
timeline and Synopse): they write exactly what babel writes for de_DE."""

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from integconcept.core import german

LOCALE = "de_DE"


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.integers(-(10**12), 10**12), st.sampled_from([0, 999, 1000, 49011, 100_000_000])),
    st.sampled_from(["dot", "thin_space"]),
)
def test_counts_as_babel_writes_them(value, style):
    expected = format_decimal(value, format="#,##0", locale=LOCALE)
    if style == "thin_space":
        expected = expected.replace(".", german.NARROW_NBSP)
    assert german.number(value, thousands=style) == expected


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.floats(0, 100, allow_nan=False),
        st.floats(-1e6, 1e9, allow_nan=False, allow_infinity=False),
        st.decimals(-(10**6), 10**9, allow_nan=False, allow_infinity=False, places=6),
        st.sampled_from([0.05, 0.15, 0.25, 2.675, 99.95, 99.99, -0.04, 1234.5]),
    ),
    st.integers(0, 3),
)
def test_percentages_as_babel_writes_them_after_half_up_rounding(value, decimals):
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert german.percent(value, decimals) == format_decimal(rounded, format=pattern, locale=LOCALE) + "\u00a0%"


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False),
        st.decimals(-(10**9), 10**9, allow_nan=False, allow_infinity=False, places=4),
        st.sampled_from([0, 0.5, 5.5, 2.0, 0.005, 0.015, 2.675, -0.001, 1234.5]),
    ),
    st.integers(0, 3),
    st.sampled_from(["dot", "thin_space"]),
)
def test_numbers_and_amounts_as_babel_writes_them(value, decimals, thousands):
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(rounded, format=pattern, locale=LOCALE)
    if thousands == "thin_space":
        expected = expected.replace(".", german.NARROW_NBSP)
    assert german.number(value, decimals, thousands=thousands) == expected
    cents = Decimal(str(value)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert german.euro(value) == format_decimal(cents, format="#,##0.00", locale=LOCALE) + "\u00a0€"
    assert german.decimal_text(value) == format_decimal(Decimal(str(value)), format="#,##0.##", locale=LOCALE)


def test_messages_and_documents_round_alike():
    """The K006 message quotes a printed 34.65 % as the document prints it (it once said 34,6)."""
    from integconcept.rules.evidence import de_number

    assert german.percent(34.65, 1) == "34,7\u00a0%"
    assert de_number(34.65, 1) == "34,7" and de_number(49011) == "49\u202f011"
    assert german.number(None) == german.DASH and german.decimal_text(5.5) == "5,5" and german.decimal_text(2.0) == "2"


def test_percent_rounds_half_up_as_printed_tables_do():
    assert german.percent(0.25, 1) == "0,3\u00a0%"
    assert german.percent(23.45, 1) == "23,5\u00a0%"
    assert german.percent(1234.5, 0) == "1.235\u00a0%"


@settings(max_examples=400, deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.booleans())
def test_days_as_babel_writes_them(day, leading_zero):
    expected = format_date(day, "dd. MMMM y" if leading_zero else "d. MMMM y", locale=LOCALE)
    assert german.day_text(day, leading_zero) == expected


@settings(max_examples=400, deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_weekday_dates_as_babel_writes_them(day):
    assert german.long_weekday_date(day) == format_date(day, "EEE, d. MMMM y", locale=LOCALE)


def test_days_in_words():
    assert german.day_text(dt.date(2012, 9, 5)) == "5. September 2012"
    assert german.day_text(dt.date(2012, 9, 5), leading_zero=True) == "05. September 2012"
    assert german.day_text(dt.date(2012, 3, 1)) == "1. März 2012"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\r\nä")), max_size=30))
def test_run_text_with_tabs_and_breaks_is_written_as_python_docx_writes_it(text):
    """ooxml.append_text writes a stretch at a time what python-docx's run-text writer writes a character
    at a time (seconds for a long text with line breaks)."""
    from docx.oxml.text.run import _RunContentAppender
    from lxml import etree

    from integconcept.render.ooxml import append_text, make

    ours, theirs = make("w:r"), make("w:r")
    append_text(ours, text)
    _RunContentAppender.append_to_run_from_text(theirs, text)
    assert etree.tostring(ours) == etree.tostring(theirs)

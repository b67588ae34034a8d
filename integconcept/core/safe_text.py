"""Text from a concept file made safe in one place: for a terminal and for XML.

A YAML double-quoted scalar can hold anything: ``"\\ud800"`` gives a lone surrogate (which no
encoder accepts), ``"\\x01"`` or ``"\\x1b[2J"`` give control characters (which XML forbids and a
terminal executes). Every writer that puts user text on a screen, into a file or into XML goes
through one of these functions instead of hoping the text is clean:

* :func:`for_terminal` – messages on stdout/stderr and text/JSON files: lone surrogates become
  U+FFFD, control and bidi-override characters become visible escapes (``\\x01``), so the user
  sees what is in the file; line breaks and tabs stay.
* :func:`for_xml` – text for DOCX (WordprocessingML), ICS and other XML 1.0 based formats:
  characters XML 1.0 does not allow are removed, lone surrogates become U+FFFD.
* :class:`TerminalStream` – a text stream wrapper that applies :func:`for_terminal` to every write.
"""

from __future__ import annotations

import re
from typing import TextIO

#: Lone surrogates (a valid pair is one code point in a Python str, so any surrogate is lone).
_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0/C1 controls except tab and line feed, DEL, and the bidi controls that reorder shown text.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What XML 1.0 forbids (§ 2.2 Char): C0 controls except tab, LF, CR; surrogates; U+FFFE, U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

REPLACEMENT = "\ufffd"


#: What json.dumps(ensure_ascii=False) leaves raw although a terminal would not show it as it is.
_JSON_UNSAFE = re.compile("[\ud800-\udfff\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_text(value, **options) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with every character a terminal would alter written as a
    ``\\uXXXX`` escape (a lone surrogate as U+FFFD): valid JSON, and :func:`for_terminal` leaves it unchanged
    (it would otherwise turn a raw DEL into ``\\x7f``, which is not JSON)."""
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    # a lone surrogate (from a YAML escape or an undecodable file name) becomes U+FFFD as on the terminal:
    # strict JSON readers refuse an unpaired \\udXXX escape
    return _JSON_UNSAFE.sub(lambda m: REPLACEMENT if _SURROGATE.match(m.group()) else f"\\u{ord(m.group()):04x}", text)


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` as it can be printed and encoded as UTF-8 without surprises."""
    if text.isprintable() or text.isascii() and not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(_visible, _SURROGATE.sub(REPLACEMENT, text))


def for_xml(text: str) -> str:
    """``text`` with every character XML 1.0 does not allow removed (surrogates → U+FFFD)."""
    if text.isprintable():
        return text
    return _XML_ILLEGAL.sub("", _SURROGATE.sub(REPLACEMENT, text))


def is_xml_safe(text: str) -> bool:
    return not (_XML_ILLEGAL.search(text) or _SURROGATE.search(text))


def xml_escape(text: str) -> str:
    """``xml.sax.saxutils.escape`` (&, <, >) for XML character data, without importing ``xml.sax.saxutils``:
    it imports ``urllib.request`` and with it http, ssl and email (~13 ms at every start of ``render``)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_quoteattr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr``: the value escaped (also tab and line breaks) in the quotes it needs."""
    text = xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in text:
        if "'" in text:
            return '"%s"' % text.replace('"', "&quot;")
        return "'%s'" % text
    return '"%s"' % text


class TerminalStream:
    """Wraps a text stream; everything written passes :func:`for_terminal`."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(for_terminal(text))

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


#: What a YAML plain, single-quoted or block scalar cannot carry as it is: the characters YAML 1.2 does not
#: allow raw (C0 controls but tab and LF, DEL, C1 controls but NEL, surrogates, U+FFFE/U+FFFF), the line
#: breaks a reader normalises or folds (CR, NEL, U+2028, U+2029) and the byte-order mark. Text holding one
#: of them is written double-quoted, where YAML escapes it (``"\\x7F"``, ``"\\L"``).
_YAML_RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]")


def needs_yaml_quotes(text: str) -> bool:
    """True when ``text`` can only be written as a double-quoted YAML scalar (with escapes)."""
    return _YAML_RAW_UNSAFE.search(text) is not None


def yaml_comment(text: str) -> str:
    """Text for a ``# …`` comment line: line breaks become spaces, everything a YAML reader would reject or a
    terminal would alter becomes a visible escape (``\\u2028``)."""
    text = text.replace("\r\n", " ").replace("\n", " ")
    return _YAML_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

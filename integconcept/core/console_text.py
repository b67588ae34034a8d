"""Console output that never fails on a code page: characters the output encoding lacks get a readable
substitute instead of a UnicodeEncodeError.

On German Windows, Python writes redirected or piped output in cp1252 and a console in cp850 (unless UTF-8
mode or ``PYTHONIOENCODING`` says otherwise); neither has the narrow no-break space babel puts into
"27 710", box rules, "→" or (cp850) the typographic quotes „“ and "€". :func:`readable_output` installs an
error handler on stdout and stderr that writes the nearest readable text the encoding has (a space, ASCII
rules, "->", '"', "EUR", and in pure ASCII "ae" for "ä") and "?" only where there is none. The encoding
itself is left as Python chose it (``PYTHONIOENCODING``, UTF-8 mode, the console), and so is an error
handler the user set (``PYTHONIOENCODING=cp1252:replace``). Files the tool writes are encoded as UTF-8
by their writers and never pass through here.
"""

from __future__ import annotations

import codecs
import unicodedata

#: the name the error handler is registered under (``codecs.register_error``)
HANDLER = "integconcept-lesbar"

#: readable substitutes, most specific first; used only for characters the encoding cannot write
SUBSTITUTES: dict[str, str] = {
    # spaces and invisible characters
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2008": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
    # quotes and dashes
    "„": '"',
    "“": '"',
    "”": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‚": "'",
    "‘": "'",
    "’": "'",
    "‛": "'",
    "‹": "'",
    "›": "'",
    "′": "'",
    "´": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "−": "-",
    "‐": "-",
    "‑": "-",
    # arrows and signs
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "⇒": "=>",
    "⇐": "<=",
    "⇔": "<=>",
    "↑": "^",
    "↓": "v",
    "➔": "->",
    "…": "...",
    "•": "*",
    "·": "*",
    "‣": "*",
    "◦": "*",
    "▪": "*",
    "■": "#",
    "□": "[ ]",
    "●": "*",
    "○": "o",
    "✓": "OK",
    "✔": "OK",
    "✗": "x",
    "✘": "x",
    "×": "x",
    "÷": ":",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "≈": "~",
    "±": "+/-",
    "°": " Grad",
    "€": "EUR",
    "§": "Par.",
    "¶": "Abs.",
    "©": "(c)",
    "®": "(R)",
    "™": "(TM)",
    "½": "1/2",
    "¼": "1/4",
    "¾": "3/4",
    "²": "2",
    "³": "3",
    "¹": "1",
    "µ": "u",
    # German letters in pure ASCII
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "ẞ": "SS",
}


def _box(char: str) -> str | None:
    """ASCII for box drawing and block characters (rich's tables, the time line's rules)."""
    code = ord(char)
    if 0x2500 <= code <= 0x257F:
        name = unicodedata.name(char, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "=" if "DOUBLE" in name else "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name and ("AND" not in name):
            return "|"
        if "DASH" in name:
            return "|" if "VERTICAL" in name else "-"
        return "+"
    if 0x2580 <= code <= 0x259F:  # block elements (bars)
        return "#"
    if 0x25A0 <= code <= 0x25FF:  # geometric shapes
        return "*"
    return None


def substitute(char: str, encoding: str) -> str:
    """The readable text for ``char`` that ``encoding`` can write ("?" when there is none)."""
    candidates = [SUBSTITUTES.get(char), _box(char)]
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if decomposed and decomposed != char:
        candidates.append(decomposed)
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            candidate.encode(encoding)
        except (UnicodeError, LookupError):  # the substitute needs substitutes itself ("Grad" is fine, "ä…" not)
            try:
                return "".join(SUBSTITUTES.get(c, c) for c in candidate).encode(encoding, "strict").decode(encoding)
            except (UnicodeError, LookupError):
                continue
        return candidate
    return "?"


def _handler(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(substitute(char, error.encoding) for char in text), error.end


def register() -> str:
    """Register the error handler (once per process; registering again is harmless) and return its name."""
    codecs.register_error(HANDLER, _handler)
    return HANDLER


def readable(text: str, encoding: str) -> str:
    """``text`` as it appears in ``encoding``: unchanged where possible, substitutes elsewhere."""
    register()
    return text.encode(encoding, HANDLER).decode(encoding)


#: the error handlers Python gives stdout and stderr unless told otherwise
PYTHON_DEFAULTS = ("strict", "backslashreplace", None)


def readable_output(*streams) -> None:
    """Install the substituting error handler on text streams whose encoding fails on some characters.

    A stream with a UTF encoding, or with an error handler other than Python's defaults (``strict`` for
    stdout, ``backslashreplace`` for stderr: "\\u201e" is no message for a user), e.g. one the user chose
    in ``PYTHONIOENCODING``, is left as it is."""
    register()
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        errors = getattr(stream, "errors", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or not encoding or errors not in PYTHON_DEFAULTS:
            continue
        try:
            if codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32", "utf-8-sig"):
                continue
        except LookupError:
            continue
        try:
            reconfigure(errors=HANDLER)
        except (ValueError, OSError, AttributeError):  # a closed or detached stream
            pass


class Utf8Output:
    """Standard output for machine-readable formats (JSON, SARIF, iCalendar, YAML): always UTF-8 bytes,
    whatever the console's code page, because the programs that read them expect UTF-8 and a substitute
    would change the data (``validate -f json > befunde.json`` on German Windows would be cp1252 otherwise).
    Text meant for people goes through the stream itself with readable substitutes."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, stream):
        self._stream = stream
        self._buffer = stream.buffer

    def write(self, text: str) -> int:
        self._buffer.write(text.encode("utf-8", "surrogateescape" if _has_surrogates(text) else "strict"))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._buffer.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def _has_surrogates(text: str) -> bool:
    return any(0xDC80 <= ord(char) <= 0xDCFF for char in text)


def machine_output(stream):
    """``stream`` when it writes UTF-8 already (or has no bytes underneath, as in tests), else a
    :class:`Utf8Output` on its bytes (flushed first, so nothing written before comes later)."""
    encoding = (getattr(stream, "encoding", None) or "").lower()
    try:
        utf = codecs.lookup(encoding).name.startswith("utf-") if encoding else True
    except LookupError:
        utf = False
    if utf or getattr(stream, "buffer", None) is None:
        return stream
    stream.flush()
    return Utf8Output(stream)

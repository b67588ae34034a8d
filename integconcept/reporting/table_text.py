"""The timeline's table as rich lays it out, written without rich (start-up time).

``timeline`` and ``timeline plan`` print a table (date, body and purpose, days, latest invitation) that rich
laid out; importing rich's console, table and text modules and running them costs ~30 ms CPU, more than the
timeline adds to ``validate``. For output that rich writes without control codes (everything that is not a
terminal: the timeline is written into a buffer first) this module produces the same characters, the same
widths and wraps: it follows rich's ``Table`` for this table's settings (``box.SIMPLE_HEAD``, no edge, no edge
padding, not expanded) step by step, and rich's cell widths and line breaking (``rich.cells``, ``rich._wrap``)
for text whose every character takes one cell (:data:`ONE_CELL`: rich's own single-cell ranges and the German
quotation marks and dashes); any other text is measured and cut by ``rich.cells`` itself, imported only then.
:func:`layout` answers ``None`` whenever rich would do something this module does not follow (a terminal with
colours, Jupyter, a console narrower than :data:`MIN_WIDTH`, an encoding without box characters, control
characters, tabs or emoji codes ``:name:`` in the text): the caller then uses rich.
``tests/test_timeline_table_text.py`` compares both writers on every example and test concept, at many widths
and with random texts."""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import TextIO

#: Below this console width rich's last-resort column reduction leaves columns without room; rich writes those.
MIN_WIDTH = 20

#: Characters rich would treat specially: control characters (stripped, or line breaks for measuring),
#: tabs (expanded), C1 controls and the Unicode line separators.
_SPECIAL = frozenset(map(chr, (*range(0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)))
#: rich replaces ``:name:`` in plain strings with an emoji when it knows the name (rich._emoji_replace).
_EMOJI_CODE = r":\S*?:"
#: A "word" of rich's line breaking (rich._wrap.re_word): the word and the white space after it.
_WORD = re.compile(r"\s*\S+\s*")

#: Characters that take exactly one cell wherever rich measures them: those of rich's own single-cell ranges
#: (rich.cells._SINGLE_CELL_UNICODE_RANGES) that names and terms in a concept use (Latin letters, the box
#: drawing of the table's rule) and the dashes, quotation marks, bullet, ellipsis and euro sign of German text,
#: which rich's width tables give one cell in every Unicode version it ships (checked by
#: tests/test_timeline_table_text.py). Text of these characters only is measured here as rich measures it;
#: any other text goes to ``rich.cells``.
ONE_CELL = frozenset(
    map(
        chr,
        (
            *range(0x20, 0x7F),
            *range(0xA0, 0xAD),
            *range(0xAE, 0x250),
            *range(0x2010, 0x2023),
            0x2026,
            0x2030,
            0x2039,
            0x203A,
            0x20AC,
            *range(0x2500, 0x2580),
        ),
    )
)

#: A table column: (header, minimum width, no_wrap, justify, overflow), as reporting.timeline declares them.
Column = tuple[str, "int | None", bool, str, str]


def console_width(stream: TextIO) -> int | None:
    """The width ``rich.console.Console(file=stream)`` would use, or ``None`` when that console would be a
    terminal (control codes, colours) or something else this module does not write (Jupyter, IDLE)."""
    if hasattr(builtins, "get_ipython"):
        return None  # Jupyter or IPython: rich has its own rules there
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    environ = os.environ
    tty_compatible = environ.get("TTY_COMPATIBLE", "")
    if tty_compatible == "1":
        return None
    if tty_compatible != "0":
        force_color = environ.get("FORCE_COLOR")
        if force_color is not None:
            if force_color != "":
                return None
        else:
            isatty = getattr(stream, "isatty", None)
            try:
                if isatty is not None and isatty():
                    return None
            except ValueError:
                pass
    legacy = 0
    if sys.platform == "win32":  # rich's legacy Windows console (no VT codes, e.g. when piped) is one narrower
        from rich._windows import get_windows_console_features

        legacy = 0 if get_windows_console_features().vt else 1
    # rich.console.Console.__init__ and Console.size, as written there (COLUMNS and LINES both set on a
    # legacy Windows console subtract the column twice, as rich does)
    fixed: int | None = None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        fixed = int(columns) - legacy
    lines = environ.get("LINES")
    if fixed is not None and lines is not None and lines.isdigit():
        return fixed - legacy
    width: int | None = None
    streams = (1, 2) if sys.platform == "win32" else (0, 1, 2)
    for descriptor in _std_descriptors(streams):
        try:
            width, _ = os.get_terminal_size(descriptor)
        except (AttributeError, ValueError, OSError):
            continue
        break
    if columns is not None and columns.isdigit():
        width = int(columns)
    width = width or 80
    return width - legacy if fixed is None else fixed


def _std_descriptors(numbers: tuple[int, ...]) -> list[int]:
    """rich's _STD_STREAMS: the file descriptors of sys.__stdin__/__stdout__/__stderr__ (0, 1, 2 without)."""
    result = []
    for number in numbers:
        stream = (sys.__stdin__, sys.__stdout__, sys.__stderr__)[number]
        try:
            result.append(stream.fileno())  # type: ignore[union-attr]
        except Exception:  # as rich: any failure means the standard number
            result.append(number)
    return result


def usable(width: int | None, stream: TextIO, styled: list[str], plain: list[str]) -> bool:
    """Whether :func:`layout` writes what rich would: ``styled`` are the texts rich reads as plain strings
    (emoji codes replaced), ``plain`` those given to rich as Text objects."""
    if width is None or width < MIN_WIDTH:
        return False
    if not (getattr(stream, "encoding", None) or "utf-8").lower().startswith("utf"):
        return False  # rich would draw the rule in ASCII
    if any(text.count(":") > 1 and re.search(_EMOJI_CODE, text) for text in styled):
        return False
    return all(_SPECIAL.isdisjoint(text) for text in (*styled, *plain))


# --------------------------------------------------------------------------- rich's cells and line breaking


def one_cell(text: str) -> bool:
    """Whether every character of ``text`` is one of :data:`ONE_CELL`."""
    if text.isascii():
        return text.isprintable()  # U+0020–U+007E
    return ONE_CELL.issuperset(text)


# ``narrow`` below: the caller has checked that every line of the text is :func:`one_cell` (a table's texts are
# checked once; every piece of a one-cell line is one): it is measured without looking at its characters again.


def cell_len(text: str, narrow: bool = False) -> int:
    """rich.cells.cell_len: the cells ``text`` takes on a terminal."""
    if narrow or one_cell(text):
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


def set_cell_size(text: str, total: int, narrow: bool = False) -> str:
    """rich.cells.set_cell_size: ``text`` cropped or padded with spaces to ``total`` cells."""
    if total >= 0 and (narrow or one_cell(text)):
        size = len(text)
        return text + " " * (total - size) if size < total else text[:total]
    from rich.cells import set_cell_size as resize

    return resize(text, total)


def chop_cells(text: str, width: int, narrow: bool = False) -> list[str]:
    """rich.cells.chop_cells: ``text`` cut into pieces of at most ``width`` cells."""
    if width > 0 and (narrow or one_cell(text)):
        return [text[index : index + width] for index in range(0, len(text), width)]
    from rich.cells import chop_cells as chop

    return chop(text, width)


def divide_line(text: str, width: int, fold: bool = True, narrow: bool = False) -> list[int]:
    """rich._wrap.divide_line: the offsets at which ``text`` is broken to fit ``width`` cells (a word longer
    than a line is folded with ``fold``, else left to be cropped)."""
    measure = len if narrow else cell_len
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start = match.start()
        word = match.group(0)
        word_length = measure(word.rstrip())
        if width - offset >= word_length:  # the word fits on this line
            offset += measure(word)
        elif word_length > width:  # the word fits on no line
            if fold:
                pieces = chop_cells(word, width, narrow)
                for number, piece in enumerate(pieces, 1):
                    if start:
                        breaks.append(start)
                    if number == len(pieces):
                        offset = measure(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = measure(word)
        elif offset and start:  # on the next line
            breaks.append(start)
            offset = measure(word)
    return breaks


# --------------------------------------------------------------------------- rich's Text, unstyled


def _truncate(line: str, width: int, overflow: str, pad: bool = False, narrow: bool = False) -> str:
    """rich.text.Text.truncate."""
    length = len(line) if narrow else cell_len(line)
    if length > width:
        if overflow == "ellipsis":
            line = set_cell_size(line, width - 1, narrow) + "…"
        else:
            line = set_cell_size(line, width, narrow)
    if pad and length < width:
        line += " " * (width - length)
    return line


def wrap(text: str, width: int, justify: str, overflow: str, no_wrap: bool, narrow: bool = False) -> list[str]:
    """rich.text.Text.wrap (the lines of ``text`` wrapped, justified and cropped to ``width`` cells)."""
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap or (narrow and len(line) <= width):  # the second: every word fits, no break (divide_line)
            pieces = [line]
        else:
            offsets = divide_line(line, width, overflow == "fold", narrow)
            bounds = [0, *offsets, len(line)]
            pieces = [line[start:end] for start, end in zip(bounds, bounds[1:])] if offsets else [line]
            for index, piece in enumerate(pieces):  # Text.rstrip_end: counts characters, not cells
                if len(piece) > width:
                    trailing = len(piece) - len(piece.rstrip())  # the white space rich's r"\s+$" finds
                    if trailing:
                        pieces[index] = piece[: -min(trailing, len(piece) - width)]
        if justify == "left":
            pieces = [_truncate(piece, width, overflow, True, narrow) for piece in pieces]
        elif justify == "right":
            pieces = [_truncate(piece.rstrip(), width, overflow, False, narrow) for piece in pieces]
            pieces = [" " * (width - cell_len(piece, narrow)) + piece for piece in pieces]
        lines.extend(_truncate(piece, width, overflow, False, narrow) for piece in pieces)
    return lines


def _measure(text: str, narrow: bool = False) -> tuple[int, int]:
    """rich.measure.Measurement.get of a Text before its limits: (longest word, longest line) in cells."""
    measure = len if narrow or one_cell(text.replace("\n", "")) else cell_len
    lines = text.splitlines()
    maximum = max(map(measure, lines)) if lines else 0
    words = text.split()
    return (max(map(measure, words)) if words else maximum), maximum


def _limit(minimum: int, maximum: int, max_width: int) -> tuple[int, int]:
    """normalize(), with_maximum(max_width) and the zero check of Measurement.get."""
    minimum = max(0, min(max(0, minimum), maximum))
    maximum = max(0, max(minimum, maximum))
    minimum, maximum = min(minimum, max_width), min(maximum, max_width)
    return (0, 0) if maximum < 1 else (minimum, maximum)


def _measure_padded(measured: tuple[int, int], left: int, right: int, max_width: int) -> tuple[int, int]:
    """Measurement.get of rich.padding.Padding(text, (0, right, 0, left)), ``measured``: :func:`_measure` of
    the text."""
    if max_width < 1:
        return 0, 0
    extra = left + right
    if max_width - extra < 1:
        return _limit(max_width, max_width, max_width)
    low, high = _limit(*measured, max_width)
    return _limit(min(low + extra, max_width), min(high + extra, max_width), max_width)


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce (that module imports fractions)."""
    ratios = [ratio if limit else 0 for ratio, limit in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result: list[int] = []
    for ratio, limit, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(limit, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich.table.Table._collapse_widths."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            largest = max(width for width, wraps in zip(widths, wrapable) if wraps)
            second = max(width if wraps and width != largest else 0 for width, wraps in zip(widths, wrapable))
            difference = largest - second
            ratios = [1 if (width == largest and wraps) else 0 for width, wraps in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


# --------------------------------------------------------------------------- rich's Table, unstyled


def layout(
    width: int,
    title: str,
    columns: list[Column],
    rows: list[list[str]],
) -> list[str] | None:
    """The lines (without line ends) rich writes for ``Console(width).print(table)`` of a ``Table`` with
    ``box.SIMPLE_HEAD``, ``show_edge=False``, ``pad_edge=False``, ``expand=False``, ``title`` left-justified
    and the ``columns`` (header, min_width, no_wrap, justify, overflow) holding ``rows`` (one string a cell);
    ``None`` when a column is left no room for its text (rich then writes its own way; a very narrow console)."""
    count = len(columns)
    pads = [(0 if index == 0 else 1, 0 if index == count - 1 else 1) for index in range(count)]
    cells = [[column[0] for column in columns], *rows]  # the header is the first row
    extra = count - 1  # the dividers between the columns
    max_width = width - extra
    narrow = all(one_cell(text.replace("\n", "")) for text in (title, *(text for row in cells for text in row)))
    # each column's different measurements (the widest of them counts; many cells measure alike)
    sizes = [{_measure(row[index], narrow) for row in cells} for index in range(count)]

    def measure_column(index: int, limit: int) -> tuple[int, int]:
        if limit < 1:
            return 0, 0
        left, right = pads[index]
        measured = [_measure_padded(size, left, right, limit) for size in sizes[index]]
        low = max(m[0] for m in measured)
        high = max(m[1] for m in measured)
        low, high = min(low, limit), min(high, limit)  # with_maximum
        minimum = columns[index][1]
        if minimum is not None:  # clamp(min_width + padding)
            floor = max(0, minimum + left + right)
            low, high = max(low, floor), max(high, floor)
        return low, high

    widths = [measure_column(index, max_width)[1] or 1 for index in range(count)]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not column[2] for column in columns], max_width)
        if sum(widths) > max_width:  # last resort: reduce every column
            widths = _ratio_reduce(sum(widths) - max_width, [1] * count, widths, widths)
        widths = [measure_column(index, w)[1] or 0 for index, w in enumerate(widths)]
    if any(width - left - right < 1 for width, (left, right) in zip(widths, pads)):
        return None
    table_width = sum(widths) + extra

    out = wrap(title, table_width, "left", "fold", False, narrow)
    for row_index, row in enumerate(cells):
        rendered: list[list[str]] = []
        for index, (text, (_, _, no_wrap, justify, overflow)) in enumerate(zip(row, columns)):
            left, right = pads[index]
            inner = widths[index] - left - right
            lines = [
                set_cell_size(line, inner, narrow) for line in wrap(text, inner, justify, overflow, no_wrap, narrow)
            ]
            rendered.append([f"{' ' * left}{line}{' ' * right}" for line in lines])
        height = max(len(lines) for lines in rendered)
        for index, lines in enumerate(rendered):
            blank = [" " * widths[index]] * (height - len(lines))
            lines = blank + lines if row_index == 0 else lines + blank  # the header row sits at the bottom
            # Segment.adjust_line_length with padding: crop or pad to the column's width
            rendered[index] = [set_cell_size(line, widths[index], narrow) for line in lines]
        out.extend(" ".join(parts) for parts in zip(*rendered))
        if row_index == 0:
            out.append("─" * table_width)
    if table_width > width:  # Console.print crops every line to the console's width
        out = [_crop(line, width, narrow) for line in out]
    return out


def _crop(line: str, width: int, narrow: bool = False) -> str:
    """Segment.adjust_line_length(pad=False): crop a line wider than ``width`` cells, keep a shorter one."""
    return set_cell_size(line, width, narrow) if cell_len(line, narrow) > width else line


def paragraph(text: str, width: int) -> list[str]:
    """The lines of ``Console(width).print(text)`` for a plain string (wrapped, not padded)."""
    narrow = one_cell(text.replace("\n", ""))
    return [_crop(line, width, narrow) for line in wrap(text, width, "default", "fold", False, narrow)]

"""The Gremienlauf on a time line, as an accessible SVG (the studio's "Gremienlauf" view).

One row per dated step in the order of the file: a dot for a day, a bar for a vague date ("Anfang
November 2012" covers 1–10 November). Behind the rows the NRW school holidays and public holidays are
shaded (:mod:`integconcept.procedure.calendar`); in the row of a political body's session the notice
period is shaded up to the session and its latest invitation day is marked (the notice period of
:func:`integconcept.procedure.settings.notice_for`: the body's, the authority's, the setting's or the
stated default). Findings whose path points into a step (``approval_process.steps[3].date``) sit at the
right of that step's row as a badge with the code, coloured by severity; the German message is its
tooltip (``<title>``). Undated steps and findings not about one step are listed below the time line.

The output depends on its input only (no clock, no random ids): the same concept and findings give the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape as _html_escape

from integconcept.core.findings import Finding, Severity
from integconcept.core.german import MONTHS, count, long_date, short_date
from integconcept.core.safe_text import for_xml
from integconcept.procedure import calendar
from integconcept.procedure.chain import Step, build_steps
from integconcept.procedure.settings import notice_for
from integconcept.reporting.timeline import german_date

# --------------------------------------------------------------------------- geometry (px) and colours

WIDTH = 1100
LABEL_X = 12  # the step labels
PLOT_LEFT = 360
PLOT_RIGHT = 900
BADGE_LEFT = 912
ROW = 26
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
FONT_SIZE = 12
SMALL = 10.5
#: average advance of a character of Arial at FONT_SIZE (to shorten labels that would not fit)
_CHAR = 0.53

SCHOOL_FILL = "#fbe7b5"
PUBLIC_FILL = "#f2b8b8"
NOTICE_FILL = "#cfdcef"
STEP_FILL = "#1f4e79"
RANGE_FILL = "#9dc3e6"
GRID = "#c8c8c8"
SEVERITY_FILL = {Severity.error: "#a4262c", Severity.warning: "#8a5a00", Severity.info: "#1f5f99"}
SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


def escape(text: str) -> str:
    """Text for the SVG: XML-escaped, and a control character or lone surrogate (from a YAML escape in a
    body name or message) replaced, so the SVG stays well-formed and encodable."""
    return _html_escape(for_xml(text))


#: Holidays are shaded for a time line of at most about four years (a Gremienlauf takes months; over
#: longer spans a day is less than a pixel wide, and years outside the built-in table are slow to ask).
MAX_SHADED_DAYS = 1500
#: Beyond this many months only the years get a grid line.
MAX_MONTH_LINES = 48

_STEP_PATH = re.compile(r"^approval_process\.steps\[(\d+)\]")


def step_of(finding: Finding) -> int | None:
    """The index of the step a finding is about (its path inside ``approval_process.steps[i]``), else None.
    The path may be a tuple (as the rules give it) or a dotted text (``approval_process.steps[3].date``)."""
    path = finding.path
    if isinstance(path, str):
        match = _STEP_PATH.match(path)
        return int(match.group(1)) if match else None
    if len(path) >= 3 and tuple(path[:2]) == ("approval_process", "steps") and isinstance(path[2], int):
        return path[2]
    return None


def timeline_svg(concept, findings: list[Finding], settings: dict | None = None) -> str:
    """The SVG document (``<svg …>…</svg>``, UTF-8 text) of the concept's Gremienlauf with ``findings``.
    ``settings``: the project configuration (its ``timeline`` table may set the notice period)."""
    return _Drawing(concept, list(findings), settings).svg()


class _Drawing:
    def __init__(self, concept, findings: list[Finding], settings: dict | None):
        self.concept = concept
        self.steps = build_steps(concept)
        self.dated = [s for s in self.steps if s.dated]
        self.undated = [s for s in self.steps if not s.dated]
        self.by_step: dict[int, list[Finding]] = {}
        self.loose: list[Finding] = []
        for finding in sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.code, f.message)):
            index = step_of(finding)
            if index is not None and 0 <= index < len(self.steps):
                self.by_step.setdefault(index, []).append(finding)
            elif _about_the_process(finding):
                self.loose.append(finding)
        self.notices = {}
        for step in self.dated:
            if step.political and step.precision == "day":
                notice = notice_for(concept, step.body_ref, settings)
                self.notices[step.index] = (notice, notice.latest_invitation(step.first_day))
        self.first, self.last = self._span()
        self.shaded = (self.last - self.first).days <= MAX_SHADED_DAYS

    # ------------------------------------------------------------------ the time axis

    def _span(self) -> tuple[dt.date, dt.date]:
        """From the first of the month of the earliest day shown to the end of the month of the latest."""
        days = [s.first_day for s in self.dated] + [s.last_day for s in self.dated]
        days += [latest for _, latest in self.notices.values()]
        days += [s.invitation_date for s in self.dated if s.invitation_date]
        if not days:
            return dt.date(2000, 1, 1), dt.date(2000, 1, 31)
        first, last = min(days), max(days)
        start = first.replace(day=1)
        end = _next_month(last.replace(day=1)) - dt.timedelta(days=1)
        return start, end

    def x(self, day: dt.date) -> float:
        """The left edge of ``day`` on the plot."""
        total = (self.last - self.first).days + 1
        return PLOT_LEFT + (day - self.first).days * (PLOT_RIGHT - PLOT_LEFT) / total

    def day_width(self) -> float:
        return (PLOT_RIGHT - PLOT_LEFT) / ((self.last - self.first).days + 1)

    # ------------------------------------------------------------------ the drawing

    def svg(self) -> str:
        title = f"Gremienlauf: {self.concept.title}"
        rows_top = 92
        rows_bottom = rows_top + ROW * max(1, len(self.dated))
        below = self._below(rows_bottom + 34)
        height = below[1]
        label = self._summary()
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="ic-timeline" role="img" aria-label="{escape(label)}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}" font-family="{FONT}" '
            f'font-size="{FONT_SIZE}">',
            f"<title>{escape(title)}</title>",
            f"<desc>{escape(self._description())}</desc>",
            f'<rect x="0" y="0" width="{WIDTH}" height="{_n(height)}" fill="#ffffff"/>',
            f'<text x="{LABEL_X}" y="22" font-size="15" font-weight="bold">{escape(_shorten(title, 120))}</text>',
            self._legend(44),
        ]
        if self.dated:
            out.append(self._stripes(rows_top))
            if self.shaded:
                out.append(self._holidays(rows_top - 22, rows_bottom))
            out.append(self._months(rows_top - 22, rows_bottom))
            for row, step in enumerate(self.dated):
                out.append(self._row(step, rows_top + row * ROW))
        else:
            out.append(f'<text x="{LABEL_X}" y="{rows_top + 16}">Kein Schritt hat ein Datum.</text>')
        out.append(below[0])
        out.append("</svg>")
        return "".join(out)

    def _summary(self) -> str:
        """The accessible name: "Zeitleiste des Gremienlaufs: 12 Schritte von 31. Juli 2012 bis
        12. Dezember 2012 (2 ohne Datum); 4 Befunde." """
        text = f"Zeitleiste des Gremienlaufs: {count(len(self.steps), 'Schritt')}"
        if self.dated:
            text += (
                f" von {long_date(min(s.first_day for s in self.dated))} "
                f"bis {long_date(max(s.last_day for s in self.dated))}"
            )
        if self.undated:
            text += f" ({len(self.undated)} ohne Datum)"
        total = sum(len(v) for v in self.by_step.values()) + len(self.loose)
        return f"{text}; {count(total, 'Befund')}." if total else f"{text}; keine Befunde."

    def _description(self) -> str:
        """Every step in words, with its notice deadline and findings, for screen readers."""
        lines = []
        for step in self.steps:
            line = f"{german_date(step)}: {step.body}"
            if step.index in self.notices:
                notice, latest = self.notices[step.index]
                line += f" (späteste Einladung {short_date(latest)}, Ladungsfrist {notice.label()})"
            for finding in self.by_step.get(step.index, []):
                line += f"; {finding.severity.label} {finding.code}: {finding.message}"
            lines.append(line + ".")
        for finding in self.loose:
            lines.append(f"{finding.severity.label} {finding.code}: {finding.message}")
        return " ".join(lines)

    def _legend(self, y: float) -> str:
        items = [
            (f'<circle cx="6" cy="-4" r="5" fill="{STEP_FILL}"/>', "Sitzung / Termin"),
            (
                f'<rect x="0" y="-9" width="18" height="10" fill="{RANGE_FILL}" stroke="{STEP_FILL}"/>',
                "ungefähres Datum",
            ),
            (
                f'<rect x="0" y="-10" width="14" height="12" fill="{NOTICE_FILL}"/>'
                f'<path d="M7 -10 L7 2" stroke="{STEP_FILL}" stroke-width="2"/>',
                "Ladungsfrist, späteste Einladung",
            ),
            (f'<rect x="0" y="-10" width="14" height="12" fill="{SCHOOL_FILL}"/>', "Schulferien"),
            (f'<rect x="0" y="-10" width="14" height="12" fill="{PUBLIC_FILL}"/>', "Feiertag"),
        ]
        if not self.shaded:
            items = items[:3] + [("", "Ferien und Feiertage nur bei Zeiträumen bis vier Jahre")]
        out = ['<g class="tl-legend" font-size="11">']
        x: float = LABEL_X
        for mark, text in items:
            out.append(f'<g transform="translate({_n(x)},{_n(y)})">{mark}<text x="24" y="0">{escape(text)}</text></g>')
            x += 34 + len(text) * 11 * _CHAR
        out.append("</g>")
        return "".join(out)

    def _stripes(self, top: float) -> str:
        """Every other row on a light grey band across the whole width: a row's label, marks and findings
        read as one line."""
        return "".join(
            f'<rect x="{LABEL_X - 6}" y="{_n(top + row * ROW)}" width="{WIDTH - 2 * LABEL_X + 6}" height="{ROW}" '
            'fill="#f2f2f2"/>'
            for row in range(1, len(self.dated), 2)
        )

    def _holidays(self, top: float, bottom: float) -> str:
        out = ['<g class="tl-holidays">']
        for kind, fill, first, last, name in self._holiday_bands():
            x = self.x(first)
            w = self.x(last) + self.day_width() - x
            when = short_date(first) if first == last else f"{short_date(first)} bis {short_date(last)}"
            label = f"{name} ({when})" if kind == "school" else f"Feiertag: {name} ({when})"
            out.append(
                f'<rect class="tl-{kind}" data-from="{first.isoformat()}" data-to="{last.isoformat()}" '
                f'x="{_n(x)}" y="{_n(top)}" width="{_n(max(w, 1.5))}" height="{_n(bottom - top)}" '
                f'fill="{fill}"><title>{escape(label)}</title></rect>'
            )
        out.append("</g>")
        return "".join(out)

    def _holiday_bands(self) -> list[tuple[str, str, dt.date, dt.date, str]]:
        """(kind, fill, first day, last day, name) of every school holiday period and public holiday shown."""
        bands: list[tuple[str, str, dt.date, dt.date, str]] = []
        open_school: list | None = None
        day = self.first
        while day <= self.last:
            school = calendar.school_holiday(day)
            if school and open_school and open_school[2] == school and open_school[1] == day - dt.timedelta(days=1):
                open_school[1] = day
            else:
                if open_school:
                    bands.append(("school", SCHOOL_FILL, open_school[0], open_school[1], open_school[2]))
                open_school = [day, day, school] if school else None
            day += dt.timedelta(days=1)
        if open_school:
            bands.append(("school", SCHOOL_FILL, open_school[0], open_school[1], open_school[2]))
        day = self.first
        while day <= self.last:
            name = calendar.public_holiday(day)
            if name:
                bands.append(("public", PUBLIC_FILL, day, day, name))
            day += dt.timedelta(days=1)
        return bands

    def _months(self, top: float, bottom: float) -> str:
        """A grid line at the first of every month with its German name (at most about twelve names);
        over more than four years a line and the number of the year at every January."""
        months = []
        month = self.first
        while month <= self.last:
            months.append(month)
            month = _next_month(month)
        years_only = len(months) > MAX_MONTH_LINES
        # a label every 1, 2, 5, 10, 20, 50 or 100 years: at most about twelve
        step = next((n for n in (1, 2, 5, 10, 20, 50, 100) if len(months) / 12 / n <= 12), 100)
        every = max(1, -(-len(months) // 12))  # at most about twelve labels
        out = [
            f'<g class="tl-months" stroke="{GRID}">',
            f'<line x1="{PLOT_LEFT}" y1="{_n(bottom)}" x2="{PLOT_RIGHT}" y2="{_n(bottom)}"/>',
        ]
        labels = ['<g class="tl-month-labels" font-size="11" fill="#333333">']
        for index, month in enumerate(months):
            if years_only and month.month != 1:
                continue
            x = self.x(month)
            out.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom + 4)}"/>')
            if years_only:
                if month.year % step == 0:
                    labels.append(f'<text x="{_n(x + 3)}" y="{_n(top - 6)}">{month.year}</text>')
                continue
            if index % every:
                continue
            end = min(_next_month(month), self.last + dt.timedelta(days=1))
            middle = (x + self.x(end)) / 2 if every == 1 else x + 3
            anchor = "middle" if every == 1 else "start"
            name = MONTHS[month.month - 1]
            year = f" {month.year}" if month.month == 1 or index == 0 else ""
            room = (self.x(end) - x) * every
            text = name + year if room >= len(name + year) * 11 * _CHAR + 4 else name[:3] + year
            labels.append(f'<text x="{_n(middle)}" y="{_n(top - 6)}" text-anchor="{anchor}">{escape(text)}</text>')
        out.append("</g>")
        labels.append("</g>")
        return "".join(out) + "".join(labels)

    def _row(self, step: Step, top: float) -> str:
        middle = top + ROW / 2
        path = f"approval_process.steps[{step.index}]"
        when = german_date(step)
        out = [
            f'<g class="tl-step" data-step="{step.index}" data-path="{path}">',
            f"<title>{escape(f'{when}: {step.body}')}</title>",
        ]
        label = _shorten(
            f"{short_date(step.first_day) if step.precision == 'day' else when}  {step.body}",
            int((PLOT_LEFT - LABEL_X - 12) / (FONT_SIZE * _CHAR)),
        )
        out.append(f'<text x="{LABEL_X}" y="{_n(middle + 4)}">{escape(label)}</text>')
        out.append(f'<line x1="{PLOT_LEFT}" y1="{_n(middle)}" x2="{PLOT_RIGHT}" y2="{_n(middle)}" stroke="#e3e3e3"/>')
        if step.index in self.notices:
            notice, latest = self.notices[step.index]
            x0, x1 = self.x(latest), self.x(step.first_day)
            text = (
                f"Ladungsfrist {notice.label()}: späteste Einladung {calendar.WEEKDAYS_DE[latest.weekday()]}, "
                f"{long_date(latest)} ({notice.source})"
            )
            out.append(
                f'<g class="tl-notice" data-latest="{latest.isoformat()}"><title>{escape(text)}</title>'
                f'<rect x="{_n(x0)}" y="{_n(middle - 7)}" width="{_n(max(x1 - x0, 1))}" height="14" '
                f'fill="{NOTICE_FILL}"/>'
                f'<line x1="{_n(x0 + 1)}" y1="{_n(middle - 9)}" x2="{_n(x0 + 1)}" y2="{_n(middle + 9)}" '
                f'stroke="{STEP_FILL}" stroke-width="2"/></g>'
            )
        if step.invitation_date:
            x = self.x(step.invitation_date) + self.day_width() / 2
            out.append(
                f'<path class="tl-invitation" d="M{_n(x)} {_n(middle - 6)} L{_n(x + 5)} {_n(middle)} '
                f'L{_n(x)} {_n(middle + 6)} L{_n(x - 5)} {_n(middle)} Z" fill="#ffffff" stroke="{STEP_FILL}">'
                f"<title>Einladung am {escape(long_date(step.invitation_date))}</title></path>"
            )
        if step.precision == "day":
            x = self.x(step.first_day) + self.day_width() / 2
            out.append(f'<circle class="tl-day" cx="{_n(x)}" cy="{_n(middle)}" r="5" fill="{STEP_FILL}"/>')
        else:
            x0 = self.x(step.first_day)
            x1 = self.x(step.last_day) + self.day_width()
            out.append(
                f'<rect class="tl-range" x="{_n(x0)}" y="{_n(middle - 5)}" width="{_n(max(x1 - x0, 2))}" '
                f'height="10" rx="2" fill="{RANGE_FILL}" stroke="{STEP_FILL}"/>'
            )
        out.append(self._badges(self.by_step.get(step.index, []), BADGE_LEFT, middle))
        out.append("</g>")
        return "".join(out)

    def _badges(self, findings: list[Finding], left: float, middle: float, limit: float = WIDTH - 6) -> str:
        out = []
        x = left
        for number, finding in enumerate(findings):
            width = 10 + len(finding.code) * SMALL * 0.62
            if x + width > limit:  # no room left in the row: "+n" says how many more (all in the list below)
                rest = len(findings) - number
                out.append(
                    f'<text x="{_n(x)}" y="{_n(middle + 4)}" font-size="{SMALL}">+{rest}'
                    f"<title>{escape(_messages(findings[number:]))}</title></text>"
                )
                break
            fill = SEVERITY_FILL.get(finding.severity, "#444444")
            out.append(
                f'<g class="tl-finding tl-{finding.severity.value}" data-code="{escape(finding.code)}">'
                f"<title>{escape(_message(finding))}</title>"
                f'<rect x="{_n(x)}" y="{_n(middle - 8)}" width="{_n(width)}" height="16" rx="3" fill="{fill}"/>'
                f'<text x="{_n(x + width / 2)}" y="{_n(middle + 4)}" text-anchor="middle" fill="#ffffff" '
                f'font-size="{SMALL}" font-weight="bold">{escape(finding.code)}</text></g>'
            )
            x += width + 4
        return "".join(out)

    def _below(self, top: float) -> tuple[str, float]:
        """Undated steps and findings about the process as a whole, listed under the time line."""
        out: list[str] = []
        y = top
        if self.undated:
            y = self._list_below(out, y, "Schritte ohne Datum", self.undated, self._undated_row) + 22
        if self.loose:
            y = self._list_below(out, y, "Befunde zum Ablauf insgesamt", self.loose, self._loose_row) + 12
        return "".join(out), y + 8

    @staticmethod
    def _list_below(out: list[str], y: float, title: str, items: list, row) -> float:
        """A bold title and one row per item (``row(item, middle)``) from ``y`` down; returns the new ``y``."""
        out.append(f'<text x="{LABEL_X}" y="{_n(y)}" font-weight="bold">{title}</text>')
        y += 8
        for item in items:
            y += ROW
            out.append(row(item, y - ROW / 2 + 4))
        return y

    def _undated_row(self, step: Step, middle: float) -> str:
        when = german_date(step)
        text = _shorten(f"{step.body} – {when}", int((BADGE_LEFT - LABEL_X - 20) / (FONT_SIZE * _CHAR)))
        return (
            f'<g class="tl-step tl-undated" data-step="{step.index}" '
            f'data-path="approval_process.steps[{step.index}]">'
            f"<title>{escape(f'{when}: {step.body}')}</title>"
            f'<text x="{LABEL_X}" y="{_n(middle + 4)}">{escape(text)}</text>'
            + self._badges(self.by_step.get(step.index, []), BADGE_LEFT, middle)
            + "</g>"
        )

    def _loose_row(self, finding: Finding, middle: float) -> str:
        return (
            f'<g class="tl-loose">{self._badges([finding], LABEL_X, middle, BADGE_LEFT)}'
            f'<text x="{_n(LABEL_X + 70)}" y="{_n(middle + 4)}">'
            f"{escape(_shorten(finding.message, 125))}<title>{escape(_message(finding))}</title>"
            "</text></g>"
        )


def _about_the_process(finding: Finding) -> bool:
    path = finding.path
    if isinstance(path, str):
        return path.startswith("approval_process")
    return bool(path) and path[0] == "approval_process"


def _message(finding: Finding) -> str:
    text = f"{finding.severity.label} {finding.code}: {finding.message}"
    return f"{text} {finding.hint}" if finding.hint else text


def _messages(findings: list[Finding]) -> str:
    return " | ".join(_message(f) for f in findings)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

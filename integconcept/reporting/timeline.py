"""The ``timeline`` command's data and its text and JSON output.

Steps are shown in date order. Undated steps keep their place in the list: they sort right after
the latest dated step above them. In JSON an undated step has ``"date": null``,
``"date_end": null`` and ``"precision": null``.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from integconcept.core.findings import Finding, Severity
from integconcept.core.german import count, long_weekday_date, severity_mark
from integconcept.document.labels import label
from integconcept.document.enums import BODY_KIND_LABELS, PURPOSE_LABELS
from integconcept.core.safe_text import json_text
from integconcept.procedure import datetext as fmt
from integconcept.procedure.chain import Step, build_steps
from integconcept.procedure.settings import Notice, consultation_days, notice_for

SEVERITY_MARK = {severity: severity_mark(severity) for severity in Severity}


class Timeline:
    """A concept's Gremienlauf as the timeline shows it. A plain class: a dataclass is defined by compiling
    generated code, which costs ``timeline`` more start-up time than building the timeline does."""

    __slots__ = ("file", "concept", "steps", "findings", "notices", "consultation")

    def __init__(
        self,
        file: str,
        concept: object,
        steps: list[Step],  # in date order
        findings: list[Finding],  # timeline pack only
        notices: dict[int, Notice] | None = None,  # by step index, political steps
        consultation: tuple[int, str, bool] | None = None,
    ) -> None:
        self.file = file
        self.concept = concept
        self.steps = steps
        self.findings = findings
        self.notices = {} if notices is None else notices
        self.consultation = consultation

    def step_findings(self, step: Step) -> list[Finding]:
        prefix = step.path
        return [f for f in self.findings if tuple(f.path[:3]) == prefix]

    def loose_findings(self) -> list[Finding]:
        return [f for f in self.findings if tuple(f.path[:2]) != ("approval_process", "steps")]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def order_key(step: Step):
    anchor = step.start if step.dated else (step.earliest or dt.date.min)
    return (anchor, 0 if step.dated else 1, step.index)


def build(file: str, concept, findings: list[Finding], settings: dict | None = None) -> Timeline:
    steps = sorted(build_steps(concept), key=order_key)
    notices = {s.index: notice_for(concept, s.body_ref, settings) for s in steps if s.political}
    return Timeline(file, concept, steps, findings, notices, consultation_days(concept, settings))


def timeline_codes() -> set[str]:
    from integconcept.rules.index import RULES

    return {code for code, (_, packs, _) in RULES.items() if packs & {"timeline", "oparl"}}


# --------------------------------------------------------------------------- text


def german_date(step: Step) -> str:
    """„Di., 30. Oktober 2012“; vague: „Anfang November 2012“; undated: the printed label."""
    if step.start is None or step.end is None:  # undated
        return f"({step.date_label})" if step.date_label else "ohne Datum"
    if step.precision == "day":
        return long_weekday_date(step.start)
    return fmt.span(step.start, step.end, step.precision)


def purpose_label(step: Step) -> str:
    return PURPOSE_LABELS.get(step.purpose, step.purpose.value)


def summary(timeline: Timeline) -> dict:
    notices = list(timeline.notices.values())
    notice = notices[0] if notices else notice_for(timeline.concept, None)
    assert timeline.consultation is not None, "build() sets it"
    minimum, source, assumed = timeline.consultation
    return {
        "steps": len(timeline.steps),
        "dated_steps": sum(1 for s in timeline.steps if s.dated),
        "errors": timeline.count(Severity.error),
        "warnings": timeline.count(Severity.warning),
        "infos": timeline.count(Severity.info),
        "notice_period": {"days": notice.days, "unit": notice.unit, "source": notice.source, "assumed": notice.assumed},
        "min_consultation_days": {"days": minimum, "source": source, "assumed": assumed},
    }


def summary_line(timeline: Timeline) -> str:
    s = summary(timeline)
    notice = s["notice_period"]
    unit = label(notice["unit"], "NoticePeriod.unit")
    return (
        f"{count(s['steps'], 'Schritt')} ({s['dated_steps']} mit Datum): {count(s['errors'], 'Fehler')}, "
        f"{count(s['warnings'], 'Warnung')}, {count(s['infos'], 'Hinweis')}. "
        f"Ladungsfrist {notice['days']} {unit} ({notice['source']}); "
        f"Beteiligung mindestens {s['min_consultation_days']['days']} Tage."
    )


#: More rows than this are written as a plain table of the same layout: rich needs about 0.5 ms a row, so a
#: Gremienlauf at the list limit (10,000 steps) took 8 s (issue 13: every input within its limits in 2 s).
PLAIN_TABLE_ROWS = 500


#: The table's columns as rich declares them below: (header, min_width, no_wrap, justify, overflow).
COLUMNS = [
    ("Datum", 12, True, "left", "ellipsis"),
    ("Gremium / Zweck", 18, False, "left", "fold"),
    ("Tage", None, True, "right", "ellipsis"),
    ("Ladung bis", None, True, "left", "ellipsis"),
]


def render_text(timeline: Timeline, stream: TextIO, *, title: str | None = None) -> None:
    title = title or f"Gremienlauf: {getattr(timeline.concept, 'title', timeline.file)}"
    rows = _rows(timeline)
    loose = [
        f"{SEVERITY_MARK[finding.severity]} {finding.code} (Z. {finding.line}): {finding.message}"
        for finding in timeline.loose_findings()
    ]
    closing = summary_line(timeline)
    if _write_plain(stream, title, rows, loose, closing):
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # markup=False: user text and setting names may contain [brackets] that rich would swallow
    console = Console(file=stream, highlight=False, soft_wrap=False, markup=False)
    if len(timeline.steps) + len(timeline.findings) > PLAIN_TABLE_ROWS:
        _plain_table(stream, title, rows, console.width)
        for line in loose:
            stream.write(line + "\n")
        stream.write(closing + "\n")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, title=title, title_justify="left")
    for header, min_width, no_wrap, justify, overflow in COLUMNS:
        table.add_column(
            header,
            no_wrap=no_wrap,
            min_width=min_width,
            justify=justify,  # type: ignore[arg-type]
            overflow=overflow,  # type: ignore[arg-type]
            ratio=1 if header == "Gremium / Zweck" else None,
        )
    colours = {"error": "red", "warning": "yellow"}
    for date, lines, days, invitation, severity in rows:
        if severity is None:  # a step: body, and its purpose dimmed below
            cell = Text(lines[0])
            cell.append(f"\n{lines[1]}", style="dim")
        else:  # a finding under its step
            cell = Text(lines[0], style=colours.get(severity.value, ""))
        table.add_row(date, cell, days, invitation)
    console.print(table)
    for line in loose:
        console.print(line)
    console.print(closing)


def _write_plain(
    stream: TextIO,
    title: str,
    rows: list[tuple[str, list[str], str, str, Severity | None]],
    loose: list[str],
    closing: str,
) -> bool:
    """Write the table, the loose findings and the summary as rich would, without rich (reporting.table_text);
    False (nothing written) where rich writes something else (a terminal's colours, unusual characters)."""
    from integconcept.reporting import table_text

    width = table_text.console_width(stream)
    styled = [title, *loose, closing, *(text for row in rows for text in (row[0], row[2], row[3]))]
    if not table_text.usable(width, stream, styled, [text for row in rows for text in row[1]]):
        return False
    assert width is not None
    cells = [[date, "\n".join(lines), days, invitation] for date, lines, days, invitation, _ in rows]
    out = table_text.layout(width, title, COLUMNS, cells)
    if out is None:
        return False
    for text in (*loose, closing):
        out.extend(table_text.paragraph(text, width))
    stream.write("\n".join(out) + "\n")
    return True


def _rows(timeline: Timeline) -> list[tuple[str, list[str], str, str, Severity | None]]:
    """The table's rows as (date, lines of the middle column, days, latest invitation, severity), for the rich
    and the plain table: a step (severity None: body and purpose), then its findings."""
    rows: list[tuple[str, list[str], str, str, Severity | None]] = []
    by_step: dict[tuple, list[Finding]] = {}
    for finding in timeline.findings:  # one pass, not one per step
        by_step.setdefault(tuple(finding.path[:3]), []).append(finding)
    previous: dt.date | None = None
    for step in timeline.steps:
        days = ""
        if step.start is not None:  # dated
            if previous is not None:
                days = f"{'' if step.precision == 'day' else 'ca. '}+{(step.start - previous).days}"
            previous = step.start
        notice = timeline.notices.get(step.index)
        invitation = (
            fmt.short(notice.latest_invitation(step.start)) if notice is not None and step.start is not None else ""
        )
        rows.append((german_date(step), [step.body, purpose_label(step)], days, invitation, None))
        for finding in by_step.get(tuple(step.path), []):
            rows.append(
                (
                    "",
                    [f"{SEVERITY_MARK[finding.severity]} {finding.code} (Z. {finding.line}): {finding.message}"],
                    "",
                    "",
                    finding.severity,
                )
            )
    return rows


def _plain_table(
    stream: TextIO, title: str, rows: list[tuple[str, list[str], str, str, Severity | None]], width: int
) -> None:
    """The rich table's layout (title, header, rule, wrapped middle column) without rich, in linear time."""
    import textwrap

    date_width = max([12, *(len(row[0]) for row in rows)])
    days_width = max([4, *(len(row[2]) for row in rows)])
    invitation_width = max([10, *(len(row[3]) for row in rows)])
    middle = max(18, width - date_width - days_width - invitation_width - 6)
    lines = [
        title,
        f"{'Datum':<{date_width}} {'Gremium / Zweck':<{middle}} {'Tage':>{days_width}}  Ladung bis",
        "─" * (date_width + middle + days_width + invitation_width + 4),
    ]
    for date, texts, days, invitation, _ in rows:
        pieces = [piece for text in texts for piece in (textwrap.wrap(text, middle) or [""])]
        lines.append(f"{date:<{date_width}} {pieces[0]:<{middle}} {days:>{days_width}}  {invitation}".rstrip())
        lines += [f"{'':<{date_width}} {piece}".rstrip() for piece in pieces[1:]]
    stream.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------- JSON


def step_json(step: Step) -> dict:
    return {
        "id": step.id,
        "date": step.start.isoformat() if step.start is not None else None,
        "date_end": step.end.isoformat() if step.end is not None and step.precision != "day" else None,
        "precision": step.precision,
        "body": step.body,
        "kind": step.kind.value,
        "purpose": step.purpose.value,
    }


def render_json(timeline: Timeline, stream: TextIO) -> None:
    document = {
        "version": 1,
        "file": timeline.file,
        "steps": [step_json(s) for s in timeline.steps],
        "findings": [f.to_json() for f in timeline.findings],
        "summary": summary(timeline),
    }
    stream.write(json_text(document, indent=2))
    stream.write("\n")


def kind_label(step: Step) -> str:
    return BODY_KIND_LABELS.get(step.kind, step.kind.value)

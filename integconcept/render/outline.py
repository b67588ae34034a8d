"""What the document prints, in its order, independent of the output format.

:func:`outline` turns a concept into a flat list of blocks (headings, free texts, labels, lists, tables,
figures) in the order of the Kreis Unna original:

1. Präambel (with the population table) · 2. Integrationsleitziele (definitions, goals) ·
3. Umsetzung (3.1 strategic, 3.2 operational, 3.3 tasks of the KI as a matrix) · 4. Netzwerke und
Gremien (4.x networks, monitoring, organisation with its charts) · 5. Informations- und
Abstimmungsprozess · Personal und Finanzierung (only where the file asks for it to be printed).

Every decision about *what* is printed lives here: titles, what is left out, the "(noch offen)" of a
draft, the labels the original prints, the cell texts of the tables (German number formatting through
:mod:`.formatting`). The Word writer (:mod:`.sections`) and the HTML preview (:mod:`.html`) both walk the
same list and only decide *how* to write it, so the preview shows what the document prints.

Rules that make the document faithful by construction:
- print what the file holds, in the file's order; labels only where the original prints them (or the
  file gives them, e.g. ``chair_label``);
- fields listed in an object's ``not_printed`` are kept for the checks only;
- a section without content is left out; in a draft the main chapters stay, marked "(noch offen)".

Free texts stay markup (:mod:`integconcept.document.markup`) in the blocks; plain values that are printed
through the markup parser (names in a list, a step without description) are escaped with :func:`escape`.
Blocks of type :class:`At` name the part of the concept that follows (the Word writer names it when the
document grows past its limits); :class:`KeepWithNext` and :class:`Spacer` are layout hints a format may
ignore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from integconcept.document import markup
from integconcept.document.labels import labels_of
from integconcept.document.enums import (  # not from the model: render reads a concept of plain classes too
    PURPOSE_LABELS,
    AuthorityKind,
    BodyKind,
    ContractKind,
    Funder,
    PostRole,
    Purpose,
    Status,
)
from integconcept.core import german

if TYPE_CHECKING:
    from integconcept.document.model import Concept
    from integconcept.render.charts import Chart

NBSP = "\u00a0"
#: Shown in a draft where a section has no content yet (never a bare heading).
OPEN = "(noch offen)"
WATERMARK_TEXT = "ENTWURF"
#: A figure's note that starts with this mark refers to something in the picture; the caption gets it too.
NOTE_MARK = "*"

FUNDER_LABELS = labels_of(Funder)
ROLE_LABELS = labels_of(PostRole)
CONTRACT_LABELS = labels_of(ContractKind)

#: The aspect labels of the KI task matrix, as the original prints them in its cells.
KI_ASPECTS = (
    ("topics", "Themen-/Arbeitsschwerpunkte:"),
    ("products", "Produkte:"),
    ("moderated_networks", "Moderation Facharbeitskreise/Netzwerke:"),
    ("memberships", "Netzwerkmitgliedschaften:"),
)


def shown(obj, name: str):
    """The value of a field unless the object lists it in ``not_printed``."""
    if obj is None or name in getattr(obj, "not_printed", ()):
        return None
    return getattr(obj, name)


def is_draft(concept: Concept) -> bool:
    """A draft prints "Entwurf" on its cover, a watermark on every page and its open chapters."""
    return concept.status is Status.draft


def escape(text: str) -> str:
    """Plain text passed through the markup parser: keep "10 Schulen" from becoming a numbered list etc."""
    for char in "\\*_[]^`<>#":
        text = text.replace(char, "\\" + char)
    if text[:1] in "-+" or (text.split(" ", 1)[0].rstrip(".)").isdigit() and text.split(" ", 1)[0][-1:] in ".)"):
        text = "\\" + text
    return text


def flatten_footnote(blocks) -> list[list[markup.Run]]:
    """Footnote content as a list of paragraphs' runs (lists become "– item" paragraphs)."""
    out: list[list[markup.Run]] = []
    for block in blocks:
        if isinstance(block, markup.Paragraph):
            out.append(block.runs)
        else:
            for item in block.items:
                inner = flatten_footnote(item)
                if inner:
                    inner[0] = [markup.Run("– ")] + inner[0]
                out.extend(inner)
    return out


# --------------------------------------------------------------------------- blocks


@dataclass
class At:
    """The part of the concept written next (a path into the concept, e.g. ("guiding_goals", "goals", 2))."""

    path: tuple


@dataclass
class Heading:
    """A numbered heading (1. / 3.2 / …)."""

    text: str
    level: int


@dataclass
class Subheading:
    """An unnumbered heading ``depth`` levels below the last numbered one."""

    text: str
    depth: int = 1


@dataclass
class Text:
    """Free text with markup. ``prefix`` is printed in bold before its first paragraph ("Ziel: ");
    ``lead_in``: it introduces what follows (kept on its page); ``style``: "caption" for a note."""

    value: str
    prefix: str | None = None
    lead_in: bool = False
    style: str | None = None


@dataclass
class Para:
    """One paragraph of plain text (no markup), optionally with a bold lead ("Vorsitz: ")."""

    text: str = ""
    bold_prefix: str | None = None
    style: str | None = None  # "caption" for a table or figure caption


@dataclass
class Label:
    """A bold line that introduces what follows ("Voraussichtliche Mitglieder:")."""

    text: str


@dataclass
class Items:
    """A list whose items are free texts (each may carry markup and footnotes)."""

    items: list[str]
    ordered: bool = False


@dataclass
class Open:
    """ "(noch offen)": a chapter of a draft without content yet."""


@dataclass
class KeepWithNext:
    """The paragraph written last stays on the page of what follows (a layout hint)."""


@dataclass
class Spacer:
    """An empty paragraph after a table (a layout hint)."""


@dataclass
class PopulationTable:
    """The population table: title and source line above it, then the header and the rows as printed."""

    title: str
    source: str
    header: list[str]  # the name column first
    rows: list[list[str]]
    total: list[str] | None  # the total row (bold), if any


@dataclass
class Aspect:
    """One labelled list in a KI matrix cell ("Produkte:" and its items)."""

    label: str
    items: list[str]


@dataclass
class MatrixGroup:
    """One table of the KI task matrix: a band with the group's name, the area names as columns, the
    group's goals over the columns (``goal_cells``: (first column, aspects), each spanning to the next
    cell or the end), then one row per aspect with one cell per area."""

    name: str
    areas: list[str]
    goal_cells: list[tuple[int, list[Aspect]]]
    rows: list[list[list[Aspect]]]


@dataclass
class StepLine:
    """A printed line of the approval process: the date (no-break spaces inside) and the description
    (markup), then per step of the line its recipients (a list) and its note."""

    index: int  # the first step's position in approval_process.steps
    date: str
    text: str
    extras: list[tuple[list[str], str | None]]


@dataclass
class StepTable:
    """The steps between two lead-in texts; ``date_chars``: the longest date of the whole process (the
    date column is as wide in every such table)."""

    lines: list[StepLine]
    date_chars: int


@dataclass
class StaffTable:
    """Staffing (posts), funding or passing on as a table; ``right``: the columns aligned right."""

    header: list[str]
    rows: list[list[str]]
    total: list[str] | None
    widths: tuple[float, ...]  # proportions of the columns
    right: frozenset[int] = frozenset({1})


@dataclass
class Figure:
    """A chart (:class:`.charts.Chart`) with its caption above and its note below."""

    chart: Chart
    title: str | None = None
    note: str | None = None


def figure_caption(title: str, note: str | None) -> str:
    """The caption above a figure: its title, marked when its note starts with the mark."""
    marked = note is not None and note.lstrip("\\").startswith(NOTE_MARK)
    return title + (f" {NOTE_MARK}" if marked else "")


@dataclass
class Cover:
    """The title page: authority, title, subtitle; a draft says so and names the planned decision."""

    authority: str
    title: str
    subtitle: str | None
    draft: bool
    decision: tuple[str, str] | None  # ("Zur Beschlussfassung: ", "Kreistag, vorgesehen am …")
    reference: str | None


@dataclass
class ChartSource:
    """The charts of one concept: organisation charts in the order of ``organisation.charts`` (by index)
    and charts from data by key ("population", "approval_timeline")."""

    organisation: dict[int, Chart] = field(default_factory=dict)
    data: dict[str, Chart] = field(default_factory=dict)

    @classmethod
    def for_concept(cls, concept, base_dir=None) -> ChartSource:
        from pathlib import Path

        from integconcept.render.charts import data_charts, org_charts

        organisation = {int(chart.key.rsplit("-", 1)[1]): chart for chart in org_charts(concept, base_dir or Path("."))}
        return cls(organisation, data_charts(concept, base_dir))


# --------------------------------------------------------------------------- the cover


def cover(concept: Concept, draft: bool | None = None) -> Cover:
    c = concept
    draft = is_draft(c) if draft is None else draft
    decision = None
    if draft:
        if c.adoption:
            when = _adoption_when(c.adoption.date, ", vorgesehen am ", ", vorgesehen ")
            decision = ("Zur Beschlussfassung: ", f"{c.adoption.body}{when}")
        elif (step := planned_decision(c)) is not None:
            decision = (council_session(c), _session_when(step.date))
    elif c.adoption and not c.subtitle:  # the subtitle usually names the decision already
        when = _adoption_when(c.adoption.date, " am ", " ")
        decision = ("Beschluss: ", f"{c.adoption.body}{when}")
    reference = c.adoption.reference if c.adoption and c.adoption.reference else None
    return Cover(c.authority.name, c.title, c.subtitle, draft, decision, reference)


def planned_decision(concept: Concept):
    """The step of the approval process at which the council decides on the concept (the last dated
    one; a decision on a draft that then goes to the municipalities does not count), or None."""
    process = concept.approval_process
    deciding = [
        s
        for s in (process.steps if process else [])
        if s.date is not None and not s.on_draft and s.body_kind is BodyKind.council and s.purpose is Purpose.decision
    ]
    return deciding[-1] if deciding else None


def council_session(concept: Concept) -> str:
    """ "Vorlage für die Sitzung des Kreistags" (a county) or "… des Rates der Stadt" (a city)."""
    body = "des Rates der Stadt" if concept.authority.kind is AuthorityKind.kreisfreie_stadt else "des Kreistags"
    return f"Vorlage für die Sitzung {body}"


def _session_when(date) -> str:
    """ " am 18. Juni 2027", " im Juni 2027", " Ende Juni 2027"."""
    if date.is_exact:
        return f" am {german.day_text(date.start)}"
    return f" im {date.german()}" if date.precision == "month" else f" {date.german()}"


def _adoption_when(date, exact: str, vague: str) -> str:
    """The adoption date as printed: a day, or a vague date in words (VagueDate.german)."""
    if date is None:
        return ""
    return f"{exact}{german.day_text(date.start)}" if date.is_exact else f"{vague}{date.german()}"


# --------------------------------------------------------------------------- the sections


def outline(concept: Concept, charts: ChartSource | None = None, *, draft: bool | None = None) -> list:
    """The blocks of the document's chapters, in order. ``draft`` overrides the concept's status."""
    return _Outline(concept, charts or ChartSource(), is_draft(concept) if draft is None else draft).build()


class _Outline:
    def __init__(self, concept: Concept, charts: ChartSource, draft: bool):
        self.concept = concept
        self.charts = charts
        self.draft = draft
        self.out: list = []

    def build(self) -> list:
        # The approval process is section 5 as in the adopted Unna document; staffing and funding
        # (not part of that document) follow it where the file asks for them to be printed.
        for key, part in (
            ("preamble", self.preamble),
            ("guiding_goals", self.guiding_goals),
            ("implementation", self.implementation),
            ("networks", self.networks),
            ("approval_process", self.approval_process),
            ("staffing", self.staffing),
        ):
            self.at(key)
            part()
        return self.out

    # ------------------------------------------------------------------ helpers

    def add(self, *blocks) -> None:
        self.out.extend(blocks)

    def at(self, *path) -> None:
        self.out.append(At(path))

    def text(self, value, prefix=None, lead_in=False, style=None) -> None:
        if value:
            self.out.append(Text(value, prefix, lead_in, style))

    def items(self, items, ordered=False) -> None:
        if items:
            self.out.append(Items(list(items), ordered))

    def chapter(self, title: str, has_content: bool) -> bool:
        """A level-1 heading if the chapter has content; in a draft also without, marked "(noch offen)"."""
        if has_content:
            self.add(Heading(title, 1))
            return True
        if self.draft:
            self.add(Heading(title, 1), Open())
        return False

    # ------------------------------------------------------------------ 1. preamble

    def preamble(self) -> None:
        p = self.concept.preamble
        if not self.chapter(
            p.title if p else "Präambel", p is not None and bool(p.intro or p.population_table or p.history)
        ):
            return
        assert p is not None, "chapter() prints a chapter with content only where there is a preamble"
        self.text(p.intro)
        if p.population_table:
            self.population_table(p.population_table)
        self.text(p.history)

    def population_table(self, t) -> None:
        cols = t.columns
        rows = list(t.rows) + ([t.total_row] if t.total_row else [])

        def mb_pct(r):
            return (
                r.migration_background_percent
                if r.migration_background_percent is not None
                else german.share_percent(r.with_migration_background, r.total)
            )

        def fo_pct(r):
            return (
                r.foreigners_percent
                if r.foreigners_percent is not None
                else german.share_percent(r.foreigners, r.total)
            )

        def count(attr):
            return lambda r: german.number(getattr(r, attr), thousands=t.number_style)

        def pct(fn):
            return lambda r: german.percent(fn(r), t.percent_decimals)

        candidates = [
            (cols.total, lambda r: r.total, count("total")),
            (
                cols.without_migration_background,
                lambda r: r.without_migration_background,
                count("without_migration_background"),
            ),
            (cols.with_migration_background, lambda r: r.with_migration_background, count("with_migration_background")),
            (cols.migration_background_percent, mb_pct, pct(mb_pct)),
            (cols.foreigners, lambda r: r.foreigners, count("foreigners")),
            (cols.foreigners_percent, fo_pct, pct(fo_pct)),
        ]
        columns = [(head, render) for head, value, render in candidates if any(value(r) is not None for r in rows)]
        # as in the original: title, then the source, then the table
        source = f"Quelle: {t.source}"
        reference_date = shown(t, "reference_date")
        if reference_date:
            source += f", Stand: {german.day_text(reference_date)}"
        body = [[r.name] + [render(r) for _, render in columns] for r in t.rows]
        total = [t.total_row.name] + [render(t.total_row) for _, render in columns] if t.total_row else None
        self.add(PopulationTable(t.title, source, [cols.name] + [head for head, _ in columns], body, total), Spacer())
        if "population" in self.charts.data:
            self.add(Figure(self.charts.data["population"]))

    # ------------------------------------------------------------------ 2. guiding goals

    def guiding_goals(self) -> None:
        c = self.concept
        g, d = c.guiding_goals, c.definitions
        goals = g.goals if g else []
        covered = {goal.action_field for goal in goals}
        described = [f for f in c.action_fields if f.description]
        bare = [f for f in c.action_fields if not f.description and f.id not in covered]
        has_content = bool(
            (g and (g.intro or g.rationale or g.global_goal or goals))
            or (d and (d.integration or d.target_groups))
            or described
            or bare
        )
        if not self.chapter(g.title if g else "Integrationsleitziele", has_content):
            return
        if g:
            self.text(g.intro)
            if g.rationale:
                self.add(Subheading("Begründung der Beschlussvorlage"))
                self.text(g.rationale)
        if d:
            self.at("definitions")
        if d and d.integration:
            self.add(Subheading("Definition Integration"))
            self.text(d.integration)
        if d and d.target_groups:
            self.add(Subheading("Zielgruppen"))
            self.text(d.target_groups)
        if described or (bare and not self.draft):
            self.at("action_fields")
            self.add(Subheading("Handlungsfelder"))
            for action_field in described:
                self.text(action_field.description, prefix=f"{action_field.name}: ")
            if not self.draft:
                self.items([escape(f.name) for f in bare])
        goals_depth = 1
        if g and g.goals_heading and (g.global_goal or goals):
            self.add(Subheading(g.goals_heading))
            goals_depth = 2
        if g and g.global_goal:
            self.text(g.global_goal)  # printed without a label, as in the original
        names = {f.id: f.name for f in c.action_fields}
        for index, goal in enumerate(goals):
            self.at("guiding_goals", "goals", index)
            self.add(
                Subheading(
                    goal.heading or f"Handlungsfeld „{names.get(goal.action_field, goal.action_field)}“", goals_depth
                )
            )
            self.text(goal.goal, prefix=f"{(g.goal_label if g and g.goal_label else 'Ziel:').rstrip()} ")
            if goal.measures:
                self.add(
                    KeepWithNext(),
                    Label(g.measures_label if g and g.measures_label else "Es soll erreicht werden durch:"),
                )
                self.items(goal.measures)
        if self.draft:
            # every action field of a draft is printed, with its goals still open
            for action_field in bare:
                self.add(Subheading(f"Handlungsfeld „{action_field.name}“", goals_depth), Open())

    # ------------------------------------------------------------------ 3. implementation, 3.3 KI tasks

    def implementation(self) -> None:
        c = self.concept
        impl, tasks = c.implementation, c.ki_tasks
        strategic = impl.strategic if impl else None
        operational = impl.operational if impl else None
        has_tasks = tasks is not None and bool(
            tasks.intro or tasks.period or any(group_has_content(g) for g in tasks.groups)
        )
        if not self.chapter(impl.title if impl else "Umsetzung", bool(strategic or operational or has_tasks)):
            return
        if strategic:
            self.strategic(strategic)
        if operational:
            self.operational(operational)
        if has_tasks and tasks is not None:
            self.at("ki_tasks")
            self.add(Heading(tasks.title, 2))
            if tasks.period:
                self.add(
                    Para(
                        f"{german.vague_date_text(tasks.period.start)} bis {german.vague_date_text(tasks.period.end)}",
                        bold_prefix="Zeitraum der Arbeitsschwerpunkte: ",
                    )
                )
            self.text(tasks.intro, lead_in=True)
            self.ki_matrix(tasks)

    def strategic(self, s) -> None:
        self.add(Heading(s.title, 2))
        self.text(s.intro)
        sg = s.steering_group
        if sg:
            chair = shown(sg, "chair")
            if chair:
                self.add(Para(chair, bold_prefix="Vorsitz: "))
            if sg.tasks:
                self.add(Label(sg.tasks_label))
                self.items(sg.tasks, ordered=True)
            if sg.composition:
                self.add(Label(sg.composition_label))
                self.text(sg.composition)
            members = shown(sg, "members")
            if members:
                self.items([m.name for m in members])
            self.text(sg.meeting_rhythm)
            self.text(sg.notes)
        self.text(s.text)

    def operational(self, o) -> None:
        self.add(Heading(o.title, 2))
        lead = shown(o, "lead_institution")
        if lead:
            self.add(Para(lead, bold_prefix="Federführung: "))
        self.text(o.intro)
        self.text(o.institutions_intro, lead_in=bool(o.institutions))
        if o.institutions:
            lines: list[str] = []
            for inst in o.institutions:
                item = f"{inst.count} {inst.name}" if inst.count is not None else inst.name
                if inst.note:
                    item += f" ({inst.note})"
                if inst.same_line and lines:
                    lines[-1] += f" und {item}"
                else:
                    lines.append(item)
            self.items([escape(line) for line in lines])
        self.text(o.text)

    def ki_matrix(self, tasks) -> None:
        """The KI task matrix as in the original: one table per group ("Bildung und Erziehung",
        "Querschnitt") with its areas as columns; the group's Schwerpunktziel and Teilziele side by side
        over the columns, then one row per aspect (Themen, Produkte, Moderation, Mitgliedschaften) with
        the aspect label at the top of each cell."""
        for index, group in enumerate(tasks.groups):
            self.at("ki_tasks", "groups", index)
            if not group_has_content(group):
                continue
            areas = group.areas or []
            n = max(1, len(areas))
            goal_cells: list[tuple[int, list[Aspect]]] = []
            if group.focus_goal or group.sub_goals:
                focus = _aspects(("Schwerpunktziel", group.focus_goal))
                sub = _aspects(("Teilziele", group.sub_goals))
                if group.focus_goal and group.sub_goals and n > 1:
                    goal_cells = [(0, focus), (1, sub)]
                else:
                    goal_cells = [(0, focus + sub)]
            rows = []
            for attr, label in (("focus_goal", "Schwerpunktziel"), ("sub_goals", "Teilziele"), *KI_ASPECTS):
                if not any(getattr(a, attr) for a in areas):
                    continue
                rows.append(
                    [
                        _aspects(((a.memberships_label or label) if attr == "memberships" else label, getattr(a, attr)))
                        for a in areas
                    ]
                )
            self.add(MatrixGroup(group.name, [a.name for a in areas], goal_cells, rows), Spacer())

    # ------------------------------------------------------------------ 4. networks, monitoring, organisation

    def networks(self) -> None:
        c = self.concept
        n, m, o = c.networks, c.monitoring, c.organisation
        monitoring = m is not None and bool(m.intro or m.indicators or m.text)
        organisation = o is not None and self._organisation_has_content(o)
        bodies = n.bodies if n else []
        has_content = bool((n and (n.intro or bodies)) or monitoring or organisation)
        if not self.chapter(n.title if n else "Netzwerke und Gremien", has_content):
            return
        if n:
            self.text(n.intro)
            for index, body in enumerate(bodies):
                self.at("networks", "bodies", index)
                self.add(Heading(body.title or body.name, 2))
                self.text(body.intro, lead_in=bool(body.mandate and not body.mandate_label))
                if body.mandate:
                    if body.mandate_label:
                        self.add(Label(body.mandate_label))
                    self.items(body.mandate)
                if body.expected_members:
                    self.add(Label(body.expected_members_label))
                    self.items([member.name for member in body.expected_members])
                if body.chair:
                    self.add(Para(body.chair, bold_prefix=f"{body.chair_label} "))
                if body.management:
                    self.add(Para(body.management, bold_prefix="Geschäftsführung: "))
                self.text(body.text)
        if monitoring and m is not None:
            self.at("monitoring")
            self.add(Heading(m.title, 2))
            self.text(m.intro, lead_in=bool(m.indicators))
            self.items(m.indicators)
            self.text(m.text)
        if organisation:
            self.at("organisation")
            self.organisation(o)

    def _organisation_facts(self, o) -> list[tuple[str, str]]:
        start = shown(o, "start")
        facts = (
            ("Kommunales Integrationszentrum: ", shown(o, "ki_name")),
            ("Vorgängereinrichtung: ", shown(o, "predecessor")),
            ("Organisatorische Anbindung: ", shown(o, "attachment")),
            ("Arbeitsbeginn: ", german.vague_date_text(start) if start else None),
        )
        return [(label, value) for label, value in facts if value]

    def _organisation_has_content(self, o) -> bool:
        return bool(
            self._organisation_facts(o)
            or self.charts.organisation
            or any(chart.items or chart.note for chart in o.charts)
        )

    def organisation(self, o) -> None:
        self.add(Heading(o.title, 2))
        for label, value in self._organisation_facts(o):
            self.add(Para(value, bold_prefix=label))
        for index, chart in enumerate(o.charts):
            picture = self.charts.organisation.get(index)
            if picture is not None:
                self.add(Figure(picture, chart.title, chart.note))
                self.items(chart.items)
            elif chart.items or chart.note:
                # no picture: the title, the chart's content as text, the note
                self.add(Para(chart.title, style="caption"), KeepWithNext())
                self.items(chart.items)
                self.text(chart.note, style="caption")

    # ------------------------------------------------------------------ staffing

    def staffing(self) -> None:
        s = self.concept.staffing
        posts, funding, text = shown(s, "posts"), shown(s, "funding"), shown(s, "text")
        pass_on, delimitation = shown(s, "pass_on"), shown(s, "delimitation")
        if s is None or not (posts or funding or pass_on or delimitation or text):
            return
        self.add(Heading(s.title, 1))
        names = {m.id: m.name for m in self.concept.authority.municipalities}
        if posts:
            places = any(p.municipality for p in posts)
            amounts = any(p.funding_eur_per_year is not None for p in posts)
            header = (
                ["Stelle"]
                + (["Einsatzort"] if places else [])
                + ["Stellenanteile", "Finanzierung"]
                + (["Förderung je Jahr"] if amounts else [])
            )
            shares = [8.0] + ([3.5] if places else []) + [3.5, 4.5] + ([3.5] if amounts else [])
            if places or amounts:  # more columns: a narrower name column, room for "Stellenanteile"
                shares = [5.0] + ([3.0] if places else []) + [4.0, 4.0] + ([3.6] if amounts else [])
            fte_column = 2 if places else 1
            right = {fte_column} | ({len(header) - 1} if amounts else set())
            rows = []
            for post in posts:
                role = ROLE_LABELS[post.role] if post.role else "Stelle"
                funders = ([FUNDER_LABELS[post.funded_by]] if post.funded_by else []) + list(post.other_funding)
                row = [post.label or role]
                if places:
                    row.append(names.get(post.municipality, post.municipality) if post.municipality else german.DASH)
                row += [german.decimal_text(post.fte), "; ".join(funders) or german.DASH]
                if amounts:
                    row.append(
                        german.euro(post.funding_eur_per_year) if post.funding_eur_per_year is not None else german.DASH
                    )
                rows.append(row)
            total = (
                ["Summe"]
                + ([""] if places else [])
                + [german.decimal_text(sum(p.fte for p in posts)), ""]
                + ([""] if amounts else [])
            )
            self.add(StaffTable(header, rows, total, tuple(shares), frozenset(right)), Spacer())
        if funding:
            rows = []
            for item in funding:
                per = {"year": "jährlich", "total": "insgesamt"}.get(item.per or "")
                note = ", ".join(x for x in (per, item.note) if x)
                rows.append(
                    [
                        item.label or FUNDER_LABELS[item.funder],
                        german.euro(item.amount_eur) if item.amount_eur is not None else german.DASH,
                        note,
                    ]
                )
            self.add(StaffTable(["Mittelgeber", "Betrag", "Anmerkung"], rows, None, (6.0, 3.5, 6.5)), Spacer())
        if pass_on:
            rows = []
            for item in pass_on:
                to = (
                    ", ".join(
                        (
                            ["alle Städte und Gemeinden"]
                            if item.recipients == "all"
                            else [names.get(r, r) for r in item.recipients]
                        )
                        + list(item.other_recipients)
                    )
                    or german.DASH
                )
                contract = item.contract_label or (CONTRACT_LABELS[item.contract] if item.contract else german.DASH)
                per = {"year": " jährlich", "total": " insgesamt"}.get(item.per or "", "")
                amount = german.euro(item.amount_eur) + per if item.amount_eur is not None else german.DASH
                rows.append([to, contract, amount, item.purpose or ""])
            self.add(
                StaffTable(
                    ["Weitergabe an", "Vertragsgrundlage", "Betrag", "Zweck"],
                    rows,
                    None,
                    (4.0, 4.8, 3.6, 3.6),
                    frozenset({2}),
                ),
                Spacer(),
            )
        self.text(delimitation)
        self.text(text)

    # ------------------------------------------------------------------ 5. approval process

    def approval_process(self) -> None:
        a = self.concept.approval_process
        if not self.chapter(
            a.title if a else "Informations- und Abstimmungsprozess", a is not None and bool(a.intro or a.steps)
        ):
            return
        assert a is not None, "chapter() prints a chapter with content only where there is a process"
        self.text(a.intro, lead_in=bool(a.steps))
        # The original prints the steps as a list "date – what happened", a table (date | description)
        # here. Text between steps (lead_in) is a paragraph between two such tables, as in the original.
        groups: list[tuple[str | None, list]] = [(None, [])]
        for step in a.steps:
            if step.lead_in:
                groups.append((step.lead_in, []))
            groups[-1][1].append(step)

        def when(step) -> tuple[str, str]:
            """The date part (never broken: no-break spaces) and the time, which may wrap after the comma."""
            if step.date_label:  # printed as the original has it, e.g. "Anfang November" without a year
                day = step.date_label
            else:
                day = german.vague_date_text(step.date, a.leading_zero_days) if step.date else ""
            return day.replace(" ", NBSP), (f", {step.time}{NBSP}Uhr" if step.time else "")

        dates = {id(step): when(step) for step in a.steps}
        position = {id(step): index for index, step in enumerate(a.steps)}
        longest = max((len(day) for day, _ in dates.values()), default=10)

        def described(step) -> str:
            # no printed description: the body and the purpose, as the file holds them
            return step.description or escape(f"{step.body} ({PURPOSE_LABELS[step.purpose]})")

        for lead_in, steps in groups:
            self.text(lead_in, lead_in=True)
            if not steps:
                continue
            lines = []
            for line in print_lines(steps):
                if len(line) == 1:
                    date_text = "".join(dates[id(line[0])])
                    text = described(line[0])
                else:  # a print group: "29.10./30.10.2012  Kreisausschuss/Kreistag zur Beschlussfassung"
                    date_text = joined_dates([step.date.start for step in line])
                    text = joined_descriptions([described(step) for step in line])
                lines.append(
                    StepLine(
                        position[id(line[0])], date_text, text, [(list(step.recipients), step.note) for step in line]
                    )
                )
            self.add(StepTable(lines, longest))
        self.add(Spacer())
        if "approval_timeline" in self.charts.data:
            self.add(Figure(self.charts.data["approval_timeline"]))


def group_has_content(group) -> bool:
    return bool(
        group.focus_goal
        or group.sub_goals
        or any(
            a.focus_goal or a.sub_goals or a.topics or a.products or a.moderated_networks or a.memberships
            for a in group.areas
        )
    )


def _aspects(*pairs) -> list[Aspect]:
    """The labelled lists of a matrix cell; an aspect without items is not printed."""
    return [Aspect(label, list(items)) for label, items in pairs if items]


def print_lines(steps) -> list[list]:
    """The steps as printed lines: consecutive steps with the same ``print_group`` share one line when
    each has a day and no time of its own (anything else is printed as its own line, as before)."""
    lines: list[list] = []
    for step in steps:
        previous = lines[-1][-1] if lines else None
        if (
            previous is not None
            and step.print_group
            and step.print_group == previous.print_group
            and all(_joinable(s) for s in (previous, step))
        ):
            lines[-1].append(step)
        else:
            lines.append([step])
    return lines


def _joinable(step) -> bool:
    return (
        step.date is not None
        and step.date.is_exact
        and not step.time
        and not step.date_label
        and "\n" not in (step.description or "")
    )


def joined_dates(days: list) -> str:
    """The days of a print group in the short form the original uses for them: 29 and 30 October 2012 →
    "29.10./30.10.2012" (the year once when all share it, else "30.12.2012/02.01.2013")."""
    if len({day.year for day in days}) == 1:
        return "/".join(f"{day:%d.%m.}" for day in days[:-1]) + f"/{days[-1]:%d.%m.%Y}"
    return "/".join(f"{day:%d.%m.%Y}" for day in days)


def joined_descriptions(texts: list[str]) -> str:
    """ "Kreisausschuss zur Beschlussfassung" and "Kreistag zur Beschlussfassung" →
    "Kreisausschuss/Kreistag zur Beschlussfassung": the words all end with are written once."""
    words = [text.split() for text in texts]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({tuple(w[len(w) - common - 1 :]) for w in words}) == 1:
        common += 1
    if common:
        return "/".join(" ".join(w[:-common]) for w in words) + " " + " ".join(words[0][-common:])
    return " / ".join(texts)


def header_text(text: str) -> str:
    """A column heading that wraps only at words and never leaves a short last word alone on its line:
    "Ausländer in %" wraps as "Ausländer / in %", not "Ausländer in / %"."""
    words = text.split(" ")
    if len(words) > 1 and len(words[-1]) <= 2:
        return " ".join(words[:-2] + [words[-2] + NBSP + words[-1]])
    return text


def heading_numbers(blocks) -> dict[int, str]:
    """The number of each numbered heading (by position in ``blocks``): "1.", "3.2", "4.5.1" – as the
    Word document's multilevel list numbers them."""
    counters = [0] * 4
    numbers = {}
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            numbers[index] = next_number(counters, block.level)
    return numbers


def next_number(counters: list[int], level: int) -> str:
    """Count a heading of ``level`` in ``counters`` (one per level) and return its number."""
    counters[level - 1] += 1
    for deeper in range(level, len(counters)):
        counters[deeper] = 0
    return ".".join(str(c) for c in counters[:level]) + ("." if level == 1 else "")

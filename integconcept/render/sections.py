"""The content of the document, section by section in the order of the Kreis Unna original:

1. Präambel (with the population table) · 2. Integrationsleitziele (definitions, goals) ·
3. Umsetzung (3.1 strategic, 3.2 operational, 3.3 tasks of the KI as a matrix) · 4. Netzwerke und
Gremien (4.x networks, monitoring, organisation with its charts) · 5. Informations- und
Abstimmungsprozess · Personal und Finanzierung (only where the file asks for it to be printed).

Rules that make the document faithful by construction:
- print what the file holds, in the file's order; labels only where the original prints them (or the
  file gives them, e.g. ``chair_label``);
- fields listed in an object's ``not_printed`` are kept for the checks only;
- a section without content is left out; in a draft the main chapters stay, marked "(noch offen)".
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from integconcept.document.labels import labels_of
from integconcept.document.model import PURPOSE_LABELS, Concept, ContractKind, Funder, PostRole, Status
from integconcept.render import formatting as fmt
from integconcept.render import tables as tb
from integconcept.render.emitter import Emitter, escape
from integconcept.render.figures import ChartSource, emit_figure
from integconcept.render.ooxml import keep_with_next

GROUP_FILL = "1F3A5F"
AREA_FILL = "D9E2F3"
NBSP = "\u00a0"

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


class Sections:
    def __init__(self, em: Emitter, concept: Concept, charts: ChartSource | None = None):
        self.em = em
        self.concept = concept
        self.draft = concept.status is Status.draft
        self.charts = charts or ChartSource()

    def build(self) -> None:
        # The approval process is section 5 as in the adopted Unna document; staffing and funding
        # (not part of that document) follow it where the file asks for them to be printed.
        for key, part in (("preamble", self.preamble), ("guiding_goals", self.guiding_goals),
                          ("implementation", self.implementation), ("networks", self.networks),
                          ("approval_process", self.approval_process), ("staffing", self.staffing)):
            self.at(key)
            part()

    def at(self, *path) -> None:
        """The part of the concept written next (named when the document grows past its limits)."""
        self.em.where = path

    # ------------------------------------------------------------------ helpers

    def chapter(self, title: str, has_content: bool) -> bool:
        """A level-1 heading if the chapter has content; in a draft also without, marked "(noch offen)"."""
        if has_content:
            self.em.heading(title, 1)
            return True
        if self.draft:
            self.em.heading(title, 1)
            self.em.open_marker()
        return False

    def text_width(self) -> float:
        return tb.text_width_cm(tb.last_section(self.em.doc))

    # ------------------------------------------------------------------ 1. preamble

    def preamble(self) -> None:
        p = self.concept.preamble
        if not self.chapter(p.title if p else "Präambel",
                            p is not None and bool(p.intro or p.population_table or p.history)):
            return
        em = self.em
        em.text(p.intro)
        if p.population_table:
            self.population_table(p.population_table)
        em.text(p.history)

    def population_table(self, t) -> None:
        em = self.em
        cols = t.columns
        rows = list(t.rows) + ([t.total_row] if t.total_row else [])

        def mb_pct(r):
            return r.migration_background_percent if r.migration_background_percent is not None else \
                fmt.share_percent(r.with_migration_background, r.total)

        def fo_pct(r):
            return r.foreigners_percent if r.foreigners_percent is not None else \
                fmt.share_percent(r.foreigners, r.total)

        def count(attr):
            return lambda r: fmt.format_count(getattr(r, attr), t.number_style)

        def pct(fn):
            return lambda r: fmt.format_percent(fn(r), t.percent_decimals)

        candidates = [
            (cols.total, lambda r: r.total, count("total")),
            (cols.without_migration_background, lambda r: r.without_migration_background,
             count("without_migration_background")),
            (cols.with_migration_background, lambda r: r.with_migration_background,
             count("with_migration_background")),
            (cols.migration_background_percent, mb_pct, pct(mb_pct)),
            (cols.foreigners, lambda r: r.foreigners, count("foreigners")),
            (cols.foreigners_percent, fo_pct, pct(fo_pct)),
        ]
        columns = [(head, render) for head, value, render in candidates if any(value(r) is not None for r in rows)]
        # as in the original: title, then the source, then the table
        caption = em.para(text=t.title, style="caption")
        keep_with_next(caption._p)
        source = f"Quelle: {t.source}"
        reference_date = shown(t, "reference_date")
        if reference_date:
            source += f", Stand: {fmt.format_day(reference_date)}"
        source_line = em.para(text=source, style="caption")
        keep_with_next(source_line._p)
        # the name column fits the longest name at 9.5 pt (about 0.21 cm per character plus padding)
        longest = max([len(cols.name)] + [len(r.name) for r in rows])
        name_width = min(max(2.2, round(longest * 0.21 + 0.3, 2)), 0.3 * self.text_width())
        rest = self.text_width() - name_width
        widths = tb.split_width(self.text_width(), [name_width] + [rest / max(1, len(columns))] * len(columns))
        right = set(range(1, len(columns) + 1))
        table = tb.add_table(em.doc, widths, em.table_style_id, header=[cols.name] + [h for h, _ in columns],
                             cell_margin=70)
        for index, header_cell in enumerate(table.rows[0].cells):
            if index in right:
                header_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for index, r in enumerate(t.rows):
            self.at("preamble", "population_table", "rows", index)
            self.em.add_row(table, widths, [r.name] + [render(r) for _, render in columns], align_right=right)
        if t.total_row:
            self.em.add_row(table, widths, [t.total_row.name] + [render(t.total_row) for _, render in columns],
                       bold=True, align_right=right)
        tb.finish(table)
        tb.font_size(table, 9.5)  # seven columns on A4 portrait: a slightly smaller font
        for cell in table.rows[0].cells:  # headings like "Insgesamt" fit their column also in a wide serif
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8.5)
        em.para()
        if "population" in self.charts.data:
            emit_figure(em, self.charts.data["population"])

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
            or (d and (d.integration or d.target_groups)) or described or bare)
        if not self.chapter(g.title if g else "Integrationsleitziele", has_content):
            return
        em = self.em
        if g:
            em.text(g.intro)
            if g.rationale:
                em.subheading("Begründung der Beschlussvorlage")
                em.text(g.rationale)
        if d:
            self.at("definitions")
        if d and d.integration:
            em.subheading("Definition Integration")
            em.text(d.integration)
        if d and d.target_groups:
            em.subheading("Zielgruppen")
            em.text(d.target_groups)
        if described or (bare and not self.draft):
            self.at("action_fields")
            em.subheading("Handlungsfelder")
            for field in described:
                em.text(field.description, prefix=f"{field.name}: ")
            if not self.draft:
                em.item_list([escape(f.name) for f in bare])
        goals_depth = 1
        if g and g.goals_heading and (g.global_goal or goals):
            em.subheading(g.goals_heading)
            goals_depth = 2
        if g and g.global_goal:
            em.text(g.global_goal)  # printed without a label, as in the original
        names = {f.id: f.name for f in c.action_fields}
        for index, goal in enumerate(goals):
            self.at("guiding_goals", "goals", index)
            em.subheading(goal.heading or f"Handlungsfeld „{names.get(goal.action_field, goal.action_field)}“",
                          goals_depth)
            em.text(goal.goal, prefix="Ziel: ")
            if goal.measures:
                keep_with_next(em.last._p)
                em.label("Es soll erreicht werden durch:")
                em.item_list(goal.measures)
        if self.draft:
            # every action field of a draft is printed, with its goals still open
            for field in bare:
                em.subheading(f"Handlungsfeld „{field.name}“", goals_depth)
                em.open_marker()

    # ------------------------------------------------------------------ 3. implementation, 3.3 KI tasks

    def implementation(self) -> None:
        c = self.concept
        impl, tasks = c.implementation, c.ki_tasks
        strategic = impl.strategic if impl else None
        operational = impl.operational if impl else None
        has_tasks = tasks is not None and bool(tasks.intro or tasks.period or
                                               any(self._group_has_content(g) for g in tasks.groups))
        if not self.chapter(impl.title if impl else "Umsetzung", bool(strategic or operational or has_tasks)):
            return
        if strategic:
            self.strategic(strategic)
        if operational:
            self.operational(operational)
        if has_tasks:
            self.at("ki_tasks")
            self.em.heading(tasks.title, 2)
            if tasks.period:
                self.em.para(bold_prefix="Zeitraum der Arbeitsschwerpunkte: ",
                             text=f"{fmt.format_vague(tasks.period.start)} bis {fmt.format_vague(tasks.period.end)}")
            self.em.text(tasks.intro, lead_in=True)
            self.ki_matrix(tasks)

    def strategic(self, s) -> None:
        em = self.em
        em.heading(s.title, 2)
        em.text(s.intro)
        sg = s.steering_group
        if sg:
            chair = shown(sg, "chair")
            if chair:
                em.para(bold_prefix="Vorsitz: ", text=chair)
            if sg.tasks:
                em.label(sg.tasks_label)
                em.item_list(sg.tasks, ordered=True)
            if sg.composition:
                em.label(sg.composition_label)
                em.text(sg.composition)
            members = shown(sg, "members")
            if members:
                em.item_list([m.name for m in members])
            em.text(sg.meeting_rhythm)
            em.text(sg.notes)
        em.text(s.text)

    def operational(self, o) -> None:
        em = self.em
        em.heading(o.title, 2)
        lead = shown(o, "lead_institution")
        if lead:
            em.para(bold_prefix="Federführung: ", text=lead)
        em.text(o.intro)
        em.text(o.institutions_intro, lead_in=bool(o.institutions))
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
            em.item_list([escape(line) for line in lines])
        em.text(o.text)

    @staticmethod
    def _group_has_content(group) -> bool:
        return bool(group.focus_goal or group.sub_goals or any(
            a.focus_goal or a.sub_goals or a.topics or a.products or a.moderated_networks or a.memberships
            for a in group.areas))

    def ki_matrix(self, tasks) -> None:
        """The KI task matrix as in the original: one table per group ("Bildung und Erziehung",
        "Querschnitt") with its areas as columns; the group's Schwerpunktziel and Teilziele side by side
        over the columns, then one row per aspect (Themen, Produkte, Moderation, Mitgliedschaften) with
        the aspect label at the top of each cell. The group and area names repeat on every page."""
        em = self.em
        for index, group in enumerate(tasks.groups):
            self.at("ki_tasks", "groups", index)
            if not self._group_has_content(group):
                continue
            areas = group.areas or []
            n = max(1, len(areas))
            widths = tb.split_width(self.text_width(), [1.0] * n)
            table = tb.add_table(em.doc, widths, em.table_style_id, cell_margin=70)
            band = self.em.add_row(table, widths)
            cell = tb.span_to_end(band)
            _shade_text(cell, group.name, GROUP_FILL, white=True)
            tb.repeat_as_header(band)
            if areas:
                names = self.em.add_row(table, widths)
                for area_cell, area in zip(tb.cells(names), areas):
                    _shade_text(area_cell, area.name, AREA_FILL)
                tb.repeat_as_header(names)
            if group.focus_goal or group.sub_goals:
                row = self.em.add_row(table, widths)
                if group.focus_goal and group.sub_goals and n > 1:
                    self._aspect_cell(tb.cell(row, 0), "Schwerpunktziel", group.focus_goal)
                    self._aspect_cell(tb.span_to_end(row, 1), "Teilziele", group.sub_goals)
                else:
                    target = tb.span_to_end(row)
                    self._aspect_cell(target, "Schwerpunktziel", group.focus_goal)
                    self._aspect_cell(target, "Teilziele", group.sub_goals)
            for attr, label in (("focus_goal", "Schwerpunktziel"), ("sub_goals", "Teilziele"), *KI_ASPECTS):
                if not any(getattr(a, attr) for a in areas):
                    continue
                row = self.em.add_row(table, widths)
                for area_cell, area in zip(tb.cells(row), areas):
                    head = (area.memberships_label or label) if attr == "memberships" else label
                    self._aspect_cell(area_cell, head, getattr(area, attr))
            tb.finish(table)
            tb.font_size(table, 9, compact=True)
            em.para()

    def _aspect_cell(self, cell, label: str, items: list[str]) -> None:
        if not items:
            return
        em = self.em
        # a line may break after "/" in a long label ("Facharbeitskreise/Netzwerke:"), not inside a word
        em.para(cell, bold_prefix=label.replace("/", "/\u200b"))
        em.item_list(items, container=cell)
        tb.drop_first_empty(cell)

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
        em = self.em
        if n:
            em.text(n.intro)
            for index, body in enumerate(bodies):
                self.at("networks", "bodies", index)
                em.heading(body.title or body.name, 2)
                em.text(body.intro, lead_in=bool(body.mandate and not body.mandate_label))
                if body.mandate:
                    if body.mandate_label:
                        em.label(body.mandate_label)
                    em.item_list(body.mandate)
                if body.expected_members:
                    em.label(body.expected_members_label)
                    em.item_list([member.name for member in body.expected_members])
                if body.chair:
                    em.para(bold_prefix=f"{body.chair_label} ", text=body.chair)
                if body.management:
                    em.para(bold_prefix="Geschäftsführung: ", text=body.management)
                em.text(body.text)
        if monitoring:
            self.at("monitoring")
            em.heading(m.title, 2)
            em.text(m.intro, lead_in=bool(m.indicators))
            em.item_list(m.indicators)
            em.text(m.text)
        if organisation:
            self.at("organisation")
            self.organisation(o)

    def _organisation_facts(self, o) -> list[tuple[str, str]]:
        start = shown(o, "start")
        facts = (("Kommunales Integrationszentrum: ", shown(o, "ki_name")),
                 ("Vorgängereinrichtung: ", shown(o, "predecessor")),
                 ("Organisatorische Anbindung: ", shown(o, "attachment")),
                 ("Arbeitsbeginn: ", fmt.format_vague(start) if start else None))
        return [(label, value) for label, value in facts if value]

    def _organisation_has_content(self, o) -> bool:
        return bool(self._organisation_facts(o) or self.charts.organisation
                    or any(chart.items or chart.note for chart in o.charts))

    def organisation(self, o) -> None:
        em = self.em
        em.heading(o.title, 2)
        for label, value in self._organisation_facts(o):
            em.para(bold_prefix=label, text=value)
        for index, chart in enumerate(o.charts):
            picture = self.charts.organisation.get(index)
            if picture is not None:
                emit_figure(em, picture, title=chart.title, note=chart.note)
                em.item_list(chart.items)
            elif chart.items or chart.note:
                # no picture: the title, the chart's content as text, the note
                caption = em.para(text=chart.title, style="caption")
                keep_with_next(caption._p)
                em.item_list(chart.items)
                em.text(chart.note, style="caption")

    # ------------------------------------------------------------------ staffing

    def staffing(self) -> None:
        s = self.concept.staffing
        posts, funding, text = shown(s, "posts"), shown(s, "funding"), shown(s, "text")
        pass_on, delimitation = shown(s, "pass_on"), shown(s, "delimitation")
        if s is None or not (posts or funding or pass_on or delimitation or text):
            return
        em = self.em
        em.heading(s.title, 1)
        if posts:
            names = {m.id: m.name for m in self.concept.authority.municipalities}
            places = any(p.municipality for p in posts)
            amounts = any(p.funding_eur_per_year is not None for p in posts)
            header = ["Stelle"] + (["Einsatzort"] if places else []) + ["Stellenanteile", "Finanzierung"] + \
                (["Förderung je Jahr"] if amounts else [])
            shares = [8.0] + ([3.5] if places else []) + [3.5, 4.5] + ([3.5] if amounts else [])
            if places or amounts:  # more columns: a narrower name column, room for "Stellenanteile"
                shares = [5.0] + ([3.0] if places else []) + [4.0, 4.0] + ([3.6] if amounts else [])
            widths = tb.split_width(self.text_width(), shares)
            table = tb.add_table(em.doc, widths, em.table_style_id, header=header)
            fte_column = 2 if places else 1
            right = {fte_column} | ({len(header) - 1} if amounts else set())
            for post in posts:
                role = ROLE_LABELS[post.role] if post.role else "Stelle"
                funders = ([FUNDER_LABELS[post.funded_by]] if post.funded_by else []) + list(post.other_funding)
                row = [post.label or role]
                if places:
                    row.append(names.get(post.municipality, post.municipality) if post.municipality else fmt.DASH)
                row += [fmt.format_fte(post.fte), "; ".join(funders) or fmt.DASH]
                if amounts:
                    row.append(fmt.format_euro(post.funding_eur_per_year)
                               if post.funding_eur_per_year is not None else fmt.DASH)
                self.em.add_row(table, widths, row, align_right=right)
            total = ["Summe"] + ([""] if places else []) + [fmt.format_fte(sum(p.fte for p in posts)), ""] + \
                ([""] if amounts else [])
            self.em.add_row(table, widths, total, bold=True, align_right=right)
            tb.finish(table)
            em.para()
        if funding:
            widths = tb.split_width(self.text_width(), [6.0, 3.5, 6.5])
            table = tb.add_table(em.doc, widths, em.table_style_id,
                                 header=["Mittelgeber", "Betrag", "Anmerkung"])
            for item in funding:
                per = {"year": "jährlich", "total": "insgesamt"}.get(item.per or "")
                note = ", ".join(x for x in (per, item.note) if x)
                self.em.add_row(table, widths, [item.label or FUNDER_LABELS[item.funder],
                                           fmt.format_euro(item.amount_eur) if item.amount_eur is not None
                                           else fmt.DASH, note], align_right={1})
            tb.finish(table)
            em.para()
        if pass_on:
            names = {m.id: m.name for m in self.concept.authority.municipalities}
            widths = tb.split_width(self.text_width(), [4.0, 4.8, 3.6, 3.6])
            table = tb.add_table(em.doc, widths, em.table_style_id,
                                 header=["Weitergabe an", "Vertragsgrundlage", "Betrag", "Zweck"])
            for item in pass_on:
                to = "alle Städte und Gemeinden" if item.recipients == "all" else \
                    ", ".join(names.get(r, r) for r in item.recipients)
                contract = item.contract_label or (CONTRACT_LABELS[item.contract] if item.contract else fmt.DASH)
                per = {"year": " jährlich", "total": " insgesamt"}.get(item.per or "", "")
                amount = fmt.format_euro(item.amount_eur) + per if item.amount_eur is not None else fmt.DASH
                self.em.add_row(table, widths, [to, contract, amount, item.purpose or ""], align_right={2})
            tb.finish(table)
            em.para()
        em.text(delimitation)
        em.text(text)

    # ------------------------------------------------------------------ 5. approval process

    def approval_process(self) -> None:
        a = self.concept.approval_process
        if not self.chapter(a.title if a else "Informations- und Abstimmungsprozess",
                            a is not None and bool(a.intro or a.steps)):
            return
        em = self.em
        em.text(a.intro, lead_in=bool(a.steps))
        # The original prints the steps as a list "date – what happened"; here a borderless two-column
        # table (date | description) keeps the dates in one column, unbroken. Text between steps
        # (lead_in) is a paragraph between two such tables, as in the original.
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
                day = fmt.format_vague(step.date, a.leading_zero_days) if step.date else ""
            return day.replace(" ", NBSP), (f", {step.time}{NBSP}Uhr" if step.time else "")

        width = self.text_width()
        dates = {id(step): when(step) for step in a.steps}
        position = {id(step): index for index, step in enumerate(a.steps)}
        # the date column fits the longest date at 10.5 pt (about 0.21 cm per character plus the cell margins)
        longest = max((len(day) for day, _ in dates.values()), default=10)
        date_width = min(max(3.0, round(longest * 0.21 + 0.5, 1)), 0.4 * width)
        widths = tb.split_width(width, [date_width, width - date_width])
        def described(step) -> str:
            # no printed description: the body and the purpose, as the file holds them
            return step.description or escape(f"{step.body} ({PURPOSE_LABELS[step.purpose]})")

        for lead_in, steps in groups:
            if lead_in:
                em.text(lead_in, lead_in=True)
            if not steps:
                continue
            table = tb.add_table(em.doc, widths, em.table_style_id, borders=False)
            for line in _print_lines(steps):
                self.at("approval_process", "steps", position[id(line[0])])
                row = self.em.add_row(table, widths)
                if len(line) == 1:
                    date_text = "".join(dates[id(line[0])])
                    text = described(line[0])
                else:  # a print group: "29.10./30.10.2012  Kreisausschuss/Kreistag zur Beschlussfassung"
                    date_text = joined_dates([step.date.start for step in line])
                    text = joined_descriptions([described(step) for step in line])
                tb.add_text(tb.cell(row, 0), date_text)
                cell = tb.cell(row, 1)
                em.text(text, container=cell)
                for step in line:
                    if step.recipients:
                        em.item_list(step.recipients, container=cell)
                    if step.note:
                        em.text(step.note, container=cell)
                tb.drop_first_empty(cell)
            tb.finish(table)
            tb.font_size(table, 10.5)
        em.para()
        if "approval_timeline" in self.charts.data:
            emit_figure(em, self.charts.data["approval_timeline"])


def _print_lines(steps) -> list[list]:
    """The steps as printed lines: consecutive steps with the same ``print_group`` share one line when
    each has a day and no time of its own (anything else is printed as its own line, as before)."""
    lines: list[list] = []
    for step in steps:
        previous = lines[-1][-1] if lines else None
        if (previous is not None and step.print_group and step.print_group == previous.print_group
                and all(_joinable(s) for s in (previous, step))):
            lines[-1].append(step)
        else:
            lines.append([step])
    return lines


def _joinable(step) -> bool:
    return (step.date is not None and step.date.is_exact and not step.time and not step.date_label
            and "\n" not in (step.description or ""))


def joined_dates(days: list) -> str:
    """The days of a print group in the short form the original uses for them: 29 and 30 October 2012 →
    "29.10./30.10.2012" (the year once when all share it, else "30.12.2012/02.01.2013")."""
    if len({day.year for day in days}) == 1:
        return "/".join(f"{day:%d.%m.}" for day in days[:-1]) + f"/{days[-1]:%d.%m.%Y}"
    return "/".join(f"{day:%d.%m.%Y}" for day in days)


def joined_descriptions(texts: list[str]) -> str:
    """"Kreisausschuss zur Beschlussfassung" and "Kreistag zur Beschlussfassung" →
    "Kreisausschuss/Kreistag zur Beschlussfassung": the words all end with are written once."""
    words = [text.split() for text in texts]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({tuple(w[len(w) - common - 1:]) for w in words}) == 1:
        common += 1
    if common:
        return "/".join(" ".join(w[:-common]) for w in words) + " " + " ".join(words[0][-common:])
    return " / ".join(texts)


def _shade_text(cell, text: str, fill: str, white: bool = False) -> None:
    tb.shade(cell, fill)
    run = cell.paragraphs[0].add_run(text)
    run.bold = True
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

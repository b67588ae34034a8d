"""The approval process (Gremienlauf) of a Word concept: a table (with or without a header row) or a
dated list becomes steps with ISO or vague dates, a guessed body kind and purpose, recipients and
lead-ins; what has no field of its own becomes the step's description or note."""

from __future__ import annotations

import re

from integconcept.wordimport.inline import escape
from integconcept.wordimport.mapping_base import MapperBase
from integconcept.wordimport.reader import Para, Table
from integconcept.wordimport.recognise import (
    guess_body,
    guess_kind,
    guess_purpose,
    is_dated,
    leading_dates,
    short_slug,
    unique,
)
from integconcept.wordimport.text import blocks_text, cell_text, items_of


class ApprovalSection(MapperBase):
    """Mixed into :class:`~.mapper.Mapper` (uses its data, comments and summary)."""

    def section_approval_process(self, heading, blocks, subs) -> None:
        a = self.data.setdefault("approval_process", {})
        a["title"] = heading.text
        blocks = blocks + [x for h, b in subs for x in [h] + b]
        steps: list[dict] = []
        intro: list = []
        after: list = []
        pending_lead: list[str] = []
        for block in blocks:
            if isinstance(block, Table):
                table_steps = self.approval_table(block)
                if table_steps is not None:
                    if pending_lead and table_steps:
                        table_steps[0]["lead_in"] = "\n\n".join(
                            pending_lead + ([table_steps[0]["lead_in"]] if "lead_in" in table_steps[0] else [])
                        )
                        pending_lead = []
                    for step in table_steps:
                        step["_table"] = True
                    steps.extend(table_steps)
                    continue
                (after if steps else intro).append(block)
                continue
            if not isinstance(block, Para):
                (after if steps else intro).append(block)
                continue
            level = block.list_level or 0
            dated = is_dated(block.plain)
            if dated:
                listed = self.list_step(block, steps)
                if listed is None:
                    (after if steps else intro).append(block)
                    continue
                for s in listed:
                    s["_level"] = level if block.is_item else -1
                if pending_lead:
                    listed[0]["lead_in"] = "\n\n".join(pending_lead)
                    pending_lead = []
                steps.extend(listed)
                continue
            if not block.is_item and (told := self.sentence_steps(block, steps)) is not None:
                if told:  # "Am 10.06.2024 hat der Verwaltungsvorstand …": new steps, the sentence their description
                    steps.extend(told)
                    if self._told_rest:  # the paragraph's other sentences stay text
                        rest = " ".join(self._told_rest)
                        after.append(Para(markup=escape(rest), plain=rest))
                else:  # "Der Kreistag hat das Konzept am 12.12.2024 beschlossen." – a step the table holds: text
                    (after if steps else intro).append(block)
                continue
            if not steps:
                intro.append(block)
                continue
            last = steps[-1]
            last_level = last.get("_level", 0)  # -1: the step is a plain paragraph, not a list item
            if block.is_item and level > last_level:  # a sub-item: whom the draft went to
                last.setdefault("recipients", []).append(block.markup)
            elif block.plain.endswith(":") and not block.is_item:
                pending_lead.append(block.markup)
            elif last.get("_table"):  # text after a table is no part of its last row
                after.append(block)
            else:  # an undated line under a step continues its description
                last["description"] = (last.get("description", "") + "\\\n" + block.markup).lstrip("\\\n")
        self.put_text(("approval_process", "intro"), blocks_text(intro))
        if pending_lead:
            after = [Para(markup=t, plain=t) for t in pending_lead] + after
        if len(steps) < 2 and not any(isinstance(b, Table) for b in blocks):
            # not a process list after all: keep everything as text
            if steps:
                self.put_text(
                    ("approval_process", "intro"),
                    blocks_text([b for b in blocks if not (isinstance(b, Para) and b in intro)]),
                )
            if after:
                self.put_text(("approval_process", "intro"), blocks_text(after))
            return
        used: set[str] = set()
        for index, step in enumerate(steps):
            self.refine_step(step)
            step.pop("_level", None)
            step.pop("_table", None)
            if (place := step.pop("_place", None)) is not None:
                self.places[("approval_process", "steps", index)] = place
            step["id"] = unique(short_slug(step.pop("_id_base"), "schritt"), used)
        if steps:
            a["steps"] = [_step_order(s) for s in steps]
            vague = sum(1 for s in steps if "date" not in s or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["date"]))
            self.recognised.append(
                f"Gremienlauf: {len(steps)} Schritte"
                f"{f', davon {vague} ohne genauen Tag' if vague else ''}; Gremienart und Zweck "
                "geschätzt"
            )
            self.look.append("Gremienlauf: body_kind und purpose sind aus den Wörtern geschätzt – bitte prüfen.")
            self.comment(("approval_process", "steps"), "body_kind und purpose aus den Wörtern geschätzt; bitte prüfen")
        if after:
            self.put_text(
                ("approval_process", "steps", len(steps) - 1, "note") if steps else ("approval_process", "intro"),
                blocks_text(after),
                "Text nach dem letzten Schritt; bitte prüfen",
            )

    def sentence_steps(self, block: Para, steps: list[dict]) -> list[dict] | None:
        """Steps told as sentences: "Der Kreistag hat das Konzept am 12.12.2024 beschlossen.", "Am 10.06.2024
        hat der Verwaltungsvorstand den Entwurf beraten." A step the table or list already holds (same day, same
        body) is not repeated; a council's decision also becomes ``adoption``. None: no such sentence."""
        found: list[dict] = []
        matched = False
        self._told_rest = []  # the paragraph's other sentences: they stay text
        for sentence in _SENTENCE_SPLIT.split(block.plain):
            verb = _SENTENCE_VERB.search(sentence)
            day = _SENTENCE_DATE.search(sentence)
            subject = _SENTENCE_SUBJECT.search(sentence)
            body = (subject.group(1) if subject and guess_kind(subject.group(1)) != "other" else None) or guess_body(
                sentence
            )
            if not (verb and day and body):
                self._told_rest.append(sentence)
                continue
            dates, _, _, guessed = leading_dates(day.group(1))
            if not dates or guessed or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]):
                self._told_rest.append(sentence)
                continue
            matched = True
            purpose = _VERB_PURPOSE[next(k for k in _VERB_PURPOSE if re.search(k, verb.group(0).lower()))]
            kind = guess_kind(body)
            if purpose == "decision" and kind == "council" and "adoption" not in self.data:
                self.data["adoption"] = {"body": body, "date": dates[0]}
                self.recognised.append(
                    f"Beschluss: {body} am {dates[0][8:10]}.{dates[0][5:7]}.{dates[0][:4]} "
                    f"(aus dem Satz „{sentence.strip()[:80]}“)"
                )
                self.comment(
                    ("status",),
                    f"laut Text „{sentence.strip()[:100]}“ beschlossen – nach der Prüfung ggf. auf adopted setzen",
                )
            if any(s.get("date") == dates[0] and guess_kind(s["body"]) == kind for s in steps + found):
                self._told_rest.append(sentence)
                continue  # the table already holds it: the sentence stays text
            found.append(
                {
                    "_id_base": body,
                    "date": dates[0],
                    "body": body,
                    "body_kind": kind,
                    "purpose": purpose,
                    "description": sentence.strip(),
                    "_level": -1,
                    "_place": (block, None, None),
                    "_notes": [f"aus dem Satz „{sentence.strip()[:80]}“ übernommen"],
                }
            )
        if not matched:
            return None
        if found:
            self.consumed.add(id(block))
        return found

    def refine_step(self, step: dict) -> None:
        """With the whole step known (recipients and continued description): the body kind when the body
        alone said nothing, and the member municipalities when the step names them."""
        words = " ".join([step["body"], step.get("description", ""), *step.get("recipients", [])])
        if step["body_kind"] == "other":
            step["body_kind"] = guess_kind(words)
        if (
            self.data.get("authority", {}).get("kind") == "kreis"
            and re.search(r"städte(n)? und gemeinden|\bkommunen\b|\bgemeinden\b", words.lower())
            and step["body_kind"] in ("municipalities", "conference", "administration", "partners")
        ):
            step["municipalities"] = "all"
            step.setdefault("_notes", []).append(
                "municipalities: all – die Städte und Gemeinden werden genannt; bitte prüfen"
            )

    def list_step(self, block: Para, steps: list[dict]) -> list[dict] | None:
        previous = next((s["date"] for s in reversed(steps) if "date" in s), None)
        dates, label, rest, guessed = dated_after(block.plain, previous)
        if not (dates or label):
            return None
        self.consumed.add(id(block))
        # the description as markup: drop the date text from the front of the markup
        description = _strip_leading(block.markup, block.plain, rest)
        made = self._make_steps(dates, label, guessed, rest, description, None, None)
        for step in made:
            step["_place"] = (block, None, None)
        return made

    def _make_steps(
        self, dates, label, guessed, rest, description, body_text, purpose_text, recipients=None
    ) -> list[dict]:
        bodies = [body_text] if body_text else []
        if not bodies:
            found = guess_body(rest)
            if found and len(dates) == 2 and "/" in found + rest.split(" ")[0]:
                parts = rest.split(" ")[0].split("/")
                bodies = [p for p in parts if p] if len(parts) == 2 else [found]
            else:
                bodies = [found or (rest[:80] if rest else "Bitte eintragen")]
        if len(dates) == 2 and len(bodies) == 1:
            bodies = bodies * 2
        out = []
        for index, when in enumerate(dates or [None]):
            body = bodies[min(index, len(bodies) - 1)].strip()
            words = f"{body} {rest} {' '.join(recipients or [])}"
            kind = guess_kind(body) if guess_kind(body) != "other" else guess_kind(words)
            purpose = _purpose_from_label(purpose_text) or guess_purpose(f"{rest} {purpose_text or ''}", kind)
            step: dict = {"_id_base": body}
            if when:
                step["date"] = when
            if label:
                step["date_label"] = label
            step["body"] = body
            step["body_kind"] = kind
            step["purpose"] = purpose
            if description:
                step["description"] = description
            if recipients:
                step["recipients"] = list(recipients)
            if guessed:
                step["_guessed"] = True
            out.append(step)
        if len(dates) == 2:
            out[0].setdefault("_notes", []).append(
                "zwei Termine in einer gedruckten Zeile; als zwei Schritte übernommen"
            )
        return out

    def approval_table(self, table: Table) -> list[dict] | None:
        grid = table.grid()
        if len(grid) < 2:
            return None
        header = [h.lower() for h in grid[0]]
        date_col = next((i for i, h in enumerate(header) if re.search(r"termin|datum|wann|zeitpunkt|zeit\b", h)), None)
        first_row = 1
        if date_col is None:
            # no header row: a table whose first column holds the dates ("31. Juli 2012 | Behandlung …")
            if len(grid[0]) < 2 or sum(1 for line in grid if is_dated(line[0])) < max(1, 0.6 * len(grid)):
                return None
            date_col, first_row = 0, 0
            columns = len(grid[0])
            header = (
                [""] + (["gremium"] if columns > 2 else []) + ["beschreibung"] * (columns - 2 if columns > 2 else 1)
            )
        body_col = next(
            (i for i, h in enumerate(header) if i != date_col and re.search(r"gremi|stelle|\bwer\b|\borgan", h)), None
        )
        desc_col = next(
            (
                i
                for i, h in enumerate(header)
                if i not in (date_col, body_col)
                and re.search(r"vorgang|gegenstand|beschreibung|inhalt|thema|bemerkung|tätigkeit|schritt", h)
            ),
            None,
        )
        purpose_col = next(
            (
                i
                for i, h in enumerate(header)
                if i not in (date_col, body_col, desc_col)
                and re.search(r"zweck|anlass|\bart\b|beratungsart|befassung|funktion|status|beschlussart", h)
            ),
            None,
        )
        if desc_col is None and first_row == 1:  # the widest unknown column holds the description
            desc_col = next((i for i in range(len(header)) if i not in (date_col, body_col, purpose_col)), None)
        extra_cols = [i for i in range(len(header)) if i not in (date_col, body_col, desc_col, purpose_col)]
        steps: list[dict] = []
        lead: list[str] = []
        previous = None
        dated_rows = 0
        for row_index, (row, grid_cells) in enumerate(
            zip(table.rows[first_row:], table.resolved()[first_row:]), start=first_row
        ):
            cells = [c for c in row if not c.continued]
            if len(cells) == 1 and cells[0].span > 1:  # a band across the table: text between steps
                lead.append(cell_text(cells[0]) if len(cells[0].paragraphs) <= 1 else blocks_text(cells[0].paragraphs))
                continue
            if date_col >= len(grid_cells):
                continue
            date_text = grid_cells[date_col].plain
            dates, label, rest, guessed = dated_after(date_text, previous)
            if dates:
                dated_rows += 1
                previous = dates[-1]
            elif not label and date_text.strip() not in ("", "–", "-", "—"):
                label = date_text.strip()
            body_text, purpose_text = None, None
            if body_col is not None and body_col < len(grid_cells):
                paras = grid_cells[body_col].paragraphs
                names = [p.plain for p in paras if not re.fullmatch(r"\(.+\)", p.plain)]
                purposes = [p.plain.strip("()") for p in paras if re.fullmatch(r"\(.+\)", p.plain)]
                body_text = " ".join(names) or None
                purpose_text = purposes[0] if purposes else None
            purpose_extra = None
            if purpose_col is not None and purpose_col < len(grid_cells):
                purpose_text = grid_cells[purpose_col].plain or purpose_text
                if purpose_text and _exact_purpose(purpose_text) is None:
                    purpose_extra = purpose_text  # "Stellungnahme bis 30.08.2024": kept as printed
                    purpose_text = _purpose_from_words(purpose_text) or purpose_text
            description, recipients = None, []
            if desc_col is not None and desc_col < len(grid_cells):
                paras = grid_cells[desc_col].paragraphs
                recipients = items_of(paras) if any(p.is_item for p in paras) else []
                description = blocks_text([p for p in paras if not p.is_item and not p.indented]) or None
            if purpose_extra:
                description = f"{purpose_extra}\\\n{description}" if description else escape(purpose_extra)
            time = None
            # a time after the date ("um 16.00 Uhr"), not the start of another date ("10.04.2024") and no "25:04"
            m = re.match(r"^,?\s*(?:um\s+)?(\d{1,2})[:.](\d{2})(?!\.?\d)\s*(?:Uhr)?\s*", rest) if dates else None
            if m and int(m.group(1)) <= 23 and int(m.group(2)) <= 59:
                time, rest = f"{int(m.group(1)):02d}:{m.group(2)}", rest[m.end() :]
            rest_text = " ".join(x for x in [rest, description or ""] if x)
            made = self._make_steps(
                dates, label, guessed, rest_text or (body_text or ""), description, body_text, purpose_text, recipients
            )
            for step in made:
                step["_place"] = (table, row_index, None)
                if time:
                    step["time"] = time
            extra = [
                f"{grid[0][i].strip() or f'Spalte {i + 1}'}: {cell_text(grid_cells[i])}"
                for i in extra_cols
                if first_row == 1 and i < len(grid_cells) and grid_cells[i].plain.strip()
            ]
            if dates and rest.strip(" ,;"):  # more than the date in the date column
                extra.insert(0, f"{grid[0][date_col].strip() or 'Termin'}: {date_text.strip()}")
            if extra:  # columns the model has no field for: kept as the step's note
                made[-1]["note"] = "; ".join(extra)
                made[-1].setdefault("_notes", []).append("Spalten ohne eigenes Feld als note übernommen")
            if lead:
                made[0]["lead_in"] = "\n\n".join(lead)
                lead = []
            steps.extend(made)
        if dated_rows < 1:
            return None
        for table_row in steps:
            self.consumed.add(id(table_row))
        self.consumed.add(id(table))
        return steps


_SENTENCE_SPLIT = re.compile(r"(?<=[a-zäöüß)“\"][.!?])\s+(?=[A-ZÄÖÜ])")
#: "Der Ausschuss für Soziales hat …", "Am 10.06.2024 hat der Verwaltungsvorstand …": the body as subject.
_SENTENCE_SUBJECT = re.compile(
    r"(?:^|\b(?:hat|haben|hatte)\s+)(?:[Dd]er|[Dd]ie|[Dd]as)\s+([A-ZÄÖÜ][\w-]*(?:\s+(?:für|und|des|"
    r"der|von)\s+[\w-]+|\s+[A-ZÄÖÜ][\w-]*)*)(?=\s+(?:hat|haben|hatte|den|das|die|am)\b)"
)
_SENTENCE_DATE = re.compile(r"\b[Aa]m\s+((?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4})|(?:\d{1,2}\.\s*[A-ZÄÖÜ][a-zäöü]+\s+\d{4}))")
_SENTENCE_VERB = re.compile(
    r"beschlossen|verabschiedet|zugestimmt|vorberaten|beraten|erörtert|zur kenntnis genommen|"
    r"informiert|stellung genommen|vorgelegt",
    re.IGNORECASE,
)
_VERB_PURPOSE = {
    r"beschlossen|verabschiedet|zugestimmt": "decision",
    r"kenntnis|informiert": "information",
    r"beraten|erörtert|stellung|vorgelegt": "consultation",
}


def dated_after(text: str, previous: str | None):
    """leading_dates with the year of a date printed without one ("Anfang November") taken from the
    step before – or the next year, when the date would otherwise lie before that step."""
    from integconcept.document.dates import parse_vague_date

    year = None
    if previous and (m := re.search(r"(\d{4})", previous)):
        year = int(m.group(1))
    dates, label, rest, guessed = leading_dates(text, year)
    if guessed and dates and previous and year is not None:
        try:
            if parse_vague_date(dates[0]).end < parse_vague_date(previous).start:
                dates, label, rest, guessed = leading_dates(text, year + 1)
        except ValueError:
            pass
    return dates, label, rest, guessed


def _purpose_from_label(text: str | None) -> str | None:
    if not text:
        return None
    from integconcept.wordimport.recognise import PURPOSE_WORDS

    return PURPOSE_WORDS.get(text.strip().lower()) or PURPOSE_WORDS.get(_purpose_from_words(text) or "")


def _exact_purpose(text: str) -> str | None:
    from integconcept.wordimport.recognise import PURPOSE_WORDS

    return PURPOSE_WORDS.get(text.strip().lower())


def _purpose_from_words(text: str) -> str | None:
    """The purpose word in a longer cell ("Vorberatung", "Stellungnahme bis 30.08.2024", "Beschluss (öffentlich)")."""
    t = text.lower()
    for pattern, word in (
        (r"beschluss|entscheid|verabschied", "beschluss"),
        (r"bescheid|bewilligung", "bescheid"),
        (r"antrag", "antrag"),
        (r"beratung|stellungnahme|anhörung|empfehlung|lesung|erörter", "beratung"),
        (r"information|kenntnis|bericht", "information"),
    ):
        if re.search(pattern, t):
            return word
    return None


def _strip_leading(markup: str, plain: str, rest: str) -> str:
    """The markup of a paragraph without the date text in front (kept as markup when possible)."""
    if not rest:
        return ""
    position = markup.find(rest[: min(len(rest), 20)])
    if position != -1:
        return markup[position:].strip()
    return escape(rest)


def _step_order(step: dict) -> dict:
    order = [
        "id",
        "date",
        "date_label",
        "lead_in",
        "time",
        "body",
        "body_ref",
        "body_kind",
        "purpose",
        "description",
        "recipients",
        "municipalities",
        "invitation_date",
        "note",
    ]
    return {k: step[k] for k in order if k in step} | {k: v for k, v in step.items() if k not in order}

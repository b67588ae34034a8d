"""``timeline plan … --into konzept.yaml``: the planned Gremienlauf taken into the concept file itself.

The file goes through ruamel.yaml's round trip (the one ``fmt`` uses), so every comment, every blank line and
the layout of everything outside ``approval_process.steps`` stay as they were. What changes is decided per
planned step:

* an existing step that has already happened – dated before today, with the invitation (``invitation_date``)
  already sent, or without a date before a step that happened – stays exactly as it is;
* an existing step for the same step (same ``id``, else the same kind of body and purpose) that has not
  happened gets the planned date (the comment at the end of the date's line gives the plan's reasoning, as ``--format yaml`` does,
  unless the line has a comment of the user's already);
* a planned step the file does not have is inserted in date order, with the same comment;
* every other existing step stays as it is.

Before anything is written the result is read again: it must fit the schema, hold the same values outside
the steps, and keep every comment. The file is replaced atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from integconcept.core.german import short_date
from integconcept.document.loader import LoadError, parse_yaml
from integconcept.drafting.fmt import FormatError, _dump, _read_layout, format_text, load_checked


@dataclass
class IntoResult:
    original: str
    text: str
    changes: list[str] = field(default_factory=list)  # German lines, one per step looked at

    @property
    def changed(self) -> bool:
        return self.original != self.text


def _schema(text: str, name: str):
    return load_checked(text, name, refused="Der Gremienlauf wurde nicht übernommen")


def _happened(step, today: dt.date) -> str | None:
    """Why an existing step is fixed (German), or None."""
    if step.date is not None and step.date.start < today:
        return f"stattgefunden: {step.date.german()}"
    if step.invitation_date is not None and step.invitation_date <= today:
        return f"Einladung am {short_date(step.invitation_date)} verschickt"
    return None


def plan_into_text(text: str, name: str, planned: list[dict], today: dt.date) -> IntoResult:
    """The concept text with ``planned`` taken into ``approval_process.steps``.

    ``planned``: ``plan_steps_data`` entries (dates as ``datetime.date``), each with its reasoning under ``"#"``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    source = text.removeprefix("\ufeff")
    root, concept = _schema(source, name)
    process = root.get("approval_process")
    if process is None:
        process = root["approval_process"] = CommentedMap()
    steps = process.get("steps")
    if steps is None:
        steps = process["steps"] = CommentedSeq()
    model_steps = list(concept.approval_process.steps) if concept.approval_process else []
    existing = list(zip(steps, model_steps))  # the file's maps and the checked steps, in file order
    matched: set[int] = set()
    changes: list[str] = []
    additions: list[tuple[dt.date, CommentedMap]] = []
    updated: dict[int, dt.date] = {}  # index in ``existing`` → its new date
    for entry in planned:
        day = entry["date"] if isinstance(entry["date"], dt.date) else dt.date.fromisoformat(entry["date"])
        reason = entry.get("#", "Vorschlag")
        index = next((i for i, (_, s) in enumerate(existing) if i not in matched and s.id == entry["id"]), None)
        if index is None:
            index = next(
                (
                    i
                    for i, (_, s) in enumerate(existing)
                    if i not in matched
                    and s.body_kind.value == entry["body_kind"]
                    and s.purpose.value == entry["purpose"]
                ),
                None,
            )
        if index is None:
            item = CommentedMap((k, day.isoformat() if k == "date" else v) for k, v in entry.items() if k != "#")
            item.yaml_add_eol_comment(reason, "date")
            if any(s.id == entry["id"] for _, s in existing):  # an id the file already uses for another step
                item["id"] = _free_id(entry["id"], {s.id for _, s in existing})
            additions.append((day, item))
            changes.append(f"neu:      {item['id']}: {entry['body']} am {short_date(day)}")
            continue
        matched.add(index)
        mapping, step = existing[index]
        why = (
            _happened(step, today)
            or next(  # without a date, the list order counts: a later step happened
                (
                    f"vor „{later.id}“, {reason}"
                    for later in model_steps[index + 1 :]
                    if step.date is None
                    for reason in [_happened(later, today)]
                    if reason
                ),
                None,
            )
        )
        if why:
            changes.append(f"bleibt:   {step.id}: {step.body} ({why})")
            continue
        old = step.date.german() if step.date else "ohne Datum"
        if step.date is not None and step.date.is_exact and step.date.start == day:
            changes.append(f"bleibt:   {step.id}: {step.body} am {short_date(day)} (wie geplant)")
            continue
        if "date" in mapping:
            mapping["date"] = day.isoformat()
        else:  # where fmt puts it: right after the id
            mapping.insert(list(mapping).index("id") + 1 if "id" in mapping else 0, "date", day.isoformat())
        updated[index] = day
        if "date" not in mapping.ca.items:  # a comment of the user's on that line stays as it was
            mapping.yaml_add_eol_comment(reason, "date")
        changes.append(f"geändert: {step.id}: {step.body}: {old} → {short_date(day)}")
    for index, (_, step) in enumerate(existing):
        if index not in matched:
            changes.append(f"bleibt:   {step.id}: {step.body} (nicht im Vorschlag)")
    dates = [step.date.start if step.date else None for step in model_steps]  # aligned with ``steps``
    for index, day in updated.items():
        dates[index] = day
    for day, item in additions:
        position = next((i for i, other in enumerate(dates) if other is not None and other > day), len(dates))
        steps.insert(position, item)
        dates.insert(position, day)
    result = bom + _dump(root) if (additions or any(c.startswith("geändert") for c in changes)) else text
    if result != text:
        body = result.removeprefix("\ufeff")
        if format_text(source, name=name) == source:  # a file in fmt's form stays in it (comment columns)
            body = format_text(body, name=name)
            result = bom + body
        _verify(source, body, concept, name)
    return IntoResult(text, result, changes)


def _free_id(wanted: str, used: set[str]) -> str:
    number = 2
    while f"{wanted}-{number}" in used:
        number += 1
    return f"{wanted}-{number}"


def _verify(original: str, result: str, concept, name: str) -> None:
    """Same values outside the steps, every comment kept, the schema fulfilled – else nothing is written."""
    problem = None
    try:
        again_root, again = _schema(result, name)
        before = concept.model_dump(mode="json")
        after = again.model_dump(mode="json")
        from integconcept.document.model import ApprovalProcess

        # every field has a default; mypy without the pydantic plugin does not see them
        empty = ApprovalProcess().model_dump(mode="json")  # type: ignore[call-arg]
        empty.pop("steps")
        for dump in (before, after):
            process = dump.get("approval_process")
            if isinstance(process, dict):
                process.pop("steps", None)
                if process == empty:  # a process made here for the steps holds nothing else
                    dump["approval_process"] = None
        if before != after:
            problem = "andere Werte außerhalb der Schritte"
        else:
            old = _read_layout(original, parse_yaml(original)).comments()
            new = _read_layout(result, again_root).comments()
            if any(new[c] < n for c, n in old.items()):
                problem = "Kommentare fehlen"
    except (LoadError, FormatError) as exc:
        problem = getattr(exc, "message", str(exc))
    if problem:
        raise FormatError(
            f"{name}: interner Fehler beim Übernehmen des Gremienlaufs ({problem}); die Datei bleibt "
            "unverändert. Bitte melden Sie diesen Fall mit der Datei."
        )

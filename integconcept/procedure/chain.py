"""The approval chain as a list of steps with date ranges, ranks and the adopting council decision.

A step's date may be exact, vague (a range of days) or missing. Missing dates get the range the
list position allows (after the dated steps above, before the dated steps below), so checks can
use "the earliest date it can have" without inventing a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from integconcept.document.enums import BodyKind, Purpose, POLITICAL_BODY_KINDS

if TYPE_CHECKING:
    from integconcept.document.model import Concept

#: Usual position of each kind in the chain (administration first, grant notice last).
RANK = {
    BodyKind.administration: 0,
    BodyKind.municipalities: 1,
    BodyKind.partners: 1,
    BodyKind.integration_council: 1,
    BodyKind.conference: 2,
    BodyKind.specialist_committee: 3,
    BodyKind.other_committee: 3,
    BodyKind.main_committee: 4,
    BodyKind.council: 5,
    BodyKind.approval_in_principle: 6,  # grundsätzliche Genehmigung der Ministerien, before the application
    BodyKind.funding_application: 7,
    BodyKind.grant_notice: 8,
    BodyKind.ki_start: 9,
}

CONSULTATION_KINDS = frozenset({BodyKind.municipalities, BodyKind.partners})
DELIBERATING = frozenset({Purpose.consultation, Purpose.decision})


@dataclass
class Step:
    index: int  # position in approval_process.steps
    id: str
    body: str
    kind: BodyKind
    purpose: Purpose
    start: dt.date | None  # the stated range; None when undated
    end: dt.date | None
    precision: str | None
    earliest: dt.date | None  # the range the list position allows (for undated steps)
    latest: dt.date | None
    invitation_date: dt.date | None
    body_ref: str | None
    time: str | None
    date_label: str | None = None
    dispatch: bool = False  # the draft is sent out (no meeting)
    on_draft: bool = False  # a council decision on a draft that goes to consultation afterwards

    @property
    def dated(self) -> bool:
        return self.start is not None

    @property
    def first_day(self) -> dt.date:
        """The first day of a dated step's range (asked only of dated steps)."""
        assert self.start is not None, "an undated step has no days"
        return self.start

    @property
    def last_day(self) -> dt.date:
        """The last day of a dated step's range (asked only of dated steps)."""
        assert self.end is not None, "an undated step has no days"
        return self.end

    @property
    def exact(self) -> dt.date | None:
        return self.start if self.precision == "day" else None

    @property
    def political(self) -> bool:
        return self.kind in POLITICAL_BODY_KINDS

    @property
    def path(self) -> tuple:
        return ("approval_process", "steps", self.index)

    def field_path(self, name: str) -> tuple:
        return self.path + (name,)


def build_steps(concept: Concept) -> list[Step]:
    process = concept.approval_process
    if process is None:
        return []
    steps = []
    for index, raw in enumerate(process.steps):
        start = raw.date.start if raw.date else None
        end = raw.date.end if raw.date else None
        dispatch = raw.dispatch if raw.dispatch is not None else bool(raw.recipients)
        steps.append(
            Step(
                index,
                raw.id,
                raw.body,
                raw.body_kind,
                raw.purpose,
                start,
                end,
                raw.date.precision if raw.date else None,
                start,
                end,
                raw.invitation_date,
                raw.body_ref,
                raw.time,
                raw.date_label,
                dispatch,
                raw.on_draft,
            )
        )
    # Undated steps: bounded by the dated steps around them in the list (one pass each way, so a
    # long list of undated steps costs linear time).
    latest_start: dt.date | None = None
    for step in steps:
        if step.start is not None:  # dated
            latest_start = step.start if latest_start is None else max(latest_start, step.start)
        else:
            step.earliest = latest_start
    earliest_end: dt.date | None = None
    for step in reversed(steps):
        if step.end is not None:  # dated (a dated step has both ends)
            earliest_end = step.end if earliest_end is None else min(earliest_end, step.end)
        else:
            step.latest = earliest_end
    return steps


def adopting_council(concept: Concept, steps: list[Step]) -> Step | None:
    """The council step that adopts the concept: the one matching adoption.date, else the last
    council decision in the list, else the last council step."""
    councils = [s for s in steps if s.kind is BodyKind.council and not s.on_draft] or [
        s for s in steps if s.kind is BodyKind.council
    ]
    if not councils:
        return None
    adopted = concept.adoption.date if concept.adoption else None
    if adopted is not None:
        for step in councils:
            if (
                step.start is not None
                and step.end is not None
                and step.start <= adopted.end
                and adopted.start <= step.end
            ):
                return step
    decisions = [s for s in councils if s.purpose is Purpose.decision]
    return (decisions or councils)[-1]


def compare(first: Step, second: Step) -> str:
    """Is ``first`` on or before ``second``? "yes", "no" (for the whole ranges) or "open".

    Both must be dated. Equal days count as "on or before".
    """
    assert first.start is not None and first.end is not None, "compare needs dated steps"
    assert second.start is not None and second.end is not None, "compare needs dated steps"
    if first.end <= second.start:
        return "yes"
    if first.start > second.end:
        return "no"
    return "open"


def days_between(first: dt.date, second: dt.date) -> int:
    return (second - first).days

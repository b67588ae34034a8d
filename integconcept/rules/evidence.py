"""Helpers the rules share: walking the concept, member structures, text search, key dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable


from integconcept.core.findings import Path
from integconcept.document.enums import BodyKind, MemberCategory, Purpose, TaskAreaKind
from integconcept.document.walk import concept_texts, iter_strings  # noqa: F401  (the one model walker, used by rules from here)

if TYPE_CHECKING:
    from integconcept.document.model import Concept

NR1_KINDS = (TaskAreaKind.elementary, TaskAreaKind.school, TaskAreaKind.school_to_work)
NR1_LABELS = {
    TaskAreaKind.elementary: "Elementarbereich",
    TaskAreaKind.school: "Schule",
    TaskAreaKind.school_to_work: "Übergang Schule – Beruf",
}
MUNICIPAL_CATEGORIES = frozenset(
    {MemberCategory.municipality, MemberCategory.county_administration, MemberCategory.municipal_institution}
)
CUTOFF = dt.date(2022, 1, 1)


# --------------------------------------------------------------------------- walking


def search(texts: Iterable[tuple[Path, str]], pattern: str) -> tuple[Path, str] | None:
    """First (path, matched word) whose text matches the regex ``pattern`` (case-insensitive).

    The hit is widened to the whole word around it (``eltern`` in „Elternbildung“), so patterns need
    no leading ``\\w*`` – which would backtrack quadratically on a long word."""
    regex = re.compile(pattern, re.IGNORECASE)
    for path, text in texts:
        match = regex.search(text)
        if match:
            start, end = match.span()
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            while end < len(text) and text[end].isalnum():
                end += 1
            return path, text[start:end] if end - start <= 200 else match.group(0)
    return None


# --------------------------------------------------------------------------- KI tasks


def task_areas(concept: Concept):
    """(path, group, area) for every area of the KI tasks."""
    if not concept.ki_tasks:
        return
    for g, group in enumerate(concept.ki_tasks.groups):
        for a, area in enumerate(group.areas):
            yield ("ki_tasks", "groups", g, "areas", a), group, area


def has_content(area) -> bool:
    return any((area.focus_goal, area.sub_goals, area.topics, area.products, area.moderated_networks, area.memberships))


#: Fields of a task area that describe what the KI itself offers or aims at. Memberships (the KI
#: sits in someone else's network) and the names of moderated networks are no evidence of an offer.
OFFER_KEYS = ("focus_goal", "sub_goals", "topics", "products")


def _offers(node, path: Path) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for key in OFFER_KEYS:
        if hasattr(node, key):
            out.extend(iter_strings(getattr(node, key), path + (key,)))
    return out


def education_texts(concept: Concept) -> list[tuple[Path, str]]:
    """Offers and goals of the KI tasks that concern the education chain (§ 7/§ 8 Abs. 1 Nr. 1): the
    areas of kind elementary/school/school_to_work and the goals of groups containing them."""
    out: list[tuple[Path, str]] = []
    if not concept.ki_tasks:
        return out
    for g, group in enumerate(concept.ki_tasks.groups):
        group_path: Path = ("ki_tasks", "groups", g)
        if any(area.kind in NR1_KINDS for area in group.areas):
            out.extend(_offers(group, group_path))
        for a, area in enumerate(group.areas):
            if area.kind in NR1_KINDS:
                out.extend(_offers(area, group_path + ("areas", a)))
    return out


def ki_task_texts(concept: Concept, *, offers_only: bool = False) -> list[tuple[Path, str]]:
    """Texts of the KI tasks; with ``offers_only`` only the intro, goals, topics and products (what
    the KI offers), not memberships or network names."""
    if not concept.ki_tasks:
        return []
    if not offers_only:
        return list(iter_strings(concept.ki_tasks, ("ki_tasks",)))
    out = list(iter_strings(concept.ki_tasks.intro, ("ki_tasks", "intro"))) if concept.ki_tasks.intro else []
    for g, group in enumerate(concept.ki_tasks.groups):
        out.extend(_offers(group, ("ki_tasks", "groups", g)))
        for a, area in enumerate(group.areas):
            out.extend(_offers(area, ("ki_tasks", "groups", g, "areas", a)))
    return out


# --------------------------------------------------------------------------- structures and members


@dataclass
class Structure:
    path: Path
    label: str
    members: list  # list[(path, Member)]
    kind: str  # "network", "steering_group", ...


def structures(concept: Concept) -> list[Structure]:
    """Networks and steering groups with their members."""
    out: list[Structure] = []
    strategic = concept.implementation.strategic if concept.implementation else None
    if strategic and strategic.steering_group:
        group = strategic.steering_group
        path: Path = ("implementation", "strategic", "steering_group")
        out.append(
            Structure(
                path, group.name, [(path + ("members", i), m) for i, m in enumerate(group.members)], "steering_group"
            )
        )
    if concept.networks:
        for n, body in enumerate(concept.networks.bodies):
            path = ("networks", "bodies", n)
            out.append(
                Structure(
                    path,
                    body.name,
                    [(path + ("expected_members", i), m) for i, m in enumerate(body.expected_members)],
                    body.kind,
                )
            )
    return out


def categories(structure: Structure) -> set[MemberCategory]:
    return {m.category for _, m in structure.members if m.category is not None}


def institutions(concept: Concept):
    operational = concept.implementation.operational if concept.implementation else None
    if not operational:
        return []
    return [
        (("implementation", "operational", "institutions", i), inst) for i, inst in enumerate(operational.institutions)
    ]


def steps(concept: Concept):
    if not concept.approval_process:
        return []
    return [(("approval_process", "steps", i), step) for i, step in enumerate(concept.approval_process.steps)]


def step_texts(concept: Concept) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for path, step in steps(concept):
        out.extend(iter_strings(step, path))
    return out


# --------------------------------------------------------------------------- dates


def council_decisions(concept: Concept):
    """Council decisions on the concept itself (a decision on a draft, ``on_draft: true``, that goes to
    consultation afterwards is not its adoption)."""
    return [
        (path, step)
        for path, step in steps(concept)
        if step.body_kind is BodyKind.council and step.purpose is Purpose.decision and not step.on_draft
    ]


def adoption_date(concept: Concept) -> tuple[Path, dt.date] | None:
    """The adoption date: ``adoption.date`` or else the (latest) council decision step's date.

    None for a draft: it is not adopted yet (a council decision in its process, e.g. to set up the
    KI, is not the concept's adoption)."""
    if concept.status.value == "draft":
        return None
    if concept.adoption and concept.adoption.date:
        return ("adoption", "date"), concept.adoption.date.end  # a vague date: its last possible day
    dated = [(path + ("date",), step.date) for path, step in council_decisions(concept) if step.date]
    if dated:
        path, date = max(dated, key=lambda item: item[1].start)
        return path, date.end
    return None


def adoption_when(concept: Concept, day: dt.date) -> str:
    """„am 30.10.2012“, or the vague adoption date as written („Ende März 2021“)."""
    date = concept.adoption.date if concept.adoption else None
    if date is not None and not date.is_exact and date.end == day:
        return date.german()
    return f"am {de_date(day)}"


def application_steps(concept: Concept):
    return [(path, step) for path, step in steps(concept) if step.body_kind is BodyKind.funding_application]


# --------------------------------------------------------------------------- formatting


def de_number(value: float, decimals: int = 0) -> str:
    """A number in a message as the document prints it (49 011; 34,7 for 34.65): :func:`integconcept.core.german.number`."""
    from integconcept.core.german import number

    return number(value, decimals, thousands="thin_space")


def de_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def names_list(names: list[str]) -> str:
    names = [f"„{n}“" for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " und " + names[-1]
